"""The gazetteer ruler: a spaCy component placed before `ner` that marks names of the
curated gazetteer with their type (Person, Organization, Model, Concept, ...) and key.

Beyond exact (case-insensitive) and exact-case matches it finds multi-word names that
sound and are spelt alike ("cloud code" -> Claude Code), model variants ("GPT-4.5 Pro")
and papers named by their topic ("our alignment faking paper").

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("kg_gazetteer", config={"entries": [{"key": "claude-code", "label": "Claude Code", "type": "Model"}]})
>>> [(e.text, e.label_, e.id_) for e in nlp("we love cloud code").ents]
[('cloud code', 'Model', 'claude-code')]
"""
from __future__ import annotations

import re
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import gazetteer as gz
from . import field_sense, heard, person_names
from .normalize import MODEL_VARIANTS, word_zipf

SPELLING_RATIO = 80
MISHEARD_RATIO = 85
HEARD_WORD_ZIPF = 3.0      # a word this common ("galactic") is itself, not a one-word name heard wrong
CASED_WORD_ZIPF = 3.0       # a one-word name that is a dictionary word this common needs its capital in edited text
ABBREVIATION_WORD_ZIPF = 3.9  # an abbreviation of 3+ letters this frequent in English as a word ("fair") is that word
CONTEXT_TOKENS = 300        # a generated ambiguous name needs a related name within this many tokens


@Language.factory("kg_gazetteer", default_config={"folder": None, "extra": [], "entries": None})
def make_gazetteer_matcher(nlp: Language, name: str, folder: str | None, extra: list, entries: list | None):
    gaz = gz.Gazetteer.from_entries(entries) if entries is not None else gz.load(folder, tuple(extra))
    return GazetteerMatcher(nlp, gaz)


