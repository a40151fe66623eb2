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

from .text import TextBuilder, parse_seconds

_TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>\s][^>]*>|<\d[\d:.]*>")
_PREFIX = re.compile(r"^(?:-\s*)?([A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}):\s+(.*)$")
_SRT_INDEX = re.compile(r"^\d+$")


@dataclass
class Cue:
    seconds: float
    speaker: str | None
    text: str


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
        voice = _VOICE.search(payload)
        speaker = voice.group(1).strip() if voice else None
        words = html.unescape(_TAG.sub("", payload))
        cues.append(_cue(parse_seconds(_TIMING.match(lines[timing]).group(1)), speaker, words))
    return cues


def srt_cues(text: str) -> list[Cue]:
    cues = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if lines and _SRT_INDEX.match(lines[0].strip()):
            lines = lines[1:]
        if not lines or not _TIMING.match(lines[0]):
            continue
        payload = html.unescape(_TAG.sub("", "\n".join(lines[1:])))
        cues.append(_cue(parse_seconds(_TIMING.match(lines[0]).group(1)), None, payload))
    return cues


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
    for cue in cues:
        text = _drop_rolling(previous, cue.text)
        previous = cue.text or previous
        if not text:
            continue
        if b.turns and (cue.speaker is None or cue.speaker == b.turns[-1].speaker):
            b.time(b.length + 1, cue.seconds)
            b.extend_turn(text)
        else:
            b.turn(text, speaker=cue.speaker, seconds=cue.seconds)
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
