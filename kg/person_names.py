"""Given names and surnames of many languages: whether a capitalised word is a name people have.

A corpus only shows the given names of the people it names in full, and the gazetteer those of
its own people. Faker's person providers (MIT licence) list the given names of about 80 locales;
their names in Latin letters (about 16,000 given names, 15,000 surnames) tell "Antoine Bordes"
(a person the model called a company) from "Quillory Health", and "Stalin" (a surname said alone)
from "David" (a first name alone, which could be anyone).

>>> is_given("Antoine"), is_given("antoine"), is_given("Stalin"), is_given("Health")
(True, True, False, False)
>>> is_surname("Ferguson"), is_surname("Trek")
(True, False)
"""
from __future__ import annotations

import functools
import importlib
import pkgutil

from .gazetteer import fold

_GIVEN = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_SURNAMES = ("last_names", "last_names_male", "last_names_female", "last_names_nonbinary")


@functools.lru_cache(maxsize=2)
def _names(fields: tuple[str, ...]) -> frozenset[str]:
    """Folded names of these Faker provider fields in every locale, those written in Latin letters
    (ASCII, 2+ letters)."""
    from faker.providers import person

    names: set[str] = set()
    for locale in sorted(m.name for m in pkgutil.iter_modules(person.__path__)):
        provider = importlib.import_module(f"{person.__name__}.{locale}").Provider
        for attr in fields:
            value = vars(provider).get(attr)
            if isinstance(value, (list, tuple, dict, set, frozenset)):
                names.update(fold(n) for n in value if isinstance(n, str) and len(n) >= 2 and n.isascii()
                             and n.replace("-", "").isalpha())
    return frozenset(names)


def given_names() -> frozenset[str]:
    """Folded given names of every Faker locale."""
    return _names(_GIVEN)


def is_surname(word: str) -> bool:
    """Whether `word` is a surname in some language (Faker's lists)."""
    return fold(word) in _names(_SURNAMES)


def is_given(word: str) -> bool:
    """Whether `word` is a given name in some language (Faker's lists)."""
    return fold(word) in given_names()
