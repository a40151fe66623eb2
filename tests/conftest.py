"""Shared fixtures: the seed files (read from ../shared/seeds, never copied), the example
corpus, and builds of both made once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "seeds"     # KG_SHARED: another place
EXAMPLES = ROOT / "examples" / "corpus"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        message = (f"seed files not found at {SEEDS}: they are third-party text, read from ../shared/seeds "
                   "beside the repo, never copied into it")
        if os.environ.get("KG_REQUIRE_SHARED"):        # .ci/run has them: a skipped seed test is a failure there
            pytest.fail(message)
        pytest.skip(message)
    return SEEDS


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
