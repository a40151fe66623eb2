"""Each resolution rule on small inputs written for the test, with counter-examples that
must NOT merge. A blank English pipeline plus the gazetteer ruler stands in for the model."""
import re

import pytest
import spacy

from kg.extract import Extraction, extract
from kg.gazetteer import Gazetteer
from kg.model import Document, EntityNote, Mention, Participant
from kg.read.formats import read_text
from kg.resolve import resolve

ENTRIES = [
    {"key": "openai", "label": "OpenAI", "type": "Organization", "aliases": ["Open AI"]},
    {"key": "anthropic", "label": "Anthropic", "type": "Organization"},
    {"key": "google", "label": "Google", "type": "Organization"},
    {"key": "google-deepmind", "label": "Google DeepMind", "type": "Organization", "aliases": ["DeepMind"]},
    {"key": "claude", "label": "Claude", "type": "Model", "ambiguous": True},
    {"key": "claude-code", "label": "Claude Code", "type": "Model"},
    {"key": "claude-3-5-sonnet", "label": "Claude 3.5 Sonnet", "type": "Model"},
    {"key": "gpt-4", "label": "GPT-4", "type": "Model"},
    {"key": "gpt-5", "label": "GPT-5", "type": "Model"},
    {"key": "alphago", "label": "AlphaGo", "type": "Model"},
    {"key": "rl", "label": "reinforcement learning", "type": "Concept", "abbreviations": ["RL"]},
    {"key": "sholto-douglas", "label": "Sholto Douglas", "type": "Person"},
    {"key": "jakub-pachocki", "label": "Jakub Pachocki", "type": "Person"},
    {"key": "jacob-effron", "label": "Jacob Effron", "type": "Person"},
    {"key": "scale-ai", "label": "Scale AI", "type": "Organization"},
]
GAZ = Gazetteer.from_entries(ENTRIES)


def resolved(mentions, participants=(), notes=(), text="", entries=None):
    doc = Document(id="d", source="d.txt", format="text", title="Test episode", text=text,
                   participants=[Participant(n, r) for n, r in participants])
    ms = [Mention("d", *m) if isinstance(m, tuple) else m for m in mentions]
    gaz = GAZ if entries is None else Gazetteer.from_entries(entries)
    r = resolve([doc], [Extraction("d", ms)], gaz, notes=list(notes))
    by_id = {e.id: e for e in r.entities}
    return [(by_id[i].label, by_id[i].type) if i else None for i in r.assignments["d"]], r


def episode(i, text):
    """Document d{i}, "Episode {i}", of `text`."""
    return Document(id=f"d{i}", source=f"d{i}.txt", format="text", title=f"Episode {i}", text=text)


def spans(doc_id, text, type_, *names):
    """The extraction of a document whose NER tagged each of `names` as `type_` wherever `text` says it."""
    return Extraction(doc_id, [Mention(doc_id, n, type_, "ner", 0.6, m.start(), m.end())
                               for n in names for m in re.finditer(re.escape(n) + r"\b", text)])


def ner(surface, type_="Organization", start=0):
    return Mention("d", surface, type_, "ner", 0.6, start, start + len(surface))


def _term(text, term):
    """An episode's own term (kg.terms) as extraction gives it: the listed name and its spans."""
    return [Mention("d", term, "", "metadata", 0.8, field="term")] + \
        [Mention("d", term, "", "metadata", 0.8, m.start(), m.end(), field="term") for m in re.finditer(term, text)]


def test_normalisation_case_accents_possessives_discourse_words_and_implied():
    got, _ = resolved([ner("OPENAI"), ner("OpenAI's"), ner("Like OpenAI"),
                       Mention("d", "OpenAI (Implied)", "", "metadata", 0.9, field="companies"),
                       ner("Jakub Pachocki's", "Person"), ner("Jákub Páchocki", "Person")])
    assert got == [("OpenAI", "Organization")] * 4 + [("Jakub Pachocki", "Person")] * 2


def test_alias_table_and_explained_merges():
    got, r = resolved([ner("Open AI"), ner("OpenAI")])
    assert got == [("OpenAI", "Organization")] * 2
    openai = next(e for e in r.entities if e.label == "OpenAI")
    assert openai.merged_by == {"Open AI": "alias"}
    assert openai.aliases == ["Open AI"]


def test_misheard_and_misspelt_names_resolve_to_the_known_entity():
    got, r = resolved([ner("Enthropic"), ner("Shulta Douglas", "Person"), ner("Jacob Ephron", "Person")])
    assert got == [("Anthropic", "Organization"), ("Sholto Douglas", "Person"), ("Jacob Effron", "Person")]
    anthropic = next(e for e in r.entities if e.label == "Anthropic")
    assert anthropic.merged_by == {"Enthropic": "fuzzy"}


@pytest.mark.parametrize("surface, type_", [
    ("GPT-4o", "Model"), ("GPT-4.5", "Model"), ("Claude 3 Sonnet", "Model"), ("Claude Opus", "Model"),
    ("Google Brain", "Organization"), ("DeepMind Lab", "Organization"), ("Anthropic Fellows", "Organization"),
    ("Open Philanthropy", "Organization")])
def test_near_misses_of_known_names_stay_apart(surface, type_):
    got, r = resolved([ner(surface, type_)] * 2)      # close to GPT-4, Claude 3.5 Sonnet, Google, ... (said twice)
    assert got[0][0] == surface
    assert next(e for e in r.entities if e.label == surface).merged_by == {}


def test_numbers_and_first_names_never_fuzzy_merge():
    got, _ = resolved([ner("GPT-6", "Model"), ner("Jakub Smith", "Person"), ner("Claude Sonnet", "Model")],
                      text="GPT-6, the next model")
    assert got[0] == ("GPT-6", "Model")
    assert got[1] == ("Jakub Smith", "Person")
    assert got[2] == ("Claude Sonnet", "Model")          # not Claude 3.5 Sonnet: the versions differ


def test_first_name_binds_to_the_one_full_name_in_the_episode():
    got, r = resolved([ner("Jacob", "Person"), ner("Ada", "Person"),
                       Mention("d", "Ada Byron", "Person", "metadata", 1.0, field="guest")],
                      participants=[("Jacob Ephron", "host"), ("Ada Byron", "guest")])
    assert got[:2] == [("Jacob Effron", "Person"), ("Ada Byron", "Person")]
    ada = next(e for e in r.entities if e.label == "Ada Byron")
    assert ada.merged_by["Ada"] == "first name"


def test_a_first_name_shared_by_two_people_in_the_episode_is_not_bound():
    got, _ = resolved([ner("Ada", "Person")], participants=[("Ada Byron", "host"), ("Ada Lovelace", "guest")])
    assert got[0] is None                      # a lone, ambiguous first name never becomes a node


