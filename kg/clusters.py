"""A cluster of mentions that is one entity: its type by vote, its label, and the Entity it
becomes (aliases, and the rule that merged each surface); for `kg review`, the clusters kept out
and the entities whose type vote was split.

>>> from collections import Counter
>>> c = Cluster("name:ada byron", surfaces=Counter({"Ada Byron": 3, "Ada": 2}), types=Counter({"Person": 4}))
>>> label_of(c), entity_type(c)
('Ada Byron', 'Person')
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import person_names
from .gazetteer import Entry, fold
from .model import ENTITY_TYPES, Entity, Mention
from .quote import quote
from .sounds import same_first_name
from .terms import singulars


@dataclass
class Cluster:
    key: str
    entry: Entry | None = None
    surfaces: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    rules: dict[str, str] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)
    more_aliases: set[str] = field(default_factory=set)    # entity notes' aliases, forms heard wrong
    spans: int = 0
    metadata: list[Mention] = field(default_factory=list)
    confidence: float = 0.0
    named: bool = False          # a participant, show, entity note, wikilink or ad read names it
    midline: int = 0             # spans not at the start of a line (line starts are often headings/credits)
    caption_spans: int = 0       # spans in raw speech recognition (kg.read.text.speech_recognition)
    idea_heads: int = 0          # mentions headed by theorem, law, effect... (CONCEPT_HEADS)
    seen: Counter = field(default_factory=Counter)   # type -> mentions with that type's cue words nearby
    capped: int = 0              # times its documents write it as spelled (kg.evidence)
    lowered: int = 0             # ... and all in lowercase: a phrase, not a name
    settled: str = ""            # the type its evidence allowed, when that is not the vote's winner
    first: tuple[str, int, int] | None = None     # (document id, start, end) of its first span
    label: str | None = None     # a correction's label and type (kg.fixes); it is then always a node
    type: str | None = None
    corrected: bool = False


SHORT_FORMS = frozenset({"first name", "surname", "partial name", "surname alone"})     # rules binding a short form
SAME_PERSON = "same person in the episode"          # the rule of same_people
_NOT_NAME_CHARS = re.compile(r"[^\w+#]+|_")
NOT_LABELS = frozenset({SAME_PERSON, "acronym spelled out"})     # names merged in that never label the node
CUT_SHORT = 3               # letters a surname heard or typed short may lose ("Jane Good" for Jane Goodall)


def local_key(name: str) -> str:
    """Cluster key of a name unknown to the gazetteer (its type is voted later)."""
    return "name:" + fold(name)


def entity_type(c: Cluster) -> str:
    if c.type:
        return c.type
    if c.entry is not None:
        return c.entry.type
    if c.settled:
        return c.settled
    votes = votes_of(c)
    if not votes:
        return ""
    return max(sorted(votes), key=lambda t: votes[t])


def votes_of(c: Cluster) -> Counter:
    votes = Counter(c.types)
    if c.idea_heads and not (votes["Work"] or votes["Show"]):    # "The Three-Body Problem" may be the book
        votes["Concept"] += 3 * c.idea_heads
    return votes


def label_of(c: Cluster) -> str:
    if c.label:
        return c.label
    if c.entry is not None:
        return c.entry.label
    # most frequent original spelling; ties -> longer, capitalised, then alphabetical. A name is written
    # with a capital where anyone wrote it so ("moscow" heard in captions, "Moscow" in the notes); ideas
    # are not ("machine learning")
    type_ = entity_type(c)
    if type_ == "Person" and (full := full_name(c)):
        return full                 # a person's short form ("Scott") is not the label, however often said
    cased = type_ not in ("Concept", "")
    names = [s for s in c.surfaces if c.rules.get(s) not in NOT_LABELS] or list(c.surfaces)    # merged names keep theirs
    return max(sorted(names), key=lambda s: (cased and s != s.lower(), c.surfaces[s], len(s.split()),
                                             s[:1].isupper(), -len(s)))


def full_name(c: Cluster) -> str | None:
    """The full name a person's short forms were bound to ("Scott Belsky" for "Scott"): a surface of
    two or more different capitalised words starting with a given name (kg.person_names), when
    others were bound to it as its first name, surname or part (SHORT_FORMS) and some mention
    called it a person."""
    if not c.types["Person"] or not any(c.rules.get(s) in SHORT_FORMS for s in c.surfaces):
        return None
    full = [s for s in c.surfaces if c.rules.get(s) not in SHORT_FORMS and len(set(s.split())) >= 2
            and all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in s.split())
            and person_names.is_given(s.split()[0])]          # not "Instagram Live", "Galactic Supernova"
    return max(sorted(full), key=lambda s: (c.surfaces[s], len(s))) if full else None


def to_entity(iri: str, c: Cluster) -> Entity:
    label, type_ = label_of(c), entity_type(c)
    if type_ not in ENTITY_TYPES:                   # _weak drops these: no typeless node reaches the graph
        raise AssertionError(f"entity {label!r} has no type")
    known = {c.entry.label, *c.entry.aliases} if c.entry else set()       # a corrected label keeps the entry's
    aliases = sorted(({s for s in c.surfaces} | known | c.more_aliases) - {label})
    return Entity(iri, label, type_, aliases=aliases, mentions=c.spans or len(c.metadata),
                  wikidata=c.entry.wikidata if c.entry else None, sources=sorted(c.sources),
                  confidence=round(max(c.confidence, 0.95 if c.entry else 0.0), 3), key=c.entry.key if c.entry else None,
                  merged_by={s: c.rules[s] for s in sorted(c.rules) if s != label})


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
            groups.setdefault((_joined(label), type_), []).append(key)
            words.setdefault((_joined(label), type_), label.casefold())
    for group in [g for g in groups if g[1] in ("Concept", "Model")]:    # "algorithms" joins "algorithm"
        single = next(((_joined(" ".join(s)), group[1]) for s in singulars(tuple(words[group].split()))
                       if (_joined(" ".join(s)), group[1]) in groups), None)
        if single is not None and single != group and group in groups:
            groups[single] += groups.pop(group)
    moved: dict[str, str] = {}
    for keys in groups.values():
        if len(keys) < 2:
            continue
        into = max(sorted(keys), key=lambda k: (kept[k].entry is not None, kept[k].spans + len(kept[k].metadata)))
        for key in keys:
            if key != into and kept[key].entry is None:      # two gazetteer entries stay two
                absorb(kept[into], kept.pop(key))
                moved[key] = into
    moved.update(_people_that_are_things(kept))
    return moved


def _joined(label: str) -> str:
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
    ("Churchill" said alone in one episode is the "Winston Churchill" named in another), never
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
            full.setdefault(fold(label.split()[-1]), []).append(key)
    moved: dict[str, str] = {}
    for key, label in sorted(people.items()):
        if " " not in label and kept[key].entry is None and len(full.get(fold(label), ())) == 1 \
                and not person_names.is_given(label):            # "Dave" is not Naiyo Dave's surname
            into, c = full[fold(label)][0], kept.pop(key)
            for surface in c.surfaces:          # a short form: the full name stays the label (label_of)
                c.rules[surface] = "surname alone"
            absorb(kept[into], c)
            moved[key] = into
    return moved


def same_people(kept: dict[str, Cluster]) -> dict[str, str]:
    """Merge two people one episode names when one name is the other with words left out or its
    last word cut short, their first names alike: "Gary Sullivan" / "Gary Lee Sullivan", "Inbal S" /
    "Inbal Shani", "Jane Good" / "Jane Goodall", "Neal" / "Neil Stephenson". The less said joins the
    other (a gazetteer person never joins), and never when it could be either of two people of
    that episode ("Jonathan" and "Jonathan Jonathan" beside "Jonathan Haidt" and "Jonathan Pageau").
    Returns absorbed key -> the key it joined; `kept` loses the absorbed clusters.

    >>> from collections import Counter
    >>> def person(name, n):
    ...     return Cluster("name:" + name, surfaces=Counter({name: n}), types=Counter(Person=n), spans=n, sources={"e1"})
    >>> kept = {c.key: c for c in (person("Gary Sullivan", 8), person("Gary Lee Sullivan", 1), person("Gary Oldman", 2))}
    >>> same_people(kept), sorted(kept)
    ({'name:Gary Lee Sullivan': 'name:Gary Sullivan'}, ['name:Gary Oldman', 'name:Gary Sullivan'])
    """
    people = {key: c for key, c in kept.items() if entity_type(c) == "Person"}
    in_source: dict[str, list[str]] = {}
    for key in sorted(people):
        for source in people[key].sources:
            in_source.setdefault(source, []).append(key)
    labels = {key: label_of(c) for key, c in people.items()}
    alike: dict[str, set[str]] = {}
    for keys in in_source.values():
        for a in keys:
            for b in keys:
                if a != b and _one_person(labels[a], labels[b]):
                    alike.setdefault(a, set()).add(b)
    moved: dict[str, str] = {}
    rank = {key: _rank(c, labels[key]) + (key,) for key, c in people.items()}
    for key in sorted(alike, key=lambda k: rank[k]):        # the least said first
        others = {moved.get(o, o) for o in alike[key]} - {key}
        if key in moved or len(others) != 1 or people[key].entry is not None:
            continue
        into = others.pop()
        if rank[into] < rank[key] or into not in kept:
            continue
        c = kept.pop(key)
        for surface in c.surfaces:
            c.rules[surface] = SAME_PERSON
        absorb(kept[into], c)
        moved[key] = into
        moved.update({k: into for k, v in moved.items() if v == key})
    return moved


def _rank(c: Cluster, label: str) -> tuple:
    """Which of two names of one person is the node: a gazetteer entry, the more said, then the
    plainer ("Dick Gregory", not "Dick Gregory Dick Gregory")."""
    words = label.split()
    return c.entry is not None, c.spans + len(c.metadata), len(set(words)) == len(words), -len(words)


def _one_person(a: str, b: str) -> bool:
    """Whether two names of two or more words may be one person's: the first names alike, and the
    words of one all in the other, or the last word of one an initial of the other's or that word
    cut short by at most CUT_SHORT letters ("Good"/"Goodall"; not "Wood"/"Woodward")."""
    x, y = fold(a).replace("-", " ").replace(".", "").split(), fold(b).replace("-", " ").replace(".", "").split()
    if len(x) < 2 or len(y) < 2 or x == y or not (x[0] == y[0] or same_first_name(a, b)):
        return False
    short, long_ = sorted((x[-1], y[-1]), key=len)
    return set(x[1:]) <= set(y[1:]) or set(y[1:]) <= set(x[1:]) \
        or (len(x) == len(y) and x[1:-1] == y[1:-1] and long_.startswith(short)
            and (len(short) <= 2 or len(long_) - len(short) <= CUT_SHORT))


def absorb(a: Cluster, b: Cluster) -> None:
    """Put `b`'s mentions and evidence into `a` (`a` keeps its own rule for a surface both have)."""
    a.surfaces.update(b.surfaces)
    a.types.update(b.types)
    a.seen.update(b.seen)
    for surface, rule in b.rules.items():
        a.rules.setdefault(surface, rule)
    a.sources |= b.sources
    a.more_aliases |= b.more_aliases
    a.metadata.extend(b.metadata)
    a.spans, a.midline, a.idea_heads = a.spans + b.spans, a.midline + b.midline, a.idea_heads + b.idea_heads
    a.capped, a.lowered = a.capped + b.capped, a.lowered + b.lowered
    a.confidence, a.named = max(a.confidence, b.confidence), a.named or b.named


