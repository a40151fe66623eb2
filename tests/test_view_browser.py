"""kg.view in real headless Chromium (Debian's /usr/bin/chromium via Playwright).

Also the README's screenshots (view.png, view-select.png, view-matrix.png), from our own examples:
    kg build examples/corpus -o output && python tests/test_view_browser.py output/graph.html docs/img/view.png
"""
from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.model import Evidence
from kg.view import write_html

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
READY = "html[data-kg-ready=true]"
B = "https://example.org/kg/"
EP, SHOW = B + "episode/before-agi", B + "show/before-agi"
JAKUB, OPENAI, RL = B + "person/jakub-pachocki", B + "organization/openai", B + "concept/reinforcement-learning"
DEEP = "https://www.youtube.com/watch?v=LauSf7HoxwM&t=83s"

# Records every element or attribute the page adds that could run code, once armed.
WATCH = """
window.__kgBad = []; window.__kgArmed = false;
new MutationObserver(function (records) {
  if (!window.__kgArmed) return;
  var risky = /^(script|iframe|object|embed|img|svg|link|base|form|meta)$/i;
  function check(e) {
    if (e.nodeType !== 1) return;
    [e].concat(Array.from(e.querySelectorAll("*"))).forEach(function (x) {
      if (risky.test(x.tagName)) window.__kgBad.push("element " + x.tagName);
      x.getAttributeNames().forEach(function (n) { if (/^on/i.test(n)) window.__kgBad.push("attr " + n); });
      if (x.tagName === "A" && x.hasAttribute("href") && !/^https?:$/.test(x.protocol)) {
        window.__kgBad.push("href " + x.href);
      }
    });
  }
  records.forEach(function (r) {
    if (r.type === "attributes" && /^on/i.test(r.attributeName)) window.__kgBad.push("attr " + r.attributeName);
    if (r.type === "attributes" && r.attributeName === "href") check(r.target);
    r.addedNodes.forEach(check);
  });
}).observe(document, {childList: true, subtree: true, attributes: true});
"""


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node(EP, label="Before AGI with Jakub Pachocki", type="Episode", date="2025-07-31",
               url="https://www.youtube.com/watch?v=LauSf7HoxwM", mentions=0, degree=1.0)
    g.add_node(SHOW, label="Before AGI", type="Show", mentions=0, degree=0.25)
    g.add_node(JAKUB, label="Jakub Pachocki", type="Person", aliases=["Jakub"], mentions=7, degree=0.5)
    g.add_node(OPENAI, label="OpenAI", type="Organization", aliases=["Open AI"], mentions=33, degree=0.75,
               wikidata="Q21708200")
    g.add_node(RL, label="reinforcement learning", type="Concept", mentions=4, degree=0.5)
    ev = Evidence("a.md", EP, "Jakub Pachocki", 83.0, DEEP, "OpenAI has a massive amount of compute.", "ner")
    g.add_edge(EP, SHOW, key="part_of", relation="part_of", weight=1)
    g.add_edge(EP, JAKUB, key="features", relation="features", weight=1)
    g.add_edge(EP, OPENAI, key="mentions", relation="mentions", weight=3, evidence=[ev], evidence_count=1)
    g.add_edge(JAKUB, OPENAI, key="discusses", relation="discusses", weight=2, evidence=[ev], evidence_count=1)
    g.add_edge(OPENAI, RL, key="co_occurs_with", relation="co_occurs_with", weight=2, score=0.4)
    return g


