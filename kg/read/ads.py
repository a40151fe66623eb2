"""Sponsor reads: the spans of a document where a host (or a sponsor's guest) reads an ad.

A segment starts at the sentence that announces a sponsor ("This episode is brought to you
by Coda.", "to support this podcast please check out our sponsors") and runs to the end of
that turn and on through the same speaker's next turns (an ad read is often split into
several timed turns), until another voice speaks or MAX_CHARS is reached. In text without
turns (raw captions) it runs MAX_CHARS or to a phrase that hands back to the conversation.
Mentions in these spans are kept out of `mentions`, `discusses` and co-occurrence.

>>> from kg.model import Turn
>>> text = "Welcome, Ada. Hi. This episode is brought to you by Loomly. Loomly weaves. Back to looms, Ada?"
>>> turns = [Turn(text[:13], 0, 13, "Grace"), Turn(text[14:17], 14, 17, "Ada"), Turn(text[18:75], 18, 75, "Grace"),
...          Turn(text[76:], 76, len(text), "Ada")]
>>> [text[a:b] for a, b in ad_spans(text, turns)]
['This episode is brought to you by Loomly. Loomly weaves.']
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from ..model import Turn

MAX_CHARS = 2500
TEASER = 3
TEASER_CHARS = 400
TRIGGER = re.compile(
    r"\b(?:(?:this|today['’]s) (?:episode|show|podcast|conversation) is (?:brought to you|sponsored|supported|"
    r"presented|powered) by|(?:is |are )?brought to you by|(?:thanks|thank you) to (?:our|this week['’]s) sponsors?|"
    r"a (?:quick |short |brief )?word from our sponsors?|(?:please )?check out (?:our|the) sponsors|(?:to )?support (?:this|the) "
    r"(?:podcast|show) (?:by|please)|our sponsors? (?:today|this week|for this episode)|"
    r"(?:today['’]s|this (?:episode|week)['’]s) sponsor|"
    r"\b(?:get|gets|getting) (?:a|one|two|three|six|\d{1,4}) (?:full )?(?:years?|months?|weeks?) "
    r"(?:free|for free|of free))", re.I)
_KEYWORDS = ("brought to you", "sponsor", "support", "presented", "powered", "free")   # one in every TRIGGER
_REACH = 100                   # a TRIGGER match starts no further than this before its keyword
_FOLDS = frozenset("ſıİ\u212a")   # re.I matches these to ASCII letters; str.lower() does not
_BACK = re.compile(r"\b(?:and now|here(?:['’]s| is) my conversation with|on to (?:the|my) conversation|back to the (?:show|"
                   r"conversation)|now (?:let['’]s|back)|this is (?:the )?(?:[\w'’-]+ ){0,4}?(?:podcast|show))\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…]\s")
_MORE_ASKS = re.compile(r"\W+(?:(?:or|and|simply|also|please)\s+)*(?:give it five stars|subscribe|follow|rate|review|"
                        r"support(?:ed)?|connect with (?:me|us))(?: (?:it|us|me|the show|the podcast))?(?: with five stars)?"
                        r" (?:on|to|an|at) [\w.]+(?: podcasts?)?", re.I)
PROMO_LEAD = 80     # characters a promo's sentence may run before its ask ("If this helped, subscribe ...")
# the sponsor's name after the announcement: "brought to you by [our friends at] Wix Studio, ..."
_NAMED = re.compile(r"[,:]?\s*(?:(?:my|our) (?:good )?friends (?:over )?at\s+)?(?P<name>[A-Z][\w&'’.-]*[\w&]"
                    r"(?: (?:[A-Z][\w&'’-]*[\w&]|&|(?:os|ai|io|hq)\b)){0,3})")     # "Work os" as heard
_PLATFORM = re.compile(r"\b(?:apple podcasts|spotify|youtube|podcast(?:ing)? app|overcast|pocket casts)\b", re.I)
_PLATFORM_WORDS = ("apple podcasts", "spotify", "youtube", "podcast", "overcast", "pocket casts")   # its starts
_ASK = re.compile(r"\b(?:subscribe|follow|rate|review|find)\b\W+(?:\w+\W+){0,4}?(?:the|this|our|my)\s+(?:show|podcast|"
                  r"channel|pod)\b|\b(?:subscribe|follow|rate|review|find) (?:us|it|me)\b|"
                  # "if you enjoy this podcast, subscribe on YouTube, give it five stars on Apple Podcasts"
                  r"\bsubscribe on\b|\b(?:rate|review|support) (?:it|us|me|the (?:show|podcast|channel)) on\b|"
                  r"\bfive stars\b", re.I)
_SPELLED = re.compile(r"(?:[a-z0-9]-)+[a-z0-9]", re.I)
_TLD = re.compile(r"\.(?:com|io|ai|co|app|org|net|dev)$", re.I)
_NOT_NAMES = {"I", "I'm", "I’m", "The", "This", "Our", "My", "We", "You", "It", "Today", "And", "Now", "So"}
# a sponsor's own address read out: "go to vanta.com/lenny", "at Orkes.io/podcast"
_VANITY = re.compile(r"(?<![/.@\w])(?P<stem>[a-z][a-z0-9-]{1,30})\.(?:com|io|ai|co|app|org|net|dev)/[\w-]+", re.I)
_WEB = re.compile(r"\b[\w-]+\.(?:com|io|ai|co|org|net|app)\b|\bpromo code\b|\buse code\b", re.I)


def _ad_end(text: str, lo: int, hi: int, sponsors: tuple[str, ...]) -> int:
    """The end of the sentence in text[lo:hi] that last names a sponsor or a web address (the host may
    go back to the conversation in the same turn); the end of text[lo:hi] when none does."""
    piece = text[lo:hi]
    marks = [m.end() for m in _WEB.finditer(piece)]
    for sponsor in sponsors:
        marks += [m.end() for m in _naming(sponsor).finditer(piece)]
    if not marks:
        return lo + len(piece.rstrip())
    stop = _SENTENCE_END.search(piece, max(marks))
    return lo + (stop.start() + 1 if stop else len(piece.rstrip()))


def _still_ad(turn: str, sponsors: tuple[str, ...]) -> bool:
    return bool(_WEB.search(turn)) or any(_naming(sponsor).search(turn) for sponsor in sponsors)


@functools.lru_cache(maxsize=1024)
def _naming(sponsor: str) -> re.Pattern:
    """The sponsor's word, whole: "Fin", not "Finally"."""
    return re.compile(rf"\b{re.escape(sponsor)}\b")


