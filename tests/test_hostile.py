"""A corpus folder full of hostile files: every bad file is named with a reason, the build
goes on and exits 0 (non-zero with --strict), the good files are read intact."""
import json
import os
import resource

import pytest

from kg.cli import main

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))


def write_corpus(root):
    good = root / "good"
    good.mkdir()
    (good / "ep1.md").write_text("---\ntitle: Good episode one\nshow: Deep Loop\nguests: [Ada Byron]\n---\n"
                                 "Ada Byron explains how Anthropic trains Claude with reinforcement learning.\n")
    (good / "ep2.txt").write_text("Second good one\nAda Byron: We compared GPT-4 with Gemini.\n"
                                  "Alan Turing: And DeepMind?\nAda Byron: Yes, DeepMind too.\nAlan Turing: Good.\n")
    bad = root / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (bad / "empty.md").write_bytes(b"")
    (bad / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (bad / "unclosed.md").write_text("---\ntitle: Never closed\nThe body talks about OpenAI.\n")
    (bad / "broken.md").write_text("---\ntitle: [unbalanced\n---\nBody about Mistral AI.\n")
    (bad / "bomb.md").write_text("---\n" + BOMB + "---\nBody.\n")
    (bad / "odd.md").write_text("---\ntitle: 12345\nguests: {a: {b: 1}}\nhost: null\nshow: 3.5\n---\nAbout Nvidia.\n")
    (bad / "list.md").write_text("---\n- just\n- a list\n---\nAbout Cohere.\n")
    (bad / "cp1252.txt").write_bytes("Caf\u00e9 talk about Hugging Face \u2013 \u201cnice\u201d.\n".encode("cp1252"))
    (bad / "nul.txt").write_bytes(b"Meta\x00 released Llama\x00 3.\n")
    (bad / "$(rm -rf ~); echo pwned.md").write_text("Shell-looking name about xAI and Grok.\n")
    (bad / "Ünïcødé 名前 ✓.md").write_text("Non-ASCII name about Qwen and Alibaba.\n")
    (bad / "long.txt").write_text("Long file\n" + "\n".join(
        f"Sentence {i} mentions OpenAI and {LONG_WORD} {LONG_WORD} {LONG_WORD}." for i in range(6500)))
    os.symlink(".", bad / "loop")
    os.symlink("does-not-exist.md", bad / "dangling.md")
    (bad / ".hidden.md").write_text("ignored")
    return root


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = write_corpus(tmp_path_factory.mktemp("hostile"))
    out = tmp_path_factory.mktemp("hostile-out")
    cache = tmp_path_factory.mktemp("hostile-cache")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code = main(["build", str(root), "-o", str(out), "--cache-dir", str(cache), "-q", "--workers", "1"])
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = json.loads((out / "report.json").read_text())
    return root, out, cache, code, report, (after - before) / 1024


def test_build_exits_zero_and_names_every_skipped_file(hostile_build):
    _, _, _, code, report, _ = hostile_build
    assert code == 0
    skipped = {p["file"]: p["reason"] for p in report["skipped"]}
    assert skipped == {
        "bad/binary.txt": "binary file, not text (kg reads text, Markdown, WebVTT and SRT files)",
        "bad/empty.md": "file is empty (nothing to read; remove it or add content)",
        "bad/picture.png": "not a format kg reads (.png) (use .md, .txt, .vtt, .srt, .json, .csv, .tsv or .yaml)",
        "bad/loop/": "symlink loop: this folder links back to a folder already read; skipped",
        "bad/dangling.md": "broken symlink or symlink loop; skipped",
    }


def test_partly_read_files_carry_a_warning_with_the_reason(hostile_build):
    warnings = {}
    for w in hostile_build[4]["warnings"]:
        warnings.setdefault(w["file"], []).append(w["message"])
    assert warnings["bad/unclosed.md"] == ["front matter opened on line 1 is never closed; read the whole file as "
                                           "text (close it with a '---' line)"]
    assert "invalid YAML" in warnings["bad/broken.md"][0]
    assert "expands to more than 200,000 nodes" in warnings["bad/bomb.md"][0]
    assert "not a mapping" in warnings["bad/list.md"][0]
    assert warnings["bad/odd.md"] == ["field 'show' should be a name or a list of names, not a number; ignored",
                                      "field 'guests' should be a name or a list of names, not a nested mapping; "
                                      "ignored"]
    assert warnings["bad/cp1252.txt"] == ["line 1: not valid UTF-8; read as cp1252 (save the file as UTF-8 to be sure)"]
    assert warnings["bad/nul.txt"] == ["removed 2 control character(s)"]


def test_good_content_is_intact_and_odd_names_are_read(hostile_build):
    import kg

    _, out, *_ = hostile_build
    g = kg.load(out)
    good = g.find("Good episode one")
    assert good is not None and good.type == "Episode" and good.sources == ["good/ep1.md"]
    labels = {n.entity.label for n in g.neighbors(good.id)}
    assert {"Ada Byron", "Anthropic", "Claude", "reinforcement learning", "Deep Loop"} <= labels
    for name, source in [("Grok", "bad/$(rm -rf ~); echo pwned.md"), ("Qwen", "bad/Ünïcødé 名前 ✓.md"),
                         ("Hugging Face", "bad/cp1252.txt"), ("Llama 3", "bad/nul.txt"), ("Mistral AI", "bad/broken.md")]:
        assert source in g.find(name).sources, name


def test_file_longer_than_spacys_max_length_is_chunked_not_skipped(hostile_build):
    import kg

    root, out, *_ = hostile_build
    assert (root / "bad" / "long.txt").stat().st_size > 1_000_000
    openai = kg.load(out).find("OpenAI")
    assert "bad/long.txt" in openai.sources and openai.mentions >= 6500


def test_yaml_alias_bomb_does_not_blow_up_memory(hostile_build):
    # 9**9 = 387 million nodes if expanded; the whole build (model included) stays far below that
    assert hostile_build[5] < 1000         # MB of peak-RSS growth


def test_alias_bomb_is_rejected_with_little_memory():
    import tracemalloc

    from kg.errors import InputError
    from kg.read.frontmatter import load_yaml

    tracemalloc.start()
    with pytest.raises(InputError):
        load_yaml(BOMB, "bomb.md")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5_000_000


def test_strict_mode_fails_on_the_same_folder(hostile_build, tmp_path, capsys):
    root, _, cache, *_ = hostile_build
    code = main(["build", str(root), "-o", str(tmp_path / "strict"), "--cache-dir", str(cache), "-q", "--strict"])
    assert code == 1
    assert "--strict: 5 file(s) skipped and 8 warning(s)" in capsys.readouterr().err
