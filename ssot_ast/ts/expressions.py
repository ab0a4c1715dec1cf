"""Expression nodes, named after TypeScript's syntax kinds. Parentheses are never nodes: the
printer inserts them from the precedence table (`precedence.py`)."""

from __future__ import annotations

import math
import re

import attrs

from ssot_ast.ts.common import (
    Block,
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


@attrs.frozen(kw_only=True, slots=True)
class Identifier(Expression):
    """A file-local or global name (`x`, `console`, `undefined`). No import is derived."""

    name: str

    def __attrs_post_init__(self) -> None:
        if self.name != "undefined":
            check_identifier(self.name)


@attrs.frozen(kw_only=True, slots=True)
class Ref(Expression):
    """A use of `symbol` in value position; the import pass imports it (or aliases it)."""

    symbol: Symbol

    def __attrs_post_init__(self) -> None:
        check_instance(self.symbol, Symbol, "Ref.symbol")


@attrs.frozen(kw_only=True, slots=True)
class ThisExpression(Expression):
    pass


@attrs.frozen(kw_only=True, slots=True)
class SuperExpression(Expression):
    pass


@attrs.frozen(kw_only=True, slots=True)
class ImportMeta(Expression):
    """``import.meta``, the current module's facts (``import.meta.url``)."""


@attrs.frozen(kw_only=True, slots=True)
class StringLiteral(Expression):
    value: str

    def __attrs_post_init__(self) -> None:
        check_text(self.value)


@attrs.frozen(kw_only=True, slots=True)
class NumericLiteral(Expression):
    """A finite, non-negative number (write `-1` as a unary minus). `raw` is the text to
    print instead of the canonical form, for numeric separators (`60_000`): decimal digits
    grouped by single underscores, written as prettier keeps it (no leading zero, no
    trailing zero in the fraction), and denoting `value`."""

    value: int | float
    raw: str | None = None

    def __attrs_post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            raise TypeError("NumericLiteral.value must be an int or float")
        if isinstance(self.value, float) and not math.isfinite(self.value):
            raise ValueError("NumericLiteral.value must be finite")
        if self.value < 0 or (isinstance(self.value, float) and math.copysign(1, self.value) < 0):
            raise ValueError("NumericLiteral.value must be non-negative (use a unary minus)")
        if self.raw is not None:
            if not _NUMERIC_RAW.fullmatch(self.raw):
                raise ValueError(f"NumericLiteral.raw {self.raw!r} is not a decimal literal")
            digits = self.raw.replace("_", "")
            denoted = int(digits) if "." not in digits else float(digits)
            if denoted != self.value:
                raise ValueError(f"NumericLiteral.raw {self.raw!r} does not denote {self.value!r}")


#: Decimal literals with optional numeric separators, in prettier's normal form.
_NUMERIC_RAW = re.compile(r"(?:0|[1-9](?:_?\d)*)(?:\.(?:\d(?:_?\d)*_?)?[1-9])?")


@attrs.frozen(kw_only=True, slots=True)
class BigIntLiteral(Expression):
    value: int

    def __attrs_post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int) or self.value < 0:
            raise ValueError("BigIntLiteral.value must be a non-negative int")


@attrs.frozen(kw_only=True, slots=True)
class BooleanLiteral(Expression):
    value: bool


@attrs.frozen(kw_only=True, slots=True)
class NullLiteral(Expression):
    pass


@attrs.frozen(kw_only=True, slots=True)
class RegularExpressionLiteral(Expression):
    pattern: str
    flags: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.pattern or "\n" in self.pattern or self.pattern.startswith("*"):
            raise ValueError(f"invalid regular expression pattern {self.pattern!r}")
        if any(flag not in "dgimsuvy" for flag in self.flags):
            raise ValueError(f"invalid regular expression flags {self.flags!r}")


@attrs.frozen(kw_only=True, slots=True)
class TemplateExpression(Expression):
    """A template literal: `parts` alternate freely between raw text (str, escaped by the
    printer) and embedded expressions."""

    parts: tuple[str | Expression, ...]

    def __attrs_post_init__(self) -> None:
        check_instances(self.parts, (str, Expression), "template parts")
        for part in self.parts:
            if isinstance(part, str):
                check_text(part)


@attrs.frozen(kw_only=True, slots=True)
class SpreadElement(Expression):
    """`...expr` in an array literal or argument list."""

    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "spread expression")


@attrs.frozen(kw_only=True, slots=True)
class ArrayLiteralExpression(Expression):
    elements: tuple[Expression, ...] = ()
    multiline: bool = False

    def __attrs_post_init__(self) -> None:
        check_instances(self.elements, Expression, "array elements")


