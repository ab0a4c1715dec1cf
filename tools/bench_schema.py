"""Generates a 300-model schema, parses and resolves it several times, prints the median."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ssot_ast.schema import parse_schema_text  # noqa: E402


def generate(models: int = 300) -> str:
    parts = ['datasource db {\n  provider = "postgresql"\n}\n\nenum Kind {\n  A\n  B\n}\n']
    for i in range(models):
        parent = f"M{i - 1}" if i else None
        lines = [
            f"/// Model number {i}.",
            f"model M{i} {{",
            "  id        Int      @id @default(autoincrement())",
            "  name      String   @db.VarChar(100)",
            "  email     String   @unique",
            "  kind      Kind     @default(A)",
            "  price     Decimal  @default(1.5)",
            "  createdAt DateTime @default(now())",
            "  updatedAt DateTime @updatedAt",
        ]
        if parent:
            lines += [
                f"  parent    {parent}  @relation(fields: [parentId], references: [id])",
                "  parentId  Int",
            ]
        if i + 1 < models:
            lines.append(f"  children  M{i + 1}[]")
        lines += ["", "  @@index([name, createdAt])", "}", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def main() -> int:
    text = generate()
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        parse_schema_text(text)
        runs.append(time.perf_counter() - start)
    median = statistics.median(runs) * 1000
    print(
        f"300 models, {len(text.splitlines())} lines: median {median:.1f} ms over {len(runs)} runs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
