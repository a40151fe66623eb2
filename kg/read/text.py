"""Helpers shared by the readers: assembling document text with offsets,
timestamps, light Markdown clean-up, titles.

>>> b = TextBuilder()
>>> b.paragraph("Intro line.")
(0, 11)
>>> b.turn("Hello OpenAI.", speaker="Ada", seconds=3.0).start
13
>>> b.text
'Intro line.\\n\\nHello OpenAI.'
>>> parse_seconds("1:02:03"), parse_seconds("02:03.5")
(3723.0, 123.5)
"""
from __future__ import annotations

import bisect
import statistics
import re
from dataclasses import dataclass

from ..model import Document, Mention, MetaEntity, Turn
from . import wikilinks

TIMESTAMP = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_MD_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
# a transcriber's note with the moment it was made: "[inaudible 00:48:16]", "[crosstalk 01:02:03]"
_STAMPED_NOTE = re.compile(rf"\[([^\W\d][^\[\]\n]{{0,40}}?)\s*{TIMESTAMP}\](?!\()")
_HASHY = re.compile(r"^(?:\d+[_-])?(?=[0-9a-f_-]*\d)[0-9a-f_-]{8,}$", re.I)


def parse_seconds(stamp: str) -> float:
    """'1:02:03' / '02:03' / '00:00:01,500' -> seconds."""
    parts = stamp.replace(",", ".").split(":")
    total = 0.0
    for part in parts:
        total = total * 60 + float(part)
    return total


_CLOCK = re.compile(r"(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d+)?")
_FRAMES = re.compile(r"(\d{1,3}):(\d{1,2}):(\d{2})[:;]\d{1,3}")       # hh:mm:ss:ff (SMPTE timecode)
NUMBER = re.compile(r"\d{1,9}(?:[.,]\d+)?")


def seconds(value: str, ms: bool = False) -> float | None:
    """A time written in a table cell or a JSON value in seconds, or None when it holds no time.

    >>> [seconds(v) for v in ("12.5", "01:02", "1:00:01,250", "00:01:02:12", "[00:00:07]", "12,5", "soon", "-3")]
    [12.5, 62.0, 3601.25, 62.0, 7.0, 12.5, None, None]
    >>> seconds("4200", ms=True), seconds("00:00:04.2", ms=True)
    (4.2, 4.2)
    """
    value = value.strip().strip("[]()")
    if m := _FRAMES.fullmatch(value):
        found = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    elif _CLOCK.fullmatch(value):
        found = parse_seconds(value)
    elif NUMBER.fullmatch(value):
        found = float(value.replace(",", ".")) / (1000 if ms else 1)
    else:
        return None
    return found if found < 10 ** 7 else None


def whole_milliseconds(starts: list[str]) -> bool:
    """Whole numbers that step by 500 or more at the median: milliseconds (no one cuts a transcript
    into rows eight minutes apart; Whisper's TSV writes integer milliseconds under `start`)."""
    values = [int(s) for s in starts if s.isdecimal()]
    if len(values) < 2 or len(values) < len(starts) * 0.9:
        return False
    steps = [b - a for a, b in zip(values, values[1:]) if b > a]
    return bool(steps) and statistics.median(steps) >= 500