def _sponsors(text: str, first: re.Match, end: int, keys: list[int] | None) -> tuple[str, ...]:
    """The first words of the sponsors announced from `first` (a TRIGGER match) to `end`: a turn may
    read two ads ("brought to you by DX ... This episode is brought to you by Basecamp")."""
    out, m = [], first
    while m is not None:
        named = _name_after(text, m.end(), end)
        if named:
            out.append(text[named[0]:named[1]].split()[0])      # its first word: "Wix" of Wix Studio
        m = _trigger(text, m.end(), end, keys)
    return tuple(dict.fromkeys(out))


def ad_spans(text: str, turns: Sequence[Turn]) -> list[tuple[int, int]]:
    """(start, end) character spans of sponsor reads and of calls to subscribe ("subscribe on Apple
    Podcasts, Spotify or your favorite podcast app"), sorted and not overlapping."""
    return _union(_reads(text, turns) + _promos(text))


def _keywords(text: str) -> list[int] | None:
    """Sorted starts of the words every TRIGGER match holds (TRIGGER run over every turn cost a
    quarter of reading a transcript); None when they cannot be found by str.find (`_starts`)."""
    return _starts(text, _KEYWORDS)


def _starts(text: str, words: tuple[str, ...]) -> list[int] | None:
    """Sorted starts of `words` in the lowercased text, found by str.find; None when lower-casing
    moves characters or the text holds a character re.I folds to an ASCII letter (then the
    caller's pattern reads everything)."""
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and not _FOLDS.isdisjoint(text)):
        return None
    starts = set()
    for word in words:
        at = low.find(word)
        while at >= 0:
            starts.add(at)
            at = low.find(word, at + 1)
    return sorted(starts)


def _trigger(text: str, lo: int, hi: int, keys: list[int] | None) -> re.Match | None:
    """TRIGGER.search(text, lo, hi), looking only where a match can start: within _REACH before a
    keyword (`_keywords`). Windows that overlap are searched as one stretch, and the match is then
    taken whole from its start (a window's end must not cut "sponsors" to "sponsor")."""
    if keys is None:
        return TRIGGER.search(text, lo, hi)
    k = bisect.bisect_left(keys, lo)
    while k < len(keys) and keys[k] < hi:
        start, end = max(lo, keys[k] - _REACH), keys[k] + 1
        while k + 1 < len(keys) and keys[k + 1] < hi and keys[k + 1] - _REACH <= end:
            k += 1
            end = keys[k] + 1
        if m := TRIGGER.search(text, start, min(hi, end + _REACH)):
            if m.start() < end:
                return TRIGGER.match(text, m.start(), hi)
        k += 1
    return None


