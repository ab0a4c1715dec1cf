"""``src/gen/auth/auth.routes.ts``: register, login, refresh, logout, logout-all and me under
``/auth``, for the model marked ``/// @auth.user``; and the session table the app's schema gets.

Refresh tokens live in an HttpOnly, Secure, SameSite=Strict cookie scoped to ``/auth`` and
are stored as their SHA-256 in ``AuthSession`` (``src/gen/auth/sessions.ts``): each works once
(rotation); the same token again within ``AUTH_REFRESH_GRACE_SECONDS`` (two tabs refreshing at
once) gets the session the first refresh opened, and later revokes every session of its user.
Access tokens (``src/gen/auth/tokens.ts``, jose) name their session, which ``authenticate``
checks on every request.

Each top-level declaration (``DECLARATIONS``) and each route of ``authRouter`` (``ROUTES``)
has its own builder; ``emit`` assembles them.
"""

from __future__ import annotations

from ssot_ast.ts import (
    TYPE,
    VALUE,
    BindingElement,
    Expression,
    ModuleRef,
    ObjectMember,
    SourceFile,
    Statement,
    Symbol,
)
from ssot_ast.ts import build as b

from emitters import contract as refs
from emitters.contract import (
    AUTHENTICATE,
    LIMITER,
    RATE_LIMIT_STORE,
    SIGNED_IN,
    UNAUTHORIZED,
)
from emitters.model.validators import ModelSchemas
from emitters.plan.plans import AuthPlan, ModelPlan, ProjectPlan

AUTH_ROUTES = ModuleRef.file("src/gen/auth/auth.routes")
AUTH_ROUTER = Symbol(name="authRouter", module=AUTH_ROUTES, kind=VALUE)

CONFIG = refs.CONFIG
COOKIE_OPTIONS = Symbol(name="CookieOptions", module=refs.EXPRESS, kind=TYPE)
EXPRESS_RESPONSE = refs.RESPONSE

REFRESH_COOKIE = "refresh_token"


def _config(name: str) -> Expression:
    """``config.name``."""
    return b.member("config", name)


def _prisma(delegate: str, method: str, *props: ObjectMember) -> Expression:
    """``prisma.delegate.method({ props })``."""
    return b.method_call(b.member("prisma", delegate), method, b.obj(*props))


def _throw_unauthorized(message: Expression | str) -> Statement:
    """``throw unauthorized(message);``."""
    text = b.str_(message) if isinstance(message, str) else message
    return b.throw(b.call(b.ref(UNAUTHORIZED), text))


def _clear_cookie() -> Statement:
    """``res.clearCookie(REFRESH_COOKIE, cookie);``."""
    return b.expr_stmt(
        b.method_call("res", "clearCookie", b.ident("REFRESH_COOKIE"), b.ident("cookie"))
    )


def _set_cookie(token: Expression) -> Statement:
    """``res.cookie(REFRESH_COOKIE, token, { ...cookie, maxAge });``."""
    ttl_ms = b.binary(_config("JWT_REFRESH_TTL_SECONDS"), "*", b.num(1000))
    options = b.obj(b.spread_prop(b.ident("cookie")), b.prop("maxAge", ttl_ms))
    return b.expr_stmt(b.method_call("res", "cookie", b.ident("REFRESH_COOKIE"), token, options))


def _read_cookie() -> Expression:
    """``readCookie(req.headers.cookie, REFRESH_COOKIE)``: the refresh token, if sent."""
    cookie = b.member("req", "headers", "cookie")
    return b.call(b.ref(refs.READ_COOKIE), cookie, b.ident("REFRESH_COOKIE"))


def _string_schema(min_length: int) -> Expression:
    """``z.string().min(min_length)``."""
    return b.method_call(b.method_call(b.ref(refs.Z), "string"), "min", b.num(min_length))


def _route(
    method: str,
    path: str,
    *statements: Statement,
    limited: bool = False,
    middleware: list[Expression] | None = None,
) -> Statement:
    """``router.method(path, strict?, async (req, res) => { statements });``."""
    handler = b.arrow([b.param("req"), b.param("res")], b.block(*statements), async_=True)
    middleware = [b.ident("strict")] if limited else list(middleware or ())
    return b.expr_stmt(b.method_call("router", method, b.str_(path), *middleware, handler))


def _authenticated() -> list[Expression]:
    """``authenticate(prisma, config)``: /auth is mounted before the app-wide one."""
    return [b.call(b.ref(AUTHENTICATE), b.ident("prisma"), b.ident("config"))]


