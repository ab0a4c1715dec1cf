"""The TypeScript parser: every golden file round-trips through parse and print byte for
byte; imports become Symbols; unsupported or broken TypeScript is a TsParseError with its
location."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_property import expressions, object_after_less_than

from ssot_ast.ts import (
    BOTH,
    TYPE,
    VALUE,
    exported_symbols,
    BinaryExpression,
    Expression,
    ExpressionStatement,
    FunctionDeclaration,
    Identifier,
    ImportMeta,
    ModuleRef,
    NonNullExpression,
    PrefixUnaryExpression,
    PrintOptions,
    PropertyAccessExpression,
    Ref,
    SourceFile,
    Symbol,
    TsParseError,
    TypeRef,
    VariableStatement,
    parse_source,
    print_source_file,
)
from ssot_ast.ts.build import expr_stmt, function, return_
from ssot_ast.ts.imports import iter_nodes

ROOT = Path(__file__).resolve().parents[2]
#: The options the pipeline prints generated files with (emitters/pipeline.py).
OPTIONS = PrintOptions(import_extension=".ts")


def _golden_files() -> list[tuple[str, Path]]:
    """(project path, file) of every TypeScript file under golden/*/expected/."""
    found = []
    for expected in sorted((ROOT / "golden").glob("*/expected")):
        for file in sorted(expected.rglob("*.ts")):
            found.append((file.relative_to(expected).as_posix(), file))
    return found


GOLDEN = _golden_files()


def _id(file: Path) -> str:
    return file.relative_to(ROOT / "golden").as_posix().replace("/expected/", "/", 1)


def test_there_are_golden_files() -> None:
    assert len(GOLDEN) > 200


@pytest.mark.parametrize(("path", "file"), GOLDEN, ids=[_id(file) for _, file in GOLDEN])
def test_golden_file_round_trips(path: str, file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    parsed = parse_source(text, path)
    assert parsed.path == path
    assert print_source_file(parsed, options=OPTIONS) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions, st.sampled_from([80, 40, 10]), st.booleans())
def test_random_expressions_round_trip(expression: Expression, width: int, returned: bool) -> None:
    """Printed random operator trees parse back to trees that print the same: every
    parenthesis the printer leaves out is one the parser does not need (tree-sitter's
    readings of `a + b!.c` and `a < b < c` are corrected)."""
    if object_after_less_than(expression):
        return  # tree-sitter cannot read it: the generator's verification refuses it
    statement = return_(expression) if returned else expr_stmt(expression)
    file = SourceFile(path="src/prop.ts", statements=(function("f", [], [statement], async_=True),))
    options = PrintOptions(width=width)
    text = print_source_file(file, options=options)
    assert print_source_file(parse_source(text, file.path), options=options) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a + b!.c;\n", "(a + (b!).c)"),
        ("x ?? y!;\n", "(x ?? (y!))"),
        ("!a!;\n", "!(a!)"),
        ("a < b < c;\n", "((a < b) < c)"),
        ("(a + b)!.c;\n", "((a + b)!).c"),
    ],
)
def test_tree_sitter_misreadings_are_corrected(text: str, expected: str) -> None:
    statement = parse_source(text, "src/a.ts").statements[0]
    assert isinstance(statement, ExpressionStatement)
    assert _shape(statement.expression) == expected


def _shape(node: Expression) -> str:
    """The expression fully parenthesised (operators, `!` and `.name` only)."""
    if isinstance(node, Identifier):
        return node.name
    if isinstance(node, BinaryExpression):
        return f"({_shape(node.left)} {node.operator} {_shape(node.right)})"
    if isinstance(node, PrefixUnaryExpression):
        return f"{node.operator}{_shape(node.operand)}"
    if isinstance(node, NonNullExpression):
        return f"({_shape(node.expression)}!)"
    if isinstance(node, PropertyAccessExpression):
        return f"{_shape(node.expression)}.{node.name}"
    raise AssertionError(type(node).__name__)


