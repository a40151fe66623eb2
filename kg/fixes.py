"""The corrections of `kg.corrections` applied during resolution, before IRIs are minted (so every
output has them): speakers and added names before the documents are resolved, ignore and split
as each mention is decided, merge, type and add on the clusters before weak ones are dropped.
What each correction did (or that it matched nothing) is kept for the build report.

>>> from collections import Counter
>>> from kg.clusters import Cluster, to_entity
>>> from kg.corrections import parse
>>> fixes = Fixes(parse("merge: [[Lockheed Martin, Lockheed]]", "c.yaml"))
>>> clusters = {"name:lockheed": Cluster("name:lockheed", surfaces=Counter({"Lockheed": 2})),
...             "name:lockheed martin": Cluster("name:lockheed martin", surfaces=Counter({"Lockheed Martin": 1}),
...                                             types=Counter({"Place": 1}))}
>>> fixes.merge_and_type(clusters, lambda c: None)
>>> fixes.final("name:lockheed"), fixes.outcome({})[0]["result"]
('name:lockheed martin', "merged 2 entities into 'Lockheed Martin'")
>>> to_entity("iri", clusters["name:lockheed martin"])
Entity('Lockheed Martin', Place, mentions=0)
>>> _.merged_by
{'Lockheed': 'correction (c.yaml line 1)'}
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from .clusters import Cluster, absorb, entity_type, label_of, local_key
from .corrections import MAX_NAME, Correction
from .gazetteer import ACRONYM, Gazetteer, fold
from .model import Document, Extraction, Mention, Participant, Problem
from .read.ads import inside
from .read.text import place

IGNORED = "ignored (corrections file)"
_WORD = re.compile(r"\w")
Decided = tuple[str, str, str] | None          # (cluster key, rule, surface), as kg.decide.Decider._decide gives it


class Fixes:
    """The corrections of one resolution, and what each of them did."""

    def __init__(self, corrections: Sequence[Correction]):
        self.items = list(corrections)
        self.done: list[list[str]] = [[] for _ in self.items]        # what each correction did
        self.hits = [0] * len(self.items)                           # mentions, turns or clusters it changed
        self.keys: list[set[str]] = [set() for _ in self.items]      # clusters it made or changed
        self.missed: list[list[str]] = [[] for _ in self.items]      # names of a merge that matched nothing
        self.redirect: dict[str, str | None] = {}                    # cluster key -> the key it went to (None: gone)
        self.made: set[str] = set()         # keys of added and split-off names: trusted even if only listed
        self._of = defaultdict(list)
        for i, c in enumerate(self.items):
            self._of[c.kind].append(i)
        self.ignored = {fold(self.items[i].names[0]): i for i in self._of["ignore"]}
        self.splits = {fold(self.items[i].names[0]): i for i in self._of["split"]}
        self.added = {fold(self.items[i].names[0]): i for i in reversed(self._of["add"])}   # the first one wins
        self._from: dict[int, set[str]] = {}

    # -- before the documents are resolved ------------------------------------
    def prepare(self, documents: Sequence[Document], extractions: Sequence[Extraction], gaz: Gazetteer) -> Fixes:
        """Name speakers, and find added names in the text where no mention covers them (returns self)."""
        self.gaz = gaz
        names = sorted({self.items[i].names[0] for i in self._of["add"]}, key=lambda n: (-len(n), n))
        for doc, ex in zip(documents, extractions):
            for i in self._of["speakers"]:
                self._speaker(i, doc, ex)
            if names:
                self._find(names, doc, ex)
        return self

    def _speaker(self, i: int, doc: Document, ex: Extraction) -> None:
        c = self.items[i]
        label, person = fold(c.names[0]), c.names[1]
        if c.file and not _same_file(doc.source, c.file):
            return
        turns = {n for n, t in enumerate(doc.turns) if fold(t.speaker or t.voice or "") == label}
        for n in turns:
            doc.turns[n].speaker = person
        for m in ex.mentions:
            if m.turn in turns:
                m.speaker = person
            elif m.start is None and m.field in ("host", "guest", "speaker") and fold(m.surface) == label:
                m.surface = person
        if turns:
            if not any(fold(p.name) == fold(person) for p in doc.participants):
                doc.participants.append(Participant(person, c.role or "speaker"))
            if c.role:
                ex.mentions.append(Mention(doc.id, person, "Person", "metadata", 1.0, field=c.role))
            self.hits[i] += len(turns)
            self.done[i].append(doc.source)

    def _find(self, names: list[str], doc: Document, ex: Extraction) -> None:
        """Mentions of `names` (longest first) where the text has them as whole words, as written, and
        no mention covers them (str.find: an alternation of names with lookarounds is 20x slower)."""
        spans = sorted((m.start, m.end) for m in ex.mentions if m.start is not None)
        starts = [t.start for t in doc.turns]
        found = []
        for name in names:
            at = doc.text.find(name)
            while at >= 0:
                end = at + len(name)
                if not (_WORD.match(doc.text, at - 1) if at else False) and not _WORD.match(doc.text, end) \
                        and not _overlaps(spans, at, end) and not inside(doc.ads, at):
                    bisect.insort(spans, (at, end))
                    found.append((at, end, self.added[fold(name)]))
                at = doc.text.find(name, at + 1)
        for at, end, i in sorted(found):
            m = Mention(doc.id, doc.text[at:end], self.items[i].type, "correction", 1.0, at, end, field="correction")
            place(doc, m, ex.sentences, starts)
            ex.mentions.append(m)
            self.done[i].append("found")

    # -- as each mention is decided ---------------------------------------------
    def decide(self, mentions: Sequence[Mention], decided: list[Decided], name_key: Callable,
               rejected) -> list[Decided]:
        """`decided` with added names put on their node, split aliases moved off, ignored names dropped."""
        if not (self.added or self.splits or self.ignored):
            return decided
        named = self.added.keys() | self.splits.keys() | self.ignored.keys()
        out = []
        for m, d in zip(mentions, decided):
            said = tuple(dict.fromkeys((fold(m.surface), fold(d[2])) if d is not None else (fold(m.surface),)))
            if named.isdisjoint(said):
                out.append(d)
                continue
            add = next((self.added[s] for s in said if s in self.added), None)
            if add is not None and (m.field == "correction" or d is not None and m.start is not None):
                key = self.add_key(add)
                same = d is not None and d[0] == key
                self.made.add(key)
                d = (key, d[1] if same else self.items[add].rule, m.surface if d is None else d[2])
            split = next((self.splits[s] for s in said if s in self.splits), None)
            if d is not None and split is not None and d[0] in self.from_keys(split, name_key):
                self.hits[split] += 1
                d = (self.split_key(split, name_key), self.items[split].rule, d[2])
                self.keys[split].add(d[0])
                self.made.add(d[0])
            ignore = next((self.ignored[s] for s in said if s in self.ignored), None)
            if d is not None and ignore is not None:
                self.hits[ignore] += 1
                rejected[IGNORED] += 1
                d = None
            out.append(d)
        return out

    def add_key(self, i: int) -> str:
        name = self.items[i].names[0]
        entry = self.gaz.lookup(name)
        return entry.key if entry is not None else local_key(name)

    def from_keys(self, i: int, name_key: Callable) -> set[str]:
        if i not in self._from:
            name = self.items[i].names[1]
            self._from[i] = {local_key(name), *(name_key(name) or ())[:1]}
        return self._from[i]

    def split_key(self, i: int, name_key: Callable) -> str:
        key = local_key(self.items[i].names[0])
        return key if key not in self.from_keys(i, name_key) else "split:" + key

    # -- on the clusters, before the weak ones are dropped -------------------------
    def merge_and_type(self, clusters: dict[str, Cluster], weak: Callable[[Cluster], str | None]) -> None:
        """Ignore (by label), merge, keep split-off names, add and type, in that order (`weak`: why
        the resolver would keep a cluster out, or None)."""
        index = _Index(clusters)
        for i in self._of["ignore"]:
            for key in self.find(index, self.items[i].names[0], clusters, labels_only=True):
                self.hits[i] += 1
                self.done[i].append(f"dropped '{label_of(clusters[key])}'")
                self.redirect[key] = None
                del clusters[key]
        for i in self._of["merge"]:
            self._merge(i, index, clusters)
        for i in self._of["split"]:                 # the alias's own node, even when weakly supported
            for key in self.keys[i] & clusters.keys():
                clusters[key].corrected, clusters[key].label = True, self.items[i].names[0]
            for key in set(self.find(index, self.items[i].names[0], clusters, labels_only=True)) - self.keys[i]:
                clusters[key].corrected = True       # its own node already: kept apart from later merges (kg.merges)
                self.keys[i].add(key)
                self.hits[i] += 1
                self.done[i].append(KEPT_APART)
        for i in self._of["add"]:
            c = clusters.get(self.add_key(i))
            if c is None:
                continue
            extracted = c.spans + len(c.metadata) > self.done[i].count("found")     # not only what the search found
            why = extracted and weak(c)
            c.corrected, c.type = True, self.items[i].type
            c.label = c.label or (None if c.entry else self.items[i].names[0])
            self.keys[i].add(c.key)
            self.hits[i] += 1
            if why:
                self.done[i].insert(0, f"kept out before: {why}")
        for i in self._of["type"]:
            for key in self.find(index, self.items[i].names[0], clusters):
                was = entity_type(clusters[key])
                clusters[key].type, clusters[key].corrected = self.items[i].type, True
                self.keys[i].add(key)
                self.hits[i] += 1
                self.done[i].append(f"'{label_of(clusters[key])}' was {was or 'untyped'}")

    def _merge(self, i: int, index: _Index, clusters: dict[str, Cluster]) -> None:
        c = self.items[i]
        found = []
        for n, name in enumerate(c.names):
            keys = self.find(index, name, clusters)
            if not keys and n:                      # the first name may be a new label
                self.missed[i].append(name)
            found += [k for k in keys if k not in found]
        if not found:
            return
        target = clusters[found[0]]
        for key in found[1:]:
            _absorb(target, clusters.pop(key), c.rule)
            self.redirect[key] = target.key
        target.label, target.corrected = c.names[0], True
        named = {fold(n) for n in c.names}
        target.rules.update({s: c.rule for s in target.surfaces if fold(s) in named})
        index.labels[fold(c.names[0])] = [target.key]
        self.keys[i].add(target.key)
        self.hits[i] += 1
        self.done[i].append(f"merged {len(found)} entities into '{c.names[0]}'" if len(found) > 1
                            else f"already one entity: '{c.names[0]}'")

    def find(self, index: _Index, name: str, clusters: dict[str, Cluster], labels_only: bool = False) -> list[str]:
        """Keys of the clusters labelled `name`, else (unless `labels_only`) of those with it as a surface."""
        folded = fold(name)
        keys = index.labels.get(folded)
        if not keys and not labels_only:       # a spelling or alias: only when it names one entity ("Sam" may be many)
            keys = index.names.get(folded, []) + index.names.get(name, [])
            found = list(dict.fromkeys(k for k in map(self.final, keys) if k is not None and k in clusters))
            return found if len(found) == 1 else []
        return list(dict.fromkeys(k for k in map(self.final, keys or []) if k is not None and k in clusters))

    def final(self, key: str | None) -> str | None:
        """Where a cluster key ended up after merges (None: ignored)."""
        while key in self.redirect:
            key = self.redirect[key]
            if key is None:
                return None
        return key

    def rekey(self, keys: dict[str, list], speakers: dict[str, dict[str, str]]) -> None:
        """Point the documents' cluster keys (in place) at the clusters they were merged into."""
        if self.redirect:
            for doc, found in keys.items():
                keys[doc] = [self.final(k) if k is not None else None for k in found]
            for doc, found in speakers.items():
                speakers[doc] = {label: k for label, k in ((lb, self.final(k)) for lb, k in found.items()) if k}

    # -- the report ------------------------------------------------------------------
    def outcome(self, iris: dict[str, str], moved: dict[str, str] | None = None) -> list[dict]:
        """Each correction: where it is, whether it did anything, what, and to which nodes (`moved`: a
        key's cluster -> the one it joined after the corrections, as `merges.same_names` returns)."""
        moved = moved or {}
        out = []
        for i, c in enumerate(self.items):
            keys = self.keys[i] | (self._from.get(i, set()) if self.hits[i] else set())    # a split: both sides
            nodes = sorted({iris[moved.get(k, k)] for k in map(self.final, keys) if moved.get(k, k) in iris})
            out.append({"file": c.shown, "line": c.line, "kind": c.kind, "correction": c.text(),
                        "applied": bool(self.hits[i]),
                        "result": _said(c, self.done[i], self.hits[i]) or "matched nothing",
                        **({"unmatched": self.missed[i]} if self.missed[i] and self.hits[i] else {}),
                        **({"entities": nodes} if nodes else {})})
        return out


