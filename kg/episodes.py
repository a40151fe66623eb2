"""Episodes: the documents of one episode (a note and its transcript, a page and a listing
stub of the same episode elsewhere) share a key, its video id or its title.

>>> from kg.model import Document
>>> a = Document(id="a", source="a.md", format="note", title="Ep 1", url="https://youtu.be/abcdefghijk")
>>> b = Document(id="b", source="b.txt", format="transcript", title="Episode one", url="https://www.youtube.com/watch?v=abcdefghijk")
>>> list(episode_groups([a, b]).values())[0][0], [d.id for d in list(episode_groups([a, b]).values())[0][1]]
('Ep 1', ['a', 'b'])
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from .gazetteer import fold
from .model import Document


def episode_key(doc: Document) -> str:
    """Documents of the same episode share a key: its video id or its (show, title)."""
    if doc.url:
        m = re.search(r"(?:youtu\.be/|[?&]v=)([\w-]{11})", doc.url)
        if m:
            return "episode:youtube:" + m.group(1)
    return "episode:" + fold(doc.title)


def episode_groups(documents: Sequence[Document]) -> dict[str, tuple[str, list[Document]]]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in documents:
        groups[episode_key(d)].append(d)
    out = {}
    for key, docs in groups.items():
        out[key] = (main_document(docs).title, docs)
    return out


def main_document(docs: list[Document]) -> Document:
    """The document that speaks for an episode: a full one before a listing stub, then by file."""
    return min(docs, key=lambda d: (d.format == "listing", d.source))


def episode_attrs(docs: list[Document]) -> dict:
    """Attributes of the Episode node: date, URL, formats read, and whether it is only a listing stub."""
    main = main_document(docs)
    attrs = {"date": main.date, "url": next((d.url for d in docs if d.url), None),
             "formats": sorted({d.format for d in docs}), "stub": all(d.format == "listing" for d in docs)}
    return {k: v for k, v in attrs.items() if v not in (None, [], False)}
