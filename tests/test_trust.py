"""Caches and outputs you can trust: the memo never serves another corpus's graph, a file edited
mid-build never poisons later builds, roots never collide, caches hold data (never code) in a
private folder, outputs are replaced (never written through a symlink) with the user's umask,
and an output folder inside the corpus is never read back."""
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import kg
from kg.errors import ConfigError

EP = ("---\ntitle: {title}\nshow: Deep Loop\nguests: [{guest}]\n---\n"
      "{guest}: We use {thing} every day at {lab}, and {thing} helps a lot.\n\n"
      "Host Person: Does {lab} agree about {thing}?\n\n{guest}: {lab} agrees, {thing} is good.\n")


def corpus(root: Path, n: int, guest="Ada Byron", thing="Claude", lab="Anthropic") -> Path:
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"ep{i}.md").write_text(EP.format(title=f"{guest} episode {i}", guest=guest, thing=thing, lab=lab))
    return root


def kg_cli(*args, cache: Path, timeout=240) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *map(str, args), "--cache-dir", str(cache), "-q",
                             "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_builds_into_one_out_at_once_never_poison_the_memo(tmp_path):
    a = corpus(tmp_path / "a", 3)
    b = corpus(tmp_path / "b", 3, guest="Grace Hopper", thing="Gemini", lab="DeepMind")
    cache, out = tmp_path / "cache", tmp_path / "shared-out"
    procs = [kg_cli("build", a, "-o", out, cache=cache), kg_cli("build", b, "-o", out, cache=cache)]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    again = kg_cli("build", a, "-o", tmp_path / "fresh", cache=cache)
    assert again.communicate(timeout=240)[1] == "" and again.returncode == 0
    clean = kg.build([a], out=tmp_path / "clean", cache=False, workers=1, progress=False)
    assert clean.documents == 3
    for name in ("graph.ttl", "graph.load.json", "report.json"):
        assert (tmp_path / "fresh" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()
    assert "Grace Hopper" not in (tmp_path / "fresh" / "graph.ttl").read_text()


EDIT_MID_BUILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    import kg, importlib
    b = importlib.import_module("kg.build")
    corpus, out, cache = map(Path, sys.argv[1:4])
    real = b._memo_key
    def key_then_edit(*args):
        found = real(*args)                          # the build has hashed the files: now edit one
        (corpus / "ep0.md").write_text((corpus / "ep0.md").read_text().replace("Claude", "Gemini"))
        return found
    b._memo_key = key_then_edit
    result = kg.build([corpus], out=out, cache_dir=str(cache), workers=1, progress=False)
    print("\\n".join(w.reason for w in result.warnings))
""")


def test_a_file_edited_during_a_build_and_reverted_never_gets_the_edited_graph(tmp_path):
    a = corpus(tmp_path / "a", 2)
    original = (a / "ep0.md").read_bytes()
    cache = tmp_path / "cache"
    run = subprocess.run([sys.executable, "-c", EDIT_MID_BUILD, str(a), str(tmp_path / "edited"), str(cache)],
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    assert "changed while the build read it" in run.stdout
    (a / "ep0.md").write_bytes(original)                               # the user reverts the edit
    later = kg.build([a], out=tmp_path / "later", cache_dir=str(cache), workers=1, progress=False)
    clean = kg.build([a], out=tmp_path / "clean", cache=False, workers=1, progress=False)
    assert (tmp_path / "later" / "graph.ttl").read_bytes() == (tmp_path / "clean" / "graph.ttl").read_bytes()
    assert later.graph is not None and "Gemini" not in (tmp_path / "later" / "graph.ttl").read_text()


def test_roots_with_the_same_name_are_told_apart_and_one_root_twice_is_read_once(tmp_path):
    from kg.read import read_corpus

    corpus(tmp_path / "a" / "corpus", 1)
    corpus(tmp_path / "b" / "corpus", 1, guest="Grace Hopper")
    c = read_corpus([tmp_path / "a" / "corpus", tmp_path / "b" / "corpus"])
    assert [(d.source, d.title) for d in c.documents] == [("a/corpus/ep0.md", "Ada Byron episode 0"),
                                                          ("b/corpus/ep0.md", "Grace Hopper episode 0")]
    twice = read_corpus([tmp_path / "a" / "corpus", tmp_path / "a" / "corpus" / ".." / "corpus"])
    assert [d.source for d in twice.documents] == ["ep0.md"]


def test_an_output_folder_inside_the_corpus_is_never_read_back(tmp_path):
    a = corpus(tmp_path / "a", 2)
    first = kg.build([a], out=a / "output", cache_dir=str(tmp_path / "cache"), workers=1, progress=False,
                     strict=True)
    second = kg.build([a], out=a / "output", cache=False, workers=1, progress=False, strict=True)
    assert [d["file"] for d in second.report["documents_read"]] == ["ep0.md", "ep1.md"]
    assert second.report == first.report and (a / "output" / ".kg-output").is_file()


def test_outputs_follow_the_umask_on_a_first_build_and_from_the_memo(tmp_path):
    a = corpus(tmp_path / "a", 1)
    old = os.umask(0o027)
    try:
        kg.build([a], out=tmp_path / "first", cache_dir=str(tmp_path / "cache"), workers=1, progress=False)
        reused = kg.build([a], out=tmp_path / "again", cache_dir=str(tmp_path / "cache"), workers=1, progress=False)
    finally:
        os.umask(old)
    assert reused.run.get("reused") is True
    for out in ("first", "again"):
        modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in (tmp_path / out).iterdir()}
        assert modes == {name: "0o640" for name in ("graph.ttl", "graph.load.json", "graph.html", "report.json",
                                                    "run.json", ".kg-output", ".kg-lock")}, out
    cache_modes = {oct(stat.S_IMODE(p.stat().st_mode)) for p in (tmp_path / "cache").rglob("*.json")
                   if "builds" not in p.parts}
    assert cache_modes == {"0o600"} and oct(stat.S_IMODE((tmp_path / "cache").stat().st_mode)) == "0o700"


def test_symlinks_planted_in_out_are_replaced_never_written_through(tmp_path):
    a = corpus(tmp_path / "a", 1)
    victim = tmp_path / "authorized_keys"
    victim.write_text("ssh-ed25519 AAAA keep-me\n")
    out = tmp_path / "output"
    out.mkdir()
    for name in ("graph.ttl", "graph.html", "report.json", "run.json"):
        (out / name).symlink_to(victim)
    kg.build([a], out=out, cache_dir=str(tmp_path / "cache"), workers=1, progress=False)
    kg.build([a], out=out, cache_dir=str(tmp_path / "cache"), workers=1, progress=False)     # and from the memo
    assert victim.read_text() == "ssh-ed25519 AAAA keep-me\n"
    assert not any(p.is_symlink() for p in out.iterdir())


class _Planted:
    """A pickle that creates a file when it is loaded: what an attacker would plant."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return open, (str(self.marker), "w")


def test_the_read_cache_holds_checksummed_json_never_pickles(tmp_path):
    import pickle

    a = corpus(tmp_path / "a", 2)
    kg.build([a], out=tmp_path / "out", cache_dir=str(tmp_path / "cache"), workers=1, progress=False)
    files = sorted(p for p in (tmp_path / "cache" / "read").rglob("*") if p.is_file())
    assert [p.suffix for p in files] == [".json", ".json"]
    assert sorted(json.loads(p.read_bytes())["payload"][0][0]["source"] for p in files) == ["ep0.md", "ep1.md"]
    marker = tmp_path / "code-ran"
    for p in files:                                     # entries replaced by pickles that would run code
        p.write_bytes(pickle.dumps(_Planted(marker)))
    (a / "ep2.md").write_text(EP.format(title="A new one", guest="Ada Byron", thing="Claude", lab="Anthropic"))
    again = kg.build([a], out=tmp_path / "out2", cache_dir=str(tmp_path / "cache"), workers=1, progress=False)
    assert not marker.exists() and again.run.get("reused") is None
    assert [d["title"] for d in again.report["documents_read"]] == ["Ada Byron episode 0", "Ada Byron episode 1",
                                                                    "A new one"]
    assert all(json.loads(p.read_bytes())["format"] for p in files)       # rebuilt as JSON from the files


def test_a_cache_folder_owned_by_someone_else_is_refused(tmp_path, monkeypatch):
    from kg.cache import prepare

    folder = prepare(tmp_path / "cache")
    monkeypatch.setattr(os, "getuid", lambda: folder.stat().st_uid + 1)
    with pytest.raises(ConfigError, match="belongs to another user"):
        kg.build([corpus(tmp_path / "a", 1)], out=tmp_path / "out", cache_dir=str(folder), workers=1, progress=False)


@pytest.mark.parametrize("require, outcome", [(None, "1 skipped"), ("1", "1 error")])
def test_seed_tests_skip_on_a_public_clone_and_fail_in_ci(tmp_path, require, outcome):
    env = {**os.environ, "KG_SHARED": str(tmp_path / "no-shared-here")}
    env.pop("KG_REQUIRE_SHARED", None)
    if require:
        env["KG_REQUIRE_SHARED"] = require
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
                          "tests/test_readers.py::test_seed_transcript_turns_and_times"],
                         cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert outcome in run.stdout.splitlines()[-1], run.stdout[-2000:]
    assert "third-party text, read from ../shared/seeds" in run.stdout


def test_the_library_never_replaces_a_device_or_pipe_it_is_asked_to_write(tmp_path):
    from kg.errors import OutputError
    from kg.files import write_atomically
    from kg.view import write_html

    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    for target in (pipe, Path("/dev/null")):
        with pytest.raises(OutputError, match="not a regular file"):
            write_html(_tiny_graph(), target)
        with pytest.raises(OutputError, match="not a regular file"):
            write_atomically(target, b"x")
    assert stat.S_ISFIFO(pipe.stat().st_mode) and stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def _tiny_graph():
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_node("https://example.org/kg/organization/openai", label="OpenAI", type="Organization", mentions=1)
    return g


@pytest.mark.parametrize("base", ["https://example.org/%zz/", "https://example.org/a b/", "ftp://example.org/"])
def test_a_bad_base_iri_is_refused_before_any_work(base, tmp_path):
    with pytest.raises(ConfigError, match="not a plain http"):
        kg.build([tmp_path], out=tmp_path / "out", base_iri=base, cache=False)
