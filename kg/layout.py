"""graph -> deterministic node positions for the HTML view.

The most central nodes get a spring layout; every other node is placed next to
its neighbours; then overlapping discs are pushed apart so that each node can
be seen and clicked on its own.

>>> g = nx.MultiDiGraph([("a", "b"), ("a", "c")])
>>> pos = layout(g, radius={"a": 30, "b": 10, "c": 10})
>>> sorted(pos) == ["a", "b", "c"] and pos == layout(g, radius={"a": 30, "b": 10, "c": 10})
True
>>> overlaps(pos, {"a": 30, "b": 10, "c": 10})
0
"""
from __future__ import annotations

import itertools
import math
from collections import deque

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from .analytics import undirected

SEED = 42
CORE_NODES = 400          # nodes laid out by spring_layout; the rest are placed around them
GAP = 4                   # pixels kept free between two nodes' discs
ROUNDS = 60               # separation passes at most (each one is O(nodes))
TOLERANCE = 1.0           # pixels of the gap a pass may leave unfilled
SPREAD_EVERY = 20         # passes between two spreads of a layout that is still crowded
SPREAD = 1.1              # how much one spread scales the layout


def finite(value, default: float) -> float:
    """A finite float, or `default` for anything else (None, NaN, text).

    >>> finite("2.5", 0), finite(None, 1), finite(float("nan"), 0)
    (2.5, 1.0, 0.0)
    """
    try:
        x = float(value)
    except (TypeError, ValueError):
        return float(default)
    return x if math.isfinite(x) else float(default)


def induced(g: nx.Graph, nodes) -> nx.Graph:
    """A copy of the subgraph on `nodes`, in their given order. (networkx's own
    `subgraph` iterates a set when it keeps fewer nodes, so its order would change
    with Python's hash seed, and so would a spring layout of it.)

    >>> list(induced(nx.MultiDiGraph([("c", "a"), ("a", "b")]), ["b", "a"]).edges)
    [('a', 'b', 0)]
    """
    nodes = list(dict.fromkeys(nodes))
    keep = set(nodes)
    out = g.__class__()
    out.graph.update(g.graph)
    out.add_nodes_from((n, g.nodes[n]) for n in nodes)
    if g.is_multigraph():
        out.add_edges_from((u, v, k, d) for u, v, k, d in g.edges(nodes, keys=True, data=True) if v in keep)
    else:
        out.add_edges_from((u, v, d) for u, v, d in g.edges(nodes, data=True) if v in keep)
    return out


def rank(g: nx.MultiDiGraph) -> list[str]:
    """Node ids, most central first: degree, betweenness, mentions, then id."""
    n = max(g.number_of_nodes() - 1, 1)

    def key(node: str) -> tuple:
        d = g.nodes[node]
        degree = finite(d.get("degree"), g.degree(node) / n)
        return (-degree, -finite(d.get("betweenness"), 0), -finite(d.get("mentions"), 0), node)

    return sorted(g.nodes, key=key)


def layout(g: nx.MultiDiGraph, seed: int = SEED, radius: dict[str, float] | None = None
           ) -> dict[str, tuple[int, int]]:
    """Positions in pixels: spring layout of the core, the rest placed next to their
    neighbours (cheap at any size), then discs of the given `radius` kept apart."""
    order = rank(g)
    h = undirected(g, weight=lambda d: 1 + math.log1p(max(finite(d.get("weight"), 1), 0)), nodes=order)
    if not order:
        return {}
    core = order[:CORE_NODES]
    pos = {n: tuple(p) for n, p in nx.spring_layout(induced(h, core), seed=seed, weight="weight").items()}
    _place_rest(h, order, pos)
    scale = 55 * math.sqrt(len(order))
    pixels = {n: (x * scale, y * scale) for n, (x, y) in pos.items()}
    if radius:
        pixels = separate(pixels, radius)
    return {n: (round(x), round(y)) for n, (x, y) in sorted(pixels.items())}


def _place_rest(h: nx.Graph, order: list[str], pos: dict) -> None:
    """Breadth-first from the laid-out core: each node on a golden-angle spiral
    around the centroid of its placed neighbours; unreachable ones on an outer ring."""
    golden = math.pi * (3 - math.sqrt(5))
    index = {n: i for i, n in enumerate(order)}
    children: dict[str, int] = {}
    queue = deque(n for n in order if n in pos)
    while queue:
        n = queue.popleft()
        for m in sorted(h[n], key=index.__getitem__):
            if m in pos:
                continue
            anchor = [pos[k] for k in sorted(h[m]) if k in pos]
            cx = sum(p[0] for p in anchor) / len(anchor)
            cy = sum(p[1] for p in anchor) / len(anchor)
            k = children[n] = children.get(n, 0) + 1
            r = 0.03 * math.sqrt(k)
            pos[m] = (cx + r * math.cos(k * golden), cy + r * math.sin(k * golden))
            queue.append(m)
    rest = [n for n in order if n not in pos]
    for i, n in enumerate(rest):
        r = 1.15 + 0.25 * math.sqrt(i / max(len(rest), 1))
        pos[n] = (r * math.cos(i * golden), r * math.sin(i * golden))


