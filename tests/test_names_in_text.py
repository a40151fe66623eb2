"""Words NER takes for names that name nothing: a web address's path, two names joined by "or"
(fixtures in our own words)."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.normalize import in_web_address, is_list
from kg.read.formats import read_text


def ner_names(nlp, line: str) -> list[str]:
    docs = read_text(("Ada Quill: " + line + "\n\n") * 2, file="t.md", doc_id="t")[0]
    return [m.surface for m in next(extract(nlp, docs)).mentions if m.source == "ner" and m.surface != "Ada Quill"]


@pytest.mark.parametrize("line", ["So once more, it is with-Q-U-I-L-L. com/lenny.", "Once more: tide-W-A-L-K. com/lenny."])
def test_the_path_of_a_web_address_is_no_name(nlp, line):
    assert ner_names(nlp, line) == []          # NER alone calls "lenny" a Person here


@pytest.mark.parametrize("text, word, inside", [
    ("go to ork.com/lenny now", "lenny", True),
    ("go to ork.com/lenny.", "lenny", True),
    ("ask Lenny at Bill.com", "Bill.com", False),           # a name that is the whole run
    ("ask Lenny about AI/ML", "Lenny", False),
    ("we grew 10/10 and Lenny too", "Lenny", False),
    ("from DeepMind/AlphaGo on", "AlphaGo", False),          # names joined by a slash: no address
    ("we used ASP.NET/Java then", "Java", False),
    ("the Character.AI/Google deal", "Google", False),
    ("more Gen-AI/LLM talk", "LLM", False),
    ("go to Vanta.com/Lenny now", "Lenny", True),
    ("That's O-R-K dot-com/lenny today", "lenny", True),     # an address read out
])
def test_a_web_address_is_a_run_without_spaces_that_holds_a_path(text, word, inside):
    at = text.find(word)
    assert in_web_address(text, at, at + len(word)) is inside


@pytest.mark.parametrize("surface, listed", [
    ("Concur or Coupa", True), ("Ork Labs or Tidewalk", True),
    ("Dr. Strangelove, or How I Learned", False), ("Now or never", False), ("Pride and Prejudice", False),
])
def test_two_names_joined_by_or_are_two_names(surface, listed):
    assert is_list(surface) is listed


@pytest.mark.parametrize("line, kept", [
    ("The frameworks work for consumer and B2B. Personally, I have spent years on consumer.", []),
    ("We sold to B2B. In the end it worked.", []),
    ("I met Dr. Dre in St. Louis once.", ["St. Louis"]),       # abbreviations are no sentence ends
])
def test_a_span_across_two_sentences_is_no_name(nlp, line, kept):
    assert sorted({n for n in ner_names(nlp, line) if ". " in n}) == kept


def test_two_names_joined_by_or_resolve_to_the_first_and_never_to_the_pair():
    from kg import gazetteer as gz
    from kg.model import Document, Extraction, Mention
    from kg.resolve import resolve

    text = "We priced Ork Labs or Tidewalk first. The company Ork Labs or Tidewalk won. Ork Labs hired."
    doc = Document(id="d", source="d.txt", format="text", title="Pricing", text=text)
    spans = [(m.start(), m.end()) for m in __import__("re").finditer("Ork Labs or Tidewalk", text)]
    mentions = [Mention("d", text[a:b], "Organization", "ner", 0.6, a, b) for a, b in spans]
    mentions.append(Mention("d", "Ork Labs", "Organization", "ner", 0.6, text.rfind("Ork Labs"), text.rfind("Ork Labs") + 8))
    r = resolve([doc], [Extraction("d", mentions=mentions)], gz.load())
    labels = [e.label for e in r.entities if e.type != "Episode"]
    assert labels == ["Ork Labs"]


def test_the_hosts_name_in_a_web_address_is_no_mention_of_the_host(nlp):
    text = "---\ntitle: Tides\nhost: Ada\n---\nAda: Welcome. Once more: tide-W-A-L-K. com/ada for the offer.\n\n"
    docs = read_text(text + "Wren Nakamura: Thanks Ada, glad to be here.\n\n", file="t.md", doc_id="t")[0]
    doc = docs[0]
    said = [doc.text[m.start - 4:m.end] for m in next(extract(nlp, docs)).mentions if m.start]
    assert "nks Ada" in said and "com/ada" not in said        # "Thanks Ada", not the address


@pytest.mark.parametrize("text, start, end, kept", [
    ("We sold to B2B. Personally I met Tomasz.", 3, 5, False),
    ("He joined Warner Bros. Discovery in May.", 2, 4, True),      # "Bros." is no sentence end
    ("I met DR. DRE there.", 2, 4, True),
])
def test_a_name_across_a_sentence_end_is_none_but_one_with_an_abbreviation_is(text, start, end, kept):
    import spacy

    from kg.ner_spans import trim
    doc = spacy.blank("en")(text)
    assert (trim(doc[start:end]) is not None) is kept


def test_a_place_qualifier_makes_a_place_only_of_a_country_continent_or_state():
    from kg.evidence import form_vote
    assert [form_vote(n) for n in ("Southern Lebanon", "Northern California", "Western Union", "Southern Bell")] == \
        ["Place", "Place", "", ""]


def test_brands_ner_took_for_one_title_are_a_list_and_a_title_stays_a_title():
    from kg import gazetteer as gz
    from kg.model import Document, Extraction, Mention
    from kg.resolve import resolve

    text = ("She advised dozens of companies on growth including Quillbase, Tidewalk, Orkly, Zentrix, so many more. "
            "We read Eat, Pray, Love twice: Eat, Pray, Love.")
    doc = Document(id="d", source="d.txt", format="text", title="Advising", text=text)
    listed, title = "Quillbase, Tidewalk, Orkly, Zentrix", "Eat, Pray, Love"
    mentions = [Mention("d", listed, "Work", "ner", 0.6, text.find(listed), text.find(listed) + len(listed))]
    mentions += [Mention("d", title, "Work", "ner", 0.6, a, a + len(title))
                 for a in (text.find(title), text.rfind(title))]
    labels = {e.label for e in resolve([doc], [Extraction("d", mentions=mentions)], gz.load()).entities}
    assert listed not in labels and title in labels


@pytest.mark.parametrize("text, start, end, label, kept", [
    ("Then Bill Quill's Wife spoke.", 1, 5, "PERSON", "Bill Quill"),
    ("Well, Quill's Jewish, he said.", 2, 5, "PERSON", "Quill"),
    ("Wren Tidewalk the Great's Empire fell.", 0, 6, "PERSON", "Wren Tidewalk the Great"),
    ("Then Ada's Podcast began.", 1, 4, "ORG", "Ada's Podcast"),          # a show or a company keeps its name
    ("We asked Ada Quill's team.", 2, 6, "PERSON", "Ada Quill"),
])
def test_a_persons_name_ends_before_a_possessive_inside_it(text, start, end, label, kept):
    import spacy
    from spacy.tokens import Span

    from kg.ner_spans import trim

    doc = spacy.blank("en")(text)
    assert trim(Span(doc, start, end, label=label)).text == kept


def test_a_known_place_right_before_another_capitalised_word_is_left_to_ner(nlp):
    docs = read_text("Ada Quill: I worked at Texas Instruments for years, then moved back to Texas.\n\n" * 2,
                     file="t.md", doc_id="t")[0]
    mentions = next(extract(nlp, docs)).mentions
    found = {(m.surface, m.source) for m in mentions}
    assert ("Texas Instruments", "ner") in found                  # the company, whole
    assert ("Texas", "ruler") in found                            # the state, where it stands alone
    assert not any(m.surface == "Texas" and m.start is not None and docs[0].text[m.end:m.end + 12] == " Instruments"
                   for m in mentions)


def test_a_place_refused_before_a_capitalised_word_is_not_heard_back_by_its_sound(nlp):
    # "Silicon Valley" is refused before "Product" (a longer name NER reads); matching by sound
    # must not bring it back, while the place alone is still found
    docs = read_text("Ada Quill: I met her at Silicon Valley Product Group. Silicon Valley is far.\n\n",
                     file="t.md", doc_id="t")[0]
    text = docs[0].text
    places = sorted((m.start, m.field) for m in next(extract(nlp, docs)).mentions
                    if m.surface == "Silicon Valley" and m.start is not None)
    assert places == [(text.index("Silicon Valley is"), None)]


def test_a_transcribers_note_loses_its_moment_and_keeps_its_words():
    docs = read_text("Ada Quill: We built Textbook [inaudible 00:39:21]. Uber came later.\n\n"
                     "Ben Ode: Thanks to [Cora Vale 01:10:14] for that.\n\n", file="t.md", doc_id="t")[0]
    assert docs[0].text == ("Ada Quill: We built Textbook [inaudible]. Uber came later.\n\n"
                            "Ben Ode: Thanks to [Cora Vale] for that.")
