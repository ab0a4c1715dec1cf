"""Modules and symbols: the only way for a generated file to name something that lives in
another module. A `Symbol` carries its module, so the import pass can derive every import
statement from the references found in a file; emitters never write imports themselves."""

from __future__ import annotations

import enum
import posixpath
import re

import attrs

from ssot_ast.ts.common import check_identifier

_PACKAGE_RE = re.compile(r"^(node:)?(@[a-z0-9][\w.~-]*/)?[a-z0-9][\w.~-]*(/[\w.~@-]+)*$", re.I)
_FILE_RE = re.compile(r"^[\w.@~-]+(/[\w.@~-]+)*$")


class ModuleKind(enum.Enum):
    PACKAGE = "package"
    FILE = "file"


@attrs.frozen(kw_only=True, slots=True, order=True)
class ModuleRef:
    """A module: an npm package or Node builtin (`ModuleRef.package("zod")`,
    `ModuleRef.package("node:crypto")`), or a generated project file given as its path from
    the project root without extension (`ModuleRef.file("src/gen/post/post.service")`)."""

    kind: ModuleKind
    name: str

    def __attrs_post_init__(self) -> None:
        if self.kind is ModuleKind.PACKAGE:
            if not _PACKAGE_RE.match(self.name):
                raise ValueError(f"invalid package specifier {self.name!r}")
        else:
            if not _FILE_RE.match(self.name) or self.name.endswith(".ts"):
                raise ValueError(
                    f"invalid project module path {self.name!r} (relative to the project root,"
                    " '/'-separated, no extension)"
                )
            parts = self.name.split("/")
            if any(part in ("", ".", "..") for part in parts):
                raise ValueError(f"project module path {self.name!r} must be normalized")

    @classmethod
    def package(cls, name: str) -> ModuleRef:
        return cls(kind=ModuleKind.PACKAGE, name=name)

    @classmethod
    def file(cls, path: str) -> ModuleRef:
        return cls(kind=ModuleKind.FILE, name=path)

    @property
    def is_package(self) -> bool:
        return self.kind is ModuleKind.PACKAGE

    def specifier_from(self, importer: ModuleRef, extension: str = ".js") -> str:
        """The string to write in `from "..."` inside `importer` (a project file)."""
        if self.kind is ModuleKind.PACKAGE:
            return self.name
        if importer.kind is not ModuleKind.FILE:
            raise ValueError("only project files import other project files")
        rel = posixpath.relpath(self.name, posixpath.dirname(importer.name) or ".")
        if not rel.startswith("../"):
            rel = "./" + rel
        return rel + extension


class SymbolKind(enum.Enum):
    """What a symbol names: a value, a type, or both (a class, an enum, a const + type pair)."""

    VALUE = "value"
    TYPE = "type"
    BOTH = "both"


VALUE = SymbolKind.VALUE
TYPE = SymbolKind.TYPE
BOTH = SymbolKind.BOTH


@attrs.frozen(kw_only=True, slots=True)
class Symbol:
    """A name exported by `module`.

    - `kind`: what it names; a TYPE symbol used in value position is an error.
    - `type_only`: always imported with `type` even when used as a value position is
      impossible (the module is type-only, e.g. a `.d.ts` contract).
    - `default`: the module's default export (`import name from "m"`).
    - `namespace`: the whole module (`import * as name from "m"`).
    """

    name: str
    module: ModuleRef
    kind: SymbolKind = SymbolKind.BOTH
    type_only: bool = False
    default: bool = False
    namespace: bool = False

    def __attrs_post_init__(self) -> None:
        check_identifier(self.name, "symbol name")
        if not isinstance(self.module, ModuleRef):
            raise TypeError("Symbol.module must be a ModuleRef")
        if self.default and self.namespace:
            raise ValueError("a symbol is either a default export or a namespace, not both")
        if self.type_only and self.kind is SymbolKind.VALUE:
            raise ValueError("a VALUE symbol cannot be type_only")