def big_graph(n: int = 2400, episodes: int = 240, seed: int = 7) -> nx.MultiDiGraph:
    """A podcast-shaped graph: episodes mention a heavy-tailed set of entities."""
    rnd = random.Random(seed)
    types = ["Person", "Organization", "Model", "Concept", "Place", "Work"]
    g = nx.MultiDiGraph()
    shows = [f"{B}show/s{i}" for i in range(8)]
    eps = [f"{B}episode/e{i:04d}" for i in range(episodes)]
    ents = [f"{B}{types[i % 6].lower()}/x{i:05d}" for i in range(n - episodes - len(shows))]
    for s in shows:
        g.add_node(s, label=f"Show {s[-1]}", type="Show", mentions=0)
    for i, e in enumerate(ents):
        g.add_node(e, label=f"{types[i % 6]} {i}", type=types[i % 6], aliases=[f"alias {i}"], mentions=0)
    for i, ep in enumerate(eps):
        g.add_node(ep, label=f"Episode {i}", type="Episode", date=f"2025-01-{i % 28 + 1:02d}", mentions=0)
        g.add_edge(ep, shows[i % 8], key="part_of", relation="part_of", weight=1)
        picked = sorted({ents[min(int(rnd.paretovariate(0.7)) - 1, len(ents) - 1)] for _ in range(25)}
                        | {rnd.choice(ents) for _ in range(8)})
        for x in picked:
            w = rnd.randint(1, 6)
            g.nodes[x]["mentions"] += w
            ev = Evidence("f.md", ep, "Host", 61.0 * w, f"https://youtu.be/abcdefghijk?t={61 * w}", "a quote")
            g.add_edge(ep, x, key="mentions", relation="mentions", weight=w, evidence=[ev], evidence_count=1)
        for _ in range(10):
            a, b = sorted(rnd.sample(picked, 2))
            g.add_edge(a, b, key="co_occurs_with", relation="co_occurs_with", weight=rnd.randint(2, 5), score=0.3)
    for i, e in enumerate(ents):
        if g.degree(e) == 0:
            g.add_edge(eps[i % episodes], e, key="mentions", relation="mentions", weight=1)
    return g


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Session:
    """One page with everything it asked for, logged, and every dialog recorded."""

    def __init__(self, browser, path: Path, *, init_script: str | None = None, viewport=(1400, 900), hash: str = ""):
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                           device_scale_factor=1)
        page = self.page = self.context.new_page()
        page.on("request", lambda r: self.requests.append(r.url))
        page.route("**/*", self._route)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        if init_script:
            page.add_init_script(init_script)
        start = time.perf_counter()
        page.goto(path.resolve().as_uri() + hash)
        page.wait_for_selector(READY, state="attached", timeout=20000)
        self.wall = time.perf_counter() - start

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file://", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def assert_clean(self):
        offsite = [u for u in self.requests if not u.startswith(("file://", "data:"))]
        assert (offsite, self.blocked, self.errors, self.dialogs) == ([], [], [], [])

    def close(self):
        self.context.close()


def node_points(s: Session) -> list[tuple[str, float, float]]:
    return s.js("""() => { const n = kgView.network; n.fit({animation: false}); n.redraw();
        const r = n.body.container.getBoundingClientRect(), pos = n.getPositions();
        return Object.keys(pos).sort().map(id => { const p = n.canvasToDOM(pos[id]);
          return [id, r.left + p.x, r.top + p.y]; }); }""")


def assert_label_rule(s: Session, zoom: bool = True) -> list[str]:
    """No drawn label under 12 CSS px, no two overlapping; zooming in shows lesser ones. Returns the labels."""
    s.js("() => { kgView.network.fit({animation: false}); kgView.network.redraw(); }")
    boxes = s.js("() => kgLabelBoxes()")
    assert len(boxes) >= 5
    assert min(b["font"] for b in boxes) >= 12 and min(b["h"] for b in boxes) >= 12
    overlapping = [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"]
                   and b["y"] < a["y"] + a["h"]]
    assert overlapping == []
    if zoom:
        s.js("""() => { const n = kgView.network; n.moveTo({scale: n.getScale() * 3, animation: false}); n.redraw(); }""")
        closer = {b["text"] for b in s.js("() => kgLabelBoxes()")}
        assert closer - {b["text"] for b in boxes}, "zooming in shows no new label"
        s.js("() => { kgView.network.fit({animation: false}); kgView.network.redraw(); }")
    return [b["text"] for b in boxes]


