"""Upload a graph to a triple store with the SPARQL 1.1 Graph Store HTTP protocol.

The Turtle file is parsed (strictly, by pyoxigraph) and sent as N-Triples in
POST requests of at most `chunk` triples each, to `ENDPOINT?graph=IRI` (the IRI
URL-encoded) or `ENDPOINT?default`. Every request body is self-contained, and
N-Triples is also valid Turtle, so it goes as `text/turtle`, which every Graph
Store accepts: Oxigraph (`http://HOST:7878/store`), Fuseki
(`http://HOST:3030/DATASET/data`), GraphDB (`.../repositories/REPO/rdf-graphs/service`),
Virtuoso (`http://HOST:8890/sparql-graph-crud`, with --user). kg's own Turtle
has no blank nodes; a file with blank nodes should fit in one chunk, since each
request gets fresh ones, and pushing the same file again then adds nothing.

HTTP goes through httpcore (the transport of httpx, which spaCy already
installs), with every request held to what a store owes an upload: one deadline
of `timeout` seconds for the connection, the upload and the whole answer (every
socket read and write gets only the time left), an answer of at most
MAX_ANSWER bytes, no redirect followed (a 3xx is an error that says where it
points), no proxy, and the credentials (`--user` with $KG_PASSWORD, or
`http://USER:PASSWORD@HOST/...`) sent to the endpoint's host only and shown as
`***` in every message. The host name lookup is left to the system resolver.

>>> target_url("http://localhost:7878/store", "https://example.org/graphs/podcasts")
'http://localhost:7878/store?graph=https%3A%2F%2Fexample.org%2Fgraphs%2Fpodcasts'
>>> target_url("http://localhost:7878/store", None)
'http://localhost:7878/store?default'
>>> redact("http://kg:s3cret@localhost:7878/store")
'http://kg:***@localhost:7878/store'
"""
from __future__ import annotations

import base64
import os
import re
import socket
import ssl
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from itertools import islice
from pathlib import Path

import httpcore
import pyoxigraph as ox

from .errors import GraphNotFound, InputError, StoreError

CHUNK = 50_000
TIMEOUT = 120.0             # seconds one request may take in all: connect, upload, the whole answer
CONNECT_TIMEOUT = 15.0      # seconds to open the connection (within TIMEOUT)
MAX_ANSWER = 1_000_000      # bytes of a store's answer read at most (a Graph Store answers an upload in a few)
CONTENT_TYPE = "text/turtle; charset=utf-8"
_MIXED_UP_HINT = ("in kg push the build folder or .ttl file goes in -g, and --graph names the graph to write into, "
               "e.g. https://example.org/graphs/podcasts")


@dataclass
class PushResult:
    """What `push` sent: triples, HTTP requests, and where to (the URL without credentials)."""

    triples: int
    requests: int
    url: str


def redact(url: str) -> str:
    """`url` with the password of its `user:password@` part shown as `***`, for messages.

    >>> redact("https://kg:p%40ss@example.org/store?default")
    'https://kg:***@example.org/store?default'
    >>> redact("http://localhost:7878/store")
    'http://localhost:7878/store'
    """
    scheme, sep, rest = url.partition("://")
    end = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    at = rest.rfind("@", 0, end)      # the last '@' before the query: an unescaped '@' in a password stays hidden
    if not sep or at < 0:
        return url
    user, colon, _ = rest[:at].partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{rest[at + 1:]}"


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store URL of a named graph (`?graph=`, URL-encoded) or of the default graph (`?default`)."""
    parts = _split(endpoint)
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
    $KG_PASSWORD, or `http://USER:PASSWORD@HOST/...` (percent-encoded). Each request
    must be answered within `timeout` seconds. Raises StoreError with the reason and
    what to do; no message holds the password.
    """
    path = Path(ttl_path)
    _mixed_up(path, graph)
    if not path.is_file():
        raise GraphNotFound(f"no graph at {path} (run 'kg build CORPUS -o OUT' first)")
    bare, auth, password = _credentials(endpoint, user)
    url = target_url(bare, graph)
    headers = {"Content-Type": CONTENT_TYPE} | ({"Authorization": auth} if auth else {})
    fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE
    sent = requests = 0
    try:
        with path.open("rb") as f:
            for count, body in chunks(ox.parse(f, format=fmt), chunk):
                method = "PUT" if replace and requests == 0 else "POST"
                _send(url, redact(endpoint), method, body, headers, timeout, secret=password)
                sent, requests = sent + count, requests + 1
        if replace and requests == 0:
            _send(url, redact(endpoint), "PUT", b"", headers, timeout, secret=password)
            requests = 1
    except SyntaxError as err:
        raise InputError(str(path), f"not valid {fmt.name}: {err}", line=getattr(err, "lineno", None),
                         hint=f"nothing after triple {sent} was sent; fix or rebuild the file") from None
    except StoreError as err:
        if not requests:
            raise
        raise StoreError(f"{err}; the {sent} triples of the {requests} request(s) before it were stored "
                         "(pushing the file again adds each triple once)") from None
    return PushResult(sent, requests, url)


