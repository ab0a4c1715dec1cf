"""Every TypeScript file of the golden outputs, and every runtime source as it stands
(`emitters/runtime/ts/`), must be exactly what prettier prints.

The files are copied into a scratch folder holding an empty `.prettierrc`, so prettier runs
with its default options whatever configuration surrounds the checkout; one node process
checks them all.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRETTIER = ROOT / "tools" / "node" / "node_modules" / "prettier" / "bin" / "prettier.cjs"
GOLDEN_TS = sorted((ROOT / "golden").glob("*/expected/**/*.ts")) + sorted(
    (ROOT / "emitters" / "runtime" / "ts").rglob("*.ts")
)


def test_there_are_golden_typescript_files() -> None:
    assert len(GOLDEN_TS) > 10


def test_golden_typescript_is_prettier_formatted(tmp_path: Path) -> None:
    assert PRETTIER.exists(), "prettier is not installed: run `bash tools/setup.sh`"
    node = shutil.which("node")
    assert node is not None, "node is not installed: run `bash tools/setup.sh`"
    (tmp_path / ".prettierrc").write_text("{}\n")
    names = []
    for source in GOLDEN_TS:
        name = str(source.relative_to(ROOT))
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        names.append(name)
    result = subprocess.run(
        [node, str(PRETTIER), "--check", "--no-editorconfig", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        "prettier would reformat these files:\n" + result.stdout + result.stderr
    )
