"""The compact load format: `graph.load.json`, written by `kg build` beside `graph.ttl`, so
`kg.load` of an archive build is ready in a fraction of a second (parsing 42 MB of Turtle
takes seconds).

It holds the graph exactly as `kg.rdf_load` reads it back from the Turtle (the same nodes,
edges, attributes and evidence) as plain JSON, so reading it runs no code (no pickle):

    line 1   header: format name and version, kg's version, the byte size and sha256 of the
             graph.ttl it was written with, and those of the two parts below
    part 1   the nodes with their attributes, the edges with theirs, the strings evidence repeats,
             the name index (lookup key -> nodes) `kg.query` finds names in
    part 2   the evidence, one JSON line per edge, parsed only when that edge's evidence is asked for

`read` trusts the file only when all of this checks out: its format version and kg's version
are this code's; the Turtle beside it has the recorded size and sha256 (a Turtle written
since, by a later build, `kg export` or by hand, is read instead); both parts have their
recorded sha256 and hold values of the right kinds (a truncated, damaged or hand-made file), and
its name index was made by this code's `kg.nameindex.name_key` (NAMES_VERSION).
Otherwise it returns None and `kg.load` reads the Turtle. It never writes anything. Hashing
the Turtle costs 0.18 s for the whole shared archive's 119 MB, run on a thread beside the
parse: a check of size and modification time would be cheaper, but cannot be written into a
byte-identical output or survive a copy. Part 1 is parsed when a question first needs the
graph (0.6 s for the whole archive, with orjson), while the hash runs; part 2 only when an
edge's evidence is asked for.
Bump FORMAT_VERSION whenever this file's layout or the meaning of a value changes.

>>> import networkx as nx, tempfile, pathlib
>>> from kg import rdf
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://example.org/kg/model/gpt-4", label="GPT-4", type="Model", mentions=3)
>>> out = pathlib.Path(tempfile.mkdtemp()); turtle = rdf.turtle(g).encode()
>>> _ = (out / "graph.ttl").write_bytes(turtle); _ = (out / NAME).write_bytes(dumps(g, turtle))
>>> make, base, sha256 = read(out / NAME, out / "graph.ttl")
>>> graph, evidence, names = make()
>>> base, graph.nodes["https://example.org/kg/model/gpt-4"], names
('https://example.org/kg/', {'type': 'Model', 'label': 'GPT-4', 'mentions': 3}, {'gpt4': {'https://example.org/kg/model/gpt-4'}})
>>> _ = (out / "graph.ttl").write_bytes(turtle + b"\\n")      # the Turtle changed: not trusted
>>> read(out / NAME, out / "graph.ttl") is None
True
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import networkx as nx
import orjson

from .asread import NON_FINITE, as_read
from .errors import InputError
from .model import ENTITY_TYPES, Evidence

NAME = "graph.load.json"
FORMAT = "kg-load"
FORMAT_VERSION = 2
NAMES_VERSION = 1           # bump with kg.nameindex.name_key: the stored name index holds its keys

EvidenceOf = Callable[[str, str, str], list]


def dumps(g: nx.MultiDiGraph, turtle: bytes) -> bytes:
    """The load file of `g`, whose Turtle is `turtle` (the bytes of graph.ttl): byte-identical for
    the same graph. `g` may be a build's graph: values are kept as the Turtle keeps them."""
    with gc_paused():
        return _dumps(g, turtle)


def _dumps(g: nx.MultiDiGraph, turtle: bytes) -> bytes:
    seen = NON_FINITE[0]
    nodes, edges = as_read(g)
    exact = NON_FINITE[0] != seen                    # a NaN or infinity: the standard writer throughout
    index = {node: i for i, node in enumerate(nodes)}
    strings: dict[str, int] = {}

    def ref(x):
        return None if x is None else strings.setdefault(x, len(strings))

    records, lines, at = [], [], 0
    for u, v, rel, d in edges:
        ev = d.pop("evidence", ())
        line = _json([[ref(e.source), ref(e.episode), ref(e.speaker), e.seconds, e.url, e.quote, ref(e.origin),
                       e.confidence] for e in ev], exact) + b"\n" if ev else b""
        records.append([index[u], index[v], rel, d, at, at + len(line)])
        lines.append(line)
        at += len(line)
    graph = _json({"nodes": [[n, nodes[n]] for n in nodes], "edges": records, "strings": list(strings),
                   "names": _names(nodes, index)}, exact) + b"\n"
    evidence = b"".join(lines)
    from . import __version__

    header = {"format": FORMAT, "version": FORMAT_VERSION, "kg": __version__, "names": NAMES_VERSION,
              "base": base_of(nodes.items()),
              "turtle": _digest(turtle), "graph": _digest(graph), "evidence": _digest(evidence)}
    return _json(header) + b"\n" + graph + evidence


