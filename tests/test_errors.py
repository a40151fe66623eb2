"""Every everyday mistake ends in one line, `Error: what (file or IRI): what to do`, and exit 1.

One table (as pypa/build pins its validation messages): each row is a command line (or a call
of the Python API) with what it needs set up, and the exact first line it prints, on stderr for
an error (then nothing else: no traceback) or on stdout for a success. `{out}` is the example
corpus's build folder (built once per session), `{tmp}` a fresh folder. For every row nothing
connects to the network (a local listener must stay untouched), no file outside `{tmp}` is
replaced (so a regression cannot clobber /dev/null when the tests run as root), and `--json`
output stays valid JSON.
"""
from __future__ import annotations

import json
import os
import re
import socket
import threading

import pytest

import kg
from kg.cli import main

ESC = "\x1b"
FOREIGN = """@prefix kgo: <https://w3id.org/kg-podcasts/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/kg/person/ada> a kgo:Person ; rdfs:label "Ada" ; kgo:mentionCount 3 .
<https://example.org/kg/model/gpt-4> a kgo:Model ; rdfs:label "GPT-4" ; kgo:mentionCount 1 .
"""
EVIDENCE_FROM_ELSEWHERE = FOREIGN + """
<http://elsewhere.example/r1> a kgo:Relationship ; kgo:relSubject <https://example.org/kg/person/ada> ;
  kgo:relObject <https://example.org/kg/model/gpt-4> ; kgo:relation kgo:discusses ; kgo:weight 2 ;
  kgo:evidence <http://elsewhere.example/ev/b> , <http://elsewhere.example/ev/a> .
<http://elsewhere.example/ev/a> a kgo:Evidence ; kgo:sourceFile "a.txt" ; kgo:quote "Ada uses GPT-4" ; kgo:seconds 12 .
<http://elsewhere.example/ev/b> a kgo:Evidence ; kgo:sourceFile "b.txt" ; kgo:quote 5 .
"""
GOLD_HINT = "gold annotations are YAML with a 'documents' list, like tests/gold/seeds.yaml"
REWRITE = "or write the file again with 'kg build' or 'kg export'"
SERVICE = ("SERVICE is not allowed (SPARQL query, line 1, column {col}): kg answers from the local graph only and "
           "never queries the network; query that endpoint directly (if 'service' is part of a name, write its IRI "
           "in full)")
NOT_REGULAR = ("not a regular file (/dev/null): give the path of a file (kg writes a new file and renames it into "
               "place, which would replace this one)")
PREFIXES = ("concept:, episode:, foaf:, kgo:, model:, organization:, owl:, person:, place:, prov:, rdf:, rdfs:, "
            "rel:, schema:, show:, skos:, wd:, work:, xsd:")
TYPES = "Person, Organization, Model, Concept, Episode, Show, Place, Work"


def write(name: str, text: str):
    return lambda tmp, mp: (tmp / name).write_text(text, encoding="utf-8")


def read_only(tmp, mp):
    (tmp / "ro").mkdir()
    (tmp / "ro").chmod(0o555)


def boom(tmp, mp):
    def load(path):
        raise RuntimeError("boom")
    mp.setattr(kg, "load", load)


ROOT_IGNORES_MODES = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root writes into a 0555 folder; the /proc/version row checks a folder root cannot write either")

