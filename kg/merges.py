"""Clusters that are one thing, merged once the weak ones are out (kg.support): one name written
two ways, an idea and its plural, a surname said alone and the full name, two spellings of one
person in an episode, an acronym and the words it spells, one name spelt with a letter more.
Each returns absorbed key -> the key it joined; `final_keys` follows later merges.

>>> from collections import Counter
>>> from kg.clusters import Cluster
>>> kept = {k: Cluster(k, surfaces=Counter({name: 2}), types=Counter(Organization=2), spans=2)
...         for k, name in (("a", "CultureAmp"), ("b", "Culture Amp"))}
>>> same_names(kept), sorted(kept)
({'b': 'a'}, ['a'])
"""
from __future__ import annotations

import re
from itertools import combinations

from rapidfuzz import fuzz

from . import person_names
from .acronyms import is_acronym
from .clusters import LETTER_APART, NOT_LABELS, ONE_SHOW, SAME_PERSON, SPELLED_OUT, Cluster, absorb, entity_type, label_of
from .gazetteer import fold
from .read.participants import PARTICLES
from .sounds import codes, same_first_name
from .terms import singulars

_NOT_NAME_CHARS = re.compile(r"[^\w+#]+|_")
# an institution's acronym NER or kg.acronyms calls an Organization may spell a treaty or a method (Concept)
_SAME_KIND = {"Organization": "Organization or Concept", "Concept": "Organization or Concept"}
_WORD_PARTS = re.compile(r"[\s\-–]+")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&", "a", "to"})
CUT_SHORT = 3               # letters a surname heard or typed short may lose ("Jane Good" for Jane Goodall)
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})     # "Donald Trump Jr" is not Donald Trump
HEARD_ONCE = 2             # same_people: a name said this often or less may be another's surname heard wrong ...
SURNAME_HEARD = 50         # ... its surname spelt this alike (rapidfuzz) and sounding alike ("Heresy" for "Harris")
SURNAME_SPELT = 80         # ... or spelt this alike ("Biles" for "Wiles")
APART_LETTERS = 5           # the shorter spelling of a word one_letter_apart compares has this many letters or more


def same_names(kept: dict[str, Cluster]) -> dict[str, str]:
    """Merge clusters that come out under one label and type, case, spaces and marks aside
    ("CultureAmp", "Culture Amp"; never two gazetteer entries, nor two people called by one given
    name: two Tonys are two people, two "Obama"s one): "Airbnb" said alone, and "Airbnb" bound in one
    episode to its longer "Airbnb Plus"; an idea or a model and its plural ("algorithms", "theories
    of mind": the plurals kg.terms reads); and a one-word "person" that is a thing into that thing.
    Returns absorbed key -> the key it joined; `kept` loses the absorbed clusters."""
    groups: dict[tuple[str, str], list[str]] = {}
    words: dict[tuple[str, str], str] = {}
    for key in sorted(kept):
        type_, label = entity_type(kept[key]), label_of(kept[key])
        if type_ != "Person" or " " in label or not person_names.is_given(label):    # two Tonys stay two
            groups.setdefault((joined(label), type_), []).append(key)
            words.setdefault((joined(label), type_), label.casefold())
    for group in [g for g in groups if g[1] in ("Concept", "Model")]:    # "algorithms" joins "algorithm"
        single = next(((joined(" ".join(s)), group[1]) for s in singulars(tuple(words[group].split()))
                       if (joined(" ".join(s)), group[1]) in groups), None)
        if single is not None and single != group and group in groups:
            groups[single] += groups.pop(group)
    moved: dict[str, str] = {}
    for keys in groups.values():
        if len(keys) < 2:
            continue
        into = max(sorted(keys), key=lambda k: (kept[k].entry is not None, _said(kept[k])))
        for key in keys:
            if key != into and kept[key].entry is None:      # two gazetteer entries stay two
                absorb(kept[into], kept.pop(key))
                moved[key] = into
    moved.update(_people_that_are_things(kept))
    return moved


def joined(label: str) -> str:
    """A label as compared for "the same name": its letters and digits (and "+", "#": C++ is not
    C), case, spaces and marks left out: "CultureAmp" is "Culture Amp", "J.D. Vance" "JD Vance"."""
    return _NOT_NAME_CHARS.sub("", label.casefold())


