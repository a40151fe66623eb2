"""Every input format: our own small fixtures, the example corpus against its gold, the seeds."""
import pytest
import yaml

from conftest import EXAMPLES, GOLD
from kg.episodes import episode_title
from kg.read import read_corpus
from kg.read.formats import read_text


def read_one(text: str, name: str = "ep.txt"):
    docs, note, warnings = read_text(text, file=name, doc_id=name)
    return docs, note, warnings


def spoken(doc):
    return [(t.speaker, t.seconds, t.text) for t in doc.turns]


def test_colon_style_with_timestamp_ranges_and_a_header():
    text = ("Why models think\nFull video: https://www.youtube.com/watch?v=abcdefghijk\nTranscript\n"
            "00:00-00:12\nAda Byron: We use OpenAI models.\nAlan Turing: Do you?\n"
            "1:02:03-1:02:09\nAda Byron: Yes.\nAlan Turing: Fine.\nMade with: Some Tool")
    doc = read_one(text)[0][0]
    assert doc.format == "transcript"
    assert doc.title == "Why models think"
    assert doc.url == "https://www.youtube.com/watch?v=abcdefghijk"
    assert spoken(doc) == [("Ada Byron", 0.0, "We use OpenAI models."), ("Alan Turing", 0.0, "Do you?"),
                           ("Ada Byron", 3723.0, "Yes."), ("Alan Turing", 3723.0, "Fine.")]
    assert "Some Tool" not in doc.text
    assert all(doc.text[t.start:t.end] == t.text for t in doc.turns)


def test_label_on_its_own_line_and_bracketed_styles():
    own = "# Title\n\nAda Byron (00:00:03)\nHello there.\nStill Ada.\n\nAlan Turing (00:01:10)\nHi.\n\nAda Byron (00:02:00)\nBye."
    doc = read_one(own, "own.md")[0][0]
    assert spoken(doc) == [("Ada Byron", 3.0, "Hello there.\nStill Ada."), ("Alan Turing", 70.0, "Hi."),
                           ("Ada Byron", 120.0, "Bye.")]
    brackets = ("[00:00:01] Ada Byron: One.\n[00:00:05] Alan Turing: Two.\n"
                "Ada Byron [(00:14:10)](https://www.youtube.com/watch?v=abcdefghijk&t=850s) Three.\n"
                "Alan Turing [(00:15:00)](https://youtu.be/abcdefghijk?t=900) Four.")
    doc = read_one(brackets)[0][0]
    assert spoken(doc) == [("Ada Byron", 1.0, "One."), ("Alan Turing", 5.0, "Two."), ("Ada Byron", 850.0, "Three."),
                           ("Alan Turing", 900.0, "Four.")]


def test_a_speaker_whose_surname_carries_a_lowercase_particle_is_a_speaker():
    text = ("Ada Byron [(00:00:01)](https://youtube.com/watch?v=abcdefghijk&t=1) Welcome.\n\n"
            "Layla el-Amin [(00:00:05)](https://youtube.com/watch?v=abcdefghijk&t=5) Thank you.\n\n"
            "Ada Byron [(00:00:09)](https://youtube.com/watch?v=abcdefghijk&t=9) Tell me more.\n\n"
            "Omar al-Sadi [(00:00:12)](https://youtube.com/watch?v=abcdefghijk&t=12) Gladly.\n")
    doc = read_one(text, "ep.md")[0][0]
    assert [(t.speaker, t.seconds) for t in doc.turns] == [
        ("Ada Byron", 1.0), ("Layla el-Amin", 5.0), ("Ada Byron", 9.0), ("Omar al-Sadi", 12.0)]
    assert "el-Amin [" not in doc.text                  # the label is no part of what was said


def test_given_names_that_are_also_particles_elsewhere_stay_names():
    from kg.read.participants import cues, take_name, take_names
    assert take_name("Ben and I went") == "Ben" and take_names("Ben, Des and Della") == ["Ben", "Des", "Della"]
    found = cues("Welcome to the Quill podcast. I'm Ben, and this is the Quill podcast. My guests today are "
                 "Ben and Ada Byron.")
    assert found.hosts == ["Ben"] and "Ada Byron" in found.guests


