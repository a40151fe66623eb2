"""Type evidence beyond one NER label (kg.evidence): each rule with a counter-example that must
keep its node. Small texts written for the test."""
import re

from kg.model import Mention
from test_resolve import ner, resolved


def at(text, surface, type_, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return ner(surface, type_, start)


def test_a_product_nothing_knows_is_a_model_only_next_to_model_words_or_as_a_known_models_variant():
    text = ("I keep my notes in Zephyrix every day, and Zephyrix syncs them to my phone when I walk home. "
            "We fine-tuned Quorrel on our data; Quorrel did well. Claude Opus writes well.")
    got, r = resolved([at(text, "Zephyrix", "Model"), at(text, "Zephyrix", "Model", 1), at(text, "Quorrel", "Model"),
                       at(text, "Quorrel", "Model", 1), at(text, "Claude Opus", "Model")], text=text)
    assert got == [None, None, ("Quorrel", "Model"), ("Quorrel", "Model"), ("Claude Opus", "Model")]
    assert r.rejected["nothing around it says it is a Model"] == 1


def test_an_unknown_place_needs_geonames_a_place_word_or_place_cues_and_a_company_becomes_one():
    text = ("Vanterra sounded good to us, and nobody had heard of Vanterra before that summer. "
            "Later I joined Brellix as a founder, and Brellix grew. I grew up in Vienna. We drove to Death Valley.")
    got, _ = resolved([at(text, "Vanterra", "Place"), at(text, "Vanterra", "Place", 1), at(text, "Brellix", "Place"),
                       at(text, "Brellix", "Place", 1), at(text, "Vienna", "Place"), at(text, "Death Valley", "Place")],
                      text=text)
    assert got[0] is None                                       # nothing says what it is
    assert got[2] == ("Brellix", "Organization")                # "joined ... as a founder"
    assert got[4] == ("Vienna", "Place") and got[5] == ("Death Valley", "Place")


def test_a_phrase_the_text_also_writes_in_lowercase_is_not_a_name():
    text = ("Building Trust takes years. building trust is the job, and building trust again is harder. "
            "Quillfeather builds tools; Quillfeather ships; Quillfeather sells.")
    got, r = resolved([at(text, "Building Trust", "Organization"), at(text, "Quillfeather", "Organization"),
                       at(text, "Quillfeather", "Organization", 1), at(text, "Quillfeather", "Organization", 2)],
                      text=text)
    assert got[0] is None and got[1] == ("Quillfeather", "Organization")
    assert r.rejected["a phrase its text also writes in lowercase"] == 1


def test_a_work_needs_work_words_around_it():
    text = ('"Hey, Marta." she said, and we all laughed at that for a long, long while. '
            'There is a great book called The Lantern Road by a friend.')
    got, _ = resolved([at(text, "Hey, Marta", "Work"), at(text, "The Lantern Road", "Work")], text=text)
    assert got == [None, ("Lantern Road", "Work")]


def test_an_abbreviation_that_is_a_common_word_or_a_name_is_not_matched_in_lowercase_captions():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_gazetteer", config={"entries": [
        {"key": "fair", "label": "Meta AI", "type": "Organization", "abbreviations": ["FAIR"]},
        {"key": "rl", "label": "reinforcement learning", "type": "Concept", "abbreviations": ["RL"]},
        {"key": "rand", "label": "RAND Corporation", "type": "Organization", "abbreviations": ["RAND"]}]})
    caption = " ".join(["to be fair we tried rl and it was fair enough as ayn rand said"] * 3)
    assert {e.text for e in nlp(caption).ents} == {"rl"}
    assert {e.text for e in nlp("People at FAIR tried RL, and RAND did too.").ents} == {"FAIR", "RL", "RAND"}


def test_a_common_word_is_not_a_known_name_heard_wrong_but_a_rare_one_is():
    import spacy

    from kg.match import NameIndex

    entries = [{"key": "imagen", "label": "Imagen", "type": "Model"},
               {"key": "galactica", "label": "Galactica", "type": "Model"},
               {"key": "anthropic", "label": "Anthropic", "type": "Organization"}]
    index = NameIndex([(e["label"], e["key"], e["type"]) for e in entries])
    assert index.best("Imagine") is None and index.best("Enthropic")[1] == "anthropic"
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_gazetteer", config={"entries": entries})
    caption = " ".join(["a multi galactic civilization and then enthropic work"] * 3)
    assert {(e.text, e.id_) for e in nlp(caption).ents} == {("enthropic", "anthropic")}


def test_a_company_made_of_common_words_needs_company_words_around_it():
    text = ("Can machines make Big Technical contributions one day, some ask. "
            "Later she joined Open Harbor as its first engineer; Open Harbor grew. Quillfeather Labs sells tools.")
    got, _ = resolved([at(text, "Big Technical", "Organization"), at(text, "Big Technical", "Organization"),
                       at(text, "Open Harbor", "Organization"), at(text, "Quillfeather Labs", "Organization")],
                      text=text)
    assert got == [None, None, ("Open Harbor", "Organization"), ("Quillfeather Labs", "Organization")]