def _reads(text: str, turns: Sequence[Turn]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if turns:
        keys = _keywords(text)
        plain: list[int] = []             # turns no announcement opens: reads without one are looked for after
        i = 0
        while i < len(turns):
            turn = turns[i]
            m = _trigger(text, turn.start, turn.end, keys)
            if not m:
                plain.append(i)
                i += 1
                continue
            start = _teaser_start(text, turn.start, _sentence_start(text, turn.start, m.start(), turn.start))
            sponsors = _sponsors(text, m, turn.end, keys)
            # the same voice's next turns go on with the ad up to the last that names a sponsor or a web
            # address (a paragraph between may name neither: "Wherever you work, experiments ...")
            j = k = i + 1
            while k < len(turns) and turns[k].speaker == turn.speaker and turns[k].end - start <= MAX_CHARS:
                said = text[turns[k].start:turns[k].end]
                if _still_ad(said, sponsors):
                    j = k + 1
                elif turn.speaker is None or _BACK.search(said):
                    break       # unnamed voices may be anyone's; "back to the conversation" ends the read
                k += 1
            last = turns[j - 1]
            spans.append((start, _ad_end(text, max(start, last.start), last.end, sponsors)))
            i = j
        shared, starts = _show_paths(text, spans), [t.start for t in turns]
        for i in plain:
            if (read := _unannounced(text, turns[i].start, turns[i].end, shared, turns, starts)) is not None:
                spans.append(read)
        return sorted(spans)
    pos, keys = 0, _keywords(text)
    while (m := _trigger(text, pos, len(text), keys)) is not None:
        start = _sentence_start(text, max(0, m.start() - 300), m.start(), m.start())
        back = _BACK.search(text, m.end(), m.end() + MAX_CHARS)
        end = back.start() if back else min(len(text), m.end() + MAX_CHARS // 2)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
        pos = end
    return spans


def _promos(text: str) -> list[tuple[int, int]]:
    """Sentences that ask the listener to subscribe to, follow, rate or review the show (or "us") on a podcast
    app; "I follow YouTube creators" asks nothing. In unpunctuated captions (no sentence starts within
    PROMO_LEAD characters before the ask) only the ask up to the app: the show's and the host's names
    said around it ("this is the ... podcast", "on twitter at ...") stay."""
    out = []
    for m in _platforms(text):
        start = _sentence_start(text, max(0, m.start() - 300), m.start(), max(0, m.start() - 300))
        ask = _ASK.search(text, start, m.start())
        if not ask:
            continue
        stop = _SENTENCE_END.search(text, m.end(), m.end() + 300)
        if ask.start() - start > PROMO_LEAD:
            start, end = ask.start(), stop.start() + 1 if stop else _asks_after(text, m.end())
        else:
            end = stop.start() + 1 if stop else min(len(text), m.end() + 300)
        if not (out and start < out[-1][1]):
            out.append((start, end))
    return out


def _asks_after(text: str, at: int) -> int:
    """The end of the asks that follow an app's name in unpunctuated captions ("... on youtube give it
    five stars on apple podcasts support on patreon or connect with me on twitter"), before the handle."""
    while m := _MORE_ASKS.match(text, at):
        at = m.end()
    return at


def _platforms(text: str) -> list[re.Match]:
    """_PLATFORM.finditer(text), tried only where str.find sees one of its words (6x faster)."""
    starts = _starts(text, _PLATFORM_WORDS)
    if starts is None:
        return list(_PLATFORM.finditer(text))
    found: list[re.Match] = []
    for at in starts:
        if (not found or at >= found[-1].end()) and (m := _PLATFORM.match(text, at)):
            found.append(m)
    return found


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _path(m: re.Match) -> str:
    return m.group().rsplit("/", 1)[1].lower()


def _show_paths(text: str, reads: Sequence[tuple[int, int]]) -> frozenset[str]:
    """The show's vanity path ("/lenny"), which sponsors' addresses carry and a guest's own links
    ("faire.com/careers") do not: a path that two or more sponsors' addresses share, one of them
    said within MAX_CHARS of an announcement ("brought to you by Vanta ... vanta.com/lenny")."""
    every = list(_VANITY.finditer(text))
    stems: dict[str, set[str]] = {}
    for m in every:
        stems.setdefault(_path(m), set()).add(m.group("stem").lower())      # whole addresses: a window's end must not cut "sprig.com/lenny"
    starts = [m.start() for m in every]
    near = {_path(every[i]) for start, _ in reads
            for i in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, start + MAX_CHARS))}
    return frozenset(path for path in near if len(stems[path]) >= 2)


