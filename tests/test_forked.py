"""The page drawn in a forked child (kg.forked): the same bytes as drawn in the build's process,
and a child that fails or dies costs time, never the page."""
import importlib
import os
import shutil

import pytest

import kg
from kg.forked import Forked, can_fork

from conftest import EXAMPLES

pytestmark = pytest.mark.skipif(not can_fork(), reason="fork is used on Linux only")


def test_the_bytes_come_from_the_child():
    parent = os.getpid()
    job = Forked(lambda: str(os.getpid() == parent).encode())
    assert job.forked
    assert job.result() == b"False"


def test_a_child_that_raises_or_dies_is_made_again_in_the_parent():
    parent = os.getpid()

    def raises():
        if os.getpid() != parent:
            raise MemoryError("the child ran out")
        return b"made here"

    def dies():
        if os.getpid() != parent:
            os._exit(9)
        return b"made here too"

    assert Forked(raises).result() == b"made here"
    assert Forked(dies).result() == b"made here too"


def test_an_error_of_the_parent_s_own_making_is_raised_with_its_message():
    with pytest.raises(ValueError, match="no page"):
        Forked(lambda: (_ for _ in ()).throw(ValueError("no page"))).result()


def test_a_build_with_the_page_forked_writes_the_same_bytes(tmp_path, monkeypatch):
    build_module = importlib.import_module("kg.build")
    inline = kg.build([EXAMPLES], out=tmp_path / "inline", cache_dir=tmp_path / "cache", progress=False)
    assert inline.entities < build_module.FORK_NODES       # a small graph: drawn in the build's process
    monkeypatch.setattr(build_module, "FORK_NODES", 0)
    jobs = []
    monkeypatch.setattr(build_module, "Forked", lambda *a, **k: jobs.append(Forked(*a, **k)) or jobs[-1])
    shutil.rmtree(tmp_path / "cache" / "builds")            # the whole-build memo: the page must be drawn again
    forked = kg.build([EXAMPLES], out=tmp_path / "forked", cache_dir=tmp_path / "cache", progress=False)
    assert forked.run["resolve"]["replayed"] == forked.documents
    for name in ("graph.html", "graph.ttl", "graph.load.json", "report.json"):
        assert (tmp_path / "forked" / name).read_bytes() == (tmp_path / "inline" / name).read_bytes(), name
    assert [job.forked for job in jobs] == [True]
