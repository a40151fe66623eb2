"""Which sentences of cased text NER need not read, and NER run on the others only.

spaCy's `ner` finds names by their capital letters; in written or transcribed speech with
capitals, a sentence without a capitalised word (but its first, when that is a common word
such as "So" or "The") and without a digit gives it nothing to find. About a third of a
conversation's text is runs of such sentences. The tokenizer, `senter`, the gazetteer ruler
and the document's own name patterns still read every chunk whole (concepts are lowercase:
"reinforcement learning"; the ruler weighs names by what else the chunk says); only `ner`
runs on copies of the other runs (`read_names`), and what it finds is put back. Raw
speech-recognition text (lowercase, unpunctuated) and texts under `MIN_CUT_CHARS` are read
whole.

A sentence keeps `ner` when it has a digit, a word with a capital letter after its first
word (the pronoun "I" aside), or a capitalised first word that is rare in English
(`COMMON_START_ZIPF`) or has a capital inside ("OpenAI"); a lowercase first word is like any
other ("openai shipped it." is plain: NER finds little in lowercase, the ruler knows OpenAI).
So a one-word name that is also a very common word, alone at the start of a sentence ("Will
said no."), is left to the gazetteer ruler, which reads every sentence. Words of scripts
without capitals are never lowercase, so such text is read whole.

>>> text = "So we shipped it. Then Ada Byron called. It was fine, honestly. Nothing else happened today."
>>> [(o, piece, ner) for o, piece, ner in segments(text, min_plain=0, before=0)]
[(0, 'So we shipped it. ', False), (18, 'Then Ada Byron called. ', True), (41, 'It was fine, honestly. Nothing else happened today.', False)]
>>> [ner for _, _, ner in segments(text, min_plain=0)]         # with the sentence before it
[True, False]
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from .normalize import word_zipf

COMMON_START_ZIPF = 5.5     # a first word this common is an ordinary sentence start ("So", "The", "What")
MIN_PLAIN_CHARS = 100       # a shorter run of plain sentences is read whole
MIN_CUT_CHARS = 2_000       # a shorter text is read whole: nothing worth saving
CONTEXT_BEFORE = 1          # plain sentences read with the sentence after them that needs NER
CONTEXT_AFTER = 0           # ... and with the one before them
# A sentence's end: a run of marks (matched from its first mark only, which keeps the search
# linear), closing quotes or brackets, then space; or line breaks.
_END = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+\s++|\n++")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,2}|\w+\.\w+)\.$")     # "Mr.", "B.", "e.g.": no end
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_PRONOUN_I = re.compile(r"I(?:['’](?:m|ve|d|ll))?")
_DIGIT = re.compile(r"\d")


def segments(text: str, min_plain: int = MIN_PLAIN_CHARS, before: int = CONTEXT_BEFORE,
             after: int = CONTEXT_AFTER) -> list[tuple[int, str, bool]]:
    """(offset, piece, needs NER) covering `text` in order: runs of sentences that need NER
    and runs that do not. The `before` plain sentences before a sentence that needs NER (and
    the `after` ones after it) go with it (the model types a name by the words around it:
    "Then Talia Okonkwo joined" alone at the start of a text reads as an organisation), and a
    plain run left shorter than `min_plain` chars is read whole."""
    cuts = [0, *(m.end() for m in _END.finditer(text) if m.end() < len(text)
                 and not _ABBREVIATION.search(text, max(m.start() - 8, 0), m.start() + 1)), len(text)]
    spans: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:]):
        if spans and not _WORD.search(text, a, b):          # a blank or "---" line: part of the sentence before
            spans[-1] = (spans[-1][0], b)
        elif b > a:
            spans.append((a, b))
    needs = [_needs_ner(text[a:b]) for a, b in spans]
    runs: list[list] = []                   # [first sentence, end sentence, needs NER]
    for i, flag in enumerate(needs):
        if runs and runs[-1][2] == flag:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1, flag])
    read = list(needs)                      # what NER reads: what needs it, with its context
    for r in runs:
        if r[2]:
            continue
        first = r[0] + (after if r[0] > 0 else 0)
        end = r[1] - (before if r[1] < len(spans) else 0)
        if first >= end or spans[end - 1][1] - spans[first][0] < min_plain:
            first = end = r[1]                          # an empty range: NER reads the whole run
        for i in range(r[0], r[1]):
            read[i] = not first <= i < end
    out: list[list] = []
    for (a, b), flag in zip(spans, read):
        if out and out[-1][2] == flag:
            out[-1][1] = b
        else:
            out.append([a, b, flag])
    return [(a, text[a:b], flag) for a, b, flag in out] or [(0, text, True)]


def _needs_ner(sentence: str) -> bool:
    if _DIGIT.search(sentence):
        return True
    words = _WORD.findall(sentence)
    if any(not w.islower() and not _PRONOUN_I.fullmatch(w) for w in words[1:]):
        return True
    if not words or words[0].islower() or _PRONOUN_I.fullmatch(words[0]):
        return False
    first = words[0]
    return (len(first) > 1 and not first[1:].islower()) or word_zipf(first) < COMMON_START_ZIPF


def read_names(ner, stream: Iterable[tuple[Doc, tuple]], cut: list[bool], batch_size: int
               ) -> Iterator[tuple[Doc, tuple]]:
    """`stream` of (Doc, (document index, offset)), in order, with the pipeline's `ner` run on
    each Doc: whole, or where `cut[document index]`, on copies of its runs that need NER, whose
    new entities are put back (the ruler's, already there, stay as they are)."""
    for batch in minibatch(stream, batch_size):
        jobs = []
        for doc, key in batch:
            runs = [doc[:]]
            if cut[key[0]]:
                runs = [span for at, piece, ner in segments(doc.text) if ner
                        and (span := doc.char_span(at, at + len(piece), alignment_mode="expand")) is not None]
            for run in runs:
                whole = run.start == 0 and run.end == len(doc)
                sub = doc if whole else run.as_doc()
                jobs.append((doc, run.start, sub, None if whole else {(e.start, e.end) for e in sub.ents}))
        list(ner.pipe([sub for _, _, sub, _ in jobs], batch_size=max(len(jobs), 1)))      # in place
        for doc, at, sub, preset in jobs:
            if preset is None:
                continue
            new = [Span(doc, at + e.start, at + e.end, label=e.label) for e in sub.ents
                   if (e.start, e.end) not in preset]
            if new:
                doc.ents = filter_spans([*doc.ents, *new])
        yield from batch
