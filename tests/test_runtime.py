"""The runtime modules (`emitters.runtime`) against the proven reference backend.

`tests/data/runtime_reference/<name>.ts` are the reference files, byte for byte.
`<name>.expected.ts` are the same files with the changes the AST cannot avoid (each checked
to be prettier-formatted), so the comparison stays exact:

- the file header is a JSDoc block carrying `@generated` (the reference uses `//` lines);
- `if (c) stmt;` gains braces (IfStatement bodies are Blocks);
- numeric separators are gone (`60_000` -> `60000`);
- top-level statements are separated by one blank line;
- a comment trailing a statement moves to the line before it;
- query.ts: `SortKey` is an unlabeled tuple and `<const F extends readonly [string,
  ...string[]]>(fields: F)` is written `<F extends string>(fields: readonly [F, ...F[]])`
  (no labeled tuple members and no `const` type parameters in the AST; same inferred types);
- app.ts: ``prisma.$queryRaw`SELECT 1` `` is `prisma.$queryRawUnsafe("SELECT 1")` (no tagged
  templates in the AST).

Every module prints exactly its expected text, and every expected text is prettier-formatted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from emitters.runtime import app, body, config, db, errors, json, pagination, query, server
from ssot_ast.ts.module import SourceFile
from ssot_ast.ts.printer import PrintOptions, print_source_file
from ssot_ast.ts.symbols import VALUE, ModuleRef, Symbol
from ssot_ast.verify import verify_text

DATA = Path(__file__).parent / "data" / "runtime_reference"
ROOT = Path(__file__).resolve().parents[1]
PRETTIER = ROOT / "tools" / "node" / "node_modules" / "prettier" / "bin" / "prettier.cjs"

DEMO_ROUTERS = (
    (
        "notes",
        Symbol(name="noteRouter", module=ModuleRef.file("src/gen/note/note.routes"), kind=VALUE),
    ),
    (
        "people",
        Symbol(
            name="personRouter", module=ModuleRef.file("src/gen/person/person.routes"), kind=VALUE
        ),
    ),
)

#: name -> builder of the demo parameterization (SQLite, routers notes + people).
MODULES: dict[str, Callable[[], SourceFile]] = {
    "query": lambda: query.query_module(False),
    "pagination": pagination.pagination_module,
    "body": body.body_module,
    "errors": errors.errors_module,
    "json": json.json_module,
    "config": config.config_module,
    "db": lambda: db.db_module("sqlite"),
    "app": lambda: app.app_module(DEMO_ROUTERS),
    "server": server.server_module,
}

PATHS = {
    "query": "src/gen/http/query.ts",
    "pagination": "src/gen/http/pagination.ts",
    "body": "src/gen/http/body.ts",
    "errors": "src/gen/http/errors.ts",
    "json": "src/gen/http/json.ts",
    "config": "src/gen/config.ts",
    "db": "src/gen/db.ts",
    "app": "src/gen/app.ts",
    "server": "src/server.ts",
}


def printed(name: str) -> str:
    return print_source_file(MODULES[name](), options=PrintOptions(import_extension=".ts"))


def prettier(text: str) -> str:
    assert (
        shutil.which("node") is not None and PRETTIER.exists()
    ), "prettier is not installed: run bash tools/setup.sh"
    result = subprocess.run(
        ["node", str(PRETTIER), "--stdin-filepath", "file.ts"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("name", sorted(MODULES))
def test_path(name: str) -> None:
    assert MODULES[name]().path == PATHS[name]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_prints_expected_exactly(name: str) -> None:
    assert printed(name) == (DATA / f"{name}.expected.ts").read_text()


@pytest.mark.node
@pytest.mark.parametrize("name", sorted(MODULES))
def test_expected_files_are_prettier_formatted(name: str) -> None:
    expected = (DATA / f"{name}.expected.ts").read_text()
    assert prettier(expected) == expected


@pytest.mark.parametrize("name", sorted(MODULES))
def test_verifies_and_stays_typed(name: str) -> None:
    text = printed(name)
    verify_text(text, PATHS[name])
    assert not re.search(r"\bany\b", re.sub(r'"[^"\n]*"|`[^`]*`|//.*|/\*[\s\S]*?\*/', "", text))
    assert "@ts-ignore" not in text
    assert "as unknown as" not in text


def test_db_provider() -> None:
    for provider in ("sqlite", "postgresql"):
        text = print_source_file(db.db_module(provider))
        assert f'export const SCHEMA_PROVIDER: DatabaseProvider = "{provider}";' in text
    with pytest.raises(ValueError):
        db.db_module("mongodb")


@pytest.mark.parametrize(
    ("provider", "adapter", "construction"),
    [
        ("mysql", "@prisma/adapter-mariadb", "new PrismaMariaDb(databaseUrl)"),
        ("sqlserver", "@prisma/adapter-mssql", "new PrismaMssql(databaseUrl)"),
        ("cockroachdb", "@prisma/adapter-pg", "new PrismaPg({ connectionString: databaseUrl })"),
    ],
)
def test_db_single_adapter(provider: str, adapter: str, construction: str) -> None:
    """Other databases than SQLite and PostgreSQL import their own adapter and nothing else."""
    text = print_source_file(db.db_module(provider))
    verify_text(text, PATHS["db"])
    assert f'export const SCHEMA_PROVIDER = "{provider}";' in text
    assert construction in text
    imported = re.findall(r'from "(@prisma/adapter-[a-z0-9-]+)"', text)
    assert imported == [adapter]


def test_query_case_insensitive() -> None:
    plain = print_source_file(query.query_module(False))
    assert "insensitive" not in plain
    text = print_source_file(query.query_module(True))
    verify_text(text, PATHS["query"])
    assert 'mode: "insensitive" as const' in text
    assert "required(textOperators(stringValue)).transform(caseInsensitive)" in text
    # Only the string filters get it.
    assert text.count(".transform(caseInsensitive)") + text.count(".transform(\n") >= 2
    assert "required(comparableOperators(intValue));" in text


def test_app_mounts_routers_in_order() -> None:
    text = printed("app")
    notes = text.index('api.use("/notes", noteRouter(prisma));')
    people = text.index('api.use("/people", personRouter(prisma));')
    assert notes < people
    assert 'import { noteRouter } from "./note/note.routes.ts";' in text
    single = print_source_file(app.app_module(DEMO_ROUTERS[1:]))
    assert "noteRouter" not in single and "personRouter(prisma)" in single


def test_rate_limited_routers_get_the_store() -> None:
    text = print_source_file(app.app_module(DEMO_ROUTERS, rate_limited={"people"}))
    assert 'api.use("/notes", noteRouter(prisma));' in text
    assert 'api.use("/people", personRouter(prisma, rateLimitStore));' in text
    assert "rateLimitStore = memoryRateLimitStore," in text
    assert "rateLimitStore?: RateLimitStore;" in text
