"""Fuzz the whole generator: mutated corpus schemas through `ssot-codegen generate --check`.

Every outcome must be one the CLI promises: the output is generated (exit 0 or 1 under
``--check``), or the schema is refused (exit 2, with a message). An exception that escapes
``main`` is what the console entry turns into exit 4, "internal error": our bug. Each such
case is saved under ``--save`` for a regression test.

The mutations are deterministic for a seed: token- and line-level deletions, insertions,
duplications and swaps, plus insertions of schema words (``@unique``, ``?``, ``@id``,
``/* */``, ``/// @auth(...)``) that change meaning rather than syntax.

usage: python tools/fuzz_generate.py [--count 10000] [--seed 1] [--jobs 2] [--save DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ssot_ast.schema.lexer import TOKEN_RE  # noqa: E402

MAX_SOURCE_CHARS = 12_000
"""Larger schemas are left out of the seed set: one of them takes seconds to generate."""

INSERTIONS = (
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "@",
    "@@",
    "?",
    "[]",
    '"',
    "\n",
    " @unique",
    " @id",
    " @default(now())",
    " @default(autoincrement())",
    " @updatedAt",
    " @ignore",
    "\n  @@ignore\n",
    "\n  @@unique([id])\n",
    " @db.VarChar(10)",
    " Int",
    " String?",
    " Json",
    " Bytes",
    " DateTime",
    " Decimal",
    " BigInt",
    "/* c */",
    "/// doc\n",
    "/// @hidden\n",
    "/// @readonly\n",
    '/// @auth(read: "public")\n',
    "/// @zod.string.max(3)\n",
    "model",
    "view",
    " x ",
    "constructor",
    "sort",
    "@relation",
    ",",
    ":",
    "é",
)


def seed_texts() -> list[str]:
    """Single-file schemas of the corpora and goldens, small enough to generate quickly."""
    paths = sorted((ROOT / "tests" / "corpus" / "valid").glob("*.prisma"))
    paths += sorted((ROOT / "tests" / "corpus" / "real").glob("*/schema.prisma"))
    paths += sorted((ROOT / "golden").glob("*/schema.prisma"))
    paths += sorted((ROOT / "tests" / "e2e" / "schemas").glob("*.prisma"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return [t for t in texts if len(t) <= MAX_SOURCE_CHARS]


FIELD_EDITS = (
    " @unique",
    " @id",
    " @default(now())",
    " @default(autoincrement())",
    " @default(cuid())",
    ' @default("x")',
    " @updatedAt",
    " @ignore",
    ' @map("renamed")',
    " @db.VarChar(10)",
    " /* trailing */",
    " /// @hidden",
)
LINE_EDITS = (
    "  @@ignore",
    "  @@unique([id])",
    "  @@id([id])",
    '  @@map("renamed")',
    "  /// @readonly",
    '  /// @auth(read: "public")',
    "  /// @maxPageSize(5)",
    "  /// @zod.custom.use(z.string())",
    "  /* a block comment */",
    "  constructor String?",
    "  sort Int?",
    "  data Json?",
    "  tags String[]",
)


def mutate_fields(text: str, rng: random.Random) -> str:
    """Edits that keep the syntax and change the meaning: attributes added to field lines,
    `?` toggled, lines of a model deleted or added."""
    lines = text.splitlines(keepends=True)
    fields = [i for i, line in enumerate(lines) if line.startswith("  ") and line.strip()]
    for _ in range(rng.randint(1, 3)):
        if not fields:
            break
        index = rng.choice(fields)
        line = lines[index].rstrip("\n")
        action = rng.choice(("attribute", "attribute", "optional", "delete", "add"))
        if action == "attribute":
            lines[index] = line + rng.choice(FIELD_EDITS) + "\n"
        elif action == "optional":
            words = line.split()
            if len(words) >= 2 and not words[1].endswith(("?", "]")):
                lines[index] = line.replace(words[1], words[1] + "?", 1) + "\n"
        elif action == "delete":
            lines[index] = ""
        else:
            lines.insert(index, rng.choice(LINE_EDITS) + "\n")
    return "".join(lines)


def mutate(text: str, rng: random.Random) -> str:
    """One deterministic mutant of `text`."""
    if rng.random() < 0.5:
        return mutate_fields(text, rng)
    if rng.random() < 0.5:
        parts = [m.group() for m in TOKEN_RE.finditer(text)]
    else:
        parts = text.splitlines(keepends=True)
    for _ in range(rng.randint(1, 4)):
        if not parts:
            break
        index = rng.randrange(len(parts))
        action = rng.choice(("delete", "insert", "insert", "duplicate", "swap"))
        if action == "delete":
            del parts[index]
        elif action == "duplicate":
            parts.insert(index, parts[index])
        elif action == "swap" and index + 1 < len(parts):
            parts[index], parts[index + 1] = parts[index + 1], parts[index]
        else:
            parts.insert(index, rng.choice(INSERTIONS))
    return "".join(parts)


def run_one(text: str) -> tuple[str, str]:
    """("ok" | "refused" | "internal", detail) for one schema text, through the CLI."""
    from emitters.cli import main

    with tempfile.TemporaryDirectory(prefix="ssot-fuzz-") as folder:
        schema = Path(folder) / "schema.prisma"
        schema.write_text(text, encoding="utf-8")
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(
                    ["generate", str(schema), "-o", str(Path(folder) / "out"), "--check", "-q"]
                )
        except Exception:  # noqa: BLE001 - exactly what this tool looks for
            return "internal", traceback.format_exc(limit=6)
    if code in (0, 1):
        return "ok", ""
    if code == 2:
        message = err.getvalue().strip()
        if not message:
            return "internal", "exit 2 without a message"
        return "refused", message.splitlines()[0]
    return "internal", f"exit {code}: {err.getvalue()[-500:]}"


def _job(item: tuple[int, str]) -> tuple[int, str, str, str]:
    index, text = item
    outcome, detail = run_one(text)
    return index, outcome, detail, text


def mutants(count: int, seed: int) -> list[str]:
    texts = seed_texts()
    rng = random.Random(seed)
    return [mutate(rng.choice(texts), rng) for _ in range(count)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--save", type=Path, default=None, help="folder for internal errors")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    items = list(enumerate(mutants(args.count, args.seed)))
    outcomes: Counter[str] = Counter()
    internal: list[tuple[int, str, str]] = []
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for index, outcome, detail, text in pool.imap_unordered(_job, items, chunksize=8):
            outcomes[outcome] += 1
            if outcome == "internal":
                internal.append((index, detail, text))
    elapsed = time.perf_counter() - started
    print(
        f"{args.count} mutants (seed {args.seed}) in {elapsed:.0f} s: "
        + ", ".join(f"{name} {outcomes[name]}" for name in ("ok", "refused", "internal"))
    )
    for index, detail, text in sorted(internal):
        print(f"--- mutant {index}: {detail.strip().splitlines()[-1]}")
        if args.save is not None:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"mutant-{args.seed}-{index}.prisma").write_text(text, encoding="utf-8")
            (args.save / f"mutant-{args.seed}-{index}.txt").write_text(detail, encoding="utf-8")
    return 1 if internal else 0


if __name__ == "__main__":
    sys.exit(main())
