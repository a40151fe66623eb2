"""Obsidian wikilinks: `[[Note]]`, `[[Folder/Note|shown]]`, `[[Note#Heading]]`,
`[[Note^block]]` name the note `Note`; an embed (`![[diagram.png]]`) names nothing.

>>> [parse(m) for m in PATTERN.finditer("[[People/Sam Altman|Sam]] and ![[diagram.png]] and [[Note#Part]]")]
[Link(target='Sam Altman', shown='Sam'), None, Link(target='Note', shown='Note')]
"""
from __future__ import annotations

import re
from typing import NamedTuple

MAX_LINK_CHARS = 300
PATTERN = re.compile(r"(!?)\[\[([^\[\]\n]{1,%d})\]\]" % MAX_LINK_CHARS)


class Link(NamedTuple):
    target: str         # the note's name: no folder, heading, block or extension
    shown: str          # what the reader sees in place of the link


def parse(match: re.Match) -> Link | None:
    """The link a `PATTERN` match makes, or None for an embed or an empty target."""
    if match.group(1):
        return None
    inner = match.group(2)
    target, bar, shown = inner.partition("|")
    target = re.split(r"[#^]", target, maxsplit=1)[0].replace("\\", "/").rsplit("/", 1)[-1].strip()
    if target.lower().endswith(".md"):
        target = target[:-3].strip()
    shown = shown.strip() if bar else ""
    if not target:
        return Link("", shown) if shown else None
    return Link(target, shown or target)


def names(value: str) -> list[str]:
    """The note names a front-matter string links to (shown text when the target is empty)."""
    return [link.target or link.shown for m in PATTERN.finditer(value) if (link := parse(m))]
