"""Front matter: splitting, safe YAML with limits, loose values."""
import datetime as dt

import pytest

from kg.errors import InputError
from kg.read.formats import read_text
from kg.read.frontmatter import as_date, load_yaml, names, split_front_matter

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))


def test_split_front_matter_and_body_line():
    fm = split_front_matter("---\ntitle: A\n---\nBody here\n")
    assert (fm.yaml, fm.body, fm.body_line, fm.error) == ("title: A\n", "Body here\n", 4, None)


def test_unclosed_front_matter_reads_the_whole_file_with_a_warning():
    docs, _, warnings = read_text("---\ntitle: Ep\nWe talk about OpenAI.", file="u.md", doc_id="u.md")
    assert "OpenAI" in docs[0].text
    assert warnings == ["front matter opened on line 1 is never closed; read the whole file as text "
                        "(close it with a '---' line)"]


def test_broken_yaml_is_reported_with_its_line_and_the_body_still_read():
    docs, _, warnings = read_text("---\ntitle: Ep\nguests: [a, b\n---\nBody about Anthropic.", file="b.md",
                                  doc_id="b.md")
    assert docs[0].text == "Body about Anthropic."
    assert len(warnings) == 1 and warnings[0].startswith("line ") and "invalid YAML" in warnings[0]


def test_alias_bomb_is_refused_before_expansion():
    with pytest.raises(InputError, match="expands to more than 200,000 nodes"):
        load_yaml(BOMB, "bomb.md")


def test_deep_nesting_and_non_mapping_are_refused():
    with pytest.raises(InputError, match="nested more than 40 levels"):
        load_yaml("a: " + "[" * 60 + "]" * 60, "deep.md")
    with pytest.raises(InputError, match="is a list, not a mapping"):
        load_yaml("- a\n- b\n", "list.md")


def test_yaml_is_loaded_safely():
    with pytest.raises(InputError, match="invalid YAML"):
        load_yaml("x: !!python/object/apply:os.system ['echo pwned']\n", "evil.md")


def test_names_strip_wikilinks_and_ignore_odd_types():
    assert names(["[[Jakub Pachocki]]", "[[Szymon Sidor|Szymon]]", 42, None, {"name": "Jan Leike"}, {"x": 1}]) == \
        ["Jakub Pachocki", "Szymon Sidor", "Jan Leike"]
    assert names("Ada Byron, Alan Turing & Grace Hopper") == ["Ada Byron", "Alan Turing", "Grace Hopper"]
    assert names("Ada Byron + Alan Turing") == ["Ada Byron", "Alan Turing"]
    assert names("C++ Weekly") == ["C++ Weekly"]


def test_odd_types_in_front_matter_give_warnings_naming_the_field():
    text = "---\ntitle: 42\nguests: {nested: {deep: 1}}\nhost: null\nshow: [[[Deep Loop]]]\n---\nText about Meta."
    docs, _, warnings = read_text(text, file="odd.md", doc_id="odd.md")
    assert docs[0].title == "42"
    assert docs[0].participants == []
    assert "field 'guests' should be a name or a list of names, not a nested mapping; ignored" in warnings


@pytest.mark.parametrize("value,iso", [(dt.date(2025, 7, 31), "2025-07-31"), ("2025-05-22 20:53:36 +0000", "2025-05-22"),
                                       (dt.datetime(2024, 1, 2, 3, 4), "2024-01-02"), ("not a date", None), (7, None)])
def test_dates(value, iso):
    assert as_date(value) == iso


@pytest.mark.parametrize("value, shown", [("2025-02-30", "2025-02-30"), ("2025-13-45", "2025-13-45"),
                                          ("0000-01-01", "0000-01-01"), ('!!timestamp "soon"', "soon")])
def test_a_date_typo_drops_the_date_not_the_front_matter(value, shown):
    docs, _, warnings = read_text(f"---\ntitle: Typo\nguests: [Ada Byron]\ndate: {value}\n---\nAbout OpenAI.",
                                  file="t.md", doc_id="t.md")
    assert (docs[0].title, docs[0].date, [p.name for p in docs[0].participants]) == ("Typo", None, ["Ada Byron"])
    assert warnings == [f"field 'date' is not a date kg can read ('{shown}'); ignored (write it as YYYY-MM-DD)"]


@pytest.mark.parametrize("source, value", [('n: !!int "zz"', "zz"), ("n: " + "9" * 5000, "9" * 5000),
                                           ("n: !!float 'x'", "x"), ("n: !!binary aGk=", None)])
def test_values_their_tag_cannot_hold_stay_text(source, value):
    assert load_yaml(source, "v.md") == {"n": value}


def test_aliases_are_bounded_by_the_characters_they_expand_to():
    source = "x: &a " + "y" * 90_000 + "\nl: [" + ", ".join(["*a"] * 20_000) + "]\n"      # 1.8 GB if expanded
    with pytest.raises(InputError, match="expands to more than 4,000,000 characters"):
        load_yaml(source, "bomb.md")


def test_duplicate_keys_are_reported_with_both_lines():
    docs, _, warnings = read_text("---\ntitle: First\nguests: [Ada Byron]\ntitle: Second\n---\nBody.",
                                  file="d.md", doc_id="d.md")
    assert docs[0].title == "Second"
    assert warnings == ["line 4: key 'title' repeats the key on line 2; the later value is used (remove one of them)"]
