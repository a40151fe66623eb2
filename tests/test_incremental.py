"""Incremental builds: a per-file extraction cache shared by all outputs; determinism."""
import json
import shutil
import time

import pytest

import kg
from conftest import EXAMPLES


@pytest.fixture()
def corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, target)
    return target


def run_json(out):
    return json.loads((out / "run.json").read_text())


def test_rebuild_into_another_folder_reuses_the_cache_and_is_byte_identical(corpus, tmp_path):
    cache = tmp_path / "cache"
    kg.build([corpus], out=tmp_path / "a", cache_dir=cache, progress=False)
    shutil.rmtree(cache / "builds")            # no whole-build memo: the per-file entries are used
    kg.build([corpus], out=tmp_path / "b", cache_dir=cache, progress=False)
    kg.build([corpus], out=tmp_path / "c", cache=False, progress=False)
    assert run_json(tmp_path / "a")["cache"] == {"files": 9, "extracted": 9, "cached": 0, "corrupt": 0}
    assert run_json(tmp_path / "b")["cache"] == {"files": 9, "extracted": 0, "cached": 9, "corrupt": 0}
    assert "reused" not in run_json(tmp_path / "b")
    for name in ("graph.ttl", "graph.load.json", "report.json", "graph.html"):
        a = (tmp_path / "a" / name).read_bytes()
        assert a == (tmp_path / "b" / name).read_bytes() == (tmp_path / "c" / name).read_bytes(), name


