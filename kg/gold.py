"""Read hand-written gold annotations (schema versions 1 and 2), checked.

A gold file is YAML with a `documents` list; each document names a corpus file and
what a perfect build would say about it. `tests/gold/README.md` is the schema.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "gold.yaml"
>>> _ = path.write_text('''version: 2
... documents:
...   - file: ep1.md
...     split: held-back
...     episode: {show: Deep Loop, hosts: [Ada Byron], guests: absent, date: absent}
...     entities: [{label: OpenAI, type: Organization}]
...     merges: [[Ada Byron, Ada]]
...     misheard: [{heard: open eye, means: OpenAI}]
... ''')
>>> doc = read_gold(path)[0]
>>> doc.file, doc.split, doc.episode["guests"], doc.episode["date"], doc.misheard[0].means
('ep1.md', 'held-back', [], None, 'OpenAI')
"""
from __future__ import annotations

import reprlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .model import ENTITY_TYPES
from .read.frontmatter import as_date, load_yaml

SPLITS = ("tune", "held-back")
FIELDS = ("title", "show", "hosts", "guests", "date", "url")
LISTS = ("hosts", "guests")
ABSENT = "absent"
HINT = "gold annotations are YAML with a 'documents' list, like tests/gold/seeds.yaml"


@dataclass
class GoldEntity:
    label: str
    type: str
    surface: list[str] = field(default_factory=list)
    optional: bool = False


@dataclass
class Misheard:
    heard: str
    means: str


@dataclass
class GoldDocument:
    """One annotated corpus file. `episode` holds only the fields the gold states:
    None means the file states no such value (written `absent`), a missing key means not annotated."""

    file: str
    version: int = 1
    split: str = "tune"
    episode: dict = field(default_factory=dict)
    speakers: list[str] | None = None
    entities: list[GoldEntity] = field(default_factory=list)
    merges: list[list[str]] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    misheard: list[Misheard] = field(default_factory=list)
    gold_file: str = ""

    @property
    def exhaustive(self) -> bool:
        """Version 1 lists every entity of the document, so what else is linked is a false positive;
        version 2 lists the central ones only (recall, not precision)."""
        return self.version == 1


def read_gold(path: str | Path) -> list[GoldDocument]:
    """The documents of a gold file, checked (InputError naming the file, line and what is wrong)."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text", hint=HINT) from None
    try:
        gold = load_yaml(text, str(path))
    except InputError as err:
        raise InputError(str(path), err.message.replace("invalid YAML", "not YAML").replace(
            "YAML front matter is", "the file is"), line=err.line, hint=HINT) from None
    documents = gold.get("documents")
    if not isinstance(documents, list):
        raise InputError(str(path), "not a gold file: no 'documents' list", hint=HINT)
    if not documents:
        raise InputError(str(path), "no gold documents: the 'documents' list is empty", hint=HINT)
    version = gold.get("version", 1)
    if version not in (1, 2):
        raise InputError(str(path), f"gold schema version {version!r} is not one kg reads (1 or 2)", hint=HINT)
    out = []
    for n, raw in enumerate(documents, 1):
        try:
            out.append(_document(raw, version, str(path)))
        except ValueError as err:
            raise InputError(str(path), f"document {n}: {err}", hint=HINT) from None
    return out


def _document(raw, version: int, gold_file: str) -> GoldDocument:
    if not isinstance(raw, dict) or not isinstance(raw.get("file"), str):
        raise ValueError("needs 'file', the name of a corpus file")
    file = raw["file"]
    if raw.get("episode") is not None and not isinstance(raw["episode"], dict):
        raise ValueError(f"{file}: 'episode' must be a mapping (show, date, hosts, guests, url, title)")
    split = raw.get("split", "tune")
    if split not in SPLITS:
        raise ValueError(f"{file}: 'split' must be one of {', '.join(SPLITS)}, not {reprlib.repr(split)}")
    return GoldDocument(
        file=file, version=version, split=split, gold_file=gold_file,
        episode=_episode(raw.get("episode") or {}, file),
        speakers=None if "speakers" not in raw else _names(raw["speakers"], file, "speakers"),
        entities=[_entity(e, file) for e in _list(raw.get("entities"), file, "entities")],
        merges=[_group(group, file) for group in _list(raw.get("merges"), file, "merges")],
        must_not=_names(raw.get("must_not"), file, "must_not"),
        misheard=[_misheard(m, file) for m in _list(raw.get("misheard"), file, "misheard")])


def _episode(raw: dict, file: str) -> dict:
    episode = {}
    for key in FIELDS:
        if key not in raw:
            continue
        value = raw[key]
        if key in LISTS or key == "show":
            episode[key] = _names(value, file, f"episode {key}")
        elif value is None or value == ABSENT:
            episode[key] = None
        elif isinstance(value, (list, dict)):
            raise ValueError(f"{file}: episode {key} is one value, not {reprlib.repr(value)}")
        elif key == "date":
            episode[key] = as_date(value)
            if episode[key] is None:
                raise ValueError(f"{file}: episode date {reprlib.repr(value)} is not a date (YYYY-MM-DD or absent)")
        else:
            episode[key] = str(value)
    return episode


def _entity(e, file: str) -> GoldEntity:
    if not isinstance(e, dict) or not isinstance(e.get("label"), str) or e.get("type") not in ENTITY_TYPES:
        raise ValueError(f"{file}: entity {reprlib.repr(e)} needs a 'label' and a 'type' ({', '.join(ENTITY_TYPES)})")
    surface = e.get("surface", [])
    if not isinstance(surface, list) or not all(isinstance(x, str) for x in surface):
        raise ValueError(f"{file}: entity {e['label']!r}: 'surface' must be a list of names")
    return GoldEntity(e["label"], e["type"], list(surface), bool(e.get("optional")))


def _misheard(m, file: str) -> Misheard:
    if not isinstance(m, dict) or not isinstance(m.get("heard"), str) or not isinstance(m.get("means"), str):
        raise ValueError(f"{file}: misheard entry {reprlib.repr(m)} needs 'heard' and 'means'")
    return Misheard(m["heard"], m["means"])


def _list(value, file: str, key: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{file}: '{key}' must be a list")
    return value


def _names(value, file: str, key: str) -> list[str]:
    """A list of names from a list, one name, or nothing (`absent`, null)."""
    if value is None or value == ABSENT:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(f"{file}: '{key}' must be a name or a list of names, not {reprlib.repr(value)}")
    return list(value)


def _group(value, file: str) -> list[str]:
    if not isinstance(value, list) or len(value) < 2 or not all(isinstance(x, str) for x in value):
        raise ValueError(f"{file}: 'merges' is a list of groups of two or more names, e.g. [[Ada Byron, Ada]], "
                         f"not {reprlib.repr(value)}")
    return list(value)
