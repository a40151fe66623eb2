"""Reading takes time linear in the input: hostile text (endless runs of Markdown markers,
unclosed comments and tags, one turn that never ends, thousands of speakers or guests)
reads within 10x the time of ordinary text of the same size, and no text or bytes make a
reader raise anything but InputError. Each timing test pins a former hang; no spaCy model."""
from __future__ import annotations

import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.normalize import clean
from kg.read import subtitles
from kg.read.decode import decode
from kg.read.formats import read_text
from kg.read.text import TextBuilder

SENTENCE = "Ada Byron explains how **Anthropic** trains [Claude](https://claude.ai) with RL. "
ORDINARY = {"md": SENTENCE, "txt": SENTENCE,
            "vtt": "00:00:01.000 --> 00:00:02.000\n<v Ada Byron>We compared <i>GPT-4</i> with Gemini.\n\n",
            "srt": "1\n00:00:01,000 --> 00:00:02,000\nADA: We compared <i>GPT-4</i> with Gemini.\n\n"}
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
SRT = "1\n00:00:01,000 --> 00:00:02,000\n"


def read(text: str, file: str) -> None:
    try:
        read_text(text, file=file, doc_id=file)
    except InputError:
        pass


def seconds(run, *args) -> float:
    start = time.perf_counter()
    run(*args)
    return time.perf_counter() - start