# -- imports ------------------------------------------------------------------------------

IMPORTS = """\
import type { Request } from "express";
import { z } from "zod";
import { HttpError } from "./errors.ts";

export const schema = z.string();

export function check(req: Request): HttpError {
  throw new HttpError(req.path);
}
"""


def _symbols(file: SourceFile) -> dict[str, Symbol]:
    found: dict[str, Symbol] = {}
    for node, _ in iter_nodes(file):
        if isinstance(node, (Ref, TypeRef)):
            assert found.setdefault(node.symbol.name, node.symbol) is node.symbol
    return found


def test_imports_become_symbols() -> None:
    file = parse_source(IMPORTS, "src/gen/http/x.ts")
    symbols = _symbols(file)
    assert symbols["z"] == Symbol(name="z", module=ModuleRef.package("zod"), kind=VALUE)
    assert symbols["Request"] == Symbol(
        name="Request", module=ModuleRef.package("express"), kind=TYPE
    )
    assert symbols["HttpError"] == Symbol(
        name="HttpError", module=ModuleRef.file("src/gen/http/errors"), kind=BOTH
    )
    assert print_source_file(file, options=OPTIONS) == IMPORTS


def test_import_uses_are_refs_and_type_refs() -> None:
    file = parse_source(IMPORTS, "src/gen/http/x.ts")
    check = file.statements[1]
    assert isinstance(check, FunctionDeclaration)
    assert isinstance(check.return_type, TypeRef) and check.return_type.symbol.name == "HttpError"
    schema = file.statements[0]
    assert isinstance(schema, VariableStatement)
    refs = [node for node, _ in iter_nodes(schema) if isinstance(node, Ref)]
    assert [ref.symbol.name for ref in refs] == ["z"]


def test_default_namespace_and_relative_imports() -> None:
    text = (
        'import cors from "cors";\n'
        'import * as db from "../../db.js";\n'
        'import { type Options, Prisma } from "../generated/client";\n'
        "\n"
        "export const app = cors(db.options as Options, Prisma.sql);\n"
        "\n"
        "export type Where = Prisma.PostWhereInput;\n"
    )
    symbols = _symbols(parse_source(text, "src/gen/post/post.service.ts"))
    assert symbols["cors"] == Symbol(
        name="cors", module=ModuleRef.package("cors"), kind=VALUE, default=True
    )
    assert symbols["db"] == Symbol(
        name="db", module=ModuleRef.file("src/db"), kind=VALUE, namespace=True
    )
    assert symbols["Options"].kind is TYPE
    assert symbols["Options"].module == ModuleRef.file("src/gen/generated/client")
    assert symbols["Prisma"].kind is BOTH


def test_typeof_an_import_in_a_type_is_a_type_only_use() -> None:
    text = 'import { schema } from "./schema.ts";\n\nexport type S = typeof schema;\n'
    file = parse_source(text, "src/gen/x.ts")
    assert print_source_file(file, options=OPTIONS) == text.replace("import {", "import type {")


# -- header -------------------------------------------------------------------------------


def test_generated_header_drops_the_mark_the_printer_adds() -> None:
    text = "/**\n * @generated\n * Yours to edit.\n */\n\nexport const a = 1;\n"
    file = parse_source(text, "src/server.ts")
    assert file.header == "Yours to edit." and file.generated_mark
    assert print_source_file(file, options=OPTIONS) == text


def test_line_comment_header_is_an_unmarked_header() -> None:
    text = "// Scaffolded once.\n// Yours to edit.\n\nexport const a = 1;\n"
    file = parse_source(text, "src/server.ts")
    assert file.header == "Scaffolded once.\nYours to edit." and not file.generated_mark
    assert print_source_file(file, options=OPTIONS) == text


def test_leading_jsdoc_without_the_mark_is_a_doc() -> None:
    text = "/** The answer. */\nexport const a = 42;\n"
    file = parse_source(text, "src/a.ts")
    assert file.header is None
    assert isinstance(file.statements[0], VariableStatement)
    assert file.statements[0].doc == "The answer."
    assert print_source_file(file, options=OPTIONS) == text


