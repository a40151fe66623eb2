"""WebVTT and SRT subtitles.

Speakers come from WebVTT voice tags (`<v Ada Byron>`) or a `NAME:` prefix at
the start of a cue; consecutive cues by the same speaker form one turn, and a
cue without a speaker continues the current turn. Every cue places its text
in time. Rolling duplicate lines (auto-generated VTT) are dropped.

>>> vtt = "WEBVTT\\n\\n1\\n00:00:01.000 --> 00:00:03.000\\n<v Ada Byron>Hello there.\\n\\n" \\
...       "00:00:03.000 --> 00:00:05.000\\n<v Ada Byron>More.\\n\\n00:00:05.000 --> 00:00:06.000\\n<v Alan Turing>Hi."
>>> [(t.speaker, t.seconds, t.text) for t in parse_vtt(vtt).turns]
[('Ada Byron', 1.0, 'Hello there. More.'), ('Alan Turing', 5.0, 'Hi.')]
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .text import TIMESTAMP, TextBuilder, parse_seconds
from .transcript import GENERIC

_TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?(?=\s)")            # a voice tag's opening; its name runs to '>'
_PREFIX = re.compile(r"^(?:-\s*)?([A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}):\s+(.*)$")
_SRT_INDEX = re.compile(r"^\d+$")


@dataclass
class Cue:
    seconds: float
    speaker: str | None
    text: str


_CUE_LINE = re.compile(rf"^\[?(?P<a>{TIMESTAMP})(?:\s*(?:-->|[-–])\s*(?P<b>{TIMESTAMP}))?\]?\s+(?P<text>\S.*)$")


def looks_like_cue_lines(lines: list[str], sample: int = 200) -> bool:
    """Most lines are `[00:01:02.000 --> 00:01:05.000] text` or `00:01:02 text` (a tool's plain export),
    and what follows the times is speech, not a chapter list's titles ("02:15 How looms store patterns"):
    sentences with their punctuation, or runs of MIN_SPOKEN_WORDS words on average.

    >>> looks_like_cue_lines(["00:00 Intro", "02:15 How looms store patterns", "05:40 Cards", "09:10 Engines"])
    False
    >>> looks_like_cue_lines(["00:00 Hi, Ada.", "00:04 Hello, Grace.", "00:07 Shall we start?"])
    True
    """
    filled = [line.strip() for line in lines[:sample] if line.strip()]
    said = [m.group("text") for line in filled if (m := _CUE_LINE.match(line))]
    if len(said) < 3 or len(said) < 0.6 * len(filled):
        return False
    punctuated = sum(1 for t in said if t.rstrip()[-1:] in ".?!,…")
    return punctuated >= 0.3 * len(said) or sum(len(t.split()) for t in said) >= MIN_SPOKEN_WORDS * len(said)


MIN_SPOKEN_WORDS = 8


def cue_lines(text: str) -> list[Cue]:
    """The cues of a cue-line export; lines without a time continue the previous cue.

    >>> [(c.seconds, c.text) for c in cue_lines("[00:00:01.000 --> 00:00:04.000] Hi.\\n00:00:04.5 Then.\\nmore")]
    [(1.0, 'Hi.'), (4.5, 'Then. more')]
    """
    cues: list[Cue] = []
    for line in text.split("\n"):
        m = _CUE_LINE.match(line.strip())
        if m:
            cues.append(Cue(parse_seconds(m.group("a")), None, m.group("text").strip()))
        elif line.strip() and cues:
            cues[-1] = Cue(cues[-1].seconds, None, f"{cues[-1].text} {line.strip()}")
    return cues


def looks_like_vtt(text: str) -> bool:
    return text.lstrip().startswith("WEBVTT")


def looks_like_srt(text: str) -> bool:
    lines = [line for line in text.split("\n")[:12] if line.strip()]
    return len(lines) >= 2 and any(_TIMING.match(line) and "," in line.split("-->")[0] for line in lines[:3])


def vtt_notes(text: str) -> list[str]:
    """The text of NOTE blocks (often the episode's title, show and people)."""
    notes = []
    for block in re.split(r"\n\s*\n", text):
        if block.lstrip().startswith("NOTE"):
            body = block.lstrip()[4:].strip()
            if body:
                notes.append(body)
    return notes


def vtt_cues(text: str) -> list[Cue]:
    cues = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        timing = next((i for i, line in enumerate(lines) if _TIMING.match(line)), None)
        if timing is None:
            continue                       # header, NOTE, STYLE, REGION blocks
        payload = "\n".join(lines[timing + 1:])
        words = html.unescape(strip_tags(payload))
        cues.append(_cue(parse_seconds(_TIMING.match(lines[timing]).group(1)), voice(payload), words))
    return cues


def srt_cues(text: str) -> list[Cue]:
    cues = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if lines and _SRT_INDEX.match(lines[0].strip()):
            lines = lines[1:]
        if not lines or not _TIMING.match(lines[0]):
            continue
        payload = html.unescape(strip_tags("\n".join(lines[1:])))
        cues.append(_cue(parse_seconds(_TIMING.match(lines[0]).group(1)), None, payload))
    return cues


def voice(payload: str) -> str | None:
    """The speaker named by the first complete voice tag (`<v Ada>`, `<v.loud Ada>`), or None.

    >>> voice("<v.loud  Ada Byron >Hi <v Alan>"), voice("<v Ada"), voice("<v >x<v Bo>")
    ('Ada Byron', None, 'Bo')
    """
    for m in _VOICE.finditer(payload):
        close = payload.find(">", m.end())
        if close == -1:
            return None                         # no later tag can close either
        if close > m.end() + 1:
            return payload[m.end():close].strip()
    return None


def strip_tags(text: str) -> str:
    """Remove tags (`<i>`, `</v>`, `<00:01.000>`): a `<` not followed by a space, up to the
    next `>`. One pass: the next `>` is found once and reused by every `<` before it.

    >>> strip_tags("<v Ada>a < b <i>c</i> <1")
    'a < b c <1'
    """
    out, pos, close = [], 0, -1
    start = text.find("<")
    while start != -1:
        if close <= start:
            close = text.find(">", start + 1)
            if close == -1:
                break
        if close > start + 1 and not text[start + 1].isspace():
            out.append(text[pos:start])
            pos = close + 1
        start = text.find("<", max(pos, start + 1))
    out.append(text[pos:])
    return "".join(out)


def _cue(seconds: float, speaker: str | None, payload: str) -> Cue:
    text = " ".join(payload.split())
    if speaker is None:
        m = _PREFIX.match(text)
        if m and len(m.group(1)) <= 40:
            speaker, text = m.group(1), m.group(2)
            if speaker.isupper() and len(speaker) > 3:
                speaker = speaker.title()
    return Cue(seconds, speaker, text)


def build(cues: list[Cue], builder: TextBuilder | None = None) -> TextBuilder:
    """Cues -> turns: same speaker (or none stated) continues the turn."""
    b = builder or TextBuilder()
    previous = ""
    open_turn = bool(b.turns)
    speaker = b.turns[-1].speaker if open_turn else None     # `b.turns` is not read in the loop
    for cue in cues:
        text = _drop_rolling(previous, cue.text)
        previous = cue.text or previous
        if not text:
            continue
        if open_turn and (cue.speaker is None or cue.speaker == speaker):
            b.time(b.length + 1, cue.seconds)
            b.extend_turn(text)
        else:
            generic = bool(cue.speaker and GENERIC.match(cue.speaker))     # "Speaker 2": a voice, no one's turn
            b.turn(text, speaker=None if generic else cue.speaker, seconds=cue.seconds,
                   voice=cue.speaker if generic else None)
            open_turn, speaker = True, cue.speaker
    return b


def _drop_rolling(previous: str, text: str) -> str:
    """Auto-generated VTT repeats the previous cue's words at the start of the next one."""
    if previous and text.startswith(previous):
        return text[len(previous):].strip()
    return text


def parse_vtt(text: str, builder: TextBuilder | None = None) -> TextBuilder:
    return build(vtt_cues(text), builder)


def parse_srt(text: str, builder: TextBuilder | None = None) -> TextBuilder:
    return build(srt_cues(text), builder)
