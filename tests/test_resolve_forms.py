"""Rules that read a name's form and the words around it (session of 2026-12-01, third): company
words against a weaker vote, the full form of a short name, a brand NER once took for a person,
a dictionary word written in lowercase, plural heads. Each with counter-examples that must stay
apart. Texts and names are made up for the tests."""
import re

import pytest
import spacy

from kg.model import Mention
from test_resolve import ENTRIES, _term, ner, resolved


def _all(text, name, type_):
    return [ner(name, type_, m.start()) for m in re.finditer(re.escape(name) + r"\b", text)]


def _long_and_short(text, long, short, long_type, short_type=None):
    """NER's spans of a long name and of its short form said alone (not as the long name's start)."""
    rest = re.escape(long[len(short):])
    return _all(text, long, long_type) + [ner(short, short_type or long_type, m.start())
                                          for m in re.finditer(rf"{re.escape(short)}\b(?!{rest})", text)]


def test_company_words_outweigh_a_weaker_vote_once_the_first_is_ruled_out():
    # NER calls the unknown name a place four times and a person once; nothing says place.
    # Twice "company" words stand by it and once "he": a company. Once each: still a person.
    text = ("Quorvane is a company that sells boots. I liked Quorvane. I liked Quorvane again. "
            "Quorvane raised money from investors. Then Quorvane called and he said yes.")
    spans = sorted(_all(text, "Quorvane", "Place"), key=lambda m: m.start)
    spans[-1] = ner("Quorvane", "Person", spans[-1].start)
    assert set(resolved(spans, text=text)[0]) == {("Quorvane", "Organization")}
    once = text.replace("Quorvane raised money from investors.", "Quorvane was on my mind.")
    spans = sorted(_all(once, "Quorvane", "Place"), key=lambda m: m.start)
    spans[-1] = ner("Quorvane", "Person", spans[-1].start)
    assert set(resolved(spans, text=once)[0]) == {("Quorvane", "Person")}


_CUE = {"Organization": "the company", "Work": "the film", "Place": "the city"}


@pytest.mark.parametrize("long, short, type_, one", [
    ("Tallowbox Forms", "Tallowbox", "Organization", False),      # a product of the company
    ("Tallowbox TV", "Tallowbox", "Organization", False),         # a product named by an acronym
    ("Brindle Airlines", "Brindle", "Organization", True),        # the company's full name
    ("Brindle & Company", "Brindle", "Organization", True),
    ("Harrowgate Nights 2", "Harrowgate Nights", "Work", False),  # the sequel
    ("Tampere Airport", "Tampere", "Place", False),               # a part of a city of 100,000+
    ("Tampere Group", "Tampere", "Place", False),                 # a company named after the city
    ("Brindle Harbour", "Brindle", "Place", True)])               # a name that is no place by itself
def test_a_short_name_joins_a_longer_one_only_when_it_is_its_full_form(long, short, type_, one):
    cue = _CUE[type_]
    text = (f"We talked about {long}, {cue}, first. Later {short}, {cue}, came up. "
            f"Then {short}, {cue}, again, and {short}, {cue}, once more.")
    spans = _long_and_short(text, long, short, type_)
    got, _ = resolved(spans, text=text)
    said = dict(zip([m.surface for m in spans], got))
    assert said[long] and said[short]
    assert (said[long] == said[short]) is one


def test_a_company_is_not_the_book_named_after_it():
    text = ("Quorvane is a company that makes games. Quorvane raised money from investors. "
            "Its book, Quorvane Rising, sold well; Quorvane Rising is a novel.")
    spans = _long_and_short(text, "Quorvane Rising", "Quorvane", "Work", "Organization")
    got, _ = resolved(spans, text=text)
    said = dict(zip([m.surface for m in spans], got))
    assert said["Quorvane"] == ("Quorvane", "Organization")


def _ruler(entries):
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_gazetteer", config={"entries": entries})
    return nlp


def test_a_one_word_name_that_is_a_dictionary_word_needs_its_capital_in_edited_text():
    nlp = _ruler([{"key": "linear", "label": "Linear", "type": "Organization"},
                  {"key": "quorvane", "label": "Quorvane", "type": "Organization"}])
    edited = "We use Linear for tickets. Growth was linear for a year. I love Quorvane and quorvane."
    assert [e.text for e in nlp(edited).ents] == ["Linear", "Quorvane", "quorvane"]
    captions = ("we use linear for tickets and the tickets pile up fast so we keep going "
                "and going and going with the work every single day of the week")
    assert [e.text for e in nlp(captions).ents] == ["linear"]      # raw captions write every name so


