"""``tests/security.test.ts``, part one: the actors of the security tests (anonymous, one
user per role, a second user of a role, the admin role), what each may do under a rule, the
expressions every security test uses, and the tests of hidden and read-only fields and of rate
limits. `emitters.testsuite.security` adds the access matrix and the file itself."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ssot_ast.ts import Expression, ObjectMember, Statement
from ssot_ast.ts import build as b
from ssot_ast.ts.expressions import AwaitExpression

from emitters.plan.analysis import (
    OWNER,
    PUBLIC,
    SIGNED_IN,
    FieldPlan,
    ModelPlan,
    Presence,
    ProjectPlan,
    RelationPlan,
    Scalar,
)
from emitters.plan.links import links
from emitters.testsuite.common import (
    await_h,
    body_name,
    creatable_models,
    create_name,
    field_of,
    h,
    hcall,
    per_model,
    resource_name,
    test,
    to_fields,
    value_expr,
)
from emitters.testsuite.users import ADMIN_ROLE, USERS

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


def limited(admin: str | None, rule: Sequence[str], actor: "Actor") -> bool:
    """Whether `actor` may link only to its own records under `rule` (``linkScope`` of
    src/gen/auth/links.ts): not when the rule is public or for anyone signed in, nor for a
    role in the rule or the admin role."""
    if PUBLIC in rule or SIGNED_IN in rule:
        return False
    return not (actor.role is not None and (actor.role in rule or actor.role == admin))


@attrs.frozen
class Actor:
    name: str
    """"anonymous", a role, "user" (no role field), or "other <role>"."""
    role: str | None
    signed_in: bool


class SecurityBase:
    """The actors, what each may do, and the expressions every security test uses; the tests
    of hidden and read-only fields and of rate limits."""

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
        return per_model(resource_name(model))

    def route(self, model: ModelPlan) -> Expression:
        return b.member(self.api(model), "route")

    def act(
        self, actor: str, method: str, path: Expression, body: Expression | None = None
    ) -> Expression:
        args: list[Expression] = [b.str_(actor), b.str_(method), path]
        if body is not None:
            args.append(body)
        return b.await_(b.call(h("act"), *args))

    def person_id(self, actor: str) -> Expression:
        return b.member(b.await_(b.call(h("person"), b.str_(actor))), "id")

    def body(self, model: ModelPlan) -> Expression:
        return b.await_(b.call(per_model(body_name(model))))

    def make(self, model: ModelPlan, fields: Expression | None = None) -> Expression:
        """A record made by the administrator of helpers.ts."""
        args = [fields] if fields is not None else []
        return b.await_(b.call(per_model(create_name(model)), *args))

    def make_as(self, model: ModelPlan, actor: Actor | None) -> Expression:
        """A record owned by `actor` (made by the administrator when None)."""
        if actor is None:
            return self.make(model)
        if model.is_auth_user:
            return b.obj(b.prop(self.auth.id_field, self.person_id(actor.name)))
        body = self.body_as(model, actor)
        return hcall("created", self.act(actor.name, "POST", self.route(model), body))

    def body_as(self, model: ModelPlan, actor: Actor) -> Expression:
        """A create body `actor` may send: each foreign key to an owned model it may only
        link to its own records of names a record `actor` makes first (the shared body
        helpers link to the administrator's)."""
        own: list[ObjectMember] = []
        for link in links(self.plan, model):
            if link.key is None or not link.on_create or link.target is model:
                continue
            if not limited(self.admin, link.create_rule, actor):
                continue
            if link.target.is_auth_user:
                own.append(b.prop(link.key, self.person_id(actor.name)))
            elif link.target.names.model in self.creatable:
                record = self.make_as(link.target, actor)
                own.append(b.prop(link.key, field_of(record, link.target_key)))
        if not own:
            return self.body(model)
        return b.obj(b.spread_prop(self.body(model)), *own)

    def path(self, model: ModelPlan, row: Expression) -> Expression:
        return hcall("pathOf", self.api(model), row)

    def expect(self, answer: Expression, status: int, who: str) -> Statement:
        return b.expr_stmt(b.call(h("expectStatus"), answer, b.num(status), b.str_(who)))

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
            return b.expr_stmt(b.call(h("expectNoHidden"), answer, b.ident("hidden"), label))

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
        path = b.template(b.ref(USERS), "/", hcall("text", b.ident("id")))
        change = b.obj(b.prop(self.auth.role, b.ref(ADMIN_ROLE)))
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
                            b.await_(b.call(h("expectRateLimited"), b.num(limits.max), request))
                        )
                    ],
                )
            )
        return tests
