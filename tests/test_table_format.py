"""Transcripts exported as CSV or TSV tables by transcription tools (a row per cue: start, end,
speaker, text). Fixtures are our own words."""
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_files
from kg.errors import InputError, NotATranscript
from kg.read.formats import read_text

CSV_EPISODE = (
    "start,end,speaker,text\n"
    "00:00:02.000,00:00:09.500,Mira Castellanos,Welcome to Loose Gradients. Today my guest worked on evaluation "
    "at DeepMind for three years.\n"
    "00:00:09.500,00:00:15.000,Tobias Lindqvist,Thanks for having me. DeepMind taught me to distrust a single "
    "benchmark.\n"
    "00:01:05.250,00:01:20.000,Mira Castellanos,So what should a team measure instead?\n"
    "00:01:20.000,00:01:40.000,Tobias Lindqvist,Measure what your users do. I said the same to the people "
    "at Anthropic.\n")

TSV_GENERIC = (
    "start\tend\tspeaker\ttext\n"
    "0.0\t6.2\tSpeaker 1\tOur listeners asked about small language models running on phones.\n"
    "6.2\t11.0\tSpeaker 2\tThey fit now, if you quantize them to four bits.\n"
    "11.0\t15.5\tSpeaker 1\tAnd Mistral released one that fits in a few gigabytes.\n"
    "15.5\t19.0\tSpeaker 2\tRight, and it runs offline.\n")


def read(text, file):
    docs, _, warnings = read_text(text, file=file, doc_id=file)
    return docs[0], warnings


def discussed_by(g):
    return {(g.graph.nodes[u]["label"], g.graph.nodes[v]["label"])
            for u, v, k in g.graph.edges(keys=True) if k == "discusses"}


def test_a_csv_with_clock_times_gives_turns_of_named_speakers_at_their_seconds(tmp_path):
    doc, warnings = read(CSV_EPISODE, "loose-gradients-12.csv")
    assert doc.format == "csv" and warnings == []
    assert [(t.speaker, t.seconds) for t in doc.turns] == [
        ("Mira Castellanos", 2.0), ("Tobias Lindqvist", 9.5), ("Mira Castellanos", 65.25), ("Tobias Lindqvist", 80.0)]
    assert doc.turns[1].text == "Thanks for having me. DeepMind taught me to distrust a single benchmark."
    assert doc.title == "loose-gradients-12"
    _, g = build_files(tmp_path, {"loose-gradients-12.csv": CSV_EPISODE})
    assert ("Tobias Lindqvist", "Anthropic") in discussed_by(g)
    people = {d["label"] for _, d in g.graph.nodes(data=True) if d["type"] == "Person"}
    assert {"Mira Castellanos", "Tobias Lindqvist"} <= people


def test_a_tsv_with_seconds_and_generic_speakers_names_no_one(tmp_path):
    doc, _ = read(TSV_GENERIC, "phones.tsv")
    assert doc.format == "tsv"
    assert [(t.speaker, t.seconds) for t in doc.turns] == [(None, 0.0), (None, 6.2), (None, 11.0), (None, 15.5)]
    assert doc.participants == []
    _, g = build_files(tmp_path, {"phones.tsv": TSV_GENERIC})
    labels = {d["label"] for _, d in g.graph.nodes(data=True)}
    assert "Mistral" in " ".join(labels) and not {"Speaker 1", "Speaker 2"} & labels
    assert not discussed_by(g)


def test_numbered_and_diarized_voices_keep_their_own_turns_and_name_no_one():
    text = ("start,end,speaker,text\n1,2,1,A question from the floor.\n2,3,2,An answer to it.\n3,4,2,More of it.\n"
            "4,5,SPEAKER_01,A third voice.\n5,6,Host,Thanks all.\n")
    doc, _ = read(text, "panel.csv")
    assert [(t.speaker, t.seconds, t.text) for t in doc.turns] == [
        (None, 1.0, "A question from the floor."), (None, 2.0, "An answer to it. More of it."),
        (None, 4.0, "A third voice."), (None, 5.0, "Thanks all.")]
    assert doc.participants == []


def test_a_csv_with_a_bom_semicolons_quoted_commas_and_line_breaks():
    text = ("\ufeffSpeaker Name;Start Time;Transcript\n"
            "Ines Okafor;00:00:01,500;\"Yes; and no, depending on the week.\"\n"
            "Ravi Menon;00:00:04,000;\"First line of a long answer,\nsecond line of it.\"\n")
    doc, _ = read(text, "ep.csv")
    assert [(t.speaker, t.seconds, t.text) for t in doc.turns] == [
        ("Ines Okafor", 1.5, "Yes; and no, depending on the week."),
        ("Ravi Menon", 4.0, "First line of a long answer, second line of it.")]


def test_excels_sep_line_and_blank_lines_before_the_header():
    text = "\n\nsep=|\nStart|Speaker|Text\n1|Ada Byron|Looms, then engines.\n2|Alan Turing|Then codes.\n"
    doc, _ = read(text, "x.csv")
    assert [(t.speaker, t.seconds, t.text) for t in doc.turns] == [("Ada Byron", 1.0, "Looms, then engines."),
                                                                   ("Alan Turing", 2.0, "Then codes.")]


