"""Base classes shared by every TypeScript node category, name validation, and the few
nodes that several categories need (parameters, type parameters, binding patterns, blocks).

Every node is an immutable attrs class (frozen, slotted, keyword-only, tuples for sequences).
Nodes validate themselves on construction so that a bad tree is a Python error at the place
that built it, never bad TypeScript later.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

_IDENT_RE = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")

#: Words that can never be a binding name (variables, functions, classes, parameters).
RESERVED_WORDS: frozenset[str] = frozenset(
    """break case catch class const continue debugger default delete do else enum export
    extends false finally for function if import in instanceof new null return super switch
    this throw true try typeof var void while with implements interface let package private
    protected public static yield await""".split()
)

#: Predefined type names that cannot name an interface, class or type alias.
RESERVED_TYPE_NAMES: frozenset[str] = frozenset(
    """any unknown never void undefined null string number boolean bigint symbol object
    this""".split()
)


def is_identifier_name(name: str) -> bool:
    """True when `name` is an ASCII IdentifierName (keywords included: fine after a dot or
    as an object key)."""
    return bool(_IDENT_RE.match(name))


def check_identifier(name: str, what: str = "identifier") -> None:
    """Raise ValueError unless `name` may be used as a binding or reference name."""
    if not isinstance(name, str) or not _IDENT_RE.match(name):
        raise ValueError(f"invalid TypeScript {what}: {name!r}")
    if name in RESERVED_WORDS:
        raise ValueError(f"TypeScript {what} {name!r} is a reserved word")


def check_identifier_name(name: str, what: str = "property name") -> None:
    """Raise ValueError unless `name` is an IdentifierName (reserved words allowed)."""
    if not isinstance(name, str) or not _IDENT_RE.match(name):
        raise ValueError(f"invalid TypeScript {what}: {name!r}")


def check_type_name(name: str) -> None:
    """Raise ValueError unless `name` may declare a type (interface, class, alias)."""
    check_identifier(name, "type name")
    if name in RESERVED_TYPE_NAMES:
        raise ValueError(f"{name!r} is a predefined type and cannot be declared")


def check_instances(values: tuple[Any, ...], cls: type | tuple[type, ...], what: str) -> None:
    """Raise TypeError unless `values` is a tuple whose items are all `cls`."""
    if not isinstance(values, tuple):
        raise TypeError(f"{what} must be a tuple, got {type(values).__name__}")
    for value in values:
        if not isinstance(value, cls):
            raise TypeError(f"{what}: unexpected {type(value).__name__}")


def check_instance(value: Any, cls: type | tuple[type, ...], what: str) -> None:
    if not isinstance(value, cls):
        raise TypeError(f"{what}: unexpected {type(value).__name__}")


@attrs.frozen(kw_only=True, slots=True)
class Node:
    """Root of every TypeScript node."""


@attrs.frozen(kw_only=True, slots=True)
class Expression(Node):
    """A value-position node."""


@attrs.frozen(kw_only=True, slots=True)
class TypeNode(Node):
    """A type-position node."""


@attrs.frozen(kw_only=True, slots=True)
class Statement(Node):
    """A statement or declaration. `blank_line_before` asks for one empty line before it
    inside a block (top-level statements are always separated by one)."""

    blank_line_before: bool = False


@attrs.frozen(kw_only=True, slots=True)
class BindingElement(Node):
    """One element of `{ a, b: c = 1, ...rest }` in a destructuring pattern."""

    name: str
    property_name: str | None = None
    default: Expression | None = None
    rest: bool = False

    def __attrs_post_init__(self) -> None:
        check_identifier(self.name, "binding name")
        if self.property_name is not None:
            check_identifier_name(self.property_name)
        if self.default is not None:
            check_instance(self.default, Expression, "binding default")
        if self.rest and (self.default is not None or self.property_name is not None):
            raise ValueError("a rest element has neither a default nor a property name")


@attrs.frozen(kw_only=True, slots=True)
class ObjectBindingPattern(Node):
    """`{ a, b }` as a binding target."""

    elements: tuple[BindingElement, ...]

    def __attrs_post_init__(self) -> None:
        check_instances(self.elements, BindingElement, "object binding elements")
        if not self.elements:
            raise ValueError("an object binding pattern needs at least one element")
        for element in self.elements[:-1]:
            if element.rest:
                raise ValueError("a rest element must be last")


@attrs.frozen(kw_only=True, slots=True)
class ArrayBindingPattern(Node):
    """`[a, b]` as a binding target (`None` leaves a hole)."""

    elements: tuple[BindingElement | None, ...]

    def __attrs_post_init__(self) -> None:
        check_instances(self.elements, (BindingElement, type(None)), "array binding elements")
        if not self.elements:
            raise ValueError("an array binding pattern needs at least one element")


BindingName = str | ObjectBindingPattern | ArrayBindingPattern


def check_binding_name(name: BindingName) -> None:
    if isinstance(name, str):
        check_identifier(name, "binding name")
    else:
        check_instance(name, (ObjectBindingPattern, ArrayBindingPattern), "binding name")


@attrs.frozen(kw_only=True, slots=True)
class Parameter(Node):
    """A function, method, arrow or constructor parameter. `modifiers` holds constructor
    parameter-property keywords (`private`, `readonly`...)."""

    name: BindingName
    type: TypeNode | None = None
    default: Expression | None = None
    optional: bool = False
    rest: bool = False
    modifiers: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_binding_name(self.name)
        if self.type is not None:
            check_instance(self.type, TypeNode, "parameter type")
        if self.default is not None:
            check_instance(self.default, Expression, "parameter default")
        if self.optional and self.default is not None:
            raise ValueError("a parameter cannot be both optional and have a default")
        if self.rest and (self.optional or self.default is not None):
            raise ValueError("a rest parameter is neither optional nor defaulted")
        for modifier in self.modifiers:
            if modifier not in PARAMETER_MODIFIERS:
                raise ValueError(f"unknown parameter modifier {modifier!r}")


PARAMETER_MODIFIERS = ("public", "private", "protected", "readonly", "override")


def check_parameters(params: tuple[Parameter, ...]) -> None:
    check_instances(params, Parameter, "parameters")
    for param in params[:-1]:
        if param.rest:
            raise ValueError("a rest parameter must be last")


@attrs.frozen(kw_only=True, slots=True)
class TypeParameter(Node):
    """`T extends C = D` in a generic declaration."""

    name: str
    constraint: TypeNode | None = None
    default: TypeNode | None = None

    def __attrs_post_init__(self) -> None:
        check_type_name(self.name)
        if self.constraint is not None:
            check_instance(self.constraint, TypeNode, "type parameter constraint")
        if self.default is not None:
            check_instance(self.default, TypeNode, "type parameter default")


@attrs.frozen(kw_only=True, slots=True)
class Block(Statement):
    """`{ ... }`: a statement list."""

    statements: tuple[Statement, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_instances(self.statements, Statement, "block statements")
