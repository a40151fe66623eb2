"""How many episodes of a build have each fact: host, guests, date, video, chapters, sponsors; files
per episode and the files reported for copied front matter or a repeated transcript.

    python bench/episode_facts.py OUT            # OUT: a build folder (graph.ttl + report.json)
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kg                                    # noqa: E402


def main(out: str) -> None:
    g = kg.load(out)
    report = json.loads((Path(out) / "report.json").read_text(encoding="utf-8"))
    episodes = [n for n, d in g.graph.nodes(data=True) if d["type"] == "Episode" and not d.get("stub")]
    edges = Counter()
    for u, _, k in g.graph.edges(keys=True):
        edges[(u, k)] += 1
    n = len(episodes)
    has = {
        "host (hosted_by)": sum(1 for e in episodes if edges[(e, "hosted_by")]),
        "guest (features)": sum(1 for e in episodes if edges[(e, "features")]),
        "show (part_of)": sum(1 for e in episodes if edges[(e, "part_of")]),
        "date": sum(1 for e in episodes if g.graph.nodes[e].get("date")),
        "video URL": sum(1 for e in episodes if "youtu" in (g.graph.nodes[e].get("url") or "")),
        "chapters": sum(1 for e in episodes if g.graph.nodes[e].get("chapters")),
        "sponsor (sponsored_by)": sum(1 for e in episodes if edges[(e, "sponsored_by")]),
    }
    chapters = sum(len(g.graph.nodes[e].get("chapters", ())) for e in episodes)
    sponsors = Counter(v for u, v, k in g.graph.edges(keys=True) if k == "sponsored_by")
    files = Counter(len(g.graph.nodes[e].get("sources", ())) for e in episodes)
    ads = sum(1 for d in report["documents_read"] if any("sponsor read" in note for note in d["notes"]))
    copied = [w["file"] for w in report["warnings"] if w["message"].startswith("front matter repeats")]
    repeated = [w["file"] for w in report["warnings"] if w["message"].startswith("the same transcript as")]
    print(f"{report['files']} files, {report['documents']} documents, {n} episodes")
    for fact, count in has.items():
        print(f"  {fact:22} {count:5} of {n}")
    print(f"  {chapters} chapters; {sum(sponsors.values())} sponsored_by edges to {len(sponsors)} sponsors, most: "
          + ", ".join(f"{g.graph.nodes[v]['label']} {n}" for v, n in sponsors.most_common(5)))
    print(f"  files per episode  {dict(sorted(files.items()))}")
    print(f"  documents with sponsor reads kept out: {ads}")
    print(f"  copied front matter reported: {len(copied)}; repeated transcripts reported: {len(repeated)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "output")
