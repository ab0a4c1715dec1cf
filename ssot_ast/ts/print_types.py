"""Types to Docs (prettier's layout for unions, object types, type arguments)."""

from __future__ import annotations

from typing import Callable

from ssot_ast.ts import doc as d
from ssot_ast.ts.common import TypeNode, is_identifier_name
from ssot_ast.ts.doc import HARDLINE, LINE, SOFTLINE, Concat, Doc, IfBreak
from ssot_ast.ts.precedence import TypeRole, type_needs_parens
from ssot_ast.ts.print_expressions import (
    ExpressionPrinter,
    _should_group_parameters,
    format_number,
)
from ssot_ast.ts.strings import quote_string
from ssot_ast.ts.types import (
    ArrayType,
    ConditionalType,
    FunctionType,
    IndexedAccessType,
    IndexSignature,
    IntersectionType,
    KeywordType,
    LiteralType,
    MappedType,
    MethodSignature,
    PropertySignature,
    RestType,
    TupleType,
    TypeLiteral,
    TypeMember,
    TypeOperator,
    TypeQuery,
    TypeRef,
    TypeReference,
    UnionType,
)


def _is_object_type(node: TypeNode) -> bool:
    return type(node) is TypeLiteral or type(node) is MappedType


def _is_simple_type(node: TypeNode) -> bool:
    kind = type(node)
    if kind is KeywordType:
        return True
    if kind is TypeReference or kind is TypeRef:
        return not node.type_arguments  # type: ignore[attr-defined]
    return False


def should_hug_type(node: TypeNode) -> bool:
    if _is_simple_type(node) or _is_object_type(node):
        return True
    if type(node) is UnionType:
        types = node.types
        voids = sum(1 for t in types if type(t) is KeywordType and t.name in ("void", "null"))
        return len(types) - 1 == voids and any(_is_object_type(t) for t in types)
    return False


# Contexts in which a union is not indented (prettier: the parent does it).
UNION_NO_INDENT = "no_indent"
#: The type of a hugged lone parameter, `f(props: { a: A })`: an object type gets no group
#: of its own (it breaks with the signature) and its `multiline` hint is not kept (prettier
#: drops it there too).
HUGGED = "hugged"


