"""kg.view in real headless Chromium: who talks about what, selection, labels, matrix, time, archive size.

The helpers (Session, the browser fixture, the small graph) are those of test_view_browser.py.
"""
from __future__ import annotations

import random
import re
import time
from urllib.parse import quote as urlquote

import networkx as nx
import pytest

import kg
from kg.model import Evidence
from kg.view import write_html
from conftest import EXAMPLES
from test_view_browser import (B, EP, JAKUB, OPENAI, RL, SHOW, Session, assert_label_rule, browser,  # noqa: F401
                                     mode, node_points, small_graph, visible)

pytestmark = [pytest.mark.slow, pytest.mark.browser]
UNDATED = B + "episode/undated"


def mini_graph() -> nx.MultiDiGraph:
    """small_graph, plus an undated episode naming OpenAI and RL in one sentence."""
    g = small_graph()
    g.add_node(UNDATED, label="An undated chat", type="Episode", mentions=0)
    ev = Evidence("b.md", UNDATED, "Host", 5.0, None, "OpenAI tried reinforcement learning early.", "ner")
    g.add_edge(UNDATED, OPENAI, key="mentions", relation="mentions", weight=4, evidence=[ev])
    g.add_edge(UNDATED, RL, key="mentions", relation="mentions", weight=1, evidence=[ev])
    return g


@pytest.fixture
def mini(browser, tmp_path):
    write_html(mini_graph(), tmp_path / "graph.html", title="mini")
    s = Session(browser, tmp_path / "graph.html", viewport=(1280, 800))
    yield s
    s.close()


def pixel(s: Session, x: float, y: float) -> list[int]:
    return s.js("""([x, y]) => { const c = document.querySelector('#kg-graph canvas'), r = c.getBoundingClientRect();
        const k = c.width / r.width; return Array.from(c.getContext('2d').getImageData(
          Math.round((x - r.left) * k), Math.round((y - r.top) * k), 1, 1).data); }""", [x, y])


def test_click_highlights_neighbours_and_dims_the_rest(mini):
    mode(mini, "full")
    points = {i: (x, y) for i, x, y in node_points(mini)}
    show_before, jakub_before = pixel(mini, *points[SHOW]), pixel(mini, *points[JAKUB])
    mini.page.mouse.click(*points[OPENAI])
    assert mini.page.inner_text("#kg-details h2.kg-label") == "OpenAI"
    assert mini.js("() => kgView.highlighted()") == sorted([OPENAI, JAKUB, EP, RL, UNDATED])
    show_after = pixel(mini, *points[SHOW])
    assert sum(show_after[:3]) > sum(show_before[:3]) + 150          # the Show, not a neighbour, fades
    assert sum(abs(a - b) for a, b in zip(pixel(mini, *points[JAKUB])[:3], jakub_before[:3])) < 30   # a neighbour keeps it
    mini.page.hover("#kg-details li[data-kg-neighbour='%s']" % JAKUB)
    assert mini.js("() => kgView.id(kgView.state.hover)") == JAKUB
    assert "kg-hover" in mini.page.get_attribute("#kg-details li[data-kg-neighbour='%s']" % JAKUB, "class")
    mini.assert_clean()


def test_quote_cards_name_the_neighbour_they_support(mini):
    mini.js("(id) => kgView.select(id)", UNDATED)
    cards = mini.page.locator("#kg-details [data-kg-relation=mentions] blockquote.kg-quote")
    assert cards.count() == 2
    texts = [cards.nth(i).inner_text() for i in range(2)]
    assert all(t.startswith("OpenAI tried reinforcement learning early.") for t in texts)
    about = [cards.nth(i).locator(".kg-about").inner_text() for i in range(2)]
    assert about == ["→ OpenAI", "→ reinforcement learning"]


def test_timeline_counts_undated_episodes(mini):
    mini.page.fill("#kg-search", "OpenAI")
    mini.page.press("#kg-search", "Enter")
    time_box = mini.page.locator("#kg-details .kg-time")
    assert time_box.locator(".kg-bar").evaluate_all("bars => bars.map(b => b.getAttribute('data-kg-date'))") == \
        ["2025-07-31"]
    assert "4 mentions in 1 undated episode not on the timeline" in time_box.inner_text()


