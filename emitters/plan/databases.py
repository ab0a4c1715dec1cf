"""The databases a generated app can run on, one row each, and what a schema must not ask of
each of them.

Every database is reached through a Prisma 7 driver adapter (the client has no engine of its
own any more), so a database is supported exactly when Prisma ships an adapter for it:

=============  ===============================  ==========================================
database       adapter (driver)                 DATABASE_URL
=============  ===============================  ==========================================
sqlite         @prisma/adapter-libsql (libSQL)  ``file:./dev.db``
postgresql     @prisma/adapter-pg (pg)          ``postgresql://user@host:5432/db``
mysql          @prisma/adapter-mariadb          ``mysql://`` or ``mariadb://`` (MySQL and MariaDB)
sqlserver      @prisma/adapter-mssql (mssql)    ``sqlserver://host:1433;database=db;...``
cockroachdb    @prisma/adapter-pg (pg)          ``postgresql://user@host:26257/db``
=============  ===============================  ==========================================

MongoDB has no driver adapter in Prisma 7: a schema for it is refused before anything is
generated, with ``UnsupportedDatabaseError``.

The checks here are the ones a schema that is valid for its own datasource can still fail on
the database chosen with ``--database``, plus the few rules of the chosen database that the
schema validator does not know (they would otherwise surface only in ``prisma generate``).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ssot_ast.schema import Schema
from ssot_ast.schema.model import Field, FieldKind

from emitters.plan.plans import AnalysisError


class UnsupportedDatabaseError(AnalysisError, ValueError):
    """The schema cannot be served on the chosen database (MongoDB, or an override such as
    ``--database sqlserver`` for a schema with enums). The message is one line."""


@attrs.frozen(kw_only=True, slots=True)
class Database:
    """One database a generated app can run on."""

    name: str
    """The datasource provider written into the app's ``prisma/schema.prisma``."""
    title: str
    """How people call it, in messages and the app's README."""
    example_url: str
    """A working development ``DATABASE_URL`` (``.env.example``)."""
    url_form: str
    """The URL's shape, in messages: ``mysql://user:password@host:3306/database``."""
    url_pattern: str
    """JavaScript regular expression (source) every DATABASE_URL for it matches."""
    url_prefixes: str
    """The URL schemes in words: ``mysql:// or mariadb://``."""
    adapter: str
    """The npm package of the driver adapter."""
    driver: str
    """The database driver the adapter runs on, in words (README, comments)."""
    list_fields: bool = False
    """Lists of scalars and enums (``String[]``)."""
    enums: bool = True
    json: bool = True


DATABASES: dict[str, Database] = {
    database.name: database
    for database in (
        Database(
            name="sqlite",
            title="SQLite",
            example_url="file:./dev.db",
            url_form="file:./dev.db",
            url_pattern="^file:",
            url_prefixes="file:",
            adapter="@prisma/adapter-libsql",
            driver="libSQL",
        ),
        Database(
            name="postgresql",
            title="PostgreSQL",
            example_url="postgresql://postgres:postgres@127.0.0.1:5432/app",
            url_form="postgres://user:password@host:5432/database",
            url_pattern="^postgres(ql)?:\\/\\/",
            url_prefixes="postgres:// or postgresql://",
            adapter="@prisma/adapter-pg",
            driver="pg",
            list_fields=True,
        ),
        Database(
            name="mysql",
            title="MySQL or MariaDB",
            example_url="mysql://root@127.0.0.1:3306/app",
            url_form="mysql://user:password@host:3306/database",
            url_pattern="^(mysql|mariadb):\\/\\/",
            url_prefixes="mysql:// or mariadb://",
            adapter="@prisma/adapter-mariadb",
            driver="mariadb",
        ),
        Database(
            name="sqlserver",
            title="SQL Server",
            example_url=(
                "sqlserver://127.0.0.1:1433;database=app;user=sa;password=Passw0rd!;"
                "encrypt=true;trustServerCertificate=true"
            ),
            url_form="sqlserver://host:1433;database=...;user=...;password=...",
            url_pattern="^sqlserver:\\/\\/",
            url_prefixes="sqlserver://",
            adapter="@prisma/adapter-mssql",
            driver="mssql",
            enums=False,
            json=False,
        ),
        Database(
            name="cockroachdb",
            title="CockroachDB",
            example_url="postgresql://root@127.0.0.1:26257/app?sslmode=disable",
            url_form="postgresql://user@host:26257/database",
            url_pattern="^postgres(ql)?:\\/\\/",
            url_prefixes="postgres:// or postgresql://",
            adapter="@prisma/adapter-pg",
            driver="pg",
            list_fields=True,
        ),
    )
}

