"""The Markdown of vault notes: safe file names, escaped text, links, and the composition of
a note from kg's front matter and body with what the user added (kg/vault.py writes them).

Everything taken from the graph is untrusted: labels and quotes are escaped so they never open
a link, a tag, a comment or kg's own markers, and front matter is written with `yaml.safe_dump`.

>>> safe_name('AC/DC: "Live" <at> Wembley?'), safe_name("con"), safe_name("...")
('AC DC Live at Wembley', 'con_', 'Untitled')
>>> link("Ada Byron", "Ada [[Byron]] | co")
'[[Ada Byron|Ada ((Byron)) ¦ co]]'
>>> text("a [[b]] #tag %% kg:end %%")
'a \\\\[\\\\[b\\\\]\\\\] \\\\#tag \\\\%\\\\% kg:end \\\\%\\\\%'
>>> clock(45.7), clock(3725)
('0:45', '1:02:05')
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

import yaml

from .escape import UNSAFE_CHARS, visible
from .read.frontmatter import load_yaml, split_front_matter

BEGIN, END = "%% kg:begin %%", "%% kg:end %%"
MAX_STEM_BYTES = 200            # + " (Organization 99)" + ".md" stays under 255 bytes
TYPE_ORDER = ("Person", "Organization", "Model", "Concept", "Work", "Place", "Show", "Episode")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_UNSAFE = re.compile(rf'[*"\\/<>:|?#^\[\]{UNSAFE_CHARS}]')          # path characters, and kg.escape's
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|#%=~^$])")
_URL_UNSAFE = re.compile(r"[^\x21-\x7e]|[()<>\[\]|\"`^{}\\]")
_MARKER = re.compile(r"^%% kg:(begin|end) %%[ \t]*$", re.M)


def safe_name(label: str, limit: int = MAX_STEM_BYTES) -> str:
    """A file-name stem that is safe on every system and in Obsidian links: NFC, none of
    ``* " \\ / < > : | ? # ^ [ ]`` or control characters, no leading or trailing dots or spaces,
    no Windows reserved name, at most `limit` bytes of UTF-8."""
    name = " ".join(_UNSAFE.sub(" ", unicodedata.normalize("NFC", str(label))).split())
    name = name.encode("utf-8")[:limit].decode("utf-8", "ignore")
    name = name.strip(". ")
    if not name:
        return "Untitled"
    if name.split(".")[0].rstrip().upper() in _RESERVED:
        name += "_"
    return name


def fold(name: str) -> str:
    """The key under which two file names clash (case-insensitive file systems, NFC)."""
    return unicodedata.normalize("NFC", name).casefold()


def assign_names(items: list[tuple[str, str, str]], taken: set[str]) -> dict[str, str]:
    """File-name stems for (node, label, type) items, unique case-insensitively and none of
    `taken` (folded stems of other files). Same input, same names: a label shared by several
    entities, or taken, gets its type ('Claude (Model)'), then a number.

    >>> assign_names([("a", "Claude", "Model"), ("b", "Claude", "Person"), ("c", "Ada", "Person")], {"ada"})
    {'c': 'Ada (Person)', 'b': 'Claude (Person)', 'a': 'Claude (Model)'}
    """
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for node, label, kind in items:
        stem = safe_name(label)
        groups.setdefault(fold(stem), []).append((node, stem, kind))
    used, names = set(taken), {}
    for key in sorted(groups):
        if len(groups[key]) == 1 and key not in used:
            node, stem, _ = groups[key][0]
            names[node] = stem
            used.add(key)
    rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    for key in sorted(groups):
        members = groups[key]
        if len(members) == 1 and members[0][0] in names:
            continue
        for node, stem, kind in sorted(members, key=lambda m: (rank.get(m[2], 99), m[0])):
            candidate, n = f"{stem} ({kind})", 1
            while fold(candidate) in used:
                n += 1
                candidate = f"{stem} ({kind} {n})"
            names[node] = candidate
            used.add(fold(candidate))
    return names


def one_line(value) -> str:
    """One line, control and bidi characters written as visible escapes (kg.escape.visible)."""
    return visible(" ".join(str(value).split()))


def text(value) -> str:
    """Plain Markdown text from untrusted text: one line, Markdown and Obsidian syntax escaped."""
    return _MARKDOWN.sub(r"\\\1", one_line(value))


def label(value) -> str:
    """The display part of a wikilink: no brackets, pipes or comment marks (which end or break it)."""
    shown = one_line(value).replace("[", "(").replace("]", ")").replace("|", "¦").replace("%%", "% %")
    return shown or "?"


def link(target: str, shown: str) -> str:
    """`[[target|shown]]` (`[[target]]` when they are the same); `target` is a file-name stem (or
    vault path) kg made safe."""
    shown = label(shown)
    return f"[[{target}]]" if shown == target else f"[[{target}|{shown}]]"


def url(value) -> str | None:
    """An http(s) URL fit for `[text](url)`: characters that would end it percent-encoded; None
    for any other scheme.

    >>> url("https://e.org/a b)c"), url("javascript:alert(1)")
    ('https://e.org/a%20b%29c', None)
    """
    if not isinstance(value, str) or not re.match(r"https?://[^\s/]", value.strip(), re.I):
        return None
    return _URL_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), value.strip())


def web(shown: str, value) -> str:
    """`[shown](url)`, or the escaped text alone when the URL is not a web link."""
    target = url(value)
    return f"[{text(shown)}]({target})" if target else text(shown)


def clock(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour on."""
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):      # type: ignore[misc]
    """The safe dumper, writing a value used twice twice (no `&id001` anchors)."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump_front(front: dict) -> str:
    """Front matter as YAML (safe, keys in the given order, one value per line, no anchors)."""
    return yaml.dump(front, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000,
                     default_flow_style=False)


def compose(front: dict, body: str, before: str = "", after: str = "") -> str:
    """A whole note: front matter, the user's text before, kg's body between the markers, the
    user's text after."""
    return f"---\n{dump_front(front)}---\n{before}{BEGIN}\n{body}{END}\n{after}"


