"""Member chains (`a.b().c().d()`), laid out like prettier's printMemberChain: the chain is
split into groups (a head, then one group per `.name(...)` call); short chains stay on one
line; longer ones either fit on one line or put each call group on its own indented line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssot_ast.ts import doc as d
from ssot_ast.ts import print_expressions
from ssot_ast.ts.common import Expression
from ssot_ast.ts.doc import HARDLINE, Concat, Doc
from ssot_ast.ts.expressions import (
    ArrowFunction,
    FunctionExpression,
    CallExpression,
    ElementAccessExpression,
    Identifier,
    NonNullExpression,
    NumericLiteral,
    PropertyAccessExpression,
    Ref,
    StringLiteral,
    ThisExpression,
    ImportMeta,
)
from ssot_ast.ts.precedence import Role

if TYPE_CHECKING:
    from ssot_ast.ts.print_expressions import ExpressionPrinter  # noqa: F401


def _is_simple_argument(node: Expression) -> bool:
    return print_expressions._is_simple_argument(node)


_MEMBERISH = (PropertyAccessExpression, ElementAccessExpression)
_SIMPLE_HEADS = (Identifier, Ref, ThisExpression, ImportMeta)


def _is_factory(name: str) -> bool:
    return name[:1].isupper() or (bool(name) and all(c in "$_" for c in name))


def _is_literal_index(node: Expression) -> bool:
    return type(node) is ElementAccessExpression and type(node.index) in (
        StringLiteral,
        NumericLiteral,
    )


def member_chain_doc(printer: ExpressionPrinter, call: CallExpression, role: Role) -> Doc:
    callee = call.callee
    if type(callee) is PropertyAccessExpression and type(callee.expression) in _SIMPLE_HEADS:
        # `x.name(args)`: two groups at most, always printed as one group (the general
        # case below decides the same, with more work).
        return d.group(
            Concat(
                [
                    printer.expr(callee.expression, callee, Role.OBJECT),
                    printer.member_lookup_doc(callee),
                    "?." if call.optional else "",
                    printer.type_arguments_doc(call.type_arguments),
                    printer.arguments_doc(call.arguments),
                ]
            )
        )
    # Flatten the chain: printed[0] is the head, then lookups, calls and `!`.
    nodes: list[tuple[Expression, Doc]] = []
    current: Expression = call
    while True:
        kind = type(current)
        if kind is CallExpression and (
            type(current.callee) in _MEMBERISH  # type: ignore[attr-defined]
            or type(current.callee) is CallExpression  # type: ignore[attr-defined]
            or type(current.callee) is NonNullExpression  # type: ignore[attr-defined]
        ):
            nodes.append(
                (
                    current,
                    Concat(
                        [
                            "?." if current.optional else "",  # type: ignore[attr-defined]
                            printer.type_arguments_doc(current.type_arguments),  # type: ignore
                            printer.arguments_doc(current.arguments),  # type: ignore
                        ]
                    ),
                )
            )
            current = current.callee  # type: ignore[attr-defined]
        elif kind in _MEMBERISH:
            nodes.append((current, printer.member_lookup_doc(current)))
            parent = current
            current = current.expression  # type: ignore[attr-defined]
            if type(current) not in (CallExpression, NonNullExpression) + _MEMBERISH:
                nodes.append((current, printer.expr(current, parent, Role.OBJECT)))
                break
        elif kind is NonNullExpression:
            nodes.append((current, "!"))
            parent = current
            current = current.expression  # type: ignore[attr-defined]
            if type(current) not in (CallExpression, NonNullExpression) + _MEMBERISH:
                nodes.append((current, printer.expr(current, parent, Role.POSTFIX)))
                break
        else:
            nodes.append((current, printer.expr(current, None, Role.CALLEE)))
            break
    nodes.reverse()

    # groups[0]: the head plus what sticks to it.
    count = len(nodes)
    first: list[tuple[Expression, Doc]] = [nodes[0]]
    i = 1
    while i < count:
        node = nodes[i][0]
        if (
            type(node) is NonNullExpression
            or type(node) is CallExpression
            or _is_literal_index(node)
        ):
            first.append(nodes[i])
            i += 1
        else:
            break
    if type(nodes[0][0]) is not CallExpression:
        while i + 1 < count:
            if type(nodes[i][0]) in _MEMBERISH and type(nodes[i + 1][0]) in _MEMBERISH:
                first.append(nodes[i])
                i += 1
            else:
                break
    groups: list[list[tuple[Expression, Doc]]] = [first]
    current_group: list[tuple[Expression, Doc]] = []
    seen_call = False
    while i < count:
        node = nodes[i][0]
        if seen_call and type(node) in _MEMBERISH:
            if type(node) is ElementAccessExpression and not _is_literal_index(node):
                current_group.append(nodes[i])
                i += 1
                continue
            groups.append(current_group)
            current_group = []
            seen_call = False
        if type(node) is CallExpression:
            seen_call = True
        current_group.append(nodes[i])
        i += 1
    if current_group:
        groups.append(current_group)

    def should_not_wrap() -> bool:
        has_computed = len(groups) > 1 and bool(groups[1]) and _is_literal_index(groups[1][0][0])
        if len(groups[0]) == 1:
            head = groups[0][0][0]
            if type(head) is ThisExpression:
                return True
            if type(head) is Identifier or type(head) is Ref:
                name = head.name if type(head) is Identifier else printer.symbol_name(head)  # type: ignore
                return (
                    _is_factory(name) or (role is Role.STATEMENT and len(name) <= 2) or has_computed
                )
            return False
        last = groups[0][-1][0]
        return type(last) is PropertyAccessExpression and (_is_factory(last.name) or has_computed)

    should_merge = len(groups) >= 2 and bool(groups[1]) and should_not_wrap()

    def group_doc(group: list[tuple[Expression, Doc]]) -> Doc:
        return Concat([printed for _, printed in group])

    printed_groups = [group_doc(g) for g in groups]
    one_line = Concat(printed_groups)
    cutoff = 3 if should_merge else 2
    if len(groups) <= cutoff:
        return d.group(one_line)

    rest = groups[2:] if should_merge else groups[1:]
    indented: Doc = ""
    if rest:
        indented = d.indent(
            d.group(Concat([HARDLINE, d.join(HARDLINE, [group_doc(g) for g in rest])]))
        )
    expanded = Concat([printed_groups[0], printed_groups[1] if should_merge else "", indented])
    calls = [node for node, _ in nodes if type(node) is CallExpression]

    def last_group_breaks_with_function_args() -> bool:
        last_node = groups[-1][0][0] if groups[-1] else None
        if type(last_node) is not CallExpression or not d.will_break(printed_groups[-1]):
            return False
        return any(
            type(arg) in (ArrowFunction, FunctionExpression)
            for c in calls[:-1]
            for arg in c.arguments
        )

    if (
        (
            len(calls) > 2
            and any(not all(_is_simple_argument(arg) for arg in c.arguments) for c in calls)
        )
        or any(d.will_break(g) for g in printed_groups[:-1])
        or last_group_breaks_with_function_args()
    ):
        return d.group(expanded)
    states: tuple[Doc, ...] = (one_line, expanded)
    last_node = groups[-1][-1][0]
    if type(last_node) is CallExpression:
        hugged = printer.hug_broken.get(id(last_node.arguments))
        if hugged is not None:
            # An object or function hugged by the last call, printed broken, is what
            # prettier sees as a multi-line argument on a second run; it then keeps the
            # chain on one line. Offer that layout before the expanded chain so the output
            # is a fixed point of prettier.
            call_prefix = Concat(
                [
                    "?." if last_node.optional else "",
                    printer.type_arguments_doc(last_node.type_arguments),
                    hugged,
                ]
            )
            last_group = [printed for _, printed in groups[-1][:-1]] + [call_prefix]
            states = (one_line, Concat([*printed_groups[:-1], Concat(last_group)]), expanded)
    return Concat(
        [
            d.BREAK_PARENT if d.will_break(one_line) else "",
            d.conditional_group(states),
        ]
    )
