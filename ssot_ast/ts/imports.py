"""The import pass: from the Symbols a file references to its import statements.

Pure: it reads a SourceFile and returns an `ImportPlan` (the import declarations and the
local name of every referenced symbol). The rules:

- Group per module; one declaration per module (plus one for a namespace import and one
  for a type-only default import); package modules first, then project files, each sorted
  by specifier; names sorted case-insensitively.
- A name used only in type positions (`TypeRef`, or `typeof` in a type) is imported with
  `type`; `import type { A, B }` when every name from the module is type-only,
  otherwise `import { type A, B }`.
- Project files are imported by relative path with `.js` (configurable: `.ts` or none).
- A symbol of the file itself is printed bare and never imported; it must be declared at
  the top level of the file, otherwise the reference is unresolvable (ValueError).
- Clashes: names bound anywhere in the file (declarations, parameters, variables) win, as
  do TypeScript keywords and common globals (`RESERVED_GLOBALS`). An imported name that
  clashes gets an alias, first `<Name><LastWordOfModule>` (`User` from
  `src/gen/user/user.model` becomes `UserModel`, from `express` `UserExpress`), then
  `<Name><AllWordsOfModule>`, then `<Name>_1`, `<Name>_2`... Between two imports of the
  same name, the one whose module sorts first keeps the plain name.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

import attrs

from ssot_ast.ts.common import (
    RESERVED_WORDS,
    ArrayBindingPattern,
    BindingElement,
    BindingName,
    Node,
    ObjectBindingPattern,
    Parameter,
    TypeNode,
    TypeParameter,
)
from ssot_ast.ts.declarations import ClassDeclaration, FunctionDeclaration, InterfaceDeclaration
from ssot_ast.ts.declarations import TypeAliasDeclaration
from ssot_ast.ts.expressions import FunctionExpression, Ref
from ssot_ast.ts.module import ImportDeclaration, ImportSpecifier, SourceFile
from ssot_ast.ts.statements import ForOfStatement, TryStatement, VariableStatement
from ssot_ast.ts.symbols import ModuleRef, Symbol, SymbolKind
from ssot_ast.ts.types import TypeRef

#: Globals an import must never shadow.
RESERVED_GLOBALS: frozenset[str] = frozenset(
    """Object Promise Date Error Array Map Set WeakMap WeakSet JSON Number String Boolean
    BigInt Symbol Record Partial Required Readonly Pick Omit Exclude Extract NonNullable
    ReturnType Parameters Awaited InstanceType Math RegExp Function TypeError RangeError
    SyntaxError Uint8Array ArrayBuffer Buffer console process globalThis undefined NaN
    Infinity Intl Reflect Proxy Iterable AsyncIterable PromiseLike ReadonlyArray
    structuredClone setTimeout clearTimeout""".split()
)

SymbolKey = tuple[ModuleRef, str, bool, bool]


def symbol_key(symbol: Symbol) -> SymbolKey:
    """Symbols that denote the same import share a key (kind/type_only do not matter)."""
    return (symbol.module, symbol.name, symbol.default, symbol.namespace)


@attrs.frozen(kw_only=True, slots=True)
class ImportPlan:
    imports: tuple[ImportDeclaration, ...]
    names: dict[SymbolKey, str] = attrs.field(hash=False)

    def local_name(self, symbol: Symbol) -> str:
        try:
            return self.names[symbol_key(symbol)]
        except KeyError:
            raise ValueError(f"symbol {symbol.name!r} was not resolved") from None


#: attrs annotations of fields that never hold a node: the walk skips them.
_SCALAR_ANNOTATIONS = frozenset(
    {
        "Symbol",
        "ModuleRef | None",
        "bool",
        "int",
        "int | float",
        "str",
        "str | None",
        "str | int | float | bool",
        "tuple[str, ...]",
    }
)
_FIELDS_CACHE: dict[type, tuple[str, ...]] = {}


def _child_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node class that may hold nodes (computed once per class)."""
    names = _FIELDS_CACHE.get(kind)
    if names is None:
        names = tuple(
            field.name
            for field in attrs.fields(kind)
            if not (isinstance(field.type, str) and field.type in _SCALAR_ANNOTATIONS)
        )
        _FIELDS_CACHE[kind] = names
    return names


