"""Episode facts from the field names publishers use, and deep links to the second a quote is said.
Fixtures are our own words."""
from conftest import build_files
from kg.read.formats import read_text

LENNY_STYLE = """---
guest: Ada Byron
title: Engines that weave | Ada Byron (Analytical Co)
youtube_url: https://www.youtube.com/watch?v=AbCdEfGhIjK
video_id: AbCdEfGhIjK
publish_date: 2024-05-01
channel: Loom Talk
---
Grace Hopper (00:00:00):
Welcome. Today Ada Byron joins me to talk about engines.

Ada Byron (00:00:10):
Thanks. The engine weaves patterns the way a loom weaves flowers, and OpenAI never built one of those.
"""


def read(text, file="ep/transcript.md"):
    docs, _, warnings = read_text(text, file=file, doc_id=file)
    return docs[0], warnings


def test_publisher_field_names_give_date_video_and_show():
    doc, warnings = read(LENNY_STYLE)
    assert (doc.date, doc.url, doc.show) == ("2024-05-01", "https://www.youtube.com/watch?v=AbCdEfGhIjK", "Loom Talk")
    assert warnings == []


def test_a_video_id_alone_gives_the_watch_url_and_a_bad_one_gives_none():
    doc, _ = read(LENNY_STYLE.replace("youtube_url: https://www.youtube.com/watch?v=AbCdEfGhIjK\n", ""))
    assert doc.url == "https://www.youtube.com/watch?v=AbCdEfGhIjK"
    doc, _ = read(LENNY_STYLE.replace("youtube_url: https://www.youtube.com/watch?v=AbCdEfGhIjK\n", "")
                  .replace("video_id: AbCdEfGhIjK", "video_id: ''"))
    assert doc.url is None


def test_a_mention_is_placed_in_time_between_its_turn_start_and_the_next():
    from kg.read.text import seconds_at

    doc, _ = read(LENNY_STYLE + "\nGrace Hopper (00:01:10):\nGood.\n")
    turn = doc.turns[1]
    at = doc.text.index("OpenAI")
    seconds = seconds_at(doc.times, at)
    assert turn.seconds == 10.0 and 10.0 < seconds < 70.0
    share = (at - turn.start) / (doc.turns[2].start - turn.start)
    assert abs(seconds - (10 + 60 * share)) <= 0.1
    assert seconds_at(doc.times, doc.turns[2].start) == 70.0      # the last turn keeps its start


PAGE_STYLE = """# #12 – Ada Byron: Engines and Looms | Loom Talk Podcast
# Source: https://example.org/ada-byron

This is a transcript of Loom Talk Podcast #12 with Ada Byron. The time stamps link to the moment in the video.

  * Watch the [full video](https://youtube.com/watch?v=AbCdEfGhIjK)

## Table of Contents

  * 0:00 – Introduction
  * 1:05 – Engines

## Introduction

Grace Hopper [(00:00:00)](https://youtube.com/watch?v=AbCdEfGhIjK&t=0) The following is a conversation with Ada Byron, who built the first engine.

## Engines

Ada Byron [(00:01:05)](https://youtube.com/watch?v=AbCdEfGhIjK&t=65) The engine weaves patterns the way a loom weaves flowers.

Grace Hopper [(00:02:10)](https://youtube.com/watch?v=AbCdEfGhIjK&t=130) And Babbage built it with you.

This entry was posted in [transcripts](https://example.org/t/) on [March 3, 2024](https://example.org/p/ "9:00 am") by [Grace Hopper](https://example.org/a/ "All posts").

## About Grace Hopper

Host of Loom Talk Podcast. Research Scientist at the Harvard Computation Lab.
[ View all posts by Grace Hopper → ](https://example.org/a/)
"""


def test_a_saved_transcript_page_gives_video_show_guest_and_date_and_keeps_furniture_out():
    doc, warnings = read(PAGE_STYLE, file="012 - Ada Byron.txt")
    assert doc.url == "https://www.youtube.com/watch?v=AbCdEfGhIjK"
    assert (doc.show, doc.date) == ("Loom Talk Podcast", "2024-03-03")
    assert ("Ada Byron", "guest") in [(p.name, p.role) for p in doc.participants]
    assert [t.speaker for t in doc.turns] == ["Grace Hopper", "Ada Byron", "Grace Hopper"]
    spoken = " ".join(t.text for t in doc.turns)
    for furniture in ("posted in", "About Grace", "Research Scientist", "View all posts", "Engines\n"):
        assert furniture not in spoken, furniture
    assert doc.turns[0].text.endswith("first engine.") and doc.turns[2].text == "And Babbage built it with you."
    assert "Harvard" not in doc.text and "posted" not in doc.text


