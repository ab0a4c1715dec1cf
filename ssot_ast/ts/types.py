"""Type nodes, named after TypeScript's syntax kinds."""

from __future__ import annotations

import math

import attrs

from ssot_ast.ts.common import (
    Expression,
    Node,
    Parameter,
    TypeNode,
    TypeParameter,
    check_identifier,
    check_identifier_name,
    check_instance,
    check_instances,
    check_parameters,
)
from ssot_ast.ts.strings import check_text
from ssot_ast.ts.symbols import Symbol

KEYWORD_TYPES = (
    "string", "number", "boolean", "bigint", "symbol", "object", "unknown", "never",
    "void", "null", "undefined", "any", "this", "const",
)  # fmt: skip


@attrs.frozen(kw_only=True, slots=True)
class KeywordType(TypeNode):
    """`string`, `number`, `unknown`, ... `const` is only meaningful in `x as const`."""

    name: str

    def __attrs_post_init__(self) -> None:
        if self.name not in KEYWORD_TYPES:
            raise ValueError(f"unknown keyword type {self.name!r}")


@attrs.frozen(kw_only=True, slots=True)
class TypeReference(TypeNode):
    """A local or global type by name (`Date`, `Record<K, V>`, `T`); dotted names such as
    `Express.Request` are allowed. No import is derived."""

    name: str
    type_arguments: tuple[TypeNode, ...] = ()

    def __attrs_post_init__(self) -> None:
        head, *rest = self.name.split(".")
        check_identifier(head, "type name")
        for part in rest:
            check_identifier_name(part, "qualified type name part")
        check_instances(self.type_arguments, TypeNode, "type arguments")


@attrs.frozen(kw_only=True, slots=True)
class TypeRef(TypeNode):
    """A use of `symbol` in type position, optionally qualified: with `member=("X",)` it
    prints `Symbol.X` (e.g. `Prisma.PostWhereInput`, `z.infer<...>`)."""

    symbol: Symbol
    type_arguments: tuple[TypeNode, ...] = ()
    member: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_instance(self.symbol, Symbol, "TypeRef.symbol")
        check_instances(self.type_arguments, TypeNode, "type arguments")
        for part in self.member:
            check_identifier_name(part, "qualified type name part")


@attrs.frozen(kw_only=True, slots=True)
class UnionType(TypeNode):
    types: tuple[TypeNode, ...]

    def __attrs_post_init__(self) -> None:
        check_instances(self.types, TypeNode, "union members")
        if len(self.types) < 2:
            raise ValueError("a union needs at least two members")


@attrs.frozen(kw_only=True, slots=True)
class IntersectionType(TypeNode):
    types: tuple[TypeNode, ...]

    def __attrs_post_init__(self) -> None:
        check_instances(self.types, TypeNode, "intersection members")
        if len(self.types) < 2:
            raise ValueError("an intersection needs at least two members")


@attrs.frozen(kw_only=True, slots=True)
class ArrayType(TypeNode):
    """`T[]` (parenthesized as `(A | B)[]` when needed)."""

    element_type: TypeNode

    def __attrs_post_init__(self) -> None:
        check_instance(self.element_type, TypeNode, "array element type")


