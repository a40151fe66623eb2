"""Sampled precision: draw entities for a person to label, then score the labels.

`draw` takes a reproducible, type-stratified random sample of a build's entities (not
episodes) with their evidence; `write_sample` puts it in a TSV a person fills in; the
`verdict` column takes one of VERDICTS, `detail` says which type, which duplicate, which
alias. `score_labels` gives precision overall and by type with 95% Wilson intervals, and
the yield: correct entities per 10,000 words of the build (so a change that buys
precision by dropping the long tail shows up).

>>> [round(x, 3) for x in wilson(45, 50)]
[0.786, 0.957]
"""
from __future__ import annotations

import csv
import io
import json
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .query import KnowledgeGraph

VERDICTS = ("ok", "wrong-type", "junk", "duplicate", "bad-alias")
COLUMNS = ("id", "type", "label", "aliases", "mentions", "episodes", "evidence", "verdict", "detail")
HINT = ("a labels file is the TSV 'kg eval --sample' writes, with a verdict per row: "
        + ", ".join(VERDICTS) + " (or empty: not labelled)")
Z = 1.96
_QUOTE = 220


@dataclass
class Row:
    id: str
    type: str
    label: str
    aliases: str = ""
    mentions: int = 0
    episodes: int = 0
    evidence: str = ""
    verdict: str = ""
    detail: str = ""


def wilson(hits: int, n: int, z: float = Z) -> tuple[float, float]:
    """95% Wilson score interval of a proportion."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def draw(g: KnowledgeGraph, n: int, *, seed: int = 0) -> tuple[list[Row], Counter]:
    """`n` entities spread evenly over the types (a type with fewer gives all it has, the rest go to
    the others), each type's share drawn at random with `seed`; and the number of entities per type."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for node, d in sorted(g.graph.nodes(data=True)):
        if d.get("type") not in (None, "Episode") and not d.get("stub"):
            by_type[d["type"]].append(node)
    population = Counter({t: len(v) for t, v in by_type.items()})
    quota = _allocate(n, population)
    rng = random.Random(seed)
    rows = []
    for t in sorted(by_type):
        for node in sorted(rng.sample(by_type[t], quota[t])):
            rows.append(_row(g, node))
    return rows, population