def _people_that_are_things(kept: dict[str, Cluster]) -> dict[str, str]:
    """A one-word Person that is nobody's given name, with no "he" or "she" after it, joins the one
    node of another type under its label: NER's person "Instagram" (from "Instagram Live") is the
    app. "Stalin", followed by "he", stays a person."""
    things: dict[str, list[str]] = {}
    for key, c in kept.items():
        if entity_type(c) != "Person":
            things.setdefault(label_of(c).casefold(), []).append(key)
    moved: dict[str, str] = {}
    for key in sorted(kept):
        c = kept[key]
        label = label_of(c)
        if entity_type(c) == "Person" and c.entry is None and " " not in label and not c.seen["Person"] \
                and len(things.get(label.casefold(), ())) == 1 and not person_names.is_given(label):
            into = things[label.casefold()][0]
            kept[into].settled = entity_type(kept[into])       # the thing's type, however often NER said person
            absorb(kept[into], kept.pop(key))
            moved[key] = into
    return moved


def surnames_alone(kept: dict[str, Cluster]) -> dict[str, str]:
    """Merge a one-word Person into the one person of the corpus whose full name ends with it
    ("Churchill" said alone in one episode is the "Winston Churchill" named in another; a surname
    with its particle, "von Dechend", too), never
    when two people share the surname, the word is a given name or a gazetteer entry. Returns absorbed key ->
    the key it joined; `kept` loses the absorbed clusters.

    >>> from collections import Counter
    >>> kept = {"name:churchill": Cluster("name:churchill", surfaces=Counter({"Churchill": 5}), types=Counter(Person=5)),
    ...         "name:winston churchill": Cluster("name:winston churchill", surfaces=Counter({"Winston Churchill": 2}),
    ...                                           types=Counter(Person=2))}
    >>> surnames_alone(kept), kept["name:winston churchill"].rules
    ({'name:churchill': 'name:winston churchill'}, {'Churchill': 'surname alone'})
    """
    people = {key: label_of(c) for key, c in kept.items() if entity_type(c) == "Person"}
    full: dict[str, list[str]] = {}
    for key, label in people.items():       # a full name starting with a given name ("Asynchronously Instagram" is none)
        if " " in label and (kept[key].entry is not None or person_names.is_given(label.split()[0])):
            words = label.split()
            full.setdefault(fold(words[-1]), []).append(key)
            at = next((i for i, w in enumerate(words[1:-1], 1) if w in PARTICLES), None)
            if at is not None:              # "Hertha von Dechend": "von Dechend" is her surname too
                full.setdefault(fold(" ".join(words[at:])), []).append(key)
    moved: dict[str, str] = {}
    for key, label in sorted(people.items()):
        surname = " " not in label or label.split()[0] in PARTICLES
        if surname and kept[key].entry is None and len(full.get(fold(label), ())) == 1 \
                and not person_names.is_given(label):            # "Dave" is not Naiyo Dave's surname
            into, c = full[fold(label)][0], kept.pop(key)
            for surface in c.surfaces:          # a short form: the full name stays the label (label_of)
                c.rules[surface] = "surname alone"
            absorb(kept[into], c)
            moved[key] = into
    return moved


