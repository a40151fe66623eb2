"""Whether a cluster of mentions has the support to be a node of the graph: a name nothing knows
needs a type its own evidence allows (kg.evidence), and a single unknown word needs more than one
sighting.

>>> from kg.clusters import Cluster
>>> from kg.gazetteer import Gazetteer
>>> c = Cluster(key="x"); c.surfaces["quillory"] += 1; c.types["Organization"] += 1.0; c.spans = 1
>>> weak(c, Gazetteer.from_entries([]), {})
'lowercase, unknown'
"""
from __future__ import annotations

import re
from collections import Counter

from . import acronyms, evidence, field_sense, person_names
from .clusters import SHORT_FORMS, Cluster, entity_type, full_name, label_of, votes_of
from .match import GLUE
from .merges import joined
from .gazetteer import Gazetteer, fold
from .normalize import ORG_HEADS, ORG_SUFFIXES, word_zipf
from .terms import singulars

RARE_ZIPF = 3.0             # a word rarer than this in English may be a name ("Dibble", "Polovets")
DICTIONARY_ZIPF = 3.0       # a dictionary word this common is no name by itself ("help", "scout", "blade")
SURNAME_ALONE_ZIPF = 5.0    # a word this common in English is the word ("Square", "Red"), not a surname
PERSON_CUE_SHARE = 0.25     # a company-typed word followed by "he"/"she" this often is a person ("Tinder": 2 in 11)
CAPTION_WORD_ZIPF = 3.5      # a word this common, capitalised only by auto-captions, is the word
WORD_COMPANY_SPANS = 4       # a dictionary word NER calls a company this often in one episode needs a company word
_SIGNS = re.compile(r"[+#@&/=<>]")          # no person's name holds these (no_name)
_DIGIT = re.compile(r"\d")
_VERSIONED = re.compile(r"^[A-Z][A-Za-z]*-?\d+(?:\.\d+)?[a-z]?$")


def model_family(gaz: Gazetteer, name: str) -> bool:
    """A variant of a gazetteer model: "Gemini Pro", "GPT-4o", "Claude 3 Sonnet"."""
    return any((e := gaz.lookup(name[:i])) is not None and e.type == "Model"
               for i in range(3, len(name)) if name[i] in " -." or name[i - 1].isdigit())


def _voted_person(c: Cluster) -> bool:
    return bool(c.types) and max(c.types, key=lambda t: (c.types[t], t)) == "Person"


def given_name(word: str, given: frozenset[str]) -> bool:
    """A given name of the corpus or the gazetteer (`given`: given_names) or of Faker's lists."""
    return fold(word) in given or person_names.is_given(word)


def given_names(clusters, first_names: dict) -> frozenset[str]:
    """Folded first words of the people a corpus names in full (two or more words, voted Person by
    their role or by three or more mentions; not a very common word), and of the gazetteer's
    people: the given names a person-shaped name may start with."""
    found = set(first_names)
    for c in clusters:
        if _voted_person(c) and (c.named or c.types["Person"] >= 3):
            words = label_of(c).split()
            if len(words) >= 2 and words[0][:1].isupper() and word_zipf(words[0]) < 5.0:     # not "Long", "New"
                found.add(fold(words[0]))
    return frozenset(found)


def name_words(clusters, gaz: Gazetteer) -> frozenset[str]:
    """Folded words of the full names of the corpus's people (two or more words, voted Person)
    and of the gazetteer's: "trump" of Donald Trump, "meltem" of Meltem Kuran."""
    names = [label_of(c) for c in clusters if _voted_person(c)]
    names += [e.label for e in gaz.entries.values() if e.type == "Person"]
    return frozenset(fold(w) for name in names if " " in name for w in name.split())