def _allocate(n: int, population: Counter) -> dict[str, int]:
    quota = {t: 0 for t in population}
    left = min(n, sum(population.values()))
    while left:
        open_types = sorted(t for t in population if quota[t] < population[t])
        share = max(1, left // len(open_types))
        for t in open_types:
            take = min(share, population[t] - quota[t], left)
            quota[t] += take
            left -= take
            if not left:
                break
    return quota


def _row(g: KnowledgeGraph, node: str) -> Row:
    d = g.graph.nodes[node]
    quotes, episodes = [], set()
    for u, v, k, data in sorted(g.graph.edges(node, keys=True, data=True), key=lambda e: (e[2], e[1])) + sorted(
            g.graph.in_edges(node, keys=True, data=True), key=lambda e: (e[2], e[0])):
        for ev in data.get("evidence", ()):
            if ev.episode:
                episodes.add(ev.episode)
            if ev.quote and len(quotes) < 2 and k != "co_occurs_with":
                quote = " ".join(ev.quote.split())
                quote = f"{ev.source}: {quote[:_QUOTE]}{'…' if len(quote) > _QUOTE else ''}"
                if quote not in quotes:
                    quotes.append(quote)
    return Row(node, d["type"], d["label"], " | ".join(d.get("aliases", [])[:6]), int(d.get("mentions", 0)),
               len(episodes), " || ".join(quotes))


def write_sample(rows: list[Row], population: Counter, words: int, path: str | Path, *, source: str,
                 seed: int) -> None:
    """The sample as TSV: `#` lines say where it came from and the population per type."""
    buf = io.StringIO()
    buf.write(f"# kg eval --sample {len(rows)} --seed {seed} of {source}\n")
    buf.write(f"# words\t{words}\n")
    for t, count in sorted(population.items()):
        buf.write(f"# population\t{t}\t{count}\n")
    buf.write("# verdict: " + " | ".join(VERDICTS) + "; detail: the right type, the node it duplicates, "
              "the wrong alias\n")
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([" ".join(str(getattr(r, c)).split()) for c in COLUMNS])
    Path(path).write_text(buf.getvalue(), encoding="utf-8")


def read_labels(path: str | Path) -> tuple[list[Row], Counter, int]:
    """Rows, population per type and word count of a labels file (InputError naming the line). A file
    saved by a spreadsheet (BOM, CRLF, quoted cells, a notes column) reads the same."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"not UTF-8 text (byte {err.start})", hint="save it as UTF-8 " + HINT) from None
    population, words, rows, header = Counter(), 0, [], None
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    line = 0
    for cells in reader:
        n, line = line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if cells[0].startswith("#"):
            words = _comment(cells, population, words, str(path), n)
            continue
        if header is None:
            header = [c.strip().lower() for c in cells]
            if header[:len(COLUMNS)] != list(COLUMNS):
                raise InputError(str(path), "no header row " + " ".join(COLUMNS), line=n, hint=HINT)
            continue
        if len(cells) < len(COLUMNS):
            raise InputError(str(path), f"{len(cells)} columns, not {len(COLUMNS)}", line=n, hint=HINT)
        row = Row(**dict(zip(COLUMNS, cells)))
        row.verdict = "-".join(row.verdict.lower().split())
        if row.verdict and row.verdict not in VERDICTS:
            raise InputError(str(path), f"unknown verdict {row.verdict!r}", line=n, hint=HINT)
        rows.append(row)
    if header is None:
        raise InputError(str(path), "no header row " + " ".join(COLUMNS), hint=HINT)
    return rows, population, words


def _comment(cells: list[str], population: Counter, words: int, file: str, n: int) -> int:
    """Reads a '# words' or '# population' line into `population`; returns the word count."""
    key = cells[0][1:].strip()
    if key not in ("words", "population"):
        return words
    try:
        if key == "words":
            return int(cells[1])
        population[cells[1]] = int(cells[2])
    except (IndexError, ValueError):
        raise InputError(file, f"bad '# {key}' line", line=n, hint=HINT) from None
    return words


def score_labels(paths: list[str | Path]) -> dict:
    """Precision (sample and population-weighted) overall and by type, with 95% Wilson intervals, the
    verdicts and the yield of correct entities per 10,000 words; several files are pooled (each file's
    types are strata of their own)."""
    strata, words, verdicts, unlabelled = [], 0, Counter(), 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])      # ok, labelled, population
    for path in paths:
        rows, population, n_words = read_labels(path)
        words += n_words
        for t in sorted({r.type for r in rows} | set(population)):
            labelled = [r for r in rows if r.type == t and r.verdict]
            unlabelled += sum(1 for r in rows if r.type == t and not r.verdict)
            ok = sum(r.verdict == "ok" for r in labelled)
            verdicts.update(r.verdict for r in labelled)
            pop = population.get(t, len(labelled))
            strata.append((ok, len(labelled), pop))
            for i, x in enumerate((ok, len(labelled), pop)):
                by_type[t][i] += x
    ok = sum(s[0] for s in strata)
    labelled = sum(s[1] for s in strata)
    uncovered = Counter()
    for t, (_, n, p) in by_type.items():
        if not n and p:
            uncovered[t] = p
    return {"labelled": labelled, "unlabelled": unlabelled, "verdicts": dict(sorted(verdicts.items())),
            "uncovered": dict(sorted(uncovered.items())),
            "sample": _proportion(ok, labelled), "weighted": _weighted(strata),
            "by_type": {t: dict(_proportion(o, n), population=p) for t, (o, n, p) in sorted(by_type.items())},
            "words": words, "correct_per_10k_words": _yield(strata, words)}


def _proportion(hits: int, n: int) -> dict:
    low, high = wilson(hits, n)
    return {"ok": hits, "n": n, "precision": round(hits / n, 4) if n else None, "low": round(low, 4),
            "high": round(high, 4)}


def _weighted(strata: list[tuple[int, int, int]]) -> dict:
    """Population-weighted precision of a stratified sample, over the strata that have labels. Its
    interval is Wilson's on the effective sample size (variance ratio, with each stratum's proportion
    smoothed to (ok+1)/(n+2) so an all-right stratum still has variance), never more than the labels."""
    used = [(o, n, p) for o, n, p in strata if n]
    total = sum(p for _, _, p in used)
    if not total:
        return {"precision": None, "low": 0.0, "high": 1.0, "effective_n": 0}
    est = sum(p / total * o / n for o, n, p in used)
    var = sum((p / total) ** 2 * ((o + 1) / (n + 2)) * (1 - (o + 1) / (n + 2)) / n for o, n, p in used)
    labelled = sum(n for _, n, _ in used)
    smoothed = (est * labelled + 1) / (labelled + 2)
    n_eff = min(labelled, smoothed * (1 - smoothed) / var)
    low, high = wilson(round(est * n_eff), max(1, round(n_eff)))
    return {"precision": round(est, 4), "low": round(low, 4), "high": round(high, 4), "effective_n": round(n_eff)}


def _yield(strata: list[tuple[int, int, int]], words: int) -> float | None:
    """Estimated correct entities per 10,000 words; strata without labels count as none correct."""
    if not words or not any(n for _, n, _ in strata):
        return None
    correct = sum(p * o / n for o, n, p in strata if n)
    return round(correct / words * 10_000, 2)


def format_labels(result: dict) -> str:
    lines = [f"{'type':14} {'population':>10} {'labelled':>8} {'ok':>5} {'precision':>9}  95% interval"]
    rows = [(t, v["population"], v) for t, v in result["by_type"].items()]
    rows.append(("ALL (sample)", sum(v["population"] for v in result["by_type"].values()), result["sample"]))
    for name, pop, v in rows:
        p = "-" if v["precision"] is None else f"{v['precision']:.3f}"
        lines.append(f"{name:14} {pop:>10} {v['n']:>8} {v['ok']:>5} {p:>9}  {v['low']:.3f}-{v['high']:.3f}")
    w = result["weighted"]
    if w["precision"] is not None:
        lines.append(f"weighted by population: {w['precision']:.3f} ({w['low']:.3f}-{w['high']:.3f}, "
                     f"effective n {w['effective_n']})")
    if result["uncovered"]:
        lines.append("types with no label (left out of the weighted figure, counted as none correct in the "
                     "yield): " + ", ".join(f"{t} ({p})" for t, p in result["uncovered"].items()))
    lines.append("verdicts: " + ", ".join(f"{k} {v}" for k, v in result["verdicts"].items()) +
                 (f"; {result['unlabelled']} row(s) not labelled" if result["unlabelled"] else ""))
    if result["correct_per_10k_words"] is not None:
        lines.append(f"yield: {result['correct_per_10k_words']} correct entities per 10,000 words "
                     f"({result['words']} words)")
    return "\n".join(lines)


def build_words(graph_path: str | Path) -> int:
    """Words the build read, from its run.json (0 when the graph was given as a bare .ttl)."""
    try:
        return int(json.loads((Path(graph_path) / "run.json").read_text(encoding="utf-8")).get("words", 0))
    except (OSError, ValueError, AttributeError):
        return 0
