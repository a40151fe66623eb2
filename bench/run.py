"""The build benchmark: throughput against raw spaCy, cold vs warm rebuild, stage times,
peak memory at 1x and Nx corpus size, Turtle export against pyoxigraph. Writes BENCHMARKS.md.

    python bench/run.py                     # 10 copies, best of 2, writes BENCHMARKS.md
    python bench/run.py --copies 2 --repeat 1 --sources examples --out /tmp/B.md --json /tmp/b.json

The corpus is N copies of examples/corpus and the seeds (../shared/seeds, read at run
time, never copied into the repo), each copy in its own folder of a temporary
directory, so every file and document id is distinct. Every copy after the first gets
a generated paragraph appended to each .md/.txt file, naming made-up people, labs and
models, so the vocabulary and the graph grow with the corpus as they would with new
episodes.
Every measurement runs in a fresh Python process (bench/measure.py); times are
best-of-`--repeat` with the compared runs interleaved, since the machine may be
shared, and exclude interpreter start-up and imports (the same for both sides).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, run_child

SOURCES = {"examples": ROOT / "examples" / "corpus", "seeds": ROOT.parent / "shared" / "seeds"}
TARGETS = {"throughput": 0.85, "warm": 20.0, "memory": 1.3, "turtle": 3.0}


def make_corpus(dest: Path, copies: int, sources: list[str]) -> Path:
    """`dest/copy000/<source>/...`: N copies of each source folder, names kept (entity notes are named
    by their file), ids distinct through the copy's folder; copies after the first get new names."""
    for i in range(copies):
        for name in sources:
            if not SOURCES[name].is_dir():
                raise SystemExit(f"bench: {SOURCES[name]} not found (the seeds are read from ../shared/seeds)")
            target = dest / f"copy{i:03d}" / name
            shutil.copytree(SOURCES[name], target)
            if i:
                for k, file in enumerate(sorted(target.rglob("*"))):
                    if file.suffix in (".md", ".txt") and file.read_bytes()[:2] not in (b"\xff\xfe", b"\xfe\xff"):
                        with file.open("ab") as f:
                            f.write(("\n\n" + new_names_paragraph(random.Random(i * 10_000 + k)) + "\n").encode())
    return dest


_SYLLABLES = ["ka", "ro", "vin", "ta", "le", "shu", "mor", "qui", "zen", "bra", "dul", "fen", "gor", "hal", "ixi",
              "jor", "lum", "nar", "osk", "pel", "rin", "sav", "tor", "ul", "vex", "wen", "yar", "zol"]


def new_names_paragraph(rng: random.Random) -> str:
    """Four sentences naming made-up people, a lab and a model: new words for the vocabulary and
    new nodes for the graph.

    >>> new_names_paragraph(random.Random(1)) == new_names_paragraph(random.Random(1))
    True
    """
    def word(n: int) -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(n)).capitalize()

    people = [f"{word(2)} {word(3)}" for _ in range(3)]
    lab, model = f"{word(3)} Labs", f"{word(2)}-{rng.randint(2, 9)}"
    return (f"Later on, {people[0]} and {people[1]} from {lab} compared notes on the {model} model. "
            f"{people[2]} said that {model} was trained by {lab} on far more data. "
            f"According to {people[0]}, {lab} will publish the results next spring. "
            f"{people[1]} disagreed with {people[2]} about how to evaluate {model}.")


def machine(workers: int) -> dict:
    import psutil
    import spacy

    from kg.build import _model_version

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    try:
        import distributed
        dask = distributed.__version__
    except ImportError:
        dask = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "workers": workers,
            "ram_gb": round(psutil.virtual_memory().total / 2**30, 1), "load_1min": round(os.getloadavg()[0], 2),
            "python": platform.python_version(), "spacy": spacy.__version__, "model": _model_version(None),
            "dask": dask, "os": f"{platform.system()} {platform.release()}"}


