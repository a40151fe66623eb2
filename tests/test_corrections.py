"""Corrections that last: `.kg/corrections.yaml` (merge, split, type, ignore, add, speakers) applied on
every rebuild without re-running extraction, reported line by line; and `kg review`, whose fixes,
pasted into the file, do what they say.

One small corpus in our own words is built twice with a cache: as it is (A), then with a
corrections file whose merge is the line `kg review` printed for A (B)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli, main
from kg.corrections import CorrectionsError, parse
from kg.report import review_text
from kg.review import Review

EP1 = """---
title: Harbor Talk 1
host: Mara Quist
guests: [Ode Lindahl]
companies:
  - {name: Tessaly Robotics, category: company, confidence: 0.95}
  - {name: Brindlewick, category: company, confidence: 0.95}
  - {name: Velmont Quarry, category: company, confidence: 0.95}
  - {name: Vestry Capital, category: company, confidence: 0.95}
---
Mara Quist: Welcome back to Harbor Talk. Ode joins us from the coast.

Ode Lindahl: Thanks. I spent six years at Tessaly Robotics building arms for warehouses.

Mara Quist: And then you left for Brindlewick?

Ode Lindahl: Yes, Brindlewick makes flight planning tools. Vestry Capital funded us, and Vestry was patient.

Mara Quist: People still quote Velmont Quarry at you, I hear.

Ode Lindahl: They do. My friend Halmer swears by the Zorblin notebooks.
"""
EP2 = """---
title: Harbor Talk 2
host: Mara Quist
guests: [Pell Oduya]
companies:
  - {name: Tessaly, category: company, confidence: 0.95}
---
Mara Quist: Pell, you worked with Tessaly on grippers.

Pell Oduya: I did. Tessaly shipped the gripper late, but it worked. We also used Zorblin notebooks.

Mara Quist: Brindlewick came up last week too. Is a zorblin layout a thing, or are Zorblins a brand?

Pell Oduya: Everyone talks about Brindlewick.
"""
EP3 = """WEBVTT

00:00:01.000 --> 00:00:05.000
<v Speaker 1>Welcome to Dockside, I talk about Tessaly robots every week.

00:00:05.000 --> 00:00:09.000
<v Speaker 2>And I keep asking about Brindlewick and their planners.

00:00:09.000 --> 00:00:14.000
<v Speaker 1>Brindlewick is clever. Tessaly is loud.
"""
EP4 = """WEBVTT

00:00:01.000 --> 00:00:05.000
<v Speaker 1>Another show, where Brindlewick gets named by someone else.

00:00:05.000 --> 00:00:09.000
<v Speaker 2>Yes, Brindlewick again, and Tessaly too.
"""
# line 1 is kg review's fix for the planted pair, pasted as printed (the test checks it is)
REST = """split:
  - {alias: Vestry, from: Vestry Capital}
type:
  Brindlewick: Work
ignore: [Velmont Quarry, Ode, Nobody Atall]
add:
  - {name: Zorblin, type: Work}
  - {name: Halmer, type: Person}
speakers:
  - {label: Speaker 1, person: Ines Carvalho, file: ep3.vtt, role: host}
"""
FILE = ".kg/corrections.yaml"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(A, B, corpus folder): BuildResults and graphs of the corpus without and with corrections."""
    root = tmp_path_factory.mktemp("corrections")
    corpus, cache = root / "corpus", root / "cache"
    corpus.mkdir()
    for name, text in {"ep1.md": EP1, "ep2.md": EP2, "ep3.vtt": EP3, "ep4.vtt": EP4}.items():
        (corpus / name).write_text(text, encoding="utf-8")
    a = kg.build([corpus], out=root / "a", cache_dir=cache, workers=1, progress=False)
    fix = kg.review(kg.load(root / "a")).duplicates[0]["fix"]
    (corpus / ".kg").mkdir()
    (corpus / FILE).write_text(fix + "\n" + REST, encoding="utf-8")
    b = kg.build([corpus], out=root / "b", cache_dir=cache, workers=1, progress=False)
    return (a, kg.load(root / "a")), (b, kg.load(root / "b")), corpus


def labels(g, type_=None) -> set[str]:
    return {e.label for e in g.entities(type=type_) if e.type != "Episode"}


