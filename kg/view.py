"""graph -> one offline, self-contained HTML page to explore who talks about what.

pyvis assembles the nodes, edges and options; our own template
(`kg/templates/view.html`, `view.js`, `view.css`) renders them with vis-network
inlined, so the page makes no request beyond `file://`. Every input string is
data: it travels in a `<script type="application/json">` block with `<`, `>`
and `&` escaped, and the page builds its DOM with `textContent` only.

>>> g = nx.MultiDiGraph()
>>> g.add_node("https://example.org/kg/person/a", label="<b>Ada</b>", type="Person", mentions=2)
>>> page = render_html(g, title="demo")
>>> "<b>Ada</b>" in page, "\\\\u003cb\\\\u003eAda" in page, "http://" in page.split("<style>")[0]
(False, True, False)
"""
from __future__ import annotations

import html
import json
import math
import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

from .errors import EntityNotFound
from .escape import visible, web_url
from .files import write_atomically
from .model import Evidence
from .layout import SEED, finite, induced, layout, rank

MAX_NODES = 1500
DEPTH = 2
STABILISE = 120           # vis-network stabilisation iterations, then physics goes off
LARGE = 500               # above this many nodes the precomputed layout is final (no physics)
LABEL_CHARS = 48          # longer labels are cut on the canvas (full in tooltip and details)
TEMPLATES = Path(__file__).with_name("templates")
VIS = Path(pyvis.__file__).with_name("lib") / "vis-9.1.2"
TYPE_COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Model": "#f28e2b", "Concept": "#59a14f",
                "Episode": "#9c755f", "Show": "#b07aa1", "Place": "#76b7b2", "Work": "#edc948"}
OTHER_COLOUR = "#bab0ac"
RELATION_COLOURS = {"part_of": "#b07aa1", "hosted_by": "#e15759", "features": "#ff9da7", "mentions": "#9c755f",
                    "discusses": "#4e79a7", "co_occurs_with": "#bab0ac", "sponsored_by": "#d4a6c8"}
UNDIRECTED = {"co_occurs_with"}
DETAIL_FIELDS = ("type", "aliases", "mentions", "wikidata", "date", "url", "chapters", "sources", "degree",
                 "betweenness", "community")
_SLOT = re.compile(r"<!--KG:(\w+)-->|/\*KG:(\w+)\*/")


@dataclass(frozen=True)
class ViewStats:
    """What a rendered page shows, out of how much."""

    nodes_shown: int
    nodes_total: int
    edges_shown: int

    @property
    def truncated(self) -> bool:
        return self.nodes_shown < self.nodes_total


def neighbourhood(g: nx.MultiDiGraph, node_id: str, depth: int) -> nx.MultiDiGraph:
    """The subgraph within `depth` steps of `node_id`, edges followed both ways.

    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(neighbourhood(g, "a", 2))
    ['a', 'b', 'c']
    """
    if node_id not in g:
        raise EntityNotFound(node_id, [])
    seen = {node_id: 0}
    queue = deque([node_id])
    while queue:
        n = queue.popleft()
        if seen[n] >= depth:
            continue
        for m in sorted(set(g.successors(n)) | set(g.predecessors(n))):
            if m not in seen:
                seen[m] = seen[n] + 1
                queue.append(m)
    return induced(g, seen)


def select(g: nx.MultiDiGraph, max_nodes: int = MAX_NODES, focus: str | None = None,
           depth: int = DEPTH) -> nx.MultiDiGraph:
    """The subgraph the page shows: the focus neighbourhood, then the top `max_nodes`."""
    sub = neighbourhood(g, focus, depth) if focus is not None else g
    order = rank(sub)
    if focus is not None:
        order.remove(focus)
        order.insert(0, focus)
    return induced(sub, order[:max(max_nodes, 1)])


def _jsonable(x):
    """Plain JSON values: non-finite floats become null, unknown objects their str(), control and
    bidi characters visible escapes, URLs that are not http(s) null."""
    if isinstance(x, dict):
        safe = {str(k): web_url(v) if k == "url" else _jsonable(v) for k, v in x.items()}
        return {k: v for k, v in safe.items() if k != "url" or v is not None}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, str):
        return visible(x)
    if x is None or isinstance(x, int):
        return x
    if hasattr(x, "item"):                      # numpy scalars
        return _jsonable(x.item())
    return str(x)


def _size(value: float, top: float) -> float:
    return round(10 + 30 * math.sqrt(value / top), 2) if top > 0 else 10


def _evidence(ev, g: nx.MultiDiGraph) -> dict:
    d = Evidence.of(ev).to_dict()
    episode = d.get("episode")
    if episode in g:
        d["episode_label"] = g.nodes[episode].get("label", episode)
    return {k: d[k] for k in sorted(d)}