def test_a_new_reader_never_reuses_mentions_extracted_from_what_the_old_one_read(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    kg.build([corpus], out=tmp_path / "a", cache_dir=cache, progress=False)
    shutil.rmtree(cache / "builds")
    import importlib

    monkeypatch.setattr(importlib.import_module("kg.build"), "reader_version", lambda: "a reader that reads differently")
    kg.build([corpus], out=tmp_path / "b", cache_dir=cache, progress=False)
    assert run_json(tmp_path / "b")["cache"] == {"files": 9, "extracted": 9, "cached": 0, "corrupt": 0}


def test_changing_one_file_re_extracts_only_that_file(corpus, tmp_path):
    cache = tmp_path / "cache"
    kg.build([corpus], out=tmp_path / "a", cache_dir=cache, progress=False)
    note = corpus / "transcripts" / "ep-019-bracket-time.txt"
    note.write_text(note.read_text() + "\n[00:30:00] Priya Raman: One more thing about Mistral AI.\n")
    kg.build([corpus], out=tmp_path / "b", cache_dir=cache, progress=False)
    assert run_json(tmp_path / "b")["cache"] == {"files": 9, "extracted": 1, "cached": 8, "corrupt": 0}
    assert "transcripts/ep-019-bracket-time.txt" in kg.load(tmp_path / "b").find("Mistral AI").sources


def test_a_corrupt_cache_entry_is_detected_and_rebuilt(corpus, tmp_path):
    cache = tmp_path / "cache"
    kg.build([corpus], out=tmp_path / "a", cache_dir=cache, progress=False)
    shutil.rmtree(cache / "builds")            # no whole-build memo: the per-file entries are used
    entries = sorted((cache / "extract").rglob("*.json"))
    entries[0].write_bytes(entries[0].read_bytes()[:100])                 # truncated
    tampered = json.loads(entries[1].read_text())
    tampered["payload"][0]["sentences"].append(10**9)                    # tampered: the checksum no longer fits
    entries[1].write_text(json.dumps(tampered))
    kg.build([corpus], out=tmp_path / "b", cache_dir=cache, progress=False)
    assert run_json(tmp_path / "b")["cache"] == {"files": 9, "extracted": 2, "cached": 7, "corrupt": 2}
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()


def test_no_cache_forces_a_full_run_and_xdg_cache_home_is_the_default(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    kg.build([corpus], out=tmp_path / "a", progress=False)
    assert (tmp_path / "xdg" / "kg" / "extract").is_dir()
    kg.build([corpus], out=tmp_path / "b", cache=False, progress=False)
    assert run_json(tmp_path / "b")["cache"]["extracted"] == 9


@pytest.mark.slow
def test_warm_rebuild_of_the_seeds_is_at_least_ten_times_faster(seeds_dir, tmp_path):
    # CPU time of this process (one worker, so NER runs here too): robust to other jobs on the machine
    cache = tmp_path / "cache"
    start = time.process_time()
    kg.build([seeds_dir], out=tmp_path / "cold", cache_dir=cache, progress=False, workers=1)
    cold = time.process_time() - start
    warm = float("inf")
    for n in range(2):
        start = time.process_time()
        kg.build([seeds_dir], out=tmp_path / f"warm{n}", cache_dir=cache, progress=False, workers=1)
        warm = min(warm, time.process_time() - start)
    assert run_json(tmp_path / "warm1")["cache"]["extracted"] == 0
    assert cold / warm >= 10, f"cold {cold:.2f}s, warm {warm:.2f}s"


def test_an_unchanged_corpus_reuses_the_whole_build_and_a_damaged_memo_is_rebuilt(corpus, tmp_path):
    cache = tmp_path / "cache"
    first = kg.build([corpus], out=tmp_path / "a", cache_dir=cache, progress=False)
    again = kg.build([corpus], out=tmp_path / "b", cache_dir=cache, progress=False)
    assert run_json(tmp_path / "b")["reused"] is True and "reused" not in run_json(tmp_path / "a")
    assert (again.documents, again.entities, again.edges) == (first.documents, first.entities, first.edges)
    assert again.graph.number_of_nodes() == first.graph.number_of_nodes()          # read back on demand
    for name in ("graph.ttl", "graph.load.json", "report.json", "graph.html"):       # restored, byte-identical
        assert (tmp_path / "b" / name).read_bytes() == (tmp_path / "a" / name).read_bytes(), name
    entry = next((cache / "builds").iterdir())
    (entry / "graph.ttl").write_text("damaged")
    kg.build([corpus], out=tmp_path / "c", cache_dir=cache, progress=False)
    assert "reused" not in run_json(tmp_path / "c")
    assert (tmp_path / "c" / "graph.ttl").read_bytes() == (tmp_path / "a" / "graph.ttl").read_bytes()
    kg.build([corpus], out=tmp_path / "d", cache_dir=cache, progress=False, min_cooccurrence=1)
    assert "reused" not in run_json(tmp_path / "d")                                  # other settings


def test_adding_an_episode_extracts_and_decides_only_it_and_gives_the_cold_builds_bytes(corpus, tmp_path):
    cache = tmp_path / "cache"
    added = corpus / "transcripts" / "ep-019-bracket-time.txt"
    kept = tmp_path / "kept.txt"
    shutil.move(added, kept)
    kg.build([corpus], out=tmp_path / "before", cache_dir=cache, progress=False)
    shutil.move(kept, added)
    kg.build([corpus], out=tmp_path / "after", cache_dir=cache, progress=False)
    kg.build([corpus], out=tmp_path / "cold", cache=False, progress=False)
    assert run_json(tmp_path / "after")["cache"] == {"files": 9, "extracted": 1, "cached": 8, "corrupt": 0}
    assert "transcripts/ep-019-bracket-time.txt" not in (tmp_path / "before" / "report.json").read_text()
    # resolution too: the added episode's mentions are decided, every other document's decisions replayed
    before, after = run_json(tmp_path / "before")["resolve"], run_json(tmp_path / "after")["resolve"]
    assert before == {"documents": after["documents"] - 1, "decided": after["documents"] - 1, "replayed": 0}
    assert after == {"documents": after["documents"], "decided": 1, "replayed": after["documents"] - 1}
    assert run_json(tmp_path / "cold")["resolve"] == {"documents": after["documents"], "decided": after["documents"],
                                                      "replayed": 0}
    for name in ("graph.ttl", "graph.load.json", "report.json", "graph.html"):
        assert (tmp_path / "after" / name).read_bytes() == (tmp_path / "cold" / name).read_bytes(), name


def test_a_damaged_decision_is_decided_again_and_a_new_gazetteer_entry_reaches_every_document(corpus, tmp_path):
    cache = tmp_path / "cache"
    kg.build([corpus], out=tmp_path / "a", cache_dir=cache, progress=False)
    shutil.rmtree(cache / "builds")
    entry = sorted((cache / "resolve").rglob("*.json"))[0]
    entry.write_bytes(entry.read_bytes()[:-40])
    kg.build([corpus], out=tmp_path / "b", cache_dir=cache, progress=False)
    n = run_json(tmp_path / "b")["resolve"]["documents"]
    assert run_json(tmp_path / "b")["resolve"] == {"documents": n, "decided": 1, "replayed": n - 1}
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()
    # the gazetteer is part of every decision's key: a new entry is seen in every document, as cold
    (corpus / ".kg" / "gazetteer").mkdir(parents=True)
    (corpus / ".kg" / "gazetteer" / "mine.yaml").write_text(
        "version: 1\nentities:\n  - key: priya-raman\n    label: Priya Raman\n    type: Person\n    aliases: [Priya]\n")
    kg.build([corpus], out=tmp_path / "c", cache_dir=cache, progress=False)
    kg.build([corpus], out=tmp_path / "cold", cache=False, progress=False)
    assert run_json(tmp_path / "c")["resolve"]["replayed"] == 0
    assert (tmp_path / "c" / "graph.ttl").read_bytes() == (tmp_path / "cold" / "graph.ttl").read_bytes()


def test_with_corrections_every_document_is_decided_again(corpus, tmp_path):
    (corpus / ".kg").mkdir(exist_ok=True)
    (corpus / ".kg" / "corrections.yaml").write_text("ignore:\n  - Mistral AI\n")
    cache = tmp_path / "cache"
    kg.build([corpus], out=tmp_path / "a", cache_dir=cache, progress=False)
    shutil.rmtree(cache / "builds")
    kg.build([corpus], out=tmp_path / "b", cache_dir=cache, progress=False)
    n = run_json(tmp_path / "b")["resolve"]["documents"]
    assert run_json(tmp_path / "b")["resolve"] == {"documents": n, "decided": n, "replayed": 0}
    assert kg.load(tmp_path / "b").find("Mistral AI") is None
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()