def same_people(kept: dict[str, Cluster]) -> dict[str, str]:
    """Merge two people one episode names when one name is the other with words left out or its
    surname cut short, their first names alike (the same, or sounding alike): "Gary Sullivan" /
    "Gary Lee Sullivan", "Inbal S" / "Inbal Shani", "Jane Good" / "Jane Goodall", "Neal
    Stephenson" / "Neil Stephenson". The less said joins the other; never a gazetteer person or a
    name a correction set apart, never across a generation ("Donald Trump Jr"), and never when it
    could be either of two people of that episode ("Jonathan H" beside "Jonathan Haidt" and
    "Jonathan Hale"; "George W" beside "George Washington" and a "George Bush" also called "George
    W. Bush": each name a cluster holds counts). Returns absorbed key -> the key it joined; `kept`
    loses the absorbed clusters.

    >>> from collections import Counter
    >>> def person(name, n):
    ...     return Cluster("name:" + name, surfaces=Counter({name: n}), types=Counter(Person=n), spans=n, sources={"e1"})
    >>> kept = {c.key: c for c in (person("Gary Sullivan", 8), person("Gary Lee Sullivan", 1), person("Gary Oldman", 2))}
    >>> same_people(kept), sorted(kept)
    ({'name:Gary Lee Sullivan': 'name:Gary Sullivan'}, ['name:Gary Oldman', 'name:Gary Sullivan'])
    >>> bush = person("George Bush", 9); bush.surfaces["George W. Bush"] = 2
    >>> same_people({c.key: c for c in (bush, person("George Washington", 5), person("George W", 1))})
    {}
    """
    people = {key: c for key, c in kept.items() if entity_type(c) == "Person"}
    labels = {key: label_of(c) for key, c in people.items()}
    words = {key: _name_words(label) for key, label in labels.items()}
    by_sound: dict[tuple[str, str], list[str]] = {}       # (episode, a sound of the first name) -> people
    for key in sorted(people):
        if len(words[key]) >= 2:
            for source in people[key].sources:
                for code in set(codes(words[key][0])):
                    by_sound.setdefault((source, code), []).append(key)
    forms = {key: [words[key]] + [w for s in people[key].surfaces if s != labels[key]
                                  and len(w := _name_words(s)) >= 2 and w[0] == words[key][0]] for key in people}
    alike: dict[str, set[str]] = {}
    for keys in by_sound.values():
        for a, b in combinations(keys, 2):
            if b not in alike.get(a, ()) and (any(_one_person(x, y) for x in forms[a] for y in forms[b])
                                              or min(_said(people[a]), _said(people[b])) <= HEARD_ONCE
                                              and _surname_heard(words[a], words[b])) \
                    and (words[a][0] == words[b][0] or same_first_name(labels[a], labels[b])):
                alike.setdefault(a, set()).add(b)
                alike.setdefault(b, set()).add(a)
    moved: dict[str, str] = {}
    rank = {key: _rank(c, labels[key]) + (key,) for key, c in people.items()}
    for key in sorted(alike, key=lambda k: rank[k]):        # the least said first
        others = {moved.get(o, o) for o in alike[key]} - {key}
        if len(others) != 1 or people[key].entry is not None or people[key].corrected:
            continue
        into = others.pop()
        if rank[into] < rank[key] or kept[into].corrected:       # a correction set it apart
            continue
        _join(kept, moved, key, into, SAME_PERSON)
    return moved


def spelled_out(kept: dict[str, Cluster]) -> dict[str, str]:
    """Join an acronym's node (three or more letters) and the one node of the same kind whose words
    it spells that an episode of the acronym also names ("IAEA" and "International Atomic Energy
    Agency", "NPT" and "Non-Proliferation Treaty"). The words' node stays, with its label and type
    (a gazetteer entry stays whichever it is). Not people, not two gazetteer entries, and not when
    two such nodes share its episodes ("ADL" beside "Anti-Defamation League" and a joke's
    "Apartheid Defense League"). Returns absorbed key -> the key it joined; `kept` loses the
    absorbed clusters.

    >>> from collections import Counter
    >>> def org(name, n):
    ...     return Cluster("name:" + name, surfaces=Counter({name: n}), types=Counter(Organization=n), spans=n, sources={"e1"})
    >>> kept = {c.key: c for c in (org("IAEA", 5), org("International Atomic Energy Agency", 2), org("PR", 3),
    ...                             org("Puerto Rico", 2))}
    >>> spelled_out(kept), sorted(kept)
    ({'name:IAEA': 'name:International Atomic Energy Agency'}, ['name:International Atomic Energy Agency', 'name:PR', 'name:Puerto Rico'])
    """
    labels = {key: label_of(c) for key, c in kept.items()}
    spelled: dict[str, list[str]] = {}
    for key in sorted(kept):
        if entity_type(kept[key]) != "Person" and (letters := initials(labels[key])):
            spelled.setdefault(letters, []).append(key)
    moved: dict[str, str] = {}
    for key in sorted(kept):
        if key not in kept:
            continue                                  # already joined to an acronym
        c, label = kept[key], labels[key]
        if c.corrected or len(label) < 3 or not is_acronym(label) or entity_type(c) == "Person":
            continue
        words = [k for k in spelled.get(label, ()) if k in kept and kept[k].sources & c.sources
                 and _kind(kept[k]) == _kind(c)]
        if len(words) != 1 or (c.entry is not None and kept[words[0]].entry is not None) or kept[words[0]].corrected:
            continue
        into, gone = (key, words[0]) if c.entry is not None else (words[0], key)
        kept[into].settled = entity_type(kept[into])
        _join(kept, moved, gone, into, SPELLED_OUT)
    return moved


