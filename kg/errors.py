"""The one exception hierarchy of kg.

Every message that reaches a user says what is wrong, names the file or IRI (and the line
when known) and says what to do next: `what (where): what to do`. `kg.cli.main` prints it
as one line, `Error: what (where): what to do`, and exits 1.

>>> str(KgError("is a folder", "out", "give a file name, e.g. out/graph.html"))
'is a folder (out): give a file name, e.g. out/graph.html'
>>> err = InputError("notes/ep1.md", "front matter is never closed", line=1, hint="add a closing '---' line")
>>> str(err)
"notes/ep1.md:1: front matter is never closed (add a closing '---' line)"
>>> err.one_line()
"front matter is never closed (notes/ep1.md, line 1): add a closing '---' line"
"""
from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose.

    `KgError(what, where, todo)` reads `what (where): todo`; one argument is the whole message.
    """

    def __init__(self, what: str, where: str | None = None, todo: str | None = None):
        self.what, self.where, self.todo = what, where, todo
        super().__init__(what + (f" ({where})" if where else "") + (f": {todo}" if todo else ""))

    def one_line(self) -> str:
        """The message as the command line prints it after 'Error: '."""
        return str(self)


class InputError(KgError):
    """A problem with one input file; the build reports it and goes on."""

    def __init__(self, file: str, message: str, *, line: int | None = None, hint: str | None = None):
        self.file, self.message, self.line, self.hint = file, message, line, hint
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}" + (f" ({hint})" if hint else ""))

    def one_line(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{self.message} ({where})" + (f": {self.hint}" if self.hint else "")

    @property
    def reason(self) -> str:
        """The message without the file name, as listed in the build report."""
        where = f"line {self.line}: " if self.line else ""
        return where + self.message + (f" ({self.hint})" if self.hint else "")


class NotATranscript(InputError):
    """A file kg reads the format of (a .json, a .csv) that holds no episode: counted, never a problem."""


class ConfigError(KgError):
    """Bad settings or a missing component (model, ontology, output folder)."""


class GraphNotFound(KgError):
    """`kg.load` was pointed at something that holds no graph."""


class OutputError(KgError):
    """kg cannot write a file where it was asked to (a folder, a device, a missing or read-only folder)."""


class QueryError(KgError, ValueError):
    """A question the graph cannot answer as asked: an unknown type or relation, a negative limit,
    a SPARQL query that does not parse or that kg refuses to run (SERVICE)."""


class EntityNotFound(KgError):
    """A name matched no entity; carries the closest matches."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name, self.suggestions = name, suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r}.{hint}")


class StoreError(KgError):
    """A triple store refused a request or could not be reached."""


class StrictError(KgError):
    """`--strict`: the build finished but some files were skipped or read with warnings."""

    def __init__(self, result):
        self.result = result
        super().__init__(f"--strict: {len(result.skipped)} file(s) skipped and {len(result.warnings)} warning(s); "
                         f"see {result.out / 'report.json'}")