@attrs.frozen(kw_only=True, slots=True)
class ObjectMember(Node):
    """A member of an object literal."""


@attrs.frozen(kw_only=True, slots=True)
class ComputedPropertyName(Node):
    """`[expr]` as a property key."""

    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "computed key")


PropertyKey = str | ComputedPropertyName


def check_property_key(key: PropertyKey) -> None:
    if isinstance(key, str):
        if not key and key != "":
            raise ValueError("empty property key")
        check_text_key(key)
    else:
        check_instance(key, ComputedPropertyName, "property key")


def check_text_key(key: str) -> None:
    check_text(key)


@attrs.frozen(kw_only=True, slots=True)
class PropertyAssignment(ObjectMember):
    """`key: value`; the key is quoted only when it is not an identifier name."""

    key: PropertyKey
    value: Expression
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_property_key(self.key)
        check_instance(self.value, Expression, "property value")


@attrs.frozen(kw_only=True, slots=True)
class ShorthandPropertyAssignment(ObjectMember):
    """`{ name }`."""

    name: str
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_identifier(self.name)


@attrs.frozen(kw_only=True, slots=True)
class SpreadAssignment(ObjectMember):
    """`{ ...expr }`."""

    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "spread expression")


@attrs.frozen(kw_only=True, slots=True)
class MethodDeclaration(ObjectMember):
    """A method in an object literal or a class body: `async name(params): T { ... }`."""

    name: PropertyKey
    parameters: tuple[Parameter, ...] = ()
    body: Block = attrs.field(factory=Block)
    async_: bool = False
    return_type: TypeNode | None = None
    type_parameters: tuple[TypeParameter, ...] = ()
    modifiers: tuple[str, ...] = ()
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_property_key(self.name)
        check_parameters(self.parameters)
        check_instance(self.body, Block, "method body")
        check_instances(self.type_parameters, TypeParameter, "type parameters")
        for modifier in self.modifiers:
            if modifier not in ("public", "private", "protected", "static", "override"):
                raise ValueError(f"unknown method modifier {modifier!r}")


@attrs.frozen(kw_only=True, slots=True)
class ObjectLiteralExpression(Expression):
    """`{ ... }`. `multiline=True` keeps it expanded even when it would fit (prettier keeps an
    object expanded when the author wrote a newline after `{`)."""

    properties: tuple[ObjectMember, ...] = ()
    multiline: bool = False

    def __attrs_post_init__(self) -> None:
        check_instances(self.properties, ObjectMember, "object members")


@attrs.frozen(kw_only=True, slots=True)
class CallExpression(Expression):
    """`callee<T>(args)`; `optional=True` gives `callee?.(args)`."""

    callee: Expression
    arguments: tuple[Expression, ...] = ()
    type_arguments: tuple[TypeNode, ...] = ()
    optional: bool = False

    def __attrs_post_init__(self) -> None:
        check_instance(self.callee, Expression, "callee")
        check_instances(self.arguments, Expression, "arguments")
        check_instances(self.type_arguments, TypeNode, "type arguments")


@attrs.frozen(kw_only=True, slots=True)
class NewExpression(Expression):
    """`new Callee<T>(args)`; parentheses are always printed."""

    callee: Expression
    arguments: tuple[Expression, ...] = ()
    type_arguments: tuple[TypeNode, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_instance(self.callee, Expression, "callee")
        check_instances(self.arguments, Expression, "arguments")
        check_instances(self.type_arguments, TypeNode, "type arguments")


@attrs.frozen(kw_only=True, slots=True)
class PropertyAccessExpression(Expression):
    """`expr.name`; `optional=True` gives `expr?.name`."""

    expression: Expression
    name: str
    optional: bool = False

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "object")
        check_identifier_name(self.name)


@attrs.frozen(kw_only=True, slots=True)
class ElementAccessExpression(Expression):
    """`expr[index]`; `optional=True` gives `expr?.[index]`."""

    expression: Expression
    index: Expression
    optional: bool = False

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "object")
        check_instance(self.index, Expression, "index")


PREFIX_OPERATORS = ("!", "-", "+", "~", "++", "--")


@attrs.frozen(kw_only=True, slots=True)
class PrefixUnaryExpression(Expression):
    operator: str
    operand: Expression

    def __attrs_post_init__(self) -> None:
        if self.operator not in PREFIX_OPERATORS:
            raise ValueError(f"unknown prefix operator {self.operator!r}")
        check_instance(self.operand, Expression, "operand")


