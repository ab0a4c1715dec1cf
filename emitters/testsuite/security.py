"""``tests/security.test.ts``: the security tests of every generated app with a user model
(``/// @auth.user``), derived from the plan.

* /auth: sign-up (the default role, no role chosen), sign-in, me, refresh rotation and reuse
  detection, logout;
* access tokens: forged (changed claims, bad signature, ``alg: none``, another secret or
  algorithm), absent, expired and issued in the future (signed by the test with HS256 and the
  secret the app runs with);
* per model and action, the access matrix of the rule: anonymous (401 where a sign-in is
  needed), each role (403 outside the rule), the owner (allowed), someone else on an owned
  record (404; lists narrowed to the caller's records) and the admin role (allowed); an
  ``?include=`` of a relation follows the included model's read rule;
* hidden fields are never answered (create, get, list, patch, includes from every model that
  points at them, /auth answers); read-only fields (``@readonly``, the ``@owner`` field,
  hidden fields) are refused with 400, the role field is the admin role's to set;
* ``@rateLimit``: the limited route answers 429 with Retry-After, last (it uses the limit up).

Users of each role register through /auth/register and are promoted by the administrator of
tests/helpers.ts (``PATCH /api/<users>/:id {role}``), then sign in again.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ssot_ast.schema.model import DefaultKind
from ssot_ast.ts import Expression, SourceFile, Statement
from ssot_ast.ts.expressions import AwaitExpression
from ssot_ast.ts import build as b

from emitters.plan.analysis import (
    ACTIONS,
    OWNER,
    PUBLIC,
    SIGNED_IN,
    FieldPlan,
    ModelPlan,
    ProjectPlan,
)
from emitters.plan.analysis import Presence, RelationPlan, Scalar
from emitters.testsuite.common import (
    DESCRIBE,
    ROW,
    body_name,
    check,
    create_name,
    creatable_models,
    field_of,
    h,
    await_h,
    hcall,
    resource_name,
    scope_field,
    test,
    to_fields,
    value_expr,
)
from emitters.model.web import include_rule
from emitters.testsuite.security_helpers import (
    auth_tests,
    people_statements,
    security_helper_statements,
)

SECURITY_PATH = "tests/security.test.ts"
ANONYMOUS = "anonymous"
HTTP = {"read": "GET", "list": "GET", "create": "POST", "update": "PATCH", "delete": "DELETE"}

ALL = "all"
OWN = "own"


def decide(rule: Sequence[str], actor: str | None, role: str | None, admin: str | None) -> str:
    """What `actor` may do under `rule`: "all", "own" (only its records), "401" or "403".
    `actor` is None for anonymous; `role` is the actor's role (None without a role field)."""
    if PUBLIC in rule:
        return ALL
    if actor is None:
        return "401"
    if SIGNED_IN in rule or (role is not None and role in rule):
        return ALL
    if OWNER in rule:
        return ALL if role is not None and role == admin else OWN
    return "403"


@attrs.frozen
class Actor:
    name: str
    """"anonymous", a role, "user" (no role field), or "other <role>"."""
    role: str | None
    signed_in: bool


