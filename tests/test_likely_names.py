"""Names an episode makes likely in raw speech-recognition text: the models its guest wrote
(the gazetteer's authorship), and the file name's guest heard wrong after the intro (fixtures in
our own words, lowercase and unpunctuated)."""
from __future__ import annotations

import pytest

from kg import gazetteer as gz
from kg.asr import Known, likely_names, prepare, speech_mentions
from kg.authors import Authors
from kg.model import Document, Participant
from kg.read.formats import read_text
from kg.sounds import heard_as, heard_names

TALK = ("the following is a conversation with wren nakamura she builds card playing bots "
        "and this is the ada quill podcast so tell me about the bot well orkestrater won its first match "
        "in a cold room and later orkestrata beat four players we did not expect it ") * 6
WROTE = Known(authors=Authors({"W Nakamura": ["orkestrator"], "Wren Nakamura": ["tidewalk"], "Walt Brandt": ["x"]}),
              models={"orkestrator": "Orkestrator", "tidewalk": "Tidewalker", "x": "Xylograph"})


def doc_of(text: str, *people: str) -> Document:
    return Document(id="d", source="d.txt", format="captions", title="Card Bots", text=text,
                    participants=[Participant(p, "guest") for p in people])


def test_the_models_a_guest_wrote_are_likely_names_of_the_episode():
    assert likely_names(doc_of(TALK, "Wren Nakamura"), WROTE) == {
        "Wren Nakamura": "Person", "Orkestrator": "Model", "Tidewalker": "Model"}
    assert likely_names(doc_of(TALK, "Wren Nakamura")) == {"Wren Nakamura": "Person"}     # no gazetteer, no models


def test_a_guest_model_heard_wrong_is_that_model_with_the_heard_rule():
    view = prepare(doc_of(TALK, "Wren Nakamura"), WROTE)
    heard = sorted({(h.text, h.name) for h in view.heard if h.name == "Orkestrator"})
    assert heard == [("orkestrata", "Orkestrator"), ("orkestrater", "Orkestrator")]
    mentions = [m for m in speech_mentions("d", view) if m.name == "Orkestrator"]
    assert {m.type for m in mentions} == {"Model"} and len(mentions) == 12
    assert "Orkestrater" in view.text                    # re-cased for NER, offsets kept
    assert len(view.text) == len(TALK)


def test_another_guest_makes_no_model_likely():
    view = prepare(doc_of(TALK, "Walt Brandt"), WROTE)
    assert [h for h in view.heard if h.name in ("Orkestrator", "Xylograph")] == []


def test_an_initial_is_that_person_only_when_no_other_given_name_shares_it():
    authors = Authors({"W Nakamura": ["a"], "Wren Nakamura": ["b"], "Will Nakamura": ["c"], "R Ode": ["d"]})
    assert authors.models_of("Wren Nakamura") == ["b"]          # "W Nakamura" may be Will
    assert authors.models_of("Rosa Ode") == ["d"] and authors.models_of("Ode") == []


@pytest.mark.parametrize("text", [
    "it liberates nobody and liberates everyone",        # an English word, however alike it sounds
    "the libra tells us and the library too",            # common words
])
def test_ordinary_words_are_not_a_one_word_model_heard_wrong(text):
    assert heard_names(text, ["Libratus"]) == []


def test_shipped_gazetteer_knows_who_wrote_a_notable_model():
    authors = gz.load().authors
    assert "libratus" in authors.models_of("Tuomas Sandholm")        # written "T Sandholm" in the data
    assert "alphastar" in authors.models_of("Oriol Vinyals")
    assert authors.models_of("Lex Fridman") == []


def test_authors_that_are_not_a_mapping_of_lists_are_a_config_error_naming_the_file(tmp_path):
    (tmp_path / "mine.yaml").write_text("authors:\n  Ada Quill: ork\n", encoding="utf-8")
    with pytest.raises(gz.ConfigError, match="mine.yaml.*authors"):
        gz.load_files((str(tmp_path / "mine.yaml"),))


@pytest.mark.parametrize("heard, name", [
    ("no brown", "Noam Brown"),                 # the surname said right
    ("lieutenant ryan graves", "Ryan Graves"),  # a title first
    ("lord martin", "Martin Rees"),             # a title, then the given name
    ("batu kachar", "Betül Kaçar"),             # each word starts alike, the surname spelt close
    ("bishop robert baron", "Bishop Robert Barron"),
])
def test_words_after_the_intro_are_the_file_names_guest(heard, name):
    assert heard_as(heard, name)


@pytest.mark.parametrize("heard, name", [
    ("aella sex", "Andrew Strominger"),          # same first sounds, nothing else alike
    ("bishop robert baron", "Bishop Robert"),    # a title and a given name is no full name
    ("max tegmark", "Do Something"),
    ("lee cronin", "Bobby Lee"),                # the surname must follow a given name
    ("george hotz", "Dileep George"),
    ("and then some", "Luis And"),               # a stop word is no surname
])
def test_other_words_after_the_intro_are_not_the_file_names_guest(heard, name):
    assert not heard_as(heard, name)


BODY = ("we talked about walking robots for an hour and the markets tell you nothing about balance "
        "so the robot fell and we laughed and tried again ") * 5


@pytest.mark.parametrize("intro, file, guest", [
    ("a conversation with lieutenant wren nakamora she flies ", "012 - Wren Nakamura Flight and Robots.txt",
     "Wren Nakamura"),
    ("a conversation with glen nakamura she flies ", "013 - Wren Nakamura - Flight.txt", "Wren Nakamura"),
])
def test_the_file_name_spells_the_guest_the_intro_heard_wrong(intro, file, guest):
    docs, _, _ = read_text("the following is " + intro + BODY, file=f"show/{file}", doc_id="d")
    assert [p.name for p in docs[0].participants if p.role == "guest"] == [guest]


def test_a_file_name_of_another_episode_gives_no_guest():
    docs, _, _ = read_text("the following is a conversation with aella sanders she flies " + BODY,
                           file="show/014 - Andrew Strominger Black Holes.txt", doc_id="d")
    assert [p.name for p in docs[0].participants if p.role == "guest"] == ["Aella Sanders"]
