"""Property-based runs of schemathesis against each example app, driven by the app's own
``GET /openapi.json``: golden/demo, golden/blog, golden/ai-chat, golden/ecommerce and the
kitchen sink, each on SQLite, every operation, a bounded number of examples per operation, as an
administrator when the schema has a user model; checks ``not_a_server_error`` and
``response_schema_conformance``.

Each run must end with no 5xx answer and no response that breaks the document. Every request
is recorded (HAR), so a failure names the request and the response. With a user model, the
document's security is checked too: every operation that requires a bearer token answers an
anonymous request with a documented 401, and a signed-in user whose role the rule does not name
gets a documented 403. Regression checks replay the values schemathesis once broke the server
with. ``pytest -s`` prints the numbers per example.

Budget (2 cores, about 4 minutes for the file): the small apps run every phase (the coverage
phase tries the boundary values of every parameter, thousands of requests); the two large ones
skip the coverage phase. ``SCHEMATHESIS_MAX_EXAMPLES``, ``SCHEMATHESIS_SEED``,
``SCHEMATHESIS_PHASES`` and ``SCHEMATHESIS_WORKERS`` change the budget, the seed, the phases of
every example and the concurrency.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from api_checks import AUTH_ENV, Checker
from emitters.pipeline import GenerateOptions, generate_project
from emitters.plan.analysis import Presence, ProjectPlan, Scalar
from emitters.write import write_files
from tools.e2e.harness import (
    REPO_ROOT,
    Server,
    create_database,
    install_node_modules,
    prisma_generate,
)

pytestmark = pytest.mark.e2e

ALL_PHASES = "examples,coverage,fuzzing,stateful"
QUICK_PHASES = "examples,fuzzing,stateful"


@dataclass(frozen=True)
class Example:
    schema: Path
    phases: str


EXAMPLES = {
    "demo": Example(REPO_ROOT / "golden" / "demo" / "schema.prisma", ALL_PHASES),
    "blog": Example(REPO_ROOT / "golden" / "blog" / "schema.prisma", ALL_PHASES),
    "kitchen_sink": Example(
        REPO_ROOT / "tests" / "e2e" / "schemas" / "kitchen_sink.prisma", ALL_PHASES
    ),
    "ai_chat": Example(REPO_ROOT / "golden" / "ai-chat" / "schema.prisma", QUICK_PHASES),
    "ecommerce": Example(REPO_ROOT / "golden" / "ecommerce" / "schema.prisma", QUICK_PHASES),
}
SERVER_ENV = {
    "RATE_LIMIT_MAX": "100000000",
    "AUTH_RATE_LIMIT_MAX": "100000000",
    "LOG_LEVEL": "warn",
    **AUTH_ENV,
}
CHECKS = "not_a_server_error,response_schema_conformance"
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "5"))
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "1"))
PHASES = os.environ.get("SCHEMATHESIS_PHASES")
# One worker: with several threads, Python 3.11.7's ast.parse (which hypothesis calls to
# describe filters) sometimes fails with "AST constructor recursion depth mismatch", a
# CPython race, reported by schemathesis as a Runtime Error.
WORKERS = os.environ.get("SCHEMATHESIS_WORKERS", "1")
SCHEMATHESIS = [sys.executable, "-c", "from schemathesis.cli import schemathesis; schemathesis()"]
METHODS = ("get", "post", "patch", "put", "delete")


def run_schemathesis(
    document_url: str, report_dir: Path, headers: dict[str, str], phases: str
) -> subprocess.CompletedProcess[str]:
    assert document_url.startswith("http://127.0.0.1:"), document_url
    report_dir.mkdir(parents=True, exist_ok=True)
    command = [
        *SCHEMATHESIS,
        "run",
        document_url,
        *(option for name, value in headers.items() for option in ("-H", f"{name}: {value}")),
        "--checks",
        CHECKS,
        "--phases",
        phases,
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        WORKERS,
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--report",
        "json,har",
        "--report-json-path",
        str(report_dir / "report.json"),
        "--report-har-path",
        str(report_dir / "requests.har"),
        "--output-truncate",
        "false",
    ]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        cwd=report_dir,
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_TELEMETRY": "false"},
    )


def har_entries(report_dir: Path) -> list[dict[str, object]]:
    har = (report_dir / "requests.har").read_text(encoding="utf-8")
    entries = json.loads(har)["log"]["entries"]
    assert isinstance(entries, list)
    return entries


def describe(entry: dict[str, object]) -> str:
    """One recorded exchange: method, URL, request body, status and response body."""
    request = entry["request"]
    response = entry["response"]
    assert isinstance(request, dict) and isinstance(response, dict)
    sent = request.get("postData", {}).get("text", "")
    received = response.get("content", {}).get("text", "")
    return (
        f"{request['method']} {request['url']} {sent[:500]}\n"
        f"  -> {response['status']} {received[:500]}"
    )


def operations(document: dict[str, object]) -> list[tuple[str, str, dict[str, object]]]:
    """(method, path, operation) of every operation of the document."""
    paths = document["paths"]
    assert isinstance(paths, dict)
    found = []
    for path, item in paths.items():
        for method in METHODS:
            if method in item:
                found.append((method, path, item[method]))
    return found


def concrete(path: str) -> str:
    """The path with 1 for every path parameter (access is checked before the key)."""
    return "/".join("1" if part.startswith("{") else part for part in path.split("/"))


def security_problems(
    plan: ProjectPlan, server: Server, document: dict[str, object], admin: dict[str, str]
) -> tuple[int, list[str]]:
    """Anonymous requests to bearer-only operations answer 401, a plain user's requests to
    role-only operations answer 403; both statuses are documented there. Returns the number
    of requests made and the problems."""
    auth = plan.auth
    if auth is None:
        return 0, []
    problems: list[str] = []
    sent = 0
    user = plan.model(auth.model)
    checker = Checker(plan, server)
    body: dict[str, object] = {auth.identifier: "plain-user@example.test", "password": "pw-123456"}
    for position, field in enumerate(user.fields):
        if field.create is Presence.REQUIRED and field.name != auth.identifier:
            body[field.name] = checker.value(field, 8000 + position)
    registered = server.request("POST", "/auth/register", body)
    assert registered.status == 201, registered.json
    assert isinstance(registered.json, dict)
    plain = {"authorization": "Bearer " + registered.json["accessToken"]}
    role = registered.json["user"].get(auth.role) if auth.role else None
    for method, path, operation in operations(document):
        responses = operation["responses"]
        assert isinstance(responses, dict)
        rule = operation.get("x-access")
        if operation.get("security") == [{"bearerAuth": []}] and path.startswith("/api/"):
            answer = server.request(method.upper(), concrete(path), {} if method != "get" else None)
            sent += 1
            if answer.status != 401 or "401" not in responses:
                problems.append(f"anonymous {method.upper()} {path}: {answer.status}")
        if isinstance(rule, list) and not {"public", "user", "owner", role} & set(rule):
            answer = server.request(
                method.upper(), concrete(path), {} if method != "get" else None, headers=plain
            )
            sent += 1
            if answer.status != 403 or "403" not in responses:
                problems.append(f"{role} {method.upper()} {path} ({rule}): {answer.status}")
    me = server.request("GET", "/auth/me", headers=admin)
    if me.status != 200:
        problems.append(f"GET /auth/me as the administrator: {me.status}")
    return sent, problems


def regression_problems(plan: ProjectPlan, server: Server, headers: dict[str, str]) -> list[str]:
    """Values schemathesis once answered with a 500 are refused with a 400: a Float filter at
    ±Number.MAX_VALUE (Prisma rounds it to Infinity), a Decimal filter so small it would be
    written out with hundreds of millions of digits."""
    problems: list[str] = []
    wanted = {
        Scalar.FLOAT: ("gt", "-1.7976931348623157e+308"),
        Scalar.DECIMAL: ("lte", ".038E-622785089"),
    }
    for scalar, (op, value) in wanted.items():
        for model in plan.models:
            field = next((f for f in model.filter_fields if f.scalar is scalar), None)
            if field is None or op not in field.filter_ops:
                continue
            query = urllib.parse.urlencode({f"{field.name}[{op}]": value})
            path = f"/api/{model.names.route}/count?{query}"
            answer = server.request("GET", path, headers=headers)
            if answer.status != 400:
                problems.append(f"GET {path}: {answer.status} {answer.body[:300]!r}")
            break
    return problems


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_example_holds_to_its_openapi_document(name: str, tmp_path: Path) -> None:
    example = EXAMPLES[name]
    out_dir = tmp_path / name
    result = generate_project(example.schema, GenerateOptions(database="sqlite"))
    write_files(out_dir, result.files)
    install_node_modules(out_dir)
    prisma_generate(out_dir)
    url = "file:./dev.db"
    create_database(out_dir, url)
    report_dir = tmp_path / "schemathesis"

    server = Server(out_dir, {**SERVER_ENV, "DATABASE_URL": url})
    with server:
        served = server.request("GET", "/openapi.json")
        assert served.status == 200
        assert isinstance(served.json, dict)
        validate(served.json)
        # With a user model, every request is an administrator's (as in the API checks).
        checker = Checker(result.plan, server)
        checker.sign_in_as_admin()
        assert all(check.passed for check in checker.results), checker.results
        # Before schemathesis, which may use up a @rateLimit or delete the administrator.
        security_requests, security = security_problems(
            result.plan, server, served.json, checker.auth_headers
        )
        phases = PHASES or example.phases
        run = run_schemathesis(
            server.url + "/openapi.json", report_dir, checker.auth_headers, phases
        )
        # Schemathesis, as the administrator, may have demoted or deleted that user, which
        # ends its session at once: sign in again (create-admin promotes or recreates it).
        checker.sign_in_as_admin()
        regressions = regression_problems(result.plan, server, checker.auth_headers)
        logs = server.logs()

    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    entries = har_entries(report_dir)
    statuses = Counter(int(entry["response"]["status"]) for entry in entries)  # type: ignore[index]
    server_errors = [describe(e) for e in entries if int(e["response"]["status"]) >= 500]  # type: ignore[index]
    test_cases = report["test_cases"]
    print(
        f"\n{name} [{phases}]: schemathesis {report['schemathesis_version']}: "
        f"{len(entries)} requests, {test_cases['generated']} test cases, "
        f"{report['operations']['tested']} operations, {len(report['failures'])} failures, "
        f"{len(report['errors'])} errors; statuses {dict(sorted(statuses.items()))}; "
        f"security checks: {security_requests} requests",
        flush=True,
    )
    assert report["complete"], run.stdout[-5000:] + run.stderr[-5000:]
    assert report["operations"]["tested"] == report["operations"]["selected"]
    assert not report["errors"], (
        json.dumps(report["errors"], indent=1)[:20000] + run.stdout[-8000:] + run.stderr[-4000:]
    )
    assert not server_errors, "5xx answers:\n" + "\n".join(server_errors[:20]) + "\n" + logs[-5000:]
    assert not report["failures"], (
        json.dumps(report["failures"], indent=1)[:20000] + "\n" + run.stdout[-10000:]
    )
    assert run.returncode == 0, run.stdout[-10000:] + run.stderr[-5000:]
    assert not regressions, "\n".join(regressions)
    assert not security, "\n".join(security)
