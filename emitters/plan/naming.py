"""Names derived from schema names: plurals, camelCase, kebab-case routes and file stems.

Plurals come from the ``inflect`` library so that routes read as English (``Person`` ->
``people``, ``Category`` -> ``categories``); only the last word of a PascalCase name is
inflected (``OrderItem`` -> ``OrderItems``).
"""

from __future__ import annotations

import functools
import re

import inflect

_ENGINE = inflect.engine()
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b|_)|[A-Z]?[a-z]+|[A-Z]+|\d+")


def split_words(name: str) -> list[str]:
    """``OrderItem`` -> ``["Order", "Item"]``; ``HTTPRequestLog`` -> ``["HTTP", "Request", "Log"]``."""
    words = _WORDS.findall(name)
    return words or [name]


@functools.cache
def plural_word(word: str) -> str:
    """The plural of one word, keeping its capitalisation style."""
    lower = word.lower()
    result = _ENGINE.plural_noun(lower)
    plural = result if isinstance(result, str) and result else lower + "s"
    if plural == lower + "s" and lower.endswith("s") and _ENGINE.singular_noun(lower):
        plural = lower  # already a plural (Stats, Settings, Users): not Statss
    if word.isupper() and len(word) > 1:
        return plural.upper()
    if word[:1].isupper():
        return plural[:1].upper() + plural[1:]
    return plural


@functools.cache
def singular_word(word: str) -> str:
    """The singular of a plural word, or the word itself when it is not a plural."""
    result = _ENGINE.singular_noun(word.lower())
    singular = result if isinstance(result, str) and result else word.lower()
    if word[:1].isupper():
        return singular[:1].upper() + singular[1:]
    return singular


def pluralize(name: str) -> str:
    """Pluralize the last word of a PascalCase or camelCase name."""
    words = split_words(name)
    last = words[-1]
    prefix = name[: len(name) - len(last)] if name.endswith(last) else "".join(words[:-1])
    return prefix + plural_word(last)


def singularize(name: str) -> str:
    words = split_words(name)
    last = words[-1]
    prefix = name[: len(name) - len(last)] if name.endswith(last) else "".join(words[:-1])
    return prefix + singular_word(last)


def lower_first(name: str) -> str:
    """``OrderItem`` -> ``orderItem`` (Prisma's delegate naming); ``URL`` -> ``uRL`` like Prisma."""
    return name[:1].lower() + name[1:]


def upper_first(name: str) -> str:
    return name[:1].upper() + name[1:]


def kebab(name: str) -> str:
    """``OrderItems`` -> ``order-items``."""
    return "-".join(w.lower() for w in split_words(name))
