"""RDF -> graph: rebuild the networkx graph of a build from its triples (Turtle,
N-Triples or JSON-LD written by `kg.rdf`), so `kg.load` answers exactly like the build.

Foreign or damaged files are refused, never half read: a file that does not parse, an HTML
page, a value kg cannot read (a count or weight that is not a number, a flag that is not a
boolean) or an entity without `rdfs:label` stops the load with an `InputError` naming the file
and the offending triple (or line). Triples of vocabularies kg does not use are ignored, and
evidence whose IRIs kg did not mint keeps a stable order.

>>> import networkx as nx
>>> from kg import rdf
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://example.org/kg/model/gpt-4", label="GPT-4", type="Model", mentions=3)
>>> from_triples(rdf.to_triples(g)).nodes["https://example.org/kg/model/gpt-4"]
{'type': 'Model', 'label': 'GPT-4', 'mentions': 3}
>>> bad = ox.parse(b'<https://e.org/kg/model/x> a <https://w3id.org/kg-podcasts/ontology#Model> ; '
...                b'<http://www.w3.org/2000/01/rdf-schema#label> "X" ; '
...                b'<https://w3id.org/kg-podcasts/ontology#mentionCount> "many" .', format=ox.RdfFormat.TURTLE)
>>> from_triples(bad, source="x.ttl")
Traceback (most recent call last):
...
kg.errors.InputError: x.ttl: kgo:mentionCount must be a whole number: <https://e.org/kg/model/x> ... "many" (...)
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from . import analytics
from .errors import InputError
from .model import Evidence
from .ns import KGO, VOCABULARY_PREFIXES, WIKIDATA
from .rdf import _REL, RDF_TYPE, TYPE_NAME, ALT, BROADER, DATE, FORMATS, LABEL, SAME_AS, SUFFIX_FORMAT, TYPES, URL, XSD, full


_REL_NAME = {full(prop): rel for rel, prop in _REL.items()}
_KEYS = {full(p): key for p, key in [(LABEL, "label"), (ALT, "aliases"), (SAME_AS, "wikidata"), (DATE, "date"),
                                      (URL, "url"), (BROADER, "broader")]}
_KEYS.update({str(KGO[name]): name for name in KGO.__annotations__})
_IRI = {key: iri_ for iri_, key in _KEYS.items()}
_NODE_KEYS = {"mentionCount": "mentions", "gazetteerKey": "key", "sourceFile": "sources", "format": "formats",
              "label": "label", "aliases": "aliases", "date": "date", "url": "url", "confidence": "confidence",
              "degree": "degree", "betweenness": "betweenness", "community": "community", "stub": "stub",
              "broader": "broader"}
_LISTS = ("aliases", "sources", "formats", "broader")
_EDGE_KEYS = {"weight": "weight", "score": "score", "confidence": "confidence", "evidenceCount": "evidence_count"}
# What each value must be: a number, a whole number, a finite number or a boolean; any other key is text.
_KINDS = {"mentions": "whole", "community": "whole", "evidence_count": "whole", "weight": "finite",
          "confidence": "number", "degree": "number", "betweenness": "number", "score": "number",
          "seconds": "number", "stub": "boolean", "position": "whole"}
_KIND_TEXT = {"number": "a number", "whole": "a whole number", "finite": "a finite number", "boolean": "true or false"}
_INTEGERS = {XSD + name for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "unsignedInt", "unsignedLong")}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}
_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN")


def from_triples(triples: Iterable, *, source: str = "RDF") -> nx.MultiDiGraph:
    """Rebuild the graph from its triples (pyoxigraph triples or quads), in the same order as a build.

    Raises InputError (naming `source` and the triple) for a value kg cannot read or an entity
    without a label; see the module's docstring.
    """
    by_subject: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for t in triples:
        by_subject[t.subject.value].append((_KEYS.get(t.predicate.value, t.predicate.value), t.object))
    g = nx.MultiDiGraph()
    nodes, rels = {}, []
    try:
        for s, pairs in by_subject.items():
            kind = next((TYPE_NAME[o.value] for p, o in pairs if p == RDF_TYPE and o.value in TYPE_NAME), None)
            if kind in TYPES:
                nodes[s] = _node_attrs(s, kind, pairs, by_subject)
            elif kind == "Relationship":
                rels.append(_edge(s, pairs, by_subject))
    except _Unreadable as bad:
        raise InputError(source, bad.args[0], hint=bad.args[1]) from None
    for node in sorted(nodes):
        g.add_node(node, **nodes[node])
    for u, v, rel, data in sorted(rels, key=lambda r: (r[0], r[1], r[2])):
        if u in nodes and v in nodes and rel:
            g.add_edge(u, v, key=rel, relation=rel, **data)
    if any("degree" in d for d in nodes.values()):
        analytics.timelines(g)
    return g


class _Unreadable(Exception):
    """A triple kg cannot read; from_triples names the source."""


def _value(s: str, p: str, o, key: str):
    """The Python value of `o` for `key`: text, or a number / boolean checked against _KINDS."""
    kind = _KINDS.get(key)
    if kind is None:
        return o.value
    value = None
    if isinstance(o, ox.Literal):
        text, datatype = o.value, o.datatype.value
        if kind == "boolean":
            value = {"true": True, "1": True, "false": False, "0": False}.get(text)
        elif datatype in _INTEGERS or datatype not in _FLOATS and _INT.fullmatch(text):
            value = int(text) if _INT.fullmatch(text) else None
        elif _FLOAT.fullmatch(text):
            value = float(text)
    if value is None or kind == "finite" and not math.isfinite(value) or kind == "whole" and not (
            math.isfinite(value) and float(value).is_integer()):
        name = _show(_IRI.get(p, p))
        raise _Unreadable(f"{name} must be {_KIND_TEXT[kind]}: <{s}> {name} {_show_term(o)}",
                          "fix or remove that triple, or write the file again with 'kg build' or 'kg export'")
    return value


def _show(iri_: str) -> str:
    """A vocabulary IRI as its prefixed name (kgo:mentionCount), any other IRI as <iri>."""
    for prefix, ns in VOCABULARY_PREFIXES.items():
        if iri_.startswith(ns) and re.fullmatch(r"\w*", iri_[len(ns):]):
            return f"{prefix}:{iri_[len(ns):]}"
    return f"<{iri_}>"


def _show_term(o) -> str:
    if isinstance(o, ox.Literal):
        quoted = str(ox.Literal(o.value))
        if o.language:
            return f"{quoted}@{o.language}"
        return quoted if o.datatype.value == XSD + "string" else f"{quoted}^^{_show(o.datatype.value)}"
    return _show(o.value) if isinstance(o, ox.NamedNode) else str(o)


def _node_attrs(s: str, kind: str, pairs, by_subject) -> dict:
    d: dict = {"type": kind}
    for p, o in pairs:
        key = _NODE_KEYS.get(p)
        if key in _LISTS:
            d.setdefault(key, []).append(o.value)
        elif key:
            d[key] = _value(s, p, o, key)
        elif p == "wikidata" and o.value.startswith(str(WIKIDATA)):
            d["wikidata"] = o.value[len(str(WIKIDATA)):]
        elif p == "chapter":
            d.setdefault("chapters", []).append(_chapter(o.value, by_subject.get(o.value, [])))
        elif p == "merge":
            merge = {mp: mo.value for mp, mo in by_subject.get(o.value, [])}
            if "surface" in merge:
                d.setdefault("merged_by", {})[merge["surface"]] = merge.get("rule", "")
    if "label" not in d:
        raise _Unreadable(f"entity without rdfs:label: <{s}> a kgo:{kind}",
                          "add its rdfs:label, or write the file again with 'kg build' or 'kg export'")
    for key in _LISTS:
        if key in d:
            d[key] = sorted(d[key])
    if "merged_by" in d:
        d["merged_by"] = dict(sorted(d["merged_by"].items()))
    if "chapters" in d:
        d["chapters"] = [c for _, c in sorted(d["chapters"], key=lambda pc: pc[0])]
    return d


def _chapter(c: str, pairs) -> tuple[int, dict]:
    """(position, {"title", "seconds", "url"}) of one kgo:Chapter."""
    got = {p: o for p, o in pairs}
    position = _value(c, "position", got["position"], "position") if "position" in got else 0
    chapter = {"title": got["label"].value if "label" in got else ""}
    if "startSeconds" in got:
        chapter["seconds"] = _value(c, "startSeconds", got["startSeconds"], "seconds")
    if "url" in got:
        chapter["url"] = got["url"].value
    return position, chapter


def _edge(s: str, pairs, by_subject) -> tuple[str, str, str, dict]:
    d: dict = {}
    u = v = rel = ""
    origins, evidence = [], []
    for p, o in pairs:
        if p == "relSubject":
            u = o.value
        elif p == "relObject":
            v = o.value
        elif p == "relation":
            rel = _REL_NAME.get(o.value, "")
        elif p in _EDGE_KEYS:
            d[_EDGE_KEYS[p]] = _value(s, p, o, _EDGE_KEYS[p])
        elif p == "origin":
            origins.append(o.value)
        elif p == "evidence":
            evidence.append((_evidence_order(o.value), _evidence(o.value, by_subject.get(o.value, []))))
    d["origins"] = sorted(origins)
    if evidence:
        d["evidence"] = [ev for _, ev in sorted(evidence, key=lambda e: e[0])]
    return u, v, rel, d


def _evidence_order(iri_: str) -> tuple:
    """kg's evidence IRIs end in _e1, _e2, ...: in that order; any other IRI after them, by IRI."""
    found = re.search(r"_e([0-9]+)$", iri_)
    return (0, int(found.group(1)), iri_) if found else (1, 0, iri_)


