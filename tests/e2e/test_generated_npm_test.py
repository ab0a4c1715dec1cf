"""Runs the API test suite each generated app ships (`npm test`, node's test runner) for
golden/demo, golden/blog, golden/ai-chat, golden/ecommerce and the kitchen sink on SQLite:
generate, install, prisma generate, create the database, type-check (nodenext and bundler,
tests included), then `npm test` (with tests/security.test.ts where the schema has a user
model), and for demo, blog and the kitchen sink a second time, on the database the first run
filled. Blog is then built (`npm run build`) and its compiled server, `node dist/server.js`,
must answer /health and a list. Everything runs on Node 24. `pytest -s` prints node's summary
lines and the stage times.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from emitters.pipeline import GenerateOptions, generate_project
from emitters.write import write_files
from api_checks import AUTH_ENV
from tools.e2e.harness import (
    REPO_ROOT,
    Server,
    build,
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
}

NPM_TEST_TIMEOUT = 600.0
RUN_TWICE = frozenset({"demo", "blog", "kitchen_sink"})
BUILT = frozenset({"blog"})
"""Apps whose production build is compiled and run too (one is enough: the build is the same
tsc call for every app)."""
"""Suites run again on the database their first run filled (the larger examples run once,
to keep the end-to-end time down on CI's two cores)."""
SUMMARY = re.compile(r"^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) .*$", re.M)


def npm_test(app: Path, url: str) -> tuple[int, str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RATE_LIMIT_MAX": "1000000",
        "NODE_ENV": "test",
        # TAP, which SUMMARY and failures() read (Node 24's default reporter is `spec`).
        "NODE_OPTIONS": "--test-reporter=tap",
    }
    result = subprocess.run(
        ["npm", "test"],
        cwd=app,
        env=env,
        capture_output=True,
        text=True,
        timeout=NPM_TEST_TIMEOUT,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def failures(output: str) -> str:
    """The `not ok` blocks of node's TAP output, shortened."""
    blocks = re.findall(r"^not ok .*?(?=^(?:ok|not ok|# Subtest|1\.\.)|\Z)", output, re.M | re.S)
    return "\n".join(block[:1500] for block in blocks[:20]) or output[-4000:]


def serves_compiled(app: Path, url: str) -> None:
    """`npm run build`, then `node dist/server.js` (no tsx) answers /health and a list."""
    build(app)
    server_js = (app / "dist" / "server.js").read_text(encoding="utf-8")
    assert './gen/app.js"' in server_js and '.ts"' not in server_js, server_js[:1000]
    env = {**AUTH_ENV, "DATABASE_URL": url, "RATE_LIMIT_MAX": "1000000"}
    with Server(app, env, entry="dist/server.js") as server:
        assert server.request("GET", "/health").status == 200
        posts = server.request("GET", "/api/posts?take=2")
        assert posts.status == 200 and isinstance(posts.object["data"], list), posts.body[:500]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_generated_npm_test_passes(name: str, tmp_path: Path) -> None:
    stages: dict[str, float] = {}

    def timed(stage: str, start: float) -> None:
        stages[stage] = time.monotonic() - start

    app = tmp_path / name
    try:
        start = time.monotonic()
        write_files(app, generate_project(SCHEMAS[name], GenerateOptions(database="sqlite")).files)
        timed("generate", start)
        start = time.monotonic()
        install_node_modules(app)
        prisma_generate(app)
        timed("install+prisma", start)
        url = "file:./dev.db"
        start = time.monotonic()
        create_database(app, url)
        timed("create-db", start)
        for resolution in ("nodenext", "bundler"):
            start = time.monotonic()
            errors = typecheck(app, resolution)
            timed(f"tsc-{resolution}", start)
            assert not errors, f"{name} [{resolution}] does not type-check:\n" + "\n".join(errors)
        runs = ("npm-test", "npm-test-again") if name in RUN_TWICE else ("npm-test",)
        for run in runs:
            start = time.monotonic()
            code, output = npm_test(app, url)
            timed(run, start)
            summary = " | ".join(m.group(0) for m in SUMMARY.finditer(output))
            print(f"\n{name} {run}: {summary}", flush=True)
            assert code == 0, f"{name}: npm test failed ({run}):\n{failures(output)}"
        if name in BUILT:
            start = time.monotonic()
            serves_compiled(app, url)
            timed("build+start", start)
    finally:
        print(f"\n{name}: " + " ".join(f"{s} {t:.1f}s" for s, t in stages.items()), flush=True)
