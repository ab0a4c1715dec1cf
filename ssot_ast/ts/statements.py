"""Statement nodes, named after TypeScript's syntax kinds. Every statement carries
`blank_line_before` (from `Statement`): inside a block, one empty line is printed before it."""

from __future__ import annotations

import attrs

from ssot_ast.ts.common import (
    ArrayBindingPattern,
    BindingName,
    Block,
    Expression,
    ObjectBindingPattern,
    Statement,
    TypeNode,
    check_binding_name,
    check_identifier,
    check_instance,
    check_instances,
)

__all__ = [
    "Block",
    "BreakStatement",
    "CaseClause",
    "ContinueStatement",
    "ExpressionStatement",
    "ForOfStatement",
    "IfStatement",
    "LineComment",
    "ReturnStatement",
    "SwitchStatement",
    "ThrowStatement",
    "TryStatement",
    "VariableStatement",
    "WhileStatement",
]


@attrs.frozen(kw_only=True, slots=True)
class VariableStatement(Statement):
    """`export const name: T = init;` (`kind` is "const" or "let"; a `let` may omit init)."""

    name: BindingName
    initializer: Expression | None = None
    type: TypeNode | None = None
    kind: str = "const"
    export: bool = False
    doc: str | None = None

    def __attrs_post_init__(self) -> None:
        check_binding_name(self.name)
        if self.kind not in ("const", "let"):
            raise ValueError(f"variable kind must be 'const' or 'let', not {self.kind!r}")
        if self.initializer is None:
            if self.kind == "const":
                raise ValueError("a const needs an initializer")
            if isinstance(self.name, (ObjectBindingPattern, ArrayBindingPattern)):
                raise ValueError("a destructuring declaration needs an initializer")
        else:
            check_instance(self.initializer, Expression, "initializer")
        if self.type is not None:
            check_instance(self.type, TypeNode, "variable type")


@attrs.frozen(kw_only=True, slots=True)
class ExpressionStatement(Statement):
    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "expression")


@attrs.frozen(kw_only=True, slots=True)
class ReturnStatement(Statement):
    expression: Expression | None = None

    def __attrs_post_init__(self) -> None:
        if self.expression is not None:
            check_instance(self.expression, Expression, "return value")


@attrs.frozen(kw_only=True, slots=True)
class ThrowStatement(Statement):
    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "thrown value")


@attrs.frozen(kw_only=True, slots=True)
class IfStatement(Statement):
    """`if (condition) { ... } else ...`; `else_` is a Block or another IfStatement."""

    condition: Expression
    then: Block
    else_: Block | IfStatement | None = None

    def __attrs_post_init__(self) -> None:
        check_instance(self.condition, Expression, "if condition")
        check_instance(self.then, Block, "if body")
        if self.else_ is not None:
            check_instance(self.else_, (Block, IfStatement), "else branch")


@attrs.frozen(kw_only=True, slots=True)
class ForOfStatement(Statement):
    """`for (const name of iterable) { ... }` (`await_=True`: `for await`)."""

    name: BindingName
    iterable: Expression
    body: Block
    kind: str = "const"
    await_: bool = False

    def __attrs_post_init__(self) -> None:
        check_binding_name(self.name)
        check_instance(self.iterable, Expression, "iterable")
        check_instance(self.body, Block, "loop body")
        if self.kind not in ("const", "let"):
            raise ValueError("for-of variable kind must be 'const' or 'let'")


@attrs.frozen(kw_only=True, slots=True)
class WhileStatement(Statement):
    condition: Expression
    body: Block

    def __attrs_post_init__(self) -> None:
        check_instance(self.condition, Expression, "while condition")
        check_instance(self.body, Block, "loop body")


@attrs.frozen(kw_only=True, slots=True)
class TryStatement(Statement):
    """`try { } catch (name) { } finally { }`; at least one of catch/finally."""

    block: Block
    catch_name: str | None = None
    catch_block: Block | None = None
    finally_block: Block | None = None

    def __attrs_post_init__(self) -> None:
        check_instance(self.block, Block, "try block")
        if self.catch_block is None and self.finally_block is None:
            raise ValueError("a try statement needs a catch or a finally block")
        if self.catch_name is not None:
            check_identifier(self.catch_name, "catch binding")
            if self.catch_block is None:
                raise ValueError("a catch binding needs a catch block")


@attrs.frozen(kw_only=True, slots=True)
class CaseClause(Statement):
    """`case test:` (or `default:` when `test` is None) followed by statements. A single
    Block statement is printed on the case line: `case "a": {`."""

    test: Expression | None
    statements: tuple[Statement, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.test is not None:
            check_instance(self.test, Expression, "case test")
        check_instances(self.statements, Statement, "case statements")


@attrs.frozen(kw_only=True, slots=True)
class SwitchStatement(Statement):
    expression: Expression
    clauses: tuple[CaseClause, ...]

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "switch expression")
        check_instances(self.clauses, CaseClause, "switch clauses")
        if sum(1 for clause in self.clauses if clause.test is None) > 1:
            raise ValueError("a switch has at most one default clause")


@attrs.frozen(kw_only=True, slots=True)
class BreakStatement(Statement):
    pass


@attrs.frozen(kw_only=True, slots=True)
class ContinueStatement(Statement):
    pass


@attrs.frozen(kw_only=True, slots=True)
class LineComment(Statement):
    """`// text` on its own line (one `//` line per line of `text`)."""

    text: str

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError("LineComment.text must be a str")
        if "\r" in self.text or "\u2028" in self.text or "\u2029" in self.text:
            raise ValueError("a line comment cannot hold CR, U+2028 or U+2029")
