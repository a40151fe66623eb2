"""Fuzzy and phonetic matching of misheard or misspelt names against known names.

Thresholds keep distinct things apart: numbers must agree exactly (GPT-4 is not
GPT-5), token counts must agree (Claude is not Claude Code), and a person's
name matches only when every token matches (first names exactly or as a
prefix, surnames by sound or spelling).

>>> similar_person("Shulta Douglas", "Sholto Douglas"), similar_person("Jacob Ephron", "Jakub Pachocki")
(True, False)
>>> similar_name("Enthropic", "Anthropic"), similar_name("Alph Go", "AlphaGo"), similar_name("GPT-4", "GPT-5")
(True, True, False)
>>> similar_name("Jim Watson", "IBM Watson"), similar_name("Gemeni Pro", "Gemini Pro")
(False, True)
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from . import evidence
from .gazetteer import fold
from .normalize import ORG_HEADS, plural_of, word_zipf

NAME_RATIO = 87
# Common English short forms of given names ("Joe Heinrich" is Joseph Henrich).
NICKNAMES = {"joe": "joseph", "bob": "robert", "rob": "robert", "bill": "william", "will": "william",
             "mike": "michael", "jim": "james", "tom": "thomas", "dan": "daniel", "sam": "samuel",
             "ben": "benjamin", "alex": "alexander", "chris": "christopher", "matt": "matthew", "nick": "nicholas",
             "dave": "david", "andy": "andrew", "tony": "anthony", "steve": "stephen", "pete": "peter",
             "greg": "gregory", "jeff": "jeffrey", "ed": "edward", "rick": "richard", "dick": "richard",
             "liz": "elizabeth", "kate": "katherine", "jen": "jennifer", "sue": "susan", "max": "maximilian",
             "fred": "frederick", "ted": "edward", "larry": "lawrence", "jon": "jonathan", "nate": "nathan",
             "zach": "zachary", "josh": "joshua", "ken": "kenneth", "ron": "ronald", "tim": "timothy"}
TOKEN_RATIO = 80
COMMON_WORD_ZIPF = 3.0     # a one-word name at least this common in English is that word, not a name heard wrong
SURNAME_RATIO = 70
SHORT_WORD = 5             # in names of as many words, a word shorter than this must itself sound or spell alike


def digits(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


@lru_cache(maxsize=65536)
def _sound(token: str) -> str:
    return jellyfish.metaphone(token) if token.isalpha() else token


def _token_match(a: str, b: str, *, loose: bool = False) -> bool:
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3:
        return False
    if _sound(a) == _sound(b) and a[0] == b[0] and fuzz.ratio(a, b) >= 55:
        return True
    if JaroWinkler.similarity(a, b) >= 0.9 and fuzz.ratio(a, b) >= TOKEN_RATIO:
        return True
    return loose and a[0] == b[0] and len(a) >= 5 and fuzz.ratio(a, b) >= SURNAME_RATIO


def similar_token(a: str, b: str) -> bool:
    """Two folded name tokens that sound alike and share their first letter ("shulta" / "sholto")."""
    return a != b and len(b) >= 4 and a[0] == b[0] and _sound(a) == _sound(b) and fuzz.ratio(a, b) >= 65


def similar_person(candidate: str, known: str) -> bool:
    """Same person, allowing misspelt/misheard tokens: 'Shulta Douglas' ~ 'Sholto Douglas'."""
    a, b = fold(candidate).split(), fold(known).split()
    if len(a) != len(b) or len(a) < 2 or a == b:
        return a == b
    same_first = a[0] == b[0] or (len(a[0]) >= 3 and b[0].startswith(a[0])) or NICKNAMES.get(a[0]) == b[0]
    if not (same_first or _token_match(a[0], b[0])):
        return False
    exact_first = same_first
    return all(_token_match(x, y, loose=exact_first and i == len(a) - 1)
               for i, (x, y) in enumerate(zip(a[1:], b[1:]), 1))


LEGAL_FORMS = frozenset({"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "gmbh", "ag", "sa", "pbc", "the"})


def similar_name(candidate: str, known: str) -> bool:
    """Same organisation/model/concept name, allowing a misspelling or split word, not words more
    (but a company's legal form).

    >>> similar_name("Antrhopic", "Anthropic"), similar_name("United States House", "United States")
    (True, False)
    >>> similar_name("Andreessen Horowitz LLC", "Andreessen Horowitz")
    True
    """
    if digits(candidate) != digits(known):
        return False
    a, b = fold(candidate), fold(known)
    if a == b:
        return True
    a_join, b_join = a.replace(" ", "").replace("-", ""), b.replace(" ", "").replace("-", "")
    if min(len(a_join), len(b_join)) < 5:
        return False
    if len(a.split()) != len(b.split()) and a_join != b_join and fuzz.ratio(a_join, b_join) < (
            80 if min(len(a_join), len(b_join)) >= 12 else 90):
        return False
    words_a, words_b = a.replace("-", " ").replace(".", "").split(), b.replace("-", " ").replace(".", "").split()
    more = set(words_a) ^ set(words_b)
    if more and not more <= LEGAL_FORMS and (set(words_a) <= set(words_b) or set(words_b) <= set(words_a)):
        return False            # a longer name, not a misspelling: "United States House" is not the country
    if len(words_a) == len(words_b) > 1 and a_join != b_join and not all(_alike_or_long(x, y) for x, y in zip(words_a, words_b)):
        return False            # a short word must be heard alike: "Jim Watson" is not IBM Watson
    long_enough = min(len(a_join), len(b_join)) >= 12 and a_join[0] == b_join[0]
    return fuzz.ratio(a_join, b_join) >= (80 if long_enough else NAME_RATIO) or (
        _sound(a_join) == _sound(b_join) and fuzz.ratio(a_join, b_join) >= 75)


def _alike_or_long(x: str, y: str) -> bool:
    """Two words of two names compared word by word: alike (the same sound, or `_token_match`), or
    too short to judge ("a.i." / "ai", "why" / "y"), or long enough for the whole name's spelling
    to judge (SHORT_WORD letters).

    >>> _alike_or_long("jim", "ibm"), _alike_or_long("kode", "code"), _alike_or_long("ai", "ai"), _alike_or_long("why", "y")
    (False, True, True, True)
    """
    return min(len(x), len(y)) < 3 or min(len(x), len(y)) >= SHORT_WORD or x == y or _token_match(x, y) \
        or bool(_sound(x)) and _sound(x) == _sound(y)


class NameIndex:
    """Known names (canonical target, type) searchable by fuzzy/phonetic similarity."""

    def __init__(self, names: list[tuple[str, str, str]]):
        """`names`: (surface, target, type) triples."""
        self.names = names
        self.folded = [fold(s).replace(" ", "").replace("-", "") for s, _, _ in names]
        self._memo: dict[tuple[str, str | None], tuple[str, str, str] | None] = {}

    def best(self, surface: str, type_: str | None = None) -> tuple[str, str, str] | None:
        """(surface, target, type) of the one best match, or None when none or several targets tie."""
        if (surface, type_) not in self._memo:
            self._memo[(surface, type_)] = self._best(surface, type_)
        return self._memo[(surface, type_)]

    def _best(self, surface: str, type_: str | None) -> tuple[str, str, str] | None:
        query = fold(surface).replace(" ", "").replace("-", "")
        if len(query) < 4 or (" " not in surface and word_zipf(surface) >= COMMON_WORD_ZIPF):
            return None                 # "Imagine" is a word, not Imagen heard wrong
        hits = process.extract(query, self.folded, scorer=fuzz.ratio, score_cutoff=SURNAME_RATIO - 10, limit=8)
        found = []
        for _, score, i in hits:
            name, target, kind = self.names[i]
            if type_ and kind != type_:
                continue
            ok = similar_person(surface, name) if kind == "Person" else similar_name(surface, name)
            if ok:
                found.append((score, name, target, kind))
        if not found:
            return None
        found.sort(key=lambda f: -f[0])
        targets = {f[2] for f in found if f[0] == found[0][0]}
        if len(targets) > 1:
            return None
        return found[0][1], found[0][2], found[0][3]


class FullNames:
    """An episode's full names of people, found by first name or surname (spelled the same, or
    sounding the same: "Shulta" for "Sholto") without a scan of every name.

    >>> FullNames(["Sholto Douglas", "Ada Byron"]).bind("Shulta"), FullNames(["Ada Byron", "Ada Li"]).bind("Ada")
    ('Sholto Douglas', None)
    """

    def __init__(self, names: list[str], participants: frozenset[str] = frozenset(), said: Counter | None = None):
        self.names, self.known, self.participants = names, set(names), participants
        self.said = said if said is not None else Counter()       # how often each full name is said
        self.exact: tuple[dict, dict] = ({}, {})        # by position (first, last): token -> names
        self.sounds: tuple[dict, dict] = ({}, {})       # by position: (initial, sound) -> tokens
        for name in names:
            tokens = fold(name).split()
            for i, token in enumerate((tokens[0], tokens[-1])):
                self.exact[i].setdefault(token, set()).add(name)
                if len(token) >= 4:
                    self.sounds[i].setdefault((token[0], _sound(token)), set()).add(token)
        self._memo: dict[tuple[str, bool], str | None] = {}

    def names_a_participant(self, words: str) -> bool:
        """Whether `words`, case aside, are a participant's full name, first name or surname.

        >>> people = FullNames(["Ada Byron", "Gene Fto"], frozenset({"Ada Byron"}))
        >>> [people.names_a_participant(w) for w in ("ada", "ada byron", "adage", "gene")]
        [True, True, False, False]
        """
        low = fold(words)
        return any(low == fold(n) or low in (fold(n).split()[0], fold(n).split()[-1]) for n in self.participants)

    def bind(self, token: str, sound: bool = True) -> str | None:
        """The one full name whose first name (or else surname) is `token`; None when none or several.
        `sound=False`: spelled the same only (a token something else typed as a place or company:
        "Fordow" the site is not "Ford" the person)."""
        if (token, sound) not in self._memo:
            self._memo[(token, sound)] = self._bind(fold(token), sound)
        return self._memo[(token, sound)]

    def _bind(self, low: str, sound: bool) -> str | None:
        for fuzzy in (False, True)[:1 + sound]:
            for i in (0, 1):
                if not fuzzy:
                    hits = set(self.exact[i].get(low, ()))
                elif len(low) >= 4:
                    similar = [t for t in self.sounds[i].get((low[0], _sound(low)), ()) if similar_token(low, t)]
                    hits = set().union(*(self.exact[i][t] for t in similar))
                else:
                    hits = set()
                if len(hits) == 1:
                    return hits.pop()
                if hits:
                    return _one_of(hits, self.participants)
        return None


def _one_of(names: set[str], participants: frozenset[str] = frozenset()) -> str | None:
    """Of full names that are one person's, written with and without a middle name or initial
    ("Nabeel Qureshi", "Nabeel S. Qureshi": the first and last words the same), a participant's,
    else the plainest; None for two people.

    >>> _one_of({"Nabeel S. Qureshi", "Nabeel Qureshi"}), _one_of({"Ada Byron", "Ada Li"})
    ('Nabeel Qureshi', None)
    >>> _one_of({"Ada King Byron", "Ada Byron"}, frozenset({"Ada King Byron"})), _one_of({"Ada Byron", "ADA BYRON"})
    ('Ada King Byron', 'Ada Byron')
    >>> _one_of({"George W. Bush", "George H. W. Bush"}) is None
    True
    """
    words = [fold(n).replace(".", "").split() for n in names]
    if len({(w[0], w[-1]) for w in words}) > 1 or len({tuple(w[1:-1]) for w in words} - {()}) > 1:
        return None             # "George W. Bush", "George H. W. Bush": two people
    return min(names, key=lambda n: (n not in participants, n.isupper(), len(n.split()), n))


def bound_rule(surface: str, full: str) -> str:
    """The rule that bound a lone name to a full one: "first name" or "surname"."""
    return "first name" if full.split()[0] == surface else "surname"


def other_spellings(names: list[str], said: Counter, participants: set[str]) -> dict[str, str]:
    """An episode's names of people spelt two ways ("Stephen Warfram", "Stephen Wolfram") -> the
    spelling a participant has, else the one said most; `similar_person` decides, among
    names of as many words whose surnames start alike.

    >>> other_spellings(["Ada Byron", "Ada Bayron", "Ada Li"], Counter({"Ada Byron": 3, "Ada Bayron": 1}), set())
    {'Ada Bayron': 'Ada Byron'}
    """
    order = [n for _, n in sorted(enumerate(names), key=lambda p: (p[1] not in participants, -said[p[1]], p[0]))]
    out: dict[str, str] = {}
    blocks: dict[tuple[int, str], list[str]] = {}
    for name in order:
        tokens = fold(name).split()
        block = blocks.setdefault((len(tokens), tokens[-1][:1]), [])
        same = next((other for other in block if similar_person(name, other)), None)
        if same:
            out[name] = same
        else:
            block.append(name)
    return out


def said_as_things(named: Iterable[tuple[str, str]]) -> dict[str, int]:
    """One-word names a document's mentions type as things (a company, place, work...) more often
    than as people or not at all, and how often each is said. Such a word is the surname of a
    full name not surely somebody's (kg.decide.Decider._somebody) only if it is no known place
    and is said under THING_ALONE times as often as the full name, for all of its mentions.

    `named`: each mention's cleaned surface and type.

    >>> said_as_things([("Quill", "Organization")] * 2 + [("Quill", "Person"), ("Ada", "Person")])
    {'Quill': 3}
    """
    votes, said = Counter(), Counter()
    for s, type_ in named:
        if s and " " not in s:
            votes[s] += 1 if type_ not in ("Person", "") else -1
            said[s] += 1
    return {s: said[s] for s, n in votes.items() if n > 0}


THING_ALONE = 10         # "Scientology" said 80 times alone is not the surname of a "Tom Scientology" said once
GLUE = frozenset({"and", "with", "&"})              # words between two names ("Hubbard and Scientology")
JOINED = GLUE | {"of"}                              # words of a title or of two names, not of one person's name


_SEQUEL = re.compile(r"\d[\w.]*|[IVX]{1,4}")          # "Terminator 2", "Grand Theft Auto VI", "Season 2"


def full_form(short: str, longer: str, title: bool) -> bool:
    """Whether `longer`, an episode's name that starts with `short`, is its full form, so that
    `short` alone names the same thing. A company's full form adds a company head ("Southwest
    Airlines", "Alpine Investors", "Quill & Company") or "of ..." ("Austrian School of
    Economics"); a big place's (a country, a US state, a city of 100,000+) only the country or
    state it is in ("Austin Texas", "Washington DC": "Qatar Airways", "Boston Consulting Group"
    are companies, "Minneapolis Airport" a part); any other name's also a place word ("Golden
    Gate Bridge"). Anything else makes another thing: a product ("Airtable Forms", "Quill TV"),
    an event ("Prague Spring"). A title's or an idea's full form (`title`: the short name is
    one) may add anything but a number ("Terminator 2" is the sequel) or a second name
    ("Reservoir Dogs with City on Fire"); "Gradient" may be "gradient descent". A name said
    twice in a row ("Mars Mars") is itself.

    >>> full_form("Southwest", "Southwest Airlines", False), full_form("Airtable", "Airtable Forms", False)
    (True, False)
    >>> full_form("Austin", "Austin Texas", False), full_form("Minneapolis", "Minneapolis Airport", False)
    (True, False)
    >>> full_form("Boston", "Boston Consulting Group", False), full_form("Quill", "Quill & Company", False)
    (False, True)
    >>> full_form("Good Strategy", "Good Strategy Bad Strategy", True), full_form("Terminator", "Terminator 2", True)
    (True, False)
    """
    rest = longer[len(short):].strip(" ,")
    words = rest.split()
    if not words or fold(rest) == fold(short):
        return bool(words)
    head = words[-1].lower().strip(".")
    glued = words[0].lower() in GLUE
    if _SEQUEL.fullmatch(words[-1]) or glued and (title or head not in ORG_HEADS):
        return False
    if title:
        return True
    if evidence.big_place(short):
        return evidence.region(rest) or (rest.isupper() and len(rest) == 2)
    return words[0].lower() == "of" or head in ORG_HEADS or plural_of(head, ORG_HEADS) \
        or head in evidence.PLACE_HEADS
