"""Random expression trees: the printed text re-parses without error, printing is stable,
and the operator nesting tree-sitter reads back is the nesting of the AST (so every
needed parenthesis is there)."""

from __future__ import annotations

from typing import Any

import tree_sitter
import tree_sitter_typescript
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssot_ast.ts import Expression, SourceFile, print_source_file
from ssot_ast.ts.build import (
    arr,
    arrow,
    as_,
    await_,
    binary,
    call,
    cond,
    expr_stmt,
    function,
    ident,
    index,
    member,
    non_null,
    num,
    obj,
    prop,
    return_,
    t_ref,
)
from ssot_ast.ts.expressions import (
    ArrayLiteralExpression,
    ArrowFunction,
    AsExpression,
    AwaitExpression,
    BinaryExpression,
    CallExpression,
    ConditionalExpression,
    ElementAccessExpression,
    Identifier,
    NonNullExpression,
    NumericLiteral,
    ObjectLiteralExpression,
    PrefixUnaryExpression,
    PropertyAccessExpression,
    PropertyAssignment,
    TypeOfExpression,
)
from ssot_ast.ts.common import Block
from ssot_ast.ts.expressions import PrefixUnaryExpression as Prefix
from ssot_ast.ts.expressions import TypeOfExpression as TypeOf
from ssot_ast.verify import find_problems

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_typescript()))

BINARY_OPS = ["??", "||", "&&", "|", "^", "&", "===", "!=", "<", ">=", "instanceof", "in",
              "<<", ">>>", "+", "-", "*", "/", "%", "**"]  # fmt: skip

leaves = st.one_of(
    st.sampled_from(["a", "b", "cc", "longerName"]).map(ident),
    st.integers(min_value=0, max_value=1000).map(num),
)


def _extend(children: st.SearchStrategy[Expression]) -> st.SearchStrategy[Expression]:
    return st.one_of(
        st.builds(binary, children, st.sampled_from(BINARY_OPS), children),
        st.builds(
            lambda op, x: Prefix(operator=op, operand=x), st.sampled_from(["!", "-", "+"]), children
        ),
        st.builds(lambda x: TypeOf(expression=x), children),
        st.builds(await_, children),
        st.builds(cond, children, children, children),
        st.builds(lambda f, args: call(f, *args), children, st.lists(children, max_size=3)),
        st.builds(lambda o: member(o, "p"), children),
        st.builds(index, children, children),
        st.builds(lambda x: as_(x, t_ref("T")), children),
        st.builds(non_null, children),
        st.builds(lambda body: arrow(["x"], body), children),
        st.builds(
            lambda vs: obj(*(prop(f"k{i}", v) for i, v in enumerate(vs))),
            st.lists(children, max_size=2),
        ),
        st.builds(lambda vs: arr(*vs), st.lists(children, max_size=2)),
    )


expressions = st.recursive(leaves, _extend, max_leaves=12)


def ast_shape(node: Expression) -> Any:
    kind = type(node)
    if kind is Identifier:
        return "id"
    if kind is NumericLiteral:
        return "num"
    if kind is BinaryExpression:
        return ("bin", node.operator, ast_shape(node.left), ast_shape(node.right))  # type: ignore
    if kind is PrefixUnaryExpression:
        return ("un", node.operator, ast_shape(node.operand))  # type: ignore
    if kind is TypeOfExpression:
        return ("un", "typeof", ast_shape(node.expression))  # type: ignore
    if kind is AwaitExpression:
        return ("await", ast_shape(node.expression))  # type: ignore
    if kind is ConditionalExpression:
        return ("cond", ast_shape(node.condition), ast_shape(node.when_true), ast_shape(node.when_false))  # type: ignore  # fmt: skip
    if kind is CallExpression:
        return ("call", ast_shape(node.callee), *map(ast_shape, node.arguments))  # type: ignore
    if kind is PropertyAccessExpression:
        return ("member", ast_shape(node.expression))  # type: ignore
    if kind is ElementAccessExpression:
        return ("index", ast_shape(node.expression), ast_shape(node.index))  # type: ignore
    if kind is AsExpression:
        return ("as", ast_shape(node.expression))  # type: ignore
    if kind is NonNullExpression:
        return ("nonnull", ast_shape(node.expression))  # type: ignore
    if kind is ArrowFunction:
        body = node.body  # type: ignore
        assert not isinstance(body, Block)
        return ("arrow", ast_shape(body))
    if kind is ObjectLiteralExpression:
        return ("obj", *(ast_shape(p.value) for p in node.properties if isinstance(p, PropertyAssignment)))  # type: ignore  # fmt: skip
    if kind is ArrayLiteralExpression:
        return ("arr", *map(ast_shape, node.elements))  # type: ignore
    raise AssertionError(kind)


