"""KnowledgeGraph: load a build and ask it questions.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("e1", label="Ep 1", type="Episode", date="2025-01-02")
>>> g.add_node("o", label="OpenAI", type="Organization", aliases=["Open AI"], mentions=3)
>>> _ = g.add_edge("e1", "o", key="mentions", relation="mentions", weight=3)
>>> kg = KnowledgeGraph(g)
>>> kg.find("open ai").label, kg.find("Openai's").label
('OpenAI', 'OpenAI')
>>> kg.neighbors("OpenAI")
[Neighbor('Ep 1', mentions, weight=3)]
>>> kg.timeline("OpenAI")
{'2025-01-02': 3}
>>> kg.neighbors("OpenAI", type="episode", limit=-1)
Traceback (most recent call last):
...
kg.errors.QueryError: limit must be a whole number >= 0, or None for all (limit=-1)
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property, partial
from pathlib import Path

import networkx as nx
from rapidfuzz import fuzz, process

from .errors import EntityNotFound, GraphNotFound, QueryError
from .gazetteer import fold
from .model import ENTITY_TYPES, RELATIONS, Entity, Evidence, Neighbor
from .nameindex import name_index, name_key

FUZZY_CUTOFF = 80


def _name(name, method: str) -> str:
    """`name` when it is a str; a TypeError saying what `method` takes otherwise (find(None))."""
    if not isinstance(name, str):
        raise TypeError(f"{method}() takes an entity name or id (a str), not {type(name).__name__} {name!r}")
    return name


def _choice(value: str | None, choices: tuple[str, ...], what: str) -> str | None:
    """`value` spelt as in `choices`, compared case-insensitively ('person' -> 'Person'); QueryError listing
    the choices when it is none of them."""
    if value is None:
        return None
    found = next((c for c in choices if isinstance(value, str) and c.lower() == value.lower()), None)
    if found is None:
        raise QueryError(f"unknown {what} {value!r}", todo=f"use one of {', '.join(choices)}")
    return found


class KnowledgeGraph:
    """The graph of a build, with name lookup and neighbour queries."""

    def __init__(self, graph: nx.MultiDiGraph, *, base: str | None = None, source: Path | None = None,
                 evidence=None, sha256=None):
        """`graph` is the networkx graph, or a function giving (graph, evidence) or (graph, evidence,
        name index) when a question first needs it (kg.load: SPARQL needs none; kg.fastload reads
        the name index from the load file, None makes it here). `evidence(u, v, relation)`, when
        given, supplies the evidence of edges that hold none yet (kg.fastload reads it on demand).
        `sha256` (or a function giving it) is that of the `source` file's bytes the graph was read
        from (its SPARQL store is then kept, kg.sparql)."""
        self._make = graph if callable(graph) else lambda: (graph, evidence)
        self._pending = self._given_index = None
        self.base = base
        self.source = source
        self._sha256_of = sha256
        self._store = None

    @property
    def _sha256(self) -> str | None:
        """The sha256 of the source file's bytes (kg.fastload counts it on a thread: this waits)."""
        return self._sha256_of() if callable(self._sha256_of) else self._sha256_of

    @cached_property
    def _graph(self) -> nx.MultiDiGraph:
        graph, self._pending, *index = self._make()
        self._given_index = index[0] if index else None
        self._make = None                   # let go of what made it (the load file's part 1)
        return graph

    @cached_property
    def _index(self) -> dict[str, set[str]]:
        graph = self._graph                 # a load file's index comes with its graph
        return self._given_index if self._given_index is not None else name_index(graph.nodes(data=True))

    @cached_property
    def _names(self) -> list[str]:
        return sorted(self._index)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The networkx graph, every edge with its evidence."""
        return self.to_networkx()

    # -- entities ------------------------------------------------------------
    def entity(self, node_id: str) -> Entity:
        d = self._graph.nodes[node_id]
        return Entity(node_id, d.get("label", ""), d.get("type", ""), aliases=list(d.get("aliases", ())),
                      mentions=int(d.get("mentions", 0)), wikidata=d.get("wikidata"),
                      sources=list(d.get("sources", ())), confidence=float(d.get("confidence", 1.0)),
                      key=d.get("key"), merged_by=dict(d.get("merged_by", {})),
                      attrs={k: d[k] for k in ("date", "url", "degree", "betweenness", "community", "timeline",
                                               "stub", "formats") if k in d})

    def entities(self, type: str | None = None) -> Iterator[Entity]:  # noqa: A002 - the brief's name
        """All entities (of one type, any case: "person" is Person), by label."""
        type = _choice(type, ENTITY_TYPES, "type")  # noqa: A001
        nodes = [n for n, d in self._graph.nodes(data=True) if type is None or d.get("type") == type]
        for n in sorted(nodes, key=lambda n: (fold(self._graph.nodes[n].get("label", "")), n)):
            yield self.entity(n)

    def find(self, name: str) -> Entity | None:
        """Exact id, then label/alias (case-, accent-, punctuation-insensitive), then fuzzy.

        Returns None when nothing matches or a fuzzy match is ambiguous; `suggest`
        gives the "did you mean" list. TypeError when `name` is not a str.
        """
        if _name(name, "find") in self._graph:
            return self.entity(name)
        hits = self._index.get(name_key(name))
        if hits:
            return self.entity(self._best(hits))
        matches = self._fuzzy(name)
        if matches and (len(matches) == 1 or matches[0][1] - matches[1][1] >= 5 or matches[0][1] >= 95):
            return self.entity(self._best(self._index[matches[0][0]]))
        return None

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Labels of the closest entities to a name (for "did you mean")."""
        labels = []
        for key, _score in self._fuzzy(_name(name, "suggest"), cutoff=60, limit=limit * 2):
            label = self._graph.nodes[self._best(self._index[key])].get("label", "")
            if label not in labels:
                labels.append(label)
        return labels[:limit]

    def resolve(self, name_or_id: str) -> str:
        """The node id for a name or id; raises EntityNotFound with suggestions."""
        e = self.find(name_or_id)
        if e is None:
            raise EntityNotFound(name_or_id, self.suggest(name_or_id))
        return e.id

    def _fuzzy(self, name: str, cutoff: int = FUZZY_CUTOFF, limit: int = 5) -> list[tuple[str, float]]:
        key = name_key(name)
        if len(key) < 3:
            return []
        found = process.extract(key, self._names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        return [(k, score) for k, score, _ in found]

    def _best(self, nodes: set[str]) -> str:
        """Among same-named nodes prefer the most mentioned, then non-episodes, then id."""
        return min(nodes, key=lambda n: (-self._graph.nodes[n].get("mentions", 0),
                                         self._graph.nodes[n].get("type") == "Episode", n))

    # -- neighbours ----------------------------------------------------------
    def neighbors(self, name_or_id: str, type: str | None = None, relation: str | None = None,  # noqa: A002
                  min_weight: float = 0, limit: int | None = None, include_narrower: bool = False) -> list[Neighbor]:
        """Neighbours of an entity over every relation (both directions), by weight then label.

        `type` and `relation` are compared case-insensitively; an unknown one, or a `limit` below 0,
        is a QueryError (a ValueError). `limit=None` gives all. `include_narrower=True` counts the
        edges of the entity's narrower entities too (its versions: `skos:broader` it, at any depth),
        summed per neighbour and relation.

        >>> g = nx.MultiDiGraph()
        >>> g.add_node("ork", label="Ork", type="Model"); g.add_node("ork2", label="Ork 2", type="Model", broader=["ork"])
        >>> g.add_node("ada", label="Ada Quill", type="Person")
        >>> _ = g.add_edge("ada", "ork2", key="discusses", relation="discusses", weight=2)
        >>> KnowledgeGraph(g).who_discusses("Ork"), KnowledgeGraph(g).who_discusses("Ork", include_narrower=True)
        ([], [Neighbor('Ada Quill', discusses, weight=2)])
        """
        if include_narrower:
            return self._with_narrower(name_or_id, type, relation, min_weight, limit)
        type, relation = _choice(type, ENTITY_TYPES, "type"), _choice(relation, RELATIONS, "relation")  # noqa: A001
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise QueryError("limit must be a whole number >= 0, or None for all", f"limit={limit!r}")
        node = self.resolve(name_or_id)
        found = []
        for direction, edges in (("out", self._graph.out_edges(node, keys=True, data=True)),
                                 ("in", self._graph.in_edges(node, keys=True, data=True))):
            for u, v, rel, d in edges:
                other = v if direction == "out" else u
                if other == node or (relation and rel != relation):
                    continue
                if type and self._graph.nodes[other].get("type") != type:
                    continue
                if d.get("weight", 1) < min_weight:
                    continue
                found.append(_Neighbor(self.entity(other), rel, d.get("weight", 1), d.get("score"),
                                      partial(self._evidence, u, v, rel, d),
                                      d.get("evidence_count", 0), "both" if rel == "co_occurs_with" else direction))
        found.sort(key=lambda n: (-n.weight, fold(n.entity.label), n.relation, n.entity.id))
        return found if limit is None else found[:limit]

    def narrower(self, name_or_id: str) -> list[Entity]:
        """Entities below this one (`skos:broader` it, at any depth): a model family's versions."""
        node = self.resolve(name_or_id)
        below: dict[str, None] = {}
        todo = [node]
        while todo:
            up = todo.pop()
            for other in self._narrower_index().get(up, ()):
                if other not in below and other != node:
                    below[other] = None
                    todo.append(other)
        return [self.entity(n) for n in sorted(below, key=lambda n: (fold(self._graph.nodes[n]["label"]), n))]

    def _narrower_index(self) -> dict[str, list[str]]:
        if getattr(self, "_narrower", None) is None:
            self._narrower: dict[str, list[str]] = {}
            for n, d in self._graph.nodes(data=True):
                for up in d.get("broader", ()):
                    self._narrower.setdefault(up, []).append(n)
        return self._narrower

    def _with_narrower(self, name_or_id, type_, relation, min_weight, limit) -> list[Neighbor]:
        node = self.resolve(name_or_id)
        family = {node} | {e.id for e in self.narrower(node)}
        merged: dict[tuple[str, str, str], Neighbor] = {}
        for member in sorted(family):
            for n in self.neighbors(member, type=type_, relation=relation):
                if n.entity.id in family:
                    continue
                key = (n.entity.id, n.relation, n.direction)
                if key not in merged:
                    merged[key] = Neighbor(n.entity, n.relation, 0, n.score, [], 0, n.direction)
                m = merged[key]
                m.weight += n.weight
                m.evidence_count += n.evidence_count
                m.evidence.extend(n.evidence)
        found = [n for n in merged.values() if n.weight >= min_weight]
        found.sort(key=lambda n: (-n.weight, fold(n.entity.label), n.relation, n.entity.id))
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise QueryError("limit must be a whole number >= 0, or None for all", f"limit={limit!r}")
        return found if limit is None else found[:limit]

    def who_discusses(self, name_or_id: str, include_narrower: bool = False) -> list[Neighbor]:
        """People who name the entity in their own speaker turns, most often first; with
        `include_narrower=True`, also those who name one of its versions ("Llama 3" for "Llama")."""
        node = self.resolve(name_or_id)
        return [n for n in self.neighbors(node, relation="discusses", include_narrower=include_narrower)
                if n.direction == "in"]

    def timeline(self, name_or_id: str) -> dict[str, int]:
        """Mentions per episode date."""
        node = self.resolve(name_or_id)
        counts: dict[str, int] = {}
        for u, _, rel, d in self._graph.in_edges(node, keys=True, data=True):
            date = self._graph.nodes[u].get("date")
            if rel == "mentions" and date:
                counts[date] = counts.get(date, 0) + int(d.get("weight", 1))
        return dict(sorted(counts.items()))

    def communities(self) -> list[list[Entity]]:
        """Louvain communities (computed at build time), largest first."""
        groups: dict[int, list[str]] = {}
        for n, d in self._graph.nodes(data=True):
            if "community" in d:
                groups.setdefault(int(d["community"]), []).append(n)
        return [[self.entity(n) for n in sorted(groups[c], key=lambda n: fold(self._graph.nodes[n]["label"]))]
                for c in sorted(groups)]

    def to_networkx(self, evidence: bool = True) -> nx.MultiDiGraph:
        """The networkx graph (the same object each time); `evidence=False` may leave out the edges'
        evidence not read yet (quotes, which a fast-loaded archive reads only when asked)."""
        graph = self._graph
        if evidence and self._pending is not None:
            for u, v, rel, d in graph.edges(keys=True, data=True):
                if "evidence" not in d:
                    self._fill(u, v, rel, d)
            self._pending = None
        return graph

    def _evidence(self, u: str, v: str, rel: str, d: dict) -> list[Evidence]:
        return [Evidence.of(e) for e in self._fill(u, v, rel, d).get("evidence", ())]

    def _fill(self, u: str, v: str, rel: str, d: dict) -> dict:
        """The edge's data, with its evidence once read."""
        if self._pending is not None and "evidence" not in d:
            found = self._pending(u, v, rel)
            if found:
                d["evidence"] = found
        return d

    # -- SPARQL ----------------------------------------------------------------
    def sparql(self, query: str, bindings: dict | None = None):
        """Run SPARQL on an embedded pyoxigraph store holding this graph's RDF (for a loaded build,
        a store on disk in kg's cache folder, made by the first query and reused by later ones from
        any process; see kg.sparql).

        The prefixes of the Turtle (kgo:, schema:, person:, model:, ...) are predeclared.
        `bindings` sets variables without pasting text into the query (a str becomes a
        literal, a number a typed literal; pass `kg.rdf.iri(entity.id)` for an IRI); a bound
        variable must be in the SELECT clause (or use SELECT *). Returns pyoxigraph
        solutions (iterate; `row["x"].value`), triples, or a bool for ASK.

        >>> import networkx as nx
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("https://example.org/kg/organization/openai", label="OpenAI", type="Organization")
        >>> q = "SELECT ?e ?name WHERE { ?e rdfs:label ?name }"
        >>> [row["e"].value for row in KnowledgeGraph(g).sparql(q, {"name": "OpenAI"})]
        ['https://example.org/kg/organization/openai']
        >>> KnowledgeGraph(g).sparql("ASK { ?e a schema:Organization }")
        True

        The graph is the only data: a query with a SERVICE clause (a request to another
        endpoint) is refused before it runs, and so is any query where "service" appears outside
        strings, IRIs, comments and variables (write such a name as a full IRI). A query that
        does not parse, or uses an undeclared prefix, is a QueryError (a ValueError) naming the
        line and column.

        >>> KnowledgeGraph(g).sparql("SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }")
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: SERVICE is not allowed (SPARQL query, line 1, column 18): kg answers from the local ...
        """
        from . import rdf, sparql

        base = self.base or rdf.DEFAULT_BASE
        sparql.refuse_service(query)
        if self._store is None:
            self._store = sparql.store(self.source, self._sha256, lambda: rdf.turtle(self.graph, base).encode("utf-8"))
        return sparql.run(self._store, query, bindings, base)

    def __repr__(self) -> str:
        return f"KnowledgeGraph({self._graph.number_of_nodes()} entities, {self._graph.number_of_edges()} edges)"


def load(path: str | Path) -> KnowledgeGraph:
    """Load a build directory (its `graph.ttl`) or a Turtle / N-Triples / JSON-LD file.

    A build's compact load file beside its Turtle (kg.fastload) is used when it can be trusted;
    otherwise the Turtle is read. Nothing is written."""
    from . import fastload

    path = Path(path)
    file = graph_file(path)
    if not file.is_file():
        raise GraphNotFound("no graph found", str(path), "give a build folder holding graph.ttl, or a .ttl file; "
                            f"or run 'kg build CORPUS -o {path}' first")
    fast = fastload.read(file.with_name(fastload.NAME), file) if file.suffix == ".ttl" else None
    if fast is not None:
        make, base, sha256 = fast
        return KnowledgeGraph(make, base=base, source=file, sha256=sha256)
    from . import rdf                # rdflib: only reading the Turtle needs it

    sha256 = None                   # JSON-LD: queried from memory (the persistent store reads Turtle)
    if rdf.SUFFIX_FORMAT.get(file.suffix.lower(), "ttl") != "jsonld":
        sha256 = fastload.sha256_of(file)
    g = rdf.read(file)
    return KnowledgeGraph(g, base=fastload.base_of(g.nodes(data=True)), source=file, sha256=sha256)


def graph_file(path: str | Path) -> Path:
    """The RDF file of a build folder (its `graph.ttl`), or `path` itself."""
    path = Path(path)
    return path / "graph.ttl" if path.is_dir() else path


class _Neighbor(Neighbor):
    """A Neighbor whose `evidence` is read on first use (given as a function): a hub has thousands
    of neighbours, and a question about them seldom wants every quote.

    >>> n = _Neighbor(Entity("e", "Ork", "Model"), "mentions", 1, None, lambda: [Evidence("a.txt", quote="Ork.")])
    >>> n.evidence, isinstance(n, Neighbor)
    ([Evidence('Ork.')], True)
    """

    @property
    def evidence(self) -> list[Evidence]:
        if callable(self._evidence):
            self._evidence = self._evidence()
        return self._evidence

    @evidence.setter
    def evidence(self, value) -> None:
        self._evidence = value

    def plain(self) -> Neighbor:
        return Neighbor(self.entity, self.relation, self.weight, self.score, self.evidence, self.evidence_count,
                        self.direction)

    def __eq__(self, other) -> bool:             # equal to a Neighbor of the same fields, either way
        return self.plain() == (other.plain() if isinstance(other, _Neighbor) else other)

    __hash__ = None

    def __reduce__(self):                       # pickles (and copies) as the plain Neighbor it reads as
        return self.plain().__reduce__()
