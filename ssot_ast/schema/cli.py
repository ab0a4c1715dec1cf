"""`schema validate SCHEMA` and `schema dump SCHEMA --format dmmf`."""

from __future__ import annotations

import argparse
import json
import sys

from .dmmf import dump_dmmf
from .errors import SchemaError
from .loader import load_schema


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ssot-codegen schema", description="Prisma schema tools")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a schema; errors on stderr")
    validate.add_argument("schema", help="a .prisma file or a folder of them")
    dump = commands.add_parser("dump", help="print the schema as JSON")
    dump.add_argument("schema", help="a .prisma file or a folder of them")
    dump.add_argument("--format", choices=["dmmf"], default="dmmf")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        schema = load_schema(args.schema)
    except SchemaError as error:
        print(str(error), file=sys.stderr)
        return 1
    for warning in schema.warnings:
        print(warning.one_line(), file=sys.stderr)
    if args.command == "dump":
        json.dump(dump_dmmf(schema), sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0
