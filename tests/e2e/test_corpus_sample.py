"""A fixed sample of the real-world corpus through every stage: generate, install, prisma
generate, tsc under nodenext and bundler, a real database created from the schema, the
server, and the schema-driven conformance checker (SQLite, PostgreSQL and MariaDB: the
databases that run here; SQL Server and CockroachDB are type-checked in test_other_databases,
MongoDB's refusal in tests/test_corpus_real.py).

The sample is the corpus tool's own (spread over providers, the same schemas every time,
at most 40 models each to fit CI's time); `python tools/corpus_report.py --all` runs the
whole corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools import corpus_report as report

pytestmark = pytest.mark.e2e

SAMPLE_SIZE = 22
MAX_MODELS = 40
PROVIDERS = "sqlite,postgresql,mysql"


def test_a_fixed_sample_of_real_schemas_runs_end_to_end(tmp_path: Path) -> None:
    out_json = tmp_path / "sample.json"
    code = report.main(
        [
            "--sample",
            str(SAMPLE_SIZE),
            "--max-models",
            str(MAX_MODELS),
            "--providers",
            PROVIDERS,
            "--stages",
            "generate,tsc,runtime",
            "--json",
            str(out_json),
            "--markdown",
            str(tmp_path / "sample.md"),
        ]
    )
    data = json.loads(out_json.read_text(encoding="utf-8"))
    rows = data["rows"] if isinstance(data, dict) else data
    problems = [f"{r['schema']}: {r.get('problems')}" for r in rows if r.get("problems")]
    assert code == 0, "\n".join(problems)
    assert len(rows) == SAMPLE_SIZE
    ran = [r for r in rows if r["runtime"] == "ok"]
    assert len(ran) == SAMPLE_SIZE, "every sampled schema runs a real server"
    assert {r["provider"] for r in ran} >= {"sqlite", "postgresql", "mysql"}
