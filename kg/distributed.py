"""Extraction on a Dask cluster: `kg build --scheduler tcp://HOST:PORT`.

One task per file (its Documents are plain dataclasses, pickled to the worker);
each worker process loads the pipeline once and keeps it; the Extractions come
back to the build, which caches, resolves and exports them exactly as after a
local extraction, so the output is byte-identical. A task whose worker dies is
rerun on another worker by Dask (and retried twice on an error); a build that
loses every worker, or whose workers run another kg, stops with a `KgError`
saying what to do. Needs the `dask` extra: `pip install -e '.[dask]'`.

>>> task_key("5f2a", 0, "shows/ep 1.md")
'kg-extract-5f2a-0-shows/ep 1.md'
"""
from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator, Sequence

from .errors import ConfigError, KgError
from .extract import extract_batch, load_pipeline, note_aliases
from .model import EXTRACTION_VERSION, Extraction
from .model import Document, EntityNote

CONNECT_TIMEOUT = 10.0      # seconds to reach the scheduler
WORKER_WAIT = 60.0          # seconds a build waits while the cluster has no worker at all
RETRIES = 2                 # reruns of a task that raised (a task whose worker died is rerun by Dask anyway)
_POLL = 1.0


class ClusterError(KgError):
    """The Dask cluster lost its workers or failed a task."""


def extract(address: str, documents: Sequence[Document], *, notes: Sequence[EntityNote] = (),
            model: str | None = None, gazetteer: tuple = (None, ()), expect: str | None = None
            ) -> Iterator[Extraction]:
    """Extract `documents` on the cluster at `address`, one task per file; yield Extractions in
    input order. `expect` is the local gazetteer version: workers with another one are refused."""
    client = connect(address)
    try:
        files: dict[str, list[Document]] = {}
        for d in documents:
            files.setdefault(d.source, []).append(d)
        aliases, build = note_aliases(notes), uuid.uuid4().hex[:12]
        # the longest files first (their length is their priority), so no worker is left with one
        # long file at the end while the others idle; results still come back in corpus order
        futures = [client.submit(_task, docs, aliases, model, gazetteer, key=task_key(build, i, name),
                                 retries=RETRIES, pure=False, priority=sum(len(d.text) for d in docs))
                   for i, (name, docs) in enumerate(files.items())]
        for result in _in_order(client, address, futures, list(files)):
            version, gaz_version, extractions = result
            if version != EXTRACTION_VERSION or (expect is not None and gaz_version != expect):
                raise ConfigError(f"the Dask workers at {address} run another kg (extraction {version}, gazetteer "
                                  f"{gaz_version}; here {EXTRACTION_VERSION}, {expect}): install the same kg "
                                  "and ontology on every worker, then build again")
            yield from extractions
    finally:
        client.close()


def connect(address: str):
    """A `distributed.Client` for `address`, or a ConfigError that says what to do."""
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("--scheduler needs Dask, which is not installed: pip install -e '.[dask]'") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise ConfigError(f"cannot reach the Dask scheduler at {address} ({err}). Start one with "
                          "`dask scheduler --port PORT` and workers with `dask worker tcp://HOST:PORT`, "
                          "check the address, or build without --scheduler") from None


def task_key(build: str, i: int, name: str) -> str:
    """The task's name on the cluster (and its dashboard): this build, the file's position and name.
    Builds sharing a cluster never share a task, even for files of the same name."""
    return f"kg-extract-{build}-{i}-{name}"


def _in_order(client, address: str, futures: list, names: list[str]) -> Iterator:
    """Results of `futures` in order, failing clearly when the cluster cannot finish them."""
    from distributed import wait
    from distributed.client import FutureCancelledError

    try:
        from distributed.scheduler import KilledWorker
    except ImportError:                                     # pragma: no cover - older distributed
        from distributed import KilledWorker
    pending, done_at, idle_since = set(futures), 0, None
    while done_at < len(futures):
        try:
            with client.as_current():
                wait(pending, timeout=_POLL, return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        pending = {f for f in pending if not f.done()}
        while done_at < len(futures) and futures[done_at].done():
            try:
                yield futures[done_at].result()
            except KilledWorker:
                raise ClusterError(f"Dask workers at {address} died again and again while extracting "
                                   f"{names[done_at]} (out of memory?): give them more memory or use fewer "
                                   "threads per worker, then build again (finished files are cached)") from None
            except (FutureCancelledError, KgError):
                raise
            except Exception as err:    # noqa: BLE001 - any task error becomes a ClusterError
                raise ClusterError(f"extracting {names[done_at]} on the Dask cluster at {address} failed: "
                                   f"{type(err).__name__}: {err}") from None
            done_at += 1
        workers = client.scheduler_info().get("workers") if done_at < len(futures) else True
        idle_since = None if workers else idle_since or time.monotonic()
        if idle_since is not None and time.monotonic() - idle_since > WORKER_WAIT:
            raise ClusterError(f"the Dask cluster at {address} has had no worker for {WORKER_WAIT:g} s "
                               f"with {len(futures) - done_at} file(s) left: start workers with "
                               f"`dask worker {address}` and build again (finished files are cached)")


_PIPELINES: dict[tuple, object] = {}
_LOCK = threading.Lock()


def _task(documents: list[Document], aliases: list, model: str | None, gazetteer: tuple
          ) -> tuple[str, str, list[Extraction]]:
    """Runs on a worker: the pipeline is loaded on first use and kept for the worker's life;
    threads of one worker take turns on it (spaCy pipelines are not thread-safe)."""
    with _LOCK:
        nlp = _PIPELINES.get((model, gazetteer))
        if nlp is None:
            nlp = _PIPELINES[(model, gazetteer)] = load_pipeline(model, gazetteer=gazetteer)
        gaz = nlp.get_pipe("kg_gazetteer").gaz
        return EXTRACTION_VERSION, gaz.version, extract_batch(nlp, documents, aliases)
