"""Choose a reader by content (not only by extension) and turn one file's text
into Documents.

>>> docs, note, warnings = read_text("Ada Byron: Hi there.\\nAlan Turing: Hello.\\nAda Byron: Bye.\\nAlan Turing: Ok.",
...                                  file="ep.txt", doc_id="ep.txt")
>>> docs[0].format, [t.speaker for t in docs[0].turns], [(p.name, p.role) for p in docs[0].participants]
('transcript', ['Ada Byron', 'Alan Turing', 'Ada Byron', 'Alan Turing'], [('Ada Byron', 'speaker'), ('Alan Turing', 'speaker')])
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import PurePosixPath

from ..errors import InputError, NotATranscript
from ..escape import youtube_id
from ..model import Chapter, Document, EntityNote, MetaEntity, Participant
from . import captions, chapters, generated, jsonfile, subtitles, table, transcript, webpage
from .ads import ad_spans, sponsors
from .affiliations import affiliations
from .frontmatter import load_yaml, split_front_matter
from .metadata import Fields, read_fields
from ..normalize import fold
from ..sounds import heard_as
from .participants import (GUEST_SHARE, INTRO_CHARS, assemble, cues, prose_date, show_host, title_guests,
                           word_shares)
from .title_topics import title_topics
from .text import TextBuilder, first_sentence, speech_recognition, title_from_stem

YAML_EXTS = {".yaml", ".yml"}
TITLE_TOPIC_CONFIDENCE = 0.7    # a phrase of the title the text says twice (kg.read.title_topics)
TITLE_CONFIDENCE = 0.9          # what a title says a guest is part of ("Ada Byron (Loomworks, ex-Jacquard)")
_AFFILIATION_FIELD = {"Organization": "companies", "Work": "works", "": "entities"}
_LINKED = re.compile(r"\[([^\]]*)\]\([^)]*\)")          # a Markdown link -> its text


def video_url(url: str) -> str | None:
    """The plain watch URL of a YouTube video link (any start time dropped), else None.

    >>> video_url("https://youtube.com/watch?v=abcdefghijk&t=76"), video_url("https://example.com/a")
    ('https://www.youtube.com/watch?v=abcdefghijk', None)
    """
    vid = youtube_id(url)
    return f"https://www.youtube.com/watch?v={vid}" if vid else None


def read_text(text: str, *, file: str, doc_id: str) -> tuple[list[Document], EntityNote | None, list[str]]:
    """Parse one decoded file. Returns (documents, entity note or None, warnings)."""
    ext = PurePosixPath(file).suffix.lower()
    stem = PurePosixPath(file).stem
    warnings: list[str] = []
    fields = Fields()
    body = text
    if ext == ".json":
        return [_json_document(text, file, doc_id, stem, warnings)], None, warnings
    if ext in table.EXTS:
        return [_table_document(text, file, doc_id, stem, warnings)], None, warnings
    if ext in YAML_EXTS:
        fields = read_fields(load_yaml(text, file, warnings=warnings))
        body = ""
    elif ext not in (".vtt", ".srt"):
        fm = split_front_matter(text)
        if fm.error:
            warnings.append(f"{fm.error}; read the whole file as text (close it with a '---' line)")
        elif fm.yaml is not None:
            try:
                front = load_yaml(fm.yaml, file, first_line=2, warnings=warnings)
                if generated.is_generated(front):           # kg's own vault note: only what the user added
                    return [], generated.user_note(front, file), warnings
                fields = read_fields(front)
            except InputError as err:
                warnings.append(f"{err.reason}; front matter ignored, body read")
            body = fm.body
    warnings.extend(fields.warnings)
    if fields.describes_entity:
        name = fields.title or stem
        return [], EntityNote(name, fields.aliases, file, fields.entity_type), warnings

    builder = TextBuilder()
    for summary in fields.texts:
        builder.markdown(summary)
    snippets = merge_snippets([e.context for e in fields.entities if e.context])
    kind, parsed = _parse_body(body, ext, builder)
    parsed["cue_text"] = builder.text          # cues come from the file's own prose, not from quoted snippets
    for snippet in snippets:
        builder.paragraph(snippet)
    if kind == "text" and fields.texts and parsed["blank"]:
        kind = "metadata"
    elif kind == "text" and (fields.show or fields.participants or fields.entities):
        kind = "note"
    if kind == "webpage":
        return _web_documents(parsed, fields, file, doc_id, warnings), None, warnings
    doc = Document(id=doc_id, source=file, format=kind, title="", text=builder.text, turns=builder.turns,
                   times=builder.times, headings=builder.headings, date=fields.date, url=fields.url or parsed.get("url"),
                   show=fields.show, entities=fields.entities + builder.links, topics=fields.topics,
                   chapters=parsed.get("chapters") or chapters.listed(fields.texts)
                   or (chapters.listed(body) if kind in ("text", "note") else []))
    _finish(doc, fields, parsed, stem)
    if not doc.text.strip() and not doc.entities:
        raise InputError(file, "no text and no metadata to read", hint="check that the file holds an episode")
    return [doc], None, warnings


def _json_document(text: str, file: str, doc_id: str, stem: str, warnings: list[str]) -> Document:
    """A transcript exported as JSON (segments with times, maybe speakers; or one text)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        line = getattr(err, "lineno", None)
        raise InputError(file, f"not JSON: {getattr(err, 'msg', err)}", line=line, hint="fix the JSON") from None
    parsed = jsonfile.parse(data)
    if parsed is None:
        raise NotATranscript(file, "JSON that holds no transcript (no segments with times and text, no text)")
    fields = read_fields(parsed.fields)
    warnings.extend(fields.warnings)
    return _cue_document(parsed.cues, parsed.text, fields, file, doc_id, stem, "json",
                         chapters.from_json(data.get("chapters")) if isinstance(data, dict) else [])