def company_said_alone(c: Cluster, label: str, given: frozenset[str], people: frozenset[str]) -> bool:
    """A one-word name NER took for a person that its cue words call a company, at least twice and
    more often than "he" or "she" follows it, and that is no word of a person's name anywhere
    (given names, surnames, the corpus's and the gazetteer's people: name_words): "Zuora", "Retool", not
    "Trump" (Donald Trump) nor "Giuliani".

    >>> from collections import Counter
    >>> c = Cluster("name:zuora", spans=5, seen=Counter(Organization=3))
    >>> company_said_alone(c, "Zuora", frozenset(), frozenset()), company_said_alone(c, "Zuora", frozenset(), frozenset({"zuora"}))
    (True, False)
    """
    return c.seen["Organization"] >= 2 and c.seen["Organization"] > c.seen["Person"] and not label.isupper() \
        and not given_name(label, given) and fold(label) not in people and not person_names.is_surname(label)


def person_shaped(name: str, given: frozenset[str]) -> bool:
    """Two or three capitalised words, the first a given name and the last no company word and
    rarer than a common English word: "Vivek Ramaswamy", not "Harlan Coben Collection" or "Ork
    Labs". A given name the corpus and the gazetteer do not know, only the lists of many languages
    (kg.person_names), needs a last word that is a surname there or a rare word: "Antoine Bordes",
    not "Star Trek" ("Star" is a given name too).

    >>> person_shaped("Leo Polovets", frozenset({"leo"})), person_shaped("Leo Collection", frozenset({"leo"}))
    (True, False)
    >>> person_shaped("Antoine Vasquelin", frozenset()), person_shaped("Star Trek", frozenset())
    (True, False)
    """
    words = name.split()
    if not (2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()
                                         for w in words) and not words[0].isupper()
            and words[-1].lower() not in ORG_SUFFIXES and word_zipf(words[-1]) < 4.0):
        return False
    if fold(words[0]) in given:
        return True
    return person_names.is_given(words[0]) and (word_zipf(words[-1]) < RARE_ZIPF or person_names.is_surname(words[-1]))


def person_words(name: str, given: frozenset[str]) -> bool:
    """Whether a name of two or more words could be a person's: its first word is a given name,
    or one of its words is no common word of the dictionary. "Help Scout", "Fire Phone", "Blade
    Runner" are words of the dictionary; "Bin Laden" too, so it needs "he" or "she" after it.

    >>> person_words("Help Scout", frozenset()), person_words("Ada Scout", frozenset()), person_words("Quillan Scout", frozenset())
    (False, True, True)
    >>> person_words("Pro Tools", frozenset())
    False
    """
    words = name.split()
    return given_name(words[0], given) or not all(_dictionary_word(w) for w in words)


def _dictionary_word(word: str) -> bool:
    """A common word of the dictionary, or the plural of one ("Tools" of "Pro Tools")."""
    return field_sense.dictionary_word(word, DICTIONARY_ZIPF) or any(
        field_sense.dictionary_word(single, DICTIONARY_ZIPF) for (single,) in singulars((word.lower(),)))


def called_short(c: Cluster) -> bool:
    """A cluster holding a name of two or more words that ends in a surname of Faker's lists and
    whose first word was bound to it as a first name: "Bing" after "Bing Gordon" is somebody,
    however much "Bing" is a word; "Scrum" after "Agile Scrum", "Calendar" after "Gmail Calendar",
    "Halo" heard for "Hail Mary" are not.

    >>> from collections import Counter
    >>> called_short(Cluster("k", surfaces=Counter({"Bing Gordon": 1, "Bing": 9}), rules={"Bing": "first name"}))
    True
    >>> called_short(Cluster("k", surfaces=Counter({"Hail Mary": 1, "Halo": 1}), rules={"Halo": "surname"}))
    False
    """
    return any(len(s.split()) >= 2 and c.rules.get(s) not in SHORT_FORMS and person_names.is_surname(s.split()[-1])
               and c.rules.get(s.split()[0]) == "first name" for s in c.surfaces)


def titled_work(c: Cluster, label: str, given: frozenset[str]) -> bool:
    """A name of two or more words that its documents say more often next to work words ("the
    book", "read", "wrote") than next to company words, shaped like no company (no company head,
    no "&") and like nobody (its first word is no given name): a title NER took for a company.

    >>> from collections import Counter
    >>> c = Cluster("name:scaling innovation", spans=2, seen=Counter(Work=1))
    >>> titled_work(c, "Scaling Innovation", frozenset()), titled_work(c, "Gotham Partners", frozenset())
    (True, False)
    >>> titled_work(c, "Peter Attia", frozenset({"peter"})), titled_work(c, "Figma", frozenset())
    (False, False)
    """
    words = label.split()
    return len(words) >= 2 and c.seen["Work"] > c.seen["Organization"] and "&" not in label \
        and words[-1].lower().strip(".,") not in ORG_HEADS and not given_name(words[0], given)


