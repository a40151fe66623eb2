"""The HTML view at archive size: page weight, ready time, click -> details, the label rule.

    python bench/view.py /tmp/builds/lenny2 --out /tmp/view-out/lenny.html

Loads the build (`kg.load`), writes its page with `kg.view.write_html` to --out (never into the
build), opens it in Debian's headless Chromium at 1280x800, device pixel ratio 1, --runs times in
a fresh context, and prints JSON: the file's size, the page's own `kgView.readyMs` (navigation
start to the `kg:ready` event, after layout and data), the wall time to that event, three clicks
on drawn nodes (pointerdown -> details panel filled, measured in the page), and how many drawn
labels are under 12 CSS px or overlap (both must be 0).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.view import write_html  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
CLICK = """() => { document.addEventListener('pointerdown', () => { window.__c = performance.now(); window.__s = null; },
    true); new MutationObserver(() => { if (window.__c && !window.__s) window.__s = performance.now() - window.__c; })
    .observe(document.getElementById('kg-details'), {childList: true}); }"""
POINT = """(id) => { const n = kgView.network, r = n.body.container.getBoundingClientRect(),
    p = n.canvasToDOM(n.getPositions([id])[id]); return [r.left + p.x, r.top + p.y]; }"""


def overlaps(boxes: list[dict]) -> int:
    return sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"]
               and b["y"] < a["y"] + a["h"])


def measure(page_path: Path, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            ctx = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
            page = ctx.new_page()
            start = time.perf_counter()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_selector("html[data-kg-ready=true]", state="attached", timeout=30000)
            wall = time.perf_counter() - start
            boxes = page.evaluate("kgLabelBoxes()")
            page.evaluate(CLICK)
            clicks = []
            for k in range(3):
                page.mouse.click(*page.evaluate(POINT, boxes[k * 5]["id"]))
                page.wait_for_function("() => window.__s")
                clicks.append(round(page.evaluate("window.__s")))
                page.evaluate("kgView.clearSelection()")
            out.append({"ready_ms": page.evaluate("kgView.readyMs"), "wall_s": round(wall, 2), "click_ms": clicks,
                        "labels": len(boxes), "labels_under_12px": sum(b["h"] < 12 or b["font"] < 12 for b in boxes),
                        "label_overlaps": overlaps(boxes), "note": page.inner_text("#kg-note")})
            ctx.close()
        browser.close()
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", help="A build folder or graph.ttl.")
    parser.add_argument("--out", required=True, help="Where to write the page.")
    parser.add_argument("--runs", type=int, default=3)
    a = parser.parse_args(argv)
    t = time.perf_counter()
    g = kg.load(a.build)
    loaded = time.perf_counter() - t
    stats = write_html(g.graph, a.out, title="kg: archive")
    rendered = time.perf_counter() - t - loaded
    report = {"entities": g.graph.number_of_nodes(), "edges": g.graph.number_of_edges(),
              "load_s": round(loaded, 1), "render_s": round(rendered, 1), "shown": stats.nodes_shown,
              "file_mb": round(Path(a.out).stat().st_size / 1e6, 2), "runs": measure(Path(a.out), a.runs)}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
