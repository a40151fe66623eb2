"""The compact load file (graph.load.json): the same graph as the Turtle, used only while it can be
trusted, never written by kg.load."""
import json
import logging
import math
import shutil
import subprocess
import sys

import networkx as nx
import pytest

import kg
from kg import fastload, rdf
from kg.model import Evidence

BASE = "https://example.org/kg/"


@pytest.fixture()
def out(examples_build, tmp_path):
    """A private copy of the example corpus's build folder."""
    result, _ = examples_build
    target = tmp_path / "out"
    shutil.copytree(result.out, target)
    return target


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    """Same nodes and edges, in the same order, with the same attributes in the same order (evidence too)."""
    assert [(n, repr(d)) for n, d in a.nodes(data=True)] == [(n, repr(d)) for n, d in b.nodes(data=True)]
    assert [(u, v, k, repr(d)) for u, v, k, d in a.edges(keys=True, data=True)] == \
        [(u, v, k, repr(d)) for u, v, k, d in b.edges(keys=True, data=True)]


def answers(g: kg.KnowledgeGraph) -> list:
    """What a user sees: every entity's neighbours, with evidence."""
    return [(e.id, [n.to_dict() for n in g.neighbors(e.id)]) for e in g.entities()]


def test_a_build_writes_a_load_file_that_gives_the_turtles_graph(out):
    turtle = rdf.read(out / "graph.ttl")
    fast = kg.load(out)
    assert fast.find("open ai") is not None and fast.neighbors("OpenAI")
    assert answers(fast) == answers(kg.KnowledgeGraph(turtle))
    same_graph(fast.to_networkx(), turtle)
    # what the build wrote from its own graph is what the Turtle's graph gives: byte for byte
    assert fastload.dumps(turtle, (out / "graph.ttl").read_bytes()) == (out / fastload.NAME).read_bytes()


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    ep, ada, gpt = BASE + "episode/ep-1", BASE + "person/ada", BASE + "model/gpt-4"
    g.add_node(ep, label="Ep\x00 1", type="Episode", date="2025-01-02", url="https://youtu.be/x?t=1",
               formats=["transcript", "transcript"], stub=True, chapters=[{"title": "Intro\x1b", "seconds": 2.0},
                                                                         {"title": "More", "url": "https://e.org/#c"}])
    g.add_node(ada, label="Ada \u202eL", type="Person", aliases=["A. L.", "Ada", "A. L."], mentions=3.0,
               confidence=1.0, wikidata="Q7259", merged_by={"ada": "name", "A\x01da": "fuzzy"}, sources=["b", "a"],
               degree=1e-07, betweenness=0.0, community=2, key="ada-l", internal={"not": "in the Turtle"})
    g.add_node(gpt, label="GPT-4", type="Model", broader=[BASE + "model/gpt"], mentions=2)
    g.add_node(BASE + "model/gpt", label="GPT", type="Model")
    g.add_edge(ep, ada, key="features", relation="features", weight=1.0, origins=["metadata", "metadata"])
    g.add_edge(ep, gpt, key="mentions", relation="mentions", weight=2, score=float("nan"),
               evidence=[Evidence("a.md", ep, "Ada", 61, "https://e.org/#t", 'She said "GPT-4"\n', "ner", 0.5),
                         {"source": "b.md", "quote": "", "speaker": "", "origin": "ruler"}])
    g.add_edge(ada, gpt, key="discusses", relation="discusses", weight=1, evidence_count=0, score=-0.0,
               evidence=[Evidence("a.md", seconds=1.5)])
    return g


def test_any_graph_gives_the_load_file_of_its_turtle():
    g = hostile_graph()
    turtle = rdf.turtle(g).encode()
    back = rdf.from_triples(rdf.to_triples(g))
    assert fastload.dumps(g, turtle) == fastload.dumps(back, turtle)
    nodes, edges = fastload.as_read(g)
    assert [(n, repr(d)) for n, d in nodes.items()] == [(n, repr(d)) for n, d in back.nodes(data=True)]
    assert math.isnan(next(d for _, _, rel, d in edges if rel == "mentions")["score"])


def test_a_hostile_graph_loads_from_its_load_file_as_from_its_turtle(tmp_path):
    g = hostile_graph()
    rdf.write(g, tmp_path / "graph.ttl")
    (tmp_path / fastload.NAME).write_bytes(fastload.dumps(g, (tmp_path / "graph.ttl").read_bytes()))
    fast, turtle = kg.load(tmp_path), rdf.read(tmp_path / "graph.ttl")
    assert fastload.read(tmp_path / fastload.NAME, tmp_path / "graph.ttl") is not None
    evidence = fast.neighbors("GPT-4", relation="mentions")[0].evidence
    assert [(e.quote, e.speaker) for e in evidence] == [('She said "GPT-4"\n', "Ada"), (None, None)]
    assert repr(fast.to_networkx().edges[BASE + "episode/ep-1", BASE + "model/gpt-4", "mentions"]) == \
        repr(turtle.edges[BASE + "episode/ep-1", BASE + "model/gpt-4", "mentions"])