def one_letter_apart(kept: dict[str, Cluster]) -> dict[str, str]:
    """Join two nodes of one type whose labels differ in one word only, which one of them spells
    with one letter more: one name written two ways by a transcriber or a speech recogniser ("David
    Deutch" and "David Deutsch", "Zelensky" and "Zelenskyy", "Automatic" and "Automattic"). The
    word is letters only, 5 or more in its shorter spelling ("Time Square" stays apart from "Times
    Square", "GPT-4" from "GPT-4o"); no Model (versions differ by a letter), no given name said
    alone ("Daniel", "Daniele": two people), never two gazetteer entries nor a corrected node. The
    node said more often (a gazetteer entry before any) keeps its label and takes the other.

    >>> from collections import Counter
    >>> def person(name, n):
    ...     return Cluster("name:" + name, surfaces=Counter({name: n}), types=Counter(Person=n), spans=n)
    >>> kept = {c.key: c for c in (person("David Deutsch", 3), person("David Deutch", 1), person("Jon Stewart", 2),
    ...                             person("John Stewart", 2), person("Edward", 2), person("Edwards", 3))}
    >>> one_letter_apart(kept), sorted(kept)[:3]
    ({'name:David Deutch': 'name:David Deutsch'}, ['name:David Deutsch', 'name:Edward', 'name:Edwards'])
    """
    labels = {key: label_of(c) for key, c in kept.items()}
    types = {key: entity_type(c) for key, c in kept.items()}
    index: dict[tuple[str, tuple[str, ...]], str] = {}
    for key in sorted(kept):
        index.setdefault((types[key], tuple(labels[key].casefold().split())), key)

    def apart(key: str) -> bool:         # kept apart from any other spelling
        given_alone = types[key] == "Person" and " " not in labels[key] and person_names.is_given(labels[key])
        return kept[key].corrected or types[key] == "Model" or given_alone     # "Edward" / "Edwards"

    moved: dict[str, str] = {}
    for key in sorted(kept):
        if key not in kept or apart(key):
            continue
        words = labels[key].casefold().split()
        found = {index.get((types[key], tuple(words[:i] + [word[:j] + word[j + 1:]] + words[i + 1:])))
                 for i, word in enumerate(words) if len(word) > APART_LETTERS and word.isalpha()
                 for j in range(len(word))} - {None}
        found = {moved.get(k, k) for k in found} - {key}
        if len(found) != 1 or (other := found.pop()) not in kept or apart(other) \
                or (kept[key].entry is not None and kept[other].entry is not None):
            continue
        into, gone = sorted((key, other), key=lambda k: (kept[k].entry is not None, _said(kept[k]), len(labels[k]), k),
                            reverse=True)
        _join(kept, moved, gone, into, LETTER_APART)
    return moved


def one_show(kept: dict[str, Cluster], renamed: dict[str, str]) -> dict[str, str]:
    """Join the Show nodes of one show under its names (`kg.episodes.renamed_shows`: the names of
    one host's show that did not run at the same time): the node of the family's name, else the
    most said, keeps its label; never two gazetteer entries.

    >>> from collections import Counter
    >>> from kg.model import Mention
    >>> def show(name, n):
    ...     return Cluster("name:" + name.lower(), surfaces=Counter({name: n}), types=Counter(Show=n),
    ...                    metadata=[Mention(str(i), name, "Show", "metadata", 1.0, field="show") for i in range(n)])
    >>> kept = {c.key: c for c in (show("Loom Hour", 3), show("Weaving Talk", 4), show("Spin Cast", 5))}
    >>> one_show(kept, {"loom hour": "weaving talk"}), sorted(kept)
    ({'name:loom hour': 'name:weaving talk'}, ['name:spin cast', 'name:weaving talk'])
    """
    groups: dict[str, list[str]] = {}
    names: dict[str, set[str]] = {}                   # key -> the show names its episodes give
    families = set(renamed.values())
    for key in sorted(kept):
        if entity_type(kept[key]) != "Show":
            continue
        names[key] = {fold(m.surface) for m in kept[key].metadata if m.field == "show"}
        family = {renamed[n] for n in names[key] if n in renamed} | (names[key] & families)
        if len(family) == 1:                          # names of no family were joined before
            groups.setdefault(family.pop(), []).append(key)
    moved: dict[str, str] = {}
    for name, keys in groups.items():
        if len(keys) < 2:
            continue
        into = max(keys, key=lambda k: (kept[k].entry is not None, name in names[k], _said(kept[k]), k))
        for key in keys:
            if key != into and not (kept[key].entry is not None and kept[into].entry is not None):
                _join(kept, moved, key, into, ONE_SHOW)
    return moved