def surname_alone(c: Cluster, label: str, given: frozenset[str]) -> bool:
    """A one-word Person that is nobody's given name, no common word, said 3 or more times, mostly
    followed by "he" or "she" (the `Person` cue): a surname said alone ("Stalin", "Hegel"), not a
    first name that could be anyone ("David") nor a product NER took for a person ("Gmail").

    >>> from collections import Counter
    >>> c = Cluster("name:stalin", spans=9, seen=Counter(Person=4, Work=1))
    >>> surname_alone(c, "Stalin", frozenset()), surname_alone(c, "David", frozenset({"david"}))
    (True, False)
    """
    others = sum(n for t, n in c.seen.items() if t != "Person")
    return c.spans >= 3 and c.seen["Person"] >= 2 and c.seen["Person"] > others and not given_name(label, given) \
        and label[:1].isupper() and label[1:].islower() and label.isalpha() and word_zipf(label) < SURNAME_ALONE_ZIPF


def said_in_full(c: Cluster, label: str) -> bool:
    """Whether a one-word label is the first or last word of a surface of the same cluster that is
    two or three capitalised words: a person's name said short ("Snoop" of "Snoop Dogg").

    >>> from collections import Counter
    >>> said_in_full(Cluster("name:wadea", surfaces=Counter({"Wadea": 9, "Wadea Al-Fayoume": 1})), "Wadea")
    True
    >>> said_in_full(Cluster("name:ork", surfaces=Counter({"Ork": 9, "the Ork team": 1})), "Ork")
    False
    >>> said_in_full(Cluster("name:knight", surfaces=Counter({"Knight": 9, "Knight A3": 1})), "Knight")
    False
    >>> said_in_full(Cluster("name:apple", surfaces=Counter({"Apple": 9, "Apple Inc": 1})), "Apple")
    False
    """
    return " " not in label and any(2 <= len(w := s.split()) <= 3 and label in (w[0], w[-1])
                                    and all(x[:1].isupper() and x.replace("-", "").isalpha() for x in w)
                                    and w[-1].lower() not in ORG_SUFFIXES and not evidence.known_place(s)
                                    for s in c.surfaces)      # not "Knight A3", "Apple Inc", "Jordan Valley"


def no_name(label: str) -> bool:
    """Whether a label holds a sign no person's name has, or a digit in a word other than a
    leading number ("21 Savage" is a name; "John Wick 4", "VO2 Max", "C++ I" are not).

    >>> no_name("John Wick 4"), no_name("VO2 Max"), no_name("C++ I"), no_name("21 Savage"), no_name("Ada Byron")
    (True, True, True, False, False)
    """
    words = label.split()
    return bool(_SIGNS.search(label)) or any(_DIGIT.search(w) for w in words[1 if words[0].isdigit() else 0:])


def _no_person(c: Cluster, gaz: Gazetteer, label: str, known_part: bool) -> str:
    """The type a "person" its own name or words rule out takes from its other votes, or ""."""
    return evidence.settle(Counter({t: n for t, n in votes_of(c).items() if t != "Person"}), c.seen, label,
                           model_family(gaz, label), known_part) or ""


def shared_labels(clusters) -> frozenset[str]:
    """Labels (as kg.merges.joined compares them) that two or more clusters have: a name said alone
    in one episode and bound to a longer name in another, "CultureAmp" and "Culture Amp";
    kg.merges.same_names joins them after this judgement."""
    counts = Counter(joined(label_of(c)) for c in clusters)
    return frozenset(label for label, n in counts.items() if n > 1)


GLUED_MAX_SPANS = 2          # a name said this often or less may be two names run together


