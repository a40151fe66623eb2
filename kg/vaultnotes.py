"""What a vault note says: its front matter and the body kg keeps between its markers, for an
entity (who discusses it, what it goes with, where it is mentioned) or an episode (show, date,
people, chapters, sponsors, mentions by type). Links go to `targets`, the file-name stem of
every entity's note (kg/vault.py assigns them).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("e", label="Ep 1", type="Episode", date="2025-01-02")
>>> g.add_node("p", label="Ada Byron", type="Person", mentions=1)
>>> g.add_node("c", label="RL", type="Concept", mentions=2)
>>> _ = g.add_edge("e", "c", key="mentions", weight=2)
>>> _ = g.add_edge("p", "c", key="discusses", weight=1, evidence=[{"source": "ep.md", "episode": "e",
...     "speaker": "Ada Byron", "seconds": 752.0, "url": "https://youtu.be/x?t=752", "quote": "RL [[is]] fun"}])
>>> notes = Notes(g, {"e": "Ep 1", "p": "Ada Byron", "c": "RL"})
>>> print(notes.body("c").split("## Discussed by\\n")[1].splitlines()[0])
- [[Ada Byron]] in [[Ep 1]] at [12:32](https://youtu.be/x?t=752): "RL \\[\\[is\\]\\] fun"
>>> notes.front("c", "RL")["first_seen"], notes.front("p", "Ada Byron")["kg_discusses"]
('2025-01-02', {'RL': 1})
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from .gazetteer import fold
from .model import Evidence
from .vaultmd import TYPE_ORDER, clock, link, text, web

MAX_ITEMS = 100                # lines per section; the rest is counted
MAX_QUOTES = 3                 # quotes per person who discusses an entity
MAX_QUOTE_CHARS = 300


class Notes:
    """Renders the notes of graph `g`, linking to `targets` (node -> file-name stem or path)."""

    def __init__(self, g: nx.MultiDiGraph, targets: dict[str, str]):
        self.g, self.targets = g, targets
        self._adjacent: dict[tuple[str, str, str], list[tuple[str, dict]]] = {}   # (node, relation, in/out)
        for u, v, rel, d in g.edges(keys=True, data=True):
            self._adjacent.setdefault((u, rel, "out"), []).append((v, d))
            self._adjacent.setdefault((v, rel, "in"), []).append((u, d))

    # -- helpers -------------------------------------------------------------------------------
    def name(self, node: str) -> str:
        return str(self.g.nodes[node].get("label") or node)

    def link(self, node: str) -> str:
        return link(self.targets[node], self.name(node)) if node in self.targets else text(self.name(node))

    def date(self, node: str) -> str:
        value = self.g.nodes[node].get("date")
        return str(value) if value else ""

    def _order(self, node: str) -> tuple:
        return (fold(self.name(node)), node)

    def _by_date(self, nodes) -> list[str]:
        return sorted(set(nodes), key=lambda n: (self.date(n) or "9999", *self._order(n)))

    def _edges(self, node: str, relation: str, direction: str) -> list[tuple[str, dict]]:
        """(other node, edge data) of `relation` edges into or out of `node`."""
        return self._adjacent.get((node, relation, direction), [])

    def _weighted(self, pairs) -> list[tuple[str, float]]:
        totals: Counter = Counter()
        for other, d in pairs:
            totals[other] += d.get("weight", 1) or 0
        return sorted(totals.items(), key=lambda kv: (-kv[1], *self._order(kv[0])))

    def _episodes_of(self, node: str) -> list[str]:
        """Episodes that mention, host, feature or are sponsored by the entity."""
        found = [u for rel in ("mentions", "hosted_by", "features", "sponsored_by")
                 for u, _ in self._edges(node, rel, "in") if self.g.nodes[u].get("type") == "Episode"]
        return self._by_date(found)

    # -- front matter --------------------------------------------------------------------------
    def front(self, node: str, stem: str) -> dict:
        """kg's front matter of the node's note (`stem`: its file name, which the label need not be)."""
        d = self.g.nodes[node]
        kind = d.get("type", "")
        aliases = sorted({str(a) for a in d.get("aliases", ()) if a} | ({self.name(node)} if stem != self.name(node)
                                                                        else set()), key=lambda a: (fold(a), a))
        if kind == "Episode":
            front = {"aliases": aliases, "type": kind, **self._episode_front(node)}
        else:
            episodes = self._episodes_of(node)
            dates = sorted(self.date(e) for e in episodes if self.date(e))
            front = {"aliases": aliases, "type": kind}
            if d.get("wikidata"):
                front["wikidata"] = str(d["wikidata"])
            front["mentions"] = int(d.get("mentions", 0) or 0)
            front["episodes"] = len(episodes)
            if dates:
                front["first_seen"], front["last_seen"] = dates[0], dates[-1]
        front["kg_id"] = node
        front["kg_type"] = kind
        front["kg_label"] = self.name(node)
        front["kg_aliases"] = aliases
        for key in ("confidence", "community"):
            if d.get(key) is not None:
                front[f"kg_{key}"] = d[key]
        if kind == "Person":
            discussed = self._weighted(self._edges(node, "discusses", "out"))[:MAX_ITEMS]
            if discussed:
                front["kg_discusses"] = {self.targets.get(n, self.name(n)): w for n, w in discussed}
        front["kg_sources"] = sorted(str(s) for s in d.get("sources", ()))
        return front

    def _episode_front(self, node: str) -> dict:
        d = self.g.nodes[node]
        out: dict = {}
        shows = self._by_date(n for n, _ in self._edges(node, "part_of", "out"))
        if shows:
            out["show"] = self.link(shows[0])
        if d.get("date"):
            out["date"] = str(d["date"])
        if d.get("url"):
            out["url"] = str(d["url"])
        for key, rel in (("hosts", "hosted_by"), ("guests", "features"), ("sponsors", "sponsored_by")):
            people = sorted({n for n, _ in self._edges(node, rel, "out")}, key=self._order)
            if people:
                out[key] = [self.link(n) for n in people]
        out["entities"] = len({n for n, _ in self._edges(node, "mentions", "out")})
        return out

    # -- body ----------------------------------------------------------------------------------
    def body(self, node: str) -> str:
        """kg's Markdown between the markers, ending in a newline."""
        kind = self.g.nodes[node].get("type", "")
        parts = self._episode_body(node) if kind == "Episode" else self._entity_body(node)
        return "\n".join(parts) + "\n"

    def _entity_body(self, node: str) -> list[str]:
        d = self.g.nodes[node]
        episodes = self._episodes_of(node)
        mentions = int(d.get("mentions", 0) or 0)
        head = [f"**{text(d.get('type', ''))}**", f"{mentions} mention{'s' * (mentions != 1)}",
                f"{len(episodes)} episode{'s' * (len(episodes) != 1)}"]
        if d.get("wikidata"):
            head.append(web(f"Wikidata {d['wikidata']}", f"https://www.wikidata.org/wiki/{d['wikidata']}"))
        out = [" · ".join(head)]
        out += self._section("Discussed by", self._discussed_by(node))
        kind = d.get("type")
        if kind == "Person":
            out += self._section("Discusses", [f"- {self.link(n)} ({w:g})"
                                               for n, w in self._weighted(self._edges(node, "discusses", "out"))])
            for title, rel in (("Hosts", "hosted_by"), ("Appears in", "features")):
                eps = self._by_date(n for n, _ in self._edges(node, rel, "in"))
                out += self._section(title, [self._dated(e) for e in eps])
        if kind == "Show":
            eps = self._by_date(n for n, _ in self._edges(node, "part_of", "in"))
            out += self._section("Episodes", [self._dated(e) for e in eps])
        else:
            out += self._section("Part of", [f"- {self.link(n)}" for n, _ in
                                             self._weighted(self._edges(node, "part_of", "out"))])
            out += self._section("Has part", [f"- {self.link(n)}" for n, _ in self._weighted(
                (u, e) for u, e in self._edges(node, "part_of", "in") if self.g.nodes[u].get("type") != "Episode")])
        sponsored = self._by_date(n for n, _ in self._edges(node, "sponsored_by", "in"))
        out += self._section("Sponsors", [self._dated(e) for e in sponsored])
        both = self._edges(node, "co_occurs_with", "out") + self._edges(node, "co_occurs_with", "in")
        out += self._section("Co-occurs with", [f"- {self.link(n)} ({w:g})" for n, w in self._weighted(both)])
        counts = dict(self._weighted(self._edges(node, "mentions", "in")))
        out += self._section("Mentioned in", [f"{self._dated(e)} ({counts[e]:g})" for e in self._by_date(counts)])
        return out

    def _discussed_by(self, node: str) -> list[str]:
        lines = []
        edges = {}
        for person, d in self._edges(node, "discusses", "in"):
            edges.setdefault(person, []).extend(d.get("evidence") or ())
        for person, weight in self._weighted(self._edges(node, "discusses", "in")):
            first: dict[tuple, Evidence] = {}
            for e in map(Evidence.of, edges[person]):           # one line per quote: the first moment it was said
                first.setdefault((e.episode, e.quote), e)
            quotes = list(first.values())[:MAX_QUOTES]
            if not quotes:
                lines.append(f"- {self.link(person)} ({weight:g})")
            lines += [f"- {self.link(person)}{self._evidence(e)}" for e in quotes]
        return lines

    def _evidence(self, e: Evidence) -> str:
        out = f" in {self.link(e.episode)}" if e.episode and e.episode in self.g else ""
        if e.seconds is not None:
            out += f" at {web(clock(e.seconds), e.url)}"
        if e.quote:
            quote = e.quote if len(e.quote) <= MAX_QUOTE_CHARS else e.quote[:MAX_QUOTE_CHARS - 1] + "…"
            out += f': "{text(quote)}"'
        return out

    def _dated(self, episode: str) -> str:
        date = self.date(episode)
        return f"- {date + ' ' if date else ''}{self.link(episode)}"

    def _episode_body(self, node: str) -> list[str]:
        d = self.g.nodes[node]
        front = self._episode_front(node)
        head = ["**Episode**" + (f" of {front['show']}" if "show" in front else "")]
        if front.get("date"):
            head.append(front["date"])
        if d.get("url"):
            head.append(web("Watch", d["url"]))
        out = [" · ".join(head)]
        for title, key in (("Host", "hosts"), ("Guests", "guests")):
            if front.get(key):
                out += ["", f"**{title}:** " + ", ".join(front[key])]
        chapters = [f"- {web(clock(c['seconds']), c.get('url')) if c.get('seconds') is not None else '-'} "
                    f"{text(c.get('title', ''))}" for c in d.get("chapters") or () if isinstance(c, dict)]
        out += self._section("Chapters", chapters, cap=False)
        out += self._section("Sponsors", [f"- {x}" for x in front.get("sponsors", ())])
        mentioned = self._weighted(self._edges(node, "mentions", "out"))
        by_type: dict[str, list[tuple[str, float]]] = {}
        for other, weight in mentioned:
            by_type.setdefault(self.g.nodes[other].get("type", ""), []).append((other, weight))
        if by_type:
            out += ["", "## Mentions"]
        for kind in sorted(by_type, key=lambda t: (TYPE_ORDER.index(t) if t in TYPE_ORDER else 99, t)):
            items = by_type[kind]
            out += self._section(f"{text(kind)} ({len(items)})", [f"- {self.link(n)} ({w:g})" for n, w in items],
                                 level="###")
        return out

    @staticmethod
    def _section(title: str, lines: list[str], cap: bool = True, level: str = "##") -> list[str]:
        if not lines:
            return []
        shown = lines[:MAX_ITEMS] if cap else lines
        more = [f"- … and {len(lines) - len(shown)} more"] if len(shown) < len(lines) else []
        return ["", f"{level} {title}", *shown, *more]
