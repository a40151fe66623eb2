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
>>> everyday("Get alignment across the team before the launch.", m, [], {})
True
>>> t = "Get alignment right before we train a more capable AI system."
>>> everyday(t, m, [], {})
False
"""
from __future__ import annotations

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


def everyday(text: str, m, mentions, entries, title: str = "") -> bool:
    """Whether the Concept match `m` (a gazetteer key, start and end in `text`) stands where nothing
    says the talk is about the field. `mentions`: the document's other mentions; `entries`: the
    gazetteer's entries by key (a model among them nearby is the field); `title`: the episode's
    title (an idea it names is meant throughout: "Ray Kurzweil: Singularity, ...")."""
    if m.start is None or not everyday_words(m.surface) or _FIELD.search(m.surface):
        return False        # "machine learning", "neural network" name the field themselves
    word = m.surface.split()[-1].lower()
    if re.search(rf"\b{re.escape(word)}\b", title.lower()):
        return False
    lo, hi = max(0, m.start - WINDOW), m.end + WINDOW
    if _FIELD.search(text, lo, m.start) or _FIELD.search(text, m.end, hi):
        return False
    return not any(o.key and o.key != m.key and o.start is not None and lo <= o.start < hi
                   and (e := entries.get(o.key)) is not None and field_name(e.type, o.surface) for o in mentions)


def field_name(type_: str, surface: str) -> bool:
    """A gazetteer match that says the talk is about the field: a model, or an idea written as no
    everyday word ("RLHF", "interpretability", "scaling laws")."""
    return type_ == "Model" or type_ == "Concept" and not everyday_words(surface)
