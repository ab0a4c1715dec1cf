"""Regenerate the golden outputs: ``golden/<example>/expected/`` from ``golden/<example>/schema.prisma``.

usage: python3 tools/update_golden.py [EXAMPLE ...]

The expected folders hold exactly what ``ssot-codegen generate`` writes (without the
manifest), so a reviewer reads generator changes as a diff of real TypeScript files.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from emitters.pipeline import GenerateOptions, generate_project  # noqa: E402


def examples() -> list[Path]:
    return sorted(p.parent for p in (ROOT / "golden").glob("*/schema.prisma"))


def update(example: Path) -> int:
    result = generate_project(example / "schema.prisma", GenerateOptions())
    expected = example / "expected"
    shutil.rmtree(expected, ignore_errors=True)
    for file in result.files:
        target = expected / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.content, encoding="utf-8")
    return len(result.files)


def main(argv: list[str]) -> int:
    chosen = [ROOT / "golden" / name for name in argv] if argv else examples()
    for example in chosen:
        count = update(example)
        print(f"{example.relative_to(ROOT)}: {count} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
