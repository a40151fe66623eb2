"""Generate the gazetteer's `epoch-*.yaml` files from Epoch AI's Notable AI Models CSV.

    python ontology/build_gazetteer.py [--data ../shared/data/epoch-notable-ai-models.csv] [--out DIR]

Same as `kg gazetteer build`. Data: Epoch AI, epochai.org, CC BY 4.0.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kg import epoch  # noqa: E402

DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "epoch-notable-ai-models.csv"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="Epoch's notable-models CSV")
    parser.add_argument("--out", default=str(HERE / "gazetteer"), help="folder for the epoch-*.yaml files")
    parser.add_argument("--curated", default=None, help="curated gazetteer folder (default: --out)")
    args = parser.parse_args(argv)
    for path in epoch.write(args.data, args.out, args.curated):
        print(path)


if __name__ == "__main__":
    main()
