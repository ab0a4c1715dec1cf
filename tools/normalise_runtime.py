"""Rewrite runtime ``.ts`` sources in the printer's layout, so that they round-trip.

usage: python3 tools/normalise_runtime.py [PATH ...]

Without arguments every source under ``emitters/runtime/ts/`` (variants included) is
parsed and printed back; a file that does not parse is reported with path:line:col and left
as it is. ``tests/runtime/test_sources.py`` checks that each source equals its printed form.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ssot_ast.ts import PrintOptions, TsParseError, parse_source, print_source_file  # noqa: E402

SOURCE_ROOT = ROOT / "emitters" / "runtime" / "ts"


def normalise(path: Path) -> bool:
    """Print ``path`` back in the printer's layout; False when it does not parse."""
    relative = path.relative_to(SOURCE_ROOT).as_posix()
    app_path = relative.split("/", 2)[2] if relative.startswith("variants/") else relative
    text = path.read_text(encoding="utf-8")
    try:
        source = parse_source(text, app_path)
    except TsParseError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return False
    printed = print_source_file(source, options=PrintOptions(import_extension=".ts"))
    if printed != text:
        path.write_text(printed, encoding="utf-8")
        print(f"normalised {relative}")
    return True


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted(SOURCE_ROOT.rglob("*.ts"))
    return 0 if all([normalise(p) for p in paths]) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