ROWS = [
    # -- -o FILE of view and export --------------------------------------------------------------------
    ("view -o under a file", ["view", "-g", "{out}", "-o", "{tmp}/afile/x.html"], write("afile", ""), 1,
     "Error: {tmp}/afile is a file, not a folder ({tmp}/afile/x.html): choose a path in an existing folder"),
    ("view -o a folder", ["view", "-g", "{out}", "-o", "{tmp}"], None, 1,
     "Error: is a folder ({tmp}): give a file name, e.g. {tmp}/graph.html"),
    ("export -o a folder", ["export", "-g", "{out}", "--format", "gexf", "-o", "{tmp}"], None, 1,
     "Error: is a folder ({tmp}): give a file name, e.g. {tmp}/graph.gexf"),
    ("export -o missing folder", ["export", "-g", "{out}", "--format", "ttl", "-o", "{tmp}/no/such/g.ttl"], None, 1,
     "Error: folder {tmp}/no/such does not exist ({tmp}/no/such/g.ttl): create it first, or choose another path"),
    ("view -o missing folder", ["view", "-g", "{out}", "-o", "{tmp}/no/g.html"], None, 1,
     "Error: folder {tmp}/no does not exist ({tmp}/no/g.html): create it first, or choose another path"),
    ("export -o a folder root cannot write", ["export", "-g", "{out}", "--format", "nt", "-o", "/proc/version"],
     None, 1, "Error: cannot create files in /proc (/proc/version): choose a folder you can write to"),
    pytest.param("export -o a read-only folder", ["export", "-g", "{out}", "--format", "nt", "-o", "{tmp}/ro/g.nt"],
                 read_only, 1,
                 "Error: cannot create files in {tmp}/ro ({tmp}/ro/g.nt): choose a folder you can write to",
                 marks=ROOT_IGNORES_MODES, id="export -o a read-only folder"),
    ("export -o /dev/null", ["export", "-g", "{out}", "--format", "ttl", "-o", "/dev/null"], None, 1,
     "Error: " + NOT_REGULAR),
    ("view -o /dev/null", ["view", "-g", "{out}", "-o", "/dev/null"], None, 1, "Error: " + NOT_REGULAR),
    ("build -o a file", ["build", "{tmp}", "-o", "{tmp}/afile"], write("afile", ""), 1,
     "Error: not a folder ({tmp}/afile): kg build writes graph.ttl, graph.html and report.json into a folder; "
     "give a folder for -o"),
    # -- --base-iri ------------------------------------------------------------------------------------
    ("bad --base-iri scheme", ["build", "{tmp}", "-o", "{tmp}/o", "--base-iri", "ftp://x"], None, 1,
     "Error: not a plain http(s) base IRI (ftp://x): use one like https://example.org/kg/ "
     "(letters, digits, -._~/ and %XX escapes)"),
    ("bad --base-iri escape", ["build", "{tmp}", "-o", "{tmp}/o", "--base-iri", "https://ex.org/%zz/"], None, 1,
     "Error: not a plain http(s) base IRI (https://ex.org/%zz/): use one like https://example.org/kg/ "
     "(letters, digits, -._~/ and %XX escapes)"),
    # -- kg eval --gold ------------------------------------------------------------------------------
    ("eval --gold Turtle", ["eval", "--gold", "{out}/graph.ttl", "-g", "{out}"], None, 1,
     "Error: not YAML: found character that cannot start any token ({out}/graph.ttl, line 1): " + GOLD_HINT),
    ("eval --gold JSON of another shape", ["eval", "--gold", "{out}/report.json", "-g", "{out}"], None, 1,
     "Error: not a gold file: no 'documents' list ({out}/report.json): " + GOLD_HINT),
    ("eval --gold entity without type", ["eval", "--gold", "{tmp}/g.yaml", "-g", "{out}"],
     write("g.yaml", "documents:\n  - file: ep.md\n    entities: [{label: OpenAI}]\n"), 1,
     f"Error: document 1: ep.md: entity {{'label': 'OpenAI'}} needs a 'label' and a 'type' ({TYPES}) "
     "({tmp}/g.yaml): " + GOLD_HINT),
    # -- Turtle kg did not write, or no Turtle at all ------------------------------------------------------
    ("stats on graph.html", ["stats", "-g", "{out}/graph.html"], None, 1,
     "Error: an HTML page, not a graph file ({out}/graph.html): give the build folder or its graph.ttl "
     "(graph.html is the page to open in a browser)"),
    ("stats on an ill-typed literal", ["stats", "-g", "{tmp}/ill.ttl"],
     write("ill.ttl", FOREIGN.replace("kgo:mentionCount 1", 'kgo:mentionCount "many"^^xsd:integer')), 1,
     'Error: kgo:mentionCount must be a whole number: <https://example.org/kg/model/gpt-4> kgo:mentionCount '
     '"many"^^xsd:integer ({tmp}/ill.ttl): fix or remove that triple, ' + REWRITE),
    ("stats on a missing label", ["stats", "-g", "{tmp}/nolabel.ttl"],
     write("nolabel.ttl", FOREIGN.replace('rdfs:label "Ada" ;', "")), 1,
     "Error: entity without rdfs:label: <https://example.org/kg/person/ada> a kgo:Person ({tmp}/nolabel.ttl): "
     "add its rdfs:label, " + REWRITE),
    ("stats on a Turtle syntax error", ["stats", "-g", "{tmp}/broken.ttl"],
     write("broken.ttl", FOREIGN + "<a> oops .\n"), 1,
     "Error: not valid Turtle at column 1: No scheme found in an absolute IRI ({tmp}/broken.ttl, line 6): "
     "give a graph kg wrote (kg build, kg export), or fix that line"),
    ("neighbors with evidence IRIs from elsewhere", ["neighbors", "Ada", "-g", "{tmp}/ev.ttl"],
     write("ev.ttl", EVIDENCE_FROM_ELSEWHERE), 0, "Ada (Person)"),
    ("kg.load on an ill-typed literal", lambda g, tmp: kg.load(tmp / "ill.ttl"),
     write("ill.ttl", FOREIGN.replace("mentionCount 3", 'mentionCount "3.5"^^xsd:decimal')), 1,
     'InputError: {tmp}/ill.ttl: kgo:mentionCount must be a whole number: <https://example.org/kg/person/ada> '
     'kgo:mentionCount "3.5"^^xsd:decimal (fix or remove that triple, ' + REWRITE + ")"),
    # -- SPARQL -----------------------------------------------------------------------------------------
    ("query unknown prefix", ["query", "-g", "{out}", "SELECT * WHERE { ?s foo:bar ?o }"], None, 1,
     f"Error: unknown prefix 'foo:' (SPARQL query, line 1, column 28): declare it (PREFIX foo: <IRI>) or use one of "
     f"{PREFIXES}"),
    ("query SERVICE", ["query", "-g", "{out}", "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/s> { ?s ?p ?o } }"],
     None, 1, "Error: " + SERVICE.format(col=18)),
    ("query SERVICE SILENT glued",
     ["query", "-g", "{out}", "ASK { ?s ?p ?o .sErViCe SILENT <http://127.0.0.1:{port}/> {} }"], None, 1,
     "Error: " + SERVICE.format(col=17)),
    ("query 'service' in strings, IRIs, comments, variables",
     ["query", "-g", "{out}", 'ASK { ?service ?p "SERVICE" FILTER(?p != <http://e/SERVICE>) } # SERVICE'], None, 0,
     "false"),
    ("sparql() SERVICE glued to a name",
     lambda g, tmp: list(g.sparql("PREFIX l: <http://127.0.0.1:9/> SELECT * WHERE { SERVICEl:x { ?s ?p ?o } }")),
     None, 1, "QueryError: " + SERVICE.format(col=50)),
    # -- the query API ---------------------------------------------------------------------------------
    ("--type in any case", ["neighbors", "OpenAI", "-g", "{out}", "--type", "person", "--limit", "1"], None, 0,
     "OpenAI (Organization)"),
    ("unknown --type", ["neighbors", "OpenAI", "-g", "{out}", "--type", "robot"], None, 1,
     f"Error: unknown type 'robot': use one of {TYPES}"),
    ("--limit -1", ["neighbors", "OpenAI", "-g", "{out}", "--limit", "-1"], None, 1,
     "Error: invalid value for '--limit': -1 is not in the range x>=0 (kg neighbors): see 'kg neighbors --help'"),
    ("find(None)", lambda g, tmp: g.find(None), None, 1,
     "TypeError: find() takes an entity name or id (a str), not NoneType None"),
    ("neighbors(limit=-1)", lambda g, tmp: g.neighbors("OpenAI", limit=-1), None, 1,
     "QueryError: limit must be a whole number >= 0, or None for all (limit=-1)"),
    # -- the terminal ----------------------------------------------------------------------------------
    ("file name with OSC", ["export", "-g", "{out}", "--format", "nt", "-o", "{tmp}/" + ESC + "]0;pwned\a.nt"], None, 0,
     "wrote {tmp}/\\u001b]0;pwned\\u0007.nt"),
    ("missing graph named with CSI", ["stats", "-g", "{tmp}/" + ESC + "[31mred"], None, 1,
     "Error: no graph found ({tmp}/\\u001b[31mred): give a build folder holding graph.ttl, or a .ttl file; "
     "or run 'kg build CORPUS -o {tmp}/\\u001b[31mred' first"),
    ("label with OSC and bidi override", ["neighbors", "GPT-4", "-g", "{tmp}/x.ttl"],
     write("x.ttl", EVIDENCE_FROM_ELSEWHERE.replace('"Ada"', '"Ada\\u001b]0;x\\u0007\u202e"')), 0,
     "GPT-4 (Model)"),
    ("JSON keeps escapes valid", ["neighbors", "GPT-4", "-g", "{tmp}/x.ttl", "--json"],
     write("x.ttl", EVIDENCE_FROM_ELSEWHERE.replace('"Ada"', '"Ada\\u001b]0;x\\u0007\u202e"')), 0, "["),
    # -- --debug, KG_DEBUG and kg's own bugs -----------------------------------------------------------
    ("--debug anywhere", ["stats", "-g", "{tmp}/none", "--debug"], None, 1, "Traceback (most recent call last):"),
    ("KG_DEBUG=1", ["stats", "-g", "{tmp}/none"], lambda tmp, mp: mp.setenv("KG_DEBUG", "1"), 1,
     "Traceback (most recent call last):"),
    ("a kg bug", ["stats", "-g", "{out}"], boom, 1,
     "Error: unexpected RuntimeError: boom (this is a kg bug; run again with --debug and report it)"),
]


