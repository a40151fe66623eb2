"""kg push: SPARQL 1.1 Graph Store upload to a real Oxigraph server, and the errors a user sees.

The server (`oxigraph serve`, from the `oxigraph` package) runs on a free loopback
port for this module; the store is then asked over HTTP, never through kg.
"""
from __future__ import annotations

import http.server
import json
import re
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


# Stores that misbehave: each a real HTTP server on loopback, answering every request with a script.

PASSWORD = "s3cret-pw"
SECRET_URL = "http://kg:{}@127.0.0.1:{}/store"


class _Scripted(http.server.BaseHTTPRequestHandler):
    """Records each request (method, path, headers, body), then lets the server's `answer` reply."""

    def _any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append((self.command, self.path, dict(self.headers), body))
        self.server.answer(self)

    do_GET = do_POST = do_PUT = _any

    def log_message(self, *args):
        pass


@pytest.fixture()
def serve():
    """serve(answer) -> (server, 'http://127.0.0.1:PORT'); every server and its trickling replies stop after the test."""
    servers, stop = [], threading.Event()

    def start(answer):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
        server.answer, server.seen, server.stop = answer, [], stop
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server, f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    stop.set()
    for server in servers:
        server.shutdown()
        server.server_close()


def _reply(status, headers=(), body=b""):
    def answer(handler):
        handler.send_response(status)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return answer


