"""``src/gen/auth/accounts.ts``: the user model (``/// @auth.user``) as the static auth code
needs it, built per project:

* ``identifierSchema``: how a sign-in identifier is read on register and login (trimmed, NFKC,
  lowercased when email-like; an email when the field is called email);
* ``principalOfSession(prisma, sessionId, subject)``: the user of a live session, with the
  user's current role (``authenticate`` runs it on every signed-in request, so sign-out,
  demotion and deletion count at once);
* ``createAdmin(prisma, identifier, password, cost)``: what ``npm run create-admin -- EMAIL``
  runs (``src/gen/auth/create-admin.ts``) and the generated tests' setup reuses: promotes an
  existing user to the admin role, or creates one with it.
"""

from __future__ import annotations

from ssot_ast.ts import Expression, ObjectMember, SourceFile, Statement
from ssot_ast.ts import build as b
from ssot_ast.ts.expressions import Identifier
from ssot_ast.ts.imports import iter_nodes

from emitters import contract as refs
from emitters.plan.plans import FieldPlan, Presence, ProjectPlan, Scalar

EMAIL_WORDS = ("email", "mail")
"""An identifier field whose name holds one of these is checked as an email address."""

IDENTIFIER_MAX = 320
"""The longest identifier accepted (an email address's limit)."""


def email_identifier(name: str) -> bool:
    """Whether the identifier field `name` holds email addresses."""
    return any(word in name.lower() for word in EMAIL_WORDS)


def _identifier_schema(plan: ProjectPlan) -> Statement:
    auth = plan.auth
    assert auth is not None
    text = b.method_call(
        b.method_call(b.method_call(b.ref(refs.Z), "string"), "max", b.num(IDENTIFIER_MAX)),
        "transform",
        b.ref(refs.NORMALISE_IDENTIFIER),
    )
    target = (
        b.method_call(b.ref(refs.Z), "email", b.str_("must be an email address"))
        if email_identifier(auth.identifier)
        else b.method_call(b.method_call(b.ref(refs.Z), "string"), "min", b.num(1))
    )
    what = "an email address" if email_identifier(auth.identifier) else "not empty"
    return b.const(
        refs.IDENTIFIER_SCHEMA.name,
        b.method_call(text, "pipe", target),
        export=True,
        doc=f"{auth.model}.{auth.identifier} on register and login: trimmed, in Unicode NFKC, "
        f"lowercased when email-like, then {what}.",
    )


def _principal_of_session(plan: ProjectPlan) -> Statement:
    auth = plan.auth
    assert auth is not None
    user_select = [b.prop(auth.id_field, b.true_)]
    if auth.role is not None:
        user_select.append(b.prop(auth.role, b.true_))
    found = b.await_(
        b.method_call(
            b.member("prisma", "authSession"),
            "findUnique",
            b.obj(
                b.prop("where", b.obj(b.prop("id", b.ident("sessionId")))),
                b.prop(
                    "select",
                    b.obj(
                        b.prop("revokedAt", b.true_),
                        b.prop("user", b.obj(b.prop("select", b.obj(*user_select)))),
                    ),
                ),
                multiline=True,
            ),
        )
    )
    session = b.ident("session")
    user = b.member(session, "user")
    ended = b.binary(
        b.binary(
            b.binary(session, "===", b.null),
            "||",
            b.binary(b.member(session, "revokedAt"), "!==", b.null),
        ),
        "||",
        b.binary(b.call("String", b.member(user, auth.id_field)), "!==", b.ident("subject")),
    )
    principal = b.obj(
        b.prop("id", b.member(user, auth.id_field)),
        b.prop("role", b.member(user, auth.role) if auth.role is not None else b.null),
    )
    principal_type = b.t_obj(
        b.prop_sig("id", b.t_sym(refs.USER_ID)),
        b.prop_sig("role", b.t_union(b.t_string, b.t_null)),
    )
    return b.function(
        refs.PRINCIPAL_OF_SESSION.name,
        [
            b.param("prisma", b.t_sym(refs.PRISMA_CLIENT)),
            b.param("sessionId", b.t_string),
            b.param("subject", b.t_string),
        ],
        [
            b.const("session", found),
            b.if_(ended, [b.return_(b.null)]),
            b.return_(principal),
        ],
        async_=True,
        export=True,
        return_type=b.t_ref("Promise", b.t_union(principal_type, b.t_null)),
        doc="The user of a live session, with the role the user has now; null when the session "
        "ended, is another user's, or the user is gone (their sessions are deleted with them).",
    )


def _placeholder(plan: ProjectPlan, field: FieldPlan) -> Expression | None:
    """The value a new admin gets for a required field the command does not ask for; None
    when there is no sensible one (a foreign key, say)."""
    if field.is_list:
        return b.arr()
    if field.is_foreign_key:
        return None
    scalar = field.scalar
    if scalar is Scalar.STRING:
        label: Expression = b.ident("label")
        if field.max_length is not None:
            label = b.method_call(label, "slice", b.num(0), b.num(field.max_length))
        return label
    simple: dict[Scalar, Expression] = {
        Scalar.BOOLEAN: b.false_,
        Scalar.INT: b.num(0),
        Scalar.BIGINT: b.num(0),
        Scalar.FLOAT: b.num(0),
        Scalar.DECIMAL: b.num(0),
        Scalar.DATETIME: b.new("Date"),
        Scalar.JSON: b.obj(),
        Scalar.BYTES: b.new("Uint8Array"),
    }
    if scalar is Scalar.ENUM and field.enum_name is not None:
        first = plan.schema.enum(field.enum_name).values[0].name
        return b.member(b.ref(refs.prisma_enum(field.enum_name)), first)
    return simple.get(scalar)


