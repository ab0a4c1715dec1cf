"""The tests of a model's field rules, in `tests/<model>.test.ts`: for each validation rule a
value that breaks it is a 400 naming the field and changes nothing (no record made, the
record patched keeps its value), a value at the edge is accepted, ``@trim`` and
``@lowercase`` show in the stored value, an empty String key is refused in bodies and
filters, and server-set timestamps (``@default(now())``, ``@updatedAt``) cannot be
mass-assigned on create or PATCH."""

from __future__ import annotations

from ssot_ast.ts import Expression, Statement
from ssot_ast.ts import build as b

from emitters.model.validators import is_key_text
from emitters.plan.fields import has_annotation
from emitters.plan.plans import FieldPlan, Presence, Scalar
from emitters.testsuite.common import check, field_of, hcall, test
from emitters.testsuite.errors import ModelTestsBase
from emitters.testsuite.rule_values import (
    breaking_numbers,
    breaking_texts,
    edge_numbers,
    longest,
    number_literal,
    string_value,
)

NUMBERS = (Scalar.INT, Scalar.FLOAT, Scalar.BIGINT, Scalar.DECIMAL)
LONG_AGO = "2001-02-03T04:05:06.000Z"


def rule_tests(t: ModelTestsBase) -> list[Statement]:
    """Every rule test of the model (its records can be created)."""
    tests: list[Statement] = []
    for field in t.model.fields:
        if field.name in t.fks and not is_key_text(field):
            continue
        if not (field.create is not Presence.FORBIDDEN or field.updatable):
            continue
        tests += _breaking_test(t, field)
        tests += _edge_test(t, field)
        tests += _transform_test(t, field)
    tests += _empty_key_test(t)
    tests += _timestamp_test(t)
    return tests


def _breaking(field: FieldPlan) -> list[tuple[str, Expression]]:
    if field.is_list:
        return []
    if field.scalar in NUMBERS:
        return [(rule, number_literal(field, v)) for rule, v in breaking_numbers(field)]
    if field.scalar is Scalar.STRING:
        return breaking_texts(field)
    return []


def _unchanged(t: ModelTestsBase, field: FieldPlan, value: Expression) -> list[Statement]:
    """No record holds `value` (the list filtered on it is empty)."""
    if "equals" not in field.filter_ops or not t.model.serves("list"):
        return []
    query = b.template(t.route, f"?{field.name}=", hcall("q", value))
    rows = hcall("rowsOf", t.call("GET", query))
    return [check("deepEqual", rows, b.arr())]


def _refused(
    t: ModelTestsBase, field: FieldPlan, values: list[tuple[str, Expression]]
) -> list[Statement]:
    """POST and PATCH with each value: 400 naming the field, nothing stored."""
    out: list[Statement] = []
    patch = field.updatable and t.model.serves("update") and field.readable
    if patch:
        out.append(b.const("row", t.create()))
    for rule, value in values:
        if field.create is not Presence.FORBIDDEN:
            sent = b.obj(b.spread_prop(t.body()), b.prop(field.name, value))
            answer = t.call("POST", t.route, sent)
            out.append(b.expr_stmt(hcall("expectError", answer, b.num(400), b.str_(field.name))))
            if rule != "non-empty":  # an empty key is no filter value either
                out += _unchanged(t, field, value)
        if patch:
            answer = t.call("PATCH", t.path(b.ident("row")), b.obj(b.prop(field.name, value)))
            out.append(b.expr_stmt(hcall("expectError", answer, b.num(400), b.str_(field.name))))
    if patch and t.model.serves("read"):
        out.append(b.const("after", hcall("rowOf", t.call("GET", t.path(b.ident("row"))))))
        out.append(check("deepEqual", field_of("after", field.name), field_of("row", field.name)))
    return out


def _breaking_test(t: ModelTestsBase, field: FieldPlan) -> list[Statement]:
    broken = _breaking(field)
    if not broken:
        return []
    body = _refused(t, field, broken)
    rules = ", ".join(dict.fromkeys(rule for rule, _ in broken))
    return [test(f"{field.name} breaking {rules}: 400, nothing stored", body)]


