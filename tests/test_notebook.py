"""The example notebook runs top to bottom and shows real answers."""
from pathlib import Path

import nbformat
import pytest

import kg
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


@pytest.mark.slow
def test_explore_notebook_executes(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_REPO", str(NOTEBOOK.parents[1]))
    monkeypatch.setenv("KG_NOTEBOOK_OUT", str(tmp_path / "out"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = ["".join(o.get("text", "") or "".join(o.get("data", {}).get("text/plain", ""))
                       for o in cell.get("outputs", [])) for cell in nb.cells if cell.cell_type == "code"]
    g = kg.load(tmp_path / "out")
    assert outputs[0].startswith(f"13 documents, {g.graph.number_of_nodes()} entities,")
    who = g.who_discusses("reinforcement learning")
    assert [line.split()[:3] for line in outputs[1].splitlines()] == [
        n.entity.label.split() + [f"{n.weight:g}"] for n in who]
    table = outputs[2].splitlines()
    assert table[0].split() == ["entity", "type", "relation", "weight"]
    expected = [n.entity.label[:28].strip() for n in g.neighbors("OpenAI", limit=12)]
    assert [row[:28].strip() for row in table[2:]] == expected
    plot = [cell for cell in nb.cells if cell.cell_type == "code"][3].outputs
    assert [o for o in plot if "image/png" in o.get("data", {})], "the timeline is not shown inline"
    rl = g.find("reinforcement learning").id
    undated = [d.get("weight", 1) for u, _, rel, d in g.graph.in_edges(rl, keys=True, data=True)
               if rel == "mentions" and not g.graph.nodes[u].get("date")]
    assert undated, "the example corpus has undated episodes naming it: the notebook must say so"
    said = "".join(o.get("text", "") for o in plot if o.output_type == "stream")
    assert said == f"left out: {len(undated)} undated episode(s) with {sum(undated)} mention(s) of reinforcement learning\n"
    result = [o for o in plot if o.output_type == "execute_result"][0]
    assert result["data"]["text/plain"] == repr(g.timeline("reinforcement learning"))
    assert (tmp_path / "out" / "timeline.png").stat().st_size > 1000
