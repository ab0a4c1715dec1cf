"""`src/gen/routes.ts`: the schema's routes, built per project. The static `src/gen/app.ts`
calls `mountRoutes(app, { config, prisma, rateLimitStore })` after its shared middleware and
before its error handlers.

* With a user model, `/auth` comes first, then `authenticate` reads the access token of every
  later request;
* without one, unless the schema's `access` opens it, the `/api` router first refuses requests
  without the API token (all of them, or only writes with `access = "public-reads"`);
* then one `/api` router holds every model's router, in the schema's order; a model with
  `@rateLimit` limiters gets the rate-limit store too.

`mountRoutes` destructures only the dependencies it uses (the generated tsconfig refuses unused
bindings), `_deps` when it uses none (a schema without models or auth).
"""

from __future__ import annotations

from ssot_ast.ts import Expression, SourceFile, Statement
from ssot_ast.ts.common import BindingName
from ssot_ast.ts.expressions import Identifier
from ssot_ast.ts.imports import iter_nodes
from ssot_ast.ts import build as b
from ssot_ast.ts.symbols import ModuleRef, Symbol, TYPE, VALUE

from emitters.app.auth_routes import AUTH_ROUTER
from emitters.contract import (
    AUTHENTICATE,
    CONFIG,
    MOUNT_ROUTES,
    PRISMA_CLIENT,
    RATE_LIMIT_STORE,
    REQUIRE_API_TOKEN,
    ROUTE_DEPS,
    ROUTES_MODULE,
)
from emitters.model.web import router_symbol
from emitters.plan.analysis import ProjectPlan
from emitters.plan.api_access import ApiAccess

EXPRESS_PACKAGE = ModuleRef.package("express")
EXPRESS = Symbol(name="express", module=EXPRESS_PACKAGE, kind=VALUE, default=True)
EXPRESS_TYPE = Symbol(name="Express", module=EXPRESS_PACKAGE, kind=TYPE)

#: What app.ts hands over, in the order of `RouteDeps` and of the destructuring.
DEPS = (("config", CONFIG), ("prisma", PRISMA_CLIENT), ("rateLimitStore", RATE_LIMIT_STORE))


def _use(target: str, *args: Expression) -> Statement:
    """`target.use(args);`."""
    return b.expr_stmt(b.method_call(b.ident(target), "use", *args))


def _auth_mounts() -> list[Statement]:
    return [
        b.line_comment(
            "/auth comes first: a refresh must work while the access token has expired."
        ),
        _use(
            "app",
            b.str_("/auth"),
            b.call(
                b.ref(AUTH_ROUTER), b.ident("prisma"), b.ident("config"), b.ident("rateLimitStore")
            ),
        ),
        b.line_comment("Access tokens are read once per request; each route applies its rule."),
        _use("app", b.call(b.ref(AUTHENTICATE), b.ident("prisma"), b.ident("config"))),
    ]


def _token_mount(plan: ProjectPlan) -> list[Statement]:
    """`api.use(requireApiToken(config.API_TOKEN));` when the app has an API token (`true` as
    the second argument when reads are public)."""
    if not plan.access.needs_token:
        return []
    public_reads = plan.access is ApiAccess.PUBLIC_READS
    args: list[Expression] = [b.member(b.ident("config"), "API_TOKEN")]
    if public_reads:
        args.append(b.true_)
    what = "every write" if public_reads else "every request"
    return [
        b.line_comment(f"No user model: {what} under /api needs the API token."),
        _use("api", b.call(b.ref(REQUIRE_API_TOKEN), *args)),
    ]


def _model_mounts(plan: ProjectPlan) -> list[Statement]:
    """`api.use("/notes", noteRouter(prisma));` per model; `noteRouter(prisma, rateLimitStore)`
    when the model has `@rateLimit` limiters."""
    mounts: list[Statement] = []
    for model in plan.models:
        args = [b.ident("prisma")]
        if model.rate_limit is not None:
            args.append(b.ident("rateLimitStore"))
        mounts.append(
            _use("api", b.str_("/" + model.names.route), b.call(b.ref(router_symbol(model)), *args))
        )
    return mounts


def _deps_parameter(body: list[Statement]) -> BindingName:
    """`{ prisma, ... }` of the dependencies `body` uses; `_deps` when it uses none."""
    used = {
        node.name
        for statement in body
        for node, _ in iter_nodes(statement)
        if isinstance(node, Identifier)
    }
    names = [name for name, _ in DEPS if name in used]
    return b.destructure(*names) if names else "_deps"


def routes_module(plan: ProjectPlan) -> SourceFile:
    """`src/gen/routes.ts` for the plan: /auth and `authenticate` with a user model, then every
    model's router under /api in the plan's order."""
    body = [
        *(_auth_mounts() if plan.auth is not None else []),
        b.const("api", b.method_call(b.ref(EXPRESS), "Router"), blank_line_before=True),
        *_token_mount(plan),
        *_model_mounts(plan),
        _use("app", b.str_("/api"), b.ident("api")),
    ]
    deps = b.type_alias(
        ROUTE_DEPS.name,
        b.t_obj(*(b.prop_sig(name, b.t_sym(symbol)) for name, symbol in DEPS), multiline=True),
        doc="What the routes need from the app.",
    )
    mount = b.function(
        MOUNT_ROUTES.name,
        [
            b.param("app", b.t_sym(EXPRESS_TYPE)),
            b.param(_deps_parameter(body), b.t_ref(ROUTE_DEPS.name)),
        ],
        body,
        export=True,
        return_type=b.t_void,
        doc="Mounts the schema's routes on `app`: "
        + ("/auth, then " if plan.auth is not None else "")
        + "every model's router under /api, in the schema's order.",
    )
    return SourceFile(
        path=ROUTES_MODULE.name + ".ts",
        header="@generated by ssot-codegen. The schema's routes, mounted by app.ts after its"
        " middleware.",
        statements=(deps, mount),
    )
