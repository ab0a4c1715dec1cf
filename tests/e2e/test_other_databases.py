"""Generated apps on the databases besides SQLite and PostgreSQL, through Prisma 7's driver
adapters.

- MySQL (@prisma/adapter-mariadb): the shop schema written for MySQL, and the demo, blog and
  kitchen-sink schemas generated with `--database mysql`, go through the same stages as in
  test_generated_apps.py (generate → install → prisma generate → tables → tsc nodenext and
  bundler → server → the schema-driven checker → SIGTERM) against a real MariaDB server.
  The server runs with TZ=America/New_York so that a DateTime shifted by the local time zone
  shows up. The shop's and the blog's own `npm test` suites run there too.
- SQL Server (@prisma/adapter-mssql) and CockroachDB (@prisma/adapter-pg): no server on the
  test machines, so generate → install → prisma generate (Prisma validates the schema for
  that connector) → tsc under both resolutions, and the client is constructed with a URL of
  its database (Prisma checks the adapter's provider against the schema's there).

Missing MariaDB binaries fail the MySQL runs with the harness's message: nothing is skipped
silently.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from api_checks import report, run_checks
from emitters.plan.analysis import ProjectPlan
from test_generated_apps import SCHEMAS, SERVER_ENV, Stopwatch, build_app, typecheck_both
from test_generated_npm_test import SUMMARY, failures, npm_test
from tools.e2e.harness import REPO_ROOT, MariaDBServer, Server, create_database

pytestmark = pytest.mark.e2e

SCHEMA_DIR = REPO_ROOT / "tests" / "e2e" / "schemas"

MYSQL_SCHEMAS = {
    "mysql_shop": SCHEMA_DIR / "mysql_shop.prisma",
    "demo": SCHEMAS["demo"],
    "blog": SCHEMAS["blog"],
    "kitchen_sink": SCHEMAS["kitchen_sink"],
}
"""Apps run on MariaDB: one schema written for MySQL (native types, enums, Decimal, Json,
BigInt keys, a compound @@id) and three SQLite schemas generated with --database mysql."""

NO_SERVER_SCHEMAS = {
    "sqlserver": SCHEMA_DIR / "sqlserver_shop.prisma",
    "cockroachdb": SCHEMA_DIR / "cockroach_shop.prisma",
}

EXAMPLE_URLS = {
    "sqlserver": (
        "sqlserver://127.0.0.1:1433;database=app;user=sa;password=Passw0rd!;"
        "encrypt=true;trustServerCertificate=true"
    ),
    "cockroachdb": "postgresql://root@127.0.0.1:26257/app?sslmode=disable",
}

# Constructs the client for a URL of its database (Prisma refuses an adapter of another
# provider in the constructor), then shows that another database's URL is refused in words.
CLIENT_PROBE = """\
import { createPrismaClient } from "./src/gen/db.ts";
import { SCHEMA_PROVIDER } from "./src/gen/dialect.ts";

