"""Vet entity notes before they extend the alias table: a note may name its own entity,
not rename another one.

An alias that names a curated gazetteer entry other than the note's own entity, or the
name of another note of a different type, is not applied; a note with `MAX_CONFLICTS` or
more such aliases is ignored as a whole. Each case is a warning on the note's file. (To
override the gazetteer on purpose, edit the gazetteer, not a note.)

>>> from kg.gazetteer import Gazetteer
>>> gaz = Gazetteer.from_entries([{"key": "claude", "label": "Claude", "type": "Model"}])
>>> kept, problems = vet([EntityNote("Claude Shannon", ["Claude", "Shannon"], "Claude Shannon.md", "Person")], gaz)
>>> kept[0].aliases, problems[0].reason.split(";")[0]
(['Shannon'], "alias 'Claude' names Claude (Model) in the gazetteer")
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .gazetteer import Gazetteer, fold
from .model import EntityNote, Problem

MAX_CONFLICTS = 3


def vet(notes: Sequence[EntityNote], gaz: Gazetteer) -> tuple[list[EntityNote], list[Problem]]:
    """The notes with their conflicting aliases removed (or dropped whole), and why."""
    typed = {fold(n.name): n for n in notes}
    kept: list[EntityNote] = []
    problems: list[Problem] = []
    for note in notes:
        own = gaz.lookup(note.name)
        conflicts: list[tuple[str, str]] = []
        aliases: list[str] = []
        for alias in note.aliases:
            why = _conflict(note, own, alias, gaz, typed)
            if why:
                conflicts.append((alias, why))
            else:
                aliases.append(alias)
        if len(conflicts) >= MAX_CONFLICTS:
            problems.append(Problem(note.source, f"entity note ignored: {len(conflicts)} of its aliases name other "
                                                 f"entities ({', '.join(repr(a) for a, _ in conflicts[:5])}) "
                                                 "(keep only the note's own names in 'aliases')"))
            continue
        problems.extend(Problem(note.source, f"alias {alias!r} names {why}; not applied "
                                             "(remove it from 'aliases', or fix the gazetteer)")
                        for alias, why in conflicts)
        kept.append(replace(note, aliases=aliases) if conflicts else note)
    return kept, problems


def _conflict(note: EntityNote, own, alias: str, gaz: Gazetteer, typed: dict[str, EntityNote]) -> str | None:
    entry = gaz.lookup(alias)
    if entry is not None and (own is None or entry.key != own.key):
        return f"{entry.label} ({entry.type}) in the gazetteer"
    other = typed.get(fold(alias))
    if other is not None and other is not note and (other.type or "Person") != (note.type or "Person"):
        return f"the entity note {other.source} ({other.type or 'Person'})"
    return None
