"""Plain dataclasses that flow between the stages of a build.

read -> `Document` (with `Turn`, `Participant`, `MetaEntity`) -> extract -> `Mention`
-> resolve -> `Entity` -> link -> graph. Query results reuse `Entity` and add
`Neighbor` and `Evidence`.

>>> doc = Document(id="ep1", source="ep1.txt", format="text", title="Ep 1", text="Hi OpenAI.")
>>> doc.turns = [Turn(text=doc.text, start=0, end=len(doc.text))]
>>> doc.text[doc.turns[0].start:doc.turns[0].end]
'Hi OpenAI.'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

ENTITY_TYPES = ("Person", "Organization", "Model", "Concept", "Episode", "Show", "Place", "Work")
RELATIONS = ("part_of", "hosted_by", "features", "mentions", "discusses", "co_occurs_with", "sponsored_by")


@dataclass
class Turn:
    """One speaker turn: `text` is `Document.text[start:end]`."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    seconds: float | None = None
    voice: str | None = None      # a generic label ("Speaker 2"): no one's turn unless a correction names it


@dataclass
class Participant:
    """A person taking part in an episode; role is "host", "guest" or "speaker"."""

    name: str
    role: str


@dataclass
class MetaEntity:
    """An entity named by the file's own metadata or markup, not found by NER.

    `field` says where it came from (companies, people, topics, tags, wikilink...);
    `start`/`end` are set when it also has a span in `Document.text` (wikilinks).
    """

    name: str
    field: str
    confidence: float = 1.0
    category: str | None = None
    context: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Chapter:
    """A chapter of an episode: its title and the second it starts at (None when unknown)."""

    title: str
    seconds: float | None = None


@dataclass
class Document:
    """One episode (or a listing stub of another episode) read from a file.

    `times` maps character offsets to seconds into the recording (sorted), so any
    mention can be placed in time; `headings` are spans of section headings; `parent` is set on listing stubs split out of
    a saved web page; `notes` describe what the reader kept and dropped.
    """

    id: str
    source: str
    format: str
    title: str
    text: str = ""
    turns: list[Turn] = field(default_factory=list)
    times: list[tuple[int, float]] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)
    ads: list[tuple[int, int]] = field(default_factory=list)           # sponsor reads (kg.read.ads)
    chapters: list[Chapter] = field(default_factory=list)
    date: str | None = None
    show: str | None = None
    url: str | None = None
    participants: list[Participant] = field(default_factory=list)
    entities: list[MetaEntity] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    parent: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class EntityNote:
    """A note that describes an entity (e.g. an Obsidian `Jakub Pachocki.md` with
    `aliases:`); it extends the alias table instead of becoming an episode."""

    name: str
    aliases: list[str]
    source: str
    type: str | None = None


@dataclass
class Problem:
    """A skipped file or a warning about a file, as listed in the build report."""

    file: str
    reason: str

    def to_dict(self, key: str = "reason") -> dict:
        return {"file": self.file, key: self.reason}


@dataclass
class Corpus:
    """Everything the read stage produced."""

    documents: list[Document] = field(default_factory=list)
    notes: list[EntityNote] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    not_transcripts: list[str] = field(default_factory=list)  # files of a format kg reads holding no episode
    files: int = 0
    digests: dict[str, str] = field(default_factory=dict)     # file -> sha256 of its bytes


@dataclass
class Mention:
    """One mention of a would-be entity in a document.

    `start`/`end` are character offsets into `Document.text` (None for mentions that
    only exist in metadata); `window` is the co-occurrence window (sentence or short
    turn) it falls in; `key` is the gazetteer key when the ruler or an alias matched.
    """

    doc: str
    surface: str
    type: str
    source: str
    confidence: float = 1.0
    start: int | None = None
    end: int | None = None
    turn: int | None = None
    speaker: str | None = None
    seconds: float | None = None
    window: int | None = None
    key: str | None = None
    field: str | None = None
    context: str | None = None
    name: str | None = None           # the name a misheard form stands for ("thomas sent home": Tuomas Sandholm)


EXTRACTION_VERSION = "45"      # bump when extraction gives different mentions for the same input


@dataclass
class Extraction:
    """What extraction found in one document: its mentions and sentence starts."""

    doc: str
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    error: str | None = None        # why extraction failed on this document (it is then skipped)


@dataclass
class Entity:
    """One real-world thing: a node of the graph."""

    id: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    wikidata: str | None = None
    sources: list[str] = field(default_factory=list)
    confidence: float = 1.0
    key: str | None = None
    merged_by: dict[str, str] = field(default_factory=dict)
    attrs: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Entity({self.label!r}, {self.type}, mentions={self.mentions})"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Evidence:
    """Where an edge comes from: the file, episode, speaker, second and quote."""

    source: str
    episode: str | None = None
    speaker: str | None = None
    seconds: float | None = None
    url: str | None = None
    quote: str | None = None
    origin: str = "ner"
    confidence: float | None = None

    def __repr__(self) -> str:
        at = f" @{self.seconds:g}s" if self.seconds is not None else ""
        who = f"{self.speaker}: " if self.speaker else ""
        return f"Evidence({who}{self.quote!r}{at})"

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def of(cls, value: Evidence | dict) -> Evidence:
        """An Evidence, from itself or from its `to_dict()` form (graphs may hold either)."""
        return value if isinstance(value, cls) else cls(**value)


@dataclass
class Neighbor:
    """One neighbour of an entity, by relation, with weight and evidence."""

    entity: Entity
    relation: str
    weight: float
    score: float | None = None
    evidence: list[Evidence] = field(default_factory=list)
    evidence_count: int = 0
    direction: str = "out"

    def __repr__(self) -> str:
        return f"Neighbor({self.entity.label!r}, {self.relation}, weight={self.weight:g})"

    def to_dict(self) -> dict:
        return {
            "entity": self.entity.label,
            "id": self.entity.id,
            "type": self.entity.type,
            "relation": self.relation,
            "direction": self.direction,
            "weight": self.weight,
            "score": self.score,
            "evidence_count": self.evidence_count,
            "evidence": [e.to_dict() for e in self.evidence],
        }