def measure(args: argparse.Namespace, tmp: Path) -> dict:
    big = make_corpus(tmp / f"corpus-{args.copies}x", args.copies, args.sources)
    small = make_corpus(tmp / "corpus-1x", 1, args.sources)
    # the same corpus with one file changed: a rebuild re-extracts that file only
    changed = tmp / f"corpus-{args.copies}x-changed"
    shutil.copytree(big, changed)
    first = min(p for p in changed.rglob("*.txt") if "examples" in p.parts or "seeds" in p.parts)
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line about Mistral AI.\n", encoding="utf-8")
    runs: dict[str, list[dict]] = {"raw": [], "cold": [], "cold_1x": [], "warm": [], "changed": []}
    for r in range(args.repeat):          # interleaved: a slow spell of the machine hits both sides
        cache = tmp / f"cache-{r}"
        runs["raw"].append(run_child({"kind": "raw", "corpus": str(big), "workers": args.workers}))
        runs["cold"].append(run_child({"kind": "build", "corpus": str(big), "out": str(tmp / "out"),
                                       "cache_dir": str(cache), "workers": args.workers}))
        runs["cold_1x"].append(run_child({"kind": "build", "corpus": str(small), "out": str(tmp / "out-1x"),
                                          "cache_dir": str(tmp / f"cache-1x-{r}"), "workers": args.workers}))
        runs["warm"].append(run_child({"kind": "build", "corpus": str(big), "out": str(tmp / "out-warm"),
                                       "cache_dir": str(cache), "workers": args.workers}))
        runs["changed"].append(run_child({"kind": "build", "corpus": str(changed), "out": str(tmp / "out-changed"),
                                          "cache_dir": str(cache), "workers": args.workers}))
        _log(f"round {r + 1}/{args.repeat}: raw {runs['raw'][-1]['seconds']:.1f}s, cold "
             f"{runs['cold'][-1]['seconds']:.1f}s, warm {runs['warm'][-1]['seconds']:.2f}s")
    runs["export"] = [run_child({"kind": "export", "corpus": str(big), "out": str(tmp / "out-export"),
                                 "cache_dir": str(tmp / "cache-0"), "workers": args.workers,
                                 "repeat": max(5, args.repeat)})]
    return runs


def summarise(runs: dict) -> dict:
    best = {k: min(v, key=lambda x: x["seconds"]) for k, v in runs.items()}
    raw, cold, warm, export, changed = best["raw"], best["cold"], best["warm"], best["export"], best["changed"]
    assert all(x["cache"]["extracted"] == 0 for x in runs["warm"]), "warm builds extracted files"
    assert all(x["cache"]["extracted"] == 1 for x in runs["changed"]), "a one-file change re-extracted more"
    peak_1x = max(x["peak_tree_mb"] for x in runs["cold_1x"])
    peak_nx = max(x["peak_tree_mb"] for x in runs["cold"])
    main_1x = max(x["peak_main_mb"] for x in runs["cold_1x"])
    main_nx = max(x["peak_main_mb"] for x in runs["cold"])
    return {
        "words": cold["words"], "words_1x": runs["cold_1x"][0]["words"], "documents": cold["documents"],
        "raw_s": raw["seconds"], "raw_pipe_s": raw["pipe_s"], "build_s": cold["seconds"],
        "build_words_per_s": round(cold["words"] / cold["seconds"]), "raw_words_per_s": round(raw["words"] / raw["seconds"]),
        "throughput": round(raw["seconds"] / cold["seconds"], 3),
        "throughput_pipe_only": round(raw["pipe_s"] / cold["seconds"], 3),
        "cold_s": cold["seconds"], "warm_s": warm["seconds"], "warm": round(cold["seconds"] / warm["seconds"], 1),
        "cold_process_s": cold["process_s"], "warm_process_s": warm["process_s"],
        "warm_with_startup": round(cold["process_s"] / warm["process_s"], 1),
        "peak_1x_mb": peak_1x, "peak_nx_mb": peak_nx, "memory": round(peak_nx / peak_1x, 3),
        "main_1x_mb": main_1x, "main_nx_mb": main_nx, "memory_main": round(main_nx / main_1x, 3),
        "worker_nx_mb": max(x["peak_worker_mb"] for x in runs["cold"]),
        "turtle_s": export["seconds"], "pyoxigraph_s": export["pyoxigraph_s"], "triples": export["triples"],
        "turtle": round(export["seconds"] / export["pyoxigraph_s"], 2),
        "stages_cold": cold["timings"], "stages_warm": warm["timings"], "stages_changed": changed["timings"],
        "changed_s": changed["seconds"], "changed": round(cold["seconds"] / changed["seconds"], 1),
        "entities_1x": runs["cold_1x"][0]["entities"], "entities_nx": cold["entities"],
    }


def passed(s: dict) -> dict[str, bool]:
    return {"throughput": s["throughput"] >= TARGETS["throughput"], "warm": s["warm"] >= TARGETS["warm"],
            "memory": s["memory"] <= TARGETS["memory"], "turtle": s["turtle"] <= TARGETS["turtle"]}