def test_phonetic_first_name_binds_only_to_the_episode_person_it_sounds_like():
    got, _ = resolved([ner("Shulta", "Person"), ner("Jakub", "Person")],
                      participants=[("Sholto Douglas", "guest"), ("Jacob Effron", "host")])
    assert got[0] == ("Sholto Douglas", "Person")
    assert got[1] != ("Jacob Effron", "Person")        # Jakub sounds like Jacob but is spelt differently



def test_a_sound_alike_of_a_participant_typed_as_a_place_stays_apart():
    guest = Mention("d", "Henry Ford", "Person", "metadata", 1.0, field="guest")
    got, _ = resolved([guest, ner("Fordow", "Place"), ner("Fordow", "Place"), ner("Ford", "Organization"),
                       ner("Fordo", "Organization")], participants=[("Henry Ford", "guest")],
                      text="Fordow, a town in Iran")
    assert got[1] == got[2] == ("Fordow", "Place")
    # spelled the same, or sounding the same where NER says person or company (it often takes a name for one)
    assert got[0] == got[3] == got[4] == ("Henry Ford", "Person")



def test_an_acronym_alias_matches_only_in_capitals():
    entries = ENTRIES + [{"key": "sam", "label": "Segment Anything", "type": "Model", "aliases": ["SAM"]}]
    got, _ = resolved([ner("SAM", "Model"), ner("Sam", "Person"), ner("Sam", "Person")], entries=entries)
    assert got[0] == ("Segment Anything", "Model") and got[1] is None       # "Sam" alone: a first name


def test_type_voting_gazetteer_outvotes_ner():
    got, _ = resolved([ner("RL", "Person"), ner("OpenAI", "Place"), ner("Anthropic", "Person")])
    assert got == [("reinforcement learning", "Concept"), ("OpenAI", "Organization"), ("Anthropic", "Organization")]


def test_type_voting_metadata_outvotes_a_single_ner_label():
    got, _ = resolved([ner("Quillfeather Labs", "Person"),
                       Mention("d", "Quillfeather Labs", "Organization", "metadata", 0.9, field="companies",
                               context="x Quillfeather Labs y")])
    assert got == [("Quillfeather Labs", "Organization")] * 2


@pytest.mark.parametrize("surface", ["And I", "So I", "we", "They", "Intro", "Key Takeaways", "00:13", "1:02:03",
                                     "2026", "10x", "#159", "Transcript"])
def test_noise_never_becomes_a_node(surface):
    got, _ = resolved([ner(surface, "Person"), Mention("d", surface, "", "metadata", 0.9, field="companies")])
    assert got == [None, None]


def test_upstream_lists_are_evidence_not_truth():
    got, _ = resolved([
        Mention("d", "Our Success", "", "metadata", 0.6, field="companies", context="a Our Success b"),
        Mention("d", "In Spain", "Place", "metadata", 0.6, field="companies", context="In Spain, I can"),
        Mention("d", "Scale Ai", "Organization", "metadata", 0.6, field="companies", context="x"),
        Mention("d", "Serena Williams", "", "metadata", 0.6, field="companies",
                context="if you asked Serena Williams how"),
        Mention("d", "Gizmo Corp", "Organization", "metadata", 0.95, field="companies", context="x")])
    assert got[0] is None and got[1] is None
    assert got[2] == ("Scale AI", "Organization")
    assert got[3] is None              # a plausible full name, but nothing says what it is: no type
    assert got[4] == ("Gizmo Corp", "Organization")         # rated high by the upstream tool


def test_entity_note_aliases_extend_the_alias_table():
    note = EntityNote("Tomasz Wieczorek", ["Tomek"], "People/Tomasz Wieczorek.md", "Person")
    got, r = resolved([ner("Tomek", "Person"), ner("Tomasz Wieczorek", "Person")], notes=[note])
    assert got == [("Tomasz Wieczorek", "Person")] * 2
    tomasz = next(e for e in r.entities if e.label == "Tomasz Wieczorek")
    assert tomasz.merged_by == {"Tomek": "entity note alias"}
    assert tomasz.sources == ["People/Tomasz Wieczorek.md", "d.txt"] and tomasz.aliases == ["Tomek"]


def test_ruler_phonetic_and_variants_on_text_with_a_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_gazetteer", config={"entries": ENTRIES})
    text = ("we use cloud code daily and the famous move from alph go. Open AI shipped GPT-4 Pro. "
            "RL works; rl is lowercase. Claude helps but claude the word does not.")
    docs = read_text(text, file="t.txt", doc_id="t.txt")[0]
    found = [(m.surface, m.key, m.field) for m in next(extract(nlp, docs)).mentions]
    assert ("cloud code", "claude-code", "phonetic") in found
    assert ("alph go", "alphago", "phonetic") in found
    assert ("Open AI", "openai", None) in found
    assert ("GPT-4 Pro", None, "variant") in found
    assert ("RL", "rl", None) in found and not any(s == "rl" for s, _, _ in found)
    assert ("Claude", "claude", None) in found and not any(s == "claude" for s, _, _ in found)


@pytest.mark.parametrize("text, found", [
    ("big data will keep growing", []),                          # "will" for "wall": a clause, not Data Wall
    ("the future has to be different", []),                      # "has" for "House"
    ("it was scott who called", []),                             # "who" for "Wu"
    ("we hit the data wal last year", [("data wal", "data-wall")]),
    ("i asked scot wu about it", [("scot wu", "scott-wu")]),
])
def test_a_name_heard_with_a_stop_word_in_place_of_its_word_is_the_words_said(text, found):
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_gazetteer", config={"entries": [
        {"key": "data-wall", "label": "data wall", "type": "Concept"},
        {"key": "futurehouse", "label": "FutureHouse", "type": "Organization", "aliases": ["Future House"]},
        {"key": "scott-wu", "label": "Scott Wu", "type": "Person"}]})
    assert [(e.text, e.ent_id_) for e in nlp(text).ents] == found


HEARD_ENTRIES = [
    {"key": "claude", "label": "Claude", "type": "Model", "ambiguous": True,
     "heard": [{"text": "cloud", "near": ["refactor", "gpt"], "not_after": ["the", "-"],
                "not_before": ["computing", "bills", "-"]}]},
    {"key": "metr", "label": "METR", "type": "Organization",
     "heard": [{"text": "meter", "near": ["eval", "benchmark"], "not_after": ["water"]}]},
    {"key": "nvidia", "label": "Nvidia", "type": "Organization",
     "heard": [{"text": "In video", "near": ["revenue"], "not_before": ["generation"]}]},
    {"key": "windsurf", "label": "Windsurf", "type": "Organization", "ambiguous": True,
     "heard": [{"text": "Windsor", "near": ["cursor"], "not_after": ["in"]}]},
    {"key": "muzero", "label": "MuZero", "type": "Model",
     "heard": [{"text": "Muse", "near": ["world model"], "not_after": ["'s"], "not_near": ["xbox"]}]},
    {"key": "qwen", "label": "Qwen", "type": "Model", "heard": ["Quen"]},
    {"key": "mistral-ai", "label": "Mistral AI", "type": "Organization", "aliases": ["Mistral"],
     "heard": [{"text": "mistrial", "near": ["le chat"]}]},
]


