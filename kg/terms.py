"""An episode's own terms: lowercase noun phrases it says far more often than English does
("emotional debt", "assembly theory", "interoception"), which NER cannot see (no capitals)
and no gazetteer lists.

A candidate is a run of one to three lowercase words inside one clause (punctuation ends a run;
a capitalised word is no part of one) that neither starts nor ends on a stop word ("of" may join:
"origin of life"). It must be said at least `MIN_TIMES` times, and its keyness (how many times
more often the episode says it than English would, by wordfreq's frequencies of its words, in
log10) must reach `KEYNESS[n]` (in a text of `MIN_WORDS` words or more); a lone word must also
be uncommon (Zipf under `ONE_WORD_ZIPF`).
A run said the way people are a tenth of the times or more ("nietzsche said", "a postdoc who",
"I was a postdoc", "hire a mortgage broker", "as a marketer,"; not "used the critic as a reward
model") names a person or a kind of person, not an idea.
A phrase mostly said inside a longer one gives way to it, and the other way round. The
strongest are then tagged by spaCy's tagger in the first places they are said: a term is
a noun phrase (nouns, adjectives, participles; a noun last) and does not open on a common
evaluative adjective ("big fan", "little bit": Zipf `GENERIC_ZIPF` or more). At most `MAX_TERMS`
per episode, the most said first; a kind of person among them takes its place and is no term.

>>> said = "we measured the emotional debt again. "
>>> text = (said + "the boat went out and came back and nobody said much. " * 40) * 5
>>> tag = lambda batch: [[{"emotional": "JJ", "debt": "NN"}.get(w, "VB") for w in words[a:b]] for words, a, b in batch]
>>> recurring_terms(text, tag)
['emotional debt']
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from .normalize import word_zipf

MIN_TIMES = 4
MIN_WORDS = 2_000                     # a shorter text repeats its topic words without making them terms
MAX_CHARS = 2_000_000                 # a longer text is searched in its first 2 MB (its counts cost ~40x its size)
MAX_TERMS = 10
KEYNESS = {1: 2.5, 2: 4.5, 3: 6.5}    # log10(said / expected from English), by number of words
ONE_WORD_ZIPF = 4.5                   # a lone word at least this common is the word ("growth", "story")
GENERIC_ZIPF = 5.0                    # an adjective this common opens no term ("big", "little", "different")
PARTS, MIN_PARTS = 10, 3              # said in 3 of the episode's 10 stretches at least
RAW_WORD_ZIPF = 2.0                   # raw captions: a lone word English uses ("lavonne", "elluci" are not)
PERSON_CUE_SHARE = 0.1
_PERSON_CUE = r"'s|’s|\s+(?:said|says|wrote|writes|thinks|thought|argued|argues|believed|believes)\b|,?\s+(?:who|whom)\b"
# what a person is: "I was a postdoc", "hire a mortgage broker", "as a product leader" (an adjective may come
# between; a thing used as something is no person: "used the critic as a reward model"); a term said this way a
# tenth of the times is a kind of person, not an idea
_ROLE_FRAME = re.compile(r"\b(?:i['’]m|i am|i was|i['’]ve been|he['’]s|she['’]s|he is|she is|he was|she was|you['’]re|"
                         r"you are|they['’]re|became|become|becoming|hire|hired|hiring|as)\s+an?\s+(?:[a-z\-]+\s+)?$")
_USED_AS = re.compile(r"\b(?:use|uses|used|using|treat|treats|treated|treating)\b[^.!?]*\bas\s+an?\s+(?:[a-z\-]+\s+)?$")
ROLE_CHARS = 40                       # the text read before a sighting for _ROLE_FRAME
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’\-]*)")         # the word right after a sighting (none: punctuation)
CHECKED_PER_TERM = 3                  # the strongest limit * 3 candidates are checked
TAG_SPARE = 3                         # candidates tagged beyond those still wanted, per batch
TAG_SAMPLES = 3                       # places tagged; most must read as a noun phrase
TAG_WINDOW = 8                        # words either side the tagger sees (in the clause) ...
TAG_CHARS = 80                        # ... within this many characters
JOINERS = frozenset({"of"})
NOUN_TAGS = frozenset({"NN", "NNS"})
PART_TAGS = NOUN_TAGS | {"JJ", "VBG", "VBN", "NNP"}
_BREAK = re.compile(r"[.!?,;:()\[\]{}\"“”|\n]+")      # a run of words never crosses these (nor a line)
_WORD = re.compile(r"[a-z][a-z\-]*[a-z]")
_STOP = frozenset(STOP_WORDS)

Tagger = Callable[[Sequence[tuple[Sequence[str], int, int]]], list[list[str]]]   # (words, start, end) -> their tags
Places = list[tuple[list[str], int]]                                               # (words around, where it starts)


@dataclass
class Sighting:
    """Where a run is said: the stretches of the text, how often, how often the way people are
    named, and its first TAG_SAMPLES distinct places."""

    stretches: set[int] = field(default_factory=set)
    said: int = 0
    cued: int = 0                # times said the way people are: "X said", "X who", "I was an X"
    places: Places = field(default_factory=list)

    def through(self) -> bool:
        """Said through the episode (in MIN_PARTS of its stretches)."""
        return len(self.stretches) >= MIN_PARTS

    def like_people(self) -> bool:
        """Said the way people are, a tenth of the times or more."""
        return bool(self.cued) and self.cued >= PERSON_CUE_SHARE * self.said


@lru_cache(maxsize=65_536)
def _zipf(word: str) -> float:
    return word_zipf(word)


@lru_cache(maxsize=65_536)
def _content(word: str) -> bool:
    """A lowercase word of letters (hyphens inside) that is not a stop word."""
    return word not in _STOP and _WORD.fullmatch(word) is not None


def candidates(text: str) -> tuple[Counter, int]:
    """(count of each run of 1-3 words said at least twice, words in the text). Runs are counted
    by `Counter` over zipped words (no Python loop per word); only runs said twice are judged."""
    tokens = _BREAK.sub(" | ", text).split()
    counts: Counter = Counter()
    for n, grams in ((1, zip(tokens)), (2, zip(tokens, tokens[1:])), (3, zip(tokens, tokens[1:], tokens[2:]))):
        for run, said in Counter(grams).items():
            if said >= 2 and _content(run[0]) and _content(run[-1]) and \
                    (n < 3 or _content(run[1]) or run[1] in JOINERS):
                counts[run] = said
    return counts, len(tokens) - tokens.count("|")


def keyness(run: tuple[str, ...], said: int, total: int) -> float:
    """log10 of how many times more often the text says `run` than English would."""
    expected = math.log10(total) + sum(_zipf(w) - 9 for w in run if w not in JOINERS)
    return math.log10(said) - expected


def recurring_terms(text: str, tag: Tagger | None, limit: int = MAX_TERMS, raw: bool = False) -> list[str]:
    """The episode's own terms (see the module's docstring), as it writes them; [] without a tagger.
    In `raw` speech recognition, where names are lowercase too and misheard words are new, a lone
    word must be one English uses (Zipf `RAW_WORD_ZIPF` or more)."""
    if tag is None or not text:
        return []
    text = text[:MAX_CHARS]
    counts, total = candidates(text)
    if total < MIN_WORDS:
        return []
    _fold_plurals(counts)
    floor = RAW_WORD_ZIPF if raw else 0.0
    strong = [run for run, said in counts.items()
              if said >= MIN_TIMES and keyness(run, said, total) >= KEYNESS[len(run)]
              and (len(run) > 1 or floor <= _zipf(run[0]) < ONE_WORD_ZIPF)
              and (len(run) == 1 or _zipf(run[0]) < GENERIC_ZIPF)]
    strong = _units(strong, counts)
    strong.sort(key=lambda run: (-counts[run], run))
    strong = strong[:limit * CHECKED_PER_TERM]
    seen = sightings(strong, text)
    ranked = [(run, seen[run]) for run in strong if run in seen and seen[run].through()]
    terms: list[str] = []
    places = limit          # a kind of person takes one of the places and is no term: weaker runs do not move up
    while ranked and places > 0:            # tag as few as fill the places, a batch at a time
        batch, ranked = ranked[:places + TAG_SPARE], ranked[places + TAG_SPARE:]
        people = [s.like_people() for _, s in batch]
        nouns = iter(_noun_phrases([(run, s.places) for (run, s), person in zip(batch, people) if not person], tag))
        for (run, _), person in zip(batch, people):
            noun = not person and next(nouns)
            if places and (person or noun):
                places -= 1
                if noun:
                    terms.append(" ".join(run))
    return terms


def _noun_phrases(batch: list[tuple[tuple[str, ...], Places]], tag: Tagger) -> list[bool]:
    """Whether the tagger reads each run as a noun phrase (nouns, adjectives, participles; a noun last;
    a one-word gerund, "positioning", too) in most of its places: the first two places of every run
    in one batch, a third only where those two disagree."""
    def read(places: list[tuple[int, list[str], int]]) -> None:      # (which run, words, where)
        tagged = tag([(words, at, at + len(batch[i][0])) for i, words, at in places])
        for (i, _, _), tags in zip(places, tagged):
            run = batch[i][0]
            votes[i].append(len(tags) == len(run) and (tags[-1] in NOUN_TAGS or tags[-1] == "VBG" and len(run) == 1)
                            and all(t in PART_TAGS or w in JOINERS for t, w in zip(tags[:-1], run[:-1])))

    votes: list[list[bool]] = [[] for _ in batch]
    read([(i, words, at) for i, (_, places) in enumerate(batch) for words, at in places[:2]])
    read([(i, *places[2]) for i, (_, places) in enumerate(batch) if len(places) > 2 and len(set(votes[i])) > 1])
    return [sum(v) * 2 > len(places) for v, (_, places) in zip(votes, batch)]


def sightings(runs: list[tuple[str, ...]], text: str, parts: int = PARTS) -> dict[tuple[str, ...], Sighting]:
    """Each run's Sighting, in one pass over the text (stretches: `parts` equal ones; a term comes
    back through an episode, a thing of one story, "the pickup truck", stays in its story; raw
    captions write names in lowercase, like terms: "nietzsche's", "heidegger wrote"). A run
    inside a longer one counts once, for the longer."""
    if not runs:
        return {}
    of = {form: run for run in runs for form in forms(" ".join(run))}
    words = "|".join(r"\s+".join(map(re.escape, form.split())) for form in sorted(of, key=lambda f: (-len(f), f)))
    seen: dict[tuple[str, ...], Sighting] = {}
    for m in re.finditer(rf"\b({words})\b({_PERSON_CUE})?", text):
        s = seen.setdefault(of[" ".join(m.group(1).split())], Sighting())
        s.stretches.add(m.start() * parts // len(text))
        s.said += 1
        s.cued += m.group(2) is not None or _said_as_role(text, m.start(), m.end(1))
        if len(s.places) < TAG_SAMPLES:
            before = _BREAK.split(text[max(0, m.start() - TAG_CHARS):m.start()])[-1].split()[-TAG_WINDOW:]
            after = _BREAK.split(text[m.end(1):m.end(1) + TAG_CHARS])[0].split()[:TAG_WINDOW]
            place = (before + m.group(1).split() + after, len(before))
            if place not in s.places:                   # a title said twice is one place
                s.places.append(place)
    return seen


def _said_as_role(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is what someone is: "I was a postdoc at", "hire a mortgage broker.";
    not a word qualifying the next one ("as a customer success manager", "a pashto speaker")."""
    after = _NEXT_WORD.match(text, end)
    before = text[max(0, start - ROLE_CHARS):start].lower()
    return (after is None or after.group(1).lower() in _STOP) and _ROLE_FRAME.search(before) is not None \
        and _USED_AS.search(before) is None


