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

import enum

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


class Role(enum.Enum):
    """Where an expression sits in its parent; decides parentheses and layout."""

    LEFT = "left"
    RIGHT = "right"
    OPERAND = "operand"  # prefix unary, typeof, void, delete, await
    POSTFIX = "postfix"  # x++ and x!
    CALLEE = "callee"
    NEW_CALLEE = "new_callee"
    OBJECT = "object"  # a.b, a[b]
    TEST = "test"  # conditional test
    BRANCH = "branch"  # conditional branches
    CAST = "cast"  # `x as T`, `x satisfies T`
    SPREAD = "spread"
    ARROW_BODY = "arrow_body"
    TARGET = "target"  # assignment target
    VALUE = "value"  # assignment value
    HERITAGE = "heritage"  # class extends
    STATEMENT = "statement"  # the expression of an expression statement
    ITEM = "item"  # argument, element, property value, initializer, statement...
    #: The argument of a call, `return` or `throw`: as ITEM, but prettier indents a binary
    #: test of a conditional there.
    ARGUMENT = "argument"


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


def _binary_child_needs_parens(child: Expression, parent_op: str, role: Role) -> bool:
    kind = type(child)
    if kind in (AsExpression, SatisfiesExpression, AwaitExpression, ArrowFunction):
        return True
    if kind is not BinaryExpression:
        if role == Role.LEFT and parent_op == "**" and precedence(child) <= UNARY:
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
    if role == Role.RIGHT and parent_prec == node_prec:
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


_NEVER_PARENTHESIZED = frozenset({Role.ITEM, Role.VALUE, Role.STATEMENT, Role.ARGUMENT})


def needs_parens(child: Expression, parent: Expression | None, role: Role) -> bool:
    """Whether `child`, printed in `role` under `parent`, needs parentheses."""
    if role in _NEVER_PARENTHESIZED:
        return False
    prec = precedence(child)
    kind = type(child)
    if role == Role.LEFT or role == Role.RIGHT:
        assert isinstance(parent, BinaryExpression)
        return _binary_child_needs_parens(child, parent.operator, role)
    if role == Role.OPERAND:
        if kind in (AwaitExpression, AsExpression, SatisfiesExpression, ArrowFunction):
            # prettier parenthesizes await/casts under unary operators: !(await x)
            return kind is not AwaitExpression or type(parent) is not AwaitExpression
        if kind is PrefixUnaryExpression and type(parent) is PrefixUnaryExpression:
            inner: str = child.operator  # type: ignore[attr-defined]
            outer: str = parent.operator
            if outer in ("+", "-") and inner[0] == outer:
                return True  # -(-x), +(+x), -(--x)
        return prec < UNARY
    if role == Role.POSTFIX:
        return prec < CALL
    if role == Role.CALLEE or role == Role.OBJECT:
        if kind is NumericLiteral and role == Role.OBJECT:
            return True  # (1).toString()
        if kind is NewExpression and role == Role.CALLEE:
            return False
        return prec < CALL
    if role == Role.NEW_CALLEE:
        return prec < CALL or kind is NewExpression or _contains_call(child)
    if role == Role.HERITAGE:
        return prec < CALL
    if role == Role.TEST:
        return prec <= CONDITIONAL or kind in (AsExpression, SatisfiesExpression, AwaitExpression)
    if role == Role.BRANCH:
        return kind is AsExpression or kind is SatisfiesExpression
    if role == Role.CAST:
        if kind is AsExpression or kind is SatisfiesExpression:
            return False
        return prec < UNARY or kind is AwaitExpression
    if role == Role.SPREAD:
        # prettier parenthesizes every spread operand below unary: ...(a ? b : c), ...(a || b)
        return prec < UNARY or kind in (AwaitExpression, AsExpression, SatisfiesExpression)
    if role == Role.ARROW_BODY:
        return False  # a leading `{` is handled by the printer (see leading_brace)
    if role == Role.TARGET:
        return prec < CALL
    raise ValueError(f"unknown role {role!r}")


def starts_statement_ambiguously(kind: type) -> bool:
    """Whether an expression of this kind cannot begin an expression statement (or an
    arrow body, for object literals) without parentheses."""
    from ssot_ast.ts.expressions import ObjectLiteralExpression

    return kind is ObjectLiteralExpression or kind is FunctionExpression


class TypeRole(enum.Enum):
    """Where a type sits in its parent type; decides parentheses."""

    UNION = "union"
    INTERSECTION = "intersection"
    ARRAY = "array"  # `T[]` and `...T`
    INDEXED = "indexed"  # the object of `T[K]`
    OPERATOR = "operator"  # `keyof T`, `readonly T`
    CHECK = "check"  # `T extends ...` of a conditional type
    EXTENDS = "extends"  # `... extends U ?` of a conditional type


def type_needs_parens(child: TypeNode, parent: TypeNode | None, role: TypeRole) -> bool:
    """Parentheses between types: `(A | B)[]`, `(() => void) | null`, `keyof (A | B)`,
    `(A | B) & C`."""
    kind = type(child)
    if role is TypeRole.UNION:
        return kind in (FunctionType, ConditionalType, UnionType)
    if role is TypeRole.INTERSECTION:
        return kind in (FunctionType, ConditionalType, UnionType, IntersectionType)
    if role in (TypeRole.ARRAY, TypeRole.INDEXED):
        return kind in (FunctionType, ConditionalType, UnionType, IntersectionType, TypeOperator)
    if role is TypeRole.OPERATOR:
        return kind in (FunctionType, ConditionalType, UnionType, IntersectionType)
    if role is TypeRole.CHECK:
        return kind in (FunctionType, ConditionalType)
    if role is TypeRole.EXTENDS:
        return kind is ConditionalType
    return False