class GazetteerMatcher:
    """Sets `doc.ents` to gazetteer matches typed Person/Organization/Model/Concept/...,
    each with its gazetteer key as `ent.id_`. Placed before `ner`, which keeps them."""

    def __init__(self, nlp: Language, gaz: gz.Gazetteer):
        self.gaz = gaz
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.contextual = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.sounds: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        self.single_sounds: dict[str, list[tuple[str, str]]] = {}
        self.abbreviations = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.heard_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.heard_forms: dict[str, tuple[str, heard.Heard]] = {}
        self.heard_words: set[str] = set()
        self._spoken_forms: dict[str, list[list[str]]] = {}     # entry key -> `_spoken`
        self.stop_words = stop_words = nlp.Defaults.stop_words
        self.words = {entry.key for entry in gaz if entry.a_word()}      # matched only with their capitals
        # a one-word name that is a word of the dictionary ("Meta", "Linear", "Notion") is the word where
        # written in lowercase in edited text ("a little bit meta"); raw captions write everything so
        self.cased_words = {entry.key for entry in gaz if entry.type not in ("Person", "Concept")
                            and entry.label.isalpha() and entry.label[:1].isupper()
                            and field_sense.dictionary_word(entry.label, CASED_WORD_ZIPF)}
        starts: dict[str, set[str]] = {}
        for entry in gaz:
            if entry.type == "Work":
                head = gz.fold(re.split(r"[:,]", entry.label)[0])
                for n in range(1, len(head.split()) + 1):
                    starts.setdefault(" ".join(head.split()[:n]), set()).add(entry.key)
        self.titles = {k: next(iter(v)) for k, v in starts.items() if len(v) == 1 and len(k) >= 8}
        for entry in gaz:
            for surface, exact in gaz.surfaces(entry):
                matcher = self.contextual if entry.needs_context else self.exact if exact else self.folded
                pattern = nlp.make_doc(surface if exact else surface.lower())
                matcher.add(entry.key, [pattern])
                if entry.generated:
                    continue                    # generated names match as written, never by sound
                key = _sound_key([t.text for t in pattern]) if not exact and len(pattern) >= 2 else None
                if key:
                    self.sounds.setdefault(key[:2], []).append((key, entry.key))
                if not exact and len(pattern) == 1 and len(surface) >= 6 and surface.isalpha() and \
                        entry.type in ("Organization", "Model", "Work"):
                    self.single_sounds.setdefault(_sound(surface.lower())[1:], []).append((surface.lower(), entry.key))
            for i, h in enumerate(entry.heard):
                self.heard_words.add(h.text.lower())
                self.heard_forms[f"{entry.key}#{i}"] = (entry.key, h)
                self.heard_matcher.add(f"{entry.key}#{i}", [nlp.make_doc(h.text.lower())])
            for abbr in () if entry.needs_context else entry.abbreviations:
                if abbr.lower() not in stop_words and abbr.isalpha() and len(abbr) >= 2 and not _word(abbr) \
                        and not _name(abbr):
                    self.abbreviations.add(entry.key, [nlp.make_doc(abbr.lower())])

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        spans = []
        lowercase = _lowercase(doc)
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                entry = self.gaz.entries[key]
                if key in self.words and not _cased(doc[start:end].text, entry.label):
                    continue                    # "the palm of your hand" is no mention of PaLM ("Genie 2" is Genie's)
                if key in self.cased_words and not lowercase and doc[start:end].text.islower():
                    continue                    # "a little bit meta", "linear growth": the word, in edited text
                spans.append(Span(doc, start, end, label=entry.type, span_id=key))
        matched = list(spans)           # a place refused before a capitalised word is not heard there either
        spans = self.places_alone(doc, spans)
        spans += self.match_in_context(doc, spans)
        if lowercase:
            spans += self.match_lowercase_abbreviations(doc)
        spans += self.match_sounds(doc, {(s.start, s.end) for s in spans + matched})
        spans += self.match_heard(doc, {i for s in spans + matched for i in range(s.start, s.end)})
        spans += self.match_misheard_words(doc, {i for s in spans + matched for i in range(s.start, s.end)})
        return spans + self.match_variants(doc, spans) + self.match_papers(doc, spans)

    def places_alone(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`spans` without the places written right before another capitalised word, which NER
        reads whole: "Boston Celtics", "Mexico City", "Texas Instruments", "Israel Adesanya" (a
        stop word, or the start of another gazetteer name, "Paris France", keeps the place).

        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> _ = nlp.add_pipe("kg_gazetteer", config={"entries": [{"key": "tx", "label": "Texas", "type": "Place"},
        ...                                                      {"key": "fr", "label": "France", "type": "Place"}]})
        >>> [e.text for e in nlp("Texas Instruments hired me in Texas. In Texas France won").ents]
        ['Texas', 'Texas', 'France']
        """
        starts = {s.start for s in spans}
        return [s for s in spans if s.label_ != "Place" or s.end >= len(doc) or s.end in starts
                or not _capitalised(doc[s.end], self.stop_words)]

    def match_in_context(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Generated ambiguous names ('Mercury', an author whose surname others share) only within
        CONTEXT_TOKENS of a related name: the model's developer, the author's lab or models.

        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> entries = [{"key": "ork", "label": "Ork Labs", "type": "Organization"},
        ...            {"key": "mercury", "label": "Mercury", "type": "Model", "ambiguous": True,
        ...             "developer": "ork", "source": "epoch"}]
        >>> _ = nlp.add_pipe("kg_gazetteer", config={"entries": entries})
        >>> [e.text for e in nlp("Mercury is a planet").ents], [e.text for e in nlp("Ork Labs made Mercury").ents]
        ([], ['Ork Labs', 'Mercury'])
        """
        found = self.contextual(doc)
        if not found:
            return []
        at: dict[str, list[int]] = {}
        for span in spans:
            at.setdefault(span.id_, []).append(span.start)
        out = []
        for match_id, start, end in found:
            key = doc.vocab.strings[match_id]
            near = (i for k in self.gaz.related.get(key, ()) for i in at.get(k, ()))
            if any(abs(i - start) <= CONTEXT_TOKENS for i in near):
                out.append(Span(doc, start, end, label=self.gaz.entries[key].type, span_id=key))
        return out

    def match_lowercase_abbreviations(self, doc: Doc) -> list[Span]:
        """Auto-captions write everything in lower case: there "rl" and "agi" are RL and AGI
        (abbreviations that are also ordinary words, "us", "fair", "arc", or names, "rand", are left alone)."""
        return [Span(doc, start, end, label=self.gaz.entries[doc.vocab.strings[mid]].type,
                     span_id=doc.vocab.strings[mid]) for mid, start, end in self.abbreviations(doc)]

    def match_misheard_words(self, doc: Doc, taken: set[int]) -> list[Span]:
        """One-word names heard slightly wrong ("enthropic"): a long word, not an English stop
        word, that sounds like a known name apart from its first sound and is spelt alike."""
        strings = doc.vocab.strings
        found: dict[int, str] = {}
        for h in doc.count_by(LOWER):
            word = strings[h]
            if len(word) < 7 or not word.isalpha() or word in self.stop_words or word in self.heard_words \
                    or word_zipf(word) >= HEARD_WORD_ZIPF:
                continue                        # a `heard` form counts only where its cues allow; "galactic" is a word
            for surface, key in self.single_sounds.get(_sound(word)[1:], ()):
                if word != surface and fuzz.ratio(word, surface) >= MISHEARD_RATIO:
                    found[h] = key
                    break
        spans = []
        if found:
            lower = doc.to_array(LOWER)
            for i, h in enumerate(lower):
                if h in found and i not in taken and not doc[i].is_stop:
                    key = found[h]
                    spans.append(Span(doc, i, i + 1, label=self.gaz.entries[key].type, span_id=key, kb_id="phonetic"))
        return spans

    def match_heard(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Speech-recognition variants the gazetteer lists (`heard:`) where kg.heard allows them:
        "I use cloud to refactor code" -> Claude, not "our models run in the cloud"."""
        spans = []
        for match_id, start, end in self.heard_matcher(doc):
            key, h = self.heard_forms[doc.vocab.strings[match_id]]
            if taken.intersection(range(start, end)):
                continue
            if h.allows(*heard.around(doc.text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))):
                spans.append(Span(doc, start, end, label=self.gaz.entries[key].type, span_id=key, kb_id="heard"))
        return spans

    def match_papers(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"our alignment faking paper": a name followed by "paper" is the paper whose title starts with it."""
        out = []
        for span in spans:
            if span.end < len(doc) and doc[span.end].lower_ in ("paper", "papers") and span.label_ != "Work":
                title = self.titles.get(gz.fold(span.text))
                if title:
                    out.append(Span(doc, span.start, span.end + 1, label="Work", span_id=title,
                                    kb_id=f"paper:{span.label_}:{span.id_}:{span.kb_id_}" if span.id_ else ""))
        return out

    def match_variants(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A known model followed by a version word ("GPT-4.5 Pro", "o3 mini") is that variant,
        a model of its own when the gazetteer does not know it."""
        out = []
        for span in spans:
            if span.label_ == "Model" and span.end < len(doc) and doc[span.end].lower_ in MODEL_VARIANTS:
                variant = doc[span.start:span.end + 1]
                if self.gaz.lookup(variant.text) is None:
                    out.append(Span(doc, span.start, span.end + 1, label="Model", kb_id="variant"))
        return out

    def match_sounds(self, doc: Doc, taken: set[tuple[int, int]]) -> list[Span]:
        """Misheard multi-word names: tokens that sound like a gazetteer name ("cloud code")."""
        if len(doc) < 2:
            return []
        strings = doc.vocab.strings
        lower = doc.to_array(LOWER)
        sound_of = {h: _sound(strings[h]) for h in doc.count_by(LOWER)}
        sounds = [sound_of[h] for h in lower]
        spans = []
        for i, pair in enumerate(zip(sounds, sounds[1:])):
            for key, entry_key in self.sounds.get(pair, ()):
                end = i + len(key)
                if end > len(doc) or (i, end) in taken:
                    continue
                words = [strings[h] for h in lower[i:end]]
                if _sounds_like(words, key) and sum(map(len, words)) >= 6 and self._spelled_alike(words, entry_key) \
                        and not self._stop_word_heard(words, entry_key):
                    spans.append(Span(doc, i, end, label=self.gaz.entries[entry_key].type, span_id=entry_key,
                                      kb_id="phonetic"))
        return spans

    def _spoken(self, entry_key: str) -> list[list[str]]:
        """The folded words of an entry's case-free surfaces, as a sound match compares them."""
        if entry_key not in self._spoken_forms:
            entry = self.gaz.entries[entry_key]
            self._spoken_forms[entry_key] = [gz.fold(s).replace("-", " ").split()
                                             for s, exact in self.gaz.surfaces(entry) if not exact]
        return self._spoken_forms[entry_key]

    def _spelled_alike(self, words: list[str], entry_key: str) -> bool:
        """Sounding alike is not enough ("tell us" / "tool use"): the spelling must be close too."""
        spoken = _spelling(words)
        return any(fuzz.ratio(spoken, _spelling(name)) >= SPELLING_RATIO for name in self._spoken(entry_key))

    def _stop_word_heard(self, words: list[str], entry_key: str) -> bool:
        """A name is no clause: where a word of the name was heard as an English stop word ("data
        will" / data wall, "future has" / FutureHouse, "scott who" / Scott Wu), the words are what was said.

        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> _ = nlp.add_pipe("kg_gazetteer", config={"entries": [{"key": "dw", "label": "Data Wall", "type": "Concept"}]})
        >>> [e.text for e in nlp("big data will grow but the data wal is near").ents]
        ['data wal']
        """
        names = [name for name in self._spoken(entry_key) if len(name) == len(words)]
        return bool(names) and all(any(w != n and w in self.stop_words and w not in _NUMBERS
                                       for w, n in zip(words, name)) for name in names)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc.ents = filter_spans(spans)


_NUMBERS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
            "eight": "8", "nine": "9", "ten": "10"}


@lru_cache(maxsize=200_000)
def _sound(word: str) -> str:
    """Metaphone code ("goodhart" ~ "goodart": a silent 'h' after 'd' is dropped); number words
    and digits stand for themselves ("llama three" ~ "Llama 3")."""
    if word in _NUMBERS or word.isdigit():
        return _NUMBERS.get(word, word)
    if not word.isalpha() or len(word) < 2:
        return ""
    return jellyfish.metaphone(word.replace("dh", "d"))


def _spelling(words: list[str]) -> str:
    """Words joined for a spelling comparison, number words as digits."""
    return "".join(_NUMBERS.get(w, w) for w in words)


def _cased(text: str, label: str) -> bool:
    """The one-word label written as itself or with a capital inside ("CodeX", "PALM"), or a longer
    alias ("Palm 2"): not "palm", nor "Palm"."""
    return text == label or text.lower() != label.lower() or any(ch.isupper() for ch in text[1:])


def _capitalised(token, stop_words) -> bool:
    """A capitalised word ("Celtics", "USA") that is no stop word ("In", "The")."""
    return token.is_alpha and (token.is_title or token.is_upper) and token.lower_ not in stop_words


def _lowercase(doc: Doc) -> bool:
    """Text with few capitalised words, as auto-captions are (names re-cased by kg.asr aside:
    written English capitalises one word in eight or more)."""
    letters = [t.text for t in doc[:2000] if t.is_alpha]
    return len(letters) >= 20 and sum(1 for w in letters if not w.islower()) <= len(letters) // 20


def _sound_key(words: list[str]) -> tuple[str, ...] | None:
    """Metaphone codes of a multi-word name; None unless every word is alphabetic and one has 4+ letters."""
    key = tuple(_sound(w.lower()) for w in words)
    if not all(key) or max(len(w) for w in words) < 4:
        return None
    return key


def _sounds_like(words: list[str], key: tuple[str, ...]) -> bool:
    """Every word sounds like the name's word, except that the last of three or more may only
    start alike ("golden gate claw" / "Golden Gate Claude"); spelling is checked separately."""
    spoken = tuple(_sound(w) for w in words)
    if spoken == key:
        return True
    return len(key) >= 3 and spoken[:-1] == key[:-1] and spoken[-1][:2] == key[-1][:2] and len(words[-1]) >= 3


def _name(abbr: str) -> bool:
    """An abbreviation that is also a given name or a surname (Faker's lists): in lowercase captions
    "rand" is Ayn Rand or Rand Paul as often as the RAND Corporation.

    >>> _name("RAND"), _name("AGI")
    (True, False)
    """
    return person_names.is_given(abbr.capitalize()) or person_names.is_surname(abbr.capitalize())


def _word(abbr: str) -> bool:
    """An abbreviation of three or more letters that is also a common English word (FAIR, ARC).

    >>> _word("FAIR"), _word("AGI"), _word("AI")
    (True, False, False)
    """
    return len(abbr) >= 3 and word_zipf(abbr) >= ABBREVIATION_WORD_ZIPF
