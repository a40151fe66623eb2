"""The query API on the seeds: who said what, with evidence; name lookup; analytics."""
import re

import pytest

import kg


@pytest.fixture(scope="module")
def g(seeds_build):
    return seeds_build[1]


def test_host_of_the_unsupervised_learning_transcript_discusses_karpathy_and_the_guest_does_not(g):
    show = g.find("Unsupervised Learning")
    episode = next(n.entity for n in g.neighbors(show.id, relation="part_of"))
    host = next(n.entity for n in g.neighbors(episode.id, relation="hosted_by"))
    guest = next(n.entity for n in g.neighbors(episode.id, relation="features"))
    assert (host.label, guest.label) == ("Jacob Effron", "Jakub Pachocki")
    who = [n.entity.label for n in g.who_discusses("Andrej Karpathy")]
    assert "Jacob Effron" in who and "Jakub Pachocki" not in who


@pytest.mark.parametrize("topic", ["Codex", "reinforcement learning"])
def test_guest_discusses_codex_and_rl_with_seconds_and_a_quote(g, topic):
    found = {n.entity.label: n for n in g.who_discusses(topic)}
    evidence = found["Jakub Pachocki"].evidence
    assert evidence and all(e.seconds is not None and e.quote and e.speaker == "Jakub Pachocki" for e in evidence)
    assert all(e.url.startswith("https://www.youtube.com/watch?v=vK1qEF3a3WM&t=") for e in evidence)
    named = {"Codex": r"\bCodex\b", "reinforcement learning": r"\bRL\b|reinforcement learning"}[topic]
    assert all(re.search(named, e.quote, re.I) for e in evidence), [e.quote for e in evidence]


def test_codex_evidence_is_the_quote_and_second_it_came_from(g):
    ev = next(n for n in g.who_discusses("Codex") if n.entity.label == "Jakub Pachocki").evidence[0]
    # the turn starts at 2:16; the sentence comes later in it, so its second is placed between 2:16 and the
    # next turn's start in proportion to where it stands in the turn
    assert (ev.seconds, ev.quote) == (152.2, "At OpenAI, we've reached a point where we use Codex for the majority "
                                             "of our actual coding.")
    assert ev.url == "https://www.youtube.com/watch?v=vK1qEF3a3WM&t=152s"


@pytest.mark.parametrize("name,label", [
    ("open ai", "OpenAI"), ("Anthropic's", "Anthropic"), ("OPENAI", "OpenAI"), ("Aleksander Madry", "Aleksander Mądry"),
    ("Jakub Pachocky", "Jakub Pachocki"), ("Jan Leyke", "Jan Leike"), ("Shulta Douglas", "Sholto Douglas"),
    ("reinforcment learning", "reinforcement learning"),
])
def test_find_exact_alias_accents_punctuation_and_typos(g, name, label):
    assert g.find(name).label == label


def test_find_gives_none_and_did_you_mean_when_ambiguous_or_unknown(g):
    assert g.find("Qzxv Wrtp") is None
    with pytest.raises(kg.EntityNotFound) as err:
        g.neighbors("Antrhopik Labz")
    assert err.value.suggestions[0] == "Anthropic"


def test_neighbors_filters_and_limits(g):
    people = g.neighbors("OpenAI", type="Person")
    assert people and all(n.entity.type == "Person" for n in people)
    top = g.neighbors("OpenAI", relation="co_occurs_with", min_weight=2, limit=3)
    assert len(top) == 3 and all(n.weight >= 2 and n.relation == "co_occurs_with" for n in top)
    assert [n.weight for n in top] == sorted((n.weight for n in top), reverse=True)
    with pytest.raises(ValueError, match="unknown relation 'likes'"):
        g.neighbors("OpenAI", relation="likes")


def test_results_are_small_readable_dataclasses(g):
    n = g.who_discusses("Codex")[0]
    assert repr(n).startswith("Neighbor('Jakub Pachocki', discusses, weight=")
    d = n.to_dict()
    assert d["entity"] == "Jakub Pachocki" and d["relation"] == "discusses" and d["evidence"][0]["seconds"] == 152.2
    e = g.find("OpenAI")
    assert repr(e).startswith("Entity('OpenAI', Organization, mentions=")
    assert e.wikidata == "Q21708200" and len(e.sources) == 5


def test_timeline_counts_mentions_per_episode_date(g):
    timeline = g.timeline("OpenAI")           # named in the two dated seeds
    assert list(timeline) == ["2025-05-22", "2025-07-31"]
    assert timeline["2025-07-31"] == next(n.weight for n in g.neighbors("OpenAI", relation="mentions")
                                          if n.entity.attrs.get("date") == "2025-07-31")


def test_analytics_are_on_nodes(g):
    e = g.find("OpenAI")
    assert 0 < e.attrs["degree"] <= 1 and e.attrs["betweenness"] > 0 and "community" in e.attrs
    communities = g.communities()
    assert len(communities) >= 2 and sum(map(len, communities)) == g.graph.number_of_nodes()
    assert g.to_networkx() is g.graph
