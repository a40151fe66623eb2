"""A known name as meant where it stands: the gazetteer's match is a common word there ("a palm
tree" is not PaLM), or part of a longer name ("Palm Springs", "University of California", "south
america" in raw captions), and an episode's term written inside a longer capitalised name is
that name ("Wuhan Institute of Virology"). Used by kg.resolve before a mention is decided.

>>> not_the_name("We sat under a palm tree.", 15, 19, "PaLM", "Model", lambda s: False)
('a common word in lowercase', None)
>>> text = "I studied at the University of California."
>>> not_the_name(text, text.index("California"), len(text) - 1, "California", "Place", lambda s: False)
('part of a longer name', (17, 41))
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS as _STOP_WORDS

from .evidence import SAME_PLACE, geonames_place, type_by_form
from .normalize import MODEL_VARIANTS, word_zipf
from .person_names import is_given
from .sounds import TITLES

COMMON_WORD_ZIPF = 3.0       # "palm", "whisper", "operator", "cloud": English words before they are names
COMMON_NAME_ZIPF = 4.0       # a role field of one word this common ("Various", "Guest") may name nobody
_EXTENDS = re.compile(r" ([A-Z][a-z]+)\b")                          # "Palm Springs"
_OF_BEFORE = re.compile(r"(?:(?<=\s)|^)(?:The )?((?:[A-Z][\w'’&-]* )*([A-Z][a-z]+)) of (?:the )?$")   # "University of"
# heads of "X of <place>" that still mean the place: the place itself ("Republic of Chad", kg.evidence.SAME_PLACE),
# a person's office ("Governor of Texas"), a part of it ("North of England")
OF_PLACE_HEADS = TITLES | SAME_PLACE | {"king", "queen", "prince", "princess", "duke", "duchess", "emperor", "empress",
                                        "mayor", "minister", "chancellor", "premier", "ambassador", "secretary", "ceo",
                                        "chief", "head", "capital", "north", "south", "east", "west", "center", "centre",
                                        "heart", "rest", "part", "parts", "most", "all", "history", "map", "news",
                                        "shah", "tsar", "czar", "sultan", "emir", "pope", "leader", "speaker", "vice",
                                        "attorney", "government", "army", "economy", "area", "mr", "mrs", "ms", "mx"}
OF_HEAD_ZIPF = 3.0          # the word before "of" is an English word ("Treaty", "University"), not a surname ("Putin")
_EXTENDED = re.compile(r"(?:(?<=\s)|^)([A-Z][a-z]+) $")                # "Battlestar Galactica"
_OPENS = frozenset(".!?:;…\n\"“”'‘’()[]-–—*#")        # after these a capital may start a sentence


def _opens_sentence(text: str, at: int) -> bool:
    """Whether text[at] stands where a capital may start a sentence: at the start of the text, or
    after one of _OPENS (spaces and tabs aside).

    >>> _opens_sentence("Hi. Quill", 4), _opens_sentence("met Quill", 4), _opens_sentence("Quill", 0)
    (True, False, True)
    """
    before = text[max(0, at - 40):at].rstrip(" \t")
    return not before or before[-1] in _OPENS


VERSION_WORDS = MODEL_VARIANTS | {"code", "chat", "vision", "voice", "studio", "search", "app", "apps", "cloud", "labs",
                                  "research", "team", "ai"}


def not_the_name(text: str, start: int, end: int, label: str, type_: str, known) -> tuple[str, tuple | None] | None:
    """Why the known name `label` (of type `type_`), matched at text[start:end] of edited text, is
    not meant there, with the span of the longer name it is part of (None when it is meant): written
    as one lowercase word where that is a common English word ("a palm tree" is not PaLM), or a
    capitalised word (not an acronym) inside a longer capitalised name nothing knows ("Palm
    Springs", "Battlestar Galactica", "South Africa", "Poincare Conjecture"). A person's name, and
    a company's before another capitalised word, still name them ("Google Docs" is Google's).
    `known(name)` says whether a name is known; version and product words ("Gemini Pro", "Claude
    Code") and known neighbours ("Google Gemini") extend nothing.

    >>> text = "We sat under a palm. Palm Springs is hot. Battlestar Galactica aired. PaLM and Bard are models."
    >>> [not_the_name(text, text.find(w), text.find(w) + len(w), n, "Model", lambda s: False) for w, n in
    ...  [("palm", "PaLM"), ("Palm", "PaLM"), ("Galactica", "Galactica"), ("PaLM", "PaLM"), ("Bard", "Bard")]]
    [('a common word in lowercase', None), ('part of a longer name', (21, 33)), ('part of a longer name', (42, 62)), None, None]
    """
    written = text[start:end]
    if written.islower() and not label.islower():    # one word: "alpha proof" is still AlphaProof
        return ("a common word in lowercase", None) if " " not in written and word_zipf(written) >= COMMON_WORD_ZIPF \
            else None
    if " " in written or not written[:1].isupper() or written.isupper() or label.islower() or type_ == "Person":
        return None             # acronyms ("IMO Problem 6") and ideas ("Pre-training Compute") head headings
    after = _EXTENDS.match(text, end) if type_ != "Organization" else None      # "Google Docs" is Google's
    before = _EXTENDED.search(text[max(0, start - 40):start])
    if before:          # a capital at a sentence's start says nothing, unless the word is rare ("Battlestar")
        if _opens_sentence(text, start - len(before.group(0))) and word_zipf(before.group(1)) >= COMMON_WORD_ZIPF:
            before = None
    for word, span in ((after and after.group(1), after and (start, after.end(1))),
                       (before and before.group(1), before and (start - len(before.group(0)), end))):
        if word and word.lower() not in VERSION_WORDS and not known(word) and not known(text[span[0]:span[1]]) \
                and not _title_case(text, start, end):
            return "part of a longer name", span
    if type_ == "Place" and not before:           # "University of California", "Treaty of Paris", "Out of Africa"
        base = max(0, start - 60)
        of = _OF_BEFORE.search(text[base:start])
        at, whole = (base + of.start(1), base + of.start(0)) if of else (start, start)
        opens = at == whole and _opens_sentence(text, at)
        lead = next((w for w in of.group(1).split() if w.lower().rstrip(".") not in OF_PLACE_HEADS), "") if of else ""
        if of and of.group(2).lower() not in OF_PLACE_HEADS and not is_given(lead) \
                and word_zipf(of.group(2)) >= OF_HEAD_ZIPF \
                and not (opens and word_zipf(of.group(1).split()[0]) >= COMMON_WORD_ZIPF) \
                and not known(text[at:end]) and not _title_case(text, start, end):
            return "part of a longer name", (at, end)
    return None


_WORD_BEFORE, _WORD_AFTER = re.compile(r"(?:^|(?<=\s))([a-z]+) $"), re.compile(r" ([a-z]+)\b")


def inside_a_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], written with a capital inside a sentence, stands in a longer
    capitalised name: a capitalised word before it (across "of", "for", "and", "the") or right
    after it ("Wuhan Institute of Virology", "Board of Overseers", "Human Rights Foundation"; not
    "the Obvious Objection", a named idea on its own).

    >>> text = "Virology matters. The Wuhan Institute of Virology is big. We use the Obvious Objection, Because Candor helps."
    >>> def said(word, after=0):
    ...     at = text.index(word, after)
    ...     return inside_a_name(text, at, at + len(word))
    >>> said("Virology"), said("Virology", 5), said("Obvious Objection"), said("Candor")
    (False, True, False, False)
    """
    if not text[start:start + 1].isupper() or _title_case(text, start, end):       # a heading names its topic
        return False
    if _opens_sentence(text, start):
        return False
    words = text[max(0, start - 40):start].split()
    while words and words[-1] in ("of", "for", "and", "the", "&"):
        words.pop()
    after = _EXTENDS.match(text, end)
    named = bool(words) and words[-1][:1].isupper() and words[-1][-1:].isalpha() and _names_a_thing(words[-1])
    return named or after is not None and _names_a_thing(after.group(1))


_DAYS_MONTHS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                         "june july august september october november december".split())


