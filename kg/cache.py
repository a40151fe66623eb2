"""Build caches, shared by all output folders: per-file extraction results
(`ExtractionCache`), per-file read results (`ReadCache`), the resolver's per-document
decisions (`DecisionCache`) and the parsed gazetteer.

An extraction entry is keyed by the file's content hash plus everything that
changes extraction (model name and version, extraction code version, gazetteer
version, entity-note aliases). Every entry carries a checksum and is written
atomically (temporary file, then rename); a corrupt, truncated or stale entry is
detected, removed and rebuilt, never trusted.

>>> import tempfile
>>> c = ExtractionCache(tempfile.mkdtemp(), salt="test")
>>> key = c.key(b"file bytes")
>>> c.get(key) is None
True
>>> c.put(key, [Extraction("a.txt", [Mention("a.txt", "OpenAI", "Organization", "ruler", 0.95, 0, 6)], [0])])
>>> c.get(key)[0].mentions[0].surface
'OpenAI'
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import orjson

from .decisions import Decisions
from .errors import ConfigError
from .files import write_atomically
from .model import Chapter, Document, EntityNote, Extraction, Mention, MetaEntity, Participant, Turn

FORMAT = 3
_READER_CODE = ("read", "model.py", "errors.py")      # what decides what a file reads as


def default_dir() -> Path:
    """`$XDG_CACHE_HOME/kg` (platform cache folder elsewhere)."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "kg"
    import platformdirs

    return Path(platformdirs.user_cache_dir("kg", appauthor=False))


def prepare(folder: str | os.PathLike) -> Path:
    """The cache folder, created private (0700); refused when another user owns it, since
    whoever can write it decides what later builds read.

    >>> import tempfile, pathlib, stat
    >>> folder = prepare(pathlib.Path(tempfile.mkdtemp()) / "kg")
    >>> oct(stat.S_IMODE(folder.stat().st_mode))
    '0o700'
    """
    folder = Path(folder)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = folder.stat()
    except OSError as err:
        raise ConfigError(f"cannot use the cache folder {folder}: {err.strerror} "
                          "(pass --cache-dir DIR, or --no-cache)") from None
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise ConfigError(f"the cache folder {folder} belongs to another user (uid {st.st_uid}); kg will not read "
                          "a cache someone else can write (pass --cache-dir DIR, or remove that folder)")
    return folder


class _Entries:
    """Checksummed JSON entries in one folder of the cache, by key: `_load` gives the parsed
    payload, or None when there is none; a damaged entry is counted, removed and missed."""

    part = ""

    def __init__(self, folder: str | os.PathLike, salt: str):
        self.folder = Path(folder) / self.part
        self.salt = salt
        self.corrupt = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _load(self, key: str, parse):
        payload = _payload(self._path(key), key, self)
        try:
            return None if payload is None else parse(payload)
        except (KeyError, TypeError, ValueError, IndexError):
            return _corrupt(self._path(key), self)

    def _store(self, key: str, payload) -> None:
        _atomic_write(self._path(key), _entry(key, payload))


class ExtractionCache(_Entries):
    part = "extract"

    def key(self, content: bytes, name: str = "") -> str:
        """Cache key of a file: its name (document ids derive from it) and its bytes."""
        h = hashlib.sha256(self.salt.encode())
        h.update(b"\0" + name.encode("utf-8", "surrogatepass") + b"\0")
        h.update(content)
        return h.hexdigest()

    def get(self, key: str) -> list[Extraction] | None:
        return self._load(key, lambda payload: [Extraction(x["doc"], [Mention(**m) for m in x["mentions"]],
                                                           x["sentences"]) for x in payload])

    def put(self, key: str, extractions: list[Extraction]) -> None:
        self._store(key, [{"doc": x.doc, "mentions": [asdict(m) for m in x.mentions], "sentences": x.sentences}
                          for x in extractions])


