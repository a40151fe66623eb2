"""graph -> the compact catalogue the HTML view searches, filters and tabulates.

Every entity and every edge of the graph is in the catalogue, so any entity can be
found and its neighbourhood drawn even when it is outside the drawn budget. Quotes
are capped per edge (`QUOTES` of at most `QUOTE_CHARS` characters; the rest stays
in the Turtle) and kept once in a table of strings, so an archive fits in a page.

>>> g = nx.MultiDiGraph()
>>> g.add_node("p", label="Ada", type="Person"); g.add_node("c", label="RL", type="Concept")
>>> g.add_edge("p", "c", key="discusses", relation="discusses", weight=2)
'discusses'
>>> cat = catalogue(g)
>>> [e[0] for e in cat["entities"]], cat["edges"][0][:4]
(['c', 'p'], [1, 0, 3, 2])
"""
from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from .escape import web_url
from .layout import finite
from .model import Evidence

QUOTES = 2                # quotes per edge in the page
QUOTE_CHARS = 200         # a longer quote is cut at a word, with "…"
SOURCES = 10              # file names listed per entity (the count is always given)
TYPES = ("Person", "Organization", "Model", "Concept", "Work", "Place", "Episode", "Show")
TOPICS = ("Concept", "Model", "Organization", "Work")     # the matrix's default columns
RELATIONS = ("part_of", "hosted_by", "features", "discusses", "mentions", "co_occurs_with", "sponsored_by")
INFO_FIELDS = ("aliases", "wikidata", "date", "url", "chapters")


