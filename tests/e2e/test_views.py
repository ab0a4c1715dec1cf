"""Views are served read-only: list, count and get answer from the database view; create,
update and delete have no route (404) and change nothing; a view with no unique column is
not served, with a warning. SQLite, with the view created the way a user would (SQL)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from emitters.pipeline import GenerateOptions, generate_project
from emitters.write import write_files
from api_checks import API_TOKEN, AUTH_ENV, report, run_checks
from tools.e2e.harness import (
    Server,
    create_database,
    install_node_modules,
    prisma_generate,
    typecheck,
)

pytestmark = pytest.mark.e2e

SCHEMA = Path(__file__).resolve().parent / "schemas" / "views.prisma"
VIEW_SQL = (
    'CREATE VIEW "AuthorStats" AS SELECT a."id" AS "authorId", a."name" AS "name", '
    'COUNT(b."id") AS "bookCount" FROM "Author" a LEFT JOIN "Book" b ON b."authorId" = a."id" '
    'GROUP BY a."id", a."name"'
)


def test_views_are_served_read_only(tmp_path: Path) -> None:
    result = generate_project(SCHEMA, GenerateOptions(database="sqlite"))
    plan = result.plan
    assert [m.names.model for m in plan.models] == ["Author", "Book", "AuthorStats"]
    stats = plan.model("AuthorStats")
    assert stats.actions == ("read", "list")
    warnings = [w.message for w in plan.warnings]
    assert any(m.startswith("view Everything is not served") for m in warnings), warnings
    files = {f.path: f.content for f in result.files}
    routes = files["src/gen/author-stats/author-stats.routes.ts"]
    assert "router.post" not in routes and "router.patch" not in routes
    assert "router.delete" not in routes and 'router.get("/:authorId"' in routes

    app = tmp_path / "app"
    write_files(app, result.files)
    install_node_modules(app)
    prisma_generate(app)
    create_database(app, "file:./dev.db")
    for resolution in ("nodenext", "bundler"):
        assert typecheck(app, resolution) == [], resolution
    database = next(app.rglob("dev.db"))
    with sqlite3.connect(database) as connection:
        connection.execute(VIEW_SQL)
    env = {"RATE_LIMIT_MAX": "1000000", "LOG_LEVEL": "warn", **AUTH_ENV}
    server = Server(
        app,
        {**env, "DATABASE_URL": "file:./dev.db"},
        headers={"authorization": f"Bearer {API_TOKEN}"},  # no user model: the API token
    )
    with server:
        checks = run_checks(plan, server)  # first: the checker expects tables it alone fills
        author = server.request("POST", "/api/authors", {"name": "Ada", "email": "ada@x.io"})
        assert author.status == 201
        author_id = author.object["id"]
        for title in ("One", "Two"):
            book = server.request("POST", "/api/books", {"title": title, "authorId": author_id})
            assert book.status == 201
        row = server.request("GET", f"/api/author-stats/{author_id}")
        assert row.status == 200
        assert row.json == {"authorId": author_id, "name": "Ada", "bookCount": 2}
        query = f"/api/author-stats?authorId={author_id}&bookCount[gte]=2&sort=-bookCount"
        listed = server.request("GET", query)
        assert listed.status == 200 and listed.object["data"] == [row.json]
        assert server.request("POST", "/api/author-stats", {"authorId": 1}).status == 404
    text = report(checks)
    assert server.exit_code == 0
    assert all(c.passed for c in checks), text
    assert any("read-only" in c.name or "not served" in c.name for c in checks)
