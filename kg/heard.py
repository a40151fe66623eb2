"""Speech-recognition variants of names (the gazetteer's `heard:` lists) and when they count.

Auto-captions and transcripts write names as they sounded: "In video" for Nvidia,
"cloud" for Claude. A variant that is not an ordinary word ("Quen") always counts. One
that is ("cloud", "meter") counts only with a cue word within `WINDOW` words (`near`),
with no word of `not_near` there, and never right after a word of `not_after` or right
before one of `not_before` ("the cloud", "cloud computing"). The ruler (on a document's
text) and the resolver (on text and context quotes) apply the same test, through `around`.

>>> h = Heard("cloud", near=("refactor",), not_after=("the",))
>>> h.allows(*around("I use cloud to refactor code", 6, 11)), h.allows(*around("the cloud can refactor", 4, 9))
(True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ConfigError
from .normalize import fold

WINDOW = 15               # words either side of a variant searched for its cues
_TOKEN = re.compile(r"['’]s\b|\w+|[^\w\s]")
_QUOTES = set("\"'`“”‘’«»")


def words(text: str) -> str:
    """Folded words and numbers only, for cue matching: "Self-play, H100s!" -> "self play h100s"."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


@dataclass(frozen=True)
class Heard:
    """One variant of a name and the conditions under which it stands for that name
    (cues as `words()`, neighbours folded; `parse` prepares them so)."""

    text: str
    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()

    def allows(self, context: str | None, before: str = "", after: str = "") -> bool:
        """Whether the variant counts with `context` around it and the tokens `before`
        and `after` right next to it (folded; quotes and line breaks skipped).

        >>> h = Heard("meter", near=("eval", "self play"), not_after=("water",))
        >>> h.allows("the meter eval"), h.allows("a meter long"), h.allows("Self play."), h.allows("eval", "water")
        (True, False, True, False)
        """
        if before in self.not_after or after in self.not_before:
            return False
        nearby = f" {words(context or '')} "
        if any(f" {cue} " in nearby for cue in self.not_near):
            return False
        return not self.near or any(f" {cue} " in nearby for cue in self.near)


def around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(context, before, after) of `text[start:end]`: `WINDOW` words either side, and the
    folded tokens right before and after it, quotes and line breaks skipped.

    >>> around('we moved to the\\n"cloud" computing', 17, 22)
    ('we moved to the " cloud " computing', 'the', 'computing')
    """
    left, right = text[max(0, start - 40 * WINDOW):start], text[end:end + 40 * WINDOW]
    context = " ".join(left.split()[-WINDOW:] + text[start:end].split() + right.split()[:WINDOW])
    before = [t for t in _TOKEN.findall(left[-80:]) if t not in _QUOTES]
    after = [t for t in _TOKEN.findall(right[:80]) if t not in _QUOTES]
    return context, fold(before[-1]) if before else "", fold(after[0]) if after else ""


def locate(form: str, context: str) -> tuple[str, str, str]:
    """`around` for a name found inside a context quote (a listed entity's `context`);
    without neighbours when the quote does not contain it.

    >>> locate("cloud", "we moved our models to the cloud last year")[1:]
    ('the', 'last')
    """
    found = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", context, re.IGNORECASE)
    return around(context, found.start(), found.end()) if found else (context, "", "")


def parse(item, where: str) -> Heard:
    """A `heard:` item of the gazetteer YAML: a string, or {text, near, not_near, not_after, not_before}."""
    if isinstance(item, str) and item.strip():
        return Heard(item)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
        raise ConfigError(f"{where}: each `heard` item is a string or a mapping with `text` (got {item!r})")
    lists = {}
    for name in ("near", "not_near", "not_after", "not_before"):
        value = item.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: `heard` {name} must be a list of words (got {value!r})")
        # cues are matched as runs of words, neighbours as single tokens ("'s", "-")
        lists[name] = tuple(words(v) if name.endswith("near") else fold(v) for v in value)
    return Heard(item["text"], **lists)
