"""Raw speech-recognition text: names heard wrong, capitals restored, guests from file names,
hosts and shows from the spoken intro (fixtures in our own words, lowercase, unpunctuated)."""
from __future__ import annotations

import pytest

import kg
from kg.asr import Known, gazetteer_case, prepare
from kg.gazetteer import Gazetteer
from kg.model import Document, Participant
from kg.read.formats import read_text
from kg.read.participants import cues, show_host
from kg.read.text import speech_recognition, title_from_stem
from kg.misheard import SoundIndex
from kg.sounds import alike, heard_names, truecase

INTRO = ("the following is a conversation with ren nakamora she builds walking robots at a small lab "
         "in the north this is the ada quill podcast and now here is my conversation with ren nakamora ")
BODY = ("so when did you start building robots i think i was twelve and my first walking robots fell over "
        "a lot we ran a camera over it and the markets tell you nothing about balance anyway "
        "wren nakamura told me once that deepmind had a walking demo too and it fell as well ")
FAMOUS = ("my advisor read jeff hinton on balance and later jeffrey hinton wrote back to her "     # two forms
          "then the entropic cost of walking and the entropic term again and again "            # an English word
          "someone quoted andre capathi once ")                                                 # one form, once


@pytest.mark.parametrize("heard, name", [
    ("ren nakamora", "Wren Nakamura"), ("yoshi bach", "Joscha Bach"), ("thomas sent home", "Tuomas Sandholm"),
    ("dawn song", "Dan Song"), ("lux friedman", "Lex Fridman"), ("orin halvorsen", "Oren Halvorsen"),
])
def test_a_name_heard_wrong_sounds_and_is_spelt_alike(heard, name):
    assert alike(heard, name)


@pytest.mark.parametrize("words, name", [
    ("ran a camera", "Wren Nakamura"), ("to us", "Tuomas Sandholm"), ("mark my words", "Mark Normand"),
    ("the song", "Dan Song"), ("a lovely lace", "Ada Lovelace"), ("over halfway", "Oren Halvorsen"),
    ("bill gates", "Phil Gates"), ("tim cook", "Tim Koch"),
])
def test_ordinary_words_that_sound_like_a_name_stay_apart(words, name):
    assert not alike(words, name)


def test_heard_windows_are_found_with_their_offsets_and_exact_spellings_are_left_to_the_matcher():
    text = "so ren nakamora joined us and we ran a camera over it then wren nakamura said hi"
    found = heard_names(text, ["Wren Nakamura"])
    assert [(h.text, h.name, text[h.start:h.end]) for h in found] == [
        ("ren nakamora", "Wren Nakamura", "ren nakamora")]


def test_truecase_keeps_every_offset_and_only_recases_whole_words():
    text = "we met lex fridman at mitre and at mit"
    out = truecase(text, {"lex fridman": "Lex Fridman", "mit": "MIT"})
    assert out == "we met Lex Fridman at mitre and at MIT" and len(out) == len(text)


def test_truecase_finds_names_after_dots_commas_and_titles_as_before_it_looked_only_at_name_starts():
    names = {"dr. smith": "Dr. Smith", "st. louis": "St. Louis", "a.i": "A.I", "lex,fridman": "Lex,Fridman",
             "istanbul": "Istanbul", "x-ai": "X-AI"}
    text = "so dr. smith flew from st. louis to istanbul. a.i. and x-ai, lex,fridman said, not lex fridman"
    assert truecase(text, names) == ("so Dr. Smith flew from St. Louis to Istanbul. A.I. and X-AI, Lex,Fridman said, "
                                     "not lex fridman")


def test_gazetteer_case_leaves_common_words_concepts_and_ambiguous_names_alone():
    g = Gazetteer.from_entries([
        {"key": "a", "label": "Anthropic", "type": "Organization"},
        {"key": "b", "label": "Apple", "type": "Organization"},
        {"key": "c", "label": "reinforcement learning", "type": "Concept"},
        {"key": "d", "label": "Quillfeather Labs", "type": "Organization"},
        {"key": "e", "label": "Orbit", "type": "Model", "ambiguous": True}])
    assert gazetteer_case(g) == {"anthropic": "Anthropic", "quillfeather labs": "Quillfeather Labs"}


def test_raw_text_is_told_from_written_text():
    assert speech_recognition(INTRO + BODY * 3)
    assert not speech_recognition("We built a robot. It fell over! Then we fixed it. " * 20)
    assert not speech_recognition("too short to tell")