def episode(n, host_label, guest, show="Loom Talk"):
    text = (f"---\ntitle: Episode {n}\nchannel: {show}\nguest: {guest}\n---\n"
            f"{host_label} (00:00:00):\nWelcome back. Today we have {guest} with us to talk about engines and looms.\n\n"
            f"{guest} (00:00:09):\nThank you. Looms came first, then engines, then the programs that run them both, "
            "and that order still matters when you think about what machines can do for people every day.\n\n"
            "Sam Sponsor (00:00:30):\nTry Acme.\n\n"
            f"{host_label} (00:00:40):\nAnd what came next for you and the engines?\n")
    return read_text(text, file=f"ep{n}/transcript.md", doc_id=f"ep{n}/transcript.md")[0][0]


def test_a_person_in_most_of_a_shows_episodes_hosts_it_and_a_voice_heard_for_a_moment_is_no_guest():
    from kg.episodes import assign_show_hosts

    docs = [episode(1, "Grace Hopper", "Ada Byron"), episode(2, "Grace", "Alan Turing"),
            episode(3, "Grace", "Edsger Dijkstra"), episode(4, "Grace Hopper", "Barbara Liskov"),
            episode(5, "Kay Host", "Niklaus Wirth", show="Other Show")]
    changed = assign_show_hosts(docs)
    roles = {d.source: {p.name: p.role for p in d.participants} for d in docs}
    assert roles["ep2/transcript.md"] == {"Grace Hopper": "host", "Alan Turing": "guest", "Sam Sponsor": "speaker"}
    assert sorted(changed) == ["ep1/transcript.md", "ep2/transcript.md", "ep3/transcript.md", "ep4/transcript.md"]
    assert "host" not in roles["ep5/transcript.md"].values()       # one episode of its show: no host inferred


def test_show_hosts_reach_the_graph(tmp_path):
    _, g = build_files(tmp_path, {
        f"ep{n}/transcript.md": (f"---\ntitle: Episode {n}\nchannel: Loom Talk\nguest: {guest}\n---\n"
                                 f"{label} (00:00:00):\nWelcome. Today {guest} joins me.\n\n"
                                 f"{guest} (00:00:09):\nThanks, glad to talk about engines and looms.\n\n"
                                 f"{label} (00:00:20):\nLet us begin with looms.\n")
        for n, (label, guest) in enumerate([("Grace Hopper", "Ada Byron"), ("Grace", "Alan Turing"),
                                            ("Grace", "Edsger Dijkstra")], 1)})
    hosts = {g.graph.nodes[u]["label"]: g.graph.nodes[v]["label"] for u, v, k in g.graph.edges(keys=True)
             if k == "hosted_by"}
    assert sorted(hosts.values()) == ["Grace Hopper"] * 3