def test_a_person_named_by_dictionary_words_counts_plurals_as_words():
    text = "Then I opened Garden Tools to record. Later Ada Tools called me."
    spans = [ner("Garden Tools", "Person", text.index("Garden")), ner("Ada Tools", "Person", text.index("Ada"))]
    assert resolved(spans, text=text)[0] == [None, ("Ada Tools", "Person")]


@pytest.mark.parametrize("name, type_", [("Quillmoor Groups", "Organization"), ("Harrow Award", "Work"),
                                         ("Vellum Prize", "Work")])
def test_a_plural_company_head_or_a_prize_types_a_name_whatever_ner_said(name, type_):
    text = f"People still talk about the {name} and what came after the {name}."
    spans = [ner(name, "Person", m.start()) for m in re.finditer(name, text)]
    assert resolved(spans, text=text)[0] == [(name, type_)] * 2


def test_two_names_of_the_episode_run_together_are_no_name_but_a_name_with_a_word_is():
    text = ("Tallowbox is a company. Tallowbox raised money from investors. Shishir Mehrotra joined, "
            "and Shishir said Tallowbox Shishir was the plan. Later Tallowbox Harbour opened, as a port.")
    spans = _all(text, "Shishir Mehrotra", "Person") + _all(text, "Tallowbox Shishir", "Organization")
    spans += _all(text, "Tallowbox Harbour", "Place")
    spans += [ner("Tallowbox", "Organization", m.start()) for m in re.finditer(r"Tallowbox\b(?! Shishir| Harbour)", text)]
    spans += [ner("Shishir", "Person", m.start()) for m in re.finditer(r"Shishir\b(?! Mehrotra)(?<!Tallowbox Shishir)", text)]
    got, r = resolved(spans, text=text)
    said = dict(zip([m.surface for m in spans], got))
    assert said["Tallowbox Shishir"] is None
    assert r.rejected["two names run together"] == 1
    assert said["Tallowbox Harbour"] == ("Tallowbox Harbour", "Place")     # "Harbour" is nobody's name
    assert said["Shishir"] == ("Shishir Mehrotra", "Person")


def test_a_company_name_ending_in_an_idea_or_a_company_head_is_no_two_names():
    from collections import Counter

    from kg.clusters import Cluster
    from kg.support import glued_names

    def cluster(key, name, type_, spans=5):
        return Cluster(key, surfaces=Counter({name: spans}), types=Counter({type_: 1.0}), sources={"e1"}, spans=spans)

    quill, shishir = cluster("q", "Quill", "Organization"), cluster("s", "Shishir", "Person")
    vision, robotics = cluster("v", "Vision", "Concept"), cluster("r", "Robotics", "Organization")
    names = [cluster("qs", "Quill Shishir", "Organization", 1), cluster("qv", "Quill Vision", "Organization", 1),
             cluster("qr", "Quill Robotics", "Organization", 1)]
    assert glued_names([quill, shishir, vision, robotics, *names], frozenset()) == {"qs"}


def test_a_thing_is_not_the_surname_of_a_person_said_once():
    # NER took "Tom Quillory" for a person once; "Quillory", a company to it twelve times, stays a company.
    text = "Quillory is a company. " * 12 + "Then Tom Quillory said hello."
    spans = [ner("Quillory", "Organization", m.start()) for m in re.finditer(r"(?<!Tom )Quillory", text)]
    spans += _all(text, "Tom Quillory", "Person")
    got, _ = resolved(spans, text=text)
    assert set(got[:12]) == {("Quillory", "Organization")}


@pytest.mark.parametrize("name, type_", [("Walla Walla", "Place"), ("Sirhan Sirhan", "Person")])
def test_a_doubled_name_never_said_alone_is_the_doubled_name(name, type_):
    text = f"We saw {name} last year, the city where he lived. {name} was lovely, and {name} said so."
    spans = [ner(name, type_, m.start()) for m in re.finditer(name, text)]
    assert set(resolved(spans, text=text)[0]) == {(name, type_)}


def test_a_name_said_twice_in_a_row_is_the_name():
    text = "Then Quillory Quillory shipped it. Quillory is a company; Quillory raised money from investors."
    spans = [ner("Quillory Quillory", "Person", text.index("Quillory"))]
    spans += [ner("Quillory", "Organization", m.start()) for m in re.finditer(r"(?<=\. )Quillory|(?<=; )Quillory", text)]
    got, _ = resolved(spans, text=text)
    assert set(got) == {("Quillory", "Organization")}


def test_a_surname_ner_calls_a_company_is_still_the_persons_when_said_a_few_times():
    text = "John Quarmack built engines. Quarmack is a company man; Quarmack wrote code. Then Quarmack left."
    spans = _all(text, "John Quarmack", "Person")
    spans += [ner("Quarmack", "Organization", m.start()) for m in re.finditer(r"(?<!John )Quarmack", text)]
    got, _ = resolved(spans, text=text)
    assert len(set(got)) == 1                                   # one node