def problems(outcome: list[dict]) -> list[Problem]:
    """A warning for each correction that matched nothing, or named a name that matched nothing."""
    return [Problem(o["file"], f"line {o['line']}: {o['correction']}: " + (
        "matched nothing" if not o["applied"] else "matched nothing for " + ", ".join(o["unmatched"]))
        + " (check the spelling against the graph: kg neighbors NAME, or kg review)")
        for o in outcome if not o["applied"] or o.get("unmatched")]


def _said(c: Correction, done: list[str], hits: int) -> str:
    if not hits:
        return ""
    if c.kind == "speakers":
        return f"{c.names[1]} speaks {hits} turn(s) in {len(done)} document(s)"
    if c.kind == "split":
        moved = hits - done.count(KEPT_APART)
        return f"moved {moved} mention(s) of '{c.names[0]}' off '{c.names[1]}'" if moved else \
            f"'{c.names[0]}' kept apart from '{c.names[1]}'"
    if c.kind == "add":
        found = done.count("found")
        return "; ".join([f"'{c.names[0]}' is a node ({c.type})", *(d for d in done if d != "found")]
                         + ([f"{found} more mention(s) found in the text"] if found else []))
    if c.kind == "type":
        return f"typed {c.type}: " + ", ".join(done)
    if c.kind == "ignore":
        return "; ".join(([f"dropped {hits - len(done)} mention(s)"] if hits > len(done) else []) + done)
    return "; ".join(done)


