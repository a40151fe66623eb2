"""SPARQL on a build: the query checked (no SERVICE: kg never queries the network), then run
on a pyoxigraph store of the build's Turtle.

A build's store persists: the first query loads graph.ttl into an on-disk store in kg's cache
folder (`$XDG_CACHE_HOME/kg/sparql/`, named by the Turtle's sha256 and pyoxigraph's version),
and every later query, from any process, opens that store read-only in a few milliseconds
instead of loading the whole graph again. It lives in the cache, not beside graph.ttl, so
that a build's folder stays byte-identical and `kg query` never writes into it; a store is
complete or absent (loaded under a temporary name, then renamed), and only the few most
recently made are kept. A small graph (under PERSIST_BYTES of Turtle), a graph changed after
it was loaded, or a cache folder kg cannot use gets an in-memory store instead.

>>> refuse_service("SELECT ?service WHERE { ?s <https://e.org/service> 'service' }")   # names, IRIs, strings: fine
>>> refuse_service("SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.QueryError: SERVICE is not allowed (SPARQL query, line 1, column 18): kg answers from the local ...
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError, QueryError

PERSIST_BYTES = 2_000_000       # a smaller Turtle loads into memory in well under a second
KEEP = 3                        # stores kept in the cache folder (the most recently used)

# What a SPARQL query holds besides keywords and names: comments, strings, IRIs and variables
# (`skip`); a backslash escape in a prefixed name (ex:a\#b, ex:a\'b) is kept, so it starts no comment or string.
_SPARQL_SKIP = re.compile(r"""(?P<skip>\#[^\n]*
    | '''(?:[^'\\]|\\.|'(?!''))*''' | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*"
    | <(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>
    | [?$][A-Za-z0-9_]+)
    | \\.""", re.X | re.S)
_SERVICE = re.compile("service", re.I)


def _position(query: str, offset: int) -> str:
    line = query.count("\n", 0, offset) + 1
    return f"SPARQL query, line {line}, column {offset - (query.rfind(chr(10), 0, offset) + 1) + 1}"


def _keywords_and_names(query: str) -> str:
    """The query with comments, strings, IRIs and variables blanked out (same length, same positions)."""
    return _SPARQL_SKIP.sub(lambda m: " " * len(m.group(0)) if m.group("skip") else m.group(0), query)


def refuse_service(query: str) -> None:
    """QueryError when "service" appears outside comments, strings, IRIs and variables.

    pyoxigraph would run a SERVICE clause as an HTTP request, and its parser takes the keyword
    without a word boundary ("SERVICEex:s", "trueSERVICE <...>"), so any such "service" is refused.
    """
    if not isinstance(query, str):
        raise TypeError(f"sparql() takes the query as a str, not {type(query).__name__}")
    found = _SERVICE.search(_keywords_and_names(query))
    if found:
        raise QueryError("SERVICE is not allowed", _position(query, found.start()),
                         "kg answers from the local graph only and never queries the network; query that endpoint "
                         "directly (if 'service' is part of a name, write its IRI in full)")


def syntax_error(query: str, err: SyntaxError, declared: dict[str, str]) -> QueryError:
    """One line for pyoxigraph's message: the position, and for an unknown prefix its name and the known ones."""
    text = " ".join(str(err).split())
    at = re.match(r"error at (\d+):(\d+): ", text)
    where = f"SPARQL query, line {at.group(1)}, column {at.group(2)}" if at else "SPARQL query"
    text = text[at.end():] if at else text
    kept = _keywords_and_names(query)
    known = set(declared) | set(re.findall(r"(?i)\bPREFIX\s+([\w.-]*):", kept))
    undeclared = [m for m in re.finditer(r"(?<![\w.:-])([A-Za-z][\w.-]*|):", kept) if m.group(1) not in known]
    if undeclared or "Prefix not found" in text:     # pyoxigraph does not always say so (it may expect OPTIONAL)
        line, column = (int(at.group(1)), int(at.group(2))) if at else (1, len(query) + 1)
        offset = sum(len(x) + 1 for x in query.split("\n")[:line - 1]) + column - 1
        before = [m for m in undeclared if m.start() < offset] or undeclared
        name = before[-1].group(1) if before else "p"
        return QueryError(f"unknown prefix '{name}:'", where, f"declare it (PREFIX {name}: <IRI>) or use one of "
                          + ", ".join(f"{p}:" for p in sorted(declared)))
    text = re.sub(r"\[(?:'[^']*'|[^\]'])*\](?:, )?", "", text).rstrip(", ")
    return QueryError(f"not valid SPARQL: {text}", where, "fix the query (docs/sparql.md has examples)")


def run(store: ox.Store, query: str, bindings: dict | None, base: str):
    """The query's answer on `store` (see `KnowledgeGraph.sparql`), with the Turtle's prefixes predeclared."""
    from . import rdf

    refuse_service(query)
    substitutions = {ox.Variable(name): rdf.term(value) for name, value in (bindings or {}).items()}
    try:
        result = store.query(query, prefixes=rdf.prefixes(base), substitutions=substitutions or None)
    except SyntaxError as err:
        raise syntax_error(query, err, rdf.prefixes(base)) from None
    except RuntimeError as err:     # pyoxigraph: a bound variable that is not projected
        raise QueryError(str(err), todo="bound variables must be in the SELECT clause, or use SELECT *") from None
    return bool(result) if isinstance(result, ox.QueryBoolean) else result


def store(turtle: Path | None, sha256: str | None, graph_turtle: Callable[[], bytes],
          cache: Path | None = None) -> ox.Store:
    """A store of the graph: the persistent store of the Turtle file `turtle` (whose bytes had
    `sha256` when the graph was loaded from it) in `cache/sparql/` (default: kg's cache folder),
    made on first use; else an in-memory store of `graph_turtle()` (the graph's Turtle).

    >>> s = store(None, None, lambda: b'<https://e.org/a> <https://e.org/b> "c" .')
    >>> [str(row["o"]) for row in s.query("SELECT ?o WHERE { ?s ?p ?o }")]
    ['"c"']
    """
    if turtle is not None and sha256 is not None:
        try:
            if os.stat(turtle).st_size >= PERSIST_BYTES:
                return _persistent(Path(turtle), sha256, cache)
        except (OSError, KgError):
            pass                    # no usable cache folder, or the file is gone: in memory, as before
    memory = ox.Store()
    memory.bulk_load(graph_turtle(), format=ox.RdfFormat.TURTLE)
    return memory


class _Changed(KgError):
    """The Turtle's bytes are no longer those the graph was loaded from."""


def _persistent(turtle: Path, sha256: str, cache: Path | None) -> ox.Store:
    from .cache import default_dir, prepare

    folder = prepare(cache or default_dir()) / "sparql"
    target = folder / f"{sha256}-pyoxigraph-{ox.__version__}"
    if target.is_dir():
        try:
            found = ox.Store.read_only(str(target))
            os.utime(target)                    # recently used: kept
            return found
        except OSError:
            shutil.rmtree(target, ignore_errors=True)        # damaged: made again
    data = turtle.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise _Changed("graph.ttl changed since it was loaded")
    folder.mkdir(mode=0o700, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".tmp-"))
    try:
        made = ox.Store(str(tmp))
        made.bulk_load(data, format=ox.RdfFormat.TURTLE)
        made.flush()
        del made                                # closed: complete on disk
        os.rename(tmp, target)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not target.is_dir():                 # another process may have made it meanwhile
            raise
    _prune(folder)
    return ox.Store.read_only(str(target))


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently used stores (and temporary ones younger than a day)."""
    stores = sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".tmp-")),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    old = [p for p in folder.iterdir() if p.name.startswith(".tmp-") and p.stat().st_mtime < time.time() - 86400]
    for path in stores[KEEP:] + old:
        shutil.rmtree(path, ignore_errors=True)
