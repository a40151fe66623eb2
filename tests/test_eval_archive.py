"""The scorer of version-2 gold (episode facts, deep links, speakers, central entities, merges,
must-not names, misheard forms, splits, unmatched documents) and of sampled-precision labels,
pinned on the bundled example corpus and on small files of our own."""
import json
import textwrap

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, GOLD as GOLD_DIR
from kg.cli import cli
from kg.errors import InputError
from kg.eval import _deep_link_problem, _turn_spans, _video, evaluate
from kg.model import Evidence
from kg.sample import draw, read_labels, score_labels, wilson, write_sample
from kg.scorecard import format_table

VIDEO = "https://www.youtube.com/watch?v=Vb2nR8kLq4s"
GOLD = textwrap.dedent(f"""\
    version: 2
    documents:
      - file: transcripts/ep-017-colon-style.txt
        split: tune
        episode:
          show: Gradient Hours
          hosts: [Priya Raman]
          guests: [Tomasz Wierzbicki]
          date: absent
          url: {VIDEO}
        speakers: [Priya Raman, Tomasz Wierzbicki, Noor Haddad]
        entities:
          - {{label: OpenAI, type: Organization}}
          - {{label: o1, type: Model}}
          - {{label: Alpha Go, type: Model, surface: [AlphaGo]}}
          - {{label: chain of thought, type: Concept}}
          - {{label: Gradient Hours, type: Work}}
          - {{label: Noam Brown, type: Person}}
          - {{label: Sam Altman, type: Person, optional: true}}
        merges:
          - [Tomasz Wierzbicki, Tomek]
          - [OpenAI, Anthropic]
          - [Nobody Here, Nobody]
          - [Sam Altman, Sammy A.]
        must_not: [Episode Guide, Lena]
        misheard:
          - {{heard: Enthropic, means: Anthropic}}
          - {{heard: Tomek, means: Priya Raman}}
      - file: web/ep-021-page.txt
        split: held-back
        episode: {{guests: [Sunita Varga], hosts: [Someone Else], url: absent}}
      - file: nowhere/ep-999.md
        split: held-back
        episode: {{show: Gradient Hours}}
    """)


@pytest.fixture(scope="module")
def result(examples_build, tmp_path_factory):
    path = tmp_path_factory.mktemp("gold") / "gold.yaml"
    path.write_text(GOLD)
    return evaluate(examples_build[1], path, corpus=EXAMPLES)


def doc(result, file):
    return next(d for d in result["documents"] if d["file"] == file)


def test_a_gold_document_that_matches_no_episode_is_listed_not_scored(result):
    assert result["unmatched"] == ["nowhere/ep-999.md"]
    assert [d["file"] for d in result["documents"]] == ["transcripts/ep-017-colon-style.txt", "web/ep-021-page.txt"]
    assert result["splits"]["held-back"]["documents"] == 1