@pytest.mark.parametrize("text,found", [
    ("i use cloud all the time to refactor code", [("cloud", "Claude")]),
    ("topic cloud models beat the GPT models here", [("cloud", "Claude")]),
    ("we moved our models to the cloud to refactor them", []),                           # after "the"
    ('we moved our models to the\n"cloud" to refactor them', []),                       # quote and line break
    ("cloud computing bills grew while we refactor", []),                                # before "computing"
    ("it is a multi-cloud setup we refactor", []),
    ("a cloud drifted by", []),                                                          # no cue nearby
    ("look at the meter eval and extrapolate", [("meter", "METR")]),
    ("the water meter reading was used as a benchmark", []),
    ("the pipe was a meter long", []),
    ("In video's revenue is higher than anyone's", [("In video", "Nvidia")]),
    ("In video generation revenue is small", []),
    ("we explained it in video form", []),
    ("I think Muse had a learned world model", [("Muse", "MuZero")]),
    ("Microsoft's Muse is a world model", []),
    ("Muse is a world model trained on Xbox gameplay", []),
    ("I grew up in Windsor and now I work at Cursor", []),
    ("they trained Quen on more tokens", [("Quen", "Qwen")]),
    ("the judge declared a mistrial", []),               # sounds like Mistral, but a `heard` form needs its cue
    ("mistrial shipped le chat today", [("mistrial", "Mistral AI")]),
])
def test_speech_recognition_variants_need_their_cues(text, found):
    gaz = Gazetteer.from_entries(HEARD_ENTRIES)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_gazetteer", config={"entries": HEARD_ENTRIES})
    docs = read_text(text, file="t.txt", doc_id="t.txt")[0]
    extraction = next(extract(nlp, docs))
    r = resolve(docs, [extraction], gaz)
    label = {e.id: e.label for e in r.entities}
    got = [(m.surface, label[i], m.field) for m, i in zip(extraction.mentions, r.assignments["t.txt"]) if i]
    assert got == [(surface, entity, "heard") for surface, entity in found]
    merged = {e.label: e.merged_by for e in r.entities if e.type != "Episode"}
    assert merged == {entity: {surface: "heard as (speech-recognition variant)"} for surface, entity in found}


def test_listed_names_as_speech_recognition_wrote_them():
    gaz = Gazetteer.from_entries(HEARD_ENTRIES)
    doc = Document(id="d", source="d.md", format="metadata", title="Test episode", text="")
    listed = [Mention("d", "Windsor bet", "Organization", "metadata", 0.9, field="companies",
                      context="betting harder on agents than Cursor"),
              Mention("d", "Quen models", "Organization", "metadata", 0.9, field="companies", context="x"),
              Mention("d", "In video", "Organization", "metadata", 0.9, field="companies",
                      context="In video's revenue is much higher"),
              Mention("d", "Windsor", "Place", "metadata", 0.9, field="companies", context="the castle at Windsor"),
              Mention("d", "cloud", "", "metadata", 0.9, field="topics",
                      context="we moved our models to the cloud, says GPT")]
    r = resolve([doc], [Extraction("d", listed)], gaz)
    by_id = {e.id: e for e in r.entities}
    got = [(by_id[i].label, by_id[i].type) if i else None for i in r.assignments["d"]]
    assert got[:4] == [("Windsurf", "Organization"), ("Qwen", "Model"), ("Nvidia", "Organization"),
                       ("Windsor", "Place")]
    assert got[4] != ("Claude", "Model")                     # "the cloud" in its own context quote
    assert by_id[r.assignments["d"][0]].merged_by == {"Windsor": "heard as (speech-recognition variant)"}
    assert by_id[r.assignments["d"][1]].aliases == ["Quen"]


@pytest.mark.parametrize("heard,message", [
    ([{"near": ["x"]}], "each `heard` item is a string or a mapping with `text`"),
    ([{"text": "cloud", "not_after": ["the", True]}], "`heard` not_after must be a list of words"),   # YAML `on`
])
def test_a_bad_heard_item_names_the_file_and_entry(tmp_path, heard, message):
    import yaml

    from kg import gazetteer
    from kg.errors import ConfigError

    entry = {"key": "claude", "label": "Claude", "type": "Model", "heard": heard}
    (tmp_path / "models.yaml").write_text(yaml.safe_dump({"entities": [entry]}))
    with pytest.raises(ConfigError, match=f"models.yaml: claude: {message}"):
        gazetteer.load(str(tmp_path))


def test_a_paper_named_by_its_topic_is_the_paper_and_names_the_topic():
    entries = [{"key": "alignment-faking", "label": "alignment faking", "type": "Concept"},
               {"key": "alignment-faking-paper", "label": "Alignment faking in large language models", "type": "Work"}]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_gazetteer", config={"entries": entries})
    docs = read_text("Tie this into our alignment faking paper. Alignment is hard.", file="t.txt", doc_id="t.txt")[0]
    found = [(m.surface, m.type, m.key, m.start) for m in next(extract(nlp, docs)).mentions]
    assert found == [("alignment faking", "Concept", "alignment-faking", 18),
                     ("alignment faking paper", "Work", "alignment-faking-paper", 18)]


def test_the_name_after_a_participant_keeps_its_context():
    text = "Ada Byron of In video said revenue doubled."
    m = Mention("d", "Ada Byron of In video", "Person", "ner", 0.6, 0, 21)
    got, _ = resolved([m], participants=[("Ada Byron", "guest")], notes=(), text=text,
                      entries=HEARD_ENTRIES)
    assert got == [("Nvidia", "Organization")]


def test_a_name_headed_by_theorem_law_or_equation_is_a_concept_whatever_ner_said():
    text = "Fermat's Last Theorem, the Navier-Stokes Equations, the Three Laws of Robotics and Quillfeather Labs."
    got, _ = resolved([ner("Fermat's Last Theorem", "Organization", 0), ner("Navier-Stokes Equations", "Person", 27),
                       ner("Three Laws of Robotics", "Organization", 55), ner("Quillfeather Labs", "Person", 82)],
                      text=text)
    assert got == [("Fermat's Last Theorem", "Concept"), ("Navier-Stokes Equations", "Concept"),
                   ("Three Laws of Robotics", "Concept"), ("Quillfeather Labs", "Organization")]


def test_a_title_that_anything_calls_a_work_stays_a_work_despite_its_head():
    text = "The Three-Body Problem book. The Three-Body Problem. The Three-Body Problem."
    got, _ = resolved([ner("The Three-Body Problem", "Work", 0), ner("The Three-Body Problem", "Work", 29),
                       ner("The Three-Body Problem", "Organization", 53)], text=text)
    assert got == [("Three-Body Problem", "Work")] * 3           # the leading "The" is dropped, as for any name


