"""What a title says its people are part of: the parenthesis right after a participant's name,
"Ada Byron (Loomworks, ex-Analytical Co)" or "(VP of Product at Loomworks)" or "(author of
Notes on the Engine)", gives organisations (and works an author or creator made). Roles alone
("CTO", "founder and CEO", "executive coach") give nothing.

>>> affiliations("Weaving with cards | Ada Byron (VP of Looms at Jacquard Co, ex-Babbage & Sons, author of Notes)",
...              ["Ada Byron"])
[('Jacquard Co', 'Organization'), ('Babbage & Sons', 'Organization'), ('Notes', 'Work')]
>>> affiliations("Ada Byron (co-founder and CEO) on looms", ["Ada Byron"]), affiliations("Looms (Part 2)", ["Ada Byron"])
([], [])
>>> affiliations("Ada Byron (Loomworks)", ["Ada Byron"]), affiliations("Ada Byron (Head of Growth, Loomworks)", ["Ada Byron"])
([('Loomworks', '')], [('Loomworks', 'Organization')])
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MAX_INSIDE = 120
# job titles, roles and departments: a parenthesis item made only of these names no organisation
ROLES = {"ceo", "cto", "cpo", "coo", "cfo", "cmo", "cro", "vp", "svp", "evp", "pm", "gm", "head", "director", "founder",
         "co-founder", "cofounder", "co-creator", "creator", "author", "authors", "partner", "president", "chair",
         "chairman", "chief", "officer", "lead", "manager", "engineer", "designer", "writer", "editor", "advisor",
         "investor", "professor", "speaker", "coach", "exec", "executive", "researcher", "scientist", "host", "deputy",
         "former", "first", "general", "managing", "principal", "senior", "staff", "product", "of", "and", "the", "in",
         "hire", "gtm", "eng", "engineering", "growth", "design", "data", "analytics", "science", "operating",
         "serial", "entrepreneur", "group", "strategy", "marketing", "sales", "operations", "platform", "research"}
# what a person is, after an organisation's name: "Stanford professor", "Waze co-founder"
PERSON_ROLES = {"ceo", "cto", "cpo", "coo", "cfo", "cmo", "cro", "vp", "pm", "gm", "founder", "co-founder", "cofounder",
                 "co-creator", "creator", "author", "partner", "president", "chair", "chairman", "professor", "advisor",
                 "investor", "coach", "engineer", "designer", "writer", "editor", "researcher", "scientist", "deputy",
                 "entrepreneur", "alum", "alumnus", "veteran"}
# roles whose "of" names an organisation ("CTO of Stripe"); "Head of Growth" names a department
_OWNERS = {"ceo", "cto", "cpo", "coo", "cfo", "cmo", "cro", "founder", "co-founder", "cofounder", "partner", "president",
           "chair", "chairman", "chief", "editor"}
_WORK_HEADS = re.compile(r"^(?:co-)?(?:authors?|creators?|co-creators?|writers?|editors?) of\s+", re.I)
_QUOTED = re.compile(r"^[\"“‘'](.+?)[\"”’']$")
_SPLIT = re.compile(r"\s*[,;/]\s*|\s+and\s+(?=[A-Z])")
_NOT_AFFILIATION = re.compile(r"^(?:part|pt|episode|ep|vol|volume|live|rerun|encore|replay|bonus|update|remastered|"
                              r"re-?release|full|audio|video|interview|transcript)\b|^\d", re.I)


def affiliations(title: str, people: Iterable[str]) -> list[tuple[str, str]]:
    """(name, type) pairs from the parenthesis after each person's name in the title, in order. A lone
    name with no role around it ("Ada Byron (Loomworks)") may be a company, a book or a newsletter:
    its type is left to the text ("")."""
    out: list[tuple[str, str]] = []
    for person in people:
        if person not in title:         # most people are not named in the title: no pattern to compile
            continue
        m = re.search(re.escape(person) + r"\s*\(([^()]{1,%d})\)" % MAX_INSIDE, title)
        if not m:
            continue
        items = [item.strip(" .") for item in _SPLIT.split(m.group(1).strip())]
        found = [x for item in items if (x := _item(item))]
        plain = [x for x in found if x[1] is None]
        roles = [item for item in items if all(w.lower() in ROLES for w in re.findall(r"[\w-]+", item))]
        for name, kind in found:        # bare names in a list, or beside a role, are companies; one alone may be anything
            kind = kind or ("Organization" if len(plain) >= 2 or roles else "")
            if (name, kind) not in out:
                out.append((name, kind))
    return out


def _item(item: str) -> tuple[str, str | None] | None:
    """(name, type) of one item; type None for a bare name, whose type depends on its neighbours."""
    kind = None
    work = _WORK_HEADS.match(item)
    if work:
        item, kind = item[work.end():], "Work"
    elif (at := list(re.finditer(r"\sat\s+|\s?@\s*", item))):       # "VP of Product at GitHub", "PM @Slack"
        item, kind = item[at[-1].end():], "Organization"
    elif (of := re.search(r"\sof\s+", item)):                       # "CTO of Stripe", not "Head of Growth"
        if not {w.lower() for w in re.findall(r"[\w-]+", item[:of.start()])} & _OWNERS:
            return None
        item, kind = item[of.end():], "Organization"
    elif re.match(r"(?:ex-|former\s+)", item, re.I):
        kind = "Organization"
    quoted = _QUOTED.match(item.strip())
    if quoted:
        item, kind = quoted.group(1), "Work"
    item = re.sub(r"^(?:ex-|former\s+)", "", item.strip(" .\"“”'‘’"), flags=re.I)
    words = item.split()
    if len(words) > 1 and words[-1].lower() in PERSON_ROLES:       # "Stanford professor", "Waze co-founder"
        words = [w for w in words if w.lower() not in PERSON_ROLES]
        kind = kind or "Organization"
    item = " ".join(words)
    if (not words or len(words) > 5 or not item[:1].isupper() or len(item) < 3 or _NOT_AFFILIATION.match(item)
            or all(w.lower().strip("-") in ROLES for w in words)):
        return None
    return item, kind
