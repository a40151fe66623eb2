"""Peak memory of a cold build of one very long transcript (issue: a 30 MB transcript under 1 GB).

The transcript is made at run time, in a temporary folder, from the bodies of the shared
archives (../shared/corpora: Lenny transcripts, then saved Lex pages) until it passes
`--mb` megabytes; nothing of it is kept. The build runs as `kg build FILE -o OUT --no-cache`
in a child process; this script samples the RSS and PSS of that process and its children
every 0.2 s and prints the peaks with the build's own stage timings.

    python bench/big_file.py --mb 30
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def transcript(limit: int) -> str:
    """Episode bodies (front matter dropped) until `limit` bytes."""
    parts, size = [], 0
    sources = sorted((SHARED / "lenny").rglob("transcript.md")) + sorted((SHARED / "lex").glob("*.txt"))
    for path in sources:
        text = path.read_bytes().decode("utf-8", "replace")
        if path.suffix == ".txt" and "lexfridman.com" not in text[:2000]:
            continue                                    # raw captions: one line, no structure
        if text.startswith("---"):
            text = text.split("\n---\n", 1)[-1]
        parts.append(text)
        size += len(text.encode())
        if size >= limit:
            return "\n\n".join(parts)
    raise SystemExit(f"bench: only {size / 1e6:.1f} MB of text under {SHARED}")


def peak(command: list[str]) -> dict:
    child = subprocess.Popen(command)
    proc = psutil.Process(child.pid)
    rss = pss = 0
    started = time.perf_counter()
    while child.poll() is None:
        try:
            info = [p.memory_full_info() for p in [proc, *proc.children(recursive=True)]]
            rss = max(rss, sum(i.rss for i in info))
            pss = max(pss, sum(i.pss for i in info))
        except psutil.Error:
            pass
        time.sleep(0.2)
    return {"returncode": child.returncode, "seconds": round(time.perf_counter() - started, 1),
            "peak_rss_mb": round(rss / 1e6), "peak_pss_mb": round(pss / 1e6)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        (corpus / "long.md").write_text(transcript(int(args.mb * 1_000_000)), encoding="utf-8")
        size = (corpus / "long.md").stat().st_size
        result = peak([sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "--no-cache", "-q"])
        run = json.loads((out / "run.json").read_text()) if result["returncode"] == 0 else {}
    print(json.dumps({"file_mb": round(size / 1e6, 1), "words": run.get("words"), **result,
                      "timings": run.get("timings"), "workers": run.get("workers")}, indent=2))


if __name__ == "__main__":
    main()
