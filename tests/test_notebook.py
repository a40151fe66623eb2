"""The example notebook runs top to bottom and shows real answers."""
import os
from pathlib import Path

import nbformat
import pytest
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
    assert "documents," in outputs[0]
    assert "Tomasz Wierzbicki" in outputs[1] or "Priya Raman" in outputs[1]
    assert outputs[2].splitlines()[0].startswith("entity")
    assert "'2024-03-12'" in outputs[3] or "2025" in outputs[3]
    assert (tmp_path / "out" / "timeline.png").stat().st_size > 1000
    assert os.environ["KG_NOTEBOOK_OUT"] == str(tmp_path / "out")
