"""The graph: co-occurrence counted by hand, who discusses what, evidence, structure."""
import math

import pytest
import spacy

from kg.extract import extract
from kg.gazetteer import Gazetteer
from kg.cooccur import npmi
from kg.link import LinkSettings, deep_link, link
from kg.quote import quote
from kg.read.formats import read_text
from kg.resolve import resolve

ENTRIES = [{"key": "openai", "label": "OpenAI", "type": "Organization"},
           {"key": "anthropic", "label": "Anthropic", "type": "Organization"},
           {"key": "claude", "label": "Claude", "type": "Model"},
           {"key": "gpt-4", "label": "GPT-4", "type": "Model"},
           {"key": "codex", "label": "Codex", "type": "Model"}]

PLAIN = ("# Labs\n\nOpenAI competes with Anthropic. Anthropic builds Claude. OpenAI builds GPT-4, then Codex. "
         "Claude is compared with GPT-4; OpenAI differs from Anthropic.")
TRANSCRIPT = ("Talk\nhttps://www.youtube.com/watch?v=abcdefghijk\n00:00-00:10\nAda Byron: We love OpenAI. Really.\n"
              "00:10-00:20\nAlan Turing: Anthropic is better.\n01:05-01:10\nAda Byron: Claude beats OpenAI.\n"
              "Alan Turing: Fine.")


def build(texts, min_cooccurrence=1, entries=ENTRIES):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_gazetteer", config={"entries": entries})
    docs = [d for name, text in texts for d in read_text(text, file=name, doc_id=name)[0]]
    extractions = list(extract(nlp, docs))
    resolution = resolve(docs, extractions, Gazetteer.from_entries(entries))
    g = link(docs, extractions, resolution, LinkSettings(min_cooccurrence=min_cooccurrence))
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    return g, label


def edges(g, label, relation):
    return {(label[u], label[v]): d for u, v, k, d in g.edges(keys=True, data=True) if k == relation}


def test_cooccurrence_weights_equal_hand_counted_sentence_windows():
    g, label = build([("plain.md", PLAIN)])
    co = {tuple(sorted(pair)): d["weight"] for pair, d in edges(g, label, "co_occurs_with").items()}
    assert co == {("Anthropic", "OpenAI"): 2, ("Anthropic", "Claude"): 2, ("GPT-4", "OpenAI"): 2,
                  ("Codex", "OpenAI"): 1, ("Codex", "GPT-4"): 1, ("Claude", "GPT-4"): 1, ("Claude", "OpenAI"): 1,
                  ("Anthropic", "GPT-4"): 1}
    # 4 windows; OpenAI in 3, Anthropic in 3, both in 2
    score = next(d["score"] for p, d in edges(g, label, "co_occurs_with").items() if set(p) == {"OpenAI", "Anthropic"})
    assert score == round(math.log(0.5 / 0.5625) / -math.log(0.5), 4) == -0.1699
    mentions = {v: d["weight"] for (u, v), d in edges(g, label, "mentions").items()}
    assert mentions == {"OpenAI": 3, "Anthropic": 3, "Claude": 2, "GPT-4": 2, "Codex": 1}


def test_minimum_cooccurrence_weight_keeps_the_graph_readable():
    g, label = build([("plain.md", PLAIN)], min_cooccurrence=2)
    assert {tuple(sorted(p)) for p in edges(g, label, "co_occurs_with")} == {
        ("Anthropic", "OpenAI"), ("Anthropic", "Claude"), ("GPT-4", "OpenAI")}


def test_short_turns_are_windows_and_speakers_discuss_what_they_name():
    g, label = build([("talk.txt", TRANSCRIPT)])
    discusses = {pair: d["weight"] for pair, d in edges(g, label, "discusses").items()}
    assert discusses == {("Ada Byron", "OpenAI"): 2, ("Ada Byron", "Claude"): 1, ("Alan Turing", "Anthropic"): 1}
    co = {tuple(sorted(p)): d["weight"] for p, d in edges(g, label, "co_occurs_with").items()}
    assert co == {("Claude", "OpenAI"): 1}


PEOPLE = ENTRIES + [{"key": f"p{i}", "label": name, "type": "Person"}
                    for i, name in enumerate(["Ada Byron", "Alan Turing", "Grace Hopper"])]


def test_naming_the_person_you_talk_to_is_not_discussing_them_a_third_person_is():
    talk = ("Talk\n00:00-00:10\nAda Byron: Alan Turing, welcome. Grace Hopper wrote the first compiler.\n"
            "00:10-00:20\nAlan Turing: Thanks, Ada Byron. OpenAI came later.\n01:00-01:05\nAda Byron: Indeed.\n"
            "01:05-01:10\nAlan Turing: Fine.\n")
    g, label = build([("talk.txt", talk)], entries=PEOPLE)
    assert set(edges(g, label, "discusses")) == {("Ada Byron", "Grace Hopper"), ("Alan Turing", "OpenAI")}
    assert {v for (_, v) in edges(g, label, "mentions")} == {"Alan Turing", "Ada Byron", "Grace Hopper", "OpenAI"}


