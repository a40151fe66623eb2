"""Names the gazetteer or an entity note knows: the cluster key a name stands for, and the
rule that says why (an alias, a note's alias, the name plus an organisation suffix, a fuzzy
match of a gazetteer name). A function of the name and the settings alone, remembered.

>>> from kg.gazetteer import Gazetteer
>>> gaz = Gazetteer.from_entries([{"key": "anthropic", "label": "Anthropic", "type": "Organization"},
...     {"key": "ada-byron", "label": "Ada Byron", "type": "Person"}])
>>> k = KnownNames(gaz)
>>> k.key("Anthropic"), k.key("Enthropic"), k.key("Anthropic", "guest"), k.first_names
(('anthropic', 'alias'), ('anthropic', 'fuzzy'), None, {'ada': 'ada-byron'})
"""
from __future__ import annotations

from collections.abc import Sequence

from .clusters import local_key
from .gazetteer import Entry, Gazetteer, fold
from .match import NameIndex
from .model import EntityNote

PERSON_ROLES = ("host", "guest", "speaker", "people", "alias")     # fields that name a person


class KnownNames:
    def __init__(self, gazetteer: Gazetteer, notes: Sequence[EntityNote] = ()):
        self.gaz = gazetteer
        self.note_alias = {fold(a): n.name for n in notes for a in [n.name, *n.aliases]}
        self._memo: dict[tuple, tuple[str, str] | None] = {}
        self.first_names: dict[str, str | None] = {}       # a given name -> the one gazetteer person with it
        for e in gazetteer:      # generated authors match by full name only: no given name, no fuzzy match
            if e.type == "Person" and len(e.label.split()) >= 2 and not e.generated:
                first = fold(e.label.split()[0])
                self.first_names[first] = None if first in self.first_names else e.key
        self.index = NameIndex([(s, e.key, e.type) for e in gazetteer if not e.generated
                                for s, exact in gazetteer.surfaces(e) if not exact])

    def key(self, name: str, field_: str | None = None) -> tuple[str, str] | None:
        """(cluster key, rule) for a name known to the gazetteer or an entity note, else None."""
        if (name, field_) not in self._memo:
            self._memo[name, field_] = self._key(name, field_)
        return self._memo[name, field_]

    def _key(self, name: str, field_: str | None) -> tuple[str, str] | None:
        entry = self._lookup(name, field_)
        if entry is not None:
            return entry.key, "alias"
        if fold(name) in self.note_alias:
            target = self.note_alias[fold(name)]
            entry = self.gaz.lookup(target)
            return (entry.key if entry else local_key(target)), "entity note alias"
        single = len(name.split()) == 1 and name[:1].isupper()
        if single and field_ not in ("show", *PERSON_ROLES):
            for suffix in (" AI", " Labs", " Lab", " Research"):
                entry = self.gaz.lookup(name + suffix)     # not a generated lab: "Yahoo" is not Yahoo Research
                if entry is not None and entry.type == "Organization" and not entry.generated:
                    return entry.key, "name + organisation suffix"
        if name[:1].isupper() or field_ in ("show", *PERSON_ROLES):
            want = "Show" if field_ == "show" else "Person" if field_ in PERSON_ROLES else None
            hit = self.index.best(name, want)
            if hit:
                return hit[1], "fuzzy"
        return None

    def _lookup(self, surface: str, field_: str | None) -> Entry | None:
        if field_ == "show":
            for variant in (surface, f"{surface} Podcast", f"The {surface}", f"The {surface} Podcast"):
                entry = self.gaz.lookup(variant)
                if entry and entry.type == "Show":
                    return entry
            return None
        entry = self.gaz.lookup(surface)
        if entry and field_ in PERSON_ROLES and entry.type != "Person":
            return None
        if entry is None and field_ in ("title topic", "term"):      # "Singularity": the idea "the singularity"
            entry = self.gaz.lookup("the " + surface)
            return entry if entry is not None and entry.type == "Concept" else None
        return entry
