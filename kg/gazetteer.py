"""The curated gazetteer of the AI field (`ontology/gazetteer/*.yaml`): entries,
their surface forms, and a lookup from a surface to its entry.

Labels and aliases match case-insensitively (and without accents); abbreviations,
and every surface of an `ambiguous` entry, match only with their exact case. Entries carry
their `source` (`user` > `curated` > `epoch`, the generated `epoch-*.yaml` files): on a shared
key or name the earlier source wins. A generated ambiguous entry (`needs_context`) is not
in `lookup`: the ruler tags it only near a related name (see `related`).

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

from .authors import Authors
from .errors import ConfigError
from .heard import Heard, around, locate
from .heard import parse as parse_heard
from .normalize import fold, word_zipf

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TYPES = ("Person", "Organization", "Model", "Concept", "Show", "Place", "Work")
SOURCES = ("user", "curated", "epoch")          # precedence: a user's entry, then curated, then generated
GENERATED = {"epoch"}                             # sources written by a generator (kg/epoch.py)
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CUT_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")     # "U.S", "D.C": "U.S." before a full stop


def default_dir() -> Path:
    """`ontology/gazetteer` next to the package (a source checkout or editable install), else the
    copy a wheel ships inside the package (`kg/_ontology/gazetteer`)."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "ontology" / "gazetteer"
    return checkout if checkout.is_dir() else here / "_ontology" / "gazetteer"


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
    source: str = "curated"
    date: str | None = None
    domain: tuple[str, ...] = ()
    country: str | None = None
    kind: str | None = None
    organization: tuple[str, ...] = ()
    models: tuple[str, ...] = ()

    @property
    def generated(self) -> bool:
        """Made by a generator from open data (not curated or a user's): matched only by its full name as
        written, never by sound, spelling or a first or last name alone."""
        return self.source in GENERATED

    @property
    def needs_context(self) -> bool:
        """A generated ambiguous name ('Mercury', a shared surname): used only near a related name."""
        return self.ambiguous and self.generated

    def links(self) -> tuple[str, ...]:
        """Keys this entry names: its developer, organisations, models, broader entries and family."""
        return tuple(k for k in (self.developer, *self.organization, *self.models, *self.broader, self.family)
                     if k and k != self.key)

    def surfaces(self) -> list[tuple[str, bool]]:
        """(surface, exact_case) pairs, with hyphen/space and plural variants. A short acronym alias
        matches only in capitals: "SAM" is not "Sam", "LA" not "la", "US" not "us".

        >>> Entry("sam", "Segment Anything", "Model", aliases=("SAM",)).surfaces()[-1]
        ('SAM', True)
        """
        out: list[tuple[str, bool]] = []
        for text in (self.label, *self.aliases):
            acronym = text != self.label and ACRONYM.fullmatch(text) is not None
            for variant in _variants(text, self.type):       # a generated one-word name: as written ('Moonshot')
                out.append((variant, acronym or self.ambiguous or (self.generated and " " not in variant)))
        out.extend((abbr, True) for abbr in self.abbreviations)
        out.extend((abbr.upper(), True) for abbr in self.abbreviations
                   if not abbr.isupper() and not abbr.islower() and len(abbr) >= 3)
        out.extend((abbr + "s", True) for abbr in self.abbreviations
                   if self.type == "Concept" and abbr.isupper() and len(abbr) >= 2)
        return list(dict.fromkeys(out))

    def a_word(self) -> bool:
        """A one-word model name that is an English word (Zipf `MODEL_WORD_ZIPF` or more: "PaLM",
        "Bard", "Codex"): only its capitals tell it from the word (kg.ruler matches it as written
        or with a capital inside, "CodeX"; never in lowercase captions, "the palm of your hand").

        >>> Entry("palm", "PaLM", "Model").a_word(), Entry("qwerion", "Qwerion", "Model").a_word()
        (True, False)
        """
        return self.type == "Model" and self.label.isalpha() and word_zipf(self.label.lower()) >= MODEL_WORD_ZIPF