def test_selection_lives_in_the_url(browser, tmp_path):
    write_html(mini_graph(), tmp_path / "graph.html", title="mini")
    s = Session(browser, tmp_path / "graph.html", hash="#entity=" + urlquote(JAKUB, safe=""))
    try:
        assert s.page.inner_text("#kg-details h2.kg-label") == "Jakub Pachocki"
        s.js("(id) => kgView.select(id)", RL)
        assert s.js("() => location.hash") == "#entity=" + urlquote(RL, safe="")
        s.page.reload()
        s.page.wait_for_selector("html[data-kg-ready=true]", state="attached")
        assert s.page.inner_text("#kg-details h2.kg-label") == "reinforcement learning"
        s.assert_clean()
    finally:
        s.close()


def matrix_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    people = {"ada": "Ada Okafor", "bo": "Bo Lindqvist"}
    topics = {"concept/rl": ("reinforcement learning", "Concept"), "model/gpt": ("GPT-4", "Model"),
              "organization/acme": ("Acme Labs", "Organization")}
    for k, label in people.items():
        g.add_node(B + "person/" + k, label=label, type="Person", mentions=1)
    for k, (label, t) in topics.items():
        g.add_node(B + k, label=label, type=t, mentions=1)
    g.add_node(EP, label="Ep one", type="Episode", date="2025-01-02")
    for who, what, w in [("ada", "concept/rl", 5), ("ada", "model/gpt", 1), ("bo", "model/gpt", 4),
                         ("bo", "organization/acme", 2)]:
        ev = [Evidence("a.md", EP, people[who], 10.0, None, f"{people[who]} on {topics[what][0]}, take {i}.")
              for i in range(3)]
        g.add_edge(B + "person/" + who, B + what, key="discusses", relation="discusses", weight=w, evidence=ev)
        g.add_edge(EP, B + what, key="mentions", relation="mentions", weight=w)
    return g


def test_matrix_cell_opens_its_quotes_and_sorts(browser, tmp_path):
    write_html(matrix_graph(), tmp_path / "m.html")
    s = Session(browser, tmp_path / "m.html")
    try:
        mode(s, "matrix")
        rows = s.page.locator("#kg-matrix tbody th").all_inner_texts()
        cols = s.page.locator("#kg-matrix thead th button").all_inner_texts()
        assert rows == ["Ada Okafor", "Bo Lindqvist"] and cols == ["GPT-4", "reinforcement learning", "Acme Labs"]
        assert s.page.locator("#kg-matrix tbody tr").nth(1).locator("td").all_inner_texts() == ["4", "", "2"]
        s.page.locator("#kg-matrix tbody tr").nth(1).locator("td").nth(0).click()
        details = s.page.inner_text("#kg-details")
        assert details.startswith("Bo Lindqvist discusses GPT-4")
        assert "Bo Lindqvist on GPT-4, take 0." in details and "Ada Okafor on" not in details
        assert s.page.locator("#kg-details blockquote.kg-quote").count() == 2         # 2 kept per link
        s.page.click("#kg-matrix thead th button:text-is('GPT-4')")                   # sort rows by GPT-4
        assert s.page.locator("#kg-matrix tbody th").all_inner_texts() == ["Bo Lindqvist", "Ada Okafor"]
        s.page.uncheck("input[data-kg-column=Concept]")
        assert s.page.locator("#kg-matrix thead th button").all_inner_texts() == ["GPT-4", "Acme Labs"]
        s.assert_clean()
    finally:
        s.close()


@pytest.fixture(scope="module")
def seeds_and_examples(tmp_path_factory, seeds_dir):
    out = tmp_path_factory.mktemp("seeds-examples")
    kg.build([str(seeds_dir), str(EXAMPLES)], out=str(out), cache_dir=tmp_path_factory.mktemp("se-cache"),
             progress=False)
    return out / "graph.html"


def test_label_rule_on_seeds_and_examples(browser, seeds_and_examples):
    s = Session(browser, seeds_and_examples, viewport=(1280, 800))
    try:
        assert s.page.inner_text("#kg-note").startswith("People and what they discuss: ")
        labels = assert_label_rule(s)
        assert len(labels) >= 10 and "Jakub Pachocki" in labels
        mode(s, "full")
        assert_label_rule(s)
        s.assert_clean()
    finally:
        s.close()


