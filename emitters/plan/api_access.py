"""Who may call the API of a schema without a user model.

With a user model (`/// @auth.user`), access follows the `@auth` rules of each model. Without
one there is nobody to sign in, so the app is closed by default: every route under /api needs
the bearer token from the environment (`API_TOKEN`). The generator option ``access`` (the
``--access`` flag, or ``access = "..."`` in a ``generator ssot`` block) opens it explicitly:

=================  ================================================================
``token``          the default: every /api request needs ``Authorization: Bearer``
``public-reads``   anyone may read (GET, HEAD); writes need the token
``public``         anyone may read and write: no token at all
=================  ================================================================
"""

from __future__ import annotations

import enum

from ssot_ast.schema import Diagnostic, Schema


class ApiAccess(enum.Enum):
    """How the API of a project is protected."""

    USERS = "users"
    """A user model: sign-in, access tokens and the `@auth` rules of each model."""
    TOKEN = "token"
    """No user model: every /api request needs the API token."""
    PUBLIC_READS = "public-reads"
    """No user model: reads are open to anyone, writes need the API token."""
    PUBLIC = "public"
    """No user model: the API is open to anyone, reads and writes."""

    @property
    def needs_token(self) -> bool:
        """Whether the app has an API token (`API_TOKEN` in its configuration)."""
        return self in (ApiAccess.TOKEN, ApiAccess.PUBLIC_READS)


#: The values of the ``access`` option (a schema without a user model only).
ACCESS_OPTIONS = ("token", "public-reads", "public")


def api_access(has_users: bool, option: str | None) -> ApiAccess:
    """The access of a project: USERS with a user model, else what `option` says (``token``
    when it says nothing). Raises ``ValueError`` for an unknown option, and for an option on
    a schema with a user model (its models' ``@auth`` rules say who may do what)."""
    if option is not None and option not in ACCESS_OPTIONS:
        raise ValueError(f"unknown access {option!r}: expected one of {', '.join(ACCESS_OPTIONS)}")
    if has_users:
        if option is not None:
            raise ValueError(
                "access applies to schemas without a user model; with /// @auth.user, the"
                " @auth rules of each model say who may do what"
            )
        return ApiAccess.USERS
    return ApiAccess(option or "token")


_WARNINGS = {
    ApiAccess.TOKEN: (
        "no user model (/// @auth.user): every /api request needs the bearer token API_TOKEN",
        'to open reads, set access = "public-reads" in a generator ssot block (or --access'
        " public-reads); a user model gives sign-in and per-model @auth rules",
    ),
    ApiAccess.PUBLIC_READS: (
        "access is public-reads: anyone may read every model; writes need the bearer token"
        " API_TOKEN",
        None,
    ),
    ApiAccess.PUBLIC: (
        "access is public: anyone may read and write every model, with no token at all",
        "use it for throw-away prototypes only",
    ),
}


def access_warnings(schema: Schema, access: ApiAccess) -> list[Diagnostic]:
    """One line saying who may call an API without a user model (at its first model)."""
    if access is ApiAccess.USERS or not schema.models:
        return []
    message, hint = _WARNINGS[access]
    return [Diagnostic.at(schema.models[0].span, message, hint, severity="warning")]