def test_whispers_tsv_in_whole_milliseconds_and_unquoted_text():
    text = ("start\tend\ttext\n0\t4200\t\"Half a quote that never closes,\n4200\t9800\tso the reader keeps going.\n"
            "9800\t12000\tThe end.\n")
    doc, _ = read(text, "whisper.tsv")
    assert [s for _, s in doc.times] == [0.0, 4.2, 9.8]
    assert doc.text.startswith('"Half a quote that never closes, so the reader')


@pytest.mark.parametrize("header, cells, seconds", [
    ("Timecode,Speaker,Content", ("00:01:02:12", "00:01:07:00"), [62.0, 67.0]),
    ("In,Name,Caption", ("01:02", "1:07"), [62.0, 67.0]),
    ("start_ms,speaker,text", ("62000", "67000"), [62.0, 67.0]),
    ("Start (ms),Speaker,Text", ("62000", "67000"), [62.0, 67.0]),
    ("Start Time (seconds),Speaker,Utterance", ("62", "67.5"), [62.0, 67.5])])
def test_column_names_and_time_forms_of_the_tools(header, cells, seconds):
    text = f"{header}\n{cells[0]},Ada Byron,Looms came first.\n{cells[1]},Alan Turing,Then codes.\n"
    doc, _ = read(text, "ep.csv")
    assert [(t.speaker, t.seconds) for t in doc.turns] == [("Ada Byron", seconds[0]), ("Alan Turing", seconds[1])]


def test_a_table_without_a_header_is_read_only_when_its_shape_is_clear():
    doc, _ = read("00:00:03,Ada Byron,Looms came first in my story.\n00:00:08,Alan Turing,Then the codes.\n",
                  "ep.csv")
    assert [(t.speaker, t.seconds) for t in doc.turns] == [("Ada Byron", 3.0), ("Alan Turing", 8.0)]
    for text in ("12:30,Lunch\n13:00,Meeting\n", "2023,12,9\n2024,15,3\n", "red,green,blue words here\n"):
        with pytest.raises(NotATranscript):
            read(text, "table.csv")


def test_rows_without_text_are_skipped_and_rows_without_a_time_keep_the_last_one():
    text = "start,speaker,text\n1,Ada Byron,One.\n2,Ada Byron,\n3,Alan Turing,Two.\nlater,Alan Turing,Three.\n"
    doc, warnings = read(text, "ep.csv")
    assert [(t.speaker, t.seconds, t.text) for t in doc.turns] == [("Ada Byron", 1.0, "One."),
                                                                   ("Alan Turing", 3.0, "Two. Three.")]
    assert warnings == ["1 row(s) without a readable start time (first on line 5) placed at the previous row's time"]


def test_a_data_table_is_counted_quietly_as_no_transcript_and_strict_passes(tmp_path):
    result, _ = build_files(tmp_path, {"ep.csv": CSV_EPISODE, "data.csv": "year,revenue,growth\n2023,12.5,0.1\n"
                                       "2024,15.0,0.2\n", "stats.tsv": "when\tcontent_id\n1\t2\n"}, strict=True)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["not_transcripts"] == ["data.csv", "stats.tsv"] and report["skipped"] == []
    assert result.skipped == [] and result.warnings == [] and result.documents == 1


def test_a_malformed_csv_is_reported_with_its_line_and_the_good_file_still_builds(tmp_path):
    bad = "start,speaker,text\n1,Ada Byron,Fine.\n2,Alan Turing,\"A quote that never closes.\n3,Ada Byron,Lost.\n"
    result, g = build_files(tmp_path, {"ep.csv": CSV_EPISODE, "bad.csv": bad})
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["skipped"] == [{"file": "bad.csv", "reason": "line 3: not a readable CSV row: unexpected end of "
                                                               "data (a quote opened on this line never closes; "
                                                               "close it)"}]
    assert ("Tobias Lindqvist", "Anthropic") in discussed_by(g)


def test_hostile_tables_are_refused_fast_without_touching_the_csv_field_limit():
    import csv
    limit = csv.field_size_limit()
    hostile = {"wide.csv": "start,text\n0,hi\n" + "," * 2_000_000 + "\n",
               "long.csv": "start,text\n0,\"" + "a" * 5_000_000 + "\"\n",
               "open.csv": "start,text\n0,\"" + "words and words\n" * 300_000}
    for file, text in hostile.items():
        begun = time.perf_counter()
        with pytest.raises(InputError) as err:
            read(text, file)
        assert time.perf_counter() - begun < 2, file
        assert err.value.line in (2, 3) and err.value.hint
    with pytest.raises(NotATranscript):
        read("," * 2_000_000, "wide.csv")
    assert csv.field_size_limit() == limit
    doc, _ = read("start,text\n0,a\x00b is said\n1,then more\n", "nul.csv")
    assert [t.seconds for t in doc.turns] == [0.0]


PIECES = [",", ";", "\t", '"', '""', "\n", "\r\n", "start,end,speaker,text\n", "Start Time\tText\n", "00:00:01",
          "1:02", "12.5", "4200", "Speaker 1", "Ada Byron", " words of speech ", "\ufeff", "\x00", "-", "nan", "inf",
          "sep=;\n"]


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(text=st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=60).map("".join),
       file=st.sampled_from(["a.csv", "a.tsv"]))
def test_any_table_text_reads_or_raises_input_error(text, file):
    try:
        doc, _ = read(text, file)
    except InputError:
        return
    assert all(t.seconds is None or 0 <= t.seconds < 10 ** 7 for t in doc.turns)
