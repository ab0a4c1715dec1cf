"""Auth on kept libraries, as the generator builds it: `src/gen/auth/accounts.ts` (identifiers,
the user of a session, create-admin), the session table and its relation in the app's schema,
the project files (jose, the create-admin script, the variables of .env.example) and the static
auth sources (jose with HS256 pinned, scrypt at 2^17 with rehash, the refresh grace)."""

from __future__ import annotations

import json
import re

from emitters.app import accounts, auth_routes
from emitters.pipeline import GenerateOptions, plan_project
from emitters.plan.analysis import ProjectPlan
from emitters.project.files import env_example, package_json, readme
from emitters.project.prisma_schema import (
    add_field,
    app_schema,
    session_back_relation,
    session_model,
)
from emitters.project.stack import AUTH_DEPENDENCIES
from emitters.runtime.sources import runtime_text
from ssot_ast.schema import parse_schema_text
from ssot_ast.ts import PrintOptions, SourceFile, print_source_file
from ssot_ast.verify import verify_text

DATASOURCE = 'datasource db {\n  provider = "sqlite"\n}\n'

BLOG_LIKE = 'datasource db {\n  provider = "postgresql"\n}\n' + """
enum Role {
  MEMBER
  ADMIN
}

/// @auth.user(identifier: email, password: passwordHash, role: role)
model User {
  id           Int     @id @default(autoincrement())
  email        String  @unique
  passwordHash String
  name         String  @db.VarChar(40)
  verified     Boolean
  role         Role    @default(MEMBER)
}
"""

#: A username, a String id, no role, and a required foreign key no command can invent.
HANDLES = DATASOURCE + """
model Team {
  id    Int       @id @default(autoincrement())
  users Account[]
}

/// @auth.user(identifier: handle, password: secret)
model Account {
  id     String @id @default(uuid())
  handle String @unique
  secret String
  team   Team   @relation(fields: [teamId], references: [id])
  teamId Int
}
"""


def plan_of(text: str) -> ProjectPlan:
    return plan_project(parse_schema_text(text), GenerateOptions())


def printed(source: SourceFile) -> str:
    text = print_source_file(source, options=PrintOptions(import_extension=".ts"))
    verify_text(text, source.path)
    return text


def test_accounts_of_an_email_identifier_with_an_admin_role() -> None:
    text = printed(accounts.emit(plan_of(BLOG_LIKE)))
    assert ".transform(normaliseIdentifier)" in text
    assert '.pipe(z.email("must be an email address"))' in text
    # The session's user, with the role read now (not from the token).
    assert "select: { revokedAt: true, user: { select: { id: true, role: true } } }" in text
    assert "String(session.user.id) !== subject" in text
    # create-admin: promotes, or creates with the admin role and a value per required field.
    assert "data: { role: Role.ADMIN }" in text
    assert "name: label.slice(0, 40)," in text and "verified: false," in text
    assert "passwordHash: await hashPassword(chosen, cost)," in text
    assert 'randomBytes(18).toString("base64url")' in text


def test_accounts_of_a_username_without_roles() -> None:
    text = printed(accounts.emit(plan_of(HANDLES)))
    assert "z.email" not in text and ".pipe(z.string().min(1))" in text
    assert "return { id: session.user.id, role: null };" in text
    # No role to give; a required foreign key has no value: the command says what to do.
    assert "Role." not in text and "update(" not in text
    assert "Account.teamId has no value to give a new account" in text
    assert "const label" not in text


def test_session_table_cascades_with_the_user() -> None:
    plan = plan_of(BLOG_LIKE)
    assert plan.auth is not None
    schema = app_schema(
        plan.schema, "postgresql", (session_model(plan.auth),), (session_back_relation(plan.auth),)
    )
    user = re.search(r"model User \{.*?\n\}", schema, re.S)
    assert user is not None and "  authSessions AuthSession[]\n}" in user.group(0)
    assert (
        "user       User @relation(fields: [userId], references: [id], onDelete: Cascade)" in schema
    )
    for column in ("rotatedAt  DateTime?", "replacedBy String?", "revokedAt  DateTime?"):
        assert column in schema
    parse_schema_text(schema)  # a valid schema: both sides of the relation


def test_add_field_touches_only_its_model() -> None:
    text = "model A {\n  id Int @id\n}\n\nmodel AB {\n  id Int @id\n}\n"
    added = add_field(text, "A", "x Int")
    assert added == "model A {\n  id Int @id\n  x Int\n}\n\nmodel AB {\n  id Int @id\n}\n"
    assert add_field(text, "C", "x Int") == text


def test_project_files_of_an_app_with_users() -> None:
    plan = plan_of(BLOG_LIKE)
    package = json.loads(package_json(plan))
    assert package["scripts"]["create-admin"] == "node --import tsx src/gen/auth/create-admin.ts"
    assert package["dependencies"]["jose"] == AUTH_DEPENDENCIES["jose"]
    env = env_example(plan)
    assert "AUTH_ADMINS" not in env
    for name in ("JWT_SECRET_PREVIOUS", "JWT_ISSUER", "AUTH_REFRESH_GRACE_SECONDS", "SCRYPT_COST"):
        assert name in env
    assert "npm run create-admin -- admin@example.com" in readme(plan)
    without = plan_of(DATASOURCE + "model Note {\n  id Int @id\n}\n")
    assert "jose" not in package_json(without) and "create-admin" not in package_json(without)


def test_routes_use_the_session_helpers() -> None:
    text = printed(auth_routes.emit(plan_of(BLOG_LIKE)))
    assert 'router.post("/logout-all", authenticate(prisma, config),' in text
    assert "const check = await verifyPassword(" in text and "check.rehashed" in text
    assert "config.AUTH_REFRESH_GRACE_SECONDS" in text
    assert "const cost = passwordCost(config);" in text
    assert "AUTH_ADMINS" not in text


def test_static_sources_use_jose_and_scrypt_2_17() -> None:
    tokens = runtime_text("src/gen/auth/tokens.ts")
    assert 'from "jose"' in tokens and 'const ALGORITHMS = ["HS256"];' in tokens
    assert "issuer: settings.JWT_ISSUER" in tokens and "audience: settings.JWT_AUDIENCE" in tokens
    assert "settings.JWT_SECRET_PREVIOUS" in tokens
    crypto = runtime_text("src/gen/auth/crypto.ts")
    assert "createHmac" not in crypto and "PRODUCTION_SCRYPT_COST = 131072" in crypto
    settings = runtime_text("src/gen/auth/settings.ts")
    assert ".default(131072)" in settings and "AUTH_ADMINS" not in settings
