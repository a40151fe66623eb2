"""Whole-build memo: when nothing a build depends on has changed (every input file's name
and bytes, the settings, the model, the gazetteer and kg's own code), the outputs of the
last identical build are copied from the cache instead of being built again.

Entries hold `graph.ttl`, `graph.html`, `report.json` and a manifest with their sha256;
an entry whose files do not match the manifest is removed and the build runs normally.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> memo = BuildMemo(root / "cache")
>>> memo.put("k1", {"graph.ttl": b"x"}); memo.get("k1", root / "copy", ["graph.ttl"])
True
>>> (root / "copy" / "graph.ttl").read_text()
'x'
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from .files import write_outputs

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of kg's code, templates and default ontology/gazetteer files."""
    h = hashlib.sha256()
    folders = [PACKAGE, PACKAGE.parent / "ontology"]
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            if file.is_file() and file.suffix in (".py", ".html", ".js", ".css", ".yaml", ".ttl"):
                h.update(str(file.relative_to(folder)).encode() + b"\0" + file.read_bytes())
    return h.hexdigest()


def fingerprint(files: list[tuple[str, str]], problems: list[str], settings: dict) -> str:
    """Key of a build: its input files (name, sha256 of bytes), folder problems, settings, code."""
    h = hashlib.sha256(code_version().encode())
    h.update(json.dumps({"files": files, "problems": problems, "settings": settings}, sort_keys=True,
                        ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class BuildMemo:
    """Outputs of earlier builds, by fingerprint, in `folder/builds/`."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder) / "builds"

    def get(self, key: str, out: Path, names: list[str]) -> bool:
        """Copy a verified entry's outputs into `out`; False when there is none (or it is damaged)."""
        entry = self.folder / key
        try:
            manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
            blobs = {name: (entry / name).read_bytes() for name in names}
        except (OSError, ValueError):
            return False
        if any(manifest.get(name) != hashlib.sha256(data).hexdigest() for name, data in blobs.items()):
            shutil.rmtree(entry, ignore_errors=True)
            return False
        write_outputs(out, blobs)
        return True

    def put(self, key: str, files: dict[str, bytes]) -> None:
        """Store the files a build wrote, from the bytes it wrote (never re-read from OUT, where
        another build may have written since), atomically: a half-written entry is never used."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=self.folder, prefix=".tmp-"))
            manifest = {}
            for name, data in files.items():
                (tmp / name).write_bytes(data)
                manifest[name] = hashlib.sha256(data).hexdigest()
            (tmp / "manifest.json").write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
            target = self.folder / key
            shutil.rmtree(target, ignore_errors=True)
            os.replace(tmp, target)
        except OSError:
            pass            # a read-only or full cache folder only costs speed
