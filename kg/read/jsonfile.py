"""Transcripts exported as JSON by speech-recognition tools (Whisper and the like): a `text`
(or `transcript`) and/or a list of `segments` with `start`, `end`, `text` and an optional
`speaker`, under the keys such tools use. Word-level arrays are ignored; top-level scalar
fields (title, date, URL...) are episode metadata. JSON of any other shape is not a transcript.

>>> data = {"title": "Ep 4", "segments": [{"start": 0.0, "end": 2.5, "text": " Hello.", "speaker": "SPEAKER_00"},
...                                       {"start": 2.5, "end": 4, "text": "Hi, Ada.", "speaker": "Alan Turing"}]}
>>> t = parse(data)
>>> [(c.seconds, c.speaker, c.text) for c in t.cues], t.text, t.fields["title"]
([(0.0, 'SPEAKER_00', 'Hello.'), (2.5, 'Alan Turing', 'Hi, Ada.')], None, 'Ep 4')
>>> parse({"name": "kg", "version": "1.0", "dependencies": {}}) is None
True
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .subtitles import Cue
from .text import seconds, whole_milliseconds

SEGMENT_KEYS = ("segments", "utterances", "monologues", "results", "paragraphs", "sentences", "cues", "captions",
                "transcript", "items")
TEXT_KEYS = ("text", "transcript", "transcription", "content", "caption", "sentence", "utterance")
START_KEYS = ("start", "start_time", "startTime", "start_seconds", "from", "begin", "offset", "start_ms", "startMs",
              "ts", "timestamp")
SPEAKER_KEYS = ("speaker", "speaker_label", "speakerLabel", "speaker_name", "speakerName", "spk", "voice", "name")
NESTS = ("result", "results", "data", "transcription", "output")


@dataclass
class Parsed:
    cues: list[Cue] = field(default_factory=list)
    text: str | None = None
    fields: dict = field(default_factory=dict)


def parse(data) -> Parsed | None:
    """The transcript in a decoded JSON value, or None when it holds none."""
    if isinstance(data, list):
        cues = _cues(data)
        return Parsed(cues) if cues else None
    if not isinstance(data, dict):
        return None
    out = Parsed(fields={k: v for k, v in data.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)
                         or (isinstance(v, list) and all(isinstance(x, str) for x in v))})
    for key in SEGMENT_KEYS:
        if isinstance(data.get(key), list) and (cues := _cues(data[key])):
            out.cues = cues
            break
    text = next((data[k] for k in TEXT_KEYS if isinstance(data.get(k), str) and data[k].strip()), None)
    out.text = None if out.cues else text
    for key in TEXT_KEYS:
        out.fields.pop(key, None)
    if out.cues or (out.text and len(out.text.split()) >= 20):
        return out
    for key in NESTS:                                 # {"result": {"segments": [...]}}
        if isinstance(data.get(key), (dict, list)) and (inner := parse(data[key])):
            inner.fields = {**out.fields, **inner.fields}
            return inner
    return None


def _cues(items: list) -> list[Cue]:
    rows = []
    for item in items:
        if not isinstance(item, dict):
            continue
        text = next((item[k] for k in TEXT_KEYS if isinstance(item.get(k), str)), None)
        start = next(((k, item[k]) for k in START_KEYS if k in item), None)
        if text is not None and start is not None and text.strip() and _written(start[1]) is not None:
            rows.append((start[0], _written(start[1]), text, item))
    # milliseconds when the key says so ("start_ms") or whole numbers step by 500+ (AssemblyAI's "start")
    ms = whole_milliseconds([value for _, value, _, _ in rows])
    cues = []
    for key, value, text, item in rows:
        if (at := seconds(value, ms or key.lower().endswith("ms"))) is None:
            continue
        speaker = next((item[k] for k in SPEAKER_KEYS if isinstance(item.get(k), (str, int))
                        and not isinstance(item.get(k), bool)), None)
        # a generic label ("SPEAKER_02") stays until the turns are built: each voice its own turns, no one's
        cues.append(Cue(at, None if speaker is None else str(speaker).strip(), " ".join(text.split())))
    return cues if len(cues) >= 2 or (cues and len(cues[0].text.split()) >= 20) else []


def _written(value) -> str | None:
    """A JSON start time as text for kg.read.text.seconds (numbers in plain notation), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    return value if isinstance(value, str) else str(value) if isinstance(value, int) else f"{value:.3f}"
