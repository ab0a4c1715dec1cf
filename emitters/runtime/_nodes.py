"""What `ssot_ast.ts.build` leaves out and the runtime modules use a lot: fluent member
chains (`z.string().trim().regex(...)`), method calls and keyword types."""

from __future__ import annotations

from ssot_ast.ts.common import Expression, TypeNode
from ssot_ast.ts.expressions import CallExpression, PropertyAccessExpression
from ssot_ast.ts.types import KeywordType


def call_method(receiver: Expression, name: str, *args: Expression) -> CallExpression:
    """`receiver.name(args)`."""
    callee = PropertyAccessExpression(expression=receiver, name=name)
    return CallExpression(callee=callee, arguments=args)


class Chain:
    """A fluent member chain: `Chain(ref(Z)).call("string").call("trim").expr` is
    `z.string().trim()`."""

    __slots__ = ("expr",)

    def __init__(self, expr: Expression) -> None:
        self.expr = expr

    def call(self, name: str, *args: Expression, type_args: tuple[TypeNode, ...] = ()) -> Chain:
        callee = PropertyAccessExpression(expression=self.expr, name=name)
        return Chain(CallExpression(callee=callee, arguments=args, type_arguments=type_args))

    def prop(self, name: str) -> Chain:
        return Chain(PropertyAccessExpression(expression=self.expr, name=name))


def kw(name: str) -> KeywordType:
    """A keyword type (`string`, `unknown`, `const`...)."""
    return KeywordType(name=name)
