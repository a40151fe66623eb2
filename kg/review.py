"""What in a build most likely needs a human, each with the corrections-file line that fixes it
(see docs/corrections.md): names that may be one thing, types the evidence doubts, and names
the resolver kept out (from the build's report.json). Best first: by score, then name.

>>> import networkx as nx
>>> from kg.query import KnowledgeGraph
>>> g = nx.MultiDiGraph()
>>> g.add_node("o/lockheed", type="Organization", label="Lockheed", sources=["a.md", "b.md"], mentions=3)
>>> g.add_node("o/lockheed-martin", type="Organization", label="Lockheed Martin", sources=["a.md"], mentions=1)
>>> [(d["names"], d["fix"]) for d in review(KnowledgeGraph(g)).duplicates]
[(['Lockheed', 'Lockheed Martin'], 'merge: [[Lockheed, Lockheed Martin]]')]
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .gazetteer import TYPES
from .normalize import fold

FUZZY_CUTOFF = 85              # rapidfuzz ratio of two folded labels that may be one name spelt two ways
THINGS = {"Organization", "Place", "Model", "Work", "Concept", "Show"}
_PLAIN = re.compile(r"[^\W\d_][\w .'&+-]*[\w.]|[^\W\d_]")
_RESERVED = {"yes", "no", "y", "n", "true", "false", "on", "off", "null", "~"}
_DIGITS = re.compile(r"\d+")
_VERSION = re.compile(r"^[^\W\d_][\w.]*[- ]?\d[\w.]*$")
_URL = re.compile(r"://|^www\.|\.[a-z]{2,}/", re.I)        # not a bare domain: Booking.com is a company


@dataclass
class Review:
    """`duplicates`, `types` and `kept_out`: lists of dicts with `score`, the names, the evidence and the `fix`."""

    duplicates: list[dict] = field(default_factory=list)
    types: list[dict] = field(default_factory=list)
    kept_out: list[dict] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)     # each list's length before the limit

    def to_dict(self) -> dict:
        return {"duplicates": self.duplicates, "types": self.types, "kept_out": self.kept_out, "totals": self.totals}


def review(g, report: dict | None = None, limit: int | None = 20) -> Review:
    """What `g` (a KnowledgeGraph; its build folder's report.json unless `report` is given) most
    likely has wrong, at most `limit` of each kind (None: all)."""
    if report is None:
        report = _report(g.source)
    graph = g.to_networkx(evidence=False)
    nodes = {n: d for n, d in graph.nodes(data=True) if d.get("type") != "Episode"}
    split = [c for c in report.get("corrections", []) if isinstance(c, dict) and c.get("kind") == "split"]
    found = Review(duplicates(graph, nodes, split), doubtful_types(nodes, report.get("type_votes", [])),
                   kept_out(report.get("kept_out", []), nodes))
    for name in ("duplicates", "types", "kept_out"):
        items = sorted(getattr(found, name), key=lambda d: (-d["score"], [fold(n) for n in d["names"]], d["names"]))
        found.totals[name] = len(items)
        setattr(found, name, items[:limit] if limit else items)
    return found


def duplicates(graph, nodes: dict[str, dict], split: list[dict] = ()) -> list[dict]:
    """Pairs of entities of compatible types whose labels are one word-prefix or suffix of the other
    ('Lockheed', 'Lockheed Martin') or spelt nearly alike (rapidfuzz ratio >= FUZZY_CUTOFF), except
    the two sides of a `split` correction (the report's corrections)."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for n, d in nodes.items():
        by_label[fold(d.get("label", ""))].append(n)
    pairs: dict[tuple[str, str], str] = {}
    for n, d in nodes.items():
        words = fold(d.get("label", "")).split()
        for k in range(1, len(words)):
            for part, how in ((" ".join(words[:k]), "word prefix"), (" ".join(words[k:]), "word suffix")):
                for other in by_label.get(part, ()):
                    if other != n and len(part) >= 3:
                        pairs.setdefault(tuple(sorted((n, other))), how)
    for a, b, ratio in _near(list(by_label)):
        for pair in ((x, y) for x in by_label[a] for y in by_label[b]):
            pairs.setdefault(tuple(sorted(pair)), f"spelling {ratio:.0f}%")
    apart = [set(c["entities"]) for c in split if isinstance(c.get("entities"), list)]
    out = []
    for (a, b), how in pairs.items():
        item = None if any(a in s and b in s for s in apart) else _pair(graph, nodes, a, b, how)
        if item is not None:
            out.append(item)
    return out


def _near(labels: list[str]) -> list[tuple[str, str, float]]:
    """Folded labels spelt nearly alike, compared within blocks that share their first or last
    three letters (a misspelling rarely changes both ends), so an archive's labels are not all
    compared with all."""
    from rapidfuzz import fuzz, process

    blocks: dict[str, list[str]] = defaultdict(list)
    for label in labels:
        if len(label) >= 4:
            blocks["<" + label[:3]].append(label)
            blocks[">" + label[-3:]].append(label)
    found: dict[tuple[str, str], float] = {}
    for block in blocks.values():
        if len(block) < 2:
            continue
        scores = process.cdist(block, block, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, workers=1)
        for i, j in zip(*scores.nonzero()):
            if i < j and _DIGITS.findall(block[i]) == _DIGITS.findall(block[j]):    # GPT-4 and GPT-5 are two
                found[tuple(sorted((block[i], block[j])))] = float(scores[i, j])
    return [(a, b, r) for (a, b), r in sorted(found.items())]


def _pair(graph, nodes: dict[str, dict], a: str, b: str, how: str) -> dict | None:
    da, db = nodes[a], nodes[b]
    types = {da["type"], db["type"]}
    fit = 1.0 if len(types) == 1 else 0.9 if types <= THINGS else 0.8 if types == {"Person", "Organization"} else 0
    if not fit or (da.get("key") and db.get("key")):      # two gazetteer entries are two things by design
        return None
    files = set(da.get("sources", ())) & set(db.get("sources", ()))
    episodes = _episodes(graph, a) & _episodes(graph, b)
    base = 0.75 if how.startswith("word") else float(how.split()[1].rstrip("%")) / 100
    score = round(fit * min(1.0, base + (0.1 if files else 0) + (0.05 if len(episodes) > 1 else 0)), 3)
    people = types == {"Person"}          # a person's full name is the label, however often the first is said
    first, second = sorted((a, b), key=lambda n: (not nodes[n].get("key"), -len(nodes[n]["label"].split()) * people,
                                                  -nodes[n].get("mentions", 0), -len(nodes[n]["label"]),
                                                  nodes[n]["label"]))
    names = [nodes[first]["label"], nodes[second]["label"]]
    return {"score": score, "names": names, "ids": [first, second],
            "types": [nodes[first]["type"], nodes[second]["type"]],
            "evidence": {"match": how, "shared_files": len(files), "shared_episodes": len(episodes),
                         "mentions": [nodes[first].get("mentions", 0), nodes[second].get("mentions", 0)]},
            "fix": f"merge: [[{_yaml(names[0])}, {_yaml(names[1])}]]"}


def _episodes(graph, node: str) -> set[str]:
    return {u for u, _, k in graph.in_edges(node, keys=True) if k == "mentions"}


def doubtful_types(nodes: dict[str, dict], votes: list[dict]) -> list[dict]:
    """Entities whose mentions disagreed on the type (from the report's `type_votes`), and entities
    whose name does not look like their type: a web address, digits in a person's or place's
    name, an acronym as a person, a single lowercase word as a person, place or organisation."""
    out: dict[str, dict] = {}
    for v in votes:
        ok = isinstance(v, dict) and v.get("id") in nodes and isinstance(v.get("votes"), dict)
        others = [t for t in v["votes"] if t in TYPES and t != nodes[v["id"]]["type"]] if ok else []
        if others and isinstance(v.get("share"), (int, float)):
            d = nodes[v["id"]]
            out[v["id"]] = {"score": round(1.3 - v["share"], 3), "names": [d["label"]], "ids": [v["id"]],
                            "type": d["type"],
                            "evidence": "type votes " + ", ".join(f"{t} {w:g}" for t, w in v["votes"].items()
                                                                  if isinstance(w, (int, float))),
                            "fix": f"type: {{{_yaml(d['label'])}: {others[0]}}}"}
    for n, d in nodes.items():
        found = None if d.get("key") else _form(d["label"], d["type"])
        if found and found[0] > out.get(n, {}).get("score", 0):
            out[n] = {"score": found[0], "names": [d["label"]], "ids": [n], "type": d["type"], "evidence": found[1],
                      "fix": found[2]}
    return list(out.values())


def _form(label: str, type_: str) -> tuple[float, str, str] | None:
    """(score, why, fix) when a name's form contradicts its type."""
    name = _yaml(label)
    if _URL.search(label) and " " not in label:
        return 0.9, "looks like a web address", f"ignore: [{name}]"
    if type_ in ("Person", "Place") and any(c.isdigit() for c in label):
        if _VERSION.match(label):
            return 0.8, f"a {type_} with digits in its name", f"type: {{{name}: Model}}"
        return 0.8, f"a {type_} with digits in its name", f"ignore: [{name}]"
    if type_ == "Person" and label.isupper() and " " not in label and len(label) <= 5:
        return 0.7, "an acronym as a Person", f"type: {{{name}: Organization}}"
    if type_ in ("Person", "Place", "Organization") and label.islower() and " " not in label:
        return 0.6, f"a single lowercase word as a {type_}", f"ignore: [{name}]"
    return None


WEAK_REASONS = {"unknown acronym": 0.6, "lowercase, unknown": 0.6}    # mostly not names: ranked lower


def kept_out(rows: list[dict], nodes: dict[str, dict] | None = None) -> list[dict]:
    """The names the build kept out as weakly supported (the report's `kept_out`), with the reason,
    ranked by how often and in how many files they were said. The fix adds the name, or, for one
    word that is the first or last name of the one person of `nodes` named in the same file, merges
    it into that person ("Hinton" in a file naming Geoffrey Hinton)."""
    people: dict[str, list[dict]] = defaultdict(list)
    for d in (nodes or {}).values():
        words = fold(d.get("label", "")).split()
        if d.get("type") == "Person" and len(words) > 1:
            for word in {words[0], words[-1]}:
                people[word].append(d)
    out = []
    for r in rows:
        if not (isinstance(r, dict) and isinstance(r.get("name"), str) and r.get("type") in TYPES
                and all(isinstance(r.get(k, 0), int) for k in ("mentions", "files"))):
            continue
        mentions, files, name = r.get("mentions", 0), r.get("files", 0), r["name"]
        said = mentions + 2 * max(files - 1, 0)
        score = (1 - 1 / (1 + said / 4)) * WEAK_REASONS.get(r.get("reason"), 1.0)
        whose = [d for d in people.get(fold(name), ()) if r.get("file") in d.get("sources", ())]
        fix = (f"merge: [[{_yaml(whose[0]['label'])}, {_yaml(name)}]]" if len(whose) == 1
               else f"add: [{{name: {_yaml(name)}, type: {r['type']}}}]")
        out.append({"score": round(score + (0.2 if len(whose) == 1 else 0), 3), "names": [name], "type": r["type"],
                    "reason": r.get("reason", ""), "mentions": mentions, "files": files,
                    **({"quote": r["quote"]} if r.get("quote") else {}), "fix": fix})
    return out


def _yaml(name: str) -> str:
    """A name as a YAML flow scalar: plain when that reads back as the same text, else double-quoted.

    >>> _yaml("Lockheed Martin"), _yaml("yes"), _yaml("Ada: the sequel"), _yaml("#1")
    ('Lockheed Martin', '"yes"', '"Ada: the sequel"', '"#1"')
    """
    plain = _PLAIN.fullmatch(name) and name.lower() not in _RESERVED and "  " not in name
    return name if plain else json.dumps(name, ensure_ascii=False)


def _report(source: Path | None) -> dict:
    """The build's report.json beside the graph ({} when the graph was given as a bare .ttl)."""
    if source is None:
        return {}
    try:
        data = json.loads((Path(source).parent / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