def test_episode_fields_and_participants(result):
    d = doc(result, "transcripts/ep-017-colon-style.txt")
    f = d["figures"]
    assert (f["show"], f["hosts"], f["guests"], f["date"], f["url"], f["participants"]) == (
        [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [2, 2])
    page = doc(result, "web/ep-021-page.txt")
    # one guest right; the host is not the gold's, so it is a miss and a wrong one: 1 of (2 + 1)
    assert page["figures"]["participants"] == [1, 3]
    assert page["episode"]["hosts"] == {"ok": False, "expected": ["Someone Else"], "got": ["Hannah Okafor"]}
    assert page["figures"]["url"] == [1, 1]                  # absent in the gold, absent in the build
    assert "deep_links" not in page["figures"]               # no video, nothing to link to


def test_deep_links_open_the_video_at_a_second_inside_the_quotes_turn(result):
    d = doc(result, "transcripts/ep-017-colon-style.txt")
    links = d["deep_links"]
    assert links["turns_checked"] is True
    assert links["with_seconds"] >= 20
    assert d["figures"]["deep_links"] == [links["with_seconds"], links["with_seconds"]]


def test_a_deep_link_is_wrong_for_another_video_another_second_or_outside_the_turn():
    spans = [("Priya: Welcome back.", 14.0, 70.0), ("Priya: Let's begin.", 70.0, 118.0)]
    video = _video(VIDEO)

    def ev(url, seconds, quote="Let's begin."):
        return Evidence("x.txt", seconds=seconds, url=url, quote=quote)
    assert _deep_link_problem(ev(VIDEO + "&t=70s", 70.0), video, spans) is None
    assert _deep_link_problem(ev(VIDEO + "&t=90", 90.0), video, spans) is None
    assert _deep_link_problem(ev("https://youtu.be/OTHERVIDEO1?t=70", 70.0), video, spans) == \
        "not the episode's video"
    assert _deep_link_problem(ev(VIDEO + "&t=10s", 70.0), video, spans) == "URL's second is not the quote's"
    assert _deep_link_problem(ev(None, 70.0), video, spans) == "not the episode's video"
    assert _deep_link_problem(ev(VIDEO + "&t=14", 14.0), video, spans) == \
        "second outside the quote's turn (70-118s)"
    assert _deep_link_problem(ev(VIDEO + "&t=70", 70.0, "never said"), video, spans) == \
        "quote not found in any timed turn"


def test_turn_spans_are_read_from_the_corpus_file():
    spans = _turn_spans(EXAMPLES, "transcripts/ep-017-colon-style.txt")
    assert spans[0][1:] == (0.0, 14.0) and spans[1][1:] == (14.0, 70.0)
    assert spans[0][0].startswith("The funny part is") and spans[-1][2] == float("inf")
    assert _turn_spans(None, "transcripts/ep-017-colon-style.txt") is None
    assert _turn_spans(EXAMPLES, "nowhere.txt") is None


def test_speakers_central_entities_merges_must_not_and_misheard(result):
    d = doc(result, "transcripts/ep-017-colon-style.txt")
    f = d["figures"]
    assert f["speakers"] == [2, 3] and d["speakers"]["missing"] == ["Noor Haddad"]
    assert f["central"] == [4, 6] and f["central_any_type"] == [5, 6]
    assert d["missed"] == ["Gradient Hours (Work)", "Noam Brown (Person)"]
    assert d["wrong_type"] == ["Gradient Hours (Work) as Gradient Hours (Show)"]
    assert d["unresolved"] == ["Alpha Go (Model) as AlphaGo"]
    assert f["merges"] == [1, 2] and d["merges"] == {"split": [["Anthropic", "OpenAI"]], "not_tested": 2}
    assert f["must_not"] == [1, 2] and d["must_not"] == ["Lena (on Lena Castellanos)"]
    assert f["misheard"] == [1, 2] and d["misheard"] == ["Tomek -> Priya Raman (on Tomasz Wierzbicki)"]


def test_totals_by_split_and_overall(result):
    tune, held, overall = result["splits"]["tune"], result["splits"]["held-back"], result["overall"]
    assert tune["figures"]["participants"] == [2, 2] and held["figures"]["participants"] == [1, 3]
    assert overall["figures"]["participants"] == [3, 5]
    assert overall["fp"] == 0                       # version 2 lists central entities only: no precision


def test_the_table_shows_each_figure_the_splits_and_the_unmatched(result):
    text = format_table(result)
    head = text.splitlines()[0].split()
    assert head[:8] == ["document", "split", "show", "hosts", "guests", "date", "url", "people"]
    assert "ALL tune (1)" in text and "ALL held-back (1)" in text and "ALL (2)" in text
    assert "central missed: Noam Brown (Person)" in text
    assert "must not appear: Lena (on Lena Castellanos)" in text
    assert "gold documents that match no episode of the build (not scored): nowhere/ep-999.md" in text


def test_eval_command_reads_several_gold_files(examples_build, tmp_path):
    (tmp_path / "a.yaml").write_text(GOLD)
    out = CliRunner().invoke(cli, ["eval", "--gold", str(tmp_path / "a.yaml"), "--gold",
                                   str(EXAMPLES.parents[1] / "tests" / "gold" / "examples.yaml"),
                                   "-g", str(examples_build[0].out), "--corpus", str(EXAMPLES), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    # the examples gold annotates the two episodes of a.yaml again: scored once, the second claim listed
    assert data["overall"]["documents"] == 2 + 9 - 2
    assert sorted(u.split(" (")[0] for u in data["unmatched"] if "again" in u) == [
        "transcripts/ep-017-colon-style.txt", "web/ep-021-page.txt"]
    assert data["overall"]["tp"] >= 100                      # precision counts come from the version-1 gold only
    assert {k: {s: t["documents"] for s, t in v.items()} for k, v in data["by_gold"].items()} == {
        "a.yaml": {"tune": 1, "held-back": 1}, "examples.yaml": {"tune": 7, "held-back": 0}}
    assert data["overall"]["fn"] + data["overall"]["tp"] < 143


def test_wilson_interval():
    assert [round(x, 4) for x in wilson(45, 50)] == [0.7864, 0.9565]
    assert wilson(0, 0) == (0.0, 1.0)
    low, high = wilson(10, 10)
    assert high == 1.0 and round(low, 4) == 0.7225


LABELS = textwrap.dedent("""\
    # kg eval --sample 6 --seed 0 of somewhere
    # words\t20000
    # population\tPerson\t100
    # population\tPlace\t50
    id\ttype\tlabel\taliases\tmentions\tepisodes\tevidence\tverdict\tdetail
    p1\tPerson\tAda Byron\t\t3\t1\tep.md: a quote\tok\t
    p2\tPerson\tAda\t\t1\t1\tep.md: a quote\tduplicate\tAda Byron
    p3\tPerson\tKindle\t\t1\t1\tep.md: a quote\twrong-type\tOrganization
    p4\tPerson\tBo Chen\t\t2\t1\tep.md: a quote\tOK\t
    l1\tPlace\tParis\t\t5\t2\tep.md: a quote\tok\t
    l2\tPlace\tX. We\t\t1\t1\tep.md: a quote\tjunk\t
    l3\tPlace\tRome\t\t1\t1\tep.md: a quote\t\t
    """)


def test_labels_give_precision_by_type_weighted_overall_and_yield(tmp_path):
    path = tmp_path / "labels.tsv"
    path.write_text(LABELS)
    r = score_labels([path])
    assert (r["labelled"], r["unlabelled"]) == (6, 1)
    assert r["verdicts"] == {"duplicate": 1, "junk": 1, "ok": 3, "wrong-type": 1}
    assert r["by_type"]["Person"]["precision"] == 0.5 and r["by_type"]["Place"]["precision"] == 0.5
    assert r["sample"]["precision"] == 0.5
    assert r["weighted"]["precision"] == 0.5
    # 100 persons x 0.5 + 50 places x 0.5 = 75 correct entities in 20,000 words
    assert r["correct_per_10k_words"] == 37.5
    low, high = wilson(2, 4)
    assert (r["by_type"]["Person"]["low"], r["by_type"]["Person"]["high"]) == (round(low, 4), round(high, 4))


def test_a_labels_file_with_an_unknown_verdict_names_the_line(tmp_path):
    path = tmp_path / "labels.tsv"
    path.write_text(LABELS.replace("\tjunk\t", "\tmaybe\t"))
    with pytest.raises(InputError) as err:
        read_labels(path)
    assert err.value.line == 11 and "unknown verdict 'maybe'" in err.value.message


def test_sample_is_stratified_reproducible_and_round_trips(examples_build, tmp_path):
    g = examples_build[1]
    rows, population = draw(g, 14, seed=3)
    again, _ = draw(g, 14, seed=3)
    assert [r.id for r in rows] == [r.id for r in again]
    assert [r.id for r in draw(g, 14, seed=4)[0]] != [r.id for r in rows]
    types = {r.type for r in rows}
    assert "Episode" not in types and len(rows) == 14
    per_type = {t: sum(r.type == t for r in rows) for t in types}
    assert max(per_type.values()) - min(v for t, v in per_type.items() if population[t] > v) <= 1
    path = tmp_path / "s.tsv"
    write_sample(rows, population, 1234, path, source="out", seed=3)
    back, pop, words = read_labels(path)
    assert [r.label for r in back] == [r.label for r in rows] and pop == population and words == 1234
    assert all(r.evidence for r in back if r.mentions)


def test_sample_command_writes_the_file_and_labels_command_scores_it(examples_build, tmp_path):
    out = CliRunner().invoke(cli, ["eval", "--sample", "10", "-g", str(examples_build[0].out), "-o",
                                   str(tmp_path / "l.tsv")])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("wrote 10 entities to label to ")
    text = (tmp_path / "l.tsv").read_text()
    (tmp_path / "l.tsv").write_text(text.replace("\t\t\n", "\tok\t\n"))
    scored = CliRunner().invoke(cli, ["eval", "--labels", str(tmp_path / "l.tsv")])
    assert scored.exit_code == 0, scored.output
    assert "ALL (sample)" in scored.output and "verdicts: ok 10" in scored.output
    assert "correct entities per 10,000 words" in scored.output


def test_eval_needs_exactly_one_mode(examples_build):
    out = CliRunner().invoke(cli, ["eval", "-g", str(examples_build[0].out)])
    assert out.exit_code == 2 and "give exactly one of --gold, --sample or --labels" in out.output


# -- the real archives: a few gold episodes built once per session ------------------------------------
ARCHIVE_GOLD = [GOLD_DIR / f for f in ("lenny.yaml", "lex-pages.yaml", "lex-captions.yaml")]


def test_every_archive_gold_file_is_read_with_its_split():
    from kg.gold import read_gold

    docs = {f.name: read_gold(f) for f in ARCHIVE_GOLD}
    assert {k: len(v) for k, v in docs.items()} == {"lenny.yaml": 12, "lex-pages.yaml": 9, "lex-captions.yaml": 9}
    for name, ds in docs.items():
        assert sum(d.split == "held-back" for d in ds) == len(ds) // 3, name
        for d in ds:
            assert sum(not e.optional for e in d.entities) >= 8 or len(d.entities) >= 13, (name, d.file)
            assert {"show", "hosts", "guests", "date", "url"} <= set(d.episode), (name, d.file)
    assert all(d.misheard for d in docs["lex-captions.yaml"])


def test_eval_scores_the_archive_gold_episodes_that_were_built(archive_build):
    result = evaluate(archive_build[1], ARCHIVE_GOLD, corpus=None)
    scored = {d["file"] for d in result["documents"]}
    assert scored == {"andy-raskin/transcript.md", "ryan-j-salva/transcript.md",
                      "398 - Mark Zuckerberg - First Interview in the Metaverse.txt",
                      "039 - Colin Angle - iRobot CEO.txt"}
    assert len(result["unmatched"]) == 30 - 4
    for d in result["documents"]:
        assert {"show", "hosts", "guests", "date", "url", "participants", "central", "merges",
                "must_not"} <= set(d["figures"]), d["file"]
    captions = next(d for d in result["documents"] if d["file"].startswith("039"))
    assert captions["figures"]["misheard"][1] == 9
    lenny = next(d for d in result["documents"] if d["file"].startswith("andy-raskin"))
    assert lenny["figures"]["speakers"][1] == 2 and lenny["figures"]["deep_links"][1] > 0
    assert result["splits"]["held-back"]["documents"] == 2 and result["splits"]["tune"]["documents"] == 2
    text = format_table(result)
    assert "ALL held-back (2)" in text and "ALL tune (2)" in text
    assert [line.split("  ")[0] for line in text.splitlines() if line.startswith(("lenny ", "lex-"))] == [
        "lenny tune (1)", "lenny held-back (1)", "lex-pages held-back (1)", "lex-captions tune (1)"]


def test_sample_never_replaces_a_labels_file_without_force(examples_build, tmp_path):
    labels = tmp_path / "l.tsv"
    labels.write_text("hours of work")
    args = ["eval", "--sample", "5", "-g", str(examples_build[0].out), "-o", str(labels)]
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 1 and labels.read_text() == "hours of work"
    assert str(out.exception) == (f"labels file exists (it may hold labels) ({labels}): give another -o file, "
                                  "or --force to replace it")
    assert CliRunner().invoke(cli, args + ["--force"]).exit_code == 0
    assert labels.read_text().startswith("# kg eval --sample 5")


def test_a_labels_file_saved_by_a_spreadsheet_reads_the_same(tmp_path):
    path = tmp_path / "labels.tsv"
    sheet = LABELS.replace("\tduplicate\t", "\tDuplicate\t").replace("\twrong-type\t", "\twrong type\t")
    sheet = sheet.replace("id\ttype\tlabel", '"id"\t"type"\t"label"').replace("verdict\tdetail\n", "verdict\tdetail\tnotes\n")
    path.write_bytes(b"\xef\xbb\xbf" + sheet.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "plain.tsv").write_text(LABELS)
    assert score_labels([path]) == score_labels([tmp_path / "plain.tsv"])
    path.write_bytes(LABELS.encode("cp1252").replace(b"Paris", b"P\xe2ris"))
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_labels(path)


def test_types_without_labels_are_named_and_the_interval_never_exceeds_the_labels(tmp_path):
    path = tmp_path / "labels.tsv"
    text = LABELS.replace("# population\tPlace\t50\n", "# population\tPlace\t50\n# population\tWork\t1000\n")
    path.write_text(text)
    r = score_labels([path])
    assert r["uncovered"] == {"Work": 1000}
    assert r["weighted"]["effective_n"] <= r["labelled"]
    # all right in a big stratum, half right in a small one: the interval is no narrower than 52 labels allow
    rows = "".join(f"l{i}\tPlace\tCity {i}\t\t1\t1\tq\tok\t\n" for i in range(50))
    path.write_text("# words\t1000\n# population\tPerson\t10\n# population\tPlace\t990\n"
                    "id\ttype\tlabel\taliases\tmentions\tepisodes\tevidence\tverdict\tdetail\n"
                    "p1\tPerson\tAda\t\t1\t1\tq\tok\t\np2\tPerson\tBo\t\t1\t1\tq\tjunk\t\n" + rows)
    w = score_labels([path])["weighted"]
    assert w["effective_n"] <= 52 and w["low"] <= 0.95


@pytest.mark.parametrize("episode,expected", [
    ("{show: [Deep Loop], date: 2024-03-12T09:00:00, title: absent, hosts: Ada}",
     {"show": ["Deep Loop"], "date": "2024-03-12", "title": None, "hosts": ["Ada"]}),
    ("{show: absent, guests: absent, url: absent}", {"show": [], "guests": [], "url": None}),
])
def test_gold_episode_fields_are_normalised(tmp_path, episode, expected):
    from kg.gold import read_gold

    path = tmp_path / "g.yaml"
    path.write_text(f"version: 2\ndocuments:\n  - file: a.md\n    episode: {episode}\n    speakers: absent\n")
    doc = read_gold(path)[0]
    assert doc.episode == expected and doc.speakers == []


@pytest.mark.parametrize("body,message", [
    ("    merges: [Ada Byron, Ada]\n", "'merges' is a list of groups of two or more names, e.g. [[Ada Byron, Ada]]"),
    ("    episode: {date: soon}\n", "episode date 'soon' is not a date (YYYY-MM-DD or absent)"),
    ("    episode: {url: [a, b]}\n", "episode url is one value"),
    ("    split: later\n", "'split' must be one of tune, held-back"),
])
def test_bad_gold_names_the_document_and_what_is_wrong(tmp_path, body, message):
    from kg.gold import read_gold

    path = tmp_path / "g.yaml"
    path.write_text("version: 2\ndocuments:\n  - file: a.md\n" + body)
    with pytest.raises(InputError) as err:
        read_gold(path)
    assert err.value.message.startswith("document 1: a.md: ") and message in err.value.message
    path.write_text("version: 2\ndocuments: []\n")
    with pytest.raises(InputError, match="no gold documents"):
        read_gold(path)


def test_the_gold_is_in_our_own_words_no_eight_word_run_of_the_archive():
    """Gold notes and labels are ours: no run of eight words from the file they describe (titles are
    facts the file states and are left out)."""
    import re

    import yaml

    from conftest import CORPORA, _shared

    def words(text):
        return re.findall(r"[a-z0-9']+", text.lower())
    for gold, folder in (("lenny.yaml", "lenny"), ("lex-pages.yaml", "lex"), ("lex-captions.yaml", "lex")):
        for doc in yaml.safe_load((GOLD_DIR / gold).read_text())["documents"]:
            source = " ".join(words(_shared(CORPORA / folder / doc["file"]).read_bytes().decode("utf-8", "replace")))
            ours = words(doc.get("note", ""))
            runs = {" ".join(ours[i:i + 8]) for i in range(len(ours) - 7)}
            assert not [r for r in runs if r in source], (gold, doc["file"])
    for labels in (GOLD_DIR / "labels").glob("*.tsv"):
        assert all(not r.evidence for r in read_labels(labels)[0]), labels
    for edges in (GOLD_DIR / "edges").glob("*.tsv"):          # co-occurrence verdicts: the quote column is empty
        rows = [line.split("\t") for line in edges.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
        assert rows[0][7] == "quote" and all(r[7] == "" for r in rows[1:]), edges