@attrs.frozen(kw_only=True, slots=True)
class TupleType(TypeNode):
    elements: tuple[TypeNode, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_instances(self.elements, TypeNode, "tuple elements")


@attrs.frozen(kw_only=True, slots=True)
class RestType(TypeNode):
    """`...T` inside a tuple type."""

    type: TypeNode

    def __attrs_post_init__(self) -> None:
        check_instance(self.type, TypeNode, "rest type")


@attrs.frozen(kw_only=True, slots=True)
class LiteralType(TypeNode):
    """`"a"`, `1`, `true`, `-1` as types."""

    value: str | int | float | bool

    def __attrs_post_init__(self) -> None:
        if isinstance(self.value, str):
            check_text(self.value)
        elif isinstance(self.value, float) and not math.isfinite(self.value):
            raise ValueError("a literal type must be finite")
        elif not isinstance(self.value, (int, float, bool)):
            raise TypeError("LiteralType.value must be str, int, float or bool")


@attrs.frozen(kw_only=True, slots=True)
class TypeMember(Node):
    """A member of an interface or type literal."""


@attrs.frozen(kw_only=True, slots=True)
class PropertySignature(TypeMember):
    """`readonly name?: T;` (the name is quoted when it is not an identifier name)."""

    name: str
    type: TypeNode
    optional: bool = False
    readonly: bool = False
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_text(self.name)
        check_instance(self.type, TypeNode, "property type")


@attrs.frozen(kw_only=True, slots=True)
class MethodSignature(TypeMember):
    name: str
    parameters: tuple[Parameter, ...] = ()
    return_type: TypeNode | None = None
    type_parameters: tuple[TypeParameter, ...] = ()
    optional: bool = False
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_identifier_name(self.name, "method name")
        check_parameters(self.parameters)
        check_instances(self.type_parameters, TypeParameter, "type parameters")


@attrs.frozen(kw_only=True, slots=True)
class IndexSignature(TypeMember):
    """`[key: string]: T;`."""

    key_name: str
    key_type: TypeNode
    type: TypeNode
    readonly: bool = False
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_identifier(self.key_name, "index key name")
        check_instance(self.key_type, TypeNode, "index key type")
        check_instance(self.type, TypeNode, "index value type")


@attrs.frozen(kw_only=True, slots=True)
class TypeLiteral(TypeNode):
    """`{ a: string; b?: number }`; `multiline=True` keeps it expanded."""

    members: tuple[TypeMember, ...] = ()
    multiline: bool = False

    def __attrs_post_init__(self) -> None:
        check_instances(self.members, TypeMember, "type members")


@attrs.frozen(kw_only=True, slots=True)
class IndexedAccessType(TypeNode):
    """`T["key"]`."""

    object_type: TypeNode
    index_type: TypeNode

    def __attrs_post_init__(self) -> None:
        check_instance(self.object_type, TypeNode, "indexed object type")
        check_instance(self.index_type, TypeNode, "index type")


@attrs.frozen(kw_only=True, slots=True)
class TypeOperator(TypeNode):
    """`keyof T`, `readonly T[]`, `unique symbol`."""

    operator: str
    type: TypeNode

    def __attrs_post_init__(self) -> None:
        if self.operator not in ("keyof", "readonly", "unique"):
            raise ValueError(f"unknown type operator {self.operator!r}")
        check_instance(self.type, TypeNode, "type operand")


@attrs.frozen(kw_only=True, slots=True)
class TypeQuery(TypeNode):
    """`typeof expr` in type position; `expr` is an identifier, a Ref or a property access
    chain on one. A Ref used here counts as a type-only use."""

    expression: Expression

    def __attrs_post_init__(self) -> None:
        from ssot_ast.ts.expressions import Identifier, PropertyAccessExpression, Ref

        node: Expression = self.expression
        while isinstance(node, PropertyAccessExpression):
            node = node.expression
        if not isinstance(node, (Identifier, Ref)):
            raise ValueError("typeof in a type takes a name or a property access chain")


@attrs.frozen(kw_only=True, slots=True)
class FunctionType(TypeNode):
    """`<T>(a: A) => R`."""

    parameters: tuple[Parameter, ...]
    return_type: TypeNode
    type_parameters: tuple[TypeParameter, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_parameters(self.parameters)
        check_instance(self.return_type, TypeNode, "return type")
        check_instances(self.type_parameters, TypeParameter, "type parameters")


@attrs.frozen(kw_only=True, slots=True)
class ConditionalType(TypeNode):
    """`C extends E ? T : F`."""

    check_type: TypeNode
    extends_type: TypeNode
    true_type: TypeNode
    false_type: TypeNode


@attrs.frozen(kw_only=True, slots=True)
class MappedType(TypeNode):
    """`{ [K in C]: T }` with optional `?` / `readonly`."""

    key_name: str
    constraint: TypeNode
    type: TypeNode
    optional: bool = False
    readonly: bool = False

    def __attrs_post_init__(self) -> None:
        check_identifier(self.key_name, "mapped key name")