def _names_a_thing(word: str) -> bool:
    """A capitalised word that may be part of a longer name: not a stop word ("Because"), a
    weekday or month, or a possessive ("Sutton's Bitter Lesson": the lesson is Sutton's, not a name)."""
    low = word.lower()
    return low not in _STOP_WORDS and low not in _DAYS_MONTHS and not low.endswith(("'s", "’s"))


def inside_known(text: str, start: int, end: int, other) -> tuple[int, int] | None:
    """In lowercase text, the span of a longer name that text[start:end] is part of, when that name
    is a GeoNames place or `other(name)` (another known entry): "america" in "south america".

    >>> text = "we flew to south america and then home to america"
    >>> inside_known(text, 17, 24, lambda s: False), inside_known(text, 42, 49, lambda s: False)
    ((11, 24), None)
    """
    before, after = _WORD_BEFORE.search(text[max(0, start - 30):start]), _WORD_AFTER.match(text, end)
    spans = ([(start - len(before.group(0)), end)] if before else []) + ([(start, after.end(1))] if after else [])
    for a, b in spans:
        if geonames_place(text[a:b]) or other(text[a:b]):
            return a, b
    return None


def names_nobody(name: str, text: str) -> bool:
    """A guest or host field holding one common English word, with or without a note ("Various
    (Year-End Review)"), that the text never writes as a name (capitalised inside a sentence):
    nobody. "Sam" is somebody where the text says "thanks, Sam".

    >>> text = "Sam here. Great to be back, thanks, Sam."
    >>> names_nobody("Various (Year-End Review)", "Various clips."), names_nobody("Sam", text), names_nobody("Karina", "")
    (True, False, False)
    """
    word = re.sub(r"\s*[(\[].*$", "", name).strip()
    if not word.isalpha() or word_zipf(word) < COMMON_NAME_ZIPF:
        return False
    return all(_opens_sentence(text, found.start()) for found in re.finditer(rf"\b{re.escape(word)}\b", text))


def _title_case(text: str, start: int, end: int) -> bool:
    """Whether the line around text[start:end] is a heading in title case (most words capitalised)."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    words = [w for w in text[max(line_start, start - 60):end + 60 if line_end < 0 else min(line_end, end + 60)].split()
             if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2


def as_meant(m, text: str, edited: bool, gaz) -> tuple:
    """(the gazetteer's match `m` as meant where it stands in `text`, why it changed or None): the
    longer name it is part of ("Palm Springs", typed by its form; "south america" in lowercase
    captions), None for a common word ("a palm tree"), or `m` itself. `edited`: `text` is not raw
    speech recognition (kg.read.text.speech_recognition); `gaz` the Gazetteer that matched."""
    entry = gaz.entries[m.key]
    if not edited:
        span = inside_known(text, m.start, m.end, lambda s: (e := gaz.lookup(s)) is not None and e.key != m.key)
        found = span and ("part of a longer known name", span)
    else:
        found = not_the_name(text, m.start, m.end, entry.label, entry.type, gaz.lookup)
    if not found:
        return m, None
    if found[1] is None:
        return None, found[0]
    (start, end), longer = found[1], text[found[1][0]:found[1][1]]
    return replace(m, surface=longer, type=type_by_form(longer), source="ner", confidence=0.6, key=None,
                   start=start, end=end), found[0]
