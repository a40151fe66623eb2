"""Sentences NER need not read (kg.plain): in cased text, sentences with no capitalised word
but a common first one, and no digit, go through the tokenizer, `senter` and the gazetteer
ruler only. What they name (lowercase concepts) is still found; names elsewhere are found as
before; raw speech-recognition text is never cut."""
from __future__ import annotations

import time

import kg.plain
from kg.extract import extract
from kg.model import Document
from kg.plain import segments

PLAIN = ("So we talked about it for a while and it was fine, honestly. It took a long time to get there "
         "and we kept trying things that did not work. What we learned was that reinforcement learning "
         "needs a lot of patience, and the team had to be okay with that. ")
NAMED = "Then Talia Okonkwo joined Brindlewick Labs in Rotterdam. "


def test_plain_sentences_are_left_to_the_ruler_and_named_ones_go_to_ner_with_the_sentence_before():
    text = PLAIN + NAMED + PLAIN
    runs = segments(text)
    assert [ner for _, _, ner in runs] == [False, True, False]
    assert all(text[at:at + len(piece)] == piece for at, piece, _ in runs) and "".join(p for _, p, _ in runs) == text
    assert runs[1][1] == "What we learned was that reinforcement learning needs a lot of patience, and the team " \
                         "had to be okay with that. " + NAMED


def test_what_makes_a_sentence_need_ner():
    def ner(sentence: str) -> bool:
        return any(flag and at <= len(PLAIN) < at + len(piece) for at, piece, flag in segments(PLAIN + sentence + PLAIN))

    assert ner("We paid 40 dollars for it. ")                    # a digit
    assert ner("Zorblax shipped it last week. ")                 # a rare first word
    assert ner("OpenAI shipped it last week. ")                  # a capital inside the first word
    assert ner("It was built by people at Brindlewick. ")        # a capital after the first word
    assert not ner("The thing is, we shipped it last week and I think it's fine. ")   # "I" is no name


def test_an_abbreviation_or_initial_does_not_end_the_sentence_nor_does_a_blank_line_count_as_one():
    named = [piece for _, piece, ner in segments(PLAIN + "We met with Mr. White at the office today. " + PLAIN) if ner]
    assert len(named) == 1 and "Mr. White at the office" in named[0]
    named = [piece for _, piece, ner in segments(PLAIN + "and then we kept going\n \n---\n" + NAMED + PLAIN) if ner]
    assert named[0].startswith("and then we kept going")  # the sentence before, not the blank lines


def test_a_short_plain_run_between_named_sentences_stays_as_their_context():
    text = NAMED + "It was fine. " + NAMED
    assert [ner for _, _, ner in segments(text)] == [True]


def test_extraction_finds_the_same_names_with_and_without_skipping(nlp, monkeypatch):
    doc = Document("d", "d.txt", "text", "T", text=(PLAIN + NAMED) * 6 + PLAIN)
    assert len(doc.text) >= kg.plain.MIN_CUT_CHARS                      # long enough to be cut at all
    assert sum(len(p) for _, p, ner in segments(doc.text) if not ner) > len(doc.text) // 3   # and much is left out
    skimmed = next(extract(nlp, [doc]))
    monkeypatch.setattr(kg.plain, "segments", lambda text: [(0, text, True)])
    whole = next(extract(nlp, [doc]))
    found = {(m.surface, m.type) for m in skimmed.mentions}
    assert {("reinforcement learning", "Concept"), ("Talia Okonkwo", "Person"), ("Rotterdam", "Place")} <= found
    assert [(m.surface, m.type, m.start, m.window) for m in skimmed.mentions] == \
        [(m.surface, m.type, m.start, m.window) for m in whole.mentions]
    assert skimmed.sentences == whole.sentences          # senter and the ruler read every chunk whole


def test_raw_speech_recognition_is_never_cut(nlp, monkeypatch):
    def refuse(text):
        raise AssertionError("raw speech-recognition text was cut")

    monkeypatch.setattr(kg.plain, "segments", refuse)
    words = "so we talked to talia okonkwo about reinforcement learning and it was fine " * 30
    x = next(extract(nlp, [Document("d", "d.txt", "text", "T", text=words)]))
    assert x.error is None and any(m.surface.lower() == "reinforcement learning" for m in x.mentions)


def test_sorting_sentences_takes_linear_time_on_hostile_text():
    ordinary = (PLAIN + NAMED) * 500
    base = max(_seconds(ordinary), 1e-3)
    for hostile in ("." * len(ordinary), "a." * (len(ordinary) // 2), "Xx! " * (len(ordinary) // 4),
                    "-" * len(ordinary), "\n" * len(ordinary)):
        assert _seconds(hostile) < 10 * base + 0.05, hostile[:8]


def _seconds(text: str) -> float:
    start = time.perf_counter()
    segments(text)
    return time.perf_counter() - start
