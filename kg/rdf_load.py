"""RDF -> graph: rebuild the networkx graph of a build from its triples (Turtle,
N-Triples or JSON-LD written by `kg.rdf`), so `kg.load` answers exactly like the build.

>>> import networkx as nx
>>> from kg import rdf
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://example.org/kg/model/gpt-4", label="GPT-4", type="Model", mentions=3)
>>> from_triples(rdf.to_triples(g)).nodes["https://example.org/kg/model/gpt-4"]
{'type': 'Model', 'label': 'GPT-4', 'mentions': 3}
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from . import analytics
from .errors import InputError
from .model import Evidence
from .ns import KGO, WIKIDATA
from .rdf import _REL, RDF_TYPE, TYPE_NAME, ALT, DATE, FORMATS, LABEL, SAME_AS, SUFFIX_FORMAT, TYPES, URL, XSD, full


_REL_NAME = {full(prop): rel for rel, prop in _REL.items()}
_KEYS = {full(p): key for p, key in [(LABEL, "label"), (ALT, "aliases"), (SAME_AS, "wikidata"), (DATE, "date"),
                                      (URL, "url")]}
_KEYS.update({str(KGO[name]): name for name in KGO.__annotations__})
_NODE_KEYS = {"mentionCount": "mentions", "gazetteerKey": "key", "sourceFile": "sources", "format": "formats",
              "label": "label", "aliases": "aliases", "date": "date", "url": "url", "confidence": "confidence",
              "degree": "degree", "betweenness": "betweenness", "community": "community", "stub": "stub"}
_LISTS = ("aliases", "sources", "formats")
_EDGE_KEYS = {"weight": "weight", "score": "score", "confidence": "confidence", "evidenceCount": "evidence_count"}
_NUMBERS = {XSD + "integer": int, XSD + "decimal": float, XSD + "double": float,
            XSD + "boolean": lambda v: v in ("true", "1")}


def from_triples(triples: Iterable) -> nx.MultiDiGraph:
    """Rebuild the graph from its triples (pyoxigraph triples or quads), in the same order as a build."""
    by_subject: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for t in triples:
        by_subject[t.subject.value].append((_KEYS.get(t.predicate.value, t.predicate.value), t.object))
    g = nx.MultiDiGraph()
    nodes, rels = {}, []
    for s, pairs in by_subject.items():
        kind = next((TYPE_NAME[o.value] for p, o in pairs if p == RDF_TYPE and o.value in TYPE_NAME), None)
        if kind in TYPES:
            nodes[s] = _node_attrs(kind, pairs, by_subject)
        elif kind == "Relationship":
            rels.append(_edge(pairs, by_subject))
    for node in sorted(nodes):
        g.add_node(node, **nodes[node])
    for u, v, rel, data in sorted(rels, key=lambda r: (r[0], r[1], r[2])):
        if u in nodes and v in nodes and rel:
            g.add_edge(u, v, key=rel, relation=rel, **data)
    if any("degree" in d for d in nodes.values()):
        analytics.timelines(g)
    return g


def _value(o):
    if isinstance(o, ox.Literal):
        convert = _NUMBERS.get(o.datatype.value)
        return convert(o.value) if convert else o.value
    return o.value


def _node_attrs(kind: str, pairs, by_subject) -> dict:
    d: dict = {"type": kind}
    for p, o in pairs:
        key = _NODE_KEYS.get(p)
        if key in _LISTS:
            d.setdefault(key, []).append(o.value)
        elif key:
            d[key] = _value(o)
        elif p == "wikidata" and o.value.startswith(str(WIKIDATA)):
            d["wikidata"] = o.value[len(str(WIKIDATA)):]
        elif p == "merge":
            merge = {mp: mo.value for mp, mo in by_subject.get(o.value, [])}
            if "surface" in merge:
                d.setdefault("merged_by", {})[merge["surface"]] = merge.get("rule", "")
    for key in _LISTS:
        if key in d:
            d[key] = sorted(d[key])
    if "merged_by" in d:
        d["merged_by"] = dict(sorted(d["merged_by"].items()))
    return d


def _edge(pairs, by_subject) -> tuple[str, str, str, dict]:
    d: dict = {}
    u = v = rel = ""
    origins, evidence = [], []
    for p, o in pairs:
        if p == "relSubject":
            u = o.value
        elif p == "relObject":
            v = o.value
        elif p == "relation":
            rel = _REL_NAME.get(o.value, "")
        elif p in _EDGE_KEYS:
            d[_EDGE_KEYS[p]] = _value(o)
        elif p == "origin":
            origins.append(o.value)
        elif p == "evidence":
            evidence.append((o.value, _evidence(by_subject.get(o.value, []))))
    d["origins"] = sorted(origins)
    if evidence:
        d["evidence"] = [ev for _, ev in sorted(evidence, key=lambda e: int(e[0].rsplit("_e", 1)[1]))]
    return u, v, rel, d


def _evidence(pairs) -> Evidence:
    f = {p: _value(o) for p, o in pairs}
    return Evidence(source=f.get("sourceFile", ""), episode=f.get("episode"), speaker=f.get("speaker"),
                    seconds=f.get("seconds"), url=f.get("url"), quote=f.get("quote"), origin=f.get("origin", "ner"),
                    confidence=f.get("confidence"))


def read(path: str | Path) -> nx.MultiDiGraph:
    """Parse a Turtle, N-Triples or JSON-LD file written by `write` back into a graph."""
    path = Path(path)
    fmt = FORMATS[SUFFIX_FORMAT.get(path.suffix.lower(), "ttl")]
    try:
        with path.open("rb") as f:
            return from_triples(ox.parse(f, format=fmt))
    except SyntaxError as err:
        raise InputError(str(path), f"not valid {fmt.name}: {err}", line=getattr(err, "lineno", None),
                         hint="write it again with 'kg build' or 'kg export'") from None
