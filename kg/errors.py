"""The one exception hierarchy of kg.

Every message that reaches a user names the file (and the line when known)
and says what to do next.

>>> str(InputError("notes/ep1.md", "front matter is never closed", line=1, hint="add a closing '---' line"))
"notes/ep1.md:1: front matter is never closed (add a closing '---' line)"
"""
from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError):
    """A problem with one input file; the build reports it and goes on."""

    def __init__(self, file: str, message: str, *, line: int | None = None, hint: str | None = None):
        self.file, self.message, self.line, self.hint = file, message, line, hint
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}" + (f" ({hint})" if hint else ""))

    @property
    def reason(self) -> str:
        """The message without the file name, as listed in the build report."""
        where = f"line {self.line}: " if self.line else ""
        return where + self.message + (f" ({self.hint})" if self.hint else "")


class ConfigError(KgError):
    """Bad settings or a missing component (model, ontology, output folder)."""


class GraphNotFound(KgError):
    """`kg.load` was pointed at something that holds no graph."""


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