def _evidence(s: str, pairs) -> Evidence:
    f = {p: _value(s, p, o, p) for p, o in pairs}
    return Evidence(source=f.get("sourceFile", ""), episode=f.get("episode"), speaker=f.get("speaker"),
                    seconds=f.get("seconds"), url=f.get("url"), quote=f.get("quote"), origin=f.get("origin", "ner"),
                    confidence=f.get("confidence"))


def read(path: str | Path) -> nx.MultiDiGraph:
    """Parse a Turtle, N-Triples or JSON-LD file written by `write` back into a graph.

    Raises InputError naming the file (and line) for an HTML page, a file that does not parse, or
    a triple kg cannot read."""
    path = Path(path)
    if _is_html(path):
        raise InputError(str(path), "an HTML page, not a graph file",
                         hint="give the build folder or its graph.ttl (graph.html is the page to open in a browser)")
    fmt = FORMATS[SUFFIX_FORMAT.get(path.suffix.lower(), "ttl")]
    try:
        with path.open("rb") as f:
            return from_triples(ox.parse(f, format=fmt), source=str(path))
    except SyntaxError as err:
        column = f" at column {err.offset}" if getattr(err, "offset", None) else ""
        raise InputError(str(path), f"not valid {fmt.name}{column}: {_parser_message(err)}",
                         line=getattr(err, "lineno", None),
                         hint="give a graph kg wrote (kg build, kg export), or fix that line") from None


def _is_html(path: Path) -> bool:
    if path.suffix.lower() in (".html", ".htm"):
        return True
    try:
        with path.open("rb") as f:
            head = f.read(256).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except OSError:
        return False
    return head.startswith((b"<!doctype html", b"<html"))


def _parser_message(err: SyntaxError) -> str:
    """pyoxigraph's message without its position (given apart) and character-class lists."""
    text = " ".join(str(err.msg if err.msg else err).split())
    text = re.sub(r"^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): ", "", text)
    return re.sub(r" \(line \d+\)$", "", text)