class SecurityTests:
    def __init__(self, plan: ProjectPlan) -> None:
        assert plan.auth is not None
        self.plan = plan
        self.auth = plan.auth
        self.user = plan.model(self.auth.model)
        self.admin = self.auth.admin_role
        self.creatable = {n for n, why in creatable_models(plan).items() if not why}
        roles = self.auth.roles if self.auth.role is not None else ()
        # Non-admin roles first: they are the interesting owners.
        ordered = [r for r in roles if r != self.admin] + [r for r in roles if r == self.admin]
        self.roles: tuple[str | None, ...] = tuple(ordered) if ordered else (None,)

    # -- names

    def actor_name(self, role: str | None) -> str:
        return role if role is not None else "user"

    def actors(self) -> list[Actor]:
        return [Actor(ANONYMOUS, None, False)] + [
            Actor(self.actor_name(r), r, True) for r in self.roles
        ]

    def decide(self, model: ModelPlan, action: str, actor: Actor) -> str:
        assert model.access is not None
        rule = model.access.rule(action)
        outcome = decide(rule, actor.name if actor.signed_in else None, actor.role, self.admin)
        if outcome == OWN and model.access.owner is None:
            return "403"
        return outcome

    def owner_actor(self, model: ModelPlan) -> Actor | None:
        """Who makes the owned records the tests work on: the first role that may create
        them (the user model: the first role limited to its own record)."""
        if model.access is None or model.access.owner is None:
            return None
        action = "read" if model.is_auth_user else "create"
        for actor in self.actors()[1:]:
            outcome = self.decide(model, action, actor)
            if model.is_auth_user and outcome == OWN:
                return actor
            if not model.is_auth_user and outcome in (ALL, OWN):
                return actor
        return None

    # -- expressions

    def api(self, model: ModelPlan) -> Expression:
        return h(resource_name(model))

    def route(self, model: ModelPlan) -> Expression:
        return b.member(self.api(model), "route")

    def act(
        self, actor: str, method: str, path: Expression, body: Expression | None = None
    ) -> Expression:
        args: list[Expression] = [b.str_(actor), b.str_(method), path]
        if body is not None:
            args.append(body)
        return b.await_(b.call(b.ident("act"), *args))

    def person_id(self, actor: str) -> Expression:
        return b.member(b.await_(b.call(b.ident("person"), b.str_(actor))), "id")

    def body(self, model: ModelPlan) -> Expression:
        return b.await_(hcall(body_name(model)))

    def make(self, model: ModelPlan, fields: Expression | None = None) -> Expression:
        """A record made by the administrator of helpers.ts."""
        return b.await_(hcall(create_name(model), *([fields] if fields is not None else [])))

    def make_as(self, model: ModelPlan, actor: Actor | None) -> Expression:
        """A record owned by `actor` (made by the administrator when None)."""
        if actor is None:
            return self.make(model)
        if model.is_auth_user:
            return b.obj(b.prop(self.auth.id_field, self.person_id(actor.name)))
        return hcall("created", self.act(actor.name, "POST", self.route(model), self.body(model)))

    def path(self, model: ModelPlan, row: Expression) -> Expression:
        return hcall("pathOf", self.api(model), row)

    def expect(self, answer: Expression, status: int, who: str) -> Statement:
        return b.expr_stmt(b.call(b.ident("expectStatus"), answer, b.num(status), b.str_(who)))

    def change(self, model: ModelPlan) -> Expression:
        """A PATCH body: one updatable field, or nothing."""
        fks = {k for r in model.relations for k in r.foreign_keys}
        for field in model.update_fields:
            if (
                field.name not in fks
                and field.readable
                and not field.is_list
                and field.scalar not in (Scalar.JSON, Scalar.BYTES)
                and not (model.is_auth_user and field.name == self.auth.role)
                and not (model.is_auth_user and field.name == self.auth.identifier)
            ):
                return b.obj(b.prop(field.name, value_expr(self.plan, field, 2)))
        return b.obj()

    # -- the file

    def file(self) -> SourceFile:
        statements: list[Statement] = [b.expr_stmt(hcall("useApp"))]
        statements += self.constants()
        statements += security_helper_statements()
        statements += people_statements(self.auth.role is not None)
        statements += auth_tests(self.auth.role is not None and self.admin is not None)
        for model in self.plan.models:
            statements.append(self.model_describe(model))
        fields = [t for m in self.plan.models for t in self.field_tests(m)]
        if fields:
            statements.append(self.describe("hidden and read-only fields", fields))
        limits = [t for m in self.plan.models for t in self.rate_limit_tests(m)]
        if limits:
            statements.append(self.describe("rate limits (last: they use the limits up)", limits))
        return SourceFile(
            path=SECURITY_PATH,
            statements=tuple(statements),
            header=(
                "@generated by ssot-codegen. Security tests: /auth, access tokens, the access "
                "rules of every model per role, action and owner, hidden and read-only fields, "
                "rate limits; run them with npm test."
            ),
        )

    def describe(self, label: str, tests: list[Statement]) -> Statement:
        if tests:
            tests[0] = attrs.evolve(tests[0], blank_line_before=False)
        return b.expr_stmt(
            b.call(b.ref(DESCRIBE), b.str_(label), b.arrow([], tests)), blank_line_before=True
        )

    def constants(self) -> list[Statement]:
        auth = self.auth
        identifier: Expression = b.template(hcall("unique", b.str_("user")), "@example.test")
        members: list[tuple[str, Expression]] = []
        for field in self.user.fields:
            if field.name == auth.identifier:
                members.append((field.name, identifier))
            elif field.create is Presence.REQUIRED and field.name != auth.password:
                members.append((field.name, value_expr(self.plan, field, 0)))
        members.append(("password", b.ident("PASSWORD")))
        list_route = next(
            (
                m
                for m in self.plan.models
                if m.access is not None and PUBLIC in m.access.rule("list")
            ),
            self.plan.models[0],
        )
        out: list[Statement] = [
            b.const(
                "USERS",
                b.str_(f"/api/{self.user.names.route}"),
                doc="Where the administrator manages users.",
                blank_line_before=True,
            ),
            b.const("ID", b.str_(auth.id_field)),
            b.const("IDENTIFIER", b.str_(auth.identifier)),
            b.const("PASSWORD_FIELD", b.str_(auth.password)),
            b.const("PASSWORD", b.str_("test-password-0123456789")),
        ]
        if auth.role is not None:
            out.append(b.const("ROLE", b.str_(auth.role)))
            out.append(b.const("DEFAULT_ROLE", b.str_(self.default_role())))
        out.append(
            b.const(
                "ADMIN_ROLE",
                b.str_(self.admin or (auth.roles[-1] if auth.roles else "ADMIN")),
                doc="The role a forged token claims.",
            )
        )
        out.append(
            b.const(
                "LIST_ROUTE",
                b.str_(f"/api/{list_route.names.route}"),
                doc="A list route: an invalid token is refused even where none is needed.",
            )
        )
        out.append(
            b.function(
                "registerBody",
                [],
                [b.return_(b.obj(*(b.prop(k, v) for k, v in members), multiline=True))],
                return_type=b.t_sym(ROW),
                doc="A sign-up: a new identifier, the required fields and the password.",
            )
        )
        return out

    def default_role(self) -> str:
        assert self.auth.role is not None
        default = self.user.field(self.auth.role).field.default
        if default is not None and default.kind is DefaultKind.ENUM_VALUE:
            return str(default.value)
        return self.auth.roles[0]

    # -- access matrix

    def model_describe(self, model: ModelPlan) -> Statement:
        assert model.access is not None
        tests: list[Statement] = []
        can_make = model.names.model in self.creatable
        for action in ACTIONS:
            if not model.serves(action):
                continue
            rule = model.access.rule(action)
            name = f"{action}: {', '.join(rule)}"
            if action == "create":
                body = self.create_test(model) if can_make and not model.is_auth_user else None
                if model.is_auth_user:
                    body = self.create_test(model) if can_make else None
            elif action == "list":
                body = self.list_test(model, can_make)
            elif can_make or model.is_auth_user:
                body = self.record_test(model, action)
            else:
                body = None
            if body is None:
                body = self.denied_only(model, action)
            if body:
                tests.append(test(name, body))
        tests += self.include_tests(model)
        if not tests:
            tests.append(b.line_comment("Nothing to test here."))
        return self.describe(f"{model.names.model} access", tests)

    def denied_only(self, model: ModelPlan, action: str) -> list[Statement]:
        """Refusals that need no record: 401 and 403 come before the body and key are read."""
        out: list[Statement] = []
        path: Expression = self.route(model)
        if action in ("read", "update", "delete"):
            path = b.template(self.route(model), "/" + "/".join("0" for _ in model.id.fields))
        for actor in self.actors():
            outcome = self.decide(model, action, actor)
            if outcome in ("401", "403"):
                body = b.obj() if action in ("create", "update") else None
                out.append(
                    self.expect(
                        self.act(actor.name, HTTP[action], path, body), int(outcome), actor.name
                    )
                )
        return out

    def create_test(self, model: ModelPlan) -> list[Statement]:
        out: list[Statement] = [b.const("body", self.body(model))]
        owner = model.owner_field
        for actor in self.actors():
            outcome = self.decide(model, "create", actor)
            if outcome in ("401", "403"):
                out.append(
                    self.expect(
                        self.act(actor.name, "POST", self.route(model), b.ident("body")),
                        int(outcome),
                        actor.name,
                    )
                )
                continue
            made = hcall(
                "created", self.act(actor.name, "POST", self.route(model), self.body(model))
            )
            if owner is not None and actor.signed_in:
                var = f"by{len(out)}"
                out.append(b.const(var, made))
                out.append(
                    check(
                        "equal",
                        field_of(var, owner.name),
                        self.person_id(actor.name),
                        b.str_(f"{actor.name}: {owner.name} is set from the token"),
                    )
                )
            else:
                out.append(b.expr_stmt(made))
        return out

    def others(self, model: ModelPlan, action: str, owner: Actor | None) -> list[tuple[Actor, str]]:
        """Every actor with its outcome on a record `owner` made, plus a second user of the
        owner's role when the owner is limited to its own records."""
        out: list[tuple[Actor, str]] = []
        for actor in self.actors():
            outcome = self.decide(model, action, actor)
            if outcome == OWN:
                outcome = ALL if owner is not None and actor.name == owner.name else "404"
            out.append((actor, outcome))
        if owner is not None and self.decide(model, action, owner) == OWN:
            out.append((Actor(f"other {owner.name}", owner.role, True), "404"))
        return out

    def record_test(self, model: ModelPlan, action: str) -> list[Statement]:
        owner = self.owner_actor(model)
        method = HTTP[action]
        out: list[Statement] = [b.const("mine", self.make_as(model, owner))]
        out.append(b.const("path", self.path(model, b.ident("mine"))))
        path: Expression = b.ident("path")
        change = self.change(model) if action == "update" else None
        if change is not None:
            out.append(b.const("change", change))
        body = b.ident("change") if change is not None else None
        outcomes = self.others(model, action, owner)
        # Refusals first: a delete that is allowed takes a record of its own.
        outcomes.sort(key=lambda pair: pair[1] == ALL)
        fresh = 0
        for actor, outcome in outcomes:
            if outcome != ALL:
                out.append(
                    self.expect(self.act(actor.name, method, path, body), int(outcome), actor.name)
                )
                continue
            status = 204 if action == "delete" else 200
            target = path
            if action == "delete":
                mine_own = owner is not None and actor.name == owner.name
                if model.is_auth_user and mine_own:
                    out.append(
                        b.line_comment(f"{actor.name} deleting its own account: not tested.")
                    )
                    continue
                fresh += 1
                var = f"fresh{fresh}"
                record = self.make(model) if model.is_auth_user else self.make_as(model, owner)
                out.append(b.const(var, record))
                target = self.path(model, b.ident(var))
            out.append(self.expect(self.act(actor.name, method, target, body), status, actor.name))
        return out

    def list_test(self, model: ModelPlan, can_make: bool) -> list[Statement]:
        owner = self.owner_actor(model)
        scoped = scope_field(model) is not None and (can_make or model.is_auth_user)
        out: list[Statement] = []
        if scoped:
            out.append(b.const("mine", self.make_as(model, owner)))
            theirs = self.make(model) if can_make else None
            if theirs is not None:
                out.append(b.const("theirs", theirs))
            rows = [b.ident("mine")] + ([b.ident("theirs")] if theirs is not None else [])
            out.append(b.const("rows", b.arr(*rows)))
            query = hcall("scopeOf", self.api(model), b.ident("rows"))
            out.append(b.const("path", b.template(self.route(model), "?", query)))
            out.append(b.const("countPath", b.template(self.route(model), "/count?", query)))
            list_path: Expression = b.ident("path")
            count_path: Expression = b.ident("countPath")
        else:
            list_path = self.route(model)
            count_path = b.template(self.route(model), "/count")
        actors = [(a, self.decide(model, "list", a)) for a in self.actors()]
        if owner is not None and self.decide(model, "list", owner) == OWN:
            actors.append((Actor(f"other {owner.name}", owner.role, True), OWN))
        for actor, outcome in actors:
            answer = self.act(actor.name, "GET", list_path)
            if outcome in ("401", "403"):
                out.append(self.expect(answer, int(outcome), actor.name))
                out.append(
                    self.expect(self.act(actor.name, "GET", count_path), int(outcome), actor.name)
                )
                continue
            if not scoped:
                out.append(self.expect(answer, 200, actor.name))
                continue
            if outcome == ALL:
                wanted: Expression = b.ident("rows")
            elif owner is not None and actor.name == owner.name:
                wanted = b.arr(b.ident("mine"))
            else:
                wanted = b.arr()
            out.append(
                b.expr_stmt(
                    b.call(
                        b.ident("expectKeys"), answer, self.api(model), wanted, b.str_(actor.name)
                    )
                )
            )
            counted = hcall("rowOf", self.act(actor.name, "GET", count_path))
            out.append(
                check(
                    "equal",
                    field_of(counted, "count"),
                    b.member(wanted, "length"),
                    b.str_(f"{actor.name}: count"),
                )
            )
        return out

    def include_tests(self, model: ModelPlan) -> list[Statement]:
        """``?include=`` of a relation whose model is not public: its read rule decides."""
        tests: list[Statement] = []
        assert model.access is not None
        for relation in model.relations:
            target = self.plan.model(relation.target)
            rule = include_rule(self.plan, target)
            if rule is None:
                continue
            path = b.template(self.route(model), f"?include={relation.name}&take=1")
            body: list[Statement] = []
            for actor in self.actors():
                listing = self.decide(model, "list", actor)
                if listing in ("401", "403"):
                    continue  # the list itself refuses, tested above
                outcome = decide(
                    rule, actor.name if actor.signed_in else None, actor.role, self.admin
                )
                status = 200 if outcome == ALL else (401 if outcome == "401" else 403)
                body.append(self.expect(self.act(actor.name, "GET", path), status, actor.name))
            if body:
                tests.append(test(f"include={relation.name}: {', '.join(rule)}", body))
        return tests

    # -- hidden and read-only fields

    def hidden_names(self, model: ModelPlan) -> list[str]:
        return [f.name for f in model.hidden_fields]

    def field_tests(self, model: ModelPlan) -> list[Statement]:
        tests: list[Statement] = []
        if model.names.model not in self.creatable:
            return tests
        names = [f.name for f in model.hidden_fields]
        if names:
            tests.append(
                test(
                    f"{model.names.model}: {', '.join(names)} never answered",
                    self.hidden_test(model, names),
                )
            )
        refused = self.read_only_fields(model)
        if refused:
            tests.append(
                test(
                    f"{model.names.model}: {', '.join(f.name for f in refused)} refused",
                    self.read_only_test(model, refused),
                )
            )
        if model.is_auth_user and self.auth.role is not None and self.admin is not None:
            tests.append(
                test(
                    f"{model.names.model}: only {self.admin} sets {self.auth.role}",
                    self.role_test(model),
                )
            )
        return tests

    def hidden_test(self, model: ModelPlan, names: list[str]) -> list[Statement]:
        fields = b.arr(*(b.str_(n) for n in names))
        out: list[Statement] = [b.const("hidden", fields)]

        def no_hidden(answer: Expression, what: str | Expression) -> Statement:
            label = b.str_(what) if isinstance(what, str) else what
            return b.expr_stmt(b.call(b.ident("expectNoHidden"), answer, b.ident("hidden"), label))

        route = self.route(model)
        out.append(b.const("made", await_h("call", b.str_("POST"), route, self.body(model))))
        out.append(no_hidden(b.ident("made"), f"POST {model.names.route}"))
        out.append(b.const("row", hcall("rowOf", b.ident("made"))))
        path = self.path(model, b.ident("row"))
        out.append(no_hidden(await_h("call", b.str_("GET"), path), f"GET {model.names.route}/:id"))
        scope = hcall("scopeOf", self.api(model), b.arr(b.ident("row")))
        out.append(
            no_hidden(
                await_h("call", b.str_("GET"), b.template(route, "?", scope)),
                f"GET {model.names.route}",
            )
        )
        out.append(
            no_hidden(
                await_h("call", b.str_("PATCH"), path, self.change(model)),
                f"PATCH {model.names.route}/:id",
            )
        )
        for source in self.plan.models:
            for relation in source.relations:
                if relation.target != model.names.model:
                    continue
                out += self.include_hidden(source, relation, model, no_hidden)
        return out

    def include_hidden(
        self, source: ModelPlan, relation: RelationPlan, target: ModelPlan, no_hidden: object
    ) -> list[Statement]:
        """``GET /api/<source>/:id?include=<relation>`` with a related record of `target`."""
        assert callable(no_hidden)
        if source.names.model not in self.creatable or relation.implicit_many_to_many:
            return []
        var = f"via{source.names.model}{relation.name[0].upper()}{relation.name[1:]}"
        made: list[Statement] = []
        if relation.foreign_keys:
            owner = source.owner_field
            presence = {source.field(k).create for k in relation.foreign_keys}
            if Presence.REQUIRED in presence or (
                owner is not None and owner.name in relation.foreign_keys
            ):
                # Required, or the owner set from the token: the record has a related one.
                made.append(b.const(var, self.make(source)))
            elif Presence.FORBIDDEN not in presence:
                parent = f"{var}Target"
                made.append(b.const(parent, self.make(target)))
                fields = b.obj(
                    *(
                        b.prop(k, field_of(parent, to))
                        for k, to in zip(relation.foreign_keys, to_fields(source, relation))
                    )
                )
                made.append(b.const(var, self.make(source, fields)))
            else:
                return []
        else:
            back = self.back_relation(source, relation, target)
            if back is None:
                return []
            made.append(b.const(var, self.make(source)))
            fields = b.obj(
                *(
                    b.prop(k, field_of(var, to))
                    for k, to in zip(back.foreign_keys, to_fields(target, back))
                )
            )
            made.append(b.expr_stmt(self.make(target, fields)))
        path = b.template(self.path(source, b.ident(var)), f"?include={relation.name}")
        made.append(
            no_hidden(
                await_h("call", b.str_("GET"), path),
                f"GET {source.names.route}/:id?include={relation.name}",
            )
        )
        return made

    def back_relation(
        self, source: ModelPlan, relation: RelationPlan, target: ModelPlan
    ) -> RelationPlan | None:
        """The relation of `target` that holds the key of `relation` (its other side), when
        the tests can write it."""
        info = next(
            (f.relation for f in source.model.fields if f.name == relation.name and f.relation),
            None,
        )
        if info is None or target.names.model not in self.creatable:
            return None
        for other in target.relations:
            if other.name == info.opposite_field and other.foreign_keys:
                if all(
                    target.field(k).create is not Presence.FORBIDDEN for k in other.foreign_keys
                ):
                    return other
        return None

    def read_only_fields(self, model: ModelPlan) -> list[FieldPlan]:
        out: list[FieldPlan] = []
        for field in model.fields:
            if field.is_id or field.is_updated_at or field.writable:
                continue
            annotated = any(a.name in ("readonly", "hidden") for a in field.field.annotations)
            is_owner = model.owner_field is not None and model.owner_field.name == field.name
            is_password = model.is_auth_user and field.name == self.auth.password
            if annotated or is_owner or is_password:
                out.append(field)
        return out

    def read_only_test(self, model: ModelPlan, fields: list[FieldPlan]) -> list[Statement]:
        out: list[Statement] = [b.const("row", self.make(model))]
        for field in fields:
            value = value_expr(self.plan, field, 1)
            sent = b.obj(b.spread_prop(self.body(model)), b.prop(field.name, value))
            posted = await_h("call", b.str_("POST"), self.route(model), sent)
            out.append(b.expr_stmt(hcall("expectError", posted, b.num(400), b.str_(field.name))))
            patched = await_h(
                "call",
                b.str_("PATCH"),
                self.path(model, b.ident("row")),
                b.obj(b.prop(field.name, value)),
            )
            out.append(b.expr_stmt(hcall("expectError", patched, b.num(400), b.str_(field.name))))
        return out

    def role_test(self, model: ModelPlan) -> list[Statement]:
        """A user may not give itself a role; the admin role may."""
        assert self.auth.role is not None and self.admin is not None
        actor = self.actor_name(self.roles[0])
        path = b.template(b.ident("USERS"), "/", hcall("text", b.ident("id")))
        change = b.obj(b.prop(b.ident("ROLE"), b.ident("ADMIN_ROLE")))
        return [
            b.const("id", self.person_id(f"other {actor}")),
            self.expect(self.act(f"other {actor}", "PATCH", path, change), 403, f"other {actor}"),
            self.expect(self.act(ANONYMOUS, "PATCH", path, change), 401, ANONYMOUS),
        ]

    # -- rate limits

    def rate_limit_tests(self, model: ModelPlan) -> list[Statement]:
        limits = model.rate_limit
        if limits is None:
            return []
        tests: list[Statement] = []
        for action in limits.actions:
            path: Expression = self.route(model)
            body: Expression | None = None
            if action in ("read", "update", "delete"):
                path = b.template(self.route(model), "/" + "/".join("0" for _ in model.id.fields))
            if action in ("create", "update"):
                body = b.obj()
            acting = self.act(
                self.actor_name(self.admin or self.roles[-1]), HTTP[action], path, body
            )
            assert isinstance(acting, AwaitExpression)
            request = b.arrow([], acting.expression)
            tests.append(
                test(
                    f"{model.names.model} {action}: 429 after {limits.max}",
                    [
                        b.expr_stmt(
                            b.await_(
                                b.call(b.ident("expectRateLimited"), b.num(limits.max), request)
                            )
                        )
                    ],
                )
            )
        return tests


def security_file(plan: ProjectPlan) -> SourceFile | None:
    """`tests/security.test.ts`, or None without a user model."""
    if plan.auth is None:
        return None
    return SecurityTests(plan).file()