def fake_graph_file(out, label="Not From The Turtle"):
    """A load file of another graph, recorded as the load file of out/graph.ttl: tells which file kg.load used."""
    g = nx.MultiDiGraph()
    g.add_node(BASE + "person/x", label=label, type="Person")
    g.add_node(BASE + "model/y", label="Y", type="Model")
    g.add_edge(BASE + "person/x", BASE + "model/y", key="discusses", relation="discusses",
               evidence=[Evidence("x.md", quote="Y is good")])
    (out / fastload.NAME).write_bytes(fastload.dumps(g, (out / "graph.ttl").read_bytes()))


def test_the_load_file_is_used_only_while_the_turtle_is_the_one_it_was_written_with(out, caplog):
    fake_graph_file(out)
    assert kg.load(out).find("Not From The Turtle") is not None          # trusted: it matches graph.ttl
    assert kg.load(out / "graph.ttl").find("Not From The Turtle") is not None
    text = (out / "graph.ttl").read_bytes()
    for changed in (text + b"\n", text.replace(b"OpenAI", b"OpenAJ", 1)):    # longer; same size, other bytes
        (out / "graph.ttl").write_bytes(changed)
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="kg"):            # judged by the first question at the latest
            g = kg.load(out)
            assert g.find("Not From The Turtle") is None and g.find("Anthropic") is not None
        assert "not written with this graph.ttl" in caplog.text


