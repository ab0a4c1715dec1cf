"""Tests of the end-to-end harness itself, on tiny hand-made projects (no generated app needed)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from emitters.project.stack import DEPENDENCIES, DEV_DEPENDENCIES

from tools.e2e.harness import (
    REPO_ROOT,
    HarnessError,
    PostgresServer,
    Server,
    cache_root,
    create_database,
    dependency_key,
    install_node_modules,
    node_bin_dir,
    node_env,
    typecheck,
)

pytestmark = pytest.mark.e2e

DEMO_SCHEMA = REPO_ROOT / "golden" / "demo" / "schema.prisma"

# Versions the generated apps use (emitters/stack.py), so the cache is shared.
_APP_DEPS = {"dependencies": DEPENDENCIES, "devDependencies": DEV_DEPENDENCIES}
TINY_PACKAGE = {
    "name": "tiny",
    "private": True,
    "type": "module",
    "devDependencies": {
        name: _APP_DEPS["devDependencies"][name] for name in ("@types/node", "tsx", "typescript")
    },
}

TSCONFIG = {
    "compilerOptions": {
        "target": "es2023",
        "module": "nodenext",
        "moduleResolution": "nodenext",
        "types": ["node"],
        "strict": True,
        "allowImportingTsExtensions": True,
        "noEmit": True,
        "skipLibCheck": True,
    },
    "include": ["src"],
}

# A stand-in for a generated server: /health, a JSON echo, SIGTERM → exit 0.
GOOD_SERVER = """\
import { createServer } from "node:http";

const server = createServer((req, res) => {
  if (req.url === "/health") {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ status: "ok" }));
    return;
  }
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    res.statusCode = req.method === "POST" ? 201 : 404;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ method: req.method, body: body ? JSON.parse(body) : null }));
  });
});
server.listen(Number(process.env["PORT"]), process.env["HOST"]);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
"""

# Ignores SIGTERM: the harness must kill it and say so.
STUBBORN_SERVER = """\
import { createServer } from "node:http";

