"""Property-based run of schemathesis against a generated app, driven by the app's own
``GET /openapi.json``: golden/blog on SQLite, every operation, a bounded number of examples
per operation, as an administrator when the schema has a user model, checks ``not_a_server_error`` and ``response_schema_conformance``.

The run must end with no 5xx answer and no response that breaks the document. Every request
is recorded (HAR), so a failure names the request and the response. ``pytest -s`` prints the
numbers. ``SCHEMATHESIS_MAX_EXAMPLES`` and ``SCHEMATHESIS_SEED`` change the budget and the seed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from api_checks import AUTH_ENV, Checker
from emitters.pipeline import GenerateOptions, generate_project
from emitters.write import write_files
from tools.e2e.harness import (
    REPO_ROOT,
    Server,
    create_database,
    install_node_modules,
    prisma_generate,
)

pytestmark = pytest.mark.e2e

SCHEMA = REPO_ROOT / "golden" / "blog" / "schema.prisma"
SERVER_ENV = {"RATE_LIMIT_MAX": "100000000", "LOG_LEVEL": "warn", **AUTH_ENV}
CHECKS = "not_a_server_error,response_schema_conformance"
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "1"))
SCHEMATHESIS = [sys.executable, "-c", "from schemathesis.cli import schemathesis; schemathesis()"]


def run_schemathesis(
    document_url: str, report_dir: Path, headers: dict[str, str]
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
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--request-timeout",
        "30",
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


def test_blog_holds_to_its_openapi_document(tmp_path: Path) -> None:
    out_dir = tmp_path / "blog"
    result = generate_project(SCHEMA, GenerateOptions(database="sqlite"))
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
        run = run_schemathesis(server.url + "/openapi.json", report_dir, checker.auth_headers)
        logs = server.logs()

    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    entries = har_entries(report_dir)
    statuses = Counter(int(entry["response"]["status"]) for entry in entries)  # type: ignore[index]
    server_errors = [describe(e) for e in entries if int(e["response"]["status"]) >= 500]  # type: ignore[index]
    test_cases = report["test_cases"]
    print(
        f"\nschemathesis {report['schemathesis_version']}: {len(entries)} requests, "
        f"{test_cases['generated']} test cases, {report['operations']['tested']} operations, "
        f"{len(report['failures'])} failures, {len(report['errors'])} errors; "
        f"statuses {dict(sorted(statuses.items()))}",
        flush=True,
    )
    assert report["complete"], run.stdout[-5000:] + run.stderr[-5000:]
    assert report["operations"]["tested"] == report["operations"]["selected"]
    assert not report["errors"], json.dumps(report["errors"], indent=1)[:20000]
    assert not server_errors, "5xx answers:\n" + "\n".join(server_errors[:20]) + "\n" + logs[-5000:]
    assert not report["failures"], (
        json.dumps(report["failures"], indent=1)[:20000] + "\n" + run.stdout[-10000:]
    )
    assert run.returncode == 0, run.stdout[-10000:] + run.stderr[-5000:]
