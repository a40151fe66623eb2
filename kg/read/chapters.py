"""An episode's chapters (title + second): headings between the turns of a transcript, each at the
second of the turn after it, or a chapter list ("0:00 – Introduction", "(05:03) Pricing") in a
page header, a description or a JSON export's `chapters`. A list counts when it has at least
MIN_LISTED entries whose seconds rise.

>>> listed("Links.\\n  * 0:00 – Introduction\\n  * 1:43 – Grading [our] work\\n  * 1:02:07 – Ships")
[Chapter(title='Introduction', seconds=0.0), Chapter(title='Grading our work', seconds=103.0), Chapter(title='Ships', seconds=3727.0)]
>>> listed("(00:00) Intro\\n(05:03) Pricing\\n(03:00) Out of order"), listed("at 0:00 we met")
([], [])
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Chapter, Turn
from .text import TIMESTAMP, parse_seconds

MIN_LISTED = 3
MAX_TITLE = 150
_LINE = re.compile(rf"^\s*(?:[*•·-]\s+)?[\[(]?(?P<ts>{TIMESTAMP})[\])]?\s*(?:[-–—:|]\s*)?(?P<title>\S.*?)\s*$")
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`\[\]]")      # a Markdown link -> its text; emphasis dropped


def listed(text: str | Iterable[str]) -> list[Chapter]:
    """The longest run of chapter lines (time, then title) with rising seconds, or [] when shorter
    than MIN_LISTED."""
    lines = text.split("\n") if isinstance(text, str) else [x for line in text for x in line.split("\n")]
    best: list[Chapter] = []
    run: list[Chapter] = []
    for line in lines:
        m = _LINE.match(line)
        title = _title(m.group("title")) if m else ""
        if not title:
            if line.strip():
                best, run = max(best, run, key=len), []
            continue
        seconds = parse_seconds(m.group("ts"))
        if run and seconds <= run[-1].seconds:
            best, run = max(best, run, key=len), []
        run.append(Chapter(title, seconds))
    best = max(best, run, key=len)
    return best if len(best) >= MIN_LISTED else []


def from_headings(headings: Sequence[tuple[str, int]], turns: Sequence[Turn]) -> list[Chapter]:
    """Chapters of (title, character offset) headings: each at the second of the first turn at or
    after it (None when that turn has no time)."""
    starts = [t.start for t in turns]
    out = []
    for title, offset in headings:
        following = next((t for t, s in zip(turns, starts) if s >= offset), None)
        if (clean := _title(title)):
            out.append(Chapter(clean, following.seconds if following else None))
    return out


def from_json(items) -> list[Chapter]:
    """A JSON export's `chapters`: [{"title": ..., "start_time"|"start": seconds}, ...]."""
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        title = next((item[k] for k in ("title", "name", "text") if isinstance(item.get(k), str)), "")
        start = next((item[k] for k in ("start_time", "start", "startTime", "time", "seconds") if k in item), None)
        seconds = (parse_seconds(start) if isinstance(start, str) and re.fullmatch(TIMESTAMP, start.strip())
                   else float(start) if isinstance(start, (int, float)) and not isinstance(start, bool) else None)
        if (clean := _title(title)) and seconds is not None:
            out.append(Chapter(clean, seconds))
    return out


def _title(raw: str) -> str:
    title = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", raw).split()).strip(" -–—:|")
    return title[:MAX_TITLE] if re.search(r"[^\W\d_]", title) else ""
