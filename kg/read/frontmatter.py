"""YAML front matter: split it off, load it safely, turn loose values into names.

YAML is loaded with the C safe loader after a first pass over the event
stream that rejects documents that are too large, too deep, or whose aliases
would expand to too many nodes or characters ("billion laughs"). A value its
tag cannot hold (`date: 2025-02-30`, `!!int "zz"`, an integer of 5,000 digits)
stays the text it was written as: the field is then ignored, not the file.

>>> fm = split_front_matter("---\\nguests: ['[[Ada Lovelace]]']\\n---\\nBody")
>>> names(load_yaml(fm.yaml, "a.md")["guests"])
['Ada Lovelace']
>>> fm.body, fm.body_line
('Body', 4)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from ..errors import InputError
from . import wikilinks

MAX_YAML_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_EXPANDED_NODES = 200_000
MAX_EXPANDED_CHARS = 2 * MAX_YAML_BYTES
_SEPARATOR = re.compile(r"[,;]|\s[&+]\s|\sand\s")         # "Ada Byron + Alan Turing" too

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):            # type: ignore[misc, valid-type]
    """The safe loader, with scalars their tag cannot hold kept as text."""


def _tolerant(construct):
    def wrapped(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, TypeError, OverflowError, AttributeError, yaml.YAMLError):
            return node.value if isinstance(node.value, str) else None
    return wrapped


for _tag in ("int", "float", "bool", "timestamp"):
    _name = f"tag:yaml.org,2002:{_tag}"
    _Loader.add_constructor(_name, _tolerant(_BASE_LOADER.yaml_constructors[_name]))
_Loader.add_constructor("tag:yaml.org,2002:binary", lambda loader, node: None)   # no bytes in metadata
_LOADER = _Loader


@dataclass
class FrontMatter:
    yaml: str | None
    body: str
    body_line: int          # 1-based line number of the body's first line
    error: str | None = None


def split_front_matter(text: str) -> FrontMatter:
    """Split `---` delimited front matter from the body.

    An opening `---` that is never closed gives `error` and the whole text as body.
    """
    if not re.match(r"---[ \t]*\n", text):
        return FrontMatter(None, text, 1)
    close = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if close is None:
        return FrontMatter(None, text, 1, "front matter opened on line 1 is never closed")
    fm = text[4:4 + close.start()]
    rest = text[4 + close.end():]
    body = rest[1:] if rest.startswith("\n") else rest
    return FrontMatter(fm, body, fm.count("\n") + 3)


def load_yaml(source: str, file: str, *, first_line: int = 1, warnings: list[str] | None = None,
              what: str = "YAML front matter") -> dict:
    """Load a YAML mapping safely; raise `InputError` (with the line) when it is not one (`what`
    it should be, as the message names it). Duplicate keys are added to `warnings`."""
    if len(source.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise InputError(file, f"YAML block is larger than {MAX_YAML_BYTES // 1_000_000} MB", line=first_line,
                         hint="split the metadata or move long text into the body")
    try:
        found = _check_events(source, file, first_line)
        data = yaml.load(source, Loader=_LOADER)  # noqa: S506 - CSafeLoader is the safe loader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(file, f"invalid YAML: {problem}", line=line, hint="fix the YAML syntax") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as err:
        raise InputError(file, f"YAML value kg cannot read: {str(err)[:120]}", line=first_line,
                         hint="fix or remove the value") from None
    if warnings is not None:
        warnings.extend(found)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(file, f"{what} is a {type(data).__name__}, not a mapping of keys to values",
                         line=first_line, hint="write it as 'key: value' lines")
    return {str(k): v for k, v in data.items()}


def _check_events(source: str, file: str, first_line: int) -> list[str]:
    """Walk the event stream: bound nesting depth, and the nodes and characters aliases
    expand to (deterministic limits, never a clock). Returns warnings for duplicate keys."""
    sizes: dict[str, tuple[int, int]] = {}
    # [anchor, nodes, chars, keys seen (mappings) or None, last node was a key]; the first is the stream
    stack: list[list] = [[None, 0, 0, None, False]]
    warnings: list[str] = []

    def add(nodes: int, chars: int) -> None:
        stack[-1][1] += nodes
        stack[-1][2] += chars
        if sum(s[1] for s in stack) > MAX_EXPANDED_NODES:
            raise InputError(file, f"YAML expands to more than {MAX_EXPANDED_NODES:,} nodes (alias bomb?)",
                             line=first_line, hint="remove the repeated '*alias' references")
        if sum(s[2] for s in stack) > MAX_EXPANDED_CHARS:
            raise InputError(file, f"YAML expands to more than {MAX_EXPANDED_CHARS:,} characters (alias bomb?)",
                             line=first_line, hint="remove the repeated '*alias' references")

    def is_key() -> bool:
        """A node starts: whether it is a mapping key (mappings alternate key, value)."""
        if stack[-1][3] is None:
            return False
        key = stack[-1][4] = not stack[-1][4]
        return key

    for event in yaml.parse(source, Loader=_BASE_LOADER):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            is_key()
            mapping = isinstance(event, yaml.MappingStartEvent)
            stack.append([event.anchor, 1, 0, {} if mapping else None, False])
            if len(stack) - 1 > MAX_DEPTH:
                raise InputError(file, f"YAML is nested more than {MAX_DEPTH} levels deep",
                                 line=first_line + event.start_mark.line, hint="flatten the metadata")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            anchor, nodes, chars, *_ = stack.pop()
            if anchor:
                sizes[anchor] = (nodes, chars)
            add(nodes, chars)
        elif isinstance(event, yaml.ScalarEvent):
            line = first_line + event.start_mark.line
            if is_key() and event.value != "<<":
                seen = stack[-1][3]
                if event.value in seen:
                    warnings.append(f"line {line}: key '{event.value[:60]}' repeats the key on line "
                                    f"{seen[event.value]}; the later value is used (remove one of them)")
                seen.setdefault(event.value, line)
            if event.anchor:
                sizes[event.anchor] = (1, len(event.value))
            add(1, len(event.value))
        elif isinstance(event, yaml.AliasEvent):
            is_key()
            add(*sizes.get(event.anchor, (1, 0)))
    return warnings


def names(value, *, split: bool = True) -> list[str]:
    """Turn a loose front-matter value into a list of names.

    Strings (optionally separated by commas, "&", "+" or "and"), lists, and mappings with a `name`
    are accepted; numbers, booleans, nulls and nameless mappings are dropped.
    """
    out: list[str] = []
    if isinstance(value, str):
        if wikilinks.PATTERN.search(value):
            candidates = wikilinks.names(value)
        elif split:
            candidates = _SEPARATOR.split(value)       # pieces are stripped below: no \s* runs to backtrack
        else:
            candidates = [value]
        out.extend(c.strip().strip("\"'").strip() for c in candidates)
    elif isinstance(value, (list, tuple)):
        for item in value:
            out.extend(names(item, split=split))
    elif isinstance(value, dict):
        for key in ("name", "title", "label"):
            if isinstance(value.get(key), str):
                out.extend(names(value[key], split=False))
                break
    return list(dict.fromkeys(n for n in out if n))


def as_date(value) -> str | None:
    """ISO date (YYYY-MM-DD) from a date, datetime or a string that starts with one."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if m:
            try:
                return dt.date(*map(int, m.groups())).isoformat()
            except ValueError:
                return None
    return None


def as_text(value) -> str | None:
    """A scalar as text; None for collections and nulls."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return None
    return str(value).strip() or None
