"""Text saved from a podcast web page.

A page holds this episode's title (often twice: page heading and episode
heading) and description, then listings of *other* episodes (title, teaser,
a date/duration line), then site boilerplate. The description becomes this
episode; each listed episode becomes a stub of its own; boilerplate is dropped.

>>> page = "Ep 9 – Ada\\n\\nEp 9 – Ada\\n\\nAda talks.\\n\\nMore (2)\\n\\nEp 8\\n\\nEp 8\\n\\nOld one...\\n\\n" \\
...        "3 Jan 1h 2min\\n\\nEp 7\\n\\nEp 7\\n\\nOlder...\\n\\n2 Jan 50min\\n\\nPrivacy\\n\\nabout-us"
>>> p = split(page.split("\\n"))
>>> p.title, p.body, [(s.title, s.teaser, s.when) for s in p.stubs], p.dropped
('Ep 9 – Ada', ['Ada talks.'], [('Ep 8', 'Old one...', '3 Jan 1h 2min'), ('Ep 7', 'Older...', '2 Jan 50min')], 2)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_DUR = r"(?:\d+\s?h(?:\s?\d+\s?min)?|\d+\s?min|\d{1,2}:\d{2}(?::\d{2})?)"
_DATE = (r"(?:\d{1,2}\.?\s[^\W\d_]{3,10}\.?(?:\s\d{4})?|[^\W\d_]{3,10}\.?\s\d{1,2}(?:,?\s\d{4})?"
         r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|today|yesterday|\d+\s(?:days?|weeks?|months?)\sago)")
_META = re.compile(rf"^(?:{_DATE})?\s*[·•|,–-]?\s*(?:{_DUR})?$", re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "okt", "oct", "nov", "dec", "dez", "mär",
           "mai", "juni", "juli", "janv", "févr", "avr", "déc", "ene", "dic", "ago", "set", "mars", "maj", "okt")


@dataclass
class Stub:
    title: str
    teaser: str
    when: str


@dataclass
class Page:
    title: str | None
    header: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    stubs: list[Stub] = field(default_factory=list)
    dropped: int = 0


def is_meta(line: str) -> bool:
    """A date and/or duration line that closes an episode card ("10 Mars 1h 11min")."""
    line = line.strip()
    if not line or len(line) > 40 or not _META.match(line):
        return False
    has_duration = re.search(r"\d\s?(?:h|min)\b", line, re.I) is not None
    month = re.search(r"[^\W\d_]{3,10}", line)
    has_date = re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|ago|today|yesterday", line, re.I) or (
        month is not None and month.group(0).lower().rstrip(".")[:4].startswith(_MONTHS))
    return bool(has_duration or has_date)


def _cards(lines: list[str]) -> list[tuple[int, int]]:
    """(title index, meta index) of each episode card: a title, a teaser, a meta line."""
    metas = [k for k, line in enumerate(lines) if is_meta(line)]
    cards = []
    for n, k in enumerate(metas):
        if n and k - metas[n - 1] >= 2:
            cards.append((metas[n - 1] + 1, k))
            continue
        # first card: its title is the nearest repeated line above, else two lines up
        start = max(k - 2, 0)
        for j in range(k - 2, max(k - 7, 0), -1):
            if j >= 1 and lines[j] == lines[j - 1]:
                start = j - 1
                break
        if k - start >= 2:
            cards.append((start, k))
    return cards


def looks_like(lines: list[str]) -> bool:
    lines = [line.strip() for line in lines if line.strip()]
    return len(_cards(lines)) >= 2


def split(raw_lines: list[str]) -> Page:
    lines = [line.strip() for line in raw_lines if line.strip()]
    cards = _cards(lines)
    first_card = cards[0][0] if cards else len(lines)
    main = lines[:first_card]
    # a short header line right before the first card introduces the listing ("Episodes (324)")
    if main and len(main[-1].split()) <= 4 and not main[-1].endswith((".", "!", "?")):
        main = main[:-1]
    page = Page(title=None)
    # page title: the first line that is immediately repeated, else the first line
    for i in range(min(len(main) - 1, 6)):
        if main[i] == main[i + 1]:
            page.header, page.title = main[:i], main[i]
            main = main[i + 2:]
            break
    else:
        if main:
            page.title, main = main[0], main[1:]
    page.body = main
    for start, meta in cards:
        block = lines[start:meta]
        title = block[0]
        rest = block[1:]
        if rest and rest[0] == title:
            rest = rest[1:]
        page.stubs.append(Stub(title, " ".join(rest), lines[meta]))
    page.dropped = len(lines) - (cards[-1][1] + 1) if cards else 0
    return page
