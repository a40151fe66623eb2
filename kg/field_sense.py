"""An idea of the AI field said in its everyday sense is not that idea.

The gazetteer's curated Concepts are the field's ideas, and many are ordinary words too:
"alignment" of a team, "generalization" of a claim, "fine-tuning" a pitch, "unlearning" old
habits, RSI the strain injury, "the singularity" of a black hole. Where the field is talked
about, the words around say so. So a Concept match written as one lowercase English word (at
least Zipf 2; hyphenated parts each) or as an acronym of two or three letters counts only when
its neighbourhood (WINDOW characters either side) holds a word of the field ("AI", "neural",
"LLM", "trained on"...) or a gazetteer model or unambiguous idea ("RLHF") found there. Names and phrases ("RLHF",
"Goodhart's law", "universal basic income") are not judged.

>>> from kg.model import Mention
>>> m = Mention("d", "alignment", "Concept", "gazetteer", 0.9, 4, 13, key="alignment")
>>> everyday("Get alignment across the team before the launch.", m, Nearby([], {}))
True
>>> t = "Get alignment right before we train a more capable AI system."
>>> everyday(t, m, Nearby([], {}))
False
"""
from __future__ import annotations

import bisect
import functools
import re

from .normalize import word_zipf

WINDOW = 300                # characters either side of the match searched for words of the field
EVERYDAY_ZIPF = 2.0         # a word at least this common in English ("unlearning") has an everyday sense
_FIELD = re.compile(
    r"\b(?:ai|a\.i\.|agi|artificial intelligence|machine learning|deep learning|neural|llms?|language models?|"
    r"gpt[-\w.]*|chatgpt|openai|anthropic|deepmind|algorithms?|datasets?|training data|trained on|gpus?|"
    r"benchmarks?|transformers?|superintelligen\w*|chatbots?|robots?|robotics|weights|parameters|"
    r"training|trained|inference|architectures?|gradients?|tokens?|models?|intelligence|"
    r"reinforcement learning|computer science|compute)\b", re.I)


def everyday_words(surface: str) -> bool:
    """One ordinary English word, hyphenated or not ("alignment", "fine-tuning", "the singularity"), or
    an acronym of two or three letters ("RSI", "MLA", "rag"). Phrases of several words ("universal
    basic income", "effective altruism") mean the same thing wherever they are said: not judged.

    >>> [everyday_words(s) for s in ("unlearning", "the singularity", "RSI", "RLHF", "existential risk", "Goodhart's law")]
    [True, True, True, False, False, False]
    """
    words = surface.split()
    if len(words) == 2 and words[0].lower() == "the":
        words = words[1:]
    if len(words) != 1:
        return False
    word = words[0]
    if 2 <= len(word) <= 3 and word.isalpha() and (word.isupper() or word.islower()):
        return True
    parts = word.split("-")
    return all(p.isalpha() and p.islower() and word_zipf(p) >= EVERYDAY_ZIPF for p in parts)


class Nearby:
    """A document's gazetteer matches, by where they start, for "is such a name within WINDOW
    characters of this one" asked once per match (bisect: not every mention per match).

    >>> from kg.gazetteer import Gazetteer
    >>> from kg.model import Mention
    >>> entries = Gazetteer.from_entries([{"key": "gpt-5", "label": "GPT-5", "type": "Model"}]).entries
    >>> near = Nearby([Mention("d", "GPT-5", "Model", "ruler", 1.0, 40, 45, key="gpt-5")], entries)
    >>> near.any(Mention("d", "RSI", "Concept", "ruler", 1.0, 10, 13, key="rsi"), field_name)
    True
    """

    def __init__(self, mentions, entries):
        found = sorted((o.start, o.key, entries[o.key].type, o.surface) for o in mentions
                       if o.key and o.start is not None and o.key in entries)
        self._starts = [f[0] for f in found]
        self._found = found

    def any(self, m, wanted) -> bool:
        """Whether another entry's match, `wanted(type, surface)`, starts within WINDOW of `m`."""
        lo, hi = bisect.bisect_left(self._starts, m.start - WINDOW), bisect.bisect_left(self._starts, m.end + WINDOW)
        return any(key != m.key and wanted(type_, surface) for _, key, type_, surface in self._found[lo:hi])


def _said_near(text: str, m, words: re.Pattern) -> bool:
    """Whether `words` match within WINDOW characters either side of `m` (not `m` itself)."""
    return bool(words.search(text, max(0, m.start - WINDOW), m.start) or words.search(text, m.end, m.end + WINDOW))


def field_said_near(text: str, m) -> bool:
    """Whether a word of the AI field stands within WINDOW characters of mention `m` (of a name
    the file lists, without a place: anywhere in the file).

    >>> from kg.model import Mention
    >>> t = "Quill had a paper on model evals."
    >>> field_said_near(t, Mention("d", "Quill", "", "ner", 0.6, 0, 5)), field_said_near("Quill sells pens.", Mention("d", "Quill", "", "ner", 0.6, 0, 5))
    (True, False)
    """
    return _said_near(text, m, _FIELD) if m.start is not None else _FIELD.search(text) is not None   # a listing: the file


