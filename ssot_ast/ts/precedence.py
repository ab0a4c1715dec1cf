"""Where parentheses go: the one place that decides it, for expressions and types.

Two kinds of rule live here:

- syntax: the operator precedence/associativity table of TypeScript, plus the traps where
  the grammar needs parentheses regardless of precedence (`new (a.b())()`, `(-x) ** 2`,
  mixing `??` with `||`/`&&`, an optional chain as a `new` callee, `(1).toString()`);
- style: the extra parentheses prettier prints for clarity (`a ?? (b || c)`,
  `(a && b) || c`, `(await x).y`, `(a as B).c`, `a + (b % c)`, `(a * b) / c`, `-(-x)`).

`needs_parens(child, parent, role)` answers for one edge of the tree; the printer asks it
for every child it prints. `role` names the child's slot in its parent (see ROLE_*).
"""

from __future__ import annotations

from ssot_ast.ts.common import Expression, TypeNode
from ssot_ast.ts.expressions import (
    ArrowFunction,
    AsExpression,
    AssignmentExpression,
    AwaitExpression,
    BinaryExpression,
    CallExpression,
    ConditionalExpression,
    DeleteExpression,
    ElementAccessExpression,
    FunctionExpression,
    NewExpression,
    NonNullExpression,
    NumericLiteral,
    PostfixUnaryExpression,
    PrefixUnaryExpression,
    PropertyAccessExpression,
    SatisfiesExpression,
    SpreadElement,
    TypeOfExpression,
    VoidExpression,
)
from ssot_ast.ts.types import (
    ConditionalType,
    FunctionType,
    IntersectionType,
    TypeOperator,
    UnionType,
)

# Precedence levels (higher binds tighter).
ASSIGNMENT = 1  # also arrow functions
CONDITIONAL = 2
COALESCE = 3
LOGICAL_OR = 4
LOGICAL_AND = 5
BITWISE_OR = 6
BITWISE_XOR = 7
BITWISE_AND = 8
EQUALITY = 9
RELATIONAL = 10  # also `as`, `satisfies`, `in`, `instanceof`
SHIFT = 11
ADDITIVE = 12
MULTIPLICATIVE = 13
EXPONENT = 14
UNARY = 15  # prefix operators, typeof, void, delete, await
POSTFIX = 16
CALL = 17  # calls, new, member access, non-null
PRIMARY = 18

BINARY_PRECEDENCE: dict[str, int] = {
    "??": COALESCE,
    "||": LOGICAL_OR,
    "&&": LOGICAL_AND,
    "|": BITWISE_OR,
    "^": BITWISE_XOR,
    "&": BITWISE_AND,
    "==": EQUALITY,
    "!=": EQUALITY,
    "===": EQUALITY,
    "!==": EQUALITY,
    "<": RELATIONAL,
    ">": RELATIONAL,
    "<=": RELATIONAL,
    ">=": RELATIONAL,
    "in": RELATIONAL,
    "instanceof": RELATIONAL,
    "<<": SHIFT,
    ">>": SHIFT,
    ">>>": SHIFT,
    "+": ADDITIVE,
    "-": ADDITIVE,
    "*": MULTIPLICATIVE,
    "/": MULTIPLICATIVE,
    "%": MULTIPLICATIVE,
    "**": EXPONENT,
}

LOGICAL_OPERATORS = frozenset({"??", "||", "&&"})
_BITWISE = frozenset({"|", "^", "&", "<<", ">>", ">>>"})
_EQUALITY = frozenset({"==", "!=", "===", "!=="})
_MULTIPLICATIVE = frozenset({"*", "/", "%"})

