"""``tests/``: the API test suite every generated app ships, run by ``npm test`` with node's
own test runner (``node:test``, ``node:assert/strict``).

* ``tests/helpers.ts``: the shared part (``emitters.testsuite.helpers``) and, per model
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

from collections.abc import Iterator

from ssot_ast.ts import Expression, SourceFile, Statement
from ssot_ast.ts import build as b

from emitters.artifact import Artifact
from emitters.plan.analysis import ModelPlan, Presence, ProjectPlan, RelationPlan
from emitters.testsuite.common import (
    RESOURCE,
    ROW,
    await_h,
    body_name,
    creatable_models,
    create_name,
    field_of,
    foreign_keys,
    hcall,
    required_relations,
    resource_name,
    scope_field,
    test_path,
    to_fields,
    value_expr,
)
from emitters.testsuite.helpers import HEADER, helper_statements
from emitters.testsuite.models import test_file
from emitters.testsuite.security import security_file

__all__ = ["creatable_models", "emit", "helpers_file", "test_file", "test_path"]


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
    # A suite sends far more requests than the production default allows in a minute.
    rate_limit = b.prop(
        "RATE_LIMIT_MAX", b.binary(b.index(env, "RATE_LIMIT_MAX"), "??", b.str_("100000"))
    )
    auth = plan.auth
    if auth is None:
        return [
            b.function(
                "testEnvironment",
                [],
                [b.return_(b.obj(b.spread_prop(env), rate_limit))],
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
        b.const(
            "TEST_SECRET",
            b.binary(b.index(env, "JWT_SECRET"), "??", b.str_(TEST_JWT_SECRET)),
            export=True,
            doc="The secret the app under test signs access tokens with.",
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
                        b.prop("JWT_SECRET", b.ident("TEST_SECRET")),
                        rate_limit,
                        b.prop(
                            "AUTH_RATE_LIMIT_MAX",
                            b.binary(b.index(env, "AUTH_RATE_LIMIT_MAX"), "??", b.str_("1000")),
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
            "appUrl",
            [],
            [b.return_(b.member(b.await_(b.call(b.ident("app"))), "url"))],
            async_=True,
            export=True,
            return_type=b.t_ref("Promise", b.t_string),
            doc="The URL the app under test serves on (it starts with the first request).",
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


def emit(plan: ProjectPlan) -> Iterator[Artifact]:
    helpers = helpers_file(plan)
    yield Artifact(path=helpers.path, source=helpers)
    reasons = creatable_models(plan)
    for model in plan.models:
        source = test_file(plan, model, reasons[model.names.model])
        yield Artifact(path=source.path, source=source)
    security = security_file(plan)
    if security is not None:
        yield Artifact(path=security.path, source=security)
