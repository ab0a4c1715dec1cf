"""SECURITY.md and the README's access matrix: every test file and test the OWASP table
names exists in the generated app, and the matrix says what the plan says."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from emitters.pipeline import GenerateOptions, generate_project
from emitters.plan.analysis import ACTIONS, analyze
from ssot_ast.schema import parse_schema_text

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
EXAMPLES = sorted(p.parent.name for p in GOLDEN.glob("*/schema.prisma"))


@functools.cache
def files_of(name: str) -> dict[str, str]:
    result = generate_project(GOLDEN / name / "schema.prisma", GenerateOptions())
    return {f.path: f.content for f in result.files}


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_owasp_table_names_tests_that_exist(name: str) -> None:
    files = files_of(name)
    security = files["SECURITY.md"]
    table = security[security.index("## OWASP") :]
    rows = [line for line in table.splitlines() if line.startswith("| API")]
    assert len(rows) == 10
    tests = "\n".join(text for path, text in files.items() if path.startswith("tests/"))
    models = re.findall(r'describe\("(\w+) access"', tests)
    for row in rows:
        cell = row.rstrip(" |").rsplit(" | ", 1)[1]
        for path in re.findall(r"`(tests/[\w.-]+\.test\.ts)`", cell):
            assert path in files, (row, path)
        if "tests/<model>.test.ts" in cell:
            assert any(re.fullmatch(r"tests/[\w-]+\.test\.ts", p) for p in files)
        for quoted in re.findall(r'"([^"]+)"', cell):
            if quoted == "<Model> access":
                assert models, row
                continue
            prefix = quoted.split("...")[0]
            assert f'("{prefix}' in tests, (row, quoted)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_matrix_follows_the_plan(name: str) -> None:
    plan = analyze(parse_schema_text((GOLDEN / name / "schema.prisma").read_text()))
    readme = files_of(name)["README.md"]
    for model in plan.models:
        row = next(
            line for line in readme.splitlines() if line.startswith(f"| {model.names.model} |")
        )
        cells = [c.strip() for c in row.strip("|").split("|")][1:]
        assert len(cells) == len(ACTIONS)
        for action, cell in zip(ACTIONS, cells):
            assert (cell == "nobody") is (not model.serves(action)), (model.names.model, action)
