"""The gazetteer ships inside the wheel (kg/_ontology), and an installed (non-editable) kg finds it."""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_the_wheel_holds_the_gazetteer_and_an_install_loads_it(tmp_path):
    pytest.importorskip("wheel")
    src = tmp_path / "src"
    shutil.copytree(ROOT / "kg", src / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "ontology", src / "ontology", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(src),
                    "-w", str(tmp_path / "dist")], check=True, cwd=tmp_path, capture_output=True)
    wheel, = (tmp_path / "dist").glob("kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.name for p in (ROOT / "ontology" / "gazetteer").glob("*.yaml"))
    assert {f"kg/_ontology/gazetteer/{n}" for n in shipped} <= names and "kg/_ontology/kg.ttl" in names
    assert any(n.startswith("epoch-") for n in shipped)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    code = "import kg.gazetteer as g; print(g.default_dir()); print(len(g.load()))"
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env,
                         cwd=tmp_path).stdout.split()
    assert Path(out[0]).is_relative_to(site) and int(out[1]) > 3000
