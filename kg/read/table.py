"""Transcripts exported as tables (CSV or TSV) by transcription tools: one row per cue with a
start time and the text, maybe an end time and a speaker, under the column names such tools
use (matched case-insensitively: `Start Time`, `Timecode`, `In`, `Speaker Name`, `Transcript`...).
Times are seconds (`12.5`), milliseconds when the column says so (`start_ms`, `Start (ms)`) or
when whole numbers step by 500 or more (Whisper's TSV), or clock times (`01:02`, `00:01:02.5`,
`00:01:02,500`, `00:01:02:12` with frames dropped). The delimiter is the tab in a .tsv, else the
one Excel's `sep=;` line states or the header uses most. A table without start and text columns
is no transcript (None); a headerless one is read only when its shape says so (time, speaker, text).

>>> t = parse('Start Time,End Time,Speaker,Text\\n00:00:01,00:00:04,Ada Byron,"Hello, Alan."\\n'
...           '00:00:04.5,00:00:06,Speaker 2,Hi.\\n', "ep.csv")
>>> [(c.seconds, c.speaker, c.text) for c in t.cues]
[(1.0, 'Ada Byron', 'Hello, Alan.'), (4.5, 'Speaker 2', 'Hi.')]
>>> parse("year,revenue\\n2023,12\\n2024,15\\n", "data.csv") is None
True
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..errors import InputError
from .jsonfile import SPEAKER_KEYS, START_KEYS, TEXT_KEYS
from .subtitles import Cue
from .text import NUMBER, seconds, whole_milliseconds

EXTS = (".csv", ".tsv")
DELIMITERS = (",", ";", "\t", "|")
MAX_COLUMNS = 1000              # a line with more fields is no transcript row (and no row is built from it)
SAMPLE_ROWS = 20                # rows looked at to recognise a table without a header
NO_TRANSCRIPT = "no transcript"  # a header naming columns, but not both a start and a text


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


# column names, normalised by _key, in order of preference; units are cut off first (`_header`)
STARTS = [*dict.fromkeys(_key(k).removesuffix("ms") for k in START_KEYS), "time", "timecode", "starttimecode",
          "begintime", "startat", "in", "intime", "timein", "tcin", "starttimestamp"]
TEXTS = [*map(_key, TEXT_KEYS), "dialogue", "dialog", "subtitle", "speech", "transcripttext", "captiontext"]
SPEAKERS = [*dict.fromkeys(map(_key, SPEAKER_KEYS)), "speakerid", "who", "participant", "person"]
_UNITS = {"ms": "ms", "msec": "ms", "millis": "ms", "milliseconds": "ms", "s": "s", "sec": "s", "secs": "s",
          "seconds": "s"}
_UNIT = re.compile(r"\s*[(\[]\s*([a-z]+)\s*[)\]]\s*$")


@dataclass
class Columns:
    start: int
    text: int
    speaker: int | None = None
    unit: str = ""              # "ms", "s", or "" when the header does not say


@dataclass
class Parsed:
    cues: list[Cue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _BadLine(Exception):
    def __init__(self, line: int, message: str, hint: str):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def parse(text: str, file: str) -> Parsed | None:
    """The cues of a CSV/TSV transcript, or None when the table holds none. Raises InputError
    (with the line) for a table the csv module cannot read."""
    text = text.lstrip("\ufeff")
    number, at, first, stated = _first_line(text)
    tsv = PurePosixPath(file).suffix.lower() == ".tsv"
    candidates = [stated] if stated else ["\t"] if tsv else sorted(
        (d for d in DELIMITERS if d in first), key=first.count, reverse=True)
    candidates = candidates or [","]
    if first.count(candidates[0]) >= MAX_COLUMNS:
        return None                                     # a wide data table
    headers = [(d, _header(first, d)) for d in candidates]
    found = next(((d, cols) for d, cols in headers if isinstance(cols, Columns)), None)
    header = found is not None
    if any(cols == NO_TRANSCRIPT for _, cols in headers) and not header:
        return None                                     # named columns, but no start or no text among them
    found = found or next(((d, cols) for d in candidates if (cols := _shape(text[at:], d)) is not None), None)
    if found is None:
        return None
    delimiter, cols = found
    for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_NONE) if tsv else (csv.QUOTE_MINIMAL,):
        try:
            rows = _rows(text, delimiter, quoting)
            return _cues(((n, row) for n, row in rows if n > number or n == number and not header), cols)
        except _BadLine as err:
            if quoting == csv.QUOTE_MINIMAL and tsv and "quote" in err.hint:
                continue                                # a TSV writer that never quotes (Whisper's): read again
            raise InputError(file, err.message, line=err.line, hint=err.hint) from None
    return None


def _first_line(text: str) -> tuple[int, int, str, str | None]:
    """(number, offset, text) of the first line that is neither blank nor Excel's `sep=;`, and the
    delimiter such a line states."""
    number, at, stated = 1, 0, None
    while True:
        end = text.find("\n", at)
        line = text[at:] if end == -1 else text[at:end]
        if sep := re.fullmatch(r"\s*sep=([,;\t|])\s*", line):
            stated = sep.group(1)
        if (line.strip() and not sep) or end == -1:
            return number, at, "" if sep else line, stated
        number, at = number + 1, end + 1


def _header(line: str, delimiter: str) -> Columns | str | None:
    """The columns a header line names; NO_TRANSCRIPT for a header that names some column but
    lacks a start or a text column; None for a line that is no header."""
    try:
        names = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return None
    keys, units = [], []
    for name in names:
        name = name.strip().lower()
        unit = ""
        if m := _UNIT.search(name):
            unit, name = _UNITS.get(m.group(1), ""), name[:m.start()]
        key = _key(name)
        for suffix in ("milliseconds", "ms", "seconds", "secs", "sec"):
            if not unit and key.endswith(suffix) and key[:-len(suffix)] in STARTS:
                key, unit = key[:-len(suffix)], _UNITS[suffix]
        keys.append(key)
        units.append(unit)

    def column(vocabulary: list[str]) -> int | None:
        return next((keys.index(k) for k in vocabulary if k in keys), None)

    start, text, speaker = column(STARTS), column(TEXTS), column(SPEAKERS)
    if start is None and text is None and speaker is None:
        return None
    if start is None or text is None or start == text:
        return NO_TRANSCRIPT
    return Columns(start, text, speaker, units[start])


def _shape(text: str, delimiter: str) -> Columns | None:
    """The columns of a table without a header, when its first rows all have one of the shapes
    time-text, time-time-text, time-speaker-text or time-time-speaker-text; else None."""
    head = text[:SAMPLE_ROWS * 2000]
    if len(head) < len(text):
        head = head[:head.rfind("\n") + 1]            # whole lines only
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
    try:
        sample = [row for _, row in zip(range(SAMPLE_ROWS), reader)]
    except csv.Error:
        return None
    sample = [row for row in sample if any(cell.strip() for cell in row)]
    if len(sample) < 2 or len({len(row) for row in sample}) != 1 or not 2 <= len(sample[0]) <= 4:
        return None
    *heads, last = zip(*sample)
    if not (all(re.search(r"[^\W\d_]", c) for c in last) and any(len(c.split()) >= 3 for c in last)):
        return None                                     # the last column is no text
    kinds = ["time" if all(seconds(c) is not None for c in cells) else
             "label" if all(1 <= len(c.split()) <= 4 and len(c) <= 40 and not NUMBER.fullmatch(c.strip())
                            for c in cells) else "other" for cells in heads] + ["text"]
    shapes = {("time", "text"): None, ("time", "time", "text"): None, ("time", "label", "text"): 1,
              ("time", "time", "label", "text"): 2}
    if tuple(kinds) not in shapes:
        return None
    return Columns(0, len(kinds) - 1, shapes[tuple(kinds)])


def _rows(text: str, delimiter: str, quoting: int) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of every row, read with the csv module (its field size limit stays as it is)."""
    reader = csv.reader(_lines(text, delimiter), delimiter=delimiter, quoting=quoting, strict=True)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            message = str(err)
            if "field limit" in message:
                hint = (f"a field runs past {csv.field_size_limit():,} characters: a quote opened on this line "
                        "may never close; close it, or split long text into rows")
            elif "end of data" in message:
                hint = "a quote opened on this line never closes; close it"
            else:
                hint = ("check the quote marks on this line: a field holding the delimiter, a quote or a line "
                        "break goes in double quotes, with its quotes doubled")
            raise _BadLine(line, f"not a readable {'TSV' if delimiter == chr(9) else 'CSV'} row: {message}",
                           hint) from None
        yield line, row


