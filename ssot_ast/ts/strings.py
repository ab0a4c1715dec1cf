"""Escaping of string and template literal text.

Strings use double quotes, like prettier, unless the text holds more double quotes than
single quotes (prettier's rule: fewer escapes wins). Backslashes, the chosen quote, control
characters, U+2028 and U+2029 are escaped; a lone surrogate cannot be encoded in a UTF-8 file
and is rejected with ValueError.
"""

from __future__ import annotations

import re

_SIMPLE_ESCAPES = {
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def check_text(text: str) -> None:
    """Raise ValueError if `text` holds a lone surrogate (not representable in UTF-8)."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    found = _SURROGATE.search(text)
    if found is not None:
        index = found.start()
        raise ValueError(f"lone surrogate U+{ord(text[index]):04X} at index {index} in {text!r}")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_char(char: str) -> str:
    simple = _SIMPLE_ESCAPES.get(char)
    if simple is not None:
        return simple
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    return char


def _needs_escape(char: str) -> bool:
    return char in _SIMPLE_ESCAPES or ord(char) < 0x20 or ord(char) == 0x7F


def preferred_quote(text: str) -> str:
    """The quote prettier would choose for `text`."""
    return "'" if text.count('"') > text.count("'") else '"'


def quote_string(text: str) -> str:
    """`text` as a TypeScript string literal, quotes included."""
    check_text(text)
    quote = preferred_quote(text)
    if text.isprintable() and "\\" not in text and quote not in text:
        if "\u2028" not in text and "\u2029" not in text:
            return quote + text + quote
    out = [quote]
    for char in text:
        if char == quote:
            out.append("\\" + quote)
        elif _needs_escape(char):
            out.append(_escape_char(char))
        else:
            out.append(char)
    out.append(quote)
    return "".join(out)


def escape_template_text(text: str) -> str:
    """Raw text of a template literal chunk: escapes backslashes, backticks, `${`, control
    characters (newlines included, so a template stays on one line), U+2028 and U+2029."""
    check_text(text)
    out = []
    length = len(text)
    for index, char in enumerate(text):
        if char == "`":
            out.append("\\`")
        elif char == "$" and index + 1 < length and text[index + 1] == "{":
            out.append("\\$")
        elif _needs_escape(char):
            out.append(_escape_char(char))
        else:
            out.append(char)
    return "".join(out)
