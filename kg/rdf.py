"""graph <-> RDF with the terms of `ontology/kg.ttl` (`kg.ns`).

Each relation is stated directly (`episode kgo:mentions entity`, so a one-line
SPARQL query finds neighbours) and as a qualified `kgo:Relationship` node with
weight, score, confidence and `kgo:Evidence` nodes. Relationship, evidence and
merge IRIs are derived from what they link, so the same input gives
byte-identical output.

Turtle is written straight from the graph (`turtle`): feeding pyoxigraph's
serialiser costs ~1.5 us per `Triple(...)` with a literal, too slow for the 3x
target of bench/rdf_export.py. Terms are escaped once per value and cached;
prefixed names are used only where the local name needs no escape (every
other IRI is written in full, so older parsers load it too). pyoxigraph parses
the result for `to_triples`, canonical `ntriples` and SPARQL, and the tests
check it strictly and with rdflib.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://example.org/kg/concept/rl", label='RL "x"\\x00', type="Concept", mentions=2)
>>> print(turtle(g).split(" .\\n")[-2].replace("\\t", "  "))
concept:rl a kgo:Concept , skos:Concept ;
  rdfs:label "RL \\"x\\"" ;
  skos:prefLabel "RL \\"x\\"" ;
  kgo:mentionCount 2
>>> from kg.rdf_load import from_triples        # reading back lives in kg.rdf_load
>>> from_triples(to_triples(g)).nodes["https://example.org/kg/concept/rl"]
{'type': 'Concept', 'label': 'RL "x"', 'mentions': 2}
"""
from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import ConfigError
from .files import write_atomically
from .ids import DEFAULT_BASE
from .model import ENTITY_TYPES, Evidence
from .ns import ALIGNED_CLASS, KGO, OWL, RDF, RDFS, RELATION_PROPERTY, SCHEMA, SKOS, VOCABULARY_PREFIXES, WIKIDATA

TYPES = ENTITY_TYPES
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
SUFFIX_FORMAT = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld"}

_V = VOCABULARY_PREFIXES
XSD = _V["xsd"]
# Control characters (tab, newline and CR are kept), lone surrogates and non-characters: none is valid in XML 1.0.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_DATE = re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}")


def _vocab(iri_: str) -> str:
    """The prefixed name of a vocabulary term."""
    cut = max(iri_.rfind("/"), iri_.rfind("#")) + 1
    return {ns: p for p, ns in _V.items()}[iri_[:cut]] + ":" + iri_[cut:]


LABEL, PREF, ALT, SAME_AS = _vocab(str(RDFS.label)), _vocab(str(SKOS.prefLabel)), _vocab(str(SKOS.altLabel)), \
    _vocab(str(OWL.sameAs))
DATE, URL = _vocab(str(SCHEMA.datePublished)), _vocab(str(SCHEMA.url))
BROADER = _vocab(str(SKOS.broader))
_T = {name: _vocab(str(KGO[name])) for name in TYPES + ("Relationship", "Evidence", "MergeDecision", "Chapter")}
_ALIGNED = {name: _vocab(str(iri_)) for name, iri_ in ALIGNED_CLASS.items()}
_REL = {rel: _vocab(str(prop)) for rel, prop in RELATION_PROPERTY.items()}
_NODE_NUMBERS = (("mentions", "kgo:mentionCount"), ("confidence", "kgo:confidence"), ("degree", "kgo:degree"),
                 ("betweenness", "kgo:betweenness"), ("community", "kgo:community"))
