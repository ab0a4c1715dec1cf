"""Values the generated tests send for fields with validation rules (``/// @min``,
``@length``, ``@email``, ``@url``, ``@uuid``, ``@regex``): valid ones that keep to every rule,
and for each rule a value that breaks it.

The tests' text values come from ``unique(prefix, maxLength)`` of tests/support/values.ts:
the prefix, a run mark and a counter, lower-case letters and digits. A ``@regex`` is matched
(as JavaScript does, with regress) against samples of that shape, upper-cased, or digits only;
a field none of them fits cannot be given a value, and its model is left out of the tests
that create records."""

from __future__ import annotations

import decimal
from collections.abc import Callable

import regress

from ssot_ast.schema.field_rules import REGEX_FLAGS
from ssot_ast.ts import VALUE, Expression, ModuleRef, Symbol
from ssot_ast.ts import build as b
from ssot_ast.ts.expressions import NumericLiteral

from emitters.plan.fields import is_uuid_column
from emitters.plan.plans import FieldPlan, Scalar
from emitters.testsuite.support import support

RANDOM_UUID = Symbol(name="randomUUID", module=ModuleRef.package("node:crypto"), kind=VALUE)
RUN_SAMPLES = ("mb1x2k3a9z1q1", "0a1b2c3d4e5fz", "zz9y8x7w6v5u10")
"""What ``unique`` puts after the prefix (run mark and counter), in three shapes."""
RUN_LENGTH = 13
"""The fewest characters ``unique`` adds to its prefix."""
EMAIL_DOMAIN = "@example.test"
URL_BASE = "https://example.test/"


def _call(name: str, *args: Expression) -> Expression:
    return b.call(b.ref(support(name)), *args)


def longest(field: FieldPlan) -> int | None:
    """The most characters a String body value may have (native type and ``@length``)."""
    bounds = [n for n in (field.max_length, field.rules.max_length) if n is not None]
    return min(bounds) if bounds else None


def matches(pattern: str, text: str) -> bool:
    """Whether JavaScript's ``new RegExp(pattern, "u").test(text)`` is true."""
    return regress.Regex(pattern, REGEX_FLAGS).find(text) is not None


def _prefix(field: FieldPlan, room: int | None) -> str:
    """The field's prefix, long enough for ``@length(min)``."""
    prefix = field.name.lower()[:6]
    wanted = (field.rules.min_length or 0) - RUN_LENGTH
    if wanted > len(prefix):
        prefix += "x" * (wanted - len(prefix))
    if room is not None and field.rules.min_length and len(prefix) >= room:
        prefix = "x" * room
    return prefix


def string_value(field: FieldPlan) -> Expression | None:
    """A valid text value no other record holds; None when a ``@regex`` admits none of the
    shapes the tests can make."""
    rules = field.rules
    if is_uuid_column(field.field) or rules.format == "uuid":
        return b.call(b.ref(RANDOM_UUID))
    most = longest(field)
    if rules.format in ("email", "url"):
        around = EMAIL_DOMAIN if rules.format == "email" else URL_BASE
        room = None if most is None else max(most - len(around), 1)
        core = _unique(_prefix(field, room), room)
        parts: tuple[str | Expression, ...] = (
            (core, around) if rules.format == "email" else (around, core)
        )
        samples = [
            (around + _prefix(field, room) + s if rules.format == "url" else "")
            or (_prefix(field, room) + s)[-(room or 99) :] + around
            for s in RUN_SAMPLES
        ]
        if rules.pattern is not None and not all(matches(rules.pattern, t) for t in samples):
            return None
        return b.template(*parts)
    prefix = _prefix(field, most)
    plain = _unique(prefix, most)
    if rules.pattern is None:
        return plain
    shaped = [(prefix + s)[-(most or 99) :] for s in RUN_SAMPLES]
    candidates: list[tuple[list[str], Callable[[], Expression]]] = [
        (shaped, lambda: plain),
        ([t.upper() for t in shaped], lambda: b.method_call(plain, "toUpperCase")),
    ]
    if most is None or most >= 10:
        candidates.append((["1000001", "2000000999"], lambda: _call("text", _call("uniqueInt"))))
    for texts, build in candidates:
        if rules.lowercase and any(t != t.lower() for t in texts):
            continue
        if all(matches(rules.pattern, t) for t in texts):
            return build()
    return None


