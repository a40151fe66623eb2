"""Chapters (title + second) from headings, chapter lists and JSON exports, through the graph, RDF and
view; sponsors of ad reads as `sponsored_by`, and sponsorship talk that is no ad. Fixtures are our own words."""
import json

import kg
from conftest import build_files
from kg.read.formats import read_text

PAGE = """# Transcript for Ada Byron: Looms and Engines | Loom Talk #12

This is a transcript of Loom Talk #12 with Ada Byron. The stamps link to the video.

  * Watch the [full YouTube version of this talk](https://youtube.com/watch?v=AbCdEfGhIjK)

## Table of Contents

  * 0:00 – Introduction
  * 0:40 – Punched cards
  * 1:30 – Babbage

## Introduction

Grace Hopper [(00:00:00)](https://youtube.com/watch?v=AbCdEfGhIjK&t=0) Welcome, Ada. Tell me how it started.

Ada Byron [(00:00:10)](https://youtube.com/watch?v=AbCdEfGhIjK&t=10) It started with a loom in a cold shed.

## Punched cards

Grace Hopper [(00:00:40)](https://youtube.com/watch?v=AbCdEfGhIjK&t=40) How do the cards of Jacquard work?

Ada Byron [(00:00:55)](https://youtube.com/watch?v=AbCdEfGhIjK&t=55) Each hole lifts a thread, the Jacquard cards are the program.

## Babbage

Grace Hopper [(00:01:30)](https://youtube.com/watch?v=AbCdEfGhIjK&t=90) And Charles Babbage?

Ada Byron [(00:01:41)](https://youtube.com/watch?v=AbCdEfGhIjK&t=101) Charles Babbage saw that an engine could read the cards too.
"""


def read(text, file="ep.md"):
    docs, _, _ = read_text(text, file=file, doc_id=file)
    return docs[0]


def test_headings_between_turns_are_chapters_at_the_next_turns_second_and_never_speech():
    doc = read(PAGE)
    assert [(c.title, c.seconds) for c in doc.chapters] == [
        ("Introduction", 0.0), ("Punched cards", 40.0), ("Babbage", 90.0)]
    assert not [t for t in doc.turns if "Punched cards" in t.text or "Babbage" == t.text.split("\n")[-1]]
    assert [t.text for t in doc.turns if t.seconds == 10.0] == ["It started with a loom in a cold shed."]


def test_a_chapter_list_in_the_description_gives_chapters_when_the_body_has_no_headings():
    text = ("---\ntitle: Looms | Ada Byron\ndescription: |\n  Ada and Grace on looms.\n  In this episode:\n"
            "  (00:00) Meet Ada\n  (02:15) Cards and holes\n  (1:04:09) What engines read\n---\n"
            "Grace Hopper (00:00:00):\nWelcome, Ada.\n\nAda Byron (00:00:05):\nThanks, Grace.\n")
    assert [(c.title, c.seconds) for c in read(text).chapters] == [
        ("Meet Ada", 0.0), ("Cards and holes", 135.0), ("What engines read", 3849.0)]


def test_stamps_that_do_not_rise_or_stand_alone_are_no_chapter_list():
    text = ("---\ntitle: Looms\ndescription: |\n  (00:00) Meet Ada\n  (02:15) Cards\n  (01:00) Back again\n---\n"
            "Grace Hopper (00:00:00):\nWelcome, Ada.\n\nAda Byron (00:00:05):\nThanks, Grace.\n")
    assert read(text).chapters == []


def test_json_exports_give_their_chapters():
    data = {"title": "Looms", "chapters": [{"title": "Meet Ada", "start_time": 0}, {"title": "Cards", "start_time": 75.5}],
            "segments": [{"start": 0, "end": 4, "text": "Welcome to the show, Ada."},
                         {"start": 4, "end": 9, "text": "Thanks, the looms are ready."}]}
    doc = read(json.dumps(data), "ep.json")
    assert [(c.title, c.seconds) for c in doc.chapters] == [("Meet Ada", 0.0), ("Cards", 75.5)]