def test_an_idea_written_in_lowercase_stays_and_a_one_word_brand_is_not_judged_by_frequency():
    text = "Poker is hard. We played poker and more poker. Disney makes films; Disney grew; Disney won."
    poker = Mention("d", "Poker", "Concept", "ner", 0.6, 0, 5)
    got, _ = resolved([poker, poker] + [at(text, "Disney", "Organization", i) for i in range(3)], text=text)
    assert got == [("Poker", "Concept")] * 2 + [("Disney", "Organization")] * 3


def test_a_name_heard_in_lowercase_captions_is_not_a_phrase_for_it():
    from kg.extract import Extraction
    from kg.gazetteer import Gazetteer
    from kg.model import Document
    from kg.resolve import resolve

    notes = Document(id="a", source="a.md", format="text", title="A",
                     text="We read Alan Marlowe. Alan Marlowe wrote it.")
    caps = Document(id="b", source="b.txt", format="text", title="B",
                    text="so alan marlowe said that and alan marlowe again and alan marlowe once more")
    exs = [Extraction("a", [Mention("a", "Alan Marlowe", "Person", "ner", 0.6, 8, 20),
                            Mention("a", "Alan Marlowe", "Person", "ner", 0.6, 22, 34)]),
           Extraction("b", [Mention("b", "Alan Marlowe", "Person", "ner", 0.6, 3, 15)])]
    r = resolve([notes, caps], exs, Gazetteer.from_entries([]))
    assert [e.label for e in r.entities if e.type == "Person"] == ["Alan Marlowe"]


def _all(text, surface, type_="Organization"):
    import re
    return [ner(surface, type_, m.start()) for m in re.finditer(rf"\b{surface}(?=s?\b)", text)]


def test_an_unknown_acronym_is_an_institution_after_the_and_a_kind_of_thing_when_counted():
    text = ("The QFB called me. Then the QFB wrote again, and later the QFB came by. The QFB won. The QFB lost. "
            "We built an XRP for them, then two XRPs, and a XRP for us. "
            "We do ZKO every day; ZKO is hard, ZKO is slow. "
            "The CXO said no; the CXO said it twice; then the CXO left.")
    ms = _all(text, "QFB") + _all(text, "XRP") + _all(text, "ZKO") + _all(text, "CXO")
    got, r = resolved(ms, text=text)
    assert set(got[:5]) == {("QFB", "Organization")}            # "the QFB", never counted: an institution
    assert set(got[5:8]) == {("XRP", "Concept")}                 # "an XRP", "XRPs": a kind of thing
    assert got[8:] == [None] * 6                                 # used bare ("ZKO"), a job title ("the CXO")
    assert r.rejected["unknown acronym"] == 2                    # two names, kept out as before


def test_an_acronym_said_a_few_times_after_the_or_tagged_once_is_still_unknown():
    text = "The QFB called me. Then the QFB wrote again. The QFB left. We built an XRP, then two XRPs, then an XRP."
    got, _ = resolved(_all(text, "QFB") + [at(text, "XRP", "Organization")], text=text)
    assert got == [None] * 4            # three "the QFB" can be chance ("the OG"); NER named XRP once


def test_a_one_word_company_said_twice_needs_company_words_around_it():
    text = ("We watched Tessaline last night and Tessaline was great. "
            "Then I joined Brellix as a founder; Brellix grew. Vantaro shipped. Vantaro shipped again. Vantaro won.")
    got, r = resolved([at(text, "Tessaline", "Organization"), at(text, "Tessaline", "Organization", 1),
                       at(text, "Brellix", "Organization"), at(text, "Brellix", "Organization", 1),
                       at(text, "Vantaro", "Organization"), at(text, "Vantaro", "Organization", 1),
                       at(text, "Vantaro", "Organization", 2)], text=text)
    assert got[:2] == [None, None]                                  # twice, nothing says a company
    assert r.rejected["a one-word company said at most twice, with nothing around it saying so"] == 1
    assert got[2] == ("Brellix", "Organization")                    # "joined ... as a founder"
    assert got[4] == ("Vantaro", "Organization")                    # three times


def test_a_tie_of_type_votes_goes_to_the_type_the_words_around_it_support():
    text = ("I grew up in Quenzara, a city by the border. Quenzara is loud. "
            "Zorvik raised money from investors. Zorvik sold.")
    got, _ = resolved([at(text, "Quenzara", "Organization"), at(text, "Quenzara", "Place", 1),
                       at(text, "Zorvik", "Organization"), at(text, "Zorvik", "Place", 1)], text=text)
    assert got[0] == ("Quenzara", "Place")              # "grew up in", "a city": Place, not the alphabet's Organization
    assert got[2] == ("Zorvik", "Organization")         # "raised ... investors"


