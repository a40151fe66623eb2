"""Raw auto-captions: a few words per line, `>>` at a change of speaker.

Lines are re-joined into running text; each `>>` starts a new turn whose
speaker is unknown (None). Bare timestamp lines (as in copied YouTube
transcripts) place the following text in time.

>>> b = parse("so\\nwelcome\\n\\n>> thanks\\nfor having me\\n>> sure")
>>> [(t.speaker, t.text) for t in b.turns]
[(None, 'so welcome'), (None, 'thanks for having me'), (None, 'sure')]
"""
from __future__ import annotations

import re

from .text import TIMESTAMP, TextBuilder, parse_seconds

_TS_LINE = re.compile(rf"^[\[(]?({TIMESTAMP})[\])]?$")


def looks_like(lines: list[str]) -> bool:
    """Mostly one-to-three-word lines, or speaker changes marked with `>>`."""
    words = [len(line.split()) for line in lines if line.strip()]
    if len(words) < 12:
        return False
    short = sum(1 for n in words if n <= 3) / len(words)
    chevrons = sum(1 for line in lines if line.lstrip().startswith(">>"))
    timestamps = sum(1 for line in lines if _TS_LINE.match(line.strip()))
    return short >= 0.7 or chevrons >= 3 or timestamps >= 0.3 * len(words)


def parse(body: str, builder: TextBuilder | None = None) -> TextBuilder:
    """Re-join caption lines into turns (speaker unknown), keeping timestamps."""
    b = builder or TextBuilder()
    words: list[str] = []
    length = 0                               # len(" ".join(words)), kept as words come
    times: list[tuple[int, float]] = []      # (offset within the running turn, seconds)
    seconds: float | None = None

    def flush() -> None:
        nonlocal length
        length = 0
        if words:
            turn = b.turn(" ".join(words), speaker=None, seconds=times[0][1] if times and times[0][0] == 0 else None)
            for offset, at in times:
                b.time(turn.start + offset, at)
            words.clear()
            times.clear()

    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            continue
        ts = _TS_LINE.match(line)
        if ts:
            seconds = parse_seconds(ts.group(1))
            if words:
                times.append((length + 1, seconds))
            continue
        if line.startswith(">>"):
            flush()
            line = line[2:].strip()
            if not line:
                continue
        if not words and seconds is not None:
            times.append((0, seconds))
        new = line.split()
        length += len(" ".join(new)) + (1 if words else 0)
        words.extend(new)
    flush()
    return b
