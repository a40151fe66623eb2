"""Topics an episode's title names ("Ada Byron - Looms and Punch Cards"), kept when the
episode's own text says them too, so lowercase speech ("we talked about punch cards")
gives them mentions NER would miss.

The title is cut at its separators (" - ", ":", "|", ",", " and ", "&"); a piece of up
to four words is a candidate as it stands, a longer one gives its two- and one-word runs.
A candidate counts when the text says it at least `MIN_TIMES` times, it is not a
participant's name or a job ("Chief Scientist"), it neither starts nor ends on a stop
word, and a single word is not a common English word (wordfreq's Zipf under `COMMON_ZIPF`).

>>> text = "we spoke of punch cards and looms and punch cards again and jacquard looms " * 2
>>> title_topics("Ada Byron - Looms and Punch Cards", text, ["Ada Byron"])
['Looms', 'Punch Cards']
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..normalize import fold, word_zipf
from .affiliations import PERSON_ROLES

MIN_TIMES = 2
COMMON_ZIPF = 4.5
MAX_WORDS = 4
_CUT = re.compile(r"\s+[-–—|:]\s+|[,;:|()\[\]]|\s+(?:and|&|vs\.?|versus|or)\s+", re.I)
_WORD = re.compile(r"[^\W_][\w'’.\-]*")


def title_topics(title: str, text: str, people: list[str], single: bool = True) -> list[str]:
    """Phrases of `title` that `text` says at least MIN_TIMES times (as written in the title); one-word
    phrases only with `single` (for raw speech recognition, where NER cannot see capitals: in written
    text NER finds the names, and a title's lone words are more often verbs than topics)."""
    if not title or not text:
        return []
    low = fold.__wrapped__(text)      # a transcript: not for fold's cache
    names = {fold(p) for p in people} | {w for p in people for w in fold(p).split()}
    found: list[str] = []
    for piece in _CUT.split(title):
        words = [re.sub(r"['’]s$", "", w) for w in _WORD.findall(piece)]
        spans = [(0, len(words))] if len(words) <= MAX_WORDS else \
            [(i, i + n) for n in (2, 1) for i in range(len(words) - n + 1)]
        taken: set[int] = set()
        for start, end in spans:
            run, where = words[start:end], set(range(start, end))
            phrase = " ".join(run)
            if not run or (len(run) == 1 and not single) or where & taken or not _topic_like(run, names) \
                    or phrase in found:
                continue
            if len(re.findall(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", low)) >= MIN_TIMES:
                found.append(phrase)
                taken |= where
    return found


def _topic_like(run: list[str], names: set[str]) -> bool:
    folded = [fold(w) for w in run]
    if folded[0] in STOP_WORDS or folded[-1] in STOP_WORDS or fold(" ".join(run)) in names:
        return False
    if any(w in names for w in folded) or any(w.isdigit() for w in folded) or folded[-1] in PERSON_ROLES:
        return False                            # a person's name or a job ("Chief Scientist") is no topic
    if len(run) == 1:
        return len(folded[0]) >= 4 and word_zipf(folded[0]) < COMMON_ZIPF
    return True

