"""The ``ssot-codegen`` command line. The only module that parses argv.

Exit codes (also in ``--help``):

* 0: success (or, with ``--check``, the output is up to date)
* 1: ``--check`` found files that would change, or ``verify`` found syntax problems
* 2: the schema is invalid, or the command line is wrong
* 3: generated files were edited by hand (nothing was written; ``--force`` overrides)
* 4: an internal error in the generator (a bug: please report it with the schema)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from typing import TextIO

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_INVALID = 2
EXIT_CONFLICT = 3
EXIT_INTERNAL = 4

DATABASE_CHOICES = ("sqlite", "postgresql", "mysql", "sqlserver", "cockroachdb")
"""``--database`` values: ``emitters.plan.databases.SUPPORTED_DATABASES``, written out so that
building the parser imports nothing heavy (a test keeps the two equal)."""

EPILOG = """\
exit codes:
  0  success; with --check: the output is up to date
  1  --check: files would change (listed); verify: syntax problems found
  2  invalid schema (every error is shown with file:line:col) or bad arguments
  3  generated files were edited by hand; nothing written (use --force to overwrite)
  4  internal error in the generator

examples:
  ssot-codegen generate prisma/schema.prisma -o backend
  ssot-codegen generate prisma/schema.prisma -o backend --database postgresql
  ssot-codegen generate prisma/schema.prisma -o backend --check   # in CI
  ssot-codegen verify backend/src
  ssot-codegen schema validate prisma/schema.prisma
  ssot-codegen schema dump prisma/schema.prisma --format dmmf > datamodel.json
"""


class Reporter:
    """Progress lines and summaries on stderr; colour only when stderr is a terminal."""

    def __init__(self, stream: TextIO, *, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self.colour = stream.isatty() and os.environ.get("NO_COLOR") is None

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def stage(self, text: str) -> None:
        if not self.quiet:
            print(self._paint("•", "36") + " " + text, file=self.stream)

    def ok(self, text: str) -> None:
        if not self.quiet:
            print(self._paint("✓", "32") + " " + text, file=self.stream)

    def error(self, text: str) -> None:
        print(self._paint("error:", "31;1") + " " + text, file=self.stream)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ssot-codegen",
        description=(
            "Generate a complete, type-checked TypeScript backend (Express 5, Zod 4, Prisma 7) "
            "from one Prisma schema. Every file is built as a syntax tree, printed, and "
            "re-parsed before it is written."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    generate = commands.add_parser(
        "generate",
        help="generate (or update) a backend from a schema",
        description=(
            "Generate the backend for SCHEMA into OUT. Files under src/gen/ are owned by the "
            "generator and rewritten when the schema changes; src/server.ts and "
            "src/extensions/ are written once and then yours. Unchanged files are not touched."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_generate_options(generate)
    generate.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list the files that would change (for CI)",
    )

    check = commands.add_parser(
        "check",
        help="same as 'generate --check': is OUT up to date with SCHEMA?",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_generate_options(check)

    verify = commands.add_parser(
        "verify",
        help="re-parse every .ts file under the paths and report syntax problems",
    )
    verify.add_argument("paths", nargs="+", metavar="PATH")

    schema = commands.add_parser(
        "schema",
        help="validate a schema or dump it as Prisma's DMMF datamodel",
        add_help=False,
    )
    schema.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def _add_generate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("schema", metavar="SCHEMA", help="a .prisma file or a folder of them")
    parser.add_argument("-o", "--out", required=True, metavar="OUT", help="output folder")
    parser.add_argument(
        "--database",
        # Checked by GenerateOptions, not argparse: a wrong value (MongoDB above all) gets
        # one line saying why, as a schema the database cannot serve does.
        metavar="{" + ",".join(DATABASE_CHOICES) + "}",
        default=None,
        help=(
            "database the app targets (default: the schema's datasource provider; mysql "
            "covers MySQL and MariaDB; MongoDB is not supported)"
        ),
    )
    parser.add_argument(
        "--access",
        choices=("token", "public-reads", "public"),
        default=None,
        help=(
            "without a user model: who may call the API (default token: every /api request "
            "needs API_TOKEN; public-reads opens reads; public opens everything)"
        ),
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite generated files even if edited by hand"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and os.environ.get("PRISMA_GENERATOR_INVOCATION"):
        from emitters.prisma_generator import main as prisma_generator_main

        return prisma_generator_main()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["schema"]:
        from ssot_ast.schema.cli import main as schema_main

        return schema_main(args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return EXIT_INVALID
    if args.command == "verify":
        from ssot_ast.verify import main as verify_main

        return verify_main(list(args.paths))
    return _generate(args, check=args.command == "check" or bool(getattr(args, "check", False)))


def _generate(args: argparse.Namespace, *, check: bool) -> int:
    from ssot_ast.schema import SchemaError

    from emitters.plan.analysis import AnalysisError
    from emitters.pipeline import GenerateOptions, generate_project
    from emitters.write import WriteConflictError, apply_plan, plan_write

    report = Reporter(sys.stderr, quiet=args.quiet)
    started = time.perf_counter()
    try:
        report.stage(f"reading {args.schema}")
        options = GenerateOptions(database=args.database, access=args.access)
        result = generate_project(args.schema, options, progress=report.stage)
        for warning in result.plan.warnings:
            print(warning.one_line(), file=sys.stderr)
        plan = plan_write(args.out, result.files, force=args.force)
    except SchemaError as err:
        print(str(err), file=sys.stderr)
        return EXIT_INVALID
    except (AnalysisError, FileNotFoundError, NotADirectoryError) as err:
        report.error(str(err))
        return EXIT_INVALID
    if check:
        if plan.conflicts:
            for conflict in plan.conflicts:
                print(f"edited: {conflict.path} ({conflict.reason.value})", file=sys.stderr)
        for path in plan.changes:
            print(f"would change: {path}")
        if plan.changes or plan.conflicts:
            report.error(f"{args.out} is out of date: run ssot-codegen generate")
            return EXIT_CHANGES
        report.ok(f"{args.out} is up to date ({len(result.files)} files)")
        return EXIT_OK
    try:
        written = apply_plan(plan)
    except WriteConflictError as err:
        report.error(str(err))
        return EXIT_CONFLICT
    elapsed = time.perf_counter() - started
    report.ok(
        f"{len(written.written)} written, {len(written.unchanged)} unchanged, "
        f"{len(written.deleted)} removed, {len(written.scaffold_kept)} kept "
        f"in {args.out} ({elapsed:.2f} s)"
    )
    return EXIT_OK


def entry() -> None:
    """Console-script entry: never shows a Python traceback for an internal error."""
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # noqa: BLE001 - last line of defence for the CLI
        print(f"ssot-codegen: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("please report this with the schema that caused it", file=sys.stderr)
        code = EXIT_INTERNAL
    sys.exit(code)
