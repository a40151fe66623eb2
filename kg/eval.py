"""Evaluate a build against hand-written gold annotations.

Per document: the typed entities linked to its episode (mentions, features,
hosted_by, part_of) against the gold list. A predicted entity matches a gold
entry when the types agree and its label or one of its aliases equals the gold
label or one of the gold surfaces (case- and accent-insensitive). Gold entries
marked `optional` count neither way. Also reported: duplicate groups (one gold
entity split over several nodes), junk nodes, unresolved names (a gold entity matched
only through one of its gold surfaces, never under its own label: a misheard name left
as it was, or a less specific one such as "Opus") and the episode's own fields.

>>> sorted(_names({"label": "OpenAI", "aliases": ["Open AI"]}))
['open ai', 'openai']
>>> read_gold(Path(__file__).parents[1] / "tests" / "gold" / "seeds.yaml")[0]["file"]
'000_f6e67b642e5fbc19.txt'

A gold file that is not YAML, or not of this shape, is an InputError naming the file (and the
line when YAML knows it):

    version: 1
    documents:
      - file: ep1.md                   # a file of the corpus (or its path's end)
        episode: {show: ..., date: ..., hosts: [...], guests: [...], url: ..., title: ...}
        entities:
          - {label: OpenAI, type: Organization, surface: ["Open AI"], optional: false}
"""
from __future__ import annotations

import reprlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError
from .gazetteer import fold
from .model import ENTITY_TYPES
from .normalize import had_prefix, is_noise
from .query import KnowledgeGraph

LINKS = ("mentions", "features", "hosted_by", "part_of")


@dataclass
class DocScore:
    file: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    duplicates: list[list[str]] = field(default_factory=list)
    junk: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    episode: dict = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _names(d: dict) -> set[str]:
    return {fold(n) for n in [d.get("label", ""), *d.get("aliases", ())] if n}


def read_gold(path: str | Path) -> list[dict]:
    """The documents of a gold file, checked (InputError naming the file, line and what is wrong)."""
    hint = "gold annotations are YAML with a 'documents' list, like tests/gold/seeds.yaml"
    try:
        gold = yaml.safe_load(Path(path).read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text", hint=hint) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(str(path), f"not YAML: {getattr(err, 'problem', None) or err}",
                         line=mark.line + 1 if mark else None, hint=hint) from None
    documents = gold.get("documents") if isinstance(gold, dict) else None
    if not isinstance(documents, list):
        raise InputError(str(path), "not a gold file: no 'documents' list", hint=hint)
    for n, doc in enumerate(documents, 1):
        problem = _gold_problem(doc)
        if problem:
            raise InputError(str(path), f"document {n}: {problem}", hint=hint)
    return documents


def _gold_problem(doc) -> str | None:
    if not isinstance(doc, dict) or not isinstance(doc.get("file"), str):
        return "needs 'file', the name of a corpus file"
    if doc.get("episode") is not None and not isinstance(doc["episode"], dict):
        return f"{doc['file']}: 'episode' must be a mapping (show, date, hosts, guests, url, title)"
    entities = doc.get("entities") or []
    if not isinstance(entities, list):
        return f"{doc['file']}: 'entities' must be a list"
    for e in entities:
        if not isinstance(e, dict) or not isinstance(e.get("label"), str) or e.get("type") not in ENTITY_TYPES:
            return f"{doc['file']}: entity {reprlib.repr(e)} needs a 'label' and a 'type' ({', '.join(ENTITY_TYPES)})"
        surface = e.get("surface", [])
        if not isinstance(surface, list) or not all(isinstance(x, str) for x in surface):
            return f"{doc['file']}: entity {e['label']!r}: 'surface' must be a list of names"
    return None


def evaluate(g: KnowledgeGraph, gold_path: str | Path) -> dict:
    """Scores per document and overall (micro-averaged)."""
    scores = [_score_document(g, doc) for doc in read_gold(gold_path) if doc.get("episode")]
    total = DocScore("all", sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores))
    return {
        "documents": [_as_dict(s) for s in scores],
        "overall": {"precision": round(total.precision, 4), "recall": round(total.recall, 4),
                    "f1": round(total.f1, 4), "tp": total.tp, "fp": total.fp, "fn": total.fn,
                    "duplicate_groups": sum(len(s.duplicates) for s in scores),
                    "junk_nodes": sum(len(s.junk) for s in scores),
                    "unresolved": sum(len(s.unresolved) for s in scores)},
    }


def _as_dict(s: DocScore) -> dict:
    return {"file": s.file, "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
            "tp": s.tp, "fp": s.fp, "fn": s.fn, "missed": s.missed, "wrong": s.wrong,
            "duplicates": s.duplicates, "junk": s.junk, "unresolved": s.unresolved, "episode": s.episode}