def read(path: str | os.PathLike, turtle: str | os.PathLike) -> tuple[Callable, str | None, Callable] | None:
    """(graph(), the base IRI, sha256()) from the load file at `path`, or None when it is missing or
    cannot be trusted as the load file of `turtle` (the reason is logged at debug level on the "kg"
    logger). The Turtle's sha256 is counted on a thread from here on (hashing releases the GIL);
    `sha256()` waits for it. `graph()` parses part 1 when a question first needs it (SPARQL needs
    none) and gives (the graph without evidence, evidence(u, v, relation) -> list[Evidence], the
    name index); when the Turtle's sha256 is not the recorded one, or a value is of the wrong
    kind, it reads the Turtle instead and gives (that graph, None, None)."""
    from . import __version__

    why = "missing"
    try:
        with open(path, "rb") as f:
            why = "damaged (no readable header)"
            header = orjson.loads(f.readline(1 << 16))
            why = "of another format or kg version"
            if header.get("format") != FORMAT or header.get("version") != FORMAT_VERSION \
                    or header.get("kg") != __version__ or header.get("names") != NAMES_VERSION \
                    or type(header.get("base")) not in (str, type(None)):
                return _distrust(path, why)
            why = "not written with this graph.ttl"
            if os.stat(turtle).st_size != header["turtle"]["bytes"]:
                return _distrust(path, why)
            graph, evidence = f.read(header["graph"]["bytes"]), f.read()
        why = "damaged (a part does not have its recorded sha256)"
        if _digest(graph) != header["graph"] or _digest(evidence) != header["evidence"]:
            return _distrust(path, why)
        recorded = header["turtle"]["sha256"]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return _distrust(path, why)
    sha256 = _TurtleHash(turtle)

    def make():
        try:
            made = _graph(graph, evidence, path)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            made = _distrust(path, "damaged (a value of the wrong kind)")
        if made is not None and sha256.result() == recorded:
            return made
        if made is not None:
            _distrust(path, "not written with this graph.ttl")
        from . import rdf_load

        return rdf_load.read(turtle), None, None

    return make, header["base"], sha256.result


class _TurtleHash:
    """The sha256 of the Turtle, counted on a thread from kg.load on. `result()` waits for it; in a
    process forked meanwhile (where that thread does not exist) it counts it itself. A Turtle gone
    or unreadable since kg.load is a GraphNotFound naming it."""

    def __init__(self, turtle):
        self.turtle, self.pid = turtle, os.getpid()
        pool = ThreadPoolExecutor(1)
        self.future = pool.submit(sha256_of, turtle)
        pool.shutdown(wait=False)

    def result(self) -> str:
        try:
            return self.future.result() if os.getpid() == self.pid else sha256_of(self.turtle)
        except OSError as err:
            from .errors import GraphNotFound

            raise GraphNotFound(f"the graph file cannot be read since it was loaded ({err.strerror})",
                                str(self.turtle), "build it again, or load the folder again") from None


def _graph(part: bytes, evidence: bytes, path) -> tuple[nx.MultiDiGraph, EvidenceOf, dict[str, set[str]]]:
    """The graph, evidence reader and name index of part 1; ValueError etc. on a value of the wrong
    kind. Made without the cyclic collector's passes, and then moved to its oldest generation
    (freeze, then unfreeze): left young, the next pass over young objects would walk them all
    (0.15-0.3 s on the whole archive, inside the first question); old, they wait for a full pass,
    as long-lived objects do, and remain collectable."""
    with gc_paused():
        doc = _parsed(part)
        made = _assemble(doc), _evidence_reader(doc, evidence, str(path)), _name_index(doc)
        gc.freeze()
        gc.unfreeze()
    return made


@contextmanager
def gc_paused(pause: bool = True) -> Iterator[None]:
    """No cyclic garbage collection inside: making many objects, none of them garbage, collection
    passes only cost time (0.3 s on a loaded archive)."""
    collecting = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def base_of(nodes: Iterable[tuple[str, dict]]) -> str | None:
    """The base IRI the entity IRIs were minted under (BASE + type + '/' + local name), from
    (node, data) pairs in the order the Turtle's graph has them."""
    for node, d in nodes:
        kind = d.get("type", "").lower()
        match = re.match(rf"(.+[/#]){re.escape(kind)}/[^/#]+$", node) if kind else None
        if match:
            return match.group(1)
    return None


