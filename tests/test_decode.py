"""Encodings, BOMs, mojibake and control characters."""
import codecs

import pytest

from kg.errors import InputError
from kg.read.decode import decode
from kg.read.formats import read_text

NOTE = "---\ntitle: Café con IA — episodio 3\nguests: ['[[Aleksander Mądry]]']\nshow: Deep Loop\n---\nWe talk about OpenAI.\n"


def _read(data: bytes):
    text = decode(data, "ep.md").text
    docs, _, _ = read_text(text, file="ep.md", doc_id="ep.md")
    return docs[0]


def _facts(doc):
    return (doc.title, doc.show, [(p.name, p.role) for p in doc.participants], doc.text)


@pytest.mark.parametrize("encoding,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                          ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_bom_file_gives_exactly_the_metadata_of_its_bomless_twin(encoding, bom):
    plain = _read(NOTE.encode("utf-8"))
    with_bom = _read(bom + NOTE.encode(encoding))
    assert _facts(with_bom) == _facts(plain)
    assert plain.title == "Café con IA — episodio 3"
    assert plain.participants[0].name == "Aleksander Mądry"


def test_crlf_is_read_like_lf():
    assert _facts(_read(NOTE.replace("\n", "\r\n").encode())) == _facts(_read(NOTE.encode()))


def test_cp1252_is_read_with_a_warning_naming_the_line():
    decoded = decode("Line one\nCaf\u00e9 \u201cquoted\u201d\n".encode("cp1252"), "old.txt")
    assert decoded.text == "Line one\nCafé “quoted”\n"
    assert decoded.encoding == "cp1252"
    assert decoded.warnings == ["line 2: not valid UTF-8; read as cp1252 (save the file as UTF-8 to be sure)"]


def test_mojibake_is_repaired_and_reported():
    decoded = decode("Is RL enough? \u00e2\u20ac\u201d Sholto Douglas".encode("utf-8"), "m.md")
    assert decoded.text == "Is RL enough? — Sholto Douglas"
    assert decoded.warnings == ["repaired mojibake (text that was decoded with the wrong encoding)"]


def test_nul_and_control_characters_are_removed():
    decoded = decode(b"Open\x00AI and\x07 Anthropic\x1b.\n", "c.txt")
    assert decoded.text == "OpenAI and Anthropic.\n"
    assert decoded.warnings == ["removed 3 control character(s)"]


def test_binary_and_empty_files_are_refused_with_a_reason():
    with pytest.raises(InputError, match="binary file, not text"):
        decode(bytes(range(256)) * 40, "x.txt")
    with pytest.raises(InputError, match="file is empty"):
        decode(b"  \n\n", "e.txt")
