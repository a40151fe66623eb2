"""A short quote around a mention: its sentence, cut on word boundaries.

>>> quote("Alpha beta gamma. We use OpenAI models daily. Delta.", 25, 31, [0, 18, 46])
'We use OpenAI models daily.'
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence

QUOTE_CHARS = 240


def quote(text: str, start: int, end: int, sentences: Sequence[int], limit: int = QUOTE_CHARS) -> str:
    """The sentence around text[start:end], cut on word boundaries to `limit` characters
    ("…" marks a cut)."""
    i = bisect.bisect_right(sentences, start) - 1
    s_start = sentences[i] if i >= 0 else 0
    s_end = sentences[i + 1] if i + 1 < len(sentences) else len(text)
    while s_end < end and i + 2 <= len(sentences):        # a mention across a sentence break
        i += 1
        s_end = sentences[i + 1] if i + 1 < len(sentences) else len(text)
    lo, hi = _widen(text, s_start, s_end, start, end, limit)
    piece = " ".join(text[lo:hi].split())
    return ("…" if lo > s_start else "") + piece + ("…" if hi < s_end and text[lo:s_end].strip() != piece else "")


def _widen(text: str, s_start: int, s_end: int, start: int, end: int, limit: int) -> tuple[int, int]:
    if s_end - s_start <= limit:
        return s_start, s_end
    half = max((limit - (end - start)) // 2, 20)
    lo, hi = max(s_start, start - half), min(s_end, end + half)
    if lo > s_start:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < s_end:
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return lo, hi