SUPPORTED_DATABASES: tuple[str, ...] = tuple(DATABASES)
"""What ``--database`` accepts, in the order the help lists them."""

PROVIDER_ALIASES = {"postgres": "postgresql"}
"""Datasource providers Prisma accepts under another name."""

REFUSED = {
    "mongodb": "MongoDB is not supported: Prisma 7 has no driver adapter for it",
}


def database_of_provider(provider: str) -> str:
    """The database a schema's datasource provider asks for; refuses MongoDB and unknowns."""
    name = PROVIDER_ALIASES.get(provider, provider)
    if name in DATABASES:
        return name
    if name in REFUSED:
        raise UnsupportedDatabaseError(REFUSED[name])
    shown = repr(provider) if provider else "(none)"
    raise UnsupportedDatabaseError(
        f"the datasource provider {shown} is not supported; "
        f"generate with --database {' | '.join(SUPPORTED_DATABASES)}"
    )


def check_database_name(database: str) -> None:
    """Refuse a name that is not one of `SUPPORTED_DATABASES` (MongoDB with its reason)."""
    if database in REFUSED:
        raise UnsupportedDatabaseError(REFUSED[database])
    if database not in DATABASES:
        raise UnsupportedDatabaseError(
            f"database must be one of {', '.join(SUPPORTED_DATABASES)}, not {database!r}"
        )


def check_database(schema: Schema, database: str) -> None:
    """Refuse, in one line, a schema the chosen database cannot serve; the first problem wins
    (it names the model and field, and what to do)."""
    check_database_name(database)
    own = _own_provider(schema)
    if own in REFUSED:  # whatever the override, the schema itself is MongoDB's
        raise UnsupportedDatabaseError(REFUSED[own])
    problem = next(_problems(schema, DATABASES[database]), None)
    if problem is not None:
        raise UnsupportedDatabaseError(problem)


def _own_provider(schema: Schema) -> str:
    return PROVIDER_ALIASES.get(schema.provider, schema.provider)


def _problems(schema: Schema, database: Database) -> Iterator[str]:
    """Everything that keeps `schema` from running on `database`, most basic first."""
    own = _own_provider(schema)
    title = database.title
    served = [m for m in schema.models if not m.is_ignored]
    fields = [(m.name, f) for m in served for f in m.fields if not f.is_ignored]
    if own != database.name and database.name != "sqlite":
        # SQLite has no native types: they are left out of its schema copy. Other databases
        # have their own, which are not the schema's.
        for model, field in fields:
            if field.native_type is not None:
                theirs = DATABASES[own].title if own in DATABASES else own
                yield (
                    f"{model}.{field.name} uses @db.{field.native_type.name}, a {theirs} native "
                    f"type: remove the @db attributes to generate for {title}, or generate with "
                    f"--database {own}"
                )
                return
    if not database.enums and schema.enums:
        used = next(((m, f) for m, f in fields if f.kind is FieldKind.ENUM), None)
        where = f" ({used[0]}.{used[1].name} uses it)" if used else ""
        yield (
            f"{title} has no enums, and the schema declares enum {schema.enums[0].name}{where}: "
            "use a String field, or another database"
        )
    for model, field in fields:
        if not database.json and field.type == "Json" and field.kind is FieldKind.SCALAR:
            yield (
                f"{model}.{field.name} is Json, which Prisma does not support on {title}: "
                "use a String field, or another database"
            )
        if not database.list_fields and field.is_list and _is_scalar_or_enum(field):
            yield (
                f"{model}.{field.name} is a list of {field.type}, which {title} cannot store: "
                "use a related model, or PostgreSQL or CockroachDB"
            )
        if database.name == "cockroachdb" and _autoincrement(field) and field.type != "BigInt":
            yield (
                f"{model}.{field.name}: autoincrement() is only for BigInt fields on CockroachDB "
                "(its unique_rowid() values do not fit an Int): make it BigInt, or use "
                "another database"
            )


def _is_scalar_or_enum(field: Field) -> bool:
    return field.kind in (FieldKind.SCALAR, FieldKind.ENUM)


def _autoincrement(field: Field) -> bool:
    default = field.default
    return default is not None and default.function == "autoincrement"
