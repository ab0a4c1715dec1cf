"""The exact package versions a generated backend depends on.

These are the versions the end-to-end suite installs, type-checks and runs; change them
only together with a green end-to-end run. ``prisma``, ``@prisma/client`` and the adapters
move together (same release). Each driver is pinned to the version its adapter asks for
(``@prisma/adapter-mariadb`` 7.10.0 depends on exactly ``mariadb`` 3.4.5), so npm installs
one copy.

An app depends on what every app needs plus the driver adapter of its database
(``dependencies(database)``); SQLite and PostgreSQL apps carry both of theirs, as they
always have, since their ``src/gen/db.ts`` names both.
"""

from __future__ import annotations

from typing import Final

PRISMA: Final = "7.10.0"

COMMON_DEPENDENCIES: Final[dict[str, str]] = {
    "@prisma/client": PRISMA,
    "cors": "2.8.6",
    "express": "5.3.0",
    "express-rate-limit": "8.7.5",
    "helmet": "8.3.0",
    "pino": "10.4.0",
    "pino-http": "11.0.0",
    "rate-limit-redis": "6.0.1",
    "redis": "5.9.0",
    "swagger-ui-express": "5.0.1",
    "zod": "4.6.7",
}

AUTH_DEPENDENCIES: Final[dict[str, str]] = {"jose": "6.2.18"}
"""What an app with a user model adds: jose signs and checks its access tokens (JWT)."""

COMMON_DEV_DEPENDENCIES: Final[dict[str, str]] = {
    "@types/cors": "2.8.19",
    "@types/express": "5.0.6",
    "@types/swagger-ui-express": "4.1.8",
    "@types/node": "24.19.4",
    "prisma": PRISMA,
    # Runs the TypeScript sources directly in development (`npm run dev`, `npm test`);
    # production runs the JavaScript `npm run build` writes to dist/.
    "tsx": "4.23.15",
    "typescript": "7.0.2",
}

_LIBSQL_AND_PG: Final[dict[str, str]] = {
    "@libsql/client": "0.17.4",
    "@prisma/adapter-libsql": PRISMA,
    "@prisma/adapter-pg": PRISMA,
    "pg": "8.23.1",
}

DATABASE_DEPENDENCIES: Final[dict[str, dict[str, str]]] = {
    "sqlite": _LIBSQL_AND_PG,
    "postgresql": _LIBSQL_AND_PG,
    "mysql": {"@prisma/adapter-mariadb": PRISMA, "mariadb": "3.4.5"},
    "sqlserver": {"@prisma/adapter-mssql": PRISMA, "mssql": "12.7.14"},
    "cockroachdb": {"@prisma/adapter-pg": PRISMA, "pg": "8.23.1"},
}
"""The driver adapter of each database and the driver it runs on."""

DATABASE_DEV_DEPENDENCIES: Final[dict[str, dict[str, str]]] = {
    "sqlite": {"@types/pg": "8.23.1"},
    "postgresql": {"@types/pg": "8.23.1"},
}


def dependencies(database: str) -> dict[str, str]:
    """The ``dependencies`` of an app for `database`, sorted by name."""
    return dict(sorted({**COMMON_DEPENDENCIES, **DATABASE_DEPENDENCIES[database]}.items()))


def dev_dependencies(database: str) -> dict[str, str]:
    """The ``devDependencies`` of an app for `database`, sorted by name."""
    extra = DATABASE_DEV_DEPENDENCIES.get(database, {})
    return dict(sorted({**COMMON_DEV_DEPENDENCIES, **extra}.items()))


DEPENDENCIES: Final[dict[str, str]] = dependencies("sqlite")
"""What a SQLite or PostgreSQL app depends on (the end-to-end harness tests install these)."""

DEV_DEPENDENCIES: Final[dict[str, str]] = dev_dependencies("sqlite")

NODE_ENGINE: Final = ">=24"
"""Node 24 is the active LTS; ``@types/node`` follows it."""
