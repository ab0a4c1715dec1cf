"""Secure defaults of an unannotated schema: secret-looking columns are never answered, auth
library tables are not served, and an API without users is closed by its API token."""

from __future__ import annotations

import pytest

from emitters.pipeline import GenerateOptions, plan_project
from emitters.plan.analysis import AnalysisError
from emitters.plan.api_access import ApiAccess, api_access
from emitters.plan.plans import ProjectPlan
from emitters.plan.secrets import looks_secret
from ssot_ast.schema import parse_schema_text

DATASOURCE = 'datasource db {\n  provider = "sqlite"\n}\n\n'

AUTHJS = DATASOURCE + """model User {
  id            String    @id @default(cuid())
  email         String    @unique
  passwordHash  String?
  name          String?
  accounts      Account[]
  sessions      Session[]
}

model Account {
  id                String  @id @default(cuid())
  userId            String
  provider          String
  providerAccountId String
  refresh_token     String?
  access_token      String?
  user              User    @relation(fields: [userId], references: [id], onDelete: Cascade)

  @@unique([provider, providerAccountId])
}

model Session {
  id           String   @id @default(cuid())
  sessionToken String   @unique
  userId       String
  expires      DateTime
  user         User     @relation(fields: [userId], references: [id], onDelete: Cascade)
}

model VerificationToken {
  identifier String
  token      String   @unique
  expires    DateTime

  @@unique([identifier, token])
}

model ApiClient {
  id        Int    @id @default(autoincrement())
  name      String
  /// @expose
  publicToken String
  clientSecret String
  tokensUsed Int @default(0)
}
"""


def plan_of(text: str, access: str | None = None) -> ProjectPlan:
    return plan_project(parse_schema_text(text, "s.prisma"), GenerateOptions(access=access))


@pytest.mark.parametrize(
    "name",
    [
        "password",
        "passwordHash",
        "hashed_password",
        "salt",
        "refresh_token",
        "access_token",
        "sessionToken",
        "apiKey",
        "otp",
        "clientSecret",
        "privateKey",
        "token",
    ],
)
def test_secret_names(name: str) -> None:
    assert looks_secret(name)


@pytest.mark.parametrize("name", ["tokensUsed", "promptTokens", "email", "hashtag", "keyword"])
def test_ordinary_names(name: str) -> None:
    assert not looks_secret(name)


def test_auth_library_tables_are_not_served_nor_includable() -> None:
    plan = plan_of(AUTHJS)
    assert [m.names.model for m in plan.models] == ["User", "ApiClient"]
    user = plan.model("User")
    assert [r.name for r in user.relations] == []
    skipped = [w.message for w in plan.warnings if "is not served" in w.message]
    assert len(skipped) == 3 and "looks like Auth.js's table" in skipped[0]


def test_an_auth_table_with_rules_is_served() -> None:
    text = AUTHJS.replace(
        "model User {", "/// @auth.user(identifier: email, password: passwordHash)\nmodel User {"
    ).replace("model Session {", '/// @auth(read: "owner")\n/// @owner(userId)\nmodel Session {')
    text = text.replace("passwordHash  String?", "passwordHash  String")
    plan = plan_of(text)
    assert [m.names.model for m in plan.models] == ["User", "Session", "ApiClient"]
    session = {f.name: f for f in plan.model("Session").fields}
    assert not session["sessionToken"].readable  # its name still says secret
    # The sign-in password is hidden as before, with no extra warning.
    assert not [w for w in plan.warnings if w.message.startswith("User.passwordHash")]


def test_secret_columns_are_write_only_with_a_warning() -> None:
    plan = plan_of(AUTHJS)
    fields = {f.name: f for f in plan.model("User").fields}
    hash_ = fields["passwordHash"]
    assert not hash_.readable and hash_.filter_ops == () and not hash_.sortable
    assert hash_.create is not None and hash_.updatable
    client = {f.name: f for f in plan.model("ApiClient").fields}
    assert not client["clientSecret"].readable
    assert client["publicToken"].readable  # /// @expose
    assert client["tokensUsed"].readable
    warned = sorted(w.message.split(" ", 1)[0] for w in plan.warnings if "secret" in w.message)
    assert warned == ["ApiClient.clientSecret", "User.passwordHash"]


def test_a_secret_looking_key_stays_served() -> None:
    text = DATASOURCE + "model Invite {\n  token String @id\n  note String\n}\n"
    (field,) = [f for f in plan_of(text).model("Invite").fields if f.name == "token"]
    assert field.readable


def test_access_of_an_api_without_users() -> None:
    assert plan_of(AUTHJS).access is ApiAccess.TOKEN
    assert plan_of(AUTHJS, "public-reads").access is ApiAccess.PUBLIC_READS
    assert plan_of(AUTHJS, "public").access is ApiAccess.PUBLIC
    assert not ApiAccess.PUBLIC.needs_token and ApiAccess.PUBLIC_READS.needs_token
    warning = [w for w in plan_of(AUTHJS).warnings if "no user model" in w.message]
    assert len(warning) == 1 and "API_TOKEN" in warning[0].message
    with pytest.raises(ValueError, match="unknown access"):
        GenerateOptions(access="open")
    with pytest.raises(ValueError, match="without a user model"):
        api_access(True, "public")