def everyday(text: str, m, near: Nearby, title: str = "") -> bool:
    """Whether the Concept match `m` (a gazetteer key, start and end in `text`) stands where nothing
    says the talk is about the field. `near`: the document's gazetteer matches (a model or an
    unambiguous idea among them nearby is the field); `title`: the episode's title (an idea it
    names is meant throughout: "Ray Kurzweil: Singularity, ...")."""
    if m.start is None or not everyday_words(m.surface) or _FIELD.search(m.surface):
        return False        # "machine learning", "neural network" name the field themselves
    word = m.surface.split()[-1].lower()
    if re.search(rf"\b{re.escape(word)}\b", title.lower()):
        return False
    return not _said_near(text, m, _FIELD) and not near.any(m, field_name)


def field_name(type_: str, surface: str) -> bool:
    """A gazetteer match that says the talk is about the field: a model, or an idea written as no
    everyday word ("RLHF", "interpretability", "scaling laws")."""
    return type_ == "Model" or type_ == "Concept" and not everyday_words(surface)


def business_name(type_: str, surface: str) -> bool:
    """A gazetteer match that says the talk is about business: a company, a model or a person."""
    return type_ in ("Organization", "Model", "Person")


# words around a company or product said as a common word ("apple", "amazon", "meta") in captions
_BUSINESS = re.compile(
    r"\b(?:compan(?:y|ies)|ceo|founders?|founded|startups?|business(?:es)?|apps?|iphones?|products?|stock|shares|"
    r"billion|customers|users|platform|store|employees|engineers|acquir\w+|bought|launched|released|brand|"
    r"market|investors?|software|devices?|phones?|computers?|website|services?|worked at|working at|"
    r"social media|social networks?|tweet\w*|followers|accounts?|online|internet|posts?|"
    r"universit(?:y|ies)|college|school|professor|students|research|lab)\b", re.I)
_ARTICLE = re.compile(r"\b(?:a|an|the|this|that|my|your|his|her)\s+$", re.I)
NAME_ZIPF = 3.5             # a name this common as an English word ("apple", "amazon") is the word unless ...


@functools.lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """The lowercase words of Webster's Second International (the `english-words` package's "web2"
    list, public domain): a dictionary from before the brands, so "apple" is in it and "google" not."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False) if w.islower())


def dictionary_word(word: str, zipf: float = 3.5) -> bool:
    """A common English word of the dictionary ("apple", "slack", "oracle"), not a brand ("google"):
    in the dictionary and at least `zipf` on wordfreq's scale.

    >>> dictionary_word("Apple"), dictionary_word("Google"), dictionary_word("Amazon")
    (True, False, False)
    """
    return word.isalpha() and word.lower() in _dictionary() and word_zipf(word) >= zipf


def common_word_in_captions(text: str, m, near: Nearby) -> bool:
    """Whether a company or model matched in raw captions as a common word of the dictionary ("an
    apple", "the oracle"), after an article, stands where nothing says business: no business word
    ("company", "app", "CEO", "launched"...) within WINDOW characters, and no other gazetteer
    company, model or person. Tossing "an apple" is no company.

    >>> from kg.model import Mention
    >>> fruit = "he tossed an apple up and it fell down because of gravity"
    >>> common_word_in_captions(fruit, Mention("d", "apple", "Organization", "ruler", 1.0, 13, 18, key="apple"), Nearby([], {}))
    True
    >>> phone = "he said an apple phone would sell to every customer on earth"
    >>> common_word_in_captions(phone, Mention("d", "apple", "Organization", "ruler", 1.0, 11, 16, key="apple"), Nearby([], {}))
    False
    """
    if m.start is None or " " in m.surface or not dictionary_word(m.surface, NAME_ZIPF) \
            or not _ARTICLE.search(text, max(0, m.start - 8), m.start):
        return False            # a common noun takes an article ("an apple"); a brand rarely ("on Twitter")
    return not _said_near(text, m, _BUSINESS) and not near.any(m, business_name)


def not_meant(type_: str, doc, m, near: Nearby, edited: bool) -> str | None:
    """Why the gazetteer's match `m` (of an entry of `type_`) is not that entry where it stands in
    `doc`, or None: a field's idea in its everyday sense, or a company's name said as a common noun
    in raw captions (`edited` False). `near`: the document's gazetteer matches."""
    if type_ == "Concept" and everyday(doc.text, m, near, doc.title or ""):
        return "a field's idea said in its everyday sense"
    if type_ in ("Organization", "Model") and not edited and common_word_in_captions(doc.text, m, near):
        return "a company's name said as a common word, nothing about business near"
    return None