def _unique(prefix: str, most: int | None) -> Expression:
    args: list[Expression] = [b.str_(prefix)]
    if most is not None:
        args.append(b.num(most))
    return _call("unique", *args)


# -- numbers ----------------------------------------------------------------------------


def _bounds(field: FieldPlan) -> tuple[decimal.Decimal | None, decimal.Decimal | None]:
    rules = field.rules
    low = decimal.Decimal(rules.minimum) if rules.minimum is not None else None
    high = decimal.Decimal(rules.maximum) if rules.maximum is not None else None
    return low, high


def number_literal(field: FieldPlan, value: decimal.Decimal) -> Expression:
    """A number as the field's body takes it: Int and Float as JSON numbers, BigInt and
    Decimal as text."""
    if field.scalar in (Scalar.BIGINT, Scalar.DECIMAL):
        return b.str_(_text(value))
    if field.scalar is Scalar.INT:
        literal: Expression = b.num(abs(int(value)))
    else:
        literal = NumericLiteral(value=abs(float(value)), raw=_text(abs(value)))
    return b.neg(literal) if value < 0 else literal


def _text(value: decimal.Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _scale(field: FieldPlan) -> int:
    if field.scalar in (Scalar.INT, Scalar.BIGINT):
        return 0
    if field.decimal_digits is not None:
        return field.decimal_digits[1]
    return 2


def bounded_value(field: FieldPlan, index: int) -> Expression:
    """A value within ``@min``/``@max``, different for each sample ``index``."""
    return number_literal(field, bounded_number(field, index))


def bounded_number(field: FieldPlan, index: int) -> decimal.Decimal:
    low, high = _bounds(field)
    step = decimal.Decimal(1).scaleb(-_scale(field))
    if low is not None and high is not None:
        span = high - low
        value = low + span * (index % 4 + 1) / 5
        value = value.quantize(step, rounding=decimal.ROUND_DOWN) if step < 1 else value // 1
        return min(max(value, low), high)
    if low is not None:
        return low + index + 1
    assert high is not None
    return high - index - 1


def breaking_numbers(field: FieldPlan) -> list[tuple[str, decimal.Decimal]]:
    """(rule, value) for each bound: one unit past it."""
    low, high = _bounds(field)
    out: list[tuple[str, decimal.Decimal]] = []
    if low is not None:
        out.append(("min", low - 1))
    if high is not None:
        out.append(("max", high + 1))
    return out


def edge_numbers(field: FieldPlan) -> list[decimal.Decimal]:
    """The bounds themselves: accepted."""
    return [v for v in _bounds(field) if v is not None]


# -- text that breaks a rule ------------------------------------------------------------

NOT_MATCHING = ("!", " ", "", "A", "0", "-", "~~", "a b")


def breaking_texts(field: FieldPlan) -> list[tuple[str, Expression]]:
    """(rule, value) for each text rule a value can break."""
    rules = field.rules
    out: list[tuple[str, Expression]] = []
    most = longest(field)
    if rules.min_length is not None and rules.min_length >= 1:
        short = "" if rules.min_length == 1 else "x" * (rules.min_length - 1)
        out.append(("length" if rules.min_length > 1 else "non-empty", b.str_(short)))
    if rules.max_length is not None:
        out.append(("length", b.method_call(b.str_("x"), "repeat", b.num(rules.max_length + 1))))
    if rules.format == "email":
        out.append(("email", b.str_("not-an-email")))
    elif rules.format == "url":
        out.append(("url", b.str_("javascript:alert(1)")))
    elif rules.format == "uuid":
        out.append(("uuid", b.str_("not-a-uuid")))
    if rules.pattern is not None:
        text = next((t for t in NOT_MATCHING if not matches(rules.pattern, t)), None)
        if text is not None and (most is None or len(text) <= most):
            out.append(("regex", b.str_(text)))
    return out