def test_chapters_reach_the_graph_rdf_and_view_with_deep_links(tmp_path):
    result, g = build_files(tmp_path, {"ep.md": PAGE})
    episode = next(d for _, d in g.graph.nodes(data=True) if d["type"] == "Episode")
    assert episode["chapters"] == [
        {"title": "Introduction", "seconds": 0.0, "url": "https://www.youtube.com/watch?v=AbCdEfGhIjK&t=0s"},
        {"title": "Punched cards", "seconds": 40.0, "url": "https://www.youtube.com/watch?v=AbCdEfGhIjK&t=40s"},
        {"title": "Babbage", "seconds": 90.0, "url": "https://www.youtube.com/watch?v=AbCdEfGhIjK&t=90s"}]
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert ttl.count("a kgo:Chapter") == 3 and 'rdfs:label "Punched cards" ;\n\tkgo:position 2' in ttl
    again = kg.load(tmp_path / "out" / "graph.ttl")             # the round trip keeps them, in order
    assert next(d for _, d in again.graph.nodes(data=True) if d["type"] == "Episode")["chapters"] == episode["chapters"]
    labels = {d["label"] for _, d in g.graph.nodes(data=True)}
    assert "YouTube" not in labels                  # a bulleted link above the turns is page furniture
    html = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert '"chapters": [{"title": "Introduction", "seconds": 0.0' in html


AD = """---
title: Engines | Ada Byron
channel: Loom Talk
youtube_url: https://www.youtube.com/watch?v=AbCdEfGhIjK
---
Grace Hopper (00:00:00):
Welcome to Loom Talk. Ada Byron is here to talk about engines.

Grace Hopper (00:00:20):
You know what nobody likes? Tangled thread. That's where Spindlr comes in. Spindlr sorts every spool in your mill \
overnight. Over a thousand mills use Spindlr today. Try it at spindlr.com/loom.

Ada Byron (00:01:00):
Thanks, Grace. Our lab was sponsored by Google for years, and Google paid for the cotton too.

Grace Hopper (00:01:30):
Who paid for the first engine?

Ada Byron (00:01:40):
Google paid, and Google kept the engine in London for years.
"""


def test_an_ad_without_an_announcement_is_found_by_the_sponsors_address_and_talk_of_sponsors_is_no_ad(tmp_path):
    doc = read(AD)
    assert [doc.text[a:b] for a, b in doc.ads] == [
        "That's where Spindlr comes in. Spindlr sorts every spool in your mill overnight. Over a thousand mills use "
        "Spindlr today. Try it at spindlr.com/loom."]
    _, g = build_files(tmp_path, {"ep.md": AD})
    edges = {(g.graph.nodes[u]["label"], rel, g.graph.nodes[v]["label"])
             for u, v, rel in g.graph.edges(keys=True)}
    assert ("Engines | Ada Byron", "sponsored_by", "Spindlr") in edges
    assert not [e for e in edges if "Spindlr" in (e[0], e[2]) and e[1] != "sponsored_by"]
    # a guest telling who sponsored her mill is talking, not reading an ad
    assert ("Ada Byron", "discusses", "Google") in edges
    assert not [e for e in edges if e[1] == "sponsored_by" and e[2] != "Spindlr"]


def test_a_call_to_subscribe_on_podcast_apps_is_no_mention_and_using_an_app_is():
    from kg.read.ads import ad_spans

    text = ("Loved it. If this helped, subscribe to the show on Apple Podcasts, Spotify or your podcast app. "
            "My sister follows Spotify engineers on YouTube. Don't forget to follow us on YouTube.")
    assert [text[a:b] for a, b in ad_spans(text, [])] == [
        "If this helped, subscribe to the show on Apple Podcasts, Spotify or your podcast app.",
        "Don't forget to follow us on YouTube."]