def glued_names(clusters, given: frozenset[str]) -> frozenset[str]:
    """Keys of the clusters whose name is two names of their own episode run together: a name
    another node has, then a name a third node has ("Coda Shishir", "Clearwater Frank Hibbard",
    "Hubbard and Scientology"), said at most GLUED_MAX_SPANS times. A first part that is one
    given name is no sign ("Tim Cook" beside a "Tim" of another person), nor an idea's name after
    a company's ("Quill AI", "Quill Robotics": ideas are words, and a company head ends the name).

    >>> from collections import Counter
    >>> a = Cluster("a", surfaces=Counter({"Coda": 9}), sources={"e1"})
    >>> b = Cluster("b", surfaces=Counter({"Shishir Mehrotra": 2, "Shishir": 5}), sources={"e1"})
    >>> c = Cluster("c", surfaces=Counter({"Coda Shishir": 1}), sources={"e1"}, spans=1)
    >>> d = Cluster("d", surfaces=Counter({"Tim Cook": 1}), sources={"e1"}, spans=1)
    >>> e = Cluster("e", surfaces=Counter({"Tim": 3, "Cook": 1}), sources={"e1"})
    >>> sorted(glued_names([a, b, c, d, e], frozenset({"tim"})))
    ['c']
    """
    owners: dict[tuple[str, str], set[str]] = {}
    for c in clusters:
        if entity_type(c) == "Concept":
            continue
        for surface in c.surfaces:
            for source in c.sources:
                owners.setdefault((source, fold(surface)), set()).add(c.key)
    glued = set()
    for c in clusters:
        if c.entry is not None or c.named or c.corrected or c.spans > GLUED_MAX_SPANS:
            continue
        words = label_of(c).split()
        if words[-1].lower() in ORG_HEADS:
            continue
        for i in range(1, len(words)):
            head, tail = words[:i], words[i + (words[i].lower() in GLUE):]
            if not tail or len(head) == 1 and given_name(head[0], given):
                continue
            if any(_two_others(owners.get((src, fold(" ".join(head))), ()), owners.get((src, fold(" ".join(tail))), ()),
                               c.key) for src in c.sources):
                glued.add(c.key)
                break
    return frozenset(glued)


def _two_others(first, second, own: str) -> bool:
    """Whether one key of `first` and another of `second` are two keys, neither `own` (no copies)."""
    n, m = len(first) - (own in first), len(second) - (own in second)
    if not n or not m:
        return False
    if n > 1 or m > 1:
        return True
    return next(k for k in first if k != own) != next(k for k in second if k != own)