def visible(s: Session) -> list[str]:
    return sorted(s.js("() => kgView.nodes.get({filter: n => !n.hidden}).map(n => n.id)"))


def mode(s: Session, name: str) -> None:
    s.page.click(f"#kg-modes [data-kg-mode={name}]")


@pytest.fixture
def mini(browser, tmp_path):
    write_html(small_graph(), tmp_path / "graph.html", title="mini")
    s = Session(browser, tmp_path / "graph.html")
    yield s
    s.close()


def test_search_shows_evidence_with_deep_link(mini):
    page = mini.page
    page.fill("#kg-search", "open ai")
    assert page.inner_text("#kg-results li.kg-best").startswith("OpenAI")
    page.press("#kg-search", "Enter")
    details = page.locator("#kg-details")
    assert details.locator("h2.kg-label").inner_text() == "OpenAI"
    text = details.inner_text()
    assert "Organization" in text and "Also: Open AI" in text and "← discusses" in text and "← mentions" in text
    assert details.locator("a", has_text="Wikidata Q21708200").get_attribute("href") == \
        "https://www.wikidata.org/wiki/Q21708200"
    quote = details.locator("[data-kg-relation=discusses] blockquote.kg-quote").first
    assert "OpenAI has a massive amount of compute." in quote.inner_text()
    assert "Jakub Pachocki" in quote.inner_text() and "Before AGI with Jakub Pachocki" in quote.inner_text()
    assert quote.locator("a", has_text="at 1:23").get_attribute("href") == DEEP
    assert mini.js("() => kgView.id(kgView.state.selected)") == OPENAI
    assert mini.js("(q) => kgView.search(q)", "jakub") == [JAKUB, EP]
    mini.assert_clean()


def test_type_filters_relations_and_weight_recount_and_leave_no_orphan(mini):
    page = mini.page
    mode(mini, "full")
    everything = visible(mini)
    assert page.inner_text("#kg-note") == "Full graph: 5 of 5 entities shown, 5 links"
    page.uncheck("input[data-kg-type=Person]")
    assert JAKUB not in visible(mini) and len(visible(mini)) == len(everything) - 1
    drawn = mini.js("() => kgView.visEdges.get(kgView.visibleEdges()).map(e => [e.from, e.to])")
    assert len(drawn) == 3 and not [e for e in drawn if JAKUB in e]
    assert page.inner_text("#kg-note") == "Full graph: 4 of 5 entities shown, 3 links"
    page.check("input[data-kg-type=Person]")
    assert visible(mini) == everything
    mini.js("""() => { const s = document.getElementById('kg-weight'); s.value = '3';
                       s.dispatchEvent(new Event('input')); }""")
    shown = mini.js("() => kgView.visEdges.get({filter: e => !e.hidden}).map(e => [e.from, e.to])")
    assert shown == [[EP, OPENAI]] and visible(mini) == sorted([EP, OPENAI])      # no orphan left drawn
    assert page.inner_text("#kg-note") == "Full graph: 2 of 5 entities shown, 1 links"
    assert not page.is_visible("#kg-empty")
    page.uncheck("input[data-kg-relation=mentions]")
    assert visible(mini) == [] and page.is_visible("#kg-empty")
    assert page.inner_text("#kg-note") == "Full graph: 0 of 5 entities shown, 0 links"
    mini.assert_clean()


def test_click_episode_lists_show_host_guests_mentions(mini):
    mode(mini, "full")
    (x, y), = [(x, y) for i, x, y in node_points(mini) if i == EP]
    mini.page.mouse.click(x, y)
    text = mini.page.inner_text("#kg-details")
    assert text.startswith("Before AGI with Jakub Pachocki")
    for heading in ("Show (part_of)", "Guests (features)", "Top mentions (mentions)"):
        assert heading in text
    assert text.index("Show (part_of)") < text.index("Guests (features)") < text.index("Top mentions")
    mini.assert_clean()


