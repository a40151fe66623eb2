"""A document's own names (participants, show, listed entities, topics) as patterns to find
in its text and as span-less mentions, with the type each source suggests.

>>> from kg.model import Document, Participant
>>> doc = Document(id="d", source="d.txt", format="text", title="T", participants=[Participant("Ada Byron", "guest")])
>>> document_patterns(doc)
{'ada byron': ('Ada Byron', 'Person', 0.95, 'guest')}
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from .model import Document, Mention
from .normalize import clean, is_noise
from .terms import forms

FIELD_TYPES = {"host": "Person", "guest": "Person", "speaker": "Person", "show": "Show", "people": "Person",
                "companies": "Organization", "models": "Model", "concepts": "Concept", "works": "Work",
                "topics": "Concept", "title topic": "", "term": ""}


def patterns_of(entries: Iterable[tuple[str, str, str, float, str]]) -> dict[str, tuple[str, str, float, str]]:
    """Surface -> (target name, type, confidence, field); the first entry for a surface wins."""
    patterns: dict[str, tuple[str, str, float, str]] = {}
    for surface, target, type_, conf, fld in entries:
        surface = clean(surface)
        if len(surface) >= 3 and not is_noise(surface) and surface.lower() not in patterns:
            patterns[surface.lower()] = (clean(target), type_, conf, fld)
    return patterns


def document_patterns(document: Document) -> dict[str, tuple[str, str, float, str]]:
    """This document's own names: participants, show and listed entities."""
    entries = [(p.name, p.name, "Person", 0.95, p.role) for p in document.participants]
    if document.show:
        entries.append((document.show, document.show, "Show", 0.95, "show"))
    entries += [(form, e.name, meta_type(e), e.confidence * 0.9, e.field) for e in document.entities
                if e.start is None and e.field in FIELD_TYPES and e.confidence >= 0.6
                for form in (forms(e.category or e.name) if e.field == "term" else [e.name])]
    return patterns_of(entries)


@lru_cache(maxsize=4)
def alias_patterns(nlp: Language, aliases: tuple[tuple[str, str, str], ...]) -> tuple[dict, PhraseMatcher | None]:
    """The entity notes' aliases as patterns and their matcher, built once per corpus (and process)."""
    patterns = patterns_of((alias, name, type_, 0.9, "alias") for alias, name, type_ in aliases)
    return patterns, pattern_matcher(nlp, patterns) if patterns else None


def pattern_matcher(nlp: Language, patterns: dict) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for surface in patterns:
        matcher.add(surface, [nlp.make_doc(surface)])
    return matcher


def metadata_mentions(document: Document) -> list[Mention]:
    """Span-less mentions for participants, show, listed entities, topics and tags."""
    out = [Mention(document.id, p.name, "Person", "metadata", 1.0, field=p.role) for p in document.participants]
    if document.show:
        out.append(Mention(document.id, document.show, "Show", "metadata", 1.0, field="show"))
    for e in document.entities:
        if e.start is None:
            out.append(Mention(document.id, e.name, meta_type(e), "metadata", e.confidence, field=e.field,
                               context=e.context))
    out.extend(Mention(document.id, t, "Concept", "metadata", 0.8, field="topics") for t in document.topics)
    return out


_CATEGORY_TYPES = {"ai_model": "Model", "model": "Model", "person": "Person", "people": "Person",
                   "geopolitical_focus": "Place", "geopolitical": "Place", "country": "Place", "place": "Place",
                   "tech": "Organization", "big_tech": "Organization", "ai_company": "Organization",
                   "ai_startup": "Organization", "company": "Organization", "ai_infrastructure": "Organization",
                   "investor": "Organization", "university": "Organization"}


def meta_type(e) -> str:
    """The type a metadata list suggests; '' when the upstream tool did not know."""
    if e.field == "companies":
        return _CATEGORY_TYPES.get((e.category or "").lower(), "")
    return FIELD_TYPES.get(e.field, "")
