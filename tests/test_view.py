"""kg.view without a browser: self-contained, escaped, deterministic, budgeted."""
from __future__ import annotations

import html
import json
import math
import os
import random
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg.escape import visible

from kg.errors import EntityNotFound
from kg.layout import overlaps
from kg.model import Evidence
from kg.view import ViewStats, layout, neighbourhood, render_html, select, write_html

ROOT = Path(__file__).resolve().parents[1]
B = "https://example.org/kg/"
EP, SHOW = B + "episode/before-agi", B + "show/before-agi"
JAKUB, OPENAI, RL = B + "person/jakub-pachocki", B + "organization/openai", B + "concept/reinforcement-learning"
HOSTILE = ['</script><script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)',
           '{{7*7}}', '${alert(1)}', '"><svg onload=alert(1)>', '<!--KG:JS-->', '/*KG:DATA*/', '\u2028&amp;']


def small_graph() -> nx.MultiDiGraph:
    """Episode -> Show/Person/OpenAI, Person discusses OpenAI, OpenAI -- RL."""
    g = nx.MultiDiGraph()
    g.add_node(EP, label="Before AGI with Jakub Pachocki", type="Episode", date="2025-07-31",
               url="https://www.youtube.com/watch?v=LauSf7HoxwM", mentions=0, degree=1.0, betweenness=0.5)
    g.add_node(SHOW, label="Before AGI", type="Show", mentions=0, degree=0.25)
    g.add_node(JAKUB, label="Jakub Pachocki", type="Person", aliases=["Jakub"], mentions=7, degree=0.5,
               wikidata="Q56071870")
    g.add_node(OPENAI, label="OpenAI", type="Organization", aliases=["Open AI"], mentions=33, degree=0.75,
               wikidata="Q21708200", sources=["a.md"])
    g.add_node(RL, label="reinforcement learning", type="Concept", mentions=4, degree=0.5)
    ev = Evidence("a.md", EP, "Jakub Pachocki", 83.0, "https://www.youtube.com/watch?v=LauSf7HoxwM&t=83s",
                  "OpenAI has a massive amount of compute.", "ner", 0.9)
    g.add_edge(EP, SHOW, key="part_of", relation="part_of", weight=1, origins=["metadata"])
    g.add_edge(EP, JAKUB, key="features", relation="features", weight=1, origins=["metadata"])
    g.add_edge(EP, OPENAI, key="mentions", relation="mentions", weight=3, origins=["ner"], evidence=[ev],
               evidence_count=3)
    g.add_edge(JAKUB, OPENAI, key="discusses", relation="discusses", weight=2, origins=["ner"], evidence=[ev],
               evidence_count=2)
    g.add_edge(OPENAI, RL, key="co_occurs_with", relation="co_occurs_with", weight=2, score=0.4,
               origins=["inferred"])
    return g


