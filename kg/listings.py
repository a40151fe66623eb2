"""Upstream entity lists are evidence, not truth: which listed names a build trusts.

A metadata file's `companies:`, `people:`, `topics:` ... lists come from other tools and are
noisy. A listed name counts when NER or the gazetteer finds it in the text (kg.resolve), or,
uncorroborated, when the upstream tool rated it high, when it names a known entity cleanly, or
when it is a capitalised full name found in its own context quote.

>>> from kg.model import Mention
>>> m = Mention("d", "Ada Byron", "Person", "metadata", 0.5, field="people", context="We met Ada Byron today.")
>>> listed(m), trusted(m, "name:ada byron", {})
(True, True)
"""
from __future__ import annotations

from .model import Mention
from .normalize import clean, had_prefix

KEEP_CONFIDENCE = 0.9       # an upstream tool's rating this high is trusted alone
LIST_FIELDS = frozenset({"companies", "people", "products", "models", "concepts", "works", "entities", "topics", "tags"})


def listed(m: Mention) -> bool:
    """A mention that comes from an upstream entity list (or a text span matched by such a name)."""
    return m.source == "metadata" and m.field in LIST_FIELDS


def trusted(m: Mention, key: str, entries) -> bool:
    """Whether a listed entity nothing in the text corroborates is trusted (`entries`: the
    gazetteer's entries by key)."""
    if m.confidence >= KEEP_CONFIDENCE:
        return True
    if had_prefix(m.surface) or m.field == "tags":
        return False
    if key in entries:
        return True
    name = clean(m.surface)
    words = name.split()
    return (len(words) >= 2 and all(w[:1].isupper() or w.lower() in ("of", "the", "and") for w in words)
            and bool(m.context) and name in " ".join(m.context.split()))
