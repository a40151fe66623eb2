"""Time `kg vault` on a build folder (issue 19: the Lenny archive's vault in under 20 s).

Loads BUILD/graph.ttl, then writes its notes into a new temporary folder (cold: every note
new), writes them again (warm: nothing changed, no file touched) and lists a dry run; prints
the seconds of each step and the counts as JSON. Nothing is kept.

    python bench/vault.py /tmp/builds/lenny
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import kg
from kg.vault import write_vault


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path, help="a kg build folder (holding graph.ttl)")
    parser.add_argument("--target", type=float, default=20.0, help="seconds a cold write may take")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    g = kg.load(args.build)
    seconds = {"load graph.ttl": time.perf_counter() - t}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "vault" / "kg"
        folder.parent.mkdir()
        for step, dry in (("write (cold)", False), ("write again (nothing changed)", False), ("dry run", True)):
            t = time.perf_counter()
            result = write_vault(g, folder, vault_root=folder.parent, dry_run=dry)
            seconds[step] = time.perf_counter() - t
            print(f"{step}: {result.summary()}", file=sys.stderr)
        notes = len(list(folder.glob("*.md")))
    report = {"build": str(args.build), "entities": g.graph.number_of_nodes(), "edges": g.graph.number_of_edges(),
              "notes": notes, "seconds": {k: round(v, 2) for k, v in seconds.items()},
              "target_s": args.target, "pass": seconds["write (cold)"] < args.target}
    print(json.dumps(report, indent=2))
    return 0 if report["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