def _empty_key_test(t: ModelTestsBase) -> list[Statement]:
    """``?<key>=`` on a String key: 400, never a lookup of the empty key."""
    if not t.model.serves("list"):
        return []
    keys = [f for f in t.model.fields if is_key_text(f) and "equals" in f.filter_ops]
    body: list[Statement] = []
    for field in keys:
        empty = t.call("GET", b.template(t.route, f"?{field.name}="))
        body.append(b.expr_stmt(hcall("expectError", empty, b.num(400), b.str_(field.name))))
    if not body:
        return []
    return [test(f"empty {', '.join(f.name for f in keys)} filter: 400", body)]


def _edge_values(field: FieldPlan) -> list[Expression]:
    """Values right at a bound, accepted (none for unique fields: they must differ)."""
    if field.is_list:
        return []
    if field.scalar in NUMBERS:
        if field.is_unique or field.is_id:
            return []
        return [number_literal(field, v) for v in edge_numbers(field)]
    if field.scalar is not Scalar.STRING:
        return []
    rules = field.rules
    if rules.format is not None or rules.pattern is not None:
        return []
    out: list[Expression] = []
    most = longest(field)
    if rules.max_length is not None and most is not None:
        filler = b.method_call(b.str_("x"), "repeat", b.num(most))
        out.append(hcall("unique", filler, b.num(most)))
    if rules.min_length is not None and rules.min_length > 1:
        if field.is_unique or field.is_id:
            return out
        out.append(b.method_call(b.str_("x"), "repeat", b.num(rules.min_length)))
    return out


def _edge_test(t: ModelTestsBase, field: FieldPlan) -> list[Statement]:
    if field.create is Presence.FORBIDDEN:
        return []
    body: list[Statement] = []
    for value in _edge_values(field):
        sent = b.obj(b.spread_prop(t.body()), b.prop(field.name, value))
        body.append(b.expr_stmt(hcall("created", t.call("POST", t.route, sent))))
    if not body:
        return []
    return [test(f"{field.name} at its bounds: accepted", body)]


def _transform_test(t: ModelTestsBase, field: FieldPlan) -> list[Statement]:
    rules = field.rules
    if field.create is Presence.FORBIDDEN or not field.readable or not rules.transforms:
        return []
    value = string_value(field)
    if value is None:
        return []
    stored: Expression = b.ident("value")
    shown: Expression = b.method_call("value", "toUpperCase") if rules.lowercase else stored
    sent: Expression = b.template("  ", shown, "  ") if rules.trim else shown
    made = hcall(
        "created",
        t.call("POST", t.route, b.obj(b.spread_prop(t.body()), b.prop(field.name, sent))),
    )
    words = " and ".join(
        w for w, on in (("trimmed", rules.trim), ("lower-cased", rules.lowercase)) if on
    )
    body = [
        b.const("value", value),
        check("equal", field_of(made, field.name), stored),
    ]
    return [test(f"{field.name} is stored {words}", body)]


def _timestamp_fields(t: ModelTestsBase) -> list[FieldPlan]:
    """Server-set timestamps: ``@default(now())`` and ``@updatedAt`` not ``@writable``."""
    out: list[FieldPlan] = []
    for field in t.model.fields:
        if field.scalar is not Scalar.DATETIME or not field.readable or field.writable:
            continue
        timestamp = field.is_updated_at or (
            field.field.default is not None and field.field.default.function == "now"
        )
        if timestamp and not has_annotation(field.field, "writable"):
            out.append(field)
    return out


def _timestamp_test(t: ModelTestsBase) -> list[Statement]:
    fields = _timestamp_fields(t)
    if not fields:
        return []
    body: list[Statement] = [b.const("row", t.create())]
    for field in fields:
        value = b.str_(LONG_AGO)
        sent = b.obj(b.spread_prop(t.body()), b.prop(field.name, value))
        answer = t.call("POST", t.route, sent)
        body.append(b.expr_stmt(hcall("expectError", answer, b.num(400), b.str_(field.name))))
        body += _unchanged(t, field, value)
        if t.model.serves("update"):
            patched = t.call("PATCH", t.path(b.ident("row")), b.obj(b.prop(field.name, value)))
            body.append(b.expr_stmt(hcall("expectError", patched, b.num(400), b.str_(field.name))))
    if t.model.serves("read"):
        body.append(b.const("after", hcall("rowOf", t.call("GET", t.path(b.ident("row"))))))
        for field in fields:
            body.append(
                check("deepEqual", field_of("after", field.name), field_of("row", field.name))
            )
    names = ", ".join(f.name for f in fields)
    return [test(f"{names}: set by the server only", body)]