# Child roles.
ROLE_LEFT = "left"
ROLE_RIGHT = "right"
ROLE_OPERAND = "operand"  # prefix unary, typeof, void, delete, await
ROLE_POSTFIX = "postfix"  # x++ and x!
ROLE_CALLEE = "callee"
ROLE_NEW_CALLEE = "new_callee"
ROLE_OBJECT = "object"  # a.b, a[b]
ROLE_TEST = "test"  # conditional test
ROLE_BRANCH = "branch"  # conditional branches
ROLE_CAST = "cast"  # `x as T`, `x satisfies T`
ROLE_SPREAD = "spread"
ROLE_ARROW_BODY = "arrow_body"
ROLE_TARGET = "target"  # assignment target
ROLE_VALUE = "value"  # assignment value
ROLE_HERITAGE = "heritage"  # class extends
ROLE_STATEMENT = "statement"  # the expression of an expression statement
ROLE_ITEM = "item"  # argument, element, property value, initializer, statement...
#: The argument of a call, `return` or `throw`: as ROLE_ITEM, but prettier indents a binary
#: test of a conditional there.
ROLE_ARGUMENT = "argument"


def precedence(node: Expression) -> int:
    """The precedence level of `node` as an operand."""
    kind = type(node)
    if kind is BinaryExpression:
        return BINARY_PRECEDENCE[node.operator]  # type: ignore[attr-defined]
    return _NODE_PRECEDENCE.get(kind, PRIMARY)


_NODE_PRECEDENCE: dict[type, int] = {
    AssignmentExpression: ASSIGNMENT,
    ArrowFunction: ASSIGNMENT,
    ConditionalExpression: CONDITIONAL,
    AsExpression: RELATIONAL,
    SatisfiesExpression: RELATIONAL,
    PrefixUnaryExpression: UNARY,
    TypeOfExpression: UNARY,
    VoidExpression: UNARY,
    DeleteExpression: UNARY,
    AwaitExpression: UNARY,
    PostfixUnaryExpression: POSTFIX,
    CallExpression: CALL,
    NewExpression: CALL,
    PropertyAccessExpression: CALL,
    ElementAccessExpression: CALL,
    NonNullExpression: CALL,
    SpreadElement: ASSIGNMENT,
}


def should_flatten(parent_op: str, node_op: str) -> bool:
    """Whether `(a op1 b) op2 c` prints without parentheses and in one chain (prettier)."""
    if BINARY_PRECEDENCE[node_op] != BINARY_PRECEDENCE[parent_op]:
        return False
    if parent_op == "**":
        return False
    if parent_op in _EQUALITY and node_op in _EQUALITY:
        return False
    if (node_op == "%" and parent_op in _MULTIPLICATIVE) or (
        parent_op == "%" and node_op in _MULTIPLICATIVE
    ):
        return False
    if node_op != parent_op and node_op in _MULTIPLICATIVE and parent_op in _MULTIPLICATIVE:
        return False
    if parent_op in ("<<", ">>", ">>>") and node_op in ("<<", ">>", ">>>"):
        return False
    return True


def _binary_child_needs_parens(child: Expression, parent_op: str, role: str) -> bool:
    kind = type(child)
    if kind in (AsExpression, SatisfiesExpression, AwaitExpression, ArrowFunction):
        return True
    if kind is not BinaryExpression:
        if role == ROLE_LEFT and parent_op == "**" and precedence(child) <= UNARY:
            return True  # (-x) ** 2 is required by the grammar
        return precedence(child) < BINARY_PRECEDENCE[parent_op]
    node_op: str = child.operator  # type: ignore[attr-defined]
    parent_is_coalesce = parent_op == "??"
    node_is_coalesce = node_op == "??"
    if (parent_is_coalesce != node_is_coalesce) and (
        node_op in LOGICAL_OPERATORS and parent_op in LOGICAL_OPERATORS
    ):
        return True  # `??` cannot mix with `||`/`&&` without parentheses
    if node_op in LOGICAL_OPERATORS and parent_op in LOGICAL_OPERATORS and node_op != parent_op:
        return True  # prettier: (a && b) || c
    parent_prec = BINARY_PRECEDENCE[parent_op]
    node_prec = BINARY_PRECEDENCE[node_op]
    if parent_prec > node_prec:
        return True
    if role == ROLE_RIGHT and parent_prec == node_prec:
        return True
    if parent_prec == node_prec and not should_flatten(parent_op, node_op):
        return True
    if parent_prec < node_prec and node_op == "%":
        return parent_op in ("+", "-")
    if parent_op in _BITWISE:
        return True
    return False