createServer((_req, res) => res.end("ok")).listen(Number(process.env["PORT"]), "127.0.0.1");
process.on("SIGTERM", () => {});
"""


def _project(root: Path, files: dict[str, str]) -> Path:
    (root / "package.json").write_text(json.dumps(TINY_PACKAGE, indent=2) + "\n")
    (root / "tsconfig.json").write_text(json.dumps(TSCONFIG, indent=2) + "\n")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    install_node_modules(root)
    return root


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    with PostgresServer() as server:
        yield server


def test_dependency_key_depends_only_on_dependency_lists(tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    first.write_text(json.dumps({"name": "a", "dependencies": {"x": "1.0.0", "y": "2.0.0"}}))
    second.write_text(json.dumps({"dependencies": {"y": "2.0.0", "x": "1.0.0"}, "version": "9"}))
    assert dependency_key(first) == dependency_key(second)
    second.write_text(
        json.dumps({"dependencies": {"x": "1.0.0"}, "devDependencies": {"y": "2.0.0"}})
    )
    assert dependency_key(first) != dependency_key(second)
    assert len(dependency_key(first)) == 16


def test_install_links_node_modules_from_the_cache_the_shell_script_uses(tmp_path: Path) -> None:
    project = _project(tmp_path, {})
    installed = install_node_modules(project)
    assert installed.name == dependency_key(project / "package.json")
    assert installed.parent == cache_root() / "npm"
    assert (project / "node_modules").is_symlink()
    assert (project / "node_modules" / ".bin" / "tsc").exists()


def test_typecheck_reports_errors_under_both_resolutions(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "src/lib.ts": "export const answer: number = 42;\n",
            "src/main.ts": 'import { answer } from "./lib.ts";\nconst text: string = answer;\n'
            "console.log(text);\n",
        },
    )
    for resolution in ("nodenext", "bundler"):
        errors = typecheck(project, resolution)
        assert len(errors) == 1 and "TS2322" in errors[0] and "main.ts(2," in errors[0], errors
    assert not (project / "tsconfig.e2e-bundler.json").exists()
    (project / "src" / "main.ts").write_text(
        'import { answer } from "./lib.ts";\nconsole.log(answer);\n'
    )
    assert typecheck(project) == []
    assert typecheck(project, "bundler") == []


def test_server_starts_answers_and_exits_cleanly(tmp_path: Path) -> None:
    project = _project(tmp_path, {"src/server.ts": GOOD_SERVER})
    with Server(project, {}) as server:
        assert server.url.startswith("http://127.0.0.1:")
        health = server.request("GET", "/health")
        assert health.status == 200 and health.json == {"status": "ok"}
        created = server.request("POST", "/things", {"a": 1})
        assert created.status == 201 and created.json == {"method": "POST", "body": {"a": 1}}
        missing = server.request("GET", "/nothing")
        assert missing.status == 404
        assert missing.header("Content-Type") == "application/json"
        pid = server.pid
    assert server.exit_code == 0
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


# Compiled JavaScript (no tsx): /health answers with the version of Node that runs it.
VERSION_SERVER = """\
import { createServer } from "node:http";
const server = createServer((req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ status: "ok", node: process.version }));
});
server.listen(Number(process.env.PORT), process.env.HOST);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
"""


def test_apps_run_on_node_24_and_a_js_entry_runs_without_tsx(tmp_path: Path) -> None:
    assert (node_bin_dir() / "node").is_file()
    assert sorted(p.name for p in node_bin_dir().iterdir()) == ["node"]
    assert node_env()["PATH"].split(os.pathsep)[0] == str(node_bin_dir())
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "server.js").write_text(VERSION_SERVER)
    (tmp_path / "package.json").write_text('{"type": "module"}\n')
    with Server(tmp_path, {}, entry="dist/server.js") as server:
        answer = server.request("GET", "/health").object
    assert answer["node"].startswith("v24."), answer
    assert server.exit_code == 0


def test_server_that_ignores_sigterm_is_killed_and_reported(tmp_path: Path) -> None:
    project = _project(tmp_path, {"src/server.ts": STUBBORN_SERVER})
    server = Server(project, {}, timeout=3.0)
    server.start()
    pid = server.pid
    with pytest.raises(HarnessError, match="ignored SIGTERM"):
        server.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_server_that_crashes_at_start_is_reported_with_its_output(tmp_path: Path) -> None:
    project = _project(tmp_path, {"src/server.ts": 'throw new Error("no config here");\n'})
    with pytest.raises(HarnessError, match="no config here"):
        with Server(project, {}):
            pass


def test_postgres_server_answers_select_1(postgres: PostgresServer) -> None:
    assert postgres.psql("SELECT 1").strip() == "1"
    assert postgres.url.startswith("postgresql://postgres@127.0.0.1:")
    other = postgres.create_database("second")
    assert other.endswith("/second")
    assert postgres.psql("SELECT current_database()", database="second").strip() == "second"


def test_postgres_server_stops_and_removes_its_data() -> None:
    server = PostgresServer()
    with server:
        port = server.port
        data = server._data_dir
        assert data.exists()
    assert not data.exists()
    result = subprocess.run(
        [str(server.bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
        capture_output=True,
        check=False,
    )
    assert result.returncode != 0


def test_create_database_sqlite_builds_the_demo_tables(tmp_path: Path) -> None:
    (tmp_path / "prisma").mkdir()
    (tmp_path / "prisma" / "schema.prisma").write_text(DEMO_SCHEMA.read_text())
    script = create_database(tmp_path, "file:./dev.db")
    assert 'CREATE TABLE "Note"' in script
    with sqlite3.connect(tmp_path / "dev.db") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        indexes = {
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='index'")
        }
    assert {"Person", "Note"} <= tables
    assert "Person_email_key" in indexes


def test_create_database_postgres_builds_the_demo_tables(
    tmp_path: Path, postgres: PostgresServer
) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        DEMO_SCHEMA.read_text().replace('provider = "sqlite"', 'provider = "postgresql"')
    )
    url = postgres.create_database("demo")
    create_database(tmp_path, url, schema)
    tables = postgres.psql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
        "ORDER BY table_name",
        database="demo",
    ).split()
    assert tables == ["Note", "Person"]


def test_create_database_refuses_a_url_for_another_provider(tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match="schema provider is sqlite"):
        create_database(tmp_path, "postgresql://postgres@127.0.0.1:1/x", DEMO_SCHEMA)