def damaged(data: bytes) -> dict[str, bytes]:
    head, rest = data.split(b"\n", 1)
    header = json.loads(head)
    middle = header["graph"]["bytes"] // 2
    flipped = bytearray(data)
    flipped[len(head) + 1 + middle] ^= 0x01
    quote = data.rindex(b"is good")                              # a byte of the quote, in part 2
    late = bytearray(data)
    late[quote - 1] ^= 0x01
    newer = fastload.FORMAT_VERSION + 1
    return {
        "truncated": data[: len(data) * 2 // 3], "only its header": head + b"\n", "empty": b"",
        "a flipped byte in part 1": bytes(flipped), "a flipped byte in part 2": bytes(late),
        "another format version": json.dumps({**header, "version": newer}).encode() + b"\n" + rest,
        "another kg version": json.dumps({**header, "kg": "0.0.1"}).encode() + b"\n" + rest,
        "a pickle": b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00.", "not JSON": b"[" + data[1:],
    }


def test_a_damaged_or_foreign_load_file_is_never_trusted(out, caplog):
    expected = answers(kg.KnowledgeGraph(rdf.read(out / "graph.ttl")))
    fake_graph_file(out)
    for what, data in damaged((out / fastload.NAME).read_bytes()).items():
        (out / fastload.NAME).write_bytes(data)
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="kg"):
            g = kg.load(out)
        assert g.find("Not From The Turtle") is None, what
        assert "reading the Turtle instead" in caplog.text, what
    assert answers(g) == expected
    (out / fastload.NAME).unlink()
    (out / fastload.NAME).mkdir()                                  # a folder in its place
    assert answers(kg.load(out)) == expected


def _node_mentions_many(graph):
    graph["nodes"][0][1]["mentions"] = "many"


def _name_of_no_node(graph):
    graph["names"]["openai"] = [len(graph["nodes"]) + 7]


@pytest.mark.parametrize("spoil", [_node_mentions_many, _name_of_no_node])
def test_a_load_file_with_a_value_of_the_wrong_kind_is_not_used(out, caplog, spoil):
    data = (out / fastload.NAME).read_bytes()
    head, rest = data.split(b"\n", 1)
    header = json.loads(head)
    old = header["graph"]["bytes"]
    graph = json.loads(rest[:old])
    spoil(graph)                                                 # hashes made to match: a hand-made file
    part = json.dumps(graph).encode() + b"\n"
    header["graph"] = {"bytes": len(part), "sha256": __import__("hashlib").sha256(part).hexdigest()}
    (out / fastload.NAME).write_bytes(json.dumps(header).encode() + b"\n" + part + rest[old:])
    node = graph["nodes"][0][0]
    with caplog.at_level(logging.DEBUG, logger="kg"):
        loaded = kg.load(out)
        got = loaded.entity(node).mentions, loaded.find("openai").id
    assert "a value of the wrong kind" in caplog.text
    turtle = kg.KnowledgeGraph(rdf.read(out / "graph.ttl"))
    assert got == (turtle.entity(node).mentions, turtle.find("openai").id)


def test_names_are_found_through_the_load_files_index_as_through_the_turtles(out):
    fast, turtle = kg.load(out), kg.KnowledgeGraph(rdf.read(out / "graph.ttl"))
    fast.find("OpenAI")
    assert fast._given_index is not None                         # the index came from the file
    assert fast._index == turtle._index
    for name in ("open ai", "OPENAI", "Sam Altmann", "gpt4", "no such thing here"):
        assert fast.find(name) == turtle.find(name), name


def test_loading_a_graph_imports_neither_spacy_nor_the_readers(out):
    code = ("import sys, kg; g = kg.load(sys.argv[1]); g.neighbors('OpenAI'); "
            "print(sorted(m for m in ('spacy', 'kg.build', 'kg.read', 'rdflib') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_loading_and_asking_never_write_into_the_build_folder(out):
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.is_file()}
    g = kg.load(out)
    g.neighbors("OpenAI")
    g.to_networkx()
    list(g.sparql("SELECT * WHERE { ?s ?p ?o } LIMIT 1"))
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


def test_evidence_is_read_when_asked_for(out):
    g = kg.load(out)
    lazy = g.to_networkx(evidence=False)
    assert not any("evidence" in d for _, _, d in lazy.edges(data=True))
    quotes = [e.quote for n in g.neighbors("OpenAI") for e in n.evidence]
    assert quotes and all(quotes)
    full = g.to_networkx()
    with_evidence = sum("evidence" in d for *_, d in rdf.read(out / "graph.ttl").edges(data=True))
    assert full is lazy and sum("evidence" in d for _, _, d in full.edges(data=True)) == with_evidence > 0


def test_neighbors_read_a_neighbours_evidence_only_when_it_is_used(out):
    import pickle

    g = kg.load(out)
    lazy = g.to_networkx(evidence=False)
    found = g.neighbors("OpenAI")
    assert len(found) > 3 and not any("evidence" in d for _, _, d in lazy.edges(data=True))   # nothing read yet
    first = found[0]
    quotes = [e.quote for e in first.evidence]
    assert quotes and sum("evidence" in d for _, _, d in lazy.edges(data=True)) == 1              # that edge only
    plain = kg.Neighbor(first.entity, first.relation, first.weight, first.score, first.evidence,
                        first.evidence_count, first.direction)
    copy = pickle.loads(pickle.dumps(first))
    assert copy == first and [e.quote for e in copy.evidence] == quotes
    assert plain == first and first == plain and found[1] != plain


def test_every_kind_of_number_is_kept_as_the_turtle_reads_it_back():
    g = nx.MultiDiGraph()
    values = [0, -3, 10**20, 0.0, -0.0, 0.5, 2.0, -2.0, 1e-07, 1e20, 1.5e300, 5e-324, float("inf"), float("-inf"),
              0.1 + 0.2]
    for n, x in enumerate(values):
        g.add_node(f"{BASE}concept/c{n}", label=f"C{n}", type="Concept", degree=x)
    back = rdf.from_triples(rdf.to_triples(g))
    nodes, _ = fastload.as_read(g)
    for n, x in enumerate(values):
        ours, theirs = nodes[f"{BASE}concept/c{n}"]["degree"], back.nodes[f"{BASE}concept/c{n}"]["degree"]
        assert (type(ours), repr(ours)) == (type(theirs), repr(theirs)), x


def test_a_sparql_question_on_a_persisted_store_does_not_parse_the_graph(out, tmp_path, monkeypatch):
    from kg import sparql

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sparql, "PERSIST_BYTES", 0)          # as an archive's graph is: a store on disk
    g = kg.load(out)
    rows = list(g.sparql("SELECT ?p WHERE { ?p a kgo:Person } LIMIT 3"))
    assert len(rows) == 3 and "_graph" not in vars(g)          # the store answered; part 1 left unread
    assert g.find("OpenAI") is not None and "_graph" in vars(g)


def test_a_process_forked_right_after_loading_still_answers(out, monkeypatch):
    import multiprocessing
    import time

    count = fastload.sha256_of
    monkeypatch.setattr(fastload, "sha256_of", lambda path: time.sleep(2) or count(path))   # an archive's 119 MB
    g = kg.load(out)                              # the Turtle's hash is still being counted, on a thread
    child = multiprocessing.get_context("fork").Process(target=lambda: g.find("OpenAI"))
    child.start()
    child.join(60)
    if child.is_alive():
        child.kill()
    assert child.exitcode == 0                    # finished (a hash thread the child lacks is not waited for)


def test_a_graph_file_gone_before_the_first_question_is_a_clear_error(out, monkeypatch):
    def gone(path):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(fastload, "sha256_of", gone)
    g = kg.load(out)
    with pytest.raises(kg.GraphNotFound, match="cannot be read since it was loaded"):
        g.find("OpenAI")