def to_network(sub: nx.MultiDiGraph, g: nx.MultiDiGraph) -> tuple[Network, dict, dict]:
    """pyvis Network with vis options, plus the kg details of nodes and edges."""
    net = Network(directed=True, cdn_resources="in_line")
    mentions = {n: finite(d.get("mentions"), 0) for n, d in sub.nodes(data=True)}
    central = {n: finite(d.get("degree"), sub.degree(n)) for n, d in sub.nodes(data=True)}
    top_m, top_c = max(mentions.values(), default=0), max(central.values(), default=0)
    by_c = {n: _size(central[n], top_c) for n in sub}
    by_m = {n: _size(mentions[n], top_m) if mentions[n] else by_c[n] for n in sub}
    # The page can size nodes either way: keep the larger disc of each node clear.
    pos = layout(sub, radius={n: max(by_m[n], by_c[n]) for n in sub}) if sub.number_of_nodes() > LARGE \
        else layout(sub)
    nodes: dict[str, dict] = {}
    for n in sorted(sub.nodes):
        d = sub.nodes[n]
        colour = TYPE_COLOURS.get(d.get("type"), OTHER_COLOUR)
        label = str(d.get("label") or n)
        short = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"
        net.add_node(n, label=short, color=colour, size=by_m[n], x=pos[n][0], y=pos[n][1])
        info = {"label": label, **{k: d[k] for k in DETAIL_FIELDS if d.get(k) not in (None, [], "")}}
        nodes[n] = {**info, "size": [by_m[n], by_c[n]]}
    top_w = max((finite(d.get("weight"), 1) for *_, d in sub.edges(data=True)), default=1)
    edges: dict[str, dict] = {}
    for i, (u, v, key, d) in enumerate(sorted(sub.edges(keys=True, data=True), key=lambda e: e[:3])):
        rel = str(d.get("relation", key))
        w = finite(d.get("weight"), 1)
        eid = f"e{i}"
        net.add_edge(u, v, id=eid, width=round(1 + 4 * math.log1p(max(w, 0)) / math.log1p(max(top_w, 1)), 2),
                     color={"color": RELATION_COLOURS.get(rel, OTHER_COLOUR), "opacity": 0.55},
                     arrows="" if rel in UNDIRECTED else "to", dashes=rel in UNDIRECTED)
        info = {"relation": rel, "weight": w, "score": d.get("score"), "evidence_count": d.get("evidence_count"),
                "evidence": [_evidence(ev, g) for ev in d.get("evidence", [])]}
        edges[eid] = {k: v for k, v in info.items() if v not in (None, [])}
    net.options = _options(sub.number_of_nodes())
    return net, nodes, edges


def _options(n: int) -> dict:
    large = n > LARGE
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": SEED},
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"enabled": False}}},
        "edges": {"smooth": False, "selectionWidth": 2, "arrows": {"to": {"scaleFactor": 0.5}}},
        "physics": {"enabled": not large, "solver": "forceAtlas2Based", "timestep": 0.5, "minVelocity": 1,
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.3},
                    "stabilization": {"enabled": not large, "iterations": STABILISE,
                                      "updateInterval": 25, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "navigationButtons": False, "keyboard": False},
    }


def _note(stats: ViewStats, focus_label: str | None, depth: int) -> str:
    if focus_label is not None:
        return (f"Neighbourhood of {focus_label} (depth {depth}): {stats.nodes_shown:,} of "
                f"{stats.nodes_total:,} nodes shown")
    if stats.truncated:
        return (f"{stats.nodes_shown:,} of {stats.nodes_total:,} nodes shown (most central first; "
                f"kg view --focus NAME --depth 2 shows a neighbourhood)")
    return f"{stats.nodes_shown:,} nodes, {stats.edges_shown:,} edges"


def json_for_script(data) -> str:
    """JSON that cannot close or confuse the `<script>` element holding it.

    >>> json_for_script({"a": "</script><!--"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(_jsonable(data), ensure_ascii=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _library(name: str) -> str:
    code = (VIS / name).read_text(encoding="utf-8")
    code = re.sub(r"/[/*]# sourceMappingURL=\S*", "", code)
    if re.search(r"</(script|style)|<!--", code, re.I):
        raise RuntimeError(f"{VIS / name} cannot be inlined safely")
    return code


def _fill(template: str, values: dict[str, str]) -> str:
    """One pass over the template, so a filled value is never scanned for slots."""
    return _SLOT.sub(lambda m: values[m.group(1) or m.group(2)], template)


def _render(g: nx.MultiDiGraph, title: str, max_nodes: int, focus: str | None, depth: int) -> tuple[str, ViewStats]:
    sub = select(g, max_nodes, focus, depth)
    net, details, edge_info = to_network(sub, g)
    nodes, edges, *_ = net.get_network_data()
    stats = ViewStats(sub.number_of_nodes(), g.number_of_nodes(), len(edges))
    focus_label = str(g.nodes[focus].get("label", focus)) if focus is not None else None
    note = _note(stats, focus_label, depth)
    data = {"title": title, "note": note, "focus": focus, "depth": depth, "nodes": nodes, "edges": edges,
            "details": details, "edgeInfo": edge_info, "options": net.options,
            "types": [list(t) for t in TYPE_COLOURS.items()], "relations": [list(r) for r in RELATION_COLOURS.items()]}
    values = {"TITLE": html.escape(visible(title)), "NOTE": html.escape(visible(note)), "DATA": json_for_script(data),
              "VIS_CSS": _library("vis-network.css"), "VIS_JS": _library("vis-network.min.js"),
              "CSS": (TEMPLATES / "view.css").read_text(encoding="utf-8"),
              "JS": (TEMPLATES / "view.js").read_text(encoding="utf-8")}
    return _fill((TEMPLATES / "view.html").read_text(encoding="utf-8"), values), stats


def render_html(g: nx.MultiDiGraph, *, title: str = "kg", max_nodes: int = MAX_NODES, focus: str | None = None,
                depth: int = DEPTH) -> str:
    """The whole page as a string (pure: same graph, same bytes)."""
    return _render(g, title, max_nodes, focus, depth)[0]


def write_html(g: nx.MultiDiGraph, path: str | Path, *, title: str = "kg", max_nodes: int = MAX_NODES,
               focus: str | None = None, depth: int = DEPTH) -> ViewStats:
    """Write the page to `path`; returns what it shows."""
    page, stats = _render(g, title, max_nodes, focus, depth)
    write_atomically(Path(path), page.encode("utf-8", "replace"))
    return stats