def test_auto_captions_rejoin_words_and_chevrons_start_turns_with_unknown_speakers():
    captions = "\n".join(["so", "this", "is", "the", "cold", "open", "", ">> welcome to", "the deep loop podcast",
                          "i'm ada byron", "", ">> thanks ada", "for having me", "we use", "enthropic models",
                          "every", "day", "and", "then", "more"])
    doc = read_one(captions)[0][0]
    assert doc.format == "captions"
    assert [t.text for t in doc.turns] == ["so this is the cold open",
                                           "welcome to the deep loop podcast i'm ada byron",
                                           "thanks ada for having me we use enthropic models every day and then more"]
    assert {t.speaker for t in doc.turns} == {None}
    assert doc.show == "Deep Loop Podcast"
    assert [(p.name, p.role) for p in doc.participants] == [("Ada Byron", "host")]


def test_webvtt_voices_merge_consecutive_cues_and_keep_times():
    vtt = ("WEBVTT\nKind: captions\n\nNOTE\nDeep Loop, episode 4: Reading minds\n\n1\n00:00:01.000 --> 00:00:03.000\n"
           "<v Ada Byron>Hello &amp; welcome.\n\n2\n00:00:03.000 --> 00:00:05.000\n<v Ada Byron>More from me.</v>\n\n"
           "3\n00:01:05.500 --> 00:01:07.000 align:start\n<v Alan Turing><i>Hi</i> there.")
    doc = read_one(vtt, "ep.vtt")[0][0]
    assert doc.format == "vtt"
    assert doc.title == "Reading minds" and doc.show == "Deep Loop"
    assert spoken(doc) == [("Ada Byron", 1.0, "Hello & welcome. More from me."), ("Alan Turing", 65.5, "Hi there.")]


def test_srt_speaker_prefixes_and_continuations():
    srt = ("1\n00:00:01,000 --> 00:00:03,000\nADA BYRON: Welcome back.\n\n2\n00:00:03,000 --> 00:00:06,000\n"
           "Today we discuss\nreinforcement learning.\n\n3\n00:00:07,000 --> 00:00:09,000\nAlan Turing: Thanks.")
    doc = read_one(srt, "ep.srt")[0][0]
    assert spoken(doc) == [("Ada Byron", 1.0, "Welcome back. Today we discuss reinforcement learning."),
                           ("Alan Turing", 7.0, "Thanks.")]


def test_saved_web_page_splits_other_episodes_into_stubs_and_drops_boilerplate():
    page = "\n\n".join(["Deep Loop", "#12 – Ada Byron on engines", "#12 – Ada Byron on engines",
                        "Today's guest, Ada Byron, explains engines to host Alan Turing.", "Episodes (40)",
                        "#11 – Grace Hopper on compilers", "#11 – Grace Hopper on compilers",
                        "Grace explains compilers and Mistral AI...", "3 Jan 2025 · 52min",
                        "Cables and chips", "Cables and chips", "A teaser about Nvidia...", "1 Jan 2025 · 1h 3min",
                        "Popular in Technology", "some-show-slug", "Privacy Policy"])
    docs = read_one(page)[0]
    main, stubs = docs[0], docs[1:]
    assert (main.format, main.title, main.show) == ("webpage", "#12 – Ada Byron on engines", "Deep Loop")
    assert [(p.name, p.role) for p in main.participants] == [("Alan Turing", "host"), ("Ada Byron", "guest")]
    assert "Mistral" not in main.text and "Nvidia" not in main.text and "Privacy" not in main.text
    assert [(s.title, s.format, s.parent, s.show) for s in stubs] == [
        ("#11 – Grace Hopper on compilers", "listing", "ep.txt", "Deep Loop"),
        ("Cables and chips", "listing", "ep.txt", "Deep Loop")]
    assert [p.name for p in stubs[0].participants] == ["Grace Hopper"]


def test_obsidian_note_wikilinks_become_explicit_mentions_and_headings_are_marked():
    note = ("---\ntitle: Ep 7\nshow: '[[Deep Loop]]'\nhost: ['[[Ada Byron]]']\nguests: ['[[Alan Turing]]']\n---\n"
            "## Takeaways\n- **Big idea**: we discussed [[reinforcement learning|RL]] and [[OpenAI]].\n")
    doc = read_one(note, "Ep 7.md")[0][0]
    assert doc.text == "Takeaways\nBig idea: we discussed RL and OpenAI."
    assert [(e.name, doc.text[e.start:e.end]) for e in doc.entities if e.field == "wikilink"] == [
        ("reinforcement learning", "RL"), ("OpenAI", "OpenAI")]
    assert [doc.text[s:e] for s, e in doc.headings] == ["Takeaways", "Big idea"]


