"""The container files of a generated app: ``Dockerfile`` and ``.dockerignore`` (static, the
same for every schema, read from ``static/``) and ``compose.yaml``, whose database service
follows the schema's provider.

``compose.yaml`` is built as Python data and serialised with PyYAML: the app (the
Dockerfile's runtime stage), a one-off ``migrate`` service (the Dockerfile's ``migrate``
stage, run by hand: ``docker compose run --rm migrate``), the database and Redis. The app
starts only once the database and Redis pass their health checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Final

import attrs
import yaml

from emitters.artifact import Artifact, Ownership
from emitters.plan.plans import ProjectPlan

DOCKERFILE: Final = "Dockerfile"
DOCKERIGNORE: Final = ".dockerignore"
COMPOSE: Final = "compose.yaml"

REDIS_IMAGE: Final = "redis:8-alpine"


@attrs.frozen(kw_only=True)
class DatabaseService:
    """How compose runs one database: image, settings, data folder, health check, and the
    DATABASE_URL the app reaches it at (compose interpolates ``${...}`` from the shell or .env)."""

    image: str
    environment: dict[str, str]
    data: str
    """The folder of the image that holds the data (a named volume)."""
    healthcheck: list[str]
    url: str
    command: list[str] | None = None
    title: str | None = None
    """The server's name when it is not the provider's (MariaDB for ``mysql``)."""


_HEALTH_TIMING: Final[dict[str, object]] = {
    "interval": "5s",
    "timeout": "5s",
    "retries": 20,
    "start_period": "10s",
}

SERVICES: Final[dict[str, DatabaseService]] = {
    "postgresql": DatabaseService(
        image="postgres:17",
        environment={
            "POSTGRES_USER": "app",
            "POSTGRES_PASSWORD": "${DB_PASSWORD:-app}",
            "POSTGRES_DB": "app",
        },
        data="/var/lib/postgresql/data",
        healthcheck=["CMD", "pg_isready", "-U", "app", "-d", "app"],
        url="postgresql://app:${DB_PASSWORD:-app}@db:5432/app",
    ),
    # MariaDB speaks MySQL's protocol and SQL, and is what the app's driver adapter
    # (@prisma/adapter-mariadb) is tested against; MySQL 8 works too (mysql:8.4 with
    # MYSQL_* variables) once its users authenticate in a way the driver accepts.
    "mysql": DatabaseService(
        image="mariadb:11.4",
        environment={
            "MARIADB_DATABASE": "app",
            "MARIADB_USER": "app",
            "MARIADB_PASSWORD": "${DB_PASSWORD:-app}",
            "MARIADB_RANDOM_ROOT_PASSWORD": "yes",
        },
        data="/var/lib/mysql",
        healthcheck=["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"],
        url="mysql://app:${DB_PASSWORD:-app}@db:3306/app",
        title="MariaDB",
    ),
    "sqlserver": DatabaseService(
        image="mcr.microsoft.com/mssql/server:2022-latest",
        environment={"ACCEPT_EULA": "Y", "MSSQL_SA_PASSWORD": "${DB_PASSWORD:-App-Passw0rd}"},
        data="/var/opt/mssql",
        healthcheck=[
            "CMD-SHELL",
            '/opt/mssql-tools18/bin/sqlcmd -C -S localhost -U sa -P "$$MSSQL_SA_PASSWORD" '
            '-Q "SELECT 1"',
        ],
        url=(
            "sqlserver://db:1433;database=app;user=sa;password=${DB_PASSWORD:-App-Passw0rd};"
            "encrypt=true;trustServerCertificate=true"
        ),
    ),
    "cockroachdb": DatabaseService(
        image="cockroachdb/cockroach:latest-v25.2",
        command=["start-single-node", "--insecure"],
        environment={"COCKROACH_DATABASE": "app"},
        data="/cockroach/cockroach-data",
        healthcheck=["CMD", "cockroach", "sql", "--insecure", "--execute", "SELECT 1"],
        url="postgresql://root@db:26257/app?sslmode=disable",
    ),
}
"""The database service of each provider compose can run (SQLite is a file: no service)."""

SQLITE_URL: Final = "file:/app/data/app.db"
"""SQLite in a container: a file in the runtime image's writable ``data`` folder (a volume)."""


