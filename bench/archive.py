"""The archive benchmark (issue 18): how a whole archive builds, loads and answers.

    python bench/archive.py --corpus ../shared/corpora/lenny --work /tmp/archive --sample 0.125
    python bench/archive.py --graph /tmp/load-lenny --work /tmp/archive --only load,ask,cli,sparql,push,sizes

Each measurement is written to WORK/results.json as soon as it is done, under its name and
what it measured (`load@/tmp/load-lenny`, `build@0.125`); a re-run skips what is there
(`--redo NAME` measures it again), so a long run may be interrupted and resumed.

  build   a cold build (fresh cache) of the corpus, or of a seeded sample of its files, in a
          fresh process: seconds, words/s, per-stage times, peak memory of all its processes
  raw     the raw `nlp.pipe` reference on the texts kg's readers make of the same files, same process count
  rawfiles  the same on the raw file texts (front matter, speaker labels, time stamps, page furniture
          and sponsor reads included): the reference issue 18 names
  eta     a cold build with its progress bar on: the time left the bar showed at 10%, 25%, 50% and
          75% of extraction against the time extraction really took from there
  dask    cold builds on a local Dask cluster (`--scheduler`) of 1 and of 2 single-threaded worker
          processes: extraction throughput of each, their ratio, outputs against the local build's
  sizes   bytes of each output file
  warm    the same build again, nothing changed (its outputs come from the whole-build memo)
  add     one episode added to the built corpus: the corpus less its last file is built with the
          cold build's cache, that file's cache entries are removed, the file is put back and the
          build timed (per stage); its outputs are compared byte for byte with the cold build's
  load    `kg.load` in a fresh process, then its first `neighbors` (the moment it can answer),
          with the load file and from the Turtle alone (median of 3)
  ask     `find`, `neighbors`, `who_discusses` over 100 random names: median and worst
  cli     wall time of `kg stats`, `kg neighbors`, `kg query` from the shell, Python start-up included
          (`query_first` makes the SPARQL store, in WORK/xdg)
  sparql  every example of docs/sparql.md through `kg query`: wall time and rows
  push    `kg push` into a local Oxigraph server (`oxigraph serve`): seconds and triples stored

The graph measured is --graph, else the build of this run (WORK/out-SAMPLE).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
NAMES = ("build", "raw", "rawfiles", "warm", "add", "eta", "dask", "sizes", "load", "ask", "cli", "sparql", "push")
SPARQL_DOC = re.compile(r"^## (\d+)\. (.+?)\n.*?```sparql\n(.*?)```", re.S | re.M)
LOAD = """
import sys, time
t = time.perf_counter()
import kg
imported = time.perf_counter()
g = kg.load(sys.argv[1])
loaded = time.perf_counter()
g.neighbors(sys.argv[2])
print(loaded - imported, time.perf_counter() - imported, imported - t)
"""


def sample_corpus(corpora: list[Path], fraction: float, work: Path) -> Path:
    """One folder holding a seeded sample of the corpus's files (the whole corpus at 1): the
    corpus itself when it is one folder and the fraction is 1, else a copy in WORK/sample-F (one
    subfolder per corpus when several are given, as `kg build A B` names their files)."""
    if fraction >= 1 and len(corpora) == 1:
        return corpora[0]
    target = work / f"sample-{fraction:g}"
    if target.is_dir():
        return target
    for corpus in corpora:
        files = sorted(p for p in corpus.rglob("*") if p.is_file()
                       and not any(s.startswith(".") for s in p.relative_to(corpus).parts))
        chosen = files if fraction >= 1 else random.Random(18).sample(files, max(1, math.ceil(len(files) * fraction)))
        base = target / corpus.name if len(corpora) > 1 else target
        for f in chosen:
            (base / f.relative_to(corpus)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, base / f.relative_to(corpus))
    return target


def cli(*args: str, env: dict | None = None) -> tuple[float, str]:
    """(wall seconds, stdout) of `python -m kg.cli ARGS` in a fresh process."""
    t = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, **(env or {})}, timeout=3600, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"kg {' '.join(args[:2])} failed: {run.stderr[-2000:]}")
    return round(time.perf_counter() - t, 3), run.stdout


def m_build(a, work: Path) -> dict:
    from measure import run_child

    corpus = sample_corpus(a.corpus, a.sample, work)
    cache = work / f"cache-{a.sample:g}"
    shutil.rmtree(cache, ignore_errors=True)                # cold
    r = run_child({"kind": "build", "corpus": str(corpus), "out": str(work / f"out-{a.sample:g}"),
                   "cache_dir": str(cache), "workers": a.workers})
    r["words_per_s"] = round(r["words"] / r["seconds"])
    return r


def m_raw(a, work: Path, texts: str = "documents") -> dict:
    from measure import run_child

    r = run_child({"kind": "raw", "texts": texts, "corpus": str(sample_corpus(a.corpus, a.sample, work)),
                   "workers": a.workers})
    r["words_per_s"] = round(r["words"] / r["seconds"])       # the readers' words, whichever texts were piped
    return r


def m_rawfiles(a, work: Path) -> dict:
    return m_raw(a, work, texts="files")


def _built(a, work: Path) -> tuple[Path, Path, Path]:
    """(corpus, cold build's output, its cache) of this sample; the `build` measurement makes them."""
    corpus, out, cache = sample_corpus(a.corpus, a.sample, work), work / f"out-{a.sample:g}", work / f"cache-{a.sample:g}"
    if not (out / "graph.ttl").is_file() or not cache.is_dir():
        raise SystemExit(f"measure `build` at --sample {a.sample:g} first (it makes {out} and {cache})")
    return corpus, out, cache


def m_warm(a, work: Path) -> dict:
    from measure import run_child

    corpus, out, cache = _built(a, work)
    r = run_child({"kind": "build", "corpus": str(corpus), "out": str(work / f"warm-{a.sample:g}"),
                   "cache_dir": str(cache), "workers": a.workers})
    return {k: r[k] for k in ("seconds", "process_s", "timings", "peak_tree_mb", "reused", "cache") if k in r}


def m_add(a, work: Path) -> dict:
    from measure import run_child

    corpus, cold, cache = _built(a, work)
    files = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if p.is_file()
                   and not any(s.startswith(".") for s in p.relative_to(corpus).parts))
    held = files[-1]
    target = work / f"add-{a.sample:g}" / corpus.name            # the same folder name: the page's title
    add_cache, add_out = work / f"add-cache-{a.sample:g}", work / f"add-out-{a.sample:g}"
    for folder in (target, add_cache, add_out):
        shutil.rmtree(folder, ignore_errors=True)
    for f in files[:-1]:
        (target / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus / f, target / f)
    shutil.copytree(cache, add_cache, ignore=shutil.ignore_patterns("builds"))   # no whole-build memo of the end state
    spec = {"kind": "build", "corpus": str(target), "out": str(add_out), "cache_dir": str(add_cache),
            "workers": a.workers}
    before = run_child(spec)                                   # the archive as it was before the episode
    name = json.dumps(held.as_posix()).encode()[:-1]           # entries that name the file: its read and extraction
    purged = [p for part in ("read", "extract") for p in (add_cache / part).rglob("*.json") if name in p.read_bytes()]
    for p in purged:
        p.unlink()
    (target / held).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(corpus / held, target / held)
    r = run_child(spec)
    differ = [p.name for p in sorted(cold.iterdir()) if p.is_file() and p.name != "run.json"
              and p.read_bytes() != (add_out / p.name).read_bytes()]
    return {"file": held.as_posix(), "words": len((corpus / held).read_text(encoding="utf-8", errors="replace").split()),
            "cache_entries_removed": len(purged), "before_s": before["seconds"], "seconds": r["seconds"],
            "process_s": r["process_s"], "timings": r["timings"], "cache": r.get("cache"),
            "peak_tree_mb": r.get("peak_tree_mb"), "outputs_differing_from_cold": differ}


