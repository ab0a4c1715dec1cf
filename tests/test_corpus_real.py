"""The real-world corpus (tests/corpus/real): what it holds, DMMF parity with Prisma's own
parser on every schema, and MongoDB refused with exit 2. Generation, tsc and runtime run on
a fixed sample in tests/e2e/test_corpus_sample.py; `python tools/corpus_report.py --all`
runs every stage on every schema."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from emitters.cli import EXIT_INVALID, main  # noqa: E402
from tools import corpus_report as report  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "real"
ENTRIES = report.discover(CORPUS)
SOURCES = report.read_sources(CORPUS)


def test_every_schema_is_recorded_with_its_origin() -> None:
    folders = {e.slug for e in ENTRIES}
    assert folders == set(SOURCES), "SOURCES.tsv and the folders disagree"
    for slug, row in SOURCES.items():
        assert re.fullmatch(r"[0-9a-f]{40}", row["commit"]), slug
        assert "/" in row["repository"] and row["path"] and row["licence"], slug
        assert row["models"].isdigit(), slug


def test_the_corpus_covers_what_real_users_bring() -> None:
    providers = Counter(e.provider for e in ENTRIES)
    assert len(ENTRIES) >= 60
    for provider in ("postgresql", "mysql", "sqlite", "sqlserver", "cockroachdb", "mongodb"):
        assert providers[provider] >= 2, provider
    multi_file = [e for e in ENTRIES if len(report.schema_files(e)) > 1]
    assert len(multi_file) >= 3
    multi_schema = [e for e in ENTRIES if any("@@schema(" in t for _, t in report.schema_files(e))]
    assert len(multi_schema) >= 2
    texts = {e.slug: "".join(t for _, t in report.schema_files(e)) for e in ENTRIES}
    for marker in ("model VerificationToken", "\nview ", "Unsupported(", "@@ignore", "@zod"):
        assert any(marker in text for text in texts.values()), marker


@pytest.fixture(scope="module")
def prisma() -> dict[str, dict[str, object]]:
    return report.prisma_datamodels(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.slug)
def test_dmmf_parity_with_prisma(entry: report.Entry, prisma: dict[str, dict[str, object]]) -> None:
    row = report.Row(schema=entry.slug)
    assert report.parity(entry, prisma[entry.slug], row) == "ok"


MONGODB = [e for e in ENTRIES if e.provider == "mongodb"]


@pytest.mark.parametrize("entry", MONGODB[:3], ids=lambda e: e.slug)
def test_mongodb_is_refused_with_one_line(
    entry: report.Entry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["generate", str(entry.path), "-o", str(tmp_path / "out"), "-q"])
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert code == EXIT_INVALID
    assert len(errors) == 1 and "MongoDB is not supported" in errors[0]
    assert not (tmp_path / "out").exists()