def test_review_lists_the_planted_pair_and_its_fix_pasted_and_rebuilt_merges_them(builds):
    (_, a), (b_result, b), corpus = builds
    pair = kg.review(a).duplicates[0]
    assert pair["names"] == ["Tessaly", "Tessaly Robotics"] and pair["evidence"]["match"] == "word prefix"
    assert pair["fix"] == "merge: [[Tessaly, Tessaly Robotics]]"
    assert (corpus / FILE).read_text(encoding="utf-8").splitlines()[0] == pair["fix"]
    merged = b.find("Tessaly Robotics")
    assert (merged.label, merged.type, merged.sources) == ("Tessaly", "Organization", ["ep1.md", "ep2.md", "ep3.vtt",
                                                                                         "ep4.vtt"])
    assert merged.merged_by["Tessaly Robotics"] == "correction (.kg/corrections.yaml line 1)"
    assert "Tessaly Robotics" not in labels(b) and not kg.review(b).duplicates
    # counter-example: the entities it did not name are as they were
    assert b.find("Vestry Capital").mentions == 1 and a.find("Brindlewick").mentions == b.find("Brindlewick").mentions


def test_merge_reaches_the_turtle_and_neighbors_json(builds):
    _, (b_result, b), _ = builds
    ttl = (b_result.out / "graph.ttl").read_text(encoding="utf-8")
    assert 'kgo:surface "Tessaly Robotics" ;\n\tkgo:rule "correction (.kg/corrections.yaml line 1)"' in ttl
    out = CliRunner().invoke(cli, ["neighbors", "Tessaly", "-g", str(b_result.out), "--json"]).output
    assert {n["entity"] for n in json.loads(out)} >= {"Harbor Talk 1", "Harbor Talk 2"}


def test_split_gives_the_alias_its_own_entity(builds):
    (_, a), (_, b), _ = builds
    assert "Vestry" in a.find("Vestry Capital").aliases and "Vestry" not in labels(a)
    vestry = b.find("Vestry")
    assert (vestry.label, vestry.mentions, vestry.type) == ("Vestry", 1, "Place")     # NER's vote on the word alone
    # counter-example: what the alias was split from keeps its own name and mention
    capital = b.find("Vestry Capital")
    assert (capital.label, capital.aliases, capital.mentions) == ("Vestry Capital", [], 1)


def test_type_changes_the_type_and_only_of_that_name(builds):
    (_, a), (_, b), _ = builds
    assert a.find("Brindlewick").type == "Organization"
    assert b.find("Brindlewick").type == "Work" and b.find("Brindlewick").id.endswith("/work/brindlewick")
    assert b.find("Vestry Capital").type == "Organization"


def test_ignore_drops_a_node_by_its_label_and_a_name_from_another_node(builds):
    (_, a), (_, b), _ = builds
    assert "Velmont Quarry" in labels(a) and "Velmont Quarry" not in labels(b)
    assert a.find("Ode Lindahl").aliases == ["Ode"]
    # counter-example: ignoring the first name 'Ode' drops that mention, never the person
    assert b.find("Ode Lindahl").aliases == [] and "Ode Lindahl" in labels(b, "Person")


def test_add_brings_in_a_name_kept_out_and_finds_one_nothing_extracted(builds):
    (a_result, a), (b_result, b), _ = builds
    assert a_result.report["kept_out"][0] == {
        "name": "Halmer", "type": "Person", "reason": "first name alone", "mentions": 1, "files": 1, "file": "ep1.md",
        "quote": "My friend Halmer swears by the Zorblin notebooks."}
    assert {"Halmer", "Zorblin"}.isdisjoint(labels(a))
    assert b.find("Halmer").type == "Person" and b.find("Zorblin").type == "Work"
    # found in the text of both episodes, with a quote, like any other mention; the case-sensitive
    # whole-word search did not take 'zorblin layout' or 'Zorblins'
    found = b.neighbors("Zorblin", relation="mentions")
    assert sorted((n.entity.label, n.weight) for n in found) == [("Harbor Talk 1", 1), ("Harbor Talk 2", 1)]
    assert found[0].evidence[0].quote in ("My friend Halmer swears by the Zorblin notebooks.",
                                          "We also used Zorblin notebooks.")
    assert found[0].evidence[0].origin == "correction"
    said = {n.entity.label for n in b.neighbors("Zorblin", relation="discusses")}
    assert said == {"Ode Lindahl", "Pell Oduya"}


def test_speakers_names_a_generic_voice_in_the_one_file_given(builds):
    (_, a), (_, b), _ = builds
    assert "Speaker 1" not in labels(a) and "Ines Carvalho" not in labels(a)
    ines = b.find("Ines Carvalho")
    assert ines.type == "Person" and ines.sources == ["ep3.vtt"]
    talked = {(n.entity.label, n.relation, n.direction) for n in b.neighbors("Ines Carvalho")}
    assert {("Tessaly", "discusses", "out"), ("Brindlewick", "discusses", "out"), ("ep3", "hosted_by", "in")} <= talked
    # counter-example: 'Speaker 1' of ep4.vtt, not named, is still no one
    assert all(e.source == "ep3.vtt" for n in b.neighbors("Ines Carvalho", relation="discusses") for e in n.evidence)
    assert not [n for n in b.neighbors("Tessaly", relation="discusses") if n.entity.label != "Ines Carvalho"
                and any(e.source == "ep4.vtt" for e in n.evidence)]