_EDGE_NUMBERS = (("score", "kgo:score"), ("confidence", "kgo:confidence"), ("evidence_count", "kgo:evidenceCount"))


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes bound in every output: the vocabularies and one per entity type under `base`."""
    out = dict(_V)
    out.update({t.lower(): f"{base}{t.lower()}/" for t in TYPES})
    out["rel"] = base + "rel/"
    return out


def clean(value: str) -> str:
    """The text without control characters (but tab, newline, CR), lone surrogates and non-characters."""
    return _BAD_CHARS.sub("", str(value))


def _quoted(value: str) -> str:
    """A Turtle / N-Triples string of clean(value), escaped as pyoxigraph does."""
    s = _BAD_CHARS.sub("", value)
    if "\\" in s:
        s = s.replace("\\", "\\\\")
    if '"' in s:
        s = s.replace('"', '\\"')
    if "\n" in s:
        s = s.replace("\n", "\\n")
    if "\r" in s:
        s = s.replace("\r", "\\r")
    if "\t" in s:
        s = s.replace("\t", "\\t")
    return f'"{s}"'


def lexical(value) -> tuple[str, str]:
    """(canonical lexical form, xsd datatype) of a number: int -> integer, float -> decimal (exact, the
    shortest that reads back to the same float), bool -> boolean, nan/inf -> double. Canonical, so a
    triple store that normalises values (Oxigraph does) gives back the same literal.

    >>> [lexical(x) for x in (3, 0.5, 2.0, 1e-07, float("inf"))]
    [('3', 'integer'), ('0.5', 'decimal'), ('2', 'decimal'), ('0.0000001', 'decimal'), ('INF', 'double')]
    """
    if isinstance(value, bool):
        return ("true" if value else "false"), "boolean"
    if isinstance(value, int) or hasattr(value, "__index__"):
        return str(int(value)), "integer"
    value = float(value)
    if not math.isfinite(value):
        return ("NaN" if value != value else "INF" if value > 0 else "-INF"), "double"
    if value.is_integer():
        return str(int(value)), "decimal"
    text_ = repr(value)
    return (format(Decimal(text_), "f") if "e" in text_ else text_), "decimal"


def term(value) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """A pyoxigraph term for a Python value: terms pass through, str -> literal, numbers -> typed literals."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, str):
        return ox.Literal(clean(value))
    text_, datatype = lexical(value)
    return ox.Literal(text_, datatype=ox.NamedNode(XSD + datatype))


def iri(value: str) -> ox.NamedNode:
    """A checked IRI term (ValueError naming the value when it is not an absolute IRI)."""
    try:
        return ox.NamedNode(value)
    except (ValueError, TypeError) as err:
        raise ValueError(f"not a valid IRI: {value!r} ({err})") from None


def rel_digest(u: str, relation: str, v: str) -> str:
    """The local name of an edge's qualified node: a digest of its ends and relation."""
    return hashlib.sha1(f"{u}\n{relation}\n{v}".encode("utf-8", "surrogatepass")).hexdigest()[:20]


