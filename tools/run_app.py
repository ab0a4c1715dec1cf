"""Bring a generated app to life offline and show it answering: install its packages
(cached), run ``prisma generate``, create the database, type-check it, start the server,
send a few requests, and stop it with SIGTERM.

usage: python3 tools/run_app.py APP_DIR [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.e2e.harness import (  # noqa: E402
    Server,
    create_database,
    install_node_modules,
    prisma_generate,
    typecheck,
)


def stage(name: str, started: float) -> None:
    print(f"  {name:<28} {time.perf_counter() - started:6.2f} s")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path)
    parser.add_argument("--database-url", default="file:./dev.db")
    args = parser.parse_args(argv)
    app: Path = args.app.resolve()
    print(f"{app}:")
    t = time.perf_counter()
    install_node_modules(app)
    stage("npm install (cached)", t)
    t = time.perf_counter()
    prisma_generate(app)
    stage("prisma generate", t)
    t = time.perf_counter()
    create_database(app, args.database_url)
    stage("create database", t)
    for resolution in ("nodenext", "bundler"):
        t = time.perf_counter()
        errors = typecheck(app, resolution)
        stage(f"tsc --noEmit ({resolution})", t)
        if errors:
            print("\n".join(errors))
            return 1
    t = time.perf_counter()
    env = {**example_env(app), "DATABASE_URL": args.database_url}
    with Server(app, env) as server:
        stage("server start", t)
        for path in ("/health", "/ready"):
            response = server.request("GET", path)
            print(f"  GET {path} -> {response.status} {json.dumps(response.json)}")
        first_route = _first_route(app)
        if first_route:
            response = server.request("GET", f"/api/{first_route}?take=2")
            print(
                f"  GET /api/{first_route}?take=2 -> {response.status} {json.dumps(response.json)}"
            )
    print(f"  stopped with SIGTERM, exit code {server.exit_code}")
    return 0 if server.exit_code == 0 else 1


def example_env(app: Path) -> dict[str, str]:
    """The development values of .env.example, as `set -a; . ./.env.example` would give."""
    values: dict[str, str] = {}
    example = app / ".env.example"
    if example.exists():
        for line in example.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and "=" in line:
                name, _, value = line.partition("=")
                values[name.strip()] = value.strip()
    values.pop("PORT", None)  # the harness picks a free port
    values.pop("HOST", None)
    return values


def _first_route(app: Path) -> str | None:
    readme = (app / "README.md").read_text(encoding="utf-8") if (app / "README.md").exists() else ""
    for line in readme.splitlines():
        if line.startswith("| `/api/"):
            return line.split("`/api/")[1].split("`")[0]
    return None


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
