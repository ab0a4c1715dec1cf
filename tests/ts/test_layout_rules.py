"""prettier's layout rules, one row per rule: a statement node and the text prettier prints
for it (width 80). A second test runs prettier over every expected text, so a row can only
hold what prettier itself leaves unchanged."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ssot_ast.ts import ModuleRef, Node, SourceFile, Symbol, print_node, print_source_file
from ssot_ast.ts.build import (
    arrow,
    binary,
    call,
    cond,
    const,
    destructure,
    expr_stmt,
    function,
    ident,
    member,
    new,
    num,
    obj,
    param,
    prop,
    prop_sig,
    ref,
    return_,
    str_,
    t_obj,
    t_ref,
    t_string,
    t_union,
    t_void,
)
from ssot_ast.ts.printer import PrintOptions
from ssot_ast.verify import find_problems

ROOT = Path(__file__).resolve().parents[2]
PRETTIER = ROOT / "tools" / "node" / "node_modules" / "prettier" / "bin" / "prettier.cjs"

LONG_OR = binary(
    binary(ident("someVeryLongConditionName"), "||", ident("anotherVeryLongConditionName")),
    "||",
    ident("yetAnotherVeryLongConditionName"),
)
T_UNDEFINED = t_ref("undefined")

FLAT_CHAIN = const("x", cond(ident("a"), ident("b"), cond(ident("c"), ident("d"), ident("e"))))

ROWS: list[tuple[str, Node, str]] = [
    (
        "conditional chain stays flat when it fits",
        FLAT_CHAIN,
        "const x = a ? b : c ? d : e;",
    ),
    (
        "conditional chain breaks as a whole",
        const(
            "level",
            cond(
                binary(member("res", "statusCode"), ">=", num(500)),
                str_("error"),
                cond(
                    binary(member("res", "statusCode"), ">=", num(400)),
                    str_("warnnnnnnnnnnnnnnnnnn"),
                    str_("info"),
                ),
            ),
        ),
        "const level =\n"
        "  res.statusCode >= 500\n"
        '    ? "error"\n'
        "    : res.statusCode >= 400\n"
        '      ? "warnnnnnnnnnnnnnnnnnn"\n'
        '      : "info";',
    ),
    (
        "conditional in the consequent breaks with its parent",
        const(
            "v",
            cond(
                ident("cond"),
                cond(
                    ident("aaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                    ident("bbbbbbbbbbbbbbbbbbbbbbbbb"),
                    ident("ccccccccccccccccc"),
                ),
                ident("resultTwo"),
            ),
        ),
        "const v = cond\n"
        "  ? aaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
        "    ? bbbbbbbbbbbbbbbbbbbbbbbbb\n"
        "    : ccccccccccccccccc\n"
        "  : resultTwo;",
    ),
    (
        "conditional in a test",
        const(
            "x",
            cond(
                cond(
                    ident("aaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                    ident("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
                    ident("cccccccccccccccccccccccccc"),
                ),
                ident("d"),
                ident("e"),
            ),
        ),
        "const x = (\n"
        "  aaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
        "    ? bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n"
        "    : cccccccccccccccccccccccccc\n"
        ")\n"
        "  ? d\n"
        "  : e;",
    ),
    (
        "binary test of a conditional in a call is indented",
        expr_stmt(call(ident("foo"), cond(LONG_OR, ident("resultOne"), ident("resultTwo")))),
        "foo(\n"
        "  someVeryLongConditionName ||\n"
        "    anotherVeryLongConditionName ||\n"
        "    yetAnotherVeryLongConditionName\n"
        "    ? resultOne\n"
        "    : resultTwo,\n"
        ");",
    ),
    (
        "binary test of a returned conditional is indented",
        return_(cond(LONG_OR, ident("resultOne"), ident("resultTwo"))),
        "return someVeryLongConditionName ||\n"
        "  anotherVeryLongConditionName ||\n"
        "  yetAnotherVeryLongConditionName\n"
        "  ? resultOne\n"
        "  : resultTwo;",
    ),
    (
        "binary test of an assigned conditional is not indented",
        const("value", cond(LONG_OR, ident("resultOne"), ident("resultTwo"))),
        "const value =\n"
        "  someVeryLongConditionName ||\n"
        "  anotherVeryLongConditionName ||\n"
        "  yetAnotherVeryLongConditionName\n"
        "    ? resultOne\n"
        "    : resultTwo;",
    ),
    (
        "binary branch of an assigned conditional is not indented",
        const("v", cond(ident("cond"), LONG_OR, ident("resultTwo"))),
        "const v = cond\n"
        "  ? someVeryLongConditionName ||\n"
        "    anotherVeryLongConditionName ||\n"
        "    yetAnotherVeryLongConditionName\n"
        "  : resultTwo;",
    ),
    (
        "parameters break before the return type",
        function(
            "conflictTarget",
            [param("error", t_ref("Prisma.PrismaClientKnownRequestError"))],
            [return_(ident("undefined"))],
            return_type=t_union(t_string, T_UNDEFINED),
        ),
        "function conflictTarget(\n"
        "  error: Prisma.PrismaClientKnownRequestError,\n"
        "): string | undefined {\n"
        "  return undefined;\n"
        "}",
    ),
    (
        "lone destructured parameter is hugged",
        function(
            "f",
            [
                param(
                    destructure(
                        "aaaaaaaaaaaaaaaaaaaa",
                        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                        "ccccccccccccccccccc",
                    ),
                    t_ref("Props"),
                )
            ],
            [],
            return_type=t_void,
        ),
        "function f({\n"
        "  aaaaaaaaaaaaaaaaaaaa,\n"
        "  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,\n"
        "  ccccccccccccccccccc,\n"
        "}: Props): void {}",
    ),
    (
        "lone parameter with an object type is hugged",
        function(
            "f",
            [
                param(
                    "props",
                    t_obj(
                        prop_sig("aaaaaaaaaaaaaaaaaaaa", t_string),
                        prop_sig("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", t_ref("number")),
                        multiline=True,
                    ),
                )
            ],
            [],
            return_type=t_void,
        ),
        "function f(props: {\n"
        "  aaaaaaaaaaaaaaaaaaaa: string;\n"
        "  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: number;\n"
        "}): void {}",
    ),
    (
        "lone parameter before an object return type is grouped",
        function(
            "f",
            [param("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", t_string)],
            [],
            return_type=t_obj(prop_sig("aaaaaaaaaaa", t_string), prop_sig("b", t_ref("number"))),
        ),
        "function f(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: string): {\n"
        "  aaaaaaaaaaa: string;\n"
        "  b: number;\n"
        "} {}",
    ),
    (
        "function as the first argument is hugged",
        const(
            "timer",
            call(
                ident("setTimeout"),
                arrow(
                    [],
                    [
                        expr_stmt(call(member("logger", "error"), str_("shutdown timed out"))),
                        expr_stmt(call(member("process", "exit"), num(1))),
                    ],
                ),
                num(10000),
            ),
        ),
        "const timer = setTimeout(() => {\n"
        '  logger.error("shutdown timed out");\n'
        "  process.exit(1);\n"
        "}, 10000);",
    ),
    (
        "short member chain breaks rather than its last argument",
        const(
            "bytesInput",
            call(
                member(call(member("z", "base64")), "transform"),
                arrow(
                    ["text"],
                    new(
                        ident("Uint8Array"),
                        call(member("Buffer", "from"), ident("text"), str_("base64")),
                    ),
                ),
            ),
            export=True,
        ),
        "export const bytesInput = z\n"
        "  .base64()\n"
        '  .transform((text) => new Uint8Array(Buffer.from(text, "base64")));',
    ),
    (
        "a short chain keeps a broken hugged object (prettier keeps it on a second run)",
        expr_stmt(
            call(
                member(call(member("app", "route")), "use"),
                obj(
                    prop("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", num(1)),
                    prop("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", num(2)),
                ),
            )
        ),
        "app.route().use({\n"
        "  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 1,\n"
        "  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: 2,\n"
        "});",
    ),
    (
        "test declarations stay on one line",
        expr_stmt(
            call(
                ident("test"),
                str_("POST /api/notes with only the required fields: 201, Location, defaults"),
                arrow([], [expr_stmt(call(ident("check")))], async_=True),
            )
        ),
        'test("POST /api/notes with only the required fields: 201, Location, defaults", async () => {\n'
        "  check();\n"
        "});",
    ),
    ("fraction keeps its leading zero", const("t", num(0.7)), "const t = 0.7;"),
    (
        "numeric separators",
        const("timeout", num(60_000, raw="60_000")),
        "const timeout = 60_000;",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_prints_as_prettier(row: tuple[str, Node, str]) -> None:
    name, node, expected = row
    text = print_node(node)
    assert text == expected
    program = _in_function(text) if text.startswith("return") else text
    assert find_problems(program + "\n", "rule.ts") == []


@pytest.mark.node
def test_expected_texts_are_prettier_formatted(tmp_path: Path) -> None:
    assert PRETTIER.exists(), "prettier is not installed: run `bash tools/setup.sh`"
    node = shutil.which("node")
    assert node is not None, "node is not installed: run `bash tools/setup.sh`"
    (tmp_path / ".prettierrc").write_text("{}\n")
    names = []
    for index, (_, _, expected) in enumerate(ROWS):
        name = f"rule{index}.ts"
        # Top-level `return` does not parse: wrap such rows in a function.
        text = expected if not expected.startswith("return") else _in_function(expected)
        (tmp_path / name).write_text(text + "\n")
        names.append(name)
    result = subprocess.run(
        [node, str(PRETTIER), "--check", "--no-editorconfig", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _in_function(text: str) -> str:
    body = "\n".join(("  " + line) if line else line for line in text.split("\n"))
    return "function f() {\n" + body + "\n}"


def test_file_header_is_a_generated_jsdoc_block_by_default() -> None:
    file = SourceFile(path="src/gen/x.ts", header="From the model X.", statements=(FLAT_CHAIN,))
    assert print_source_file(file).startswith("/**\n * @generated\n * From the model X.\n */\n\n")


def test_scaffold_header_is_plain_line_comments() -> None:
    header = "The server entry point: yours to edit.\nRe-run the generator without fear."
    file = SourceFile(
        path="src/server.ts", header=header, generated_mark=False, statements=(FLAT_CHAIN,)
    )
    assert print_source_file(file) == (
        "// The server entry point: yours to edit.\n"
        "// Re-run the generator without fear.\n"
        "\n"
        "const x = a ? b : c ? d : e;\n"
    )
    with pytest.raises(ValueError):
        SourceFile(path="src/server.ts", generated_mark=False)
    with pytest.raises(ValueError):
        SourceFile(path="src/server.ts", header="@generated", generated_mark=False)


def test_a_lone_imported_name_never_breaks() -> None:
    controller = Symbol(
        name="createProductVariantController",
        module=ModuleRef.file("src/gen/product-variant/product-variant.controller"),
    )
    file = SourceFile(
        path="src/gen/product-variant/product-variant.routes.ts",
        statements=(const("router", call(ref(controller))),),
    )
    text = print_source_file(file, options=PrintOptions(import_extension=".ts"))
    assert text.startswith(
        'import { createProductVariantController } from "./product-variant.controller.ts";\n'
    )
    assert len(text.split("\n")[0]) > 80
