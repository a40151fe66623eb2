"""The graph inside an Obsidian vault: one Markdown note per entity, safe to rebuild.

`write_vault(graph, folder)` writes a note per entity into `folder` (a folder of the user's
vault) and a manifest, `.kg-vault.json`, of what it wrote. It writes only inside `folder`,
never through a symlink, and only files it generated: kg's body lives between
`%% kg:begin %%` and `%% kg:end %%`, the user's text around it and the front-matter keys the
user added survive; an entity that has a note of the user's (under `vault_root`, by file name
or `aliases`) is linked to, not duplicated. A rebuild with nothing changed changes no file.

>>> import tempfile, pathlib, networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://e.org/kg/person/ada", label="Ada: Byron", type="Person", mentions=2)
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "kg"
>>> write_vault(g, folder).written, sorted(p.name for p in folder.iterdir())
(['Ada Byron.md'], ['.kg-vault.json', '.kg-vault.lock', 'Ada Byron.md'])
>>> write_vault(g, folder).summary()
'vault ...: 0 new, 0 changed, 0 renamed, 0 removed, 0 marked stale, 1 unchanged'
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .errors import ConfigError, InputError, OutputError
from .files import OUTPUT_MARKER, VAULT_MANIFEST, _locked, write_atomically
from .read.frontmatter import split_front_matter
from .vaultmd import Parsed, assign_names, compose, dump_front, fold, merge, parse
from .vaultnotes import Notes
from .vaultusers import UserNotes

MANIFEST = VAULT_MANIFEST
LOCK = ".kg-vault.lock"
MANIFEST_VERSION = 1
UNTOUCHED = Parsed({}, "", "", "")          # a note as kg wrote it, with nothing of the user's


@dataclass
class VaultResult:
    """What `write_vault` did (or, with `dry_run`, would do); file names are relative to `folder`."""

    folder: Path
    dry_run: bool = False
    written: list[str] = field(default_factory=list)            # new notes
    changed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)              # vanished entities' notes the user edited
    unchanged: int = 0
    linked: list[str] = field(default_factory=list)             # the user's own notes linked to (vault paths)
    conflicts: list[str] = field(default_factory=list)          # notes left alone, with why

    def summary(self) -> str:
        """One line of counts ('would' with `dry_run`)."""
        would = "would be " if self.dry_run else ""
        line = (f"vault {self.folder}: {would}{len(self.written)} new, {len(self.changed)} changed, "
                f"{len(self.renamed)} renamed, {len(self.removed)} removed, {len(self.stale)} marked stale, "
                f"{self.unchanged} unchanged")
        if self.linked:
            line += f"; linked to {len(self.linked)} of your own notes"
        if self.conflicts:
            line += f"; {len(self.conflicts)} note(s) left alone"
        return line

    def actions(self) -> list[str]:
        """Every change, one per line: `new NAME`, `change NAME`, `rename OLD -> NEW`, ..."""
        return ([f"new {n}" for n in self.written] + [f"change {n}" for n in self.changed]
                + [f"rename {a} -> {b}" for a, b in self.renamed] + [f"remove {n}" for n in self.removed]
                + [f"mark stale {n}" for n in self.stale] + [f"left alone {c}" for c in self.conflicts])


def write_vault(graph, folder: str | os.PathLike, vault_root: str | os.PathLike | None = None,
                dry_run: bool = False) -> VaultResult:
    """Write (or with `dry_run`, list) the notes of `graph` (a KnowledgeGraph, a networkx graph,
    or a build folder) into `folder`; `vault_root` is the vault, searched for the user's own notes
    (default: `folder` itself)."""
    g = _graph(graph)
    folder = Path(folder)
    _check_folder(folder, vault_root)
    result = VaultResult(folder, dry_run)
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
    with (nullcontext() if dry_run or not folder.is_dir() else _locked(folder / LOCK)):
        _Run(g, folder, Path(vault_root) if vault_root else folder, result).run()
    return result


def _graph(graph) -> nx.MultiDiGraph:
    if isinstance(graph, nx.MultiDiGraph):
        return graph
    if hasattr(graph, "graph") and isinstance(graph.graph, nx.MultiDiGraph):
        return graph.graph
    from .query import load

    return load(graph).graph


def _check_folder(folder: Path, vault_root) -> None:
    if folder.is_symlink():
        raise OutputError("the vault folder is a symlink", str(folder),
                          "give the real folder: kg never writes through a symlink")
    if folder.exists() and not folder.is_dir():
        raise OutputError("not a folder", str(folder), "give a folder of your vault for the notes, e.g. vault/kg")
    if (folder / OUTPUT_MARKER).exists():
        raise OutputError("this is a kg build folder", str(folder),
                          "give a folder of your vault for the notes, not the build's output folder")
    if vault_root is not None:
        root = Path(os.path.realpath(vault_root))
        if not root.is_dir():
            raise ConfigError("--vault-root is not a folder", str(vault_root), "give the folder of your vault")
        if not Path(os.path.realpath(folder)).is_relative_to(root):
            raise ConfigError("the notes folder is not inside the vault", str(folder),
                              f"give a folder inside {vault_root}, or the vault this folder belongs to")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(folder: Path) -> dict[str, dict]:
    """kg_id -> {file, sha256, keys, pure[, stale]}; entries whose file name is not a plain note
    name in `folder` are dropped (a manifest never makes kg write elsewhere)."""
    path = folder / MANIFEST
    if path.is_symlink() or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        notes = data["notes"]
        assert isinstance(notes, dict)
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        raise OutputError("kg's manifest of the vault folder cannot be read", str(path),
                          "restore it, or delete it: kg then treats the notes there as yours and writes new ones "
                          "beside them") from None
    ok = {}
    for kg_id, entry in notes.items():
        name = entry.get("file") if isinstance(entry, dict) else None
        if (isinstance(name, str) and name.endswith(".md") and not name.startswith(".") and "/" not in name
                and "\\" not in name and "\x00" not in name and isinstance(entry.get("sha256"), str)):
            ok[str(kg_id)] = entry
    return ok


class _Run:
    def __init__(self, g: nx.MultiDiGraph, folder: Path, root: Path, result: VaultResult):
        self.g, self.folder, self.root, self.result = g, folder, root, result
        self.manifest = _manifest(folder)
        self.old: dict[str, tuple[bytes, Parsed | None]] = {}       # kg_id -> its note's bytes, parsed

    def run(self) -> None:
        own = self._own_files()
        users = UserNotes(self.root, {self.folder / e["file"] for e in own.values()})
        nodes = sorted(self.g.nodes)
        linked = {n: t for n in nodes if (t := users.match(self.name(n), self.g.nodes[n].get("type", "")))}
        self.result.linked = sorted(set(linked.values()))
        stuck = {n: own[n]["file"][:-3] for n in nodes                 # notes kg cannot parse: left alone
                 if n in own and n not in linked and self.old[n][0] is not None and self.old[n][1] is None}
        todo = [n for n in nodes if n not in linked and n not in stuck]
        kept = set(stuck) | {n for n in set(own) - set(todo) if self.old[n][0] is not None
                             and self.old[n][1] is not UNTOUCHED}        # vanished but edited: marked stale
        taken = users.stems | {fold(own[n]["file"][:-3]) for n in kept} | self._others(own)
        names = assign_names([(n, self.name(n), self.g.nodes[n].get("type", "")) for n in todo], taken)
        targets = {**{n: users.target(t) for n, t in linked.items()}, **stuck, **names}
        notes = Notes(self.g, targets)
        manifest = {n: own[n] for n in stuck}
        self.result.conflicts += [f"{own[n]['file']}: its front matter does not parse (fix it; kg updates it then)"
                                  for n in sorted(stuck)]
        writes: dict[str, bytes] = {}
        for node in todo:
            manifest[node] = self._note(node, names[node], notes, own.get(node), writes)
        for node in sorted(set(own) - set(todo) - set(stuck)):
            entry = self._vanished(node, own[node], writes)
            if entry is not None:
                manifest[node] = entry
        if self.result.dry_run:
            return
        if writes or self.result.removed:       # first: every note about to be written is known as kg's
            self._save({**{n: own[n] for n in own if n not in manifest}, **manifest})
        for name, data in writes.items():
            write_atomically(self.folder / name, data)
        keep = set(writes) | {e["file"] for e in manifest.values()}
        for name in [old for old, _ in self.result.renamed] + self.result.removed:
            self._unlink(name, keep)
        self._save(manifest)

    def _unlink(self, name: str, keep: set[str]) -> None:
        """Remove a note kg wrote, unless it is (on a case-insensitive disk) one of the files kept."""
        path = self.folder / name
        if name in keep or not path.is_file() or path.is_symlink():
            return
        if any(fold(k) == fold(name) and os.path.samefile(path, self.folder / k) for k in keep
               if (self.folder / k).exists()):
            return
        path.unlink()

    def name(self, node: str) -> str:
        return str(self.g.nodes[node].get("label") or node)

    def _own_files(self) -> dict[str, dict]:
        """Manifest entries whose file is still a regular file kg may read (a missing one is kept:
        its note is written again); each note's bytes and parts are read once, here."""
        own = {}
        for kg_id, entry in self.manifest.items():
            path = self.folder / entry["file"]
            try:
                st = path.lstat()
            except FileNotFoundError:
                own[kg_id], self.old[kg_id] = entry, (None, None)
                continue
            if not stat.S_ISREG(st.st_mode):
                continue                    # replaced by a symlink or a folder: not kg's any more
            data = path.read_bytes()
            if entry.get("pure") and _digest(data) == entry["sha256"]:
                own[kg_id], self.old[kg_id] = entry, (data, UNTOUCHED)     # as kg wrote it: nothing to keep
                continue
            try:
                parsed = parse(data.decode("utf-8"), str(path))
            except (InputError, UnicodeDecodeError):
                parsed = None
            own[kg_id], self.old[kg_id] = entry, (data, parsed)
        return own

    def _others(self, own: dict[str, dict]) -> set[str]:
        """Folded stems of the entries of `folder` that are not kg's notes (never overwritten)."""
        mine = {fold(e["file"]) for e in own.values()}
        try:
            entries = os.listdir(self.folder)
        except OSError:
            return set()
        return {fold(e[:-3]) for e in entries if e.lower().endswith(".md") and fold(e) not in mine}

    def _note(self, node: str, stem: str, notes: Notes, entry: dict | None, writes: dict[str, bytes]) -> dict:
        """Plan one note: new, changed, renamed or unchanged; returns its manifest entry."""
        file = stem + ".md"
        front, body = notes.front(node, stem), notes.body(node)
        data, parsed = self.old.get(node, (None, None))
        keys = set(front) | set((entry or {}).get("keys", ()))         # kg's keys: now, and as the manifest says
        pure = compose(front, body).encode("utf-8")
        new = pure if parsed is None or parsed is UNTOUCHED else merge(front, body, parsed, keys).encode("utf-8")
        if data is None:
            self.result.written.append(file)
        elif entry["file"] != file:
            self.result.renamed.append((entry["file"], file))
        elif new != data:
            self.result.changed.append(file)
        else:
            self.result.unchanged += 1
        if data is None or entry["file"] != file or new != data:
            writes[file] = new
        return {"file": file, "sha256": _digest(new), "keys": sorted(k for k in front if not k.startswith("kg_")),
                "pure": new == pure}

    def _vanished(self, node: str, entry: dict, writes: dict[str, bytes]) -> dict | None:
        """An entity no longer in the graph (or now linked to the user's note): its note is removed
        when the user never edited it, else marked `kg_stale: true` and kept."""
        data, parsed = self.old[node]
        if data is None:
            return None
        if entry.get("pure") and _digest(data) == entry["sha256"]:
            self.result.removed.append(entry["file"])
            return None
        if parsed is None or parsed.front is None:
            self.result.conflicts.append(f"{entry['file']}: its entity is gone, but the note has no front matter "
                                         "kg can read to mark it stale (left as it is)")
            return entry
        if parsed.front.get("kg_stale") is not True:
            front = {**parsed.front, "kg_stale": True}
            new = f"---\n{dump_front(front)}---\n{split_front_matter(data.decode('utf-8')).body}".encode("utf-8")
            writes[entry["file"]] = new
            self.result.stale.append(entry["file"])
            return {**entry, "sha256": _digest(new), "pure": False, "stale": True}
        self.result.unchanged += 1
        return entry

    def _save(self, manifest: dict[str, dict]) -> None:
        data = {"generator": "kg vault", "version": MANIFEST_VERSION,
                "notes": {k: manifest[k] for k in sorted(manifest)}}
        raw = (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        path = self.folder / MANIFEST
        try:
            if not path.is_symlink() and path.read_bytes() == raw:
                return
        except OSError:
            pass
        write_atomically(path, raw)
