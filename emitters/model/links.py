"""The code of ownership through relations (``emitters.plan.links``): the ``links`` argument
the controller passes to a service's create and update (each link's scope, from the target's
rule), and the checks the service runs before it writes."""

from __future__ import annotations

from ssot_ast.ts import Expression, Parameter, Statement
from ssot_ast.ts import build as b

from emitters.contract import ACCESS_SCOPE, CHANGED_KEYS, CHECK_LINKS, LINK_SCOPE
from emitters.plan.links import Link, links
from emitters.plan.plans import ModelPlan, ProjectPlan

LINKS = b.ident("links")


def _of(plan: ProjectPlan, model: ModelPlan, action: str) -> tuple[Link, ...]:
    return tuple(
        link
        for link in links(plan, model)
        if (link.on_create if action == "create" else link.on_update)
    )


def links_param(plan: ProjectPlan, model: ModelPlan, action: str) -> list[Parameter]:
    """``links: { post: Scope | null }``: whose records each link of `action` may name."""
    found = _of(plan, model, action)
    if not found:
        return []
    scope = b.t_union(b.t_sym(ACCESS_SCOPE), b.t_null)
    return [b.param("links", b.t_obj(*(b.prop_sig(link.relation, scope) for link in found)))]


def links_arg(plan: ProjectPlan, model: ModelPlan, action: str) -> list[Expression]:
    """``{ post: linkScope(req, ["public"]) }``: each link's scope under the target's rule
    (the update rule, or the read rule where a create may link to any readable record)."""
    found = _of(plan, model, action)
    if not found:
        return []
    props = []
    for link in found:
        rule = link.create_rule if action == "create" else link.update_rule
        scope = b.call(b.ref(LINK_SCOPE), b.ident("req"), b.arr(*(b.str_(r) for r in rule)))
        props.append(b.prop(link.relation, scope))
    return [b.obj(*props)]


def _owned_count(link: Link) -> Expression:
    """``(keys, userId) => prisma.post.count({ where: { AND: [{ id: { in: keys } },
    { authorId: userId }] } })``."""
    where = b.obj(
        b.prop(
            "AND",
            b.arr(
                b.obj(b.prop(link.target_key, b.obj(b.prop("in", b.ident("keys"))))),
                b.obj(b.prop(link.owner, b.ident("userId"))),
            ),
        )
    )
    delegate = b.member("prisma", link.target.names.camel)
    return b.arrow(
        ["keys", "userId"], b.method_call(delegate, "count", b.obj(b.prop("where", where)))
    )


def _check(link: Link, keys: Expression) -> Statement:
    call = b.call(
        b.ref(CHECK_LINKS),
        keys,
        b.member(LINKS, link.relation),
        _owned_count(link),
        b.str_(link.target.names.model),
    )
    return b.expr_stmt(b.await_(call))


def link_checks(
    plan: ProjectPlan, model: ModelPlan, action: str, key_where: Expression
) -> list[Statement]:
    """The checks before a create or update: each foreign key in ``data`` and each relation
    list; an update's list (``set``) is checked on the keys it adds and removes."""
    statements: list[Statement] = []
    for link in _of(plan, model, action):
        if link.key is not None:
            statements.append(_check(link, b.arr(b.member("data", link.key))))
            continue
        assert link.ids_field is not None
        ids = b.ident(link.ids_field)
        if action == "create":
            statements.append(_check(link, b.binary(ids, "??", b.arr())))
            continue
        select = b.obj(
            b.prop(link.relation, b.obj(b.prop("select", b.obj(b.prop(link.target_key, b.true_))))),
        )
        before = b.method_call(
            b.member("prisma", model.names.camel),
            "findUnique",
            b.obj(b.prop("where", key_where), b.prop("select", select)),
        )
        linked = b.method_call(
            b.optional_member(b.ident("before"), link.relation),
            "map",
            b.arrow(["record"], b.member("record", link.target_key)),
        )
        changed = b.call(b.ref(CHANGED_KEYS), b.binary(linked, "??", b.arr()), ids)
        statements.append(
            b.if_(
                b.binary(ids, "!==", b.undefined),
                [b.const("before", b.await_(before)), _check(link, changed)],
            )
        )
    return statements