def separate(pos: dict[str, tuple[float, float]], radius: dict[str, float], gap: float = GAP,
             rounds: int = ROUNDS) -> dict[str, tuple[float, float]]:
    """Push apart every two discs closer than their radii plus `gap`, each by half the
    overlap, until none overlap. Every `SPREAD_EVERY` passes that still moved something
    (every pass after the first `rounds`), the whole layout is also spread out by `SPREAD`
    around its centre, so crowded regions clear quickly.

    >>> pos = separate({"a": (0.0, 0.0), "b": (0.0, 0.0)}, {"a": 10, "b": 10}, gap=0)
    >>> round(math.dist(pos["a"], pos["b"]), 6)
    20.0
    >>> crowd = separate({str(i): (0.0, 0.0) for i in range(200)}, {str(i): 10 for i in range(200)})
    >>> overlaps(crowd, {str(i): 10 for i in range(200)})
    0
    """
    ids = sorted(pos)
    if not ids:
        return {}
    xy = np.array([[finite(c, 0) for c in pos[n]] for n in ids], dtype=np.float64).reshape(-1, 2)
    r = np.array([max(finite(radius.get(n), 0), 0) for n in ids], dtype=np.float64)
    if 2 * r.max() + gap > 0:
        for round_ in range(2 * rounds):
            if not _push_apart(xy, r, gap):
                break
            if round_ % SPREAD_EVERY == SPREAD_EVERY - 1 or round_ >= rounds:
                centre = xy.mean(axis=0)
                xy = centre + (xy - centre) * SPREAD
    return {n: (float(x), float(y)) for n, (x, y) in zip(ids, xy.tolist())}


def _push_apart(xy: np.ndarray, r: np.ndarray, gap: float) -> bool:
    """One pass, all pairs at once (in place): each two discs closer than their radii plus
    `gap` move apart along the line between them, each by half the overlap, the pushes on a
    disc summed; whether any pair overlapped. A pair is looked for from its larger disc only,
    within twice that disc's radius plus the gap (a k-d tree), so a few big discs do not make
    every small one look far."""
    tree = cKDTree(xy)
    near = tree.query_ball_point(xy, 2 * r + gap, workers=1)
    size = np.fromiter(map(len, near), dtype=np.intp, count=len(near))
    i = np.repeat(np.arange(len(near)), size)
    j = np.fromiter(itertools.chain.from_iterable(near), dtype=np.intp, count=int(size.sum()))
    keep = (r[j] < r[i]) | ((r[j] == r[i]) & (j > i))        # each pair once, from its larger disc
    i, j = i[keep], j[keep]
    v = xy[j] - xy[i]
    d = np.hypot(v[:, 0], v[:, 1])
    need = r[i] + r[j] + gap
    close = d < need - TOLERANCE
    if not close.any():
        return False
    i, j, v, d, need = i[close], j[close], v[close], d[close], need[close]
    same = d < 1e-9                                          # the same spot: split along an angle of this pair
    angle = (np.minimum(i, j) * 7 + np.maximum(i, j)) * (math.pi * (3 - math.sqrt(5)))
    v[same] = np.column_stack([np.cos(angle[same]), np.sin(angle[same])])
    push = np.where(same, need / 2, (need - d) / 2)
    u = v / np.where(same, 1.0, d)[:, None] * push[:, None]
    n = len(xy)
    xy[:, 0] += np.bincount(j, u[:, 0], n) - np.bincount(i, u[:, 0], n)
    xy[:, 1] += np.bincount(j, u[:, 1], n) - np.bincount(i, u[:, 1], n)
    return True


def overlaps(pos: dict[str, tuple[float, float]], radius: dict[str, float]) -> int:
    """How many pairs of discs overlap (a check for tests and benchmarks)."""
    ids = sorted(pos)
    return sum(1 for i, a in enumerate(ids) for b in ids[i + 1:]
               if math.dist(pos[a], pos[b]) < finite(radius.get(a), 0) + finite(radius.get(b), 0))
