"""Read a corpus folder into Documents: find files, decode them, pick a reader.

Problem files are reported (skipped with a reason, or read with a warning),
never raised: the build goes on.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "ep.md").write_text("---\\ntitle: Ep 1\\nshow: Deep Loop\\n---\\nWe talk about OpenAI.")
>>> _ = (root / "empty.txt").write_bytes(b"")
>>> corpus = read_corpus([root])
>>> [(d.title, d.show) for d in corpus.documents], [(p.file, p.reason) for p in corpus.skipped]
([('Ep 1', 'Deep Loop')], [('empty.txt', 'file is empty (nothing to read; remove it or add content)')])
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Corpus, Document, Problem
from .decode import decode
from .formats import read_text

TEXT_EXTS = {".md", ".markdown", ".txt", ".text", ".vtt", ".srt", ".yaml", ".yml"}
MAX_FILE_BYTES = 200_000_000
_IGNORED_DIRS = {".git", ".obsidian", ".trash", "__pycache__", "node_modules", ".venv"}
_IGNORED_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def find_files(roots: Iterable[str | os.PathLike], problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    """Yield (path, display name) of candidate files under each root, sorted, following
    symlinks but never looping. Display names are relative to their root (prefixed by the
    root's name when several roots are given), so reports do not depend on the cwd."""
    roots = [Path(r) for r in roots]
    for root in roots:
        prefix = root.name + "/" if len(roots) > 1 and root.is_dir() else ""
        if not root.exists():
            problems.append(Problem(str(root), "no such file or folder (check the path)"))
            continue
        if root.is_file():
            yield root, root.name
            continue
        seen: set[tuple[int, int]] = set()
        yield from _walk(root, root, prefix, seen, problems)


def _walk(root: Path, folder: Path, prefix: str, seen: set, problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    try:
        st = folder.stat()
    except OSError as err:
        problems.append(Problem(prefix + _rel(folder, root), f"cannot open folder: {err.strerror}"))
        return
    if (st.st_dev, st.st_ino) in seen:
        problems.append(Problem(prefix + _rel(folder, root) + "/",
                                "symlink loop: this folder links back to a folder already read; skipped"))
        return
    seen.add((st.st_dev, st.st_ino))
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        problems.append(Problem(prefix + _rel(folder, root), f"cannot list folder: {err.strerror}"))
        return
    for entry in entries:
        if entry.name in _IGNORED_FILES or entry.name in _IGNORED_DIRS or entry.name.startswith("."):
            continue
        path = Path(entry.path)
        name = prefix + _rel(path, root)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            yield from _walk(root, path, prefix, seen, problems)
        elif is_file:
            yield path, name
        elif entry.is_symlink():
            problems.append(Problem(name, "broken symlink or symlink loop; skipped"))


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else "."


def read_file(path: Path, name: str, digests: dict[str, str] | None = None,
              data: bytes | None = None) -> tuple[list[Document], object, list[str]]:
    """Read one file (or its `data`, already read): (documents, entity note or None, warnings).
    Raises InputError."""
    if path.suffix.lower() not in TEXT_EXTS:
        raise InputError(name, f"not a format kg reads ({path.suffix or 'no extension'})",
                         hint="use .md, .txt, .vtt, .srt or .yaml")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(name, f"file is {size // 1_000_000} MB, over the {MAX_FILE_BYTES // 1_000_000} MB limit",
                         hint="split it into episodes")
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as err:
            raise InputError(name, f"cannot read file: {err.strerror}") from None
    if digests is not None:
        digests[name] = hashlib.sha256(data).hexdigest()
    decoded = decode(data, name)
    docs, note, warnings = read_text(decoded.text, file=name, doc_id=name)
    return docs, note, decoded.warnings + warnings


def read_corpus(roots: Iterable[str | os.PathLike], *, progress: Callable[[str], None] | None = None,
                read: Callable = read_file) -> Corpus:
    """Read every file under the roots into a Corpus (documents, entity notes, problems);
    `read` replaces `read_file` (the build passes a cached one)."""
    corpus = Corpus()
    for path, name in find_files(roots, corpus.skipped):
        corpus.files += 1
        if progress:
            progress(name)
        try:
            docs, note, warnings = read(path, name, corpus.digests)
        except InputError as err:
            corpus.skipped.append(Problem(name, err.reason))
            continue
        except RecursionError:
            corpus.skipped.append(Problem(name, "structure nested too deeply to read"))
            continue
        corpus.documents.extend(docs)
        if note is not None:
            corpus.notes.append(note)
        corpus.warnings.extend(Problem(name, w) for w in warnings)
    return corpus
