"""RDF export: ontology and namespace agree, Turtle parses strictly and in rdflib, round trip, hostile text."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import kg
from kg import errors, ids, rdf
from kg.model import Evidence
from kg.ns import ALIGNED_CLASS, KGO, RELATION_PROPERTY, VOCABULARY_PREFIXES
from kg.query import KnowledgeGraph

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
OWL, RDFS = rdflib.OWL, rdflib.RDFS
SCHEMA, FOAF, SKOS, PROV = (rdflib.Namespace(VOCABULARY_PREFIXES[p]) for p in ("schema", "foaf", "skos", "prov"))
K = rdflib.Namespace(str(KGO))
STANDARD = tuple(VOCABULARY_PREFIXES[p] for p in ("rdf", "rdfs", "skos", "owl", "schema", "xsd"))


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    list(ox.parse(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE))        # strict parse first
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


# -- ontology <-> kg.ns ------------------------------------------------------------------
def test_namespace_and_ontology_declare_the_same_terms(ontology):
    declared = {str(s) for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
                for s in ontology.subjects(rdflib.RDF.type, kind) if str(s).startswith(str(KGO))}
    assert declared == {str(KGO[name]) for name in KGO.__annotations__}
    for term in declared:
        assert ontology.value(rdflib.URIRef(term), RDFS.label), f"{term} has no rdfs:label"
        assert ontology.value(rdflib.URIRef(term), RDFS.comment), f"{term} has no rdfs:comment"


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        KGO.mention  # noqa: B018 - a typo must fail


def test_ontology_is_aligned_to_standard_vocabularies(ontology):
    sub = set(ontology.subject_objects(RDFS.subClassOf))
    for cls, parent in [("Person", SCHEMA.Person), ("Person", FOAF.Person), ("Organization", SCHEMA.Organization),
                        ("Episode", SCHEMA.PodcastEpisode), ("Show", SCHEMA.PodcastSeries), ("Concept", SKOS.Concept),
                        ("Model", SCHEMA.SoftwareApplication), ("Evidence", PROV.Entity)]:
        assert (K[cls], parent) in sub
    for kind, cls in ALIGNED_CLASS.items():
        assert (K[kind], rdflib.URIRef(str(cls))) in sub, f"data type of {kind} is not its ontology parent"
    assert (K.mentions, SCHEMA.mentions) in set(ontology.subject_objects(RDFS.subPropertyOf))
    assert (K.evidence, PROV.wasDerivedFrom) in set(ontology.subject_objects(RDFS.subPropertyOf))
    assert set(RELATION_PROPERTY.values()) <= {rdflib.URIRef(str(t)) for t in ontology.subjects(
        rdflib.RDF.type, OWL.ObjectProperty)}


# -- the seeds' Turtle ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_ttl(seeds_build) -> Path:
    return seeds_build[0].out / "graph.ttl"


def test_turtle_parses_strictly_and_in_rdflib_with_equal_counts(seeds_ttl):
    strict = list(ox.parse(path=str(seeds_ttl), format=ox.RdfFormat.TURTLE))
    lenient = rdflib.Graph().parse(seeds_ttl, format="turtle")
    assert len(strict) == len(set(strict)) == len(lenient) > 10_000


def test_every_term_used_is_in_the_ontology_or_standard(seeds_ttl, ontology):
    declared = {str(s) for s in ontology.subjects()}
    for t in ox.parse(path=str(seeds_ttl), format=ox.RdfFormat.TURTLE):
        terms = [t.predicate.value] + ([t.object.value] if t.predicate.value == rdf.RDF_TYPE else [])
        for term in terms:
            assert term in declared or term.startswith(STANDARD), term


def test_prefixes_are_bound_explicitly(seeds_build, seeds_ttl):
    text = seeds_ttl.read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("@prefix")]
    assert [line.split()[1] for line in head] == [f"{p}:" for p in rdf.prefixes()]
    assert not re.search(r"\b(ns\d+|schema\d+):", text)
    assert "\\" not in "".join(re.findall(r"(?m)^\S+", text)), "a subject needs a backslash escape"
    out = rdf.to_rdf(seeds_build[0].graph).serialize(format="turtle")
    assert "@prefix schema: <http://schema.org/>" in out and not re.search(r"\b(ns\d+|schema\d+):", out)


def test_entity_ids_are_the_iris_in_the_turtle(seeds_build, seeds_ttl):
    typed = {t.subject.value for t in ox.parse(path=str(seeds_ttl), format=ox.RdfFormat.TURTLE)
             if t.predicate.value == rdf.RDF_TYPE and t.object.value in rdf.TYPE_NAME
             and rdf.TYPE_NAME[t.object.value] in rdf.TYPES}
    assert typed == set(seeds_build[0].graph.nodes)
    for e in seeds_build[1].entities():
        assert e.id.startswith(seeds_build[1].base + e.type.lower() + "/")


def test_literals_are_free_of_control_characters(seeds_ttl):
    for t in ox.parse(path=str(seeds_ttl), format=ox.RdfFormat.TURTLE):
        if isinstance(t.object, ox.Literal):
            assert not rdf._BAD_CHARS.search(t.object.value)


def test_turtle_is_byte_identical_and_round_trips(seeds_build, seeds_ttl, tmp_path):
    """Writing the graph again, or writing what was loaded, gives the same bytes."""
    result, loaded = seeds_build
    again = tmp_path / "again.ttl"
    rdf.write(result.graph, again, base=loaded.base)
    assert again.read_bytes() == seeds_ttl.read_bytes()
    rdf.write(loaded.graph, again, base=loaded.base)
    assert again.read_bytes() == seeds_ttl.read_bytes()


def test_load_gives_the_same_graph_and_neighbours(seeds_build):
    result, loaded = seeds_build
    built, back = result.graph, loaded.graph
    assert dict(built.nodes(data=True)) == dict(back.nodes(data=True))
    assert sorted(built.edges(keys=True, data=True)) == sorted(back.edges(keys=True, data=True))
    memory = KnowledgeGraph(built, base=loaded.base)
    for node in built:
        assert [n.to_dict() for n in memory.neighbors(node)] == [n.to_dict() for n in loaded.neighbors(node)]
    assert kg.load(loaded.source).graph.number_of_edges() == built.number_of_edges()     # the .ttl file itself


def test_one_line_sparql_finds_the_neighbours(seeds_build):
    _, g = seeds_build
    person = g.find("Jakub Pachocki").id
    found = {r["x"].value for r in g.sparql(f"SELECT ?x WHERE {{ {rdf.iri(person)} kgo:discusses ?x }}")}
    assert found == {n.entity.id for n in g.neighbors(person, relation="discusses") if n.direction == "out"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")      # rdflib's JSON-LD parser uses ConjunctiveGraph
@pytest.mark.parametrize("fmt", ["nt", "jsonld"])
def test_other_formats_hold_the_same_triples(seeds_build, seeds_ttl, tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    rdf.write(seeds_build[0].graph, path, fmt, base=seeds_build[1].base)
    turtle = set(ox.parse(path=str(seeds_ttl), format=ox.RdfFormat.TURTLE))
    assert set(ox.parse(path=str(path), format=rdf.FORMATS[fmt])) == turtle
    lenient = rdflib.Graph().parse(path, format={"nt": "nt", "jsonld": "json-ld"}[fmt])
    assert len(lenient) == len(turtle)
    assert kg.load(path).graph.number_of_edges() == seeds_build[0].graph.number_of_edges()


def test_ntriples_are_canonical(seeds_build):
    text = rdf.ntriples(seeds_build[0].graph)
    assert text == ox.serialize(ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES),
                                format=ox.RdfFormat.N_TRIPLES).decode()
    assert all(line.endswith(" .") and "\t" not in line for line in text.splitlines())


def test_jsonld_has_a_context_with_the_prefixes(seeds_build, tmp_path):
    import json

    path = tmp_path / "graph.jsonld"
    rdf.write(seeds_build[0].graph, path, "jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"] == rdf.prefixes()
    node = next(n for n in doc["@graph"] if n["@id"] == "model:codex")
    assert "kgo:Model" in node["@type"] and node["rdfs:label"] == "Codex"


def test_a_broken_file_is_an_input_error_with_a_line(tmp_path):
    bad = tmp_path / "graph.ttl"
    bad.write_text('@prefix kgo: <https://w3id.org/kg-podcasts/ontology#> .\n<a:b> kgo:x "open\n', encoding="utf-8")
    with pytest.raises(errors.InputError) as err:
        kg.load(bad)
    assert err.value.line == 2 and str(bad) in str(err.value)


# -- hostile text ------------------------------------------------------------------------------
HOSTILE = ["<script>alert(1)</script>", 'say "hi"', "{braces}", "`rm -rf`", "two\nlines\r\n", "tab\there", "🚀 GPT‑4o",
           "مرحبا بالعالم", "עברית", "\u202eevil\u202c", "42 is the answer", "-leading dash", ".leading dot", "..",
           ".", "-", "_", "%41%", "back\\slash", "C:\\path", "nul\x00byte", "bell\x07", "del\x7f", "c1\x85",
           "lone\ud800surrogate", "\ufeffbom", "a'b'c", "<>\"{}|^`\\", "   ", ""]
ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=40) | st.sampled_from(HOSTILE)
SAFE_LABEL = ANY_TEXT.map(lambda s: s.encode("utf-8", "replace").decode("utf-8"))   # see test_ids_* below


def _graph(label: str, quote: str, alias: str, kind: str) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    node, episode = ids.mint(kind, label), ids.mint("Episode", quote.encode("utf-8", "replace").decode() or "x")
    g.add_node(node, label=label, type=kind, aliases=[alias, label], sources=[quote], confidence=0.5,
               merged_by={alias: "alias"}, key=alias)
    g.add_node(episode, label=quote, type="Episode", date="2025-01-02", url="https://example.org/?q=" + alias)
    g.add_edge(episode, node, key="mentions", relation="mentions", weight=2, origins=["ner"],
               evidence=[Evidence(quote, episode, alias, 1.5, None, quote, "ner", 0.25)], evidence_count=1)
    return g


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=SAFE_LABEL, quote=ANY_TEXT, alias=ANY_TEXT, kind=st.sampled_from(rdf.TYPES))
@example(label="-x", quote="a\nb", alias="\ud800", kind="Person")
def test_hostile_text_gives_valid_iris_and_exact_literals(label, quote, alias, kind):
    assume(ids.mint(kind, label) != ids.mint("Episode", quote.encode("utf-8", "replace").decode() or "x"))
    g = _graph(label, quote, alias, kind)
    text = rdf.turtle(g)
    strict = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    lenient = rdflib.Graph().parse(data=text, format="turtle")
    assert len(strict) == len(set(strict)) == len(lenient)
    for node in g:
        ox.NamedNode(node)                                           # a valid absolute IRI
        assert re.fullmatch(r"https://example\.org/kg/[a-z]+/[A-Za-z0-9._~%-]+", node), node
        assert rdflib.URIRef(node) in set(lenient.subjects())        # rdflib reads the same IRI back
    back = rdf.from_triples(strict)
    node = ids.mint(kind, label)
    assert back.nodes[node]["label"] == rdf.clean(label)
    assert back.nodes[node]["aliases"] == sorted(dict.fromkeys([rdf.clean(alias), rdf.clean(label)]))
    (u, v, d), = [(u, v, d) for u, v, d in back.edges(data=True)]
    ev = d["evidence"][0]
    assert (ev.quote, ev.speaker) == (rdf.clean(quote) if quote else None, rdf.clean(alias) if alias else None)
    assert rdf.clean(label) in {str(o) for o in lenient.objects(rdflib.URIRef(node), RDFS.label)}


def _hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n, label in enumerate(HOSTILE):
        safe = label.encode("utf-8", "replace").decode()
        g = nx.compose(g, _graph(f"{safe} {n}", label, HOSTILE[-n - 1], rdf.TYPES[n % len(rdf.TYPES)]))
    return g


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_hostile_text_survives_every_format(tmp_path):
    g = _hostile_graph()
    triples = set(rdf.to_triples(g))
    for fmt in ("ttl", "nt", "jsonld"):
        path = tmp_path / f"g.{fmt}"
        rdf.write(g, path, fmt)
        assert {q.triple for q in ox.parse(path=str(path), format=rdf.FORMATS[fmt])} == triples, fmt
        assert len(rdflib.Graph().parse(path, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])) \
            == len(triples), fmt
        back = kg.load(path).graph
        assert nx.utils.graphs_equal(back, rdf.from_triples(triples))
        assert {n: d["label"] for n, d in back.nodes(data=True)} == \
            {n: rdf.clean(d["label"]) for n, d in g.nodes(data=True)}, fmt            # the source graph's labels


def test_turtle_does_not_depend_on_the_hash_seed(tmp_path):
    import os
    import subprocess

    script = ("import sys; sys.path.insert(0, %r); from tests.test_rdf import _hostile_graph; from kg import rdf; "
              "sys.stdout.buffer.write(rdf.turtle(_hostile_graph()).encode('utf-8', 'surrogatepass'))" % str(ROOT))
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1 and outputs.pop() == rdf.turtle(_hostile_graph()).encode("utf-8")


def test_ids_mint_survives_a_lone_surrogate():
    assert ox.NamedNode(ids.mint("Person", "\ud800")).value == "https://example.org/kg/person/unnamed"


@pytest.mark.parametrize("label,local", [(".", "%2E"), ("..", "%2E%2E")])
def test_ids_mint_avoids_dot_segments(label, local):
    assert ids.mint("Person", label).rsplit("/", 1)[1] == local


def test_numbers_keep_their_type_and_value():
    g = nx.MultiDiGraph()
    g.add_node("https://example.org/kg/concept/x", label="x", type="Concept", mentions=3, confidence=1.0,
               degree=1e-07, betweenness=float("nan"), community=0)
    d = rdf.from_triples(rdf.to_triples(g)).nodes["https://example.org/kg/concept/x"]
    assert (d["mentions"], d["confidence"], d["degree"], d["community"]) == (3, 1.0, 1e-07, 0)
    assert type(d["mentions"]) is int and type(d["confidence"]) is float and d["betweenness"] != d["betweenness"]


def test_unknown_type_or_relation_is_a_clear_error():
    g = nx.MultiDiGraph()
    g.add_node("https://example.org/kg/x/y", label="y", type="Robot")
    with pytest.raises(ValueError, match="type 'Robot'"):
        rdf.turtle(g)
    g = nx.MultiDiGraph()
    g.add_node("not an iri", label="y", type="Person")
    with pytest.raises(ValueError, match="not a valid IRI"):
        rdf.turtle(g)


# -- speed -----------------------------------------------------------------------------------
@pytest.mark.slow
def test_turtle_export_is_within_3x_of_pyoxigraph():
    sys.path.insert(0, str(ROOT / "bench"))
    import rdf_export

    g = rdf_export.synthetic(100_000)
    result = rdf_export.measure(g, "synthetic-100k", repeat=5)
    assert result["triples"] >= 100_000
    assert result["ratio"] <= 3.0, result
