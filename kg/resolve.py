"""Mentions -> Entities: one node per real-world thing.

What each mention is, is decided from its own document (kg.decide: noise rejection, the
gazetteer, entity-note aliases, first-name/surname binding, fuzzy/phonetic matching against the
gazetteer and the episode's own people and show, else a corpus-level cluster of the same
normalised name); the decisions are counted into clusters here, whose types are voted
(gazetteer and metadata outvote NER), then merged across the corpus (kg.merges) and minted.
Entities keep their aliases and the rule that merged each one.

>>> from kg.model import Document, Mention, Participant
>>> from kg.model import Extraction
>>> from kg.gazetteer import Gazetteer
>>> gaz = Gazetteer.from_entries([{"key": "anthropic", "label": "Anthropic", "type": "Organization"}])
>>> doc = Document(id="d", source="d.txt", format="text", title="T", participants=[Participant("Ada Byron", "guest")])
>>> ms = [Mention("d", "Enthropic", "Organization", "ner", 0.6, 0, 9), Mention("d", "Ada", "Person", "ner", 0.6, 10, 13),
...       Mention("d", "Ada Byron", "Person", "metadata", 1.0, field="guest")]
>>> r = resolve([doc], [Extraction("d", ms)], gaz)
>>> sorted((e.label, e.type, e.merged_by.get("Enthropic") or e.merged_by.get("Ada")) for e in r.entities if e.type != "Episode")
[('Ada Byron', 'Person', 'first name'), ('Anthropic', 'Organization', 'fuzzy')]
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import acronyms, evidence, ids, support
from .decide import Decider, speakers
from .gazetteer import Gazetteer
from .episodes import assign_show_hosts, episode_attrs, episode_groups, renamed_shows, show_families
from .known_names import PERSON_ROLES as _PERSON_ROLES, KnownNames
from .cache import DecisionCache
from .clusters import Cluster, entity_type, for_review, label_of, local_key, to_entity
from .merges import final_keys, one_letter_apart, one_show, same_names, same_people, spelled_out, surnames_alone
from .decisions import Decisions
from .fixes import Correction, Fixes
from .model import Document, Entity, EntityNote, Extraction, Mention
from .normalize import clean

TYPE_WEIGHT = {"ruler": 10.0, "correction": 10.0, "metadata": 2.0, "ner": 1.0}
TITLE_TOPIC_VOTE = 0.5          # under one NER vote


@dataclass
class Resolution:
    entities: list[Entity]
    assignments: dict[str, list[str | None]]          # doc id -> entity id per mention (None: rejected)
    episodes: dict[str, str]                          # doc id -> Episode entity id
    speakers: dict[str, dict[str, str]]               # doc id -> speaker label -> Person entity id
    rejected: Counter = field(default_factory=Counter)
    report: dict = field(default_factory=dict)       # for report.json: corrections (kg.fixes), kg review's data
    replayed: int = 0                                 # documents whose decisions came from the cache


class Resolver:
    """Counts each document's decisions (kg.decide) into clusters, then keeps the supported ones."""

    def __init__(self, gazetteer: Gazetteer, notes: Sequence[EntityNote] = (), fixes: Fixes | None = None):
        self.gaz, self.fixes = gazetteer, fixes or Fixes(())
        self.weak: list[tuple[Cluster, str]] = []           # clusters finish() kept out, and why
        self.clusters: dict[str, Cluster] = {}
        self.rejected: Counter = Counter()
        self.replayed = 0                                    # documents whose decisions were replayed
        self.known = KnownNames(gazetteer, notes)
        self.first_names = self.known.first_names
        self.decider = Decider(gazetteer, self.known, self.fixes)

    # -- one document ------------------------------------------------------
    def document(self, doc: Document, mentions: list[Mention], cache: DecisionCache | None = None
                 ) -> tuple[list[str | None], dict[str, str]]:
        """Cluster keys for each mention, and for each speaker label of the document; with a
        `cache`, decisions made for the same document, mentions and settings are replayed."""
        key = cache.key(doc, mentions) if cache is not None else ""
        decided = cache.get(key) if cache is not None else None
        self.replayed += decided is not None
        if decided is None:
            decided = self.decide(doc, mentions)
            if cache is not None:
                cache.put(key, decided)
        return self._apply(doc, mentions, decided)

    def decide(self, doc: Document, mentions: list[Mention]) -> Decisions:
        """What each mention of the document is (kg.decide.Decider.decide)."""
        return self.decider.decide(doc, mentions)

    def _apply(self, doc: Document, mentions: list[Mention], d: Decisions
               ) -> tuple[list[str | None], dict[str, str]]:
        """Count a document's decided mentions into their clusters, in order."""
        self.rejected.update(d.rejected)
        every = mentions + speakers(doc.id, d.labels)
        keys: list[str | None] = []
        for i, (m, found) in enumerate(zip(every, d.found)):
            if found is None:
                keys.append(None)
                continue
            key, rule, surface = found
            self._count(self._cluster(key), d.meant.get(i, m), rule, surface, doc, d, i)
            keys.append(key)
        return keys[:len(mentions)], {label: k for label, k in zip(d.labels, keys[len(mentions):]) if k}

    def _count(self, cluster: Cluster, m: Mention, rule: str, surface: str, doc: Document, d: Decisions,
               i: int) -> None:
        cluster.surfaces[surface] += 1
        cluster.rules.setdefault(surface, rule)
        if m.name and (heard := clean(m.surface)) != surface:    # a form heard wrong: an alias, not a label
            cluster.rules.setdefault(heard, rule)
            cluster.more_aliases.add(heard)
        cluster.sources.add(doc.source)
        vote = m.type or ("Person" if m.field in _PERSON_ROLES else "")
        if vote:
            cluster.types[vote] += TYPE_WEIGHT[m.source] * (3 if m.field in _PERSON_ROLES + ("show",) else 1)
        elif m.field in ("title topic", "term"):    # a topic the title names, a term the episode repeats:
            # a Concept unless anything else says otherwise ("South America" in a title is a place)
            cluster.types["Place" if evidence.place_topic(surface, m.field) else "Concept"] += TITLE_TOPIC_VOTE
        form = evidence.form_vote(surface)
        if form == "idea":
            cluster.idea_heads += 1
        elif form:
            cluster.types[form] += 3                     # "Quillfeather Labs" is a company, whatever NER said
        if m.start is not None:
            cluster.spans += 1
            cluster.caption_spans += not d.edited
            cluster.first = cluster.first or (doc.id, m.start, m.end)
            if cluster.entry is None:
                for cue in d.cues.get(i, ()):
                    (cluster.uses if cue in acronyms.USES else cluster.seen)[cue] += 1
                capped, lowered = d.case.get(i, (0, 0))
                cluster.capped += capped
                cluster.lowered += lowered
            if 0 < m.start <= len(doc.text) and doc.text[m.start - 1] not in "\n\"“'‘(*#-":
                cluster.midline += 1
        else:
            cluster.metadata.append(m)
        cluster.confidence = max(cluster.confidence, m.confidence)
        cluster.named |= m.field in (*_PERSON_ROLES, "show", "wikilink", "sponsor")

    def _cluster(self, key: str) -> Cluster:
        if key not in self.clusters:
            self.clusters[key] = Cluster(key, self.gaz.entries.get(key))
        return self.clusters[key]

    # -- the whole corpus --------------------------------------------------
    def finish(self) -> dict[str, Cluster]:
        """Apply the corrections to the clusters, then drop those without enough support to be a node."""
        self.given = support.given_names(self.clusters.values(), self.first_names)
        self.shared = self.people = self.glued = frozenset()
        self.fixes.merge_and_type(self.clusters, self._weak)
        self.shared = support.shared_labels(self.clusters.values())
        self.people = support.name_words(self.clusters.values(), self.gaz)
        self.glued = support.glued_names(self.clusters.values(), self.given)
        kept = {}
        for key, cluster in self.clusters.items():
            reason = self._weak(cluster)
            if reason:
                self.rejected[reason] += 1
                self.weak.append((cluster, reason))
            else:
                kept[key] = cluster
        return kept

    def _weak(self, c: Cluster) -> str | None:
        return support.weak(c, self.gaz, self.first_names, self.given, self.shared, self.people, self.glued)