def test_a_transcript_with_front_matter_copied_from_another_episode_is_its_own_episode(tmp_path):
    import json

    def episode_file(guest, speech):
        return ("---\nguest: " + guest + "\ntitle: Weaving with engines | Ada Byron (Analytical Co)\n"
                "youtube_url: https://www.youtube.com/watch?v=AbCdEfGhIjK\npublish_date: 2024-05-01\n"
                "channel: Loom Talk\n---\n"
                f"Grace Hopper (00:00:00):\nWelcome, {guest}.\n\n{guest} (00:00:05):\n{speech}\n\n"
                f"Grace Hopper (00:01:00):\nTell me more.\n\n{guest} (00:01:05):\n{speech[::-1]}\n")
    looms = "Looms taught me that patterns can be stored on cards and read back by a machine."
    _, g = build_files(tmp_path, {
        "ada-byron/transcript.md": episode_file("Ada Byron", looms),
        "alan-turing/transcript.md": episode_file("Alan Turing", "Codes are broken by patience, by machines, "
                                                                 "and by people who never stop."),
        "ada-byron-copy/transcript.md": episode_file("Ada Byron", looms)})
    episodes = {d["label"]: (d.get("url"), d.get("date"), sorted(d["sources"]))
                for _, d in g.graph.nodes(data=True) if d["type"] == "Episode"}
    assert episodes == {
        "Weaving with engines | Ada Byron (Analytical Co)": (
            "https://www.youtube.com/watch?v=AbCdEfGhIjK", "2024-05-01",
            ["ada-byron-copy/transcript.md", "ada-byron/transcript.md"]),
        "Loom Talk with Alan Turing": (None, None, ["alan-turing/transcript.md"])}
    warnings = {w["file"]: w["message"] for w in json.loads((tmp_path / "out" / "report.json").read_text())["warnings"]}
    assert warnings["alan-turing/transcript.md"].startswith(
        "front matter repeats that of ada-byron-copy/transcript.md (same episode, another transcript): its title, "
        "video URL and date are ignored")
    assert warnings["ada-byron/transcript.md"] == "the same transcript as ada-byron-copy/transcript.md: read as one episode"


AD_EPISODE = """---
title: Looms and engines | Ada Byron
channel: Loom Talk
---
Grace Hopper (00:00:00):
Welcome to Loom Talk. Today Ada Byron is here to talk about Babbage and looms.

Grace Hopper (00:00:20):
This episode is brought to you by Threadly. Threadly keeps every loom in your factory in sync.

Grace Hopper (00:00:40):
Thousands of weavers trust Threadly with Jacquard patterns. Try it free at threadly.com/loom.

Ada Byron (00:01:00):
Thanks for having me. Charles Babbage showed me his engine when I was seventeen.

Grace Hopper (00:01:30):
What did Babbage say about Jacquard looms?

Ada Byron (00:01:50):
He admired Jacquard. The cards of Jacquard looms gave him the idea.
"""


def test_a_sponsor_read_split_over_turns_is_kept_out_of_mentions_and_discusses(tmp_path):
    doc, _ = read(AD_EPISODE)
    assert [doc.text[a:b].split(".")[0] for a, b in doc.ads] == ["This episode is brought to you by Threadly"]
    ad = doc.ads[0]
    assert doc.text[ad[0]:ad[1]].endswith("threadly.com/loom.")
    _, g = build_files(tmp_path, {"ep.md": AD_EPISODE})
    labels = {d["label"] for _, d in g.graph.nodes(data=True)}
    assert "Charles Babbage" in labels              # named outside the ad: still found
    # the sponsor is the episode's sponsor, with the read as evidence, and nothing else
    threadly = g.find("Threadly")
    assert threadly.type == "Organization"
    edges = [(g.graph.nodes[u]["label"], rel, data) for u, v, rel, data in g.graph.edges(keys=True, data=True)
             if threadly.id in (u, v)]
    assert [(u, rel) for u, rel, _ in edges] == [("Looms and engines | Ada Byron", "sponsored_by")]
    assert [(ev.speaker, ev.seconds, ev.quote) for ev in edges[0][2]["evidence"]] == [
        ("Grace Hopper", 27.1, "This episode is brought to you by Threadly.")]     # the second it is said
    quotes = [ev.quote for _, _, rel, data in g.graph.edges(keys=True, data=True) if rel != "sponsored_by"
              for ev in data.get("evidence", ())]
    assert not [q for q in quotes if "Threadly" in q or "Thousands of weavers" in q]
    assert [n.entity.label for n in g.neighbors("Looms and engines | Ada Byron", relation="sponsored_by")] == [
        "Threadly"]


def test_an_unpunctuated_sponsor_read_ends_where_the_conversation_starts():
    from kg.read.ads import ad_spans

    text = ("the following is a conversation with ada byron to support this podcast please check out our sponsors "
            "threadly and loomly their links are in the description and here is my conversation with ada byron "
            "so tell me about looms")
    (start, end), = ad_spans(text, [])
    assert text[start:end].startswith("to support this podcast") and "threadly and loomly" in text[start:end]
    assert "tell me about looms" not in text[start:end] and "conversation with ada byron to" not in text[start:end]