def test_the_pages_own_title_right_before_the_first_turn_is_no_chapter():
    text = ("# Looms with Ada\nGrace Hopper [(00:00:00)](https://youtube.com/watch?v=AbCdEfGhIjK&t=0) Hello, Ada.\n\n"
            "Ada Byron [(00:00:05)](https://youtube.com/watch?v=AbCdEfGhIjK&t=5) Hello, Grace.\n\n"
            "Grace Hopper [(00:00:09)](https://youtube.com/watch?v=AbCdEfGhIjK&t=9) Shall we?\n\n"
            "Ada Byron [(00:00:12)](https://youtube.com/watch?v=AbCdEfGhIjK&t=12) We shall.\n")
    assert read(text).chapters == []


def test_a_sponsors_name_is_taken_as_said_never_spelled_out_and_a_coded_guest_field_is_no_person():
    from kg.read.ads import sponsors
    from kg.read.metadata import read_fields

    text = ("This episode is brought to you by Loomly os, the loom scheduler. Loomly os plans every shift. "
            "That's L-O-O-M-L-Y.com/ada.")
    assert [text[a:b] for a, b in sponsors(text, [(0, len(text))])] == ["Loomly os"]
    fields = read_fields({"guest": "Teaser_2021"})
    assert fields.participants == [] and fields.warnings == [
        "field 'guest' holds 'Teaser_2021', not a person's name; ignored"]


def test_show_notes_with_a_chapter_list_stay_notes_with_their_title_and_chapters():
    text = ("# Looms and engines with Ada Byron\n\nAda Byron talks with Grace Hopper about punched cards and the "
            "engines that read them.\n\n00:00 Intro\n02:15 How looms store patterns\n05:40 Cards and holes\n"
            "09:10 Engines that read cards\n")
    doc = read(text, "notes.md")
    assert (doc.format, doc.title) == ("text", "Looms and engines with Ada Byron")
    assert [(c.title, c.seconds) for c in doc.chapters] == [
        ("Intro", 0.0), ("How looms store patterns", 135.0), ("Cards and holes", 340.0), ("Engines that read cards", 550.0)]


def test_ad_announcements_are_found_around_their_keywords_exactly_as_by_searching_every_turn():
    import random

    import kg.read.ads as ads
    from kg.model import Turn

    pieces = ["This episode is brought to you by Loomly.", "we support the team", "get three months free",
              "Thanks to our sponsors!", "a free lunch", "To support this podcast please check out our sponsors",
              "Brought To You By Quillbase.", "sponsorship is hard", "Ada talked about looms for a while.",
              "You get 1234 months free.", "You get 123456 months free.", "Thanks to our ſponsors: Acme.",
              "Thanks to our sponsor", "s: Acme, yes.", "free " * 30, "Subscribe to the show on Spotıfy today."]
    rnd = random.Random(7)
    for _ in range(400):
        parts = [rnd.choice(pieces) + " " * rnd.randint(0, 1) + "x" * rnd.randint(0, 260) for _ in range(rnd.randint(1, 8))]
        text, turns, at = "", [], 0
        for i, part in enumerate(parts):
            turns.append(Turn(part, at, at + len(part), "Grace" if i % 3 else "Ada"))
            text += part + "\n"
            at = len(text)
        assert [m.span() for m in ads._platforms(text)] == [m.span() for m in ads._PLATFORM.finditer(text)]
        for ts in (turns, []):
            fast = ads._reads(text, ts)
            keywords, ads._keywords = ads._keywords, lambda text: None     # search every turn, whole
            try:
                assert fast == ads._reads(text, ts)
            finally:
                ads._keywords = keywords