def _contains_call(callee: Expression) -> bool:
    """Whether a `new` callee has a call on its left spine (`new (a.b())()`), or an
    optional chain (not allowed in a `new` callee)."""
    node = callee
    while True:
        kind = type(node)
        if kind is CallExpression:
            return True
        if kind is PropertyAccessExpression or kind is ElementAccessExpression:
            if node.optional:  # type: ignore[attr-defined]
                return True
            node = node.expression  # type: ignore[attr-defined]
        elif kind is NonNullExpression:
            node = node.expression  # type: ignore[attr-defined]
        else:
            return False


_NEVER_PARENTHESIZED = frozenset({ROLE_ITEM, ROLE_VALUE, ROLE_STATEMENT, ROLE_ARGUMENT})


def needs_parens(child: Expression, parent: Expression | None, role: str) -> bool:
    """Whether `child`, printed in `role` under `parent`, needs parentheses."""
    if role in _NEVER_PARENTHESIZED:
        return False
    prec = precedence(child)
    kind = type(child)
    if role == ROLE_LEFT or role == ROLE_RIGHT:
        assert isinstance(parent, BinaryExpression)
        return _binary_child_needs_parens(child, parent.operator, role)
    if role == ROLE_OPERAND:
        if kind in (AwaitExpression, AsExpression, SatisfiesExpression, ArrowFunction):
            # prettier parenthesizes await/casts under unary operators: !(await x)
            return kind is not AwaitExpression or type(parent) is not AwaitExpression
        if kind is PrefixUnaryExpression and type(parent) is PrefixUnaryExpression:
            inner: str = child.operator  # type: ignore[attr-defined]
            outer: str = parent.operator
            if outer in ("+", "-") and inner[0] == outer:
                return True  # -(-x), +(+x), -(--x)
        return prec < UNARY
    if role == ROLE_POSTFIX:
        return prec < CALL
    if role == ROLE_CALLEE or role == ROLE_OBJECT:
        if kind is NumericLiteral and role == ROLE_OBJECT:
            return True  # (1).toString()
        if kind is NewExpression and role == ROLE_CALLEE:
            return False
        return prec < CALL
    if role == ROLE_NEW_CALLEE:
        return prec < CALL or kind is NewExpression or _contains_call(child)
    if role == ROLE_HERITAGE:
        return prec < CALL
    if role == ROLE_TEST:
        return prec <= CONDITIONAL or kind in (AsExpression, SatisfiesExpression, AwaitExpression)
    if role == ROLE_BRANCH:
        return kind is AsExpression or kind is SatisfiesExpression
    if role == ROLE_CAST:
        if kind is AsExpression or kind is SatisfiesExpression:
            return False
        return prec < UNARY or kind is AwaitExpression
    if role == ROLE_SPREAD:
        # prettier parenthesizes every spread operand below unary: ...(a ? b : c), ...(a || b)
        return prec < UNARY or kind in (AwaitExpression, AsExpression, SatisfiesExpression)
    if role == ROLE_ARROW_BODY:
        return False  # a leading `{` is handled by the printer (see leading_brace)
    if role == ROLE_TARGET:
        return prec < CALL
    raise ValueError(f"unknown role {role!r}")


def starts_statement_ambiguously(kind: type) -> bool:
    """Whether an expression of this kind cannot begin an expression statement (or an
    arrow body, for object literals) without parentheses."""
    from ssot_ast.ts.expressions import ObjectLiteralExpression

    return kind is ObjectLiteralExpression or kind is FunctionExpression


def type_needs_parens(child: TypeNode, parent: TypeNode | None, role: str) -> bool:
    """Parentheses between types: `(A | B)[]`, `(() => void) | null`, `keyof (A | B)`,
    `(A | B) & C`."""
    kind = type(child)
    if role == "union":
        return kind in (FunctionType, ConditionalType, UnionType)
    if role == "intersection":
        return kind in (FunctionType, ConditionalType, UnionType, IntersectionType)
    if role in ("array", "indexed"):
        return kind in (FunctionType, ConditionalType, UnionType, IntersectionType, TypeOperator)
    if role == "operator":
        return kind in (FunctionType, ConditionalType, UnionType, IntersectionType)
    if role == "check":
        return kind in (FunctionType, ConditionalType)
    if role == "extends":
        return kind is ConditionalType
    return False
