"""The curated gazetteer of the AI field (`ontology/gazetteer/*.yaml`): entries,
their surface forms, and a lookup from a surface to its entry.

Labels and aliases match case-insensitively (and without accents); abbreviations,
and every surface of an `ambiguous` entry, match only with their exact case.

>>> g = Gazetteer.from_entries([{"key": "openai", "label": "OpenAI", "type": "Organization", "aliases": ["Open AI"]},
...                             {"key": "rl", "label": "reinforcement learning", "type": "Concept", "abbreviations": ["RL"]}])
>>> g.lookup("open ai").label, g.lookup("RL").key, g.lookup("rl")
('OpenAI', 'rl', None)
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import ConfigError
from .heard import Heard, around, locate
from .heard import parse as parse_heard
from .normalize import fold

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TYPES = ("Person", "Organization", "Model", "Concept", "Show", "Place", "Work")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def default_dir() -> Path:
    """`ontology/gazetteer` next to the package (a source checkout or editable install)."""
    return Path(__file__).resolve().parent.parent / "ontology" / "gazetteer"


@dataclass(frozen=True)
class Entry:
    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    wikidata: str | None = None
    ambiguous: bool = False
    broader: tuple[str, ...] = ()
    developer: str | None = None
    family: str | None = None
    heard: tuple[Heard, ...] = ()

    def surfaces(self) -> list[tuple[str, bool]]:
        """(surface, exact_case) pairs, with hyphen/space and plural variants."""
        out: list[tuple[str, bool]] = []
        for text in (self.label, *self.aliases):
            for variant in _variants(text, self.type):
                out.append((variant, self.ambiguous))
        out.extend((abbr, True) for abbr in self.abbreviations)
        out.extend((abbr.upper(), True) for abbr in self.abbreviations
                   if not abbr.isupper() and not abbr.islower() and len(abbr) >= 3)
        out.extend((abbr + "s", True) for abbr in self.abbreviations
                   if self.type == "Concept" and abbr.isupper() and len(abbr) >= 2)
        return list(dict.fromkeys(out))


_CAMEL = re.compile(r"^([A-Z][a-z]+)([A-Z][a-z]+)$|^([A-Z]{2,})([a-z]{2,})$")


def _split_camel(word: str) -> str:
    """'AlphaGo' -> 'Alpha Go', 'GDPval' -> 'GDP val'; other words unchanged."""
    camel = _CAMEL.match(word)
    if not camel:
        return word
    head, tail = (camel.group(1), camel.group(2)) if camel.group(1) else (camel.group(3), camel.group(4))
    return f"{head} {tail}"


def _variants(text: str, type_: str) -> list[str]:
    """The surface, its hyphen/space forms, CamelCase split (AlphaGo -> Alpha Go) and plurals."""
    variants = [text]
    if type_ in ("Model", "Organization", "Work"):
        split = " ".join(_split_camel(word) for word in text.split(" "))
        if split != text:
            variants.append(split)
    if type_ == "Work" and re.search(r"[,:;]", text):
        variants.append(re.sub(r"\s*[,:;]\s*", " ", text).strip())
    if "-" in text and type_ in ("Concept", "Work"):
        variants.append(text.replace("-", " "))
        if text.count("-") == 1 and " " not in text:
            variants.append(text.replace("-", ""))
    if type_ == "Concept" and re.search(r"[a-z]{3}$", text) and not text.endswith(("s", "ing", "y")):
        variants += [v + "s" for v in list(variants)]
    return variants


class Gazetteer:
    """Entries by key and a surface -> key lookup."""

    def __init__(self, entries: list[Entry], version: str):
        self.entries = {e.key: e for e in entries}
        self.version = version
        self._folded: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        self._heard: dict[str, list[tuple[str, Heard]]] = {}
        for e in entries:
            for h in e.heard:
                self._heard.setdefault(fold(h.text), []).append((e.key, h))
        for e in entries:
            for surface, exact in e.surfaces():
                if exact:
                    self._exact.setdefault(surface, e.key)
                else:
                    self._folded.setdefault(fold(surface), e.key)

    @classmethod
    def from_entries(cls, raw: list[dict], version: str = "test") -> Gazetteer:
        return cls([_entry(item, "<entries>") for item in raw], version)

    def lookup(self, surface: str) -> Entry | None:
        key = self._exact.get(surface) or self._folded.get(fold(surface))
        return self.entries[key] if key else None

    def heard(self, surface: str, text: str | None = None, start: int | None = None) -> tuple[Entry, str] | None:
        """The entry a speech-recognition variant stands for (see kg.heard). `text` is the
        document text with `surface` at `start`, or (without `start`) a context quote that may
        contain it. Returns the entry and the variant found: trailing words that are not
        capitalised, and a possessive, are dropped first ("Quen models", "Quen 2.5" -> "Quen").

        >>> g = Gazetteer.from_entries([{"key": "windsurf", "label": "Windsurf", "type": "Organization",
        ...                              "heard": [{"text": "Windsor", "near": ["cursor"], "not_after": ["in"]}]}])
        >>> entry, form = g.heard("Windsor bet", "betting harder on agents than Cursor")
        >>> entry.label, form
        ('Windsurf', 'Windsor')
        >>> g.heard("Windsor", "I grew up in Windsor and now work at Cursor"), g.heard("Windsor", "a castle")
        (None, None)
        """
        words = surface.split()
        while words:
            form = re.sub(r"['’]s$", "", " ".join(words))
            variants = self._heard.get(fold(form), ())
            place = (around(text, start, start + len(form)) if text is not None and start is not None
                     else locate(form, text or "")) if variants else None
            for key, h in variants:
                if h.allows(*place):
                    return self.entries[key], form
            if len(words) == 1 or words[-1][:1].isupper():
                break
            words.pop()
        return None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries.values())


def _entry(item: dict, source: str) -> Entry:
    try:
        key, label, type_ = item["key"], item["label"], item["type"]
    except (KeyError, TypeError):
        raise ConfigError(f"{source}: gazetteer entry {item!r} needs key, label and type") from None
    if not isinstance(key, str) or not _KEY.match(key) or type_ not in TYPES:
        raise ConfigError(f"{source}: gazetteer entry {key!r} has a bad key or type {type_!r} (types: {', '.join(TYPES)})")

    def strings(name: str) -> tuple[str, ...]:
        value = item.get(name) or []
        return tuple(str(v) for v in (value if isinstance(value, list) else [value]))

    return Entry(key=key, label=str(label), type=type_, aliases=strings("aliases"),
                 abbreviations=strings("abbreviations"), wikidata=item.get("wikidata"),
                 ambiguous=bool(item.get("ambiguous", False)), broader=strings("broader"),
                 developer=item.get("developer"), family=item.get("family"),
                 heard=tuple(parse_heard(h, f"{source}: {key}") for h in item.get("heard") or []))


def files(folder: str | None = None) -> list[Path]:
    """The gazetteer's YAML files: every `*.yaml` of a folder, or the one file given."""
    path = Path(folder) if folder else default_dir()
    return sorted(path.glob("*.yaml")) if path.is_dir() else ([path] if path.is_file() else [])


@lru_cache(maxsize=4)
def load(folder: str | None = None) -> Gazetteer:
    """Load every `*.yaml` file of the gazetteer folder (cached per folder)."""
    path = Path(folder) if folder else default_dir()
    paths = files(folder)
    if not paths:
        raise ConfigError(f"no gazetteer found at {path} (expected ontology/gazetteer/*.yaml)")
    digest = hashlib.sha256()
    entries: list[Entry] = []
    for file in paths:
        data = file.read_bytes()
        digest.update(data)
        try:
            doc = yaml.load(data, Loader=_LOADER) or {}  # noqa: S506 - the C safe loader
        except yaml.YAMLError as err:
            raise ConfigError(f"{file}: invalid YAML: {err}") from None
        entries.extend(_entry(item, str(file)) for item in doc.get("entities") or [])
    dupes = sorted(k for k, n in Counter(e.key for e in entries).items() if n > 1)
    if dupes:
        raise ConfigError(f"{path}: duplicate gazetteer keys: {', '.join(dupes[:10])}")
    return Gazetteer(entries, digest.hexdigest()[:16])