def _distrust(path, why: str) -> None:
    logging.getLogger("kg").debug("not using %s: %s; reading the Turtle instead", path, why)
    return None


def sha256_of(path) -> str:
    """The sha256 of a file's bytes, read in chunks."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _digest(data: bytes) -> dict:
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _json(value, exact: bool = False) -> bytes:
    """Compact JSON, keys in the order they were set (the order `kg.rdf_load` gives them): by orjson
    (a third of the load file's writing time on an archive), by the standard writer for what orjson
    refuses (a lone surrogate, an integer past 64 bits) and when `exact` (a NaN or infinity, which
    orjson writes as null)."""
    if not exact:
        try:
            return orjson.dumps(value)
        except orjson.JSONEncodeError:
            pass
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _names(nodes: dict[str, dict], index: dict[str, int]) -> dict[str, list[int]]:
    """The name index `kg.query` looks names up in (lookup key -> node numbers), made here once so
    that loading does not redo the key of every label and alias (0.7 s on the whole archive)."""
    from .nameindex import name_index

    return {key: sorted(index[n] for n in found) for key, found in sorted(name_index(nodes.items()).items())}


# -- reading -------------------------------------------------------------------------
def _assemble(doc: dict) -> nx.MultiDiGraph:
    """The networkx graph of part 1, put straight into networkx's adjacency dicts (adding edges one by
    one costs ~15 us each, half a second on the Lenny archive; the tests compare the result with
    the Turtle's graph). The values a query computes with are checked (ValueError when one is of
    the wrong kind); the rest is as the sha256-checked file has it."""
    ids = [n for n, _ in doc["nodes"]]
    node = dict(doc["nodes"])
    if len(node) != len(ids):
        raise ValueError("nodes")
    for d in node.values():
        if d["type"] not in ENTITY_TYPES or type(d["label"]) is not str or type(d.get("mentions", 0)) not in _NUMBER \
                or not all(type(a) is str for a in d.get("aliases", ())):
            raise ValueError("node")
    succ: dict[str, dict] = {n: {} for n in ids}
    pred: dict[str, dict] = {n: {} for n in ids}
    for u, v, rel, d, _, _ in doc["edges"]:
        u, v = ids[u], ids[v]
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        if d["relation"] != rel or type(d["weight"]) not in _NUMBER or rel in keys:
            raise ValueError("edge")
        keys[rel] = d
    g = nx.MultiDiGraph()
    g._node.update(node)
    g._adj.update(succ)
    g._pred.update(pred)
    nx._clear_cache(g)
    return g


_NUMBER = (int, float)


def _parsed(data: bytes):
    """JSON `data` parsed by orjson; by the standard library where orjson refuses what it wrote (NaN, a
    lone surrogate: a hostile graph keeps them, as the Turtle does)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def _name_index(doc: dict) -> dict[str, set[str]]:
    """The name index of part 1 (lookup key -> node ids); ValueError when it is not one."""
    ids = [n for n, _ in doc["nodes"]]
    index = {}
    for key, numbers in doc["names"].items():
        if type(numbers) is not list or not all(type(i) is int and 0 <= i for i in numbers):
            raise ValueError("names")
        index[key] = {ids[i] for i in numbers}
    return index


def _evidence_reader(doc: dict, part: bytes, path: str) -> EvidenceOf:
    """evidence(u, v, relation): that edge's evidence, parsed from its line of part 2."""
    spans: dict[tuple[str, str, str], tuple[int, int]] = {}
    strings = doc["strings"]

    def span(u: str, v: str, rel: str) -> tuple[int, int] | None:
        if not spans:               # made on the first question, not while loading
            ids = [n for n, _ in doc["nodes"]]
            spans.update({(ids[a], ids[b], r): (start, end) for a, b, r, _, start, end in doc["edges"] if end > start})
        return spans.get((u, v, rel))

    def text(i):
        return None if i is None else strings[i]

    def evidence(u: str, v: str, rel: str) -> list[Evidence]:
        at = span(u, v, rel)
        if at is None:
            return []
        try:
            return [Evidence(text(s), text(ep), text(sp), sec, url, quote, text(origin), conf)
                    for s, ep, sp, sec, url, quote, origin, conf in _parsed(part[at[0]:at[1]])]
        except (ValueError, TypeError, IndexError) as err:
            raise InputError(path, f"damaged evidence of the edge {u} {rel} {v} ({err})",
                             hint=f"delete {NAME}: kg then reads graph.ttl") from None

    return evidence
