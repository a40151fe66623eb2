"""The deterministic build report (`report.json`): what was read, built and rejected, what each
correction did, and for `kg review` the names kept out and the entities whose type was split.
Byte-identical for the same input and settings.

>>> import networkx as nx
>>> from kg.model import Corpus
>>> from kg.resolve import Resolution
>>> g = nx.MultiDiGraph(); g.add_node("e", type="Episode")
>>> make_report(Corpus(), g, Resolution([], {}, {}, {}))["counts"]["entities"]
{'Episode': 1}
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from .model import Corpus
from .resolve import Resolution

REPORT_VERSION = 1


def make_report(c: Corpus, g: nx.MultiDiGraph, r: Resolution) -> dict:
    """The deterministic build report: what was read, built and rejected, what each correction
    did, and for `kg review` the names kept out and the entities whose type was split."""
    types = Counter(d["type"] for _, d in g.nodes(data=True))
    relations = Counter(k for _, _, k in g.edges(keys=True))
    report = {
        "version": REPORT_VERSION,
        "files": c.files,
        "documents": len(c.documents),
        "episodes": types.get("Episode", 0),
        "entity_notes": len(c.notes),
        "skipped": [p.to_dict() for p in c.skipped],
        "warnings": [p.to_dict("message") for p in c.warnings],
        "counts": {"entities": dict(sorted(types.items())), "relations": dict(sorted(relations.items())),
                   "mentions_rejected": dict(sorted(r.rejected.items()))},
        "documents_read": [{"file": d.source, "id": d.id, "format": d.format, "title": d.title,
                            "turns": len(d.turns), "words": len(d.text.split()), "notes": d.notes}
                           for d in c.documents],
    }
    if c.not_transcripts:                   # a package.json, a data table: counted, not a problem
        report["not_transcripts"] = sorted(c.not_transcripts)
    report.update({k: v for k, v in r.report.items() if v or k != "corrections"})     # corrections: when any
    return report
