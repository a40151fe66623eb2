"""Make untrusted text safe to show: control characters and bidirectional overrides become
visible `\\uXXXX` escapes (on a terminal they could retitle the window or reorder what is
shown; in a label they reverse text), and only http(s) URLs are links.

>>> visible("ok\\x1b]0;pwned\\x07 \\u202egnp.exe")
'ok\\\\u001b]0;pwned\\\\u0007 \\\\u202egnp.exe'
>>> visible("two\\nlines\\tkept", keep="\\n\\t")
'two\\nlines\\tkept'
"""
from __future__ import annotations

import re
import urllib.parse

# C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, line/paragraph separators
UNSAFE_CHARS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"    # control and bidi
_UNSAFE = re.compile(f"[{UNSAFE_CHARS}]")
_BREAKS_URL = re.compile(r"[\s\x00-\x1f]")        # whitespace (as str.isspace) or a C0 control


def visible(text: str, keep: str = "") -> str:
    """`text` with unsafe characters (except those in `keep`) written as `\\uXXXX`."""
    return _UNSAFE.sub(lambda m: m.group(0) if m.group(0) in keep else f"\\u{ord(m.group(0)):04x}", text)


def web_url(url: str | None) -> str | None:
    """`url` when it is an http(s) URL, else None: a `javascript:` or `file:` link read from a
    file never becomes a link.

    >>> web_url("https://youtu.be/abcdefghijk"), web_url("javascript:alert(1)"), web_url("https://a b")
    ('https://youtu.be/abcdefghijk', None, None)
    """
    if not isinstance(url, str) or not url:
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    ok = parts.scheme.lower() in ("http", "https") and parts.netloc and not _BREAKS_URL.search(url)
    return url if ok else None


_YOUTUBE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)?(?:youtube(?:-nocookie)?\.com/(?:watch\?(?:[^#]*&)?v=|live/|shorts/|"
                      r"embed/|v/)|youtu\.be/)([\w-]{11})(?![\w-])", re.I)


def youtube_id(url: str | None) -> str | None:
    """The video id of a YouTube link (watch, youtu.be, live, shorts, embed; any subdomain), else None.

    >>> youtube_id("https://youtube.com/watch?feature=x&v=abcdefghijk&t=76"), youtube_id("https://example.com/?v=x")
    ('abcdefghijk', None)
    >>> youtube_id("HTTPS://WWW.YouTube.com/live/abcdefghijk?si=1"), youtube_id("music.youtube.com/watch?v=abcdefghijk")
    ('abcdefghijk', 'abcdefghijk')
    """
    m = _YOUTUBE.match((url or "").strip())
    return m.group(1) if m else None
