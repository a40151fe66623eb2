"""Well-known names heard wrong: windows of raw speech-recognition text that sound and are
spelt like a name of the gazetteer's curated layer ("jeff hinton", "chad gpt", "yoshua
benjo"), kept only where the episode supports them.

A gazetteer name is a weak prior, unlike the episode's own people (`kg.sounds.heard_names`):
on 358 caption episodes most sound-alike windows were ordinary words ("randomness" for a
person called Randy Nesse, "entropic" for Anthropic). So a window counts only if

- it has as many words as the name, or two for a one-word name ("chad gpt" for ChatGPT),
  spelt nearly alike when joined, neither the name itself ("samsung huawei");
- each pair of words starts with the same sound and is spelt at least half alike, the last
  word closer;
- the whole sounds the same (one edit of the sound code for codes of 5+) and is spelt
  SPELLING_RATIO alike;
- it holds a word rarer than RARE_ZIPF in English, a one-word window one rarer than
  ONE_WORD_ZIPF ("liberatis", not "entropic"); and it is no name the gazetteer knows;

and the name has support in the same episode: it is said right there too (in the text or
the title), or it is heard in two different forms. Everything comes from the document and
the gazetteer, so extraction stays a function of the file.

>>> index = SoundIndex.of([("geoffrey-hinton", "Geoffrey Hinton", "Person", ("Geoff Hinton",))])
>>> [(h.text, h.key) for h in index.find("we met jeff hinton and later jeffrey hinton said")]
[('jeff hinton', 'geoffrey-hinton'), ('jeffrey hinton', 'geoffrey-hinton')]
>>> index.find("we met jeff hinton once")            # one form, never said right: no support
[]
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .normalize import word_zipf
from .sounds import _letters, _phrase_codes, _tokens, start_alike, without_overlaps

TYPES = ("Person", "Organization", "Model", "Work", "Show")
MIN_CODE = 4              # a name whose sound code is shorter ("Bard": PRT) sounds like too much
SPELLING_RATIO = 70       # the window's letters against the name's (0-100)
WORD_RATIO = 50           # each word against the name's word it stands for...
SURNAME_RATIO = 65        # ...the last word closer ("sam banin" is not Sam Bowman)
COMPOUND_RATIO = 85       # two heard words for a one-word name, joined
RARE_ZIPF = 3.5           # a window needs a word rarer than this in English...
ONE_WORD_ZIPF = 1.5       # ...and a one-word window must be rarer still: no English word


@dataclass(frozen=True)
class Known:
    """A window of the text heard as the gazetteer name `label` (entry `key`, of `type`)."""

    start: int
    end: int
    text: str
    key: str
    label: str
    type: str


@lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    return word_zipf(word)


def _deletions(code: str) -> set[str]:
    return {code} | {code[:i] + code[i + 1:] for i in range(len(code))}


class SoundIndex:
    """Sound codes of the names that may be heard wrong, with every one-letter deletion, so a
    window's code finds names one edit away by dictionary lookups."""

    def __init__(self) -> None:
        self.by_code: dict[str, set[tuple[str, tuple[str, ...]]]] = defaultdict(set)
        self.names: dict[str, tuple[str, str, tuple[tuple[str, ...], ...]]] = {}   # key -> label, type, forms
        self.spoken: set[tuple[str, ...]] = set()       # every form of a known name, as words

    @classmethod
    def of(cls, names) -> SoundIndex:
        """From (key, label, type, aliases) tuples."""
        index = cls()
        for key, label, type_, aliases in names:
            forms = tuple(dict.fromkeys(w for text in (label, *aliases) if (w := tuple(_letters(text)))))
            index.names[key] = (label, type_, forms)
            index.spoken.update(forms)
            for words in forms:
                found = _phrase_codes(list(words))
                if len(words) > 3 or max(map(len, found)) < MIN_CODE:
                    continue
                for code in found:
                    for d in _deletions(code):
                        index.by_code[d].add((key, words))
        return index

    @classmethod
    def of_gazetteer(cls, entries, also_known=()) -> SoundIndex:
        """The curated, unambiguous names of `entries` (gazetteer entries); `also_known` are more
        forms no window may be heard as (every other surface of the gazetteer)."""
        index = cls.of((e.key, e.label, e.type, e.aliases) for e in entries
                       if e.source == "curated" and e.type in TYPES and not e.ambiguous and not e.needs_context)
        index.spoken.update(w for text in also_known if (w := tuple(_letters(text))))
        return index

    def find(self, text: str, title: str = "", taken: list[tuple[int, int]] = ()) -> list[Known]:
        """The supported windows of `text` heard as a name (none overlapping `taken` or each other)."""
        tokens = list(_tokens(text))
        found = [k for k in self._windows(text, tokens) if not any(a < k.end and k.start < b for a, b in taken)]
        if not found:
            return []
        said = " " + " ".join(t[2] for t in _tokens(title)) + " " + " ".join(t[2] for t in tokens) + " "
        forms: dict[str, set[str]] = defaultdict(set)
        for k in found:
            forms[k.key].add(" ".join(_letters(k.text)))
        supported = {key for key, heard in forms.items()
                     if len(heard) >= 2 or any(f" {' '.join(w)} " in said for w in self.names[key][2])}
        return without_overlaps([k for k in found if k.key in supported])

    def _windows(self, text: str, tokens):
        for i, (start, _, _, stop) in enumerate(tokens):
            if stop:
                continue
            for size in (1, 2, 3):
                window = tokens[i:i + size]
                if len(window) < size or window[-1][3]:
                    break
                words = tuple(t[2] for t in window)
                rarest = min(_zipf(w) for w in words)
                if rarest >= (ONE_WORD_ZIPF if size == 1 else RARE_ZIPF) or words in self.spoken:
                    continue
                best = self._best(words)
                if best:
                    key, label, type_ = best
                    yield Known(start, window[-1][1], text[start:window[-1][1]], key, label, type_)

    def _best(self, words: tuple[str, ...]) -> tuple[str, str, str] | None:
        heard = _phrase_codes(list(words))
        candidates = set().union(*(self.by_code.get(d, ()) for code in heard for d in _deletions(code)))
        scored = []
        for key, name in candidates:
            if not _words_alike(words, name):
                continue
            theirs = _phrase_codes(list(name))
            distance = min(Levenshtein.distance(a, b) for a in heard for b in theirs)
            spelling = fuzz.ratio("".join(words), "".join(name))
            if distance <= (1 if max(map(len, theirs)) >= 5 else 0) and spelling >= SPELLING_RATIO:
                scored.append((distance, -spelling, key))
        if not scored:
            return None
        key = min(scored)[2]
        label, type_, _ = self.names[key]
        return key, label, type_


def _words_alike(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Word for word: the same first sound, spelt at least WORD_RATIO alike, the last word (a
    surname: given names have nicknames, "jeff" for Geoffrey) SURNAME_RATIO alike; two heard
    words for a one-word name are spelt COMPOUND_RATIO alike when joined ("chad gpt", not
    "alpha centur" for AlphaStar) and neither is the name itself ("samsung huawei")."""
    if len(words) == len(name):
        pairs = list(zip(words, name))
        if fuzz.ratio(words[-1], name[-1]) < SURNAME_RATIO:
            return False
    elif len(name) == 1 and len(words) == 2 and name[0] not in words:
        pairs = [("".join(words), name[0])]
        if fuzz.ratio(*pairs[0]) < COMPOUND_RATIO:
            return False
    else:
        return False
    return all(start_alike(a, b) and fuzz.ratio(a, b) >= WORD_RATIO for a, b in pairs)