@attrs.frozen(kw_only=True, slots=True)
class PostfixUnaryExpression(Expression):
    operator: str
    operand: Expression

    def __attrs_post_init__(self) -> None:
        if self.operator not in ("++", "--"):
            raise ValueError(f"unknown postfix operator {self.operator!r}")
        check_instance(self.operand, Expression, "operand")


@attrs.frozen(kw_only=True, slots=True)
class TypeOfExpression(Expression):
    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "typeof operand")


@attrs.frozen(kw_only=True, slots=True)
class VoidExpression(Expression):
    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "void operand")


@attrs.frozen(kw_only=True, slots=True)
class DeleteExpression(Expression):
    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "delete operand")


@attrs.frozen(kw_only=True, slots=True)
class AwaitExpression(Expression):
    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "await operand")


BINARY_OPERATORS = (
    "??", "||", "&&", "|", "^", "&", "==", "!=", "===", "!==",
    "<", ">", "<=", ">=", "instanceof", "in", "<<", ">>", ">>>",
    "+", "-", "*", "/", "%", "**",
)  # fmt: skip

ASSIGNMENT_OPERATORS = (
    "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=",
    "&=", "|=", "^=", "&&=", "||=", "??=",
)  # fmt: skip


@attrs.frozen(kw_only=True, slots=True)
class BinaryExpression(Expression):
    """Arithmetic, comparison, bitwise and logical operators (`a ?? b`, `a && b`...)."""

    left: Expression
    operator: str
    right: Expression

    def __attrs_post_init__(self) -> None:
        if self.operator not in BINARY_OPERATORS:
            raise ValueError(f"unknown binary operator {self.operator!r}")
        check_instance(self.left, Expression, "left operand")
        check_instance(self.right, Expression, "right operand")


@attrs.frozen(kw_only=True, slots=True)
class AssignmentExpression(Expression):
    """`target = value` and compound assignments (`+=`, `??=`...)."""

    target: Expression
    operator: str
    value: Expression

    def __attrs_post_init__(self) -> None:
        if self.operator not in ASSIGNMENT_OPERATORS:
            raise ValueError(f"unknown assignment operator {self.operator!r}")
        check_instance(self.value, Expression, "assigned value")
        if not isinstance(
            self.target,
            (Identifier, Ref, PropertyAccessExpression, ElementAccessExpression),
        ) or getattr(self.target, "optional", False):
            raise ValueError("an assignment target is a name, a property or an element")


@attrs.frozen(kw_only=True, slots=True)
class ConditionalExpression(Expression):
    condition: Expression
    when_true: Expression
    when_false: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.condition, Expression, "condition")
        check_instance(self.when_true, Expression, "when_true")
        check_instance(self.when_false, Expression, "when_false")


@attrs.frozen(kw_only=True, slots=True)
class ArrowFunction(Expression):
    """`async <T>(params): R => body`; `body` is an expression or a Block."""

    parameters: tuple[Parameter, ...] = ()
    body: Expression | Block = attrs.field(factory=Block)
    async_: bool = False
    return_type: TypeNode | None = None
    type_parameters: tuple[TypeParameter, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_parameters(self.parameters)
        check_instance(self.body, (Expression, Block), "arrow body")
        check_instances(self.type_parameters, TypeParameter, "type parameters")


@attrs.frozen(kw_only=True, slots=True)
class FunctionExpression(Expression):
    """`async function name(params): R { ... }` as an expression."""

    parameters: tuple[Parameter, ...] = ()
    body: Block = attrs.field(factory=Block)
    name: str | None = None
    async_: bool = False
    return_type: TypeNode | None = None
    type_parameters: tuple[TypeParameter, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.name is not None:
            check_identifier(self.name)
        check_parameters(self.parameters)
        check_instance(self.body, Block, "function body")
        check_instances(self.type_parameters, TypeParameter, "type parameters")


@attrs.frozen(kw_only=True, slots=True)
class AsExpression(Expression):
    """`expr as T`; `as const` is `AsExpression(expression=x, type=CONST_TYPE)` (see
    `build.as_const`)."""

    expression: Expression
    type: TypeNode

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "as operand")
        check_instance(self.type, TypeNode, "as type")


@attrs.frozen(kw_only=True, slots=True)
class SatisfiesExpression(Expression):
    expression: Expression
    type: TypeNode

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "satisfies operand")
        check_instance(self.type, TypeNode, "satisfies type")


@attrs.frozen(kw_only=True, slots=True)
class NonNullExpression(Expression):
    """`expr!`."""

    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "non-null operand")
