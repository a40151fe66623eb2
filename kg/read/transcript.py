"""Speaker-labelled transcripts in the usual styles.

    Name: text                      [00:01:02] Name: text
    Name (00:01:02): text           00:01:02 Name: text
    Name (00:01:02)   <- label on its own line, text on the next lines
    Name [(00:01:02)](url) text     00:13-00:29   <- timestamp range line before turns

>>> t = parse("Ep 1\\n00:00-00:10\\nAda Byron: Hi.\\nAlan: Hello.\\n00:10-00:12\\nAda Byron: Bye.\\nAlan: Ok.")
>>> [(turn.speaker, turn.seconds, turn.text) for turn in t.builder.turns]
[('Ada Byron', 0.0, 'Hi.'), ('Alan', 0.0, 'Hello.'), ('Ada Byron', 10.0, 'Bye.'), ('Alan', 10.0, 'Ok.')]
>>> t.preamble
['Ep 1']
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .participants import PARTICLES
from .text import TIMESTAMP, TextBuilder, parse_seconds

_NAME = r"(?P<name>[^\W\d_][\w'’.\-]*(?: [^\W\d_][\w'’.\-]*){0,4})"
_TS = rf"(?P<ts>{TIMESTAMP})"
_VOICE = r"(?:speaker|spk|unknown|voice|person)[ _-]?\w{0,3}"        # "Speaker 3", "SPEAKER_02", "spk1"
_PATTERNS = [
    re.compile(rf"^\[{_TS}\]\s*{_NAME}\s*:\s*(?P<text>.*)$"),                         # [00:01:02] Name: text
    re.compile(rf"^{_TS}\s+{_NAME}\s*:\s*(?P<text>.*)$"),                              # 00:01:02 Name: text
    re.compile(rf"^{_NAME}\s*\[\({_TS}\)\]\((?P<url>[^)\s]*)\)\s*:?\s*(?P<text>.*)$"),  # Name [(00:01:02)](url) text
    re.compile(rf"^{_NAME}\s*[(\[]{_TS}[)\]]\s*:?\s*(?P<text>.*)$"),                    # Name (00:01:02): text / own line
    re.compile(rf"^{_NAME}\s{{1,4}}{_TS}\s*$"),                                          # Name  0:03 (Otter)
    re.compile(rf"^(?P<name>{_VOICE})\s*(?:[\[(]{_TS}[\])])?\s*:\s*(?P<text>.*)$", re.I),  # Speaker 3: text
    re.compile(rf"^{_NAME}\s*:\s*(?P<text>.*)$"),                                       # Name: text
]
_PLAIN_STYLE = len(_PATTERNS) - 1
_RANGE = re.compile(rf"^\[?(?P<a>{TIMESTAMP})\]?\s*(?:[-–—]|-->|to)\s*\[?(?P<b>{TIMESTAMP})\]?$")
_BARE_TS = re.compile(rf"^[\[(]?(?P<a>{TIMESTAMP})[\])]?$")
_SAME_SPEAKER = re.compile(rf"^[\[(](?P<a>{TIMESTAMP})[\])]\s*:\s*$")      # a label without its name
_CHAPTER = re.compile(rf"^[\[(]?{TIMESTAMP}[\])]?(?:\s*[-–—:])?\s+\S.*$")
_NOT_LABELS = {
    "note", "notes", "transcript", "summary", "source", "sources", "http", "https", "update", "edit", "warning",
    "question", "answer", "example", "tip", "chapter", "chapters", "episode", "links", "link", "title", "date",
    "guest", "guests", "host", "hosts", "topics", "tags", "full video", "video", "audio", "watch", "listen",
    "subscribe", "sponsor", "sponsors", "timestamps", "takeaways", "key takeaways", "quote", "quotes", "references",
    "disclaimer", "credits", "producer", "editor", "music", "intro", "outro", "step", "part", "the", "this", "and",
    "but", "so", "yes", "no", "also", "then", "here", "in", "on", "for", "with", "what", "why", "how", "when",
}
GENERIC = re.compile(rf"^{_VOICE}$|^(?:interviewer|host|guest|q|a|audience)$|^[A-Z]$|^\d{{1,3}}$", re.I)  # "0": a diariser's id


@dataclass
class Parsed:
    builder: TextBuilder
    preamble: list[str] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)
    speakers: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)          # URLs on turn labels ("Name [(0:01)](url)")
    chapters: list[tuple[str, int]] = field(default_factory=list)   # headings between turns: (title, offset)
    toc: list[str] = field(default_factory=list)            # chapter-list lines before the first turn
    footer: list[str] = field(default_factory=list)         # page furniture after the last turn


_BOLD = re.compile(rf"^(?:\*\*|__)(?P<name>[^*_\n]{{1,60}}?)\s*(?P<colon>:?)\s*(?:\*\*|__)\s*(?P<colon2>:?)\s*"
                   rf"(?:[\[(](?P<ts>{TIMESTAMP})[\])]\s*:?\s*)?(?P<text>.*)$")


def _unbold(line: str) -> str:
    """`**Ada Byron:** [00:12] text` / `**Ada Byron** (00:12): text` -> `Ada Byron [00:12]: text`."""
    m = _BOLD.match(line)
    if not m or not (m.group("colon") or m.group("colon2") or m.group("ts")):
        return line
    stamp = f" [{m.group('ts')}]" if m.group("ts") else ""
    return f"{m.group('name').strip()}{stamp}: {m.group('text')}"


def label(line: str) -> tuple[str, float | None, str, int] | None:
    """(speaker, seconds, rest of line, style number) when the line starts a speaker turn."""
    line = _unbold(line) if line.startswith(("**", "__")) else line
    for style, pattern in enumerate(_PATTERNS):
        m = pattern.match(line)
        if m:
            name = _clean_name(m.group("name"))
            if name is None:
                return None
            ts = m.groupdict().get("ts")
            return name, (parse_seconds(ts) if ts else None), (m.groupdict().get("text") or "").strip(), style
    return None


def _clean_name(raw: str) -> str | None:
    name = raw.strip().rstrip(".")
    words = name.split()
    if not words or len(name) > 40 or name.lower() in _NOT_LABELS or words[0].lower() in _NOT_LABELS:
        return None
    if GENERIC.match(name):                    # "Speaker 3", "SPEAKER_02": a voice, never a person
        return name
    if not all(w[:1].isupper() or w.lower() in PARTICLES or _particled(w) for w in words):
        return None
    if name.isupper() and len(name) > 3:
        name = name.title()
    return name


_JOINED_PARTICLES = PARTICLES | {"el", "d", "ben", "abu", "della", "des"}     # "el-Kurd", "d'Alembert"


def _particled(word: str) -> bool:
    """A surname joined to its particle: "el-Kurd", "al-Sadr", "d'Alembert" (never "Ben" or "Des"
    alone: those are given names)."""
    m = re.match(r"([a-z]+)[-'’](.)", word)
    return bool(m) and m.group(1) in _JOINED_PARTICLES and m.group(2).isupper()


def looks_like(lines: list[str], sample: int = 600) -> bool:
    """Speaker labels with timestamps on two or more lines, or plain `Name:` labels on three
    or more lines by speakers who each speak at least twice (in the first `sample` lines)."""
    found = [f for line in lines[:sample] if (f := label(line.strip()))]
    if sum(1 for f in found if f[3] != _PLAIN_STYLE) >= 2:
        return True
    counts = Counter(f[0] for f in found)
    recurring = sum(n for n in counts.values() if n >= 2)
    return recurring >= 3 and recurring >= 0.6 * sum(counts.values())


def parse(body: str, builder: TextBuilder | None = None) -> Parsed:
    """Split a transcript body into preamble and speaker turns with times."""
    lines = [line.strip() for line in body.split("\n")]
    labels = [label(line) if line else None for line in lines]
    labelled = [found for found in labels if found]
    counts = Counter(found[0] for found in labelled)
    speakers = {name for name, n in counts.items() if n >= 2}
    styles = Counter(found[3] for found in labelled if found[0] in speakers)
    dominant = styles.most_common(1)[0][0] if styles else None
    out = Parsed(builder or TextBuilder())
    b = out.builder
    started = bool(b.turns)         # `b.turns` is not read in the loop (that would join the open turn)
    named: set[str] = set()
    current_time: float | None = None
    in_turn = False
    held: list[str] = []            # `Key: value` lines inside a turn: footer, unless speech follows
    pending_own_line: tuple[str | None, float | None, str | None] | None = None
    previous_line_heading: str | None = None
    end = _footer_start(lines, labels, speakers)
    out.footer = [line for line in lines[end:] if line]
    for line, found in zip(lines[:end], labels[:end]):
        if not line:
            continue
        heading = _HEADING.match(line)
        if started and heading:                          # a chapter heading is not speech
            out.chapters.append((heading.group(1).strip(), b.length))
            continue
        # a section heading ("## Introduction", not the page's "# Title") right before the first turn
        last_heading = previous_line_heading
        previous_line_heading = heading.group(1).strip() if heading and line.startswith("##") else None
        same = _SAME_SPEAKER.match(line)
        if same and in_turn:                     # "(00:03:08):": the same voice goes on from that second
            b.time(b.length + 1, parse_seconds(same.group("a")))
            continue
        m = _RANGE.match(line) or _BARE_TS.match(line) or same
        if m:
            current_time = parse_seconds(m.group("a"))
            continue
        # A label counts when its speaker recurs, or when it is written in the dominant
        # timestamped style of this transcript (a guest who speaks only once).
        if found and (found[0] in speakers or (started and found[3] == dominant and found[3] != _PLAIN_STYLE)
                      or (started and GENERIC.match(found[0]))):
            name, seconds, text, _ = found
            if not started and last_heading:
                out.chapters.append((last_heading, b.length))
            seconds = seconds if seconds is not None else current_time
            link = _LINK.search(line)
            if link:
                out.links.append(link.group(1))
            speaker, voice = (None, name) if GENERIC.match(name) else (name, None)
            if held and in_turn:
                b.extend_turn("\n".join(held), sep="\n")
            held.clear()
            if text:
                b.turn(text, speaker=speaker, seconds=seconds, voice=voice)
                in_turn, pending_own_line, started = True, None, True
            else:
                pending_own_line = (speaker, seconds, voice)
                in_turn = False
            if speaker and speaker not in named:
                named.add(speaker)
                out.speakers.append(speaker)
            continue
        if _is_footer(out, line) or (in_turn and _KEY_VALUE.match(line) and len(line.split()) <= 8):
            held.append(line)
            continue
        if held and in_turn:
            b.extend_turn("\n".join(held), sep="\n")
        held.clear()
        if pending_own_line is not None:
            b.turn(line, speaker=pending_own_line[0], seconds=pending_own_line[1], voice=pending_own_line[2])
            pending_own_line, in_turn, started = None, True, True
        elif in_turn:
            b.extend_turn(line, sep="\n")
        else:
            _preamble_line(out, line)
    return out


_KEY_VALUE = re.compile(r"^([A-Z][\w ]{1,25}):\s+(\S.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.+)$")
_LINK = re.compile(r"\]\((https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _footer_start(lines: list[str], labels: list, speakers: set[str]) -> int:
    """Index of the first line of page furniture after the last turn: a heading or a line that is
    mostly links ("posted in [x](..) on [date](..) by [y](..)"); len(lines) when there is none."""
    last = max((i for i, found in enumerate(labels) if found and found[0] in speakers), default=None)
    if last is None:
        return len(lines)
    for i in range(last + 1, len(lines)):
        line = lines[i]
        if _HEADING.match(line) or len(_LINK.findall(line)) >= 2 or re.fullmatch(r"\[[^\]]*\]\([^)]*\)", line):
            return i
    return len(lines)


def _is_footer(out: Parsed, line: str) -> bool:
    """A `Key: value` line repeating a header key ("Made with: ...") after the turns is not speech."""
    kv = _KEY_VALUE.match(line)
    return bool(kv and kv.group(1).strip().lower() in out.header)


def _preamble_line(out: Parsed, line: str) -> None:
    """Lines before the first turn: `Key: value` header lines, chapter lists, text."""
    kv = _KEY_VALUE.match(line)
    if re.fullmatch(r"<?https?://\S+>?", line):
        out.header.setdefault("url", line.strip("<>"))
    elif kv and len(kv.group(1).split()) <= 3 and (kv.group(2).startswith("http") or len(kv.group(2).split()) <= 6):
        out.header[kv.group(1).strip().lower()] = kv.group(2).strip()
    elif _CHAPTER.match(line):
        out.toc.append(line)
    elif _RANGE.match(line) or _BARE_TS.match(line):
        return
    else:
        out.preamble.append(line)
