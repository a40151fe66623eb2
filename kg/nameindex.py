"""Names -> nodes: the lookup keys `KnowledgeGraph.find` matches names by, and the index of a
graph's labels and aliases under them (load files store it: kg.fastload).

>>> name_index([("n1", {"label": "Open AI"}), ("n2", {"label": "OpenAI"})])["openai"] == {"n1", "n2"}
True
"""
from __future__ import annotations

import re

from .gazetteer import fold
from .normalize import clean


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive lookup key (load files store these: bump
    kg.fastload.NAMES_VERSION when it changes).

    >>> name_key("Yann LeCun's"), name_key("Ōura-Ring")
    ('yannlecun', 'ouraring')
    """
    return re.sub(r"[^\w]+", "", fold(clean(name)))


def name_index(nodes) -> dict[str, set]:
    """Lookup key -> the nodes whose label or an alias has it, from (node, data) pairs.

    >>> name_index([("n1", {"label": "Open AI", "aliases": ["OpenAI Inc"]})])
    {'openai': {'n1'}, 'openaiinc': {'n1'}}
    """
    index: dict[str, set] = {}
    for node, data in nodes:
        for name in [data.get("label", ""), *data.get("aliases", ())]:
            index.setdefault(name_key(name), set()).add(node)
    return index
