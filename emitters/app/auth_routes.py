"""``src/gen/auth/auth.routes.ts``: register, login, refresh, logout and me under ``/auth``,
for the model marked ``/// @auth.user``; and the session table the app's schema gets.

Refresh tokens live in an HttpOnly, Secure, SameSite=Strict cookie scoped to ``/auth`` and
are stored as their SHA-256 in ``AuthSession``; each works once (rotation), and presenting
a used one revokes every session of its user.

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
from emitters.contract import LIMITER, RATE_LIMIT_STORE
from emitters.model.validators import ModelSchemas
from emitters.plan.plans import AuthPlan, ModelPlan, ProjectPlan

AUTH_ROUTES = ModuleRef.file("src/gen/auth/auth.routes")
AUTH_ROUTER = Symbol(name="authRouter", module=AUTH_ROUTES, kind=VALUE)
AUTH_ACCESS = ModuleRef.file("src/gen/auth/access")
AUTHENTICATE = Symbol(name="authenticate", module=AUTH_ACCESS, kind=VALUE)
SIGNED_IN = Symbol(name="signedIn", module=AUTH_ACCESS, kind=VALUE)
UNAUTHORIZED = Symbol(name="unauthorized", module=AUTH_ACCESS, kind=VALUE)
CRYPTO = ModuleRef.file("src/gen/auth/crypto")


def _crypto(name: str) -> Symbol:
    """A value of ``src/gen/auth/crypto``."""
    return Symbol(name=name, module=CRYPTO, kind=VALUE)


CONFIG = Symbol(name="Config", module=ModuleRef.file("src/gen/config"), kind=TYPE)
COOKIE_OPTIONS = Symbol(name="CookieOptions", module=refs.EXPRESS, kind=TYPE)
EXPRESS_RESPONSE = refs.RESPONSE

SESSION_MODEL = "AuthSession"
REFRESH_COOKIE = "refresh_token"
PRISMA_ID_TYPE = {"number": "Int", "string": "String"}


def session_model(auth: AuthPlan) -> str:
    """The Prisma model of refresh-token sessions, appended to the app's schema copy. No
    relation field: the user's model stays as the user wrote it."""
    user_id = PRISMA_ID_TYPE[auth.id_type]
    return (
        "/// Refresh-token sessions of /auth (added by ssot-codegen): tokens are stored hashed.\n"
        f"model {SESSION_MODEL} {{\n"
        "  id        String    @id @default(uuid())\n"
        f"  userId    {user_id}\n"
        "  tokenHash String    @unique\n"
        "  expiresAt DateTime\n"
        "  revokedAt DateTime?\n"
        "  createdAt DateTime  @default(now())\n"
        "\n"
        "  @@index([userId])\n"
        "}\n"
    )


def _config(name: str) -> Expression:
    """``config.name``."""
    return b.member("config", name)


def _prisma(delegate: str, method: str, *props: ObjectMember) -> Expression:
    """``prisma.delegate.method({ props })``."""
    return b.method_call(b.member("prisma", delegate), method, b.obj(*props))


def _now() -> Expression:
    """``Date.now()``."""
    return b.method_call("Date", "now")


def _throw_unauthorized(message: str) -> Statement:
    """``throw unauthorized(message);``."""
    return b.throw(b.call(b.ref(UNAUTHORIZED), b.str_(message)))


def _clear_cookie() -> Statement:
    """``res.clearCookie(REFRESH_COOKIE, cookie);``."""
    return b.expr_stmt(
        b.method_call("res", "clearCookie", b.str_(REFRESH_COOKIE), b.ident("cookie"))
    )


def _revoke(where: Expression, now: Expression) -> Expression:
    """``await prisma.authSession.updateMany({ where, data: { revokedAt: now } })``."""
    return b.await_(
        _prisma(
            "authSession",
            "updateMany",
            b.prop("where", where),
            b.prop("data", b.obj(b.prop("revokedAt", now))),
        )
    )


def _read_cookie() -> Expression:
    """``readCookie(req.headers.cookie, REFRESH_COOKIE)``: the refresh token, if sent."""
    cookie = b.member("req", "headers", "cookie")
    return b.call(b.ref(_crypto("readCookie")), cookie, b.ident("REFRESH_COOKIE"))


def _token_hash() -> Expression:
    """``hashToken(token)``: how a refresh token is stored."""
    return b.call(b.ref(_crypto("hashToken")), b.ident("token"))


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


# -- module constants -------------------------------------------------------------------


