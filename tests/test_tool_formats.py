"""Transcripts as transcription tools and publishers write them: JSON segments, cue lines, bold
speaker names, generic speaker labels. Fixtures are our own words."""
import json

from conftest import build_files
from kg.read.formats import read_text

WHISPER = {"text": "unused when segments exist", "language": "en", "title": "Looms and engines", "segments": [
    {"id": 0, "start": 0.0, "end": 4.2, "text": " Welcome back, I'm Grace Hopper.", "speaker": "Grace Hopper",
     "words": [{"word": "Welcome", "start": 0.0}]},
    {"id": 1, "start": 4.2, "end": 9.0, "text": " Thanks. At OpenAI we argued about looms.", "speaker": "Ada Byron"},
    {"id": 2, "start": 9.0, "end": 12.5, "text": " Tell me about OpenAI.", "speaker": "Grace Hopper"},
    {"id": 3, "start": 12.5, "end": 15.0, "text": " A caller asks a question.", "speaker": "SPEAKER_02"}]}


def read(text, file):
    docs, _, warnings = read_text(text, file=file, doc_id=file)
    return docs[0], warnings


def test_whisper_style_json_gives_timed_turns_with_speakers_and_its_title():
    doc, _ = read(json.dumps(WHISPER), "ep.json")
    assert doc.format == "json" and doc.title == "Looms and engines"
    assert [(t.speaker, t.seconds) for t in doc.turns] == [
        ("Grace Hopper", 0.0), ("Ada Byron", 4.2), ("Grace Hopper", 9.0), (None, 12.5)]
    assert "unused" not in doc.text and "Welcome" in doc.text


def test_two_diarized_voices_in_json_keep_their_own_turns():
    segments = [{"start": 0, "text": "One voice.", "speaker": "SPEAKER_00"},
                {"start": 2, "text": "Another voice.", "speaker": "SPEAKER_01"},
                {"start": 3, "text": "Still the other.", "speaker": "SPEAKER_01"}]
    doc, _ = read(json.dumps({"segments": segments}), "d.json")
    assert [(t.speaker, t.seconds, t.text) for t in doc.turns] == [
        (None, 0.0, "One voice."), (None, 2.0, "Another voice. Still the other.")]


def test_json_with_only_a_text_and_json_that_is_no_transcript():
    doc, _ = read(json.dumps({"text": " ".join(["Ada Byron talked about looms and engines."] * 5)}), "t.json")
    assert doc.format == "json" and not doc.turns and "Ada Byron" in doc.text


def test_a_package_json_is_counted_quietly_and_strict_still_passes(tmp_path):
    result, g = build_files(tmp_path, {"ep.json": json.dumps(WHISPER), "package.json": json.dumps(
        {"name": "site", "version": "1.0.0", "dependencies": {}})}, strict=True)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["not_transcripts"] == ["package.json"] and report["skipped"] == []
    assert result.skipped == []
    speakers = {g.graph.nodes[u]["label"] for u, _, k in g.graph.edges(keys=True) if k == "discusses"}
    assert speakers == {"Ada Byron", "Grace Hopper"}          # the generic voice is no one


def test_a_broken_json_file_is_a_problem_naming_the_line(tmp_path):
    result, _ = build_files(tmp_path, {"ep.json": json.dumps(WHISPER),
                                       "bad.json": '{"segments": [\n  {"start": 0, "text": "x"},\n  oops\n]}'})
    assert [(p.file, p.reason.split(":")[0]) for p in result.skipped] == [("bad.json", "line 3")]


def test_bold_speaker_names_with_stamps_give_turns_and_discusses():
    text = ("# Looms\n\n**Ada Byron:** [00:12] Looms came first, then OpenAI.\n\n**Grace Hopper:** [00:40] Then codes."
            "\n\n**Ada Byron** (01:10): And compilers later.\n\n**Grace Hopper:** [01:30] Indeed.\n\n"
            "Some **bold words** in prose are no speaker.\n")
    doc, _ = read(text, "ep.md")
    assert [(t.speaker, t.seconds) for t in doc.turns] == [
        ("Ada Byron", 12.0), ("Grace Hopper", 40.0), ("Ada Byron", 70.0), ("Grace Hopper", 90.0)]
    assert "bold words" in doc.turns[-1].text


