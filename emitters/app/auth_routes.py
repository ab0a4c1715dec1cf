"""``src/gen/auth/auth.routes.ts``: register, login, refresh, logout and me under ``/auth``,
for the model marked ``/// @auth.user``; and the session table the app's schema gets.

Refresh tokens live in an HttpOnly, Secure, SameSite=Strict cookie scoped to ``/auth`` and
are stored as their SHA-256 in ``AuthSession``; each works once (rotation), and presenting
a used one revokes every session of its user.
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
from emitters.plan.analysis import AuthPlan, ProjectPlan

AUTH_ROUTES = ModuleRef.file("src/gen/auth/auth.routes")
AUTH_ROUTER = Symbol(name="authRouter", module=AUTH_ROUTES, kind=VALUE)
AUTH_ACCESS = ModuleRef.file("src/gen/auth/access")
AUTHENTICATE = Symbol(name="authenticate", module=AUTH_ACCESS, kind=VALUE)
SIGNED_IN = Symbol(name="signedIn", module=AUTH_ACCESS, kind=VALUE)
UNAUTHORIZED = Symbol(name="unauthorized", module=AUTH_ACCESS, kind=VALUE)
CRYPTO = ModuleRef.file("src/gen/auth/crypto")


def _crypto(name: str) -> Symbol:
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
    return b.member(b.ident("config"), name)


def _prisma(delegate: str, method: str, *props: ObjectMember) -> Expression:
    return b.call(b.member(b.ident("prisma"), delegate, method), b.obj(*props))


def _now() -> Expression:
    return b.call(b.member(b.ident("Date"), "now"))


def _throw_unauthorized(message: str) -> Statement:
    return b.throw(b.call(b.ref(UNAUTHORIZED), b.str_(message)))


def _clear_cookie() -> Statement:
    return b.expr_stmt(
        b.call(b.member(b.ident("res"), "clearCookie"), b.str_(REFRESH_COOKIE), b.ident("cookie"))
    )


def _revoke(where: Expression, now: Expression) -> Expression:
    return b.await_(
        _prisma(
            "authSession",
            "updateMany",
            b.prop("where", where),
            b.prop("data", b.obj(b.prop("revokedAt", now))),
        )
    )


def _route(
    method: str,
    path: str,
    *statements: Statement,
    limited: bool = False,
    middleware: list[Expression] | None = None,
) -> Statement:
    handler = b.arrow([b.param("req"), b.param("res")], b.block(*statements), async_=True)
    middleware = [b.ident("strict")] if limited else list(middleware or ())
    return b.expr_stmt(
        b.call(b.member(b.ident("router"), method), b.str_(path), *middleware, handler)
    )


def emit(plan: ProjectPlan) -> SourceFile:
    auth = plan.auth
    user = plan.auth_model
    assert auth is not None and user is not None
    schemas = ModelSchemas(user)
    delegate = user.names.camel
    statements: list[Statement] = [b.const("REFRESH_COOKIE", b.str_(REFRESH_COOKIE))]

    create_body: Expression = b.ref(schemas.create_body)
    if auth.role is not None:
        create_body = b.call(b.member(create_body, "omit"), b.obj(b.prop(auth.role, b.true_)))
    password_schema = b.call(
        b.member(
            b.call(b.member(b.call(b.member(b.ref(refs.Z), "string")), "min"), b.num(8)), "max"
        ),
        b.num(256),
    )
    statements.append(
        b.const(
            "registerBody",
            b.call(b.member(create_body, "extend"), b.obj(b.prop("password", password_schema))),
            doc=(
                "The user's own fields (not the role) and the password in clear, hashed "
                "before it is stored."
            ),
            blank_line_before=True,
        )
    )

    def min1() -> Expression:
        return b.call(b.member(b.call(b.member(b.ref(refs.Z), "string")), "min"), b.num(1))

    statements.append(
        b.const(
            "loginBody",
            b.call(
                b.member(b.ref(refs.Z), "strictObject"),
                b.obj(
                    b.prop(auth.identifier, min1()),
                    b.prop("password", b.call(b.member(min1(), "max"), b.num(256))),
                    multiline=True,
                ),
            ),
        )
    )

    id_type = b.t_ref(auth.id_type)
    session_user_type = b.t_obj(
        b.prop_sig(auth.id_field, id_type),
        *([b.prop_sig(auth.role, b.t_ref("string"))] if auth.role else []),
    )
    ttl_ms = b.binary(_config("JWT_REFRESH_TTL_SECONDS"), "*", b.num(1000))
    user_id = b.member(b.ident("user"), auth.id_field)
    start_session = b.function(
        "startSession",
        [b.param("res", b.t_sym(EXPRESS_RESPONSE)), b.param("user", session_user_type)],
        b.block(
            b.const("refreshToken", b.call(b.ref(_crypto("newRefreshToken")))),
            b.expr_stmt(
                b.await_(
                    _prisma(
                        "authSession",
                        "create",
                        b.prop(
                            "data",
                            b.obj(
                                b.prop("userId", user_id),
                                b.prop(
                                    "tokenHash",
                                    b.call(b.ref(_crypto("hashToken")), b.ident("refreshToken")),
                                ),
                                b.prop(
                                    "expiresAt",
                                    b.new(b.ident("Date"), b.binary(_now(), "+", ttl_ms)),
                                ),
                                multiline=True,
                            ),
                        ),
                    )
                )
            ),
            b.expr_stmt(
                b.call(
                    b.member(b.ident("res"), "cookie"),
                    b.ident("REFRESH_COOKIE"),
                    b.ident("refreshToken"),
                    b.obj(b.spread_prop(b.ident("cookie")), b.prop("maxAge", ttl_ms)),
                )
            ),
            b.return_(
                b.obj(
                    b.prop(
                        "accessToken",
                        b.call(
                            b.ref(_crypto("signAccessToken")),
                            b.obj(
                                b.prop("sub", b.call(b.ident("String"), user_id)),
                                b.prop(
                                    "role",
                                    b.member(b.ident("user"), auth.role) if auth.role else b.null,
                                ),
                            ),
                            _config("JWT_SECRET"),
                            _config("JWT_ACCESS_TTL_SECONDS"),
                            _now(),
                        ),
                    ),
                    b.prop("tokenType", b.str_("Bearer")),
                    b.prop("expiresIn", _config("JWT_ACCESS_TTL_SECONDS")),
                    multiline=True,
                )
            ),
        ),
        async_=True,
        doc="A new session: a refresh token in the cookie (stored hashed) and an access token.",
    )

    identifier = b.member(b.ident("fields"), auth.identifier)
    register_data: list[ObjectMember] = [b.spread_prop(b.ident("fields"))]
    if auth.role is not None and auth.admin_role is not None and auth.role_enum is not None:
        admin = b.member(b.ref(refs.prisma_enum(auth.role_enum)), auth.admin_role)
        register_data.append(
            b.spread_prop(
                b.cond(
                    b.call(b.member(_config("AUTH_ADMINS"), "includes"), identifier),
                    b.obj(b.prop(auth.role, admin)),
                    b.obj(),
                )
            )
        )
    register_data.append(
        b.prop(
            auth.password,
            b.await_(b.call(b.ref(_crypto("hashPassword")), b.ident("password"))),
        )
    )
    session_json = b.obj(
        b.shorthand("user"),
        b.spread_prop(b.await_(b.call(b.ident("startSession"), b.ident("res"), b.ident("user")))),
    )
    register = _route(
        "post",
        "/register",
        b.const(
            b.destructure("password", BindingElement(name="fields", rest=True)),
            b.call(b.member(b.ident("registerBody"), "parse"), b.member(b.ident("req"), "body")),
        ),
        b.const(
            "user",
            b.await_(
                _prisma(
                    delegate,
                    "create",
                    b.prop("data", b.obj(*register_data, multiline=True)),
                    b.prop("omit", b.ref(schemas.omit)),
                )
            ),
        ),
        b.expr_stmt(
            b.call(
                b.member(b.call(b.member(b.ident("res"), "status"), b.num(201)), "json"),
                session_json,
            )
        ),
        limited=True,
    )

    found = b.ident("found")
    login = _route(
        "post",
        "/login",
        b.const(
            "body",
            b.call(b.member(b.ident("loginBody"), "parse"), b.member(b.ident("req"), "body")),
        ),
        b.const(
            "found",
            b.await_(
                _prisma(
                    delegate,
                    "findUnique",
                    b.prop(
                        "where",
                        b.obj(b.prop(auth.identifier, b.member(b.ident("body"), auth.identifier))),
                    ),
                )
            ),
        ),
        b.line_comment("An unknown account costs as much time as a wrong password."),
        b.const(
            "valid",
            b.await_(
                b.call(
                    b.ref(_crypto("verifyPassword")),
                    b.member(b.ident("body"), "password"),
                    b.binary(b.optional_member(found, auth.password), "??", b.null),
                )
            ),
        ),
        b.if_(
            b.binary(b.binary(found, "===", b.null), "||", b.not_(b.ident("valid"))),
            [_throw_unauthorized(f"Wrong {auth.identifier} or password")],
        ),
        b.const(
            "user",
            b.await_(
                _prisma(
                    delegate,
                    "findUniqueOrThrow",
                    b.prop("where", b.obj(b.prop(auth.id_field, b.member(found, auth.id_field)))),
                    b.prop("omit", b.ref(schemas.omit)),
                )
            ),
        ),
        b.expr_stmt(b.call(b.member(b.ident("res"), "json"), session_json)),
        limited=True,
    )

    read_cookie = b.call(
        b.ref(_crypto("readCookie")),
        b.member(b.ident("req"), "headers", "cookie"),
        b.ident("REFRESH_COOKIE"),
    )
    token_hash = b.call(b.ref(_crypto("hashToken")), b.ident("token"))
    session = b.ident("session")
    refresh = _route(
        "post",
        "/refresh",
        b.const("token", read_cookie),
        b.if_(
            b.binary(b.ident("token"), "===", b.undefined),
            [_throw_unauthorized("No refresh token")],
        ),
        b.const(
            "session",
            b.await_(
                _prisma(
                    "authSession",
                    "findUnique",
                    b.prop("where", b.obj(b.prop("tokenHash", token_hash))),
                )
            ),
        ),
        b.if_(
            b.binary(
                b.binary(session, "===", b.null),
                "||",
                b.binary(b.call(b.member(session, "expiresAt", "getTime")), "<=", _now()),
            ),
            [_clear_cookie(), _throw_unauthorized("Invalid or expired refresh token")],
        ),
        b.line_comment(
            "Rotation: a refresh token works once. Seeing a used one again means it leaked,"
        ),
        b.line_comment("so every session of that user ends."),
        b.const("now", b.new(b.ident("Date"))),
        b.const(
            "rotated",
            _revoke(
                b.obj(b.prop("id", b.member(session, "id")), b.prop("revokedAt", b.null)),
                b.ident("now"),
            ),
        ),
        b.if_(
            b.binary(b.member(b.ident("rotated"), "count"), "===", b.num(0)),
            [
                b.expr_stmt(
                    _revoke(
                        b.obj(
                            b.prop("userId", b.member(session, "userId")),
                            b.prop("revokedAt", b.null),
                        ),
                        b.ident("now"),
                    )
                ),
                _clear_cookie(),
                _throw_unauthorized("Refresh token reused: every session of this user is revoked"),
            ],
        ),
        b.const(
            "user",
            b.await_(
                _prisma(
                    delegate,
                    "findUnique",
                    b.prop("where", b.obj(b.prop(auth.id_field, b.member(session, "userId")))),
                )
            ),
        ),
        b.if_(
            b.binary(b.ident("user"), "===", b.null),
            [_throw_unauthorized("The account no longer exists")],
        ),
        b.expr_stmt(
            b.call(
                b.member(b.ident("res"), "json"),
                b.await_(b.call(b.ident("startSession"), b.ident("res"), b.ident("user"))),
            )
        ),
        limited=True,
    )

    logout = _route(
        "post",
        "/logout",
        b.const("token", read_cookie),
        b.if_(
            b.binary(b.ident("token"), "!==", b.undefined),
            [
                b.expr_stmt(
                    _revoke(
                        b.obj(b.prop("tokenHash", token_hash), b.prop("revokedAt", b.null)),
                        b.new(b.ident("Date")),
                    )
                )
            ],
        ),
        _clear_cookie(),
        b.expr_stmt(
            b.call(b.member(b.call(b.member(b.ident("res"), "status"), b.num(204)), "end"))
        ),
    )

    me = _route(
        "get",
        "/me",
        b.const("principal", b.call(b.ref(SIGNED_IN), b.ident("req"))),
        b.const(
            "user",
            b.await_(
                _prisma(
                    delegate,
                    "findUnique",
                    b.prop(
                        "where", b.obj(b.prop(auth.id_field, b.member(b.ident("principal"), "id")))
                    ),
                    b.prop("omit", b.ref(schemas.omit)),
                )
            ),
        ),
        b.if_(
            b.binary(b.ident("user"), "===", b.null),
            [_throw_unauthorized("The account no longer exists")],
        ),
        b.expr_stmt(b.call(b.member(b.ident("res"), "json"), b.ident("user"))),
        middleware=[b.call(b.ref(AUTHENTICATE), _config("JWT_SECRET"))],
    )

    cookie = b.obj(
        b.prop("httpOnly", b.true_),
        b.prop("secure", b.true_),
        b.prop("sameSite", b.str_("strict")),
        b.prop("path", b.str_("/auth")),
        multiline=True,
    )
    router_body = b.block(
        b.const("router", b.call(b.ref(refs.ROUTER))),
        b.const("cookie", cookie, type=b.t_sym(COOKIE_OPTIONS)),
        b.const(
            "strict",
            b.call(
                b.ref(LIMITER),
                b.ident("rateLimitStore"),
                b.str_("auth"),
                _config("AUTH_RATE_LIMIT_WINDOW_MS"),
                _config("AUTH_RATE_LIMIT_MAX"),
            ),
        ),
        start_session,
        register,
        login,
        refresh,
        logout,
        me,
        b.return_(b.ident("router")),
    )
    statements.append(
        b.function(
            AUTH_ROUTER.name,
            [
                b.param("prisma", b.t_sym(refs.PRISMA_CLIENT)),
                b.param("config", b.t_sym(CONFIG)),
                b.param("rateLimitStore", b.t_sym(RATE_LIMIT_STORE)),
            ],
            router_body,
            export=True,
            return_type=b.t_sym(refs.ROUTER),
        )
    )
    return SourceFile(
        path=AUTH_ROUTES.name + ".ts",
        statements=tuple(statements),
        header=(
            f"@generated by ssot-codegen from model {user.names.model} (@auth.user). "
            "Sign-up, sign-in and sessions: routes under /auth."
        ),
    )
