"""Entities + Mentions -> one networkx graph with the relations of the brief:
`part_of`, `hosted_by`, `features`, `mentions`, `discusses`, `co_occurs_with`, and
`sponsored_by` (an episode's ad reads, with the read as evidence).

Nodes are keyed by entity IRI; edges are keyed by relation name (a
MultiDiGraph; `co_occurs_with` is stored once per pair, from the smaller id).
`mentions` and `discusses` edges carry evidence: file, episode, speaker,
seconds, deep link and a short quote.

>>> deep_link("https://www.youtube.com/watch?v=abcdefghijk", 83.4)
'https://www.youtube.com/watch?v=abcdefghijk&t=83s'
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from .cooccur import pairs
from .model import Document, Entity, Evidence, Extraction, Mention
from .quote import QUOTE_CHARS, quote
from .resolve import Resolution

EVIDENCE_CAP = 5


@dataclass
class LinkSettings:
    min_cooccurrence: int = 2
    evidence_cap: int = EVIDENCE_CAP
    quote_chars: int = QUOTE_CHARS


def deep_link(url: str | None, seconds: float | None) -> str | None:
    """A link to the moment: YouTube `t=`, media fragment `#t=` for audio files."""
    if not url or seconds is None:
        return None
    t = int(seconds)
    if re.search(r"(?:youtube\.com/watch\?|youtu\.be/)", url):
        url = re.sub(r"([?&])t=\d+s?", r"\1", url).rstrip("?&")
        return f"{url}{'&' if '?' in url else '?'}t={t}s"
    if re.search(r"\.(?:mp3|m4a|ogg|wav|mp4|webm|opus)(?:$|\?)", url, re.I):
        return f"{url.split('#')[0]}#t={t}"
    return None


class GraphBuilder:
    """Accumulates nodes and edges; `graph()` returns them in a stable order."""

    def __init__(self, settings: LinkSettings):
        self.s = settings
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple[str, str, str], dict] = {}
        self.crowded: dict[str, int] = {}        # file -> windows too crowded for co-occurrence

    def node(self, e: Entity) -> None:
        attrs = {"label": e.label, "type": e.type, "aliases": list(e.aliases), "mentions": e.mentions,
                 "wikidata": e.wikidata, "sources": list(e.sources), "confidence": e.confidence,
                 "key": e.key if e.type != "Episode" else None,            # the gazetteer entry it resolved to
                 "merged_by": dict(e.merged_by), **e.attrs}
        if attrs.get("chapters"):                   # each chapter links to its second of the video
            attrs["chapters"] = [{**c, "url": url} if (url := deep_link(e.attrs.get("url"), c.get("seconds"))) else c
                                 for c in attrs["chapters"]]
        self.nodes[e.id] = {k: v for k, v in attrs.items() if v not in (None, [], {})}

    def edge(self, u: str, v: str, relation: str, *, weight: float = 1, origin: str = "metadata",
             confidence: float | None = None, evidence: Evidence | None = None) -> None:
        if relation == "co_occurs_with" and v < u:
            u, v = v, u
        data = self.edges.setdefault((u, v, relation), {"weight": 0, "origins": set(), "evidence": [],
                                                        "evidence_count": 0})
        data["weight"] += weight
        data["origins"].add(origin)
        if confidence is not None:
            data["confidence"] = max(data.get("confidence", 0.0), confidence)
        if evidence is not None:
            data["evidence_count"] += 1
            if len(data["evidence"]) < self.s.evidence_cap:
                data["evidence"].append(evidence)

    def graph(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph(crowded=self.crowded)
        for iri in sorted(self.nodes):
            g.add_node(iri, **self.nodes[iri])
        for (u, v, rel) in sorted(self.edges):
            data = dict(self.edges[(u, v, rel)])
            data["origins"] = sorted(data["origins"])
            if not data["evidence"]:
                del data["evidence"], data["evidence_count"]
            g.add_edge(u, v, key=rel, relation=rel, **data)
        return g


def link(documents: Sequence[Document], extractions: Sequence[Extraction], resolution: Resolution,
         settings: LinkSettings | None = None) -> nx.MultiDiGraph:
    """Build the graph: episode structure, mentions, who discusses what, co-occurrence."""
    s = settings or LinkSettings()
    b = GraphBuilder(s)
    by_id = {e.id: e for e in resolution.entities}
    for e in resolution.entities:
        b.node(e)
    windows: dict[tuple[str, int], dict[str, list[Mention]]] = defaultdict(dict)   # window -> entity -> mentions
    where: dict[str, tuple[Document, Extraction, str]] = {}
    for doc, ex in zip(documents, extractions):
        episode = resolution.episodes[doc.id]
        _structure(b, doc, ex, resolution, by_id, episode)
        speakers = resolution.speakers.get(doc.id, {})
        ids = resolution.assignments[doc.id]
        present = _present(ex, ids, speakers)
        where[doc.id] = (doc, ex, episode)
        listed: set[str] = set()
        for m, iri in zip(ex.mentions, ids):
            if iri is None or by_id[iri].type == "Episode":
                continue
            if m.start is None:
                if m.field not in ("host", "guest", "speaker", "show") and iri not in listed:
                    listed.add(iri)
                    ev = Evidence(doc.source, episode, quote=_short(m.context, s.quote_chars), origin="metadata",
                                  confidence=m.confidence) if m.context else None
                    b.edge(episode, iri, "mentions", weight=0, origin="metadata", confidence=m.confidence,
                           evidence=ev)
                continue
            ev = _evidence(doc, ex, m, episode, s)
            if m.field == "sponsor":            # the sponsor of an ad read: not a mention, no one's topic
                if by_id[iri].type == "Organization":
                    b.edge(episode, iri, "sponsored_by", origin="ad", evidence=ev)
                continue
            b.edge(episode, iri, "mentions", origin=m.source, evidence=ev)
            person = speakers.get(m.speaker) if m.speaker else None
            if person and iri not in present:          # the people in the room and their show: addressed
                b.edge(person, iri, "discusses", origin=m.source, evidence=ev)
            if by_id[iri].type != "Show":
                windows[(doc.id, m.window)].setdefault(iri, []).append(m)
    _fix_metadata_weights(b)
    _cooccurrence(b, windows, where, s)
    return b.graph()


def _structure(b: GraphBuilder, doc: Document, ex: Extraction, r: Resolution, by_id: dict, episode: str) -> None:
    """part_of, hosted_by and features from the document's own metadata."""
    role_edge = {"host": "hosted_by", "guest": "features"}
    ids = r.assignments[doc.id]
    for m, iri in zip(ex.mentions, ids):
        if iri is None or m.start is not None:
            continue
        if m.field == "show" and by_id[iri].type == "Show":
            b.edge(episode, iri, "part_of", weight=0, origin="metadata")
        elif m.field in role_edge and by_id[iri].type == "Person":
            b.edge(episode, iri, role_edge[m.field], weight=0, origin="metadata")