def _trickle_headers(handler):
    """A status line, then one header line a second, never the blank line that ends them."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for i in range(60):
        if handler.server.stop.wait(1):
            return
        try:
            handler.wfile.write(b"X-Slow-%d: 1\r\n" % i)
            handler.wfile.flush()
        except OSError:
            return


def _endless(status):
    def answer(handler):
        """`status`, then 64 KiB blocks of 'x' for as long as the client reads."""
        handler.send_response(status)
        handler.send_header("Connection", "close")
        handler.end_headers()
        block = b"x" * 65536
        while not handler.server.stop.is_set():
            try:
                handler.wfile.write(block)
            except OSError:
                return
    return answer


@pytest.fixture()
def tiny(tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_text('<https://example.org/s> <https://example.org/p> "o" .\n', encoding="utf-8")
    return ttl


@pytest.mark.parametrize("status, phrase", [(301, "Moved Permanently"), (302, "Found"), (303, "See Other"),
                                            (307, "Temporary Redirect"), (308, "Permanent Redirect")])
def test_a_redirect_fails_says_where_and_nothing_goes_there(serve, tiny, monkeypatch, capsys, status, phrase):
    other, other_url = serve(_reply(200))
    store_server, url = serve(_reply(status, [("Location", f"{other_url}/v2/store?default")]))
    endpoint = SECRET_URL.format(PASSWORD, store_server.server_address[1])
    assert cli.main(["push", "-g", str(tiny), "--endpoint", endpoint]) == 1
    shown = f"http://kg:***@127.0.0.1:{store_server.server_address[1]}/store"
    assert capsys.readouterr().err == (f"Error: cannot push to {shown}: the store answered {status} {phrase}, "
                                       f"pointing to {other_url}/v2/store (push to that URL instead)\n")
    # the store got the upload with the credentials; the other host got nothing at all
    (method, path, headers, body), = store_server.seen
    assert (method, path, headers["Authorization"]) == ("POST", "/store?default", "Basic a2c6czNjcmV0LXB3")
    assert headers["Host"] == f"127.0.0.1:{store_server.server_address[1]}"
    assert other.seen == []
    # --user with $KG_PASSWORD, and a relative Location resolved against the request
    relative, url = serve(_reply(status, [("Location", "/elsewhere")]))
    monkeypatch.setenv("KG_PASSWORD", PASSWORD)
    with pytest.raises(StoreError) as err:
        store.push(tiny, f"{url}/store", user="kg", graph="urn:x:g")
    assert str(err.value).endswith(f"pointing to {url}/elsewhere (push to that URL instead)")
    assert len(relative.seen) == 1 and other.seen == []


def test_a_store_that_trickles_its_headers_fails_at_the_deadline(serve, tiny, capsys):
    _, url = serve(_trickle_headers)
    start = time.monotonic()
    assert cli.main(["push", "-g", str(tiny), "--endpoint", f"{url}/store", "--timeout", "1.5"]) == 1
    assert time.monotonic() - start < 2.5                   # before: a 1.5 s timeout waited 40 s, then "pushed"
    assert capsys.readouterr().err == (f"Error: cannot push to {url}/store: no complete answer within 1.5 s "
                                       "(the store is stuck or slow; if it is only slow, give it more time with "
                                       "--timeout)\n")


def test_a_trickled_answer_and_an_unread_upload_meet_the_deadline_too(serve, tiny):
    def slow_body(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        for _ in range(100):
            if handler.server.stop.wait(0.3):
                return
            handler.wfile.write(b"x")
            handler.wfile.flush()

    _, url = serve(slow_body)
    start = time.monotonic()
    with pytest.raises(StoreError, match=r"answered 200 OK but its answer did not end within 1 s"):
        store.push(tiny, f"{url}/store", timeout=1)
    assert time.monotonic() - start < 2
    with socket.socket() as deaf:                           # accepts the connection, never reads a byte of it
        deaf.bind(("127.0.0.1", 0))
        deaf.listen(1)
        endpoint = f"http://127.0.0.1:{deaf.getsockname()[1]}/store"
        start = time.monotonic()
        with pytest.raises(StoreError, match=r"no complete answer within 1 s"):
            store._send(f"{endpoint}?default", endpoint, "POST", b"x" * 32_000_000, {}, 1)
        assert time.monotonic() - start < 2


def test_a_connection_that_never_opens_times_out_and_says_so(tiny):
    with socket.socket() as full:                           # a backlog of one, taken: the next SYN is dropped
        full.bind(("127.0.0.1", 0))
        full.listen(0)
        port = full.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            start = time.monotonic()
            with pytest.raises(StoreError) as err:
                store.push(tiny, f"http://127.0.0.1:{port}/store", timeout=1)
            assert time.monotonic() - start < 2
    assert str(err.value) == (f"cannot connect to http://127.0.0.1:{port}/store: no connection within 1 s "
                              "(is the host up and the port open? a firewall may drop the packets)")


def test_an_endless_answer_is_cut_at_one_megabyte(serve, tiny):
    import tracemalloc

    _, url = serve(_endless(200))
    tracemalloc.start()
    start = time.monotonic()
    try:
        with pytest.raises(StoreError) as err:
            store.push(tiny, f"{url}/store")                # before: 830 MB read in 2 s, and on
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - start < 2 and peak < 8_000_000
    assert str(err.value) == (f"cannot push to {url}/store: the store answered 200 OK but its answer ran past 1 MB "
                              "(reading stopped there; a Graph Store answers an upload in a few bytes: "
                              "is this its endpoint?)")
    _, url = serve(_endless(500))                           # an error's endless answer: its first 300 characters
    with pytest.raises(StoreError) as err:
        store.push(tiny, f"{url}/store")
    assert str(err.value) == f"HTTP 500 from {url}/store: {'x' * 300}..."


def test_the_password_in_the_url_goes_to_its_host_only_and_is_shown_nowhere(serve, tiny, monkeypatch, capsys):
    monkeypatch.setenv("KG_PASSWORD", "not-this-one")
    two = tiny.parent / "two.ttl"
    two.write_text(tiny.read_text() + '<https://example.org/s> <https://example.org/p> "p" .\n', encoding="utf-8")
    ok, _ = serve(_reply(204))
    echo, _ = serve(_reply(500, body=f"\x1b[31mno write access for kg:{PASSWORD}\x1b[0m\n".encode()))
    busy, _ = serve(lambda h: (_reply(204) if len(h.server.seen) == 1 else _reply(503, body=b"busy\n"))(h))

    def run(server, *options, graph=tiny):
        """(exit code, what the user saw with the masked endpoint as STORE)."""
        port = server if isinstance(server, int) else server.server_address[1]
        code = cli.main(["push", "-g", str(graph), "--endpoint", SECRET_URL.format(PASSWORD, port), *options])
        out, err = capsys.readouterr()
        assert PASSWORD not in out + err and "not-this-one" not in out + err
        return code, (out + err).replace(f"http://kg:***@127.0.0.1:{port}/store", "STORE")

    assert run(ok) == (0, "pushed 1 triples in 1 request(s) to STORE\n")
    assert run(echo) == (1, "Error: HTTP 500 from STORE: ?[31mno write access for kg:***?[0m\n")
    assert run(busy, "--chunk", "1", graph=two) == (1, "Error: HTTP 503 from STORE: busy; the 1 triples of the 1 "
                                                       "request(s) before it were stored (pushing the file again "
                                                       "adds each triple once)\n")
    assert run(_free_port()) == (1, "Error: cannot connect to STORE: connection refused (is the store running?)\n")
    assert run(ok, "--user", "kg") == (1, "Error: endpoint STORE names a user and --user kg is given too "
                                          "(give the user in one place)\n")
    (method, path, headers, body), = ok.seen            # user and password from the URL, as Basic auth
    assert (method, path, headers["Authorization"]) == ("POST", "/store?default", "Basic a2c6czNjcmV0LXB3")
    assert headers["Host"] == f"127.0.0.1:{ok.server_address[1]}"


@pytest.mark.parametrize("endpoint, message", [
    (f"http://kg:{PASSWORD}@no-such-host.invalid/store",
     r"^cannot connect to http://kg:\*\*\*@no-such-host\.invalid/store: "
     r"(unknown host no-such-host\.invalid \(no such name in DNS|cannot look up host no-such-host\.invalid)"),
    (f"http://kg:{PASSWORD}@127.0.0.1:99999/store", r"^endpoint http://kg:\*\*\*@127\.0\.0\.1:99999/store is not "
                                                    r"a valid URL \(check the host and port"),
    ("http://kg:pa/ss@127.0.0.1:7878/store", r"^endpoint http://kg:\*\*\*@127\.0\.0\.1:7878/store is not a valid URL"),
    (f"ftp://kg:{PASSWORD}@host/store", r"^endpoint 'ftp://kg:\*\*\*@host/store' is not an http\(s\) URL"),
])
def test_a_bad_endpoint_with_a_password_is_explained_without_it(tiny, endpoint, message):
    with pytest.raises(StoreError) as err:
        store.push(tiny, endpoint)
    assert re.match(message, str(err.value)) and "s3cret" not in str(err.value) and "pa/ss" not in str(err.value)


def test_a_folder_given_as_the_graph_iri_or_an_iri_as_the_folder_is_explained(tiny, capsys, monkeypatch):
    monkeypatch.chdir(tiny.parent)
    (tiny.parent / "output").mkdir()
    hint = ("(in kg push the build folder or .ttl file goes in -g, and --graph names the graph to write into, "
            "e.g. https://example.org/graphs/podcasts)")
    assert cli.main(["push", "--graph", "output", "--endpoint", "http://127.0.0.1:9/store"]) == 1
    assert capsys.readouterr().err == f"Error: graph 'output' is a folder, not an IRI {hint}\n"
    assert cli.main(["push", "-g", "https://example.org/graphs/x", "--endpoint", "http://127.0.0.1:9/store"]) == 1
    assert capsys.readouterr().err == f"Error: no graph at https://example.org/graphs/x: that is an IRI, not a file {hint}\n"