ETA_BUILD = """
import sys, time, kg
t = time.perf_counter()
kg.build([sys.argv[1]], out=sys.argv[2], cache_dir=sys.argv[3], workers=int(sys.argv[4]), progress=True)
print(time.perf_counter() - t)
"""
FRAME = re.compile(r"extract:\s+(\d+)%.*?\[(?:(\d+):)?(\d+):(\d+)<(?:(\d+):)?(\d+):(\d+)")


def m_eta(a, work: Path) -> dict:
    corpus = sample_corpus(a.corpus, a.sample, work)
    cache = work / f"eta-cache-{a.sample:g}"
    shutil.rmtree(cache, ignore_errors=True)
    proc = subprocess.run([sys.executable, "-c", ETA_BUILD, str(corpus), str(work / f"eta-out-{a.sample:g}"), str(cache),
                           str(a.workers)], capture_output=True, text=True, cwd=ROOT, timeout=7200, check=True)
    frames = []                                   # (percent, elapsed s, time left s) of each frame drawn
    for m in FRAME.finditer(proc.stderr):
        h1, m1, s1, h2, m2, s2 = (int(x or 0) for x in m.groups()[1:])
        frames.append((int(m.group(1)), h1 * 3600 + m1 * 60 + s1, h2 * 3600 + m2 * 60 + s2))
    run = json.loads((work / f"eta-out-{a.sample:g}" / "run.json").read_text())
    end = run["timings"]["extract"]                          # the bar lives exactly as long as that stage
    out = {"extraction_s": end, "frames": len(frames)}
    for pct in (10, 25, 50, 75):
        f = next((f for f in frames if f[0] >= pct), None)
        if f:
            out[f"at_{pct}%"] = {"elapsed_s": f[1], "shown_left_s": f[2], "real_left_s": round(end - f[1], 1),
                                 "error": round(f[2] / max(end - f[1], 1) - 1, 3)}
    return out


