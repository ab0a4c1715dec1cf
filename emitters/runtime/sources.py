"""The static TypeScript of every generated app, kept as real `.ts` files under `ts/` in
the layout of the app they are copied into (`ts/src/gen/http/query.ts` becomes the app's
`src/gen/http/query.ts`).

A file that differs per database lives under `ts/variants/<database>/` in the same layout
(`ts/variants/mysql/src/gen/db.ts`); `variant_source` picks one.

They are source, not templates: no holes, no placeholders. `tsc` checks them inside every
generated app (they are emitted byte for byte), prettier checks them as they stand, and at
generation time `ssot_ast.ts.parse_source` turns each into a syntax tree whose imports are
Symbols, so the import pass still derives every import. Whatever depends on the schema is
built as AST by the other emitters, in small modules these files import.
"""

from __future__ import annotations

import functools
from importlib import resources

from ssot_ast.ts import SourceFile, parse_source

#: The package folder holding the sources (read-only package data).
SOURCE_ROOT = resources.files(__package__) / "ts"


def runtime_text(path: str) -> str:
    """The text of the source whose app path is `path` (e.g. ``src/gen/http/query.ts``)."""
    return (SOURCE_ROOT / path).read_text(encoding="utf-8")


@functools.cache
def runtime_source(path: str) -> SourceFile:
    """The syntax tree of the source whose app path is `path`; parsed once per process.
    Raises ``TsParseError`` (file:line:col) if the file holds a construct the nodes cannot
    express."""
    return parse_source(runtime_text(path), path)


@functools.cache
def variant_source(variant: str, path: str) -> SourceFile:
    """The syntax tree of the `variant` of the source whose app path is `path` (e.g.
    ``variant_source("mysql", "src/gen/db.ts")``); parsed once per process."""
    return parse_source(variant_text(variant, path), path)


def variant_text(variant: str, path: str) -> str:
    """The text of the `variant` of the source whose app path is `path`."""
    return (SOURCE_ROOT / VARIANTS / variant / path).read_text(encoding="utf-8")


#: The folder of the per-database variants, under SOURCE_ROOT.
VARIANTS = "variants"


def variant_paths() -> tuple[tuple[str, str], ...]:
    """(variant, app path) of every variant source, sorted."""
    found: list[tuple[str, str]] = []
    for folder in (SOURCE_ROOT / VARIANTS).iterdir():
        found += [(folder.name, path) for path in _walk(folder)]
    return tuple(sorted(found))


def runtime_paths() -> tuple[str, ...]:
    """The app path of every source (the variants aside), sorted."""
    return tuple(path for path in _walk(SOURCE_ROOT) if not path.startswith(VARIANTS + "/"))


def _walk(root: resources.abc.Traversable) -> list[str]:
    """The `.ts` files under `root`, as paths relative to it, sorted."""
    found: list[str] = []

    def walk(folder: resources.abc.Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".ts"):
                found.append(prefix + entry.name)

    walk(root, "")
    return sorted(found)