def iter_nodes(root: Node) -> Iterator[tuple[Node, bool]]:
    """Every node under `root` (pre-order) with whether it sits in a type position."""
    stack: list[tuple[object, bool]] = [(root, False)]
    pop = stack.pop
    push = stack.append
    fields_cache = _FIELDS_CACHE
    while stack:
        value, in_type = pop()
        kind = type(value)
        if kind is tuple:
            for item in reversed(value):  # type: ignore[call-overload]
                if item is not None and type(item) is not str:
                    push((item, in_type))
            continue
        fields = fields_cache.get(kind)
        if fields is None:
            if not isinstance(value, Node):
                continue
            fields = _child_fields(kind)
        node: Node = value  # type: ignore[assignment]
        if not in_type and isinstance(node, TypeNode):
            in_type = True
        yield node, in_type
        for name in fields:
            child = getattr(node, name)
            if child is not None and type(child) is not str:
                push((child, in_type))


def _binding_names(name: BindingName) -> Iterator[str]:
    if isinstance(name, str):
        yield name
    elif isinstance(name, (ObjectBindingPattern, ArrayBindingPattern)):
        for element in name.elements:
            if element is not None:
                yield element.name


def _declared_names(node: Node) -> Iterator[str]:
    extract = _DECLARED.get(type(node))
    if extract is not None:
        yield from extract(node)


def _named(node: Node) -> Iterator[str]:
    yield node.name  # type: ignore[attr-defined]


def _optionally_named(node: Node) -> Iterator[str]:
    if node.name is not None:  # type: ignore[attr-defined]
        yield node.name  # type: ignore[attr-defined]


def _binding(node: Node) -> Iterator[str]:
    return _binding_names(node.name)  # type: ignore[attr-defined]


def _catch_name(node: Node) -> Iterator[str]:
    if node.catch_name is not None:  # type: ignore[attr-defined]
        yield node.catch_name  # type: ignore[attr-defined]


#: The names a node binds, by node class (a dict: one lookup per node in the walk).
_DECLARED: dict[type, Callable[[Node], Iterator[str]]] = {
    FunctionDeclaration: _named,
    ClassDeclaration: _named,
    InterfaceDeclaration: _named,
    TypeAliasDeclaration: _named,
    VariableStatement: _binding,
    Parameter: _binding,
    ForOfStatement: _binding,
    BindingElement: _named,
    TypeParameter: _named,
    FunctionExpression: _optionally_named,
    TryStatement: _catch_name,
}


def top_level_names(file: SourceFile) -> set[str]:
    names: set[str] = set()
    for statement in file.statements:
        if isinstance(
            statement,
            (FunctionDeclaration, ClassDeclaration, InterfaceDeclaration, TypeAliasDeclaration),
        ):
            names.add(statement.name)
        elif isinstance(statement, VariableStatement):
            names.update(_binding_names(statement.name))
    return names


@attrs.define
class _Use:
    symbol: Symbol
    value: bool = False
    type: bool = False


def _module_sort_key(module: ModuleRef, specifier: str) -> tuple[int, str]:
    return (0 if module.is_package else 1, specifier)


_WORD_RE = re.compile(r"[A-Za-z0-9]+")


def _pascal(word: str) -> str:
    return word[:1].upper() + word[1:]


def _alias_candidates(name: str, module: ModuleRef) -> Iterator[str]:
    last_segment = module.name.rsplit("/", 1)[-1].split(":")[-1]
    words = _WORD_RE.findall(last_segment)
    if words:
        yield name + _pascal(words[-1])
        yield name + "".join(_pascal(word) for word in words)
    counter = 1
    while True:
        yield f"{name}_{counter}"
        counter += 1


