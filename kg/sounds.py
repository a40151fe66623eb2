"""Names speech recognition wrote wrong: 1-4 word windows of raw text that sound like a
name (Double Metaphone, from the `doublemetaphone` package) and are spelt close to it
(rapidfuzz), for names an episode makes likely: its people (the file name's guest, its host).

A likely name is a strong prior, so a window needs only a close sound and spelling; a
window of stop words only ("to us") or one that starts or ends on a stop word never
counts. `truecase` gives lowercase text the capital letters of names it knows, keeping
every offset, so the NER model (which relies on capitals) sees them.

>>> [(h.text, h.name) for h in heard_names("a conversation with thomas sent home he is", ["Tuomas Sandholm"])]
[('thomas sent home', 'Tuomas Sandholm')]
>>> alike("yoshi bach", "Joscha Bach"), alike("dawn song", "Dan Song"), alike("the song", "Dan Song")
(True, True, False)
>>> truecase("we met lex fridman at mit", {"lex fridman": "Lex Fridman", "mit": "MIT"})
'we met Lex Fridman at MIT'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from doublemetaphone import doublemetaphone
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from spacy.lang.en.stop_words import STOP_WORDS

from .normalize import fold, word_zipf

SPELLING_RATIO = 65        # spelling similarity (0-100) of the joined letters, heard vs name
WORD_SPELLING = 70         # word for word, a word that starts with another sound must be spelt this close
MAX_WORDS = 4
SURNAME_RATIO = 60         # heard_as: a surname spelt this close, every word starting with the same sound
TITLES = frozenset({"lord", "lady", "sir", "dame", "dr", "doctor", "professor", "prof", "lieutenant", "captain",
                    "colonel", "general", "commander", "admiral", "major", "sergeant", "bishop", "father",
                    "rabbi", "imam", "senator", "congressman", "congresswoman", "governor", "president", "judge"})
ONE_WORD_CODE = 4          # a one-word name (a guest's model) needs a sound code this long ("Libratus": LPRTS)...
ONE_WORD_ZIPF = 2.0        # ...and a heard word rarer than this in English (once in 100M words)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s$")
_NOT_LETTER = re.compile(r"[^a-z]")
_APOSTROPHE = re.compile(r"['’]")
_STOP = frozenset(STOP_WORDS) | {"uh", "um", "yeah", "like", "know", "okay", "oh"}


@dataclass(frozen=True)
class Heard:
    """A window of the text heard as `name` (`start`/`end` are offsets into the text)."""

    start: int
    end: int
    text: str
    name: str


@lru_cache(maxsize=200_000)
def codes(word: str) -> tuple[str, str]:
    """Double Metaphone codes (primary, alternate) of one folded word."""
    primary, alternate = doublemetaphone(word)
    return primary, alternate or primary


@lru_cache(maxsize=200_000)
def first_sounds(word: str) -> frozenset[str]:
    """The first letters of a word's sound codes: two words start alike when these meet."""
    return frozenset(c[:1] for c in codes(word))


def start_alike(a: str, b: str) -> bool:
    """Two folded words start with the same sound ("yoshi"/"joscha", "thomas"/"tuomas")."""
    return bool(first_sounds(a) & first_sounds(b))


def _phrase_codes(words: list[str]) -> set[str]:
    pairs = [codes(w) for w in words]
    return {"".join(p[0] for p in pairs), "".join(p[1] for p in pairs)}


def _allowed(length: int) -> int:
    """Edits of the sound code a name of this code length may take: none for short names."""
    return 0 if length <= 3 else 1 if length <= 7 else 2


def alike(heard: str, name: str) -> bool:
    """Whether words of the text (`heard`) sound and are spelt like `name`; both sides are
    folded; the first words (every word, when the counts agree) start with the same sound or
    are spelt alike ("flattener" / "Lattner")."""
    h, n = _letters(heard), _letters(name)
    if not h or not n or _edges_stop(h):
        return False
    return _alike(h, n)


def same_first_name(a: str, b: str) -> bool:
    """The first words of two names sound the same and are spelt alike ("Thomas"/"Tuomas").

    >>> same_first_name("Thomas Sent", "Tuomas Sandholm"), same_first_name("Tom Lee", "Tuomas Sandholm")
    (True, False)
    """
    x, y = _letters(a)[:1], _letters(b)[:1]
    return bool(x and y) and bool(set(codes(x[0])) & set(codes(y[0]))) and fuzz.ratio(x[0], y[0]) >= 60


def heard_as(heard: str, name: str) -> bool:
    """Whether words speech recognition wrote after an intro ("conversation with ...") are the
    file name's guest `name`: titles before either set aside ("lieutenant ryan graves"), they
    sound alike (`alike`), start with the same given name, hold its surname, or start word for
    word with the same sounds with the surname spelt SURNAME_RATIO alike ("batu kachar").

    >>> [heard_as(h, n) for h, n in [("no brown", "Noam Brown"), ("lord martin rees", "Martin Rees"),
    ...     ("batu kachar", "Betül Kaçar"), ("hajir gracie", "Roger Gracie"), ("aella sex", "Andrew Strominger"),
    ...     ("bishop robert baron", "Bishop Robert"), ("bishop robert baron", "Bishop Robert Barron")]]
    [True, True, True, True, False, False, True]
    """
    h, n = _untitled(_letters(heard)), _untitled(_letters(name))
    if not h or len(n) < 2:                 # "Bishop Robert" is no full name
        return False
    if _alike(h, n) and not _edges_stop(h) or same_first_name(" ".join(h), " ".join(n)):
        return True
    if len(n[-1]) >= 3 and n[-1] not in _STOP and n[-1] in h[1:len(n) + 1]:
        return True                         # the surname said after some given name ("no brown")
    return len(h) >= len(n) >= 2 and fuzz.ratio(h[len(n) - 1], n[-1]) >= SURNAME_RATIO \
        and all(start_alike(a, b) for a, b in zip(h, n))


