"""The generator on mutated schemas: generated or refused with a message, never an internal
error (exit 4). A fixed sample here; `python tools/fuzz_generate.py` runs 10,000."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import fuzz_generate  # noqa: E402

REGRESSIONS = sorted((ROOT / "tests" / "corpus" / "regressions").glob("*.prisma"))


def test_a_fixed_sample_of_mutants_never_hits_an_internal_error() -> None:
    outcomes = [fuzz_generate.run_one(text) for text in fuzz_generate.mutants(80, seed=29)]
    internal = [detail for outcome, detail in outcomes if outcome == "internal"]
    assert not internal, internal[0]
    # The sample must exercise the generator, not only the parser's error paths.
    assert sum(outcome == "ok" for outcome, _ in outcomes) >= 12


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.stem)
def test_former_internal_errors_are_refused_or_generated(path: Path) -> None:
    outcome, detail = fuzz_generate.run_one(path.read_text(encoding="utf-8"))
    assert outcome in ("ok", "refused"), detail