def test_two_spellings_of_one_person_in_one_episode_are_one_node_and_different_people_stay_apart():
    from collections import Counter

    from kg.match import other_spellings

    names = ["Wren Nakamura", "Wren Nakamora", "Wren Okafor", "Ada Byron", "Ada Bryon", "Tim Gowers", "Tim Powers"]
    said = Counter({"Wren Nakamura": 4, "Wren Nakamora": 1, "Ada Bryon": 3, "Ada Byron": 1, "Tim Gowers": 2,
                    "Tim Powers": 2})
    assert other_spellings(names, said, {"Ada Byron"}) == {"Wren Nakamora": "Wren Nakamura",
                                                           "Ada Bryon": "Ada Byron"}    # a participant's spelling wins


def test_a_name_alone_and_the_same_name_bound_to_a_longer_one_are_one_node():
    def doc(i, text):
        return Document(id=f"d{i}", source=f"d{i}.txt", format="text", title=f"Episode {i}", text=text)

    a = "Quillbase grew fast. Quillbase grew."
    b = "Quillbase Labs is new. Quillbase is old. Quillbase shipped it."
    docs = [doc(1, a), doc(2, b)]
    exs = [Extraction("d1", [Mention("d1", "Quillbase", "Organization", "ner", 0.6, 0, 9),
                             Mention("d1", "Quillbase", "Organization", "ner", 0.6, 21, 30)]),
           Extraction("d2", [Mention("d2", "Quillbase Labs", "Organization", "ner", 0.6, 0, 14),
                             Mention("d2", "Quillbase", "Organization", "ner", 0.6, 23, 32),
                             Mention("d2", "Quillbase", "Organization", "ner", 0.6, 42, 51)])]
    r = resolve(docs, exs, GAZ)
    labels = sorted(e.label for e in r.entities if e.type == "Organization")
    assert labels == ["Quillbase"]
    assert r.assignments["d1"][0] == r.assignments["d2"][1] == r.assignments["d2"][0]


def test_a_rare_given_name_alone_is_the_one_known_person_with_it_but_a_common_one_is_not():
    entries = ENTRIES + [{"key": "demis", "label": "Demis Hassabis", "type": "Person"},
                         {"key": "dylan", "label": "Dylan Patel", "type": "Person"}]
    got, _ = resolved([ner("Demis", "Place"), ner("Dylan", "Person"), ner("Dylan", "Person")], entries=entries)
    assert got[0] == ("Demis Hassabis", "Person") and got[1] is None


def test_a_participant_whose_name_cleans_to_another_spelling_of_itself_resolves(tmp_path):
    from conftest import build_files

    text = """---
guest: Assorted Voices (Winter Recap)
title: The best moments of the winter
---

Host Person (00:00:03):
Welcome back. Today Assorted Voices (Winter Recap and more: Ada Byron at Loomworks.

Ada Byron (00:01:10):
Thanks. We built the loom at Loomworks.
"""
    result, g = build_files(tmp_path, {"winter-recap/transcript.md": text})     # recursed without end before
    assert result.documents == 1 and not result.skipped
    assert [e.label for e in g.entities(type="Episode")] == ["The best moments of the winter"]
    assert g.find("Ada Byron").label == "Ada Byron"


WORD_ENTRIES = ENTRIES + [
    {"key": "palm", "label": "PaLM", "type": "Model"},
    {"key": "gemini", "label": "Gemini", "type": "Model"},
    {"key": "galactica", "label": "Galactica", "type": "Model"},
    {"key": "figma", "label": "Figma", "type": "Organization"},
]


def ruled(text: str, *words: str) -> list:
    """What resolution makes of gazetteer matches of `words` (each at its first place in `text`)."""
    mentions = []
    for word in words:
        at = text.index(word)
        entry = next(e for e in WORD_ENTRIES if e["label"].lower() == word.lower() or word in e.get("aliases", ()))
        mentions.append(Mention("d", word, entry["type"], "ruler", 1.0, at, at + len(word), key=entry["key"]))
    return resolved(mentions, text=text, entries=WORD_ENTRIES)[0]


def test_a_known_name_written_as_a_common_word_in_a_cased_text_is_the_word():
    text = "We had lunch under a palm by the pool. Later Priya showed us PaLM and said it was a model from Google."
    assert ruled(text, "palm", "PaLM") == [None, ("PaLM", "Model")]
    # auto-captions write everything in lowercase: there the word may be the name
    caption = "so we talked about palm the language model from google and what it does with text all day long " * 6
    assert ruled(caption, "palm") == [("PaLM", "Model")]
    # a rare word is no common word: "figma" in lowercase is still the company
    assert ruled("Our designers moved everything into figma last year. It went well for the Team.", "figma") == \
        [("Figma", "Organization")]


def test_a_known_name_inside_a_longer_capitalised_name_is_not_that_name():
    text = ("We drove to Palm Springs for the weekend. He rewatched Battlestar Galactica twice. "
            "Then Gemini Pro answered, and Google Gemini too.")
    # the longer name is the thing, typed by its form (a known place), or kept out (nothing says what it is)
    assert ruled(text, "Palm", "Galactica", "Gemini") == [("Palm Springs", "Place"), None, ("Gemini", "Model")]
    conjecture = [{"key": "conjecture", "label": "Conjecture", "type": "Organization"}]
    idea = "Nobody had touched the Kessler Conjecture in years, so she worked on it alone."
    at = idea.index("Conjecture")
    found = Mention("d", "Conjecture", "Organization", "ruler", 1.0, at, at + 10, key="conjecture")
    assert resolved([found], text=idea, entries=conjecture)[0] == [("Kessler Conjecture", "Concept")]
    at = text.index("Google Gemini") + len("Google ")
    google_gemini = Mention("d", "Gemini", "Model", "ruler", 1.0, at, at + 6, key="gemini")
    assert resolved([google_gemini], text=text, entries=WORD_ENTRIES)[0] == [("Gemini", "Model")]
    # a company's name before a capitalised word names its product: still the company
    assert ruled("We drafted it all in Google Docs before the launch meeting.", "Google") == \
        [("Google", "Organization")]
    # a capital at a sentence's start is no name's part, unless the word is a rare one
    assert ruled("It was late. Yesterday Gemini answered in a second, which surprised the whole room.", "Gemini") \
        == [("Gemini", "Model")]
    # a heading in title case says nothing either
    assert ruled("Intro\nWhy Gemini Changed Everything For Us\nWe started in March with a small team.", "Gemini") \
        == [("Gemini", "Model")]