def _untitled(words: list[str]) -> list[str]:
    while words and words[0] in TITLES:
        words = words[1:]
    return words


def _alike(h: list[str], n: list[str]) -> bool:
    pairs = zip(h, n) if len(h) == len(n) else [(h[0], n[0])]     # word for word when the counts agree
    if not all(start_alike(a, b) or fuzz.ratio(a, b) >= WORD_SPELLING for a, b in pairs):
        return False
    ours, theirs = _phrase_codes(h), _phrase_codes(n)
    length = max(len(c) for c in theirs)
    if length < 3 or min(Levenshtein.distance(a, b) for a in ours for b in theirs) > _allowed(length):
        return False
    return fuzz.ratio("".join(h), "".join(n)) >= SPELLING_RATIO


def _letters(text: str) -> list[str]:
    """The folded words of `text`, letters only ("Kai-Fu Lee's" -> ["kai", "fu", "lees"])."""
    return re.sub(r"[^a-z ]", "", fold(text).replace("-", " ")).split()


def _edges_stop(words: list[str]) -> bool:
    return words[0] in _STOP or words[-1] in _STOP


def heard_names(text: str, names: list[str]) -> list[Heard]:
    """Windows of `text` that sound like one of `names` (each of 2-4 words, or one word with a
    sound code of ONE_WORD_CODE or more, heard as one or two words of which one is rare in English)
    but are spelt otherwise; the first name that fits wins, overlapping windows are dropped
    (longest first).

    >>> [h.text for h in heard_names("with paul rosly and the tribe", ["Paul Rosolie", "Tribe Called"])]
    ['paul rosly']
    >>> [h.text for h in heard_names("then liberato won but it liberates nobody", ["Libratus"])]
    ['liberato']
    """
    targets = []
    for name in dict.fromkeys(names):
        words = _letters(name)
        if 2 <= len(words) <= MAX_WORDS or (len(words) == 1 and min(map(len, codes(words[0]))) >= ONE_WORD_CODE):
            targets.append((name, words, first_sounds(words[0])))
    if not targets:
        return []
    tokens = list(_tokens(text))
    found: list[Heard] = []
    for i, (start, _, first, stop) in enumerate(tokens):
        if stop:
            continue
        lead = first_sounds(first)
        for name, words, firsts in targets:
            if not lead & firsts:
                continue
            for size in (len(words), len(words) + 1):       # "paola our lada" for Paola Arlotta
                window = [t[2] for t in tokens[i:i + size]]
                if window == words:
                    break                                    # said right: the name's own matcher has it
                if len(window) < size or tokens[i + size - 1][3] or not _alike(window, words):
                    continue
                if len(words) == 1 and min(map(word_zipf, window)) >= ONE_WORD_ZIPF:
                    continue                                 # "liberates" is a word, not Libratus heard wrong
                end = tokens[i + size - 1][1]
                found.append(Heard(start, end, text[start:end], name))
                break
    return without_overlaps(found)


def _tokens(text: str):
    """(start, end, folded letters, is a stop word) of each word; a possessive's "'s" stays
    outside the word ("michael kern's" -> "michael kern")."""
    for m in _WORD.finditer(text):
        length, letters, stop = _word(m.group())
        if letters:
            yield m.start(), m.start() + length, letters, stop


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[int, str, bool]:
    """A word's length without a possessive "'s", its folded letters, whether it is a stop word."""
    word = _POSSESSIVE.sub("", word)
    letters = _NOT_LETTER.sub("", fold(word))
    base = fold(_APOSTROPHE.split(word)[0])
    return len(word), letters, base in _STOP or letters in _STOP


def without_overlaps(found: list) -> list:
    """Found spans (anything with `start` and `end`), longest first, none overlapping a kept one;
    in text order."""
    kept: list = []
    for h in sorted(found, key=lambda h: (-(h.end - h.start), h.start)):
        if all(h.end <= k.start or h.start >= k.end for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def truecase(text: str, names: dict[str, str]) -> str:
    """`text` with each whole-word occurrence of a key of `names` (folded, lowercase) written
    as its value, where the two have the same length: offsets never move."""
    if not names:
        return text
    longest = min(MAX_WORDS, max(len(k.split()) for k in names))
    words = list(_CASE_WORD.finditer(text))
    starts = {_first_word(k) for k in names}            # only a word that starts some name is tried
    out = list(text)
    i = 0
    while i < len(words):
        word = words[i].group().lower()
        if not word.isascii():                # lower() may take a letter out of the word ("İ")
            word = _first_word(word)
        if word not in starts and word.rstrip(".") not in starts:
            i += 1
            continue
        for size in range(min(longest, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + size - 1].end()
            span = text[start:end].rstrip(".")
            cased = names.get(" ".join(span.lower().split()))
            if cased and len(cased) == len(span) and text[start:start + len(span)].islower():
                out[start:start + len(span)] = cased
                i += size - 1
                break
        i += 1
    return "".join(out)


_CASE_WORD = re.compile(r"[\w'’.-]+")


def _first_word(text: str) -> str:
    m = _CASE_WORD.match(text)
    return m.group() if m else ""


def title_words(text: str) -> str:
    """Each word capitalised ("thomas sent home" -> "Thomas Sent Home"), same length."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[:1].upper() + m.group()[1:], text)

