"""``tests/users.ts``: the facts of the user model (``/// @auth.user``) that the static test
support reads (``tests/support/auth.ts``, ``tests/auth.test.ts``, ``tests/roles.test.ts``):
its route and fields, its roles, and a sign-up body. Generated only with a user model."""

from __future__ import annotations

from ssot_ast.ts import VALUE, Expression, ModuleRef, SourceFile, Statement, Symbol
from ssot_ast.ts import build as b
from ssot_ast.schema.model import DefaultKind

from emitters.app.accounts import email_identifier
from emitters.contract import PRISMA_CLIENT
from emitters.plan.analysis import PUBLIC, Presence, ProjectPlan
from emitters.testsuite.common import value_expr
from emitters.testsuite.support import support

USERS_PATH = "tests/users.ts"
USERS_MODULE = ModuleRef.file("tests/users")
USERS = Symbol(name="USERS", module=USERS_MODULE, kind=VALUE)
ADMIN_ROLE = Symbol(name="ADMIN_ROLE", module=USERS_MODULE, kind=VALUE)


def _password_access(plan: ProjectPlan) -> list[Statement]:
    """``passwordHashOf(prisma, id)`` and ``setPasswordHash(prisma, id, hash)``: the stored
    hash of a user, read and written straight in the test database."""
    auth = plan.auth
    assert auth is not None
    user = plan.model(auth.model)
    delegate = b.member("prisma", user.names.camel)
    key = b.call("Number" if auth.id_type == "number" else "String", b.ident("id"))
    where = b.prop("where", b.obj(b.prop(auth.id_field, key)))
    found = b.await_(
        b.method_call(
            delegate,
            "findUniqueOrThrow",
            b.obj(where, b.prop("select", b.obj(b.prop(auth.password, b.true_)))),
        )
    )
    update = b.method_call(
        delegate,
        "update",
        b.obj(where, b.prop("data", b.obj(b.prop(auth.password, b.ident("hash"))))),
    )
    prisma = b.param("prisma", b.t_sym(PRISMA_CLIENT))
    return [
        b.function(
            "passwordHashOf",
            [prisma, b.param("id", b.t_unknown)],
            [
                b.const("user", found),
                b.return_(b.binary(b.member("user", auth.password), "??", b.null)),
            ],
            async_=True,
            export=True,
            return_type=b.t_ref("Promise", b.t_union(b.t_string, b.t_null)),
            doc="The stored password hash of user `id`, read from the test database.",
        ),
        b.function(
            "setPasswordHash",
            [prisma, b.param("id", b.t_unknown), b.param("hash", b.t_string)],
            [b.expr_stmt(b.await_(update))],
            async_=True,
            export=True,
            return_type=b.t_ref("Promise", b.t_void),
            doc="Stores `hash` as user `id`'s password hash, straight in the test database.",
        ),
        b.function(
            "deleteUser",
            [prisma, b.param("id", b.t_unknown)],
            [b.expr_stmt(b.await_(b.method_call(delegate, "delete", b.obj(where))))],
            async_=True,
            export=True,
            return_type=b.t_ref("Promise", b.t_void),
            doc="Deletes user `id` straight in the test database (their sessions go with them).",
        ),
    ]


def users_file(plan: ProjectPlan) -> SourceFile:
    auth = plan.auth
    assert auth is not None
    user = plan.model(auth.model)
    admin = auth.admin_role or (auth.roles[-1] if auth.roles else "ADMIN")
    # A list route: public when the schema has one (a bad token is refused even there).
    listed = next(
        (m for m in plan.models if m.access is not None and PUBLIC in m.access.rule("list")),
        plan.models[0],
    )
    roles_type = b.t_union(
        b.t_obj(b.prop_sig("field", b.t_string), b.prop_sig("signUp", b.t_string)), b.t_null
    )
    roles: Expression = b.null
    if auth.role is not None:
        default = user.field(auth.role).field.default
        initial = auth.roles[0]
        if default is not None and default.kind is DefaultKind.ENUM_VALUE:
            initial = str(default.value)
        roles = b.obj(b.prop("field", b.str_(auth.role)), b.prop("signUp", b.str_(initial)))
    members = [
        (
            b.prop(f.name, b.ident("identifier"))
            if f.name == auth.identifier
            else b.prop(f.name, value_expr(plan, f, 0))
        )
        for f in user.fields
        if f.name == auth.identifier or (f.create is Presence.REQUIRED and f.name != auth.password)
    ]
    statements: list[Statement] = [
        b.const(
            "USERS",
            b.str_(f"/api/{user.names.route}"),
            export=True,
            doc=f"Where the administrator manages users ({user.names.model}).",
        ),
        b.const("ID", b.str_(auth.id_field), export=True, doc="The id field of a user."),
        b.const(
            "IDENTIFIER",
            b.str_(auth.identifier),
            export=True,
            doc="The field users sign in with.",
        ),
        b.const(
            "PASSWORD_FIELD",
            b.str_(auth.password),
            export=True,
            doc="The field holding the password hash: never answered.",
        ),
        b.const(
            "ROLES",
            roles,
            type=roles_type,
            export=True,
            doc="The role field and the role a sign-up gets; null: users have no role.",
        ),
        b.const("ADMIN_ROLE", b.str_(admin), export=True, doc="The role a forged token claims."),
        b.const(
            "LIST_ROUTE",
            b.str_(f"/api/{listed.names.route}"),
            export=True,
            doc="A list route: an invalid token is refused even where none is needed.",
        ),
        b.const(
            "EMAIL_IDENTIFIER",
            b.true_ if email_identifier(auth.identifier) else b.false_,
            export=True,
            doc="Whether the identifier is an email address (checked as one, lowercased).",
        ),
        *_password_access(plan),
        b.function(
            "signUp",
            [b.param("identifier", b.t_string)],
            [b.return_(b.obj(*members, multiline=True))],
            export=True,
            return_type=b.t_sym(support("Row")),
            doc=(
                "A sign-up of `identifier`: new values of the other required fields (the tests "
                "add the password)."
            ),
        ),
    ]
    return SourceFile(
        path=USERS_PATH,
        statements=tuple(statements),
        header=(
            f"@generated by ssot-codegen. The user model ({user.names.model}) as the API tests "
            "sign users up: its route and fields, its roles, and a sign-up body."
        ),
    )