def test_a_podcast_intros_ask_to_subscribe_is_no_mention_but_the_shows_and_hosts_names_around_it_stay():
    from kg.read.ads import ad_spans

    said = ("This is the Quill Hour. If you enjoy it, subscribe on YouTube, give it five stars on Apple Podcasts, "
            "support it on Patreon, or simply connect with me on Twitter. Now, here is my talk with Ada.")
    assert [said[a:b] for a, b in ad_spans(said, [])] == [
        "If you enjoy it, subscribe on YouTube, give it five stars on Apple Podcasts, support it on Patreon, or "
        "simply connect with me on Twitter."]
    talk = "we went on about looms and cards for a long while and never stopped to breathe at all " * 4
    caption = (talk + "this is the quill hour if you enjoy it subscribe on youtube give it five stars an apple podcast "
               "support on patreon or connect with me on twitter at ada byron and now here is my talk")
    assert [caption[a:b] for a, b in ad_spans(caption, [])] == [
        "subscribe on youtube give it five stars an apple podcast support on patreon or connect with me on twitter"]
    # saying where something was watched or launched asks nothing
    plain = "I follow YouTube creators. We launched on Spotify last year and support on YouTube was great."
    assert ad_spans(plain, []) == []


DIALOGUE_AD = """---
title: Mills | Ada Byron
---
Grace Hopper (00:00:10):
This episode is brought to you by Bobbinly. Bobbinly counts bobbins. Try it at bobbinly.com/loom.

Grace Hopper (00:00:30):
Hey, Tom, head of marketing at Warpwise, how many mills lose a shipment a year?

Tom (00:00:40):
About a third of them.

Grace Hopper (00:00:50):
And what happens then?

Tom (00:01:00):
They switch suppliers. Our customers like Shuttlecraft run every order through Warpwise.

Grace Hopper (00:01:10):
To learn more, check out Warpwise at warpwise.com/loom.

Ada Byron (00:01:30):
Thanks, Grace. I worked at Fabrikon for years, and Fabrikon made me.

Grace Hopper (00:01:50):
Are they hiring?

Ada Byron (00:02:00):
They are: go to fabrikon.com/careers.
"""


def test_a_sponsor_read_played_as_a_dialogue_is_one_ad_and_a_guests_own_link_is_not():
    doc = read(DIALOGUE_AD)
    reads = [doc.text[a:b] for a, b in doc.ads]
    assert reads[1].startswith("Hey, Tom, head of marketing at Warpwise") and reads[1].endswith("warpwise.com/loom.")
    assert "Shuttlecraft" in reads[1]                      # the sponsor guest's customers are the ad's
    assert len(reads) == 2 and not any("Fabrikon" in r for r in reads)   # "/careers" is no address of the show


def test_a_read_in_one_turn_starts_in_that_turn_and_a_guests_company_is_no_read_of_the_hosts_address():
    doc = read("""---
title: Mills | Ada Byron
---
Ada Byron (00:00:10):
Thanks. We shipped it in March and it was great

Grace Hopper (00:00:20):
Spindlr sorts spools. Spindlr is fast. Try it at spindlr.com/loom.

Ada Byron (00:00:40):
I loved Notionary. Notionary shaped how I write, and Notionary still does.

Ada Byron (00:01:00):
We kept talking about looms for an hour, about cards and about patterns.

Grace Hopper (00:01:20):
Listeners can find it at notionary.com/loom.
""")
    reads = [doc.text[a:b] for a, b in doc.ads]
    assert reads[0] == "Spindlr sorts spools. Spindlr is fast. Try it at spindlr.com/loom."
    assert not any("Notionary shaped" in r or "cards" in r for r in reads)     # another voice named it


def ads_of(text: str) -> list[str]:
    doc = read(text)
    return [doc.text[a:b] for a, b in doc.ads]


