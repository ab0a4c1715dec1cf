"""Benchmark of the TypeScript printer and of the tree-sitter verification.

Builds a realistic workload (the test corpus of an Express + Zod + Prisma backend, for many
models) of at least 2 MB of TypeScript, then reports MB/s for AST -> text (import resolution,
Doc building and layout) and for verification, each the median of several runs.

    python3 tools/bench_printer.py [--runs N] [--models N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "ts"))

from corpus import router_file, schema_file, service_file  # noqa: E402

from ssot_ast.ts import SourceFile, print_source_file  # noqa: E402
from ssot_ast.verify import find_problems  # noqa: E402

FIELDS = [
    ("title", "string", False),
    ("body", "string", True),
    ("views", "number", True),
    ("published", "boolean", False),
    ("slug", "string", False),
    ("summary", "string", True),
    ("rating", "number", True),
    ("archived", "boolean", True),
]


def workload(models: int) -> list[SourceFile]:
    files: list[SourceFile] = []
    for index in range(models):
        model = f"Model{index}"
        files += [schema_file(model, FIELDS), service_file(model), router_file(model)]
    return files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--models", type=int, default=700)
    args = parser.parse_args(argv)
    files = workload(args.models)
    texts = [print_source_file(f) for f in files]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"workload: {len(files)} files, {size:.2f} MB of TypeScript")
    print_times = []
    print_cpu_times = []
    verify_times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        cpu_start = time.process_time()
        for f in files:
            print_source_file(f)
        print_cpu_times.append(time.process_time() - cpu_start)
        print_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for f, text in zip(files, texts):
            if find_problems(text, f.path):
                raise SystemExit(f"verification failed for {f.path}")
        verify_times.append(time.perf_counter() - start)
    print_median = statistics.median(print_times)
    verify_median = statistics.median(verify_times)
    print_cpu = statistics.median(print_cpu_times)
    print(f"print:  {size / print_median:.2f} MB/s (median {print_median:.2f} s of {args.runs})")
    # CPU time is steadier than wall time on a busy machine.
    print(f"print:  {size / print_cpu:.2f} MB/s of CPU time (median {print_cpu:.2f} s)")
    print(f"verify: {size / verify_median:.2f} MB/s (median {verify_median:.2f} s of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
