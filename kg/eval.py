"""Score a build against gold annotations (`kg.gold`), per document, per split and overall.

Every figure is a pair `[hits, total]`:

- `show`, `hosts`, `guests`, `date`, `url`, `title`: the episode's own fields as the gold states
  them (`absent` in the gold: the build must say nothing);
- `participants`: hosts and guests linked by name, over expected plus wrongly linked ones;
- `deep_links`: quotes with a second whose URL opens the episode's video at that second, the
  second inside the quote's turn (the turn is checked when the corpus folder is given);
- `speakers`: named speakers with at least one `discusses` edge from this episode;
- `central` / `central_any_type`: gold entities linked to the episode with the right type / any type;
- `central_known` / `central_other`: `central` apart for names the gazetteer or the file's own
  metadata (its name, the episode's title) knows, and for the rest;
- `merges`: name groups found on exactly one node (groups with no name found are not counted);
- `must_not`: names that are neither label nor alias of anything linked to the episode;
- `misheard`: misheard forms carried by the node they mean (and by no other node of the episode).

Version 1 documents list every entity, so they also get precision (`tp`, `fp`, `fn`). A gold document
that matches no episode is listed under `unmatched`, not scored.

>>> _video("https://www.youtube.com/watch?v=abcdefghijk&t=95s"), _video("https://youtu.be/abcdefghijk?t=1m5s")
(('abcdefghijk', 95), ('abcdefghijk', 65))
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .escape import youtube_id
from .gold import SPLITS, GoldDocument, read_gold
from .normalize import fold, had_prefix, is_noise
from .query import KnowledgeGraph

LINKS = ("mentions", "features", "hosted_by", "part_of")
METRICS = ("show", "hosts", "guests", "date", "url", "title", "participants", "deep_links", "speakers",
           "central", "central_any_type", "central_known", "central_other", "merges", "must_not", "misheard")
_ROLE = {"part_of": "show", "hosted_by": "hosts", "features": "guests"}
_T = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")


@lru_cache(maxsize=1)
def _gazetteer():
    from .gazetteer import load

    return load()


def _words(text: str) -> str:
    """Folded words joined by single spaces, with a space either side: whole-word containment."""
    return " " + " ".join(re.findall(r"\w+", fold(text))) + " "


def evaluate(g: KnowledgeGraph, gold: str | Path | list, *, corpus: str | Path | list | None = None) -> dict:
    """Scores per document, per split (`tune`, `held-back`) and overall; `gold` is one gold file or a list,
    `corpus` the folder(s) the gold names files in (for the turns of deep links)."""
    paths = [gold] if isinstance(gold, (str, Path)) else list(gold)
    docs = [d for p in paths for d in read_gold(p) if d.episode or not d.exhaustive]
    index = _Index(g)
    scored, unmatched, claimed = [], [], {}
    corpora = [] if corpus is None else [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
    for doc in docs:
        episode, problem = index.episode(doc.file)
        if episode in claimed:
            problem, episode = f"{doc.file} (the episode of {claimed[episode]} again: not scored twice)", None
        if episode is None:
            unmatched.append(problem)
            continue
        claimed[episode] = doc.file
        scored.append(_Scorer(g, index, doc, episode, corpora).result())
    by_gold = {}
    for name in dict.fromkeys(Path(d["gold"]).name for d in scored):
        mine = [d for d in scored if Path(d["gold"]).name == name]
        by_gold[name] = {s: totals([d for d in mine if d["split"] == s]) for s in SPLITS}
    return {"documents": scored, "unmatched": unmatched, "overall": totals(scored),
            "splits": {s: totals([d for d in scored if d["split"] == s]) for s in SPLITS}, "by_gold": by_gold}


def totals(documents: list[dict]) -> dict:
    """Sum of every document's figures, with precision, recall and F1 of exhaustive (version 1) documents."""
    sums = {m: [0, 0] for m in METRICS}
    counts = defaultdict(int)
    for d in documents:
        for m, (hit, total) in d["figures"].items():
            sums[m][0] += hit
            sums[m][1] += total
        if d["version"] == 1:                      # central-only gold (version 2) has no precision
            for key in ("tp", "fp", "fn"):
                counts[key] += d[key]
            for key in ("duplicates", "junk", "unresolved"):
                counts[key] += len(d[key])
    return dict(_prf(counts["tp"], counts["fp"], counts["fn"]), documents=len(documents),
                duplicate_groups=counts["duplicates"], junk_nodes=counts["junk"], unresolved=counts["unresolved"],
                figures=sums)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def names(d: dict) -> set[str]:
    """A node's label and aliases, folded (case- and accent-insensitive)."""
    return {fold(n) for n in [d.get("label", ""), *d.get("aliases", ())] if n}


