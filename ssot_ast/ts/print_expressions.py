"""Expressions to Docs, following prettier's layout rules (call arguments with last-argument
expansion, member chains, binary chains, assignments)."""

from __future__ import annotations

import enum

from typing import Callable, Sequence

from ssot_ast.ts import doc as d
from ssot_ast.ts.common import Block, Expression, Node, Parameter, TypeNode, TypeParameter
from ssot_ast.ts.doc import HARDLINE, LINE, SOFTLINE, Concat, Doc, IfBreak
from ssot_ast.ts.expressions import (
    ArrayLiteralExpression,
    ArrowFunction,
    AsExpression,
    AssignmentExpression,
    AwaitExpression,
    BigIntLiteral,
    BinaryExpression,
    BooleanLiteral,
    CallExpression,
    ComputedPropertyName,
    ConditionalExpression,
    DeleteExpression,
    ElementAccessExpression,
    FunctionExpression,
    Identifier,
    MethodDeclaration,
    NewExpression,
    NonNullExpression,
    NullLiteral,
    NumericLiteral,
    ObjectLiteralExpression,
    PostfixUnaryExpression,
    PrefixUnaryExpression,
    PropertyAccessExpression,
    PropertyAssignment,
    PropertyKey,
    Ref,
    RegularExpressionLiteral,
    SatisfiesExpression,
    ShorthandPropertyAssignment,
    SpreadAssignment,
    SpreadElement,
    StringLiteral,
    SuperExpression,
    ImportMeta,
    TemplateExpression,
    ThisExpression,
    TypeOfExpression,
    VoidExpression,
)
from ssot_ast.ts.precedence import (
    _NEVER_PARENTHESIZED,
    LOGICAL_OPERATORS,
    Role,
    needs_parens,
    should_flatten,
    starts_statement_ambiguously,
)
from ssot_ast.ts.strings import escape_template_text, quote_string
from ssot_ast.ts.types import (
    ArrayType,
    KeywordType,
    MappedType,
    TypeLiteral,
    TypeRef,
    TypeReference,
)


# Contexts a binary chain is printed in (prettier looks at the parent node).
class Context(enum.Enum):
    """How a binary expression is laid out where it stands."""

    PLAIN = "plain"
    IN_PARENS = "in_parens"  # if (...), while (...), switch (...)
    NO_INDENT = "no_indent"  # return/throw argument, arrow body, conditional test
    ASSIGNMENT = "assignment"  # right side of =, :, property initializer
    UNARY = "unary"  # operand of a unary operator or object of a member access


def format_number(value: int | float) -> str:
    """A number as prettier prints it (lowercase exponent, no trailing zeros/dot, a leading
    zero before the dot: `0.7`)."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value).lower()
    if "e" in text:
        mantissa, exponent = text.split("e")
        exponent = exponent.lstrip("+")
        if exponent.startswith("-"):
            exponent = "-" + exponent[1:].lstrip("0")
        else:
            exponent = exponent.lstrip("0")
        if mantissa.endswith(".0"):
            mantissa = mantissa[:-2]
        return f"{mantissa}e{exponent}"
    return text


def is_binaryish(node: Node) -> bool:
    return type(node) is BinaryExpression


def _is_logical(node: Node) -> bool:
    return type(node) is BinaryExpression and node.operator in LOGICAL_OPERATORS


def should_inline_logical(node: Node) -> bool:
    if not _is_logical(node):
        return False
    right = node.right  # type: ignore[attr-defined]
    if type(right) is ObjectLiteralExpression and right.properties:
        return True
    if type(right) is ArrayLiteralExpression and right.elements:
        return True
    return False


def _is_member_chain(node: Expression) -> bool:
    """`a.b.c` (no calls): prettier breaks after `=` rather than inside it."""
    if type(node) is not PropertyAccessExpression:
        return False
    while type(node) is PropertyAccessExpression:
        node = node.expression
    return type(node) in (Identifier, Ref, ThisExpression, ImportMeta)


_SIMPLE_LEAVES = (
    StringLiteral,
    NumericLiteral,
    BigIntLiteral,
    BooleanLiteral,
    NullLiteral,
    Identifier,
    Ref,
    ThisExpression,
    SuperExpression,
    ImportMeta,
)


def _is_simple_argument(node: Expression, budget: int = 2) -> bool:
    """prettier's isSimpleCallArgument: literals and names, and objects, arrays, calls and
    templates of them nested at most `budget` levels (a call takes at most `budget`
    arguments)."""
    if budget <= 0:
        return False
    kind = type(node)
    if kind is NonNullExpression:
        node = node.expression  # type: ignore[attr-defined]
        kind = type(node)
    if kind in _SIMPLE_LEAVES:
        return True
    if kind is RegularExpressionLiteral:
        return len(node.pattern) <= 5  # type: ignore[attr-defined]
    inner = budget - 1
    if kind is TemplateExpression:
        return all(
            ("\n" not in part) if isinstance(part, str) else _is_simple_argument(part, inner)
            for part in node.parts  # type: ignore[attr-defined]
        )
    if kind is ObjectLiteralExpression:
        for prop in node.properties:  # type: ignore[attr-defined]
            if type(prop) is ShorthandPropertyAssignment:
                continue
            if (
                type(prop) is PropertyAssignment
                and not isinstance(prop.key, ComputedPropertyName)
                and _is_simple_argument(prop.value, inner)
            ):
                continue
            return False
        return True
    if kind is ArrayLiteralExpression:
        return all(_is_simple_argument(e, inner) for e in node.elements)  # type: ignore
    if kind is CallExpression or kind is NewExpression:
        args = node.arguments  # type: ignore[attr-defined]
        return (
            _is_simple_argument(node.callee, budget)  # type: ignore[attr-defined]
            and len(args) <= budget
            and all(_is_simple_argument(arg, inner) for arg in args)
        )
    if kind is PrefixUnaryExpression or kind is PostfixUnaryExpression:
        return _is_simple_argument(node.operand, budget)  # type: ignore[attr-defined]
    if kind is PropertyAccessExpression:
        return _is_simple_argument(node.expression, budget)  # type: ignore[attr-defined]
    if kind is ElementAccessExpression:
        return _is_simple_argument(node.expression, budget) and _is_simple_argument(  # type: ignore
            node.index, budget  # type: ignore[attr-defined]
        )
    return False


def _is_simple_type(node: TypeNode) -> bool:
    kind = type(node)
    if kind is KeywordType:
        return True
    if kind is TypeReference or kind is TypeRef:
        return not node.type_arguments  # type: ignore[attr-defined]
    return False


def _is_hopefully_short_argument(node: Expression) -> bool:
    """prettier's isHopefullyShortCallArgument (the argument after a hugged first one)."""
    kind = type(node)
    if kind is AsExpression or kind is SatisfiesExpression:
        target: TypeNode = node.type  # type: ignore[attr-defined]
        for _ in range(2):
            if type(target) is ArrayType:
                target = target.element_type
        if type(target) in (TypeReference, TypeRef) and len(target.type_arguments) == 1:  # type: ignore
            target = target.type_arguments[0]  # type: ignore[attr-defined]
        return _is_simple_type(target) and _is_simple_argument(
            node.expression, 1  # type: ignore[attr-defined]
        )
    if (kind is CallExpression or kind is NewExpression) and len(node.arguments) > 1:  # type: ignore
        return False
    if kind is BinaryExpression:
        return _is_simple_argument(node.left, 1) and _is_simple_argument(  # type: ignore
            node.right, 1  # type: ignore[attr-defined]
        )
    return kind is RegularExpressionLiteral or _is_simple_argument(node)