KEPT_OUT = 200              # names kept out that the report lists for `kg review`, most mentioned first
DOUBTFUL_SHARE = 0.8        # an entity whose type won less than this share of the votes is listed too
DOUBTFUL = 500


def for_review(weak: list[tuple[Cluster, str]], kept: dict[str, Cluster], iris: dict[str, str], documents,
               extractions) -> dict[str, list[dict]]:
    """What `kg review` reads in report.json: `kept_out` (the `weak` clusters) and `type_votes` (of `kept`)."""
    return {"kept_out": kept_out(weak, documents, extractions), "type_votes": split_votes(kept, iris)}


def kept_out(weak: list[tuple[Cluster, str]], documents, extractions) -> list[dict]:
    """The names too weakly supported to be nodes that had a type, for `kg review`: name, type,
    reason, mentions, files and the sentence of the first mention (as evidence quotes it)."""

    rows = [(c, why) for c, why in weak if entity_type(c)]
    rows.sort(key=lambda r: (-(r[0].spans or len(r[0].metadata)), -len(r[0].sources), label_of(r[0]), r[1]))
    rows = rows[:KEPT_OUT]
    wanted = {c.first[0] for c, _ in rows if c.first}
    texts = {d.id: (d.text, x.sentences) for d, x in zip(documents, extractions) if d.id in wanted}

    def quote_at(doc: str, start: int, end: int) -> str:
        return quote(texts[doc][0], start, end, texts[doc][1], 160)

    return [{"name": label_of(c), "type": entity_type(c), "reason": why, "mentions": c.spans or len(c.metadata),
             "files": len(c.sources), **({"file": min(c.sources)} if c.sources else {}),
             **({"quote": quote_at(*c.first)} if c.first else {})} for c, why in rows]


def split_votes(kept: dict[str, Cluster], iris: dict[str, str]) -> list[dict]:
    """Entities whose type the mentions did not agree on, or that type evidence moved off the votes
    (no gazetteer entry or correction decided it), least agreed first: id, label, type and the
    weighted votes, for `kg review`."""
    rows = []
    for key, c in kept.items():
        found = votes_of(c)
        if c.entry is None and not c.type and (len(found) > 1 or c.settled) and sum(found.values()):
            # the share of the type it got: evidence may have moved it off every vote (Place -> Organization)
            share = found[entity_type(c)] / sum(found.values())
            if share < DOUBTFUL_SHARE:
                rows.append((round(share, 3), label_of(c), iris[key], entity_type(c),
                             {t: round(w, 2) for t, w in sorted(found.items(), key=lambda x: (-x[1], x[0]))}))
    rows.sort()
    return [{"id": iri, "label": label, "type": t, "share": share, "votes": v}
            for share, label, iri, t, v in rows[:DOUBTFUL]]
