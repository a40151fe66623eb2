"""Text a user reads in the terminal: build summary, neighbour tables, stats,
SPARQL results. Pure functions returning strings.

>>> table([["a", 1], ["bb", 22]], ["name", "n"])
'name  n\\n----  --\\na     1\\nbb    22'
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .escape import visible
from .model import Entity, Neighbor


def table(rows: list[list], header: list[str]) -> str:
    """A plain aligned table; control and bidi characters in a cell are shown as \\uXXXX escapes (so
    they neither reach the terminal nor break the columns).

    >>> print(table([["a\\x1b[2Jb\\nc"]], ["x"]))
    x
    ------------------
    a\\u001b[2Jb\\u000ac
    """
    cells = [[visible(str(c)) for c in header]] + [[visible("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def build_summary(result) -> str:
    counts = result.report["counts"]
    by_type = ", ".join(f"{n} {t}" for t, n in counts["entities"].items())
    lines = [f"read {result.report['files']} files: {result.documents} documents "
             f"({result.report['episodes']} episodes), {len(result.skipped)} skipped, "
             f"{len(result.warnings)} with warnings",
             f"graph: {result.entities} entities ({by_type}), {result.edges} edges",
             f"cache: {result.run['cache']['extracted']} file(s) extracted, {result.run['cache']['cached']} from cache",
             "time: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items() if v >= 0.005),
             f"wrote {result.out / 'graph.ttl'}, {result.out / 'graph.html'}, {result.out / 'report.json'}"]
    for p in result.skipped[:20]:
        lines.append(f"skipped {p.file}: {p.reason}")
    if len(result.skipped) > 20:
        lines.append(f"... and {len(result.skipped) - 20} more skipped files (see report.json)")
    for p in result.warnings[:10]:
        lines.append(f"warning {p.file}: {p.reason}")
    if len(result.warnings) > 10:
        lines.append(f"... and {len(result.warnings) - 10} more warnings (see report.json)")
    return "\n".join(lines)


def _when(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def neighbor_table(entity: Entity | None, found: list[Neighbor]) -> str:
    head = f"{entity.label} ({entity.type})" if entity else ""
    if not found:
        return f"{head}: no neighbours match"
    rows = []
    for n in found:
        ev = n.evidence[0] if n.evidence else None
        quote = ""
        if ev is not None and ev.quote:
            quote = (f"[{_when(ev.seconds)}] " if ev.seconds is not None else "") + (
                f"{ev.speaker}: " if ev.speaker else "") + ev.quote
            quote = quote if len(quote) <= 70 else quote[:69] + "…"
        label = n.entity.label if len(n.entity.label) <= 40 else n.entity.label[:39] + "…"
        rows.append([label, n.entity.type, n.relation + ("" if n.direction != "in" else " (in)"), f"{n.weight:g}", quote])
    return head + "\n" + table(rows, ["entity", "type", "relation", "weight", "evidence"])


def stats_text(g, top: int = 10) -> str:
    graph = g.to_networkx(evidence=False)          # counts only: the quotes are not read
    types = Counter(d.get("type") for _, d in graph.nodes(data=True))
    relations = Counter(k for _, _, k in graph.edges(keys=True))
    lines = [f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} edges", "",
             table(sorted([[t, n] for t, n in types.items()]), ["type", "count"]), "",
             table(sorted([[r, n] for r, n in relations.items()]), ["relation", "count"]), ""]
    ranked = sorted((n for n, d in graph.nodes(data=True) if d.get("type") != "Episode"),
                    key=lambda n: (-graph.nodes[n].get("mentions", 0), graph.nodes[n].get("label", "")))[:top]
    lines.append(table([[graph.nodes[n]["label"], graph.nodes[n]["type"], graph.nodes[n].get("mentions", 0),
                         len({s for s in graph.nodes[n].get("sources", ())})] for n in ranked],
                       ["top entity", "type", "mentions", "files"]))
    report = _report_next_to(g.source)
    if report is not None:
        lines += ["", f"files read: {report.get('files', 0)}, documents: {report.get('documents', 0)}, "
                      f"skipped: {len(report.get('skipped', []))}, warnings: {len(report.get('warnings', []))}"]
        lines += [f"  skipped {p['file']}: {p['reason']}" for p in report.get("skipped", [])]
    return "\n".join(lines)


def _report_next_to(source: Path | None) -> dict | None:
    if source is None:
        return None
    path = Path(source).parent / "report.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def sparql_result(result, as_json: bool) -> str:
    """Solutions as a table (or SPARQL JSON), a boolean, or triples as N-Triples lines."""
    import pyoxigraph as ox

    if isinstance(result, bool):
        return json.dumps({"boolean": result}) if as_json else str(result).lower()
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [[_term(sol[name]) for name in names] for sol in result]
        if as_json:
            return json.dumps({"head": {"vars": names}, "results": {"bindings": [
                {n: v for n, v in zip(names, row) if v is not None} for row in rows]}}, indent=2, ensure_ascii=False)
        return table(rows, names) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"
    return "\n".join(str(t) + " ." for t in result)


def _term(term) -> str | None:
    return None if term is None else term.value


def review_text(r) -> str:
    """A `kg.review.Review` as three tables, each line ending with the corrections-file line that fixes it."""
    def cut(text: str, n: int) -> str:
        return text if len(text) <= n else text[:n - 1] + "…"

    def duplicate(d):
        e = d["evidence"]
        return [" ~ ".join(d["names"]), " / ".join(d["types"]), f"{e['match']}; in common: {e['shared_files']} "
                f"file(s), {e['shared_episodes']} episode(s); mentions {e['mentions'][0]} + {e['mentions'][1]}"]

    def kept(d):
        said = f"{d['reason']}; {d['mentions']} mention(s) in {d['files']} file(s)"
        return [d["names"][0], d["type"], said + (f": “{d['quote']}”" if d.get("quote") else "")]

    sections = [("possible duplicates", r.duplicates, "duplicates", duplicate, "types"),
                ("doubtful types", r.types, "types", lambda d: [d["names"][0], d["type"], d["evidence"]], "type"),
                ("names kept out", r.kept_out, "kept_out", kept, "type")]
    out = []
    for title, items, name, row, kind in sections:
        shown = f" (the first {len(items)})" if len(items) < r.totals.get(name, 0) else ""
        out.append(f"{title}: {r.totals.get(name, len(items)) or 'none'}{shown}")
        if items:
            out.append(table([[f"{d['score']:.2f}", cut(a, 50), b, cut(c, 90), d["fix"]]
                              for d in items for a, b, c in [row(d)]], ["score", "name", kind, "evidence", "fix"]))
        out.append("")
    return "\n".join(out).rstrip("\n")