def _mixed_up(path: Path, graph: str | None) -> None:
    """A build folder given as the graph IRI, or an IRI as the graph file, explained."""
    if graph is not None and not re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", graph) and Path(graph).exists():
        kind = "folder" if Path(graph).is_dir() else "file"
        raise StoreError(f"graph {graph!r} is a {kind}, not an IRI ({_MIXED_UP_HINT})")
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]+):/+", str(path))
    if scheme and not path.exists():        # Path() made 'https://x/g' 'https:/x/g'; show it as given
        iri = f"{scheme.group(1)}://{str(path)[scheme.end():]}"
        raise GraphNotFound(f"no graph at {iri}: that is an IRI, not a file ({_MIXED_UP_HINT})")


def _split(endpoint: str) -> urllib.parse.SplitResult:
    """The parts of an http(s) endpoint URL, or StoreError (with the password masked)."""
    shown = redact(endpoint)
    try:
        parts = urllib.parse.urlsplit(endpoint)
        parts.port                                          # noqa: B018 - raises ValueError when not a number
    except ValueError:
        raise StoreError(f"endpoint {shown} is not a valid URL (check the host and port; a password with '/', '@' "
                         "or ':' must be percent-encoded, or use --user and $KG_PASSWORD)") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"endpoint {shown!r} is not an http(s) URL (example: http://localhost:7878/store)")
    return parts


def _credentials(endpoint: str, user: str | None) -> tuple[str, str | None, str | None]:
    """(endpoint without `user:password@`, Basic Authorization header or None, password or None)."""
    parts = _split(endpoint)
    password = None
    if "@" in parts.netloc:
        if user is not None:
            raise StoreError(f"endpoint {redact(endpoint)} names a user and --user {user} is given too "
                             "(give the user in one place)")
        user = urllib.parse.unquote(parts.username or "")
        password = urllib.parse.unquote(parts.password) if parts.password is not None else None
        endpoint = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    if user is None:
        return endpoint, None, None
    if ":" in user:
        raise StoreError(f"user name {user!r} holds a ':', which Basic auth cannot send")
    if password is None:
        password = os.environ.get("KG_PASSWORD")
        if password is None:
            raise StoreError(f"--user {user} given but $KG_PASSWORD is not set (export KG_PASSWORD=...)")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return endpoint, f"Basic {token}", password


def _send(url: str, endpoint: str, method: str, body: bytes, headers: dict, timeout: float, *,
          secret: str | None = None) -> None:
    """One request to `url` (without credentials); StoreError unless the store answered 2xx in time.

    `endpoint` is how messages name the store; `secret` is masked in whatever the store answers.
    """
    deadline = _Deadline(timeout)
    target, host = _request_target(url)
    limits = {"connect": min(CONNECT_TIMEOUT, timeout), "read": timeout, "write": timeout, "pool": timeout}
    tls = ssl.create_default_context() if url.startswith("https:") else None     # the system's CAs, as before
    try:
        with httpcore.ConnectionPool(ssl_context=tls, network_backend=deadline, max_connections=1) as pool, \
                pool.stream(method, target, headers={"Host": host} | headers, content=body,
                            extensions={"timeout": limits}) as response:
            status = response.status
            location = next((v for k, v in response.headers if k.lower() == b"location"), None)
            answer, cut = _read_answer(response)
    except httpcore.ConnectTimeout:
        raise StoreError(f"cannot connect to {endpoint}: no connection within {min(CONNECT_TIMEOUT, timeout):g} s "
                         "(is the host up and the port open? a firewall may drop the packets)") from None
    except httpcore.ConnectError as err:
        raise StoreError(f"cannot connect to {endpoint}: {_reason(err, url)}") from None
    except httpcore.TimeoutException:
        raise StoreError(f"cannot push to {endpoint}: no complete answer within {timeout:g} s (the store is stuck "
                         "or slow; if it is only slow, give it more time with --timeout)") from None
    except httpcore.RemoteProtocolError as err:
        raise StoreError(f"cannot push to {endpoint}: the answer is not valid HTTP "
                         f"({_printable(str(err), secret)}); is this the Graph Store endpoint?") from None
    except (httpcore.NetworkError, httpcore.ProtocolError) as err:
        raise StoreError(f"cannot push to {endpoint}: the connection broke ({_reason(err, url)})") from None
    if 300 <= status < 400:
        raise StoreError(_redirect_message(status, location, url, endpoint, secret))
    if not 200 <= status < 300:
        raise StoreError(_http_message(status, answer, endpoint, secret))
    if cut:
        why = {"long": f"its answer ran past {MAX_ANSWER / 1e6:g} MB (reading stopped there; a Graph Store answers "
                       "an upload in a few bytes: is this its endpoint?)",
               "slow": f"its answer did not end within {timeout:g} s (is this the Graph Store endpoint?)",
               "broken": "the connection broke before its answer ended (push again to be sure)"}[cut]
        raise StoreError(f"cannot push to {endpoint}: the store answered {_status(status)} but {why}")