def _table_document(text: str, file: str, doc_id: str, stem: str, warnings: list[str]) -> Document:
    """A transcript exported as a CSV or TSV table (a row per cue: start, text, maybe speaker)."""
    parsed = table.parse(text, file)
    if parsed is None:
        raise NotATranscript(file, "a table that holds no transcript (no start-time and text columns)")
    warnings.extend(parsed.warnings)
    return _cue_document(parsed.cues, None, Fields(), file, doc_id, stem, PurePosixPath(file).suffix.lower()[1:])


def _cue_document(cue_list: list[subtitles.Cue], text: str | None, fields: Fields, file: str, doc_id: str, stem: str,
                  kind: str, chapter_list: list[Chapter] | None = None) -> Document:
    """A document of timed cues (turns; a speaker "" or "Speaker 2" is a generic voice), or of one text."""
    b = TextBuilder()
    if cue_list:
        subtitles.build(cue_list, b)                     # a generic voice ("Speaker 2"): its own turns, no one's
        for turn in b.turns:
            turn.speaker = turn.speaker or None
    else:
        b.markdown(text or "")
    doc = Document(id=doc_id, source=file, format=kind, title="", text=b.text, turns=b.turns, times=b.times,
                   date=fields.date, url=fields.url, show=fields.show, entities=fields.entities, topics=fields.topics,
                   chapters=chapter_list or [])
    _finish(doc, fields, {}, stem)
    return doc


