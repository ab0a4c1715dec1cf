"""Migrations of a generated app, end to end on PostgreSQL: golden/blog generated for
PostgreSQL, its first migration created from the schema (the SQL `prisma migrate diff
--from-empty --to-schema ... --script` prints) into `prisma/migrations/<timestamp>_init/`, then
deployed to an empty database as `npm run db:deploy` does (Prisma's schema engine, offline);
the blog's own `npm test` suite then passes on that database. `pytest -s` prints the stage
times.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from emitters.pipeline import GenerateOptions, generate_project
from emitters.write import write_files
from test_generated_npm_test import failures, npm_test
from tools.e2e.harness import (
    REPO_ROOT,
    PostgresServer,
    install_node_modules,
    migrate_deploy,
    migration_script,
    prisma_generate,
)

pytestmark = pytest.mark.e2e

SCHEMA = REPO_ROOT / "golden" / "blog" / "schema.prisma"
INIT = "20260101000000_init"


def test_blog_migration_applies_to_an_empty_postgresql(tmp_path: Path) -> None:
    stages: dict[str, float] = {}
    start = time.monotonic()

    def lap(stage: str) -> None:
        nonlocal start
        stages[stage] = time.monotonic() - start
        start = time.monotonic()

    app = tmp_path / "blog"
    try:
        write_files(app, generate_project(SCHEMA, GenerateOptions(database="postgresql")).files)
        package = json.loads((app / "package.json").read_text())
        assert package["scripts"]["db:migrate"] == "prisma migrate dev"
        assert package["scripts"]["db:deploy"] == "prisma migrate deploy"
        install_node_modules(app)
        prisma_generate(app)
        lap("generate+install")
        with PostgresServer() as pg:
            lap("postgres")
            sql = migration_script(app, pg.url)
            assert re.search(r'^CREATE TABLE "posts"', sql, re.M), sql[:2000]
            migrations = app / "prisma" / "migrations"
            (migrations / INIT).mkdir(parents=True)
            (migrations / INIT / "migration.sql").write_text(sql, encoding="utf-8")
            (migrations / "migration_lock.toml").write_text(
                'provider = "postgresql"\n', encoding="utf-8"
            )
            assert migrate_deploy(app, pg.url) == [INIT]
            # Deploying again applies nothing: the history table knows the migration.
            assert migrate_deploy(app, pg.url) == []
            history = pg.psql(
                "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL"
            )
            assert history.split() == [INIT]
            lap("migrate")
            code, output = npm_test(app, pg.url)
            lap("npm-test")
            assert code == 0, f"blog on PostgreSQL after migrate deploy:\n{failures(output)}"
    finally:
        print("\nblog migrations: " + " ".join(f"{s} {t:.1f}s" for s, t in stages.items()))
