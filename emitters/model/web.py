"""``<model>.controller.ts`` and ``<model>.routes.ts``: the HTTP side of one model.

Controllers parse with the model's Zod schemas, call the service and answer (201 with a
``Location`` on create, 204 on delete). Routes register ``/count`` before the key routes,
which would otherwise capture it.

Each handler of the controller has its own builder (``HANDLERS``), and the routes are a
table (``ROUTES``); ``emit_controller`` and ``emit_routes`` assemble them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ssot_ast.ts import (
    VALUE,
    Expression,
    ModuleRef,
    ObjectMember,
    Parameter,
    SourceFile,
    Statement,
    Symbol,
)
from ssot_ast.ts import build as b

from emitters import contract as refs
from emitters.contract import LIMITER, RATE_LIMIT_STORE
from emitters.model.links import links_arg
from emitters.plan.access import include_rule, public_view
from emitters.model.services import scoped, service_symbols
from emitters.model.validators import ModelSchemas
from emitters.plan.plans import OWNER, PUBLIC, FieldPlan, ModelPlan, ProjectPlan, Scalar

# Only referenced when the schema asks for them (a user model).
AUTH_ACCESS = ModuleRef.file("src/gen/auth/access")
AUTHORIZE = Symbol(name="authorize", module=AUTH_ACCESS, kind=VALUE)
SIGNED_IN = Symbol(name="signedIn", module=AUTH_ACCESS, kind=VALUE)
ADMIN_ONLY = Symbol(name="adminOnly", module=AUTH_ACCESS, kind=VALUE)
REACHES_ALL = Symbol(name="reachesAll", module=AUTH_ACCESS, kind=VALUE)

REQ = b.ident("req")
RES = b.ident("res")
KEY = b.ident("key")


def controller_path(model: ModelPlan) -> str:
    """The file of the controller, without extension."""
    return f"src/gen/{model.names.file}/{model.names.file}.controller"


def routes_path(model: ModelPlan) -> str:
    """The file of the routes, without extension."""
    return f"src/gen/{model.names.file}/{model.names.file}.routes"


def router_symbol(model: ModelPlan) -> Symbol:
    """``postRouter``, which the app mounts."""
    return Symbol(
        name=f"{model.names.camel}Router", module=ModuleRef.file(routes_path(model)), kind=VALUE
    )


def controller_symbol(model: ModelPlan) -> Symbol:
    """``createPostController``."""
    return Symbol(
        name=f"create{model.names.model}Controller",
        module=ModuleRef.file(controller_path(model)),
        kind=VALUE,
    )


def key_path(model: ModelPlan) -> str:
    """``/:id`` or ``/:postId/:userId`` for a compound key."""
    return "".join(f"/:{f.name}" for f in model.id.fields)


def _handler(name: str, *statements: Statement) -> ObjectMember:
    """``async name(req: Request, res: Response): Promise<void> { statements }``."""
    return b.method(
        name,
        [b.param("req", b.t_sym(refs.REQUEST)), b.param("res", b.t_sym(refs.RESPONSE))],
        b.block(*statements),
        async_=True,
        return_type=b.t_ref("Promise", b.t_void),
    )


def _parse(schema: Symbol, source: str) -> Expression:
    """``postX.parse(req.source)``."""
    return b.method_call(b.ref(schema), "parse", b.member(REQ, source))


def _json(value: Expression) -> Statement:
    """``res.json(value);``."""
    return b.expr_stmt(b.method_call(RES, "json", value))


def _status(code: int) -> Expression:
    """``res.status(code)``."""
    return b.method_call(RES, "status", b.num(code))


def _service_call(method: str, *args: Expression) -> Expression:
    """``await service.method(args)``."""
    return b.await_(b.method_call("service", method, *args))


def _key_const(model: ModelPlan) -> Statement:
    """``const key = postIdParams.parse(req.params);``."""
    return b.const("key", _parse(ModelSchemas(model).id_params, "params"))


def _authorize(model: ModelPlan, action: str) -> list[Statement]:
    """``const scope = authorize(req, ["owner"]);`` when the service narrows to the caller's
    records, ``authorize(req, ["user"]);`` otherwise; nothing without a user model."""
    if model.access is None:
        return []
    if "public" in model.access.rule(action) and not scoped(model, action):
        return []  # open to everyone: nothing to check
    rule = b.arr(*(b.str_(entry) for entry in model.access.rule(action)))
    check = b.call(b.ref(AUTHORIZE), REQ, rule)
    if scoped(model, action):
        return [b.const("scope", check)]
    return [b.expr_stmt(check)]


def _include_guards(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``if (query.include?.author) { authorize(req, ["user"]); }`` per guarded relation."""
    guards: list[Statement] = []
    for relation in model.relations:
        rule = include_rule(plan, plan.model(relation.target))
        if rule is None:
            continue
        wanted = b.optional_member(b.member("query", "include"), relation.name)
        entries = b.arr(*(b.str_(e) for e in rule))
        target = plan.model(relation.target)
        if public_view(target):
            # Callers the rule does not let read every record see the public fields only.
            narrow = b.call(b.ref(ModelSchemas(target).view), b.false_)
            if target is model:
                narrow = b.call(b.ident(ModelSchemas(model).view.name), b.false_)
            test = b.binary(wanted, "&&", b.not_(b.call(b.ref(REACHES_ALL), REQ, entries)))
            included = b.member(b.member("query", "include"), relation.name)
            guards.append(b.if_(test, [b.expr_stmt(b.assign(included, narrow))]))
            continue
        check = b.call(b.ref(AUTHORIZE), REQ, entries)
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
    """``scope`` when the service method of `action` takes it."""
    return [b.ident("scope")] if scoped(model, action) else []


