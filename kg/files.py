"""Writing output files safely: whole or not at all, never through a symlink, with the
permissions the user's umask gives.

>>> import tempfile, pathlib, os
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> os.symlink(out / "elsewhere.txt", out / "graph.ttl")
>>> write_atomically(out / "graph.ttl", b"x")
>>> (out / "graph.ttl").is_symlink(), (out / "elsewhere.txt").exists()
(False, False)
"""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

OUTPUT_MARKER = ".kg-output"        # in every folder kg writes a build to; never read as input
MARKER_TEXT = b"This folder holds kg's output; kg never reads it as input.\n"
VAULT_MANIFEST = ".kg-vault.json"   # in a vault folder `kg vault` writes notes into; never a build's output


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write via a temporary file and `os.replace`: a crash never leaves a partial file, and a
    symlink at `path` is replaced, not written through. Permissions follow the umask (0600
    when `private`)."""
    path = Path(path)
    try:
        st = path.lstat()
    except OSError:
        st = None
    if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise OutputError("not a regular file", str(path),
                          "give the path of a file (kg writes a new file and renames it into place)")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.fchmod(fd, 0o600 if private else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_outputs(out: Path, files: dict[str, bytes]) -> None:
    """Write a build's files into `out`, marked as kg output (never read back as input). Two
    builds into one folder take turns (a lock on `out/.kg-lock`), so its files always come
    from one build."""
    out = Path(out)
    check_output_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out / ".kg-lock"):
        write_atomically(out / OUTPUT_MARKER, MARKER_TEXT)
        for name, data in files.items():
            write_atomically(out / name, data)


def check_output_folder(out: Path) -> None:
    """OutputError when `out` is a folder of a vault that `kg vault` writes notes into: a build
    never writes its files among the user's notes."""
    if (Path(out) / VAULT_MANIFEST).exists():
        raise OutputError("this folder holds notes kg vault wrote into your vault", str(out),
                          "give another output folder for the build (graph.ttl, graph.html, report.json)")


@contextmanager
def _locked(path: Path):
    try:
        import fcntl
    except ImportError:                  # not POSIX: no lock, atomic writes only
        yield
        return
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666 & ~_umask())
    except OSError:                      # a symlink planted in its place: replace it
        path.unlink(missing_ok=True)
        fd = os.open(path, flags, 0o666 & ~_umask())
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