def test_focus_depth_one_by_default_and_back_to_people(mini):
    assert mini.page.input_value("#kg-depth") == "1"
    assert sorted(mini.js("(id) => kgView.focus(id)", RL)) == sorted([RL, OPENAI])
    assert visible(mini) == sorted([RL, OPENAI])
    assert mini.page.inner_text("#kg-note") == \
        "Neighbourhood of reinforcement learning (depth 1): 2 of 5 entities shown, 1 links"
    mini.page.select_option("#kg-depth", "2")
    assert visible(mini) == sorted([RL, OPENAI, EP, JAKUB])
    mode(mini, "people")
    assert visible(mini) == sorted([JAKUB, OPENAI])
    assert mini.page.inner_text("#kg-note") == "People and what they discuss: 2 of 5 entities shown, 1 links"
    mini.assert_clean()


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    show, ep = B + 'show/"><script>alert("id")</script>', B + "episode/x"
    people = [B + "person/<img src=x onerror=alert(1)>", B + "person/p2"]
    g.add_node(show, label="<script>alert('show')</script>", type="Show")
    g.add_node(ep, label='"><svg onload=alert(1)>', type="Episode", url="javascript:alert(1)",
               date="<img src=x onerror=alert(2)>")
    g.add_node(people[0], label="<img src=x onerror=alert(1)>", type="Person", mentions=3,
               aliases=["javascript:alert(1)", "{{7*7}}"], wikidata='Q1" onmouseover="alert(1)')
    g.add_node(people[1], label="{{7*7}}", type="Person", mentions=2, aliases=["${alert(1)}"])
    g.add_node("__proto__", label="constructor", type="__proto__", aliases=["toString"], mentions=1)
    things = {"Organization": "${alert(1)}", "Model": "</script><script>alert(3)</script>",
              "Work": '<a href="javascript:alert(4)">click</a>', "Concept": "<!--KG:JS--> /*KG:DATA*/"}
    for t, label in things.items():
        g.add_node(B + t.lower() + "/" + label, label=label, type=t, mentions=1, wikidata="javascript:alert(5)")
    urls = ["javascript:alert(8)", "  JaVaScRiPt:alert(9)", "data:text/html,<script>alert(10)</script>",
            "vbscript:msgbox(1)", "https://example.org/?q=<script>alert(11)</script>"]
    g.add_edge(ep, show, key="part_of", relation="part_of", weight=1)
    g.add_edge(ep, people[0], key="hosted_by", relation="hosted_by", weight=1)
    g.add_edge(ep, people[1], key="features", relation="features", weight=1)
    for i, target in enumerate(sorted(n for n in g if "/episode/" not in n and "/show/" not in n)):
        ev = [Evidence("<b>f</b>.md", ep, "<b onmouseover=alert(7)>x</b>", 12.0 * i, urls[i % len(urls)],
                       "<img src=x onerror=alert(6)> {{7*7}} ${alert(1)}", "ner")]
        g.add_edge(ep, target, key="mentions", relation="mentions", weight=i + 1, evidence=ev, evidence_count=1)
        g.add_edge(people[0], target, key="discusses", relation="discusses", weight=1, evidence=ev) \
            if target != people[0] else None
    return g


HOSTILE_NOTE = """---
title: "<script>alert('title')</script> \\"><svg onload=alert(1)>"
show: "<img src=x onerror=alert('show')>"
guests: ["<img src=x onerror=alert(1)>", "{{7*7}} ${alert(1)}"]
host: "javascript:alert(1)"
source: "javascript:alert(1)"
date: 2025-01-01
topics: ["<b onmouseover=alert(1)>hover</b>", "{{7*7}}"]
---
<img src=x onerror=alert(1)>: We use OpenAI models and {{7*7}} every day at OpenAI.
javascript:alert(1): Anthropic and ${alert(1)} talk about OpenAI. <script>alert(2)</script>
"""