def _admin_fields(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``adminOnly(req, "role", body.role);``: only the admin role changes a user's role."""
    auth = plan.auth
    if not model.is_auth_user or auth is None or auth.role is None or auth.admin_role is None:
        return []
    check = b.call(b.ref(ADMIN_ONLY), REQ, b.str_(auth.role), b.member("body", auth.role))
    return [b.expr_stmt(check)]


def _parsed_body(
    plan: ProjectPlan, model: ModelPlan, schema: Symbol
) -> tuple[list[Statement], Expression]:
    """The parsed body, first held in ``body`` when only the admin role may set some of its
    fields: (the statements before the service call, the body to pass it)."""
    admin_fields = _admin_fields(plan, model)
    parsed = _parse(schema, "body")
    if not admin_fields:
        return [], parsed
    return [b.const("body", parsed), *admin_fields], b.ident("body")


def _location_segment(record: Expression, field: FieldPlan) -> Expression:
    """A key value as a path segment: text and dates are written as the API reads them back
    (ISO dates, percent-encoded)."""
    value = b.member(record, field.name)
    if field.scalar is Scalar.DATETIME:
        return b.call("encodeURIComponent", b.method_call(value, "toISOString"))
    if field.scalar is Scalar.STRING:
        return b.call("encodeURIComponent", value)
    return value


# -- controller -------------------------------------------------------------------------


def _list_handler(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``list``: a page of records."""
    return _handler(
        "list",
        *_authorize(model, "list"),
        *_with_query(
            plan,
            model,
            _parse(ModelSchemas(model).list_query, "query"),
            lambda query: _json(_service_call("list", query, *_scope_arg(model, "list"))),
        ),
    )


def _count_handler(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``count``: ``{ count }`` of the records the list's filters match."""
    query = _parse(ModelSchemas(model).count_query, "query")
    count = _service_call("count", query, *_scope_arg(model, "list"))
    return _handler("count", *_authorize(model, "list"), _json(b.obj(b.prop("count", count))))


def _get_handler(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``get``: one record by the key of the path."""
    return _handler(
        "get",
        *_authorize(model, "read"),
        _key_const(model),
        *_with_query(
            plan,
            model,
            _parse(ModelSchemas(model).get_query, "query"),
            lambda query: _json(_service_call("get", KEY, query, *_scope_arg(model, "read"))),
        ),
    )


def _create_handler(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``create``: 201 with the record and its ``Location``; the caller owns the record."""
    record = b.ident("created")
    location = b.template(
        b.member(REQ, "baseUrl"),
        *(part for f in model.id.fields for part in ("/", _location_segment(record, f))),
    )
    answer = b.method_call(b.method_call(_status(201), "location", location), "json", record)
    before, body = _parsed_body(plan, model, ModelSchemas(model).create_body)
    owner_arg: list[Expression] = []
    if model.owner_field is not None:
        owner_arg = [b.member(b.call(b.ref(SIGNED_IN), REQ), "id")]
    return _handler(
        "create",
        *_authorize(model, "create"),
        *before,
        b.const(
            "created",
            _service_call("create", body, *owner_arg, *links_arg(plan, model, "create")),
        ),
        b.expr_stmt(answer),
    )


def _update_handler(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``update``: the changed record."""
    before, body = _parsed_body(plan, model, ModelSchemas(model).update_body)
    updated = _service_call(
        "update", KEY, body, *_scope_arg(model, "update"), *links_arg(plan, model, "update")
    )
    return _handler(
        "update", *_authorize(model, "update"), _key_const(model), *before, _json(updated)
    )


def _remove_handler(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``remove``: 204 once the record is deleted."""
    return _handler(
        "remove",
        *_authorize(model, "delete"),
        _key_const(model),
        b.expr_stmt(_service_call("remove", KEY, *_scope_arg(model, "delete"))),
        b.expr_stmt(b.method_call(_status(204), "end")),
    )


HANDLERS = (
    ("list", _list_handler),
    ("list", _count_handler),
    ("read", _get_handler),
    ("create", _create_handler),
    ("update", _update_handler),
    ("delete", _remove_handler),
)
"""The controller's handlers in order, each with the action it serves."""


def _controller_factory(plan: ProjectPlan, model: ModelPlan) -> Statement:
    """``export function createPostController(service) { return { list, ... }; }``: the
    handlers of the actions the model serves."""
    _, service_type = service_symbols(model)
    handlers = [build(plan, model) for action, build in HANDLERS if model.serves(action)]
    return b.function(
        controller_symbol(model).name,
        [b.param("service", b.t_sym(service_type))],
        b.block(b.return_(b.obj(*handlers, multiline=True))),
        export=True,
    )


def emit_controller(plan: ProjectPlan, model: ModelPlan) -> SourceFile:
    """The controller file: its factory function."""
    what = "check access, validate" if model.access is not None else "validate"
    return SourceFile(
        path=controller_path(model) + ".ts",
        statements=(_controller_factory(plan, model),),
        header=(
            f"@generated by ssot-codegen from model {model.names.model}. "
            f"HTTP handlers: {what}, call the service, answer."
        ),
    )


# -- routes -----------------------------------------------------------------------------


class Route(NamedTuple):
    """One route of a model's router."""

    method: str
    """The Express router method: ``get``, ``post``, ``patch``, ``delete``."""
    path: str | None
    """The path under the model's prefix; None for the key path (``/:id``)."""
    handler: str
    action: str
    """The action it serves, for access and rate limits (``count`` is a ``list``)."""
    comment: str | None = None
    """A line comment before the route."""


ROUTES = (
    Route("get", "/", "list", "list"),
    Route(
        "get",
        "/count",
        "count",
        "list",
        comment='"/count" comes before the key routes, which would capture it.',
    ),
    Route("get", None, "get", "read"),
    Route("post", "/", "create", "create"),
    Route("patch", None, "update", "update"),
    Route("delete", None, "remove", "delete"),
)
"""A model's routes in registration order; those of actions it does not serve are left out."""


def _route(model: ModelPlan, route: Route) -> list[Statement]:
    """``router.get("/", listLimit?, controller.list);``, after its comment if any."""
    limited = model.rate_limit is not None and route.action in model.rate_limit.actions
    middleware = [b.ident(f"{route.action}Limit")] if limited else []
    path = key_path(model) if route.path is None else route.path
    registration = b.method_call(
        "router", route.method, b.str_(path), *middleware, b.member("controller", route.handler)
    )
    comment = [] if route.comment is None else [b.line_comment(route.comment)]
    return [*comment, b.expr_stmt(registration)]


def _rate_limiters(model: ModelPlan) -> list[Statement]:
    """``const listLimit = limiter(rateLimitStore, "posts:list", windowMs, max);`` per
    action of ``@rateLimit``, after a comment saying the limit."""
    limits = model.rate_limit
    if limits is None:
        return []
    limiters: list[Statement] = [
        b.line_comment(
            f"@rateLimit: at most {limits.max} requests per {limits.window_ms} ms "
            "on each of these routes, per client."
        )
    ]
    for action in limits.actions:
        limiter = b.call(
            b.ref(LIMITER),
            b.ident("rateLimitStore"),
            b.str_(f"{model.names.route}:{action}"),
            b.num(limits.window_ms),
            b.num(limits.max),
        )
        limiters.append(b.const(f"{action}Limit", limiter))
    return limiters


def _controller_const(model: ModelPlan) -> Statement:
    """``const controller = createPostController(createPostService(prisma));``."""
    service_factory, _ = service_symbols(model)
    service = b.call(b.ref(service_factory), b.ident("prisma"))
    return b.const("controller", b.call(b.ref(controller_symbol(model)), service))


def _router_function(model: ModelPlan) -> Statement:
    """``export function postRouter(prisma, rateLimitStore?): Router``: the controller, the
    rate limiters, then each route the model serves."""
    routes = [s for route in ROUTES if model.serves(route.action) for s in _route(model, route)]
    store: list[Parameter] = []
    if model.rate_limit is not None:
        store = [b.param("rateLimitStore", b.t_sym(RATE_LIMIT_STORE))]
    return b.function(
        router_symbol(model).name,
        [b.param("prisma", b.t_sym(refs.PRISMA_CLIENT)), *store],
        b.block(
            _controller_const(model),
            b.const("router", b.call(b.ref(refs.ROUTER))),
            *_rate_limiters(model),
            *routes,
            b.return_(b.ident("router")),
        ),
        export=True,
        return_type=b.t_sym(refs.ROUTER),
    )


def emit_routes(plan: ProjectPlan, model: ModelPlan) -> SourceFile:
    """The routes file: its router function."""
    return SourceFile(
        path=routes_path(model) + ".ts",
        statements=(_router_function(model),),
        header=(
            f"@generated by ssot-codegen from model {model.names.model}. "
            f"Routes under /api/{model.names.route}."
        ),
    )