def test_prepare_recases_likely_names_for_ner_and_leaves_written_text_alone():
    doc = Document(id="d", source="d.txt", format="captions", title="T", text=INTRO + BODY * 2,
                   participants=[Participant("Wren Nakamura", "guest")])
    view = prepare(doc, Known(cased={"deepmind": "DeepMind"}))
    assert len(view.text) == len(doc.text)
    assert "conversation with Ren Nakamora she" in view.text           # heard wrong: capitalised for NER
    assert "Wren Nakamura told me" in view.text and "that DeepMind had" in view.text
    assert {h.text for h in view.heard} == {"ren nakamora"}
    written = Document(id="w", source="w.md", format="text", title="T", text="Ren Nakamora spoke. " * 40,
                       participants=[Participant("Wren Nakamura", "guest")])
    assert prepare(written).text == written.text and prepare(written).heard == []


def test_show_named_after_a_person_gives_its_host():
    assert show_host("The Ada Quill Podcast") == "Ada Quill"
    assert show_host("Lex Friedman Podcast") == "Lex Friedman"
    assert show_host("Artificial Intelligence Podcast") is None
    assert show_host("Hard Fork Show") is None and show_host("Lenny's Podcast") is None


def test_spoken_intro_gives_show_and_host_in_lowercase_text():
    found = cues(INTRO + "if you enjoy it connect with me on twitter at ada quill " + BODY * 3)
    assert found.shows == ["Ada Quill Podcast"]
    assert found.hosts == ["Ada Quill"]
    nobody = cues(INTRO + "follow me on twitter or other places and " + BODY * 3)
    assert nobody.hosts == []
    assert cues(INTRO + "connect with me on twitter finally closing words " + BODY * 3).hosts == []
    assert cues("this is a quill tide podcast and " + BODY * 3).shows == ["Quill Tide Podcast"]


def test_numbered_file_name_gives_title_and_a_guest_heard_wrong_in_the_file_spelling():
    assert title_from_stem("012 - Wren Nakamura - Walking Robots") == "Wren Nakamura - Walking Robots"
    docs, _, _ = read_text(INTRO + BODY * 3, file="show/012 - Wren Nakamura - Walking Robots.txt", doc_id="d")
    doc = docs[0]
    assert doc.title == "Wren Nakamura - Walking Robots"
    assert doc.show == "Ada Quill Podcast"
    assert sorted((p.name, p.role) for p in doc.participants) == [("Ada Quill", "host"), ("Wren Nakamura", "guest")]


def test_a_topic_in_the_file_name_is_not_a_guest_however_it_sounds():
    docs, _, _ = read_text(INTRO.replace("ren nakamora", "someone") + BODY * 3,
                           file="show/013 - Walking Robots - Balance.txt", doc_id="d")
    assert [p.name for p in docs[0].participants if p.role == "guest"] == []


@pytest.fixture(scope="module")
def raw_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("raw")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "012 - Wren Nakamura - Walking Robots.txt").write_text(INTRO + BODY * 3 + FAMOUS, encoding="utf-8")
    kg.build([corpus], out=root / "out", progress=False, cache=False, workers=1)
    return kg.load(root / "out")


def test_build_links_the_guest_the_host_and_the_misheard_name_to_its_moment(raw_build):
    g = raw_build
    episode = g.find("Wren Nakamura - Walking Robots")
    assert episode is not None and episode.type == "Episode"
    by = {}
    for n in g.neighbors(episode.id):
        by.setdefault(n.relation, []).append(n)
    assert [n.entity.label for n in by["features"]] == ["Wren Nakamura"]
    assert [n.entity.label for n in by["hosted_by"]] == ["Ada Quill"]
    wren = g.find("Wren Nakamura")
    mention = next(n for n in by["mentions"] if n.entity.id == wren.id)
    assert any("ren nakamora" in e.quote for e in mention.evidence)   # the heard form is evidence for the guest
    assert g.find("Ren Nakamora").id == wren.id                      # the heard form finds the guest


