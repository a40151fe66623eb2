"""Whether a cluster of mentions has the support to be a node of the graph: a name nothing knows
needs a type its own evidence allows (kg.evidence), and a single unknown word needs more than one
sighting.

>>> from kg.clusters import Cluster
>>> from kg.gazetteer import Gazetteer
>>> c = Cluster(key="x"); c.surfaces["quillory"] += 1; c.types["Organization"] += 1.0; c.spans = 1
>>> weak(c, Gazetteer.from_entries([]), {})
'lowercase, unknown'
"""
from __future__ import annotations

import re

from . import evidence
from .clusters import Cluster, entity_type, label_of, votes_of
from .gazetteer import Gazetteer, fold
from .normalize import word_zipf

CAPTION_WORD_ZIPF = 3.5      # a word this common, capitalised only by auto-captions, is the word
_VERSIONED = re.compile(r"^[A-Z][A-Za-z]*-?\d+(?:\.\d+)?[a-z]?$")


def model_family(gaz: Gazetteer, name: str) -> bool:
    """A variant of a gazetteer model: "Gemini Pro", "GPT-4o", "Claude 3 Sonnet"."""
    return any((e := gaz.lookup(name[:i])) is not None and e.type == "Model"
               for i in range(3, len(name)) if name[i] in " -." or name[i - 1].isdigit())


def weak(c: Cluster, gaz: Gazetteer, first_names: dict) -> str | None:
    """Why a cluster is too weakly supported to become a node, or None. Sets `c.settled` (the type its
    evidence allows) on the clusters it judges by their evidence."""
    type_ = entity_type(c)
    if not type_:       # only a wikilink named it, and nothing says what it is
        return "wikilink to nothing typed (a date or a note title)" if c.named else "no type"
    if c.entry is not None or c.named or c.corrected:
        return None
    if c.spans == 0:
        return None                      # listings that passed _listed_ok
    surfaces = list(c.surfaces)
    single = all(len(s.split()) == 1 for s in surfaces)
    if all(s.islower() for s in surfaces):
        return "lowercase, unknown"
    if c.lowered >= c.capped > 0 and type_ != "Concept":     # ideas are written in lowercase ("poker")
        return "a phrase its text also writes in lowercase"
    label = label_of(c)
    c.settled = evidence.settle(votes_of(c), c.seen, label, model_family(gaz, label),
                                any(gaz.lookup(w) for w in label.split()[:4])) or ""
    if not c.settled:
        return f"nothing around it says it is a {type_}"
    if single and (type_ == "Person" or all(fold(s) in first_names for s in surfaces)):
        return "first name alone"
    if c.metadata:
        return None
    if single:
        if any(_VERSIONED.match(s) for s in surfaces):
            return None                  # version-like names (GPT-6, H100) are distinctive
        if all(s.isupper() and len(s) <= 4 for s in surfaces):
            return "unknown acronym"
        if c.caption_spans == c.spans and word_zipf(label) >= CAPTION_WORD_ZIPF and not label.isupper() \
                and not evidence.known_place(label):
            return "a common word, heard only in captions"      # "Target", "Theory": auto-captions capitalise words
        if type_ == "Place" and c.midline and not any(s.isupper() for s in surfaces):
            return None                  # "in Vienna": NER is reliable on one-word place names in running text
        if c.spans < 2 or type_ == "Work":
            return "single word, unknown"
    return None