def _static(name: str) -> str:
    return resources.files("emitters.project").joinpath("static", name).read_text("utf-8")


def dockerfile() -> str:
    return _static("Dockerfile")


def dockerignore() -> str:
    return _static("dockerignore")


def _healthy(*services: str) -> dict[str, object]:
    return {name: {"condition": "service_healthy"} for name in services}


def compose(plan: ProjectPlan) -> dict[str, object]:
    """The compose file of `plan` as data (the compose specification's shape)."""
    service = SERVICES.get(plan.provider)
    url = service.url if service is not None else SQLITE_URL
    environment: dict[str, str] = {
        "NODE_ENV": "production",
        "DATABASE_URL": url,
        "REDIS_URL": "redis://redis:6379",
        # Production refuses `*`: the browsers' origins allowed to call the API.
        "CORS_ORIGINS": "${CORS_ORIGINS:-http://localhost:3000}",
        "TRUST_PROXY": "${TRUST_PROXY:-false}",
    }
    if plan.auth is not None:
        environment["JWT_SECRET"] = "${JWT_SECRET:?set JWT_SECRET (openssl rand -base64 48)}"
    if plan.access.needs_token:
        environment["API_TOKEN"] = "${API_TOKEN:?set API_TOKEN (openssl rand -base64 48)}"
    waits = ("db", "redis") if service is not None else ("redis",)
    app: dict[str, object] = {
        "build": {"context": ".", "target": "runtime"},
        "ports": ["${PORT:-3000}:3000"],
        "environment": environment,
        "depends_on": _healthy(*waits),
        "restart": "unless-stopped",
    }
    volumes: dict[str, object] = {}
    if service is None:
        app["volumes"] = ["app-data:/app/data"]
        volumes["app-data"] = {}
    migrate: dict[str, object] = {
        "build": {"context": ".", "target": "migrate"},
        "environment": {"DATABASE_URL": url},
        # Not part of `docker compose up`: run it on purpose, before starting a new version.
        "profiles": ["migrate"],
    }
    if service is None:
        # The database file must stay writable by the app, which runs as `node`.
        migrate["user"] = "node"
        migrate["volumes"] = ["app-data:/app/data"]
    else:
        migrate["depends_on"] = _healthy("db")
    services: dict[str, object] = {"app": app, "migrate": migrate}
    if service is not None:
        db: dict[str, object] = {"image": service.image}
        if service.command is not None:
            db["command"] = service.command
        db["environment"] = service.environment
        db["volumes"] = [f"db-data:{service.data}"]
        db["healthcheck"] = {"test": service.healthcheck, **_HEALTH_TIMING}
        db["restart"] = "unless-stopped"
        services["db"] = db
        volumes["db-data"] = {}
    services["redis"] = {
        "image": REDIS_IMAGE,
        "healthcheck": {"test": ["CMD", "redis-cli", "ping"], **_HEALTH_TIMING},
        "restart": "unless-stopped",
    }
    return {"services": services, "volumes": volumes}


COMPOSE_HEADER: Final = """\
# @generated by ssot-codegen, then yours. The app, its database and Redis:
#   docker compose build
#   docker compose run --rm migrate   # applies prisma/migrations: before the first start and
#                                     # after each new migration, never at start-up
#   docker compose up -d              # the app starts once its database and Redis are healthy
# Variables come from the shell or a .env file next to this one (see the README).
"""


class _IndentedLists(yaml.SafeDumper):
    """Indents the items of a list under their key, as prettier and most compose files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def compose_yaml(plan: ProjectPlan) -> str:
    body = yaml.dump(
        compose(plan), Dumper=_IndentedLists, sort_keys=False, default_flow_style=False, width=100
    )
    return COMPOSE_HEADER + body


def emit(plan: ProjectPlan) -> Iterator[Artifact]:
    """The container files: the user's to adapt once written (images, ports, secrets)."""
    yield Artifact(path=DOCKERFILE, text=dockerfile(), ownership=Ownership.SCAFFOLD)
    yield Artifact(path=DOCKERIGNORE, text=dockerignore(), ownership=Ownership.SCAFFOLD)
    yield Artifact(path=COMPOSE, text=compose_yaml(plan), ownership=Ownership.SCAFFOLD)