def ts_shape(node: tree_sitter.Node) -> Any:
    kind = node.type
    if kind == "parenthesized_expression":
        return ts_shape(node.named_children[0])
    if kind == "identifier":
        return "id"
    if kind == "number":
        return "num"
    if kind == "binary_expression":
        op = node.child_by_field_name("operator")
        assert op is not None and op.text is not None
        return ("bin", op.text.decode(), ts_shape(_field(node, "left")), ts_shape(_field(node, "right")))  # fmt: skip
    if kind == "unary_expression":
        op = node.child_by_field_name("operator")
        assert op is not None and op.text is not None
        return ("un", op.text.decode(), ts_shape(_field(node, "argument")))
    if kind == "await_expression":
        return ("await", ts_shape(node.named_children[0]))
    if kind == "ternary_expression":
        return ("cond", ts_shape(_field(node, "condition")), ts_shape(_field(node, "consequence")), ts_shape(_field(node, "alternative")))  # fmt: skip
    if kind == "call_expression":
        return ("call", ts_shape(_field(node, "function")), *map(ts_shape, _field(node, "arguments").named_children))  # fmt: skip
    if kind == "member_expression":
        return ("member", ts_shape(_field(node, "object")))
    if kind == "subscript_expression":
        return ("index", ts_shape(_field(node, "object")), ts_shape(_field(node, "index")))
    if kind == "as_expression":
        return ("as", ts_shape(node.named_children[0]))
    if kind == "non_null_expression":
        return ("nonnull", ts_shape(node.named_children[0]))
    if kind == "arrow_function":
        return ("arrow", ts_shape(_field(node, "body")))
    if kind == "object":
        return ("obj", *(ts_shape(_field(pair, "value")) for pair in node.named_children))
    if kind == "array":
        return ("arr", *map(ts_shape, node.named_children))
    raise AssertionError(f"unexpected tree-sitter node {kind}: {node.text!r}")


def _field(node: tree_sitter.Node, name: str) -> tree_sitter.Node:
    child = node.child_by_field_name(name)
    assert child is not None, (node.type, name)
    return child


def _prefix_over_non_null(shape: Any) -> bool:
    """tree-sitter gives postfix `!` a low precedence: it reads `!a!` as `(!a)!` and
    `b ?? a!` as `(b ?? a)!` where TypeScript reads `!(a!)` and `b ?? (a!)`. Such trees
    are left out of the shape comparison (they still must re-parse without error, print
    stably, and the parenthesization of `!` is covered by the table tests)."""
    return "nonnull" in repr(shape)


def _chained_less_than(shape: Any) -> bool:
    """tree-sitter reads `a < b < c` as `a < (b < c)` (the `<` of type arguments gets in
    the way) where TypeScript reads `(a < b) < c`; such trees are left out of the shape
    comparison like `_prefix_over_non_null`."""
    return "('bin', '<', ('bin', '<'" in repr(shape)


def _leftmost(shape: Any) -> Any:
    """The shape the printed text of `shape` starts with."""
    while isinstance(shape, tuple):
        if shape[0] == "bin":
            shape = shape[2]
        elif shape[0] in ("cond", "member", "index", "call", "as", "nonnull"):
            shape = shape[1]
        else:
            return shape
    return shape


def object_after_less_than(expression: Expression) -> bool:
    """tree-sitter cannot read `x < { k: v }` (nor `x < ({ k: v }).k`, nor `x < typeof a()`):
    after `<` an object literal or `typeof`, even parenthesized, starts type arguments it then
    finds unclosed. No
    parenthesization helps, so the generator's verification refuses such a file rather than
    write it; the property tests leave these trees out (comparing with an object literal
    means nothing in generated code)."""

    def walk(shape: Any) -> bool:
        if not isinstance(shape, tuple):
            return False
        if shape[0] == "bin" and shape[1] == "<":
            head = _leftmost(shape[3])
            if isinstance(head, tuple) and (head[0] == "obj" or head[1:2] == ("typeof",)):
                return True
        return any(walk(part) for part in shape[1:])

    return walk(ast_shape(expression))


def _file(expression: Expression) -> SourceFile:
    return SourceFile(
        path="src/prop.ts",
        statements=(function("f", [], [expr_stmt(expression), return_(expression)], async_=True),),
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions, st.sampled_from([80, 40, 10]))
def test_random_expressions(expression: Expression, width: int) -> None:
    from ssot_ast.ts import PrintOptions

    if object_after_less_than(expression):
        return
    file = _file(expression)
    text = print_source_file(file, options=PrintOptions(width=width))
    assert find_problems(text, "prop.ts") == [], text
    assert print_source_file(file, options=PrintOptions(width=width)) == text
    tree = PARSER.parse(text.encode())
    body = tree.root_node.named_children[0].child_by_field_name("body")
    assert body is not None
    statement, returned = body.named_children
    expected = ast_shape(expression)
    if _prefix_over_non_null(expected) or _chained_less_than(expected):
        return
    assert ts_shape(statement.named_children[0]) == expected, text
    assert ts_shape(returned.named_children[0]) == expected, text
