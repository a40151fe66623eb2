"""The user's own notes in a vault: which entity each one is about (by file name or front-matter
`aliases`), and the file names kg's notes must not take (Obsidian links by file name).

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "People").mkdir()
>>> _ = (root / "People" / "Tomasz W.md").write_text("---\\naliases: [Tomasz Wierzbicki]\\ntype: person\\n---\\nHi")
>>> users = UserNotes(root)
>>> users.match("tomasz wierzbicki", "Person"), users.match("Tomasz Wierzbicki", "Organization")
('People/Tomasz W', None)
>>> users.target("People/Tomasz W"), sorted(users.stems)
('Tomasz W', ['tomasz w'])
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from .errors import InputError
from .read import generated
from .read.frontmatter import load_yaml, names, split_front_matter
from .read.metadata import read_fields
from .vaultmd import fold

MAX_FRONT_BYTES = 256_000          # enough for any front matter; the rest of a long note is not read
_SKIP_DIRS = {".git", ".obsidian", ".trash", "__pycache__", "node_modules", ".venv"}


class UserNotes:
    """Index of the Markdown notes under `root` other than `managed` (kg's own notes)."""

    def __init__(self, root: Path, managed: set[Path] = frozenset()):
        self.root = Path(root)
        skip = {os.path.abspath(p) for p in managed}
        self.stems: set[str] = set()                          # folded stems of every note (taken names)
        self.count: Counter = Counter()
        self.index: dict[str, list[tuple[int, str]]] = {}     # folded name -> (0 file name / 1 alias, path)
        self.types: dict[str, str | None] = {}
        for dirpath, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
            for file in sorted(files):
                path = os.path.join(dirpath, file)
                if not file.lower().endswith(".md") or file.startswith(".") or os.path.abspath(path) in skip:
                    continue
                stem = file[:-3]
                self.stems.add(fold(stem))
                self.count[fold(stem)] += 1
                if not os.path.isfile(path) or os.path.islink(path):
                    continue                  # a symlink or special file: its name is taken, nothing is read
                self._add(Path(path), stem)

    def _add(self, path: Path, stem: str) -> None:
        rel = path.relative_to(self.root).with_suffix("").as_posix()
        front = _front(path)
        if generated.is_generated(front):     # another kg vault folder's note: never "the user's own"
            return
        self.types[rel] = read_fields(front).entity_type if front else None
        aliases = names(front.get("aliases") or front.get("alias") or [], split=False)
        for rank, name in [(0, stem), *((1, a) for a in aliases)]:
            self.index.setdefault(fold(name), []).append((rank, rel))

    def match(self, label: str, kind: str) -> str | None:
        """The vault path (no `.md`) of the user's note about an entity, or None: a note named
        like it, else one that lists its label in `aliases`; a note whose `type` says otherwise
        is not about it."""
        found = [(rank, rel) for rank, rel in self.index.get(fold(label), ())
                 if self.types.get(rel) in (None, kind)]
        return min(found)[1] if found else None

    def target(self, rel: str) -> str:
        """How a link names the note: its file name, or its vault path when the name is not unique."""
        stem = rel.rsplit("/", 1)[-1]
        return stem if self.count[fold(stem)] == 1 else rel


def _front(path: Path) -> dict:
    """The note's front matter as a mapping ({} when it has none or it does not parse)."""
    try:
        with open(path, "rb") as f:
            head = f.read(MAX_FRONT_BYTES).decode("utf-8", "replace")
    except OSError:
        return {}
    fm = split_front_matter(head)
    if fm.yaml is None or fm.error:
        return {}
    try:
        return load_yaml(fm.yaml, str(path))
    except InputError:
        return {}