const client = createPrismaClient(process.argv[2] ?? "");
console.log(`constructed ${SCHEMA_PROVIDER} ${typeof client.$connect}`);
try {
  createPrismaClient("mysql://root@127.0.0.1:3306/app");
  console.log("accepted a MySQL URL");
} catch (error) {
  console.log(`refused: ${(error as Error).message}`);
}
"""


def run_app(plan: ProjectPlan, out_dir: Path, url: str, clock: Stopwatch, label: str) -> None:
    """test_generated_apps.run_app, with the server in another time zone than UTC."""
    checks = []
    with clock.stage("server+checks"):
        env = {**SERVER_ENV, "DATABASE_URL": url, "TZ": "America/New_York"}
        server = Server(out_dir, env)
        with server:
            checks = run_checks(plan, server)
    text = report(checks)
    print(text, flush=True)
    assert server.exit_code == 0, f"{label}: server exit code {server.exit_code} after SIGTERM"
    assert all(c.passed for c in checks), f"{label}: {text}"


@pytest.fixture(scope="module")
def mariadb_server() -> Iterator[MariaDBServer]:
    # No skip: without MariaDB binaries the harness raises with instructions.
    with MariaDBServer() as server:
        yield server


def test_mariadb_server_starts_serves_and_leaves_nothing() -> None:
    """The harness's MariaDB: databases in utf8mb4_unicode_ci, root over TCP, stopped by its
    PID with its folder removed."""
    server = MariaDBServer("first")
    with server:
        pid, folder = server.pid, server._folder()
        assert server.url.startswith("mysql://root@127.0.0.1:")
        assert server.url.endswith("/first")
        assert server.create_database("second").endswith("/second")
        collation = server.sql("SELECT @@collation_database", database="second").strip()
        assert collation == "utf8mb4_unicode_ci"
        assert folder.is_dir()
    assert not folder.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.mark.parametrize("app", sorted(MYSQL_SCHEMAS))
def test_generated_app_mysql(app: str, tmp_path: Path, mariadb_server: MariaDBServer) -> None:
    clock = Stopwatch()
    out_dir = tmp_path / app
    try:
        plan = build_app(MYSQL_SCHEMAS[app], out_dir, "mysql", clock)
        assert plan.provider == "mysql"
        schema_copy = (out_dir / "prisma" / "schema.prisma").read_text()
        assert 'provider = "mysql"' in schema_copy
        with clock.stage("create-db"):
            url = mariadb_server.create_database(f"e2e_{app}")
            create_database(out_dir, url)
        errors = typecheck_both(out_dir, clock)
        assert not errors, f"{app} (mysql) does not type-check:\n" + "\n".join(errors)
        run_app(plan, out_dir, url, clock, f"{app} [mysql]")
    finally:
        print("\n" + clock.line(f"{app} [mysql]"), flush=True)


@pytest.mark.parametrize("app", ["blog", "mysql_shop"])
def test_generated_npm_test_passes_on_mysql(
    app: str, tmp_path: Path, mariadb_server: MariaDBServer
) -> None:
    """The API test suite the app ships (`npm test`; blog's has the security tests too)
    holds on MariaDB as it does on SQLite."""
    clock = Stopwatch()
    out_dir = tmp_path / app
    try:
        build_app(MYSQL_SCHEMAS[app], out_dir, "mysql", clock)
        with clock.stage("create-db"):
            url = mariadb_server.create_database(f"npm_{app}")
            create_database(out_dir, url)
        with clock.stage("npm-test"):
            code, output = npm_test(out_dir, url)
        print("\n" + " | ".join(m.group(0) for m in SUMMARY.finditer(output)), flush=True)
        assert code == 0, f"{app} [mysql]: npm test failed:\n{failures(output)}"
    finally:
        print("\n" + clock.line(f"{app} [mysql, npm test]"), flush=True)


@pytest.mark.parametrize("database", sorted(NO_SERVER_SCHEMAS))
def test_generated_app_type_checks_without_server(database: str, tmp_path: Path) -> None:
    clock = Stopwatch()
    out_dir = tmp_path / database
    try:
        plan = build_app(NO_SERVER_SCHEMAS[database], out_dir, database, clock)
        assert plan.provider == database
        assert f'provider = "{database}"' in (out_dir / "prisma" / "schema.prisma").read_text()
        errors = typecheck_both(out_dir, clock)
        assert not errors, f"{database} app does not type-check:\n" + "\n".join(errors)
        probe = out_dir / "probe-client.ts"
        probe.write_text(CLIENT_PROBE, encoding="utf-8")
        with clock.stage("client"):
            result = subprocess.run(
                ["node", "--import", "tsx", probe.name, EXAMPLE_URLS[database]],
                cwd=out_dir,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        assert f"constructed {database} function" in output
        assert "refused: DATABASE_URL must start with" in output
    finally:
        print("\n" + clock.line(f"{database} [generate+tsc]"), flush=True)
