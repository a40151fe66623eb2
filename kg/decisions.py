"""What the resolver decided for one document: a function of that document, its mentions and
the settings (gazetteer, entity notes, kg's code), never of another document. A build keeps
it in the cache (`kg.cache.DecisionCache`), so adding one episode to an archive decides only
that episode's mentions again; every other document's decisions are replayed in order.

>>> d = Decisions(["Ada"], [("k", "name", "Ada"), None], {1: Mention("d", "X", "", "ner")}, {"noise": 1}, True,
...               {0: ["Person"]}, {0: (2, 0)})
>>> Decisions.from_payload(d.payload()) == d
True
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .model import Mention


@dataclass
class Decisions:
    """`labels`: the document's speaker labels (each a Person mention after its mentions);
    `found`: per mention (then per label), (cluster key, rule, surface) or None when rejected;
    `meant`: mentions the resolver read otherwise where they stand (by index); `rejected`:
    reasons counted; `edited`: not raw speech recognition; `cues` and `case`: the type evidence
    (kg.evidence.observe) of mentions of names the gazetteer does not know, by index."""

    labels: list[str]
    found: list[tuple[str, str, str] | None]
    meant: dict[int, Mention] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)
    edited: bool = True
    cues: dict[int, list[str]] = field(default_factory=dict)
    case: dict[int, tuple[int, int]] = field(default_factory=dict)

    def payload(self) -> dict:
        """JSON-ready form (keys of index maps as strings)."""
        return {"labels": self.labels, "found": [list(f) if f else None for f in self.found],
                "meant": {str(i): asdict(m) for i, m in self.meant.items()}, "rejected": self.rejected,
                "edited": self.edited, "cues": {str(i): c for i, c in self.cues.items()},
                "case": {str(i): list(c) for i, c in self.case.items()}}

    @classmethod
    def from_payload(cls, p: dict) -> Decisions:
        return cls(list(p["labels"]), [tuple(f) if f else None for f in p["found"]],
                   {int(i): Mention(**m) for i, m in p["meant"].items()}, dict(p["rejected"]), bool(p["edited"]),
                   {int(i): list(c) for i, c in p["cues"].items()},
                   {int(i): (c[0], c[1]) for i, c in p["case"].items()})
