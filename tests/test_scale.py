"""Scale: worker processes give the same Extractions, memory zones keep the vocabulary flat,
chunks and task groups, the default worker count, the progress bar, the read cache."""
from __future__ import annotations

import io
import random
import string
from dataclasses import asdict

import pytest
import spacy
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.build import SMALL_CORPUS_CHARS, BuildSettings, _progress, _workers
from kg.cache import ReadCache
from kg.extract import TASK_CHARS, _groups, chunks, extract, extract_batch
from kg.model import Document
from kg.read import find_files, read_corpus, read_file


def doc(i: int, size: int) -> Document:
    return Document(id=f"d{i}", source=f"d{i}.txt", format="text", title="T", text="x" * size)


def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_gazetteer", config={"entries": [{"key": "openai", "label": "OpenAI", "type": "Organization"}]})
    return nlp


def novel_documents(count: int, seed: int) -> list[Document]:
    """Documents of 300 made-up words each: every word is new to the vocabulary."""
    rng = random.Random(seed)
    words = lambda n: " ".join("".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(n))  # noqa: E731
    return [Document(id=f"d{i}", source=f"d{i}.txt", format="text", title="T", text=f"OpenAI and {words(300)}.")
            for i in range(count)]


def test_extraction_leaves_no_new_strings_behind_so_memory_stays_flat():
    nlp = blank_nlp()
    docs = novel_documents(20, seed=3)
    extract_batch(nlp, docs[:1], [])
    before = len(nlp.vocab.strings)
    found = [x.mentions[0].surface for x in extract(nlp, docs)]
    assert found == ["OpenAI"] * 20
    assert len(nlp.vocab.strings) == before          # 6,000 new words came and went with their memory zone


@pytest.mark.slow
def test_worker_processes_give_exactly_the_in_process_extractions(nlp):
    corpus = read_corpus([EXAMPLES])
    one = [asdict(x) for x in extract(nlp, corpus.documents, notes=corpus.notes)]
    two = [asdict(x) for x in extract(nlp, corpus.documents, notes=corpus.notes, n_process=2)]
    assert one == two and len(one) == len(corpus.documents)


def test_groups_keep_order_and_size_and_a_long_document_goes_alone():
    docs = [doc(0, 10), doc(1, TASK_CHARS), doc(2, 10), doc(3, 10)]
    assert [[d.id for d in g] for g in _groups(docs)] == [["d0"], ["d1"], ["d2", "d3"]]
    assert list(_groups([])) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=3000), st.integers(min_value=20, max_value=400))
def test_chunks_cover_the_text_in_order_below_the_size(text, size):
    pieces = chunks(text, size)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= size for _, p in pieces)
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


def test_default_workers_one_per_core_but_never_more_than_documents(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert _workers(BuildSettings(), [doc(0, SMALL_CORPUS_CHARS - 1)]) == 1
    assert _workers(BuildSettings(), [doc(i, SMALL_CORPUS_CHARS // 4) for i in range(5)]) == 4
    assert _workers(BuildSettings(), [doc(0, SMALL_CORPUS_CHARS // 2), doc(1, SMALL_CORPUS_CHARS // 2)]) == 2
    assert _workers(BuildSettings(), [doc(0, 50 * SMALL_CORPUS_CHARS)]) == 1       # a lone long transcript
    assert _workers(BuildSettings(workers=3), [doc(0, 10)]) == 3


def test_progress_shows_characters_per_second_and_eta_only_on_a_terminal(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    assert _progress(10_000, None, "extract", "char").disable          # StringIO is not a terminal
    bar = _progress(10_000, True, "extract", "char")
    bar.update(4_000)
    bar.refresh()
    shown = err.getvalue()
    bar.close()
    assert "extract:  40%" in shown and "4.00k/10.0k [" in shown and "char/s]" in shown and "<" in shown


def test_the_read_cache_gives_the_same_documents_and_rebuilds_a_corrupt_entry(tmp_path):
    cache = ReadCache(tmp_path / "cache")
    files = list(find_files([EXAMPLES], []))
    plain = [read_file(p, name) for p, name in files]
    assert [cache.read_file(p, name) for p, name in files] == plain and cache.hits == 0
    digests: dict[str, str] = {}
    assert [cache.read_file(p, name, digests) for p, name in files] == plain and cache.hits == len(files)
    assert set(digests) == {name for _, name in files}
    entry = min((tmp_path / "cache" / "read").rglob("*.json"))
    entry.write_bytes(entry.read_bytes()[:-5] + b"xxxxx")
    again = ReadCache(tmp_path / "cache")
    assert [again.read_file(p, name) for p, name in files] == plain
    assert (again.corrupt, again.hits) == (1, len(files) - 1)


@spacy.Language.component("kg_test_crash")
def _crash(doc):
    if "BOOM" in doc.text:
        import os

        os._exit(1)                 # a worker killed mid-build (the OOM killer does the same)
    return doc


def test_a_worker_process_that_dies_stops_the_build_with_a_clear_error():
    from kg.errors import ConfigError

    nlp = blank_nlp()
    nlp.add_pipe("kg_test_crash")
    docs = [doc(0, 10), Document(id="d1", source="d1.txt", format="text", title="T", text="BOOM " * 5), doc(2, 10)]
    with pytest.raises(ConfigError, match=r"an extraction worker process died \(out of memory\?\); build again "
                                          r"with fewer --workers than 2"):
        list(extract(nlp, docs, n_process=2))


def test_a_long_run_renews_its_memory_zone_so_strings_stay_bounded():
    from kg.extract import Zones

    nlp = blank_nlp()
    docs = novel_documents(30, seed=4)
    extract_batch(nlp, docs[:1], [])
    before = len(nlp.vocab.strings)
    zones = Zones(nlp, size=len(docs[0].text) * 3)           # a new zone every three documents
    sizes = []
    for d in docs:
        extract_batch(nlp, [d], [], zones=zones)
        sizes.append(len(nlp.vocab.strings) - before)
    zones.close()
    per_document = sizes[0]                                  # new words and their shapes, prefixes...
    assert max(sizes) <= 3 * per_document + 10               # never more than one zone's worth
    assert sizes[3] < sizes[2] and sizes[6] < sizes[5]       # freed at each renewal
    assert len(nlp.vocab.strings) == before
