"""kg vault: one Obsidian note per entity, links that resolve, and the user's notes never harmed."""
from __future__ import annotations

import copy
import importlib.util
import json
import os
import re
import shlex
import shutil
import unicodedata
from pathlib import Path

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.errors import OutputError
from kg.read.formats import read_text
from kg.read.frontmatter import split_front_matter
from kg.vault import MANIFEST, write_vault

from conftest import EXAMPLES

README = Path(__file__).resolve().parents[1] / "README.md"
USER_NOTE = EXAMPLES / "People" / "Tomasz Wierzbicki.md"
LINK = re.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")
UNSAFE = re.compile(r'[*"\\/<>:|?#^\[\]\x00-\x1f]')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


@pytest.fixture(scope="session")
def both_build(seeds_dir, tmp_path_factory):
    """(build folder, cache folder, graph) of the seeds and the example corpus, built once."""
    out, cache = tmp_path_factory.mktemp("vault-out"), tmp_path_factory.mktemp("vault-cache")
    kg.build([seeds_dir, EXAMPLES], out=out, cache_dir=cache, progress=False)
    return out, cache, kg.load(out).graph


def _vault(tmp_path: Path) -> tuple[Path, Path]:
    """A vault holding the user's own note on Tomasz Wierzbicki, and the folder kg writes into."""
    root = tmp_path / "vault"
    (root / "People").mkdir(parents=True)
    shutil.copy(USER_NOTE, root / "People" / USER_NOTE.name)
    return root, root / "kg"


