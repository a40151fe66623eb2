"""One episode added to a built archive, measured the way a user meets it: the corpus less one
file is built (its reads, extractions and resolution decisions go to the cache), then the file
comes back and the corpus is built again, `--runs` times from the same cache state; each
run's outputs are compared byte for byte with a cold build's (`--reference`).

    python bench/add_episode.py --corpus /tmp/ab-all/add-1/sample-1 --cache /tmp/ab-all/add-cache-1 \\
        --added "lex/489 - Paul Rosolie - Uncontacted Tribes in the Amazon Jungle.txt" \\
        --reference /tmp/ab-all/add-out-1 --work /tmp/add754 --runs 3

`--as-extraction VERSION --as-reader DIGEST` let a cache made by an earlier kg serve (its
extraction version and reader digest), when extraction has not changed for the files measured
(e.g. only raw captions' extraction changed): the archive's cold build takes 40 minutes here.
The corpus is copied into WORK (never modified); prints one JSON line per build.
"""
from __future__ import annotations

import argparse
import importlib
import json
import re
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUTPUTS = ("graph.ttl", "graph.html", "report.json", "graph.load.json")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--cache", type=Path, required=True, help="A cache holding the corpus's reads and extractions.")
    ap.add_argument("--added", required=True, help="The file added, as a path inside the corpus.")
    ap.add_argument("--reference", type=Path, help="A cold build of the whole corpus to compare with "
                                                     "(made first, by this code, if the folder does not exist).")
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--as-extraction", help="Use cache entries of this EXTRACTION_VERSION.")
    ap.add_argument("--as-reader", help="Use cache entries of this reader digest.")
    a = ap.parse_args()
    import kg
    import kg.cache
    import kg.model

    build_module = importlib.import_module("kg.build")
    if a.as_extraction:
        kg.model.EXTRACTION_VERSION = build_module.EXTRACTION_VERSION = a.as_extraction
    if a.as_reader:
        build_module.reader_version = kg.cache.reader_version = lambda: a.as_reader
    corpus = a.work / a.corpus.name                  # the same folder name: the page's title
    aside = a.work / "added.file"
    if not (a.work / "resolve-before").is_dir():
        shutil.rmtree(a.work, ignore_errors=True)
        shutil.copytree(a.corpus, corpus)
        if a.reference and not a.reference.exists():      # made by this code, every document decided
            shutil.rmtree(a.cache / "resolve", ignore_errors=True)
            print(json.dumps({"build": "cold reference", **_build(kg, corpus, a.reference, a.cache)}), flush=True)
        (corpus / a.added).rename(aside)
        shutil.rmtree(a.cache / "resolve", ignore_errors=True)
        print(json.dumps({"build": "before", **_build(kg, corpus, a.work / "out-before", a.cache)}), flush=True)
        shutil.copytree(a.cache / "resolve", a.work / "resolve-before")
    # its path as a whole: "x/transcript.md" is not "y/transcript.md"
    name = re.compile(rb'["/]' + re.escape(json.dumps(Path(a.added).as_posix())[1:].encode()))
    for n in range(1, a.runs + 1):
        if (corpus / a.added).exists():
            (corpus / a.added).rename(aside)
        shutil.rmtree(a.cache / "resolve")
        shutil.copytree(a.work / "resolve-before", a.cache / "resolve")
        for part in ("read", "extract"):                 # the added file was never read or extracted
            for p in (a.cache / part).rglob("*.json"):
                if name.search(p.read_bytes()):
                    p.unlink()
        aside.rename(corpus / a.added)
        out = a.work / f"out-add{n}"
        result = _build(kg, corpus, out, a.cache)
        if a.reference:
            result["identical_to_reference"] = all((out / f).read_bytes() == (a.reference / f).read_bytes()
                                                   for f in OUTPUTS)
        print(json.dumps({"build": f"add {n}", **result}), flush=True)


def _build(kg, corpus: Path, out: Path, cache: Path) -> dict:
    shutil.rmtree(cache / "builds", ignore_errors=True)          # never the whole-build memo
    start = time.perf_counter()
    r = kg.build([corpus], out=out, cache_dir=str(cache), progress=False, workers=1)
    return {"seconds": round(time.perf_counter() - start, 1), "stages": {k: round(v, 1) for k, v in r.timings.items()},
            "resolve": r.run["resolve"], "cache": r.run["cache"],
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "largest_child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}


if __name__ == "__main__":
    main()