class _Writer:
    """Turtle for nodes and edges, with the spelling of each IRI, text and number cached (they repeat a lot)."""

    def __init__(self, base: str):
        iri(base + "rel/x")
        self.base = base
        self.names = {ns: p for p, ns in prefixes(base).items()}
        self.iris: dict[str, str] = {}
        self.texts: dict[str, str] = {}

    def iri(self, value: str) -> str:
        """`prefix:local` when the local name needs no escape, else `<iri>` (checked once per IRI)."""
        found = self.iris.get(value)
        if found is None:
            iri(value)
            cut = max(value.rfind("/"), value.rfind("#")) + 1
            name, local = self.names.get(value[:cut]), value[cut:]
            found = f"{name}:{local}" if name and _SAFE_LOCAL.fullmatch(local) else f"<{value}>"
            self.iris[value] = found
        return found

    def text(self, value: str) -> str:
        found = self.texts.get(value)
        if found is None:
            found = self.texts[value] = _quoted(str(value))
        return found

    @staticmethod
    def number(value) -> str:
        kind = type(value)
        if kind is int:
            return str(value)
        if kind is float:
            text_ = repr(value)
            if "e" not in text_ and "n" not in text_ and not text_.endswith(".0"):
                return text_
        text_, datatype = lexical(value)
        bare = datatype in ("integer", "boolean") or datatype == "decimal" and "." in text_
        return text_ if bare else f'"{text_}"^^xsd:{datatype}'

    def node(self, node: str, d: dict) -> str:
        """The node's statement, then one per merge decision."""
        text, number = self.text, self.number
        kind = d.get("type")
        if kind not in _ALIGNED:
            raise ValueError(f"node {node!r} has type {kind!r}; use one of {', '.join(TYPES)}")
        s, label = self.iri(node), text(d.get("label", ""))
        items = [f"a {_T[kind]} , {_ALIGNED[kind]}", f"{LABEL} {label}", f"{PREF} {label}"]
        add = items.append
        if d.get("aliases"):
            add(f"{ALT} " + " , ".join(dict.fromkeys(text(a) for a in d["aliases"])))
        if d.get("wikidata"):
            add(f"{SAME_AS} {self.iri(str(WIKIDATA) + d['wikidata'])}")
        if d.get("broader"):                        # a model's family, a concept's broader concept
            add(f"{BROADER} " + " , ".join(dict.fromkeys(self.iri(b) for b in d["broader"])))
        for key, prop in _NODE_NUMBERS:
            x = d.get(key)
            if x is not None:
                add(f"{prop} {number(x)}")
        if d.get("sources"):
            add("kgo:sourceFile " + " , ".join(dict.fromkeys(text(x) for x in d["sources"])))
        if d.get("key"):
            add(f"kgo:gazetteerKey {text(d['key'])}")
        if d.get("date"):
            date = clean(d["date"])
            add(f"{DATE} {_quoted(date) + '^^xsd:date' if _DATE.fullmatch(date) else text(date)}")
        if d.get("url"):
            add(f"{URL} {_quoted(d['url'])}^^xsd:anyURI")
        if d.get("formats"):
            add("kgo:format " + " , ".join(dict.fromkeys(text(x) for x in d["formats"])))
        if d.get("stub"):
            add("kgo:stub true")
        merges = [(_suffixed(s, f"_merge{n}"), surface, rule)
                  for n, (surface, rule) in enumerate(sorted(d.get("merged_by", {}).items()), 1)]
        if merges:
            add("kgo:merge " + " , ".join(m for m, _, _ in merges))
        chapters = [(_suffixed(s, f"_chapter{n}"), n, c) for n, c in enumerate(d.get("chapters") or (), 1)]
        if chapters:
            add("kgo:chapter " + " , ".join(c for c, _, _ in chapters))
        return "".join([f"{s} " + " ;\n\t".join(items) + " .\n"] + [
            f"{m} a kgo:MergeDecision ;\n\tkgo:surface {text(surface)} ;\n\tkgo:rule {text(rule)} .\n"
            for m, surface, rule in merges] + [self.chapter(c, n, chapter) for c, n, chapter in chapters])

    def chapter(self, c: str, n: int, chapter: dict) -> str:
        return "".join([
            f"{c} a kgo:Chapter ;\n\t{LABEL} {self.text(chapter.get('title', ''))} ;\n\tkgo:position {n}",
            f" ;\n\tkgo:startSeconds {self.number(chapter['seconds'])}" if chapter.get("seconds") is not None else "",
            f" ;\n\t{URL} {_quoted(chapter['url'])}^^xsd:anyURI" if chapter.get("url") else "",
            " .\n"])

    def edge(self, g: nx.MultiDiGraph, u: str, v: str, rel: str, d: dict) -> str:
        """The direct triple(s), the qualified relationship, then one statement per piece of evidence."""
        text, number = self.text, self.number
        prop = _REL.get(rel)
        if prop is None:
            raise ValueError(f"edge {u!r} -> {v!r} has relation {rel!r}; use one of {', '.join(_REL)}")
        su, sv = self.iri(u), self.iri(v)
        out = [f"{su} {prop} {sv} .\n"]
        if rel == "co_occurs_with" and u != v and not g.has_edge(v, u, rel):
            out.append(f"{sv} {prop} {su} .\n")
        r = "rel:" + rel_digest(u, rel, v)
        items = [f"a kgo:Relationship ;\n\tkgo:relSubject {su} ;\n\tkgo:relObject {sv} ;\n\tkgo:relation {prop} ;"
                 f"\n\tkgo:weight {number(d.get('weight', 1))}"]
        for key, name in _EDGE_NUMBERS:
            if d.get(key) is not None:
                items.append(f"{name} {number(d[key])}")
        if d.get("origins"):
            items.append("kgo:origin " + " , ".join(dict.fromkeys(text(o) for o in d["origins"])))
        evidence = d.get("evidence") or ()
        if evidence:
            items.append("kgo:evidence " + " , ".join([f"{r}_e{n}" for n in range(1, len(evidence) + 1)]))
        out.append(f"{r} " + " ;\n\t".join(items) + " .\n")
        for n, ev in enumerate(evidence, 1):
            out.append(self.evidence(f"{r}_e{n}", Evidence.of(ev)))
        return "".join(out)

    def evidence(self, e: str, ev: Evidence) -> str:
        texts, text = self.texts, self.text
        return "".join([
            f"{e} a kgo:Evidence ;\n\tkgo:sourceFile {texts.get(ev.source) or text(ev.source)}",
            f" ;\n\tkgo:episode {self.iris.get(ev.episode) or self.iri(ev.episode)}" if ev.episode else "",
            f" ;\n\tkgo:speaker {texts.get(ev.speaker) or text(ev.speaker)}" if ev.speaker else "",
            f" ;\n\tkgo:seconds {self.number(ev.seconds)}" if ev.seconds is not None else "",
            f" ;\n\t{URL} {_quoted(ev.url)}^^xsd:anyURI" if ev.url else "",
            f" ;\n\tkgo:quote {texts.get(ev.quote) or text(ev.quote)}" if ev.quote else "",
            f" ;\n\tkgo:origin {texts.get(ev.origin) or text(ev.origin)}",
            f" ;\n\tkgo:confidence {self.number(ev.confidence)}" if ev.confidence is not None else "",
            " .\n"])