def _join(kept: dict[str, Cluster], moved: dict[str, str], gone: str, into: str, rule: str) -> None:
    """Put cluster `gone` into `into`, each of its names bound by `rule` (one of NOT_LABELS: they never
    label the node), and record the move, also for the clusters that had joined `gone`."""
    b = kept.pop(gone)
    for surface in b.surfaces:
        b.rules[surface] = rule
    absorb(kept[into], b)
    moved[gone] = into
    moved.update({k: into for k, v in moved.items() if v == gone})


def _kind(c: Cluster) -> str:
    """The kind of thing a node is, as `spelled_out` compares an acronym and its words."""
    return _SAME_KIND.get(entity_type(c), entity_type(c))


def initials(label: str) -> str | None:
    """The capital initials of a name of two or more words, hyphenated parts apart and small words
    left out: "Non-Proliferation Treaty" -> "NPT", "product-market fit" -> "PMF"; None for one word.

    >>> initials("International Atomic Energy Agency"), initials("Ku Klux Klan"), initials("Vanta")
    ('IAEA', 'KKK', None)
    """
    words = [w for w in _WORD_PARTS.split(label) if w and w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or not all(w[0].isalpha() for w in words):
        return None
    return "".join(w[0] for w in words).upper()


def final_keys(moved: dict[str, str]) -> dict[str, str]:
    """Each absorbed key -> the key of the node it ends in, through later merges ("a" joined "b",
    then "b" joined "c": "a" is in "c").

    >>> final_keys({"a": "b", "b": "c", "d": "c"})
    {'a': 'c', 'b': 'c', 'd': 'c'}
    """
    out = {}
    for key, into in moved.items():
        seen = {key}
        while into in moved and into not in seen:
            seen.add(into)
            into = moved[into]
        out[key] = into
    return out


def _rank(c: Cluster, label: str) -> tuple:
    """Which of two names of one person is the node: a gazetteer entry, the more said, then the
    plainer ("Dick Gregory", not "Dick Gregory Dick Gregory")."""
    words = label.split()
    return c.entry is not None, _said(c), len(set(words)) == len(words), -len(words)


def _said(c: Cluster) -> int:
    """How often a cluster is said: its spans and its metadata mentions."""
    return c.spans + len(c.metadata)


def _name_words(label: str) -> list[str]:
    return fold(label).replace("-", " ").replace(".", "").split()


def _surname_heard(x: list[str], y: list[str]) -> bool:
    """Two names of as many words, the same but for a surname heard or typed another way: the
    surnames sound alike, are spelt half alike (`SURNAME_HEARD`) and are not both surnames of
    Faker's lists ("harris"/"heresy"; "johnson"/"jensen" are two families), or are spelt closer
    still (`SURNAME_SPELT`: "wiles"/"biles", "mildenhall"/"goldenhall"); five letters or more each.

    >>> _surname_heard(["sam", "harris"], ["sam", "heresy"]), _surname_heard(["andrew", "wiles"], ["andrew", "biles"])
    (True, True)
    >>> _surname_heard(["dan", "johnson"], ["dan", "jensen"]), _surname_heard(["ada", "li"], ["ada", "lee"])
    (False, False)
    """
    if len(x) != len(y) or len(x) < 2 or x[:-1] != y[:-1] or x[-1] == y[-1] or min(len(x[-1]), len(y[-1])) < 5:
        return False
    ratio = fuzz.ratio(x[-1], y[-1])
    return ratio >= SURNAME_SPELT or ratio >= SURNAME_HEARD and bool(set(codes(x[-1])) & set(codes(y[-1]))) \
        and not (person_names.is_surname(x[-1]) and person_names.is_surname(y[-1]))


def _one_person(x: list[str], y: list[str]) -> bool:
    """Whether two names (their folded words, two or more each) may be one person's, first names
    aside: no generation apart ("Jr"), and the words of one all in the other, or the surname of
    one an initial of the other's or that word cut short by at most CUT_SHORT letters
    ("Good"/"Goodall"; not "Wood"/"Woodward", "Li"/"Lipton")."""
    if x == y or {w for w in x if w in GENERATIONS} != {w for w in y if w in GENERATIONS}:
        return False
    short, long_ = sorted((x[-1], y[-1]), key=len)
    return set(x[1:]) <= set(y[1:]) or set(y[1:]) <= set(x[1:]) \
        or (len(x) == len(y) and x[1:-1] == y[1:-1] and long_.startswith(short)
            and (len(short) == 1 or len(long_) - len(short) <= CUT_SHORT))
