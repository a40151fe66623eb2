"""A build's graph as `kg.rdf_load` reads it back from its Turtle: the same nodes and edges in
the same order, text without the characters RDF cannot hold, lists as sorted sets, empty values
left out (see `kg.rdf._Writer`). The load file (kg.fastload) holds this form.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("n", type="Model", label="GPT-4", aliases=["b", "a", "b"], mentions=2.0)
>>> as_read(g)[0]["n"]
{'type': 'Model', 'label': 'GPT-4', 'aliases': ['a', 'b'], 'mentions': 2.0}
"""
from __future__ import annotations

import math
from functools import lru_cache

import networkx as nx

from .model import Evidence

NODE_NUMBERS = ("mentions", "confidence", "degree", "betweenness", "community")
EDGE_NUMBERS = ("score", "confidence", "evidence_count")


def as_read(g: nx.MultiDiGraph) -> tuple[dict[str, dict], list[tuple[str, str, str, dict]]]:
    """(nodes by id, edges (u, v, relation, data)) of `g` as `kg.rdf_load` reads them back from
    its Turtle: in the same order, text without the characters RDF cannot hold, lists as sorted
    sets, empty values left out (see `kg.rdf._Writer`)."""
    nodes = {n: _node(g.nodes[n]) for n in sorted(g.nodes)}
    edges = [(u, v, rel, _edge(rel, d)) for u, v, rel, d in sorted(g.edges(keys=True, data=True),
                                                                   key=lambda e: (e[0], e[1], e[2]))]
    if any("degree" in d for d in nodes.values()):
        _timelines(nodes, edges)
    return nodes, edges


def _text(x) -> str:
    return _clean(x if type(x) is str else str(x))


@lru_cache(maxsize=1 << 16)                          # file names, speakers, episodes repeat a lot
def _clean(x: str) -> str:
    from .rdf import clean                           # rdflib: only writing needs it

    return clean(x)


def _number(x):
    """An int stays an int, any other number is a float; -0.0 is 0.0 (the Turtle writes "0"). A
    NaN or infinity is counted in `NON_FINITE`: orjson would write it as null, so the load file
    is then written by the standard writer, which keeps it as the Turtle does."""
    if type(x) is int:
        return x
    if isinstance(x, int):
        return int(x)
    x = float(x) + 0.0
    if not math.isfinite(x):
        NON_FINITE[0] += 1
    return x


NON_FINITE = [0]           # NaN and infinities seen by `_number` (only ever grows: never a wrong writer)


def _node(d: dict) -> dict:
    """The node's attributes in the order `kg.rdf_load` sets them (the order of the Turtle's triples)."""
    out = {"type": d.get("type"), "label": _text(d.get("label", ""))}
    if d.get("aliases"):
        out["aliases"] = sorted({_text(x) for x in d["aliases"]})
    if d.get("wikidata"):
        out["wikidata"] = str(d["wikidata"])
    if d.get("broader"):
        out["broader"] = sorted({str(x) for x in d["broader"]})
    for key in NODE_NUMBERS:
        if d.get(key) is not None:
            out[key] = _number(d[key])
    if d.get("sources"):
        out["sources"] = sorted({_text(x) for x in d["sources"]})
    for key in ("key", "date", "url"):
        if d.get(key):
            out[key] = _text(d[key])
    if d.get("formats"):
        out["formats"] = sorted({_text(x) for x in d["formats"]})
    if d.get("stub"):
        out["stub"] = True
    if d.get("merged_by"):
        merged = {_text(s): _text(r) for s, r in sorted(d["merged_by"].items())}
        out["merged_by"] = dict(sorted(merged.items()))
    if d.get("chapters"):
        out["chapters"] = [{"title": _text(c.get("title", "")),
                            **({"seconds": _number(c["seconds"])} if c.get("seconds") is not None else {}),
                            **({"url": _text(c["url"])} if c.get("url") else {})} for c in d["chapters"]]
    return out


def _edge(rel: str, d: dict) -> dict:
    """The edge's attributes in the order `kg.rdf_load` sets them."""
    out = {"relation": rel, "weight": _number(d.get("weight", 1))}
    for key in EDGE_NUMBERS:
        if d.get(key) is not None:
            out[key] = _number(d[key])
    out["origins"] = sorted({_text(o) for o in d.get("origins") or ()})
    evidence = [Evidence.of(e) for e in d.get("evidence") or ()]
    if evidence:
        out["evidence"] = [Evidence(
            _text(e.source), str(e.episode) if e.episode else None, _text(e.speaker) if e.speaker else None,
            None if e.seconds is None else _number(e.seconds), _text(e.url) if e.url else None,
            _text(e.quote) if e.quote else None, _text(e.origin),
            None if e.confidence is None else _number(e.confidence)) for e in evidence]
    return out


def _timelines(nodes: dict[str, dict], edges) -> None:
    """Each node's mentions per episode date, as `kg.analytics.timelines` derives them on loading."""
    found: dict[str, dict[str, int]] = {}
    for u, v, _, d in edges:
        date = nodes[u].get("date")
        if d["relation"] == "mentions" and date:
            counts = found.setdefault(v, {})
            counts[date] = counts.get(date, 0) + int(d["weight"])
    for n, counts in found.items():
        nodes[n]["timeline"] = dict(sorted(counts.items()))