def test_entity_note_extends_the_alias_table_instead_of_becoming_an_episode():
    docs, note, _ = read_one("---\naliases: [Ada, The Countess]\ntype: person\n---\nMathematician.", "People/Ada Byron.md")
    assert docs == [] and (note.name, note.aliases, note.type) == ("Ada Byron", ["Ada", "The Countess"], "Person")


def test_metadata_only_file_keeps_lists_with_confidence_and_text_of_summary_and_quotes():
    meta = ("---\ntitle: Ep — Ada Byron\ncompanies:\n- {name: And I, confidence: medium, context: x}\n"
            "- {name: OpenAI, category: tech, confidence: high, context: 'we joined OpenAI last year to work'}\n"
            "quotes:\n- text: We trained it with RLHF.\nsummary: Ada Byron talks about engines.\n---\n<!-- generated -->\n")
    doc = read_one(meta, "m.md")[0][0]
    assert doc.format == "metadata"
    assert [(e.name, e.confidence, e.category) for e in doc.entities] == [("And I", 0.6, None), ("OpenAI", 0.9, "tech")]
    assert "We trained it with RLHF." in doc.text and "Ada Byron talks about engines." in doc.text
    assert [(p.name, p.role) for p in doc.participants] == [("Ada Byron", "guest")]


def test_plain_markdown_uses_its_heading_as_title():
    doc = read_one("# Notes on scaling\n\nA paragraph about DeepMind.\n", "notes.md")[0][0]
    assert (doc.format, doc.title, doc.text) == ("text", "Notes on scaling", "Notes on scaling\n\nA paragraph about DeepMind.")


@pytest.fixture(scope="module")
def examples():
    corpus = read_corpus([EXAMPLES])
    gold = yaml.safe_load((GOLD / "examples.yaml").read_text(encoding="utf-8"))
    return corpus, gold


def test_example_corpus_reads_cleanly(examples):
    corpus, gold = examples
    assert corpus.skipped == [] and corpus.warnings == []
    assert [(n.name, n.aliases) for n in corpus.notes] == [("Tomasz Wierzbicki", ["Tomek", "T. Wierzbicki"])]
    assert sorted(d.format for d in corpus.documents if d.format != "listing") == sorted(
        g["kind"] for g in gold["documents"] if g["kind"] != "entity-note")


def test_example_corpus_matches_its_gold_episode_facts(examples):
    corpus, gold = examples
    docs = {d.id: d for d in corpus.documents}
    for g in gold["documents"]:
        ep = g.get("episode")
        if not ep:
            continue
        doc = docs[g["file"]]
        if ep["title"]:         # the Episode node's title: without the page's episode number
            assert episode_title(doc.title, doc.show) == ep["title"], g["file"]
        assert doc.show == ep["show"], g["file"]
        assert doc.date == (str(ep["date"]) if ep["date"] else None), g["file"]
        assert doc.url == ep["url"], g["file"]
        assert sorted((p.name, p.role) for p in doc.participants) == sorted(
            [(n, "host") for n in ep["hosts"]] + [(n, "guest") for n in ep["guests"]]), g["file"]
        if g.get("turns"):
            assert len(doc.turns) == g["turns"]["count"], g["file"]
        if g.get("stubs"):
            assert [d.title for d in corpus.documents if d.parent == doc.id] == g["stubs"]


SEED_FACTS = {
    "000_f6e67b642e5fbc19.txt": ("note", None, "2025-07-31", "Before AGI", "https://www.youtube.com/watch?v=LauSf7HoxwM",
                                 [("Aleksander Mądry", "host"), ("Jakub Pachocki", "guest"), ("Szymon Sidor", "guest")], 0),
    "001_ba4462f77c926e44.txt": ("transcript", "OpenAI's Chief Scientist on Continual Learning Hype, RL Beyond Code, "
                                 "& Future Alignment Directions", None, "Unsupervised Learning",
                                 "https://www.youtube.com/watch?v=vK1qEF3a3WM",
                                 [("Jacob Ephron", "host"), ("Jakub Pachocki", "guest")], 0),
    "002_e8dde77376fc3016.txt": ("metadata", "Is RL + LLMs enough for AGI? — Sholto Douglas & Trenton Bricken",
                                 "2025-05-22", None,
                                 "https://api.substack.com/feed/podcast/164189186/f8b9e3b318b615e15a807aae787fce46.mp3",
                                 [("Sholto Douglas", "guest"), ("Trenton Bricken", "guest")], 0),
    "003_a88841395d93a8af.txt": ("captions", None, None, "Mad Podcast", None,
                                 [("Matt Turk", "host"), ("Julian Shitwezer", "guest")], 0),
    "004_b7ce19c5d393600e.txt": ("webpage", "#159 – Jan Leike on OpenAI's massive push to make superintelligence safe "
                                 "in 4 years or less", None, "80,000 Hours", None,
                                 [("Rob Wiblin", "host"), ("Jan Leike", "guest")], 8),
}