def _could_expand_arg(arg: Expression, arrow_chain: bool = False) -> bool:
    """prettier's couldExpandArg: an argument that can be hugged, its body or braces broken
    while the call's parentheses stay put."""
    kind = type(arg)
    if kind is ObjectLiteralExpression:
        return bool(arg.properties)  # type: ignore[attr-defined]
    if kind is ArrayLiteralExpression:
        return bool(arg.elements)  # type: ignore[attr-defined]
    if kind is AsExpression or kind is SatisfiesExpression:
        return _could_expand_arg(arg.expression)  # type: ignore[attr-defined]
    if kind is FunctionExpression:
        return True
    if kind is ArrowFunction:
        body = arg.body  # type: ignore[attr-defined]
        body_kind = type(body)
        if body_kind in (Block, ObjectLiteralExpression, ArrayLiteralExpression):
            return True
        if body_kind is ArrowFunction:
            return _could_expand_arg(body, True)
        if arrow_chain:
            return False
        if body_kind is NonNullExpression:
            body_kind = type(body.expression)
        return body_kind is ConditionalExpression or body_kind is CallExpression
    return False


def _is_function_like(node: Expression) -> bool:
    return type(node) is FunctionExpression or (
        type(node) is ArrowFunction and type(node.body) is Block
    )


def _is_function_composition(args: Sequence[Expression]) -> bool:
    if len(args) <= 1:
        return False
    count = 0
    for arg in args:
        if _is_function_like(arg):
            count += 1
            if count > 1:
                return True
        elif type(arg) is CallExpression or type(arg) is NewExpression:
            if any(type(a) in (ArrowFunction, FunctionExpression) for a in arg.arguments):
                return True
    return False


def _should_group_last(args: Sequence[Expression]) -> bool:
    last = args[-1]
    if not _could_expand_arg(last):
        return False
    if len(args) >= 2:
        penultimate = args[-2]
        if type(penultimate) is type(last):
            return False
        if type(penultimate) is ArrowFunction and type(last) is ArrayLiteralExpression:
            return len(args) != 2
    return True


def _should_group_first(args: Sequence[Expression]) -> bool:
    """prettier's shouldGroupFirst: `setTimeout(() => {...}, 500)` hugs the function."""
    if len(args) != 2:
        return False
    first, second = args
    return (
        _is_function_like(first)
        and type(second) not in (FunctionExpression, ArrowFunction, ConditionalExpression)
        and _is_hopefully_short_argument(second)
        and not _could_expand_arg(second)
    )


#: Callees of test declarations, which prettier keeps on one line (its isTestCall).
_TEST_CALLEES = frozenset(
    """it it.only it.skip describe describe.only describe.skip test test.only test.skip
    test.step test.describe test.describe.only test.describe.parallel
    test.describe.parallel.only test.describe.serial test.describe.serial.only skip xit
    xdescribe xtest fit fdescribe ftest""".split()
)


