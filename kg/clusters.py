"""A cluster of mentions that is one entity: its type by vote, its label, and the Entity it
becomes (aliases, and the rule that merged each surface); for `kg review`, the clusters kept out
and the entities whose type vote was split. Clusters that are one thing are merged by kg.merges.

>>> from collections import Counter
>>> c = Cluster("name:ada byron", surfaces=Counter({"Ada Byron": 3, "Ada": 2}), types=Counter({"Person": 4}))
>>> label_of(c), entity_type(c)
('Ada Byron', 'Person')
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import person_names
from .gazetteer import Entry, fold
from .model import ENTITY_TYPES, Entity, Mention
from .quote import quote
from .read.participants import PARTICLES


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
    uses: Counter = field(default_factory=Counter)   # how its documents use it, when it is an acronym (kg.acronyms)
    capped: int = 0              # times its documents write it as spelled (kg.evidence)
    lowered: int = 0             # ... and all in lowercase: a phrase, not a name
    settled: str = ""            # the type its evidence allowed, when that is not the vote's winner
    first: tuple[str, int, int] | None = None     # (document id, start, end) of its first span
    label: str | None = None     # a correction's label and type (kg.fixes); it is then always a node
    type: str | None = None
    corrected: bool = False


SHORT_FORMS = frozenset({"first name", "surname", "partial name", "surname alone"})     # rules binding a short form
SAME_PERSON = "same person in the episode"          # the rule of kg.merges.same_people
SPELLED_OUT = "acronym spelled out"                 # the rule of kg.merges.spelled_out
LETTER_APART = "the same name spelt with one letter more or less"     # the rule of kg.merges.one_letter_apart
ONE_SHOW = "one host's show under another name"     # the rule of kg.merges.one_show
NOT_LABELS = frozenset({SAME_PERSON, SPELLED_OUT, LETTER_APART, ONE_SHOW})     # names merged in that never label the node


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
    full = [s for s in c.surfaces if c.rules.get(s) not in SHORT_FORMS | NOT_LABELS and len(set(s.split())) >= 2
            and all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() or w in PARTICLES
                    for w in s.split()[1:]) and s[:1].isupper()
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


def absorb(a: Cluster, b: Cluster) -> None:
    """Put `b`'s mentions and evidence into `a` (`a` keeps its own rule for a surface both have)."""
    a.surfaces.update(b.surfaces)
    a.types.update(b.types)
    a.seen.update(b.seen)
    a.uses.update(b.uses)
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
