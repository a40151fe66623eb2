"""SPARQL on a build's persistent store: made once in kg's cache folder, opened by later queries
and processes, never in the build folder; a changed graph gets its own store."""
import shutil

import pytest

import kg
from kg import sparql

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a kgo:Person }"


@pytest.fixture()
def out(examples_build, tmp_path, monkeypatch):
    """A private copy of the example build, a private cache folder, and every graph persisted."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sparql, "PERSIST_BYTES", 0)
    result, _ = examples_build
    shutil.copytree(result.out, tmp_path / "out")
    return tmp_path / "out"


def stores(out):
    folder = out.parent / "xdg" / "kg" / "sparql"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def people(g) -> int:
    return int(next(iter(g.sparql(COUNT)))["n"].value)


def test_the_first_query_makes_the_store_and_later_ones_open_it(out):
    expected = len(list(kg.load(out).entities(type="Person")))
    assert people(kg.load(out)) == expected
    made = stores(out)
    assert len(made) == 1 and made[0].startswith(kg.load(out)._sha256)
    listing = sorted(p.name for p in out.iterdir())
    assert people(kg.load(out)) == expected and stores(out) == made          # opened, not made again
    assert sorted(p.name for p in out.iterdir()) == listing                   # nothing in the build folder


def test_a_changed_graph_never_gets_the_old_store(out):
    assert people(kg.load(out)) == len(list(kg.load(out).entities(type="Person")))
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    (out / "graph.ttl").write_text(text.replace("kgo:Person", "kgo:Organization"), encoding="utf-8")
    assert people(kg.load(out)) == 0
    assert len(stores(out)) == 2


def test_a_graph_changed_after_loading_is_queried_as_loaded(out):
    g = kg.load(out)
    expected = len(list(g.entities(type="Person")))
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    (out / "graph.ttl").write_text(text.replace("kgo:Person", "kgo:Organization"), encoding="utf-8")
    assert people(g) == expected and stores(out) == []                       # in memory, from the loaded graph


def test_a_damaged_store_is_made_again_and_only_the_latest_stores_are_kept(out):
    expected = len(list(kg.load(out).entities(type="Person")))
    assert people(kg.load(out)) == expected > 0
    folder = out.parent / "xdg" / "kg" / "sparql"
    for file in next(folder.iterdir()).iterdir():
        file.unlink()
    assert people(kg.load(out)) == expected and len(stores(out)) == 1
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    for n in range(sparql.KEEP + 1):
        (out / "graph.ttl").write_text(text + f"# {n}\n", encoding="utf-8")
        assert people(kg.load(out)) == expected
    assert len(stores(out)) == sparql.KEEP


def test_a_json_ld_export_is_queried_in_memory_not_read_as_turtle(out, tmp_path):
    from kg.cli import main

    jsonld = tmp_path / "graph.jsonld"
    assert main(["export", "-g", str(out), "--format", "jsonld", "-o", str(jsonld)]) == 0
    assert people(kg.load(jsonld)) == len(list(kg.load(out).entities(type="Person")))
    assert stores(out) == []