def _notes(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def _links(note: str) -> list[str]:
    """Targets of the links in the body, and of front-matter values that are a link (as Obsidian reads them)."""
    values = [v for value in _front(note).values() for v in (value if isinstance(value, list) else [value])]
    return LINK.findall(split_front_matter(note).body) + [m.group(1) for v in values if isinstance(v, str)
                                                          if (m := LINK.fullmatch(v))]


def _front(note: str) -> dict:
    fm = split_front_matter(note)
    assert fm.yaml is not None and not fm.error
    return yaml.safe_load(fm.yaml)


@pytest.fixture
def written(both_build, tmp_path):
    _, _, g = both_build
    root, folder = _vault(tmp_path)
    result = write_vault(g, folder, vault_root=root)
    return g, root, folder, result


def test_every_link_resolves_by_file_name_and_front_matter_is_yaml(written):
    g, root, folder, result = written
    notes = _notes(folder)
    stems = {p.stem.casefold(): p for p in root.rglob("*.md")}
    paths = {p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.md")}
    assert result.linked == ["People/Tomasz Wierzbicki"]          # the user's own note, not a copy
    assert "Tomasz Wierzbicki.md" not in notes
    assert len(notes) == g.number_of_nodes() - 1
    targets = set()
    for name, note in notes.items():
        front = _front(note)
        assert front["kg_id"] in g and front["type"] == g.nodes[front["kg_id"]]["type"], name
        assert note.count("%% kg:begin %%") == 1 and note.count("%% kg:end %%") == 1
        for target in _links(note):
            targets.add(target)
            assert target.casefold() in stems or target in paths, (name, target)
    assert "Tomasz Wierzbicki" in targets
    assert {_front(n)["kg_id"] for n in notes.values()} == set(g) - {"https://example.org/kg/person/tomasz-wierzbicki"}


def test_note_content(written):
    g, _, folder, _ = written
    concept = _notes(folder)["reinforcement learning.md"]
    front = _front(concept)
    assert front["type"] == "Concept" and front["wikidata"] == "Q830687" and front["mentions"] > 0
    assert front["first_seen"] <= front["last_seen"] and "RL" in front["aliases"]
    assert re.search(r'^- \[\[Tomasz Wierzbicki\]\] in \[\[[^]]+\]\] at \[\d+:\d\d\]\(https://www\.youtube\.com/'
                     r'watch\?v=[\w-]+&t=\d+s\): ".+"$', concept, re.M)
    assert "## Co-occurs with" in concept and "## Mentioned in" in concept
    episode = next(n for n in _notes(folder).values() if "## Chapters" in n and "**Host:**" in n)
    assert re.search(r"^- \[\d+:\d\d\]\(https://www\.youtube\.com/watch\?v=[\w-]+&t=\d+s\) \S", episode, re.M)
    assert "## Mentions" in episode and "### Concept (" in episode
    person = _front(_notes(folder)["Jakub Pachocki.md"])
    assert person["kg_discusses"] and all(isinstance(v, (int, float)) for v in person["kg_discusses"].values())


def test_names_are_safe_everywhere(written):
    _, _, folder, _ = written
    names = [p.name for p in folder.glob("*.md")]
    assert len({unicodedata.normalize("NFC", n).casefold() for n in names}) == len(names)
    for name in names:
        stem = name[:-3]
        assert not UNSAFE.search(stem) and stem == stem.strip(". ") and stem
        assert name == unicodedata.normalize("NFC", name) and len(name.encode()) <= 255
        assert stem.split(".")[0].upper() not in RESERVED


def test_hostile_labels_give_safe_names_escaped_text_and_resolving_links(tmp_path):
    g = nx.MultiDiGraph()
    labels = ["CON", "con", "a/b|c]] [[x", "Ünïcode" * 60, "..hidden.", "Claude", "claude", "%% kg:end %%", "#tag"]
    for i, label in enumerate(labels):
        g.add_node(f"https://e.org/kg/concept/n{i}", label=label, type="Concept" if i % 2 else "Person", mentions=1)
    g.add_node("e", label="Ep: 1?", type="Episode", date="2025-01-02", url="javascript:alert(1)")
    for i in range(len(labels)):
        g.add_edge("e", f"https://e.org/kg/concept/n{i}", key="mentions", weight=1)
    g.add_edge("https://e.org/kg/concept/n0", "https://e.org/kg/concept/n1", key="discusses", weight=1,
               evidence=[{"source": "x.md", "episode": "e", "seconds": 5, "url": "https://e.org/a)b",
                          "quote": "see [[evil|x]] and %% kg:end %%\n---"}])
    folder = tmp_path / "kg"
    write_vault(g, folder)
    notes = _notes(folder)
    assert len(notes) == g.number_of_nodes()
    stems = {n[:-3].casefold() for n in notes}
    for name, note in notes.items():
        assert not UNSAFE.search(name[:-3]) and len(name.encode()) <= 255
        assert name[:-3].split(".")[0].upper() not in RESERVED
        _front(note)
        body = split_front_matter(note).body
        assert body.count("%% kg:begin %%") == 1 and body.count("%% kg:end %%") == 1, name
        assert body.endswith("%% kg:end %%\n"), name
        assert all(t.casefold() in stems for t in _links(note)), name
        assert "javascript:" not in note.split("---", 2)[2]
    assert any("https://e.org/a%29b" in n for n in notes.values())


def test_a_second_run_changes_no_file(written):
    g, root, folder, _ = written
    before = _state(folder)
    again = write_vault(g, folder, vault_root=root)
    assert (again.written, again.changed, again.renamed, again.removed, again.stale) == ([], [], [], [], [])
    assert again.unchanged == len(before) - 2          # every note; not the manifest and the lock
    assert _state(folder) == before


def test_the_users_edits_survive_and_a_renamed_label_renames_the_note(written):
    g, root, folder, _ = written
    path = folder / "AlphaGo.md"
    note = path.read_text(encoding="utf-8")
    edited = note.replace("---\n", "---\nrating: 5\n", 1).replace("aliases:\n", "aliases:\n- Go bot\n", 1)
    edited = edited.replace("%% kg:begin %%", "My own intro.\n\n%% kg:begin %%") + "\nMy own notes.\n"
    edited = edited.replace("\ntype: Model\n", "\ntype: Concept\n", 1)
    path.write_text(edited, encoding="utf-8")
    write_vault(g, folder, vault_root=root)
    kept = path.read_text(encoding="utf-8")
    assert "My own intro." in kept and kept.endswith("\nMy own notes.\n")
    assert _front(kept)["rating"] == 5 and "Go bot" in _front(kept)["aliases"]
    assert (_front(kept)["type"], _front(kept)["kg_type"]) == ("Concept", "Model")      # the user's type stays
    _, note, _ = read_text(kept, file="kg/AlphaGo.md", doc_id="kg/AlphaGo.md")
    assert (note.name, note.aliases, note.type) == ("AlphaGo", ["Go bot"], "Concept")    # only what the user added
    before = _state(folder)
    assert write_vault(g, folder, vault_root=root).changed == [] and _state(folder) == before

    renamed = copy.deepcopy(g)
    node = _front(kept)["kg_id"]
    renamed.nodes[node]["label"] = "AlphaGo (DeepMind)"
    result = write_vault(renamed, folder, vault_root=root)
    assert result.renamed == [("AlphaGo.md", "AlphaGo (DeepMind).md")] and result.written == []
    assert not path.exists()
    moved = (folder / "AlphaGo (DeepMind).md").read_text(encoding="utf-8")
    assert "My own intro." in moved and "My own notes." in moved and _front(moved)["rating"] == 5
    assert _front(moved)["kg_id"] == node
    assert any("[[AlphaGo (DeepMind)]]" in n for n in _notes(folder).values())
    assert not any("[[AlphaGo]]" in n or "[[AlphaGo|" in n for n in _notes(folder).values())


def test_a_vanished_note_is_removed_unless_edited_then_marked_stale(written):
    g, root, folder, _ = written
    (folder / "AlphaZero.md").write_text((folder / "AlphaZero.md").read_text(encoding="utf-8") + "Mine.\n",
                                         encoding="utf-8")
    smaller = copy.deepcopy(g)
    gone = {_front((folder / f).read_text(encoding="utf-8"))["kg_id"] for f in ("AlphaZero.md", "AlphaTensor.md")}
    smaller.remove_nodes_from(gone)
    dry = write_vault(smaller, folder, vault_root=root, dry_run=True)
    assert (dry.removed, dry.stale) == (["AlphaTensor.md"], ["AlphaZero.md"]) and (folder / "AlphaTensor.md").exists()
    result = write_vault(smaller, folder, vault_root=root)
    assert (result.removed, result.stale) == (["AlphaTensor.md"], ["AlphaZero.md"])
    assert not (folder / "AlphaTensor.md").exists()
    stale = (folder / "AlphaZero.md").read_text(encoding="utf-8")
    assert _front(stale)["kg_stale"] is True and stale.endswith("Mine.\n")
    before = _state(folder)
    assert write_vault(smaller, folder, vault_root=root).stale == [] and _state(folder) == before
    other = copy.deepcopy(smaller)                                 # a new entity of that label: another name
    other.add_node("https://example.org/kg/person/alphazero", label="AlphaZero", type="Person", mentions=1)
    assert write_vault(other, folder, vault_root=root).written == ["AlphaZero (Person).md"]
    assert (folder / "AlphaZero.md").read_text(encoding="utf-8") == stale
    back = write_vault(g, folder, vault_root=root)                 # the entity is back: no longer stale
    assert "AlphaZero.md" in back.changed and "AlphaTensor.md" in back.written
    assert "kg_stale" not in _front((folder / "AlphaZero.md").read_text(encoding="utf-8"))


def test_dry_run_writes_nothing(both_build, tmp_path):
    result = write_vault(both_build[2], tmp_path / "kg", dry_run=True)
    assert len(result.written) == both_build[2].number_of_nodes() and not (tmp_path / "kg").exists()
    assert result.actions()[0].startswith("new ")


def test_kg_writes_only_its_own_files_and_never_through_a_symlink(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("https://e.org/kg/person/ada", label="Ada Byron", type="Person", mentions=1)
    g.add_node("https://e.org/kg/person/bo", label="Bo", type="Person", mentions=1)
    folder = tmp_path / "kg"
    folder.mkdir()
    (folder / "Ada Byron.md").write_text("my own note\n", encoding="utf-8")
    (tmp_path / "elsewhere.md").write_text("outside\n", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere.md", folder / "Bo.md")
    result = write_vault(g, folder)
    assert result.linked == ["Ada Byron"]                          # the user's note there is linked to
    assert (folder / "Ada Byron.md").read_text() == "my own note\n"
    assert (folder / "Bo.md").is_symlink() and (tmp_path / "elsewhere.md").read_text() == "outside\n"
    assert result.written == ["Bo (Person).md"]
    os.symlink(folder, tmp_path / "link")
    with pytest.raises(OutputError, match="symlink"):
        write_vault(g, tmp_path / "link")
    (folder / "Bo (Person).md").unlink()
    os.symlink(tmp_path / "elsewhere.md", folder / "Bo (Person).md")   # kg's own note replaced by a symlink
    again = write_vault(g, folder)
    assert (tmp_path / "elsewhere.md").read_text() == "outside\n" and again.written == ["Bo (Person 2).md"]


def test_a_build_folder_is_refused_and_a_build_never_goes_into_a_vault_folder(both_build, tmp_path):
    with pytest.raises(OutputError, match="build folder"):
        write_vault(both_build[2], both_build[0])
    g = nx.MultiDiGraph()
    g.add_node("https://e.org/kg/person/ada", label="Ada Byron", type="Person", mentions=1)
    write_vault(g, tmp_path / "kg")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ep.md").write_text("---\ntitle: Ep 1\nguests: [Ada Byron]\n---\nAda Byron joined OpenAI.\n")
    with pytest.raises(OutputError, match=r"notes kg vault wrote .*: give another output folder"):
        kg.build([corpus], out=tmp_path / "kg", cache=False, workers=1)
    assert sorted(p.name for p in (tmp_path / "kg").iterdir()) == [".kg-vault.json", ".kg-vault.lock", "Ada Byron.md"]


def test_generated_notes_add_nothing_to_a_build_of_the_vault(both_build, seeds_dir, tmp_path):
    """Building the corpus with the vault folder gives the same graph, also when the vault was
    written under other merge rules (an alias that now names another entity)."""
    out, cache, g = both_build
    merged = copy.deepcopy(g)
    merged.nodes["https://example.org/kg/organization/openai"].setdefault("aliases", []).append("Anthropic")
    folder = tmp_path / "kg"
    write_vault(merged, folder)
    again = kg.build([seeds_dir, EXAMPLES, folder], out=tmp_path / "out", cache_dir=cache, progress=False)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    report = (out / "report.json").read_text(encoding="utf-8")
    assert again.report["files"] == json.loads(report)["files"] + len(list(folder.glob("*.md")))
    assert not any(d["file"].startswith("kg/") for d in again.report["documents_read"])
    assert again.report["entity_notes"] == json.loads(report)["entity_notes"]


def test_a_users_alias_on_a_generated_note_counts():
    g = nx.MultiDiGraph()
    g.add_node("https://e.org/kg/concept/rl", label="reinforcement learning", type="Concept", aliases=["RL"])
    from kg.vaultmd import compose
    from kg.vaultnotes import Notes

    front = Notes(g, {"https://e.org/kg/concept/rl": "reinforcement learning"}).front(
        "https://e.org/kg/concept/rl", "reinforcement learning")
    docs, note, _ = read_text(compose(front, "Jakub Pachocki discusses RL.\n"), file="kg/rl.md", doc_id="kg/rl.md")
    assert docs == [] and note is None
    front["aliases"] = [*front["aliases"], "reward learning"]
    docs, note, _ = read_text(compose(front, "text\n"), file="kg/rl.md", doc_id="kg/rl.md")
    assert docs == [] and (note.name, note.aliases, note.type) == ("reinforcement learning", ["reward learning"],
                                                                   "Concept")


def test_cli_vault_and_build_with_vault(both_build, tmp_path):
    out = both_build[0]
    dry = CliRunner().invoke(cli, ["vault", "-g", str(out), "-o", str(tmp_path / "kg"), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines()[-1].startswith(f"vault {tmp_path / 'kg'}: would be ")
    assert not (tmp_path / "kg").exists()
    done = CliRunner().invoke(cli, ["vault", "-g", str(out), "-o", str(tmp_path / "kg")])
    assert done.exit_code == 0 and (tmp_path / "kg" / MANIFEST).exists()
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ep.md").write_text("---\ntitle: Ep 1\nguests: [Ada Byron]\n---\nAda Byron joined OpenAI.\n")
    args = ["build", str(corpus), "-o", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"), "--workers", "1",
            "--vault", str(tmp_path / "v")]
    built = CliRunner().invoke(cli, args)
    assert built.exit_code == 0, built.output
    assert built.output.splitlines()[-1] == (f"vault {tmp_path / 'v'}: 3 new, 0 changed, 0 renamed, 0 removed, "
                                              "0 marked stale, 0 unchanged")
    assert sorted(p.name for p in (tmp_path / "v").glob("*.md")) == ["Ada Byron.md", "Ep 1.md", "OpenAI.md"]
    (tmp_path / "v" / "Ada Byron.md").unlink()
    reused = CliRunner().invoke(cli, args)                   # nothing changed: the build is reused, the vault written
    assert reused.exit_code == 0 and reused.output.splitlines()[-1] == (
        f"vault {tmp_path / 'v'}: 1 new, 0 changed, 0 renamed, 0 removed, 0 marked stale, 2 unchanged")
    assert (tmp_path / "v" / "Ada Byron.md").exists()
    assert json.loads((tmp_path / "out" / "run.json").read_text())["reused"] is True


def test_readme_shows_real_output_of_kg_vault(examples_build, tmp_path, monkeypatch):
    text = README.read_text(encoding="utf-8")
    start = text.index("```console\n", text.index("## Into your Obsidian vault")) + len("```console\n")
    block = text[start:text.index("```", start)].strip("\n")
    shutil.copytree(examples_build[0].out, tmp_path / "output")
    (tmp_path / "vault").mkdir()
    monkeypatch.chdir(tmp_path)
    for step in block.split("\n\n"):
        command, *shown = step.split("\n")
        printed = CliRunner().invoke(cli, shlex.split(command.removeprefix("$ "))[1:]).output.rstrip("\n")
        assert printed == "\n".join(shown)


def test_a_note_renders_to_html_with_working_links(written):
    pytest.importorskip("markdown_it")
    spec = importlib.util.spec_from_file_location("render_note", README.parent / "docs" / "render_note.py")
    render = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render)
    _, _, folder, _ = written
    page = render.note_html((folder / "reinforcement learning.md").read_text(encoding="utf-8"), "RL")
    assert '<a class="internal" href="Tomasz Wierzbicki.md">Tomasz Wierzbicki</a>' in page
    assert "%% kg:" not in page and "<table class=props>" in page and "[[" not in page


def test_errors_name_the_file_and_say_what_to_do(both_build, tmp_path):
    g = both_build[2]
    (tmp_path / "vault").mkdir()
    with pytest.raises(kg.KgError, match=r"not inside the vault \(.*elsewhere\): give a folder inside"):
        write_vault(g, tmp_path / "elsewhere", vault_root=tmp_path / "vault")
    folder = tmp_path / "vault" / "kg"
    folder.mkdir()
    (folder / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(OutputError, match=r"manifest .* cannot be read \(.*\.kg-vault\.json\): restore it, or delete"):
        write_vault(g, folder)
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--vault-root", str(tmp_path)])
    assert result.exit_code != 0 and "--vault-root needs --vault" in result.output


def test_the_same_graph_gives_byte_identical_notes_whatever_the_hash_seed(both_build, tmp_path):
    import subprocess
    import sys

    for seed in ("1", "2"):
        code = f"import kg; kg.write_vault(kg.load({str(both_build[0])!r}), {str(tmp_path / seed)!r})"
        subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONHASHSEED": seed})
    assert _state(tmp_path / "1").keys() == _state(tmp_path / "2").keys()
    assert all((tmp_path / "1" / n).read_bytes() == (tmp_path / "2" / n).read_bytes() for n in _state(tmp_path / "1"))


def test_a_corpus_that_is_the_vault_builds_the_same_graph_with_the_notes_in_it(examples_build, tmp_path):
    """The vault is the corpus: its notes folder inside it, the user's own note linked to."""
    result, _ = examples_build
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    written = write_vault(kg.load(result.out), corpus / "kg", vault_root=corpus)
    assert written.linked == ["People/Tomasz Wierzbicki"] and len(written.written) > 50
    again = kg.build([corpus], out=tmp_path / "out", cache_dir=tmp_path / "cache", progress=False, workers=1)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (result.out / "graph.ttl").read_bytes()
    assert again.report["entity_notes"] == result.report["entity_notes"] and not again.warnings
    assert write_vault(kg.load(tmp_path / "out"), corpus / "kg", vault_root=corpus).unchanged == len(written.written)


def test_bidi_and_control_characters_never_reach_a_note_or_a_file_name():
    from kg.vaultmd import label, safe_name, text

    assert text("Ada\u202eByron") == "Ada\\\\u202eByron"          # shown as the escape, never applied
    assert label("Ada\u2067Byron") == "Ada\\u2067Byron"
    assert safe_name("Ada\u061cByron\x85") == "Ada Byron"