def _unannounced(text: str, lo: int, hi: int, shared: frozenset[str] = frozenset(),
                 turns: Sequence[Turn] = (), starts: Sequence[int] = ()) -> tuple[int, int] | None:
    """A read without an announcement ("That's where Vanta comes in. Vanta helps ... vanta.com/lenny"):
    from the sentence that first names the sponsor to the end of the sentence with its web address,
    when the name is written capitalised at least twice before the address, within MAX_CHARS, in
    the address's turn (text[lo:hi]). A read may run over several turns when the address carries
    the show's path (`shared`: _show_paths) and the turn that first names the sponsor is the same
    voice's, or the address's turn names it too: a read played as a dialogue with the sponsor's
    guest ("Hey, Ashley, head of marketing at Flatfile ..." ... "check out Flatfile at
    flatfile.com/lenny"). A guest who names a company and a host who then gives its address are
    not a read. `starts`: the turns' starts."""
    here = bisect.bisect_right(starts, lo) - 1
    for m in _VANITY.finditer(text, lo, hi):
        stem = m.group("stem")
        names = _said(text, stem, max(lo, m.start() - MAX_CHARS), m.start())
        if _path(m) in shared and here >= 0:
            before = _said(text, stem, max(0, m.start() - MAX_CHARS), lo)
            first = bisect.bisect_right(starts, before[0][0]) - 1 if before else here
            if names or turns[first].speaker == turns[here].speaker:
                names = before + names
        if len(names) >= 2:
            at = names[0][0]
            turn = starts[bisect.bisect_right(starts, at) - 1] if starts and at >= starts[0] else lo
            stop = _SENTENCE_END.search(text, m.end(), hi)
            return _sentence_start(text, turn, at, turn), stop.start() + 1 if stop else hi
    return None


def sponsors(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where each sponsor read names its sponsor: the capitalised name right after the announcement
    ("brought to you by Wix Studio"), and a name the read also spells as its web address
    ("Vanta ... vanta.com/lenny"); one (start, end) per sponsor and read.

    >>> text = "This episode is brought to you by Loomly, the loom app. Visit loomly.com/ada. Also Spindle."
    >>> [text[a:b] for a, b in sponsors(text, [(0, len(text))])]
    ['Loomly']
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        found: dict[str, tuple[int, int]] = {}
        known: set[str] = set()            # the names found, their words and their joined form
        for m in TRIGGER.finditer(text, start, end):
            if (named := _name_after(text, m.end(), end)) is not None:
                name = text[named[0]:named[1]].lower()
                found.setdefault(name, named)
                known.update([name, name.replace(" ", ""), *name.split()])
        for m in _VANITY.finditer(text, start, end):
            stem = m.group("stem").lower()
            if stem in known or _SPELLED.fullmatch(stem):       # "that's U-I-Z-A-R-D.com": the name spelled out
                continue
            if said := _said(text, stem, start, m.start()):
                found[stem] = said[0]
                known.add(stem)
        out.extend(sorted(found.values()))
    return out


def _name_after(text: str, at: int, end: int) -> tuple[int, int] | None:
    """Where the sponsor's name stands right after an announcement ending at `at` ("brought to you by
    [our friends at] Wix Studio, ..."), without a domain ("BuildBetter.ai" -> "BuildBetter"); None when
    no capitalised name follows ("brought to you by our listeners", "... by The ...")."""
    named = _NAMED.match(text, at, end)
    if not named or named.group("name").split()[0] in _NOT_NAMES:
        return None
    name = _TLD.sub("", named.group("name").rstrip("."))
    return named.start("name"), named.start("name") + len(name)


def _said(text: str, stem: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans in text[lo:hi] where a web address's name ("vanta" of vanta.com) is written as a capitalised word."""
    word = re.compile(rf"\b{re.escape(stem)}\b", re.I)
    return [w.span() for w in word.finditer(text, lo, hi) if w.group()[0].isupper()]


def _teaser_start(text: str, lo: int, start: int) -> int:
    """Ad copy may open with a question ("What do these companies have in common? The answer ... today's
    sponsor"): the read starts at the paragraph's start when at most TEASER sentences (TEASER_CHARS)
    come before the announcement in its paragraph, the last of them a question."""
    para = max(lo, text.rfind("\n", lo, start) + 1)
    before = [m.end() for m in _SENTENCE_END.finditer(text, para, start)]
    asks = bool(before) and text[before[-1] - 2] == "?"          # the sentence right before asks
    return para if asks and len(before) <= TEASER and start - para <= TEASER_CHARS else start


def _sentence_start(text: str, lo: int, at: int, default: int) -> int:
    """The start of the sentence holding `at`: after the last sentence end in text[lo:at], else `default`
    (the turn's start; in unpunctuated text, the trigger itself)."""
    last = default
    for m in _SENTENCE_END.finditer(text, lo, at):
        last = m.end()
    return last


def inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """True when `offset` falls in one of the sorted spans."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and offset < spans[i][1]
