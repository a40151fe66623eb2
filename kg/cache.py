"""Per-file extraction cache, shared by all output folders.

An entry is keyed by the file's content hash plus everything that changes
extraction (model name and version, extraction code version, gazetteer
version, entity-note aliases). Entries are JSON with a checksum, written
atomically; a corrupt, truncated or stale entry is detected, removed and
rebuilt, never trusted.

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
import tempfile
from dataclasses import asdict
from pathlib import Path

from .extract import Extraction
from .model import Mention

FORMAT = 1


def default_dir() -> Path:
    """`$XDG_CACHE_HOME/kg` (platform cache folder elsewhere)."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "kg"
    import platformdirs

    return Path(platformdirs.user_cache_dir("kg", appauthor=False))


class ExtractionCache:
    def __init__(self, folder: str | os.PathLike, salt: str):
        self.folder = Path(folder) / "extract"
        self.salt = salt
        self.corrupt = 0

    def key(self, content: bytes, name: str = "") -> str:
        """Cache key of a file: its name (document ids derive from it) and its bytes."""
        h = hashlib.sha256(self.salt.encode())
        h.update(b"\0" + name.encode("utf-8", "surrogatepass") + b"\0")
        h.update(content)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Extraction] | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(raw)
            payload = entry["payload"]
            body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
            if entry.get("format") != FORMAT or entry.get("key") != key or \
                    entry.get("checksum") != hashlib.sha256(body).hexdigest():
                raise ValueError("stale or corrupt")
            return [Extraction(x["doc"], [Mention(**m) for m in x["mentions"]], x["sentences"]) for x in payload]
        except (ValueError, KeyError, TypeError):
            self.corrupt += 1
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, extractions: list[Extraction]) -> None:
        payload = [{"doc": x.doc, "mentions": [asdict(m) for m in x.mentions], "sentences": x.sentences}
                   for x in extractions]
        body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
        entry = {"format": FORMAT, "key": key, "checksum": hashlib.sha256(body).hexdigest(), "payload": payload}
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(entry, f, sort_keys=True, separators=(",", ":"))
            os.replace(tmp, path)
        except OSError:
            pass            # a read-only or full cache folder only costs speed