def test_a_host_named_by_first_name_is_the_show_hosts_full_name_and_an_ad_hosts_nothing():
    from kg.episodes import assign_show_hosts

    docs = [episode(1, "Grace Hopper", "Ada Byron"), episode(2, "Grace", "Alan Turing"),
            episode(3, "Grace Hopper", "Edsger Dijkstra")]
    intro = ("---\ntitle: Episode 4\nchannel: Loom Talk\nguest: Barbara Liskov\n---\nGrace (00:00:00):\n"
             "Welcome to Loom Talk. I'm Grace, and today Barbara Liskov joins me.\n\nGrace (00:00:20):\n"
             "This episode is brought to you by the Loom Summit, hosted by Threadly. Tickets at loomsummit.com.\n\n"
             "Barbara Liskov (00:00:40):\nThanks for having me, it is good to talk about abstraction.\n\n"
             "Grace (00:01:00):\nLet us start.\n\nBarbara Liskov (00:01:10):\nGladly.\n")
    doc = read_text(intro, file="ep4/transcript.md", doc_id="ep4/transcript.md")[0][0]
    assert [(p.name, p.role) for p in doc.participants if p.role == "host"] == [("Grace", "host")]
    assign_show_hosts(docs + [doc])
    assert [(p.name, p.role) for p in doc.participants if p.role == "host"] == [("Grace Hopper", "host")]


def test_a_timestamp_label_without_a_name_continues_the_same_voice_from_that_second():
    doc, _ = read("Grace Hopper (00:00:00):\nWelcome, Ada.\n\nAda Byron (00:00:05):\nThanks for having me.\n\n"
                  "Grace Hopper (00:02:00):\nLet me read a long question.\n\n(00:03:08):\nIt goes on about OpenAI.\n\n"
                  "Ada Byron (00:04:00):\nGood question.\n")
    assert [t.speaker for t in doc.turns] == ["Grace Hopper", "Ada Byron", "Grace Hopper", "Ada Byron"]
    assert "(00:03:08)" not in doc.text
    from kg.read.text import seconds_at

    assert seconds_at(doc.times, doc.text.index("OpenAI")) >= 188.0


def test_a_voice_heard_for_a_moment_is_no_guest_when_the_episode_names_its_host():
    text = ("Grace Hopper (00:00:00):\nWelcome to Loom Talk, I'm Grace Hopper. Today Ada Byron is here to talk "
            "about looms, engines, and the cards that tie them together across a whole century of machines.\n\n"
            "Ada Byron (00:00:20):\nThanks. Looms came first, then the engine, then the programs, and the order "
            "matters when you ask what machines can do for people and what they never will.\n\n"
            "Sam Sponsor (00:00:40):\nTry Threadly.\n\n"
            "Grace Hopper (00:00:45):\nSo, Ada, where did it start for you and for the engine you wrote about?\n\n"
            "Ada Byron (00:01:00):\nWith a loom in a factory my mother took me to, and with cards full of holes.\n")
    doc, _ = read(text)
    roles = {p.name: p.role for p in doc.participants}
    assert roles == {"Grace Hopper": "host", "Ada Byron": "guest", "Sam Sponsor": "speaker"}


def test_a_titles_parenthesis_after_the_guest_names_her_organisations(tmp_path):
    text = LENNY_STYLE.replace("title: Engines that weave | Ada Byron (Analytical Co)",
                               "title: Engines that weave | Ada Byron (Head of Looms at Jacquard Works, ex-Babbage Engines)")
    doc, _ = read(text)
    assert [(e.name, e.field) for e in doc.entities if e.field in ("companies", "works", "entities")] == [
        ("Jacquard Works", "companies"), ("Babbage Engines", "companies")]
    _, g = build_files(tmp_path, {"ep/transcript.md": text})
    found = {(g.graph.nodes[v]["label"], g.graph.nodes[v]["type"]) for u, v, rel in g.graph.edges(keys=True)
             if rel == "mentions"}
    assert {("Jacquard Works", "Organization"), ("Babbage Engines", "Organization")} <= found
    # a lone name may be a company, a book or a newsletter: the title names it, the text types it
    doc, _ = read(LENNY_STYLE)
    assert [(e.name, e.field) for e in doc.entities if e.field == "entities"] == [("Analytical Co", "entities")]
