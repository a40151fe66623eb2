"""Score kg on the gold episodes of the real archives (tests/gold/lenny.yaml, lex-pages.yaml,
lex-captions.yaml): build them, run `kg eval`, print the table, keep the JSON.

    python bench/quality.py                       # build the 30 gold files, score them
    python bench/quality.py --full                # build each whole archive (about 40 min), score the gold
    python bench/quality.py --out /tmp/q --json /tmp/q.json

The archives are read from ../shared/corpora (third-party text, never copied into the repo).
With the default, each archive's gold files are built together, one build per archive; the
held-back documents are in the builds, and the table shows them apart (`ALL held-back`):
that is the figure that counts.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kg                                    # noqa: E402
from kg.eval import evaluate                 # noqa: E402
from kg.gold import read_gold                # noqa: E402
from kg.scorecard import format_table        # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
GOLD = ROOT / "tests" / "gold"
ARCHIVES = {"lenny": ["lenny.yaml"], "lex": ["lex-pages.yaml", "lex-captions.yaml"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/tmp/kg-quality", help="Folder for the builds.")
    ap.add_argument("--full", action="store_true", help="Build each whole archive, not only its gold files.")
    ap.add_argument("--json", help="Write the full result here.")
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    results = {}
    for archive, golds in ARCHIVES.items():
        corpus = CORPORA / archive
        paths = [GOLD / g for g in golds]
        files = [corpus / d.file for p in paths for d in read_gold(p)]
        missing = [str(f) for f in files if not f.is_file()]
        if missing:
            sys.exit(f"gold files not found (is ../shared/corpora beside the repo?): {missing[:3]}")
        out = Path(args.out) / (archive + ("-full" if args.full else ""))
        start = time.perf_counter()
        kg.build([corpus] if args.full else files, out=out, progress=False, workers=args.workers)
        took = time.perf_counter() - start
        result = evaluate(kg.load(out), paths, corpus=corpus)
        results[archive] = dict(result, build_seconds=round(took, 1), build=str(out))
        print(f"== {archive}: {'whole archive' if args.full else f'{len(files)} gold files'} built in {took:.0f} s "
              f"into {out}\n")
        print(format_table(result) + "\n")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
