"""One bad file never stops, hangs or leaks a build: every kind of bad file next to good ones
gives exit 0, a report entry with a reason per bad file, and the good files' graph unchanged."""
import json
import os
from pathlib import Path

import pytest

from kg.cli import main

SECRET = "Zanzibar-7781 quoted from outside the corpus"
ENV_SECRET = "kg-env-secret-5521"


def write_good(root: Path) -> None:
    (root / "ep1.md").write_text(
        "---\ntitle: Good episode one\nshow: Deep Loop\nguests: [Ada Byron]\ndate: 2025-01-05\n---\n"
        "Ada Byron: Anthropic trains Claude with reinforcement learning, and OpenAI ships GPT-4.\n\n"
        "Alan Turing: Did DeepMind answer with Gemini?\n\nAda Byron: Yes, DeepMind did, and Claude answered too.\n")
    (root / "ep2.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Grace Hopper>We compared Llama 3 with Mistral AI models.\n\n"
        "00:00:05.000 --> 00:00:07.000\n<v Edsger Dijkstra>And Nvidia hardware?\n\n"
        "00:00:08.000 --> 00:00:10.000\n<v Grace Hopper>Nvidia, yes.\n")


def write_bad(root: Path, outside: Path) -> dict[str, str]:
    """Every kind of bad file; returns {report name: what its reason or warning must say}."""
    bad = root / "bad"
    bad.mkdir()
    fm = "---\ntitle: {title}\n{field}\n---\nA body that names Cohere.\n"
    cases = {
        "date-typo.md": ("date: 2025-02-30", "not a date kg can read ('2025-02-30')"),
        "month-typo.md": ("date: 2025-13-45", "not a date kg can read ('2025-13-45')"),
        "year-zero.md": ("date: 0000-01-01", "not a date kg can read ('0000-01-01')"),
        "soon.md": ('date: !!timestamp "soon"', "not a date kg can read ('soon')"),
    }
    expect = {}
    for name, (field, message) in cases.items():
        (bad / name).write_text(fm.format(title=name, field=field))
        expect[f"bad/{name}"] = message
    (bad / "int.md").write_text(fm.format(title="int", field='episode: !!int "zz"'))
    (bad / "huge-int.md").write_text(fm.format(title="huge int", field="episode: " + "9" * 5000))
    os.close(os.open(os.fsencode(bad) + b"/caf\xe9.md", os.O_CREAT | os.O_WRONLY, 0o644))
    Path(os.fsdecode(os.fsencode(bad) + b"/caf\xe9.md")).write_text("Latin-1 name about Perplexity.\n")
    (bad / "emphasis.md").write_text("*a " * 24_000 + "\n")
    (bad / "comments.md").write_text("<!--" * 60_000 + "\n")
    (bad / "voices.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "<v a" * 20_000 + "\n")
    (bad / "scalar-bomb.md").write_text("---\nx: &a " + "y" * 90_000 + "\nl: [" + ", ".join(["*a"] * 20_000)
                                        + "]\n---\nBody.\n")
    expect["bad/scalar-bomb.md"] = "expands to more than 4,000,000 characters"
    firsts = "Ada Boris Cyra Dmitri Elif Farid Greta Hiro Ines Jonas Kenji Lior Mira Nadia Oskar".split()
    lasts = ("Abara Brenn Castell Dunmore Eskild Fairlow Gundry Halvard Iversen Jablonski Kowalczyk Lindqvist Moravec "
             "Nakamura Okonjo Petrakis Quintero Rasmussen Szabo Tamura").split()
    crowd = ", ".join(f"{first} {last}" for first in firsts for last in lasts)      # 300 people, no two alike
    (bad / "crowd.md").write_text(f"---\ntitle: Crowd\n---\n{crowd} met.\n")
    expect["bad/crowd.md"] = "1 sentence(s) name more than 12 things; not used for co-occurrence"
    (outside / "secret.md").write_text(f"{SECRET} and Anthropic.\n")
    (bad / "leak.md").symlink_to(outside / "secret.md")
    expect["bad/leak.md"] = "symlink points outside the corpus folders; skipped (to include it, pass its target"
    (bad / "environ.txt").symlink_to("/proc/self/environ")
    expect["bad/environ.txt"] = "symlink points outside the corpus folders; skipped"
    os.mkfifo(bad / "pipe.md")
    expect["bad/pipe.md"] = "not a regular file (a named pipe); skipped"
    with open(bad / "huge.txt", "wb") as f:          # sparse: 201 MB on paper, nothing on disk
        f.truncate(201_000_000)
    expect["bad/huge.txt"] = "file is 201 MB, over the 200 MB limit (split it into episodes)"
    (bad / "talk.md").write_text("---\ntitle: Talk\n---\nClaude Shannon would have liked information theory.\n")
    (bad / "Claude Shannon.md").write_text("---\ntype: person\naliases: [Claude, Shannon]\n---\nA mathematician.\n")
    expect["bad/Claude Shannon.md"] = "alias 'Claude' names Claude (Model) in the gazetteer; not applied"
    (bad / "Ada Lovelace.md").write_text("---\ntype: person\naliases: [OpenAI, Anthropic, Claude, Ada L.]\n---\n"
                                         "Wrote the first program.\n")
    expect["bad/Ada Lovelace.md"] = "entity note ignored: 3 of its aliases name other entities"
    return expect


def good_view(out: Path) -> dict:
    """What a user sees of the good files: their episodes with participants, and every mentions
    and discusses edge from them (relation, weight, evidence), by label."""
    import kg

    g = kg.load(out)
    view = {}
    for title in ("Good episode one", "ep2"):
        episode = g.find(title)
        view[title] = sorted((n.relation, n.entity.label, n.entity.type, n.weight,
                              json.dumps([e.to_dict() for e in n.evidence], sort_keys=True))
                             for n in g.neighbors(episode.id, limit=1000))
    for person in ("Ada Byron", "Alan Turing", "Grace Hopper"):
        view[person] = sorted((n.relation, n.entity.label, n.weight,
                               json.dumps([e.to_dict() for e in n.evidence], sort_keys=True))
                              for n in g.neighbors(g.find(person).id, relation="discusses", limit=1000))
    return view


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("isolation")
    alone, mixed, outside = base / "alone", base / "mixed", base / "outside"
    for d in (alone, mixed, outside):
        d.mkdir()
    write_good(alone)
    write_good(mixed)
    expect = write_bad(mixed, outside)
    os.environ["KG_TEST_SECRET"] = ENV_SECRET
    codes = [main(["build", str(folder), "-o", str(base / f"out-{folder.name}"), "--no-cache", "-q", "--workers", "1"])
             for folder in (alone, mixed)]
    return base, codes, expect


def test_mixed_build_exits_zero_and_reports_every_bad_file_with_its_reason(builds):
    base, codes, expect = builds
    assert codes == [0, 0]
    report = json.loads((base / "out-mixed" / "report.json").read_text(encoding="utf-8"))
    said = {}
    for p in report["skipped"]:
        said.setdefault(p["file"], []).append(p["reason"])
    for p in report["warnings"]:
        said.setdefault(p["file"], []).append(p["message"])
    for file, message in expect.items():
        assert any(message in m for m in said.get(file, [])), (file, said.get(file))
    read = {d["file"] for d in report["documents_read"]}
    assert "bad/caf\\xe9.md" in read                    # a name that is not UTF-8, shown escaped
    assert {"bad/int.md", "bad/huge-int.md", "bad/date-typo.md", "bad/emphasis.md", "bad/comments.md",
            "bad/voices.vtt"} <= read


def test_good_files_give_the_same_graph_next_to_bad_ones(builds):
    base, _, _ = builds
    alone, mixed = good_view(base / "out-alone"), good_view(base / "out-mixed")
    assert alone["Good episode one"] and alone["ep2"] and alone["Grace Hopper"]
    assert mixed == alone


def test_nothing_from_outside_the_corpus_reaches_any_output(builds):
    base, _, _ = builds
    for out in ("out-alone", "out-mixed"):
        for name in ("graph.ttl", "graph.html", "report.json", "run.json"):
            text = (base / out / name).read_text(encoding="utf-8")
            assert "Zanzibar" not in text and ENV_SECRET not in text and "KG_TEST_SECRET" not in text


def test_an_entity_note_never_renames_a_curated_entity(builds):
    import kg

    base, _, _ = builds
    g = kg.load(base / "out-mixed")
    claude = g.find("Claude")
    assert claude.type == "Model" and claude.label == "Claude"
    shannon = g.find("Claude Shannon")
    assert shannon.type == "Person" and "Claude" not in shannon.aliases and "Shannon" in shannon.aliases
    assert g.find("Anthropic").type == "Organization" and g.find("OpenAI").type == "Organization"
    assert "Ada L." not in g.find("Anthropic").aliases


def test_a_crowded_sentence_adds_no_co_occurrence(builds):
    import kg

    base, _, _ = builds
    g = kg.load(base / "out-mixed")
    crowd = [e for e in g.entities() if "bad/crowd.md" in e.sources and e.type != "Episode"]
    assert len(crowd) > 12
    assert all(not g.neighbors(e.id, relation="co_occurs_with") for e in crowd)


def test_wikilinks_of_every_form_reduce_to_the_note_and_never_make_a_typeless_node(tmp_path):
    import kg

    corpus = tmp_path / "vault"
    corpus.mkdir()
    (corpus / "note.md").write_text(
        "---\ntitle: Vault note\nguests: ['[[People/Ada Byron|Ada]]']\n---\n"
        "See [[Podcast episodes]], [[2025-01-09]], [[People/Sam Altman]], [[Anthropic#History]], "
        "[[OpenAI|the lab]], [[Claude^block1]] and ![[diagram.png]].\n")
    result = kg.build([corpus], out=tmp_path / "out", cache=False, workers=1, progress=False)
    g = kg.load(tmp_path / "out")
    types = {e.label: e.type for e in g.entities()}
    assert all(t for t in types.values())
    assert {"Sam Altman": "Person", "Anthropic": "Organization", "OpenAI": "Organization", "Claude": "Model",
            "Ada Byron": "Person"}.items() <= types.items()
    assert not {"2025-01-09", "diagram.png", "diagram", "People/Sam Altman", "Podcast episodes"} & set(types)
    assert result.report["counts"]["mentions_rejected"] == {      # the date is noise, the note title typeless
        "noise": 1, "wikilink to nothing typed (a date or a note title)": 1}
    assert "![[" not in (tmp_path / "out" / "graph.ttl").read_text()


def test_a_file_whose_extraction_fails_is_skipped_and_the_others_are_built(tmp_path, monkeypatch):
    import kg
    from kg import extract

    corpus = tmp_path / "c"
    write_good(corpus.mkdir() or corpus)
    (corpus / "poison.md").write_text("---\ntitle: Poison\n---\nPOISON text about Cohere.\n")
    finish = extract._finish

    def failing(nlp, document, *rest):
        if "POISON" in document.text:
            raise RuntimeError("simulated extraction failure")
        return finish(nlp, document, *rest)

    monkeypatch.setattr(extract, "_finish", failing)
    result = kg.build([corpus], out=tmp_path / "out", cache_dir=str(tmp_path / "cache"), workers=1, progress=False)
    assert [(p.file, p.reason) for p in result.skipped] == [
        ("poison.md", "extraction failed: RuntimeError: simulated extraction failure (kg skipped this file; "
                      "please report it)")]
    assert {d["file"] for d in result.report["documents_read"]} == {"ep1.md", "ep2.vtt"}
    assert kg.load(tmp_path / "out").find("Claude").type == "Model"


def test_an_unforeseen_reader_error_skips_only_that_file(tmp_path, monkeypatch):
    from kg import read

    corpus = tmp_path / "c"
    write_good(corpus.mkdir() or corpus)
    real = read.read_text

    def flaky(text, *, file, doc_id):
        if file == "ep2.vtt":
            raise KeyError("surprise")
        return real(text, file=file, doc_id=doc_id)

    monkeypatch.setattr(read, "read_text", flaky)
    c = read.read_corpus([corpus])
    assert [d.source for d in c.documents] == ["ep1.md"]
    assert c.skipped[0].file == "ep2.vtt" and c.skipped[0].reason.startswith("could not be read: KeyError: 'surprise'")


def test_symlinks_inside_the_vault_are_followed_and_each_file_read_once(tmp_path):
    from kg.read import read_corpus

    vault = tmp_path / "vault"
    (vault / "real").mkdir(parents=True)
    (vault / "real" / "ep.md").write_text("About OpenAI.\n")
    (vault / "alias").symlink_to(vault / "real")
    (vault / "also.md").symlink_to(vault / "real" / "ep.md")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "ep2.md").write_text("About Anthropic.\n")
    (vault / "linked").symlink_to(tmp_path / "elsewhere")
    (vault / ".archive").mkdir()
    (vault / ".archive" / "old.md").write_text("About Cohere.\n")
    (vault / "archive").symlink_to(vault / ".archive")
    c = read_corpus([vault])
    assert [d.source for d in c.documents] == ["real/ep.md", "archive/old.md"]
    assert [(p.file, p.reason) for p in c.skipped] == [
        ("linked", "symlink points outside the corpus folders; skipped (to include it, pass its target folder as "
                   "another corpus folder)")]
    both = read_corpus([vault, tmp_path / "elsewhere"])
    assert [d.source for d in both.documents] == ["vault/real/ep.md", "vault/archive/old.md", "vault/linked/ep2.md"]