class _Index:
    """What every document's scoring looks up: episodes by source file, speakers and quotes by episode."""

    def __init__(self, g: KnowledgeGraph):
        self.by_source: dict[str, str] = {}
        for node, d in sorted(g.graph.nodes(data=True)):
            if d.get("type") == "Episode" and not d.get("stub"):
                for src in d.get("sources", ()):
                    self.by_source.setdefault(src, node)
        self.discussers: dict[str, set[str]] = defaultdict(set)
        self.discussed: dict[str, list] = defaultdict(list)
        for u, _, k, data in g.graph.edges(keys=True, data=True):
            if k == "discusses":
                for ev in data.get("evidence", ()):
                    self.discussers[ev.episode].add(u)
                    self.discussed[ev.episode].append(ev)

    def episode(self, file: str) -> tuple[str | None, str | None]:
        """(the episode read from `file`, or None and why not): the source named exactly, or the one
        source whose path ends with it."""
        if file in self.by_source:
            return self.by_source[file], None
        ends = sorted({node for src, node in self.by_source.items() if src.endswith("/" + file)})
        if len(ends) > 1:
            return None, f"{file} (matches {len(ends)} episodes: give more of its path)"
        return (ends[0], None) if ends else (None, file)


class _Scorer:
    def __init__(self, g: KnowledgeGraph, index: _Index, doc: GoldDocument, episode: str, corpus):
        self.g, self.index, self.doc, self.episode, self.corpus = g.graph, index, doc, episode, corpus
        self.linked: dict[str, set[str]] = defaultdict(set)
        for _, v, k in self.g.out_edges(episode, keys=True):
            if k in LINKS:
                self.linked[v].add(k)
        self.nearby = set(self.linked) | index.discussers.get(episode, set())
        self.names = {v: names(self.g.nodes[v]) for v in self.nearby}       # folded once, asked many times
        self.said = _words(f"{doc.file} {self.g.nodes[episode].get('label', '')}")     # the file's own metadata
        self.out = {"file": doc.file, "split": doc.split, "version": doc.version, "gold": doc.gold_file,
                    "episode_label": self.g.nodes[episode].get("label"), "figures": {}}

    def result(self) -> dict:
        self._entities()
        self._fields()
        self._deep_links()
        self._speakers()
        self._merges()
        self._must_not()
        self._misheard()
        return self.out

    def _figure(self, name: str, hit: int, total: int) -> None:
        self.out["figures"][name] = [hit, total]

    def _holding(self, name: str, among=None) -> list[str]:
        key = fold(name)
        return sorted(v for v in (self.nearby if among is None else among) if key in self.names[v])

    def _entities(self) -> None:
        predicted = {v: self.g.nodes[v] for v in self.linked}
        out = {"tp": 0, "fp": 0, "fn": 0, "missed": [], "wrong_type": [], "wrong": [], "duplicates": [],
               "junk": [], "unresolved": []}
        matched, typed, any_type, total = set(), 0, 0, 0
        split = {True: [0, 0], False: [0, 0]}       # central recall of names known / not known beforehand
        for gd in self.doc.entities:
            keys = {fold(gd.label)} | {fold(s) for s in gd.surface}
            by_name = [v for v, d in predicted.items() if self.names[v] & keys]
            hits = [v for v in by_name if predicted[v]["type"] == gd.type]
            matched.update(by_name if not self.doc.exhaustive else hits)
            if len(hits) > 1:
                out["duplicates"].append(sorted(predicted[v]["label"] for v in hits))
            if gd.optional:
                continue
            total += 1
            typed += bool(hits)
            any_type += bool(by_name)
            known = split[self._known(gd)]
            known[0] += bool(hits)
            known[1] += 1
            if not hits:
                out["fn"] += 1
                out["missed"].append(f"{gd.label} ({gd.type})")
                if by_name:
                    out["wrong_type"].append(f"{gd.label} ({gd.type}) as " + ", ".join(
                        sorted(f"{predicted[v]['label']} ({predicted[v]['type']})" for v in by_name)))
                continue
            out["tp"] += 1
            if not any(fold(gd.label) in self.names[v] for v in hits):
                out["unresolved"].append(f"{gd.label} ({gd.type}) as " +
                                         ", ".join(sorted(predicted[v]["label"] for v in hits)))
        if self.doc.exhaustive:
            for v, d in sorted(predicted.items(), key=lambda kv: (kv[1]["label"], kv[0])):
                if v not in matched:
                    out["fp"] += 1
                    out["wrong"].append(f"{d['label']} ({d['type']})")
                    if is_noise(d["label"]) or had_prefix(d["label"]):
                        out["junk"].append(d["label"])
        self.out.update(out)
        self.out.update(_prf(out["tp"], out["fp"], out["fn"]) if self.doc.exhaustive else {})
        self._figure("central", typed, total)
        self._figure("central_any_type", any_type, total)
        self._figure("central_known", *split[True])
        self._figure("central_other", *split[False])

    def _known(self, gd) -> bool:
        """Whether the gazetteer (the shipped one) knows a gold entity, or the file's own metadata (its
        name, the episode's title) names it, as whole words: issue 15 asks recall apart for such
        names and the rest."""
        return any(_gazetteer().lookup(n) is not None or (words := _words(n)).strip() and words in self.said
                   for n in [gd.label, *gd.surface])

    def _fields(self) -> None:
        d = self.g.nodes[self.episode]
        got = {"title": d.get("label"), "date": d.get("date"), "url": d.get("url"), "show": [], "hosts": [],
               "guests": []}
        for v, keys in sorted(self.linked.items()):
            for k in sorted(keys & set(_ROLE)):
                got[_ROLE[k]].append(self.g.nodes[v])
        fields, found, expected_n, extra = {}, 0, 0, 0
        for key, want in self.doc.episode.items():
            if key in ("show", "hosts", "guests"):
                expected = want
                have = got[key]
                hit = [x for x in expected if any(fold(x) in names(h) for h in have)]
                wrong = [h for h in have if not names(h) & {fold(x) for x in expected}]
                ok = len(hit) == len(expected) and not wrong
                fields[key] = {"ok": ok, "expected": expected, "got": sorted(h["label"] for h in have)}
                if key != "show":
                    found, expected_n, extra = found + len(hit), expected_n + len(expected), extra + len(wrong)
            elif key == "title":
                if want is None:                 # every episode has some title: an absent one is not scored
                    continue
                ok = fold(want) == fold(got["title"] or "")
                fields[key] = {"ok": ok, "expected": want, "got": got["title"]}
            elif key == "url":
                ok = want == got[key] or _same_video(want, got[key])
                fields[key] = {"ok": ok, "expected": want, "got": got[key]}
            else:
                ok = want == got[key]
                fields[key] = {"ok": ok, "expected": want, "got": got[key]}
            self._figure(key, int(ok), 1)
        self.out["episode"] = fields
        if "hosts" in self.doc.episode or "guests" in self.doc.episode:
            self._figure("participants", found, expected_n + extra)

    def _deep_links(self) -> None:
        video = _video(self.doc.episode.get("url") or "")
        quotes = {}
        for v, keys in self.linked.items():
            if "mentions" in keys:
                for ev in self.g.edges[self.episode, v, "mentions"].get("evidence", ()):
                    quotes[(ev.source, ev.quote, ev.seconds, ev.url)] = ev
        for ev in self.index.discussed.get(self.episode, ()):
            quotes[(ev.source, ev.quote, ev.seconds, ev.url)] = ev
        timed = [ev for _, ev in sorted(quotes.items(), key=lambda kv: str(kv[0])) if ev.seconds is not None]
        spans = _turn_spans(self.corpus, self.doc.file) if video else None
        right, wrong = 0, []
        for ev in timed if video else ():
            problem = _deep_link_problem(ev, video, spans)
            if problem:
                wrong.append(f"{problem}: {ev.url or 'no URL'} @{ev.seconds:g}s")
            else:
                right += 1
        self.out["deep_links"] = {"quotes": len(quotes), "with_seconds": len(timed), "right": right,
                                  "turns_checked": spans is not None, "wrong": wrong[:5]}
        if video:
            self._figure("deep_links", right, len(timed))

    def _speakers(self) -> None:
        if self.doc.speakers is None:
            return
        discussing = self.index.discussers.get(self.episode, set())
        missing = [s for s in self.doc.speakers if not self._holding(s, discussing)]
        self.out["speakers"] = {"expected": self.doc.speakers, "missing": missing}
        self._figure("speakers", len(self.doc.speakers) - len(missing), len(self.doc.speakers))

    def _merges(self) -> None:
        """A group is tested when two of its names are found; it holds when they are on one node."""
        split, ok, tested = [], 0, 0
        for group in self.doc.merges:
            found = {name: self._holding(name) for name in group}
            found = {name: nodes for name, nodes in found.items() if nodes}
            if len(found) < 2:
                continue
            tested += 1
            nodes = sorted({v for vs in found.values() for v in vs})
            if len(nodes) == 1:
                ok += 1
            else:
                split.append(sorted(self.g.nodes[v]["label"] for v in nodes))
        self.out["merges"] = {"split": split, "not_tested": len(self.doc.merges) - tested}
        if self.doc.merges:
            self._figure("merges", ok, tested)

    def _must_not(self) -> None:
        present = [f"{n} (on {', '.join(self.g.nodes[v]['label'] for v in self._holding(n))})"
                   for n in self.doc.must_not if self._holding(n)]
        self.out["must_not"] = present
        if self.doc.must_not:
            self._figure("must_not", len(self.doc.must_not) - len(present), len(self.doc.must_not))

    def _misheard(self) -> None:
        """Resolved: the node meant is linked to the episode and holds the heard form (as a name, or in a
        quote of the episode's mentions of it), and no other node of the episode holds it as a name."""
        unresolved, resolved = [], 0
        for m in self.doc.misheard:
            meant = set(self._holding(m.means))
            named = set(self._holding(m.heard))
            quoted = self._quoted(m.heard)
            if meant and (named | quoted) & meant and named <= meant:
                resolved += 1
                continue
            where = sorted(named - meant) or sorted(quoted)
            unresolved.append(f"{m.heard} -> {m.means} (" + (
                ("on " if named - meant else "quoted on ") + ", ".join(self.g.nodes[v]["label"] for v in where)
                if where else "on no node of the episode") + ")")
        self.out["misheard"] = unresolved
        if self.doc.misheard:
            self._figure("misheard", resolved, len(self.doc.misheard))

    def _quoted(self, heard: str) -> set[str]:
        """Nodes the episode mentions with `heard` in one of the mention's quotes (whole words, folded)."""
        word = re.compile(r"(?<!\w)" + re.escape(fold(heard)) + r"(?!\w)")
        return {v for v, keys in self.linked.items() if "mentions" in keys and any(
            word.search(fold(ev.quote or "")) for ev in self.g.edges[self.episode, v, "mentions"].get("evidence", ()))}


