"""``tests/``: the API test suite every generated app ships, run by ``npm test`` with node's
own test runner (``node:test``, ``node:assert/strict``).

* ``tests/helpers.ts``: the shared part (``emitters.tests_emitter_helpers``) and, per model
  that can be created, a resource description (``postApi``), a create body with only the
  required fields (``postBody``, which creates the required parent records first) and
  ``createPost``.
* ``tests/<model>.test.ts``: one file per model. The app runs in the test process against
  ``DATABASE_URL``; every test makes its own records with values no earlier run used, so the
  suite runs on a database that is not empty, and again.

Per model: create with only the required fields (201, Location, defaults, hidden fields left
out), get, a filter test per filterable field (equality and one operator of its type, plus
``isNull`` when optional), sort both ways per sortable field, take/skip, cursor walks, include
per relation, count, patch, delete, and the 400/404/409 answers. Models whose required
relations cannot be satisfied (a required self-relation or a cycle of required relations) keep
only the tests that need no record, with a comment saying so.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Sequence

from ssot_ast.schema.model import DefaultKind
from ssot_ast.ts import TYPE, VALUE, Expression, ModuleRef, SourceFile, Statement, Symbol
from ssot_ast.ts import build as b
from ssot_ast.ts.expressions import RegularExpressionLiteral

from .analysis import FieldPlan, ModelPlan, Presence, ProjectPlan, RelationPlan, Scalar
from .pipeline import Artifact
from .tests_emitter_helpers import ASSERT, HEADER, helper_statements
from .validators import SORT_KIND, enum_sort_order

HELPERS = ModuleRef.file("tests/helpers")
NODE_TEST = ModuleRef.package("node:test")
TEST = Symbol(name="test", module=NODE_TEST, kind=VALUE)
BEFORE = Symbol(name="before", module=NODE_TEST, kind=VALUE)
RANDOM_UUID = Symbol(name="randomUUID", module=ModuleRef.package("node:crypto"), kind=VALUE)
ROW = Symbol(name="Row", module=HELPERS, kind=TYPE)
RESOURCE = Symbol(name="Resource", module=HELPERS, kind=TYPE)

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
    """A helper exported by tests/helpers.ts."""
    return b.ref(Symbol(name=name, module=HELPERS, kind=VALUE))


def hcall(name: str, *args: Expression) -> Expression:
    return b.call(h(name), *args)


def await_h(name: str, *args: Expression) -> Expression:
    return b.await_(hcall(name, *args))


def check(method: str, *args: Expression) -> Statement:
    """``assert.<method>(...)``."""
    return b.expr_stmt(b.call(b.member(b.ref(ASSERT), method), *args))


def field_of(row: str | Expression, name: str) -> Expression:
    """``row["name"]``."""
    return b.index(row, name)


def test(name: str, body: Sequence[Statement]) -> Statement:
    return b.expr_stmt(
        b.call(b.ref(TEST), b.str_(name), b.arrow([], list(body), async_=True)),
        blank_line_before=True,
    )


def json_expr(value: object) -> Expression:
    """A JSON value as a TypeScript literal."""
    if value is None:
        return b.null
    if isinstance(value, bool):
        return b.true_ if value else b.false_
    if isinstance(value, (int, float)):
        return b.num(value)
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


def test_path(model: ModelPlan) -> str:
    return f"tests/{model.names.file}.test.ts"


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
        native = field.field.native_type
        if native is not None and native.name == "Uuid":
            return b.call(b.ref(RANDOM_UUID))
        args: list[Expression] = [b.str_(prefix_of(field))]
        if field.max_length is not None:
            args.append(b.num(field.max_length))
        return hcall("unique", *args)
    if scalar is Scalar.BOOLEAN:
        return b.true_ if index % 2 == 1 else b.false_
    if scalar is Scalar.INT:
        return hcall("uniqueInt") if fresh else b.num(10 * index + 3)
    if scalar is Scalar.BIGINT:
        return hcall("uniqueBigInt") if fresh else b.str_(str(9007199254740993 + 1000 * index))
    if scalar is Scalar.FLOAT:
        return b.binary(hcall("uniqueInt"), "+", b.num(0.5)) if fresh else b.num(index * 1.25 + 0.5)
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


# -- tests/helpers.ts -------------------------------------------------------------------


def resource_decl(model: ModelPlan) -> Statement:
    scope = scope_field(model)
    value = b.obj(
        b.prop("route", b.str_(f"/api/{model.names.route}")),
        b.prop("key", b.arr(*(b.str_(f.name) for f in model.id.fields))),
        b.prop("maxTake", b.num(model.max_page_size)),
        b.prop("scope", b.str_(scope.name if scope is not None else model.id.fields[0].name)),
    )
    return b.const(
        resource_name(model),
        value,
        type=b.t_sym(RESOURCE),
        export=True,
        doc=f"{model.names.model}: its route and primary key.",
        blank_line_before=True,
    )


def parent_values(
    plan: ProjectPlan, model: ModelPlan, relation: RelationPlan, variable: str
) -> tuple[Statement, list[tuple[str, Expression]]]:
    """``const authorParent = await createUser();`` and ``authorId: authorParent["id"]``."""
    target = plan.model(relation.target)
    make = b.const(variable, b.await_(b.call(b.ident(create_name(target)))))
    members = [
        (key, field_of(variable, to))
        for key, to in zip(relation.foreign_keys, to_fields(model, relation))
    ]
    return make, members


def body_decl(plan: ProjectPlan, model: ModelPlan) -> Statement:
    statements: list[Statement] = []
    members: list[tuple[str, Expression]] = []
    fks = foreign_keys(model)
    for relation in required_relations(model):
        make, values = parent_values(plan, model, relation, f"{relation.name}Parent")
        statements.append(make)
        members += values
    for field in model.fields:
        if field.create is Presence.REQUIRED and field.name not in fks:
            members.append((field.name, value_expr(plan, field, 0)))
    members.sort(key=lambda m: [f.name for f in model.fields].index(m[0]))
    body = b.obj(
        *(b.prop(name, value) for name, value in members),
        b.spread_prop(b.ident("fields")),
        multiline=True,
    )
    statements.append(b.return_(body))
    row = b.t_sym(ROW)
    return b.function(
        body_name(model),
        [b.param("fields", row, default=b.obj())],
        statements,
        async_=True,
        export=True,
        return_type=b.t_ref("Promise", row),
        doc=(
            f"A {model.names.model} create body with only the required fields, new values, and "
            "new parent records; `fields` adds or replaces fields."
        ),
    )


def create_decl(model: ModelPlan) -> Statement:
    row = b.t_sym(ROW)
    post = await_h(
        "call",
        b.str_("POST"),
        b.member(b.ident(resource_name(model)), "route"),
        b.await_(b.call(b.ident(body_name(model)), b.ident("fields"))),
    )
    return b.function(
        create_name(model),
        [b.param("fields", row, default=b.obj())],
        [b.return_(hcall("created", post))],
        async_=True,
        export=True,
        return_type=b.t_ref("Promise", row),
        doc=f"Creates a {model.names.model} (201 expected) and returns it.",
    )


ENV_TYPE = b.t_ref("Record", b.t_string, b.t_union(b.t_string, b.t_undefined))
HEADERS_TYPE = b.t_ref("Record", b.t_string, b.t_string)
TEST_JWT_SECRET = "a-secret-for-the-generated-api-tests-only-0123456789"
TEST_PASSWORD = "test-password-0123456789"


def auth_statements(plan: ProjectPlan) -> list[Statement]:
    """How the tests authenticate: `testEnvironment()` configures the app, `signIn(url)` runs
    once it listens, `authHeaders()` goes with every request. Without a user model there is
    nothing to do; with one (`@auth.user`) the tests register an administrator (the app's
    AUTH_ADMINS names it) and send its access token."""
    env = b.member("process", "env")
    auth = plan.auth
    if auth is None:
        return [
            b.function(
                "testEnvironment",
                [],
                [b.return_(env)],
                return_type=ENV_TYPE,
                doc="The environment the app under test is configured from.",
            ),
            b.function(
                "signIn",
                [b.param("_url", b.t_string)],
                [b.return_(b.call(b.member("Promise", "resolve")))],
                return_type=b.t_ref("Promise", b.t_void),
                doc="Runs once the app listens. The API has no authentication: nothing to do.",
            ),
            b.function(
                "authHeaders",
                [],
                [b.return_(b.obj())],
                export=True,
                return_type=HEADERS_TYPE,
                doc=(
                    "Headers sent with every request. The API has no authentication; "
                    "credentials for secured routes go here."
                ),
            ),
        ]
    user = plan.model(auth.model)
    members: list[tuple[str, Expression]] = []
    for field in user.fields:
        if field.create is Presence.REQUIRED and field.name not in (auth.identifier, auth.password):
            members.append((field.name, value_expr(plan, field, 0)))
    members.append((auth.identifier, b.ident("ADMIN")))
    members.append(("password", b.str_(TEST_PASSWORD)))
    register = b.call(
        "fetch",
        b.template(b.ident("url"), "/auth/register"),
        b.obj(
            b.prop("method", b.str_("POST")),
            b.prop("headers", b.obj(b.prop(b.str_("content-type"), b.str_("application/json")))),
            b.prop(
                "body",
                b.call(
                    b.member("JSON", "stringify"),
                    b.obj(*(b.prop(k, v) for k, v in members), multiline=True),
                ),
            ),
            multiline=True,
        ),
    )
    answer = b.obj(
        b.prop("status", b.member("response", "status")),
        b.prop("location", b.null),
        b.prop("text", b.ident("body")),
        b.prop("body", b.as_(b.call(b.member("JSON", "parse"), b.ident("body")), b.t_unknown)),
    )
    return [
        b.const(
            "ADMIN",
            b.template(hcall_local("unique", b.str_("admin")), "@example.test"),
            doc="The administrator the tests act as: the app's AUTH_ADMINS names it.",
            blank_line_before=True,
        ),
        b.let("accessToken", b.str_("")),
        b.function(
            "testEnvironment",
            [],
            [
                b.return_(
                    b.obj(
                        b.spread_prop(env),
                        b.prop("AUTH_ADMINS", b.ident("ADMIN")),
                        b.prop(
                            "JWT_SECRET",
                            b.binary(b.index(env, "JWT_SECRET"), "??", b.str_(TEST_JWT_SECRET)),
                        ),
                    )
                )
            ],
            return_type=ENV_TYPE,
            doc="The environment the app under test is configured from.",
        ),
        b.function(
            "signIn",
            [b.param("url", b.t_string)],
            [
                b.const("response", b.await_(register)),
                b.const("body", b.await_(b.call(b.member("response", "text")))),
                b.const(
                    "registered",
                    hcall_local("created", answer),
                ),
                b.expr_stmt(
                    b.assign(
                        "accessToken",
                        hcall_local("text", b.index("registered", "accessToken")),
                    )
                ),
            ],
            async_=True,
            return_type=b.t_ref("Promise", b.t_void),
            doc=f"Registers the administrator through /auth/register once the app listens.",
        ),
        b.function(
            "authHeaders",
            [],
            [
                b.return_(
                    b.obj(b.prop("authorization", b.template("Bearer ", b.ident("accessToken"))))
                )
            ],
            export=True,
            return_type=HEADERS_TYPE,
            doc=(
                "Headers sent with every request: the administrator's access token. Tests of "
                "other roles or of anonymous access send their own."
            ),
        ),
    ]


def hcall_local(name: str, *args: Expression) -> Expression:
    """A call of a function declared in tests/helpers.ts itself."""
    return b.call(b.ident(name), *args)


def helpers_file(plan: ProjectPlan) -> SourceFile:
    statements: list[Statement] = list(helper_statements())
    statements += auth_statements(plan)
    creatable = creatable_models(plan)
    for model in plan.models:
        statements.append(resource_decl(model))
        if creatable[model.names.model]:
            statements.append(
                b.line_comment(
                    f"No factory for {model.names.model}: {creatable[model.names.model]}."
                )
            )
            continue
        statements.append(body_decl(plan, model))
        statements.append(create_decl(model))
    return SourceFile(path="tests/helpers.ts", statements=tuple(statements), header=HEADER)


# -- tests/<model>.test.ts --------------------------------------------------------------


class ModelTests:
    """The tests of one model."""

    def __init__(self, plan: ProjectPlan, model: ModelPlan, reason: str) -> None:
        self.plan = plan
        self.model = model
        self.reason = reason
        self.api = b.ref(Symbol(name=resource_name(model), module=HELPERS, kind=VALUE))
        self.route = b.member(self.api, "route")
        self.scope = scope_field(model)
        self.fks = foreign_keys(model)
        self.creatable = {n for n, why in creatable_models(plan).items() if not why}
        self.label = f"/api/{model.names.route}"

    # -- plumbing

    def ref_model(self, name: str) -> Expression:
        """A per-model export of tests/helpers.ts."""
        return b.ref(Symbol(name=name, module=HELPERS, kind=VALUE))

    def create(self, fields: Expression | None = None) -> Expression:
        args = () if fields is None else (fields,)
        return b.await_(b.call(self.ref_model(create_name(self.model)), *args))

    def body(self) -> Expression:
        return b.await_(b.call(self.ref_model(body_name(self.model))))

    def path(self, row: Expression) -> Expression:
        return hcall("pathOf", self.api, row)

    def call(self, method: str, path: Expression, body: Expression | None = None) -> Expression:
        args: list[Expression] = [b.str_(method), path]
        if body is not None:
            args.append(body)
        return await_h("call", *args)

    def list_path(self, *query: str | Expression) -> Expression:
        """`${postApi.route}?${scopeOf(postApi, pool)}&<query parts>`."""
        parts: list[str | Expression] = [
            self.route,
            "?",
            hcall("scopeOf", self.api, b.ident("pool")),
        ]
        if query:
            parts.append("&")
            parts += query
        return b.template(*parts)

    def kind(self, field: FieldPlan) -> Expression:
        return b.str_(SORT_KIND[field.scalar])

    def enum_order(self, field: FieldPlan) -> list[Expression]:
        if field.enum_name is None:
            return []
        return [b.arr(*(b.str_(v) for v in enum_sort_order(self.plan, field.enum_name)))]

    # -- the file

    def statements(self) -> list[Statement]:
        out: list[Statement] = [b.expr_stmt(hcall("useApp"))]
        can_create = not self.reason
        if not can_create:
            out.append(
                b.line_comment(
                    f"{self.model.names.model} records cannot be created here: {self.reason}. "
                    "Only the tests that need no record are generated."
                )
            )
        elif self.scope is None:
            out.append(
                b.line_comment(
                    "No key field tells this run's records apart, so the list tests (filters, "
                    "sort, pagination, include, count) are left out."
                )
            )
        else:
            out += self.pool()
        if can_create:
            out += self.create_tests()
            if self.scope is not None:
                out += self.filter_tests()
                out += self.sort_tests()
                out += self.pagination_tests()
                out += self.include_tests()
                out += self.count_tests()
            out += self.patch_tests()
            out.append(self.delete_test())
            out += self.body_error_tests()
            out += self.conflict_tests()
        out += self.query_error_tests()
        out += self.key_error_tests()
        return out

    # -- the records the list tests work on

    def sample_body(self, index: int) -> Expression:
        """Create fields for full sample ``index``: every optional field, optional parents,
        one of each many-to-many target."""
        members: list[tuple[str, Expression]] = []
        for field in self.model.fields:
            if field.create is Presence.FORBIDDEN or field.name in self.fks:
                continue
            if field.is_unique or field.is_id:
                continue  # the body factory gives these new values
            members.append((field.name, value_expr(self.plan, field, index)))
        for relation in self.model.relations:
            if not relation.foreign_keys or relation in required_relations(self.model):
                continue
            if any(self.model.field(k).create is Presence.FORBIDDEN for k in relation.foreign_keys):
                continue
            targets = to_fields(self.model, relation)
            if relation.target == self.model.names.model:
                if index != 1:
                    continue
                parent: Expression = b.ident("first")
            elif relation.target in self.creatable:
                target = self.plan.model(relation.target)
                parent = b.await_(b.call(self.ref_model(create_name(target))))
            else:
                continue
            if len(relation.foreign_keys) == 1:
                members.append((relation.foreign_keys[0], field_of(parent, targets[0])))
            else:
                for key, to in zip(relation.foreign_keys, targets):
                    members.append((key, field_of(parent, to)))
        for relation in self.model.many_to_many:
            if (
                index == 1
                and relation.ids_field is not None
                and relation.target_id is not None
                and relation.target in self.creatable
            ):
                target = self.plan.model(relation.target)
                made = b.await_(b.call(self.ref_model(create_name(target))))
                members.append((relation.ids_field, b.arr(field_of(made, relation.target_id.name))))
        return b.obj(*(b.prop(name, value) for name, value in members), multiline=True)

    def pool(self) -> list[Statement]:
        row = b.t_sym(ROW)
        fill: list[Statement] = [
            b.const("first", self.create()),
            b.expr_stmt(b.call(b.member("pool", "push"), b.ident("first"))),
        ]
        for index in range(1, POOL_SIZE):
            fill.append(
                b.expr_stmt(b.call(b.member("pool", "push"), self.create(self.sample_body(index))))
            )
        return [
            b.const("pool", b.arr(), type=b.t_array(row), blank_line_before=True),
            b.line_comment(
                "The records the list tests work on: one with only the required fields, then\n"
                "three with every optional field set (the second also with its optional parents)."
            ),
            b.expr_stmt(b.call(b.ref(BEFORE), b.arrow([], fill, async_=True))),
        ]

    # -- create, get

    def default_checks(self, row: Expression) -> list[Statement]:
        out: list[Statement] = []
        for field in self.model.readable_fields:
            if field.create is Presence.REQUIRED:
                continue
            value = field_of(row, field.name)
            default = field.field.default
            if field.is_updated_at:
                out.append(check("ok", hcall("isIsoDateTime", value), b.str_(field.name)))
            elif default is None:
                if field.is_optional:
                    out.append(check("equal", value, b.null, b.str_(field.name)))
            elif default.kind is DefaultKind.FUNCTION:
                out += self.function_default(field, default.function or "", value)
            elif default.kind is DefaultKind.ENUM_VALUE:
                out.append(check("equal", value, b.str_(str(default.value)), b.str_(field.name)))
            elif default.kind is DefaultKind.LITERAL:
                out += self.literal_default(field, default.value, value)
        return out

    def function_default(
        self, field: FieldPlan, function: str, value: Expression
    ) -> list[Statement]:
        name = b.str_(field.name)
        if function == "now":
            return [check("ok", hcall("isIsoDateTime", value), name)]
        if function == "autoincrement":
            kind = "string" if field.scalar is Scalar.BIGINT else "number"
            return [check("equal", b.typeof(value), b.str_(kind), name)]
        if function in ("uuid",):
            pattern = RegularExpressionLiteral(pattern=UUID_PATTERN)
            return [check("match", hcall("text", value), pattern, name)]
        if function in ("cuid", "nanoid", "ulid"):
            return [check("equal", b.typeof(value), b.str_("string"), name)]
        return [check("ok", b.binary(b.str_(field.name), "in", b.ident("row")), name)]

    def literal_default(
        self, field: FieldPlan, literal: object, value: Expression
    ) -> list[Statement]:
        name = b.str_(field.name)
        scalar = field.scalar
        if field.is_list:
            return []
        if scalar in (Scalar.INT, Scalar.FLOAT) and isinstance(literal, (int, float)):
            return [check("equal", value, b.num(literal), name)]
        if scalar is Scalar.BOOLEAN and isinstance(literal, bool):
            return [check("equal", value, b.true_ if literal else b.false_, name)]
        if scalar is Scalar.STRING and isinstance(literal, str):
            return [check("equal", value, b.str_(literal), name)]
        if scalar is Scalar.BIGINT:
            return [check("equal", hcall("text", value), b.str_(str(literal)), name)]
        if scalar is Scalar.DECIMAL:
            return [check("equal", b.call("Number", value), b.num(float(str(literal))), name)]
        if scalar is Scalar.DATETIME and isinstance(literal, str):
            parse = b.member("Date", "parse")
            return [
                check(
                    "equal",
                    b.call(parse, hcall("text", value)),
                    b.call(parse, b.str_(literal)),
                    name,
                )
            ]
        if scalar is Scalar.JSON and isinstance(literal, str):
            try:
                parsed = json.loads(literal)
            except ValueError:
                return []
            return [check("deepEqual", value, json_expr(parsed), name)]
        return [check("ok", b.binary(b.str_(field.name), "in", b.ident("row")), name)]

    def create_tests(self) -> list[Statement]:
        model = self.model
        row = b.ident("row")
        body: list[Statement] = [
            b.const("body", self.body()),
            b.const("answer", self.call("POST", self.route, b.ident("body"))),
            b.const("row", hcall("created", b.ident("answer"))),
            check("equal", b.member("answer", "location"), self.path(row)),
        ]
        for field in model.fields:
            if field.create is Presence.REQUIRED and field.readable and field.name not in self.fks:
                if field.scalar in (Scalar.STRING, Scalar.ENUM, Scalar.BOOLEAN, Scalar.INT):
                    body.append(
                        check("equal", field_of(row, field.name), field_of("body", field.name))
                    )
        body += self.default_checks(row)
        for field in model.hidden_fields:
            body.append(
                check(
                    "equal",
                    b.binary(b.str_(field.name), "in", row),
                    b.false_,
                    b.str_(f"{field.name} is never returned"),
                )
            )
        tests = [
            test(
                f"POST {self.label} with only the required fields: 201, Location, defaults",
                body,
            )
        ]
        get: list[Statement] = [
            b.const("row", self.create()),
            b.const("answer", self.call("GET", self.path(row))),
            check("equal", b.member("answer", "status"), b.num(200), b.member("answer", "text")),
            check("deepEqual", b.member("answer", "body"), row),
        ]
        for relation in model.relations:
            get.append(
                check(
                    "equal",
                    b.binary(b.str_(relation.name), "in", hcall("rowOf", b.ident("answer"))),
                    b.false_,
                    b.str_(f"{relation.name} only with include"),
                )
            )
        tests.append(test(f"GET {self.label}/:id answers the created record", get))
        return tests

    # -- filters

    def filter_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        for field in self.model.filter_fields:
            if field.is_list:
                continue
            tests.append(self.filter_test(field))
        return tests

    def keep(self, condition: Expression) -> Expression:
        return b.arrow([b.param("row")], condition)

    def expect_filter(self, query: Expression, condition: Expression) -> Statement:
        return b.expr_stmt(
            await_h("expectFilter", self.api, b.ident("pool"), query, self.keep(condition))
        )

    def filter_test(self, field: FieldPlan) -> Statement:
        name = field.name
        kind = self.kind(field)
        value = field_of("row", name)
        pivot = b.ident("pivot")
        present = b.binary(value, "!==", b.null)
        # The scope field already has [in] in the query: its equality needs the operator form.
        equals = "[equals]" if self.scope is not None and field.name == self.scope.name else ""
        body: list[Statement] = [
            b.const("pivot", hcall("pivotOf", b.ident("pool"), b.str_(name))),
            self.expect_filter(
                b.template(f"{name}{equals}=", hcall("q", pivot)), hcall("same", kind, value, pivot)
            ),
        ]
        scalar = field.scalar
        if scalar is Scalar.STRING:
            op = "contains"
            body.append(
                b.const(
                    "part",
                    b.call(b.member(hcall("text", pivot), "slice"), b.num(1), b.num(-1)),
                )
            )
            body.append(
                self.expect_filter(
                    b.template(f"{name}[contains]=", hcall("q", b.ident("part"))),
                    b.binary(
                        present,
                        "&&",
                        b.call(b.member(hcall("text", value), "includes"), b.ident("part")),
                    ),
                )
            )
        elif scalar is Scalar.BOOLEAN:
            op = "not"
            body.append(
                self.expect_filter(
                    b.template(f"{name}[not]=", hcall("q", pivot)),
                    b.binary(present, "&&", b.binary(value, "!==", pivot)),
                )
            )
        elif scalar is Scalar.ENUM:
            op = "in"
            assert field.enum_name is not None
            names = [v.name for v in self.plan.schema.enum(field.enum_name).values][:2]
            body.append(b.const("chosen", b.arr(*(b.str_(n) for n in names))))
            body.append(
                self.expect_filter(
                    b.template(f"{name}[in]=", b.call(b.member("chosen", "join"), b.str_(","))),
                    b.binary(
                        present,
                        "&&",
                        b.call(b.member("chosen", "includes"), hcall("text", value)),
                    ),
                )
            )
        else:
            op = "gt"
            body.append(
                self.expect_filter(
                    b.template(f"{name}[gt]=", hcall("q", pivot)),
                    b.binary(
                        present,
                        "&&",
                        b.binary(hcall("compare", kind, value, pivot), ">", b.num(0)),
                    ),
                )
            )
        label = f"equality and {op}"
        if "isNull" in field.filter_ops:
            label += ", isNull"
            body.append(
                self.expect_filter(b.str_(f"{name}[isNull]=true"), b.binary(value, "===", b.null))
            )
            body.append(self.expect_filter(b.str_(f"{name}[isNull]=false"), present))
        return test(f"GET {self.label}?{name}=…: {label}", body)

    # -- sort and pagination

    def sort_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        for field in self.model.sort_fields:
            body = [
                b.expr_stmt(
                    await_h(
                        "expectSorted",
                        self.api,
                        b.ident("pool"),
                        b.str_(field.name),
                        self.kind(field),
                        flag,
                        *self.enum_order(field),
                    )
                )
                for flag in (b.false_, b.true_)
            ]
            tests.append(test(f"GET {self.label}?sort={field.name} and sort=-{field.name}", body))
        return tests

    def pagination_tests(self) -> list[Statement]:
        all_rows = hcall(
            "rowsOf", self.call("GET", self.list_path("take=", b.member(self.api, "maxTake")))
        )
        keys = hcall("keysOf", self.api, b.ident("all"))
        meta = b.ident("meta")
        page = [
            b.const("all", all_rows),
            check("equal", b.member("all", "length"), b.member("pool", "length")),
            b.const("answer", self.call("GET", self.list_path("take=2&skip=1"))),
            check(
                "deepEqual",
                hcall("keysOf", self.api, hcall("rowsOf", b.ident("answer"))),
                b.call(b.member(keys, "slice"), b.num(1), b.num(3)),
            ),
            b.const("meta", hcall("metaOf", b.ident("answer"))),
            check("equal", field_of(meta, "take"), b.num(2)),
            check("equal", field_of(meta, "skip"), b.num(1)),
            check("equal", field_of(meta, "total"), b.member("pool", "length")),
        ]
        walk: list[Statement] = []
        sorts: list[str] = [""]
        others = [f for f in self.model.sort_fields if not f.is_id]
        if others:
            sorts.append(f"-{others[0].name}")
        for position, sort in enumerate(sorts):
            suffix = f"sort={sort}&" if sort else ""
            everything = f"{'all' if not sort else 'sorted'}{position}"
            seen = f"seen{position}"
            walk.append(
                b.const(
                    everything,
                    hcall(
                        "keysOf",
                        self.api,
                        hcall(
                            "rowsOf",
                            self.call(
                                "GET",
                                self.list_path(f"{suffix}take=", b.member(self.api, "maxTake")),
                            ),
                        ),
                    ),
                )
            )
            walk.append(
                b.const(
                    seen,
                    hcall(
                        "keysOf",
                        self.api,
                        await_h(
                            "walk",
                            self.list_path(f"sort={sort}") if sort else self.list_path(),
                            b.num(2),
                        ),
                    ),
                )
            )
            walk.append(
                check(
                    "deepEqual", b.ident(seen), b.ident(everything), b.str_(sort or "default order")
                )
            )
            walk.append(
                check(
                    "equal",
                    b.member(b.new("Set", b.ident(seen)), "size"),
                    b.member(seen, "length"),
                    b.str_("no record twice"),
                )
            )
        label = " and ".join(["default order"] + [f"sort={s}" for s in sorts if s])
        return [
            test(f"GET {self.label}?take=2&skip=1: the 2nd and 3rd records, meta", page),
            test(f"GET {self.label}: a cursor walk ({label}) sees every record once", walk),
        ]

    # -- include and count

    def parent_is_set(self, relation: RelationPlan) -> bool:
        """Whether pool[1] holds this relation's foreign key (required, or set by the sample)."""
        if relation in required_relations(self.model):
            return True
        if any(self.model.field(k).create is Presence.FORBIDDEN for k in relation.foreign_keys):
            return False
        return relation.target == self.model.names.model or relation.target in self.creatable

    def include_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        for relation in self.model.relations:
            name = relation.name
            one = b.ident("one")
            body: list[Statement] = [
                b.const("row", hcall("at", b.ident("pool"), b.num(1))),
                b.const(
                    "one",
                    hcall(
                        "rowOf",
                        self.call("GET", b.template(self.path(b.ident("row")), f"?include={name}")),
                    ),
                ),
            ]
            included = field_of(one, name)
            if relation.is_list:
                body.append(
                    check("ok", b.call(b.member("Array", "isArray"), included), b.str_(name))
                )
                if (
                    relation.implicit_many_to_many
                    and relation.ids_field is not None
                    and relation.target_id is not None
                    and relation.target in self.creatable
                ):
                    body.append(
                        check(
                            "equal",
                            b.member(b.as_(included, b.t_array(b.t_unknown)), "length"),
                            b.num(1),
                            b.str_(f"the {relation.ids_field} sent on create"),
                        )
                    )
            elif relation.foreign_keys and self.parent_is_set(relation):
                targets = to_fields(self.model, relation)
                for key, to in zip(relation.foreign_keys, targets):
                    body.append(
                        check(
                            "equal",
                            field_of(hcall("objectOf", included), to),
                            field_of("row", key),
                        )
                    )
            else:
                body.append(check("ok", b.binary(b.str_(name), "in", one), b.str_(name)))
            body.append(
                b.const(
                    "listed",
                    hcall("rowsOf", self.call("GET", self.list_path(f"include={name}"))),
                )
            )
            body.append(check("equal", b.member("listed", "length"), b.member("pool", "length")))
            body.append(
                b.for_of(
                    "listedRow",
                    b.ident("listed"),
                    [check("ok", b.binary(b.str_(name), "in", b.ident("listedRow")), b.str_(name))],
                )
            )
            tests.append(test(f"GET {self.label}?include={name}", body))
        return tests

    def count_tests(self) -> list[Statement]:
        count_path = b.template(self.route, "/count?", hcall("scopeOf", self.api, b.ident("pool")))
        one_path = b.template(
            self.route,
            "/count?",
            hcall("scopeOf", self.api, b.arr(hcall("at", b.ident("pool"), b.num(0)))),
        )
        body = [
            b.const("answer", self.call("GET", count_path)),
            check("equal", b.member("answer", "status"), b.num(200), b.member("answer", "text")),
            check(
                "deepEqual",
                b.member("answer", "body"),
                b.obj(b.prop("count", b.member("pool", "length"))),
            ),
            check(
                "deepEqual",
                b.member(self.call("GET", one_path), "body"),
                b.obj(b.prop("count", b.num(1))),
            ),
        ]
        return [test(f"GET {self.label}/count counts what the filters select", body)]

    # -- patch and delete

    def patch_tests(self) -> list[Statement]:
        candidates = [
            f
            for f in self.model.update_fields
            if f.name not in self.fks
            and f.readable
            and not f.is_list
            and f.scalar not in (Scalar.JSON, Scalar.BYTES)
        ]
        optional = [
            f
            for f in self.model.update_fields
            if f.is_optional and f.name not in self.fks and f.readable and f not in candidates[:1]
        ]
        members: list[tuple[str, Expression]] = []
        if candidates:
            members.append((candidates[0].name, value_expr(self.plan, candidates[0], 1)))
        if optional:
            members.append((optional[0].name, b.null))
        row = b.ident("row")
        body: list[Statement] = [
            b.const("row", self.create()),
            b.const("change", b.obj(*(b.prop(n, v) for n, v in members), multiline=bool(members))),
            b.const("answer", self.call("PATCH", self.path(row), b.ident("change"))),
            check("equal", b.member("answer", "status"), b.num(200), b.member("answer", "text")),
            b.const("patched", hcall("rowOf", b.ident("answer"))),
        ]
        for name, _ in members:
            field = self.model.field(name)
            body.append(
                check(
                    "ok",
                    hcall(
                        "same",
                        self.kind(field) if field.scalar in SORT_KIND else b.str_("string"),
                        field_of("patched", name),
                        field_of("change", name),
                    ),
                    b.str_(name),
                )
            )
        untouched = [
            f
            for f in self.model.readable_fields
            if f.name not in dict(members) and not f.is_updated_at
        ]
        for field in untouched:
            body.append(
                check("deepEqual", field_of("patched", field.name), field_of(row, field.name))
            )
        body.append(
            check(
                "deepEqual", b.member(self.call("GET", self.path(row)), "body"), b.ident("patched")
            )
        )
        label = ", ".join(n for n, _ in members) or "nothing"
        tests = [test(f"PATCH {self.label}/:id changes only what it is sent ({label})", body)]
        bad: list[Statement] = [
            b.const("row", self.create()),
            b.expr_stmt(
                hcall(
                    "expectError",
                    self.call("PATCH", self.path(row), b.obj(b.prop("zzUnknown", b.num(1)))),
                    b.num(400),
                    b.str_("zzUnknown"),
                )
            ),
        ]
        required = [f for f in self.model.update_fields if not f.is_optional and not f.is_list]
        if required:
            bad.append(
                b.expr_stmt(
                    hcall(
                        "expectError",
                        self.call("PATCH", self.path(row), b.obj(b.prop(required[0].name, b.null))),
                        b.num(400),
                        b.str_(required[0].name),
                    )
                )
            )
        tests.append(
            test(f"PATCH {self.label}/:id with an unknown key or a null required field: 400", bad)
        )
        return tests

    def delete_test(self) -> Statement:
        row = b.ident("row")
        body = [
            b.const("row", self.create()),
            b.const("answer", self.call("DELETE", self.path(row))),
            check("equal", b.member("answer", "status"), b.num(204), b.member("answer", "text")),
            check("equal", b.member("answer", "text"), b.str_("")),
            b.expr_stmt(hcall("expectError", self.call("GET", self.path(row)), b.num(404))),
            b.expr_stmt(hcall("expectError", self.call("DELETE", self.path(row)), b.num(404))),
        ]
        return test(f"DELETE {self.label}/:id: 204, then 404", body)

    # -- 400 and 409

    def post_error(
        self, extra: Sequence[tuple[str, Expression]], mention: str, status: int = 400
    ) -> Statement:
        body = b.obj(
            b.spread_prop(self.body()),
            *(b.prop(k, v) for k, v in extra),
        )
        return b.expr_stmt(
            hcall(
                "expectError", self.call("POST", self.route, body), b.num(status), b.str_(mention)
            )
        )

    def body_error_tests(self) -> list[Statement]:
        tests = [
            test(
                f"POST {self.label} with an unknown key: 400 naming it",
                [self.post_error([("zzUnknown", b.num(1))], "zzUnknown")],
            )
        ]
        read_only = [f for f in self.model.fields if f.create is Presence.FORBIDDEN and f.readable]
        if read_only:
            tests.append(
                test(
                    f"POST {self.label} with a read-only field: 400 naming it ({', '.join(f.name for f in read_only)})",
                    [
                        self.post_error([(f.name, value_expr(self.plan, f, 1))], f.name)
                        for f in read_only
                    ],
                )
            )
        typed = [
            f
            for f in self.model.fields
            if f.create is not Presence.FORBIDDEN
            and f.name not in self.fks
            and f.scalar is not Scalar.JSON
        ]
        typed.sort(key=lambda f: f.create is not Presence.REQUIRED)
        if typed:
            field = typed[0]
            tests.append(
                test(
                    f"POST {self.label} with a wrong type for {field.name}: 400 naming it",
                    [self.post_error([(field.name, wrong_value(field))], field.name)],
                )
            )
        required = [f for f in self.model.fields if f.create is Presence.REQUIRED]
        if required:
            field = required[0]
            missing = [
                b.const("body", self.body()),
                b.expr_stmt(
                    b.call(
                        b.member("Reflect", "deleteProperty"), b.ident("body"), b.str_(field.name)
                    )
                ),
                b.expr_stmt(
                    hcall(
                        "expectError",
                        self.call("POST", self.route, b.ident("body")),
                        b.num(400),
                        b.str_(field.name),
                    )
                ),
            ]
            tests.append(test(f"POST {self.label} without {field.name}: 400 naming it", missing))
        return tests

    def unique_sets(self) -> list[tuple[str, ...]]:
        model = self.model
        sets: list[tuple[str, ...]] = []
        for field in model.fields:
            if field.is_unique and field.create is not Presence.FORBIDDEN:
                sets.append((field.name,))
        if model.id.is_compound and all(
            f.create is not Presence.FORBIDDEN for f in model.id.fields
        ):
            sets.append(tuple(f.name for f in model.id.fields))
        elif not model.id.is_compound and model.id.fields[0].create is not Presence.FORBIDDEN:
            sets.append((model.id.fields[0].name,))
        for fields in model.model.unique_fields:
            if len(fields) > 1 and all(
                model.field(f).create is not Presence.FORBIDDEN for f in fields
            ):
                sets.append(tuple(fields))
        unique: list[tuple[str, ...]] = []
        for s in sets:
            if s not in unique:
                unique.append(s)
        return unique

    def conflict_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        for fields in self.unique_sets():
            copies: list[tuple[str, Expression]] = []
            for name in fields:
                field = self.model.field(name)
                if field.create is Presence.REQUIRED:
                    copies.append((name, field_of("sent", name)))
                elif field.readable:
                    copies.append((name, field_of("first", name)))
            if len(copies) != len(fields):
                continue  # a hidden field with a default: its value is never seen
            first = self.call("POST", self.route, b.ident("sent"))
            uses_first = any(
                self.model.field(name).create is not Presence.REQUIRED for name in fields
            )
            body: list[Statement] = [
                b.const("sent", self.body()),
                (
                    b.const("first", hcall("created", first))
                    if uses_first
                    else b.expr_stmt(hcall("created", first))
                ),
            ]
            duplicate = b.obj(b.spread_prop(self.body()), *(b.prop(k, v) for k, v in copies))
            args: list[Expression] = [self.call("POST", self.route, duplicate), b.num(409)]
            if len(fields) == 1:
                args.append(b.str_(fields[0]))
            body.append(b.expr_stmt(hcall("expectError", *args)))
            tests.append(test(f"POST {self.label} with a taken {', '.join(fields)}: 409", body))
        return tests

    # -- errors that need no record

    def query_error_tests(self) -> list[Statement]:
        route = self.route

        def get(query: str, mention: str | None) -> Statement:
            args: list[Expression] = [self.call("GET", b.template(route, query)), b.num(400)]
            if mention is not None:
                args.append(b.str_(mention))
            return b.expr_stmt(hcall("expectError", *args))

        has_include = bool(self.model.relations)
        body = [
            get("?zzNope=1", "zzNope"),
            get("/count?zzNope=1", "zzNope"),
            get("?sort=zzNope", "zzNope"),
            get("?include=zzNope", "zzNope" if has_include else None),
        ]
        if self.model.filter_fields:
            first = self.model.filter_fields[0]
            body.append(get(f"?{first.name}[zzop]=1", "zzop"))
        for field in self.model.filter_fields:
            if field.scalar in (
                Scalar.INT,
                Scalar.BIGINT,
                Scalar.FLOAT,
                Scalar.DECIMAL,
                Scalar.DATETIME,
                Scalar.BOOLEAN,
            ):
                body.append(get(f"?{field.name}[equals]=abc", field.name))
                break
        body.append(get("?take=0", None))
        return [
            test(
                f"GET {self.label} with an unknown filter, operator, sort or include, or a bad value: 400",
                body,
            )
        ]

    def key_error_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        body: list[Statement]
        fields = self.model.id.fields
        bad = [i for i, f in enumerate(fields) if f.scalar in (Scalar.INT, Scalar.BIGINT)]
        if bad:
            parts = ["1"] * len(fields)
            parts[bad[0]] = "abc"
            path = b.template(self.route, "/" + "/".join(parts))
            body = [
                b.expr_stmt(
                    hcall(
                        "expectError",
                        self.call(method, path, *([b.obj()] if method == "PATCH" else [])),
                        b.num(400),
                    )
                )
                for method in ("GET", "PATCH", "DELETE")
            ]
            tests.append(test(f"{self.label}/{'/'.join(parts)}: an invalid id is 400", body))
        segments = [missing_segment(f) for f in fields]
        if all(s is not None for s in segments):
            pieces: list[str | Expression] = [self.route]
            for segment in segments:
                assert segment is not None
                pieces += ["/", b.call("encodeURIComponent", segment)]
            body = [b.const("path", b.template(*pieces))]
            body += [
                b.expr_stmt(
                    hcall(
                        "expectError",
                        self.call(
                            method, b.ident("path"), *([b.obj()] if method == "PATCH" else [])
                        ),
                        b.num(404),
                    )
                )
                for method in ("GET", "PATCH", "DELETE")
            ]
            tests.append(test(f"{self.label}/:id of a missing record: 404", body))
        else:
            tests.append(
                b.line_comment(
                    "No missing-record test: the key has a type without a value sure to be unused."
                )
            )
        return tests


def test_file(plan: ProjectPlan, model: ModelPlan, reason: str) -> SourceFile:
    return SourceFile(
        path=test_path(model),
        statements=tuple(ModelTests(plan, model, reason).statements()),
        header=(
            f"@generated by ssot-codegen from model {model.names.model}. API tests of "
            f"/api/{model.names.route}; run them with npm test."
        ),
    )


def emit(plan: ProjectPlan) -> Iterator[Artifact]:
    helpers = helpers_file(plan)
    yield Artifact(path=helpers.path, source=helpers)
    reasons = creatable_models(plan)
    for model in plan.models:
        source = test_file(plan, model, reasons[model.names.model])
        yield Artifact(path=source.path, source=source)