def test_cue_lines_are_read_as_timed_text():
    for text in ("[00:00:01.000 --> 00:00:04.000] Looms came first, said Ada Byron.\n"
                 "[00:00:04.000 --> 00:00:09.500] Then codes and OpenAI.\n[00:00:09.500 --> 00:00:12.000] Indeed.\n",
                 "00:00:01 Looms came first, said Ada Byron.\n00:00:04 Then codes and OpenAI.\n00:00:09.5 Indeed.\n"):
        doc, _ = read(text, "cues.txt")
        assert doc.format == "cues" and [s for _, s in doc.times] == [1.0, 4.0, 9.5]
        assert doc.text.startswith("Looms came first") and "[" not in doc.text


def test_a_generic_speaker_label_is_never_the_previous_speaker():
    text = ("Ada Byron: Hello there.\nSpeaker 3: I am a caller with a question about looms.\n"
            "Ada Byron: Thanks, caller.\nGrace Hopper: Hi.\nGrace Hopper: Again.\n")
    doc, _ = read(text, "ep.txt")
    assert [(t.speaker, t.text) for t in doc.turns][:3] == [
        ("Ada Byron", "Hello there."), (None, "I am a caller with a question about looms."),
        ("Ada Byron", "Thanks, caller.")]
    assert [p.name for p in doc.participants] == ["Ada Byron", "Grace Hopper"]


def test_a_speaker_label_naming_a_model_is_a_voice_not_a_person(tmp_path):
    _, g = build_files(tmp_path, {"ep.txt": (
        "Ada Byron: Let us ask the assistant about looms.\nGemini: Looms store patterns on punched cards.\n"
        "Ada Byron: Gemini is right, and Babbage borrowed the idea.\nGemini: Babbage did borrow it.\n"
        "Grace Hopper: Thanks, both.\nGrace Hopper: Bye.\n")})
    types = {d["label"]: d["type"] for _, d in g.graph.nodes(data=True)}
    assert types.get("Gemini") == "Model"
    speakers = {g.graph.nodes[u]["label"] for u, _, k in g.graph.edges(keys=True) if k == "discusses"}
    assert "Gemini" not in speakers and "Ada Byron" in speakers



def test_a_person_whose_first_name_is_a_models_name_still_speaks_as_a_person(tmp_path):
    _, g = build_files(tmp_path, {"ep.md": (
        "---\ntitle: Circuits and chess\nguests: [Gemini Okafor]\n---\n"
        "Ada Byron: Welcome, Gemini Okafor. Tell me about Charles Babbage.\nGemini: Babbage built engines in London.\n"
        "Ada Byron: And the looms?\nGemini: Babbage loved the Jacquard looms.\n")})
    discusses = {(g.graph.nodes[u]["label"], g.graph.nodes[v]["label"])
                 for u, v, k in g.graph.edges(keys=True) if k == "discusses"}
    assert ("Gemini Okafor", "Charles Babbage") in discusses


def test_a_diarisers_numeric_speaker_ids_are_voices_and_its_milliseconds_are_read_as_such():
    data = {"utterances": [{"start": 250, "end": 900, "text": "Welcome back to the loom hour.", "speaker": 0},
                           {"start": 1200, "end": 3000, "text": "Glad to be here, the cards are ready.", "speaker": 1},
                           {"start": 3400, "end": 5000, "text": "Then let us weave.", "speaker": 0}]}
    docs, _, _ = read_text(json.dumps(data), file="ep.json", doc_id="ep")
    assert [(t.speaker, t.seconds) for t in docs[0].turns] == [(None, 0.25), (None, 1.2), (None, 3.4)]
    assert docs[0].participants == []