def weak(c: Cluster, gaz: Gazetteer, first_names: dict, given: frozenset[str] = frozenset(),
         shared: frozenset[str] = frozenset(), people: frozenset[str] = frozenset(),
         glued: frozenset[str] = frozenset()) -> str | None:
    """Why a cluster is too weakly supported to become a node, or None. Sets `c.settled` (the type its
    evidence allows) on the clusters it judges by their evidence: an Organization nothing calls a
    company that is person-shaped (`given`: given_names) is a Person ("Vivek Ramaswamy"). A name
    other clusters share (`shared`: shared_labels) is not judged by how few times this one says it;
    `people`: name_words; `glued`: glued_names."""
    type_ = entity_type(c)
    if not type_:       # only a wikilink named it, and nothing says what it is
        return "wikilink to nothing typed (a date or a note title)" if c.named else "no type"
    if c.entry is not None or c.named or c.corrected:
        return None
    if c.spans < 2 and c.metadata and all(m.field == "term" for m in c.metadata):
        return "a term (kg.terms) said inside other names"     # "neural", every time in "neural network"
    if c.spans == 0:
        return None                      # listings that passed kg.listings.trusted
    if c.key in glued:
        return "two names run together"     # "Coda Shishir", "Hubbard and Scientology"
    if any(m.field == "term" for m in c.metadata):
        return None                      # a term an episode repeats far more than English does (kg.terms)
    surfaces = list(c.surfaces)
    single = all(len(s.split()) == 1 for s in surfaces)
    if all(s.islower() for s in surfaces):
        return "lowercase, unknown"
    if c.lowered >= c.capped > 0 and type_ != "Concept":     # ideas are written in lowercase ("poker")
        return "a phrase its text also writes in lowercase"
    label = label_of(c)
    known_part = any(gaz.lookup(w) for w in label.split()[:4])
    c.settled = evidence.settle(votes_of(c), c.seen, label, model_family(gaz, label), known_part) or ""
    if not c.settled:
        return f"nothing around it says it is a {type_}"
    if c.settled in ("Organization", "Place") and not c.seen["Organization"] \
            and person_shaped(full_name(c) or label, given) and (c.settled == "Organization" or c.types["Person"]):
        c.settled = "Person"             # "Isaac Newton" that NER took for the town of Newton five times
    if single and c.settled == "Organization" and surname_alone(c, label, given) \
            and c.seen["Person"] >= PERSON_CUE_SHARE * c.spans:
        c.settled = "Person"             # "Chamberlain", followed by "he" a third of the time, that NER called a company
    if c.settled == "Organization" and c.types["Person"] and c.seen["Person"] \
            and not c.seen["Organization"] and said_in_full(c, label):
        c.settled = "Person"             # "Wadea", said in full as "Wadea Al-Fayoume", that NER called a company
    if c.settled == "Organization" and c.spans >= 2 and titled_work(c, label, given):
        c.settled = "Work"               # "Predictably Irrational", "Scaling Innovation": books NER took for companies
    if c.settled == "Person" and no_name(label):       # "C++ I", "John Wick 4", "VO2 Max": nobody's name
        c.settled = _no_person(c, gaz, label, known_part)
        if not c.settled:
            return "digits or signs in a person's name"
    if c.settled == "Person" and not single and not person_words(label, given) and c.seen["Person"] < 2 \
            and not called_short(c):                  # "Bing", said alone after "Bing Gordon"
        c.settled = _no_person(c, gaz, label, known_part)
        if not c.settled:
            return "words of the dictionary, nothing says a person"      # "Help Scout", "Fire Phone"
    if single and (type_ == "Person" or all(fold(s) in first_names for s in surfaces)) \
            and not surname_alone(c, label, given):
        if not company_said_alone(c, label, given, people):
            return "first name alone"
        c.settled = "Organization"       # "Zuora", "CEO of Zuora", that NER took for a person
    if single and c.settled == "Organization" and given_name(label, given) \
            and not c.seen["Organization"] \
            and (c.types["Person"] or c.seen["Person"]):
        return "first name alone"        # "Marcus", "Giovanni": NER's company is somebody's first name
    if any(m.field != "term" for m in c.metadata):     # listed by the file (a term is no listing)
        return None
    if c.settled == "Organization" and c.spans < 2 and not single and not c.seen["Organization"] \
            and not known_part and label.split()[-1].lower() not in ORG_HEADS:
        return "a company name said once, with nothing around it saying so"
    if c.settled == "Organization" and single and not c.seen["Organization"] and not label.isupper() \
            and joined(label) not in shared:             # a one-word company nothing around it calls one
        if c.spans <= 2:
            return "a one-word company said at most twice, with nothing around it saying so"   # "Succession", "Caesar"
        if c.spans <= WORD_COMPANY_SPANS and len(c.sources) == 1 and (c.lowered or c.caption_spans == c.spans) \
                and _dictionary_word(label):
            # its text also writes the word in lowercase ("friends"), or it is only heard in raw captions: no brand
            return "a dictionary word said as a company in one episode, nothing around it saying so"   # "Friends"
    if single:
        if any(_VERSIONED.match(s) for s in surfaces):
            return None                  # version-like names (GPT-6, H100) are distinctive
        if all(s.isupper() and len(s) <= 4 for s in surfaces):
            c.settled = acronyms.kind(label, c.uses) if c.spans >= 2 else ""      # "the FBI", "an API"
            return None if c.settled else "unknown acronym"
        if c.caption_spans == c.spans and word_zipf(label) >= CAPTION_WORD_ZIPF and not label.isupper() \
                and not evidence.known_place(label):
            return "a common word, heard only in captions"      # "Target", "Theory": auto-captions capitalise words
        if type_ == "Place" and c.midline and not any(s.isupper() for s in surfaces):
            return None                  # "in Vienna": NER is reliable on one-word place names in running text
        if c.spans < 2 or type_ == "Work":
            return "single word, unknown"
    return None