def m_dask(a, work: Path) -> dict:
    from distributed import LocalCluster
    from measure import run_child

    corpus, local, _ = _built(a, work)
    out = {}
    for n in (1, 2):
        cache, target = work / f"dask-cache-{n}-{a.sample:g}", work / f"dask-out-{n}-{a.sample:g}"
        shutil.rmtree(cache, ignore_errors=True)
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            r = run_child({"kind": "build", "corpus": str(corpus), "out": str(target), "cache_dir": str(cache),
                           "workers": a.workers, "scheduler": cluster.scheduler_address})
        out[f"workers_{n}"] = {"seconds": r["seconds"], "extract_s": r["timings"]["extract"],
                               "words_per_s_extract": round(r["words"] / r["timings"]["extract"]),
                               "peak_client_mb": r.get("peak_tree_mb")}
        out[f"workers_{n}"]["outputs_differing_from_local"] = [
            p.name for p in sorted(local.iterdir()) if p.is_file() and p.name != "run.json"
            and p.read_bytes() != (target / p.name).read_bytes()]
    out["speedup"] = round(out["workers_1"]["extract_s"] / out["workers_2"]["extract_s"], 3)
    return out


def m_sizes(a, work: Path) -> dict:
    return {p.name: p.stat().st_size for p in sorted(a.graph.iterdir()) if p.is_file() and not p.name.startswith(".")}


def m_load(a, work: Path) -> dict:
    turtle_only = work / "turtle-only"
    if not (turtle_only / "graph.ttl").is_file():
        turtle_only.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(a.graph / "graph.ttl", turtle_only / "graph.ttl")
    out = {}
    for name, folder in (("load_file", a.graph), ("turtle", turtle_only)):
        runs = []
        for _ in range(3 if name == "load_file" else 1):
            proc = subprocess.run([sys.executable, "-c", LOAD, str(folder), a.name], capture_output=True, text=True,
                                  cwd=ROOT, timeout=600, check=True)
            runs.append([float(x) for x in proc.stdout.split()])
        load, ready, imports = (statistics.median(r[i] for r in runs) for i in range(3))
        out[name] = {"load_s": round(load, 3), "ready_s": round(ready, 3), "import_s": round(imports, 3)}
    return out


def m_ask(a, work: Path) -> dict:
    import kg

    g = kg.load(a.graph)
    g.neighbors(a.name)                                      # the graph is read on the first question
    labels = sorted({e.label for e in g.entities() if e.type != "Episode"})
    names = random.Random(18).sample(labels, min(100, len(labels)))
    out = {}
    for what, ask in (("find", g.find), ("neighbors", g.neighbors), ("who_discusses", g.who_discusses)):
        times = []
        for name in names:
            t = time.perf_counter()
            ask(name)
            times.append(time.perf_counter() - t)
        out[what] = {"median_ms": round(statistics.median(times) * 1000, 2), "worst_ms": round(max(times) * 1000, 2),
                     "worst_name": names[times.index(max(times))]}
    graph = g.to_networkx(evidence=False)
    hub = max(graph.nodes, key=lambda n: (graph.degree(n), n))                # the most connected entity
    times = []
    for _ in range(3):
        t = time.perf_counter()
        found = g.neighbors(hub)
        times.append(round((time.perf_counter() - t) * 1000, 1))
    t = time.perf_counter()
    quotes = sum(len(n.evidence) for n in found[:10])                       # what a user reads next
    out["hub"] = {"name": graph.nodes[hub].get("label"), "neighbours": len(found), "calls_ms": times,
                  "evidence_of_top_10_ms": round((time.perf_counter() - t) * 1000, 1), "quotes": quotes}
    return out


