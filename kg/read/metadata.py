"""Front-matter fields -> episode facts: title, date, show, URL, people, entity
lists with confidence, topics, and the text of summaries/quotes/insights.

Values of odd types (numbers, nulls, nested maps where names belong) are
ignored with a warning naming the field.

>>> fm = {"title": "Ep 1", "published": "2025-07-31", "show": ["[[Before AGI]]"], "guests": 42,
...       "companies": [{"name": "OpenAI", "confidence": "high", "context": "at OpenAI"}]}
>>> m = read_fields(fm)
>>> m.title, m.date, m.show, m.entities[0].confidence, m.warnings
('Ep 1', '2025-07-31', 'Before AGI', 0.9, ["field 'guests' should be a name or a list of names, not a number; ignored"])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import MetaEntity, Participant
from .frontmatter import as_date, as_text, names

TITLE_KEYS = ("title", "episode_title", "name")
DATE_KEYS = ("date", "published", "publish_date", "published_date", "publication_date", "pubdate", "pub_date",
             "published_at", "release_date", "released", "upload_date", "uploaded", "air_date", "aired",
             "episode_date", "recorded", "recording_date")
URL_KEYS = ("url", "episode_url", "youtube_url", "video_url", "youtube", "video", "source", "original_url",
            "webpage_url", "link", "audio_url", "enclosure")
VIDEO_ID_KEYS = ("video_id", "youtube_id", "youtube_video_id")         # an id only: a YouTube watch URL
SHOW_KEYS = ("show", "podcast", "series", "channel", "program", "programme")
ROLE_KEYS = {"host": "host", "hosts": "host", "interviewer": "host", "guests": "guest", "guest": "guest",
             "interviewee": "guest", "featuring": "guest"}
LIST_KEYS = {"companies": "companies", "organizations": "companies", "organisations": "companies",
             "orgs": "companies", "people": "people", "persons": "people", "speakers": "people",
             "products": "products", "models": "models", "technologies": "products", "tools": "products",
             "entities": "entities", "mentions": "entities", "concepts": "concepts", "papers": "works",
             "books": "works", "benchmarks": "works"}
TOPIC_KEYS = ("topics", "keywords", "themes", "subjects")
TAG_KEYS = ("tags",)
TEXT_KEYS = ("summary", "description", "abstract", "quotes", "insights", "key_points", "takeaways", "highlights")
_CODED = re.compile(r"_|\d")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_CONFIDENCE = {"very high": 0.95, "high": 0.9, "medium": 0.6, "moderate": 0.6, "low": 0.3, "very low": 0.15}
_TYPE_WORDS = {"person": "Person", "people": "Person", "organization": "Organization", "organisation": "Organization",
               "company": "Organization", "model": "Model", "concept": "Concept", "topic": "Concept",
               "place": "Place", "paper": "Work", "book": "Work"}


@dataclass
class Fields:
    title: str | None = None
    date: str | None = None
    url: str | None = None
    show: str | None = None
    participants: list[Participant] = field(default_factory=list)
    entities: list[MetaEntity] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    entity_type: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def describes_entity(self) -> bool:
        """A note about a person/company/... (has aliases, no episode fields)."""
        return bool(self.aliases or self.entity_type) and not (
            self.show or self.participants or any(e.field != "tags" for e in self.entities) or self.texts)


def read_fields(fm: dict) -> Fields:
    low = {str(k).lower(): v for k, v in fm.items()}
    out = Fields()
    out.title = _scalar(low, TITLE_KEYS, out)
    out.date = next((d for k in DATE_KEYS if (d := as_date(low.get(k)))), None)
    if out.date is None:
        out.warnings.extend(f"field '{k}' is not a date kg can read ({str(low[k])[:40]!r}); ignored "
                            "(write it as YYYY-MM-DD)" for k in DATE_KEYS if low.get(k) not in (None, ""))
    out.url = next((u.strip() for k in URL_KEYS if isinstance(u := low.get(k), str)
                    and u.strip().startswith(("http://", "https://")) and " " not in u.strip()), None)
    if out.url is None:
        out.url = next((f"https://www.youtube.com/watch?v={v}" for k in VIDEO_ID_KEYS
                        if isinstance(v := low.get(k), str) and _YOUTUBE_ID.fullmatch(v.strip())), None)
    shows = _names(low, SHOW_KEYS, out)
    out.show = shows[0] if shows else None
    for key, role in ROLE_KEYS.items():
        if key in low:
            for name in _names(low, (key,), out):
                if _CODED.search(name):          # "Teaser_2021", "ep-12": a file's code, not a person
                    out.warnings.append(f"field '{key}' holds {name!r}, not a person's name; ignored")
                    continue
                out.participants.append(Participant(name, role))
    for key, kind in LIST_KEYS.items():
        if key in low:
            out.entities.extend(_entity_list(low[key], kind, key, out))
    for key in TOPIC_KEYS:
        if key in low:
            out.topics.extend(_topics(low[key], key, out))
    for key in TAG_KEYS:
        for tag in _names(low, (key,), out, split=False):
            out.entities.append(MetaEntity(tag.replace("-", " ").replace("_", " ").strip("#"), "tags", 0.3))
    for key in TEXT_KEYS:
        if key in low:
            out.texts.extend(_texts(low[key]))
    out.aliases = names(low.get("aliases") or low.get("alias") or [], split=False)
    for key in ("type", "kind"):
        for word in names(low.get(key) or [], split=False):
            if word.lower().strip("#") in _TYPE_WORDS and out.entity_type is None:
                out.entity_type = _TYPE_WORDS[word.lower().strip("#")]
    return out


def _scalar(low: dict, keys, out: Fields) -> str | None:
    for key in keys:
        if key in low and low[key] is not None:
            value = as_text(low[key])
            if value is None:
                out.warnings.append(f"field '{key}' should be text, not {_kind(low[key])}; ignored")
            return value
    return None


def _names(low: dict, keys, out: Fields, split: bool = True) -> list[str]:
    for key in keys:
        if key in low:
            value = low[key]
            found = names(value, split=split)
            if not found and value not in (None, "", []):
                out.warnings.append(f"field '{key}' should be a name or a list of names, not {_kind(value)}; ignored")
            return found
    return []


def _kind(value) -> str:
    return {bool: "true/false", int: "a number", float: "a number", dict: "a nested mapping",
            list: "a list without names"}.get(type(value), f"a {type(value).__name__}")


def confidence(value) -> float:
    """'high'/'medium'/'low', 0-1 or 0-100 -> 0-1 (0.8 when not stated)."""
    if isinstance(value, bool) or value is None:
        return 0.8
    if isinstance(value, (int, float)):
        return max(0.0, min(1.0, value / 100 if value > 1 else float(value)))
    return _CONFIDENCE.get(str(value).strip().lower(), 0.8)


def _entity_list(value, kind: str, key: str, out: Fields) -> list[MetaEntity]:
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if isinstance(item, dict):
            name = as_text(item.get("name") or item.get("entity") or item.get("label"))
            if not name:
                continue
            found.append(MetaEntity((names(name, split=False) or [name])[0], kind, confidence(item.get("confidence")),
                                    as_text(item.get("category") or item.get("type")), as_text(item.get("context"))))
        else:
            found.extend(MetaEntity(name, kind, 0.8) for name in names(item, split=False))
    if items and not found and value not in (None, "", []):
        out.warnings.append(f"field '{key}' holds no names; ignored")
    return found


def _topics(value, key: str, out: Fields) -> list[str]:
    items = value if isinstance(value, list) else [value]
    topics = []
    for item in items:
        if isinstance(item, dict):
            topic = as_text(item.get("topic") or item.get("name") or item.get("label"))
            if topic:
                topics.append(topic)
        else:
            topics.extend(names(item, split=False))
    return topics


def _texts(value) -> list[str]:
    """Text of summaries, quotes and insights (strings or mappings with `text`)."""
    items = value if isinstance(value, list) else [value]
    texts = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("text") or item.get("quote") or item.get("summary")
        if isinstance(item, str) and item.strip():
            texts.append(item.strip())
    return texts