def _video(url: str) -> tuple[str, int | None] | None:
    """(YouTube video id, start second or None) of a watch or youtu.be URL, else None."""
    vid = youtube_id(url)
    if vid is None:
        return None
    query = parse_qs(urlsplit(url).query)
    t = _T.match((query.get("t") or query.get("start") or [""])[0])
    seconds = None
    if t and any(t.groups()):
        h, m, s = (int(x or 0) for x in t.groups())
        seconds = h * 3600 + m * 60 + s
    return vid, seconds


def _same_video(a: str | None, b: str | None) -> bool:
    va, vb = _video(a or ""), _video(b or "")
    return bool(va and vb and va[0] == vb[0])


def _deep_link_problem(ev, video, spans) -> str | None:
    if video is None:
        return "the gold has no video"
    link = _video(ev.url or "")
    if link is None or link[0] != video[0]:
        return "not the episode's video"
    if link[1] is None or abs(link[1] - ev.seconds) > 1:
        return "URL's second is not the quote's"
    if spans is not None:
        piece = max((" ".join(p.split()) for p in (ev.quote or "").split("…")), key=len)
        turns = [s for s in spans if piece and piece in s[0]]
        if not turns:
            return "quote not found in any timed turn"
        if not any(start - 1 <= ev.seconds <= end + 1 for _, start, end in turns):
            return "second outside the quote's turn (" + ", ".join(f"{a:g}-{b:g}s" for _, a, b in turns[:3]) + ")"
    return None


def _turn_spans(corpora, file: str) -> list[tuple[str, float, float]] | None:
    """(turn text with whitespace collapsed, start, end second) of each timed turn, read from the
    file in the first corpus folder that has it; None when none has it."""
    corpora = [corpora] if isinstance(corpora, (str, Path)) else corpora or []
    path = next((Path(c) / file for c in corpora if (Path(c) / file).is_file()), None)
    if path is None:
        return None
    from .read import read_file

    docs, _, _ = read_file(path, file)
    turns = [t for doc in docs[:1] for t in doc.turns if t.seconds is not None]
    ends, end, start = [], float("inf"), float("inf")   # a turn ends when a later second starts (turns may share one)
    for t in reversed(turns):
        if t.seconds < start:
            end, start = start, t.seconds
        ends.append(end)
    ends.reverse()
    return [(" ".join(t.text.split()), t.seconds, end) for t, end in zip(turns, ends)]