KEPT_APART = "kept apart"    # a split whose alias is its own node already: no merge may join them


class _Index:
    """Cluster keys by folded label, and by every folded surface and alias."""

    def __init__(self, clusters: dict[str, Cluster]):
        self.labels: dict[str, list[str]] = defaultdict(list)
        self.names: dict[str, list[str]] = defaultdict(list)
        for key, c in clusters.items():
            self.labels[fold(label_of(c))].append(key)
            known = (c.entry.label, *c.entry.aliases) if c.entry else ()
            for name in sorted({*c.surfaces, *c.more_aliases, *known}):
                # an acronym by its capitals only: "Sam" does not name the entity whose alias is "SAM"
                self.names[name if ACRONYM.fullmatch(name) else fold(name)].append(key)


def _absorb(target: Cluster, other: Cluster, rule: str) -> None:
    """`clusters.absorb`, and `other`'s names now say they were merged by `rule`; a gazetteer entry
    `other` had is kept (its label an alias) when `target` has none."""
    names = {*other.surfaces, *other.more_aliases}
    if other.entry is not None:
        names |= {other.entry.label, *other.entry.aliases}
        target.entry = target.entry or other.entry
    absorb(target, other)
    target.more_aliases |= names - set(other.surfaces)
    target.rules.update({name: rule for name in names})
    target.first = target.first or other.first


def _same_file(source: str, given: str) -> bool:
    """Whether a document read from `source` is the file a correction names (relative to its corpus
    folder, or with the folder's label in front when the build had several)."""
    given = given.replace("\\", "/").removeprefix("./")
    return source == given or source.endswith("/" + given)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end overlaps one of the sorted spans (mentions, none longer than MAX_NAME)."""
    i = bisect.bisect_left(spans, (end,)) - 1
    while i >= 0 and spans[i][0] >= start - MAX_NAME:
        if spans[i][1] > start:
            return True
        i -= 1
    return False
