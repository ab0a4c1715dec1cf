"""``<model>.controller.ts`` and ``<model>.routes.ts``: the HTTP side of one model.

Controllers parse with the model's Zod schemas, call the service and answer (201 with a
``Location`` on create, 204 on delete). Routes register ``/count`` before the key routes,
which would otherwise capture it.
"""

from __future__ import annotations

from collections.abc import Callable

from ssot_ast.ts import VALUE, Expression, ModuleRef, ObjectMember, SourceFile, Statement, Symbol
from ssot_ast.ts import build as b

from emitters import contract as refs
from emitters.contract import LIMITER, RATE_LIMIT_STORE
from emitters.model.services import scoped, service_symbols
from emitters.model.validators import ModelSchemas
from emitters.plan.analysis import OWNER, PUBLIC, FieldPlan, ModelPlan, ProjectPlan, Scalar

# Only referenced when the schema asks for them (a user model).
AUTH_ACCESS = ModuleRef.file("src/gen/auth/access")
AUTHORIZE = Symbol(name="authorize", module=AUTH_ACCESS, kind=VALUE)
SIGNED_IN = Symbol(name="signedIn", module=AUTH_ACCESS, kind=VALUE)
ADMIN_ONLY = Symbol(name="adminOnly", module=AUTH_ACCESS, kind=VALUE)


def controller_path(model: ModelPlan) -> str:
    return f"src/gen/{model.names.file}/{model.names.file}.controller"


def routes_path(model: ModelPlan) -> str:
    return f"src/gen/{model.names.file}/{model.names.file}.routes"


def router_symbol(model: ModelPlan) -> Symbol:
    return Symbol(
        name=f"{model.names.camel}Router", module=ModuleRef.file(routes_path(model)), kind=VALUE
    )


def controller_symbol(model: ModelPlan) -> Symbol:
    return Symbol(
        name=f"create{model.names.model}Controller",
        module=ModuleRef.file(controller_path(model)),
        kind=VALUE,
    )


def key_path(model: ModelPlan) -> str:
    """``/:id`` or ``/:postId/:userId`` for a compound key."""
    return "".join(f"/:{f.name}" for f in model.id.fields)


def _handler(name: str, *statements: Statement) -> ObjectMember:
    return b.method(
        name,
        [b.param("req", b.t_sym(refs.REQUEST)), b.param("res", b.t_sym(refs.RESPONSE))],
        b.block(*statements),
        async_=True,
        return_type=b.t_ref("Promise", b.t_void),
    )


def _parse(schema: Symbol, source: str) -> Expression:
    return b.call(b.member(b.ref(schema), "parse"), b.member(b.ident("req"), source))


def _json(value: Expression) -> Statement:
    return b.expr_stmt(b.call(b.member(b.ident("res"), "json"), value))


def _authorize(model: ModelPlan, action: str) -> list[Statement]:
    """``const scope = authorize(req, ["owner"]);`` when the service narrows to the caller's
    records, ``authorize(req, ["user"]);`` otherwise; nothing without a user model."""
    if model.access is None:
        return []
    if "public" in model.access.rule(action) and not scoped(model, action):
        return []  # open to everyone: nothing to check
    rule = b.arr(*(b.str_(entry) for entry in model.access.rule(action)))
    check = b.call(b.ref(AUTHORIZE), b.ident("req"), rule)
    if scoped(model, action):
        return [b.const("scope", check)]
    return [b.expr_stmt(check)]


def include_rule(plan: ProjectPlan, target: ModelPlan) -> tuple[str, ...] | None:
    """Who may see records of `target` through another model's ``?include=``: its read rule,
    with "owner" narrowed to the admin role (an include cannot be limited to the caller's own
    records). None when the include needs no check."""
    if target.access is None:
        return None
    rule = target.access.rule("read")
    if PUBLIC in rule:
        return None
    admin = plan.auth.admin_role if plan.auth is not None else None
    narrowed = [entry for entry in rule if entry != OWNER]
    if OWNER in rule and admin is not None and admin not in narrowed:
        narrowed.append(admin)
    return tuple(narrowed)


