"""The command line: thin, helpful, exact messages."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli, main

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: kg " + command in result.output.replace("\n", " ")
    assert f"kg {command}" in README.read_text(encoding="utf-8")


def test_build_prints_a_summary(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ep.md").write_text("---\ntitle: Ep 1\nguests: [Ada Byron]\n---\nAda Byron joined OpenAI.\n")
    (corpus / "junk.bin.txt").write_bytes(bytes(range(256)) * 10)
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "read 2 files: 1 documents (1 episodes), 1 skipped, 0 with warnings"
    assert "skipped junk.bin.txt: binary file, not text" in result.output


def test_neighbors_table_and_json(examples_build):
    result, _ = examples_build
    table = CliRunner().invoke(cli, ["neighbors", "Andrej Karpathy", "-g", str(result.out), "--relation", "discusses"])
    assert table.exit_code == 0
    assert table.output.splitlines()[0] == "Andrej Karpathy (Person)"
    assert re.search(r"^Priya Raman\s+Person\s+discusses \(in\)\s+\d", table.output, re.M)
    as_json = CliRunner().invoke(cli, ["neighbors", "OpenAI", "-g", str(result.out), "--json", "--limit", "3"])
    rows = json.loads(as_json.output)
    assert len(rows) == 3 and set(rows[0]) >= {"entity", "type", "relation", "weight", "evidence"}


def test_unknown_name_says_so_with_suggestions_and_fails(examples_build, capsys):
    result, _ = examples_build
    code = main(["neighbors", "Antrhopic Labz", "-g", str(result.out)])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: no entity named 'Antrhopic Labz'. Did you mean: Anthropic")


def test_stats_lists_counts_and_top_entities(examples_build):
    result, _ = examples_build
    out = CliRunner().invoke(cli, ["stats", "-g", str(result.out)]).output
    assert re.search(r"^Episode\s+13$", out, re.M)
    assert re.search(r"^part_of\s+13$", out, re.M)
    assert "files read: 10, documents: 13, skipped: 0, warnings: 0" in out


def test_missing_graph_is_a_clear_error(tmp_path, capsys):
    assert main(["stats", "-g", str(tmp_path / "none")]) == 1
    assert capsys.readouterr().err.startswith(f"Error: no graph found ({tmp_path / 'none'}): give a build folder")


def test_view_writes_a_focused_page_and_names_what_it_shows(examples_build, tmp_path, capsys):
    result, g = examples_build
    out = tmp_path / "openai.html"
    assert main(["view", "-g", str(result.out), "--focus", "OpenAI", "--depth", "1", "-o", str(out)]) == 0
    shown = len({n.entity.id for n in g.neighbors("OpenAI")}) + 1
    assert capsys.readouterr().out.strip() == f"wrote {out} ({shown} of {g.graph.number_of_nodes()} nodes)"
    assert out.read_text(encoding="utf-8").count('id="kg-search"') == 1
    assert main(["view", "-g", str(result.out), "--focus", "Nobody Atall", "-o", str(out)]) == 1


@pytest.mark.parametrize("command", [
    'kg neighbors "reinforcement learning" -g output --relation discusses',
    'kg neighbors "Claude Code" -g output --limit 5',
    'kg stats -g output --top 5',
    'kg review -g output',
])
def test_readme_shows_real_output_of_the_example_corpus(examples_build, command, monkeypatch):
    """The README's console blocks are what the commands print on the example corpus."""
    import shlex

    text = README.read_text(encoding="utf-8")
    start = text.index("$ " + command + "\n") + len(command) + 3
    shown = text[start:text.index("```", start)].split("\n$ ")[0].rstrip("\n")
    result, _ = examples_build
    monkeypatch.chdir(result.out.parent)
    args = [a if a != "output" else result.out.name for a in shlex.split(command)[1:]]
    printed = CliRunner().invoke(cli, args).output.rstrip("\n")
    assert printed == shown


def test_build_gazetteer_option_adds_to_the_shipped_names(tmp_path):
    corpus, mine = tmp_path / "c", tmp_path / "mine"
    corpus.mkdir()
    mine.mkdir()
    (corpus / "ep.md").write_text("---\ntitle: Ep 1\nguests: [Ada Byron]\n---\nAda Byron left OpenAI for Quillory.\n")
    (mine / "names.yaml").write_text("entities:\n  - {key: quillory, label: Quillory, type: Organization}\n")
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-cache", "-q",
                                      "--gazetteer", str(mine)])
    assert result.exit_code == 0, result.output
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert '"Quillory"' in ttl and '"OpenAI"' in ttl