def test_comments_and_blank_lines_inside_blocks() -> None:
    text = (
        "export function f(a: number): number {\n"
        "  // first\n"
        "  // second\n"
        "  const b = a + 1;\n"
        "\n"
        "  /** Doubled. */\n"
        "  const c = b * 2;\n"
        "  return c;\n"
        "}\n"
    )
    assert print_source_file(parse_source(text, "src/a.ts"), options=OPTIONS) == text


# -- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("const a = 1;\nconst b = ;\n", 2, 9, "syntax error"),
        ("const a = 1;\nconst b = f(1;\n", 2, 14, "missing ')'"),
        ("const a = 1;\n\nenum E { A }\n", 3, 1, "enum declaration"),
        ("export function f() {\n  for (;;) {}\n}\n", 2, 3, "for statement"),
        ("const a = 1;\nlabel: a;\n", 2, 1, "labeled statement"),
        ("var a = 1;\n", 1, 1, "variable declaration"),
        ("let a = 1, b = 2;\n", 1, 1, "several declarators"),
        ("const x = { get a() { return 1; } };\n", 1, 13, "'get'"),
        ("const t = tag`x`;\n", 1, 14, "tagged template"),
        ("/* note */\nconst a = 1;\n", 1, 1, "block comment"),
        ("const a = f(/* note */ 1);\n", 1, 13, "comment inside arguments"),
        ('import "./side.js";\n', 1, 1, "side-effect import"),
        ('import { a } from "./a.ts";\n\nfunction f(a: number) {}\n', 3, 12, "'a' is imported"),
        ('import type { T } from "m";\n\nconst x = T;\n', 3, 11, "type-only import 'T'"),
        ('import { a } from "./a.ts";\n\nexport { a };\n', 3, 10, "re-export"),
        ('import { a } from "../../../../a.ts";\n', 1, 19, "cannot resolve module"),
        ("@sealed class A {}\n", 1, 1, "'@sealed'"),
        ("type T = [name: string];\n", 1, 11, "named tuple member"),
        ('const s = "é"; enum E {}\n', 1, 16, "enum declaration"),
        ("function F() {\n  return new.target;\n}\n", 2, 10, "new.target"),
    ],
)
def test_errors_name_path_line_and_column(text: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(TsParseError) as info:
        parse_source(text, "src/gen/http/x.ts")
    error = info.value
    assert (error.path, error.line, error.column) == ("src/gen/http/x.ts", line, column)
    assert str(error).startswith(f"src/gen/http/x.ts:{line}:{column}: ")
    assert fragment in str(error)


def test_import_meta_round_trips() -> None:
    text = (
        "export const here = new URL(import.meta.url);\n"
        "\n"
        "export const folder = import.meta.dirname;\n"
    )
    source = parse_source(text, "src/gen/x.ts")
    assert any(type(node) is ImportMeta for node, _ in iter_nodes(source))
    assert print_source_file(source) == text


def test_invalid_path_is_an_error() -> None:
    with pytest.raises(TsParseError):
        parse_source("export const a = 1;\n", "src/a.js")


def test_exported_symbols_have_the_kind_other_files_import_them_by() -> None:
    text = (
        "export type A = string;\nexport interface B {\n  x: number;\n}\n"
        "export class C {}\nexport function d(): void {}\nexport const e = 1;\nconst f = 2;\n"
        "export { f as g };\n"
    )
    exported = exported_symbols(parse_source(text, "src/gen/m.ts"))
    kinds = {name: symbol.kind for name, symbol in exported.items()}
    assert kinds == {"A": TYPE, "B": TYPE, "C": BOTH, "d": VALUE, "e": VALUE, "g": BOTH}
    assert {s.module for s in exported.values()} == {ModuleRef.file("src/gen/m")}
