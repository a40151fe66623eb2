"""An episode's own terms (kg.terms): lowercase noun phrases it repeats far more often than
English does become Concepts with mentions; ordinary phrases, verbs and generic words do not."""
from __future__ import annotations

from kg.terms import forms, recurring_terms, spacy_tagger

from conftest import build_files

# our own words: a made-up field with its own jargon, said in lowercase as people say it
TALK = (
    "The first thing we built was a way to measure tidal memory in salt marshes. "
    "Tidal memory is what a marsh keeps of the last storm, and you can read it in the reeds. "
    "When tidal memory is high the reeds lean inland for weeks. "
    "We also looked at brine pockets, because brine pockets hold the old water, "
    "and every brine pocket we cored told the same story about tidal memory. "
    "Honestly it was a little bit chaotic, and I was a little bit lost, and the team gets nervous "
    "when the boat gets nervous too. People came, people left, people stayed, people asked. "
    "A little bit of luck helped, and the team gets nervous about luck. "
)


def test_a_phrase_said_far_more_often_than_english_says_it_is_a_term(nlp):
    terms = recurring_terms(TALK.lower() * 20, spacy_tagger(nlp))
    assert terms[:2] == ["tidal memory", "brine pocket"]          # most said first; "brine pockets" counted with it
    assert not {"little bit", "gets nervous", "people", "team", "luck"} & set(terms)   # generic, a verb, common words


def test_a_phrase_said_too_rarely_in_too_short_a_text_or_without_a_tagger_is_none(nlp):
    filler = "the boat went out and the boat came back and nobody said much about it. " * 150
    thrice = "we measured tidal memory. then we measured tidal memory again. and tidal memory once more. "
    assert recurring_terms(thrice + filler, spacy_tagger(nlp)) == []            # three times: under MIN_TIMES
    assert "tidal memory" in recurring_terms((thrice + filler[:3000]) * 4, spacy_tagger(nlp))
    assert recurring_terms(thrice * 2 + filler, spacy_tagger(nlp)) == []        # all in one stretch of the text
    assert recurring_terms(TALK.lower() * 2, spacy_tagger(nlp)) == []           # under MIN_WORDS
    assert recurring_terms(TALK.lower() * 20, None) == []


def test_a_term_names_itself_in_the_plural_too():
    assert forms("brine pocket") == ["brine pocket", "brine pockets"]
    assert forms("salt marsh") == ["salt marsh", "salt marshes"]


def test_terms_become_concepts_with_mentions_and_never_take_a_name_from_ner_or_the_gazetteer(tmp_path):
    text = "\n\n".join([
        "Host: Welcome back. Today Maren Oyelaran from Saltfen Institute joins us to talk about tidal memory.",
        "Maren Oyelaran: " + TALK * 18,
        "Host: And the brine pockets, are they part of reinforcement learning models somehow?",
        "Maren Oyelaran: No, brine pockets are just water. But tidal memory and tidal memory alone is my work.",
    ])
    _, g = build_files(tmp_path, {"episode.txt": text})
    memory = g.find("tidal memory")
    assert memory is not None and memory.type == "Concept"
    assert memory.mentions >= 6
    pocket = g.find("brine pocket")
    assert pocket is not None and pocket.type == "Concept" and g.find("brine pockets").id == pocket.id
    assert g.find("reinforcement learning").key == "reinforcement-learning"     # the gazetteer's, not a term
    assert g.find("little bit") is None and g.find("gets nervous") is None


def test_a_word_ending_in_s_is_no_plural_unless_its_singular_is_said_and_many_candidates_cost_linear_time(nlp):
    import random
    import time

    lens = ("we bent the light with a gravitational lens and the gravitational lens held. "
            + "the boat went out and came back and nobody said much about it at all. " * 60)
    assert "gravitational lens" in recurring_terms(lens * 4, spacy_tagger(nlp))         # never "gravitational len"

    rnd = random.Random(5)
    words = {"".join(rnd.choice("bcdfghjklmnpqrstvwz") + rnd.choice("aeiou") for _ in range(2)) for _ in range(9000)}
    text = " ".join(w for w in sorted(words) for _ in range(4))                         # thousands of strong runs
    start = time.process_time()
    recurring_terms(text, spacy_tagger(nlp))
    assert time.process_time() - start < 3.0          # pairwise comparison of the candidates took 15 s here


def test_a_kind_of_person_is_no_term_however_often_the_episode_says_it(nlp):
    # our own words: a made-up job ("dune keeper") said the way people are, beside the made-up idea of TALK
    roles = ("Back then I was a dune keeper on the north shore. We had to hire a dune keeper every spring, "
             "and the dune keepers who stayed learned to read tidal memory. ")
    filler = "the boat went out and came back and nobody said much about it at all. " * 12
    text = (TALK.lower() + roles + filler) * 12
    assert text.count("dune keeper") >= 36
    terms = recurring_terms(text, spacy_tagger(nlp))
    assert "tidal memory" in terms and "dune keeper" not in terms
    # the same words said as a thing, never as what someone is, stay a term
    as_thing = text.replace("I was a dune keeper", "we mapped the dune keeper").replace(
        "hire a dune keeper", "survey the dune keeper").replace("dune keepers who", "dune keepers that")
    assert "dune keeper" in recurring_terms(as_thing, spacy_tagger(nlp))
    # ... and so do words that only qualify the next one ("I was a dune keeper trainee": a trainee)
    qualifying = text.replace("a dune keeper on", "a dune keeper trainee on").replace(
        "a dune keeper every", "a dune keeper surveyor every").replace("dune keepers who", "dune keepers that")
    assert "dune keeper" in recurring_terms(qualifying, spacy_tagger(nlp))
    # a bare "as a" is no frame of what someone is: "we used the reeds as a tidal memory" is the idea
    as_idea = (TALK.lower() + "then we used the reeds as a tidal memory. " * 2 + filler) * 12
    assert "tidal memory" in recurring_terms(as_idea, spacy_tagger(nlp))
    # a kind of person takes its place among the strongest: a weaker run does not move up
    crowded = (TALK.lower() + roles * 3 + filler) * 12
    assert crowded.count("dune keeper") > crowded.count("tidal memory")
    assert recurring_terms(crowded, spacy_tagger(nlp), limit=1) == []
    assert recurring_terms(crowded, spacy_tagger(nlp), limit=2) == ["tidal memory"]