def _no_content() -> Statement:
    """``res.status(204).end();``."""
    return b.expr_stmt(b.method_call(b.method_call("res", "status", b.num(204)), "end"))


# -- module constants -------------------------------------------------------------------


def _refresh_cookie_const(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``const REFRESH_COOKIE = "refresh_token";``."""
    return b.const("REFRESH_COOKIE", b.str_(REFRESH_COOKIE))


def _register_body(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``registerBody``: the user's create body without the role, the identifier normalised,
    plus the password."""
    create_body: Expression = b.ref(ModelSchemas(user).create_body)
    if auth.role is not None:
        create_body = b.method_call(create_body, "omit", b.obj(b.prop(auth.role, b.true_)))
    password = b.method_call(_string_schema(8), "max", b.num(256))
    # Normalised first, then the field's own rules (its length, say).
    own = b.member(b.ref(ModelSchemas(user).create_body), "shape", auth.identifier)
    identifier = b.method_call(b.ref(refs.IDENTIFIER_SCHEMA), "pipe", own)
    extra = b.obj(b.prop(auth.identifier, identifier), b.prop("password", password))
    return b.const(
        "registerBody",
        b.method_call(create_body, "extend", extra),
        doc=(
            "The user's own fields (not the role), the identifier normalised, and the password "
            "in clear, hashed before it is stored."
        ),
        blank_line_before=True,
    )


def _login_body(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``loginBody``: the identifier (normalised as on register) and the password."""
    fields = b.obj(
        b.prop(auth.identifier, b.ref(refs.IDENTIFIER_SCHEMA)),
        b.prop("password", b.method_call(_string_schema(1), "max", b.num(256))),
        multiline=True,
    )
    return b.const("loginBody", b.method_call(b.ref(refs.Z), "strictObject", fields))


# -- inside authRouter ------------------------------------------------------------------


def _cookie_const() -> Statement:
    """``const cookie: CookieOptions``: HttpOnly, Secure, SameSite=Strict, path /auth."""
    cookie = b.obj(
        b.prop("httpOnly", b.true_),
        b.prop("secure", b.true_),
        b.prop("sameSite", b.str_("strict")),
        b.prop("path", b.str_("/auth")),
        multiline=True,
    )
    return b.const("cookie", cookie, type=b.t_sym(COOKIE_OPTIONS))


def _strict_limiter() -> Statement:
    """``const strict = limiter(...)``: the rate limit of the credential routes."""
    limiter = b.call(
        b.ref(LIMITER),
        b.ident("rateLimitStore"),
        b.str_("auth"),
        _config("AUTH_RATE_LIMIT_WINDOW_MS"),
        _config("AUTH_RATE_LIMIT_MAX"),
    )
    return b.const("strict", limiter)


def _cost_const() -> Statement:
    """``const cost = passwordCost(config);``: refused below 2^17 in production."""
    return b.const("cost", b.call(b.ref(refs.PASSWORD_COST), b.ident("config")))


def _tokens_function(auth: AuthPlan) -> Statement:
    """``async function tokens(sessionId, userId)``: the access token of a session."""
    claims = b.obj(
        b.prop("sub", b.call("String", b.ident("userId"))), b.prop("sid", b.ident("sessionId"))
    )
    signed = b.await_(b.call(b.ref(refs.SIGN_ACCESS_TOKEN), claims, b.ident("config")))
    answer = b.obj(
        b.prop("accessToken", signed),
        b.prop("tokenType", b.str_("Bearer")),
        b.prop("expiresIn", _config("JWT_ACCESS_TTL_SECONDS")),
        multiline=True,
    )
    return b.function(
        "tokens",
        [b.param("sessionId", b.t_string), b.param("userId", b.t_sym(refs.USER_ID))],
        [b.return_(answer)],
        async_=True,
        doc="The access token of a session: it names the session (sid), checked per request.",
    )


def _start_session(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``async function startSession(res, userId)``: a stored (hashed) refresh token in the
    cookie, and an access token. Purges ended sessions first (bounded, once a minute)."""
    opened = b.await_(
        b.call(
            b.ref(refs.OPEN_SESSION),
            b.ident("prisma"),
            b.ident("userId"),
            _config("JWT_REFRESH_TTL_SECONDS"),
        )
    )
    return b.function(
        "startSession",
        [b.param("res", b.t_sym(EXPRESS_RESPONSE)), b.param("userId", b.t_sym(refs.USER_ID))],
        b.block(
            b.expr_stmt(b.await_(b.call(b.ref(refs.PURGE_SESSIONS), b.ident("prisma")))),
            b.const("session", opened),
            _set_cookie(b.member("session", "refreshToken")),
            b.return_(b.call("tokens", b.member("session", "id"), b.ident("userId"))),
        ),
        async_=True,
        doc="A new session: a refresh token in the cookie (stored hashed) and an access token.",
    )


def _session_json(auth: AuthPlan) -> Expression:
    """``{ user, ...(await startSession(res, user.id)) }``."""
    started = b.await_(b.call("startSession", b.ident("res"), b.member("user", auth.id_field)))
    return b.obj(b.shorthand("user"), b.spread_prop(started))


def _register_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``POST /auth/register``: create the user and start a session (201). Nobody signs up
    with the admin role: ``npm run create-admin`` gives it."""
    schemas = ModelSchemas(user)
    hashed = b.await_(b.call(b.ref(refs.HASH_PASSWORD), b.ident("password"), b.ident("cost")))
    data = b.obj(b.spread_prop(b.ident("fields")), b.prop(auth.password, hashed), multiline=True)
    return _route(
        "post",
        "/register",
        b.const(
            b.destructure("password", BindingElement(name="fields", rest=True)),
            b.method_call("registerBody", "parse", b.member("req", "body")),
        ),
        b.const(
            "user",
            b.await_(
                _prisma(
                    user.names.camel,
                    "create",
                    b.prop("data", data),
                    b.prop("omit", b.ref(schemas.omit)),
                )
            ),
        ),
        b.expr_stmt(
            b.method_call(b.method_call("res", "status", b.num(201)), "json", _session_json(auth))
        ),
        limited=True,
    )


def _login_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``POST /auth/login``: check the password (as slowly for an unknown account or one
    without a password), upgrade a hash made with older parameters, start a session."""
    found = b.ident("found")
    by_identifier = b.obj(b.prop(auth.identifier, b.member("body", auth.identifier)))
    verified = b.call(
        b.ref(refs.VERIFY_PASSWORD),
        b.member("body", "password"),
        b.binary(b.optional_member(found, auth.password), "??", b.null),
        b.ident("cost"),
    )
    by_id = b.obj(b.prop(auth.id_field, b.member(found, auth.id_field)))
    rehash = _prisma(
        user.names.camel,
        "update",
        b.prop("where", by_id),
        b.prop("data", b.obj(b.prop(auth.password, b.member("check", "rehashed")))),
    )
    return _route(
        "post",
        "/login",
        b.const("body", b.method_call("loginBody", "parse", b.member("req", "body"))),
        b.const(
            "found",
            b.await_(_prisma(user.names.camel, "findUnique", b.prop("where", by_identifier))),
        ),
        b.line_comment(
            "Unknown accounts and accounts without a password cost the same work as a wrong"
        ),
        b.line_comment("password: the hash is always computed."),
        b.const("check", b.await_(verified)),
        b.if_(
            b.binary(b.binary(found, "===", b.null), "||", b.not_(b.member("check", "valid"))),
            [_throw_unauthorized(f"Wrong {auth.identifier} or password")],
        ),
        b.if_(
            b.binary(b.member("check", "rehashed"), "!==", b.null),
            [
                b.line_comment("Hashed with other scrypt parameters than today's: upgraded."),
                b.expr_stmt(b.await_(rehash)),
            ],
        ),
        b.const(
            "user",
            b.await_(
                _prisma(
                    user.names.camel,
                    "findUniqueOrThrow",
                    b.prop("where", by_id),
                    b.prop("omit", b.ref(ModelSchemas(user).omit)),
                )
            ),
        ),
        b.expr_stmt(b.method_call("res", "json", _session_json(auth))),
        limited=True,
    )


def _refresh_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``POST /auth/refresh``: rotate the refresh token and answer a new access token; within
    the grace a second refresh with the same token gets the first one's session (no cookie);
    a later reuse ends every session of its user."""
    refreshed = b.ident("refreshed")
    kind = b.member(refreshed, "kind")
    failed = b.binary(
        b.binary(kind, "===", b.str_("invalid")), "||", b.binary(kind, "===", b.str_("reused"))
    )
    message = b.cond(
        b.binary(kind, "===", b.str_("reused")),
        b.str_("Refresh token reused: every session of this user is revoked"),
        b.str_("Invalid or expired refresh token"),
    )
    refresh = b.call(
        b.ref(refs.REFRESH_SESSION),
        b.ident("prisma"),
        b.ident("token"),
        _config("JWT_REFRESH_TTL_SECONDS"),
        _config("AUTH_REFRESH_GRACE_SECONDS"),
    )
    answer = b.await_(b.call("tokens", b.member(refreshed, "id"), b.member(refreshed, "userId")))
    return _route(
        "post",
        "/refresh",
        b.const("token", _read_cookie()),
        b.if_(
            b.binary(b.ident("token"), "===", b.undefined),
            [_throw_unauthorized("No refresh token")],
        ),
        b.expr_stmt(b.await_(b.call(b.ref(refs.PURGE_SESSIONS), b.ident("prisma")))),
        b.const("refreshed", b.await_(refresh)),
        b.if_(failed, [_clear_cookie(), _throw_unauthorized(message)]),
        b.if_(
            b.binary(kind, "===", b.str_("rotated")),
            [_set_cookie(b.member(refreshed, "refreshToken"))],
        ),
        b.expr_stmt(b.method_call("res", "json", answer)),
        limited=True,
    )


def _logout_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``POST /auth/logout``: revoke the cookie's session, if any, and clear the cookie
    (204). Access tokens of that session stop working too."""
    return _route(
        "post",
        "/logout",
        b.const("token", _read_cookie()),
        b.if_(
            b.binary(b.ident("token"), "!==", b.undefined),
            [
                b.expr_stmt(
                    b.await_(b.call(b.ref(refs.END_SESSION), b.ident("prisma"), b.ident("token")))
                )
            ],
        ),
        _clear_cookie(),
        _no_content(),
    )


def _logout_all_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``POST /auth/logout-all``: end every session of the signed-in user (204); every access
    and refresh token of theirs stops working on the next request."""
    ended = b.call(
        b.ref(refs.END_SESSIONS),
        b.ident("prisma"),
        b.member(b.call(b.ref(SIGNED_IN), b.ident("req")), "id"),
    )
    return _route(
        "post",
        "/logout-all",
        b.expr_stmt(b.await_(ended)),
        _clear_cookie(),
        _no_content(),
        middleware=_authenticated(),
    )


def _me_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``GET /auth/me``: the signed-in user (an access token required)."""
    by_id = b.obj(b.prop(auth.id_field, b.member("principal", "id")))
    return _route(
        "get",
        "/me",
        b.const("principal", b.call(b.ref(SIGNED_IN), b.ident("req"))),
        b.const(
            "user",
            b.await_(
                _prisma(
                    user.names.camel,
                    "findUnique",
                    b.prop("where", by_id),
                    b.prop("omit", b.ref(ModelSchemas(user).omit)),
                )
            ),
        ),
        b.if_(
            b.binary(b.ident("user"), "===", b.null),
            [_throw_unauthorized("The account no longer exists")],
        ),
        b.expr_stmt(b.method_call("res", "json", b.ident("user"))),
        middleware=_authenticated(),
    )


ROUTES = (
    _register_route,
    _login_route,
    _refresh_route,
    _logout_route,
    _logout_all_route,
    _me_route,
)
"""The routes of ``/auth``, in registration order."""


def _auth_router(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``export function authRouter(prisma, config, rateLimitStore): Router``: the cookie
    options, the rate limit, the password cost, the session helpers and every route."""
    return b.function(
        AUTH_ROUTER.name,
        [
            b.param("prisma", b.t_sym(refs.PRISMA_CLIENT)),
            b.param("config", b.t_sym(CONFIG)),
            b.param("rateLimitStore", b.t_sym(RATE_LIMIT_STORE)),
        ],
        b.block(
            b.const("router", b.call(b.ref(refs.ROUTER))),
            _cookie_const(),
            _strict_limiter(),
            _cost_const(),
            _tokens_function(auth),
            _start_session(auth, user),
            *(route(auth, user) for route in ROUTES),
            b.return_(b.ident("router")),
        ),
        export=True,
        return_type=b.t_sym(refs.ROUTER),
    )


DECLARATIONS = (_refresh_cookie_const, _register_body, _login_body, _auth_router)
"""The file's top-level declarations, in order."""


def emit(plan: ProjectPlan) -> SourceFile:
    """The /auth routes file: every declaration of ``DECLARATIONS``, in order."""
    auth = plan.auth
    user = plan.auth_model
    assert auth is not None and user is not None
    return SourceFile(
        path=AUTH_ROUTES.name + ".ts",
        statements=tuple(declaration(auth, user) for declaration in DECLARATIONS),
        header=(
            f"@generated by ssot-codegen from model {user.names.model} (@auth.user). "
            "Sign-up, sign-in and sessions: routes under /auth."
        ),
    )