def test_report_lists_each_correction_with_its_line_and_warns_of_one_that_matched_nothing(builds):
    _, (b, _), _ = builds
    done = {(c["line"], c["correction"]): (c["applied"], c["result"]) for c in b.report["corrections"]}
    assert done[(1, "merge [Tessaly, Tessaly Robotics]")] == (True, "merged 2 entities into 'Tessaly'")
    assert done[(3, "split Vestry from Vestry Capital")] == (True, "moved 1 mention(s) of 'Vestry' off 'Vestry Capital'")
    assert done[(5, "type Brindlewick: Work")] == (True, "typed Work: 'Brindlewick' was Organization")
    assert done[(6, "ignore Velmont Quarry")] == (True, "dropped 2 mention(s)")
    assert done[(6, "ignore Nobody Atall")] == (False, "matched nothing")
    assert done[(8, "add Zorblin: Work")] == (True, "'Zorblin' is a node (Work); 2 more mention(s) found in the text")
    assert done[(9, "add Halmer: Person")] == (True, "'Halmer' is a node (Person); kept out before: first name alone")
    assert done[(11, "speaker Speaker 1 is Ines Carvalho in ep3.vtt")] == (True, "Ines Carvalho speaks 2 turn(s) in 1 "
                                                                                    "document(s)")
    assert [(w.file, w.reason) for w in b.warnings] == [
        (FILE, "line 6: ignore Nobody Atall: matched nothing (check the spelling against the graph: kg neighbors NAME, "
               "or kg review)")]


def test_a_correction_never_reruns_extraction_and_is_in_the_rebuilt_graph(builds):
    (a, _), (b, g), _ = builds
    assert a.run["cache"]["extracted"] == 4
    assert b.run["cache"] == {"files": 4, "extracted": 0, "cached": 4, "corrupt": 0} and "reused" not in b.run
    assert "Zorblin" in labels(g)


def test_same_corrections_same_bytes_and_every_output_has_them(builds, tmp_path):
    _, (b, _), corpus = builds
    again = kg.build([corpus], out=tmp_path / "again", cache=False, workers=1, progress=False)
    for name in ("graph.ttl", "graph.load.json", "report.json", "graph.html"):
        assert (again.out / name).read_bytes() == (b.out / name).read_bytes(), name
    assert "Zorblin" in (b.out / "graph.html").read_text(encoding="utf-8")
    written = kg.write_vault(kg.load(b.out), tmp_path / "vault")
    notes = {p.stem for p in (tmp_path / "vault").rglob("*.md")}
    assert written.written and {"Tessaly", "Zorblin", "Ines Carvalho"} <= notes
    assert not {"Tessaly Robotics", "Velmont Quarry"} & notes


def test_corrections_option_adds_a_file_shown_by_its_name(builds, tmp_path):
    _, _, corpus = builds
    extra = tmp_path / "more.yaml"
    extra.write_text("type:\n  Vestry Capital: Place\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-cache", "-q",
                                      "--corrections", str(extra)])
    assert result.exit_code == 0, result.output
    g = kg.load(tmp_path / "out")
    assert g.find("Vestry Capital").type == "Place" and g.find("Brindlewick").type == "Work"
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["corrections"][-1]["file"] == "more.yaml" and report["corrections"][-1]["line"] == 2


