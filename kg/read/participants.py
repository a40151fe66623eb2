"""Who hosts, who is a guest, which show: from the conventional phrasing of
podcast intros and outros, from episode titles, and from speaker labels.

Used only to fill what a file's own metadata does not state.

>>> c = cues("Welcome to the Deep Loop podcast. I'm Ada Byron. Today my guest is Alan Turing.")
>>> c.hosts, c.guests, c.shows
(['Ada Byron'], ['Alan Turing'], ['Deep Loop podcast'])
>>> title_guests("#12 – Grace Hopper on compilers"), title_guests("Is RL enough? — Ada Byron & Alan Turing")
(['Grace Hopper'], ['Ada Byron', 'Alan Turing'])
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Participant
from ..normalize import word_zipf
from .text import speech_recognition

GUEST_SHARE = 0.05          # of an episode's words, for a speaker to count as its guest
PARTICLES = {"de", "van", "von", "der", "den", "da", "del", "di", "du", "la", "le", "bin", "al", "ibn", "dos", "ter"}
_NOT_NAMES = {
    "i", "the", "a", "an", "this", "that", "today", "welcome", "thanks", "thank", "and", "so", "we", "you", "he",
    "she", "it", "they", "my", "our", "your", "hey", "hi", "hello", "yes", "yeah", "ok", "okay", "well", "now",
    "ai", "agi", "why", "how", "what", "when", "where", "who", "is", "are", "was", "on", "in", "of", "for", "with",
    "part", "episode", "podcast", "show", "chief", "head", "ceo", "cto", "founder", "professor", "dr", "mr", "ms",
    "here", "there", "back", "again", "very", "just", "also", "not", "excited", "happy", "glad", "going",
}
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*", re.U)
_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.I)
_SHOW_TAIL = re.compile(r"(?:podcast|show|pod|hour|hours|radio|cast)$", re.I)
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), 1)}
_DATE_WORDS = r"(?:published|recorded|aired|released|posted)(?: in [\w ]{1,30}? on| on)?,?\s+"


@dataclass
class Cues:
    hosts: list[str] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)
    shows: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    date: str | None = None


def take_name(text: str, *, max_tokens: int = 4, lowercase_ok: bool = False) -> str | None:
    """The person name at the start of `text` (capitalised tokens), or None."""
    return _take(text, max_tokens, lowercase_ok)[0]


def _take(text: str, max_tokens: int, lowercase_ok: bool, start: int = 0) -> tuple[str | None, int]:
    """The name at `start` of text and where it ends."""
    tokens: list[str] = []
    pos = end = start
    while len(tokens) < max_tokens:
        m = _NAME_TOKEN.match(text, pos)
        if not m:
            break
        raw = m.group(0)
        word = raw if re.fullmatch(r"[A-Z]\.", raw) else raw.rstrip(".'’")
        possessive = word.endswith(("'s", "’s"))
        if possessive:
            word = word[:-2]
        lower = word.lower()
        if tokens and lower in PARTICLES:
            tokens.append(word)
        elif (word[:1].isupper() or lowercase_ok) and lower not in _NOT_NAMES and word:
            tokens.append(word)
            end = m.start() + len(word)
        else:
            break
        pos = m.end()
        sentence_end = raw.endswith(".") and not re.fullmatch(r"[A-Z]\.", raw)
        if possessive or sentence_end or not text.startswith(" ", pos) or text.startswith("  ", pos):
            break
        pos += 1
    while tokens and tokens[-1].lower() in PARTICLES:
        tokens.pop()
    if not tokens:
        return None, start
    name = " ".join(tokens)
    return (name.title() if lowercase_ok and name.islower() else name), end


def take_names(text: str, **kw) -> list[str]:
    """One or more names joined by commas, 'and' or '&' at the start of text."""
    names, pos = [], 0
    while True:
        name, end = _take(text, kw.get("max_tokens", 4), kw.get("lowercase_ok", False), pos)
        if not name:
            break
        names.append(name)
        m = _SEP.match(text, end)
        if not m:
            break
        pos = m.end()
    return names


def take_show(text: str, *, lowercase_ok: bool = False) -> str | None:
    """A show name at the start of text: capitalised words, or words ending in 'podcast'/'show'."""
    if lowercase_ok:
        m = re.match(r"((?:[\w'’\-]+ ){0,4}?(?:podcast|show|radio|hour|hours|cast|pod))\b", text[:80], re.I)
        return m.group(1).title() if m else None
    words = []
    for m in re.finditer(r"[\w,’'&.\-]+", text[:80]):
        word = m.group(0).rstrip(",.")
        if not word or (words and text[m.start() - 1] != " "):
            break
        if word[0].isupper() or word[0].isdigit() or (words and _SHOW_TAIL.match(word)):
            words.append(word)
            if m.group(0).endswith((",", ".")) and not re.fullmatch(r"\d{1,3}(,\d{3})+", m.group(0).rstrip(".")):
                break
            continue
        if words and word.lower() in {"of", "with", "on", "in", "the", "and"} and len(words) < 4:
            nxt = text[m.end():m.end() + 2].strip()[:1]
            if nxt.isupper():
                words.append(word)
                continue
        break
    while words and not (words[-1][0].isupper() or words[-1][0].isdigit() or _SHOW_TAIL.match(words[-1])):
        words.pop()
    show = " ".join(words).strip(" ,.")
    if not show or show.lower() in _NOT_NAMES:
        return None
    return show


INTRO_CHARS, OUTRO_CHARS = 8000, 4000
MAX_TITLE_CHARS = 500       # a longer "title" is prose: no guest list is read from its end


def cues(text: str, raw: bool | None = None) -> Cues:
    """Hosts, guests and show names stated by conventional intro/outro phrases (looked for in
    the opening and closing part of the text, where podcasts say them)."""
    if len(text) > INTRO_CHARS + OUTRO_CHARS:
        text = text[:INTRO_CHARS] + "\n\n" + text[-OUTRO_CHARS:]
    found = Cues()
    # raw speech recognition writes names in lower case, or capitalises at random
    raw = speech_recognition(text) if raw is None else raw      # the caller may know it already
    lower_text = raw or sum(1 for c in text[:3000] if c.isupper()) < len(text[:3000]) * 0.01
    kw = {"lowercase_ok": lower_text, "max_tokens": 3 if lower_text else 4}

    def add(target: list[str], values) -> None:
        for value in values if isinstance(values, list) else [values]:
            if value and value not in target:
                target.append(value)

    flags = re.I
    for m in re.finditer(r"\bwelcome (?:back )?to (?:the |another episode of (?:the )?)?", text, flags):
        show = take_show(text[m.end():], lowercase_ok=lower_text)
        add(found.shows, show)
        after = text[m.end():m.end() + 200]
        im = re.search(r"\b(?:I'm|I’m|I am|my name is)\s+", after, flags)
        if im:
            add(found.hosts, take_name(after[im.end():], **kw))
    for m in re.finditer(r"\b(?:I'm|I’m|I am)\s+", text, flags):
        name = take_name(text[m.end():], **kw)
        rest = text[m.end() + len(name or ""):m.end() + len(name or "") + 40] if name else ""
        sm = re.match(r",? and this (?:has been|is|was) (?:the )?", rest, flags)
        if name and sm:
            add(found.hosts, name)
            add(found.shows, take_show(text[m.end() + len(name) + sm.end():]))
    for m in re.finditer(r"\b(?:my guests? (?:today |this week )?(?:is|are)|today'?s guests?,?(?: is| are)?|"
                         r"(?:I'm|I’m|I am|we're|we are) (?:very )?(?:happy to be |excited to be )?joined "
                         r"(?:again |today |once again )?by(?: my friends?,?)?)\s+", text, flags):
        add(found.guests, take_names(text[m.end():], **kw))
    for m in re.finditer(r"\bhost(?:ed by)?[,:]?\s+(?=[A-Z])", text, flags):
        add(found.hosts, take_name(text[m.end():]))
    for m in re.finditer(r"'s conversation with\s+", text):
        name = take_name(text[m.end():])
        if name:
            add(found.hosts, name)
            rest = text[m.end() + len(name):]
            on = re.match(r"\s+on\s+", rest)
            if on:
                add(found.shows, take_show(rest[on.end():]))
            guest = take_name(_tail_name(text[:m.start()]))
            add(found.guests, guest)
    if lower_text:                   # "this is the some name podcast" / "connect with me on twitter at some name"
        for m in re.finditer(r"\bthis is (?:the |an? )?(?=(?:[\w'’\-]+ ){0,4}?(?:podcast|show)\b)", text, flags):
            add(found.shows, take_show(text[m.end():], lowercase_ok=True))
        for m in re.finditer(r"\b(?:connect|follow) (?:with )?me on twitter(?:,? (?:at |@)| or(?: [\w-]+){1,3}? (?:at |@)|,? )", text, flags):
            name = take_name(text[m.end():], lowercase_ok=True, max_tokens=2)
            if name and len(name.split()) == 2 and all(_name_word(w) for w in name.split()):
                add(found.hosts, name)
        if not found.shows:          # "... and the some name podcast": a show named, not stated as "this is"
            for m in re.finditer(r"\bthe ((?:[\w'’-]+ ){1,3}podcast)\b", text[:INTRO_CHARS], flags):
                if not any(w.lower() in STOP_WORDS for w in m.group(1).split()[:-1]):
                    add(found.shows, m.group(1).title())
                    break
    for m in re.finditer(r"\b(?:this (?:episode|edition) of|listening to|subscribing to|subscribe to)\s+(?:the\s+)?",
                         text, flags):
        show = take_show(text[m.end():])
        if show and _SHOW_TAIL.search(show.split()[-1]):
            add(found.shows, show)
    for m in re.finditer(r"\b(?:minute |hour )?episode of\s+(?:the\s+)?(?=[A-Z0-9])", text):
        add(found.shows, take_show(text[m.end():]))
    for m in re.finditer(r"\btranscript of (?:the )?(?=[A-Z])", text):      # "transcript of Show #12 with Guest"
        rest = text[m.end():m.end() + 200]
        show = take_show(rest)
        w = re.match(r"\s*(?:#|episode\s+|ep\.?\s*)?\d*\s*,?\s*with\s+", rest[len(show):], flags) if show else None
        if w:
            add(found.shows, show)
            add(found.guests, take_names(rest[len(show) + w.end():], **kw))
    for m in re.finditer(r"\b(?:the following is|this is) (?:a|my) conversation with\s+", text[:INTRO_CHARS], flags):
        names = take_names(text[m.end():], **dict(kw, max_tokens=2 if lower_text else 4))[:2]
        add(found.guests, [n for n in names if len(n.split()) >= 2])
    for m in re.finditer(r"\bguests?:?\s+(?=[A-Z])", text, flags):
        add(found.guests, take_names(text[m.end():]))
    head = text[:3000]
    # a line "Show, episode 12: Title" (after markup and spaces on that line only: a run of blank
    # lines is not scanned again from each of its line starts)
    for m in re.finditer(r"(?:^|\n)(?:[*_]|[^\S\n])*([A-Z0-9][^\n,:]{1,60}?),\s+(?:episode|ep\.?)\s*#?\d+\b"
                         r"(?::\s*([^\n]{3,200}))?", head):
        add(found.shows, m.group(1).strip())
        if m.group(2):
            add(found.titles, m.group(2).strip().rstrip("*_").strip())
    found.date = prose_date(head)
    for m in re.finditer(r"\btype\s+['‘’\"]([^'‘’\"\n]{2,60})['‘’\"]\s+into your podcast", text, flags):
        add(found.shows, m.group(1).strip())
    found.guests = [g for g in found.guests if g not in found.hosts]
    return found


_SHOW_OF = re.compile(r"^(?:the\s+)?((?:[^\W\d_][\w’'\-]*\s+){1,2}[^\W\d_][\w’'\-]*?)(?:['’]s)?\s+(?:podcast|show)$", re.I)
NAME_WORD_ZIPF = 4.6       # a word of a person's name is rarer than this in English (wordfreq's Zipf scale)


def _name_word(word: str) -> bool:
    """A word that may be part of a name: no stop word, none common in English ("finally")."""
    return word.lower() not in STOP_WORDS and word_zipf(word) < NAME_WORD_ZIPF


def show_host(show: str) -> str | None:
    """The person a show is named after ("The Ada Byron Podcast"), when its words read as a name:
    2-3 words, none of them common in English.

    >>> show_host("The Ada Lovelace Podcast"), show_host("Artificial Intelligence Podcast"), show_host("Hard Fork Show")
    ('Ada Lovelace', None, None)
    """
    m = _SHOW_OF.match(show.strip())
    if not m:
        return None
    words = m.group(1).split()
    if any(w.lower() in _NOT_NAMES or not _name_word(w) for w in words):
        return None
    return " ".join(w[:1].upper() + w[1:] for w in words)


def prose_date(text: str) -> str | None:
    """An ISO date from 'published 18 February 2025' / 'aired on March 3, 2024' / 'released 2024-03-03'."""
    m = re.search(_DATE_WORDS + r"(?:(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4})|([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})"
                  r"|(\d{4})-(\d{2})-(\d{2}))", text, re.I)
    if not m:
        return None
    g = m.groups()
    try:
        if g[0]:
            day, month, year = int(g[0]), _MONTHS[g[1].lower()], int(g[2])
        elif g[3]:
            day, month, year = int(g[4]), _MONTHS[g[3].lower()], int(g[5])
        else:
            year, month, day = int(g[6]), int(g[7]), int(g[8])
        import datetime as dt

        return dt.date(year, month, day).isoformat()
    except (KeyError, ValueError):
        return None


def _tail_name(text: str) -> str:
    """The capitalised words at the end of text (the name before "'s conversation")."""
    words = text.split()[-4:]
    tail: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        tail.insert(0, word)
    return " ".join(tail)


def word_shares(turns) -> dict[str | None, float]:
    """Each speaker's share of the words said in turns ({} when nothing is said).

    >>> from kg.model import Turn
    >>> word_shares([Turn("one two three", 0, 13, "Ada"), Turn("four", 14, 18, "Alan")])
    {'Ada': 0.75, 'Alan': 0.25}
    """
    words: Counter = Counter()
    for turn in turns:
        words[turn.speaker] += len(turn.text.split())
    total = sum(words.values())
    return {speaker: n / total for speaker, n in words.items()} if total else {}


def title_guests(title: str) -> list[str]:
    """Guests named by an episode title ('#12 – Ada Byron on X', 'X — Ada Byron & Alan Turing', 'X | Ada Byron, poet')."""
    m = re.match(r"#?\d+\s*[–—-]\s*", title)
    if m:
        name = take_name(title[m.end():])
        if name and len(name.split()) >= 2 and title[m.end() + len(name):].startswith(" on "):
            return [name]
    m = re.search(r"\s[–—|:-]\s+([^–—|:]+)$", title) if len(title) <= MAX_TITLE_CHARS else None
    if m:
        names = take_names(m.group(1))
        tail = m.group(1)
        if names and all(len(n.split()) >= 2 for n in names):
            rest = tail
            for n in names:
                rest = rest.replace(n, "", 1)
            if not re.sub(r"[\s,&]|\band\b", "", rest) or rest.lstrip().startswith(","):
                return names
    return []


def assemble(stated: list[Participant], found: Cues, speakers: list[str], title_names: list[str]) -> list[Participant]:
    """Merge participants: stated metadata first, then cues, title and speaker labels.

    A speaker label that is the first name of a stated or cued full name is that person.
    """
    people = _People()

    def put(name: str, role: str) -> None:
        existing = people.find(name)
        if existing is None:
            people.add(Participant(name, role))
        else:
            current = people.by_name[existing]
            if len(name.split()) > len(existing.split()):
                people.add(Participant(name, current.role))
                people.remove(existing)
                current = people.by_name[name]
            if current.role == "speaker" and role != "speaker":
                current.role = role

    for p in stated:
        put(p.name, p.role)
    for name in found.hosts:
        put(name, "host")
    for name in found.guests + title_names:
        put(name, "guest")
    for name in speakers:
        put(name, "speaker")
    if any(p.role == "host" for p in people.by_name.values()):
        for p in people.by_name.values():
            if p.role == "speaker":
                p.role = "guest"
    return sorted(people.by_name.values(), key=lambda p: ({"host": 0, "guest": 1}.get(p.role, 2), p.name))


class _People:
    """Participants by name. `find` returns the earliest added name that equals a name, or
    whose first word the name is, or that is the name's first word (ignoring case); names
    are indexed by both, so merging n names takes O(n), not O(n²).

    >>> people = _People()
    >>> people.add(Participant("Ada Byron", "guest")); people.add(Participant("Alan", "speaker"))
    >>> people.find("ada"), people.find("Alan Turing"), people.find("Bob")
    ('Ada Byron', 'Alan', None)
    """

    def __init__(self) -> None:
        self.by_name: dict[str, Participant] = {}
        self._added: dict[str, int] = {}                  # name -> when it was (last) added
        self._clock = 0
        self._index: dict[str, deque[tuple[int, str]]] = defaultdict(deque)   # "=name" / "1first" -> (when, name)

    def find(self, name: str) -> str | None:
        low = name.lower()
        fronts = [f for key in ("=" + low, "1" + low, "=" + _first(low)) if (f := self._front(key))]
        return min(fronts)[1] if fronts else None

    def add(self, p: Participant) -> None:
        if p.name not in self.by_name:
            self._clock += 1
            self._added[p.name] = when = self._clock
            low = p.name.lower()
            for key in ("=" + low, "1" + _first(low)):
                self._index[key].append((when, p.name))
        self.by_name[p.name] = p

    def remove(self, name: str) -> None:
        del self.by_name[name], self._added[name]

    def _front(self, key: str) -> tuple[int, str] | None:
        """The earliest entry under key whose name is still there (others are dropped)."""
        queue = self._index.get(key)
        while queue and self._added.get(queue[0][1]) != queue[0][0]:
            queue.popleft()
        return queue[0] if queue else None


def _first(name: str) -> str:
    words = name.split()
    return words[0] if words else name
