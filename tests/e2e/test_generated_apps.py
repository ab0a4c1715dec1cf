"""Generates real apps (golden/demo, golden/blog, the kitchen sink), builds them, runs them
against SQLite and PostgreSQL, and holds them to API.md with the schema-driven checker.

Stages per app: generate → install → prisma generate → create database → tsc (nodenext and
bundler) → server → checks → SIGTERM. Each stage is timed; `pytest -s` prints one line per app.
Missing PostgreSQL binaries fail the PostgreSQL runs with the harness's message: nothing is
skipped silently.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from emitters.pipeline import GenerateOptions, generate_project
from emitters.plan.analysis import ProjectPlan
from emitters.write import write_files
from api_checks import AUTH_ENV, report, run_checks
from tools.e2e.harness import (
    REPO_ROOT,
    PostgresServer,
    Server,
    create_database,
    install_node_modules,
    prisma_generate,
    typecheck,
)

pytestmark = pytest.mark.e2e

SCHEMAS = {
    "demo": REPO_ROOT / "golden" / "demo" / "schema.prisma",
    "blog": REPO_ROOT / "golden" / "blog" / "schema.prisma",
    "ai_chat": REPO_ROOT / "golden" / "ai-chat" / "schema.prisma",
    "ecommerce": REPO_ROOT / "golden" / "ecommerce" / "schema.prisma",
    "kitchen_sink": Path(__file__).resolve().parent / "schemas" / "kitchen_sink.prisma",
    "names": Path(__file__).resolve().parent / "schemas" / "names.prisma",
    "keys": Path(__file__).resolve().parent / "schemas" / "keys.prisma",
}

SERVER_ENV = {"RATE_LIMIT_MAX": "1000000", "LOG_LEVEL": "warn", **AUTH_ENV}


class Stopwatch:
    def __init__(self) -> None:
        self.stages: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.monotonic()
        try:
            yield
        finally:
            self.stages[name] = time.monotonic() - start

    def line(self, label: str) -> str:
        parts = " ".join(f"{name} {seconds:.1f}s" for name, seconds in self.stages.items())
        return f"{label}: {parts} | total {sum(self.stages.values()):.1f}s"


def build_app(schema: Path, out_dir: Path, database: str, clock: Stopwatch) -> ProjectPlan:
    """Generates and prepares an app up to (not including) its database."""
    with clock.stage("generate"):
        result = generate_project(schema, GenerateOptions(database=database))
        write_files(out_dir, result.files)
    with clock.stage("install"):
        install_node_modules(out_dir)
    with clock.stage("prisma"):
        prisma_generate(out_dir)
    return result.plan


def typecheck_both(out_dir: Path, clock: Stopwatch) -> list[str]:
    problems: list[str] = []
    for resolution in ("nodenext", "bundler"):
        with clock.stage(f"tsc-{resolution}"):
            errors = typecheck(out_dir, resolution)
        problems += [f"[{resolution}] {line}" for line in errors]
    return problems


def run_app(plan: ProjectPlan, out_dir: Path, url: str, clock: Stopwatch, label: str) -> None:
    """Starts the server, runs every check, stops it (clean SIGTERM exit required)."""
    checks = []
    with clock.stage("server+checks"):
        server = Server(out_dir, {**SERVER_ENV, "DATABASE_URL": url})
        with server:
            checks = run_checks(plan, server)
    text = report(checks)
    print(text, flush=True)
    assert server.exit_code == 0, f"{label}: server exit code {server.exit_code} after SIGTERM"
    assert all(c.passed for c in checks), f"{label}: {text}"


def env_example(out_dir: Path) -> dict[str, str]:
    """The variables of the app's .env.example."""
    pairs = [
        line.split("=", 1)
        for line in (out_dir / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    return {name: value for name, value in pairs}


def refuses_production_with_the_example_env(out_dir: Path, plan: ProjectPlan) -> None:
    """`NODE_ENV=production` with .env.example: no start, one line per reason, exit 1."""
    env = {**os.environ, **env_example(out_dir), "NODE_ENV": "production", "PORT": "0"}
    done = subprocess.run(
        ["node", "--import", "tsx", "src/server.ts"],
        cwd=out_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0] == "Refusing to start in production:", done.stderr
    reasons = {line.strip().split(":", 1)[0] for line in lines[1:]}
    secrets = {"JWT_SECRET"} if plan.auth is not None else set()
    if plan.access.needs_token:
        secrets.add("API_TOKEN")
    assert reasons == {"CORS_ORIGINS", *secrets}, done.stderr
    assert "Error" not in done.stderr and "    at " not in done.stderr


@pytest.mark.parametrize("app", sorted(SCHEMAS))
def test_generated_app_sqlite(app: str, tmp_path: Path) -> None:
    clock = Stopwatch()
    out_dir = tmp_path / app
    try:
        plan = build_app(SCHEMAS[app], out_dir, "sqlite", clock)
        url = "file:./dev.db"
        with clock.stage("create-db"):
            create_database(out_dir, url)
        errors = typecheck_both(out_dir, clock)
        assert not errors, f"{app} (sqlite) does not type-check:\n" + "\n".join(errors)
        run_app(plan, out_dir, url, clock, f"{app} [sqlite]")
        with clock.stage("production refusal"):
            refuses_production_with_the_example_env(out_dir, plan)
    finally:
        print("\n" + clock.line(f"{app} [sqlite]"), flush=True)


@pytest.fixture(scope="module")
def postgres_cluster() -> Iterator[PostgresServer]:
    # No skip: without PostgreSQL binaries the harness raises with instructions.
    with PostgresServer() as server:
        yield server


@pytest.mark.parametrize("app", sorted(SCHEMAS))
def test_generated_app_postgresql(
    app: str, tmp_path: Path, postgres_cluster: PostgresServer
) -> None:
    clock = Stopwatch()
    out_dir = tmp_path / app
    try:
        plan = build_app(SCHEMAS[app], out_dir, "postgresql", clock)
        with clock.stage("create-db"):
            url = postgres_cluster.create_database(f"e2e_{app}")
            create_database(out_dir, url)
        errors = typecheck_both(out_dir, clock)
        assert not errors, f"{app} (postgresql) does not type-check:\n" + "\n".join(errors)
        run_app(plan, out_dir, url, clock, f"{app} [postgresql]")
    finally:
        print("\n" + clock.line(f"{app} [postgresql]"), flush=True)