class DecisionCache(_Entries):
    """The resolver's decisions per document (kg.decisions), by a digest of the document, its
    mentions and `salt` (kg's code, the gazetteer, the entity notes): adding an episode decides
    only its own mentions again."""

    part = "resolve"

    def key(self, document: Document, mentions: list[Mention]) -> str:
        h = hashlib.sha256(self.salt.encode())
        try:
            h.update(orjson.dumps([document, mentions]))
        except orjson.JSONEncodeError:           # a lone surrogate in the text: the slower, exact way
            h.update(json.dumps([asdict(document), [asdict(m) for m in mentions]], ensure_ascii=False,
                                default=str).encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def get(self, key: str) -> Decisions | None:
        return self._load(key, Decisions.from_payload)

    def put(self, key: str, decisions: Decisions) -> None:
        self._store(key, decisions.payload())


_HEAD = b'{"checksum":"'
_BLANK = "0" * 64


def _checked(raw: bytes) -> bool:
    """The entry's checksum is the sha256 of the entry itself with the checksum zeroed, so
    checking it needs no re-encoding; any changed, missing or added byte fails it."""
    n = len(_HEAD)
    return raw[:n] == _HEAD and raw[n:n + 64] == hashlib.sha256(raw[:n] + _BLANK.encode() + raw[n + 64:]
                                                                 ).hexdigest().encode()


class ReadCache(_Entries):
    """What reading a file gave (Documents, entity note, warnings), keyed by its name, the bytes
    actually read and the reader code itself, so a warm build skips decoding and parsing. A
    drop-in for `kg.read.read_file`; files that fail to read are not cached (they raise again).
    Entries are checksummed JSON (data, never code).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()); _ = (folder / "ep.md").write_text("---\\ntitle: Ep 1\\n---\\nHi.")
    >>> cache = ReadCache(folder / "cache")
    >>> [d.title for d in cache.read_file(folder / "ep.md", "ep.md")[0]], cache.hits
    (['Ep 1'], 0)
    >>> [d.title for d in cache.read_file(folder / "ep.md", "ep.md")[0]], cache.hits
    (['Ep 1'], 1)
    """

    part = "read"

    def __init__(self, folder: str | os.PathLike, known: dict[str, str] | None = None):
        """`known`: sha256 of files already hashed by the caller (by name), so a cached file
        is not even read again."""
        super().__init__(folder, reader_version())
        self.known = known or {}
        self.hits = 0
        self.changed: list[str] = []        # files whose bytes changed since the caller hashed them

    def cached(self, name: str) -> bool:
        """Whether a read of the file as the caller hashed it is kept (then it is not read again)."""
        digest = self.known.get(name)
        return digest is not None and self._path(self._key(name, digest)).exists()

    def read_file(self, path: Path, name: str, digests: dict[str, str] | None = None,
                  parsed: tuple[str, tuple] | None = None):
        """`parsed`: (sha256, result) of the file, read by another process (kg.read.ahead)."""
        from .read import read_bytes, read_file

        if parsed is not None:
            digest, hit = parsed
            if self.known.get(name, digest) != digest:
                self.changed.append(name)
            self._put(self._key(name, digest), hit)
            if digests is not None:
                digests[name] = digest
            return hit
        data, digest = None, self.known.get(name)
        if digest is None:
            data = read_bytes(path, name)                    # raises the reader's own InputError
            digest = hashlib.sha256(data).hexdigest()
        hit = self._get(self._key(name, digest))
        if hit is not None:
            self.hits += 1
        else:
            if data is None:
                data = read_bytes(path, name)
                actual = hashlib.sha256(data).hexdigest()
                if actual != digest:
                    self.changed.append(name)
                    digest = actual
            hit = read_file(path, name, None, data)
            self._put(self._key(name, digest), hit)
        if digests is not None:
            digests[name] = digest
        return hit

    def _key(self, name: str, digest: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{name}\0{digest}".encode("utf-8", "surrogatepass")).hexdigest()

    def _get(self, key: str):
        return self._load(key, _read_result)

    def _put(self, key: str, result) -> None:
        docs, note, warnings = result
        self._store(key, [[asdict(d) for d in docs], asdict(note) if note else None, warnings])


def _read_result(payload) -> tuple[list[Document], EntityNote | None, list]:
    docs, note, warnings = payload
    return [_document(d) for d in docs], EntityNote(**note) if note else None, list(warnings)


def _payload(path: Path, key: str, counter):
    """The payload of a checksummed entry, or None (missing; or damaged or stale: then removed
    and counted in `counter.corrupt`)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        entry = _loads(raw) if _checked(raw) else None
    except ValueError:
        entry = None
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
        return _corrupt(path, counter)
    return entry.get("payload")


def _loads(raw: bytes):
    """JSON by orjson (several times faster on the archive's 750 entries); the standard parser for
    what orjson refuses and json writes (NaN, a lone surrogate escaped).

    >>> _loads(b'{"a": [1, 2.5]}'), _loads(b'[NaN]')[0] != _loads(b'[NaN]')[0]
    ({'a': [1, 2.5]}, True)
    """
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def _corrupt(path: Path, counter) -> None:
    counter.corrupt += 1
    path.unlink(missing_ok=True)
    return None


def _document(d: dict) -> Document:
    """A Document from its `asdict` form (tuples come back as tuples)."""
    d = dict(d)
    d["turns"] = [Turn(**t) for t in d["turns"]]
    d["participants"] = [Participant(**p) for p in d["participants"]]
    d["entities"] = [MetaEntity(**e) for e in d["entities"]]
    d["times"] = [tuple(t) for t in d["times"]]
    d["headings"] = [tuple(h) for h in d["headings"]]
    d["ads"] = [tuple(a) for a in d.get("ads", [])]
    d["chapters"] = [Chapter(**c) for c in d.get("chapters", [])]
    return Document(**d)


def _entry(key: str, payload) -> bytes:
    """A cache entry: format, key and payload as JSON, with its own checksum (see `_checked`)."""
    raw = json.dumps({"checksum": _BLANK, "format": FORMAT, "key": key, "payload": payload},
                     sort_keys=True, separators=(",", ":")).encode()
    return raw.replace(_BLANK.encode(), hashlib.sha256(raw).hexdigest().encode(), 1)


@lru_cache(maxsize=1)
def reader_version() -> str:
    """A digest of the reader code and the libraries it uses: a new kg never reuses old reads."""
    import ftfy
    import yaml

    root = Path(__file__).parent
    h = hashlib.sha256(f"{ftfy.__version__}|{yaml.__version__}".encode())
    for part in _READER_CODE:
        for file in sorted((root / part).rglob("*.py")) if (root / part).is_dir() else [root / part]:
            h.update(file.name.encode() + b"\0" + file.read_bytes())
    return h.hexdigest()[:16]


def _atomic_write(path: Path, data: bytes) -> None:
    """`write_atomically` for a cache entry: a read-only or full cache folder only costs speed."""
    try:
        write_atomically(path, data, private=True)
    except OSError:
        pass