def _lines(text: str, delimiter: str) -> Iterator[str]:
    for n, line in enumerate(io.StringIO(text, newline=""), 1):
        if line.count(delimiter) >= MAX_COLUMNS:
            raise _BadLine(n, f"a line of over {MAX_COLUMNS:,} fields",
                           "a transcript table has a few columns (start, end, speaker, text); remove the line")
        yield line


def _cues(rows: Iterable[tuple[int, list[str]]], cols: Columns) -> Parsed | None:
    """Rows -> cues; rows without text are skipped, a row whose time is not readable keeps the
    previous row's time. None when most rows have no time, or the rows make no transcript."""
    kept = []                                           # (line, start cell, speaker, text)
    for line, row in rows:
        text = " ".join(row[cols.text].split()) if cols.text < len(row) else ""
        if not text:
            continue
        start = row[cols.start].strip() if cols.start < len(row) else ""
        speaker = row[cols.speaker].strip().rstrip(":").strip() if cols.speaker is not None \
            and cols.speaker < len(row) else ""
        kept.append((line, start, speaker, text))
    ms = cols.unit == "ms" or (not cols.unit and whole_milliseconds([s for _, s, _, _ in kept]))
    out = Parsed()
    last, untimed = 0.0, []
    for line, start, speaker, text in kept:
        found = seconds(start, ms)
        if found is None:
            untimed.append(line)
        last = last if found is None else found
        # a generic label ("Speaker 2", or "2") stays, so that each voice has its own turns; it names no one
        label = None if not speaker or len(speaker) > 80 else speaker
        out.cues.append(Cue(last, label, text))
    if len(untimed) * 2 > len(kept) or not (len(out.cues) >= 2 or (out.cues and len(out.cues[0].text.split()) >= 20)):
        return None
    if untimed:
        out.warnings.append(f"{len(untimed)} row(s) without a readable start time (first on line {untimed[0]}) "
                            "placed at the previous row's time")
    return out