def _callee_path(callee: Expression, printer: ExpressionPrinter) -> str | None:
    """`a.b.c` for a callee made of names, else None."""
    names: list[str] = []
    while type(callee) is PropertyAccessExpression and not callee.optional:
        names.append(callee.name)
        callee = callee.expression
    if type(callee) is Identifier:
        names.append(callee.name)
    elif type(callee) is Ref:
        names.append(printer.symbol_name(callee))
    else:
        return None
    return ".".join(reversed(names))


class _CannotHug(Exception):
    """A hugged argument whose signature would break: print all arguments broken out
    (prettier's ArgExpansionBailout)."""


def _should_group_parameters(
    type_parameters: tuple[TypeParameter, ...],
    parameters: tuple[Parameter, ...],
    return_type: TypeNode,
    return_doc: Doc,
) -> bool:
    if len(type_parameters) > 1 or any(
        t.constraint is not None or t.default is not None for t in type_parameters
    ):
        return False
    return len(parameters) == 1 and (
        type(return_type) in (TypeLiteral, MappedType) or d.will_break(return_doc)
    )


class ExpressionPrinter:
    """Mixin: node-to-Doc functions for expressions. Subclasses provide `type_doc`,
    `block_doc`, `parameters_doc`, `type_parameters_doc`, `symbol_name` and
    `jsdoc_doc`."""

    _leading: set[int]
    #: For a call whose last argument is hugged: its arguments with that argument broken
    #: (keyed by id of the arguments tuple), for member chains (see member_chain.py).
    hug_broken: dict[int, Doc]

    def type_doc(self, node: TypeNode) -> Doc:
        raise NotImplementedError

    def block_doc(self, node: Block) -> Doc:
        raise NotImplementedError

    def parameters_doc(self, params: tuple[Parameter, ...]) -> Doc:
        raise NotImplementedError

    def type_parameters_doc(self, params: tuple[TypeParameter, ...]) -> Doc:
        raise NotImplementedError

    def type_arguments_doc(self, args: tuple[TypeNode, ...]) -> Doc:
        raise NotImplementedError

    def symbol_name(self, node: Ref) -> str:
        raise NotImplementedError

    def jsdoc_doc(self, text: str) -> Doc:
        raise NotImplementedError

    # -- entry points -------------------------------------------------------------------

    def expr(
        self, node: Expression, parent: Expression | None = None, role: Role = Role.ITEM
    ) -> Doc:
        """`node` as a child of `parent` in `role`, parenthesized when needed."""
        kind = type(node)
        if kind is Identifier:
            printed: Doc = node.name  # type: ignore[attr-defined]
        elif kind is Ref:
            printed = self.symbol_name(node)  # type: ignore[arg-type]
        else:
            printed = _DISPATCH[kind](self, node, parent, role)
        if role in _NEVER_PARENTHESIZED:
            if id(node) not in self._leading:
                return printed
        elif not needs_parens(node, parent, role) and id(node) not in self._leading:
            return printed
        if kind is AwaitExpression and role in (Role.OBJECT, Role.CALLEE):
            return Concat(["(", d.group(Concat([d.indent(Concat([SOFTLINE, printed])), SOFTLINE])), ")"])  # fmt: skip
        return Concat(["(", printed, ")"])

    def mark_leading(self, node: Expression, *, arrow_body: bool = False) -> None:
        """Parenthesize the leftmost operand of an expression that starts a statement (or an
        arrow body) when it would be read as a block or a declaration: `({}).x`."""
        current = node
        while True:
            kind = type(current)
            if kind is ObjectLiteralExpression or (
                not arrow_body and starts_statement_ambiguously(kind)
            ):
                self._leading.add(id(current))
                return
            child: Expression | None
            role = Role.ITEM
            if kind is BinaryExpression:
                child, role = current.left, Role.LEFT  # type: ignore[attr-defined]
            elif kind is CallExpression:
                child, role = current.callee, Role.CALLEE  # type: ignore[attr-defined]
            elif kind in (PropertyAccessExpression, ElementAccessExpression):
                child, role = current.expression, Role.OBJECT  # type: ignore[attr-defined]
            elif kind is ConditionalExpression:
                child, role = current.condition, Role.TEST  # type: ignore[attr-defined]
            elif kind in (AsExpression, SatisfiesExpression):
                child, role = current.expression, Role.CAST  # type: ignore[attr-defined]
            elif kind is NonNullExpression:
                child, role = current.expression, Role.POSTFIX  # type: ignore[attr-defined]
            elif kind is PostfixUnaryExpression:
                child, role = current.operand, Role.POSTFIX  # type: ignore[attr-defined]
            elif kind is AssignmentExpression:
                child, role = current.target, Role.TARGET  # type: ignore[attr-defined]
            else:
                return
            if needs_parens(child, current, role):
                return
            current = child

    def _print(self, node: Expression, parent: Expression | None, role: Role) -> Doc:
        method: Callable[[ExpressionPrinter, Expression, Expression | None, str], Doc]
        method = _DISPATCH[type(node)]
        return method(self, node, parent, role)

    # -- leaves -------------------------------------------------------------------------

    def _identifier(self, node: Identifier, parent: Expression | None, role: Role) -> Doc:
        return node.name

    def _ref(self, node: Ref, parent: Expression | None, role: Role) -> Doc:
        return self.symbol_name(node)

    def _string(self, node: StringLiteral, parent: Expression | None, role: Role) -> Doc:
        return quote_string(node.value)

    def _number(self, node: NumericLiteral, parent: Expression | None, role: Role) -> Doc:
        return format_number(node.value) if node.raw is None else node.raw

    def _bigint(self, node: BigIntLiteral, parent: Expression | None, role: Role) -> Doc:
        return f"{node.value}n"

    def _boolean(self, node: BooleanLiteral, parent: Expression | None, role: Role) -> Doc:
        return "true" if node.value else "false"

    def _null(self, node: NullLiteral, parent: Expression | None, role: Role) -> Doc:
        return "null"

    def _this(self, node: ThisExpression, parent: Expression | None, role: Role) -> Doc:
        return "this"

    def _super(self, node: SuperExpression, parent: Expression | None, role: Role) -> Doc:
        return "super"

    def _import_meta(self, node: ImportMeta, parent: Expression | None, role: Role) -> Doc:
        return "import.meta"

    def _regex(self, node: RegularExpressionLiteral, parent: Expression | None, role: Role) -> Doc:
        return f"/{node.pattern}/{''.join(sorted(node.flags))}"

    def _template(self, node: TemplateExpression, parent: Expression | None, role: Role) -> Doc:
        out = ["`"]
        pending: list[str] = []
        for part in node.parts:
            if isinstance(part, str):
                pending.append(part)
                continue
            if pending:
                out.append(escape_template_text("".join(pending)))
                pending = []
            out.append("${" + d.print_flat(self.expr(part)) + "}")
        if pending:
            out.append(escape_template_text("".join(pending)))
        out.append("`")
        return "".join(out)

    # -- collections --------------------------------------------------------------------

    def _array(self, node: ArrayLiteralExpression, parent: Expression | None, role: Role) -> Doc:
        if not node.elements:
            return "[]"
        elements = node.elements
        should_break = node.multiline or (
            len(elements) > 1
            and all(
                (type(e) is ObjectLiteralExpression and len(e.properties) > 1)
                or (type(e) is ArrayLiteralExpression and len(e.elements) > 1)
                for e in elements
            )
            and len({type(e) for e in elements}) == 1
        )
        items = d.join(Concat([",", LINE]), [self.expr(e) for e in elements])
        return d.group(
            Concat(["[", d.indent(Concat([SOFTLINE, items])), IfBreak(","), SOFTLINE, "]"]),
            should_break=should_break,
        )

    def property_key_doc(self, key: PropertyKey) -> Doc:
        if isinstance(key, ComputedPropertyName):
            return Concat(["[", self.expr(key.expression), "]"])
        from ssot_ast.ts.common import is_identifier_name

        if is_identifier_name(key):
            return key
        if key.isdigit() and (key == "0" or not key.startswith("0")) and len(key) < 16:
            return key
        return quote_string(key)

    def _object_member(self, member: Node) -> Doc:
        kind = type(member)
        if kind is PropertyAssignment:
            prop: PropertyAssignment = member  # type: ignore[assignment]
            key = self.property_key_doc(prop.key)
            printed = self.assignment_doc(key, ":", prop.value, short_key_allowed=True)
            if prop.doc is not None:
                return Concat([self.jsdoc_doc(prop.doc), HARDLINE, printed])
            return printed
        if kind is ShorthandPropertyAssignment:
            short: ShorthandPropertyAssignment = member  # type: ignore[assignment]
            if short.doc is not None:
                return Concat([self.jsdoc_doc(short.doc), HARDLINE, short.name])
            return short.name
        if kind is SpreadAssignment:
            return Concat(["...", self.expr(member.expression, None, Role.SPREAD)])  # type: ignore
        if kind is MethodDeclaration:
            return self.method_doc(member)  # type: ignore[arg-type]
        raise TypeError(f"unexpected object member {kind.__name__}")

    def method_doc(self, method: MethodDeclaration) -> Doc:
        parts: list[Doc] = []
        if method.doc is not None:
            parts += [self.jsdoc_doc(method.doc), HARDLINE]
        for modifier in method.modifiers:
            parts.append(modifier + " ")
        if method.async_:
            parts.append("async ")
        parts.append(self.property_key_doc(method.name))
        parts.append(
            self.signature_doc(method.type_parameters, method.parameters, method.return_type)
        )
        parts.append(" ")
        parts.append(self.block_doc(method.body))
        return Concat(parts)

    def signature_doc(
        self,
        type_parameters: tuple[TypeParameter, ...],
        parameters: tuple[Parameter, ...],
        return_type: TypeNode | None,
        *,
        arrow: bool = False,
        hugged: bool = False,
        flat_parameters: bool = False,
    ) -> Doc:
        """`<T>(params): R` as prettier prints it: the parameters and the return type share
        one group, so the parameter list breaks before the return type does. Only a lone
        parameter before an object (or already broken) return type gets a group of its own
        (prettier's shouldGroupFunctionParameters; never for arrows). The signature of an
        arrow hugged as a call's first or last argument cannot break (`hugged`; _CannotHug
        when it must)."""
        params = self.parameters_doc(parameters)
        if hugged:
            if d.will_break(params):
                raise _CannotHug()
            params = d.remove_lines(params)
        elif flat_parameters:
            params = d.remove_lines(params)
        returns: Doc = ""
        if return_type is not None:
            return_doc = self.type_doc(return_type)
            if hugged:
                if d.will_break(return_doc):
                    raise _CannotHug()
                return_doc = d.group(d.remove_lines(return_doc))
            returns = Concat([": ", return_doc])
            if not arrow and _should_group_parameters(
                type_parameters, parameters, return_type, return_doc
            ):
                params = d.group(params)
        if arrow:
            return d.group(Concat([self.type_parameters_doc(type_parameters), params, returns]))
        return Concat(
            [self.type_parameters_doc(type_parameters), d.group(Concat([params, returns]))]
        )

    def _object(self, node: ObjectLiteralExpression, parent: Expression | None, role: Role) -> Doc:
        if not node.properties:
            return "{}"
        members = d.join(Concat([",", LINE]), [self._object_member(m) for m in node.properties])
        return d.group(
            Concat(["{", d.indent(Concat([LINE, members])), IfBreak(","), LINE, "}"]),
            should_break=node.multiline,
        )

    # -- assignments --------------------------------------------------------------------

    def assignment_doc(
        self,
        left: Doc,
        operator: str,
        right: Expression | None,
        *,
        short_key_allowed: bool = False,
    ) -> Doc:
        """prettier's printAssignment: `left op right` with the layout chosen from the
        shape of `right`."""
        if right is None:
            return left
        right_doc = self.expr(right, None, Role.VALUE) if False else self._assigned(right)
        kind = type(right)
        has_short_key = short_key_allowed and type(left) is str and len(left) < 5
        if (is_binaryish(right) and not should_inline_logical(right)) or (
            kind is ConditionalExpression
            and is_binaryish(right.condition)  # type: ignore[attr-defined]
            and not should_inline_logical(right.condition)  # type: ignore[attr-defined]
        ):
            layout = "break-after-operator"
        elif has_short_key:
            layout = "never-break-after-operator"
        elif kind in (TemplateExpression, BooleanLiteral, NumericLiteral) or (
            kind is ArrowFunction and type(right.body) is ArrowFunction  # type: ignore[attr-defined]
        ):
            layout = "never-break-after-operator"
        elif kind is StringLiteral or _is_member_chain(right):
            layout = "break-after-operator"
        else:
            layout = "fluid"
        if layout == "break-after-operator":
            return d.group(
                Concat([d.group(left), operator, d.group(d.indent(Concat([LINE, right_doc])))])
            )
        if layout == "never-break-after-operator":
            return d.group(Concat([d.group(left), operator, " ", right_doc]))
        gid = d.new_group_id()
        return d.group(
            Concat(
                [
                    d.group(left),
                    operator,
                    d.group(d.indent(LINE), gid=gid),
                    d.IndentIfBreak(right_doc, gid),
                ]
            )
        )

    def _assigned(self, node: Expression) -> Doc:
        if is_binaryish(node):
            return self.binary_doc(node, Context.ASSIGNMENT)  # type: ignore[arg-type]
        return self.expr(node, None, Role.VALUE)

    def _assignment(self, node: AssignmentExpression, parent: Expression | None, role: Role) -> Doc:
        target = self.expr(node.target, node, Role.TARGET)
        return self.assignment_doc(target, " " + node.operator, node.value)

    # -- operators ----------------------------------------------------------------------

    def _binary(self, node: BinaryExpression, parent: Expression | None, role: Role) -> Doc:
        if role in (Role.OPERAND, Role.OBJECT, Role.CALLEE):
            return self.binary_doc(node, Context.UNARY)
        return self.binary_doc(node, Context.PLAIN)

    def binary_doc(self, node: BinaryExpression, context: Context) -> Doc:
        """prettier's printBinaryishExpression for a chain rooted at `node`."""
        in_parens = context == Context.IN_PARENS
        parts = self._binary_parts(node, in_parens, None)
        if in_parens:
            return Concat(parts)
        if context == Context.UNARY:
            return d.group(Concat([d.indent(Concat([SOFTLINE, *parts])), SOFTLINE]))
        inline = should_inline_logical(node)
        same_precedence_left = is_binaryish(node.left) and should_flatten(
            node.operator, node.left.operator  # type: ignore[attr-defined]
        )
        if (
            context == Context.NO_INDENT
            or (inline and not same_precedence_left)
            or (not inline and context == Context.ASSIGNMENT)
        ):
            return d.group(Concat(parts))
        first_group = next((i for i, part in enumerate(parts) if type(part) is d.Group), None)
        head_len = 1 if first_group is None else first_group + 1
        return d.group(Concat([*parts[:head_len], d.indent(Concat(parts[head_len:]))]))

    def _binary_parts(
        self, node: BinaryExpression, in_parens: bool, parent: BinaryExpression | None
    ) -> list[Doc]:
        left = node.left
        parts: list[Doc]
        if (
            type(left) is BinaryExpression
            and should_flatten(node.operator, left.operator)
            and not needs_parens(left, node, Role.LEFT)
        ):
            parts = self._binary_parts(left, in_parens, node)
        else:
            parts = [d.group(self.expr(left, node, Role.LEFT))]
        right_doc = self.expr(node.right, node, Role.RIGHT)
        right: Doc
        if should_inline_logical(node):
            right = Concat([node.operator, " ", right_doc])
        else:
            right = Concat([node.operator, LINE, right_doc])
        node_is_logical = node.operator in LOGICAL_OPERATORS

        def same_type(other: Node | None) -> bool:
            return (
                type(other) is BinaryExpression
                and (other.operator in LOGICAL_OPERATORS) == node_is_logical
            )

        should_group = (
            not (in_parens and node_is_logical)
            and not same_type(parent)
            and not same_type(node.left)
            and not same_type(node.right)
        )
        parts.append(" ")
        parts.append(d.group(right) if should_group else right)
        return parts

    def _prefix(self, node: PrefixUnaryExpression, parent: Expression | None, role: Role) -> Doc:
        return Concat([node.operator, self.expr(node.operand, node, Role.OPERAND)])

    def _postfix(self, node: PostfixUnaryExpression, parent: Expression | None, role: Role) -> Doc:
        return Concat([self.expr(node.operand, node, Role.POSTFIX), node.operator])

    def _keyword_unary(self, keyword: str, node: Expression, operand: Expression) -> Doc:
        return Concat([keyword, " ", self.expr(operand, node, Role.OPERAND)])

    def _typeof(self, node: TypeOfExpression, parent: Expression | None, role: Role) -> Doc:
        return self._keyword_unary("typeof", node, node.expression)

    def _void(self, node: VoidExpression, parent: Expression | None, role: Role) -> Doc:
        return self._keyword_unary("void", node, node.expression)

    def _delete(self, node: DeleteExpression, parent: Expression | None, role: Role) -> Doc:
        return self._keyword_unary("delete", node, node.expression)

    def _await(self, node: AwaitExpression, parent: Expression | None, role: Role) -> Doc:
        return self._keyword_unary("await", node, node.expression)

    def _non_null(self, node: NonNullExpression, parent: Expression | None, role: Role) -> Doc:
        return Concat([self.expr(node.expression, node, Role.POSTFIX), "!"])

    def _as(self, node: AsExpression, parent: Expression | None, role: Role) -> Doc:
        return Concat(
            [self.expr(node.expression, node, Role.CAST), " as ", self.type_doc(node.type)]
        )

    def _satisfies(self, node: SatisfiesExpression, parent: Expression | None, role: Role) -> Doc:
        return Concat(
            [self.expr(node.expression, node, Role.CAST), " satisfies ", self.type_doc(node.type)]
        )

    def _spread(self, node: SpreadElement, parent: Expression | None, role: Role) -> Doc:
        return Concat(["...", self.expr(node.expression, node, Role.SPREAD)])

    def _conditional(
        self, node: ConditionalExpression, parent: Expression | None, role: Role
    ) -> Doc:
        """prettier's printTernary. A chain of conditionals nested in branches is one group
        (it breaks as a whole); a nested chain's `?`/`:` lines are not indented again but
        aligned two columns further, after the parent's `? ` or `: `."""
        parent_is_conditional = type(parent) is ConditionalExpression
        is_parent_test = parent_is_conditional and parent.condition is node  # type: ignore
        in_chain = parent_is_conditional and not is_parent_test
        is_alternate = in_chain and parent.when_false is node  # type: ignore[union-attr]
        # A binary operand is indented only when the conditional is the argument of a call,
        # return or throw (prettier looks at the binary's grandparent).
        binary_context = Context.PLAIN if role == Role.ARGUMENT else Context.NO_INDENT
        test = self._conditional_operand(node.condition, node, Role.TEST, binary_context)
        if is_alternate:
            test = d.Align(2, test)
        consequent = self._conditional_operand(node.when_true, node, Role.BRANCH, binary_context)
        if type(node.when_true) is ConditionalExpression:
            consequent = Concat([IfBreak("", "("), d.Align(2, consequent), IfBreak("", ")")])
        else:
            consequent = d.Align(2, consequent)
        alternate = self._conditional_operand(node.when_false, node, Role.BRANCH, binary_context)
        branches: Doc = Concat([LINE, "? ", consequent, LINE, ": ", d.Align(2, alternate)])
        if in_chain and not is_alternate:
            # Nested in the consequent: indented by the indentation width minus two.
            branches = d.Align(-2, d.indent(branches))
        break_closing_paren = type(parent) is PropertyAccessExpression and role == Role.OBJECT
        contents = Concat(
            [
                test,
                branches if in_chain else d.indent(branches),
                SOFTLINE if break_closing_paren else "",
            ]
        )
        result: Doc = contents if in_chain else d.group(contents)
        if is_parent_test:
            return d.group(Concat([d.indent(Concat([SOFTLINE, result])), SOFTLINE]))
        return result

    def _conditional_operand(
        self, operand: Expression, node: ConditionalExpression, role: Role, binary_context: Context
    ) -> Doc:
        if is_binaryish(operand):
            printed = self.binary_doc(operand, binary_context)  # type: ignore[arg-type]
            if needs_parens(operand, node, role):
                return Concat(["(", printed, ")"])
            return printed
        return self.expr(operand, node, role)

    # -- functions ----------------------------------------------------------------------

    def _arrow(self, node: ArrowFunction, parent: Expression | None, role: Role) -> Doc:
        return self.arrow_doc(node, expand_last_arg=False)

    def arrow_doc(
        self,
        node: ArrowFunction,
        *,
        expand_last_arg: bool,
        expand_first_arg: bool = False,
        flat_signature: bool = False,
    ) -> Doc:
        signature: list[Doc] = []
        if node.async_:
            signature.append("async ")
        signature.append(
            self.signature_doc(
                node.type_parameters,
                node.parameters,
                node.return_type,
                arrow=True,
                hugged=expand_last_arg or expand_first_arg,
                flat_parameters=flat_signature,
            )
        )
        signature.append(" =>")
        body = node.body
        if isinstance(body, Block):
            return d.group(Concat([*signature, " ", self.block_doc(body)]))
        kind = type(body)
        if kind is ObjectLiteralExpression:
            self.mark_leading(body, arrow_body=True)
        else:
            self.mark_leading(body, arrow_body=True)
        if kind in (
            ArrayLiteralExpression,
            ObjectLiteralExpression,
            TemplateExpression,
            ArrowFunction,
        ):
            return d.group(Concat([*signature, " ", self.expr(body, node, Role.ARROW_BODY)]))
        if is_binaryish(body):
            body_doc = self.binary_doc(body, Context.NO_INDENT)  # type: ignore[arg-type]
        else:
            body_doc = self.expr(body, node, Role.ARROW_BODY)
        if kind is ConditionalExpression:
            body_doc = Concat([IfBreak("", "("), body_doc, IfBreak("", ")")])
        tail: Doc = Concat([IfBreak(","), SOFTLINE]) if expand_last_arg else ""
        return d.group(
            Concat([*signature, d.group(Concat([d.indent(Concat([LINE, body_doc])), tail]))])
        )

    def _function(self, node: FunctionExpression, parent: Expression | None, role: Role) -> Doc:
        parts: list[Doc] = ["async function " if node.async_ else "function "]
        if node.name is not None:
            parts.append(node.name)
        parts.append(self.signature_doc(node.type_parameters, node.parameters, node.return_type))
        parts += [" ", self.block_doc(node.body)]
        return Concat(parts)

    # -- calls and members --------------------------------------------------------------

    def arguments_doc(self, args: tuple[Expression, ...], *, call: bool = True) -> Doc:
        """prettier's printCallArguments, including last-argument expansion (`call`: the
        arguments of a call rather than of `new`)."""
        if not args:
            return "()"
        role = Role.ARGUMENT if call else Role.ITEM
        printed = [self.expr(arg, None, role) for arg in args]
        separated: list[Doc] = []
        for index, arg_doc in enumerate(printed):
            separated.append(arg_doc)
            if index < len(printed) - 1:
                separated.append(",")
                separated.append(LINE)

        def all_broken_out() -> Doc:
            return d.group(
                Concat(["(", d.indent(Concat([LINE, *separated, ","])), LINE, ")"]),
                should_break=True,
            )

        if _is_function_composition(args):
            return all_broken_out()
        if _should_group_first(args):
            rest = printed[1:]
            if any(d.will_break(p) for p in rest):
                return all_broken_out()
            first = args[0]
            try:
                if type(first) is ArrowFunction:
                    expanded_first = self.arrow_doc(
                        first, expand_last_arg=False, expand_first_arg=True
                    )
                else:
                    expanded_first = printed[0]
            except _CannotHug:
                return all_broken_out()
            hugged_first = Concat(
                ["(", d.group(expanded_first, should_break=True), ", ", *rest, ")"]
            )
            if d.will_break(expanded_first):
                return Concat(
                    [d.BREAK_PARENT, d.conditional_group((hugged_first, all_broken_out()))]
                )
            flat_first = Concat(["(", expanded_first, ", ", *rest, ")"])
            return d.conditional_group((flat_first, hugged_first, all_broken_out()))
        if _should_group_last(args):
            if any(d.will_break(p) for p in printed[:-1]):
                return all_broken_out()
            last = args[-1]
            try:
                if type(last) is ArrowFunction:
                    expanded_last = self.arrow_doc(last, expand_last_arg=True)
                else:
                    expanded_last = printed[-1]
            except _CannotHug:
                return all_broken_out()
            head = separated[:-1]
            hugged_last = Concat(["(", *head, d.group(expanded_last, should_break=True), ")"])
            self.hug_broken[id(args)] = hugged_last
            if d.will_break(expanded_last):
                return Concat(
                    [d.BREAK_PARENT, d.conditional_group((hugged_last, all_broken_out()))]
                )
            flat_last = Concat(["(", *head, expanded_last, ")"])
            return d.conditional_group((flat_last, hugged_last, all_broken_out()))
        return d.group(
            Concat(["(", d.indent(Concat([SOFTLINE, *separated])), IfBreak(","), SOFTLINE, ")"])
        )

    def _new(self, node: NewExpression, parent: Expression | None, role: Role) -> Doc:
        return Concat(
            [
                "new ",
                self.expr(node.callee, node, Role.NEW_CALLEE),
                self.type_arguments_doc(node.type_arguments),
                self.arguments_doc(node.arguments, call=False),
            ]
        )

    def _call(self, node: CallExpression, parent: Expression | None, role: Role) -> Doc:
        callee = node.callee
        if not node.optional and self._is_test_call(node):
            # prettier keeps a test declaration on one line: `test("name", async () => {`.
            args: list[Doc] = [self.expr(node.arguments[0], None, Role.ARGUMENT)]
            for arg in node.arguments[1:]:
                if type(arg) is ArrowFunction:
                    args.append(self.arrow_doc(arg, expand_last_arg=False, flat_signature=True))
                else:
                    args.append(self.expr(arg, None, Role.ARGUMENT))
            return Concat(
                [
                    self.expr(callee, node, Role.CALLEE),
                    self.type_arguments_doc(node.type_arguments),
                    "(",
                    d.join(", ", args),
                    ")",
                ]
            )
        if type(callee) in (PropertyAccessExpression, ElementAccessExpression) or (
            type(callee) is NonNullExpression
            and type(callee.expression) in (PropertyAccessExpression, ElementAccessExpression)
        ):
            return member_chain.member_chain_doc(self, node, role)
        return Concat(
            [
                self.expr(callee, node, Role.CALLEE),
                "?." if node.optional else "",
                self.type_arguments_doc(node.type_arguments),
                self.arguments_doc(node.arguments),
            ]
        )

    def _is_test_call(self, node: CallExpression) -> bool:
        """prettier's isTestCall: `it("name", fn)`, `test.only("name", fn, 500)`... (the
        Angular test wrappers are not modelled)."""
        args = node.arguments
        if len(args) not in (2, 3) or type(args[0]) not in (StringLiteral, TemplateExpression):
            return False
        if _callee_path(node.callee, self) not in _TEST_CALLEES:
            return False
        if len(args) == 2:
            return type(args[1]) in (ArrowFunction, FunctionExpression)
        return (
            type(args[2]) is NumericLiteral
            and _is_function_like(args[1])
            and len(args[1].parameters) <= 1  # type: ignore[attr-defined]
        )

    def member_lookup_doc(self, node: Expression) -> Doc:
        if type(node) is PropertyAccessExpression:
            return ("?." if node.optional else ".") + node.name
        assert isinstance(node, ElementAccessExpression)
        index = node.index
        opener = "?.[" if node.optional else "["
        if type(index) in (StringLiteral, NumericLiteral, Identifier, Ref):
            return Concat([opener, self.expr(index), "]"])
        return d.group(
            Concat([opener, d.indent(Concat([SOFTLINE, self.expr(index)])), SOFTLINE, "]"])
        )

    def _member(self, node: PropertyAccessExpression, parent: Expression | None, role: Role) -> Doc:
        return Concat([self.expr(node.expression, node, Role.OBJECT), self.member_lookup_doc(node)])

    def _element(self, node: ElementAccessExpression, parent: Expression | None, role: Role) -> Doc:
        return Concat([self.expr(node.expression, node, Role.OBJECT), self.member_lookup_doc(node)])


