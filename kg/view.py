"""graph -> one offline, self-contained HTML page to explore who talks about what.

The page opens on people and what they discuss (`kg.viewdata.people_topics`), and
can switch to the full graph, a neighbourhood or a who x what matrix. pyvis assembles
the precomputed pictures (positions, sizes, colours); every entity and edge travels in a
compact catalogue (`kg.viewdata.catalogue`) so search finds anything; our own template
(`kg/templates/view.html`, `view*.js`, `view.css`) draws it with vis-network inlined, so
the page makes no request beyond `file://`. Every input string is data: it travels in a
`<script type="application/json">` block with `<`, `>` and `&` escaped, and the page
builds its DOM with `textContent` only.

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
from .layout import SEED, finite, induced, layout, rank
from .viewdata import catalogue, edge_keys, people_topics, picture_relation, speakers

MAX_NODES = 1500          # the full-graph picture's budget
PEOPLE = 240              # the default picture's budget (people and what they discuss)
EDGES_PER_NODE = 4        # the full-graph picture draws at most this many links per node, the strongest
DEPTH = 1
LABEL_CHARS = 48          # longer labels are cut on the canvas (full in tooltip and details)
TEMPLATES = Path(__file__).with_name("templates")
SCRIPTS = ("view.js", "view-canvas.js", "view-search.js", "view-panel.js", "view-matrix.js")    # one <script>, in this order
VIS = Path(pyvis.__file__).with_name("lib") / "vis-9.1.2"
TYPE_COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Model": "#f28e2b", "Concept": "#59a14f",
                "Episode": "#9c755f", "Show": "#b07aa1", "Place": "#76b7b2", "Work": "#edc948"}
OTHER_COLOUR = "#bab0ac"
RELATION_COLOURS = {"part_of": "#b07aa1", "hosted_by": "#e15759", "features": "#ff9da7", "mentions": "#9c755f",
                    "discusses": "#4e79a7", "co_occurs_with": "#bab0ac", "sponsored_by": "#d4a6c8"}
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
    """The full-graph picture: the focus neighbourhood, then the top `max_nodes`."""
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
    return round(8 + 28 * math.sqrt(value / top), 2) if top > 0 else 8


def picture(sub: nx.MultiDiGraph, weight: dict[str, float], edge_ids: dict[tuple, int]) -> dict:
    """pyvis-assembled nodes (positions, sizes, colours) and edges of one precomputed picture."""
    net = Network(directed=True, cdn_resources="in_line")
    top = max(weight.values(), default=0)
    size = {n: _size(weight.get(n, 0), top) for n in sub}
    pos = layout(sub, radius=size)
    for n in sorted(sub.nodes):
        d = sub.nodes[n]
        label = str(d.get("label") or n)
        short = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"
        net.add_node(n, label=short, color=TYPE_COLOURS.get(d.get("type"), OTHER_COLOUR), size=size[n],
                     x=pos[n][0], y=pos[n][1])
    for u, v, k in sorted(sub.edges(keys=True)):
        net.add_edge(u, v, id=f"e{edge_ids[(u, v, k)]}")
    nodes, edges, *_ = net.get_network_data()
    return {"nodes": nodes, "edges": [int(e["id"][1:]) for e in edges]}


def strongest(sub: nx.MultiDiGraph, budget: int) -> nx.MultiDiGraph:
    """`sub` with at most `budget` edges: each node's strongest edge, then the heaviest others.

    >>> g = nx.MultiDiGraph([("a", "b", {"weight": 5}), ("a", "c", {"weight": 1}), ("b", "c", {"weight": 2})])
    >>> sorted(strongest(g, 2).edges())
    [('a', 'b'), ('b', 'c')]
    """
    if sub.number_of_edges() <= budget:
        return sub
    edges = sorted(sub.edges(keys=True, data=True), key=lambda e: (-finite(e[3].get("weight"), 1), e[:3]))
    best: dict[str, tuple] = {}
    for u, v, k, _ in edges:
        best.setdefault(u, (u, v, k))
        best.setdefault(v, (u, v, k))
    keep = set(best.values())                   # each node's strongest edge, then the strongest others
    for u, v, k, _ in edges:
        if len(keep) >= budget:
            break
        keep.add((u, v, k))
    out = induced(sub, list(sub))
    out.remove_edges_from([e for e in sub.edges(keys=True) if e not in keep])
    return out


def _people(g: nx.MultiDiGraph, budget: int, edge_ids: dict) -> dict:
    nodes, weight = people_topics(g, budget)
    relation, topic = picture_relation(g)
    sub = induced(g, nodes)
    sub.remove_edges_from([(u, v, k) for u, v, k in sub.edges(keys=True)
                           if k != relation or u == v or not topic(sub.nodes[v].get("type"))])
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    return picture(sub, weight, edge_ids)


def _options() -> dict:
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": SEED},
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 0}, "scaling": {"label": {"enabled": False}}},
        "edges": {"smooth": False, "selectionWidth": 2, "arrows": {"to": {"scaleFactor": 0.4}}},
        "physics": {"enabled": False},
        # the page draws selection and hover itself (no vis redraw of its own on click or mouse move)
        "interaction": {"hover": False, "selectable": False, "tooltipDelay": 150, "hideEdgesOnDrag": True,
                        "navigationButtons": False, "keyboard": False, "zoomView": True},
    }


def _note(stats: ViewStats, focus_label: str | None, depth: int, start: str, people: bool) -> str:
    """The header line: what the page shows out of how much (the page keeps it up to date)."""
    if focus_label is not None:
        return (f"Neighbourhood of {focus_label} (depth {depth}): {stats.nodes_shown:,} of "
                f"{stats.nodes_total:,} entities shown, {stats.edges_shown:,} links")
    what = "Full graph" if start == "full" else \
        "People and what they discuss" if people else "Episodes and what they mention"
    return f"{what}: {stats.nodes_shown:,} of {stats.nodes_total:,} entities shown, {stats.edges_shown:,} links"


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
    keys = edge_keys(g)                                            # sorted once: 30,000 edges on an archive
    cat = catalogue(g, keys)
    edge_ids = {e: i for i, e in enumerate(keys)}                  # a picture's edges are catalogue indices
    mentions = {n: finite(d.get("mentions"), 0) for n, d in g.nodes(data=True)}
    full = select(g, max_nodes, focus, depth)
    pictures = {"full": picture(strongest(full, EDGES_PER_NODE * full.number_of_nodes()), mentions, edge_ids)}
    if focus is None:
        pictures["people"] = _people(g, min(PEOPLE, max_nodes), edge_ids)
    start = "people" if focus is None and pictures["people"]["nodes"] else "full"
    shown = pictures[start]
    stats = ViewStats(len(shown["nodes"]), g.number_of_nodes(), len(shown["edges"]))
    focus_label = str(g.nodes[focus].get("label", focus)) if focus is not None else None
    note = _note(stats, focus_label, depth, start, speakers(g))
    data = {"title": title, "note": note, "focus": focus, "depth": depth, "start": start, "pictures": pictures,
            "speakers": speakers(g), "catalogue": cat, "options": _options(),
            "colours": [TYPE_COLOURS.get(t, OTHER_COLOUR) for t in cat["types"]] + [OTHER_COLOUR],
            "relationColours": [RELATION_COLOURS.get(r, OTHER_COLOUR) for r in cat["relations"]] + [OTHER_COLOUR]}
    values = {"TITLE": html.escape(visible(title)), "NOTE": html.escape(visible(note)), "DATA": json_for_script(data),
              "VIS_CSS": _library("vis-network.css"), "VIS_JS": _library("vis-network.min.js"),
              "CSS": (TEMPLATES / "view.css").read_text(encoding="utf-8"),
              "JS": "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in SCRIPTS)}
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
