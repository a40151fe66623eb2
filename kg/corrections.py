"""A user's corrections: `.kg/corrections.yaml` in a corpus folder (or `kg build --corrections
FILE`), read and checked here, applied by `kg.fixes` during resolution on every build.

    merge:    [[Lockheed Martin, Lockheed]]          # one node; the first name is its label
    split:    [{alias: United, from: United States}]  # the alias's mentions become their own entity
    type:     {Kindle: Work}                           # this name is of that type
    ignore:   [Sorry Dave]                             # never a node (nor a mention of another)
    add:      [{name: Quillory, type: Organization}]   # a node, found in the text if NER missed it
    speakers: [{label: Speaker 1, person: Ada Byron, file: ep-4.vtt, role: guest}]   # file, role optional

Every mistake is a `CorrectionsError` naming the file and line and saying what to write instead.

>>> fixes = parse("merge: [[Lockheed Martin, Lockheed]]\\ntype:\\n  Kindle: Work\\n", "c.yaml")
>>> [(c.kind, c.names, c.type, c.line) for c in fixes]
[('merge', ('Lockheed Martin', 'Lockheed'), None, 1), ('type', ('Kindle',), 'Work', 3)]
>>> fixes[0].rule
'correction (c.yaml line 1)'
>>> try:
...     parse("merge: [Lockheed, Lockheed Martin]", "c.yaml")
... except CorrectionsError as err:
...     print(err)
a merge is a list of names, not a name (c.yaml, line 1): write merge: [[Lockheed Martin, Lockheed]]
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ConfigError, InputError
from .gazetteer import TYPES
from .read.frontmatter import load_yaml
from .read.walk import labels

FILE = Path(".kg") / "corrections.yaml"
KINDS = ("merge", "split", "type", "ignore", "add", "speakers")
ROLES = ("host", "guest")
MAX_NAME = 200
_SHAPES = {"merge": "merge: [[Lockheed Martin, Lockheed]]", "split": "split: [{alias: United, from: United States}]",
           "type": "type: {Kindle: Work}", "ignore": "ignore: [Sorry Dave]",
           "add": "add: [{name: Quillory, type: Organization}]",
           "speakers": "speakers: [{label: Speaker 1, person: Ada Byron}]"}
_FIELDS = {"split": (("alias", "from"), ()), "add": (("name", "type"), ()),
           "speakers": (("label", "person"), ("file", "role"))}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CorrectionsError(ConfigError):
    """A corrections file kg cannot use: what is wrong (file, line N): what to write instead."""

    def __init__(self, what: str, file: str, line: int, todo: str):
        self.file, self.line = file, line
        super().__init__(what, f"{file}, line {line}", todo)


@dataclass(frozen=True)
class Correction:
    """One correction: `names` are merge's names, split's (alias, from), speakers' (label, person),
    else the one name; `shown` and `line` say where it was written."""

    kind: str
    names: tuple[str, ...]
    type: str | None = None
    file: str | None = None          # speakers: only this episode file
    role: str | None = None          # speakers: host or guest
    shown: str = ""
    line: int = 0

    @property
    def rule(self) -> str:
        """What `merged_by` records for a name this correction put on a node."""
        return f"correction ({self.shown} line {self.line})"

    def text(self) -> str:
        """The correction in short, as the report lists it."""
        if self.kind == "merge":
            return "merge [" + ", ".join(self.names) + "]"
        if self.kind == "split":
            return f"split {self.names[0]} from {self.names[1]}"
        if self.kind == "speakers":
            return f"speaker {self.names[0]} is {self.names[1]}" + (f" in {self.file}" if self.file else "")
        return f"{self.kind} {self.names[0]}" + (f": {self.type}" if self.type else "")


@dataclass
class Corrections:
    """The corrections of a build, in file order, and each file's (shown name, sha256) for the memo."""

    items: list[Correction]
    files: list[tuple[str, str]]

    def __bool__(self) -> bool:
        return bool(self.items)


def find(roots: list, extra: str | os.PathLike | None = None) -> list[tuple[Path, str]]:
    """(path, name shown in rules and the report) of each corrections file: every corpus root's
    `.kg/corrections.yaml` (prefixed by the root's label when there are several), then `extra`
    (shown by its file name); a file given twice is read once.

    >>> find([], "fixes/my-corrections.yaml")
    [(PosixPath('fixes/my-corrections.yaml'), 'my-corrections.yaml')]
    """
    dirs = [Path(r) for r in roots if Path(r).is_dir()]
    names = labels([Path(os.path.abspath(d)) for d in dirs])
    found = [(d / FILE, (f"{n}/" if len(dirs) > 1 else "") + FILE.as_posix()) for d, n in zip(dirs, names)
             if (d / FILE).is_file()]
    if extra is not None:
        found.append((Path(extra), Path(extra).name))
    seen: set[str] = set()
    return [(p, shown) for p, shown in found if not (os.path.realpath(p) in seen or seen.add(os.path.realpath(p)))]


def load(roots: list, extra: str | os.PathLike | None = None) -> Corrections:
    """The corrections of a build over `roots` (see `find`), checked."""
    items, files = [], []
    for path, shown in find(roots, extra):
        try:
            data = path.read_bytes()
        except OSError as err:
            raise ConfigError(f"cannot read the corrections file: {err.strerror}", str(path),
                              "check the path and its permissions") from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[:err.start].count(b"\n") + 1
            raise CorrectionsError("not UTF-8 text", str(path), line, "save the file as UTF-8") from None
        items += parse(text, shown, str(path))
        files.append((shown, hashlib.sha256(data).hexdigest()))
    return Corrections(items, files)