_DISPATCH: dict[type, Callable[..., Doc]] = {
    Identifier: ExpressionPrinter._identifier,
    Ref: ExpressionPrinter._ref,
    StringLiteral: ExpressionPrinter._string,
    NumericLiteral: ExpressionPrinter._number,
    BigIntLiteral: ExpressionPrinter._bigint,
    BooleanLiteral: ExpressionPrinter._boolean,
    NullLiteral: ExpressionPrinter._null,
    ThisExpression: ExpressionPrinter._this,
    SuperExpression: ExpressionPrinter._super,
    ImportMeta: ExpressionPrinter._import_meta,
    RegularExpressionLiteral: ExpressionPrinter._regex,
    TemplateExpression: ExpressionPrinter._template,
    ArrayLiteralExpression: ExpressionPrinter._array,
    ObjectLiteralExpression: ExpressionPrinter._object,
    AssignmentExpression: ExpressionPrinter._assignment,
    BinaryExpression: ExpressionPrinter._binary,
    PrefixUnaryExpression: ExpressionPrinter._prefix,
    PostfixUnaryExpression: ExpressionPrinter._postfix,
    TypeOfExpression: ExpressionPrinter._typeof,
    VoidExpression: ExpressionPrinter._void,
    DeleteExpression: ExpressionPrinter._delete,
    AwaitExpression: ExpressionPrinter._await,
    NonNullExpression: ExpressionPrinter._non_null,
    AsExpression: ExpressionPrinter._as,
    SatisfiesExpression: ExpressionPrinter._satisfies,
    SpreadElement: ExpressionPrinter._spread,
    ConditionalExpression: ExpressionPrinter._conditional,
    ArrowFunction: ExpressionPrinter._arrow,
    FunctionExpression: ExpressionPrinter._function,
    NewExpression: ExpressionPrinter._new,
    CallExpression: ExpressionPrinter._call,
    PropertyAccessExpression: ExpressionPrinter._member,
    ElementAccessExpression: ExpressionPrinter._element,
}

# Imported last: member_chain uses this module's helpers (a cycle resolved at import time).
from ssot_ast.ts import member_chain  # noqa: E402
