"""Entity IRIs: minted deterministically and safely from type + label under a base IRI.

The label becomes an ASCII slug; labels with nothing sluggable are percent-encoded;
distinct labels whose slugs collide get a short hash suffix. A raw label never
reaches an IRI.

>>> mint("Person", "Aleksander Mądry")
'https://example.org/kg/person/aleksander-madry'
>>> mint("Work", "<script>alert(1)</script>")
'https://example.org/kg/work/script-alert-1-script'
>>> mint("Concept", "人工知能")
'https://example.org/kg/concept/%E4%BA%BA%E5%B7%A5%E7%9F%A5%E8%83%BD'
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

DEFAULT_BASE = "https://example.org/kg/"
_BASE_OK = re.compile(r"^https?://[A-Za-z0-9.\-]+(?::\d+)?(?:/(?:[A-Za-z0-9._~\-/]|%[0-9A-Fa-f]{2})*)?$")


def check_base(base: str) -> str:
    """Validate a base IRI (http(s), no spaces or quotes) and make it end with '/' or '#'."""
    from .errors import ConfigError

    if not _BASE_OK.match(base.rstrip("#")):
        raise ConfigError(f"base IRI {base!r} is not a plain http(s) IRI (example: {DEFAULT_BASE})")
    return base if base.endswith(("/", "#")) else base + "/"


def slug(label: str, limit: int = 80) -> str:
    """ASCII, lowercase, hyphen-separated; '' when nothing is left."""
    text = unicodedata.normalize("NFKD", label.replace("ł", "l").replace("Ł", "L").replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9.]+", "-", text.lower()).replace(".", "-" if not re.search(r"\d\.\d", text) else ".")
    text = re.sub(r"-{2,}", "-", text).strip("-.")
    return text[:limit].rstrip("-.")


_UNSAFE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def local_name(label: str) -> str:
    """The IRI-safe local part for a label: its slug, or its percent-encoding (dots too, so
    "." and ".." never become path segments); control characters and lone surrogates dropped."""
    text = _UNSAFE.sub("", label).strip()[:60]
    return slug(text) or quote(text, safe="").replace(".", "%2E") or "unnamed"


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def mint(type_: str, label: str, base: str = DEFAULT_BASE) -> str:
    return f"{base}{type_.lower()}/{local_name(label)}"


def mint_all(items: list[tuple[str, str, str]], base: str = DEFAULT_BASE) -> dict[str, str]:
    """IRIs for (key, type, label) items: unique, deterministic (sorted by label, then key)."""
    taken: dict[str, str] = {}
    out: dict[str, str] = {}
    for key, type_, label in sorted(items, key=lambda i: (i[1], i[2], i[0])):
        iri = mint(type_, label, base)
        if iri in taken and taken[iri] != key:
            iri = f"{iri}-{short_hash(key)}"
        taken[iri] = key
        out[key] = iri
    return out
