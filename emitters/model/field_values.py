"""The Zod schema of one body value of a field (``value_schema``): its type, the limits of its
native type and its validation rules (``/// @min``, ``@length``, ``@email``, ``@regex``,
``@trim``...). ``emitters.model.validators`` builds the bodies from it."""

from __future__ import annotations

from collections.abc import Callable

from ssot_ast.schema.field_rules import REGEX_FLAGS
from ssot_ast.ts import Expression
from ssot_ast.ts import build as b

from emitters import contract as refs
from emitters.plan.fields import is_uuid_column
from emitters.plan.plans import FieldPlan, ProjectPlan, Scalar

ZOD = b.ref(refs.Z)
"""``z``, the Zod namespace: ``b.method_call(ZOD, "string")`` is ``z.string()``."""


def value_schema(plan: ProjectPlan, field: FieldPlan) -> Expression:
    """The Zod schema of one JSON body value of this field's type (no null, not optional)."""
    scalar = field.scalar
    expr: Expression
    if scalar is Scalar.STRING and is_uuid_column(field.field):
        expr = b.ref(refs.UUID_VALUE)
    elif scalar is Scalar.STRING:
        expr = string_schema(field)
    elif scalar is Scalar.BOOLEAN:
        expr = b.method_call(ZOD, "boolean")
    elif scalar is Scalar.INT:
        expr = b.method_call(ZOD, "int32")
        low, high = field.int_range or (None, None)
        expr = _bounded(expr, _tighter(low, field.rules.minimum, max), "min")
        expr = _bounded(expr, _tighter(high, field.rules.maximum, min), "max")
    elif scalar is Scalar.FLOAT:
        expr = b.ref(refs.FLOAT_INPUT)
        expr = _bounded(expr, field.rules.minimum, "min")
        expr = _bounded(expr, field.rules.maximum, "max")
    elif scalar is Scalar.BIGINT:
        expr = _exact_bounds(b.ref(refs.BIGINT_INPUT), field)
    elif scalar is Scalar.DECIMAL:
        expr = b.ref(refs.DECIMAL_INPUT)
        if field.decimal_digits is not None:
            precision, scale = field.decimal_digits
            expr = b.call(b.ref(refs.DECIMAL_WITHIN), b.num(precision), b.num(scale))
        expr = _exact_bounds(expr, field)
    elif scalar is Scalar.DATETIME:
        expr = b.ref(refs.DATE_TIME_INPUT)
    elif scalar is Scalar.JSON:
        expr = b.ref(refs.JSON_INPUT)
    elif scalar is Scalar.BYTES:
        expr = b.ref(refs.BYTES_INPUT)
    else:
        assert field.enum_name is not None
        expr = b.method_call(ZOD, "enum", b.ref(refs.prisma_enum(field.enum_name)))
    if field.is_list:
        expr = b.method_call(ZOD, "array", expr)
    return expr


FORMAT_SCHEMAS = {"email": "email", "uuid": "uuid"}
"""Zod's own schema of a ``@email`` or ``@uuid`` string (``@url`` is the runtime's urlInput)."""


def string_schema(field: FieldPlan) -> Expression:
    """A String body value with its rules: ``@trim`` and ``@lowercase`` first (Zod runs a
    string's checks in order), then length and pattern, checked by the format's schema when
    there is one (``z.string().trim().pipe(z.email().max(200))``)."""
    rules = field.rules
    text: Expression = b.method_call(ZOD, "string")
    if rules.trim:
        text = b.method_call(text, "trim")
    if rules.lowercase:
        text = b.method_call(text, "toLowerCase")
    checked = text
    if rules.format == "url":
        checked = b.ref(refs.URL_INPUT)
    elif rules.format is not None:
        checked = b.method_call(ZOD, FORMAT_SCHEMAS[rules.format])
    longest = _tighter(field.max_length, rules.max_length, min)
    if rules.min_length is not None:
        checked = b.method_call(checked, "min", b.num(rules.min_length))
    if longest is not None:
        checked = b.method_call(checked, "max", b.num(int(longest)))
    if rules.pattern is not None:
        pattern = b.new(b.ident("RegExp"), b.str_(rules.pattern), b.str_(REGEX_FLAGS))
        checked = b.method_call(checked, "regex", pattern)
    if rules.format is not None and rules.transforms:
        return b.method_call(text, "pipe", checked)
    return checked


def _tighter(
    native: int | None, rule: int | str | None, pick: Callable[[float, float], float]
) -> int | float | None:
    """The stricter of a native type's bound and a rule's (either may be missing)."""
    ruled = _number(rule) if isinstance(rule, str) else rule
    given = [v for v in (native, ruled) if v is not None]
    if not given:
        return None
    return pick(given[0], given[-1])


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text and "e" not in text else value


def _bounded(expr: Expression, bound: int | float | str | None, method: str) -> Expression:
    """``expr.min(n)`` / ``expr.max(n)`` when there is a bound."""
    if bound is None:
        return expr
    value = _number(bound) if isinstance(bound, str) else bound
    literal = b.neg(b.num(-value)) if value < 0 else b.num(value)
    return b.method_call(expr, method, literal)


def _exact_bounds(expr: Expression, field: FieldPlan) -> Expression:
    """``@min``/``@max`` of a BigInt or Decimal, compared exactly:
    ``.refine(atLeast("1"), "must be at least 1")``."""
    for bound, check, words in (
        (field.rules.minimum, refs.AT_LEAST, "at least"),
        (field.rules.maximum, refs.AT_MOST, "at most"),
    ):
        if bound is not None:
            test = b.call(b.ref(check), b.str_(bound))
            expr = b.method_call(expr, "refine", test, b.str_(f"must be {words} {bound}"))
    return expr