def m_cli(a, work: Path) -> dict:
    env = {"XDG_CACHE_HOME": str(work / "xdg")}
    query = "SELECT ?name WHERE { ?p a kgo:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 5"
    sha256 = hashlib.sha256((a.graph / "graph.ttl").read_bytes()).hexdigest()
    made = any(p.name.startswith(sha256) for p in (work / "xdg" / "kg" / "sparql").glob("*"))
    first = None if made else cli("query", "-g", str(a.graph), query, env=env)[0]      # makes the store
    return {"query_first": first, "query": cli("query", "-g", str(a.graph), query, env=env)[0],
            "neighbors": cli("neighbors", a.name, "-g", str(a.graph), env=env)[0],
            "stats": cli("stats", "-g", str(a.graph), env=env)[0]}


def m_sparql(a, work: Path) -> dict:
    env = {"XDG_CACHE_HOME": str(work / "xdg")}
    out = {}
    for n, title, query in SPARQL_DOC.findall((ROOT / "docs" / "sparql.md").read_text(encoding="utf-8")):
        seconds, text = cli("query", "-g", str(a.graph), "--json", query, env=env)
        answer = json.loads(text)
        out[f"{n}. {title}"] = {"seconds": seconds, "rows": len(answer.get("results", {}).get("bindings", [])) if
                                "results" in answer else answer.get("boolean")}
    return out


def m_push(a, work: Path) -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    location = work / "oxigraph"
    shutil.rmtree(location, ignore_errors=True)
    server = subprocess.Popen([shutil.which("oxigraph") or "oxigraph", "serve", "--location", str(location), "--bind",
                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        seconds, text = cli("push", "-g", str(a.graph), "--endpoint", f"http://127.0.0.1:{port}/store")
        ask = urllib.request.Request(f"http://127.0.0.1:{port}/query?query=" + urllib.request.quote(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), headers={"Accept": "application/sparql-results+json"})
        stored = json.loads(urllib.request.urlopen(ask, timeout=60).read())["results"]["bindings"][0]["n"]["value"]
        return {"seconds": seconds, "said": text.strip(), "triples_stored": int(stored)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, action="append",
                   help="A corpus folder; give it again for several (default: the Lenny and Lex archives)")
    p.add_argument("--graph", type=Path, help="A built graph to measure (default: this run's build).")
    p.add_argument("--work", type=Path, required=True, help="Folder for builds, caches and results.json.")
    p.add_argument("--sample", type=float, default=1.0, help="Fraction of the corpus's files to build (seeded).")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--name", default="OpenAI", help="The entity `load` and `cli` ask about.")
    p.add_argument("--only", default=",".join(NAMES), help="Comma-separated measurements, of: " + ", ".join(NAMES))
    p.add_argument("--redo", default="", help="Comma-separated measurements to measure again.")
    a = p.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    results_file = a.work / "results.json"
    results = json.loads(results_file.read_text()) if results_file.is_file() else {}
    a.corpus = [c.resolve() for c in a.corpus or [ROOT.parent / "shared" / "corpora" / n for n in ("lenny", "lex")]]
    own = a.graph is None
    a.graph = (a.graph or a.work / f"out-{a.sample:g}").resolve()
    for name in a.only.split(","):
        key = f"{name}@{a.sample:g}" if name in ("build", "raw", "rawfiles", "warm", "add", "eta", "dask") or own else f"{name}@{a.graph}"
        if key in results and name not in a.redo.split(","):
            print(f"{key}: measured already", file=sys.stderr)
            continue
        print(f"{key}: measuring", file=sys.stderr)
        results[key] = {**globals()[f"m_{name}"](a, a.work), "load_average": os.getloadavg()[0],
                        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
        results_file.write_text(json.dumps(results, indent=1) + "\n")
        print(json.dumps({key: results[key]}, indent=1))
    return results


if __name__ == "__main__":
    main()
