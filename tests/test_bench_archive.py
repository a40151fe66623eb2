"""Smoke run of the archive benchmark (bench/archive.py) on the example build: each measurement
is kept in results.json as soon as it is done, and a re-run skips what is there."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import ROOT


def run(*args) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "archive.py"), *map(str, args)], capture_output=True,
                          text=True, timeout=600, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def test_measurements_are_kept_and_a_rerun_skips_them(examples_build, tmp_path):
    result, _ = examples_build
    graph = tmp_path / "graph"
    shutil.copytree(result.out, graph)
    run("--graph", graph, "--work", tmp_path / "work", "--only", "sizes,ask")
    results = json.loads((tmp_path / "work" / "results.json").read_text())
    ask = results[f"ask@{graph}"]
    assert set(ask) >= {"find", "neighbors", "who_discusses"} and ask["neighbors"]["worst_ms"] < 1000
    assert results[f"sizes@{graph}"]["graph.load.json"] == (graph / "graph.load.json").stat().st_size
    again = run("--graph", graph, "--work", tmp_path / "work", "--only", "sizes,ask")
    assert f"ask@{graph}: measured already" in again.stderr and again.stdout == ""
    assert json.loads((tmp_path / "work" / "results.json").read_text()) == results