def archive_graph(seed: int = 3) -> nx.MultiDiGraph:
    """A synthetic graph the size and shape of the Lenny archive build: 5,920 entities, ~31,700 edges,
    up to 5 quotes per edge, 27 undated episodes."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    counts = {"Person": 2205, "Organization": 2000, "Place": 754, "Work": 338, "Model": 212, "Concept": 112}
    ents = {t: [f"{B}{t.lower()}/{t.lower()}-{i:04d}" for i in range(n)] for t, n in counts.items()}
    for t, ids in ents.items():
        for i, n in enumerate(ids):
            g.add_node(n, label=f"{t} {i}", type=t, aliases=[f"{t[0]}{i}"], mentions=0)
    shows = [f"{B}show/show-{i:02d}" for i in range(13)]
    for i, s in enumerate(shows):
        g.add_node(s, label=f"Show {i}", type="Show")
    topics = ents["Organization"] + ents["Work"] + ents["Model"] + ents["Concept"] + ents["Place"]
    words = "the model that we trained learns from feedback and then it gets better at the task we care about".split()
    for e in range(286):
        ep = f"{B}episode/ep-{e:03d}"
        g.add_node(ep, label=f"Episode {e}", type="Episode", date=None if e < 27 else f"202{e % 5}-0{e % 9 + 1}-1{e % 9}",
                   url=f"https://www.youtube.com/watch?v=v{e:010d}")
        g.add_edge(ep, shows[e % 13], key="part_of", relation="part_of", weight=1)
        host, guest = ents["Person"][e % 13], ents["Person"][13 + e]
        g.add_edge(ep, host, key="hosted_by", relation="hosted_by", weight=1)
        g.add_edge(ep, guest, key="features", relation="features", weight=1)
        named = {topics[min(int(rnd.paretovariate(0.6)) - 1, len(topics) - 1)] for _ in range(12)}
        named |= set(rnd.sample(topics, 52 - len(named) - 12)) | set(rnd.sample(ents["Person"][300:], 12))
        for x in sorted(named):
            w = rnd.randint(1, 9)
            g.nodes[x]["mentions"] += w
            ev = [Evidence("t.md", ep, "Guest", 30.0 * k, f"https://www.youtube.com/watch?v=v{e:010d}&t={30 * k}s",
                           f"{g.nodes[x]['label']} in episode {e}, moment {k}: " + " ".join(rnd.sample(words, 14)))
                  for k in range(min(w, 5))]
            g.add_edge(ep, x, key="mentions", relation="mentions", weight=w, evidence=ev, evidence_count=w)
            for who in (host, guest):
                if rnd.random() < 0.48:
                    g.add_edge(who, x, key="discusses", relation="discusses", weight=max(1, w // 2),
                               evidence=ev[:3], evidence_count=w // 2)
        pairs = sorted(named)
        for _ in range(7):
            a, b = sorted(rnd.sample(pairs, 2))
            g.add_edge(a, b, key="co_occurs_with", relation="co_occurs_with", weight=rnd.randint(2, 9), score=0.2,
                       evidence=[Evidence("t.md", ep, "Guest", 1.0, None, f"{a} with {b}")])
        for _ in range(2):
            g.add_edge(ep, rnd.choice(ents["Organization"]), key="sponsored_by", relation="sponsored_by", weight=1)
    return g


def test_archive_size_page_is_small_ready_and_quick(browser, tmp_path, record_property):
    g = archive_graph()
    assert g.number_of_nodes() == 5920 and g.number_of_edges() > 30000
    stats = write_html(g, tmp_path / "archive.html", title="archive")
    size_mb = (tmp_path / "archive.html").stat().st_size / 1e6
    s = Session(browser, tmp_path / "archive.html", viewport=(1280, 800),
                init_script="document.addEventListener('kg:ready', () => { window.__kgEvent = performance.now(); });")
    try:
        ready_ms = s.js("() => kgView.readyMs")
        assert 0 < s.js("() => window.__kgEvent") < 3000             # the named event a script can wait for
        assert s.page.inner_text("#kg-note").startswith(f"People and what they discuss: {stats.nodes_shown} of 5,920")
        s.js("""() => { window.__kgClick = null; document.addEventListener('pointerdown',
                  () => { window.__kgClick = performance.now(); }, true);
                new MutationObserver(() => { if (window.__kgClick && !window.__kgShown)
                  window.__kgShown = performance.now() - window.__kgClick; })
                .observe(document.getElementById('kg-details'), {childList: true}); }""")
        box = s.js("() => kgLabelBoxes()[0]")
        x, y = s.js("""(id) => { const n = kgView.network, r = n.body.container.getBoundingClientRect(),
            p = n.canvasToDOM(n.getPositions([id])[id]); return [r.left + p.x, r.top + p.y]; }""", box["id"])
        start = time.perf_counter()
        s.page.mouse.click(x, y)
        s.page.wait_for_function("() => window.__kgShown")
        wall_ms = round((time.perf_counter() - start) * 1000)
        click_ms = round(s.js("() => window.__kgShown"))
        assert s.page.inner_text("#kg-details h2.kg-label") == box["text"]
        far = "Place 700"                                  # not in the drawn picture: search brings it in
        assert s.js("(l) => kgView.drawn[kgView.find(l)[0]] === undefined", far)
        s.js("() => kgView.focus(kgView.find('Person 0')[0])")     # a host: hundreds of neighbours
        note = s.page.inner_text("#kg-note")
        assert re.fullmatch(r"Neighbourhood of Person 0 \(depth 1\) \(the 149 strongest of [1-9][\d,]+ neighbours\): "
                            r"150 of 5,920 entities shown, [\d,]+ links", note), note
        s.page.fill("#kg-search", far)
        s.page.press("#kg-search", "Enter")
        assert s.page.inner_text("#kg-details h2.kg-label") == far
        assert far in [b["text"] for b in s.js("() => kgLabelBoxes()")]
        assert s.page.inner_text("#kg-note").startswith(f"Neighbourhood of {far} (depth 1): ")
        measured = (f"synthetic archive {g.number_of_nodes()} entities/{g.number_of_edges()} edges: page "
                    f"{size_mb:.1f} MB, ready {ready_ms} ms, click->details {click_ms} ms in page ({wall_ms} ms wall)")
        print(measured)
        record_property("archive_view", measured)
        assert size_mb <= 15 and ready_ms < 3000 and click_ms < 300
        s.assert_clean()
    finally:
        s.close()


def test_show_and_date_facets_filter_recount_and_say_when_empty(mini):
    page = mini.page
    assert visible(mini) == sorted([JAKUB, OPENAI])
    page.fill("#kg-from", "2025-08-01")
    page.dispatch_event("#kg-from", "change")
    assert visible(mini) == [] and page.is_visible("#kg-empty")
    assert page.inner_text("#kg-note") == "People and what they discuss: 0 of 6 entities shown, 0 links"
    assert page.inner_text("#kg-filtered") == "0 episodes match"
    page.fill("#kg-from", "")
    page.dispatch_event("#kg-from", "change")
    page.select_option("#kg-show", label="Before AGI")
    assert visible(mini) == sorted([JAKUB, OPENAI]) and not page.is_visible("#kg-empty")
    assert page.inner_text("#kg-filtered") == "1 episode matches"
    mode(mini, "full")
    assert UNDATED not in visible(mini) and EP in visible(mini)          # the other episode is filtered out
    mini.assert_clean()


def test_a_focus_page_opens_on_its_neighbourhood_selected(browser, tmp_path):
    write_html(mini_graph(), tmp_path / "rl.html", focus=RL)
    s = Session(browser, tmp_path / "rl.html")
    try:
        assert s.page.inner_text("#kg-note") == \
            "Neighbourhood of reinforcement learning (depth 1): 3 of 6 entities shown, 3 links"
        assert s.page.inner_text("#kg-details h2.kg-label") == "reinforcement learning"
        assert visible(s) == sorted([RL, OPENAI, UNDATED])
        s.assert_clean()
    finally:
        s.close()


def test_keep_unlinked_shows_what_the_weight_filter_left_alone(mini):
    mode(mini, "full")
    mini.js("""() => { const s = document.getElementById('kg-weight'); s.value = '3';
                       s.dispatchEvent(new Event('input')); }""")
    assert visible(mini) == sorted([EP, OPENAI, UNDATED])
    mini.page.check("#kg-orphans")
    assert len(visible(mini)) == 6
