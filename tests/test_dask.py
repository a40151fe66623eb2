"""`kg build --scheduler`: a real Dask scheduler and workers on loopback, started as separate
processes by the commands behind `dask scheduler` / `dask worker`; killed workers; clear errors."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from conftest import ROOT

import kg
from kg import distributed
from kg.errors import ConfigError, KgError

pytest.importorskip("distributed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A scheduler and `n` single-threaded workers (no nanny, so a killed worker stays dead)."""

    def __init__(self, n: int, tmp_path):
        self.address = f"tcp://127.0.0.1:{free_port()}"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
        self.logs = tmp_path
        log = open(tmp_path / "scheduler.log", "w")  # noqa: SIM115 - open while the scheduler runs
        self.procs = [subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", self.address.rsplit(":", 1)[1],
                                        "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=log, env=env, cwd=ROOT)]
        for i in range(n):
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--nworkers", "1",
                 "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"w{i}"],
                stdout=subprocess.DEVNULL, stderr=open(tmp_path / f"worker{i}.log", "w"),  # noqa: SIM115
                env=env, cwd=ROOT))
        self.client = self._connect(n)

    def _connect(self, n: int):
        from distributed import Client

        deadline = time.monotonic() + 120
        while True:
            try:
                client = Client(self.address, timeout=5, set_as_default=False)
                client.wait_for_workers(n, timeout=max(1, deadline - time.monotonic()))
                return client
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError("cluster did not start: " + (self.logs / "scheduler.log").read_text()[-2000:])
                time.sleep(0.5)

    def worker_pids(self) -> dict[str, int]:
        return self.client.run(os.getpid)

    def kill_a_busy_worker(self, timeout: float = 120) -> str:
        """SIGKILL a worker as soon as it is running an extraction task; return its address."""
        pids = self.worker_pids()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for worker, keys in self.client.processing().items():
                if any(str(k).startswith("kg-extract-") for k in keys):
                    os.kill(pids[worker], signal.SIGKILL)
                    return worker
            time.sleep(0.05)
        raise AssertionError("no worker ever ran an extraction task")

    def close(self) -> None:
        self.client.close()
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture()
def cluster_of(tmp_path):
    made = []

    def start(n: int) -> Cluster:
        made.append(Cluster(n, tmp_path))
        return made[-1]

    yield start
    for c in made:
        c.close()


def in_thread(fn):
    """Run fn() in a thread; return a function that joins it and returns (result, error)."""
    box = {}

    def run():
        try:
            box["result"] = fn()
        except BaseException as err:      # noqa: BLE001 - handed back to the test
            box["error"] = err

    t = threading.Thread(target=run, daemon=True)
    t.start()

    def join(timeout=600):
        t.join(timeout)
        assert not t.is_alive(), "build did not finish"
        return box.get("result"), box.get("error")

    return join


def run_json(out):
    return json.loads((out / "run.json").read_text())


@pytest.mark.slow
def test_seeds_built_on_a_scheduler_and_two_workers_are_byte_identical_to_a_local_build(
        seeds_dir, seeds_build, cluster_of, tmp_path):
    cluster = cluster_of(2)
    out = tmp_path / "dask-out"
    kg.build([seeds_dir], out=out, cache_dir=tmp_path / "cache", scheduler=cluster.address, progress=False)
    assert run_json(out)["cache"] == {"files": 5, "extracted": 5, "cached": 0, "corrupt": 0}
    assert run_json(out)["workers"] == cluster.address
    local = seeds_build[0].out
    for name in ("graph.ttl", "graph.load.json", "report.json"):
        assert (out / name).read_bytes() == (local / name).read_bytes(), name
    # each worker loaded the model at most once (a builtin runs on the workers without this test module)
    loaded = cluster.client.run(eval, "len(__import__('kg.distributed').distributed._PIPELINES)")
    assert sorted(loaded.values()) in ([0, 1], [1, 1]), loaded


@pytest.mark.slow
def test_a_worker_killed_mid_build_is_replaced_by_the_other_and_the_build_finishes(
        seeds_dir, seeds_build, cluster_of, tmp_path):
    cluster = cluster_of(2)
    out, cache = tmp_path / "out", tmp_path / "cache"
    join = in_thread(lambda: kg.build([seeds_dir], out=out, cache_dir=cache, scheduler=cluster.address,
                                      progress=False))
    killed = cluster.kill_a_busy_worker()
    _, error = join()
    assert error is None, error
    assert killed not in cluster.client.scheduler_info()["workers"]
    assert (out / "graph.ttl").read_bytes() == (seeds_build[0].out / "graph.ttl").read_bytes()
    kg.build([seeds_dir], out=tmp_path / "again", cache_dir=cache, progress=False)
    assert run_json(tmp_path / "again")["cache"] == {"files": 5, "extracted": 0, "cached": 5, "corrupt": 0}


@pytest.mark.slow
def test_losing_every_worker_fails_clearly_and_the_next_build_succeeds(
        seeds_dir, seeds_build, cluster_of, tmp_path, monkeypatch):
    monkeypatch.setattr(distributed, "WORKER_WAIT", 3.0)
    cluster = cluster_of(1)
    out, cache = tmp_path / "out", tmp_path / "cache"
    join = in_thread(lambda: kg.build([seeds_dir], out=out, cache_dir=cache, scheduler=cluster.address,
                                      progress=False))
    cluster.kill_a_busy_worker()
    _, error = join()
    assert isinstance(error, distributed.ClusterError) and isinstance(error, KgError), error
    assert f"the Dask cluster at {cluster.address} has had no worker for 3 s" in str(error)
    assert "dask worker" in str(error) and "build again" in str(error)
    kg.build([seeds_dir], out=tmp_path / "next", cache_dir=cache, progress=False)
    stats = run_json(tmp_path / "next")["cache"]
    assert stats["corrupt"] == 0 and stats["files"] == 5
    assert (tmp_path / "next" / "graph.ttl").read_bytes() == (seeds_build[0].out / "graph.ttl").read_bytes()


def test_an_unreachable_scheduler_is_a_config_error_naming_the_address(tmp_path, monkeypatch):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", 1.0)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ep.md").write_text("---\ntitle: Ep 1\n---\nAda Byron works at OpenAI.")
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(ConfigError) as err:
        kg.build([corpus], out=tmp_path / "out", cache=False, scheduler=address, progress=False)
    assert str(err.value).startswith(f"cannot reach the Dask scheduler at {address} (")
    assert "`dask scheduler --port PORT`" in str(err.value) and "without --scheduler" in str(err.value)


def test_without_dask_installed_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"pip install -e '\.\[dask\]'"):
        distributed.connect("tcp://127.0.0.1:1")