def _new_admin(plan: ProjectPlan) -> list[Statement]:
    """Creating the admin: the identifier, the admin role, the password's hash and a value for
    every other required field; a throw when one has no sensible value."""
    auth = plan.auth
    assert auth is not None
    user = plan.model(auth.model)
    data: list[ObjectMember] = [b.shorthand("identifier")]
    if auth.identifier != "identifier":
        data = [b.prop(auth.identifier, b.ident("identifier"))]
    for field in user.fields:
        if field.create is not Presence.REQUIRED or field.name in (
            auth.identifier,
            auth.password,
            auth.role,
        ):
            continue
        value = _placeholder(plan, field)
        if value is None:
            return [
                b.throw(
                    b.new(
                        "Error",
                        b.str_(
                            f"{auth.model}.{field.name} has no value to give a new account: "
                            "sign the user up through POST /auth/register, then run "
                            "create-admin again to promote them"
                        ),
                    )
                )
            ]
        data.append(b.prop(field.name, value))
    if auth.role is not None and auth.admin_role is not None and auth.role_enum is not None:
        data.append(
            b.prop(auth.role, b.member(b.ref(refs.prisma_enum(auth.role_enum)), auth.admin_role))
        )
    hashed = b.await_(b.call(b.ref(refs.HASH_PASSWORD), b.ident("chosen"), b.ident("cost")))
    data.append(b.prop(auth.password, hashed))
    local = b.index(b.method_call("identifier", "split", b.str_("@")), 0)
    chosen = b.binary(
        b.ident("password"),
        "??",
        b.method_call(b.call(b.ref(refs.RANDOM_BYTES), b.num(18)), "toString", b.str_("base64url")),
    )
    create = b.method_call(
        b.member("prisma", user.names.camel),
        "create",
        b.obj(b.prop("data", b.obj(*data, multiline=True))),
    )
    generated = b.cond(b.binary(b.ident("password"), "===", b.undefined), b.ident("chosen"), b.null)
    labelled = any(
        isinstance(node, Identifier) and node.name == "label"
        for member in data
        for node, _ in iter_nodes(member)
    )
    label = [b.const("label", b.binary(local, "??", b.ident("identifier")))] if labelled else []
    return [
        *label,
        b.const("chosen", chosen),
        b.expr_stmt(b.await_(create)),
        b.return_(b.obj(b.prop("created", b.true_), b.prop("password", generated))),
    ]


def _create_admin(plan: ProjectPlan) -> Statement:
    auth = plan.auth
    assert auth is not None
    user = plan.model(auth.model)
    delegate = b.member("prisma", user.names.camel)
    by_identifier = b.obj(b.prop(auth.identifier, b.ident("identifier")))
    found = b.await_(
        b.method_call(
            delegate,
            "findUnique",
            b.obj(
                b.prop("where", by_identifier),
                b.prop("select", b.obj(b.prop(auth.id_field, b.true_))),
            ),
        )
    )
    promote: list[Statement] = []
    if auth.role is not None and auth.admin_role is not None and auth.role_enum is not None:
        admin = b.member(b.ref(refs.prisma_enum(auth.role_enum)), auth.admin_role)
        promote.append(
            b.expr_stmt(
                b.await_(
                    b.method_call(
                        delegate,
                        "update",
                        b.obj(
                            b.prop(
                                "where",
                                b.obj(b.prop(auth.id_field, b.member("found", auth.id_field))),
                            ),
                            b.prop("data", b.obj(b.prop(auth.role, admin))),
                        ),
                    )
                )
            )
        )
    promote.append(b.return_(b.obj(b.prop("created", b.false_), b.prop("password", b.null))))
    result_type = b.t_obj(
        b.prop_sig("created", b.t_boolean),
        b.prop_sig("password", b.t_union(b.t_string, b.t_null)),
    )
    role = (
        f"the {auth.admin_role} role"
        if auth.admin_role is not None
        else "no admin role (the schema has none)"
    )
    return b.function(
        refs.CREATE_ADMIN.name,
        [
            b.param("prisma", b.t_sym(refs.PRISMA_CLIENT)),
            b.param("email", b.t_string),
            b.param("password", b.t_union(b.t_string, b.t_undefined)),
            b.param("cost", b.t_number),
        ],
        [
            b.const(
                "identifier",
                b.method_call(b.ref(refs.IDENTIFIER_SCHEMA), "parse", b.ident("email")),
            ),
            b.const("found", found),
            b.if_(b.binary(b.ident("found"), "!==", b.null), promote),
            *_new_admin(plan),
        ],
        async_=True,
        export=True,
        return_type=b.t_ref("Promise", result_type),
        doc=f"Gives the user `email` {role}: an existing user is promoted (their sessions "
        "stay; the role is read per request), a new one is created with `password`, or a "
        "random one when it is undefined (answered once as `password`).",
    )


def emit(plan: ProjectPlan) -> SourceFile:
    """``src/gen/auth/accounts.ts`` for the plan's user model."""
    auth = plan.auth
    assert auth is not None
    return SourceFile(
        path=refs.AUTH_ACCOUNTS_MODULE.name + ".ts",
        header=f"@generated by ssot-codegen from model {auth.model} (@auth.user). Accounts as "
        "the auth code needs them: identifiers, the user of a session, create-admin.",
        statements=(_identifier_schema(plan), _principal_of_session(plan), _create_admin(plan)),
    )