def test_a_first_name_binds_to_a_guest_written_with_and_without_a_middle_initial():
    # the guest field says "Tomasz Quill", the speaker labels "Tomasz R. Quill": one person, so a
    # "Tomasz" NER took for a company ("Tomasz is a founder at ...") is that person
    text = ("Today my guest is Tomasz Quill. Tomasz is a founder at a loom company. Tomasz spent years there. "
            "Thank you, Tomasz. With that, I bring you Tomasz Quill.")
    alone = [m.start() for m in re.finditer(r"Tomasz(?! Quill)", text)]
    spans = _all(text, "Tomasz Quill", "Person") + [ner("Tomasz", "Organization", at) for at in alone[:2]] \
        + [ner("Tomasz", "Person", alone[2])]
    got, _ = resolved(spans, participants=[("Tomasz Quill", "guest"), ("Tomasz R. Quill", "speaker")], text=text)
    assert {label for label, type_ in got if type_ != "Person"} == set()
    assert {label for label, _ in got} <= {"Tomasz Quill", "Tomasz R. Quill"}


def test_a_first_name_two_people_share_binds_to_neither():
    text = "Ada Byron and Ada Quill met. Ada said looms were the future."
    spans = _all(text, "Ada Byron", "Person") + _all(text, "Ada Quill", "Person") + [ner("Ada", "Person", text.index("Ada said"))]
    got, _ = resolved(spans, text=text)
    assert got == [("Ada Byron", "Person"), ("Ada Quill", "Person"), None]      # "Ada" alone is kept out


def test_a_place_inside_an_x_of_place_name_is_not_the_place_but_an_office_or_the_place_itself_is(tmp_path):
    from conftest import build_files

    text = ("---\ntitle: Looms and places\n---\nAda Quill: I studied looms at the University of California, then we "
            "watched Out of Africa twice and read about the Treaty of Paris. My aunt was Governor of Texas for a "
            "while. Later I grew up again in California, near the Gulf of Mexico, and I still love the State of "
            "Israel.\n")
    _, g = build_files(tmp_path, {"ep.md": text})
    episode = next(e for e in g.entities() if e.type == "Episode")
    said = {n.entity.label: n.weight for n in g.neighbors(episode.id) if n.relation == "mentions"}
    assert said.get("California") == 1                      # "grew up in California" only
    assert "Africa" not in said and "Paris" not in said      # a film's and a treaty's names
    assert said.get("Texas") == 1 and said.get("Israel") == 1      # an office of the place, the place itself


def test_a_name_with_a_short_word_heard_otherwise_is_not_a_known_name():
    # "Jim Quillson" is a man, not the model "IJM Quillson": a three-letter word must itself sound alike
    text = "Jim Quillson wrote about looms, and Quill Engyne Pro ran them."
    got = _with_known({"IJM Quillson": "Model", "Quill Engine Pro": "Model"}, text,
                      [ner("Jim Quillson", "Person", 0), ner("Quill Engyne Pro", "Model", text.index("Quill Engyne"))])
    assert got == [("Jim Quillson", "Person"), ("Quill Engine Pro", "Model")]     # a long word misspelt still is


@pytest.mark.parametrize("word", ["Fountain", "Titanic"])
def test_a_dictionary_word_ner_calls_a_company_a_few_times_needs_a_company_word(word):
    text = f"I loved {word} when I saw it. {word} was beautiful, like a {word.lower()}. Later {word} stayed with me."
    spans = [ner(word, "Organization", m.start()) for m in re.finditer(word, text)]
    assert resolved(spans, text=text)[0] == [None] * 3
    told = text + f" {word} is a startup that raised money from investors."       # company words say so
    spans = [ner(word, "Organization", m.start()) for m in re.finditer(word, told)]
    assert set(resolved(spans, text=told)[0]) == {(word, "Organization")}


@pytest.mark.parametrize("word", ["Quillair", "Eero", "Kodak"])
def test_a_brand_or_a_given_name_stays_a_company_without_company_words(word):
    # "kodak" is in the old dictionary, but a text that never writes it in lowercase means the brand
    text = f"We flew on {word}. {word} was late. {word} lost the bags."
    spans = [ner(word, "Organization", m.start()) for m in re.finditer(word, text)]
    assert set(resolved(spans, text=text)[0]) == {(word, "Organization")}


