"""Turtle export time of `kg.rdf.write` vs pyoxigraph's own serializer on the same triples.

    python bench/rdf_export.py                      # the seeds' build and a synthetic 1M-triple graph
    python bench/rdf_export.py --triples 100000 --no-seeds

`kg.rdf.write(g, path)` is the whole export (graph -> triples -> Turtle bytes on
disk); the reference is `pyoxigraph.serialize(list_of_the_same_triples,
format=TURTLE)` to a file with the same prefixes. Prints one JSON line per graph.
The synthetic graph has the node and edge attribute shapes of a real build.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg import rdf  # noqa: E402
from kg.model import Evidence  # noqa: E402

TRIPLES_PER_UNIT = 740      # about the triples one unit of `synthetic` yields (checked by tests/test_rdf.py)


def synthetic(triples: int = 1_000_000, seed: int = 7) -> nx.MultiDiGraph:
    """A graph shaped like a build (episodes, people, models, evidence) yielding about `triples` triples."""
    rng = random.Random(seed)
    units = max(1, triples // TRIPLES_PER_UNIT + 1)
    base = rdf.DEFAULT_BASE
    g = nx.MultiDiGraph()
    kinds = ("Person", "Organization", "Model", "Concept", "Work")
    entities = [(f"{base}{kinds[i % 5].lower()}/entity-{i}", kinds[i % 5]) for i in range(units * 12)]
    for iri, kind in entities:
        g.add_node(iri, label=f"Entity {iri.rsplit('-', 1)[1]}", type=kind, aliases=[f"E{iri[-4:]}", "alias two"],
                   mentions=rng.randint(1, 40), sources=[f"file-{rng.randint(0, units)}.md"], confidence=0.95,
                   key=f"key-{iri[-5:]}", merged_by={f"E{iri[-4:]}": "gazetteer"}, degree=round(rng.random(), 6),
                   betweenness=round(rng.random() / 10, 6), community=rng.randint(0, 20))
    for e in range(units):
        ep = f"{base}episode/episode-{e}"
        g.add_node(ep, label=f"Episode {e}: a title with “quotes”", type="Episode", date="2025-05-22",
                   url=f"https://www.youtube.com/watch?v=abc{e:08d}", formats=["transcript"], mentions=1,
                   sources=[f"file-{e}.md"], confidence=1.0, degree=0.1, betweenness=0.0, community=1)
        people = rng.sample(entities[0::5], 2)
        for person, _ in people:
            g.add_edge(ep, person, key="features", relation="features", weight=1, origins=["metadata"])
        for target, _ in rng.sample(entities, 8):
            evidence = [Evidence(f"file-{e}.md", ep, people[0][0][-9:], rng.randint(0, 5000) + 0.5,
                                 f"https://www.youtube.com/watch?v=abc{e:08d}&t={n}s",
                                 f"A quote of about a sentence, number {n}, with \"marks\" and é.", "ner", 0.85)
                        for n in range(rng.randint(1, 5))]
            g.add_edge(ep, target, key="mentions", relation="mentions", weight=len(evidence), origins=["ner"],
                       evidence=evidence, evidence_count=len(evidence), confidence=0.85)
            g.add_edge(people[0][0], target, key="discusses", relation="discusses", weight=1, origins=["ner"],
                       evidence=evidence[:1], evidence_count=1)
        for (a, _), (b, _) in zip(rng.sample(entities, 4), rng.sample(entities, 4)):
            if a != b:
                g.add_edge(min(a, b), max(a, b), key="co_occurs_with", relation="co_occurs_with", weight=2,
                           score=0.4321, origins=["inferred"], evidence=[Evidence(f"file-{e}.md", ep, quote="q")],
                           evidence_count=1)
    return g


def measure(g: nx.MultiDiGraph, name: str, repeat: int = 3) -> dict:
    """Best-of-`repeat` seconds for our export and for pyoxigraph alone, and their ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        ours_path, ref_path = Path(tmp) / "ours.ttl", Path(tmp) / "ref.ttl"
        triples = list(rdf.to_triples(g))
        pre = rdf.prefixes()
        ours, ref = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            rdf.write(g, ours_path)
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            ox.serialize(triples, output=str(ref_path), format=ox.RdfFormat.TURTLE, prefixes=pre)
            ref.append(time.perf_counter() - t)
        return {"graph": name, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "triples": len(triples),
                "kg_write_s": round(min(ours), 3), "pyoxigraph_s": round(min(ref), 3),
                "ratio": round(min(ours) / min(ref), 2), "turtle_mb": round(ours_path.stat().st_size / 1e6, 1)}


def seeds_graph() -> nx.MultiDiGraph:
    import kg

    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    with tempfile.TemporaryDirectory() as out:
        return kg.build([seeds], out=out, html=False, progress=False).graph


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="Size of the synthetic graph.")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-seeds", action="store_true", help="Skip the seeds' build.")
    args = parser.parse_args(argv)
    if not args.no_seeds:
        print(json.dumps(measure(seeds_graph(), "seeds", repeat=max(args.repeat, 5))))
    print(json.dumps(measure(synthetic(args.triples), f"synthetic-{args.triples}", repeat=args.repeat)))


if __name__ == "__main__":
    main()