def test_names_in_a_row_taken_as_one_give_the_first_and_a_contraction_is_no_name():
    text = "We pay Quillory Labs, Ledgerleaf, Brightpost, Mossy and a lot of glue. I’m fine."
    at = text.index("Quillory")
    listed = Mention("d", "Quillory Labs, Ledgerleaf, Brightpost, Mossy", "Organization", "ner", 0.6, at,
                     at + len("Quillory Labs, Ledgerleaf, Brightpost, Mossy"))
    at = text.index("I’m")
    contraction = Mention("d", "I’m", "Organization", "ner", 0.6, at, at + 3)
    assert resolved([listed, contraction], text=text)[0] == [("Quillory Labs", "Organization"), None]


def test_a_common_word_that_only_captions_capitalise_is_no_name():
    caption = ("so the Target here is to keep going and the Target is always moving and i think you know "
               "that is how we get better at the game over and over again every day ") + \
        "and you keep going and going and you never stop because that is the whole point of it " * 5
    spans = [ner("Target", "Organization", i) for i in (7, caption.index("Target", 10))]
    assert resolved(spans, text=caption)[0] == [None, None]
    edited = ("We sold the plush toys through Target. Then Target, the company, asked for a second line, "
              "and we said yes. "
              "It was our first big retail deal, and our customers loved it.")
    spans = [ner("Target", "Organization", i) for i in (edited.index("Target"), edited.index("Target", 40))]
    assert resolved(spans, text=edited)[0] == [("Target", "Organization")] * 2


def test_a_person_shaped_name_nothing_calls_a_company_is_a_person():
    text = ("Priya Raman told me about it first. Later Priya Raman wrote a long post. Priya Raman is great. "
            "I read what Priya Oyelaran wrote about stubbornness and I think about it every single day.")
    raman = [m.start() for m in re.finditer("Priya Raman", text)]
    spans = [ner("Priya Raman", "Person", i) for i in raman]
    at = text.index("Priya Oyelaran")
    spans += [ner("Priya Oyelaran", "Organization", at), ner("Priya Oyelaran", "Organization", at)]
    got = resolved(spans, text=text)[0]
    assert got[3] == ("Priya Oyelaran", "Person")
    # a name with a company word, or said next to company words, stays a company
    both = text + " Priya Labs raised money from investors, and Priya Labs hired its first engineers."
    spans = [ner("Priya Raman", "Person", i) for i in raman]
    spans += [ner("Priya Labs", "Organization", both.index("Priya Labs", i)) for i in (len(text), len(text) + 20)]
    assert resolved(spans, text=both)[0][3:] == [("Priya Labs", "Organization")] * 2


def test_a_company_name_said_once_with_nothing_saying_so_stays_out():
    text = ("I read Quiet Lanterns last year and loved it. Then I joined Harbor Loom as an engineer. "
            "Later we met the Tallow Foundation for coffee.")
    spans = [ner(n, "Organization", text.index(n)) for n in ("Quiet Lanterns", "Harbor Loom", "Tallow Foundation")]
    # the first has nothing around it saying it is a company; "joined" does for the second; the third's name does
    assert resolved(spans, text=text)[0] == [None, ("Harbor Loom", "Organization"), ("Tallow Foundation", "Organization")]


def test_a_guest_field_of_one_common_word_names_nobody_but_a_host_the_text_calls_by_name_is_somebody():
    text = "Various clips follow from the year. Thanks for listening, and see you soon, Sam says."
    got, _ = resolved([Mention("d", "Various (Year-End Review)", "Person", "metadata", 1.0, field="guest"),
                       Mention("d", "Sam", "Person", "metadata", 1.0, field="host")], text=text)
    assert got == [None, ("Sam", "Person")]


def test_a_documents_decisions_keep_each_mention_as_meant_and_replay_to_the_same_entities(tmp_path):
    from kg.cache import DecisionCache
    from kg.decisions import Decisions
    from kg.resolve import Resolver

    text = "We drove to Palm Springs for the weekend, then asked Gemini about it."
    mentions = [Mention("d", w, "Model", "ruler", 1.0, text.index(w), text.index(w) + len(w), key=k)
                for w, k in (("Palm", "palm"), ("Gemini", "gemini"))]
    doc = Document(id="d", source="d.txt", format="text", title="Trip", text=text)
    gaz = Gazetteer.from_entries(WORD_ENTRIES)
    decided = Resolver(gaz).decide(doc, mentions)
    assert [(m.surface, m.type, m.start) for m in decided.meant.values()] == [("Palm Springs", "Place", 12)]
    assert decided.found == [("name:palm springs", "name", "Palm Springs"), ("gemini", "gazetteer", "Gemini")]
    assert Decisions.from_payload(decided.payload()) == decided
    cache = DecisionCache(tmp_path, salt="test")
    first = resolve([doc], [Extraction("d", mentions)], gaz, cache=cache)
    again = resolve([doc], [Extraction("d", mentions)], gaz, cache=cache)
    assert (first.replayed, again.replayed) == (0, 1)
    assert [(e.label, e.type) for e in again.entities] == [(e.label, e.type) for e in first.entities]
    assert ("Palm Springs", "Place") in [(e.label, e.type) for e in again.entities]


def test_a_partial_name_binds_only_to_a_longer_name_of_its_own_type():
    text = ("We flew Brindle, the company, from Oslo. Brindle Harbour was grey. Later Brindle Harbour was sunny. "
            "Brindle lost our bags.")
    at = [m.start() for m in re.finditer("Brindle", text)]
    mentions = [ner("Brindle", "Organization", at[0]), ner("Brindle Harbour", "Place", at[1]),
                ner("Brindle Harbour", "Place", at[2]), ner("Brindle", "Organization", at[3]),
                ner("Brindle", "Place", at[3])]
    found, _ = resolved(mentions, text=text)
    assert found[0] == found[3] == ("Brindle", "Organization")        # the airline, not the harbour
    assert found[1] == found[2] == found[4] == ("Brindle Harbour", "Place")   # a place named short is the harbour


def test_an_episodes_own_term_never_takes_a_longer_names_place():
    text = "Tokamak Energy raised money. The tokamak works. A tokamak again. Tokamak Energy grew."
    at = [m.start() for m in re.finditer("(?i)tokamak", text)]
    term = [Mention("d", "tokamak", "", "metadata", 0.585, a, a + 7, field="term") for a in at[1:3]]
    company = [ner("Tokamak Energy", "Organization", a) for a in (at[0], at[3])]
    found, _ = resolved([company[0], *term, company[1]], text=text)
    assert found[0] == found[3] == ("Tokamak Energy", "Organization") and found[1] != found[0]