class TextBuilder:
    """Accumulates the cleaned text of a document and the offsets of its parts."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self._turns: list[Turn] = []
        self._tail: list[str] = []      # the last turn's text in pieces, joined when `turns` is read
        self.times: list[tuple[int, float]] = []
        self.links: list[MetaEntity] = []
        self.headings: list[tuple[int, int]] = []

    @property
    def text(self) -> str:
        return "".join(self._parts)

    @property
    def length(self) -> int:
        return self._len

    @property
    def turns(self) -> list[Turn]:
        """The turns so far. Reading them joins the last turn's pieces: a reader that extends
        a turn many times should not read them in between (that would copy the turn each time)."""
        if self._tail:
            self._turns[-1].text = "".join(self._tail)
            self._tail.clear()
        return self._turns

    def _add(self, piece: str, sep: str) -> tuple[int, int]:
        if self._len and sep:
            self._parts.append(sep)
            self._len += len(sep)
        start = self._len
        self._parts.append(piece)
        self._len += len(piece)
        return start, self._len

    def paragraph(self, text: str, sep: str = "\n\n") -> tuple[int, int]:
        """Append text that belongs to no speaker turn; returns its span."""
        return self._add(unstamped(text), sep)

    def markdown(self, text: str, sep: str = "\n\n") -> tuple[int, int]:
        """Append Markdown, keeping wikilink targets as explicit mentions and heading spans."""
        md = strip_markdown(unstamped(text))
        start, end = self._add(md.text, sep)
        self.links.extend(MetaEntity(name, "wikilink", 1.0, start=start + s, end=start + e) for name, s, e in md.links)
        self.headings.extend((start + s, start + e) for s, e in md.headings)
        return start, end

    def turn(self, text: str, speaker: str | None = None, seconds: float | None = None,
             sep: str = "\n\n", voice: str | None = None) -> Turn:
        text = unstamped(text)
        start, end = self._add(text, sep)
        turn = Turn(text=text, start=start, end=end, speaker=speaker, seconds=seconds, voice=voice)
        self.turns.append(turn)                 # reading `turns` completes the previous turn
        if seconds is not None:
            self.time(start, seconds)
        return turn

    def extend_turn(self, text: str, sep: str = " ") -> None:
        """Append text to the last turn (the last thing added), without rebuilding the whole text."""
        last, text = self._turns[-1], unstamped(text)
        _, last.end = self._add(text, sep)
        if not self._tail:
            self._tail.append(last.text)
        self._tail += (sep, text)

    def time(self, offset: int, seconds: float) -> None:
        if not self.times or self.times[-1][0] < offset:
            self.times.append((offset, seconds))


def unstamped(text: str) -> str:
    """`text` without the moments in transcribers' notes, which speech never says and NER reads as
    part of the next name ("00:53:18] Uber"); the note stays, a name in it too.

    >>> unstamped("a fake site called Textbook [inaudible 00:39:21]. Thanks to [Ada Quill 01:10:14].")
    'a fake site called Textbook [inaudible]. Thanks to [Ada Quill].'
    """
    return _STAMPED_NOTE.sub(r"[\1]", text) if "[" in text else text


_HEAD_OPEN, _HEAD_CLOSE = "\x01", "\x02"
_MARKS = re.compile(r"\x01|\x02|" + wikilinks.PATTERN.pattern)
_OPEN = re.compile(r"(?:\*\*|__|~~|\*)(?=\S)")          # an emphasis marker before a non-space
_CLOSE = {mark: re.compile(r"(?<=\S)" + re.escape(mark)) for mark in ("**", "__", "~~", "*")}


@dataclass
class Markdown:
    text: str
    links: list[tuple[str, int, int]]       # (wikilink target, start, end)
    headings: list[tuple[int, int]]         # heading lines and bold lead-ins


def strip_markdown(text: str) -> Markdown:
    """Remove Markdown markup; keep wikilink targets and heading spans with their offsets."""
    text = drop_comments(text)
    lines = []
    for line in text.split("\n"):
        heading = _MD_HEADING.match(line) is not None
        line = _MD_BULLET.sub("", _MD_HEADING.sub("", line))
        line = _lead_in(line)
        line = _MD_LINK.sub(lambda m: m.group(1), line)
        line = strip_emphasis(strip_emphasis(line)).rstrip()
        lines.append(f"{_HEAD_OPEN}{line}{_HEAD_CLOSE}" if heading and line else line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    out: list[str] = []
    links, headings = [], []
    pos = length = 0
    open_at = None
    for m in _MARKS.finditer(text):
        out.append(text[pos:m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group(0) == _HEAD_OPEN:
            open_at = length
        elif m.group(0) == _HEAD_CLOSE:
            if open_at is not None:
                headings.append((open_at, length))
            open_at = None
        elif (link := wikilinks.parse(m)) is not None:          # an embed (![[...]]) leaves nothing
            if link.target:
                links.append((link.target, length, length + len(link.shown)))
            out.append(link.shown)
            length += len(link.shown)
    out.append(text[pos:])
    return Markdown("".join(out), links, headings)


def drop_comments(text: str) -> str:
    """Remove `<!-- ... -->` comments; an unclosed one stays. One pass: each `<!--` finds its
    close with one `str.find`, and when none is left no later comment can close either.

    >>> drop_comments("a<!-- x -->b<!-- y")
    'ab<!-- y'
    """
    out, pos = [], 0
    while (start := text.find("<!--", pos)) != -1 and (end := text.find("-->", start + 4)) != -1:
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _lead_in(line: str) -> str:
    """A line that opens with `**bold**` or `__bold__`: the bold part marked as a heading."""
    mark = line[:2]
    end = line.find(mark, 3) if mark in ("**", "__") else -1
    return line if end == -1 else f"{_HEAD_OPEN}{line[2:end]}{_HEAD_CLOSE}{line[end + 2:]}"


def strip_emphasis(line: str) -> str:
    """`**a**`, `__a__`, `*a*`, `~~a~~` -> `a`: at each position the first marker that has a
    close (after a non-space, content starting with one), the nearest close. The result of
    `re.sub(r"(\\*\\*|__|\\*|~~)(?=\\S)(.+?)(?<=\\S)\\1", r"\\2", line)` in linear time: a
    marker whose close was searched for in vain is not searched for again further on.

    >>> strip_emphasis("**a** *b c* ~~d~~ 2 * 3 __e *f__ g*")
    'a b c d 2 * 3 e *f g*'
    """
    out, pos, at = [], 0, 0
    unclosed: dict[str, int] = {}           # marker -> position from which it has no close
    while m := _OPEN.search(line, at):
        at = m.start()
        for mark in ("**", "*") if m.group() == "**" else (m.group(),):
            content = at + len(mark)
            if content + 1 >= unclosed.get(mark, len(line) + 1):
                continue
            close = _CLOSE[mark].search(line, content + 1)
            if close is None:
                unclosed[mark] = content + 1
                continue
            out += (line[pos:at], line[content:close.start()])
            pos = at = close.end()
            break
        else:
            at += 1
    out.append(line[pos:])
    return "".join(out)


def is_hashy(stem: str) -> bool:
    """True for machine-made file names like '000_f6e67b642e5fbc19'."""
    return bool(_HASHY.match(stem))


def first_sentence(text: str, limit: int = 90) -> str:
    """The first sentence of text, cut on a word boundary at `limit` characters."""
    text = " ".join(text.split())
    m = re.match(r"(.+?[.!?])(?:\s|$)", text)
    sentence = m.group(1) if m else text
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def title_from_stem(stem: str) -> str | None:
    """A readable title from a file name, or None when the name is machine-made; a leading date
    or episode number is not part of it.

    >>> title_from_stem("039 - Ada Byron - Engines"), title_from_stem("2024-05-01_ada_byron")
    ('Ada Byron - Engines', 'ada byron')
    """
    if is_hashy(stem):
        return None
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}[ _-]+", "", stem)
    stem = re.sub(r"^#?\d{1,4}(?:-\d{1,4})?\s+[-–—]\s+(?=\S)", "", stem)
    title = re.sub(r"[_]+", " ", stem).strip()
    return title or None


_SENTENCE_END = re.compile(r"[.?!](?:[\"'’”)\]]*)(?=\s|$)")


def speech_recognition(text: str, sample: int = 20_000) -> bool:
    """Raw speech-recognition output: almost no sentence punctuation (under one mark per 100
    words, where written or transcribed speech has 4 or more) or no capital letters.

    >>> speech_recognition("so we trained it on code " * 40), speech_recognition("We trained it. It works! " * 40)
    (True, False)
    """
    head = text[:sample]
    words = len(head.split())
    if words < 100:
        return False
    caps = sum(1 for c in head if c.isupper())
    return len(_SENTENCE_END.findall(head)) * 100 < words or caps * 100 < len(head)


SHORT_TURN_CHARS = 300      # a turn this short is one co-occurrence window


def place(document: Document, m: Mention, sentences: list[int], turn_starts: list[int]) -> None:
    """Fill a mention's turn, speaker, seconds and co-occurrence window from its offsets.

    >>> doc = Document("d", "d.txt", "text", "T", text="Hi. OpenAI.", turns=[Turn("Hi. OpenAI.", 0, 11, "Ada")])
    >>> m = Mention("d", "OpenAI", "Organization", "ner", 0.6, 4, 10); place(doc, m, [0, 4], [0])
    >>> m.turn, m.speaker, m.window
    (0, 'Ada', 0)
    """
    ti = bisect.bisect_right(turn_starts, m.start) - 1
    if ti >= 0 and m.start < document.turns[ti].end:
        turn = document.turns[ti]
        m.turn, m.speaker = ti, turn.speaker
        if turn.end - turn.start <= SHORT_TURN_CHARS:
            m.window = bisect.bisect_right(sentences, turn.start) - 1
    if m.window is None:
        m.window = max(bisect.bisect_right(sentences, m.start) - 1, 0)
    m.seconds = seconds_at(document.times, m.start)


def seconds_at(times: list[tuple[int, float]], offset: int) -> float | None:
    """Seconds into the recording at a character offset: the last time mark at or before it, moved on
    in proportion to the offset's place between that mark and the next (a turn is spoken at an even pace).

    >>> seconds_at([(0, 10.0), (100, 30.0)], 50), seconds_at([(0, 10.0), (100, 30.0)], 120), seconds_at([], 5)
    (20.0, 30.0, None)
    """
    i = bisect.bisect_right(times, (offset, float("inf"))) - 1
    if i < 0:
        return None
    start, seconds = times[i]
    if i + 1 < len(times):
        end, later = times[i + 1]
        if later > seconds and end > start:
            return round(seconds + (later - seconds) * (offset - start) / (end - start), 1)
    return seconds
