"""The library API other Python tools use: files in memory, written only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

import emitters
from ssot_ast.schema import SchemaError, parse_schema_text

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "golden" / "demo" / "schema.prisma"


def test_generate_project_returns_files_in_memory(tmp_path: Path) -> None:
    result = emitters.generate_project(DEMO, emitters.GenerateOptions(database="sqlite"))
    paths = {f.path for f in result.files}
    assert {"package.json", "src/gen/app.ts", "src/gen/note/note.service.ts"} <= paths
    assert [m.names.route for m in result.plan.models] == ["people", "notes"]
    assert not any(tmp_path.iterdir())


def test_generate_checks_then_writes(tmp_path: Path) -> None:
    out = tmp_path / "app"
    plan = emitters.generate(DEMO, out, check=True)
    assert plan.changes and not out.exists()
    emitters.generate(DEMO, out)
    assert (out / "src/gen/person/person.routes.ts").is_file()
    assert emitters.generate(DEMO, out, check=True).is_up_to_date


def test_a_parsed_schema_can_be_passed_directly(tmp_path: Path) -> None:
    schema = parse_schema_text(DEMO.read_text(), "demo.prisma")
    result = emitters.generate_project(schema, emitters.GenerateOptions(database="postgresql"))
    db = next(f for f in result.files if f.path == "src/gen/db.ts")
    assert '"postgresql"' in db.content


def test_invalid_schema_raises_schema_error() -> None:
    with pytest.raises(SchemaError) as info:
        parse_schema_text("model A {\n  id Int @id\n  b Strin\n}\n", "bad.prisma")
    assert "bad.prisma:3:5" in str(info.value)