def _parse_body(body: str, ext: str, b: TextBuilder) -> tuple[str, dict]:
    """Detect the body's format and add its text to the builder."""
    lines = body.split("\n")
    if ext == ".vtt" or subtitles.looks_like_vtt(body):
        for note in subtitles.vtt_notes(body):
            b.paragraph(note)
        subtitles.parse_vtt(body, b)
        return "vtt", {}
    if ext == ".srt" or subtitles.looks_like_srt(body):
        subtitles.parse_srt(body, b)
        return "srt", {}
    if transcript.looks_like(lines):
        t = transcript.parse(body, TextBuilder())
        headed = chapters.from_headings(t.chapters, t.builder.turns)        # before _append moves the turns
        title = _title_line(t.preamble)
        for line in t.preamble[1 if title else 0:]:
            if len(line.split()) >= 6 and not (line.startswith(("*", "-", "•")) and _LINKED.search(line)):
                b.markdown(line)                # a bulleted link ("* Watch the [full video](...)") is page furniture
        _append(b, t.builder)
        urls = [v for v in t.header.values() if v.startswith(("http://", "https://"))]
        videos = Counter(v for u in urls + t.links if (v := video_url(u)))
        url = videos.most_common(1)[0][0] if videos else next(iter(urls), None)
        footer = _LINKED.sub(r"\1", " ".join(t.footer))
        return "transcript", {"title": title, "speakers": t.speakers, "url": url, "date": prose_date(footer),
                              "chapters": headed if len(headed) >= 2 else chapters.listed(t.toc)}
    if subtitles.looks_like_cue_lines(lines):
        subtitles.build(subtitles.cue_lines(body), b)
        return "cues", {}
    if captions.looks_like(lines):
        captions.parse(body, b)
        return "captions", {}
    if webpage.looks_like(lines):
        return "webpage", {"page": webpage.split(lines)}
    heading = next((m.group(1) for m in re.finditer(r"^#\s+(.+)$", body, re.M)), None)
    start, end = b.markdown(body)
    return "text", {"title": heading, "blank": not b.text[start:end].strip()}


MAX_MERGED = 500        # snippets compared with all earlier ones (quadratic); later ones drop only exact repeats


def merge_snippets(snippets: list[str]) -> list[str]:
    """Context quotes of listed entities (transcript excerpts) without repeats: words cut at
    either end are dropped and a snippet that overlaps the previous one extends it. Past
    `MAX_MERGED` snippets, only a snippet already kept word for word is dropped."""
    out: list[str] = []
    kept: set[str] | None = None            # past MAX_MERGED: the texts kept so far
    for i, raw in enumerate(snippets):
        if i == MAX_MERGED:
            kept = set(out)
        words = raw.split()[1:-1]
        if len(words) < 4:
            continue
        text = " ".join(words)
        if kept is not None:
            if text not in kept:
                kept.add(text)
                out.append(text)
            continue
        if out and text in out[-1]:
            continue
        if out:
            overlap = next((n for n in range(min(len(words), 60), 3, -1)
                            if out[-1].endswith(" ".join(words[:n]))), 0)
            if overlap:
                out[-1] += " " + " ".join(words[overlap:]) if words[overlap:] else ""
                continue
        if any(text in earlier for earlier in out):
            continue
        out.append(text)
    return out


def _title_line(preamble: list[str]) -> str | None:
    if preamble and len(preamble[0]) <= 200 and not preamble[0].endswith((".", ",")):
        return preamble[0].lstrip("# ").strip()
    return None


def _append(b: TextBuilder, other: TextBuilder) -> None:
    """Copy turns and times of a separately built transcript into b."""
    offset = b.length + (2 if b.length else 0)
    if not other.turns:
        return
    b.paragraph(other.text)
    for turn in other.turns:
        turn.start += offset
        turn.end += offset
        b.turns.append(turn)
    for at, seconds in other.times:
        b.time(at + offset, seconds)
    for link in other.links:
        link.start += offset
        link.end += offset
        b.links.append(link)
    b.headings.extend((s + offset, e + offset) for s, e in other.headings)