def test_title_topics_said_twice_in_the_text_become_topics_and_nothing_else_does():
    from kg.read.title_topics import title_topics

    text = ("we kept coming back to tide pools and the tide pools near the harbour where wren grew up "
            "she also mentioned kelp forests once and the ocean many times the ocean the ocean ")
    title = "Wren Nakamura - Tide Pools, Kelp Forests and the Ocean"
    assert title_topics(title, text, ["Wren Nakamura"]) == ["Tide Pools"]       # kelp forests: said once
    assert title_topics("Wren Nakamura Tide Pools Harbour", text, ["Wren Nakamura"]) == ["Tide Pools"]
    assert title_topics("Ocean", text * 2, []) == []                            # a common English word
    assert title_topics("Quillfeather's Chief Scientist on Tide Pools", text + " chief scientist " * 3, []) == [
        "Tide Pools"]                                                             # a job is no topic


def test_a_misheard_form_is_an_alias_with_its_rule(raw_build):
    wren = raw_build.find("Wren Nakamura")
    assert wren.merged_by.get("ren nakamora") == "heard as the episode's name (sound and spelling)"
    assert raw_build.find("ren nakamora").id == wren.id


def test_a_title_topic_becomes_a_concept_with_evidence_in_the_build(raw_build):
    topic = raw_build.find("Walking Robots")
    assert topic.label.lower() == "walking robots" and topic.type == "Concept"
    episode = raw_build.find("Wren Nakamura - Walking Robots")
    link = next(n for n in raw_build.neighbors(episode.id, relation="mentions") if n.entity.id == topic.id)
    assert any("walking robots" in e.quote for e in link.evidence)


SOUNDS = SoundIndex.of([("hinton", "Geoffrey Hinton", "Person", ("Geoff Hinton",)),
                        ("chatgpt", "ChatGPT", "Model", ()), ("anthropic", "Anthropic", "Organization", ()),
                        ("nesse", "Randy Nesse", "Person", ()), ("samsung", "Samsung", "Organization", ()),
                        ("lenny", "Lenny's Podcast", "Show", ()), ("libratus", "Libratus", "Model", ()),
                        ("bowman", "Sam Bowman", "Person", ()), ("alphastar", "AlphaStar", "Model", ())])


def heard_known(text: str, title: str = "") -> list[tuple[str, str]]:
    return [(k.text, k.key) for k in SOUNDS.find(text, title)]


def test_a_well_known_name_heard_two_ways_in_one_episode_is_that_name():
    assert heard_known("we read jeff hinton and then jeffrey hinton said no") == [
        ("jeff hinton", "hinton"), ("jeffrey hinton", "hinton")]
    assert heard_known("so chad gpt wrote it and chat gbt fixed it") == [("chad gpt", "chatgpt"), ("chat gbt", "chatgpt")]


def test_a_well_known_name_heard_once_needs_the_name_said_right_in_the_episode_or_its_title():
    assert heard_known("the bot liberatis won at poker") == []
    assert heard_known("the bot liberatis won at poker and libratus kept winning") == [("liberatis", "libratus")]
    assert heard_known("the bot liberatis won at poker", title="Libratus and Poker") == [("liberatis", "libratus")]


@pytest.mark.parametrize("text", [
    "randomness and more randomness and randomnes",                # English words, however often heard
    "the entropic force and entropic terms",                      # an English word, "entropic" for Anthropic
    "samsung huawei and samsung huawey and samsung",              # the name said right, then another name
    "the lex podcast and the lexx podcast",                       # first words alike in sound, not in spelling
    "human level and human values and human level",               # only common words
    "sam banin said and sam bakman said",                         # another surname, however alike it sounds
    "alpha centur is a star and alpha santor too",                # "alpha" then another word: no AlphaStar
])
def test_ordinary_words_and_other_names_are_not_heard_as_well_known_names(text):
    assert heard_known(text) == []


def test_a_well_known_name_heard_two_ways_becomes_that_node_with_its_rule(raw_build):
    hinton = raw_build.find("Geoffrey Hinton")
    assert hinton is not None and hinton.type == "Person"
    assert raw_build.find("jeff hinton").id == hinton.id and raw_build.find("jeffrey hinton").id == hinton.id
    assert hinton.merged_by["jeff hinton"].startswith("heard as a well-known name")
    episode = raw_build.find("Wren Nakamura - Walking Robots")
    link = next(n for n in raw_build.neighbors(episode.id, relation="mentions") if n.entity.id == hinton.id)
    assert any("jeffrey hinton" in e.quote for e in link.evidence)
    assert raw_build.find("Anthropic") is None and raw_build.find("Andrej Karpathy") is None