def test_a_cooccurrence_quote_shows_both_names():
    turn = ("Talk\n00:00-00:10\nAda Byron: OpenAI ships often. So does Anthropic.\n00:10-00:20\nAlan Turing: Yes.\n"
            "01:00-01:05\nAda Byron: Indeed.\n01:05-01:10\nAlan Turing: Fine.\n")
    g, label = build([("turn.txt", turn)])
    [(pair, data)] = edges(g, label, "co_occurs_with").items()
    assert [e.quote for e in data["evidence"]] == ["OpenAI ships often. So does Anthropic."]
    near = "# Labs\n\nOpenAI " + "and then some more words " * 4 + "was what Anthropic said.\n"
    far = "# Labs\n\nOpenAI " + "and then some more words " * 12 + "was what Anthropic said.\n"
    g, label = build([("near.md", near)])
    assert [e.quote for d in edges(g, label, "co_occurs_with").values() for e in d["evidence"]] == [near[8:].strip()]
    g, label = build([("far.md", far)])      # one long sentence, the names further apart than a quote is long
    assert edges(g, label, "co_occurs_with") == {}


def test_evidence_has_speaker_seconds_deep_link_and_quote():
    g, label = build([("talk.txt", TRANSCRIPT)])
    ev = edges(g, label, "discusses")[("Ada Byron", "Claude")]["evidence"]
    assert [(e.source, e.speaker, e.seconds, e.url, e.quote, e.origin) for e in ev] == [
        ("talk.txt", "Ada Byron", 65.0, "https://www.youtube.com/watch?v=abcdefghijk&t=65s", "Claude beats OpenAI.",
         "ruler")]
    assert edges(g, label, "discusses")[("Ada Byron", "OpenAI")]["evidence_count"] == 2


def test_unknown_speakers_never_discuss_anything():
    captions = "\n".join([">> we use", "openai", "daily", ">> and", "anthropic", "too"] + ["more words"] * 10)
    g, label = build([("caps.txt", captions)])
    assert edges(g, label, "discusses") == {}
    assert {v for (_, v) in edges(g, label, "mentions")} == {"OpenAI", "Anthropic"}


def test_evidence_is_capped_per_edge_with_the_count_kept():
    text = "Intro\n" + "\n".join(f"Ada Byron: OpenAI number {i}.\nAlan Turing: Sure." for i in range(9))
    g, label = build([("many.txt", text)])
    data = edges(g, label, "discusses")[("Ada Byron", "OpenAI")]
    assert (data["weight"], data["evidence_count"], len(data["evidence"])) == (9, 9, 5)
    assert [e.quote for e in data["evidence"]] == [f"OpenAI number {i}." for i in range(5)]


def test_metadata_only_listing_links_with_its_stated_confidence():
    meta = ("---\ntitle: Ep\ncompanies:\n- {name: Codex, category: ai_model, confidence: medium, "
            "context: 'a b we use Codex every day c'}\n---\nWe talk about OpenAI.\n")
    g, label = build([("meta.md", meta)])
    data = edges(g, label, "mentions")[("Ep", "Codex")]
    assert (data["origins"], data["confidence"], data["weight"]) == (["metadata"], 0.6, 1)
    assert [(e.origin, e.quote, e.confidence) for e in data["evidence"]][0] == (
        "metadata", "a b we use Codex every day c", 0.6)


def test_quote_is_bounded_and_cut_on_word_boundaries():
    text = "word " * 200 + "OpenAI " + "word " * 200
    q = quote(text, 1000, 1006, [0], limit=60)
    assert len(q) <= 62 and "OpenAI" in q and q.startswith("…word") and q.endswith("word…")


@pytest.mark.parametrize("url,seconds,expected", [
    ("https://www.youtube.com/watch?v=abcdefghijk", 83.9, "https://www.youtube.com/watch?v=abcdefghijk&t=83s"),
    ("https://youtu.be/abcdefghijk", 5, "https://youtu.be/abcdefghijk?t=5s"),
    ("https://example.com/ep.mp3", 61, "https://example.com/ep.mp3#t=61"),
    ("https://example.com/page", 61, None),
    (None, 61, None),
])
def test_deep_links(url, seconds, expected):
    assert deep_link(url, seconds) == expected


def test_npmi_bounds():
    assert npmi(5, 5, 5, 5) == 1.0
    assert npmi(1, 1, 1, 10) == pytest.approx(1.0)
    assert npmi(25, 50, 50, 100) == pytest.approx(0.0)        # independent
    assert npmi(1, 50, 50, 100) < 0
