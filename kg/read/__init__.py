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
import stat
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import InputError, NotATranscript
from ..escape import web_url
from ..model import Corpus, Document, Problem
from .ahead import parse_ahead
from .decode import decode
from .formats import read_text
from .walk import FORMATS_HINT, MAX_FILE_BYTES, TEXT_EXTS, find_files

__all__ = ["TEXT_EXTS", "find_files", "read_bytes", "read_corpus", "read_file"]


def read_file(path: Path, name: str, digests: dict[str, str] | None = None, data: bytes | None = None,
              parsed: tuple[str, tuple] | None = None) -> tuple[list[Document], object, list[str]]:
    """Read one file (or its `data`, already read): (documents, entity note or None, warnings).
    `parsed`: (sha256, result) of this file, read by another process. Raises InputError."""
    if parsed is not None:
        if digests is not None:
            digests[name] = parsed[0]
        return parsed[1]
    if path.suffix.lower() not in TEXT_EXTS:
        raise InputError(name, f"not a format kg reads ({path.suffix or 'no extension'})",
                         hint=FORMATS_HINT)
    if data is None:
        data = read_bytes(path, name)
    if digests is not None:
        digests[name] = hashlib.sha256(data).hexdigest()
    decoded = decode(data, name)
    docs, note, warnings = read_text(decoded.text, file=name, doc_id=name)
    for doc in docs:
        doc.url = web_url(doc.url)
    return docs, note, decoded.warnings + warnings



def read_bytes(path: Path, name: str) -> bytes:
    """A regular file's bytes, never more than the size limit (a file that grew is refused)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))    # a pipe must not block the open
        with open(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise InputError(name, "not a regular file", hint="kg reads only regular files")
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise InputError(name, f"cannot read file: {err.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(name, f"file is over the {MAX_FILE_BYTES // 1_000_000} MB limit",
                         hint="split it into episodes")
    return data


def read_corpus(roots: Iterable[str | os.PathLike], *, progress: Callable[[str], None] | None = None,
                read: Callable = read_file, cached: Callable[[str], bool] | None = None, workers: int = 1) -> Corpus:
    """Read every file under the roots into a Corpus (documents, entity notes, problems);
    `read` replaces `read_file` (the build passes a cached one, and `cached`: whether it holds a
    file). With `workers` > 1, a large corpus's files that are not cached are decoded and parsed
    by that many processes first (kg.read.ahead); the Corpus is the same."""
    corpus = Corpus()
    found = list(find_files(roots, corpus.skipped))
    # only kg's own readers take a file another process parsed: read_file, and a cache that says what it holds
    ahead = parse_ahead([(path, name) for path, name in found if not (cached and cached(name))], workers, progress) \
        if read is read_file or cached is not None else {}
    for path, name in found:
        corpus.files += 1
        if progress and name not in ahead:
            progress(name)
        try:
            parsed = ahead.pop(name, None)
            docs, note, warnings = read(path, name, corpus.digests, **({"parsed": parsed} if parsed else {}))
        except NotATranscript:
            corpus.not_transcripts.append(name)
            continue
        except InputError as err:
            corpus.skipped.append(Problem(name, err.reason))
            continue
        except RecursionError:
            corpus.skipped.append(Problem(name, "structure nested too deeply to read"))
            continue
        except Exception as err:  # noqa: BLE001 - one file's failure never stops the build
            corpus.skipped.append(Problem(name, unexpected(err)))
            continue
        corpus.documents.extend(docs)
        if note is not None:
            corpus.notes.append(note)
        corpus.warnings.extend(Problem(name, w) for w in warnings)
    return corpus


def unexpected(err: BaseException) -> str:
    """The report's reason for an error kg did not foresee in one file."""
    where = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return (f"could not be read: {type(err).__name__}: {str(err)[:200]}{at} "
            "(kg skipped this file; please report it with the file if you can share it)")
