"""Upload a graph to a triple store with the SPARQL 1.1 Graph Store HTTP protocol.

The Turtle file is parsed (strictly, by pyoxigraph) and sent as N-Triples in
POST requests of at most `chunk` triples each, to `ENDPOINT?graph=IRI` (the IRI
URL-encoded) or `ENDPOINT?default`. Every request body is self-contained, and
N-Triples is also valid Turtle, so it goes as `text/turtle`, which every Graph
Store accepts: Oxigraph (`http://HOST:7878/store`), Fuseki
(`http://HOST:3030/DATASET/data`), GraphDB (`.../repositories/REPO/rdf-graphs/service`),
Virtuoso (`http://HOST:8890/sparql-graph-crud`, with --user). kg's own Turtle
has no blank nodes; a file with blank nodes should fit in one chunk, since each
request gets fresh ones. Only the standard library talks HTTP.

>>> target_url("http://localhost:7878/store", "https://example.org/graphs/podcasts")
'http://localhost:7878/store?graph=https%3A%2F%2Fexample.org%2Fgraphs%2Fpodcasts'
>>> target_url("http://localhost:7878/store", None)
'http://localhost:7878/store?default'
"""
from __future__ import annotations

import base64
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from .errors import GraphNotFound, InputError, StoreError

CHUNK = 50_000
TIMEOUT = 120.0
CONTENT_TYPE = "text/turtle; charset=utf-8"


@dataclass
class PushResult:
    """What `push` sent: triples, HTTP requests, and where to."""

    triples: int
    requests: int
    url: str


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store URL of a named graph (`?graph=`, URL-encoded) or of the default graph (`?default`)."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"endpoint {endpoint!r} is not an http(s) URL (example: http://localhost:7878/store)")
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as err:
            raise StoreError(f"graph {graph!r} is not an absolute IRI ({err})") from None
    query = urllib.parse.urlencode({"graph": graph}) if graph is not None else "default"
    return endpoint + ("&" if parts.query else "?") + query


def chunks(triples: Iterable, size: int = CHUNK) -> Iterator[tuple[int, bytes]]:
    """(count, N-Triples bytes) of at most `size` triples each."""
    if size < 1:
        raise StoreError(f"chunk size must be at least 1, not {size}")
    it = iter(triples)
    while batch := [getattr(t, "triple", t) for t in islice(it, size)]:
        yield len(batch), ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)


def push(ttl_path: str | Path, endpoint: str, graph: str | None = None, user: str | None = None, *,
         chunk: int = CHUNK, replace: bool = False, timeout: float = TIMEOUT) -> PushResult:
    """Upload the triples of a Turtle (or .nt) file to a Graph Store endpoint.

    `replace=True` sends the first chunk with PUT, which replaces the graph's content;
    otherwise every chunk is POSTed (added). Basic auth: `user` and the password in
    $KG_PASSWORD. Raises StoreError with the reason and what to do.
    """
    path = Path(ttl_path)
    if not path.is_file():
        raise GraphNotFound(f"no graph at {path} (run 'kg build CORPUS -o OUT' first)")
    url = target_url(endpoint, graph)
    headers = {"Content-Type": CONTENT_TYPE}
    if user is not None:
        password = os.environ.get("KG_PASSWORD")
        if password is None:
            raise StoreError(f"--user {user} given but $KG_PASSWORD is not set (export KG_PASSWORD=...)")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE
    sent = requests = 0
    try:
        with path.open("rb") as f:
            for count, body in chunks(ox.parse(f, format=fmt), chunk):
                method = "PUT" if replace and requests == 0 else "POST"
                _send(url, endpoint, method, body, headers, timeout)
                sent, requests = sent + count, requests + 1
    except SyntaxError as err:
        raise InputError(str(path), f"not valid {fmt.name}: {err}", line=getattr(err, "lineno", None),
                         hint=f"nothing after triple {sent} was sent; fix or rebuild the file") from None
    if replace and requests == 0:
        _send(url, endpoint, "PUT", b"", headers, timeout)
        requests = 1
    return PushResult(sent, requests, url)


def _send(url: str, endpoint: str, method: str, body: bytes, headers: dict, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        raise StoreError(_http_message(err, endpoint)) from None
    except urllib.error.URLError as err:
        raise StoreError(f"cannot connect to {endpoint}: {_reason(err.reason, timeout)}") from None
    except (ConnectionError, TimeoutError, socket.timeout) as err:
        raise StoreError(f"cannot connect to {endpoint}: {_reason(err, timeout)}") from None


def _reason(reason, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the store running?)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s (is the store running and reachable?)"
    if isinstance(reason, socket.gaierror):
        return f"unknown host ({reason.strerror or reason})"
    return str(getattr(reason, "strerror", None) or reason)


def _http_message(err: urllib.error.HTTPError, endpoint: str) -> str:
    if err.code in (401, 403):
        return f"HTTP {err.code} from {endpoint}: authentication failed (set --user and $KG_PASSWORD)"
    try:
        body = err.read().decode("utf-8", "replace").strip()
    except OSError:
        body = ""
    first = next((line.strip() for line in body.splitlines() if line.strip()), "") or str(err.reason)
    hint = ""
    if err.code in (404, 405):
        hint = (" (is this the Graph Store endpoint? Oxigraph: http://HOST:7878/store, "
                "Fuseki: http://HOST:3030/DATASET/data)")
    return f"HTTP {err.code} from {endpoint}: {first[:300]}{hint}"