class TypePrinter(ExpressionPrinter):
    def type_doc(self, node: TypeNode, context: str = "") -> Doc:
        method: Callable[..., Doc] = _TYPE_DISPATCH[type(node)]
        return method(self, node, context)

    def _child_type(self, node: TypeNode, parent: TypeNode, role: TypeRole) -> Doc:
        if type_needs_parens(node, parent, role):
            return Concat(["(", self.type_doc(node, "parens"), ")"])
        return self.type_doc(node)

    def type_arguments_doc(self, args: tuple[TypeNode, ...]) -> Doc:
        if not args:
            return ""
        if len(args) == 1 and should_hug_type(args[0]):
            return Concat(["<", self.type_doc(args[0], UNION_NO_INDENT), ">"])
        printed = [self.type_doc(a, UNION_NO_INDENT) for a in args]
        return d.group(
            Concat(
                [
                    "<",
                    d.indent(Concat([SOFTLINE, d.join(Concat([",", LINE]), printed)])),
                    SOFTLINE,
                    ">",
                ]
            )
        )

    def _keyword(self, node: KeywordType, context: str) -> Doc:
        return node.name

    def _reference(self, node: TypeReference, context: str) -> Doc:
        return Concat([node.name, self.type_arguments_doc(node.type_arguments)])

    def _type_ref(self, node: TypeRef, context: str) -> Doc:
        name = self.symbol_name_of(node.symbol)
        if node.member:
            name = name + "." + ".".join(node.member)
        return Concat([name, self.type_arguments_doc(node.type_arguments)])

    def symbol_name_of(self, symbol: object) -> str:
        raise NotImplementedError

    def _union(self, node: UnionType, context: str) -> Doc:
        if should_hug_type(node):
            return d.join(" | ", [self._child_type(t, node, TypeRole.UNION) for t in node.types])
        printed = [self._child_type(t, node, TypeRole.UNION) for t in node.types]
        should_indent = context != UNION_NO_INDENT
        code = Concat(
            [
                IfBreak(Concat([LINE if should_indent else "", "| "])),
                d.join(Concat([LINE, "| "]), printed),
            ]
        )
        if context == "parens":
            return d.group(Concat([d.indent(code), SOFTLINE]))
        return d.group(d.indent(code) if should_indent else code)

    def _intersection(self, node: IntersectionType, context: str) -> Doc:
        return d.group(
            d.join(
                Concat([" &", LINE]),
                [self._child_type(t, node, TypeRole.INTERSECTION) for t in node.types],
            )
        )

    def _array_type(self, node: ArrayType, context: str) -> Doc:
        return Concat([self._child_type(node.element_type, node, TypeRole.ARRAY), "[]"])

    def _tuple(self, node: TupleType, context: str) -> Doc:
        if not node.elements:
            return "[]"
        items = d.join(
            Concat([",", LINE]), [self.type_doc(t, UNION_NO_INDENT) for t in node.elements]
        )
        return d.group(
            Concat(["[", d.indent(Concat([SOFTLINE, items])), IfBreak(","), SOFTLINE, "]"])
        )

    def _rest(self, node: RestType, context: str) -> Doc:
        return Concat(["...", self._child_type(node.type, node, TypeRole.ARRAY)])

    def _literal(self, node: LiteralType, context: str) -> Doc:
        value = node.value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str):
            return quote_string(value)
        if value < 0:
            return "-" + format_number(-value)
        return format_number(value)

    def member_name_doc(self, name: str) -> Doc:
        if is_identifier_name(name):
            return name
        return quote_string(name)

    def type_member_doc(self, member: TypeMember) -> Doc:
        kind = type(member)
        parts: list[Doc] = []
        doc = getattr(member, "doc", None)
        if doc is not None:
            parts += [self.jsdoc_doc(doc), HARDLINE]
        if kind is PropertySignature:
            prop: PropertySignature = member  # type: ignore[assignment]
            if prop.readonly:
                parts.append("readonly ")
            parts += [
                self.member_name_doc(prop.name),
                "?: " if prop.optional else ": ",
                self.type_doc(prop.type),
            ]
        elif kind is MethodSignature:
            method: MethodSignature = member  # type: ignore[assignment]
            parts += [method.name, "?" if method.optional else ""]
            parts.append(
                self.signature_doc(method.type_parameters, method.parameters, method.return_type)
            )
        elif kind is IndexSignature:
            index: IndexSignature = member  # type: ignore[assignment]
            parts += [
                "readonly " if index.readonly else "",
                "[",
                index.key_name,
                ": ",
                self.type_doc(index.key_type),
                "]: ",
                self.type_doc(index.type),
            ]
        else:
            raise TypeError(f"unexpected type member {kind.__name__}")
        return Concat(parts)

    def members_block_doc(self, members: tuple[TypeMember, ...]) -> Doc:
        """`{ a: A; b: B; }` always expanded (interfaces)."""
        if not members:
            return "{}"
        body = d.join(HARDLINE, [Concat([self.type_member_doc(m), ";"]) for m in members])
        return Concat(["{", d.indent(Concat([HARDLINE, body])), HARDLINE, "}"])

    def _type_literal(self, node: TypeLiteral, context: str) -> Doc:
        if not node.members:
            return "{}"
        body = d.join(Concat([";", LINE]), [self.type_member_doc(m) for m in node.members])
        braced = Concat(["{", d.indent(Concat([LINE, body])), IfBreak(";"), LINE, "}"])
        if context == HUGGED:
            return braced
        return d.group(braced, should_break=node.multiline)

    def _indexed(self, node: IndexedAccessType, context: str) -> Doc:
        return Concat(
            [
                self._child_type(node.object_type, node, TypeRole.INDEXED),
                "[",
                self.type_doc(node.index_type),
                "]",
            ]
        )

    def _operator(self, node: TypeOperator, context: str) -> Doc:
        return Concat([node.operator, " ", self._child_type(node.type, node, TypeRole.OPERATOR)])

    def _query(self, node: TypeQuery, context: str) -> Doc:
        return Concat(["typeof ", self.expr(node.expression)])

    def _function_type(self, node: FunctionType, context: str) -> Doc:
        params = self.parameters_doc(node.parameters)
        return_doc = self.type_doc(node.return_type)
        if _should_group_parameters(
            node.type_parameters, node.parameters, node.return_type, return_doc
        ):
            params = d.group(params)
        return d.group(
            Concat([self.type_parameters_doc(node.type_parameters), params, " => ", return_doc])
        )

    def _conditional_type(self, node: ConditionalType, context: str) -> Doc:
        return d.group(
            Concat(
                [
                    self._child_type(node.check_type, node, TypeRole.CHECK),
                    " extends ",
                    self._child_type(node.extends_type, node, TypeRole.EXTENDS),
                    d.indent(
                        Concat(
                            [
                                LINE,
                                "? ",
                                self.type_doc(node.true_type),
                                LINE,
                                ": ",
                                self.type_doc(node.false_type),
                            ]
                        )
                    ),
                ]
            )
        )

    def _mapped(self, node: MappedType, context: str) -> Doc:
        inner = Concat(
            [
                "readonly " if node.readonly else "",
                "[",
                node.key_name,
                " in ",
                self.type_doc(node.constraint),
                "]",
                "?: " if node.optional else ": ",
                self.type_doc(node.type),
            ]
        )
        braced = Concat(["{", d.indent(Concat([LINE, inner])), IfBreak(";"), LINE, "}"])
        return braced if context == HUGGED else d.group(braced)


_TYPE_DISPATCH: dict[type, Callable[..., Doc]] = {
    KeywordType: TypePrinter._keyword,
    TypeReference: TypePrinter._reference,
    TypeRef: TypePrinter._type_ref,
    UnionType: TypePrinter._union,
    IntersectionType: TypePrinter._intersection,
    ArrayType: TypePrinter._array_type,
    TupleType: TypePrinter._tuple,
    RestType: TypePrinter._rest,
    LiteralType: TypePrinter._literal,
    TypeLiteral: TypePrinter._type_literal,
    IndexedAccessType: TypePrinter._indexed,
    TypeOperator: TypePrinter._operator,
    TypeQuery: TypePrinter._query,
    FunctionType: TypePrinter._function_type,
    ConditionalType: TypePrinter._conditional_type,
    MappedType: TypePrinter._mapped,
}
