"""Render a note `kg vault` wrote to HTML, roughly as Obsidian shows it, and screenshot it for the
docs (docs/img/vault-note.png). Needs the docs extra (`pip install -e '.[docs]'`: markdown-it-py)
and, for the PNG, the headless Chromium at /usr/bin/chromium.

    python docs/render_note.py --note "Tomasz Wierzbicki" --png docs/img/vault-note.png

Without --build it builds our own example corpus (examples/corpus) into a temporary folder and
writes its vault there; nothing but the HTML and PNG asked for is kept.
"""
from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--hide-scrollbars"]
_WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
STYLE = """body{font:15px/1.55 -apple-system,'Segoe UI',Inter,sans-serif;background:#1e1e1e;color:#dadada;margin:0}
main{max-width:820px;margin:0 auto;padding:28px 36px}h1{font-size:26px;margin:0 0 14px}
h2{font-size:19px;margin:22px 0 6px;color:#e6e6e6}h3{font-size:16px;margin:14px 0 4px}
a.internal{color:#a88bfa;text-decoration:none}a{color:#7aa2f7}ul{margin:4px 0;padding-left:22px}
table.props{border-collapse:collapse;margin-bottom:18px;font-size:13.5px;width:100%}
table.props td{padding:3px 8px;border-bottom:1px solid #333;vertical-align:top}
table.props td.k{color:#999;width:140px}.pill{background:#333;border-radius:10px;padding:1px 8px;margin-right:4px}"""


def note_html(note: str, title: str) -> str:
    """An HTML page for a vault note: its properties as a table, its body rendered with wikilinks
    as links and Obsidian comments (`%% ... %%`) hidden."""
    from markdown_it import MarkdownIt

    front, body = {}, note
    if note.startswith("---\n"):
        head, body = note[4:].split("\n---\n", 1)
        front = yaml.safe_load(head) or {}
    rows = []
    for key, value in front.items():
        if key.startswith("kg_") and key not in ("kg_id",):
            continue
        values = value if isinstance(value, list) else [value]
        cells = " ".join(f'<span class="pill">{_links(html.escape(str(v)))}</span>' for v in values)
        rows.append(f'<tr><td class="k">{html.escape(key)}</td><td>{cells}</td></tr>')
    body = re.sub(r"^%%.*%%[ \t]*$\n?", "", body, flags=re.M)
    rendered = _links(MarkdownIt("commonmark").render(body))
    return (f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title><style>{STYLE}</style>"
            f"<main><h1>{html.escape(title)}</h1><table class=props>{''.join(rows)}</table>{rendered}</main>")


def _links(text: str) -> str:
    return _WIKILINK.sub(lambda m: f'<a class="internal" href="{m.group(1)}.md">{m.group(2) or m.group(1)}</a>',
                         text)


def main(argv: list[str] | None = None) -> int:
    import kg

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="a kg build folder (default: build examples/corpus)")
    parser.add_argument("--note", default="Tomasz Wierzbicki", help="the note's file name, without .md")
    parser.add_argument("--html", type=Path, help="also keep the HTML here")
    parser.add_argument("--png", type=Path, help="screenshot to write (needs /usr/bin/chromium)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        build = args.build or Path(tmp) / "out"
        if args.build is None:
            kg.build([ROOT / "examples" / "corpus"], out=build, progress=False)
        folder = Path(tmp) / "vault" / "kg"
        kg.write_vault(kg.load(build), folder)
        page = note_html((folder / f"{args.note}.md").read_text(encoding="utf-8"), args.note)
        out = args.html or Path(tmp) / "note.html"
        out.write_text(page, encoding="utf-8")
        if args.png:
            subprocess.run([*CHROMIUM, f"--screenshot={args.png.resolve()}", "--window-size=900,1250",
                            out.resolve().as_uri()], check=True, capture_output=True, timeout=120)
            print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
