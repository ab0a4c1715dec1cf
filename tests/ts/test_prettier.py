"""The realistic generated files must be exactly what prettier (default options) prints."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from corpus import realistic_files

from ssot_ast.ts import render_source_file

ROOT = Path(__file__).resolve().parents[2]
PRETTIER = ROOT / "tools" / "node" / "node_modules" / "prettier" / "bin" / "prettier.cjs"


def test_realistic_files_are_prettier_formatted(tmp_path: Path) -> None:
    assert PRETTIER.exists(), "prettier is not installed: run `bash tools/setup.sh`"
    node = shutil.which("node")
    assert node is not None, "node is not installed: run `bash tools/setup.sh`"
    (tmp_path / ".prettierrc").write_text("{}\n")
    names = []
    for file in realistic_files():
        target = tmp_path / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_source_file(file), encoding="utf-8")
        names.append(file.path)
    result = subprocess.run(
        [node, str(PRETTIER), "--check", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