def _refresh_cookie_const(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``const REFRESH_COOKIE = "refresh_token";``."""
    return b.const("REFRESH_COOKIE", b.str_(REFRESH_COOKIE))


def _register_body(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``registerBody``: the user's create body without the role, plus the password."""
    create_body: Expression = b.ref(ModelSchemas(user).create_body)
    if auth.role is not None:
        create_body = b.method_call(create_body, "omit", b.obj(b.prop(auth.role, b.true_)))
    password = b.method_call(_string_schema(8), "max", b.num(256))
    return b.const(
        "registerBody",
        b.method_call(create_body, "extend", b.obj(b.prop("password", password))),
        doc=(
            "The user's own fields (not the role) and the password in clear, hashed "
            "before it is stored."
        ),
        blank_line_before=True,
    )


def _login_body(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``loginBody``: the identifier and the password."""
    fields = b.obj(
        b.prop(auth.identifier, _string_schema(1)),
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


def _access_token(auth: AuthPlan) -> Expression:
    """``{ accessToken: signAccessToken(...), tokenType: "Bearer", expiresIn }``."""
    user = b.ident("user")
    claims = b.obj(
        b.prop("sub", b.call("String", b.member(user, auth.id_field))),
        b.prop("role", b.member(user, auth.role) if auth.role else b.null),
    )
    signed = b.call(
        b.ref(_crypto("signAccessToken")),
        claims,
        _config("JWT_SECRET"),
        _config("JWT_ACCESS_TTL_SECONDS"),
        _now(),
    )
    return b.obj(
        b.prop("accessToken", signed),
        b.prop("tokenType", b.str_("Bearer")),
        b.prop("expiresIn", _config("JWT_ACCESS_TTL_SECONDS")),
        multiline=True,
    )


def _start_session(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``async function startSession(res, user)``: a stored (hashed) refresh token in the
    cookie, and an access token."""
    session_user_type = b.t_obj(
        b.prop_sig(auth.id_field, b.t_ref(auth.id_type)),
        *([b.prop_sig(auth.role, b.t_ref("string"))] if auth.role else []),
    )
    ttl_ms = b.binary(_config("JWT_REFRESH_TTL_SECONDS"), "*", b.num(1000))
    session = b.obj(
        b.prop("userId", b.member("user", auth.id_field)),
        b.prop("tokenHash", b.call(b.ref(_crypto("hashToken")), b.ident("refreshToken"))),
        b.prop("expiresAt", b.new("Date", b.binary(_now(), "+", ttl_ms))),
        multiline=True,
    )
    cookie = b.obj(b.spread_prop(b.ident("cookie")), b.prop("maxAge", ttl_ms))
    return b.function(
        "startSession",
        [b.param("res", b.t_sym(EXPRESS_RESPONSE)), b.param("user", session_user_type)],
        b.block(
            b.const("refreshToken", b.call(b.ref(_crypto("newRefreshToken")))),
            b.expr_stmt(b.await_(_prisma("authSession", "create", b.prop("data", session)))),
            b.expr_stmt(
                b.method_call(
                    "res", "cookie", b.ident("REFRESH_COOKIE"), b.ident("refreshToken"), cookie
                )
            ),
            b.return_(_access_token(auth)),
        ),
        async_=True,
        doc="A new session: a refresh token in the cookie (stored hashed) and an access token.",
    )


def _session_json() -> Expression:
    """``{ user, ...(await startSession(res, user)) }``."""
    started = b.await_(b.call("startSession", b.ident("res"), b.ident("user")))
    return b.obj(b.shorthand("user"), b.spread_prop(started))


def _register_data(auth: AuthPlan) -> Expression:
    """The new user: the body's fields, the admin role for an identifier in AUTH_ADMINS, and
    the password's hash."""
    data: list[ObjectMember] = [b.spread_prop(b.ident("fields"))]
    if auth.role is not None and auth.admin_role is not None and auth.role_enum is not None:
        admin = b.member(b.ref(refs.prisma_enum(auth.role_enum)), auth.admin_role)
        listed = b.method_call(
            _config("AUTH_ADMINS"), "includes", b.member("fields", auth.identifier)
        )
        data.append(b.spread_prop(b.cond(listed, b.obj(b.prop(auth.role, admin)), b.obj())))
    hashed = b.await_(b.call(b.ref(_crypto("hashPassword")), b.ident("password")))
    data.append(b.prop(auth.password, hashed))
    return b.obj(*data, multiline=True)


def _register_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``POST /auth/register``: create the user and start a session (201)."""
    schemas = ModelSchemas(user)
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
                    b.prop("data", _register_data(auth)),
                    b.prop("omit", b.ref(schemas.omit)),
                )
            ),
        ),
        b.expr_stmt(
            b.method_call(b.method_call("res", "status", b.num(201)), "json", _session_json())
        ),
        limited=True,
    )


def _login_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``POST /auth/login``: check the password (as slowly for an unknown account), start a
    session."""
    found = b.ident("found")
    by_identifier = b.obj(b.prop(auth.identifier, b.member("body", auth.identifier)))
    verified = b.call(
        b.ref(_crypto("verifyPassword")),
        b.member("body", "password"),
        b.binary(b.optional_member(found, auth.password), "??", b.null),
    )
    by_id = b.obj(b.prop(auth.id_field, b.member(found, auth.id_field)))
    return _route(
        "post",
        "/login",
        b.const("body", b.method_call("loginBody", "parse", b.member("req", "body"))),
        b.const(
            "found",
            b.await_(_prisma(user.names.camel, "findUnique", b.prop("where", by_identifier))),
        ),
        b.line_comment("An unknown account costs as much time as a wrong password."),
        b.const("valid", b.await_(verified)),
        b.if_(
            b.binary(b.binary(found, "===", b.null), "||", b.not_(b.ident("valid"))),
            [_throw_unauthorized(f"Wrong {auth.identifier} or password")],
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
        b.expr_stmt(b.method_call("res", "json", _session_json())),
        limited=True,
    )


def _rotation() -> list[Statement]:
    """Revoke the presented session; when it was already revoked (a reused token), revoke
    every session of its user and refuse."""
    session = b.ident("session")
    unrevoked = b.prop("revokedAt", b.null)
    by_session = b.obj(b.prop("id", b.member(session, "id")), unrevoked)
    by_user = b.obj(b.prop("userId", b.member(session, "userId")), unrevoked)
    return [
        b.line_comment(
            "Rotation: a refresh token works once. Seeing a used one again means it leaked,"
        ),
        b.line_comment("so every session of that user ends."),
        b.const("now", b.new("Date")),
        b.const("rotated", _revoke(by_session, b.ident("now"))),
        b.if_(
            b.binary(b.member("rotated", "count"), "===", b.num(0)),
            [
                b.expr_stmt(_revoke(by_user, b.ident("now"))),
                _clear_cookie(),
                _throw_unauthorized("Refresh token reused: every session of this user is revoked"),
            ],
        ),
    ]


def _refresh_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``POST /auth/refresh``: rotate the refresh token (a reused one ends every session of
    its user) and answer a new access token."""
    session = b.ident("session")
    by_hash = b.obj(b.prop("tokenHash", _token_hash()))
    expired = b.binary(
        b.binary(session, "===", b.null),
        "||",
        b.binary(b.method_call(b.member(session, "expiresAt"), "getTime"), "<=", _now()),
    )
    owner = b.obj(b.prop(auth.id_field, b.member(session, "userId")))
    started = b.await_(b.call("startSession", b.ident("res"), b.ident("user")))
    return _route(
        "post",
        "/refresh",
        b.const("token", _read_cookie()),
        b.if_(
            b.binary(b.ident("token"), "===", b.undefined),
            [_throw_unauthorized("No refresh token")],
        ),
        b.const(
            "session",
            b.await_(_prisma("authSession", "findUnique", b.prop("where", by_hash))),
        ),
        b.if_(expired, [_clear_cookie(), _throw_unauthorized("Invalid or expired refresh token")]),
        *_rotation(),
        b.const("user", b.await_(_prisma(user.names.camel, "findUnique", b.prop("where", owner)))),
        b.if_(
            b.binary(b.ident("user"), "===", b.null),
            [_throw_unauthorized("The account no longer exists")],
        ),
        b.expr_stmt(b.method_call("res", "json", started)),
        limited=True,
    )


def _logout_route(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``POST /auth/logout``: revoke the cookie's session, if any, and clear the cookie
    (204)."""
    this_session = b.obj(b.prop("tokenHash", _token_hash()), b.prop("revokedAt", b.null))
    return _route(
        "post",
        "/logout",
        b.const("token", _read_cookie()),
        b.if_(
            b.binary(b.ident("token"), "!==", b.undefined),
            [b.expr_stmt(_revoke(this_session, b.new("Date")))],
        ),
        _clear_cookie(),
        b.expr_stmt(b.method_call(b.method_call("res", "status", b.num(204)), "end")),
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
        middleware=[b.call(b.ref(AUTHENTICATE), _config("JWT_SECRET"))],
    )


ROUTES = (_register_route, _login_route, _refresh_route, _logout_route, _me_route)
"""The routes of ``/auth``, in registration order."""


def _auth_router(auth: AuthPlan, user: ModelPlan) -> Statement:
    """``export function authRouter(prisma, config, rateLimitStore): Router``: the cookie
    options, the rate limit, ``startSession`` and every route."""
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
