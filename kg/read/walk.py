"""Find the files of a corpus, inside its boundary.

Only regular files with an extension kg reads and a size under the limit are
yielded; everything else under the roots is reported with a reason and what to do.
Symlinks are followed only when their target lies inside one of the roots (a vault
that links its own folders keeps working); devices, pipes, sockets and anything
under /proc, /sys or /dev are never read.

>>> import tempfile, pathlib, os
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "ep.md").write_text("Hi."); os.mkfifo(root / "pipe.md")
>>> problems = []
>>> [name for _, name in find_files([root], problems)], [(p.file, p.reason[:32]) for p in problems]
(['ep.md'], [('pipe.md', 'not a regular file (a named pipe')])
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..files import OUTPUT_MARKER
from ..model import Problem

TEXT_EXTS = {".md", ".markdown", ".txt", ".text", ".vtt", ".srt", ".yaml", ".yml", ".json", ".csv", ".tsv"}
FORMATS_HINT = "use .md, .txt, .vtt, .srt, .json, .csv, .tsv or .yaml"
MAX_FILE_BYTES = 200_000_000
SYSTEM_DIRS = (Path("/proc"), Path("/sys"), Path("/dev"))
_IGNORED_DIRS = {".git", ".obsidian", ".trash", "__pycache__", "node_modules", ".venv", ".kg"}  # .kg: kg's own settings
_IGNORED_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"))


def display(name: str) -> str:
    """A file name as reports show it: bytes that are not UTF-8 escaped (`\\xff`)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def find_files(roots: Iterable[str | os.PathLike], problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    """Yield (path, display name) of the files to read under each root, sorted, each file once.
    Display names are relative to their root (prefixed, when several roots are given, by the
    shortest end of its path that tells it from the others: `labels`), so reports do not
    depend on the cwd or the machine. Folders holding kg's output marker are never read.
    Symlinks are followed after the real folders are walked, so a file reachable both ways is
    read once, under its real name."""
    unique: dict[Path, Path] = {}                       # real path -> root as given; a root twice: once
    for root in map(Path, roots):
        unique.setdefault(Path(os.path.realpath(root)), root)
    several = len(unique) > 1
    names = labels([Path(os.path.abspath(r)) for r in unique.values()])
    walk = _Walk(list(unique), problems)
    for (real, root), label in zip(unique.items(), names):
        if not root.exists():
            problems.append(Problem(display(str(root)), "no such file or folder (check the path)"))
        elif _system(real):
            problems.append(Problem(display(str(root)), "a system folder or file (/proc, /sys, /dev) is never read"))
        elif root.is_dir():
            prefix = label + "/" if several else ""
            yield from walk.folder(root, root, prefix)
            while walk.linked:
                path, name, is_dir = walk.linked.pop(0)
                if is_dir:
                    yield from walk.folder(root, path, prefix, name)
                elif walk.wanted(path, name):
                    yield path, name
        else:
            name = label if several else display(root.name)
            if walk.wanted(root, name):
                yield root, name


def labels(paths: list[Path]) -> list[str]:
    """The shortest trailing part of each path that tells it apart from the others (shown in
    reports and used in ids: the same on every machine).

    >>> labels([Path("/home/a/corpus"), Path("/srv/b/corpus"), Path("/srv/notes")])
    ['a/corpus', 'b/corpus', 'notes']
    """
    parts = [tuple(p for p in path.parts if p != path.anchor) or (path.anchor,) for path in paths]
    out = []
    for i, mine in enumerate(parts):
        n = 1
        while n < len(mine) and any(other[-n:] == mine[-n:] for j, other in enumerate(parts) if j != i):
            n += 1
        out.append(display("/".join(mine[-n:])))
    return out


class _Walk:
    def __init__(self, inside: list[Path], problems: list[Problem]):
        self.inside, self.problems = inside, problems
        self.seen: set[tuple[int, int]] = set()          # folders and files already walked
        self.linked: list[tuple[Path, str, bool]] = []  # symlinks (path, name, is a folder), followed last

    def folder(self, root: Path, folder: Path, prefix: str, name: str | None = None) -> Iterator[tuple[Path, str]]:
        name = name or prefix + _rel(folder, root)
        try:
            st = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            self.problems.append(Problem(name, f"cannot open folder: {err.strerror}"))
            return
        if (st.st_dev, st.st_ino) in self.seen or any(e.name == OUTPUT_MARKER for e in entries):
            return                  # reached again through a symlink (read once), or a kg output folder
        self.seen.add((st.st_dev, st.st_ino))
        for entry in entries:
            if entry.name in _IGNORED_FILES or entry.name in _IGNORED_DIRS or entry.name.startswith("."):
                continue
            path = Path(entry.path)
            name = prefix + _rel(path, root)
            link = entry.is_symlink()
            if link and not _link_ok(path, name, self.inside, self.problems):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir and link and Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(path)):
                self.problems.append(Problem(name + "/", "symlink loop: this folder links back to a folder "
                                                         "already read; skipped"))
            elif link:
                self.linked.append((path, name, is_dir))
            elif is_dir:
                yield from self.folder(root, path, prefix)
            elif self.wanted(path, name):
                yield path, name

    def wanted(self, path: Path, name: str) -> bool:
        """A regular file not yet read, with an extension kg reads, under the size limit; else a
        reported problem."""
        try:
            st = path.stat()
        except OSError as err:
            self.problems.append(Problem(name, f"cannot read file: {err.strerror}"))
            return False
        if (st.st_dev, st.st_ino) in self.seen:
            return False
        self.seen.add((st.st_dev, st.st_ino))
        return _check(st, path, name, self.problems)


def _link_ok(path: Path, name: str, inside: list[Path], problems: list[Problem]) -> bool:
    """Whether a symlink may be followed: its target exists and lies inside a root."""
    target = Path(os.path.realpath(path))
    if not target.exists():
        problems.append(Problem(name, "broken symlink or symlink loop; skipped"))
        return False
    if _system(target) or not any(target == r or target.is_relative_to(r) for r in inside):
        problems.append(Problem(name, "symlink points outside the corpus folders; skipped "
                                      "(to include it, pass its target folder as another corpus folder)"))
        return False
    return True


def _check(st: os.stat_result, path: Path, name: str, problems: list[Problem]) -> bool:
    kind = next((what for test, what in _KINDS if test(st.st_mode)), None)
    if kind or not stat.S_ISREG(st.st_mode):
        problems.append(Problem(name, f"not a regular file ({kind or 'special file'}); skipped "
                                      "(kg reads only regular files)"))
        return False
    if path.suffix.lower() not in TEXT_EXTS:
        problems.append(Problem(name, f"not a format kg reads ({path.suffix or 'no extension'}) ({FORMATS_HINT})"))
        return False
    if st.st_size > MAX_FILE_BYTES:
        problems.append(Problem(name, f"file is {st.st_size // 1_000_000} MB, over the "
                                      f"{MAX_FILE_BYTES // 1_000_000} MB limit (split it into episodes)"))
        return False
    return True


def _system(path: Path) -> bool:
    return any(path == d or path.is_relative_to(d) for d in SYSTEM_DIRS)


def _rel(path: Path, root: Path) -> str:
    return display(path.relative_to(root).as_posix()) if path != root else "."