def _suffixed(name: str, suffix: str) -> str:
    """An IRI term + a suffix of [A-Za-z0-9_] (which keeps a prefixed name valid)."""
    return f"{name[:-1]}{suffix}>" if name.startswith("<") else name + suffix


def turtle(g: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> str:
    """The graph as Turtle: prefixes bound explicitly, one statement per subject, deterministic, without
    duplicate triples: each node with its merge decisions, then each edge with its evidence."""
    w = _Writer(base)
    out = [f"@prefix {name}: <{ns}> .\n" for name, ns in prefixes(base).items()]
    out += [w.node(node, d) for node, d in g.nodes(data=True)]
    out += [w.edge(g, u, v, rel, d) for u, v, rel, d in g.edges(keys=True, data=True)]
    return "".join(out)


def ntriples(g: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> str:
    """The graph as canonical N-Triples (pyoxigraph's), one triple per line, in the order of `turtle`."""
    return ox.serialize(to_triples(g, base), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def to_triples(g: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Iterator[ox.Triple]:
    """Every triple of the graph as pyoxigraph terms (parsed from `turtle`, so exactly what is written)."""
    for quad in ox.parse(turtle(g, base).encode("utf-8"), format=ox.RdfFormat.TURTLE):
        yield quad.triple


def write(g: nx.MultiDiGraph, path: str | Path, fmt: str = "ttl", base: str = DEFAULT_BASE) -> None:
    """Write the graph as Turtle (default), N-Triples or JSON-LD."""
    if fmt == "ttl":
        write_atomically(Path(path), turtle(g, base).encode("utf-8"))
    elif fmt == "nt":
        write_atomically(Path(path), ntriples(g, base).encode("utf-8"))
    elif fmt == "jsonld":
        from .export import jsonld

        write_atomically(Path(path), jsonld(to_triples(g, base), prefixes(base)))
    else:
        raise ConfigError(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")


def to_rdf(g: nx.MultiDiGraph, base: str = DEFAULT_BASE):
    """The graph as an rdflib Graph, prefixes bound explicitly (no `ns1:`/`schema1:`)."""
    import rdflib

    graph = rdflib.Graph(bind_namespaces="core")
    for prefix, ns in prefixes(base).items():
        graph.bind(prefix, ns, override=True, replace=True)
    graph.parse(data=ntriples(g, base), format="nt")
    return graph


def full(name: str) -> str:
    """A prefixed name of the vocabulary as a full IRI: 'kgo:Person' -> 'https://...#Person'."""
    prefix, local = name.split(":", 1)
    return _V[prefix] + local


TYPE_NAME = {full(v): k for k, v in _T.items()}
RDF_TYPE = str(RDF.type)

def __getattr__(name: str):
    """`read` and `from_triples` live in kg.rdf_load (imported when first asked for: it imports this module)."""
    if name in ("read", "from_triples"):
        from . import rdf_load

        return getattr(rdf_load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
