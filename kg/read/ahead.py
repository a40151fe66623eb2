"""Decode and parse a large corpus's files in several processes before the build reads them in
order: reading the whole shared archive (755 files) took 22.9 s in one process while the other
core waited (12.2 s with two). Each result is what `read_file` gives in one process; a file that fails here is
read again, in order, by the caller, so its error is reported exactly as before.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp()); _ = (root / "ep.md").write_text("# Ep")
>>> parse_ahead([(root / "ep.md", "ep.md")], workers=2)        # too small to be worth a process
{}
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

MIN_FILES = 8                 # fewer files to parse are read in the caller's process ...
MIN_BYTES = 1_000_000         # ... and so is less text


def parse_ahead(todo: list[tuple[Path, str]], workers: int, progress: Callable[[str], None] | None = None
                ) -> dict[str, tuple[str, tuple] | None]:
    """name -> (sha256 of the bytes read, read_file's result) for each file of `todo`, read by `workers`
    processes (None for a file that failed); {} for one worker, a small corpus or no fork."""
    if workers <= 1 or len(todo) < MIN_FILES or "fork" not in mp.get_all_start_methods() \
            or sum(_size(path) for path, _ in todo) < MIN_BYTES:
        return {}
    parsed: dict[str, tuple[str, tuple] | None] = {}
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            for name, result in pool.map(_parse, todo, chunksize=2):
                if progress:
                    progress(name)
                parsed[name] = result
    except BrokenProcessPool:       # a reader process died (out of memory?): the caller reads the rest itself
        pass
    return parsed


def _parse(item: tuple[Path, str]) -> tuple[str, tuple[str, tuple] | None]:
    from . import read_bytes, read_file

    path, name = item
    try:
        data = read_bytes(path, name)
        return name, (hashlib.sha256(data).hexdigest(), read_file(path, name, None, data))
    except Exception:  # noqa: BLE001 - the caller reads it again and reports its error
        return name, None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