def test_a_given_name_of_another_language_makes_a_company_shaped_name_a_person():
    # "Antoine" is nobody's given name in this corpus, but it is one in French: the model's
    # company is a person. A given name before a common word ("Star Trek") is no person.
    text = ("I talked to Antoine Vasquelin about it. It was a long talk. "
            "Then we watched Star Trek for hours, and Star Trek was great.")
    spans = [ner("Antoine Vasquelin", "Organization", text.index("Antoine"))] * 2
    spans += [ner("Star Trek", "Organization", i) for i in (text.index("Star Trek"), text.rindex("Star Trek"))]
    got = resolved(spans, text=text)[0]
    assert got[0] == ("Antoine Vasquelin", "Person")
    assert got[2] == ("Star Trek", "Organization")


def test_a_surname_said_alone_followed_by_he_is_a_person_but_a_first_name_alone_is_not():
    text = ("Kowarski wrote the letter, and he sent it. Then Kowarski left, and he never came back. "
            "Kowarski was right; he said so. Later Kowarski smiled. "
            "David called, and he was late. David came in, and he sat down. David laughed and he left.")
    spans = [ner("Kowarski", "Person", m.start()) for m in re.finditer("Kowarski", text)]
    spans += [ner("David", "Person", m.start()) for m in re.finditer("David", text)]
    got = resolved(spans, text=text)[0]
    assert got[:4] == [("Kowarski", "Person")] * 4
    assert got[4:] == [None] * 3
    # a product the model took for a person: nothing after it is "he" or "she"
    gadget = "Zibbly crashed again and it lost my files. Zibbly is slow. I hate Zibbly, it is bad."
    spans = [ner("Zibbly", "Person", m.start()) for m in re.finditer("Zibbly", gadget)]
    assert resolved(spans, text=gadget)[0] == [None] * 3


def test_a_company_shaped_first_name_alone_is_kept_out():
    text = "Marcus said it. Then Marcus left, and he was gone. We loved Marcus."
    spans = [ner("Marcus", "Organization", m.start()) for m in re.finditer("Marcus", text)]
    spans[1] = ner("Marcus", "Person", spans[1].start)
    assert resolved(spans, text=text)[0] == [None] * 3


def test_a_name_the_model_calls_a_place_needs_a_known_place_or_place_words():
    # NER's place, six times, and nothing else saying so (a brand it took for a town): no Place
    text = " ".join(f"Things changed for Vellomar in year {i}." for i in range(6))
    spans = [ner("Vellomar", "Place", m.start()) for m in re.finditer("Vellomar", text)]
    assert resolved(spans, text=text)[0] == [None] * 6
    # a term headed by a place word is no place ("nanny state"); a region is
    for said, type_ in (("nanny state", "Concept"), ("latin america", "Place")):
        text = f"the {said} grew, and the {said} won again"
        assert resolved(_term(text, said), text=text)[0] == [(said, type_)] * 3


def test_a_given_name_the_corpus_knows_needs_less_of_the_last_word_than_one_only_the_lists_know():
    # "Priya" starts three Person names of this corpus: "Priya Twain" is a person though "twain" is
    # an English word; "Antoine" is only in the lists of names, so "Antoine Twain" needs more.
    text = ("Priya Raman told me about it first. Later Priya Raman wrote a long post. Priya Raman is great. "
            "I read Priya Twain on this and Antoine Twain on that, and I think about it every single day.")
    spans = [ner("Priya Raman", "Person", m.start()) for m in re.finditer("Priya Raman", text)]
    spans += [ner(n, "Organization", text.index(n)) for n in ("Priya Twain", "Antoine Twain")] * 2
    got = resolved(spans, text=text)[0]
    assert got[3:5] == [("Priya Twain", "Person"), ("Antoine Twain", "Organization")]


def test_a_surname_alone_joins_the_one_person_of_the_corpus_with_that_surname():
    from collections import Counter

    from kg.clusters import Cluster, label_of
    from kg.merges import surnames_alone

    def person(name, n):
        return Cluster("name:" + name.lower(), surfaces=Counter({name: n}), types=Counter(Person=n))

    kept = {c.key: c for c in (person("Kowarski", 9), person("Marta Kowarski", 2), person("Dave", 4),
                               person("Naiyo Dave", 3), person("Brandt", 5), person("Ola Brandt", 1),
                               person("Lena Brandt", 1))}
    moved = surnames_alone(kept)
    assert moved == {"name:kowarski": "name:marta kowarski"}
    assert label_of(kept["name:marta kowarski"]) == "Marta Kowarski"      # the full name stays the label
    assert kept["name:marta kowarski"].rules == {"Kowarski": "surname alone"}
    assert {"name:dave", "name:brandt"} <= set(kept)     # a given name; a surname two people share


def test_a_fields_idea_said_in_its_everyday_sense_is_no_node():
    entries = ENTRIES + [{"key": "superposition", "label": "superposition", "type": "Concept"},
                         {"key": "rsi", "label": "recursive self-improvement", "type": "Concept",
                          "abbreviations": ["RSI"]}]

    def concept(text, word, key):
        at = text.index(word)
        return Mention("d", word, "Concept", "ruler", 1.0, at, at + len(word), key=key)

    physics = "Before you measure it, the electron is in a superposition of two places at once."
    assert resolved([concept(physics, "superposition", "superposition")], text=physics, entries=entries)[0] == [None]
    wrist = "After years of typing I got RSI in my wrist, so now I use a vertical mouse."
    assert resolved([concept(wrist, "RSI", "rsi")], text=wrist, entries=entries)[0] == [None]
    # the same words where the talk is about the field: a word of the field, or a model, nearby
    ai = "In a neural network, features sit in superposition: more features than neurons."
    assert resolved([concept(ai, "superposition", "superposition")], text=ai,
                    entries=entries)[0] == [("superposition", "Concept")]
    near_model = "Could GPT-5 get to RSI by writing its own successor? Nobody knows yet."
    mentions = [concept(near_model, "RSI", "rsi"), Mention("d", "GPT-5", "Model", "ruler", 1.0, 6, 11, key="gpt-5")]
    assert resolved(mentions, text=near_model, entries=entries)[0] == [("recursive self-improvement", "Concept"),
                                                                      ("GPT-5", "Model")]


def test_an_initialism_whose_last_period_ended_the_sentence_is_the_known_name():
    entries = ENTRIES + [{"key": "united-states", "label": "United States", "type": "Place", "abbreviations": ["U.S."]}]
    text = "We moved the whole team to the U.S. Then we grew in the U.S"
    spans = [ner("U.S.", "Place", text.index("U.S.")), ner("U.S", "Place", text.rindex("U.S"))]
    assert resolved(spans, text=text, entries=entries)[0] == [("United States", "Place")] * 2
    assert Gazetteer.from_entries(entries).lookup("U.S").label == "United States"


@pytest.mark.parametrize("surface", ["Ada Byron Etc Alan", "Quillory @ada_byron"])
def test_names_run_together_with_etc_or_a_handle_are_no_name(surface):
    text = f"I follow {surface} on everything."
    assert resolved([ner(surface, "Person", text.index(surface))] * 2, text=text)[0] == [None, None]