def _present(ex: Extraction, ids: Sequence[str | None], speakers: dict[str, str]) -> set[str]:
    """Who takes part in a document (its speakers, hosts and guests) and its show: naming them is
    talking to them ("thanks, Lena"; "welcome to the show"), not discussing them."""
    present = set(speakers.values())
    present.update(iri for m, iri in zip(ex.mentions, ids)
                   if iri is not None and m.start is None and m.field in ("host", "guest", "speaker", "show"))
    return present


def _fix_metadata_weights(b: GraphBuilder) -> None:
    """A fact only stated by metadata (a listed entity, a host) counts as weight 1."""
    for data in b.edges.values():
        if data["weight"] == 0:
            data["weight"] = 1


def _evidence(doc: Document, ex: Extraction, m: Mention, episode: str, s: LinkSettings,
              end: int | None = None) -> Evidence:
    """Evidence of mention `m`; its quote runs to `end` when given (a second name said with it)."""
    return Evidence(source=doc.source, episode=episode, speaker=m.speaker, seconds=m.seconds,
                    url=deep_link(doc.url, m.seconds), quote=quote(doc.text, m.start, end or m.end, ex.sentences,
                                                                   s.quote_chars),
                    origin=m.source, confidence=m.confidence)


def _short(text: str | None, limit: int) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _cooccurrence(b: GraphBuilder, windows: dict, where: dict, s: LinkSettings) -> None:
    """co_occurs_with from `kg.cooccur.pairs`; the evidence is the window that says the two
    closest, quoted so that both names show."""
    found, crowded = pairs(windows, {doc_id: (doc.text, ex.sentences) for doc_id, (doc, ex, _) in where.items()},
                           s.min_cooccurrence, s.quote_chars)
    for p in found:
        doc, ex, episode = where[p.doc_id]
        ev = _evidence(doc, ex, p.first, episode, s, end=max(p.first.end, p.second.end))   # both names
        b.edge(p.u, p.v, "co_occurs_with", weight=p.weight, origin="inferred", evidence=ev)
        b.edges[(p.u, p.v, "co_occurs_with")]["score"] = p.score
    files: Counter = Counter()
    for doc_id, n in crowded.items():
        files[where[doc_id][0].source] += n
    b.crowded = dict(sorted(files.items()))
