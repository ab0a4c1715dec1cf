"""Declaration nodes: functions, classes (for error types and services), interfaces and
type aliases. Each may carry a `doc` (printed as a JSDoc block) and `export`."""

from __future__ import annotations

import attrs

from ssot_ast.ts.common import (
    Block,
    Expression,
    Node,
    Parameter,
    Statement,
    TypeNode,
    TypeParameter,
    check_identifier,
    check_instance,
    check_instances,
    check_parameters,
    check_type_name,
)
from ssot_ast.ts.expressions import MethodDeclaration, PropertyKey, check_property_key
from ssot_ast.ts.types import TypeMember

CLASS_MEMBER_MODIFIERS = (
    "public", "private", "protected", "static", "readonly", "override", "declare", "abstract",
)  # fmt: skip


def _check_doc(doc: str | None) -> None:
    if doc is not None:
        if not isinstance(doc, str):
            raise TypeError("doc must be a str")
        if "*/" in doc:
            raise ValueError("a doc comment cannot contain '*/'")


@attrs.frozen(kw_only=True, slots=True)
class FunctionDeclaration(Statement):
    name: str
    parameters: tuple[Parameter, ...] = ()
    body: Block = attrs.field(factory=Block)
    async_: bool = False
    return_type: TypeNode | None = None
    type_parameters: tuple[TypeParameter, ...] = ()
    export: bool = False
    default_export: bool = False
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_identifier(self.name, "function name")
        check_parameters(self.parameters)
        check_instance(self.body, Block, "function body")
        check_instances(self.type_parameters, TypeParameter, "type parameters")
        if self.return_type is not None:
            check_instance(self.return_type, TypeNode, "return type")
        _check_doc(self.doc)


@attrs.frozen(kw_only=True, slots=True)
class ClassMember(Node):
    """A member of a class body. `blank_line_before` puts an empty line before it."""

    blank_line_before: bool = False


@attrs.frozen(kw_only=True, slots=True)
class PropertyDeclaration(ClassMember):
    """`private readonly name?: T = init;` in a class body."""

    name: PropertyKey
    type: TypeNode | None = None
    initializer: Expression | None = None
    modifiers: tuple[str, ...] = ()
    optional: bool = False
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_property_key(self.name)
        for modifier in self.modifiers:
            if modifier not in CLASS_MEMBER_MODIFIERS:
                raise ValueError(f"unknown class member modifier {modifier!r}")
        if self.type is not None:
            check_instance(self.type, TypeNode, "property type")
        if self.initializer is not None:
            check_instance(self.initializer, Expression, "property initializer")
        _check_doc(self.doc)


@attrs.frozen(kw_only=True, slots=True)
class MethodMember(ClassMember):
    """A method in a class body (wraps the object-literal MethodDeclaration)."""

    method: MethodDeclaration

    def __attrs_post_init__(self) -> None:
        check_instance(self.method, MethodDeclaration, "method")
        _check_doc(self.method.doc)


@attrs.frozen(kw_only=True, slots=True)
class Constructor(ClassMember):
    parameters: tuple[Parameter, ...] = ()
    body: Block = attrs.field(factory=Block)
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_parameters(self.parameters)
        check_instance(self.body, Block, "constructor body")
        _check_doc(self.doc)


@attrs.frozen(kw_only=True, slots=True)
class ClassDeclaration(Statement):
    """`export class Name<T> extends Base implements I { members }`."""

    name: str
    members: tuple[ClassMember, ...] = ()
    extends: Expression | None = None
    extends_type_arguments: tuple[TypeNode, ...] = ()
    implements: tuple[TypeNode, ...] = ()
    type_parameters: tuple[TypeParameter, ...] = ()
    export: bool = False
    default_export: bool = False
    abstract: bool = False
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_type_name(self.name)
        check_instances(self.members, ClassMember, "class members")
        if self.extends is not None:
            check_instance(self.extends, Expression, "base class")
        check_instances(self.extends_type_arguments, TypeNode, "base type arguments")
        check_instances(self.implements, TypeNode, "implemented types")
        check_instances(self.type_parameters, TypeParameter, "type parameters")
        if sum(1 for member in self.members if isinstance(member, Constructor)) > 1:
            raise ValueError("a class has at most one constructor")
        _check_doc(self.doc)


@attrs.frozen(kw_only=True, slots=True)
class InterfaceDeclaration(Statement):
    name: str
    members: tuple[TypeMember, ...] = ()
    extends: tuple[TypeNode, ...] = ()
    type_parameters: tuple[TypeParameter, ...] = ()
    export: bool = True
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_type_name(self.name)
        check_instances(self.members, TypeMember, "interface members")
        check_instances(self.extends, TypeNode, "extended interfaces")
        check_instances(self.type_parameters, TypeParameter, "type parameters")
        _check_doc(self.doc)


@attrs.frozen(kw_only=True, slots=True)
class TypeAliasDeclaration(Statement):
    name: str
    type: TypeNode
    type_parameters: tuple[TypeParameter, ...] = ()
    export: bool = True
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_type_name(self.name)
        check_instance(self.type, TypeNode, "aliased type")
        check_instances(self.type_parameters, TypeParameter, "type parameters")
        _check_doc(self.doc)