MODEL_WORD_ZIPF = 3.0
ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}")
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

    def __init__(self, entries: list[Entry], version: str, authors: Authors | None = None):
        self.spec: tuple[str | None, tuple[str, ...]] = (None, ())     # load()'s arguments, for worker processes
        self.authors = authors or Authors()             # who wrote which model (kg.authors)
        entries = _ranked(entries)
        self.entries = {e.key: e for e in entries}
        self.version = version
        self._folded: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        self._heard: dict[str, list[tuple[str, Heard]]] = {}
        self.related: dict[str, set[str]] = {}          # key needing context -> keys whose names are context
        for e in entries:
            for h in e.heard:
                self._heard.setdefault(fold(h.text), []).append((e.key, h))
        self._surfaces: dict[str, list[tuple[str, bool]]] = {}
        claimed: dict[str, int] = {}                   # folded surface -> rank of the first source naming it
        for e in entries:
            rank = SOURCES.index(e.source)
            mine = self._surfaces[e.key] = [(s, x) for s, x in e.surfaces() if claimed.get(fold(s), rank) >= rank]
            for surface, _ in mine:
                claimed.setdefault(fold(surface), rank)
            if e.needs_context:
                continue
            for surface, exact in mine:
                if exact:
                    self._exact.setdefault(surface, e.key)
                else:
                    self._folded.setdefault(fold(surface), e.key)
        for e in entries:
            for k in e.links():
                if e.needs_context:
                    self.related.setdefault(e.key, set()).add(k)
                if k in self.entries and self.entries[k].needs_context:
                    self.related.setdefault(k, set()).add(e.key)

    def surfaces(self, entry: Entry) -> list[tuple[str, bool]]:
        """The entry's (surface, exact_case) pairs, without those an entry of an earlier source
        names (a generated alias 'ImageNet' never shadows the curated ImageNet, in any case).

        >>> g = Gazetteer.from_entries([{"key": "imagenet", "label": "ImageNet", "type": "Work"},
        ...     {"key": "resnet", "label": "ResNet", "type": "Model", "aliases": ["ImageNet"], "source": "epoch"}])
        >>> g.surfaces(g.entries["resnet"]), g.lookup("ImageNet").key
        ([('ResNet', True), ('Res Net', False)], 'imagenet')
        """
        return self._surfaces.get(entry.key, entry.surfaces())

    @classmethod
    def from_entries(cls, raw: list[dict], version: str = "test") -> Gazetteer:
        return cls([_entry(item, "<entries>") for item in raw], version)

    def lookup(self, surface: str) -> Entry | None:
        """The entry a surface names; an initialism whose last period the sentence's end took ("the
        U.S" before a full stop) is looked up with it."""
        key = self._exact.get(surface) or self._folded.get(fold(surface))
        if key is None and _CUT_INITIALISM.match(surface):
            key = self._exact.get(surface + ".") or self._folded.get(fold(surface + "."))
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

    def broader_present(self, key: str, present: dict[str, str]) -> list[str]:
        """The nearest broader entries (`broader`, else a model's `family`) among `present` (key ->
        node IRI), climbing past those that are absent (Llama 3.1-405B -> Llama 3.1 -> Llama).

        >>> gaz = Gazetteer.from_entries([{"key": "ork", "label": "Ork", "type": "Model"},
        ...     {"key": "ork-2", "label": "Ork 2", "type": "Model", "family": "ork"},
        ...     {"key": "ork-2-9b", "label": "Ork 2-9B", "type": "Model", "broader": ["ork-2"], "family": "ork"}])
        >>> gaz.broader_present("ork-2-9b", {"ork": "iri:ork", "ork-2-9b": "iri:9b"})
        ['iri:ork']
        """
        out: set[str] = set()
        todo, seen = [key], {key}
        while todo:
            entry = self.entries.get(todo.pop(0))
            if entry is None:
                continue
            for up in list(entry.broader) or ([entry.family] if entry.type == "Model" and entry.family else []):
                if up not in seen:
                    seen.add(up)
                    if up in present:
                        out.add(present[up])
                    else:
                        todo.append(up)
        return sorted(out)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries.values())


def _ranked(entries: list[Entry]) -> list[Entry]:
    """Entries by source precedence (stable), and on a shared key only the first: a user's entry
    replaces a curated one, a curated one a generated one; one source naming a key twice is an error."""
    out: dict[str, Entry] = {}
    for e in sorted(entries, key=lambda e: SOURCES.index(e.source)):
        if e.key in out and out[e.key].source == e.source:
            raise ConfigError(f"duplicate gazetteer key {e.key!r} in the {e.source} gazetteer: rename one of them")
        out.setdefault(e.key, e)
    return list(out.values())


