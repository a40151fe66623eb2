"""Notes kg generated into a vault (`kg vault`) read back as a corpus: never an episode, never
evidence. A generated note is known by its `kg_id` front-matter key; kg's own body, aliases and
type are its past output and are dropped, so a later build never locks in its own past merges.
Only what the user added counts, as in any entity note: an alias not in `kg_aliases`, or a
`type` other than `kg_type`.

>>> front = {"aliases": ["RL", "reinforcement learnin"], "type": "Concept", "kg_id": "https://e.org/c/rl",
...          "kg_type": "Concept", "kg_label": "reinforcement learning", "kg_aliases": ["RL"]}
>>> user_note(front, "kg/reinforcement learning.md")
EntityNote(name='reinforcement learning', aliases=['reinforcement learnin'], source='kg/reinforcement learning.md', type='Concept')
>>> user_note({**front, "aliases": ["RL"]}, "kg/reinforcement learning.md") is None
True
"""
from __future__ import annotations

from pathlib import PurePosixPath

from ..model import EntityNote
from .frontmatter import names
from .metadata import read_fields


def is_generated(front: dict) -> bool:
    """Whether front matter is that of a note `kg vault` wrote."""
    return isinstance(front.get("kg_id"), str) and "kg_type" in front


def user_note(front: dict, file: str) -> EntityNote | None:
    """The entity note made of what the user added to a generated note, or None when nothing."""
    mine = set(names(front.get("kg_aliases") or [], split=False))
    aliases = [a for a in names(front.get("aliases") or front.get("alias") or [], split=False) if a not in mine]
    kg_type = front.get("kg_type")
    typed = read_fields({"type": front.get("type")}).entity_type if front.get("type") != kg_type else None
    kind = typed or (kg_type if isinstance(kg_type, str) and kg_type != "Episode" else None)
    if not (aliases or typed) or kind is None:
        return None
    label = front.get("kg_label")
    name = label if isinstance(label, str) and label.strip() else PurePosixPath(file).stem
    return EntityNote(name, aliases, file, kind)
