"""`kg.build` end to end on the example corpus and the seeds; `kg.load` and the basic API."""
import json

import pytest

import kg


def test_build_writes_graph_view_and_report(examples_build):
    result, _ = examples_build
    assert sorted(p.name for p in result.out.iterdir()) == [".kg-lock", ".kg-output", "graph.html", "graph.load.json",
                                                            "graph.ttl", "report.json", "run.json"]
    report = json.loads((result.out / "report.json").read_text())
    assert (report["files"], report["documents"], report["episodes"], report["entity_notes"]) == (10, 13, 13, 1)
    assert report["skipped"] == [] and report["warnings"] == []
    assert report["counts"]["relations"]["part_of"] == 13
    run = json.loads((result.out / "run.json").read_text())
    assert set(run["timings"]) >= {"read", "extract", "resolve", "link", "export turtle", "export html"}
    assert run["cache"] == {"files": 9, "extracted": 9, "cached": 0, "corrupt": 0}     # 10th: the entity note


def test_episodes_carry_sources_and_structure(examples_build):
    _, g = examples_build
    ep = g.find("Why reasoning models think out loud")
    assert ep.type == "Episode" and ep.sources == ["transcripts/ep-017-colon-style.txt"]
    structure = {(n.relation, n.entity.label, n.entity.type) for n in g.neighbors(ep.id)
                 if n.relation in ("part_of", "hosted_by", "features")}
    assert structure == {("part_of", "Gradient Hours", "Show"), ("hosted_by", "Priya Raman", "Person"),
                         ("features", "Tomasz Wierzbicki", "Person")}


def test_entities_by_type_and_find(examples_build):
    _, g = examples_build
    shows = [e.label for e in g.entities(type="Show")]
    assert shows == ["Careful Machines", "Gradient Hours", "Open Weights Radio"]
    assert {e.label for e in g.entities(type="Person")} >= {"Priya Raman", "Tomasz Wierzbicki", "Geoffrey Hinton"}
    assert g.find("open ai").label == "OpenAI"
    assert g.find("ANTHROPIC").label == "Anthropic"
    assert g.find("Tomek").label == "Tomasz Wierzbicki"          # alias from the entity note
    tomasz = g.find("Tomasz Wierzbicki")                           # the entity note is one of his sources
    assert tomasz.sources == ["2024-03-12 Scaling and its discontents.md", "People/Tomasz Wierzbicki.md",
                              "subtitles/ep-023.srt", "transcripts/ep-017-colon-style.txt"]
    assert tomasz.aliases == ["T. Wierzbicki", "Tomasz", "Tomek"]
    with pytest.raises(ValueError, match="unknown type 'Robot'"):
        list(g.entities(type="Robot"))


def test_neighbors_sorted_by_weight_then_label(examples_build):
    _, g = examples_build
    found = g.neighbors("OpenAI")
    keys = [(-n.weight, n.entity.label.casefold()) for n in found]
    assert keys == sorted(keys)
    assert all(n.entity.id != g.find("OpenAI").id for n in found)


def test_stub_episodes_never_get_the_pages_entities(examples_build):
    _, g = examples_build
    page = g.find("Sunita Varga on why AGI timelines are really a governance question")   # the page: "#57 – ..."
    labels = {n.entity.label for n in g.neighbors(page.id)}
    assert "Mistral AI" not in labels and "AlphaFold" not in labels
    stub = g.find("Small team, frontier weights: the rise of Mistral AI")
    assert stub.type == "Episode" and stub.attrs.get("stub") is True


def test_seeds_build_reads_every_seed(seeds_build):
    result, g = seeds_build
    assert result.skipped == []
    assert [w.reason for w in result.warnings] == ["repaired mojibake (text that was decoded with the wrong encoding)"]
    episodes = [e for e in g.entities(type="Episode") if not e.attrs.get("stub")]
    assert len(episodes) == 5
    assert sum(1 for e in g.entities(type="Episode") if e.attrs.get("stub")) == 8


def test_load_errors_say_what_to_do(tmp_path):
    with pytest.raises(kg.GraphNotFound, match="run 'kg build CORPUS -o"):
        kg.load(tmp_path / "nothing-here")


def test_build_of_a_folder_without_episodes_is_a_clear_error(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG")
    with pytest.raises(kg.KgError, match="nothing to build: no readable episode"):
        kg.build([tmp_path], out=tmp_path / "out", cache=False)


def test_progress_counts_characters_so_the_time_left_follows_the_text(tmp_path, monkeypatch):
    import importlib

    from kg.read import read_corpus

    build_module = importlib.import_module("kg.build")      # `kg.build` is the function

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {"short.md": "Ada Byron: We met at Loomworks in London.\n",
             "long.md": "Ada Byron: " + "Charles Babbage built the Analytical Engine in London. " * 60 + "\n"}
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    bars = []
    made = build_module._progress

    def watched(*args):
        bar = made(*args)
        bars.append(bar)
        return bar

    monkeypatch.setattr(build_module, "_progress", watched)
    kg.build([corpus], out=tmp_path / "out", cache_dir=tmp_path / "cache", workers=1, progress=True)
    chars = sum(len(d.text) for d in read_corpus([corpus]).documents)
    assert [(b.desc, b.unit, b.n, b.total) for b in bars] == [("read", "file", 2, 2), ("extract", "char", chars, chars)]
    assert chars > 3000 and bars[1].postfix == "2/2 documents"
