"""``tests/security.test.ts``, ownership through relations (``emitters.plan.links``): a user
who may write a model but not every record of an owned model it points at cannot link a row to
someone else's record, on create or on PATCH; the answer is 404 and nothing is written."""

from __future__ import annotations

from ssot_ast.ts import Expression, Statement
from ssot_ast.ts import build as b

from emitters.plan.links import Link, links
from emitters.plan.plans import ModelPlan
from emitters.testsuite.common import await_h, check, field_of, hcall, test
from emitters.testsuite.security_fields import ALL, OWN, Actor, SecurityBase, limited


def _victim_makes(base: SecurityBase, target: ModelPlan, victim: Actor) -> bool:
    return target.is_auth_user or (
        target.names.model in base.creatable and base.decide(target, "create", victim) in (ALL, OWN)
    )


def _attacker(base: SecurityBase, model: ModelPlan, link: Link, action: str) -> Actor | None:
    """A signed-in user who may `action` the model, is limited to its own records of the
    link's target, and whose second user can own a target record."""
    rule = link.create_rule if action == "create" else link.update_rule
    for actor in base.actors()[1:]:
        victim = Actor(f"other {actor.name}", actor.role, True)
        if (
            base.decide(model, action, actor) in (ALL, OWN)
            and (action == "create" or base.decide(model, "read", actor) in (ALL, OWN))
            and limited(base.admin, rule, actor)
            and _victim_makes(base, link.target, victim)
        ):
            return actor
    return None


def _value(link: Link, theirs: Expression) -> tuple[str, Expression]:
    """The body entry naming the victim's record."""
    key = field_of(theirs, link.target_key)
    if link.ids_field is not None:
        return link.ids_field, b.arr(key)
    assert link.key is not None
    return link.key, key


def _count(base: SecurityBase, model: ModelPlan) -> Expression:
    answer = await_h("call", b.str_("GET"), b.template(base.route(model), "/count"))
    return b.member(hcall("rowOf", answer), "count")


def _create_test(base: SecurityBase, model: ModelPlan, link: Link, actor: Actor) -> Statement:
    victim = Actor(f"other {actor.name}", actor.role, True)
    name, value = _value(link, b.ident("theirs"))
    body = b.obj(b.spread_prop(base.body_as(model, actor)), b.prop(name, value))
    answer = base.act(actor.name, "POST", base.route(model), body)
    return test(
        f"{model.names.model} create: {link.relation} of another user 404",
        [
            b.const("theirs", base.make_as(link.target, victim)),
            b.const("before", _count(base, model)),
            base.expect(answer, 404, actor.name),
            check("equal", _count(base, model), b.ident("before"), b.str_("nothing created")),
        ],
    )


def _update_test(base: SecurityBase, model: ModelPlan, link: Link, actor: Actor) -> Statement:
    victim = Actor(f"other {actor.name}", actor.role, True)
    name, value = _value(link, b.ident("theirs"))
    path = base.path(model, b.ident("mine"))
    answer = base.act(actor.name, "PATCH", path, b.obj(b.prop(name, value)))
    read = hcall("rowOf", await_h("call", b.str_("GET"), path))
    statements: list[Statement] = [
        b.const("mine", base.make_as(model, actor)),
        b.const("theirs", base.make_as(link.target, victim)),
        base.expect(answer, 404, actor.name),
    ]
    if link.key is not None:
        statements.append(
            check(
                "deepEqual",
                field_of(read, link.key),
                field_of("mine", link.key),
                b.str_(f"{link.key} unchanged"),
            )
        )
    return test(f"{model.names.model} update: {link.relation} of another user 404", statements)


def link_tests(base: SecurityBase, model: ModelPlan) -> list[Statement]:
    """For each link of `model`: the create and the PATCH that name another user's record."""
    if model.names.model not in base.creatable:
        return []
    tests: list[Statement] = []
    for link in links(base.plan, model):
        if link.on_create:
            actor = _attacker(base, model, link, "create")
            if actor is not None:
                tests.append(_create_test(base, model, link, actor))
        if link.on_update:
            actor = _attacker(base, model, link, "update")
            if actor is not None:
                tests.append(_update_test(base, model, link, actor))
    return tests