def _include_guards(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``if (query.include?.author) { authorize(req, ["user"]); }`` per guarded relation."""
    guards: list[Statement] = []
    for relation in model.relations:
        rule = include_rule(plan, plan.model(relation.target))
        if rule is None:
            continue
        wanted = b.optional_member(b.member(b.ident("query"), "include"), relation.name)
        check = b.call(b.ref(AUTHORIZE), b.ident("req"), b.arr(*(b.str_(e) for e in rule)))
        guards.append(b.if_(wanted, [b.expr_stmt(check)]))
    return guards


def _with_query(
    plan: ProjectPlan,
    model: ModelPlan,
    parsed: Expression,
    answer: Callable[[Expression], Statement],
) -> list[Statement]:
    """The handler's answer, with the parsed query first held in ``query`` when an include
    must be checked against the included model's read rule."""
    guards = _include_guards(plan, model)
    if not guards:
        return [answer(parsed)]
    return [b.const("query", parsed), *guards, answer(b.ident("query"))]


def _scope_arg(model: ModelPlan, action: str) -> list[Expression]:
    return [b.ident("scope")] if scoped(model, action) else []


def _admin_fields(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``adminOnly(req, "role", body.role);``: only the admin role changes a user's role."""
    auth = plan.auth
    if not model.is_auth_user or auth is None or auth.role is None or auth.admin_role is None:
        return []
    return [
        b.expr_stmt(
            b.call(
                b.ref(ADMIN_ONLY),
                b.ident("req"),
                b.str_(auth.role),
                b.member(b.ident("body"), auth.role),
            )
        )
    ]


def _location_segment(record: Expression, field: FieldPlan) -> Expression:
    """A key value as a path segment: text and dates are written as the API reads them back
    (ISO dates, percent-encoded)."""
    value = b.member(record, field.name)
    if field.scalar is Scalar.DATETIME:
        return b.call(b.ident("encodeURIComponent"), b.call(b.member(value, "toISOString")))
    if field.scalar is Scalar.STRING:
        return b.call(b.ident("encodeURIComponent"), value)
    return value


def emit_controller(plan: ProjectPlan, model: ModelPlan) -> SourceFile:
    schemas = ModelSchemas(model)
    _, service_type = service_symbols(model)
    service = b.ident("service")

    def svc(method: str, *args: Expression) -> Expression:
        return b.await_(b.call(b.member(service, method), *args))

    key = b.const("key", _parse(schemas.id_params, "params"))
    record = b.ident("created")
    location = b.template(
        b.member(b.ident("req"), "baseUrl"),
        *(part for f in model.id.fields for part in ("/", _location_segment(record, f))),
    )
    created = b.call(
        b.member(
            b.call(
                b.member(b.call(b.member(b.ident("res"), "status"), b.num(201)), "location"),
                location,
            ),
            "json",
        ),
        record,
    )
    admin_fields = _admin_fields(plan, model)
    create_body: list[Statement] = []
    update_body: list[Statement] = []
    create_arg: Expression = _parse(schemas.create_body, "body")
    update_arg: Expression = _parse(schemas.update_body, "body")
    if admin_fields:
        create_body = [b.const("body", create_arg), *admin_fields]
        update_body = [b.const("body", update_arg), *admin_fields]
        create_arg = update_arg = b.ident("body")
    owner_arg: list[Expression] = []
    if model.owner_field is not None:
        owner_arg = [b.member(b.call(b.ref(SIGNED_IN), b.ident("req")), "id")]
    handlers = [
        _handler(
            "list",
            *_authorize(model, "list"),
            *_with_query(
                plan,
                model,
                _parse(schemas.list_query, "query"),
                lambda query: _json(svc("list", query, *_scope_arg(model, "list"))),
            ),
        ),
        _handler(
            "count",
            *_authorize(model, "list"),
            _json(
                b.obj(
                    b.prop(
                        "count",
                        svc(
                            "count",
                            _parse(schemas.count_query, "query"),
                            *_scope_arg(model, "list"),
                        ),
                    )
                )
            ),
        ),
        _handler(
            "get",
            *_authorize(model, "read"),
            key,
            *_with_query(
                plan,
                model,
                _parse(schemas.get_query, "query"),
                lambda query: _json(svc("get", b.ident("key"), query, *_scope_arg(model, "read"))),
            ),
        ),
        _handler(
            "create",
            *_authorize(model, "create"),
            *create_body,
            b.const("created", svc("create", create_arg, *owner_arg)),
            b.expr_stmt(created),
        ),
        _handler(
            "update",
            *_authorize(model, "update"),
            key,
            *update_body,
            _json(svc("update", b.ident("key"), update_arg, *_scope_arg(model, "update"))),
        ),
        _handler(
            "remove",
            *_authorize(model, "delete"),
            key,
            b.expr_stmt(svc("remove", b.ident("key"), *_scope_arg(model, "delete"))),
            b.expr_stmt(
                b.call(b.member(b.call(b.member(b.ident("res"), "status"), b.num(204)), "end"))
            ),
        ),
    ]
    served = [
        handler
        for handler, action in zip(handlers, ("list", "list", "read", "create", "update", "delete"))
        if model.serves(action)
    ]
    controller = b.obj(*served, multiline=True)
    factory = controller_symbol(model)
    what = "check access, validate" if model.access is not None else "validate"
    return SourceFile(
        path=controller_path(model) + ".ts",
        statements=(
            b.function(
                factory.name,
                [b.param("service", b.t_sym(service_type))],
                b.block(b.return_(controller)),
                export=True,
            ),
        ),
        header=(
            f"@generated by ssot-codegen from model {model.names.model}. "
            f"HTTP handlers: {what}, call the service, answer."
        ),
    )


def emit_routes(plan: ProjectPlan, model: ModelPlan) -> SourceFile:
    service_factory, _ = service_symbols(model)
    router = b.ident("router")
    controller = b.ident("controller")
    keyed = key_path(model)

    limits = model.rate_limit
    limited = set(limits.actions) if limits is not None else set()
    action_of = {"list": "list", "count": "list", "get": "read", "create": "create"}
    action_of.update({"update": "update", "remove": "delete"})

    def route(method: str, path: str, handler: str) -> Statement:
        action = action_of[handler]
        middleware = [b.ident(f"{action}Limit")] if action in limited else []
        return b.expr_stmt(
            b.call(
                b.member(router, method),
                b.str_(path),
                *middleware,
                b.member(controller, handler),
            )
        )

    limiters: list[Statement] = []
    if limits is not None:
        limiters.append(
            b.line_comment(
                f"@rateLimit: at most {limits.max} requests per {limits.window_ms} ms "
                "on each of these routes, per client."
            )
        )
        for action in limits.actions:
            limiters.append(
                b.const(
                    f"{action}Limit",
                    b.call(
                        b.ref(LIMITER),
                        b.ident("rateLimitStore"),
                        b.str_(f"{model.names.route}:{action}"),
                        b.num(limits.window_ms),
                        b.num(limits.max),
                    ),
                )
            )

    count = route("get", "/count", "count")
    statements: list[Statement] = [
        b.const(
            "controller",
            b.call(
                b.ref(controller_symbol(model)),
                b.call(b.ref(service_factory), b.ident("prisma")),
            ),
        ),
        b.const("router", b.call(b.ref(refs.ROUTER))),
        *limiters,
        route("get", "/", "list"),
        b.line_comment('"/count" comes before the key routes, which would capture it.'),
        count,
        route("get", keyed, "get"),
        *([route("post", "/", "create")] if model.serves("create") else []),
        *([route("patch", keyed, "update")] if model.serves("update") else []),
        *([route("delete", keyed, "remove")] if model.serves("delete") else []),
        b.return_(router),
    ]
    return SourceFile(
        path=routes_path(model) + ".ts",
        statements=(
            b.function(
                router_symbol(model).name,
                [
                    b.param("prisma", b.t_sym(refs.PRISMA_CLIENT)),
                    *(
                        [b.param("rateLimitStore", b.t_sym(RATE_LIMIT_STORE))]
                        if limits is not None
                        else []
                    ),
                ],
                b.block(*statements),
                export=True,
                return_type=b.t_sym(refs.ROUTER),
            ),
        ),
        header=(
            f"@generated by ssot-codegen from model {model.names.model}. "
            f"Routes under /api/{model.names.route}."
        ),
    )