def test_a_read_split_into_paragraphs_runs_to_the_last_that_names_its_sponsor_or_address():
    text = ("Ada Quill (00:00:10):\nThis episode is brought to you by Loomly. Loomly weaves your reports.\n\n"
            "Ada Quill (00:00:20):\nEvery team drowns in status meetings that nobody enjoys.\n\n"
            "Ada Quill (00:00:40):\nLoomly turns them into one page. Try it at loomly.com/quill.\n\n"
            "Ada Quill (00:01:00):\nSo, Wren, tell me how the robots started walking.\n\n"
            "Wren Nakamura (00:01:10):\nIt began with a broken leg on a test rig.\n")
    [ad] = ads_of(text)
    assert ad.startswith("This episode is brought to you by Loomly") and ad.endswith("loomly.com/quill.")
    assert "status meetings" in ad and "robots" not in ad


def test_a_turn_that_reads_two_ads_ends_after_the_second_sponsors_last_line():
    text = ("Ada Quill (00:01:00):\nThis episode is brought to you by Loomly. Weave reports at loomly.com/quill. "
            "This episode is brought to you by Tidewalk. Plan every walk at tidewalk.io/quill. Go far with Tidewalk. "
            "Wren, welcome to the show.\n\nWren Nakamura (00:02:00):\nThanks for having me.\n\n"
            "Ada Quill (00:02:10):\nTell me how the robots started walking.\n\n"
            "Wren Nakamura (00:02:20):\nIt began with a broken leg on a test rig.\n")
    [ad] = ads_of(text)
    assert ad.endswith("Go far with Tidewalk.")


def test_handing_over_after_a_short_word_from_our_sponsors_starts_the_read():
    text = ("Ada Quill (00:01:00):\nOur guest builds walking robots. With that, I bring you Wren Nakamura after a short "
            "word from our sponsors. If your reports are a mess, let me tell you about Loomly. Try it at loomly.com/quill.\n\n"
            "Wren Nakamura (00:02:00):\nThanks for having me.\n\nAda Quill (00:02:10):\nTell me how it started.\n\n"
            "Wren Nakamura (00:02:20):\nIt began with a broken leg on a test rig.\n")
    [ad] = ads_of(text)
    assert ad.startswith("With that, I bring you") and ad.endswith("loomly.com/quill.")


def test_an_address_at_the_edge_of_a_reads_reach_is_read_whole():
    said = "With that, I bring you Wren after a short word from our sponsors. This episode is brought to you by Loomly. "
    said += "Loomly weaves reports. " * ((2487 - len(said)) // len("Loomly weaves reports. "))
    said += " " * (2487 - len(said)) + "loomly.com/quill and tidewalk.io/quill today."      # 2,500 cuts its path
    text = (f"Ada Quill (00:01:00):\n{said}\n\nWren Nakamura (00:05:00):\nThanks.\n\n"
            "Ada Quill (00:05:10):\nTell me.\n\nWren Nakamura (00:05:20):\nSure.\n")
    doc = read(text)                      # an address cut by the read's reach raised KeyError here
    [read_] = [doc.text[a:b] for a, b in doc.ads]
    assert read_.startswith("With that, I bring you Wren") and read_.endswith("tidewalk.io/quill today.")


def test_unnamed_voices_and_a_hand_back_end_the_read_and_a_sponsors_word_must_be_whole():
    from kg.model import Turn
    from kg.read.ads import ad_spans
    parts = ["This episode is brought to you by Fin. Fin answers your support tickets.", "Go to fin.ai/quill.",
             "Now back to the conversation.", "I moved to Berlin and met Ada Byron.", "Finally, we shipped."]
    text = "\n\n".join(parts)
    starts = [text.find(p) for p in parts]
    unnamed = [Turn(p, a, a + len(p), None) for p, a in zip(parts, starts)]
    assert [text[a:b] for a, b in ad_spans(text, unnamed)] == ["\n\n".join(parts[:2])]
    named = [Turn(p, a, a + len(p), "Ada Quill") for p, a in zip(parts, starts)]
    assert [text[a:b] for a, b in ad_spans(text, named)] == ["\n\n".join(parts[:2])]     # "Finally" is no "Fin"