def _episode_node(g: KnowledgeGraph, file: str) -> str | None:
    for node, d in g.graph.nodes(data=True):
        if d.get("type") == "Episode" and not d.get("stub") and any(
                src == file or src.endswith("/" + file) for src in d.get("sources", ())):
            return node
    return None


def _score_document(g: KnowledgeGraph, doc: dict) -> DocScore:
    score = DocScore(doc["file"])
    episode = _episode_node(g, doc["file"])
    if episode is None:
        score.fn = sum(1 for e in doc.get("entities", []) if not e.get("optional"))
        score.missed = [e["label"] for e in doc.get("entities", []) if not e.get("optional")]
        return score
    predicted = {v: g.graph.nodes[v] for _, v, k in g.graph.out_edges(episode, keys=True) if k in LINKS}
    gold = doc.get("entities", [])
    gold_names = [({fold(gd["label"])} | {fold(s) for s in gd.get("surface", [])}) for gd in gold]
    matched_pred: dict[str, int] = {}
    for i, gd in enumerate(gold):
        hits = [v for v, d in predicted.items() if d["type"] == gd["type"] and _names(d) & gold_names[i]]
        if not hits and not gd.get("optional"):
            score.fn += 1
            score.missed.append(f"{gd['label']} ({gd['type']})")
        for v in hits:
            matched_pred.setdefault(v, i)
        if len(hits) > 1:
            score.duplicates.append(sorted(predicted[v]["label"] for v in hits))
        if hits and not gd.get("optional"):
            score.tp += 1
            if not any(fold(gd["label"]) in _names(predicted[v]) for v in hits):
                score.unresolved.append(f"{gd['label']} ({gd['type']}) as " +
                                        ", ".join(sorted(predicted[v]["label"] for v in hits)))
    for v, d in sorted(predicted.items(), key=lambda kv: kv[1]["label"]):
        if v in matched_pred:
            continue
        score.fp += 1
        score.wrong.append(f"{d['label']} ({d['type']})")
        if is_noise(d["label"]) or had_prefix(d["label"]):
            score.junk.append(d["label"])
    score.episode = _episode_fields(g, episode, doc["episode"])
    return score


def _episode_fields(g: KnowledgeGraph, episode: str, want: dict) -> dict:
    d = g.graph.nodes[episode]
    got = {"title": d.get("label"), "date": d.get("date"), "url": d.get("url"),
           "show": [], "hosts": [], "guests": []}
    for _, v, k in g.graph.out_edges(episode, keys=True):
        name = {"part_of": "show", "hosted_by": "hosts", "features": "guests"}.get(k)
        if name:
            got[name].append(g.graph.nodes[v])
    result = {}
    for key in ("show", "hosts", "guests"):
        expected = want.get(key) or []
        expected = [expected] if isinstance(expected, str) else expected
        have = got[key]
        ok = len(have) == len(expected) and all(any(fold(x) in _names(h) for h in have) for x in expected)
        result[key] = {"ok": ok, "expected": expected, "got": sorted(h["label"] for h in have)}
    for key in ("date", "url"):
        expected = str(want[key]) if want.get(key) else None
        result[key] = {"ok": expected is None or expected == got[key], "expected": expected, "got": got[key]}
    if want.get("title"):
        result["title"] = {"ok": fold(want["title"]) == fold(got["title"] or ""), "expected": want["title"],
                           "got": got["title"]}
    return result


def format_table(result: dict) -> str:
    lines = [f"{'document':40} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'dup':>4} {'junk':>4} "
             f"{'unres':>5}"]
    overall = result["overall"]
    for d in result["documents"] + [dict(overall, file="ALL (micro)", duplicates=[None] * overall["duplicate_groups"],
                                         junk=[None] * overall["junk_nodes"],
                                         unresolved=[None] * overall["unresolved"])]:
        lines.append(f"{d['file'][:40]:40} {d['precision']:6.3f} {d['recall']:6.3f} {d['f1']:6.3f} {d['tp']:4} "
                     f"{d['fp']:4} {d['fn']:4} {len(d['duplicates']):4} {len(d['junk']):4} {len(d['unresolved']):5}")
    for d in result["documents"]:
        bad = [k for k, v in d["episode"].items() if not v["ok"]]
        if bad:
            lines.append(f"  {d['file']}: episode fields wrong: " + "; ".join(
                f"{k} expected {d['episode'][k]['expected']!r} got {d['episode'][k]['got']!r}" for k in bad))
    return "\n".join(lines)