def test_oversized_files_are_never_opened_on_any_path(tmp_path, monkeypatch):
    import builtins

    import kg

    corpus = tmp_path / "c"
    write_good(corpus.mkdir() or corpus)
    with open(corpus / "huge.md", "wb") as f:
        f.truncate(800_000_000)
    opened = []
    real_open, real_os_open = builtins.open, os.open
    monkeypatch.setattr(builtins, "open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    monkeypatch.setattr(os, "open", lambda p, *a, **k: opened.append(str(p)) or real_os_open(p, *a, **k))
    for n, options in enumerate([{"cache_dir": str(tmp_path / "cache")}, {"cache": False}]):
        result = kg.build([corpus], out=tmp_path / f"out{n}", workers=1, progress=False, **options)
        assert ("huge.md", "file is 800 MB, over the 200 MB limit (split it into episodes)") in [
            (p.file, p.reason) for p in result.skipped]
    assert not [p for p in opened if p.endswith("huge.md")]


def test_report_is_replaced_whole_and_a_failed_build_keeps_the_last_one(tmp_path):
    import kg
    from kg.errors import ConfigError

    corpus = tmp_path / "c"
    write_good(corpus.mkdir() or corpus)
    out = tmp_path / "out"
    kg.build([corpus], out=out, cache=False, workers=1, progress=False)
    before = (out / "report.json").read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ConfigError):
        kg.build([empty], out=out, cache=False, workers=1, progress=False)
    assert (out / "report.json").read_bytes() == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".tmp")]
