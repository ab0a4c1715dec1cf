"""The tree-sitter verification pass and its command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ssot_ast.verify import VerificationError, find_problems, main, verify_paths, verify_text


def test_valid_text_passes() -> None:
    verify_text("export const x: number = 1;\n", "a.ts")
    assert find_problems("const a = { b: 1 };\n", "a.ts") == []


def test_error_names_file_line_column_and_caret() -> None:
    text = "const a = 1;\nconst b = (2 + ;\n"
    with pytest.raises(VerificationError) as info:
        verify_text(text, "src/x.ts")
    problem = info.value.problems[0]
    assert (problem.path, problem.line) == ("src/x.ts", 2)
    rendered = str(info.value)
    assert "src/x.ts:2:" in rendered
    assert "const b = (2 + ;" in rendered
    assert "^" in rendered


def test_missing_node_is_reported() -> None:
    problems = find_problems("function f() {\n", "m.ts")
    assert problems and problems[0].message.startswith("missing")


def test_verify_paths_skips_node_modules(tmp_path: Path) -> None:
    (tmp_path / "ok.ts").write_text("export {};\n")
    (tmp_path / "bad.ts").write_text("let = ;\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "dep.ts").write_text("let = ;\n")
    problems = verify_paths([tmp_path])
    assert {Path(p.path).name for p in problems} == {"bad.ts"}


def test_main_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.ts"
    good.write_text("export const a = 1;\n")
    assert main([str(good)]) == 0
    bad = tmp_path / "bad.ts"
    bad.write_text("export const = 1;\n")
    assert main([str(tmp_path)]) == 1
    assert f"{bad}:1:" in capsys.readouterr().out


def test_module_entry_point(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("const x = ;\n")
    result = subprocess.run(
        [sys.executable, "-m", "ssot_ast.verify", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "a.ts:1:" in result.stdout
