"""The runtime sources (`emitters/runtime/ts/`) and the contract (`emitters.contract`).

* Each source is exactly what the printer makes of its own syntax tree (the round trip that
  lets a `.ts` file stand for nodes), holds no `any`, `@ts-ignore` or placeholder, and says
  where it goes in the app by where it lies.
* Every Symbol of the contract is really exported by its module: by the runtime source when
  the module is one, else by the module as generated for the golden examples.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from emitters import contract
from emitters.runtime.sources import (
    SOURCE_ROOT,
    runtime_paths,
    runtime_source,
    runtime_text,
    variant_paths,
    variant_source,
    variant_text,
)
from ssot_ast.ts import (
    PrintOptions,
    SourceFile,
    Symbol,
    parse_source,
    print_source_file,
    exported_symbols,
)

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "golden"
PATHS = runtime_paths()


def test_the_sources_cover_the_runtime() -> None:
    assert {"src/gen/http/query.ts", "src/gen/http/errors.ts", "src/server.ts"} <= set(PATHS)
    assert str(SOURCE_ROOT).endswith("emitters/runtime/ts")


@pytest.mark.parametrize("path", PATHS)
def test_source_round_trips_through_the_nodes(path: str) -> None:
    text = runtime_text(path)
    source = runtime_source(path)
    assert source.path == path
    assert print_source_file(source, options=PrintOptions(import_extension=".ts")) == text


@pytest.mark.parametrize(("variant", "path"), variant_paths())
def test_variant_round_trips_through_the_nodes(variant: str, path: str) -> None:
    source = variant_source(variant, path)
    assert source.path == path
    printed = print_source_file(source, options=PrintOptions(import_extension=".ts"))
    assert printed == variant_text(variant, path)


def test_every_database_has_its_db_source() -> None:
    assert {v for v, p in variant_paths() if p == "src/gen/db.ts"} == {
        "mysql",
        "sqlserver",
        "cockroachdb",
    }


@pytest.mark.parametrize("path", PATHS)
def test_source_is_plain_typescript(path: str) -> None:
    code = re.sub(r'"[^"\n]*"|`[^`]*`|//.*|/\*[\s\S]*?\*/', "", runtime_text(path))
    assert not re.search(r"\bany\b", code)
    assert "@ts-ignore" not in code and "@ts-expect-error" not in code
    # Not a template: nothing waits to be filled in.
    assert not re.search(r"\{\{|\$\{\s*\}|__[A-Z]+__|<%", runtime_text(path))


def _exports(source: SourceFile) -> set[str]:
    return set(exported_symbols(source))


def _contract_symbols() -> list[tuple[str, Symbol]]:
    return sorted(
        (name, value) for name, value in vars(contract).items() if isinstance(value, Symbol)
    )


#: Modules the contract names that the app does not contain: packages, and the client
#: `prisma generate` writes.
OUTSIDE = ("src/generated/prisma/",)


def _module_exports(module: str) -> set[str] | None:
    path = module + ".ts"
    if path in PATHS:
        return _exports(runtime_source(path))
    generated = sorted(GOLDEN.glob(f"*/expected/{path}"))
    if not generated:
        return None
    found: set[str] = set()
    for file in generated:
        found |= _exports(parse_source(file.read_text(), path))
    return found


@pytest.mark.parametrize(
    ("name", "symbol"), _contract_symbols(), ids=[name for name, _ in _contract_symbols()]
)
def test_contract_symbol_is_exported_by_its_module(name: str, symbol: Symbol) -> None:
    module = symbol.module
    if module.is_package or module.name.startswith(OUTSIDE):
        return
    exported = _module_exports(module.name)
    assert exported is not None, f"{name}: no runtime source or generated file {module.name}.ts"
    assert symbol.name in exported, f"{name}: {module.name}.ts does not export {symbol.name}"


def test_the_contract_check_can_fail() -> None:
    assert _module_exports("src/gen/http/query") is not None
    assert "stringFilter" in (_module_exports("src/gen/http/query") or set())
    assert "noSuchName" not in (_module_exports("src/gen/http/query") or set())


def test_production_refuses_the_example_secrets() -> None:
    """.env.example's secrets are the ones config.ts refuses when NODE_ENV=production."""
    config = runtime_text("src/gen/config.ts")
    start = config.index("const EXAMPLE_SECRETS = new Set([")
    listed = config[start : config.index("]);", start)]
    for secret in (contract.EXAMPLE_JWT_SECRET, contract.EXAMPLE_API_TOKEN):
        assert f'"{secret}"' in listed
