"""Which names are said together: the `co_occurs_with` pairs of a corpus.

A window is a sentence or a short turn. Two names in one window count as said together when
one quote can show both (a "sentence" of unpunctuated speech can run for pages), and not when
the window only lists them:

- **a list:** three or more items joined by nothing but commas, "and", "or", "/" ("flew Austin,
  Houston, Dallas"; a capitalised word between two names is an item nothing recognised), two
  names joined by "and" or "or" ("Germany and France were our bellwethers"; "AWS or Google
  Cloud"), or examples ("companies like Figma and Slack"). Two names joined by a comma alone stay
  a pair ("Hamburg, Germany"), and so do two "between" joins ("between Greece and Rome");
- **two of a kind:** "and", "or" or "nor" among at most four small words between them ("on
  Facebook and on Twitter", "the US and from Britain");
- **parallel slots:** each name right after the same preposition ("VP at Binance, PM at
  Google"; "not good enough in Latin America, not good enough in Asia"): a résumé or a
  tour, not a link between the two;
- **the same sentence again:** each distinct sentence counts once, so an ad read or an outro
  said in 20 episodes is one sentence, not 20.

A pair needs `min_count` windows; its score is NPMI over all windows; its evidence is the
window that says the two names closest together. An entity in more than
`HUB_SHARE` of all pairs (say "artificial intelligence") keeps only its most associated ones
(highest NPMI, then weight), at least `HUB_FLOOR`: a small graph cannot tell a hub.

>>> from kg.model import Mention
>>> text = "We flew Austin, Houston, Dallas. Austin beat Dallas. Austin beat Dallas again."
>>> def m(name, at): return Mention("d", name, "Place", "ner", 1.0, at, at + len(name), window=text[:at].count("."))
>>> windows = {("d", 0): {"austin": [m("Austin", 8)], "houston": [m("Houston", 16)], "dallas": [m("Dallas", 25)]},
...            ("d", 1): {"austin": [m("Austin", 33)], "dallas": [m("Dallas", 45)]},
...            ("d", 2): {"austin": [m("Austin", 53)], "dallas": [m("Dallas", 65)]}}
>>> [(p.u, p.v, p.weight) for p in pairs(windows, {"d": (text, [0, 33, 53])}, min_count=2)[0]]
[('austin', 'dallas', 2)]
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from spacy.lang.en.stop_words import STOP_WORDS

from .model import Mention

MAX_WINDOW_NAMES = 12       # a sentence naming more things is a list (credits, sponsors): no co-occurrence
LIST_ITEMS = 3              # this many names joined by list words are a list
HUB_SHARE = 0.05            # no entity in more than this share of all pairs ...
HUB_FLOOR = 25              # ... but any entity may keep this many (a small graph cannot say who is a hub)
SAME_SENTENCE_CHARS = 100   # the text around a pair that makes "the same sentence again"
_SEP = r"(?:\s|[,;/&]|\b(?i:and|or|nor|plus|the)\b)"
_FILLER = re.compile(r"(?<![\w.'’-])(?!(?i:and|or|nor|plus|the)\b)[A-Z][\w.'’-]*+(?:\s+[A-Z][\w.'’-]*+){0,2}+"
                     r"(?=\s*[,;/&]|\s+(?i:and|or)\b)")
# possessive and atomic throughout: one way to read a gap, so a gap that is no list fails in linear time
_GLUE = re.compile(rf"{_SEP}*+(?:(?<=[,;/&\s])(?>{_FILLER.pattern}){_SEP}++)*+")
_COORDINATED = re.compile(r"\b(?i:and|or|nor)\b|/|&")
_BETWEEN = re.compile(r"\b(?i:between)\s+(?:the\s+)?$")
_EXAMPLES = re.compile(r"\b(?i:like|such as|including|e\.g\.)\s*,?\s*(?:the\s+)?$")
_WORD = re.compile(r"[\w'’]+")
JOINED_WORDS = 4            # "X and on Y": two names joined by "and"/"or" and this few words are two of a kind
_SLOT = re.compile(r"\b(?i:(at|in|from))\s+(?:[A-Z][\w.'’-]*\s+){0,2}$")   # "in Latin America" for "America"


@dataclass(frozen=True)
class Pair:
    """Two entities said together in `weight` distinct sentences; `first`/`second`: their mentions
    in the window that says them closest (in text order), of document `doc_id`."""

    u: str
    v: str
    weight: int
    score: float
    first: Mention
    second: Mention
    doc_id: str


def pairs(windows: dict[tuple[str, int], dict[str, list[Mention]]],
          texts: dict[str, tuple[str, Sequence[int]]], min_count: int = 2,
          limit: int = 240) -> tuple[list[Pair], Counter]:
    """(pairs in (u, v) order with u < v, windows too crowded to count per document id).
    `windows`: (document id, window) -> entity -> its mentions there; `texts`: document id ->
    (text, sentence starts)."""
    total = len(windows) or 1
    single: Counter = Counter()
    heard: dict[tuple[str, str], set[int]] = defaultdict(set)      # a pair's distinct sentences (hashes)
    best: dict[tuple[str, str], tuple[int, Mention, Mention, str]] = {}      # the window saying them closest
    crowded: Counter = Counter()
    for key in sorted(windows):
        names = windows[key]
        members = sorted(names)
        single.update(members)
        if len(members) > MAX_WINDOW_NAMES:
            crowded[key[0]] += 1
            continue
        if len(members) < 2:                    # most windows: nothing to pair
            continue
        text, sentences = texts[key[0]]
        listed = _lists(text, names)
        for u, v in combinations(members, 2):
            if (u, v) in listed:
                continue
            close = _closest(names[u], names[v], limit)
            if close is None or _parallel(text, *close) or _joined(text, *close):
                continue
            said = hash(_around(text, sentences, *close))   # a pair's sentences are few: a clash beyond belief
            if said in heard[(u, v)]:
                continue
            heard[(u, v)].add(said)
            gap = close[1].start - close[0].end
            if (u, v) not in best or gap < best[(u, v)][0]:
                best[(u, v)] = (gap, *close, key[0])
    found = [Pair(u, v, n, round(npmi(n, single[u], single[v], total), 4), *best[(u, v)][1:])
             for (u, v), said in sorted(heard.items()) if (n := len(said)) >= min_count]
    return _without_hubs(found), crowded


def npmi(joint: int, a: int, b: int, total: int) -> float:
    """Normalised pointwise mutual information in [-1, 1]."""
    p_xy, p_x, p_y = joint / total, a / total, b / total
    if p_xy >= 1.0:
        return 1.0
    return math.log(p_xy / (p_x * p_y)) / -math.log(p_xy)


def _closest(us: list[Mention], vs: list[Mention], limit: int) -> tuple[Mention, Mention] | None:
    """The first two mentions, one of each entity, that one quote of `limit` characters can show.
    Mentions come in text order: for each of `us`, only the `vs` starting within `limit` of it
    are tried (bisect), so a window naming two things hundreds of times is not quadratic.

    >>> from kg.model import Mention
    >>> def m(at): return Mention("d", "x", "Place", "ner", 1.0, at, at + 5)
    >>> [(a.start, c.start) for a, c in [_closest([m(0), m(900)], [m(400), m(1000)], 240)]]
    [(900, 1000)]
    """
    vs = sorted(vs, key=lambda c: c.start)           # already so (kg.extract sorts them): stays the same
    starts = [c.start for c in vs]
    for a in us:
        for c in vs[bisect.bisect_left(starts, a.start - limit):bisect.bisect_right(starts, a.start + limit)]:
            if max(a.end, c.end) - min(a.start, c.start) <= limit:
                return (a, c) if a.start <= c.start else (c, a)
    return None


def _lists(text: str, names: dict[str, list[Mention]]) -> set[tuple[str, str]]:
    """Pairs of entities named as items of one list in this window: `LIST_ITEMS` or more items
    in a row with only list words between them (a capitalised word there is an item too: a
    name nothing recognised), or two joined by "and"/"or" ("Germany and France"; not "between
    X and Y"), or a run of examples ("companies like X, Y")."""
    said = sorted((m.start, m.end, e) for e, ms in names.items() for m in ms)
    out: set[tuple[str, str]] = set()
    run, fillers = [said[0]], 0
    for item in [*said[1:], None]:
        glue = _GLUE.fullmatch(text, run[-1][1], item[0]) if item is not None and item[0] >= run[-1][1] else None
        if glue:
            run.append(item)
            fillers += len(_FILLER.findall(glue.group()))
            continue
        items = sorted({e for _, _, e in run})
        if len(items) >= 2 and (len(run) + fillers >= LIST_ITEMS or _listed_pair(text, run)):
            out.update(combinations(items, 2))
        run, fillers = [item], 0
    return out


def _listed_pair(text: str, run: list[tuple[int, int, str]]) -> bool:
    between = text[run[0][1]:run[-1][0]]
    before = text[max(0, run[0][0] - 30):run[0][0]]
    return bool(_EXAMPLES.search(before) or _COORDINATED.search(between) and not _BETWEEN.search(before))


def _parallel(text: str, a: Mention, c: Mention) -> bool:
    """Each name right after its own use of the same preposition ("at X, then at Y"; not the one
    "at" before "Google DeepMind")."""
    first = _SLOT.search(text, max(0, a.start - 40), a.start)
    second = _SLOT.search(text, max(a.end, c.start - 40), c.start)      # its own preposition, after the first name
    return bool(first and second and first.group(1).lower() == second.group(1).lower())


def _joined(text: str, a: Mention, c: Mention) -> bool:
    """The two names joined by "and", "or" or "nor" and at most JOINED_WORDS small words ("Facebook
    and on Twitter", "the US and from Britain", "an agent or your assistant"): two of a kind, not a
    link. "Between X and Y" is a link, and so is a word that says one ("Facebook and later bought").

    >>> from kg.model import Mention
    >>> t = "We posted on Facebook and on Twitter. Zuck ran Facebook and later bought Instagram."
    >>> def m(name, at=0): return Mention("d", name, "Organization", "ner", 1.0, t.index(name, at), t.index(name, at) + len(name))
    >>> _joined(t, m("Facebook"), m("Twitter")), _joined(t, m("Facebook", 40), m("Instagram"))
    (True, False)
    """
    words = _WORD.findall(text[a.end:c.start])
    return len(words) <= JOINED_WORDS and any(w.lower() in ("and", "or", "nor") for w in words) \
        and all(w.lower() in STOP_WORDS for w in words) and not _BETWEEN.search(text, max(0, a.start - 30), a.start)


def _around(text: str, sentences: Sequence[int], a: Mention, c: Mention) -> str:
    """The words around a pair within its sentence, as compared for "the same sentence again"."""
    i = bisect.bisect_right(sentences, a.start) - 1
    start = max(sentences[i] if i >= 0 else 0, a.start - SAME_SENTENCE_CHARS)
    j = bisect.bisect_right(sentences, c.end)
    end = min(sentences[j] if j < len(sentences) else len(text), c.end + SAME_SENTENCE_CHARS)
    return " ".join(text[start:end].lower().split())


def _without_hubs(found: list[Pair]) -> list[Pair]:
    """Each entity in at most `HUB_SHARE` of the pairs (at least `HUB_FLOOR`): its most associated."""
    while True:                                 # dropping pairs lowers the cap: again until none is over
        cap = max(HUB_FLOOR, int(HUB_SHARE * len(found)))
        edges: dict[str, list[Pair]] = defaultdict(list)
        for p in found:
            edges[p.u].append(p)
            edges[p.v].append(p)
        dropped = {(p.u, p.v) for entity in sorted(edges) if len(edges[entity]) > cap
                   for p in sorted(edges[entity], key=lambda p: (-p.score, -p.weight, p.u, p.v))[cap:]}
        if not dropped:
            return found
        found = [p for p in found if (p.u, p.v) not in dropped]
