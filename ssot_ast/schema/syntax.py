"""Syntax tree of a Prisma schema file, with a position on every node."""

from __future__ import annotations

from typing import Union

import attrs

from .errors import Span


@attrs.frozen(kw_only=True, slots=True)
class StringLit:
    value: str
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class NumberLit:
    text: str
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class ConstExpr:
    """A bare identifier or dotted path: `Cascade`, `true`, `USER`, `addr.zip`."""

    name: str
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class ArrayExpr:
    items: tuple[Expr, ...]
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class FuncCall:
    """`uuid(7)`, `now()`, and field references with arguments such as `title(sort: Desc)`."""

    name: str
    args: tuple[Arg, ...]
    span: Span


Expr = Union[StringLit, NumberLit, ConstExpr, ArrayExpr, FuncCall]


@attrs.frozen(kw_only=True, slots=True)
class Arg:
    name: str | None
    value: Expr
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class AttributeNode:
    """`@unique`, `@db.VarChar(255)`, `@@index([a, b])`; `name` has no leading `@`."""

    name: str
    args: tuple[Arg, ...]
    span: Span
    is_block: bool


@attrs.frozen(kw_only=True, slots=True)
class DocLine:
    """One `///` line (the text after the slashes, trimmed) or one `/* */` comment (the text
    between the delimiters, trimmed). Prisma takes both as documentation; only `///` lines
    carry annotations."""

    text: str
    span: Span
    block: bool = False


@attrs.frozen(kw_only=True, slots=True)
class FieldTypeNode:
    name: str
    span: Span
    arity: str  # "required", "optional" or "list"
    unsupported: str | None = None


@attrs.frozen(kw_only=True, slots=True)
class FieldDecl:
    name: str
    name_span: Span
    type: FieldTypeNode
    attributes: tuple[AttributeNode, ...]
    docs: tuple[DocLine, ...]


@attrs.frozen(kw_only=True, slots=True)
class EnumValueDecl:
    name: str
    name_span: Span
    attributes: tuple[AttributeNode, ...]
    docs: tuple[DocLine, ...]


@attrs.frozen(kw_only=True, slots=True)
class ConfigProp:
    name: str
    name_span: Span
    value: Expr


@attrs.frozen(kw_only=True, slots=True)
class Block:
    """A top-level block: model, view, enum, type, datasource or generator."""

    keyword: str
    name: str
    name_span: Span
    span: Span
    docs: tuple[DocLine, ...] = ()
    fields: tuple[FieldDecl, ...] = ()
    values: tuple[EnumValueDecl, ...] = ()
    props: tuple[ConfigProp, ...] = ()
    attributes: tuple[AttributeNode, ...] = ()


@attrs.frozen(kw_only=True, slots=True)
class SchemaFile:
    path: str
    text: str
    blocks: tuple[Block, ...]