def parse(text: str, shown: str, path: str | None = None) -> list[Correction]:
    """The corrections in `text` (a file shown as `shown`; errors name `path`, default `shown`)."""
    where = path or shown
    try:
        load_yaml(text, where, what="a corrections file")      # size, depth and alias limits, syntax
    except InputError as err:
        hint = err.hint if "not a mapping" not in err.message else \
            "start lines with 'merge:', 'type:', ... (see docs/corrections.md)"
        raise CorrectionsError(err.message, where, err.line or 1, hint or "fix the YAML") from None
    root = yaml.compose(text, Loader=_LOADER)      # the same text again, now with line numbers
    if root is None:
        return []
    out: list[Correction] = []
    seen: dict[str, int] = {}
    for key, value in root.value:
        kind = _scalar(key, where, "a key")
        if kind not in KINDS:
            raise CorrectionsError(f"unknown key '{kind[:40]}'", where, _line(key),
                                   "use " + ", ".join(KINDS[:-1]) + f" or {KINDS[-1]} (see docs/corrections.md)")
        if kind in seen:
            raise CorrectionsError(f"'{kind}' appears twice (also on line {seen[kind]})", where,
                                   _line(key), f"put every {kind} under one '{kind}:' key")
        seen[kind] = _line(key)
        make = _Reader(kind, where, shown)
        if value.tag.endswith(":null"):
            continue                              # 'merge:' with nothing under it yet
        if kind == "type":
            out += make.types(value)
        else:
            out += [make.item(node) for node in make.listed(value)]
    return out


class _Reader:
    """Turns the nodes under one key into Corrections, or says what is wrong with them."""

    def __init__(self, kind: str, where: str, shown: str):
        self.kind, self.where, self.shown = kind, where, shown

    def fail(self, what: str, node, todo: str | None = None):
        raise CorrectionsError(what, self.where, _line(node), todo or f"write {_SHAPES[self.kind]}")

    def listed(self, node) -> list:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(f"'{self.kind}' takes a list", node)
        return node.value

    def name(self, node, what: str = "a name") -> str:
        name = " ".join(_scalar(node, self.where, what, self.kind).split())
        if not name or len(name) > MAX_NAME:
            self.fail(f"{what} is empty" if not name else f"{what} is longer than {MAX_NAME} characters", node)
        return name

    def type(self, node) -> str:
        given = self.name(node, "a type")
        found = next((t for t in TYPES if t.lower() == given.lower()), None)
        if found is None:
            self.fail(f"unknown type '{given[:40]}'", node, "use one of " + ", ".join(TYPES))
        return found

    def types(self, node) -> list[Correction]:
        if not isinstance(node, yaml.MappingNode):
            self.fail("'type' takes a mapping of names to types", node)
        return [Correction("type", (self.name(k),), self.type(v), shown=self.shown, line=_line(k))
                for k, v in node.value]

    def item(self, node) -> Correction:
        line = _line(node)
        if self.kind == "merge":
            if not isinstance(node, yaml.SequenceNode):
                self.fail("a merge is a list of names, not a name", node)
            names = tuple(self.name(n) for n in node.value)
            if len({n.casefold() for n in names}) < 2:
                self.fail("a merge needs two different names", node)
            return Correction("merge", names, shown=self.shown, line=line)
        if self.kind == "ignore":
            return Correction("ignore", (self.name(node),), shown=self.shown, line=line)
        fields = self.fields(node)
        if self.kind == "split":
            if fields["alias"].casefold() == fields["from"].casefold():
                self.fail("a split's alias and from are the same name", node)
            return Correction("split", (fields["alias"], fields["from"]), shown=self.shown, line=line)
        if self.kind == "add":
            return Correction("add", (fields["name"],), fields["type"], shown=self.shown, line=line)
        role = fields.get("role")
        if role is not None and role not in ROLES:
            self.fail(f"unknown role '{role[:40]}'", node, "use role: host or role: guest, or leave it out")
        return Correction("speakers", (fields["label"], fields["person"]), file=fields.get("file"), role=role,
                          shown=self.shown, line=line)

    def fields(self, node) -> dict[str, str]:
        need, may = _FIELDS[self.kind]
        if not isinstance(node, yaml.MappingNode):
            self.fail(f"each '{self.kind}' item is a mapping with {' and '.join(need)}", node)
        out: dict[str, str] = {}
        for k, v in node.value:
            key = _scalar(k, self.where, "a key", self.kind)
            if key not in need + may:
                self.fail(f"unknown key '{key[:40]}' in '{self.kind}'", k, "use " + ", ".join(need + may))
            out[key] = self.type(v) if key == "type" else self.name(v, key)
        missing = [k for k in need if k not in out]
        if missing:
            self.fail(f"'{self.kind}' item without {' or '.join(missing)}", node)
        return out


def _line(node) -> int:
    return node.start_mark.line + 1


def _scalar(node, where: str, what: str, kind: str | None = None) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        raise CorrectionsError(f"{what} is missing or not text", where, _line(node),
                               f"write {_SHAPES[kind]}" if kind else "write text, e.g. 'merge:'")
    return node.value