def _entry(item: dict, source: str, origin: str = "curated") -> Entry:
    try:
        key, label, type_ = item["key"], item["label"], item["type"]
    except (KeyError, TypeError):
        raise ConfigError(f"{source}: gazetteer entry {item!r} needs key, label and type") from None
    if not isinstance(key, str) or not _KEY.match(key) or type_ not in TYPES:
        raise ConfigError(f"{source}: gazetteer entry {key!r} has a bad key or type {type_!r} (types: {', '.join(TYPES)})")

    def strings(name: str) -> tuple[str, ...]:
        value = item.get(name) or []
        return tuple(str(v) for v in (value if isinstance(value, list) else [value]))

    origin = item.get("source") or origin
    if origin not in SOURCES:
        raise ConfigError(f"{source}: gazetteer entry {key!r} has source {origin!r}: use one of {', '.join(SOURCES)}")
    text = (lambda name: str(item[name]) if item.get(name) is not None else None)
    return Entry(key=key, label=str(label), type=type_, aliases=strings("aliases"),
                 abbreviations=strings("abbreviations"), wikidata=item.get("wikidata"),
                 ambiguous=bool(item.get("ambiguous", False)), broader=strings("broader"),
                 developer=item.get("developer"), family=item.get("family"),
                 heard=tuple(parse_heard(h, f"{source}: {key}") for h in item.get("heard") or []),
                 source=origin, date=text("date"), domain=strings("domain"), country=text("country"),
                 kind=text("kind"), organization=strings("organization"), models=strings("models"))


def files(folder: str | None = None) -> list[Path]:
    """The gazetteer's YAML files: every `*.yaml` of a folder, or the one file given."""
    path = Path(folder) if folder else default_dir()
    return sorted(path.glob("*.yaml")) if path.is_dir() else ([path] if path.is_file() else [])


def load(folder: str | None = None, extra: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer of a folder (default: the shipped one) plus `extra` folders or files, whose
    entries are a user's (they win over curated ones). Cached per argument."""
    path = Path(folder) if folder else default_dir()
    paths = files(folder)
    if not paths:
        raise ConfigError(f"no gazetteer found at {path} (expected ontology/gazetteer/*.yaml)")
    for more in extra:
        if not files(more):
            raise ConfigError(f"no gazetteer files (*.yaml) in {more}: give a folder of YAML files or one file")
    users = [p for more in extra for p in files(more)]
    gaz = _load(tuple(_stamp(p) for p in paths), tuple(_stamp(p) for p in users))
    gaz.spec = (folder, tuple(extra))
    return gaz


def _stamp(path: Path) -> tuple[str, str]:
    """(path, digest of its bytes): the cache key of a file, so an edited file is read again."""
    return str(path), hashlib.sha256(path.read_bytes()).hexdigest()


def load_files(paths: tuple[str, ...], user: tuple[str, ...] = ()) -> Gazetteer:
    """Load gazetteer YAML files (`user`: a user's files, source `user`); the version is a digest of them all."""
    return _load(tuple(_stamp(Path(p)) for p in paths), tuple(_stamp(Path(p)) for p in user))


@lru_cache(maxsize=4)
def _load(paths: tuple[tuple[str, str], ...], user: tuple[tuple[str, str], ...]) -> Gazetteer:
    digest = hashlib.sha256()
    entries: list[Entry] = []
    authors: dict[str, list[str]] = {}
    for file, origin in [(Path(p), "curated") for p, _ in paths] + [(Path(p), "user") for p, _ in user]:
        data = file.read_bytes()
        digest.update(file.name.encode() + b"\0" + data)
        try:
            doc = yaml.load(data, Loader=_LOADER) or {}  # noqa: S506 - the C safe loader
        except yaml.YAMLError as err:
            raise ConfigError(f"{file}: invalid YAML: {err}") from None
        if not isinstance(doc, dict):
            raise ConfigError(f"{file}: a gazetteer file is a mapping with 'entities:' (see docs/resolution.md)")
        default = origin if origin == "user" else doc.get("source") or origin
        entries.extend(_entry(item, str(file), default) for item in doc.get("entities") or [])
        wrote = doc.get("authors") or {}
        if not isinstance(wrote, dict) or not all(isinstance(v, list) for v in wrote.values()):
            raise ConfigError(f"{file}: 'authors:' maps a person's name to a list of model keys")
        for name, keys in wrote.items():
            authors.setdefault(str(name), []).extend(str(k) for k in keys)
    where = Path(paths[0][0]).parent if paths else "gazetteer"
    for source in SOURCES:
        dupes = sorted(k for k, n in Counter(e.key for e in entries if e.source == source).items() if n > 1)
        if dupes:
            raise ConfigError(f"{where}: duplicate gazetteer keys: {', '.join(dupes[:10])}")
    return Gazetteer(entries, digest.hexdigest()[:16], Authors(authors))