def test_an_episode_term_written_inside_a_longer_capitalised_name_is_that_name_not_the_term():
    text = ("Loom theory came up again. The Quillshire Institute of Loom Theory funds it. "
            "We argued about loom theory, and the Loom Theory Society disagreed.")
    spans = _term(text.lower(), "loom theory")
    assert [m.start for m in spans[1:]] == [0, 55, 93, 114]
    got, _ = resolved(spans, text=text)
    assert got[1:] == [("loom theory", "Concept"), None, ("loom theory", "Concept"), None]


@pytest.mark.parametrize("full, heard, one", [("Ada Harris", "Ada Heresy", True), ("Tomasz Wiles", "Tomasz Biles", True),
                                              ("Dan Carter", "Dan Porter", False), ("Ada Lee", "Ada Li", False)])
def test_a_surname_heard_otherwise_once_in_an_episode_is_the_persons(full, heard, one):
    text = f"{full} wrote it. Later {full} said so, and {full} agreed. Then {heard} left."
    spans = _all(text, full, "Person") + _all(text, heard, "Person")
    labels = {label for label, _ in resolved(spans, text=text)[0]}
    assert labels == ({full} if one else {full, heard})


def test_a_surname_with_its_particle_said_alone_is_the_persons():
    text = "Hertha von Quillend wrote the book. Later von Quillend said so. Van Quillend is a town."
    spans = _all(text, "Hertha von Quillend", "Person") + [ner("von Quillend", "Person", text.index("von Quillend said"))]
    got, _ = resolved(spans, text=text)
    assert {label for label, _ in got} == {"Hertha von Quillend"}


@pytest.mark.parametrize("line", ["Why Loom Theory Matters For Weavers", "Ada Quill's Loom Theory still holds.",
                                  "On Monday Loom Theory came up."])
def test_a_term_in_a_heading_after_a_possessive_or_a_weekday_is_still_the_term(line):
    from kg.meant import inside_a_name

    text = "We talked about looms.\n" + line + "\n"
    at = text.index("Loom Theory")
    assert not inside_a_name(text, at, at + len("Loom Theory"))


def test_a_lab_is_named_without_its_suffix_only_by_a_word_that_is_no_english_word():
    labs = {"Quill Research": "Organization", "Zorvex AI": "Organization"}
    text = "Zorvex shipped a product. Quill wrote the letter by hand."
    got = _with_known(labs, text, [ner("Zorvex", "Organization", 0), ner("Quill", "Organization", text.index("Quill"))])
    assert got == [("Zorvex AI", "Organization"), None]         # a lone "Quill", a word, is no node at all
    near = "Quill published a paper on model evals."                  # words of the field around it
    assert _with_known(labs, near, [ner("Quill", "Organization", 0)]) == [("Quill Research", "Organization")]
    told = text + " Later Quill Research hired her."              # the episode says the lab in full
    assert _with_known(labs, told, [ner("Quill", "Organization", told.index("Quill"))]) == [("Quill Research", "Organization")]


def _with_known(names, text, spans):
    """What `spans` of `text` resolve to with `names` (label -> type) added to the test gazetteer."""
    extra = [{"key": label.lower().replace(" ", "-"), "label": label, "type": type_} for label, type_ in names.items()]
    return resolved(spans, text=text, entries=ENTRIES + extra)[0]



@pytest.mark.parametrize("full, short, then, node", [
    ("Marnie Castellow", "Marnie", "", ("Marnie Castellow", "Person")),      # her first name, typed as a company
    ("Marnie Castellow", "Castellow", "", ("Marnie Castellow", "Person")),   # her surname alone
    # "astronauts" is a word of the episode: no surname, so NER's company stands (with the glued name)
    ("Marnie Astronauts", "Marnie", "The astronauts waved.", ("Marnie", "Organization")),
    ("Tallowbox Forms", "Tallowbox", "", ("Tallowbox", "Organization"))])   # no given name: the product's company
def test_a_lone_name_bound_to_a_person_is_that_person_whatever_ner_typed_it(full, short, then, node):
    text = (f"I worked with {full} for years. Later {short} was the CEO, {short} hired me, "    # a company word
            f"{short} moved on and {short} wrote a memo. {then}")
    after = text.index("Later")
    spans = _all(text, full, "Person") + [ner(short, "Organization", after + m.start())
                                          for m in re.finditer(rf"{short}\b", text[after:])]
    got, _ = resolved(spans, text=text)
    assert len(spans) == 5 and got[1:] == [node] * 4


def test_an_episode_term_that_is_a_participants_name_is_no_idea():
    # lowercase captions repeat the guest's first name ("thanks wren") as they repeat an idea
    text = "thanks wren so wren the quorum drift is real and the quorum drift grows wren "
    got, _ = resolved(_term(text, "wren") + _term(text, "quorum drift"), participants=[("Wren Nakamura", "guest")],
                      text=text)
    assert got == [None] * 4 + [("quorum drift", "Concept")] * 3