def resolve_imports(file: SourceFile, extension: str = ".js") -> ImportPlan:
    """Derive the imports of `file` and the local name of each referenced symbol."""
    own_module = file.module
    top_level = top_level_names(file)
    bound: set[str] = set()
    uses: dict[SymbolKey, _Use] = {}
    declared = _DECLARED
    fields_cache = _FIELDS_CACHE
    # The walk of iter_nodes, inlined (this loop visits every node of every file).
    stack: list[tuple[object, bool]] = [(file, False)]
    pop = stack.pop
    push = stack.append
    while stack:
        value, in_type = pop()
        kind = type(value)
        if kind is tuple:
            for item in reversed(value):  # type: ignore[call-overload]
                if item is not None and type(item) is not str:
                    push((item, in_type))
            continue
        fields = fields_cache.get(kind)
        if fields is None:
            if not isinstance(value, Node):
                continue
            fields = _child_fields(kind)
        if not in_type and isinstance(value, TypeNode):
            in_type = True
        for name in fields:
            child = getattr(value, name)
            if child is not None and type(child) is not str:
                push((child, in_type))
        extract = declared.get(kind)
        if extract is not None:
            bound.update(extract(value))  # type: ignore[arg-type]
            continue
        if kind is Ref:
            symbol: Symbol = value.symbol  # type: ignore[attr-defined]
            as_type = in_type
            if not in_type and symbol.kind is SymbolKind.TYPE:
                raise ValueError(
                    f"{file.path}: type {symbol.name!r} from {symbol.module.name!r}"
                    " is used as a value"
                )
        elif kind is TypeRef:
            symbol = value.symbol  # type: ignore[attr-defined]
            as_type = True
            if symbol.kind is SymbolKind.VALUE and not value.member:  # type: ignore[attr-defined]
                raise ValueError(
                    f"{file.path}: value {symbol.name!r} from {symbol.module.name!r}"
                    " is used as a type"
                )
        else:
            continue
        key = symbol_key(symbol)
        use = uses.get(key)
        if use is None:
            use = uses[key] = _Use(symbol)
        if as_type:
            use.type = True
        else:
            use.value = True

    names: dict[SymbolKey, str] = {}
    taken = set(bound) | RESERVED_GLOBALS | RESERVED_WORDS
    pending: list[tuple[tuple[int, str], str, SymbolKey, _Use, str]] = []
    for key, use in uses.items():
        symbol = use.symbol
        if symbol.module == own_module:
            if symbol.name not in top_level:
                raise ValueError(
                    f"{file.path}: {symbol.name!r} is referenced as a symbol of this file"
                    " but not declared at its top level"
                )
            names[key] = symbol.name
            continue
        specifier = symbol.module.specifier_from(own_module, extension)
        sort_key = _module_sort_key(symbol.module, specifier)
        pending.append((sort_key, symbol.name, key, use, specifier))
    pending.sort(key=lambda item: (item[0], item[1], item[2][2], item[2][3]))
    for _, name, key, use, _ in pending:
        local = name
        if local in taken:
            local = next(c for c in _alias_candidates(name, use.symbol.module) if c not in taken)
        taken.add(local)
        names[key] = local

    by_module: dict[str, list[tuple[SymbolKey, _Use]]] = {}
    module_order: list[tuple[tuple[int, str], str]] = []
    for sort_key, _, key, use, specifier in pending:
        if specifier not in by_module:
            by_module[specifier] = []
            module_order.append((sort_key, specifier))
        by_module[specifier].append((key, use))

    imports: list[ImportDeclaration] = []
    for _, specifier in sorted(module_order):
        imports.extend(_declarations_for(specifier, by_module[specifier], names))
    return ImportPlan(imports=tuple(imports), names=names)


def _is_type_only(use: _Use) -> bool:
    return use.symbol.type_only or not use.value


def _declarations_for(
    specifier: str, entries: list[tuple[SymbolKey, _Use]], names: dict[SymbolKey, str]
) -> Iterator[ImportDeclaration]:
    default_entries = [(k, u) for k, u in entries if u.symbol.default]
    namespace_entries = [(k, u) for k, u in entries if u.symbol.namespace]
    named_entries = [(k, u) for k, u in entries if not u.symbol.default and not u.symbol.namespace]
    specifiers = []
    for key, use in sorted(named_entries, key=lambda e: (e[1].symbol.name.lower(), e[0][1])):
        local = names[key]
        specifiers.append(
            ImportSpecifier(
                name=use.symbol.name,
                alias=None if local == use.symbol.name else local,
                type_only=_is_type_only(use),
            )
        )
    all_types = bool(specifiers) and all(spec.type_only for spec in specifiers)
    named = tuple(attrs.evolve(spec, type_only=False) if all_types else spec for spec in specifiers)
    value_default: str | None = None
    for key, use in default_entries:
        if _is_type_only(use):
            yield ImportDeclaration(module_specifier=specifier, default=names[key], type_only=True)
        elif value_default is None:
            value_default = names[key]
        else:
            yield ImportDeclaration(module_specifier=specifier, default=names[key])
    if value_default is not None:
        if all_types:
            named = specifiers_as_type(named)
        yield ImportDeclaration(module_specifier=specifier, default=value_default, named=named)
    elif named:
        yield ImportDeclaration(module_specifier=specifier, named=named, type_only=all_types)
    for key, use in namespace_entries:
        yield ImportDeclaration(
            module_specifier=specifier, namespace=names[key], type_only=_is_type_only(use)
        )


def specifiers_as_type(named: tuple[ImportSpecifier, ...]) -> tuple[ImportSpecifier, ...]:
    return tuple(attrs.evolve(spec, type_only=True) for spec in named)
