"""graph <-> RDF with the terms of `ontology/kg.ttl`.

Each relation is stated directly (`episode kgo:mentions entity`, so a one-line
SPARQL query finds neighbours) and as a qualified `kgo:Relationship` node with
weight, score, confidence and evidence. Relationship and evidence IRIs are
hashes of what they link, so the same input gives byte-identical Turtle.
Triples are produced as pyoxigraph terms (fast to serialise); `to_rdf`
gives an rdflib Graph for rdflib users.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://example.org/kg/concept/rl", label="RL\\x00", type="Concept", mentions=2)
>>> [str(t.object.value) for t in to_triples(g) if t.predicate.value.endswith("#label")]
['RL']
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .ids import DEFAULT_BASE
from .model import Evidence
from .ns import KGO, ONTOLOGY_IRI, RELATION_PROPERTY, SCHEMA, WIKIDATA

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
TYPES = ("Person", "Organization", "Model", "Concept", "Episode", "Show", "Place", "Work")
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
           "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "json-ld": ox.RdfFormat.JSON_LD}

_N = ox.NamedNode
_T = {name: _N(str(KGO[name])) for name in TYPES + ("Relationship", "Evidence", "MergeDecision")}
_P = {name: _N(str(getattr(KGO, name))) for name in (
    "relSubject", "relObject", "relation", "weight", "score", "confidence", "evidenceCount", "origin", "evidence",
    "episode", "speaker", "seconds", "quote", "sourceFile", "mentionCount", "degree", "betweenness", "community",
    "gazetteerKey", "format", "stub", "merge", "surface", "rule")}
_REL = {rel: _N(str(prop)) for rel, prop in RELATION_PROPERTY.items()}
_REL_NAME = {str(prop): rel for rel, prop in RELATION_PROPERTY.items()}
A = _N(RDF_NS + "type")
LABEL, PREF, ALT = _N(RDFS_NS + "label"), _N(SKOS_NS + "prefLabel"), _N(SKOS_NS + "altLabel")
SAME_AS = _N(OWL_NS + "sameAs")
DATE, URL = _N(str(SCHEMA.datePublished)), _N(str(SCHEMA.url))
_XSD = {name: _N(XSD_NS + name) for name in ("integer", "decimal", "boolean", "date", "anyURI", "string")}
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    out = {"kgo": ONTOLOGY_IRI + "#", "rdf": RDF_NS, "rdfs": RDFS_NS, "xsd": XSD_NS, "owl": OWL_NS,
           "skos": SKOS_NS, "schema": str(SCHEMA), "wd": str(WIKIDATA), "rel": base + "rel/"}
    out.update({t.lower(): f"{base}{t.lower()}/" for t in TYPES})
    return out


def text(value: str) -> ox.Literal:
    """A plain literal with control characters and lone surrogates removed."""
    return ox.Literal(_BAD_CHARS.sub("", str(value)))


def number(value: float) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_XSD["boolean"])
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return ox.Literal(str(int(value)), datatype=_XSD["integer"])
    return ox.Literal(f"{value:.6f}".rstrip("0").rstrip("."), datatype=_XSD["decimal"])


def rel_iri(base: str, u: str, relation: str, v: str) -> str:
    digest = hashlib.sha1(f"{u}\n{relation}\n{v}".encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{base}rel/{digest}"


def to_triples(g: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Iterator[ox.Triple]:
    """Every triple of the graph, in a deterministic order."""
    T = ox.Triple
    for iri, d in g.nodes(data=True):
        s = _N(iri)
        yield T(s, A, _T[d["type"]])
        label = text(d.get("label", ""))
        yield T(s, LABEL, label)
        yield T(s, PREF, label)
        for alias in d.get("aliases", ()):
            yield T(s, ALT, text(alias))
        if d.get("wikidata"):
            yield T(s, SAME_AS, _N(str(WIKIDATA) + d["wikidata"]))
        for key in ("mentions", "confidence", "degree", "betweenness", "community"):
            if key in d:
                yield T(s, _P["mentionCount" if key == "mentions" else key], number(d[key]))
        for source in d.get("sources", ()):
            yield T(s, _P["sourceFile"], text(source))
        if d.get("key"):
            yield T(s, _P["gazetteerKey"], text(d["key"]))
        if d.get("date"):
            yield T(s, DATE, ox.Literal(d["date"], datatype=_XSD["date"]))
        if d.get("url"):
            yield T(s, URL, ox.Literal(_BAD_CHARS.sub("", d["url"]), datatype=_XSD["anyURI"]))
        for fmt in d.get("formats", ()):
            yield T(s, _P["format"], text(fmt))
        if d.get("stub"):
            yield T(s, _P["stub"], number(True))
        for n, (surface, rule) in enumerate(sorted(d.get("merged_by", {}).items()), 1):
            m = _N(f"{iri}#merge-{n}")
            yield T(s, _P["merge"], m)
            yield T(m, A, _T["MergeDecision"])
            yield T(m, _P["surface"], text(surface))
            yield T(m, _P["rule"], text(rule))
    for u, v, rel, d in g.edges(keys=True, data=True):
        yield from _edge_triples(base, u, v, rel, d)


def _edge_triples(base: str, u: str, v: str, rel: str, d: dict) -> Iterator[ox.Triple]:
    T = ox.Triple
    su, sv, prop = _N(u), _N(v), _REL[rel]
    yield T(su, prop, sv)
    if rel == "co_occurs_with":
        yield T(sv, prop, su)
    r = _N(rel_iri(base, u, rel, v))
    yield T(r, A, _T["Relationship"])
    yield T(r, _P["relSubject"], su)
    yield T(r, _P["relObject"], sv)
    yield T(r, _P["relation"], prop)
    yield T(r, _P["weight"], number(d.get("weight", 1)))
    for key in ("score", "confidence", "evidence_count"):
        if d.get(key) is not None:
            yield T(r, _P["evidenceCount" if key == "evidence_count" else key], number(d[key]))
    for origin in d.get("origins", ()):
        yield T(r, _P["origin"], text(origin))
    for n, ev in enumerate(d.get("evidence", ()), 1):
        e = _N(f"{r.value}#e{n}")
        yield T(r, _P["evidence"], e)
        yield T(e, A, _T["Evidence"])
        yield T(e, _P["sourceFile"], text(ev.source))
        if ev.episode:
            yield T(e, _P["episode"], _N(ev.episode))
        if ev.speaker:
            yield T(e, _P["speaker"], text(ev.speaker))
        if ev.seconds is not None:
            yield T(e, _P["seconds"], number(ev.seconds))
        if ev.url:
            yield T(e, URL, ox.Literal(_BAD_CHARS.sub("", ev.url), datatype=_XSD["anyURI"]))
        if ev.quote:
            yield T(e, _P["quote"], text(ev.quote))
        yield T(e, _P["origin"], text(ev.origin))
        if ev.confidence is not None:
            yield T(e, _P["confidence"], number(ev.confidence))


def serialize(triples: Iterable[ox.Triple], fmt: str = "ttl", base: str = DEFAULT_BASE) -> bytes:
    """Triples -> bytes in Turtle, N-Triples or JSON-LD (pyoxigraph's fast serialisers)."""
    if fmt not in FORMATS:
        from .errors import ConfigError
        raise ConfigError(f"unknown RDF format {fmt!r}; use one of ttl, nt, jsonld")
    rdf_format = FORMATS[fmt]
    pre = prefixes(base) if rdf_format != ox.RdfFormat.N_TRIPLES else None
    return ox.serialize(triples, format=rdf_format, prefixes=pre)


def write(g: nx.MultiDiGraph, path: str | Path, fmt: str = "ttl", base: str = DEFAULT_BASE) -> None:
    Path(path).write_bytes(serialize(to_triples(g, base), fmt, base))


def to_rdf(g: nx.MultiDiGraph, base: str = DEFAULT_BASE):
    """The graph as an rdflib Graph, prefixes bound explicitly."""
    import rdflib

    graph = rdflib.Graph(bind_namespaces="core")
    for prefix, ns in prefixes(base).items():
        graph.bind(prefix, ns, override=True, replace=True)
    graph.parse(data=serialize(to_triples(g, base), "nt", base).decode("utf-8"), format="nt")
    return graph


def from_triples(triples: Iterable) -> nx.MultiDiGraph:
    """Rebuild the graph from its triples (pyoxigraph terms), in the same order as a build."""
    by_subject: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for t in triples:
        by_subject[t.subject.value].append((t.predicate.value, t.object))
    type_names = {v.value: k for k, v in _T.items()}
    g = nx.MultiDiGraph()
    nodes, rels = {}, []
    for s, pairs in by_subject.items():
        kind = next((type_names.get(o.value) for p, o in pairs if p == A.value and o.value in type_names), None)
        if kind in TYPES:
            nodes[s] = _node_attrs(kind, pairs, by_subject)
        elif kind == "Relationship":
            rels.append(_edge(pairs, by_subject))
    for iri in sorted(nodes):
        g.add_node(iri, **nodes[iri])
    for u, v, rel, data in sorted(rels, key=lambda r: (r[0], r[1], r[2])):
        if u in nodes and v in nodes:
            g.add_edge(u, v, key=rel, relation=rel, **data)
    return g


_NODE_KEYS = {_P["mentionCount"].value: "mentions", _P["confidence"].value: "confidence",
              _P["degree"].value: "degree", _P["betweenness"].value: "betweenness",
              _P["community"].value: "community"}


def _value(o):
    if isinstance(o, ox.Literal):
        dt = o.datatype.value
        if dt == _XSD["integer"].value:
            return int(o.value)
        if dt == _XSD["decimal"].value:
            return float(o.value)
        if dt == _XSD["boolean"].value:
            return o.value == "true"
    return o.value


def _node_attrs(kind: str, pairs, by_subject) -> dict:
    d: dict = {"type": kind}
    lists = defaultdict(list)
    for p, o in pairs:
        if p == LABEL.value:
            d["label"] = o.value
        elif p == ALT.value:
            lists["aliases"].append(o.value)
        elif p == SAME_AS.value and o.value.startswith(str(WIKIDATA)):
            d["wikidata"] = o.value[len(str(WIKIDATA)):]
        elif p in _NODE_KEYS:
            d[_NODE_KEYS[p]] = _value(o)
        elif p == _P["sourceFile"].value:
            lists["sources"].append(o.value)
        elif p == _P["gazetteerKey"].value:
            d["key"] = o.value
        elif p == DATE.value:
            d["date"] = o.value
        elif p == URL.value:
            d["url"] = o.value
        elif p == _P["format"].value:
            lists["formats"].append(o.value)
        elif p == _P["stub"].value:
            d["stub"] = _value(o)
        elif p == _P["merge"].value:
            merge = dict(by_subject.get(o.value, []))
            if _P["surface"].value in merge:
                d.setdefault("merged_by", {})[merge[_P["surface"].value].value] = merge[_P["rule"].value].value
    for key, values in lists.items():
        d[key] = sorted(values)
    if "merged_by" in d:
        d["merged_by"] = dict(sorted(d["merged_by"].items()))
    return d


def _edge(pairs, by_subject) -> tuple[str, str, str, dict]:
    d: dict = {}
    u = v = rel = ""
    origins, evidence = [], []
    for p, o in pairs:
        if p == _P["relSubject"].value:
            u = o.value
        elif p == _P["relObject"].value:
            v = o.value
        elif p == _P["relation"].value:
            rel = _REL_NAME.get(o.value, "")
        elif p == _P["weight"].value:
            d["weight"] = _value(o)
        elif p == _P["score"].value:
            d["score"] = _value(o)
        elif p == _P["confidence"].value:
            d["confidence"] = _value(o)
        elif p == _P["evidenceCount"].value:
            d["evidence_count"] = _value(o)
        elif p == _P["origin"].value:
            origins.append(o.value)
        elif p == _P["evidence"].value:
            evidence.append((o.value, _evidence(by_subject.get(o.value, []))))
    d["origins"] = sorted(origins)
    if evidence:
        d["evidence"] = [ev for _, ev in sorted(evidence, key=lambda e: int(e[0].rsplit("#e", 1)[1]))]
    return u, v, rel, d


def _evidence(pairs) -> Evidence:
    f = {p: _value(o) for p, o in pairs}
    return Evidence(source=f.get(_P["sourceFile"].value, ""), episode=f.get(_P["episode"].value),
                    speaker=f.get(_P["speaker"].value), seconds=f.get(_P["seconds"].value),
                    url=f.get(URL.value), quote=f.get(_P["quote"].value), origin=f.get(_P["origin"].value, "ner"),
                    confidence=f.get(_P["confidence"].value))


def read(path: str | Path) -> nx.MultiDiGraph:
    """Parse a Turtle / N-Triples file written by `write` back into a graph."""
    path = Path(path)
    fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE
    with path.open("rb") as f:
        return from_triples(ox.parse(f, format=fmt))
