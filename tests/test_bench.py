"""Smoke run of the benchmark (bench/run.py) at a tiny size: the report's structure, and the
ratios that hold even there. The real numbers come from `python bench/run.py` (BENCHMARKS.md)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--copies", "2", "--repeat", "1", "--sources",
               "examples", "--workers", "2", "--out", str(tmp / "BENCH.md"), "--json", str(tmp / "bench.json")]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return (tmp / "BENCH.md").read_text(), json.loads((tmp / "bench.json").read_text()), proc.stderr


@pytest.mark.slow
def test_the_report_states_the_command_the_machine_and_every_target(bench):
    report, _, _ = bench
    assert "python bench/run.py --copies 2 --repeat 1 --sources examples --workers 2" in report
    for row in ("| cores | ", "| ram_gb | ", "| python | ", "| spacy | ", "| model | ", "| workers | 2 |"):
        assert row in report, row
    for target in ("| full build vs raw `nlp.pipe` (senter + ner, same model, 2 processes, batch ",
                   "| warm rebuild (no change) vs cold build, 2x |", "| peak memory (build process + workers), 2x vs 1x |",
                   "| Turtle export, `kg.rdf.write` vs `pyoxigraph.serialize` ("):
        assert target in report, target
    assert report.count("| >= ") + report.count("| <= ") == 4
    for stage in ("| read |", "| extract |", "| resolve |", "| link |", "| export turtle |", "| total |"):
        assert stage in report, stage


@pytest.mark.slow
def test_the_measurements_are_consistent_and_the_size_independent_ratios_hold(bench):
    _, data, log = bench
    s, runs = data["summary"], data["runs"]
    assert set(data["passed"]) == {"throughput", "warm", "memory", "turtle"}
    assert s["words"] == runs["raw"][0]["words"]                                  # both sides saw the same text
    assert s["words"] > 2 * s["words_1x"] and s["entities_nx"] > s["entities_1x"] + 10   # the copy adds new names (96 -> 119 here)
    assert runs["raw"][0]["components"] == ["senter", "ner"]
    assert runs["cold"][0]["cache"]["extracted"] == runs["cold"][0]["cache"]["files"]
    assert runs["warm"][0]["cache"]["extracted"] == 0
    assert all(x["workers"] == 2 for x in runs["cold"]) and all(x["workers"] == 0 for x in runs["warm"])
    assert all(x["cache"]["extracted"] == 1 for x in runs["changed"])       # one file changed, one re-extracted
    assert s["memory"] <= 1.3, s                                   # twice the corpus, no more memory
    assert s["warm"] >= 1.5, s                                     # no NER at all in a warm build
    assert s["throughput"] > 0 and s["turtle"] > 0 and s["triples"] > 1000
    assert "bench: wrote" in log
