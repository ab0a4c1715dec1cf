"""Names that clash with JavaScript, Prisma Client or the list API: each costs only what it
must, says so in a warning, and never breaks the output (tests/e2e/schemas/names.prisma
runs the whole app)."""

from __future__ import annotations

from pathlib import Path

import pytest

from emitters.cli import EXIT_INVALID, main
from emitters.plan.analysis import AnalysisError, analyze
from ssot_ast.schema import load_schema, parse_schema_text

NAMES = Path(__file__).resolve().parents[1] / "e2e" / "schemas" / "names.prisma"


def test_prototype_and_control_names_cost_only_what_they_must() -> None:
    plan = analyze(load_schema(NAMES), provider="sqlite")
    fields = {f.name: f for f in plan.model("Request").fields}
    for name in ("constructor", "toString"):
        assert not fields[name].writable and fields[name].readable
        assert fields[name].filter_ops == () and not fields[name].sortable
    for name in ("sort", "take", "include"):
        assert fields[name].filter_ops == () and fields[name].writable and fields[name].sortable
    for name in ("data", "meta", "where", "select"):
        assert fields[name].filter_ops and fields[name].writable
    warned = sorted(
        w.message.split(" ", 1)[0] for w in plan.warnings if not w.message.startswith("no user")
    )
    assert warned == [
        "Request.constructor",
        "Request.include",
        "Request.sort",
        "Request.take",
        "Request.toString",
    ]
    assert all(w.one_line().startswith(f"{NAMES}:") for w in plan.warnings)


@pytest.mark.parametrize("name", ["Prisma", "PrismaClient", "async"])
def test_names_prisma_client_refuses_are_refused_up_front(name: str) -> None:
    text = f'datasource db {{\n  provider = "sqlite"\n}}\nmodel {name} {{\n  id Int @id\n}}\n'
    with pytest.raises(AnalysisError) as caught:
        analyze(parse_schema_text(text, "s.prisma"), provider="sqlite")
    assert str(caught.value) == (
        f"s.prisma:4:7: model {name}: the name is reserved by Prisma Client "
        f'(rename it and keep the table with @@map("{name}"))'
    )


def test_cli_prints_each_warning_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", str(NAMES), "-o", str(tmp_path / "out"), "-q"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if ": warning: " in line]
    assert len(lines) == 6 and all(line.startswith(f"{NAMES}:") for line in lines)
    # The sixth: who may call an API without a user model.
    assert sum("no user model (/// @auth.user)" in line for line in lines) == 1


def test_cli_refuses_a_reserved_model_name_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "s.prisma"
    schema.write_text(
        'datasource db {\n  provider = "sqlite"\n}\nmodel Prisma {\n  id Int @id\n}\n'
    )
    assert main(["generate", str(schema), "-o", str(tmp_path / "out")]) == EXIT_INVALID
    assert "model Prisma: the name is reserved by Prisma Client" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