def test_a_one_word_person_that_its_words_call_a_company_is_one_unless_a_person_has_that_name():
    from kg.resolve import resolve
    from test_resolve import GAZ, episode, spans

    one = ("I was the CEO of Quorvane for years. The founders of Quorvane hired me. Quorvane grew. "
           "The company of Delvecchi hired. The founders of Delvecchi left. Delvecchi won.")
    two = "Marta Delvecchi spoke first. Marta Delvecchi spoke again."
    r = resolve([episode(1, one), episode(2, two)], [spans("d1", one, "Person", "Quorvane", "Delvecchi"),
                                                     spans("d2", two, "Person", "Marta Delvecchi")], GAZ)
    types = {e.label: e.type for e in r.entities if e.type != "Episode"}
    assert types["Quorvane"] == "Organization"      # "CEO of", "founders of": NER's person is a company
    assert "Delvecchi" not in types                  # a word of Marta Delvecchi's name, said in another episode


def test_a_name_with_digits_or_signs_is_nobodys_name():
    text = ("We watched Zorvik 4 twice; Zorvik 4 was long. My VO2 Max rose, and VO2 Max matters. "
            "Qel++ Dor ran, and Qel++ Dor stopped. Xandra Pell said so, and Xandra Pell left. "
            "21 Vargas rapped, and 21 Vargas sang.")
    names = ("Zorvik 4", "VO2 Max", "Qel++ Dor", "Xandra Pell", "21 Vargas")
    got, r = resolved([at(text, n, "Person", i) for n in names for i in (0, 1)], text=text)
    assert got[:6] == [None] * 6 and r.rejected["digits or signs in a person's name"] == 3
    assert got[6] == ("Xandra Pell", "Person") and got[8] == ("21 Vargas", "Person")   # a leading number may be a name


def test_a_title_its_words_call_a_book_is_a_work_not_the_company_ner_said():
    text = ("I loved the book Quiet Lanterns, and I read Quiet Lanterns twice. "
            "Then I joined Marrow Fields as a founder, and Marrow Fields grew. "
            "My friend Tobias Wrenfield wrote a book; Tobias Wrenfield is kind. "
            "The book about Harlow Quarry Partners was read by Harlow Quarry Partners.")
    got, _ = resolved([at(text, "Quiet Lanterns", "Organization"), at(text, "Quiet Lanterns", "Organization", 1),
                       at(text, "Marrow Fields", "Organization"), at(text, "Marrow Fields", "Organization", 1),
                       at(text, "Tobias Wrenfield", "Organization"), at(text, "Tobias Wrenfield", "Organization", 1),
                       at(text, "Harlow Quarry Partners", "Organization"),
                       at(text, "Harlow Quarry Partners", "Organization", 1)], text=text)
    assert got[0] == ("Quiet Lanterns", "Work")                     # "the book", "read": a title
    assert got[2] == ("Marrow Fields", "Organization")              # "joined ... as a founder"
    assert got[4] == ("Tobias Wrenfield", "Person")                 # a given name first: somebody
    assert got[6] == ("Harlow Quarry Partners", "Organization")     # a company's head word


def test_a_model_named_by_an_english_word_needs_its_capitals():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_gazetteer", config={"entries": [
        {"key": "palm", "label": "PaLM", "type": "Model"},
        {"key": "qwerion", "label": "Qwerion", "type": "Model"}]})
    caption = "hold it in the palm of your hand and then we asked qwerion again " * 3
    assert {e.text for e in nlp(caption).ents} == {"qwerion"}           # a made-up name still matches in captions
    assert [e.text for e in nlp("Google trained PaLM, not Palm Springs.").ents] == ["PaLM"]
    assert [e.text for e in nlp("A model called PALM, then a palm tree.").ents] == ["PALM"]   # a capital inside

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_gazetteer", config={"entries": [{"key": "palm", "label": "PaLM", "type": "Model",
                                                      "aliases": ["PaLM 2"]}]})
    assert [e.text for e in nlp("Then Google trained Palm 2 on it.").ents] == ["Palm 2"]   # a longer alias: as before


def test_a_person_called_by_a_first_name_that_is_a_word_after_the_full_name_is_that_person():
    text = ("I loved a quote from a man named Ledger Stone. People do not know Ledger. Ledger was wise, and "
            "I sat on a board with Ledger. Ledger's three tests help. We teach Ledger's tests. Ledger again. "
            "Help Scout helps.")
    names = [at(text, "Ledger Stone", "Person")] + [at(text, "Ledger", "Person", n) for n in range(1, 7)]
    got, _ = resolved(names + [at(text, "Help Scout", "Person")], text=text)
    assert got[:7] == [("Ledger", "Person")] * 7             # one node, somebody (not a company)
    assert got[7] is None                                   # words of the dictionary, nothing binds them: no one
