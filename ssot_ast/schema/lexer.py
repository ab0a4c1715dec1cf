"""Tokeniser for the Prisma Schema Language: one compiled regular expression, no backtracking."""

from __future__ import annotations

import re

import attrs

TOKEN_RE = re.compile(
    r"""
    (?P<doc>///[^\n]*)
  | (?P<comment>//[^\n]*)
  | (?P<block>/\*(?:[^*]|\*(?!/))*\*/)
  | (?P<badblock>/\*[\s\S]*)
  | (?P<nl>\n)
  | (?P<ws>[ \t\r\f\v\ufeff]+)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<badstring>"(?:[^"\\\n]|\\.)*)
  | (?P<number>-?[0-9]+(?:\.[0-9]+)?)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<punct>@@|[{}()\[\],:=?@.])
  | (?P<error>.)
    """,
    re.VERBOSE,
)

# Token kinds: "doc" (a `///` line or a `/* */` comment: both are documentation in Prisma),
# "nl", "string", "badstring", "badblock", "number", "ident", "punct", "error", "eof".


@attrs.frozen(slots=True)
class Token:
    kind: str
    text: str
    line: int
    col: int


def tokenize(text: str) -> list[Token]:
    """All significant tokens (plain comments and blanks dropped), ending with an `eof` token."""
    tokens: list[Token] = []
    append = tokens.append
    line = 1
    line_start = 0
    comment_line = False  # the current line holds only a `//` comment so far
    line_empty = True
    for match in TOKEN_RE.finditer(text):
        kind = match.lastgroup or "error"
        start = match.start()
        if kind == "ws":
            continue
        if kind == "comment":
            comment_line = line_empty
            continue
        if kind == "nl":
            if not comment_line:  # a comment-only line is not a blank line
                append(Token("nl", "\n", line, start - line_start + 1))
            line += 1
            line_start = start + 1
            comment_line = False
            line_empty = True
            continue
        line_empty = False
        if kind == "block":
            body = match.group()
            append(Token("doc", body, line, start - line_start + 1))
            breaks = body.count("\n")
            if breaks:
                line += breaks
                line_start = start + body.rindex("\n") + 1
            continue
        append(Token(kind, match.group(), line, start - line_start + 1))
    append(Token("eof", "", line, len(text) - line_start + 1))
    return tokens


def unescape(literal: str) -> str:
    """The value of a string literal (with its quotes), JSON-style escapes resolved."""
    body = literal[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    simple = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "/": "/", "b": "\b"}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
                continue
            if nxt == "u" and i + 6 <= len(body):
                try:
                    out.append(chr(int(body[i + 2 : i + 6], 16)))
                    i += 6
                    continue
                except ValueError:
                    pass
            out.append(nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
