"""The generated output of every example under golden/ is checked in; this fails when the
generator's output drifts from it. Regenerate with ``python3 tools/update_golden.py`` and
review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from emitters.pipeline import GenerateOptions, generate_project

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.parent.name for p in (ROOT / "golden").glob("*/schema.prisma"))


def test_there_are_examples() -> None:
    assert {"demo", "blog"} <= set(EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES)
def test_golden_output_is_current(example: str) -> None:
    folder = ROOT / "golden" / example
    expected_dir = folder / "expected"
    assert expected_dir.is_dir(), f"run python3 tools/update_golden.py {example}"
    result = generate_project(folder / "schema.prisma", GenerateOptions())
    generated = {f.path: f.content for f in result.files}
    on_disk = {
        str(p.relative_to(expected_dir)): p.read_text(encoding="utf-8")
        for p in sorted(expected_dir.rglob("*"))
        if p.is_file()
    }
    missing = sorted(set(generated) - set(on_disk))
    extra = sorted(set(on_disk) - set(generated))
    changed = sorted(p for p in set(generated) & set(on_disk) if generated[p] != on_disk[p])
    assert not (missing or extra or changed), (
        f"golden/{example} is out of date (run python3 tools/update_golden.py {example}):\n"
        f"  new: {missing}\n  gone: {extra}\n  changed: {changed}"
    )


@pytest.mark.parametrize("example", EXAMPLES)
def test_generation_is_deterministic(example: str) -> None:
    schema = ROOT / "golden" / example / "schema.prisma"
    first = generate_project(schema, GenerateOptions()).files
    second = generate_project(schema, GenerateOptions()).files
    assert [(f.path, f.content) for f in first] == [(f.path, f.content) for f in second]


@pytest.mark.parametrize("example", EXAMPLES)
def test_generated_typescript_has_no_escape_hatches(example: str) -> None:
    result = generate_project(ROOT / "golden" / example / "schema.prisma", GenerateOptions())
    for file in result.files:
        if not file.path.endswith(".ts"):
            continue
        for banned in ("@ts-ignore", "@ts-expect-error", ": any", "as any", "<any>"):
            assert banned not in file.content, f"{file.path} contains {banned!r}"
