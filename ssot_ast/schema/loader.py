"""Entry points: a file, a folder of `.prisma` files, or text, to a resolved `Schema`."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .errors import Diagnostic, SchemaError
from .model import Schema
from .parser import parse_file
from .resolve import resolve
from .syntax import SchemaFile


def parse_schema_files(files: Sequence[tuple[str, str]]) -> Schema:
    """Parses and resolves (path, text) pairs as one schema; raises `SchemaError`."""
    trees: list[SchemaFile] = []
    diagnostics: list[Diagnostic] = []
    for path, text in files:
        tree, problems = parse_file(text, path)
        trees.append(tree)
        diagnostics.extend(problems)
    if diagnostics:
        raise SchemaError(diagnostics, files)
    return resolve(trees)


def parse_schema_text(text: str, filename: str = "schema.prisma") -> Schema:
    return parse_schema_files([(filename, text)])


def read_schema_files(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """The (path, text) pairs of a schema file or of every `.prisma` file under a folder."""
    root = Path(path)
    if root.is_dir():
        paths = sorted(p for p in root.rglob("*.prisma") if p.is_file())
        if not paths:
            raise SchemaError(
                [
                    Diagnostic(
                        file=str(root), line=1, col=1, message="no .prisma files in this folder"
                    )
                ]
            )
    elif root.is_file():
        paths = [root]
    else:
        raise SchemaError(
            [Diagnostic(file=str(root), line=1, col=1, message="no such schema file or folder")]
        )
    out: list[tuple[str, str]] = []
    for item in paths:
        try:
            out.append((str(item), item.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:
            raise SchemaError(
                [
                    Diagnostic(
                        file=str(item), line=1, col=1, message=f"cannot read the file: {error}"
                    )
                ]
            ) from None
    return out


def load_schema(path: str | os.PathLike[str]) -> Schema:
    """Reads and resolves a schema file, or a folder of `.prisma` files as one schema."""
    return parse_schema_files(read_schema_files(path))
