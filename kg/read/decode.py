"""Bytes -> clean text: BOMs, UTF-16, cp1252 fallback, mojibake, control characters.

>>> decode("\\ufeffOpen AI \\u00e2\\u20ac\\u201d GPT".encode("utf-8"), "a.txt").text
'Open AI \\u2014 GPT'
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import ftfy

from ..errors import InputError

# C0/C1 controls except tab and newline; lone surrogates; non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Byte sequences that only occur when UTF-8 was read as a single-byte code page.
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=True, normalization="NFC", explain=False,
)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, file: str) -> Decoded:
    """Decode a file's bytes to NFC text with `\\n` line ends.

    Raises `InputError` for empty or binary files.
    """
    if not data.strip():
        raise InputError(file, "file is empty", hint="nothing to read; remove it or add content")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    warnings: list[str] = []
    if encoding is None and _looks_binary(data):
        raise InputError(file, "binary file, not text", hint="kg reads text, Markdown, WebVTT and SRT files")
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            encoding = "cp1252"
            text = data.decode("cp1252", errors="replace")
            warnings.append(f"line {line}: not valid UTF-8; read as cp1252 (save the file as UTF-8 to be sure)")
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise InputError(file, f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                                   f"(byte {err.start})", hint="re-save the file as UTF-8") from None
        text = text.lstrip("\ufeff")
    return Decoded(clean_text(text, warnings), encoding, warnings)


def clean_text(text: str, warnings: list[str] | None = None) -> str:
    """Repair mojibake, unify line ends, drop control characters."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MOJIBAKE_HINT.search(text):
        # ftfy is slow on long texts: only the lines that show signs of mojibake go through it
        lines = text.split("\n")
        fixed = "\n".join(ftfy.fix_text(line, _FTFY) if _MOJIBAKE_HINT.search(line) else line for line in lines)
        if fixed != text and warnings is not None:
            warnings.append("repaired mojibake (text that was decoded with the wrong encoding)")
        text = fixed
    text, count = _CONTROL.subn("", text)
    if count and warnings is not None:
        warnings.append(f"removed {count} control character(s)")
    return text


def _looks_binary(data: bytes) -> bool:
    """Many NULs (UTF-16 without a BOM, or any binary format) or many other control bytes.
    Text with a few stray control characters is kept (they are removed later)."""
    head = data[:8192]
    nuls = head.count(b"\x00")
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return nuls > max(8, len(head) // 100) or (controls > 16 and controls > len(head) * 0.1)