def _row(*cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def markdown(s: dict, info: dict, args: argparse.Namespace, command: str) -> str:
    ok = {k: "pass" if v else "**FAIL**" for k, v in passed(s).items()}
    n, t = args.copies, TARGETS
    stages = list(dict.fromkeys([*s["stages_cold"], *s["stages_changed"], *s["stages_warm"]]))
    corpus = (f"{info['date']}; corpus: {n} copies of {' + '.join(args.sources)} = {s['documents']} documents, "
              f"{s['words']:,} words (1x: {s['words_1x']:,}); best of {args.repeat} interleaved runs, "
              "each in a fresh process.")
    raw = f"full build vs raw `nlp.pipe` (senter + ner, same model, {args.workers} processes, batch {info['batch_size']})"
    lines = [
        "# Benchmarks", "",
        "Written by `bench/run.py` (its docstring has the method); rerun it after a change that may affect",
        "speed or memory, and commit the new file.", "",
        "```", command, "```", "", corpus, "",
        _row("machine", ""), _row("---", "---"), *(_row(k, v) for k, v in info["machine"].items()), "",
        _row("what", "measured", "ratio", "target", "result"), _row(*["---"] * 5),
        _row(raw, f"{s['build_words_per_s']:,} vs {s['raw_words_per_s']:,} words/s ({s['build_s']:.1f} s vs "
             f"{s['raw_s']:.1f} s)", f"{s['throughput']:.2f}x", f">= {t['throughput']}x", ok["throughput"]),
        _row(f"warm rebuild (no change) vs cold build, {n}x", f"{s['warm_s']:.2f} s vs {s['cold_s']:.1f} s",
             f"{s['warm']:.1f}x faster", f">= {t['warm']:g}x", ok["warm"]),
        _row(f"peak memory (build process + workers), {n}x vs 1x",
             f"{s['peak_nx_mb']:.0f} MB vs {s['peak_1x_mb']:.0f} MB", f"{s['memory']:.2f}x", f"<= {t['memory']}x",
             ok["memory"]),
        _row(f"Turtle export, `kg.rdf.write` vs `pyoxigraph.serialize` ({s['triples']:,} triples)",
             f"{s['turtle_s'] * 1000:.0f} ms vs {s['pyoxigraph_s'] * 1000:.0f} ms", f"{s['turtle']:.2f}x",
             f"<= {t['turtle']:g}x", ok["turtle"]), "",
        "Also measured:", "",
        (f"- the raw reference without its model load: {s['raw_pipe_s']:.1f} s; the build is "
         f"{s['throughput_pipe_only']:.2f}x of that;"),
        (f"- with Python start-up and imports on both sides: cold {s['cold_process_s']:.1f} s, warm "
         f"{s['warm_process_s']:.1f} s ({s['warm_with_startup']:.1f}x);"),
        (f"- a rebuild after one file changed (no whole-build reuse; that file re-extracted, every other file's "
         f"extraction and reading from the per-file caches): {s['changed_s']:.2f} s, {s['changed']:.1f}x faster "
         "than cold;"),
        (f"- the main process alone: {s['main_nx_mb']:.0f} MB at {n}x vs {s['main_1x_mb']:.0f} MB at 1x "
         f"({s['memory_main']:.2f}x); the largest worker: {s['worker_nx_mb']:.0f} MB."), "",
        _row("stage (s)", f"cold {n}x", f"one file changed {n}x", f"warm {n}x"), _row("---", "---", "---", "---"),
        *(_row(k, f"{s['stages_cold'].get(k, 0):.2f}", f"{s['stages_changed'].get(k, 0):.2f}",
               f"{s['stages_warm'].get(k, 0):.2f}") for k in stages),
        _row("total", f"{s['cold_s']:.2f}", f"{s['changed_s']:.2f}", f"{s['warm_s']:.2f}"), "",
        "A warm rebuild with no change reuses the last identical build's outputs (kg/memo.py: keyed by every",
        "input file's bytes, the settings and kg's code), after hashing the corpus.", "",
        "Times are wall-clock seconds of the `kg.build()` call (or of model load + `nlp.pipe` for the",
        "reference), after imports. Peak memory is the largest summed RSS of the build process and its",
        "worker processes, sampled every 20 ms. Copies share episode titles; the generated paragraphs give",
        f"each copy new people, labs and models: the graph has {s['entities_nx']:,} entities at {n}x and "
        f"{s['entities_1x']:,} at 1x.", "",
    ]
    return "\n".join(lines)


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="Corpus copies for the large runs (default 10).")
    parser.add_argument("--repeat", type=int, default=2, help="Runs of each measurement; the best counts.")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="Processes (default: cores).")
    parser.add_argument("--sources", nargs="+", default=["examples", "seeds"], choices=sorted(SOURCES))
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"), help="Report file (default BENCHMARKS.md).")
    parser.add_argument("--json", help="Also write every measurement as JSON here.")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from kg.extract import BATCH_SIZE

    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        runs = measure(args, Path(tmp))
    summary = summarise(runs)
    info = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(args.workers),
            "batch_size": BATCH_SIZE, "bench_s": round(time.perf_counter() - started, 1)}
    Path(args.out).write_text(markdown(summary, info, args, command.strip()), encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "passed": passed(summary), "info": info,
                                               "runs": runs}, indent=2))
    _log(f"wrote {args.out} in {info['bench_s']:.0f} s: " + ", ".join(
        f"{k} {summary[k]}x {'ok' if v else 'FAIL'}" for k, v in passed(summary).items()))
    return summary


if __name__ == "__main__":
    main()
