"""Episode facts from the field names publishers use, and deep links to the second a quote is said.
Fixtures are our own words."""
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
    from kg.extract import seconds_at

    doc, _ = read(LENNY_STYLE + "\nGrace Hopper (00:01:10):\nGood.\n")
    turn = doc.turns[1]
    at = doc.text.index("OpenAI")
    seconds = seconds_at(doc.times, at)
    assert turn.seconds == 10.0 and 10.0 < seconds < 70.0
    share = (at - turn.start) / (doc.turns[2].start - turn.start)
    assert abs(seconds - (10 + 60 * share)) <= 0.1
    assert seconds_at(doc.times, doc.turns[2].start) == 70.0      # the last turn keeps its start