def cut(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` of at most `limit` characters, cut at a word.

    >>> cut("one two three", 9)
    'one two…'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    return (head.rsplit(" ", 1)[0] if " " in head else head).rstrip(" ,;:") + "…"


def type_index(t) -> int:
    """Position of a type in TYPES; unknown types share the last slot + 1 ('Other')."""
    return TYPES.index(t) if t in TYPES else len(TYPES)


def relation_index(r: str) -> int:
    return RELATIONS.index(r) if r in RELATIONS else len(RELATIONS)


def _info(d: dict) -> dict:
    info = {k: d[k] for k in INFO_FIELDS if d.get(k) not in (None, [], "")}
    if "url" in info:
        info["url"] = web_url(str(info["url"]))
        if info["url"] is None:
            del info["url"]
    sources = sorted(map(str, d.get("sources") or []))
    if sources:
        info["sources"] = sources[:SOURCES]
        info["nsources"] = len(sources)
    return info


def episodes_of(g: nx.MultiDiGraph) -> dict[str, set[str]]:
    """For each entity, the episodes that mention, feature or host it (an episode: itself)."""
    eps: dict[str, set[str]] = defaultdict(set)
    for u, v, k, d in g.edges(keys=True, data=True):
        if g.nodes[u].get("type") == "Episode" and k in ("mentions", "features", "hosted_by"):
            eps[v].add(u)
    for n, d in g.nodes(data=True):
        if d.get("type") == "Episode":
            eps[n].add(n)
    return eps


def edge_keys(g: nx.MultiDiGraph) -> list[tuple]:
    """(from, to, key) of every edge, in the catalogue's order (an edge's index in the page)."""
    return sorted(g.edges(keys=True))


def catalogue(g: nx.MultiDiGraph, keys: list[tuple] | None = None) -> dict:
    """All entities and edges, compact (lists, indices, a string table); sorted, so deterministic.

    entities: [id, label, type index, mentions, info]
    edges:    [from index, to index, relation index, weight, score, episode indices, evidence]
    evidence: [quote string index, speaker string index or -1, episode index or -1, seconds, url]
    """
    ids = sorted(g.nodes)
    index = {n: i for i, n in enumerate(ids)}
    eps = episodes_of(g)
    rows, strings = [], {}
    for u, v, k in edge_keys(g) if keys is None else keys:      # `keys`: edge_keys(g), when the caller has it
        d = g.edges[u, v, k]
        rel = str(d.get("relation", k))
        evidence = []
        episodes = set()
        for raw in d.get("evidence") or []:
            ev = Evidence.of(raw)
            if ev.episode in index:
                episodes.add(ev.episode)
            if ev.quote and len(evidence) < QUOTES:
                evidence.append((cut(ev.quote), ev.speaker, ev.episode if ev.episode in index else None,
                                 ev.seconds, web_url(ev.url)))
        if g.nodes[u].get("type") == "Episode":
            episodes.add(u)
        elif rel in ("discusses", "co_occurs_with"):
            episodes |= eps.get(u, set()) & eps.get(v, set())
        for quote, speaker, *_ in evidence:
            strings[quote] = None
            if speaker:
                strings[str(speaker)] = None
        score = d.get("score")
        score = round(float(score), 4) if isinstance(score, (int, float)) and math.isfinite(score) else None
        rows.append((index[u], index[v], relation_index(rel), _weight(d), score, sorted(index[e] for e in episodes),
                     evidence))
    table = sorted(strings)
    at = {s: i for i, s in enumerate(table)}
    edges = [[u, v, r, w, s, e, [[at[q], at[str(sp)] if sp else -1, index[ep] if ep else -1,
                                  _seconds(sec), url] for q, sp, ep, sec, url in ev]]
             for u, v, r, w, s, e, ev in rows]
    entities = [[n, str(g.nodes[n].get("label") or n), type_index(g.nodes[n].get("type")),
                 _number(g.nodes[n].get("mentions")), _info(g.nodes[n])] for n in ids]
    return {"entities": entities, "edges": edges, "strings": table, "types": list(TYPES),
            "relations": list(RELATIONS), "topics": list(TOPICS)}


def _weight(d: dict) -> float:
    return _number(d.get("weight"), 1)


def _number(x, default: float = 0) -> float:
    """A finite number for the page: an int when whole, else 3 decimals (`default` for anything else)."""
    x = finite(x, default)
    return int(x) if x == int(x) else round(x, 3)


def _seconds(x):
    return None if x is None or not math.isfinite(finite(x, float("nan"))) else round(float(x), 1)


def speakers(g: nx.MultiDiGraph) -> bool:
    """Whether the graph knows who said what (any `discusses` edge)."""
    return any(k == "discusses" for *_, k in g.edges(keys=True))


def picture_relation(g: nx.MultiDiGraph):
    """The default picture's relation and which types it draws at that relation's far end:
    what people discuss (topics), or without speakers what episodes mention."""
    if speakers(g):
        return "discusses", lambda t: t in TOPICS
    return "mentions", lambda t: t not in ("Episode", "Show")


def people_topics(g: nx.MultiDiGraph, budget: int) -> tuple[list[str], dict[str, float]]:
    """The default picture: people and what they name in their own turns, heaviest first,
    with each node's weight (times named, or times naming). Without speakers: episodes and
    what they mention.

    >>> g = nx.MultiDiGraph([("p", "c", "discusses")])
    >>> g.nodes["c"]["type"] = "Concept"
    >>> people_topics(g, 10)
    (['c', 'p'], {'c': 1.0, 'p': 1.0})
    """
    relation, topic = picture_relation(g)
    weight: dict[str, float] = defaultdict(float)
    sources = set()
    for u, v, k, d in g.edges(keys=True, data=True):
        if k == relation and u != v and topic(g.nodes[v].get("type")):
            w = finite(d.get("weight"), 1)
            weight[u] += w
            weight[v] += w
            sources.add(u)
    order = sorted(weight, key=lambda n: (-weight[n], n))
    # a third of the budget for the speakers (or episodes), the rest for what they name
    first = [n for n in order if n in sources][:max(budget // 3, 1)]
    keep = set(first)
    rest = [n for n in order if n not in keep and any(m in keep for m in g.predecessors(n))]
    nodes = sorted(first + rest[:max(budget - len(first), 0)])
    return nodes, {n: weight[n] for n in nodes}
