"""Shared by the emitters of the generated API test suites (`emitters.testsuite.suite`):
symbols of node:test and of the test support (static files, `emitters.testsuite.support`, and
the per-model factories of tests/helpers.ts), small builders, per-model names, which models
the tests can create, and the values they send."""

from __future__ import annotations

import base64
from collections.abc import Sequence

from ssot_ast.ts import VALUE, Expression, ModuleRef, Statement, Symbol
from ssot_ast.ts import build as b
from ssot_ast.ts.expressions import NumericLiteral

from emitters.plan.analysis import FieldPlan, ModelPlan, Presence, ProjectPlan, RelationPlan, Scalar
from emitters.testsuite.rule_values import bounded_value, string_value
from emitters.testsuite.support import support

HELPERS = ModuleRef.file("tests/helpers")
ASSERT = Symbol(
    name="assert", module=ModuleRef.package("node:assert/strict"), kind=VALUE, default=True
)
NODE_TEST = ModuleRef.package("node:test")
TEST = Symbol(name="test", module=NODE_TEST, kind=VALUE)
BEFORE = Symbol(name="before", module=NODE_TEST, kind=VALUE)
DESCRIBE = Symbol(name="describe", module=NODE_TEST, kind=VALUE)
ROW = support("Row")
RESOURCE = support("Resource")

POOL_SIZE = 4
"""Records each model's list tests work on: one with only the required fields, three full."""

WRONG_VALUE: dict[Scalar, object] = {
    Scalar.STRING: 12345,
    Scalar.ENUM: 12345,
    Scalar.BYTES: 12345,
    Scalar.BOOLEAN: "yes",
    Scalar.DATETIME: "yesterday",
}
"""A JSON value of the wrong type for a field (numbers get "not a number")."""

UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


# -- small builders ---------------------------------------------------------------------


def h(name: str) -> Expression:
    """A helper exported by a static file of tests/support/."""
    return b.ref(support(name))


def per_model(name: str) -> Expression:
    """A per-model export of tests/helpers.ts (``postApi``, ``postBody``, ``createPost``)."""
    return b.ref(Symbol(name=name, module=HELPERS, kind=VALUE))


def hcall(name: str, *args: Expression) -> Expression:
    return b.call(h(name), *args)


def await_h(name: str, *args: Expression) -> Expression:
    return b.await_(hcall(name, *args))


def use_app(plan: ProjectPlan) -> Statement:
    """``useApp();``, or ``useApp(admin);`` with a user model: the requests of a test file come
    from the administrator of tests/support/auth.ts."""
    signed_in = [h("admin")] if plan.auth is not None else []
    return b.expr_stmt(hcall("useApp", *signed_in))


def check(method: str, *args: Expression) -> Statement:
    """``assert.<method>(...)``."""
    return b.expr_stmt(b.method_call(b.ref(ASSERT), method, *args))


def field_of(row: str | Expression, name: str) -> Expression:
    """``row["name"]``."""
    return b.index(row, name)


MAX_TEST_NAME = 56
"""Longest test name for which `  test("name", async () => {` fits in 80 columns: prettier
keeps a test call's header on one line whatever its length, the printer breaks it."""


def test(name: str, body: Sequence[Statement]) -> Statement:
    """``test("name", async () => { ... });`` (inside a describe block)."""
    if len(name) > MAX_TEST_NAME:
        name = name[: MAX_TEST_NAME - 1] + "…"
    return b.expr_stmt(
        b.call(b.ref(TEST), b.str_(name), b.arrow([], list(body), async_=True)),
        blank_line_before=True,
    )


def number(value: int | float) -> Expression:
    """A number literal as prettier prints it (`0.5`, not `.5`)."""
    if isinstance(value, float) and not value.is_integer():
        literal = NumericLiteral(value=abs(value), raw=repr(abs(value)))
        return b.neg(literal) if value < 0 else literal
    return b.num(value)


def json_expr(value: object) -> Expression:
    """A JSON value as a TypeScript literal."""
    if value is None:
        return b.null
    if isinstance(value, bool):
        return b.true_ if value else b.false_
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, str):
        return b.str_(value)
    if isinstance(value, list):
        return b.arr(*(json_expr(v) for v in value))
    if isinstance(value, dict):
        return b.obj(*(b.prop(b.str_(str(k)), json_expr(v)) for k, v in value.items()))
    raise TypeError(f"not a JSON value: {value!r}")


def prefix_of(field: FieldPlan) -> str:
    return field.name.lower()[:6]


# -- names ------------------------------------------------------------------------------


def resource_name(model: ModelPlan) -> str:
    return f"{model.names.camel}Api"


def body_name(model: ModelPlan) -> str:
    return f"{model.names.camel}Body"


def create_name(model: ModelPlan) -> str:
    return f"create{model.names.model}"


FIXED_TESTS = frozenset({"auth", "roles", "api-token", "security", "config", "openapi"})
"""The names of the test files every app may have (``tests/<name>.test.ts``)."""


def test_path(model: ModelPlan) -> str:
    """``tests/post.test.ts``; ``tests/config-model.test.ts`` for a model whose file name is
    one of the fixed test files'."""
    name = model.names.file
    return f"tests/{name}-model.test.ts" if name in FIXED_TESTS else f"tests/{name}.test.ts"


# -- what can be created ----------------------------------------------------------------