def hostile_page(source: str, tmp_path: Path) -> Path:
    if source == "graph":
        write_html(hostile_graph(), tmp_path / "graph.html", title="<script>alert('title')</script>")
        return tmp_path / "graph.html"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "<script>alert(1)<script>.md").write_text(HOSTILE_NOTE, encoding="utf-8")
    (corpus / "ep2.md").write_text(HOSTILE_NOTE.replace("2025-01-01", "2025-01-02"), encoding="utf-8")
    kg.build([str(corpus)], out=str(tmp_path / "out"))
    return tmp_path / "out" / "graph.html"


@pytest.mark.parametrize("source", ["graph", "corpus"])
def test_hostile_inputs_stay_inert(browser, tmp_path, source):
    s = Session(browser, hostile_page(source, tmp_path), init_script=WATCH)
    try:
        scripts = s.js("() => document.scripts.length")
        s.js("() => { window.__kgArmed = true; }")
        points = node_points(s)
        assert len(points) >= 3
        for node, x, y in points:
            s.page.mouse.move(x, y)
            s.page.wait_for_timeout(200)
            s.page.mouse.click(x, y)
            s.js("(id) => kgView.select(id)", node)
            links = s.js("() => Array.from(document.querySelectorAll('a')).map(a => a.protocol)")
            assert set(links) <= {"http:", "https:"}
            for i in range(min(s.page.locator("#kg-details button.kg-link").count(), 6)):
                s.js("(id) => kgView.select(id)", node)
                s.page.locator("#kg-details button.kg-link").nth(i).click()
        for text in ["<img src=x onerror=alert(1)>", "{{7*7}}", "${alert(1)}", "javascript:alert(1)"]:
            s.page.fill("#kg-search", text)
            s.page.press("#kg-search", "Enter")
        mode(s, "matrix")
        cells = s.page.locator("#kg-matrix tbody td[data-kg-edge]")
        for i in range(min(cells.count(), 4)):
            cells.nth(i).click()
        if source == "graph":
            assert cells.count() >= 4 and "<img src=x onerror=alert(1)>" in s.page.inner_text("#kg-matrix tbody")
        if source == "graph":
            s.js("(id) => kgView.select(id)", B + "person/<img src=x onerror=alert(1)>")
            assert s.page.inner_text("#kg-details h2.kg-label") == "<img src=x onerror=alert(1)>"
            assert "<img src=x onerror=alert(6)> {{7*7}} ${alert(1)}" in s.page.inner_text("#kg-details")
            s.js("(id) => kgView.select(id)", B + "episode/x")
            # a URL that is not http(s) never reaches the page: no link, no text
            assert s.page.locator("#kg-details .kg-nolink", has_text="javascript:alert(1)").count() == 0
            assert set(s.js("() => Array.from(document.querySelectorAll('#kg-details a')).map(a => a.protocol)")
                       ) <= {"http:", "https:"}
            assert s.page.title() == "<script>alert('title')</script>"
        s.page.wait_for_timeout(300)
        assert s.js("() => window.__kgBad") == []
        assert s.js("() => document.scripts.length") == scripts == 3
        assert s.js("""() => Array.from(document.querySelectorAll('*'))
            .filter(e => e.getAttributeNames().some(n => /^on/i.test(n))).length""") == 0
        s.assert_clean()
    finally:
        s.close()


