"""Write a graph to a file: Turtle, N-Triples, JSON-LD, or GraphML / GEXF for Gephi and Cytoscape.

GraphML and GEXF hold scalar attributes only, so lists become "; "-joined
strings, dicts and evidence become JSON strings, and text loses the characters
XML 1.0 forbids. Edges keep their relation (GraphML edge id = relation key;
GEXF edge label = relation), so parallel relations between two entities survive.

>>> import networkx as nx, tempfile, pathlib
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://example.org/kg/person/ada", label="Ada", type="Person", aliases=["A. L.", "Ada L."])
>>> g.add_node("https://example.org/kg/model/gpt-4", label="GPT-4", type="Model")
>>> _ = g.add_edge("https://example.org/kg/person/ada", "https://example.org/kg/model/gpt-4", key="discusses",
...                relation="discusses", weight=2, origins=["ner"])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> export(g, "graphml", path)
>>> back = nx.read_graphml(path, force_multigraph=True)
>>> back.nodes["https://example.org/kg/person/ada"]["aliases"], list(back.edges(keys=True, data="weight"))[0][2:]
('A. L.; Ada L.', ('discusses', 2.0))

Before anything is written, `output_file` checks the target (kg view uses it too):

>>> export(g, "gexf", path.parent)
Traceback (most recent call last):
...
kg.errors.OutputError: is a folder (...): give a file name, e.g. .../graph.gexf
"""
from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from . import rdf
from .errors import ConfigError, OutputError
from .ids import DEFAULT_BASE

FORMATS = ("ttl", "nt", "jsonld", "graphml", "gexf")
# Attribute types fixed per key (GraphML/GEXF declare one type per attribute).
FLOATS = {"confidence", "degree", "betweenness", "weight", "score"}
INTS = {"mentions", "community", "evidence_count"}


def export(g, fmt: str, path: str | Path) -> None:
    """Write `g` (a KnowledgeGraph or a networkx graph of a build) to `path` in `fmt` (one of FORMATS)."""
    graph, base = (g.graph, g.base or DEFAULT_BASE) if hasattr(g, "to_networkx") else (g, DEFAULT_BASE)
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    output_file(path, f"graph.{fmt}")
    if fmt in rdf.FORMATS:
        rdf.write(graph, path, fmt, base)
    elif fmt == "graphml":
        nx.write_graphml(flat(graph), str(path), named_key_ids=True)
    else:
        nx.write_gexf(flat(graph, gexf=True), str(path))


def output_file(path: str | Path, example: str) -> Path:
    """`path` when kg can write a file there, else an OutputError saying why and what to do: `path` is
    a folder (`example` is the file name suggested in it), a device, pipe or socket (kg writes a new
    file and renames it over the old one, which would replace /dev/null itself), its folder is
    missing or a file, or the folder refuses new files. A symlink is replaced, not followed."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError("is a folder", str(path), f"give a file name, e.g. {path / example}")
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OutputError("not a regular file", str(path), "give the path of a file (kg writes a new file and "
                                                           "renames it into place, which would replace this one)")
    folder = path.parent
    if not folder.is_dir():
        existing = next(a for a in [folder, *folder.parents] if os.path.lexists(a))
        if not existing.is_dir():
            raise OutputError(f"{existing} is a file, not a folder", str(path), "choose a path in an existing folder")
        raise OutputError(f"folder {folder} does not exist", str(path), "create it first, or choose another path")
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".kg-probe-")
    except OSError as err:
        raise OutputError(f"cannot create files in {folder}", str(path), "choose a folder you can write to") from err
    os.close(fd)
    os.unlink(probe)
    return path


def flat(g: nx.MultiDiGraph, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy of `g` with scalar, XML-safe attributes only."""
    out = nx.MultiDiGraph()
    for node, d in g.nodes(data=True):
        out.add_node(rdf.clean(node), **_flat(d))
    for u, v, key, d in g.edges(keys=True, data=True):
        attrs = _flat(d)
        attrs["relation"] = attrs.get("relation", rdf.clean(key))
        if gexf:    # GEXF has no edge keys: the id keeps edges apart, the label shows the relation in Gephi
            attrs["id"], attrs["label"] = f"{u} {key} {v}", attrs["relation"]
        out.add_edge(rdf.clean(u), rdf.clean(v), key=rdf.clean(key), **attrs)
    return out


def _flat(d: dict) -> dict:
    out = {}
    for key, value in d.items():
        if value is None:
            continue
        if key in FLOATS and isinstance(value, (int, float)):
            out[key] = float(value)
        elif key in INTS and isinstance(value, (int, float)):
            out[key] = int(value)
        elif isinstance(value, (bool, int, float)):
            out[key] = value
        elif isinstance(value, str):
            out[key] = rdf.clean(value)
        elif isinstance(value, (list, tuple, set)) and all(isinstance(x, str) for x in value):
            out[key] = rdf.clean("; ".join(value))
        else:
            out[key] = rdf.clean(json.dumps(value, default=_plain, ensure_ascii=False, sort_keys=True))
    return out


def _plain(value):
    return value.to_dict() if hasattr(value, "to_dict") else str(value)


def jsonld(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """JSON-LD with an @context of the prefixes, compact IRIs, one node object per line."""
    by_ns = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
    names: dict[str, str] = {}

    def compact(value: str) -> str:
        if value not in names:
            names[value] = next((f"{p}:{value[len(ns):]}" for p, ns in by_ns
                                 if value.startswith(ns) and not value.startswith("//", len(ns))), value)
        return names[value]

    nodes: dict[str, dict] = {}
    rdf_type, string = rdf.RDF_TYPE, rdf.XSD + "string"
    for t in triples:
        s = compact(t.subject.value)
        node = nodes.setdefault(s, {"@id": s})
        o = t.object
        if t.predicate.value == rdf_type:
            node.setdefault("@type", []).append(compact(o.value))
            continue
        if isinstance(o, ox.Literal):
            dt = o.datatype.value
            value = o.value if dt == string else (
                {"@value": o.value, "@language": o.language} if o.language else
                {"@value": o.value, "@type": compact(dt)})
        else:
            value = {"@id": compact(o.value)}
        node.setdefault(compact(t.predicate.value), []).append(value)
    lines = [json.dumps({k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in n.items()},
                        ensure_ascii=False) for n in nodes.values()]
    head = json.dumps({"@context": prefixes}, ensure_ascii=False, indent=1)[:-2]
    return (head + ',\n "@graph": [\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")
