"""Shared fixtures: the seed files (read from ../shared/seeds, never copied), the example
corpus, and builds of both made once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))                # KG_SHARED: another place
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"
EXAMPLES = ROOT / "examples" / "corpus"
GOLD = ROOT / "tests" / "gold"


def _shared(path: Path) -> Path:
    if not path.exists():
        message = (f"{path} not found: it is third-party text, read from ../shared/{path.relative_to(SHARED)} "
                   "beside the repo, never copied into it")
        if os.environ.get("KG_REQUIRE_SHARED"):        # .ci/run has it: a skipped test is a failure there
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _shared(SEEDS)


# A few gold episodes of the real archives (the smallest of each kind), built once per session; the
# full scoring of every gold episode is the documented command in docs/quality.md.
ARCHIVE_SUBSET = ("lenny/andy-raskin/transcript.md", "lenny/ryan-j-salva/transcript.md",
                  "lex/398 - Mark Zuckerberg - First Interview in the Metaverse.txt",
                  "lex/039 - Colin Angle - iRobot CEO.txt")


@pytest.fixture(scope="session")
def archive_build(tmp_path_factory):
    """(BuildResult, KnowledgeGraph) of ARCHIVE_SUBSET."""
    import kg

    files = [_shared(CORPORA / f) for f in ARCHIVE_SUBSET]
    out = tmp_path_factory.mktemp("archive-out")
    result = kg.build(files, out=out, cache_dir=tmp_path_factory.mktemp("archive-cache"), progress=False)
    return result, kg.load(out)


@pytest.fixture(scope="session")
def seeds_build(seeds_dir, tmp_path_factory):
    """(BuildResult, KnowledgeGraph) of the five seeds, built once, with a private cache."""
    import kg

    out = tmp_path_factory.mktemp("seeds-out")
    result = kg.build([seeds_dir], out=out, cache_dir=tmp_path_factory.mktemp("seeds-cache"), progress=False)
    return result, kg.load(out)


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory):
    """(BuildResult, KnowledgeGraph) of the bundled example corpus, built once."""
    import kg

    out = tmp_path_factory.mktemp("examples-out")
    result = kg.build([EXAMPLES], out=out, cache_dir=tmp_path_factory.mktemp("examples-cache"), progress=False)
    return result, kg.load(out)


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline with the trained model (loaded once)."""
    from kg.extract import load_pipeline

    return load_pipeline()


def build_files(tmp_path: Path, files: dict[str, str], **options):
    """Write `files` (path -> text) into a corpus folder under tmp_path, build it without a cache in
    one process, and return (BuildResult, KnowledgeGraph)."""
    import kg

    corpus = tmp_path / "corpus"
    for name, text in files.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    result = kg.build([corpus], out=tmp_path / "out", progress=False, cache=False, workers=1, **options)
    return result, kg.load(tmp_path / "out")