@pytest.mark.parametrize("name", sorted(SEED_FACTS))
def test_each_seed_is_one_episode_with_the_facts_it_states(seeds_dir, name):
    corpus = read_corpus([seeds_dir / name])
    fmt, title, date, show, url, people, stubs = SEED_FACTS[name]
    main = [d for d in corpus.documents if d.parent is None]
    assert len(main) == 1 and corpus.skipped == []
    doc = main[0]
    assert (doc.format, doc.date, doc.show, doc.url) == (fmt, date, show, url)
    if title:
        assert doc.title == title
    else:
        assert doc.title                      # a readable fallback, never empty
    assert [(p.name, p.role) for p in doc.participants] == people
    assert len([d for d in corpus.documents if d.parent == doc.id]) == stubs


def test_seed_transcript_turns_and_times(seeds_dir):
    doc = read_corpus([seeds_dir / "001_ba4462f77c926e44.txt"]).documents[0]
    assert len(doc.turns) == 139
    assert {t.speaker for t in doc.turns} == {"Jakub Pachocki", "Jacob"}
    karpathy = next(t for t in doc.turns if "Andrej Karpathy" in t.text)
    assert (karpathy.speaker, karpathy.seconds) == ("Jacob", 256.0)
    assert "Transcript Desk" not in doc.text


def test_seed_web_page_never_attributes_other_episodes(seeds_dir):
    docs = read_corpus([seeds_dir / "004_b7ce19c5d393600e.txt"]).documents
    main = docs[0]
    assert "Max Harms" not in main.text and "Populärt" not in main.text and "Avsnitt" not in main.text
    assert docs[4].title == "#236 – Max Harms on why teaching AI right from wrong could get everyone killed"
    assert [p.name for p in docs[4].participants] == ["Max Harms"]


def test_a_large_corpus_read_by_two_processes_is_the_corpus_one_process_reads(tmp_path_factory):
    import dataclasses

    from kg.cache import ReadCache
    from kg.read import read_corpus, read_file

    tmp_path, store = tmp_path_factory.mktemp("corpus"), tmp_path_factory.mktemp("cache")
    turn = "Ada Byron: We wove the looms by hand, and the punch cards kept the pattern for the next weaver. "
    for i in range(10):
        (tmp_path / f"ep{i:02}.txt").write_text(f"Episode {i}\n\n" + turn * (1300 + i), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)

    def snapshot(c):
        return ([dataclasses.asdict(d) for d in c.documents], c.skipped, c.warnings, c.digests, c.files)

    from kg.read.ahead import parse_ahead
    files = sorted((path, path.name) for path in tmp_path.iterdir())
    ahead = parse_ahead(files, workers=2)
    assert len(ahead) == 12 and ahead["empty.txt"] is None and ahead["ep00.txt"][1][0][0].text.startswith("Episode 0")

    seen: list[str] = []
    one = read_corpus([tmp_path])
    two = read_corpus([tmp_path], workers=2, progress=seen.append)
    assert snapshot(two) == snapshot(one) and len(one.documents) == 10 and len(one.skipped) == 2
    assert sorted(seen) == sorted([f"ep{i:02}.txt" for i in range(10)] + ["empty.txt", "binary.txt"])
    own = read_corpus([tmp_path], read=lambda path, name, digests: read_file(path, name, digests), workers=2)
    assert snapshot(own) == snapshot(one)                 # a reader of its own is called as before

    caches = [ReadCache(store / kind, known=one.digests) for kind in ("serial", "cold", "cold")]
    serial = read_corpus([tmp_path], read=caches[0].read_file, cached=caches[0].cached)
    cold, warm = (read_corpus([tmp_path], read=c.read_file, cached=c.cached, workers=2) for c in caches[1:])
    assert snapshot(cold) == snapshot(warm) == snapshot(serial) and [c.hits for c in caches] == [0, 0, 10]
    assert [d.text for d in cold.documents] == [d.text for d in one.documents]
