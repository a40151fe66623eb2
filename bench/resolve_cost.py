"""The resolve stage's time as a build runs it: extraction cached, resolution's decisions not
(as after a change of kg's code), one worker, best of `--repeat`. Run it from two checkouts on
the same folder to compare them.

    python bench/resolve_cost.py FOLDER [--repeat 3] [--cache DIR]

FOLDER is any corpus folder (e.g. a sample copied from ../shared/corpora into /tmp; never into
the repo). The first build fills the cache (two workers); each timed build deletes the cache's
`resolve` and `builds` folders first. Prints a JSON object with the best stage times (s).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cache", help="Cache folder (default: a new temporary one).")
    args = ap.parse_args()
    cache = Path(args.cache or tempfile.mkdtemp(prefix="kg-resolve-cost-"))
    with tempfile.TemporaryDirectory() as out:
        kg.build(args.folder, out, cache_dir=cache, html=False, progress=False, workers=2)
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for part in ("resolve", "builds"):
            shutil.rmtree(cache / part, ignore_errors=True)
        with tempfile.TemporaryDirectory() as out:
            kg.build(args.folder, out, cache_dir=cache, html=False, progress=False, workers=1)
            timings = json.loads((Path(out) / "run.json").read_text())["timings"]
        for stage in ("read", "resolve", "link"):
            best[stage] = min(best.get(stage, float("inf")), timings.get(stage, 0.0))
    print(json.dumps({"folder": str(args.folder), "repeat": args.repeat, **{k: round(v, 3) for k, v in best.items()}}))


if __name__ == "__main__":
    main()
