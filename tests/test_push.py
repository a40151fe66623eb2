"""kg push: SPARQL 1.1 Graph Store upload to a real Oxigraph server, and the errors a user sees.

The server (`oxigraph serve`, from the `oxigraph` package) runs on a free loopback
port for this module; the store is then asked over HTTP, never through kg.
"""
from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from kg import cli, store
from kg.errors import StoreError


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """Base URL of a running `oxigraph serve` on loopback; stopped after the module."""
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the oxigraph server is not installed (pip install 'oxigraph>=0.5,<0.6')")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("oxigraph-log") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph-db")),
                                 "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _select(url, "ASK { }")
                break
            except (OSError, urllib.error.URLError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start: {log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _select(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _construct(url: str, query: str) -> set:
    request = urllib.request.Request(f"{url}/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return {q.triple for q in ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES)}


def _file_triples(path) -> set:
    return {q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}


@pytest.mark.slow
def test_push_uploads_every_triple_in_chunks_and_answers_like_neighbors(oxigraph, seeds_build, capsys):
    result, g = seeds_build
    ttl = result.out / "graph.ttl"
    triples = _file_triples(ttl)
    assert cli.main(["push", "-g", str(result.out), "--endpoint", f"{oxigraph}/store"]) == 0
    assert capsys.readouterr().out.strip() == f"pushed {len(triples)} triples in 1 request(s) to {oxigraph}/store"
    count = _select(oxigraph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["results"]["bindings"][0]["n"]["value"]
    assert int(count) == len(triples)
    assert _construct(oxigraph, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == triples

    # a neighbour query, the IRI escaped as a SPARQL term by pyoxigraph, compared with g.neighbors
    for name in ("Jakub Pachocki", "OpenAI", "reinforcement learning"):
        node = ox.NamedNode(g.find(name).id)
        query = ("SELECT ?other ?p WHERE { { %s ?p ?other } UNION { ?other ?p %s } "
                 "FILTER(STRSTARTS(STR(?p), STR(<https://w3id.org/kg-podcasts/ontology#>)) && isIRI(?other)) "
                 "?other a ?type . FILTER(?type != <https://w3id.org/kg-podcasts/ontology#Relationship>) }"
                 % (node, node))
        rows = _select(oxigraph, query)["results"]["bindings"]
        relation = {f"https://w3id.org/kg-podcasts/ontology#{p}": r for r, p in
                    (("part_of", "partOf"), ("hosted_by", "hostedBy"), ("features", "features"),
                     ("mentions", "mentions"), ("discusses", "discusses"), ("co_occurs_with", "coOccursWith"))}
        found = {(r["other"]["value"], relation[r["p"]["value"]]) for r in rows if r["p"]["value"] in relation}
        assert found == {(n.entity.id, n.relation) for n in g.neighbors(node.value)}, name


@pytest.mark.slow
def test_push_into_a_named_graph_in_bounded_chunks(oxigraph, seeds_build):
    result, _ = seeds_build
    triples = _file_triples(result.out / "graph.ttl")
    graph = "https://example.org/graphs/podcasts?v=1&x=ä"
    sent = store.push(result.out / "graph.ttl", f"{oxigraph}/store", graph=graph, chunk=4000)
    assert sent.triples == len(triples) and sent.requests == -(-len(triples) // 4000)
    assert "graph=https%3A%2F%2Fexample.org%2Fgraphs%2Fpodcasts%3Fv%3D1%26x%3D%C3%A4" in sent.url
    inside = _construct(oxigraph, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}")
    assert inside == triples
    again = store.push(result.out / "graph.ttl", f"{oxigraph}/store", graph=graph, chunk=100_000, replace=True)
    assert again.requests == 1 and _construct(
        oxigraph, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}") == triples


@pytest.mark.slow
def test_a_refused_body_is_an_http_error_with_the_servers_reason(oxigraph, tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text("<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n", encoding="utf-8")
    with pytest.raises(StoreError) as err:
        store._send(f"{oxigraph}/store?default", f"{oxigraph}/store", "POST", b"<a> <b> .", {
            "Content-Type": store.CONTENT_TYPE}, 10)
    assert str(err.value).startswith(f"HTTP 400 from {oxigraph}/store: ")
    with pytest.raises(StoreError, match=r"HTTP 404 from .*: .*Graph Store endpoint"):
        store.push(bad, f"{oxigraph}/nothing-here")


def test_refused_connection_says_so(seeds_build):
    result, _ = seeds_build
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}/store"
    with pytest.raises(StoreError) as err:
        store.push(result.out / "graph.ttl", endpoint)
    assert str(err.value) == f"cannot connect to {endpoint}: connection refused (is the store running?)"
    assert cli.main(["push", "-g", str(result.out), "--endpoint", endpoint]) == 1


class _AuthHandler(http.server.BaseHTTPRequestHandler):
    """A Graph Store stand-in that wants Basic auth for user kg / password secret."""

    seen: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _AuthHandler.seen.append((self.path, self.headers.get("Authorization"), self.headers["Content-Type"], body))
        ok = self.headers.get("Authorization") == "Basic a2c6c2VjcmV0"      # kg:secret
        self.send_response(204 if ok else 401)
        self.send_header("WWW-Authenticate", 'Basic realm="store"')
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def auth_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _AuthHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _AuthHandler.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


def test_basic_auth_from_user_and_kg_password(auth_server, tmp_path, monkeypatch):
    ttl = tmp_path / "g.ttl"
    ttl.write_text("<https://example.org/s> <https://example.org/p> \"o\" .\n", encoding="utf-8")
    monkeypatch.delenv("KG_PASSWORD", raising=False)
    with pytest.raises(StoreError, match=r"\$KG_PASSWORD is not set"):
        store.push(ttl, auth_server, user="kg")
    with pytest.raises(StoreError) as err:
        store.push(ttl, auth_server)
    assert str(err.value) == f"HTTP 401 from {auth_server}: authentication failed (set --user and $KG_PASSWORD)"
    monkeypatch.setenv("KG_PASSWORD", "wrong")
    with pytest.raises(StoreError, match="HTTP 401"):
        store.push(ttl, auth_server, user="kg")
    monkeypatch.setenv("KG_PASSWORD", "secret")
    sent = store.push(ttl, auth_server, user="kg", graph="urn:x:g")
    assert (sent.triples, sent.requests) == (1, 1)
    path, auth, content_type, body = _AuthHandler.seen[-1]
    assert path == "/store?graph=urn%3Ax%3Ag" and content_type.startswith("text/turtle")
    assert body == b'<https://example.org/s> <https://example.org/p> "o" .\n'


@pytest.mark.parametrize("endpoint, graph, message", [
    ("localhost:7878/store", None, r"is not an http\(s\) URL"),
    ("http://localhost:7878/store", "not an iri", "is not an absolute IRI"),
])
def test_bad_settings_are_explained(tmp_path, endpoint, graph, message):
    ttl = tmp_path / "g.ttl"
    ttl.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        store.push(ttl, endpoint, graph=graph)


def test_a_missing_graph_file_is_graph_not_found(tmp_path):
    from kg.errors import GraphNotFound

    with pytest.raises(GraphNotFound):
        store.push(tmp_path / "nothing.ttl", "http://127.0.0.1:9/store")


@pytest.mark.slow
def test_push_into_a_named_graph_in_small_chunks_and_replace_it(oxigraph, examples_build, tmp_path, capsys):
    result, g = examples_build
    graph = "https://example.org/graphs/examples"
    triples = _file_triples(result.out / "graph.ttl")
    assert cli.main(["push", "-g", str(result.out), "--endpoint", f"{oxigraph}/store", "--graph", graph,
                     "--chunk", "1000"]) == 0
    assert capsys.readouterr().out.strip() == (f"pushed {len(triples)} triples in {-(-len(triples) // 1000)} "
                                               f"request(s) to {oxigraph}/store")
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }" % graph
    assert int(_select(oxigraph, count)["results"]["bindings"][0]["n"]["value"]) == len(triples)
    # --replace: the graph then holds exactly the new file's triples
    small = tmp_path / "small.ttl"
    small.write_text('<https://example.org/a> <https://example.org/b> "c" .\n')
    assert cli.main(["push", "-g", str(small), "--endpoint", f"{oxigraph}/store", "--graph", graph, "--replace"]) == 0
    assert int(_select(oxigraph, count)["results"]["bindings"][0]["n"]["value"]) == 1
