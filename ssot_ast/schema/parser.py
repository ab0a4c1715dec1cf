"""Recursive-descent parser: tokens of one file to a `SchemaFile`, recovering line by line."""

from __future__ import annotations

from .errors import Diagnostic, Span
from .lexer import Token, tokenize, unescape
from .syntax import (
    Arg,
    ArrayExpr,
    AttributeNode,
    Block,
    ConfigProp,
    ConstExpr,
    DocLine,
    EnumValueDecl,
    Expr,
    FieldDecl,
    FieldTypeNode,
    FuncCall,
    NumberLit,
    SchemaFile,
    StringLit,
)

BLOCK_KEYWORDS = ("model", "view", "enum", "type", "datasource", "generator")


class _Recover(Exception):
    """Abandons the current line; the caller skips to the next one."""


class Parser:
    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0
        self.diagnostics: list[Diagnostic] = []

    # -- token helpers -------------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> Token:
        index = min(self.pos + ahead, len(self.tokens) - 1)
        return self.tokens[index]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind != "eof":
            self.pos += 1
        return token

    def span(self, token: Token) -> Span:
        return Span(self.path, token.line, token.col, max(1, len(token.text)))

    def span_from(self, start: Token) -> Span:
        last = self.tokens[max(self.pos - 1, 0)]
        if last.line == start.line and self.pos > 0:
            length = last.col + len(last.text) - start.col
        else:
            length = len(start.text)
        return Span(self.path, start.line, start.col, max(1, length))

    def error(self, token: Token, message: str, hint: str | None = None) -> _Recover:
        self.diagnostics.append(Diagnostic.at(self.span(token), message, hint))
        return _Recover()

    def describe(self, token: Token) -> str:
        if token.kind == "nl":
            return "the end of the line"
        if token.kind == "eof":
            return "the end of the file"
        return f'"{token.text}"'

    def is_punct(self, text: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind == "punct" and token.text == text

    def expect_punct(self, text: str, context: str) -> Token:
        token = self.peek()
        if token.kind == "punct" and token.text == text:
            return self.advance()
        raise self.error(token, f'expected "{text}" {context}, found {self.describe(token)}')

    def skip_line(self) -> bool:
        """Skips to the start of the next line; true if the skipped part ended with `}`."""
        last: Token | None = None
        while self.peek().kind not in ("nl", "eof"):
            last = self.advance()
        if self.peek().kind == "nl":
            self.advance()
        return last is not None and last.kind == "punct" and last.text == "}"

    def end_of_line(self, what: str) -> None:
        if self.peek().kind == "doc":
            self.advance()  # a trailing comment documents nothing here
        token = self.peek()
        if token.kind in ("nl", "eof"):
            if token.kind == "nl":
                self.advance()
            return
        raise self.error(
            token,
            f"unexpected {self.describe(token)} after {what}",
            "put each field, value and attribute group on its own line",
        )

    def skip_blank(self) -> None:
        while self.peek().kind == "nl":
            self.advance()

    # -- top level -----------------------------------------------------------------------------

    def parse(self) -> SchemaFile:
        blocks: list[Block] = []
        docs: list[DocLine] = []
        carried: tuple[DocLine, ...] = ()
        while True:
            token = self.peek()
            if token.kind == "eof":
                break
            if token.kind == "nl":
                self.advance()
                if self.peek().kind == "nl":
                    docs = []
                continue
            if token.kind == "doc":
                docs.append(self.doc_line(self.advance()))
                continue
            if token.kind == "badblock":
                self.diagnostics.append(
                    Diagnostic.at(
                        self.span(token), "this block comment is not closed", 'end it with "*/"'
                    )
                )
                break
            if token.kind == "ident" and token.text in BLOCK_KEYWORDS:
                config = token.text in ("datasource", "generator")
                # Prisma hands the documentation of a datasource or generator block on to
                # the next block that has none of its own.
                own = tuple(docs)
                block = self.parse_block(own if own or config else carried)
                carried = own if config and own else (carried if config else ())
                docs = []
                if block is not None:
                    blocks.append(block)
                continue
            self.diagnostics.append(
                Diagnostic.at(
                    self.span(token),
                    "this line does not start with a schema keyword",
                    "a top-level line starts with model, view, enum, type, datasource or "
                    "generator",
                )
            )
            docs = []
            self.skip_line()
        return SchemaFile(path=self.path, text=self.text, blocks=tuple(blocks))

    def doc_line(self, token: Token) -> DocLine:
        if token.text.startswith("/*"):
            first_line = token.text.split("\n", 1)[0]
            span = Span(self.path, token.line, token.col, len(first_line))
            return DocLine(text=token.text[2:-2].strip(), span=span, block=True)
        # As Prisma: leading blanks go, trailing ones stay (but a CRLF file's \r goes).
        return DocLine(text=token.text[3:].rstrip("\r").lstrip(" \t"), span=self.span(token))

    def parse_block(self, docs: tuple[DocLine, ...]) -> Block | None:
        keyword_token = self.advance()
        keyword = keyword_token.text
        name_token = self.peek()
        try:
            if name_token.kind != "ident":
                raise self.error(
                    name_token,
                    f"expected a name after {keyword}, found {self.describe(name_token)}",
                )
            self.advance()
            self.expect_punct("{", f"after {keyword} {name_token.text}")
            if self.peek().kind not in ("nl", "eof"):
                raise self.error(
                    self.peek(),
                    f'unexpected {self.describe(self.peek())} after "{{"',
                    "start the block's content on the next line",
                )
        except _Recover:
            if not self.skip_line():
                self.skip_to_block_end()
            return None
        fields: list[FieldDecl] = []
        values: list[EnumValueDecl] = []
        props: list[ConfigProp] = []
        attributes: list[AttributeNode] = []
        pending: list[DocLine] = []
        closed = False
        while True:
            token = self.peek()
            if token.kind == "badblock":
                self.diagnostics.append(
                    Diagnostic.at(
                        self.span(token), "this block comment is not closed", 'end it with "*/"'
                    )
                )
                self.advance()
                break
            if token.kind == "eof":
                self.diagnostics.append(
                    Diagnostic.at(
                        self.span(keyword_token),
                        f'{keyword} {name_token.text} is missing its closing "}}"',
                        'add "}" on its own line at the end of the block',
                    )
                )
                break
            if token.kind == "nl":
                self.advance()
                if self.peek().kind == "nl":
                    pending = []  # a blank line ends a documentation comment, as in Prisma
                continue
            if token.kind == "doc":
                pending.append(self.doc_line(self.advance()))
                continue
            if token.kind == "punct" and token.text == "}":
                self.advance()
                closed = True
                break
            if (
                token.kind == "ident"
                and token.text in BLOCK_KEYWORDS
                and self.peek(1).kind == "ident"
                and self.is_punct("{", 2)
            ):
                self.diagnostics.append(
                    Diagnostic.at(
                        self.span(keyword_token),
                        f'{keyword} {name_token.text} is missing its closing "}}"',
                        'add "}" on its own line at the end of the block',
                    )
                )
                break
            try:
                if token.kind == "punct" and token.text == "@@":
                    attributes.append(self.parse_attribute())
                    self.end_of_line("a block attribute")
                elif token.kind == "ident" and keyword in ("datasource", "generator"):
                    props.append(self.parse_prop())
                elif token.kind == "ident" and keyword == "enum":
                    values.append(self.parse_enum_value(tuple(pending)))
                elif token.kind == "ident":
                    fields.append(self.parse_field(tuple(pending)))
                else:
                    raise self.error(
                        token,
                        f"unexpected {self.describe(token)} in {keyword} {name_token.text}",
                        "a line in this block starts with a name or with @@",
                    )
            except _Recover:
                if self.skip_line():
                    closed = True
                    break
            pending = []
        if closed and self.peek().kind not in ("nl", "eof"):
            self.error(self.peek(), f'unexpected {self.describe(self.peek())} after "}}"')
            self.skip_line()
        return Block(
            keyword=keyword,
            name=name_token.text,
            name_span=self.span(name_token),
            span=self.span(keyword_token),
            docs=docs,
            fields=tuple(fields),
            values=tuple(values),
            props=tuple(props),
            attributes=tuple(attributes),
        )

    def skip_to_block_end(self) -> None:
        while self.peek().kind != "eof":
            token = self.advance()
            if token.kind == "punct" and token.text == "}":
                self.skip_line()
                return

    # -- block members -------------------------------------------------------------------------

    def parse_prop(self) -> ConfigProp:
        name = self.advance()
        self.expect_punct("=", f"after {name.text}")
        value = self.parse_expr()
        self.end_of_line("a configuration value")
        return ConfigProp(name=name.text, name_span=self.span(name), value=value)

    def parse_enum_value(self, docs: tuple[DocLine, ...]) -> EnumValueDecl:
        name = self.advance()
        attributes = self.parse_field_attributes()
        if self.peek().kind == "doc":
            docs = docs + (self.doc_line(self.advance()),)
        self.end_of_line("an enum value")
        return EnumValueDecl(
            name=name.text, name_span=self.span(name), attributes=attributes, docs=docs
        )

    def parse_field(self, docs: tuple[DocLine, ...]) -> FieldDecl:
        name = self.advance()
        type_token = self.peek()
        if type_token.kind == "punct" and type_token.text == ":":
            raise self.error(type_token, 'a field declaration has no ":"', "write: name Type")
        if type_token.kind != "ident":
            raise self.error(
                type_token,
                f"field {name.text} has no type",
                "write the type after the field name, e.g. `name String`",
            )
        self.advance()
        unsupported: str | None = None
        if type_token.text == "Unsupported" and self.is_punct("("):
            self.advance()
            literal = self.peek()
            if literal.kind != "string":
                raise self.error(literal, 'Unsupported takes one string, e.g. Unsupported("x")')
            self.advance()
            unsupported = unescape(literal.text)
            self.expect_punct(")", "to close Unsupported(")
        type_span = self.span_from(type_token)
        arity = "required"
        if self.is_punct("["):
            self.advance()
            self.expect_punct("]", "after [ in a list type")
            arity = "list"
            if self.is_punct("?"):
                raise self.error(
                    self.peek(),
                    f"field {name.text}: optional lists are not supported",
                    "remove the ? (a list can be empty)",
                )
        elif self.is_punct("?"):
            self.advance()
            arity = "optional"
            if self.is_punct("["):
                raise self.error(self.peek(), "a list type is written Type[], not Type?[]")
        attributes = self.parse_field_attributes()
        if self.peek().kind == "doc":
            docs = docs + (self.doc_line(self.advance()),)
        self.end_of_line(f"field {name.text}")
        field_type = FieldTypeNode(
            name=type_token.text, span=type_span, arity=arity, unsupported=unsupported
        )
        return FieldDecl(
            name=name.text,
            name_span=self.span(name),
            type=field_type,
            attributes=attributes,
            docs=docs,
        )

    def parse_field_attributes(self) -> tuple[AttributeNode, ...]:
        attributes: list[AttributeNode] = []
        while self.peek().kind == "punct" and self.peek().text in ("@", "@@"):
            if self.peek().text == "@@":
                raise self.error(
                    self.peek(),
                    "a block attribute (@@) must be on its own line",
                    "move it to a separate line inside the block",
                )
            attributes.append(self.parse_attribute())
        return tuple(attributes)

    def parse_attribute(self) -> AttributeNode:
        at = self.advance()
        name_token = self.peek()
        if name_token.kind != "ident":
            raise self.error(name_token, f'expected an attribute name after "{at.text}"')
        self.advance()
        name = name_token.text
        while self.is_punct(".") and self.peek(1).kind == "ident":
            self.advance()
            name += "." + self.advance().text
        args: tuple[Arg, ...] = ()
        if self.is_punct("("):
            args = self.parse_args()
        return AttributeNode(
            name=name, args=args, span=self.span_from(at), is_block=at.text == "@@"
        )

    # -- expressions ---------------------------------------------------------------------------

    def skip_nl(self) -> None:
        while self.peek().kind in ("nl", "doc"):
            self.advance()

    def parse_args(self) -> tuple[Arg, ...]:
        self.advance()  # (
        args: list[Arg] = []
        self.skip_nl()
        while not self.is_punct(")"):
            start = self.peek()
            name: str | None = None
            if start.kind == "ident" and self.is_punct(":", 1):
                name = start.text
                self.advance()
                self.advance()
                self.skip_nl()
            value = self.parse_expr()
            args.append(Arg(name=name, value=value, span=self.span_from(start)))
            self.skip_nl()
            if self.is_punct(","):
                self.advance()
                self.skip_nl()
            elif not self.is_punct(")"):
                raise self.error(
                    self.peek(),
                    f'expected "," or ")" in an argument list, found {self.describe(self.peek())}',
                )
        self.advance()
        return tuple(args)

    def parse_expr(self) -> Expr:
        token = self.peek()
        if token.kind == "string":
            self.advance()
            return StringLit(value=unescape(token.text), span=self.span(token))
        if token.kind == "badstring":
            raise self.error(token, "this string is not closed", 'end it with a " on the same line')
        if token.kind == "number":
            self.advance()
            return NumberLit(text=token.text, span=self.span(token))
        if token.kind == "punct" and token.text == "[":
            self.advance()
            items: list[Expr] = []
            self.skip_nl()
            while not self.is_punct("]"):
                items.append(self.parse_expr())
                self.skip_nl()
                if self.is_punct(","):
                    self.advance()
                    self.skip_nl()
                elif not self.is_punct("]"):
                    raise self.error(
                        self.peek(),
                        f'expected "," or "]" in a list, found {self.describe(self.peek())}',
                    )
            self.advance()
            return ArrayExpr(items=tuple(items), span=self.span_from(token))
        if token.kind == "ident":
            self.advance()
            name = token.text
            while self.is_punct(".") and self.peek(1).kind == "ident":
                self.advance()
                name += "." + self.advance().text
            if self.is_punct("("):
                args = self.parse_args()
                return FuncCall(name=name, args=args, span=self.span_from(token))
            return ConstExpr(name=name, span=self.span_from(token))
        raise self.error(token, f"expected a value, found {self.describe(token)}")


def parse_file(text: str, path: str) -> tuple[SchemaFile, list[Diagnostic]]:
    """Parses one file; returns the tree of what could be read and the syntax errors found."""
    parser = Parser(text, path)
    tree = parser.parse()
    return tree, parser.diagnostics
