"""Print `kg eval` results as tables a person reads in a terminal.

>>> print(ratio([3, 4]), ratio([3, 4], percent=False), ratio([0, 0]))
3/4 75% 3/4 -
"""
from __future__ import annotations

from .escape import visible

COLUMNS = (("show", "show"), ("hosts", "hosts"), ("guests", "guests"), ("date", "date"), ("url", "url"),
           ("participants", "people"), ("deep_links", "deep links"), ("speakers", "speakers"),
           ("central", "central"), ("central_any_type", "any type"), ("central_known", "known"),
           ("central_other", "other"), ("merges", "merges"),
           ("must_not", "must-not"), ("misheard", "misheard"))


def ratio(pair, percent: bool = True) -> str:
    hit, total = pair
    if not total:
        return "-"
    return f"{hit}/{total} {round(100 * hit / total)}%" if percent else f"{hit}/{total}"


def format_table(result: dict) -> str:
    """The precision table for exhaustive (version 1) gold, the figures table for version 2, the splits,
    and what went wrong per document."""
    docs = result["documents"]
    parts = []
    old = [d for d in docs if d["version"] == 1]
    new = [d for d in docs if d["version"] != 1]
    if old:
        parts.append(_precision_table(old, result["overall"] if not new else None))
    if new:
        parts.append(_figures_table(new, result))
    parts.append(_details(docs))
    if any(d.get("deep_links", {}).get("with_seconds") and not d["deep_links"]["turns_checked"]
           and "deep_links" in d["figures"] for d in docs):
        parts.append("deep links were checked for video and second only: give --corpus FOLDER to check each "
                     "second against its quote's turn")
    if result["unmatched"]:
        parts.append("gold documents that match no episode of the build (not scored): " +
                     ", ".join(visible(f) for f in result["unmatched"]))
    return "\n".join(p for p in parts if p)


def _precision_table(docs: list[dict], overall: dict | None) -> str:
    lines = [f"{'document':40} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'dup':>4} {'junk':>4} "
             f"{'unres':>5}"]
    rows = [(d["file"], (d["precision"], d["recall"], d["f1"]), d["tp"], d["fp"], d["fn"], len(d["duplicates"]), len(d["junk"]),
             len(d["unresolved"])) for d in docs]
    if overall is not None:
        rows.append(("ALL (micro)", (overall["precision"], overall["recall"], overall["f1"]), overall["tp"],
                     overall["fp"], overall["fn"], overall["duplicate_groups"], overall["junk_nodes"],
                     overall["unresolved"]))
    for file, (p, r, f1), tp, fp, fn, dup, junk, unres in rows:
        lines.append(f"{visible(file)[:40]:40} {p:6.3f} {r:6.3f} {f1:6.3f} {tp:4} {fp:4} {fn:4} {dup:4} {junk:4} "
                     f"{unres:5}")
    return "\n".join(lines)


def _figures_table(docs: list[dict], result: dict) -> str:
    head = ["document", "split"] + [title for _, title in COLUMNS]
    rows = [[visible(d["file"])[:34], d["split"]] + [ratio(d["figures"][k], False) if k in d["figures"] else "-"
                                                    for k, _ in COLUMNS] for d in docs]
    rows.append(["-" * 8] + [""] * (len(head) - 1))
    groups = [(f"{gold.removesuffix('.yaml')} {s}", t) for gold, splits in result["by_gold"].items()
              for s, t in splits.items()] if len(result["by_gold"]) > 1 else []
    for name, tot in [*groups, *(("ALL " + s, t) for s, t in result["splits"].items()), ("ALL", result["overall"])]:
        if tot["documents"]:
            rows.append([f"{name} ({tot['documents']})", ""] + [ratio(tot["figures"][k]) for k, _ in COLUMNS])
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in [head, *rows])


def _details(docs: list[dict]) -> str:
    lines = []
    for d in docs:
        said = []
        bad = {k: v for k, v in d.get("episode", {}).items() if not v["ok"]}
        said += [f"{k}: expected {v['expected']!r}, got {v['got']!r}" for k, v in bad.items()]
        if d["version"] != 1:
            said += [f"central missed: {m}" for m in d["missed"]]
        said += [f"wrong type: {m}" for m in d["wrong_type"]]
        said += [f"split over nodes: {' / '.join(s)}" for s in d.get("merges", {}).get("split", [])]
        said += [f"must not appear: {m}" for m in d.get("must_not", [])]
        said += [f"misheard not resolved: {m}" for m in d.get("misheard", [])]
        said += [f"speaker without discusses: {m}" for m in d.get("speakers", {}).get("missing", [])]
        links = d.get("deep_links", {})
        if links.get("wrong"):
            said.append(f"deep links wrong: {links['with_seconds'] - links['right']} of {links['with_seconds']}, "
                        f"e.g. {links['wrong'][0]}")
        if said:
            lines.append(f"{visible(d['file'])}:")
            lines += [f"  {visible(s)}" for s in said]
    return "\n".join(lines)
