"""kg export: GraphML and GEXF keep nodes, parallel relations and key attributes; RDF formats hold the triples."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pyoxigraph as ox
import pytest

from kg import cli, export, rdf
from kg.errors import ConfigError
from kg.model import Evidence


def _multi_pair(g: nx.MultiDiGraph) -> tuple[str, str]:
    """Two nodes linked by more than one relation (an episode that features and mentions a guest)."""
    return next((u, v) for u, v in g.edges() if g.number_of_edges(u, v) > 1)


def _read(fmt: str, path):
    return nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_gephi_formats_keep_nodes_edges_and_attributes(seeds_build, tmp_path, fmt):
    _, g = seeds_build
    path = tmp_path / f"graph.{fmt}"
    export.export(g, fmt, path)
    back = _read(fmt, path)
    graph = g.graph
    assert back.is_multigraph() and back.is_directed()
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    for node, d in graph.nodes(data=True):
        b = back.nodes[node]
        assert (b["label"], b["type"]) == (d["label"], d["type"])
        assert b.get("aliases", "") == "; ".join(d.get("aliases", ()))
        assert b.get("mentions") == d.get("mentions")
    relations = {(u, v, d["relation"]): d for u, v, d in back.edges(data=True)}
    for u, v, rel, d in graph.edges(keys=True, data=True):
        b = relations[(u, v, rel)]
        assert b["weight"] == pytest.approx(d["weight"])
        assert b.get("score") == d.get("score")
        if d.get("evidence"):
            assert [Evidence(**e) for e in json.loads(b["evidence"])] == d["evidence"]
    u, v = _multi_pair(graph)
    assert {d["relation"] for _, w, d in back.edges([u], data=True) if w == v} == set(graph[u][v])


def test_graphml_edge_ids_are_the_relations(seeds_build, tmp_path):
    _, g = seeds_build
    path = tmp_path / "graph.graphml"
    export.export(g, "graphml", path)
    back = nx.read_graphml(path, force_multigraph=True)
    u, v = _multi_pair(g.graph)
    assert set(back[u][v]) == set(g.graph[u][v])


def test_gexf_edges_are_labelled_for_gephi(seeds_build, tmp_path):
    _, g = seeds_build
    path = tmp_path / "graph.gexf"
    export.export(g, "gexf", path)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    edges = ET.parse(path).getroot().findall(".//g:edge", ns)
    assert len({e.get("id") for e in edges}) == len(edges) == g.graph.number_of_edges()
    assert {e.get("label") for e in edges} == {k for _, _, k in g.graph.edges(keys=True)}
    assert all(float(e.get("weight")) > 0 for e in edges)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_hostile_text_gives_well_formed_xml(tmp_path, fmt):
    g = nx.MultiDiGraph()
    iri = "https://example.org/kg/person/x"
    g.add_node(iri, label="<b>\x00\x1b\ud800 & \"q\" 🚀 مرحبا", type="Person", aliases=["a\x07", "]]>"],
               merged_by={"x\x0c": "rule"})
    g.add_edge(iri, iri, key="co_occurs_with", relation="co_occurs_with", weight=1,
               evidence=[Evidence("f\x01.md", quote="bad \x0b quote")])
    path = tmp_path / f"g.{fmt}"
    export.export(g, fmt, path)
    ET.parse(path)
    back = _read(fmt, path)
    assert back.nodes[iri]["label"] == '<b> & "q" 🚀 مرحبا'
    assert back.nodes[iri]["aliases"] == "a; ]]>"


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_rdf_formats_hold_the_same_triples(seeds_build, tmp_path, fmt):
    result, g = seeds_build
    path = tmp_path / f"graph.{fmt}"
    export.export(g, fmt, path)
    turtle = set(ox.parse(path=str(result.out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert set(ox.parse(path=str(path), format=rdf.FORMATS[fmt])) == turtle


def test_export_command(seeds_build, tmp_path, capsys):
    result, _ = seeds_build
    out = tmp_path / "graph.gexf"
    assert cli.main(["export", "-g", str(result.out), "--format", "gexf", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    assert nx.read_gexf(out).number_of_nodes() == result.graph.number_of_nodes()


def test_unknown_format_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="use one of ttl, nt, jsonld, graphml, gexf"):
        export.export(nx.MultiDiGraph(), "dot", tmp_path / "g.dot")