def test_a_one_word_person_that_is_a_thing_joins_that_thing_but_a_person_said_with_he_does_not():
    from collections import Counter

    from kg.clusters import Cluster, entity_type
    from kg.merges import same_names

    def cluster(key, name, type_, n, he=0):
        return Cluster(key, surfaces=Counter({name: n}), types=Counter({type_: n}), seen=Counter(Person=he))

    kept = {c.key: c for c in (cluster("name:zibbly", "Zibbly", "Organization", 4),
                               cluster("name:zibbly live", "Zibbly", "Person", 6),
                               cluster("name:kowarski", "Kowarski", "Organization", 2),
                               cluster("name:kowarski p", "Kowarski", "Person", 5, he=3),
                               cluster("name:marta", "Marta", "Place", 2), cluster("name:marta p", "Marta", "Person", 3))}
    assert same_names(kept) == {"name:zibbly live": "name:zibbly"}
    assert entity_type(kept["name:zibbly"]) == "Organization" and kept["name:zibbly"].spans == 0
    assert {"name:kowarski p", "name:marta p"} <= set(kept)      # "he" after it; a given name


def test_a_title_topic_or_term_is_the_idea_the_gazetteer_knows_with_the():
    entries = ENTRIES + [{"key": "tech-singularity", "label": "technological singularity", "type": "Concept",
                          "aliases": ["the singularity"]},
                         {"key": "the-economist", "label": "The Economist", "type": "Organization"}]
    topic = Mention("d", "Singularity", "", "metadata", 0.8, field="title topic")
    assert resolved([topic], entries=entries)[0] == [("technological singularity", "Concept")]
    text = "every economist said so, and the economist was right"        # only ideas: no newspaper
    assert resolved(_term(text, "economist"), text=text, entries=entries)[0] == [("economist", "Concept")] * 3


@pytest.mark.parametrize("name, type_", [("Quillan Accords", "Concept"), ("Second Vellomar War", "Concept"),
                                         ("Harrow Trilogy", "Work"), ("Ada Byron Show", "Show")])
def test_a_name_headed_by_an_event_a_work_or_a_show_word_is_that_whatever_ner_said(name, type_):
    text = f"People still talk about the {name} and what came after the {name}."
    spans = [ner(name, "Organization", m.start()) for m in re.finditer(name, text)]
    assert resolved(spans, text=text)[0] == [(name, type_)] * 2


def test_a_person_bound_by_first_name_is_labelled_by_the_full_name_and_typed_a_person():
    # "Priya" said nine times, "Priya Oyelaran" twice: the node is Priya Oyelaran, a Person, though
    # NER called the first name a company more often than a person
    text = "Priya Oyelaran came by. " + " ".join(f"Priya said thing {i}." for i in range(9)) + " Priya Oyelaran left."
    spans = [ner("Priya Oyelaran", "Person", m.start()) for m in re.finditer("Priya Oyelaran", text)]
    spans += [ner("Priya", "Organization" if i % 3 else "Person", m.start())
              for i, m in enumerate(re.finditer(r"Priya(?= said)", text))]
    got = resolved(spans, text=text)[0]
    assert set(got) == {("Priya Oyelaran", "Person")}


def test_a_one_word_company_followed_by_he_a_quarter_of_the_time_is_a_person():
    said = ["Halvane signed the pact, and he trusted them.", "Halvane flew home, and he smiled.",
            "Halvane was wrong.", "Halvane had a plan.", "Then Halvane and his cabinet met, and he spoke."]
    text = " ".join(said)
    spans = [ner("Halvane", "Organization", m.start()) for m in re.finditer("Halvane", text)]
    assert set(resolved(spans, text=text)[0]) == {("Halvane", "Person")}
    # a product people talk about, "he" once in five: stays what it was
    app = " ".join(["Zibbly crashed.", "Zibbly is slow.", "I opened Zibbly and he laughed.", "Zibbly again.",
                    "Zibbly, it is bad.", "Zibbly raised money from investors."])
    spans = [ner("Zibbly", "Organization", m.start()) for m in re.finditer("Zibbly", app)]
    assert set(resolved(spans, text=app)[0]) == {("Zibbly", "Organization")}


@pytest.mark.parametrize("name, ner_type, type_", [("Al-Vellomar Mosque", "Person", "Place"),
                                                   ("Quillstone River", "Organization", "Place"),
                                                   ("Alonzo Quill", "Person", "Person"),
                                                   ("Quillism", "Organization", "Concept")])
def test_a_place_head_or_an_ism_types_a_name_whatever_ner_said(name, ner_type, type_):
    text = f"They came to the {name} in spring. The {name} was quiet then."
    spans = [ner(name, ner_type, m.start()) for m in re.finditer(name, text)]
    assert resolved(spans, text=text)[0] == [(name, type_)] * 2


def test_a_title_topic_that_names_a_place_is_a_place():
    topic = Mention("d", "South America", "", "metadata", 0.8, field="title topic")
    assert resolved([topic], text="We walked across south america for a year.")[0] == [("South America", "Place")]


def test_a_companys_name_said_as_a_common_noun_in_captions_is_the_noun():
    entries = ENTRIES + [{"key": "apple", "label": "Apple", "type": "Organization"}]
    talk = "so we kept talking about how things fall down and why they come back again " * 10

    def apple(text):
        at = text.index("apple")
        return Mention("d", "apple", "Organization", "ruler", 1.0, at, at + 5, key="apple")

    fruit = talk + "when i toss an apple up it slows down and comes back to my hand " + talk
    assert resolved([apple(fruit)], text=fruit, entries=entries)[0] == [None]
    company = talk + "he said the apple team would sell a phone to every customer " + talk
    assert resolved([apple(company)], text=company, entries=entries)[0] == [("Apple", "Organization")]
    brand = talk + "we posted it all on apple and waited " + talk        # no article: a brand's way
    assert resolved([apple(brand)], text=brand, entries=entries)[0] == [("Apple", "Organization")]


def test_a_person_named_by_dictionary_words_alone_needs_he_or_she():
    text = "I signed up for Help Scout last week. Help Scout answered every ticket."
    spans = [ner("Help Scout", "Person", m.start()) for m in re.finditer("Help Scout", text)]
    assert resolved(spans, text=text)[0] == [None, None]
    said = "Bin Laden said he would hide. Later Bin Laden moved, and he left again."
    spans = [ner("Bin Laden", "Person", m.start()) for m in re.finditer("Bin Laden", said)]
    assert resolved(spans, text=said)[0] == [("Bin Laden", "Person")] * 2