@pytest.mark.parametrize("text, message", [
    ("mrege: [[A, B]]\n", "unknown key 'mrege' (c.yaml, line 1): use merge, split, type, ignore, add or speakers "
                          "(see docs/corrections.md)"),
    ("merge: [A, B]\n", "a merge is a list of names, not a name (c.yaml, line 1): write merge: "
                        "[[Lockheed Martin, Lockheed]]"),
    ("type:\n  Kindle: Book\n", "unknown type 'Book' (c.yaml, line 2): use one of Person, Organization, Model, "
                                "Concept, Show, Place, Work"),
    ("split:\n  - {alias: United}\n", "'split' item without from (c.yaml, line 2): write split: "
                                      "[{alias: United, from: United States}]"),
    ("add:\n  - name: Q\n    type: Organization\n    kind: startup\n",
     "unknown key 'kind' in 'add' (c.yaml, line 4): use name, type"),
    ("ignore: Sorry Dave\n", "'ignore' takes a list (c.yaml, line 1): write ignore: [Sorry Dave]"),
    ("ignore: [a]\nmerge: [[A, B]]\nignore: [b]\n", "'ignore' appears twice (also on line 1) (c.yaml, line 3): put "
                                                    "every ignore under one 'ignore:' key"),
    ("speakers:\n  - {label: Speaker 1, person: Ada Byron, role: cohost}\n",
     "unknown role 'cohost' (c.yaml, line 2): use role: host or role: guest, or leave it out"),
    ("merge: [[A, B]\n", "invalid YAML: did not find expected ',' or ']' (c.yaml, line 2): fix the YAML syntax"),
    ("- merge\n", "a corrections file is a list, not a mapping of keys to values (c.yaml, line 1): start lines with "
                  "'merge:', 'type:', ... (see docs/corrections.md)"),
])
def test_a_mistake_names_the_file_and_line_and_says_what_to_write(text, message):
    with pytest.raises(CorrectionsError) as err:
        parse(text, "c.yaml")
    assert str(err.value) == message


def test_a_bad_corrections_file_stops_the_build_before_any_work(tmp_path, capsys):
    corpus = tmp_path / "c"
    (corpus / ".kg").mkdir(parents=True)
    (corpus / "ep.md").write_text("---\ntitle: Ep\n---\nHello.\n", encoding="utf-8")
    (corpus / FILE).write_text("merge:\n  - [A, B]\ntype:\n  Kindle: Gadget\n", encoding="utf-8")
    assert main(["build", str(corpus), "-o", str(tmp_path / "out"), "--no-cache", "-q"]) == 1
    assert capsys.readouterr().err == (f"Error: unknown type 'Gadget' ({corpus / FILE}, line 4): use one of Person, "
                                       "Organization, Model, Concept, Show, Place, Work\n")
    assert not (tmp_path / "out").exists()


def test_an_alias_bomb_is_refused_by_the_yaml_limits():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6))
    with pytest.raises(CorrectionsError, match=r"YAML expands to more than .* \(c.yaml, line 1\)"):
        parse(bomb, "c.yaml")


def test_a_merge_naming_a_spelling_several_entities_share_touches_none_of_them():
    from kg.extract import Extraction
    from kg.gazetteer import Gazetteer
    from kg.model import Document, Mention
    from kg.resolve import resolve

    def doc(i, text):
        return Document(id=f"d{i}", source=f"d{i}.txt", format="text", title=f"Episode {i}", text=text)

    a, b = doc(1, "Sam Altman spoke. Sam said more."), doc(2, "Sam Harris spoke. Sam said more.")
    exs = [Extraction(d.id, [Mention(d.id, d.text[:10], "Person", "ner", 0.6, 0, 10),
                             Mention(d.id, "Sam", "Person", "ner", 0.6, 18, 21)]) for d in (a, b)]
    fixes = parse("merge:\n  - [Sam Altman, Sam]\n", "c.yaml")
    r = resolve([a, b], exs, Gazetteer.from_entries([]), corrections=fixes)
    assert sorted(e.label for e in r.entities if e.type == "Person") == ["Sam Altman", "Sam Harris"]
    [line] = r.report["corrections"]
    assert (line["line"], line["unmatched"]) == (2, ["Sam"])         # "Sam" names two people: neither is touched


def test_a_split_keeps_apart_what_the_episode_merge_of_one_persons_spellings_would_join():
    from kg.gazetteer import Gazetteer
    from kg.resolve import resolve
    from test_resolve import episode, spans

    text = "Gary Sullivan came. Gary Sullivan spoke. Gary Lee Sullivan, his cousin, left."
    d, ex = episode(1, text), spans("d1", text, "Person", "Gary Sullivan", "Gary Lee Sullivan")
    merged = resolve([d], [ex], Gazetteer.from_entries([]))
    assert sorted(e.label for e in merged.entities if e.type == "Person") == ["Gary Sullivan"]
    fixes = parse("split:\n  - {alias: Gary Lee Sullivan, from: Gary Sullivan}\n", "c.yaml")
    r = resolve([d], [ex], Gazetteer.from_entries([]), corrections=fixes)
    assert sorted(e.label for e in r.entities if e.type == "Person") == ["Gary Lee Sullivan", "Gary Sullivan"]
    [line] = r.report["corrections"]
    assert (line["applied"], line["result"]) == (True, "'Gary Lee Sullivan' kept apart from 'Gary Sullivan'")
