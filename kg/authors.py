"""Who wrote which notable model (the gazetteer's generated `epoch-authors.yaml`): an episode's
guest makes the models they wrote likely names of the episode (kg.asr), as the guest's own name is.

Authors are written as the database has them: full names ("Tuomas Sandholm") and initialled
ones ("T Sandholm", "A. Karpathy"). A person's full name finds both, but an initial only when no
author of that initial and surname has another given name ("W Li" is not Wei Li when a Wen Li
wrote models too).

>>> a = Authors({"Ada Quill": ["ork-2"], "A. Quill": ["ork-3"], "B Stern": ["ork-2"], "Bo Stern": ["ork-4"],
...              "Bea Stern": ["ork-5"]})
>>> a.models_of("Ada Quill"), a.models_of("ada quill"), a.models_of("Bo Stern"), a.models_of("Quill")
(['ork-2', 'ork-3'], ['ork-2', 'ork-3'], ['ork-4'], [])
"""
from __future__ import annotations

from collections import defaultdict

from .normalize import fold


def _words(name: str) -> list[str]:
    return fold(name).replace(".", " ").replace("-", " ").split()


class Authors:
    """Author name -> model keys, by full name and by (initial, surname)."""

    def __init__(self, raw: dict[str, list[str]] | None = None) -> None:
        self._full: dict[str, set[str]] = defaultdict(set)
        self._initialled: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._given: dict[tuple[str, str], set[str]] = defaultdict(set)     # given names behind an initial
        for name, keys in (raw or {}).items():
            words = _words(name)
            if len(words) < 2:
                continue
            initial = (words[0][0], words[-1])
            if len(words[0]) == 1:
                self._initialled[initial].update(keys)
            else:
                self._full[" ".join(words)].update(keys)
                self._given[initial].add(words[0])

    def models_of(self, person: str) -> list[str]:
        """Keys of the models `person` (a full name) wrote, sorted."""
        words = _words(person)
        if len(words) < 2 or len(words[0]) < 2:
            return []
        keys = set(self._full.get(" ".join(words), ()))
        initial = (words[0][0], words[-1])
        if self._given.get(initial, {words[0]}) <= {words[0]}:
            keys |= self._initialled.get(initial, set())
        return sorted(keys)