class _Deadline(httpcore.NetworkBackend):
    """httpcore's own sockets, with each connect, read and write given only the time left of one deadline."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds
        self._backend = httpcore.SyncBackend()

    def left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise error("the request's deadline passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        stream = self._backend.connect_tcp(host, port, self.left(timeout, httpcore.ConnectTimeout),
                                           local_address, socket_options)
        return _DeadlineStream(stream, self)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover - never asked
        raise httpcore.UnsupportedProtocol("no Unix sockets")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - httpcore sleeps only between retries
        time.sleep(min(seconds, self.left(None, httpcore.PoolTimeout)))


class _DeadlineStream(httpcore.NetworkStream):
    PIECE = 64 * 1024           # bytes written per socket write, so a store that reads slowly meets the deadline

    def __init__(self, stream: httpcore.NetworkStream, deadline: _Deadline):
        self._stream, self._deadline = stream, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        view = memoryview(buffer)
        for start in range(0, len(view), self.PIECE):
            self._stream.write(view[start:start + self.PIECE], self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        stream = self._stream.start_tls(ssl_context, server_hostname,
                                        self._deadline.left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


def _request_target(url: str) -> tuple[httpcore.URL, str]:
    """httpcore's URL of `url` (host IDNA-encoded, path and query percent-encoded) and its Host header."""
    parts = urllib.parse.urlsplit(url)
    try:
        host = parts.hostname.encode("ascii" if parts.hostname.isascii() else "idna").decode("ascii")
    except UnicodeError:
        raise StoreError(f"endpoint host {parts.hostname!r} is not a valid host name") from None
    safe = "/%!$&'()*+,;=:@~?"
    target = urllib.parse.quote(parts.path or "/", safe=safe) + (
        "?" + urllib.parse.quote(parts.query, safe=safe) if parts.query else "")
    header = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port is not None else "")
    return httpcore.URL(scheme=parts.scheme.encode(), host=host.encode(), port=parts.port,
                        target=target.encode("ascii")), header


def _read_answer(response: httpcore.Response) -> tuple[bytes, str | None]:
    """(at most MAX_ANSWER bytes of the answer, None when read to its end, else "long", "slow" or "broken")."""
    parts, size = [], 0
    try:
        for piece in response.iter_stream():
            parts.append(piece)
            size += len(piece)
            if size > MAX_ANSWER:
                return b"".join(parts)[:MAX_ANSWER], "long"
    except httpcore.TimeoutException:
        return b"".join(parts), "slow"
    except (httpcore.NetworkError, httpcore.ProtocolError):
        return b"".join(parts), "broken"
    return b"".join(parts), None


def _reason(err: Exception, url: str) -> str:
    """What went wrong with the connection, from the OS error under httpcore's."""
    cause = err.__cause__ or err.__context__ or err
    host = urllib.parse.urlsplit(url).hostname
    if isinstance(cause, socket.gaierror):
        if cause.errno == socket.EAI_NONAME:
            return f"unknown host {host} (no such name in DNS; check the spelling)"
        return f"cannot look up host {host} ({cause.strerror or cause}; is the network up?)"
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused (is the store running?)"
    if isinstance(cause, ssl.SSLCertVerificationError):
        return f"its TLS certificate is not trusted ({cause.verify_message})"
    if isinstance(cause, ssl.SSLError):
        return f"TLS failed ({cause.reason or cause})"
    return str(getattr(cause, "strerror", None) or cause or type(cause).__name__)


def _status(code: int) -> str:
    """'302 Found': the code with its standard phrase (never the server's own text)."""
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _printable(text: str, secret: str | None = None, limit: int = 300) -> str:
    """Text from a server, safe to print on one line: control characters as '?', `secret` as ***, cut at `limit`."""
    if secret:
        text = text.replace(secret, "***")
    return "".join(c if c.isprintable() else "?" for c in text[:limit]) + ("..." if len(text) > limit else "")


def _redirect_message(status: int, location: bytes | None, url: str, endpoint: str, secret: str | None) -> str:
    if not location:
        return f"cannot push to {endpoint}: the store answered {_status(status)} (is this the Graph Store endpoint?)"
    target = urllib.parse.urljoin(url, location.decode("latin-1"))
    query = urllib.parse.urlsplit(url).query
    if query and target.endswith("?" + query):      # pointing to the same graph: show the endpoint to give
        target = target[:-len(query) - 1]
    return (f"cannot push to {endpoint}: the store answered {_status(status)}, pointing to "
            f"{_printable(redact(target), secret)} (push to that URL instead)")


def _http_message(code: int, answer: bytes, endpoint: str, secret: str | None = None) -> str:
    if code in (401, 403):
        return f"HTTP {code} from {endpoint}: authentication failed (set --user and $KG_PASSWORD)"
    text = answer.decode("utf-8", "replace")
    first = next((line.strip() for line in text.splitlines() if line.strip()), "") or _status(code)
    hint = ""
    if code in (404, 405):
        hint = (" (is this the Graph Store endpoint? Oxigraph: http://HOST:7878/store, "
                "Fuseki: http://HOST:3030/DATASET/data)")
    return f"HTTP {code} from {endpoint}: {_printable(first, secret)}{hint}"
