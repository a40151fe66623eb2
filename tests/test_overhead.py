"""Extraction stays NER-bound: the gazetteer ruler, the per-document metadata patterns, the
sorting of sentences NER need not read (kg.plain), the episode's own terms (kg.terms) and
resolution add less than 15% to the time of the bare `nlp.pipe` on the seeds.

Whole runs of spaCy on this shared 2-core machine vary by +-15% from one run to the next,
more than the overhead itself, so the three additions are timed on their own (best of 5,
CPU time, in a fresh process) and compared with the best of 5 bare `nlp.pipe` runs (the same
trained components, senter + ner, on the same chunks)."""
import json
import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPT = r"""
import gc, json, sys, time
import spacy
from kg import gazetteer
from kg.extract import _finish, chunks, extract, load_pipeline, note_aliases
from kg.plain import segments
from kg.read import read_corpus
from kg.resolve import resolve
from kg.terms import recurring_terms, spacy_tagger

def best(work, n=5):
    times = []
    for _ in range(n):
        gc.collect(); start = time.process_time(); work(); times.append(time.process_time() - start)
    return min(times)

corpus = read_corpus([sys.argv[1]])
docs = corpus.documents
pieces = [[(offset, piece) for offset, piece in chunks(d.text)] for d in docs]
texts = [piece for ps in pieces for _, piece in ps]
nlp, gaz, aliases = load_pipeline(), gazetteer.load(), note_aliases(corpus.notes)
bare = spacy.load(f"{nlp.meta['lang']}_{nlp.meta['name']}",
                  exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
bare.enable_pipe("senter")
ruler = nlp.get_pipe("kg_gazetteer")
tokenized = [nlp.make_doc(t) for t in texts]
parsed = [[(offset, nlp(piece)) for offset, piece in ps] for ps in pieces]
extractions = list(extract(nlp, docs, notes=corpus.notes))
times = {
    "bare nlp.pipe": best(lambda: list(bare.pipe(texts, batch_size=8))),
    "ruler": best(lambda: [ruler.set_annotations(d, ruler.match(d)) for d in tokenized]),
    "metadata patterns and mentions": best(lambda: [_finish(nlp, d, p, aliases) for d, p in zip(docs, parsed)]),
    "resolution": best(lambda: resolve(docs, extractions, gaz, notes=corpus.notes)),
    "plain sentences": best(lambda: [segments(t) for t in texts]),
    "terms": best(lambda: [recurring_terms(d.text, spacy_tagger(nlp)) for d in docs]),
}
print(json.dumps(times))
"""


@pytest.mark.slow
def test_ruler_metadata_patterns_plain_sentences_terms_and_resolution_add_less_than_15_percent(seeds_dir):
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(seeds_dir)], capture_output=True, text=True,
                          cwd=ROOT, timeout=900, check=True)
    times = json.loads(proc.stdout.strip().splitlines()[-1])
    added = sum(times[k] for k in ("ruler", "metadata patterns and mentions", "resolution", "plain sentences", "terms"))
    assert added / times["bare nlp.pipe"] < 0.15, times
