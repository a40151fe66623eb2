"""Raw speech-recognition text before NER: find the names this episode makes likely where
they were heard wrong, and give known names their capital letters back.

Only documents `kg.read.text.speech_recognition` calls raw (almost no sentence marks, or no
capitals) are touched; everything comes from the document itself (its participants and
show) and the gazetteer, never from other files, so extraction stays a function of the file.
The text NER reads keeps every offset: names are re-cased in place, never re-spelt.

>>> from kg.model import Document, Participant
>>> doc = Document(id="d", source="d.txt", format="captions", title="T",
...                text="the following is a conversation with ada lovelays " * 30,
...                participants=[Participant("Ada Lovelace", "guest")])
>>> view = prepare(doc)
>>> view.text[:50], [(h.text, h.name) for h in view.heard][:1]
('the following is a conversation with Ada Lovelays ', [('ada lovelays', 'Ada Lovelace')])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from .authors import Authors
from .misheard import Known as KnownHeard, SoundIndex
from .model import Document, Mention
from .normalize import fold, word_zipf
from .read.text import speech_recognition
from .sounds import Heard, heard_names, title_words, truecase

SURNAME_ZIPF = 4.0         # a word after a given name rarer than this in English may be a surname
COMMON_ZIPF = 3.0          # a one-word name at least this common in English ("apple") keeps its case
CASED_TYPES = ("Person", "Organization", "Model", "Show", "Place", "Work")
HEARD_CONFIDENCE = 0.8     # a likely name of the episode heard wrong
KNOWN_CONFIDENCE = 0.7     # a well-known name heard wrong, with support in the episode (kg.misheard)


@dataclass
class SpeechView:
    """What NER reads of a document (`text`, same length as the document's), the likely
    names heard in it (`heard`, with `types`) and the well-known names heard in it (`known`)."""

    text: str
    heard: list[Heard] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)      # likely name -> its type
    known: list[KnownHeard] = field(default_factory=list)

    def spans(self) -> list[tuple[int, int]]:
        """Where a name was heard wrong: NER's own reading of these words gives way."""
        return sorted([(h.start, h.end) for h in self.heard] + [(k.start, k.end) for k in self.known])


@dataclass
class Known:
    """What the gazetteer offers raw text: written forms to re-case, and the given names of its
    people (a given name before a rare word is re-cased for NER to judge).

    Its curated names are also looked for by sound (`sounds`, kg.misheard), with stricter
    tests and support in the episode: heard by sound alone, 7 of 10 gazetteer names were
    ordinary words ("entropic" for Anthropic)."""

    cased: dict[str, str] = field(default_factory=dict)
    given: frozenset[str] = frozenset()
    sounds: SoundIndex | None = None
    authors: Authors = field(default_factory=Authors)
    models: dict[str, str] = field(default_factory=dict)       # model key -> label, for `authors`


def prepare(document: Document, known: Known | None = None) -> SpeechView:
    """The document as NER should read it; unchanged unless it is raw speech recognition."""
    return speech_view(document, known) if speech_recognition(document.text) else SpeechView(document.text)


def speech_view(document: Document, known: Known | None = None) -> SpeechView:
    """`prepare` for a document already known to be raw speech recognition."""
    known = known or Known()
    types = likely_names(document, known)
    heard = heard_names(document.text, [n for n, t in types.items() if t in ("Person", "Model")])
    own = {fold(n): n for n in types}
    taken = [(h.start, h.end) for h in heard]
    famous = known.sounds.find(document.text, document.title or "", taken) if known.sounds else []
    text = truecase(document.text, {**known.cased, **own})
    spans = taken + [(k.start, k.end) for k in famous] + person_like(text, known.given)
    if spans:
        chars = list(text)
        for start, end in spans:
            chars[start:end] = title_words(text[start:end])
        text = "".join(chars)
    return SpeechView(text, heard, types, famous)


def person_like(text: str, given: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of lowercase "given-name surname" pairs: a given name of the gazetteer's people
    followed by a word rarer than SURNAME_ZIPF in English that reads as no verb or adverb, for
    NER to judge with capitals ("stephen wolfram", not "john said" or "mark likely").

    >>> text = "we read stephen wolfram and then john said hello"
    >>> [text[a:b] for a, b in person_like(text, frozenset({"stephen", "john"}))]
    ['stephen wolfram']
    """
    out = []
    words = list(re.finditer(r"[a-z][a-z'’-]*", text))
    for a, b in zip(words, words[1:]):
        first, last = a.group(), b.group()
        if first in given and text[a.end():b.start()] == " " and len(last) >= 3 and last not in STOP_WORDS \
                and not last.endswith(("ing", "ed", "ly")) and word_zipf(last) < SURNAME_ZIPF:
            out.append((a.start(), b.end()))
    return out


def speech_mentions(doc_id: str, view: SpeechView) -> list[Mention]:
    """Mentions of the likely names `prepare` heard, each standing for its name (`Mention.name`),
    and of the well-known names it heard, each with its gazetteer key (field "sound-alike")."""
    return sorted([Mention(doc_id, h.text, view.types[h.name], "metadata", HEARD_CONFIDENCE, h.start, h.end,
                           field="heard", name=h.name) for h in view.heard]
                  + [Mention(doc_id, k.text, k.type, "ruler", KNOWN_CONFIDENCE, k.start, k.end, key=k.key,
                             field="sound-alike") for k in view.known], key=lambda m: m.start)


def known_names(gazetteer) -> Known:
    """`Known` of a gazetteer: `gazetteer_case`, its people's given names, its curated names' sounds."""
    entries = list(gazetteer)
    given = frozenset(w.lower() for e in entries if e.type == "Person" for text in (e.label, *e.aliases)
                      if len(w := text.split()) >= 2 and (w := w[0]).isalpha() and len(w) >= 3
                      and w[:1].isupper() and w.lower() not in STOP_WORDS)
    surfaces = [s for e in entries for s, _ in gazetteer.surfaces(e)]
    models = {e.key: e.label for e in entries if e.type == "Model" and not e.ambiguous}
    return Known(gazetteer_case(entries), given, SoundIndex.of_gazetteer(entries, surfaces), gazetteer.authors, models)


def likely_names(document: Document, known: Known | None = None) -> dict[str, str]:
    """The names this episode makes likely, with their types: its participants (from the file
    name, the intro, the show), its show, and the notable models its people wrote (`Known.authors`).

    >>> from kg.model import Participant
    >>> doc = Document(id="d", source="d.txt", format="captions", title="T", text="",
    ...                participants=[Participant("Ada Quill", "guest")])
    >>> likely_names(doc, Known(authors=Authors({"A Quill": ["ork"]}), models={"ork": "Orkestra"}))
    {'Ada Quill': 'Person', 'Orkestra': 'Model'}
    """
    people = [p.name for p in document.participants if len(p.name.split()) >= 2]
    names = {name: "Person" for name in people}
    if document.show:
        names[document.show] = "Show"
    if known is not None:
        for name in people:
            for key in known.authors.models_of(name):
                if key in known.models:
                    names.setdefault(known.models[key], "Model")
    return names


def gazetteer_case(entries) -> dict[str, str]:
    """Folded name -> written name for gazetteer names safe to re-case in lowercase text: proper
    names (not concepts) with a capital letter, not ambiguous, a one-word name only when rare in
    English ("anthropic", not "apple"); the first entry to claim a form keeps it.

    >>> from kg.gazetteer import Gazetteer
    >>> g = Gazetteer.from_entries([{"key": "a", "label": "Anthropic", "type": "Organization"},
    ...     {"key": "b", "label": "Apple", "type": "Organization"}, {"key": "c", "label": "deep learning",
    ...     "type": "Concept"}, {"key": "d", "label": "Yann LeCun", "type": "Person"}])
    >>> sorted(gazetteer_case(g).items())
    [('anthropic', 'Anthropic'), ('yann lecun', 'Yann LeCun')]
    """
    out: dict[str, str] = {}
    for entry in entries:
        if entry.type not in CASED_TYPES or entry.ambiguous:
            continue
        for text in (entry.label, *entry.aliases):
            key = fold(text)
            if text == text.lower() or len(key) != len(text) or key in out:
                continue
            if " " not in key and word_zipf(key) >= COMMON_ZIPF:
                continue
            out[key] = text
    return out