def sized(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """head + unit repeated + tail, about `size` characters."""
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def assert_linear(run, hostile, normal) -> None:
    """`run(hostile)` takes less than 10x `run(normal)` (the best of two) plus 0.5 s."""
    normal_time = min(seconds(run, normal), seconds(run, normal))
    hostile_time = seconds(run, hostile)
    assert hostile_time < 10 * normal_time + 0.5, f"{hostile_time:.2f}s, ordinary input {normal_time:.3f}s"


def assert_reads_linearly(hostile: str, file: str, unit: str | None = None) -> None:
    """Reading hostile text takes less than 10x reading ordinary text of its size and format."""
    ext = file.rsplit(".", 1)[-1]
    normal = sized(unit or ORDINARY[ext], len(hostile), "WEBVTT\n\n" if ext == "vtt" else "")
    assert_linear(lambda text: read(text, file), hostile, normal)


@pytest.mark.parametrize("unit", ["*a ", "**a ", "__a ", "~~a "])
def test_unclosed_emphasis_markers(unit):
    """`*a *a *a ...` on one line: each marker used to scan the rest of the line for its close."""
    assert_reads_linearly(sized(unit, 24_000), "note.md")


def test_unclosed_html_comments():
    assert_reads_linearly(sized("<!--", 60_000), "note.md")


def test_unclosed_voice_tags():
    """`<v a<v a...` in a cue: each voice tag used to scan the rest of the cue for its `>`."""
    assert_reads_linearly(sized("<v a", 60_000, VTT), "talk.vtt")


@pytest.mark.parametrize("file, head", [("talk.vtt", VTT), ("talk.srt", SRT)], ids=["vtt", "srt"])
def test_unclosed_tags_in_cues(file, head):
    assert_reads_linearly(sized("<", 60_000, head), file)


def test_long_title_ending_in_a_separator():
    """A heading `x - a x - a ... :`: each ` - ` used to scan to the end for a guest list."""
    assert_reads_linearly(sized("x - a ", 30_000, "# ", ":\n\nBody."), "note.md")
    assert_reads_linearly(sized("x - a ", 30_000, "---\ntitle: '", ":'\n---\nBody."), "note.md")


def test_one_endless_turn():
    """Extending one turn 40,000 times used to copy the whole turn each time."""
    def build(many_speakers: bool) -> None:
        b = TextBuilder()
        for i in range(40_000):
            if many_speakers or not i:
                b.turn(f"Words of the same turn, piece {i}.", speaker=f"S{i}")
            else:
                b.extend_turn(f"Words of the same turn, piece {i}.")
        assert b.turns[-1].text.endswith("piece 39999.")
    assert_linear(build, False, True)


def test_one_endless_turn_in_subtitles():
    """20,000 cues by one speaker (or none stated) make one turn of 8 MB."""
    cues = [subtitles.Cue(float(i), "Ada" if i % 2 else None, f"Cue {i}: {SENTENCE * 5}") for i in range(1, 20_001)]
    alternating = [subtitles.Cue(c.seconds, f"S{i % 2}", c.text) for i, c in enumerate(cues)]
    assert_linear(subtitles.build, cues, alternating)


def test_captions_with_a_timestamp_on_every_line():
    """A copied YouTube transcript: one turn, a timestamp line before each caption line."""
    lines = "".join(f"{i // 3600}:{i // 60 % 60:02d}:{i % 60:02d}\nwords said then\n" for i in range(12_000))
    assert_reads_linearly(lines, "captions.txt", "just a few\nwords per line\n")


def test_thousands_of_speakers():
    names = [f"X{a}{b}{c}" for a in "abcdefghijklmno" for b in "abcdefghijklmnopqrst" for c in "abcdefghijklmnopqrst"]
    hostile = "".join(f"{n}: hi there.\n{n}: and again.\n" for n in names)
    assert_reads_linearly(hostile, "talk.txt", "Ada Byron: We compared GPT-4 with Gemini.\nAlan Turing: Good.\n")


def test_thousands_of_guests_in_front_matter():
    names = ", ".join(f"X{a}{b}{c} Y" for a in "abcdefghij" for b in "abcdefghijklmnopqrst" for c in "abcdefghijklmnopqrst")
    assert_reads_linearly(f"---\nguests: [{names}]\n---\nBody.", "note.md")


def test_thousands_of_context_quotes():
    quotes = "".join(f"  - {{name: A{i}, context: 'so we {i} said that it was {i + 1} fine'}}\n" for i in range(6_000))
    assert_reads_linearly(f"---\npeople:\n{quotes}---\nBody.", "meta.md")


@pytest.mark.parametrize("head, unit, tail", [("", "and ", "OpenAI"), ("OpenAI", " the", ""), ("", "(implied ", "x")],
                         ids=["leading", "trailing", "note"])
def test_clean_long_surfaces(head, unit, tail):
    """A listed name of 40,000 discourse words or unclosed `(implied` notes."""
    assert_linear(clean, sized(unit, 160_000, head, tail), sized("OpenAI GPT ", 160_000))


def test_long_run_of_spaces_in_a_name_field():
    assert_reads_linearly("---\nguests: 'Ada" + " " * 5_000 + "Byron'\n---\nBody.", "note.md")


# -- fuzz: any text, any bytes, any front matter: InputError or documents, nothing else --

FILES = ["a.md", "a.txt", "a.vtt", "a.srt", "a.yaml"]
PIECES = ["*", "**", "__", "~~", "[", "[[", "]]", "](", ")", "<", ">", "<v ", "<!--", "-->", "#", "- ", ">> ",
          "\n", "\n\n", " ", "\t", "00:00:01.000 --> 00:00:02.000\n", "00:01:02", "[00:01]", "(00:01)", "WEBVTT\n",
          "NOTE ", "1\n", "Ada Byron: ", "ADA: ", "Speaker 1: ", "Welcome to the Deep Loop podcast. I'm Ada. ",
          "my guest is Alan Turing", " - ", " | ", "#12 – ", "3 Jan 1h 2min\n", "(implied)", "Ep 1\n", "é", "\u2028",
          "\ufeff", "\x00", "Title: x\n", "---\n", "https://x.y/z "]
texts = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join))
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | st.dates()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=4), max_leaves=12)
KEYS = ["title", "date", "show", "host", "guests", "people", "companies", "topics", "tags", "summary", "quotes",
        "aliases", "type", "url", "context", "name", "confidence"]
front = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), values, max_size=6)
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@FUZZ
@given(text=texts, file=st.sampled_from(FILES))
def test_any_text_reads_or_raises_input_error(text, file):
    read(text, file)


@FUZZ
@given(data=st.binary(max_size=300) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
       file=st.sampled_from(FILES))
def test_any_bytes_decode_and_read_or_raise_input_error(data, file):
    try:
        read_text(decode(data, file).text, file=file, doc_id=file)
    except InputError:
        pass


@FUZZ
@given(fm=front, body=texts, file=st.sampled_from(["a.md", "a.txt", "a.yaml"]))
def test_any_front_matter_reads_or_raises_input_error(fm, body, file):
    dumped = yaml.safe_dump(fm, allow_unicode=True)
    read(dumped if file == "a.yaml" else f"---\n{dumped}---\n{body}", file)


def test_an_episode_title_of_endless_whitespace_is_cleaned_in_linear_time():
    """The trailing-show-name pattern used to try every start in a run of spaces (14 s at 40,000)."""
    from kg.episodes import episode_title

    start = time.perf_counter()
    assert episode_title("A" + " " * 40_000 + "b | Loom Talk", "Loom Talk") == "A b"
    assert time.perf_counter() - start < 0.5
