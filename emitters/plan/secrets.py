"""What a schema without our annotations still must not serve: columns whose names say they
hold secrets, and the tables of authentication libraries.

* **Secret-looking columns** (``password``, ``passwordHash``, ``salt``, ``secret``, ``token``,
  ``accessToken``, ``refresh_token``, ``apiKey``, ``otp``, anything ending in ``Password``,
  ``Token``, ``Secret``, ``ApiKey`` or ``PrivateKey``...) are never answered, filtered or
  sorted on: clients may still write them, as ``/// @writeOnly`` says. Each gets a one-line
  warning; ``/// @expose`` on the field serves it after all. A column that addresses records
  (the key of the routes) is left alone.
* **Authentication library tables**, recognised by name and columns: Auth.js's ``Account``,
  ``Session``, ``VerificationToken`` and ``Authenticator``, Lucia's ``Session`` and
  better-auth's ``Account``, ``Session`` and ``Verification``. They hold OAuth and session
  tokens and are not served unless the model carries ``/// @auth(...)`` rules.
"""

from __future__ import annotations

from ssot_ast.schema import Diagnostic, Model
from ssot_ast.schema.model import Field

#: Whole names (lower case, without ``_``) that hold secrets.
SECRET_NAMES = frozenset(
    {
        "password",
        "passwordhash",
        "hashedpassword",
        "hash",
        "salt",
        "passwordsalt",
        "secret",
        "token",
        "otp",
        "otpcode",
        "apikey",
        "sessionstate",
    }
)

#: Endings (lower case, without ``_``) of names that hold secrets.
SECRET_ENDINGS = ("password", "passwordhash", "token", "secret", "apikey", "privatekey")


def looks_secret(name: str) -> bool:
    """Whether a column named `name` most likely holds a secret."""
    plain = name.replace("_", "").lower()
    return plain in SECRET_NAMES or plain.endswith(SECRET_ENDINGS)


def secret_fields(model: Model, key: frozenset[str]) -> tuple[Field, ...]:
    """The columns of `model` served write-only because their names look secret: not in
    `key`, and not already hidden, write-only or exposed by an annotation."""
    return tuple(
        field
        for field in model.fields
        if looks_secret(field.name)
        and field.name not in key
        and not any(a.name in ("hidden", "writeOnly", "expose") for a in field.annotations)
    )


def secret_warning(model: Model, field: Field) -> Diagnostic:
    return Diagnostic.at(
        field.span,
        f"{model.name}.{field.name} is never answered, filtered or sorted on: its name says it"
        " holds a secret (clients may still write it)",
        "mark the field /// @expose to serve it, or /// @hidden to refuse writes too",
        severity="warning",
    )


def _has(model: Model, *names: str) -> bool:
    present = {field.name.replace("_", "").lower() for field in model.fields}
    return all(name.lower() in present for name in names)


def auth_library(model: Model) -> str | None:
    """The library whose table `model` looks like (``Auth.js``...), or None."""
    name = model.name.lower()
    if name in ("account", "accounts"):
        if _has(model, "provider", "providerAccountId"):
            return "Auth.js"
        if _has(model, "providerId", "accountId"):
            return "better-auth"
    if name in ("session", "sessions"):
        if _has(model, "sessionToken"):
            return "Auth.js"
        if _has(model, "token", "expiresAt", "userId"):
            return "better-auth"
        if _has(model, "expiresAt", "userId"):
            return "Lucia"
    if name in ("verificationtoken", "verificationtokens") and _has(model, "identifier", "token"):
        return "Auth.js"
    if name in ("verification", "verifications") and _has(model, "identifier", "value"):
        return "better-auth"
    if name in ("authenticator", "authenticators") and _has(model, "credentialID"):
        return "Auth.js"
    return None


def unserved_auth_table(model: Model) -> str | None:
    """Why `model` is not served (an authentication library's table without ``@auth``
    rules), or None when it is."""
    library = auth_library(model)
    if library is None or model.annotation("auth") is not None:
        return None
    return (
        f"model {model.name} is not served over HTTP: it looks like {library}'s table, which "
        "holds sign-in tokens"
    )
