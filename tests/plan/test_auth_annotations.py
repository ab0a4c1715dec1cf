"""Schema checks of the security annotations: @auth.user, @auth, @owner, @rateLimit and
hidden fields a create could not fill. Each error carries a location, a caret and a hint."""

from __future__ import annotations

import pytest

from ssot_ast.schema import SchemaError, parse_schema_text

HEAD = """
datasource db {
  provider = "sqlite"
}

enum Role {
  USER
  ADMIN
}
"""

USER = """
/// @auth.user(identifier: email, password: passwordHash, role: role)
model User {
  id           Int    @id @default(autoincrement())
  email        String @unique
  passwordHash String
  role         Role   @default(USER)
  posts        Post[]
}
"""

POST = """
/// {annotations}
model Post {{
  id       Int    @id @default(autoincrement())
  title    String
  author   User   @relation(fields: [authorId], references: [id])
  authorId Int
  editorId Int?
}}
"""


def _errors(text: str) -> list[str]:
    with pytest.raises(SchemaError) as caught:
        parse_schema_text(text)
    return [d.render(text.splitlines()) for d in caught.value.diagnostics]


def _post(*annotations: str) -> str:
    return POST.format(annotations="\n/// ".join(annotations))


def test_valid_security_annotations_pass() -> None:
    schema = parse_schema_text(
        HEAD
        + USER
        + _post(
            '@auth(read: "public", create: "user", update: "owner", delete: ["ADMIN"])',
            "@owner(authorId)",
            '@rateLimit(max: 5, window: "1m", actions: ["create", "update"])',
        )
    )
    assert schema.model("Post").annotation("owner") is not None


def test_unknown_role_names_the_role_with_a_hint() -> None:
    (error,) = _errors(HEAD + USER + _post('@auth(delete: ["ADMN"])'))
    assert 'unknown role "ADMN"' in error
    assert 'did you mean "ADMIN"?' in error
    assert "schema.prisma:" in error and "^" in error


def test_owner_field_must_be_a_foreign_key_to_the_user_model() -> None:
    (error,) = _errors(HEAD + USER + _post("@owner(editorId)"))
    assert "Post.editorId is not a foreign key to User" in error
    (missing,) = _errors(HEAD + USER + _post("@owner(writerId)"))
    assert 'has no field "writerId"' in missing


def test_owner_without_a_user_model() -> None:
    user = USER.replace(
        "/// @auth.user(identifier: email, password: passwordHash, role: role)\n", ""
    )
    errors = _errors(HEAD + user + _post("@owner(authorId)"))
    assert any("@owner needs a user model" in e for e in errors)


def test_auth_rules_without_a_user_model() -> None:
    user = USER.replace(
        "/// @auth.user(identifier: email, password: passwordHash, role: role)\n", ""
    )
    (error,) = _errors(HEAD + user + _post('@auth(read: "public")'))
    assert "@auth needs a user model" in error


def test_owner_rule_needs_an_owner_annotation() -> None:
    (error,) = _errors(HEAD + USER + _post('@auth(update: "owner")'))
    assert '"owner" needs @owner(field)' in error


def test_only_one_user_model() -> None:
    second = """
/// @auth.user(identifier: login, password: secret)
model Admin {
  id     Int    @id @default(autoincrement())
  login  String @unique
  secret String
}
"""
    (error,) = _errors(HEAD + USER + _post("@owner(authorId)") + second)
    assert "@auth.user is already on model User" in error


def test_user_fields_must_exist_and_fit() -> None:
    bad = USER.replace("password: passwordHash", "password: pass").replace(
        "role: role", "role: email"
    )
    errors = _errors(HEAD + bad + _post())
    assert any('has no field "pass"' in e for e in errors)
    assert any("the role field email must be an enum" in e for e in errors)


def test_hidden_field_required_on_create_without_default() -> None:
    text = HEAD + USER + _post() + """
model Secret {
  id    Int    @id @default(autoincrement())
  /// @hidden
  token String
}
"""
    (error,) = _errors(text)
    assert "Secret.token is @hidden but required on create" in error
    assert "hint:" in error


def test_user_password_is_exempt_from_the_hidden_check() -> None:
    text = HEAD + USER.replace("  passwordHash String\n", "  /// @hidden\n  passwordHash String\n")
    parse_schema_text(text + _post())


def test_rate_limit_actions_are_checked() -> None:
    (error,) = _errors(HEAD + USER + _post('@rateLimit(max: 5, window: "1m", actions: ["crate"])'))
    assert 'unknown action "crate"' in error and 'did you mean "create"?' in error


def test_role_argument_is_optional() -> None:
    user = USER.replace(", role: role", "")
    parse_schema_text(
        HEAD + user + _post('@auth(create: "user", update: "owner")', "@owner(authorId)")
    )
    (error,) = _errors(HEAD + user + _post('@auth(delete: ["ADMIN"])'))
    assert 'unknown role "ADMIN"' in error
