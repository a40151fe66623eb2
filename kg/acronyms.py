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
MIN_USES = 3                # said this often, and by NER at least twice (kg.support)
INSTITUTION_USES = 5        # an institution needs more: a few "the OG"s happen by chance
DEFINITE_SHARE = 0.6        # of its uses, at least this many after "the" ...
DEFINITE_COUNTED = 0.1      # ... and at most this many counted: an institution
COUNTED_SHARE = 0.3         # counted at least this often: a kind of thing
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_USE = re.compile(r"(?<![\w-])([A-Z]{2,5})(s?)(?![\w-])")
_BEFORE = re.compile(r"\b(the|an?|another|every|each|these|those|two|three|many|more|some)\s+$", re.I)
_COUNTING = frozenset({"a", "an", "another", "every", "each", "these", "those", "two", "three", "many", "more"})
# job titles: "CEO", "CTO", "CISO", "VP", "PM", "SDR": said of people, neither institutions nor ideas
_TITLE = re.compile(r"C[A-Z]{1,2}O|[SEA]?VP|GM|T?PMM?|EM|IC|MD|GP|LP|DJ|MC|[SB]DR|AE|CSM|AM")


def uses(text: str, acronym: str, found: dict[str, list[str]] | None = None) -> list[str]:
    """How the text uses an acronym, one SAID per use plus DEFINITE ("the FBI") or COUNTED
    ("an API", "APIs") where it is so used; [] for a name that is no acronym. `found`: the
    text's `index`, when the caller keeps it (one pass over the text for all its acronyms)."""
    if not _ACRONYM.fullmatch(acronym):
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


# -- an acronym and its words, both nodes ------------------------------------------------------------
SPELLED_OUT = "acronym spelled out"             # merged_by of an acronym joined to its words
_SMALL = frozenset({"of", "the", "and", "for", "on", "in", "&", "a", "to"})


def initials(label: str) -> str | None:
    """The capital initials of a name of two or more words, hyphenated parts apart and small words
    left out: "Non-Proliferation Treaty" -> "NPT", "product-market fit" -> "PMF"; None for one word.

    >>> initials("International Atomic Energy Agency"), initials("Ku Klux Klan"), initials("Vanta")
    ('IAEA', 'KKK', None)
    """
    words = [w for w in re.split(r"[\s\-–]+", label) if w and w.lower() not in _SMALL]
    if len(words) < 2 or not all(w[0].isalpha() for w in words):
        return None
    return "".join(w[0] for w in words).upper()


def spelled_out(kept: dict) -> dict[str, str]:
    """Join an acronym's node and the one node whose words it spells that an episode of the
    acronym also names ("IAEA" and "International Atomic Energy Agency", "NPT" and
    "Non-Proliferation Treaty"); the words are the label, their node's type stays. Not people,
    not two gazetteer entries, and not when two such nodes share its episodes ("ADL" beside
    "Anti-Defamation League" and a joke's "Apartheid Defense League"). Returns absorbed key -> the
    key it joined; `kept` loses the absorbed clusters."""
    from .clusters import absorb, entity_type, label_of

    spelled: dict[str, list[str]] = {}
    for key in sorted(kept):
        if entity_type(kept[key]) != "Person" and (letters := initials(label_of(kept[key]))):
            spelled.setdefault(letters, []).append(key)
    moved: dict[str, str] = {}
    for key in sorted(kept):
        c = kept.get(key)
        if c is None or entity_type(c) == "Person" or not is_acronym(label := label_of(c)):
            continue
        words = [k for k in spelled.get(label, ()) if k in kept and kept[k].sources & c.sources]
        if len(words) != 1 or (c.entry is not None and kept[words[0]].entry is not None):
            continue
        into, gone = (key, words[0]) if c.entry is not None else (words[0], key)      # a gazetteer entry stays
        kept[into].settled = entity_type(kept[into])
        b = kept.pop(gone)
        for surface in b.surfaces:
            b.rules[surface] = SPELLED_OUT
        absorb(kept[into], b)
        moved[gone] = into
    return moved
