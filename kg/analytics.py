"""Graph analytics stored on nodes: degree and betweenness centrality,
communities (Louvain, fixed seed), and mention counts per episode date.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("e", type="Episode", date="2025-01-02"); g.add_node("a", type="Concept"); g.add_node("b", type="Person")
>>> _ = g.add_edge("e", "a", key="mentions", relation="mentions", weight=3)
>>> _ = g.add_edge("e", "b", key="features", relation="features", weight=1)
>>> annotate(g); g.nodes["a"]["timeline"], g.nodes["e"]["degree"]
({'2025-01-02': 3}, 1.0)
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

SEED = 42
BETWEENNESS_SAMPLE = 300


def undirected(g: nx.MultiDiGraph, weight=lambda data: float(data.get("weight", 1)), nodes=None) -> nx.Graph:
    """Simple weighted undirected view: parallel relations summed, `weight(edge data)` each;
    nodes in the given order (default: sorted)."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes) if nodes is None else nodes)
    for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation", ""))):
        if u == v:
            continue
        w = weight(data)
        if h.has_edge(u, v):
            h[u][v]["weight"] += w
        else:
            h.add_edge(u, v, weight=w)
    return h


def annotate(g: nx.MultiDiGraph) -> None:
    """Add `degree`, `betweenness`, `community` and `timeline` attributes to nodes."""
    h = undirected(g)
    if h.number_of_nodes() == 0:
        return
    degree = nx.degree_centrality(h) if h.number_of_nodes() > 1 else {n: 0.0 for n in h}
    k = None if h.number_of_nodes() <= BETWEENNESS_SAMPLE else BETWEENNESS_SAMPLE
    between = nx.betweenness_centrality(h, k=k, seed=SEED, normalized=True)
    communities = nx.community.louvain_communities(h, weight="weight", seed=SEED) if h.number_of_edges() else []
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    community = {n: i for i, members in enumerate(ordered) for n in members}
    for n in g.nodes:
        g.nodes[n]["degree"] = round(degree.get(n, 0.0), 6)
        g.nodes[n]["betweenness"] = round(between.get(n, 0.0), 6)
        if n in community:
            g.nodes[n]["community"] = community[n]
    timelines(g)


def timelines(g: nx.MultiDiGraph) -> None:
    """Set each node's `timeline`: its mentions per episode date (derived from the edges, so
    `kg.rdf_load` calls it too instead of storing it in RDF)."""
    timeline: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for u, v, data in g.edges(data=True):
        date = g.nodes[u].get("date")
        if data.get("relation") == "mentions" and date:
            timeline[v][date] += int(data.get("weight", 1))
    for n, counts in timeline.items():
        g.nodes[n]["timeline"] = dict(sorted(counts.items()))