def resolve(documents: Sequence[Document], extractions: Sequence[Extraction], gazetteer: Gazetteer, *,
            notes: Sequence[EntityNote] = (), base: str = ids.DEFAULT_BASE,
            corrections: Sequence[Correction] = (), cache: DecisionCache | None = None) -> Resolution:
    """Resolve every document's mentions into entities with minted IRIs, applying `corrections` (kg.fixes).
    With a `cache`, each document's decisions are kept and replayed (not with corrections: what a
    correction changes in one document can depend on the documents before it)."""
    by_id = {doc.id: ex for doc, ex in zip(documents, extractions)}
    families = show_families(documents)                             # one host's show under its names
    for doc_id, people in assign_show_hosts(documents, families).items():      # hosts known from the show
        by_id[doc_id].mentions.extend(Mention(doc_id, p.name, "Person", "metadata", 1.0, field=p.role)
                                      for p in people)
    fixes = Fixes(corrections).prepare(documents, extractions, gazetteer)
    resolver = Resolver(gazetteer, notes, fixes)
    raw_keys, raw_speakers = {}, {}
    for doc, ex in zip(documents, extractions):
        raw_keys[doc.id], raw_speakers[doc.id] = resolver.document(doc, ex.mentions,
                                                                   None if corrections else cache)
    kept = resolver.finish()
    fixes.rekey(raw_keys, raw_speakers)
    moved = same_names(kept)
    moved.update(surnames_alone(kept))
    moved.update(same_people(kept))
    moved.update(spelled_out(kept))
    moved.update(one_letter_apart(kept))
    moved.update(one_show(kept, renamed_shows(documents, families)))
    moved = final_keys(moved)
    for note in notes:                                 # a note about an entity is one of its sources
        key = fixes.final((resolver.known.key(note.name) or (local_key(note.name),))[0])
        key = moved.get(key, key)
        if key in kept:
            kept[key].sources.add(note.source)
            kept[key].more_aliases.update([note.name, *note.aliases])
    episodes = episode_groups(documents)
    items = [(k, entity_type(c), label_of(c)) for k, c in kept.items()]
    items += [(k, "Episode", title) for k, (title, _) in episodes.items()]
    iris = ids.mint_all(items, base)
    entities = [to_entity(iris[k], c) for k, c in kept.items()]
    present = {c.entry.key: iris[k] for k, c in kept.items() if c.entry is not None}
    for e in entities:
        if e.key:
            up = gazetteer.broader_present(e.key, present)
            if up:
                e.attrs["broader"] = up
    doc_episode = {}
    for key, (title, docs) in episodes.items():
        sources = sorted({d.source for d in docs})
        entities.append(Entity(iris[key], title, "Episode", sources=sources, mentions=0, key=key,
                               attrs=episode_attrs(docs)))
        for d in docs:
            doc_episode[d.id] = iris[key]
    assignments = {doc: [iris.get(moved.get(k, k)) if moved.get(k, k) in kept else None for k in keys]
                   for doc, keys in raw_keys.items()}
    speakers = {doc: {label: iris[moved.get(k, k)] for label, k in found.items() if moved.get(k, k) in kept}
                for doc, found in raw_speakers.items()}
    entities.sort(key=lambda e: e.id)
    report = {"corrections": fixes.outcome(iris, moved), **for_review(resolver.weak, kept, iris, documents, extractions)}
    return Resolution(entities, assignments, doc_episode, speakers, resolver.rejected, report, resolver.replayed)