def forms(term: str) -> list[str]:
    """The term and its plural (the last word's): both name it.

    >>> forms("emotional debt"), forms("theory of mind")
    (['emotional debt', 'emotional debts'], ['theory of mind', 'theories of mind'])
    >>> forms("strategy"), forms("process")
    (['strategy', 'strategies'], ['process', 'processes'])
    """
    words = term.split()
    at = _head(tuple(words))
    words[at] = _plural(words[at])
    return [term, " ".join(words)]


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")


def _fold_plurals(counts: Counter) -> None:
    """A run also said in its singular counts both: "robot" 5 and "robots" 7 are "robot" 12 (a
    plural said alone stays as it is: "lens" is no plural of "len")."""
    for run in [run for run in counts if run[_head(run)].endswith("s") and not run[_head(run)].endswith("ics")]:
        known = [single for single in singulars(run) if single in counts]
        if known:
            counts[known[0]] += counts.pop(run)


def _head(run: tuple[str, ...]) -> int:
    """Where the word that takes the plural stands: the last, or the one before "of"."""
    return len(run) - 3 if run[-2:-1] == ("of",) else len(run) - 1


def singulars(run: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The runs whose plural `run` could be (its head word's, the word before "of" if any).

    >>> singulars(("robots",)), singulars(("theories", "of", "mind"))[-1], singulars(("loss",))
    ([('robot',)], ('theory', 'of', 'mind'), [])
    """
    at = _head(run)
    word = run[at]
    stems = {word[:-1], word[:-2] if word.endswith("es") else None,
             word[:-3] + "y" if word.endswith("ies") else None} - {None}
    return [run[:at] + (stem,) + run[at + 1:] for stem in sorted(stems) if stem and _plural(stem) == word]


def _units(runs: list[tuple[str, ...]], counts: Counter) -> list[tuple[str, ...]]:
    """Drop a run mostly said inside a longer strong run, and a longer run said in under half
    of its shorter part's places ("nervous system capacity" gives way to "nervous system").
    Each longer run looks up only its own parts (at most five), so this is linear."""
    strong = set(runs)
    dropped: set[tuple[str, ...]] = set()
    for longer in runs:
        for n in range(1, len(longer)):
            for shorter in {longer[i:i + n] for i in range(len(longer) - n + 1)} & strong:
                if counts[shorter] - counts[longer] < MIN_TIMES:
                    dropped.add(shorter)
                elif counts[longer] * 2 < counts[shorter]:
                    dropped.add(longer)
    return [run for run in runs if run not in dropped]


def spacy_tagger(nlp) -> Tagger | None:
    """A Tagger from a pipeline that holds (even disabled) `tok2vec` and `tagger`; None without."""
    if "tagger" not in nlp.component_names or "tok2vec" not in nlp.component_names:
        return None
    tok2vec, tagger = nlp.get_pipe("tok2vec"), nlp.get_pipe("tagger")

    def tag(batch: Sequence[tuple[Sequence[str], int, int]]) -> list[list[str]]:
        from spacy.tokens import Doc
        docs = tagger.pipe(tok2vec.pipe((Doc(nlp.vocab, words=list(words)) for words, _, _ in batch), batch_size=256),
                           batch_size=256)
        return [[doc[i].tag_ for i in range(start, end)] for doc, (_, start, end) in zip(docs, batch)]
    return tag