def _finish(doc: Document, fields: Fields, parsed: dict, stem: str) -> None:
    """Title fallback, show and participants from cues, titles and speaker labels."""
    doc.ads = ad_spans(doc.text, doc.turns)
    doc.entities += [MetaEntity(doc.text[a:b], "sponsor", start=a, end=b) for a, b in sponsors(doc.text, doc.ads)]
    raw = speech_recognition(doc.text)
    found = cues(_without(parsed.get("cue_text", doc.text), doc.ads), raw)  # "hosted by" in an ad is no host
    doc.title = fields.title or parsed.get("title") or (found.titles[0] if found.titles else "")
    doc.show = doc.show or (_best_show(found.shows) if found.shows else None)
    doc.date = doc.date or found.date or parsed.get("date")
    names = title_guests(doc.title) if doc.title else []
    speakers = parsed.get("speakers") or list(dict.fromkeys(t.speaker for t in doc.turns if t.speaker))
    doc.participants = assemble(fields.participants, found, speakers, names)
    _voices_are_not_guests(doc, {p.name for p in fields.participants} | set(found.guests) | set(names))
    doc.entities += [MetaEntity(name, _AFFILIATION_FIELD[kind], TITLE_CONFIDENCE,
                                category="company" if kind == "Organization" else None)
                     for name, kind in affiliations(doc.title, [p.name for p in doc.participants])]
    from_path = path_guests(doc.source, doc.text, heard=raw) \
        if raw or not any(p.role == "guest" for p in doc.participants) else []
    if raw:                             # the file name spells a guest right; speech recognition may not
        doc.participants = [p for p in doc.participants
                            if not (p.role == "guest" and any(heard_as(p.name, name) for name in from_path))]
    if not any(p.role == "guest" for p in doc.participants):
        doc.participants += [Participant(name, "guest") for name in from_path]
    host = show_host(doc.show) if doc.show and not any(p.role == "host" for p in doc.participants) else None
    if host and not any(fold(p.name) == fold(host) for p in doc.participants):
        doc.participants.insert(0, Participant(host, "host"))
    doc.entities += [MetaEntity(topic, "title topic", TITLE_TOPIC_CONFIDENCE)
                     for topic in title_topics(doc.title or title_from_stem(stem) or "", doc.text,
                                               [p.name for p in doc.participants], single=raw)]
    if not doc.title:
        # a readable file name wins; one like "ep-023" loses to "Show with Guest"
        coded = " " not in stem and any(c.isdigit() for c in stem)
        named = title_from_stem(stem)
        doc.title = (None if coded else named) or _composed_title(doc) or named or first_sentence(doc.text) or stem
    doc.notes.append(f"read as {doc.format}: {len(doc.turns)} turns, {len(doc.text.split())} words")
    if raw:
        doc.notes.append("raw speech recognition (almost no sentence marks or capitals): the episode's names are "
                         "also looked for by sound" + ("" if any(t.speaker for t in doc.turns) else
                                                       "; no speaker labels, so mentions but no discusses"))
    if not doc.times:
        doc.notes.append("no time marks: its evidence has no seconds and no deep links")
    if doc.ads:
        doc.notes.append(f"{len(doc.ads)} sponsor read(s), {sum(b - a for a, b in doc.ads)} characters: "
                         "kept out of mentions and discusses")