@dataclass
class Parsed:
    """An existing note taken apart: its front matter (None when it has none), the text before,
    inside and after kg's markers (inside is None when the markers are gone)."""

    front: dict | None
    before: str
    inside: str | None
    after: str


def parse(note: str, file: str) -> Parsed:
    """Take a note apart; InputError when its front matter does not parse.

    >>> p = parse(compose({"kg_id": "x"}, "kg text\\n", "mine\\n", "also mine\\n"), "n.md")
    >>> p.front, p.before, p.inside, p.after
    ({'kg_id': 'x'}, 'mine\\n', 'kg text\\n', 'also mine\\n')
    """
    fm = split_front_matter(note)
    front = load_yaml(fm.yaml, file, first_line=2) if fm.yaml is not None and not fm.error else None
    body = fm.body if front is not None else note
    begin = next((m for m in _MARKER.finditer(body) if m.group(1) == "begin"), None)
    end = next((m for m in _MARKER.finditer(body, begin.end()) if m.group(1) == "end"), None) if begin else None
    if begin is None or end is None:
        return Parsed(front, "", None, body)
    after = body[end.end():]
    return Parsed(front, body[:begin.start()], body[begin.end() + 1:end.start()], after[1:] if after[:1] == "\n"
                  else after)


def merge(kg_front: dict, body: str, old: Parsed | None, kg_keys: set[str]) -> str:
    """The note kg writes over `old`: kg's keys and values, the user's other keys after them,
    `aliases` the union of kg's and those the user added (not in the old `kg_aliases`), a `type`
    the user changed kept; the user's text outside the markers kept (with no markers left,
    kg's block goes first).

    >>> old = parse(compose({"aliases": ["A"], "type": "Person", "kg_aliases": ["A"], "rating": 5}, "x\\n", "",
    ...                     "my note\\n"), "n.md")
    >>> print(merge({"aliases": ["B"], "type": "Person", "kg_aliases": ["B"]}, "y\\n", old, {"aliases", "type"}))
    ---
    aliases:
    - B
    type: Person
    kg_aliases:
    - B
    rating: 5
    ---
    %% kg:begin %%
    y
    %% kg:end %%
    my note
    <BLANKLINE>
    """
    if old is None:
        return compose(kg_front, body)
    front = dict(kg_front)
    user = old.front or {}
    mine = set(_strings(user.get("kg_aliases")))
    added = [a for a in _strings(user.get("aliases")) if a not in mine and a not in front.get("aliases", [])]
    if added:
        front["aliases"] = list(front.get("aliases", [])) + added
    if isinstance(user.get("type"), str) and user.get("type") != user.get("kg_type") and "type" in front:
        front["type"] = user["type"]
    for key, value in user.items():
        if key not in front and key not in kg_keys and not key.startswith("kg_"):
            front[key] = value
    if old.inside is None:
        return compose(front, body, "", old.after)
    return compose(front, body, old.before, old.after)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if isinstance(v, (str, int, float))] if isinstance(value, list) else []
