"""What leaving plain sentences out of NER saves, and what it changes (kg.plain).

    python bench/plain_cost.py [--files 5] [--repeat 3] [--skip 0]

Reads Lenny transcripts from ../shared/corpora (with kg's reader; never copied into the repo):
`--files` of them, from the `--skip`-th in name order. Extracts them in one process with kg's
pipeline three ways: NER on every sentence (the code before kg.plain), with the plain sentences
left out as built, and without the sentence of context before each sentence that needs NER.
Each time is CPU time, best of `--repeat`. Also the share of characters NER reads, and the
mentions each way loses or adds against NER on every sentence (surface, type, source,
offsets). Prints a JSON object.
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPORA = ROOT.parent / "shared" / "corpora"

from gazetteer_cost import best               # noqa: E402 - CPU time, best of n (bench/ is on sys.path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=5)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    import kg.extract
    import kg.plain
    from kg import gazetteer
    from kg.read import read_corpus

    files = sorted((CORPORA / "lenny").glob("*/transcript.md"))[a.skip:a.skip + a.files]
    docs = read_corpus(files).documents
    nlp = kg.extract.load_pipeline(gazetteer=gazetteer.load().spec)
    built = kg.plain.segments
    ways = {"every sentence": lambda text: [(0, text, True)], "as built": built,
            "no sentence before": functools.partial(built, before=0)}
    result: dict = {"files": [f.parent.name for f in files], "chars": sum(len(d.text) for d in docs)}
    mentions = {}
    for name, way in ways.items():
        kg.plain.segments = way
        mentions[name] = {(m.doc, m.surface, m.type, m.source, m.start, m.end)
                          for x in kg.extract.extract(nlp, docs) for m in x.mentions}
        read = sum(_read(d.text, way) for d in docs)
        cpu = best(lambda: list(kg.extract.extract(nlp, docs)), a.repeat)
        result[name] = {"cpu_s": round(cpu, 2), "ner_reads": round(read / result["chars"], 3)}
    kg.plain.segments = built
    for name in ("as built", "no sentence before"):
        lost, new = mentions["every sentence"] - mentions[name], mentions[name] - mentions["every sentence"]
        result[name].update(mentions=len(mentions[name]), lost=sorted(m[1:4] for m in lost),
                            new=sorted(m[1:4] for m in new))
    result["every sentence"]["mentions"] = len(mentions["every sentence"])
    print(json.dumps(result, indent=1))


def _read(text: str, way) -> int:
    """Characters NER reads of a document, as the build cuts it: per chunk, a short or raw
    speech-recognition text whole (sponsor reads, which nothing reads, counted as read)."""
    from kg.extract import chunks
    from kg.plain import MIN_CUT_CHARS
    from kg.read.text import speech_recognition

    if len(text) < MIN_CUT_CHARS or speech_recognition(text):
        return len(text)
    return sum(len(p) for _, chunk in chunks(text) for _, p, ner in way(chunk) if ner)


if __name__ == "__main__":
    main()
