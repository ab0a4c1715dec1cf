"""Where the schema corpus lives and how to read it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
NODE_DIR = ROOT / "tools" / "node"


def schema_files(path: Path) -> list[tuple[str, str]]:
    paths = sorted(path.rglob("*.prisma")) if path.is_dir() else [path]
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in paths]


def valid_schemas() -> list[Path]:
    items = sorted((CORPUS / "valid").iterdir())
    return items + sorted((ROOT / "golden").glob("*/schema.prisma"))


def invalid_schemas() -> list[Path]:
    return sorted((CORPUS / "invalid").glob("*.prisma"))


def schema_id(path: Path) -> str:
    return str(path.relative_to(ROOT))