def test_two_thousand_nodes_ready_and_responsive_within_3s(browser, tmp_path, record_property):
    g = big_graph()
    assert g.number_of_nodes() >= 2000
    stats = write_html(g, tmp_path / "all.html", max_nodes=5000)
    s = Session(browser, tmp_path / "all.html")
    try:
        ready_ms = s.js("() => kgView.readyMs")
        full_ms = s.js("() => { const t = performance.now(); kgView.setMode('full'); return performance.now() - t; }")
        assert s.js("() => kgView.nodes.length") == g.number_of_nodes()
        assert_label_rule(s)
        respond_ms = s.js("""() => { const t = performance.now(); const hits = kgView.search('Concept 9');
            kgView.focus(hits[0], 1); kgView.setMode('full'); kgView.network.redraw();
            return Math.round(performance.now() - t); }""")
        episode = B + "episode/e0001"
        x, y = s.js("""(id) => { const n = kgView.network; n.focus(id, {scale: 2, animation: false}); n.redraw();
            const r = n.body.container.getBoundingClientRect(), p = n.canvasToDOM(n.getPositions([id])[id]);
            return [r.left + p.x, r.top + p.y]; }""", episode)
        start = time.perf_counter()
        s.page.mouse.click(x, y)
        s.page.wait_for_selector("#kg-details h2.kg-label:text-is('Episode 1')", timeout=3000)
        click_ms = round((time.perf_counter() - start) * 1000)
        measured = f"{stats.nodes_shown} nodes/{stats.edges_shown} edges: ready {ready_ms} ms after navigation " \
                   f"(wall {s.wall:.2f} s), all {g.number_of_nodes()} drawn in {full_ms:.0f} ms, " \
                   f"search+focus+redraw {respond_ms} ms, click->details {click_ms} ms"
        print(measured)
        record_property("view_ready", measured)
        assert ready_ms < 3000 and s.wall < 3.0 and full_ms < 3000
        assert respond_ms < 3000 and click_ms < 1000          # respond: search, focus, then all 2,400 drawn again
        s.assert_clean()
    finally:
        s.close()
    stats = write_html(g, tmp_path / "budget.html")
    s = Session(browser, tmp_path / "budget.html")
    try:
        assert s.js("() => kgView.data.pictures.full.nodes.length") == 1500
        assert s.page.inner_text("#kg-note").startswith(
            f"Episodes and what they mention: {stats.nodes_shown} of {g.number_of_nodes():,} entities shown")
        mode(s, "full")
        assert s.js("() => kgView.nodes.length") == 1500
        assert s.js("() => kgView.readyMs") < 3000
        s.assert_clean()
    finally:
        s.close()


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory, seeds_dir):
    out = tmp_path_factory.mktemp("seeds")
    kg.build([str(seeds_dir)], out=str(out), progress=False)
    assert (out / "graph.html").exists(), "kg build must write OUT/graph.html"
    return out / "graph.html"


def test_seeds_page_offline_search_and_filters(browser, seeds_page):
    s = Session(browser, seeds_page)
    try:
        s.page.fill("#kg-search", "OpenAI")
        s.page.press("#kg-search", "Enter")
        assert s.page.inner_text("#kg-details h2.kg-label") == "OpenAI"
        assert s.page.locator("#kg-details blockquote.kg-quote").count() >= 1
        mode(s, "full")
        everything = visible(s)
        for box in s.page.locator("input[data-kg-type]").all():
            kind = box.get_attribute("data-kg-type")
            box.uncheck()
            kinds = s.js("() => kgView.nodes.get({filter: n => !n.hidden}).map(n => kgView.typeOf(n.id))")
            assert kind not in kinds and set(visible(s)) < set(everything)
            box.check()
            assert visible(s) == everything
        s.assert_clean()
    finally:
        s.close()


def screenshot(html: str, png: str, select: str = "Priya Raman") -> None:
    """Save the README's three screenshots: the default view (`png`), a selection (`-select`), the matrix
    (`-matrix`), at 1280x800."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = b.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        page.goto(Path(html).resolve().as_uri())
        page.wait_for_selector(READY, state="attached")
        Path(png).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=png)
        page.fill("#kg-search", select)
        page.press("#kg-search", "Enter")
        page.evaluate("() => { kgView.setMode('people'); kgView.select(kgView.find(arguments[0])[0]); }"
                      .replace("arguments[0]", repr(select)))
        page.mouse.move(0, 0)
        page.wait_for_timeout(200)
        page.screenshot(path=png.replace(".png", "-select.png"))
        page.click("#kg-modes [data-kg-mode=matrix]")
        page.locator("#kg-matrix tbody td[data-kg-edge]").first.click()
        page.wait_for_timeout(200)
        page.screenshot(path=png.replace(".png", "-matrix.png"))
        b.close()


if __name__ == "__main__":
    screenshot(sys.argv[1], sys.argv[2])