class Tags(HTMLParser):
    """Start tags as the browser's tokenizer sees them (script and style bodies are text)."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def assert_structure(page: str) -> None:
    """Exactly our three scripts, no element loads anything, no inline handlers."""
    t = Tags(page)
    scripts = [a for tag, a in t.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "kg-data"}, {}, {}]
    assert not [tag for tag, _ in t.tags if tag in ("link", "img", "iframe", "object", "embed", "svg", "base")]
    assert not [(tag, a) for tag, a in t.tags for k in a if k.startswith("on") or k in ("src", "href", "action")]
    assert not re.search(r"""@import|url\(\s*(?!["']?data:)""", "".join(t.styles), re.I)


def page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def test_page_is_self_contained():
    page = render_html(small_graph(), title="seeds")
    assert_structure(page)
    assert not re.search(r"""\b(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "vis.Network" in page and "sourceMappingURL" not in page


def entity(data: dict, node_id: str) -> list:
    """[id, label, type index, mentions, info] of one entity in the page's catalogue."""
    return next(e for e in data["catalogue"]["entities"] if e[0] == node_id)


def test_data_block_carries_every_entity_edge_and_quote():
    data = page_data(render_html(small_graph()))
    cat = data["catalogue"]
    assert [e[0] for e in cat["entities"]] == sorted(small_graph().nodes)
    _, label, t, mentions, info = entity(data, OPENAI)
    assert (label, cat["types"][t], mentions) == ("OpenAI", "Organization", 33)
    assert info["aliases"] == ["Open AI"] and info["wikidata"] == "Q21708200" and info["sources"] == ["a.md"]
    ids = [e[0] for e in cat["entities"]]
    u, v, r, w, score, episodes, evidence = next(e for e in cat["edges"] if cat["relations"][e[2]] == "discusses")
    assert (ids[u], ids[v], w, [ids[x] for x in episodes]) == (JAKUB, OPENAI, 2, [EP])
    quote, speaker, episode, seconds, url = evidence[0]
    assert cat["strings"][quote] == "OpenAI has a massive amount of compute."
    assert (cat["strings"][speaker], ids[episode], seconds) == ("Jakub Pachocki", EP, 83.0)
    assert url.endswith("&t=83s")
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["pictures"]["full"]["nodes"])


def test_default_picture_is_people_and_what_they_discuss():
    data = page_data(render_html(small_graph()))
    assert data["start"] == "people" and data["speakers"] is True
    assert sorted(n["id"] for n in data["pictures"]["people"]["nodes"]) == sorted([JAKUB, OPENAI])
    rels = [data["catalogue"]["relations"][data["catalogue"]["edges"][e][2]] for e in data["pictures"]["people"]["edges"]]
    assert rels == ["discusses"]


def test_without_speakers_the_page_opens_on_episodes_and_what_they_mention():
    g = small_graph()
    g.remove_edge(JAKUB, OPENAI, key="discusses")
    page = render_html(g)
    data = page_data(page)
    assert sorted(n["id"] for n in data["pictures"]["people"]["nodes"]) == sorted([EP, OPENAI])
    assert 'id="kg-note">Episodes and what they mention: 2 of 5 entities shown' in page


def test_quotes_are_capped_per_edge_and_cut_at_a_word():
    g = small_graph()
    long = "word " * 100
    g.edges[JAKUB, OPENAI, "discusses"]["evidence"] = [Evidence("a.md", EP, "Jakub Pachocki", float(i), None,
                                                                f"{i} {long}") for i in range(5)]
    cat = page_data(render_html(g))["catalogue"]
    ev = next(e for e in cat["edges"] if cat["relations"][e[2]] == "discusses")[6]
    quotes = [cat["strings"][q[0]] for q in ev]
    assert len(quotes) == 2 and all(len(q) <= 200 and q.endswith("word…") for q in quotes)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_data(text):
    g = small_graph()
    g.nodes[OPENAI]["label"] = text
    g.nodes[OPENAI]["aliases"] = [text]
    g.nodes[EP]["url"] = text
    g.add_node(B + "person/" + text, label=text, type="Person", mentions=1)
    page = render_html(g, title=text)
    assert_structure(page)
    block = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert not set("<>&\u2028\u2029") & set(block)
    if "<" in text:
        assert text not in page
    assert "<!--KG:" not in page and page.count("</script>") == 3
    data = page_data(page)
    shown = visible(text)                   # control and bidi characters as visible \uXXXX escapes
    assert data["title"] == shown and shown in [e[1] for e in data["catalogue"]["entities"]]
    assert entity(data, OPENAI)[4]["aliases"] == [shown] and "url" not in entity(data, EP)[4]   # not http(s)
    assert f"<title>{html.escape(shown)}</title>" in page


def test_template_slots_in_inputs_are_not_expanded():
    g = small_graph()
    g.nodes[OPENAI]["label"] = "/*KG:VIS_JS*/ <!--KG:CSS-->"
    page = render_html(g, title="/*KG:DATA*/")
    assert len(page) < len(render_html(small_graph())) + 200


def test_same_graph_same_bytes():
    g = small_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert render_html(g) == render_html(g) == render_html(shuffled)


def test_budget_keeps_most_central_and_says_so():
    g = nx.MultiDiGraph()
    for i in range(60):
        g.add_node(f"n{i:02d}", label=f"N{i}", type="Concept", degree=i / 60, mentions=i)
    for i in range(59):
        g.add_edge(f"n{i:02d}", f"n{i + 1:02d}", key="co_occurs_with", relation="co_occurs_with", weight=1)
    page = render_html(g, max_nodes=20)
    assert 'id="kg-note">Full graph: 20 of 60 entities shown' in page
    data = page_data(page)
    assert sorted(n["id"] for n in data["pictures"]["full"]["nodes"]) == [f"n{i}" for i in range(40, 60)]
    assert len(data["catalogue"]["entities"]) == 60            # all of them findable by search
    assert select(g, max_nodes=20).number_of_edges() == 19


def test_write_html_returns_stats(tmp_path):
    g = small_graph()
    stats = write_html(g, tmp_path / "graph.html", title="seeds")
    assert stats == ViewStats(nodes_shown=2, nodes_total=5, edges_shown=1) and stats.truncated
    assert (tmp_path / "graph.html").read_text(encoding="utf-8") == render_html(g, title="seeds")
    assert 'id="kg-note">People and what they discuss: 2 of 5 entities shown' in render_html(g)


def test_neighbourhood_follows_edges_both_ways():
    g = small_graph()
    assert set(neighbourhood(g, RL, 1)) == {RL, OPENAI}
    assert set(neighbourhood(g, RL, 2)) == {RL, OPENAI, EP, JAKUB}
    assert set(neighbourhood(g, RL, 0)) == {RL}
    sub = neighbourhood(g, JAKUB, 1)
    assert sub.has_edge(JAKUB, OPENAI, key="discusses") and sub.nodes[JAKUB]["label"] == "Jakub Pachocki"
    with pytest.raises(EntityNotFound):
        neighbourhood(g, B + "person/nobody", 2)


def test_focus_renders_the_neighbourhood_only():
    page = render_html(small_graph(), focus=RL, depth=1)
    data = page_data(page)
    assert sorted(n["id"] for n in data["pictures"]["full"]["nodes"]) == sorted([OPENAI, RL]) and data["focus"] == RL
    assert "Neighbourhood of reinforcement learning (depth 1): 2 of 5 entities shown" in page
    focused = select(small_graph(), max_nodes=1, focus=RL, depth=2)
    assert list(focused) == [RL]


def test_layout_places_every_node_deterministically():
    g = small_graph()
    g.add_node(B + "place/nowhere", label="Nowhere", type="Place")     # isolated
    pos = layout(g)
    assert set(pos) == set(g) and pos == layout(g)
    assert len(set(pos.values())) == len(pos)


def test_empty_graph_renders():
    page = render_html(nx.MultiDiGraph())
    assert page_data(page)["pictures"]["full"]["nodes"] == [] and 'id="kg-note">Full graph: 0 of 0 entities shown' in page


def star_graph(n: int = 700) -> nx.MultiDiGraph:
    """A hub-heavy graph over the spring-layout core, with nodes of unequal size."""
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"n{i:03d}", label=f"N{i}", type="Concept", mentions=1 + (i % 13 == 0) * 40)
        if i:
            g.add_edge(f"n{(i * 7) % i:03d}", f"n{i:03d}", key="mentions", relation="mentions", weight=1)
    return g


def test_large_graph_uses_precomputed_layout_without_physics_and_no_node_hides_another():
    data = page_data(render_html(star_graph()))
    assert data["options"]["physics"]["enabled"] is False
    discs = [(n["x"], n["y"], n["size"]) for n in data["pictures"]["full"]["nodes"]]
    assert len(discs) == 700
    hidden = [(a, b) for i, a in enumerate(discs) for b in discs[i + 1:]
              if math.dist(a[:2], b[:2]) < a[2] + b[2]]
    assert hidden == []


def test_a_crowded_layout_of_large_discs_has_no_overlap():
    rnd = random.Random(1)
    g, radius = nx.MultiDiGraph(), {}
    for i in range(1000):
        g.add_node(f"n{i:04d}")
        radius[f"n{i:04d}"] = 40 if rnd.random() < 0.3 else 10
        if i:
            g.add_edge(f"n{rnd.randrange(i):04d}", f"n{i:04d}", key="mentions", relation="mentions", weight=1)
    assert overlaps(layout(g), radius) > 100                  # crowded before separation
    assert overlaps(layout(g, radius=radius), radius) == 0


def test_large_page_does_not_depend_on_the_hash_seed():
    script = ("import sys; from tests.test_view import star_graph; from kg.view import render_html; "
              "sys.stdout.write(render_html(star_graph(900)))")
    pages = {subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, cwd=ROOT,
                            env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(pages) == 1


def test_odd_values_do_not_break_the_page():
    g = small_graph()
    g.nodes[OPENAI].update(mentions=None, degree=float("nan"), confidence=float("inf"), aliases=("x", 1))
    g.edges[OPENAI, RL, "co_occurs_with"].update(weight="heavy", score=float("nan"))
    data = page_data(render_html(g))
    assert entity(data, OPENAI)[4]["aliases"] == ["x", 1] and entity(data, OPENAI)[3] == 0
    cat = data["catalogue"]
    co = next(e for e in cat["edges"] if cat["relations"][e[2]] == "co_occurs_with")
    assert co[3] == 1 and co[4] is None


def test_focus_depth_defaults_to_one_in_the_library_and_the_cli(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    assert "Neighbourhood of reinforcement learning (depth 1): 2 of 5" in render_html(small_graph(), focus=RL)
    option = next(p for p in cli.commands["view"].params if p.name == "depth")
    assert option.default == 1
    assert "[default: 1;" in CliRunner().invoke(cli, ["view", "--help"]).output
