"""What an unknown acronym is, from how English uses it. NER calls almost every acronym an ORG
("SEO", "API", "FBI" alike), and the gazetteer knows only the field's own. The article says more:

- an institution takes "the" and is never counted: "the FBI", "the IRS" (an Organization);
- a kind of thing is counted: "an API", "a CRM", "APIs", "OKRs" (a Concept);
- anything else ("SEO", "NASA", "EQ") stays out, as before.

Job titles ("the CTO", "a VP") are neither. NER rarely tags "an API" or "APIs", so the uses are
read from the whole document at the acronym's first mention there (kg.evidence.observed), and
summed over the documents of the cluster.

>>> text = "The FBI called; the FBI left; the FBI won; FBI agents came. The FBI. An API, two APIs, API docs."
>>> from collections import Counter
>>> Counter(uses(text, "FBI")), Counter(uses(text, "API"))
(Counter({'acronym': 5, 'definite': 4}), Counter({'acronym': 3, 'counted': 2}))
>>> kind("FBI", Counter(uses(text, "FBI"))), kind("API", Counter(uses(text, "API"))), kind("CTO", Counter(acronym=5, definite=5))
('Organization', 'Concept', '')
"""
from __future__ import annotations

import re
from collections import Counter

DEFINITE = "definite"       # "the FBI"
COUNTED = "counted"         # "an API", "APIs"
SAID = "acronym"            # any use
USES = frozenset({DEFINITE, COUNTED, SAID})     # kept apart from the type cues (kg.clusters.Cluster.uses)
MIN_USES = 3                # said this often, and by NER at least twice (kg.support)
INSTITUTION_USES = 5        # an institution needs more: a few "the OG"s happen by chance
DEFINITE_SHARE = 0.6        # of its uses, at least this many after "the" ...
DEFINITE_COUNTED = 0.1      # ... and at most this many counted: an institution
COUNTED_SHARE = 0.3         # counted at least this often: a kind of thing
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_USE = re.compile(r"(?<![\w-])([A-Z]{2,5})(s?)(?![\w-])")
_BEFORE = re.compile(r"\b(the|an?|another|every|each|these|those|two|three|many|more)\s+$", re.I)
_COUNTING = frozenset({"a", "an", "another", "every", "each", "these", "those", "two", "three", "many", "more"})
# job titles: "CEO", "CTO", "CISO", "VP", "PM", "SDR": said of people, neither institutions nor ideas
_TITLE = re.compile(r"C[A-Z]{1,2}O|[SEA]?VP|GM|T?PMM?|EM|IC|MD|GP|LP|DJ|MC|[SB]DR|AE|CSM|AM")


def uses(text: str, acronym: str, found: dict[str, list[str]] | None = None) -> list[str]:
    """How the text uses an acronym, one SAID per use plus DEFINITE ("the FBI") or COUNTED
    ("an API", "APIs") where it is so used; [] for a name that is no acronym. `found`: the
    text's `index`, when the caller keeps it (one pass over the text for all its acronyms)."""
    if not is_acronym(acronym):
        return []
    return list((index(text) if found is None else found).get(acronym, ()))


def is_acronym(name: str) -> bool:
    return _ACRONYM.fullmatch(name) is not None


def index(text: str) -> dict[str, list[str]]:
    """Every acronym of the text with its uses (as `uses` gives them), in one pass."""
    found: dict[str, list[str]] = {}
    for m in _USE.finditer(text):
        said = found.setdefault(m.group(1), [])
        said.append(SAID)
        before = _BEFORE.search(text, max(0, m.start() - 12), m.start())
        article = before.group(1).lower() if before else ""
        if m.group(2) or article in _COUNTING:
            said.append(COUNTED)
        elif article == "the":
            said.append(DEFINITE)
    return found


def kind(label: str, seen: Counter) -> str:
    """The type an unknown acronym's uses (summed `uses`) give it: "Organization", "Concept" or ""."""
    said = seen[SAID]
    if said < MIN_USES or _TITLE.fullmatch(label):
        return ""
    if said >= INSTITUTION_USES and seen[DEFINITE] >= DEFINITE_SHARE * said \
            and seen[COUNTED] <= DEFINITE_COUNTED * said:
        return "Organization"
    if seen[COUNTED] >= COUNTED_SHARE * said:
        return "Concept"
    return ""
