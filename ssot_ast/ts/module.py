"""Module-level nodes: the source file, imports (built only by the import pass), exports
and re-exports."""

from __future__ import annotations

import attrs

from ssot_ast.ts.common import (
    Expression,
    Node,
    Statement,
    check_identifier,
    check_identifier_name,
    check_instance,
    check_instances,
)
from ssot_ast.ts.declarations import (
    ClassDeclaration,
    FunctionDeclaration,
    InterfaceDeclaration,
    TypeAliasDeclaration,
)
from ssot_ast.ts.statements import VariableStatement
from ssot_ast.ts.symbols import BOTH, TYPE, VALUE, ModuleRef, Symbol


@attrs.frozen(kw_only=True, slots=True)
class ImportSpecifier(Node):
    """`name`, `name as alias` or `type name` inside `import { ... }`."""

    name: str
    alias: str | None = None
    type_only: bool = False

    def __attrs_post_init__(self) -> None:
        check_identifier_name(self.name, "imported name")
        if self.alias is not None:
            check_identifier(self.alias, "import alias")

    @property
    def local_name(self) -> str:
        return self.alias or self.name


@attrs.frozen(kw_only=True, slots=True)
class ImportDeclaration(Statement):
    """One import statement. Emitters never build these: `resolve_imports` derives them."""

    module_specifier: str
    default: str | None = None
    namespace: str | None = None
    named: tuple[ImportSpecifier, ...] = ()
    type_only: bool = False

    def __attrs_post_init__(self) -> None:
        check_instances(self.named, ImportSpecifier, "import specifiers")
        if self.namespace is not None and self.named:
            raise ValueError("a namespace import cannot also import names")
        if self.default is None and self.namespace is None and not self.named:
            raise ValueError("an import declaration imports something")


@attrs.frozen(kw_only=True, slots=True)
class ExportSpecifier(Node):
    """`name`, `name as alias` or `type name` inside `export { ... }`."""

    name: str
    alias: str | None = None
    type_only: bool = False

    def __attrs_post_init__(self) -> None:
        check_identifier_name(self.name, "exported name")
        if self.alias is not None:
            check_identifier_name(self.alias, "export alias")


@attrs.frozen(kw_only=True, slots=True)
class ExportDeclaration(Statement):
    """`export { a, type B } from "./m.js";` (with `module`), `export { a };` (without), or
    `export * from "./m.js";` (`star=True`, optional `star_alias` for `export * as ns`).
    `type_only=True` gives `export type { ... }`."""

    names: tuple[ExportSpecifier, ...] = ()
    module: ModuleRef | None = None
    star: bool = False
    star_alias: str | None = None
    type_only: bool = False

    def __attrs_post_init__(self) -> None:
        check_instances(self.names, ExportSpecifier, "export specifiers")
        if self.module is not None:
            check_instance(self.module, ModuleRef, "export module")
        if self.star:
            if self.module is None or self.names:
                raise ValueError("`export *` needs a module and no names")
            if self.star_alias is not None:
                check_identifier(self.star_alias, "namespace export name")
        elif not self.names:
            raise ValueError("an export declaration names something")


@attrs.frozen(kw_only=True, slots=True)
class ExportAssignment(Statement):
    """`export default expr;`."""

    expression: Expression

    def __attrs_post_init__(self) -> None:
        check_instance(self.expression, Expression, "exported expression")


def _check_path(path: str) -> None:
    if not isinstance(path, str) or not path.endswith(".ts"):
        raise ValueError(f"a source file path ends with .ts: {path!r}")
    ModuleRef.file(path[: -len(".ts")])


@attrs.frozen(kw_only=True, slots=True)
class SourceFile(Node):
    """A generated `.ts` file. `path` is relative to the project root
    (`src/gen/post/post.service.ts`); its own module is the path without `.ts`. `header`
    becomes the leading `@generated` comment block (a JSDoc block, `@generated` added when
    the text lacks it).

    `generated_mark=False` is for scaffold files that become the user's to edit
    (`src/server.ts`): the header is printed as plain `//` lines and no `@generated` mark
    is added, so tools that skip generated files do not skip it."""

    path: str
    statements: tuple[Statement, ...] = ()
    header: str | None = None
    generated_mark: bool = True

    def __attrs_post_init__(self) -> None:
        _check_path(self.path)
        check_instances(self.statements, Statement, "statements")
        for statement in self.statements:
            if isinstance(statement, ImportDeclaration):
                raise ValueError(
                    "imports are derived from Symbol references; do not add ImportDeclaration"
                )
        if self.header is not None and "*/" in self.header:
            raise ValueError("a file header cannot contain '*/'")
        if not self.generated_mark and self.header is None:
            raise ValueError("generated_mark=False needs a header (the `//` comment block)")
        if not self.generated_mark and "@generated" in (self.header or ""):
            raise ValueError("a header without the generated mark cannot say @generated")

    @property
    def module(self) -> ModuleRef:
        return ModuleRef.file(self.path[: -len(".ts")])


def symbol_in(file: SourceFile, name: str) -> Symbol:
    """The Symbol for `name` exported by `file` (for use in other files)."""
    return Symbol(name=name, module=file.module)


def exported_symbols(file: SourceFile) -> dict[str, Symbol]:
    """Every name `file` exports, as the Symbol other files import it by: type aliases and
    interfaces are TYPE, classes BOTH, functions and variables VALUE; a name of an
    `export { ... }` list BOTH (its kind is not in the list)."""
    found: dict[str, Symbol] = {}
    for statement in file.statements:
        if isinstance(statement, ExportDeclaration):
            for spec in statement.names:
                listed = spec.alias or spec.name
                found[listed] = Symbol(name=listed, module=file.module, kind=BOTH)
            continue
        if not getattr(statement, "export", False):
            continue
        name: object = getattr(statement, "name", None)
        if not isinstance(name, str):
            continue  # a destructuring export, or a statement without a name
        if isinstance(statement, (TypeAliasDeclaration, InterfaceDeclaration)):
            kind = TYPE
        elif isinstance(statement, ClassDeclaration):
            kind = BOTH
        elif isinstance(statement, (FunctionDeclaration, VariableStatement)):
            kind = VALUE
        else:
            continue
        found[name] = Symbol(name=name, module=file.module, kind=kind)
    return found