def required_relations(model: ModelPlan) -> list[RelationPlan]:
    """Relations whose foreign keys a create body must hold."""
    return [
        r
        for r in model.relations
        if r.foreign_keys
        and any(model.field(k).create is Presence.REQUIRED for k in r.foreign_keys)
    ]


def creatable_models(plan: ProjectPlan) -> dict[str, str]:
    """Model name -> "" for models the tests can create, or the reason they cannot."""
    reasons: dict[str, str] = {}
    for model in plan.models:
        if not model.serves("create"):
            reasons[model.names.model] = model.limited_because or "it has no create route"
            continue
        unmade = [
            f.name
            for f in model.fields
            if f.scalar is Scalar.STRING
            and f.create is not Presence.FORBIDDEN
            and f.rules.pattern is not None
            and string_value(f) is None
        ]
        if unmade:
            reasons[model.names.model] = (
                f"no value the tests make fits the @regex of {', '.join(unmade)}"
            )
            continue
        for relation in required_relations(model):
            if relation.target == model.names.model:
                reasons[model.names.model] = (
                    f"its required relation {relation.name} points at {model.names.model} itself"
                )
    pending = [m for m in plan.models if m.names.model not in reasons]
    done: set[str] = set()
    progressed = True
    while progressed:
        progressed = False
        for model in list(pending):
            targets = {r.target for r in required_relations(model)}
            if targets <= done:
                done.add(model.names.model)
                pending.remove(model)
                progressed = True
    for model in pending:
        blocked = sorted(r.target for r in required_relations(model) if r.target not in done)
        reasons[model.names.model] = (
            f"its required relations need {', '.join(blocked)} first, and the required "
            "relations form a cycle (or reach a model that cannot be created)"
        )
    return {m.names.model: reasons.get(m.names.model, "") for m in plan.models}


def to_fields(model: ModelPlan, relation: RelationPlan) -> tuple[str, ...]:
    for field in model.model.fields:
        if field.name == relation.name and field.relation is not None:
            return tuple(field.relation.to_fields)
    return ()


def scope_field(model: ModelPlan) -> FieldPlan | None:
    """The key field whose values tell this run's records apart (autoincrement or generated
    ids, unique values, or foreign keys to parents created for each record)."""
    for field in model.id.fields:
        if field.scalar not in (Scalar.ENUM, Scalar.BOOLEAN) and field.filter_ops:
            return field
    return None


def foreign_keys(model: ModelPlan) -> set[str]:
    return {k for r in model.relations for k in r.foreign_keys}


# -- values -----------------------------------------------------------------------------


def value_expr(plan: ProjectPlan, field: FieldPlan, index: int) -> Expression:
    """A valid body value of a field; sample ``index`` differs from the others, and unique
    or key fields get values no other record holds."""
    expr = _scalar_value(plan, field, index)
    return b.arr(expr) if field.is_list else expr


def _scalar_value(plan: ProjectPlan, field: FieldPlan, index: int) -> Expression:
    fresh = field.is_unique or field.is_id
    scalar = field.scalar
    if scalar is Scalar.STRING:
        return string_value(field) or hcall("unique", b.str_(prefix_of(field)))
    if scalar is Scalar.BOOLEAN:
        return b.true_ if index % 2 == 1 else b.false_
    rules = field.rules
    bounded = rules.maximum is not None or (
        # New values (uniqueInt() and the like) are above a million.
        rules.minimum is not None
        and (not fresh or float(rules.minimum) > 1_000_000)
    )
    if scalar in (Scalar.INT, Scalar.FLOAT, Scalar.DECIMAL, Scalar.BIGINT) and bounded:
        return bounded_value(field, index)
    if scalar is Scalar.INT:
        return hcall("uniqueInt") if fresh else b.num(10 * index + 3)
    if scalar is Scalar.BIGINT:
        return hcall("uniqueBigInt") if fresh else b.str_(str(9007199254740993 + 1000 * index))
    if scalar is Scalar.FLOAT:
        return (
            b.binary(hcall("uniqueInt"), "+", number(0.5)) if fresh else number(index * 1.25 + 0.5)
        )
    if scalar is Scalar.DECIMAL:
        if fresh:
            return hcall("text", hcall("uniqueInt"))
        scale = field.decimal_digits[1] if field.decimal_digits is not None else 2
        fraction = "25"[: min(scale, 2)]
        return b.str_(f"{index + 1}.{fraction}" if fraction else str(index + 1))
    if scalar is Scalar.DATETIME:
        if fresh:
            return hcall("uniqueDateTime")
        return b.str_(f"2021-03-{index + 1:02d}T10:{index * 7:02d}:00.000Z")
    if scalar is Scalar.JSON:
        return json_expr({"n": index, "list": [1, "two", None], "ok": index % 2 == 0})
    if scalar is Scalar.BYTES:
        return b.str_(base64.b64encode(bytes([index, 1, 2, 250])).decode())
    assert field.enum_name is not None
    values = [v.name for v in plan.schema.enum(field.enum_name).values]
    return b.str_(values[index % len(values)])


def wrong_value(field: FieldPlan) -> Expression:
    return json_expr(WRONG_VALUE.get(field.scalar, "not a number"))


def missing_segment(field: FieldPlan) -> Expression | None:
    """A key value no record holds, or None when the type has none to offer."""
    if field.scalar is Scalar.INT:
        return b.str_("2147483647")
    if field.scalar is Scalar.BIGINT:
        return b.str_("9223372036854775807")
    if field.scalar is Scalar.STRING:
        return hcall("unique", b.str_("missing"))
    return None
