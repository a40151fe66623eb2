"""Which NER spans name nothing: a capitalised common noun ("our North Star"), lowercase words
trailing a name, a span across two sentences ("B2B. Personally"), a section heading. Ruler and
metadata spans are not judged here; no span of any kind counts inside a web address
(kg.normalize.in_web_address).

>>> import spacy
>>> doc = spacy.blank("en")("We sold to B2B. Personally I met Tomasz half way.")
>>> [trim(doc[i:j]) for i, j in ((3, 5), (7, 9))]
[None, None]
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Span

from .model import Document


def names_nothing(document: Document, span: Span, start: int, end: int) -> bool:
    """Whether an NER span (at `start`-`end` of the document's text) is no name at all."""
    return in_heading(document, start, end) or common_noun(span)


_DETERMINERS = {"a", "an", "our", "my", "your", "their", "his", "her", "its", "every", "some", "any", "another",
                "these", "those"}


def common_noun(span: Span) -> bool:
    """A capitalised phrase used as a common noun ("our North Star", "a reassuring North Star"):
    a determiner before it, with only lowercase words between. Names of places and organisations
    rarely take "a" or "our"."""
    doc = span.doc
    for i in range(span.start - 1, max(span.start - 4, -1), -1):
        word = doc[i].lower_
        if word in _DETERMINERS:
            return span.label_ != "PERSON"
        if not doc[i].is_lower or doc[i].is_punct:
            return False
    return False


_POSSESSIVE = frozenset({"'s", "’s"})
_TWO_SENTENCES = re.compile(r"\b(?!(?i:dr|st|mr|mrs|ms|jr|sr|inc|co|corp|ltd|mt|ft|prof|gen|gov|sen|rep|lt|col|capt|"
                            r"sgt|adm|cmdr|rev|fr|pres|no|vol|ave|blvd|rd|bros|univ|dept|intl|natl|nat|mass|wash|"
                            r"assn|est|vs|etc)\.)\w{2,}\. \w")     # "B2B. Personally", not "Dr. Dre", "Warner Bros. Discovery"


def trim(span: Span) -> Span | None:
    """Drop lowercase words NER let trail after a name ("Tomasz half"-jokingly); a name cut
    down to one word this way was never a name of that type. A span across two sentences
    ("B2B. Personally") is none. A person's span ends before a possessive inside it: "Ada
    Quill's Wife" is Ada Quill.

    >>> import spacy
    >>> doc = spacy.blank("en")("Then Ada Quill's Wife spoke.")
    >>> trim(Span(doc, 1, 5, label="PERSON")).text, trim(Span(doc, 1, 3, label="PERSON")).text
    ('Ada Quill', 'Ada Quill')
    """
    if _TWO_SENTENCES.search(span.text):
        return None
    if span.label_ == "PERSON":         # "Bill Quill's Wife", "Quill's Jewish": the person is the one before "'s"
        owner = next((i for i in range(span.start + 1, span.end - 1) if span.doc[i].lower_ in _POSSESSIVE), None)
        if owner is not None:
            span = Span(span.doc, span.start, owner, label=span.label_)
    if span.doc[span.start].is_lower:
        return span                          # all lower case (auto-captions): nothing to go by
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_lower and span.doc[end - 1].is_alpha:
        end -= 1
    if end == span.end:
        return span
    return None if end - span.start == 1 else Span(span.doc, span.start, end, label=span.label_)


def in_heading(document: Document, start: int, end: int) -> bool:
    """Headings name sections, not entities: NER spans touching one are dropped (ruler ones kept)."""
    i = bisect.bisect_right(document.headings, (start, float("inf"))) - 1
    return (i >= 0 and start < document.headings[i][1]) or (
        i + 1 < len(document.headings) and document.headings[i + 1][0] < end)