def test_an_idea_and_its_plural_are_one_node_but_two_people_are_not_merged_by_it():
    from collections import Counter

    from kg.clusters import Cluster
    from kg.merges import same_names

    def cluster(key, name, type_):
        return Cluster(key, surfaces=Counter({name: 3}), types=Counter({type_: 3}))

    kept = {c.key: c for c in (cluster("a", "algorithm", "Concept"), cluster("b", "algorithms", "Concept"),
                               cluster("c", "loss", "Concept"), cluster("d", "los", "Concept"),
                               cluster("e", "Ada Roberts", "Person"), cluster("f", "Ada Robert", "Person"))}
    assert same_names(kept) == {"b": "a"}


def test_plurals_merge_as_kg_terms_reads_them():
    from collections import Counter

    from kg.clusters import Cluster, label_of
    from kg.merges import same_names

    def cluster(key, name):
        return Cluster(key, surfaces=Counter({name: 3}), types=Counter(Concept=3))

    kept = {c.key: c for c in (cluster("a", "theory of mind"), cluster("b", "theories of mind"),
                               cluster("c", "GPU"), cluster("d", "GPUs"))}
    assert same_names(kept) == {"b": "a", "d": "c"}
    assert sorted(label_of(c) for c in kept.values()) == ["GPU", "theory of mind"]     # said alike: the shorter


def test_two_spellings_of_one_person_in_an_episode_are_one_node_and_nothing_else_is():
    one = ("Gary Sullivan came. Gary Sullivan spoke. Gary Lee Sullivan left. Oriane Vasquelin met Oriane V. "
           "Jonathan Haidt wrote. Jonathan Hale spoke. Jonathan H said so. Donald Trump spoke to Donald Trump Jr.")
    two = "Then Teodor Brask came, and Teodor B left."
    three = "Teodor Brask again, and Teodor Braskovich, his brother."
    r = resolve([episode(1, one), episode(2, two), episode(3, three)],
                [spans("d1", one, "Person", "Gary Sullivan", "Gary Lee Sullivan", "Oriane Vasquelin", "Oriane V",
                       "Jonathan Haidt", "Jonathan Hale", "Jonathan H", "Donald Trump Jr", "Donald Trump"),
                 spans("d2", two, "Person", "Teodor Brask", "Teodor B"),
                 spans("d3", three, "Person", "Teodor Brask", "Teodor Braskovich")], GAZ)
    by = {e.label: e for e in r.entities if e.type == "Person"}
    assert by["Gary Sullivan"].merged_by["Gary Lee Sullivan"] == "same person in the episode"
    assert "Oriane V" in by["Oriane Vasquelin"].aliases and "Oriane V" not in by     # an initial
    assert "Teodor B" in by["Teodor Brask"].aliases                       # cut short in its episode
    assert {"Jonathan Haidt", "Jonathan Hale", "Jonathan H"} <= set(by)    # "Jonathan H" could be either
    assert {"Donald Trump", "Donald Trump Jr"} <= set(by)                   # a generation apart
    assert "Teodor Braskovich" in by                                       # a longer surname is another name


def test_an_acronym_and_the_words_it_spells_in_one_episode_are_one_node():
    one = ("The Quorvian Atomic Energy Agency inspects the site; the Quorvian Atomic Energy Agency reports. "
           "The QAEA said so, the QAEA said it again, and the QAEA left. "
           "The Zeta Defense League met the Zorro Delta Lab; the ZDL, the ZDL, the ZDL, the ZDL and the ZDL argued.")
    two = ("The QAEA came, the QAEA went, the QAEA stayed. CultureVamp, a startup, hired. Culture Vamp, the startup, "
           "hired. CultureVamp grew.")
    r = resolve([episode(1, one), episode(2, two)],
                [spans("d1", one, "Organization", "Quorvian Atomic Energy Agency", "QAEA", "Zeta Defense League",
                       "Zorro Delta Lab", "ZDL"),
                 spans("d2", two, "Organization", "QAEA", "CultureVamp", "Culture Vamp")], GAZ)
    by = {e.label: e for e in r.entities if e.type != "Episode"}
    agency = by["Quorvian Atomic Energy Agency"]
    assert agency.merged_by["QAEA"] == "acronym spelled out" and "QAEA" not in by
    assert r.assignments["d2"][0] == agency.id                  # said alone in another episode: the same node
    assert "ZDL" in by                                           # two names of its episode spell it: apart
    assert "CultureVamp" in by and "Culture Vamp" not in by      # one name, spaced two ways


def test_one_name_spelt_with_a_letter_more_in_another_episode_is_one_node_but_a_version_or_short_word_is_not():
    one = ("Tomasz Wieczoreck spoke first. Tomasz Wieczoreck spoke again. We drove to Quell Harbor, and Quell Harbor "
           "was cold. Pell Square was loud. We fine-tuned Quorrel-4 and Quorrel-4 did well.")
    two = ("Tomasz Wieczorek wrote back; Tomasz Wieczorek wrote again, and Tomasz Wieczorek left. We drove to "
           "Quell Harbour, and Quell Harbour was warm. Pells Square was loud. We fine-tuned Quorrel-4o; Quorrel-4o won.")
    r = resolve([episode(1, one), episode(2, two)],
                [Extraction("d1", spans("d1", one, "Person", "Tomasz Wieczoreck").mentions
                            + spans("d1", one, "Place", "Quell Harbor", "Pell Square").mentions
                            + spans("d1", one, "Model", "Quorrel-4").mentions),
                 Extraction("d2", spans("d2", two, "Person", "Tomasz Wieczorek").mentions
                            + spans("d2", two, "Place", "Quell Harbour", "Pells Square").mentions
                            + spans("d2", two, "Model", "Quorrel-4o").mentions)], GAZ)
    by = {e.label: e for e in r.entities if e.type != "Episode"}
    assert "Tomasz Wieczoreck" not in by                         # said less: joins the other spelling
    assert by["Tomasz Wieczorek"].merged_by["Tomasz Wieczoreck"] == "the same name spelt with one letter more or less"
    assert by["Quell Harbour"].merged_by["Quell Harbor"] == "the same name spelt with one letter more or less"
    assert "Quell Harbor" not in by                                  # said as often: the longer spelling labels it
    assert {"Pell Square", "Pells Square"} <= set(by)               # "pell": four letters, a word of its own
    assert {"Quorrel-4", "Quorrel-4o"} <= set(by)                   # a model's versions differ by a letter


def test_one_name_in_two_clusters_is_one_node_unless_it_is_a_given_name():
    from collections import Counter

    from kg.clusters import Cluster
    from kg.merges import same_names

    def person(key, name, n):
        return Cluster(key, surfaces=Counter({name: n}), types=Counter(Person=n), spans=n)

    kept = {c.key: c for c in (person("a", "Zelenskyx", 5), person("b", "Zelenskyx", 6), person("c", "Tony", 3),
                               person("d", "Tony", 4), person("e", "C++", 2), person("f", "C", 2))}
    moved = same_names(kept)
    assert moved == {"a": "b"}          # a surname said in two episodes; two Tonys, and C++ and C, stay apart