@pytest.fixture
def listener():
    """A local port that records and drops every connection made to it: (port, connections)."""
    seen: list = []
    stop = threading.Event()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        sock.settimeout(0.05)

        def serve():
            while not stop.is_set():
                try:
                    conn, peer = sock.accept()
                except OSError:
                    continue
                seen.append(peer)
                conn.close()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        yield sock.getsockname()[1], seen
        stop.set()
        thread.join()


def _fill(value: str, **names) -> str:
    return re.sub(r"\{(out|tmp|port)\}", lambda m: str(names[m.group(1)]), value)


def _param(row):
    return row if hasattr(row, "marks") else pytest.param(*row, id=row[0])


@pytest.mark.parametrize("name,argv,setup,code,first", [_param(row) for row in ROWS])
def test_every_mistake_is_one_line_and_exit_1(name, argv, setup, code, first, examples_build, tmp_path, monkeypatch,
                                              capsys, listener):
    result, g = examples_build
    port, connections = listener
    names = dict(out=result.out, tmp=tmp_path, port=port)
    if setup:
        setup(tmp_path, monkeypatch)
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: real_replace(src, dst) if str(dst).startswith(str(tmp_path))
                        else pytest.fail(f"kg tried to replace {dst}, outside the test's folder"))
    if callable(argv):
        try:
            argv(g, tmp_path)
            got, line = 0, ""
        except Exception as err:  # noqa: BLE001 - the row names the exception it expects
            got, line = 1, f"{type(err).__name__}: {err}"
        out = err = ""
    else:
        got = main([_fill(a, **names) for a in argv])
        out, err = capsys.readouterr()
        line = (err if got else out).split("\n")[0]
        if got and not first.startswith("Traceback"):
            assert err.count("\n") == 1 and not out, err         # one line, no traceback
        if "--json" in argv:
            assert not re.search("[\x00-\x1f\x7f-\x9f\u202e]", out.replace("\n", "")) and json.loads(out)
        assert not re.search("[\x1b\x07\u202e]", out + err)
    assert (got, line) == (code, _fill(first, **names))
    assert connections == []                                          # nothing tried the network