def _voices_are_not_guests(doc: Document, named: set[str]) -> None:
    """A speaker made a guest only because a host is known, who says under GUEST_SHARE of the words
    (an ad read, a clip), stays a speaker: speaks, but is not featured."""
    shares = word_shares(doc.turns)
    for p in doc.participants:
        if p.role == "guest" and p.name not in named and p.name in shares and shares[p.name] < GUEST_SHARE:
            p.role = "speaker"


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans blanked out (offsets kept)."""
    parts, last = [], 0
    for start, end in spans:
        start, end = min(start, len(text)), min(end, len(text))
        parts += [text[last:start], " " * (end - start)]
        last = end
    return "".join(parts) + text[last:]


_NUMBERED = re.compile(r"^\s*#?\d{1,4}[a-z]?\s*[-–—.:]\s*(?P<rest>.+)$")
_INTRO = r"(?:conversation with|my guest (?:today )?is|joined by|interview with|welcome(?: back)?,?)"


def path_guests(source: str, text: str, heard: bool = False) -> list[str]:
    """A guest named by the file's path, `NNN - Guest - Topic.txt` or a `guest-name/` folder: the
    name is taken only when the text says it too (a file name can belong to another episode);
    with `heard` (raw speech recognition), words that sound like it after an intro phrase count.

    >>> path_guests("lex/039 - Colin Angle - iRobot CEO.txt", "a conversation with colin angle he is")
    ['Colin Angle']
    >>> path_guests("ada-byron/transcript.md", "Ada Byron here."), path_guests("007 - AMA 7.txt", "ama 7")
    (['Ada Byron'], [])
    """
    path = PurePosixPath(source)
    low = " " + " ".join(text.lower().split()) + " "
    m = _NUMBERED.match(path.stem)
    # a numbered title may start with a topic ("Do Something Difficult"): its name must follow an intro phrase
    candidates = [(re.split(r"\s+[-–—|:]\s+", m.group("rest"))[0], _INTRO)] if m else []
    if path.parent.name:
        candidates.append((path.parent.name.replace("-", " ").replace("_", " "), ""))
    for candidate, before in candidates:
        words = candidate.split()
        for n in (3, 2):                        # "Joscha Bach Nature of Reality": the name is the first words
            name = " ".join(words[:n]).lower()
            if len(words) >= n and all(w[:1].isalpha() for w in words[:n]) and (re.search(
                    before + r"\s" + re.escape(name) + r"\s", low) or (heard and before and n == 2 and _heard_after(before, name, low))):
                return [" ".join(w[:1].upper() + w[1:] for w in words[:n])]
    return []


def _heard_after(before: str, name: str, low: str) -> bool:
    """Words right after an intro phrase that sound like `name` ("conversation with thomas sent home")
    or start with its first name."""
    size = len(name.split())
    for m in re.finditer(before + r"\s", low[:INTRO_CHARS * 2]):
        following = low[m.end():m.end() + 120].split()
        # right after the intro, the same first name is enough ("anca jorgen" for the file's Anca Dragan)
        if any(heard_as(" ".join(following[:k]), name) for k in (size, size + 1)):
            return True
    return False


def _best_show(shows: list[str]) -> str:
    """Prefer a show name written in title case ('Mad Podcast' over 'Matt podcast')."""
    def score(show: str) -> tuple[float, int]:
        words = show.split()
        return (sum(w[:1].isupper() or w[:1].isdigit() for w in words) / len(words), -shows.index(show))
    return max(shows, key=score)


def _composed_title(doc: Document) -> str | None:
    guests = [p.name for p in doc.participants if p.role == "guest"]
    if doc.show and guests:
        return f"{doc.show} with {' & '.join(guests)}" + (f" ({doc.date})" if doc.date else "")
    return None


def _web_documents(parsed: dict, fields: Fields, file: str, doc_id: str, warnings: list[str]) -> list[Document]:
    page: webpage.Page = parsed["page"]
    b = TextBuilder()
    for line in page.body:
        b.markdown(line.lstrip("•·-* ").strip())
    main = Document(id=doc_id, source=file, format="webpage", title=fields.title or page.title or "",
                    text=b.text, headings=b.headings, date=fields.date, url=fields.url, show=fields.show,
                    entities=fields.entities + b.links, topics=fields.topics)
    header_show = next((line for line in page.header if len(line.split()) <= 6), None)
    if header_show and not main.show:
        main.show = header_show
    _finish(main, fields, {"title": page.title}, PurePosixPath(file).stem)
    main.notes.append(f"web page: kept {len(page.body)} lines of this episode, split {len(page.stubs)} listed "
                      f"episodes into stubs, dropped {page.dropped} lines of site boilerplate")
    docs = [main]
    for n, stub in enumerate(page.stubs, 1):
        guests = [Participant(name, "guest") for name in title_guests(stub.title)]
        docs.append(Document(id=f"{doc_id}#listing-{n}", source=file, format="listing", title=stub.title,
                             text=stub.teaser, show=main.show, participants=guests, parent=doc_id,
                             notes=[f"listed on {file} as {stub.when!r}"]))
    return docs
