"""TypeScript source text to `ssot_ast.ts` nodes, so that static runtime files can live as
real `.ts` source and still go through the printer (imports derived, layout normalised).

    file = parse_source(text, "src/gen/http/query.ts")
    print_source_file(file, options=PrintOptions(import_extension=".ts")) == text

What it does:

- Parses with tree-sitter-typescript (one parser, created once per process) and builds the
  nodes directly; parentheses are dropped (the printer re-derives them). Two misreadings
  of tree-sitter are corrected: a postfix `!` after an operator (`a + b!.c` is
  `a + ((b!).c)`, not `(a + b)!.c`) and `a < b < c` (`(a < b) < c`).
- Import statements are not kept: every imported name becomes a `Symbol` (a relative
  specifier is resolved against the file's path to `ModuleRef.file`, without extension; any
  other specifier is `ModuleRef.package`), and every use of the name becomes `Ref` (value
  position) or `TypeRef` (type position) of that Symbol, so the import pass re-derives the
  imports. A Symbol's kind follows the file's uses (TYPE for `import type` and names used
  only as types, VALUE for names used only as values, BOTH otherwise).
- The leading comment becomes the `SourceFile.header`: a `/** ... */` block that says
  `@generated` (the `@generated` line the printer adds is stripped again), or leading `//`
  lines followed by a blank line (`generated_mark=False`; `//` lines that say `@generated`
  become a generated header, printed back as a JSDoc block as the emitters print it).
- JSDoc blocks become the `doc` of the declaration, class member, object member or type
  member they precede; `//` comments between statements become `LineComment`s (a comment
  at the end of a statement's line is moved before that statement); blank lines between
  statements, class members and switch clauses become `blank_line_before`; an object
  literal or object type whose first member is on a new line is `multiline`, an array
  literal too.
- Text that the printer did not produce is accepted and normalised when printed back:
  layout, quotes, braces around single-statement bodies, import order, numbers (kept by
  value: `0x1f` prints as `31`; numeric separators are kept). `{ name }` of an imported
  name becomes `name: name` (a Ref, so the import and any alias stay right).

What it refuses, with `TsParseError` (path, line and column of the offending construct):
any syntax error (tree-sitter ERROR or MISSING node), and any construct the nodes cannot
express: `var`, several declarators in one statement, enums, namespaces, `declare`,
decorators, `for (;;)`, `for...in`, `do...while`, labels, getters and setters, generators,
tagged templates, `import()`, sequence expressions, class expressions, definite
assignments (`x!: T`), overloads and abstract members, type predicates, `infer`, template
literal types, named tuple members, side-effect imports, re-exports of imported names,
block comments other than JSDoc, comments inside expressions, a local declaration that
shadows an imported name (scopes are not analysed, so the reference would be ambiguous),
and whatever a node refuses on construction (a `const` without initializer, a non-ASCII
identifier...).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any, Callable, Iterable

import attrs
import tree_sitter
import tree_sitter_typescript

from ssot_ast.ts.common import (
    ArrayBindingPattern,
    BindingElement,
    BindingName,
    Block,
    Expression,
    ObjectBindingPattern,
    Parameter,
    Statement,
    TypeNode,
    TypeParameter,
)
from ssot_ast.ts.declarations import (
    ClassDeclaration,
    ClassMember,
    Constructor,
    FunctionDeclaration,
    InterfaceDeclaration,
    MethodMember,
    PropertyDeclaration,
    TypeAliasDeclaration,
)
from ssot_ast.ts.expressions import (
    ArrayLiteralExpression,
    ArrowFunction,
    AsExpression,
    AssignmentExpression,
    AwaitExpression,
    BigIntLiteral,
    BinaryExpression,
    BooleanLiteral,
    CallExpression,
    ComputedPropertyName,
    ConditionalExpression,
    DeleteExpression,
    ElementAccessExpression,
    FunctionExpression,
    Identifier,
    MethodDeclaration,
    NewExpression,
    NonNullExpression,
    NullLiteral,
    NumericLiteral,
    ObjectLiteralExpression,
    ObjectMember,
    PostfixUnaryExpression,
    PrefixUnaryExpression,
    PropertyAccessExpression,
    PropertyAssignment,
    PropertyKey,
    Ref,
    RegularExpressionLiteral,
    SatisfiesExpression,
    ShorthandPropertyAssignment,
    SpreadAssignment,
    SpreadElement,
    StringLiteral,
    SuperExpression,
    ImportMeta,
    TemplateExpression,
    ThisExpression,
    TypeOfExpression,
    VoidExpression,
)
from ssot_ast.ts.module import (
    ExportAssignment,
    ExportDeclaration,
    ExportSpecifier,
    SourceFile,
)
from ssot_ast.ts.printer import GENERATED_MARK
from ssot_ast.ts.statements import (
    BreakStatement,
    CaseClause,
    ContinueStatement,
    ExpressionStatement,
    ForOfStatement,
    IfStatement,
    LineComment,
    ReturnStatement,
    SwitchStatement,
    ThrowStatement,
    TryStatement,
    VariableStatement,
    WhileStatement,
)
from ssot_ast.ts.symbols import BOTH, TYPE, VALUE, ModuleRef, Symbol
from ssot_ast.ts.types import (
    ArrayType,
    ConditionalType,
    FunctionType,
    IndexedAccessType,
    IndexSignature,
    IntersectionType,
    KeywordType,
    LiteralType,
    MappedType,
    MethodSignature,
    PropertySignature,
    RestType,
    TupleType,
    TypeLiteral,
    TypeMember,
    TypeOperator,
    TypeQuery,
    TypeRef,
    TypeReference,
    UnionType,
)

__all__ = ["Converter", "TsParseError", "parse_source"]

TSNode = tree_sitter.Node

_LANGUAGE = tree_sitter.Language(tree_sitter_typescript.language_typescript())
_PARSER = tree_sitter.Parser(_LANGUAGE)
#: Every name that may refer to an import, and every comment (checked for placement).
_SCAN_QUERY = tree_sitter.Query(
    _LANGUAGE,
    "(identifier) @value (shorthand_property_identifier) @value (type_identifier) @type"
    " (comment) @comment"
    " (non_null_expression [(binary_expression) (unary_expression) (update_expression)])"
    " @hoisted",
)

#: Postfix operations and the field holding what they apply to.
_POSTFIX_OBJECT = {
    "member_expression": "object",
    "subscript_expression": "object",
    "call_expression": "function",
}

#: Where a comment may stand: the contexts below read comments themselves (and refuse the
#: ones they cannot keep); anywhere else a comment would be lost, so it is refused.
_COMMENT_PARENTS = frozenset(
    {
        "program",
        "statement_block",
        "switch_body",
        "switch_case",
        "switch_default",
        "class_body",
        "object",
        "object_type",
        "interface_body",
    }
)

#: Statements that take a JSDoc `doc`.
_DOCUMENTED = frozenset(
    {
        "lexical_declaration",
        "function_declaration",
        "class_declaration",
        "abstract_class_declaration",
        "type_alias_declaration",
        "interface_declaration",
    }
)

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_LINE_CONTINUATIONS = ("\n", "\r", "\u2028", "\u2029")
_JSDOC_PREFIX = re.compile(r"^\s*\* ?")
_DECIMAL_INT = re.compile(r"\d+")
_DECIMAL_RAW = re.compile(r"[\d_]+(\.[\d_]*)?")
_SURROGATE = re.compile("[\ud800-\udfff]")


class TsParseError(Exception):
    """TypeScript that does not parse, or that the nodes cannot express. `line` and `column`
    are 1-based (the column counts characters); `reason` names the construct."""

    def __init__(self, path: str, line: int, column: int, reason: str) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason
        super().__init__(f"{path}:{line}:{column}: {reason}")


def parse_source(text: str, path: str) -> SourceFile:
    """The `SourceFile` for `text`, the file at `path` in the generated project (relative
    to the project root, e.g. `src/gen/http/query.ts`). Raises TsParseError."""
    return Converter(text, path).convert()


# -- small helpers ------------------------------------------------------------------------


def _text(node: TSNode) -> str:
    raw = node.text
    return "" if raw is None else raw.decode("utf-8")


def _kind_name(node: TSNode) -> str:
    return node.type.replace("_", " ")


def _kind_as(node: TSNode, category: str) -> str:
    """`sequence expression`, `infer type`: the kind, with its category unless it says so."""
    name = _kind_name(node)
    return name if name.endswith(category) else f"{name} {category}"


def _cook_escape(raw: str) -> str | None:
    """The character(s) an escape sequence stands for; None for a legacy octal escape."""
    body = raw[1:]
    first = body[0]
    if len(body) == 1 and first in _ESCAPES:
        return _ESCAPES[first]
    if first == "u":
        digits = body[2:-1] if body[1] == "{" else body[1:]
        return chr(int(digits, 16))
    if first == "x":
        return chr(int(body[1:], 16))
    if first in _LINE_CONTINUATIONS:
        return ""
    if first.isdigit():
        return None
    return body


def _join_surrogates(text: str) -> str:
    """`\\uD83D\\uDE00` cooks to two surrogates; join them into one character."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16")


def jsdoc_text(comment: str) -> str:
    """The text of a `/** ... */` block, without the comment markers and ` * ` prefixes (the
    inverse of the printer's `comment_block_doc`)."""
    inner = comment[3:-2]
    lines = inner.split("\n")
    if len(lines) == 1:
        return lines[0].strip()
    cleaned = [_JSDOC_PREFIX.sub("", line).rstrip() for line in lines]
    cleaned[0] = lines[0].strip()
    while cleaned and not cleaned[0]:
        cleaned.pop(0)
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    return "\n".join(cleaned)


def line_comment_text(comment: str) -> str:
    text = comment[2:]
    return text[1:] if text.startswith(" ") else text


def _is_jsdoc(text: str) -> bool:
    return text.startswith("/**") and text != "/**/"


# -- the converter ------------------------------------------------------------------------


class Converter:
    """Converts one file: `convert()` returns its SourceFile. One method per statement,
    expression and type kind of tree-sitter (`_stmt_*`, `_expr_*`, `_type_*`), dispatched
    by node type; a kind without a method is refused."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.source = text.encode("utf-8")
        self.tree = _PARSER.parse(self.source)
        #: Local name -> the Symbol it imports.
        self.imports: dict[str, Symbol] = {}
        self.value_uses: set[str] = set()
        self.type_uses: set[str] = set()
        #: Inside `typeof x` in a type, a Ref is a type-only use.
        self.type_query_depth = 0
        #: Ids of the postfix chains whose `!` tree-sitter hoisted over an operator.
        self.hoisted: set[int] = set()

    # -- errors -------------------------------------------------------------------------

    def error(self, node: TSNode, reason: str) -> TsParseError:
        row, byte_column = node.start_point
        lines = self.source.split(b"\n")
        line = lines[row] if row < len(lines) else b""
        column = len(line[:byte_column].decode("utf-8", errors="replace")) + 1
        return TsParseError(self.path, row + 1, column, reason)

    def unsupported(self, node: TSNode, what: str | None = None) -> TsParseError:
        snippet = _text(node).split("\n", 1)[0].strip()
        if len(snippet) > 60:
            snippet = snippet[:57] + "..."
        name = what or _kind_name(node)
        return self.error(
            node, f"unsupported {name} (no ssot_ast.ts node expresses it): `{snippet}`"
        )

    def invalid(self, node: TSNode, exc: Exception) -> TsParseError:
        return self.error(node, f"cannot express this {_kind_name(node)}: {exc}")

    def field(self, node: TSNode, name: str) -> TSNode:
        child = node.child_by_field_name(name)
        if child is None:
            raise self.unsupported(node, f"{_kind_name(node)} without {name}")
        return child

    def named(self, node: TSNode) -> list[TSNode]:
        """The named children of `node`; comments are never among them here (see
        `_COMMENT_PARENTS`)."""
        return [child for child in node.named_children if child.type != "comment"]

    def only(self, node: TSNode) -> TSNode:
        children = self.named(node)
        if len(children) != 1:
            raise self.unsupported(node)
        return children[0]

    def check_tokens(self, node: TSNode, allowed: Iterable[str]) -> None:
        """Refuse unnamed tokens (`*`, `get`, `!`, `declare`...) and unfielded named
        children that the caller does not handle."""
        allowed_set = set(allowed)
        for index, child in enumerate(node.children):
            if child.type == "comment" or child.type in allowed_set:
                continue
            if child.type != "decorator" and node.field_name_for_child(index) is not None:
                continue
            raise self.unsupported(child, f"{_text(child)!r} in a {_kind_name(node)}")

    # -- the file -----------------------------------------------------------------------

    def convert(self) -> SourceFile:
        root = self.tree.root_node
        if root.has_error:
            raise self.syntax_error(root)
        children = list(root.named_children)
        header, generated_mark, children = self.header(children)
        imports = [child for child in children if child.type == "import_statement"]
        body = [child for child in children if child.type != "import_statement"]
        local_names = {
            name: node for statement in imports for name, node in self.import_names(statement)
        }
        self.scan(root, local_names)
        for statement in imports:
            self.add_import(statement)
        statements = self.statement_list(body)
        try:
            return SourceFile(
                path=self.path,
                statements=tuple(statements),
                header=header,
                generated_mark=generated_mark,
            )
        except (ValueError, TypeError) as exc:
            raise TsParseError(self.path, 1, 1, f"cannot express this file: {exc}") from exc

    def syntax_error(self, root: TSNode) -> TsParseError:
        found: list[tuple[TSNode, str]] = []
        stack = [root]
        while stack:
            node = stack.pop()
            if node.is_missing:
                found.append((node, f"syntax error: missing {node.type!r}"))
            elif node.is_error:
                found.append((node, "syntax error"))
            elif node.has_error:
                stack.extend(node.children)
        if not found:  # pragma: no cover - has_error implies an ERROR or MISSING node
            return TsParseError(self.path, 1, 1, "syntax error")
        node, message = min(found, key=lambda item: item[0].start_byte)
        snippet = _text(node).split("\n", 1)[0].strip()[:40]
        return self.error(node, message + (f" at `{snippet}`" if snippet else ""))

    def header(self, children: list[TSNode]) -> tuple[str | None, bool, list[TSNode]]:
        """The file header (text, generated_mark) and the remaining top-level nodes."""
        if not children or children[0].type != "comment" or children[0].start_byte != 0:
            return None, True, children
        first = _text(children[0])
        if _is_jsdoc(first):
            separated = len(children) == 1 or (
                children[1].start_point.row > children[0].end_point.row + 1
            )
            if GENERATED_MARK not in first or not separated:
                return None, True, children  # the doc of the first statement
            text = jsdoc_text(first)
            if text.startswith(GENERATED_MARK + "\n"):
                text = text[len(GENERATED_MARK) + 1 :]  # the printer adds it back
            return text, True, children[1:]
        if not first.startswith("//"):
            return None, True, children
        count = 1
        end = children[0].end_point.row
        while (
            count < len(children)
            and children[count].type == "comment"
            and _text(children[count]).startswith("//")
            and children[count].start_point.row == end + 1
        ):
            end = children[count].end_point.row
            count += 1
        if count < len(children) and children[count].start_point.row <= end + 1:
            return None, True, children  # a LineComment of the first statement
        text = "\n".join(line_comment_text(_text(node)) for node in children[:count])
        return text, GENERATED_MARK in text, children[count:]

    def scan(self, root: TSNode, local_names: dict[str, TSNode]) -> None:
        """Check where comments stand, and record how each imported name is used."""
        captures = tree_sitter.QueryCursor(_SCAN_QUERY).captures(root)
        for node in captures.get("hoisted", ()):
            inner = self.only(node)
            if not _is_hoisted_operator(inner):
                continue
            top = node
            parent = top.parent
            while parent is not None and (
                parent.type == "non_null_expression"
                or (
                    parent.type in _POSTFIX_OBJECT
                    and parent.child_by_field_name(_POSTFIX_OBJECT[parent.type]) == top
                )
            ):
                top, parent = parent, parent.parent
            self.hoisted.add(top.id)
        for comment in captures.get("comment", ()):
            parent = comment.parent
            if parent is not None and parent.type not in _COMMENT_PARENTS:
                raise self.unsupported(comment, f"comment inside {_kind_name(parent)}")
        if not local_names:
            return
        for node in captures.get("value", ()):
            name = _text(node)
            if name not in local_names:
                continue
            parent = node.parent
            parent_kind = parent.type if parent is not None else ""
            if parent_kind in ("import_specifier", "import_clause", "namespace_import"):
                continue
            if parent_kind in ("nested_type_identifier", "nested_identifier"):
                self.type_uses.add(name)
            elif parent_kind == "export_specifier":
                clause = parent.parent if parent is not None else None
                statement = clause.parent if clause is not None else None
                if statement is not None and statement.child_by_field_name("source") is not None:
                    continue  # `export { a } from "./m.js"` names another module's export
                raise self.unsupported(
                    node, f"local re-export of the imported name {name!r} (use export...from)"
                )
            else:
                self.value_uses.add(name)
        for node in captures.get("type", ()):
            name = _text(node)
            if name in local_names:
                self.type_uses.add(name)

    # -- imports ------------------------------------------------------------------------

    def module_ref(self, node: TSNode) -> ModuleRef:
        specifier = self.string_value(node)
        try:
            if specifier.startswith("./") or specifier.startswith("../"):
                base = posixpath.dirname(self.path)
                target = posixpath.normpath(posixpath.join(base, specifier))
                target = re.sub(r"\.(ts|js)$", "", target)
                return ModuleRef.file(target)
            return ModuleRef.package(specifier)
        except ValueError as exc:
            raise self.error(node, f"cannot resolve module {specifier!r}: {exc}") from exc

    def import_names(self, statement: TSNode) -> list[tuple[str, TSNode]]:
        """(local name, node) of every name an import statement binds."""
        names: list[tuple[str, TSNode]] = []
        clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
        if clause is None:
            return names
        for part in clause.named_children:
            if part.type == "identifier":
                names.append((_text(part), part))
            elif part.type == "namespace_import":
                names.append((_text(self.only(part)), part))
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type == "import_specifier":
                        local = spec.child_by_field_name("alias") or self.field(spec, "name")
                        names.append((_text(local), spec))
        return names

    def add_import(self, statement: TSNode) -> None:
        self.check_tokens(statement, ("import", "type", "from", ";", "import_clause"))
        clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
        if clause is None:
            raise self.unsupported(statement, "import without names (side-effect import)")
        module = self.module_ref(self.field(statement, "source"))
        type_only = any(child.type == "type" for child in statement.children)
        for part in clause.named_children:
            if part.type == "identifier":
                self.define(part, _text(part), _text(part), module, type_only, default=True)
            elif part.type == "namespace_import":
                name = _text(self.only(part))
                self.define(part, name, name, module, type_only, namespace=True)
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type == "comment":
                        continue
                    if spec.type != "import_specifier":
                        raise self.unsupported(spec)
                    self.check_tokens(spec, ("type", "as"))
                    name_node = self.field(spec, "name")
                    if name_node.type != "identifier":
                        raise self.unsupported(name_node, "string import name")
                    alias = spec.child_by_field_name("alias")
                    local = _text(alias if alias is not None else name_node)
                    spec_type = type_only or any(c.type == "type" for c in spec.children)
                    self.define(spec, _text(name_node), local, module, spec_type)
            else:
                raise self.unsupported(part)

    def define(
        self,
        node: TSNode,
        name: str,
        local: str,
        module: ModuleRef,
        type_only: bool,
        *,
        default: bool = False,
        namespace: bool = False,
    ) -> None:
        if local in self.imports:
            raise self.error(node, f"{local!r} is imported twice")
        if type_only or local not in self.value_uses:
            kind = TYPE
        elif local in self.type_uses:
            kind = BOTH
        else:
            kind = VALUE
        try:
            self.imports[local] = Symbol(
                name=name, module=module, kind=kind, default=default, namespace=namespace
            )
        except (ValueError, TypeError) as exc:
            raise self.invalid(node, exc) from exc

    def bind(self, name: str, node: TSNode) -> str:
        """A name declared by the file; refused when it shadows an import."""
        if name in self.imports:
            raise self.error(
                node, f"{name!r} is imported and declared again here (shadowing is not supported)"
            )
        return name

    # -- comments and statement lists ---------------------------------------------------

    def statement_list(self, nodes: list[TSNode]) -> list[Statement]:
        """Statements with their comments: JSDoc before a declaration becomes its doc, line
        comments become LineComment statements, gaps become blank_line_before."""
        out: list[Statement] = []
        pending_doc: str | None = None
        doc_node: TSNode | None = None
        doc_gap = False
        previous_end: int | None = None
        index = 0
        while index < len(nodes):
            node = nodes[index]
            gap = previous_end is not None and node.start_point.row > previous_end + 1
            if node.type == "comment":
                text = _text(node)
                if _is_jsdoc(text):
                    if pending_doc is not None:
                        raise self.unsupported(node, "second JSDoc block before one statement")
                    pending_doc, doc_node, doc_gap = jsdoc_text(text), node, gap
                    previous_end = node.end_point.row
                    index += 1
                    continue
                if not text.startswith("//"):
                    raise self.unsupported(node, "block comment")
                if pending_doc is not None:
                    raise self.unsupported(
                        node, "line comment between a JSDoc block and its statement"
                    )
                trailing = previous_end is not None and node.start_point.row == previous_end
                lines = [line_comment_text(text)]
                end = node.end_point.row
                while (
                    not trailing
                    and index + 1 < len(nodes)
                    and nodes[index + 1].type == "comment"
                    and _text(nodes[index + 1]).startswith("//")
                    and nodes[index + 1].start_point.row == end + 1
                ):
                    index += 1
                    lines.append(line_comment_text(_text(nodes[index])))
                    end = nodes[index].end_point.row
                try:
                    comment = LineComment(text="\n".join(lines))
                except (ValueError, TypeError) as exc:
                    raise self.invalid(node, exc) from exc
                if trailing and out:
                    # A comment after a statement on its line goes before that statement.
                    last = out[-1]
                    out[-1] = attrs.evolve(comment, blank_line_before=last.blank_line_before)
                    out.append(attrs.evolve(last, blank_line_before=False))
                else:
                    out.append(attrs.evolve(comment, blank_line_before=gap))
                    previous_end = end
                index += 1
                continue
            if pending_doc is not None:
                gap = doc_gap
            out.append(self.statement(node, doc=pending_doc, blank=gap))
            pending_doc = None
            previous_end = node.end_point.row
            index += 1
        if pending_doc is not None and doc_node is not None:
            raise self.unsupported(doc_node, "JSDoc block without a declaration after it")
        return out

    def block(self, node: TSNode) -> Block:
        if node.type != "statement_block":
            return Block(statements=(self.statement(node),))
        return Block(statements=tuple(self.statement_list(list(node.named_children))))

    # -- statements ---------------------------------------------------------------------

    def statement(self, node: TSNode, doc: str | None = None, blank: bool = False) -> Statement:
        kind = node.type
        export = default_export = False
        if kind == "export_statement":
            declaration = node.child_by_field_name("declaration")
            if declaration is None:
                if doc is not None:
                    raise self.unsupported(node, "JSDoc on an export list")
                return self.export(node, blank)
            self.check_tokens(node, ("export", "default"))
            export = True
            default_export = any(child.type == "default" for child in node.children)
            node, kind = declaration, declaration.type
        if doc is not None and kind not in _DOCUMENTED:
            raise self.unsupported(node, f"JSDoc on a {_kind_name(node)}")
        if default_export and kind not in (
            "function_declaration",
            "class_declaration",
            "abstract_class_declaration",
        ):
            raise self.unsupported(node, f"export default {_kind_name(node)}")
        method = _STATEMENTS.get(kind)
        if method is None:
            raise self.unsupported(node)
        try:
            return method(
                self,
                node,
                _StatementInfo(doc=doc, blank=blank, export=export, default_export=default_export),
            )
        except (ValueError, TypeError) as exc:
            raise self.invalid(node, exc) from exc

    def export(self, node: TSNode, blank: bool) -> Statement:
        self.check_tokens(
            node,
            ("export", "default", "type", "*", "from", ";", "export_clause", "namespace_export"),
        )
        type_only = any(child.type == "type" for child in node.children)
        value = node.child_by_field_name("value")
        try:
            if value is not None:
                if type_only:
                    raise self.unsupported(node)
                return ExportAssignment(expression=self.expr(value), blank_line_before=blank)
            source = node.child_by_field_name("source")
            module = self.module_ref(source) if source is not None else None
            if any(child.type == "*" for child in node.children):
                return ExportDeclaration(module=module, star=True, blank_line_before=blank)
            for child in node.named_children:
                if child.type == "namespace_export":
                    return ExportDeclaration(
                        module=module,
                        star=True,
                        star_alias=_text(self.only(child)),
                        blank_line_before=blank,
                    )
            clause = next((c for c in node.named_children if c.type == "export_clause"), None)
            if clause is None:
                raise self.unsupported(node)
            names: list[ExportSpecifier] = []
            for spec in self.named(clause):
                self.check_tokens(spec, ("type", "as"))
                name = self.field(spec, "name")
                exported = spec.child_by_field_name("alias")
                if name.type != "identifier" or (
                    exported is not None and exported.type != "identifier"
                ):
                    raise self.unsupported(spec, "string export name")
                names.append(
                    ExportSpecifier(
                        name=_text(name),
                        alias=_text(exported) if exported is not None else None,
                        type_only=any(c.type == "type" for c in spec.children),
                    )
                )
            return ExportDeclaration(
                names=tuple(names), module=module, type_only=type_only, blank_line_before=blank
            )
        except (ValueError, TypeError) as exc:
            raise self.invalid(node, exc) from exc

    def _stmt_lexical_declaration(self, node: TSNode, info: _StatementInfo) -> Statement:
        self.check_tokens(node, (",", ";", "variable_declarator"))
        kind = _text(self.field(node, "kind"))
        if kind not in ("const", "let"):
            raise self.unsupported(node, f"{kind} declaration")
        declarators = [c for c in node.named_children if c.type == "variable_declarator"]
        if len(declarators) != 1:
            raise self.unsupported(node, "several declarators in one statement")
        declarator = declarators[0]
        self.check_tokens(declarator, ("=",))
        value = declarator.child_by_field_name("value")
        type_node = declarator.child_by_field_name("type")
        return VariableStatement(
            name=self.binding(self.field(declarator, "name")),
            type=self.type_annotation(type_node) if type_node is not None else None,
            initializer=self.expr(value) if value is not None else None,
            kind=kind,
            export=info.export,
            doc=info.doc,
            blank_line_before=info.blank,
        )

    def _stmt_expression_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        return ExpressionStatement(
            expression=self.expr(self.only(node)), blank_line_before=info.blank
        )

    def _stmt_return_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        children = self.named(node)
        if len(children) > 1:
            raise self.unsupported(node)
        value = self.expr(children[0]) if children else None
        return ReturnStatement(expression=value, blank_line_before=info.blank)

    def _stmt_throw_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        return ThrowStatement(expression=self.expr(self.only(node)), blank_line_before=info.blank)

    def _stmt_if_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        else_: Block | IfStatement | None = None
        alternative = node.child_by_field_name("alternative")
        if alternative is not None:
            branch = self.only(alternative)
            if branch.type == "if_statement":
                nested = self.statement(branch)
                if not isinstance(nested, IfStatement):  # pragma: no cover - by construction
                    raise self.unsupported(branch)
                else_ = nested
            else:
                else_ = self.block(branch)
        return IfStatement(
            condition=self.expr(self.field(node, "condition")),
            then=self.block(self.field(node, "consequence")),
            else_=else_,
            blank_line_before=info.blank,
        )

    def _stmt_for_in_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        self.check_tokens(node, ("for", "await", "(", ")"))
        operator = _text(self.field(node, "operator"))
        if operator != "of":
            raise self.unsupported(node, f"for...{operator} loop")
        declaration_kind = node.child_by_field_name("kind")
        if declaration_kind is None or _text(declaration_kind) not in ("const", "let"):
            raise self.unsupported(node, "for...of loop without const or let")
        return ForOfStatement(
            name=self.binding(self.field(node, "left")),
            iterable=self.expr(self.field(node, "right")),
            body=self.block(self.field(node, "body")),
            kind=_text(declaration_kind),
            await_=any(child.type == "await" for child in node.children),
            blank_line_before=info.blank,
        )

    def _stmt_while_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        return WhileStatement(
            condition=self.expr(self.field(node, "condition")),
            body=self.block(self.field(node, "body")),
            blank_line_before=info.blank,
        )

    def _stmt_try_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        handler = node.child_by_field_name("handler")
        finalizer = node.child_by_field_name("finalizer")
        catch_name: str | None = None
        catch_block: Block | None = None
        if handler is not None:
            self.check_tokens(handler, ("catch", "(", ")"))
            if handler.child_by_field_name("type") is not None:
                raise self.unsupported(handler, "type annotation on a catch binding")
            parameter = handler.child_by_field_name("parameter")
            if parameter is not None:
                if parameter.type != "identifier":
                    raise self.unsupported(parameter, "catch binding pattern")
                catch_name = self.bind(_text(parameter), parameter)
            catch_block = self.block(self.field(handler, "body"))
        return TryStatement(
            block=self.block(self.field(node, "body")),
            catch_name=catch_name,
            catch_block=catch_block,
            finally_block=self.block(self.field(finalizer, "body")) if finalizer else None,
            blank_line_before=info.blank,
        )

    def _stmt_switch_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        clauses: list[CaseClause] = []
        previous_end: int | None = None
        for clause in self.switch_clauses(self.field(node, "body")):
            blank = previous_end is not None and clause.start_point.row > previous_end + 1
            clauses.append(self.case(clause, blank))
            previous_end = clause.end_point.row
        return SwitchStatement(
            expression=self.expr(self.field(node, "value")),
            clauses=tuple(clauses),
            blank_line_before=info.blank,
        )

    def switch_clauses(self, body: TSNode) -> list[TSNode]:
        clauses: list[TSNode] = []
        for child in body.named_children:
            if child.type == "comment":
                raise self.unsupported(child, "comment between switch clauses")
            clauses.append(child)
        return clauses

    def case(self, node: TSNode, blank: bool) -> CaseClause:
        test: Expression | None = None
        if node.type == "switch_case":
            test = self.expr(self.field(node, "value"))
        elif node.type != "switch_default":
            raise self.unsupported(node)
        body = [
            child
            for index, child in enumerate(node.children)
            if child.is_named and node.field_name_for_child(index) != "value"
        ]
        statements = self.statement_list(body)
        try:
            return CaseClause(test=test, statements=tuple(statements), blank_line_before=blank)
        except (ValueError, TypeError) as exc:
            raise self.invalid(node, exc) from exc

    def _stmt_break_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        if self.named(node):
            raise self.unsupported(node, "labelled break")
        return BreakStatement(blank_line_before=info.blank)

    def _stmt_continue_statement(self, node: TSNode, info: _StatementInfo) -> Statement:
        if self.named(node):
            raise self.unsupported(node, "labelled continue")
        return ContinueStatement(blank_line_before=info.blank)

    def _stmt_statement_block(self, node: TSNode, info: _StatementInfo) -> Statement:
        block = self.block(node)
        return attrs.evolve(block, blank_line_before=info.blank)

    def _stmt_function_declaration(self, node: TSNode, info: _StatementInfo) -> Statement:
        self.check_tokens(node, ("async", "function"))
        return FunctionDeclaration(
            name=self.bind(_text(self.field(node, "name")), node),
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            parameters=self.parameters(self.field(node, "parameters")),
            return_type=self.optional_type(node.child_by_field_name("return_type")),
            body=self.block(self.field(node, "body")),
            async_=_has(node, "async"),
            export=info.export and not info.default_export,
            default_export=info.default_export,
            doc=info.doc,
            blank_line_before=info.blank,
        )

    def _stmt_class_declaration(self, node: TSNode, info: _StatementInfo) -> Statement:
        self.check_tokens(node, ("class", "abstract", "class_heritage"))
        extends: Expression | None = None
        extends_args: tuple[TypeNode, ...] = ()
        implements: tuple[TypeNode, ...] = ()
        for heritage in node.named_children:
            if heritage.type != "class_heritage":
                continue
            for clause in self.named(heritage):
                if clause.type == "extends_clause":
                    self.check_tokens(clause, ("extends",))
                    values = clause.children_by_field_name("value")
                    if len(values) != 1:
                        raise self.unsupported(clause, "several base classes")
                    extends = self.expr(values[0])
                    arguments = clause.child_by_field_name("type_arguments")
                    if arguments is not None:
                        extends_args = self.type_arguments(arguments)
                elif clause.type == "implements_clause":
                    implements = tuple(self.type(t) for t in self.named(clause))
                else:
                    raise self.unsupported(clause)
        return ClassDeclaration(
            name=self.bind(_text(self.field(node, "name")), node),
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            extends=extends,
            extends_type_arguments=extends_args,
            implements=implements,
            members=self.class_members(self.field(node, "body")),
            export=info.export and not info.default_export,
            default_export=info.default_export,
            abstract=_has(node, "abstract"),
            doc=info.doc,
            blank_line_before=info.blank,
        )

    _stmt_abstract_class_declaration = _stmt_class_declaration

    def _stmt_type_alias_declaration(self, node: TSNode, info: _StatementInfo) -> Statement:
        self.check_tokens(node, ("type", "=", ";"))
        return TypeAliasDeclaration(
            name=self.bind(_text(self.field(node, "name")), node),
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            type=self.type(self.field(node, "value")),
            export=info.export,
            doc=info.doc,
            blank_line_before=info.blank,
        )

    def _stmt_interface_declaration(self, node: TSNode, info: _StatementInfo) -> Statement:
        self.check_tokens(node, ("interface", "extends_type_clause"))
        extends: list[TypeNode] = []
        for clause in node.named_children:
            if clause.type == "extends_type_clause":
                extends.extend(self.type(t) for t in clause.children_by_field_name("type"))
        return InterfaceDeclaration(
            name=self.bind(_text(self.field(node, "name")), node),
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            extends=tuple(extends),
            members=self.type_members(self.field(node, "body")),
            export=info.export,
            doc=info.doc,
            blank_line_before=info.blank,
        )

    # -- classes ------------------------------------------------------------------------

    def class_members(self, body: TSNode) -> tuple[ClassMember, ...]:
        members: list[ClassMember] = []
        previous_end: int | None = None
        pending_doc: str | None = None
        pending_start: int | None = None
        for member in body.named_children:
            start = pending_start if pending_start is not None else member.start_point.row
            blank = previous_end is not None and start > previous_end + 1
            if member.type == "comment":
                text = _text(member)
                if not _is_jsdoc(text) or pending_doc is not None:
                    raise self.unsupported(member, "comment in a class body other than JSDoc")
                pending_doc = jsdoc_text(text)
                pending_start = member.start_point.row
                continue
            try:
                members.append(self.class_member(member, pending_doc, blank))
            except (ValueError, TypeError) as exc:
                raise self.invalid(member, exc) from exc
            pending_doc = None
            pending_start = None
            previous_end = member.end_point.row
        if pending_doc is not None:
            raise self.unsupported(body, "JSDoc block at the end of a class body")
        return tuple(members)

    def modifiers(self, node: TSNode, allowed: tuple[str, ...]) -> list[str]:
        found: list[str] = []
        for child in node.children:
            if child.type in ("accessibility_modifier", "override_modifier"):
                found.append(_text(child))
            elif child.type in allowed:
                found.append(child.type)
        return found

    def class_member(self, node: TSNode, doc: str | None, blank: bool) -> ClassMember:
        if node.type == "public_field_definition":
            self.check_tokens(
                node,
                (
                    "accessibility_modifier",
                    "override_modifier",
                    "static",
                    "readonly",
                    "declare",
                    "abstract",
                    "?",
                    "=",
                ),
            )
            value = node.child_by_field_name("value")
            return PropertyDeclaration(
                name=self.property_key(self.field(node, "name")),
                type=self.optional_type(node.child_by_field_name("type")),
                initializer=self.expr(value) if value is not None else None,
                modifiers=tuple(
                    self.modifiers(node, ("static", "readonly", "declare", "abstract"))
                ),
                optional=_has(node, "?"),
                doc=doc,
                blank_line_before=blank,
            )
        if node.type == "method_definition":
            name = self.field(node, "name")
            if _text(name) == "constructor" and name.type == "property_identifier":
                self.check_tokens(node, ())
                return Constructor(
                    parameters=self.parameters(self.field(node, "parameters")),
                    body=self.block(self.field(node, "body")),
                    doc=doc,
                    blank_line_before=blank,
                )
            method = self.method(node, doc, class_member=True)
            return MethodMember(method=method, blank_line_before=blank)
        raise self.unsupported(node, f"class member {_kind_name(node)}")

    def method(self, node: TSNode, doc: str | None, class_member: bool) -> MethodDeclaration:
        if class_member:
            self.check_tokens(
                node, ("accessibility_modifier", "override_modifier", "static", "async")
            )
        else:
            self.check_tokens(node, ("async",))
        return MethodDeclaration(
            name=self.property_key(self.field(node, "name")),
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            parameters=self.parameters(self.field(node, "parameters")),
            return_type=self.optional_type(node.child_by_field_name("return_type")),
            body=self.block(self.field(node, "body")),
            async_=_has(node, "async"),
            modifiers=tuple(self.modifiers(node, ("static",))),
            doc=doc,
        )

    # -- bindings and parameters --------------------------------------------------------

    def binding(self, node: TSNode) -> BindingName:
        try:
            return self._binding(node)
        except (ValueError, TypeError) as exc:
            raise self.invalid(node, exc) from exc

    def _binding(self, node: TSNode) -> BindingName:
        if node.type == "identifier":
            return self.bind(_text(node), node)
        if node.type == "object_pattern":
            elements: list[BindingElement] = []
            for child in self.named(node):
                if child.type == "shorthand_property_identifier_pattern":
                    elements.append(BindingElement(name=self.bind(_text(child), child)))
                elif child.type == "pair_pattern":
                    value = self.field(child, "value")
                    default: Expression | None = None
                    if value.type == "assignment_pattern":
                        default = self.expr(self.field(value, "right"))
                        value = self.field(value, "left")
                    if value.type != "identifier":
                        raise self.unsupported(value, "nested binding pattern")
                    key = self.field(child, "key")
                    if key.type != "property_identifier":
                        raise self.unsupported(key, "non-identifier key in a binding pattern")
                    elements.append(
                        BindingElement(
                            name=self.bind(_text(value), value),
                            property_name=_text(key),
                            default=default,
                        )
                    )
                elif child.type == "object_assignment_pattern":
                    left = self.field(child, "left")
                    if left.type != "shorthand_property_identifier_pattern":
                        raise self.unsupported(left, "nested binding pattern")
                    elements.append(
                        BindingElement(
                            name=self.bind(_text(left), left),
                            default=self.expr(self.field(child, "right")),
                        )
                    )
                elif child.type == "rest_pattern":
                    elements.append(self.rest_element(child))
                else:
                    raise self.unsupported(child, f"{_kind_name(child)} in a binding pattern")
            return ObjectBindingPattern(elements=tuple(elements))
        if node.type == "array_pattern":
            items: list[BindingElement | None] = []
            expecting = True  # no element since the last comma: a hole
            for child in node.children:
                if child.type == ",":
                    if expecting:
                        items.append(None)
                    expecting = True
                    continue
                if not child.is_named:
                    continue
                expecting = False
                if child.type == "identifier":
                    items.append(BindingElement(name=self.bind(_text(child), child)))
                elif child.type == "assignment_pattern":
                    left = self.field(child, "left")
                    if left.type != "identifier":
                        raise self.unsupported(left, "nested binding pattern")
                    items.append(
                        BindingElement(
                            name=self.bind(_text(left), left),
                            default=self.expr(self.field(child, "right")),
                        )
                    )
                elif child.type == "rest_pattern":
                    items.append(self.rest_element(child))
                else:
                    raise self.unsupported(child, f"{_kind_name(child)} in a binding pattern")
            return ArrayBindingPattern(elements=tuple(items))
        raise self.unsupported(node, f"{_kind_name(node)} as a binding")

    def rest_element(self, node: TSNode) -> BindingElement:
        target = self.only(node)
        if target.type != "identifier":
            raise self.unsupported(target, "nested binding pattern")
        return BindingElement(name=self.bind(_text(target), target), rest=True)

    def parameters(self, node: TSNode) -> tuple[Parameter, ...]:
        return tuple(self.parameter(child) for child in self.named(node))

    def parameter(self, node: TSNode) -> Parameter:
        if node.type not in ("required_parameter", "optional_parameter"):
            raise self.unsupported(node, _kind_as(node, "parameter"))
        try:
            self.check_tokens(
                node, ("accessibility_modifier", "override_modifier", "readonly", "?", "=")
            )
            modifiers = self.modifiers(node, ("readonly",))
            pattern = self.field(node, "pattern")
            rest = pattern.type == "rest_pattern"
            if rest:
                pattern = self.only(pattern)
            value = node.child_by_field_name("value")
            type_node = node.child_by_field_name("type")
            return Parameter(
                name=self.binding(pattern),
                type=self.type_annotation(type_node) if type_node is not None else None,
                default=self.expr(value) if value is not None else None,
                optional=node.type == "optional_parameter",
                rest=rest,
                modifiers=tuple(modifiers),
            )
        except (ValueError, TypeError) as exc:
            raise self.invalid(node, exc) from exc

    def type_parameters(self, node: TSNode | None) -> tuple[TypeParameter, ...]:
        if node is None:
            return ()
        params: list[TypeParameter] = []
        for child in self.named(node):
            if child.type != "type_parameter":
                raise self.unsupported(child)
            self.check_tokens(child, ())
            constraint = child.child_by_field_name("constraint")
            default = child.child_by_field_name("value")
            name = self.field(child, "name")
            try:
                params.append(
                    TypeParameter(
                        name=self.bind(_text(name), name),
                        constraint=self.type(self.only(constraint)) if constraint else None,
                        default=self.type(self.only(default)) if default else None,
                    )
                )
            except (ValueError, TypeError) as exc:
                raise self.invalid(child, exc) from exc
        return tuple(params)

    # -- expressions --------------------------------------------------------------------

    def expr(self, node: TSNode) -> Expression:
        method = _EXPRESSIONS.get(node.type)
        if method is None:
            raise self.unsupported(node, _kind_as(node, "expression"))
        try:
            if self.hoisted and node.id in self.hoisted:
                return self.unhoist(node)
            return method(self, node)
        except (ValueError, TypeError) as exc:
            raise self.invalid(node, exc) from exc

    # tree-sitter gives a postfix `!` a lower precedence than TypeScript: it reads `a + b!.c`
    # as `(a + b)!.c` and `!a!` as `(!a)!`. The postfix chain from that `!` up belongs to
    # the rightmost operand of the operator it was hoisted over: `a + ((b!).c)`.

    def unhoist(self, top: TSNode) -> Expression:
        """`top` is the head of a postfix chain (`.c`, `[i]`, `(args)`, `!`) whose bottom
        `!` tree-sitter put over a binary or prefix operator: hang the chain on the
        operator's rightmost operand instead."""
        chain: list[TSNode] = []
        current = top
        while True:
            chain.append(current)
            if current.type == "non_null_expression":
                inner = self.only(current)
                if _is_hoisted_operator(inner):
                    break
                current = inner
            else:
                current = self.field(current, _POSTFIX_OBJECT[current.type])

        def tail(base: Expression) -> Expression:
            for link in reversed(chain):
                base = self.postfix(link, base)
            return base

        return self.attach(inner, tail)

    def attach(self, node: TSNode, tail: Callable[[Expression], Expression]) -> Expression:
        """`node` with `tail` applied to its rightmost operand."""
        if node.type == "binary_expression":
            operands = self.less_than_chain(node)
            if operands is not None:
                return self.fold_less_than(operands[:-1], self.attach(operands[-1], tail))
            return BinaryExpression(
                left=self.expr(self.field(node, "left")),
                operator=_text(self.field(node, "operator")),
                right=self.attach(self.field(node, "right"), tail),
            )
        if node.type in ("unary_expression", "update_expression") and _is_hoisted_operator(node):
            return self.prefix(node, self.attach(self.field(node, "argument"), tail))
        return tail(self.expr(node))

    def postfix(self, node: TSNode, base: Expression) -> Expression:
        """The postfix operation of `node` (`.name`, `[index]`, `(args)`, `!`) on `base`."""
        kind = node.type
        if kind == "non_null_expression":
            return NonNullExpression(expression=base)
        if kind == "member_expression":
            name = self.field(node, "property")
            if name.type != "property_identifier":
                raise self.unsupported(name, f"{_kind_name(name)} after a dot")
            return PropertyAccessExpression(
                expression=base, name=_text(name), optional=_optional(node)
            )
        if kind == "subscript_expression":
            return ElementAccessExpression(
                expression=base,
                index=self.expr(self.field(node, "index")),
                optional=_optional(node),
            )
        type_arguments = node.child_by_field_name("type_arguments")
        return CallExpression(
            callee=base,
            arguments=self.arguments(self.field(node, "arguments")),
            type_arguments=self.type_arguments(type_arguments) if type_arguments else (),
            optional=_optional(node),
        )

    # tree-sitter also reads `a < b < c` as `a < (b < c)` (the `<` of type arguments gets in
    # the way); TypeScript reads `(a < b) < c`.

    def less_than_chain(self, node: TSNode) -> list[TSNode] | None:
        """The operands of `a < b < c` when tree-sitter nested it to the right, else None."""
        right = self.field(node, "right")
        if _text(self.field(node, "operator")) != "<" or not _is_less_than(right):
            return None
        operands = [self.field(node, "left")]
        while _is_less_than(right):
            operands.append(self.field(right, "left"))
            right = self.field(right, "right")
        operands.append(right)
        return operands

    def fold_less_than(self, operands: list[TSNode], last: Expression) -> Expression:
        result = self.expr(operands[0])
        for operand in operands[1:]:
            result = BinaryExpression(left=result, operator="<", right=self.expr(operand))
        return BinaryExpression(left=result, operator="<", right=last)

    def _expr_parenthesized_expression(self, node: TSNode) -> Expression:
        return self.expr(self.only(node))

    def _expr_identifier(self, node: TSNode) -> Expression:
        name = _text(node)
        symbol = self.imports.get(name)
        if symbol is None:
            return Identifier(name=name)
        if symbol.kind is TYPE and not self.type_query_depth:
            raise self.error(node, f"the type-only import {name!r} is used as a value")
        return Ref(symbol=symbol)

    def _expr_undefined(self, node: TSNode) -> Expression:
        return Identifier(name="undefined")

    def _expr_this(self, node: TSNode) -> Expression:
        return ThisExpression()

    def _expr_super(self, node: TSNode) -> Expression:
        return SuperExpression()

    def _expr_meta_property(self, node: TSNode) -> Expression:
        if _text(node) != "import.meta":
            raise self.unsupported(node)
        return ImportMeta()

    def _expr_true(self, node: TSNode) -> Expression:
        return BooleanLiteral(value=True)

    def _expr_false(self, node: TSNode) -> Expression:
        return BooleanLiteral(value=False)

    def _expr_null(self, node: TSNode) -> Expression:
        return NullLiteral()

    def string_value(self, node: TSNode) -> str:
        if node.type != "string":
            raise self.unsupported(node, f"{_kind_name(node)} where a string belongs")
        raw = _text(node)
        if "\\" not in raw:  # no escape sequence: the text between the quotes
            return raw[1:-1]
        parts: list[str] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(_text(child))
            elif child.type == "escape_sequence":
                parts.append(self.escape(child))
            else:
                raise self.unsupported(child)
        return self.joined(node, parts)

    def escape(self, node: TSNode) -> str:
        cooked = _cook_escape(_text(node))
        if cooked is None:
            raise self.unsupported(node, "legacy octal escape")
        return cooked

    def joined(self, node: TSNode, parts: list[str]) -> str:
        try:
            return _join_surrogates("".join(parts))
        except UnicodeError as exc:
            raise self.error(node, "lone surrogate in a string") from exc

    def _expr_string(self, node: TSNode) -> Expression:
        return StringLiteral(value=self.string_value(node))

    def _expr_number(self, node: TSNode) -> Expression:
        text = _text(node)
        if text.endswith("n"):
            return BigIntLiteral(value=int(text[:-1].replace("_", ""), 0))
        if "_" in text:
            if not _DECIMAL_RAW.fullmatch(text):
                raise self.unsupported(node, "numeric separator outside a decimal number")
            digits = text.replace("_", "")
            value: int | float = int(digits) if _DECIMAL_INT.fullmatch(digits) else float(digits)
            return NumericLiteral(value=value, raw=text)
        return NumericLiteral(value=self.number_value(text))

    @staticmethod
    def number_value(text: str) -> int | float:
        if _DECIMAL_INT.fullmatch(text):
            return int(text)
        if text[:2].lower() in ("0x", "0o", "0b"):
            return int(text, 0)
        return float(text)

    def _expr_regex(self, node: TSNode) -> Expression:
        flags = node.child_by_field_name("flags")
        return RegularExpressionLiteral(
            pattern=_text(self.field(node, "pattern")),
            flags=_text(flags) if flags is not None else "",
        )

    def _expr_template_string(self, node: TSNode) -> Expression:
        parts: list[str | Expression] = []
        text: list[str] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                text.append(_text(child))
            elif child.type == "escape_sequence":
                text.append(self.escape(child))
            elif child.type == "template_substitution":
                if text:
                    parts.append(self.joined(node, text))
                    text = []
                parts.append(self.expr(self.only(child)))
            else:
                raise self.unsupported(child)
        if text:
            parts.append(self.joined(node, text))
        return TemplateExpression(parts=tuple(parts))

    def _expr_array(self, node: TSNode) -> Expression:
        children = node.named_children
        return ArrayLiteralExpression(
            elements=tuple(self.expr(child) for child in children),
            multiline=bool(children) and children[0].start_point.row > node.start_point.row,
        )

    def _expr_spread_element(self, node: TSNode) -> Expression:
        return SpreadElement(expression=self.expr(self.only(node)))

    def property_key(self, node: TSNode) -> PropertyKey:
        kind = node.type
        if kind == "property_identifier":
            return _text(node)
        if kind == "string":
            return self.string_value(node)
        if kind == "number":
            return _text(node)
        if kind == "computed_property_name":
            return ComputedPropertyName(expression=self.expr(self.only(node)))
        raise self.unsupported(node, f"{_kind_name(node)} as a property name")

    def _expr_object(self, node: TSNode) -> Expression:
        members: list[ObjectMember] = []
        pending_doc: str | None = None
        for child in node.named_children:
            kind = child.type
            if kind == "comment":
                text = _text(child)
                if not _is_jsdoc(text) or pending_doc is not None:
                    raise self.unsupported(child, "comment in an object literal other than JSDoc")
                pending_doc = jsdoc_text(text)
                continue
            try:
                members.append(self.object_member(child, pending_doc))
            except (ValueError, TypeError) as exc:
                raise self.invalid(child, exc) from exc
            pending_doc = None
        if pending_doc is not None:
            raise self.unsupported(node, "JSDoc block at the end of an object literal")
        first = node.named_children[0] if node.named_children else None
        return ObjectLiteralExpression(
            properties=tuple(members),
            multiline=first is not None and first.start_point.row > node.start_point.row,
        )

    def object_member(self, node: TSNode, doc: str | None) -> ObjectMember:
        kind = node.type
        if kind == "pair":
            return PropertyAssignment(
                key=self.property_key(self.field(node, "key")),
                value=self.expr(self.field(node, "value")),
                doc=doc,
            )
        if kind == "shorthand_property_identifier":
            name = _text(node)
            if name in self.imports:
                # `{ z }` of an import: a Ref keeps the import (and any alias) right.
                return PropertyAssignment(key=name, value=self._expr_identifier(node), doc=doc)
            return ShorthandPropertyAssignment(name=name, doc=doc)
        if kind == "method_definition":
            return self.method(node, doc, class_member=False)
        if kind == "spread_element" and doc is None:
            return SpreadAssignment(expression=self.expr(self.only(node)))
        raise self.unsupported(node, f"{_kind_name(node)} in an object literal")

    def arguments(self, node: TSNode) -> tuple[Expression, ...]:
        if node.type != "arguments":
            raise self.unsupported(node, "tagged template")
        return tuple(self.expr(child) for child in self.named(node))

    def type_arguments(self, node: TSNode) -> tuple[TypeNode, ...]:
        return tuple(self.type(child) for child in self.named(node))

    def _expr_call_expression(self, node: TSNode) -> Expression:
        return self.postfix(node, self.expr(self.field(node, "function")))

    def _expr_new_expression(self, node: TSNode) -> Expression:
        arguments = node.child_by_field_name("arguments")
        type_arguments = node.child_by_field_name("type_arguments")
        return NewExpression(
            callee=self.expr(self.field(node, "constructor")),
            arguments=self.arguments(arguments) if arguments is not None else (),
            type_arguments=self.type_arguments(type_arguments) if type_arguments else (),
        )

    def _expr_member_expression(self, node: TSNode) -> Expression:
        return self.postfix(node, self.expr(self.field(node, "object")))

    def _expr_subscript_expression(self, node: TSNode) -> Expression:
        return self.postfix(node, self.expr(self.field(node, "object")))

    def prefix(self, node: TSNode, operand: Expression) -> Expression:
        """The prefix operator of a unary or update expression `node`, on `operand`."""
        operator = _text(self.field(node, "operator"))
        if operator == "typeof":
            return TypeOfExpression(expression=operand)
        if operator == "void":
            return VoidExpression(expression=operand)
        if operator == "delete":
            return DeleteExpression(expression=operand)
        return PrefixUnaryExpression(operator=operator, operand=operand)

    def _expr_unary_expression(self, node: TSNode) -> Expression:
        return self.prefix(node, self.expr(self.field(node, "argument")))

    def _expr_update_expression(self, node: TSNode) -> Expression:
        operand = self.expr(self.field(node, "argument"))
        if node.children[0].type in ("++", "--"):
            return self.prefix(node, operand)
        operator = _text(self.field(node, "operator"))
        return PostfixUnaryExpression(operator=operator, operand=operand)

    def _expr_await_expression(self, node: TSNode) -> Expression:
        return AwaitExpression(expression=self.expr(self.only(node)))

    def _expr_binary_expression(self, node: TSNode) -> Expression:
        operands = self.less_than_chain(node)
        if operands is not None:
            return self.fold_less_than(operands[:-1], self.expr(operands[-1]))
        return BinaryExpression(
            left=self.expr(self.field(node, "left")),
            operator=_text(self.field(node, "operator")),
            right=self.expr(self.field(node, "right")),
        )

    def _expr_assignment_expression(self, node: TSNode) -> Expression:
        return AssignmentExpression(
            target=self.expr(self.field(node, "left")),
            operator="=",
            value=self.expr(self.field(node, "right")),
        )

    def _expr_augmented_assignment_expression(self, node: TSNode) -> Expression:
        return AssignmentExpression(
            target=self.expr(self.field(node, "left")),
            operator=_text(self.field(node, "operator")),
            value=self.expr(self.field(node, "right")),
        )

    def _expr_ternary_expression(self, node: TSNode) -> Expression:
        return ConditionalExpression(
            condition=self.expr(self.field(node, "condition")),
            when_true=self.expr(self.field(node, "consequence")),
            when_false=self.expr(self.field(node, "alternative")),
        )

    def _expr_as_expression(self, node: TSNode) -> Expression:
        children = self.named(node)
        target: TypeNode
        if node.children[-1].type == "const":
            target = KeywordType(name="const")
        elif len(children) == 2:
            target = self.type(children[1])
        else:
            raise self.unsupported(node)
        return AsExpression(expression=self.expr(children[0]), type=target)

    def _expr_satisfies_expression(self, node: TSNode) -> Expression:
        children = self.named(node)
        if len(children) != 2:
            raise self.unsupported(node)
        return SatisfiesExpression(expression=self.expr(children[0]), type=self.type(children[1]))

    def _expr_non_null_expression(self, node: TSNode) -> Expression:
        return NonNullExpression(expression=self.expr(self.only(node)))

    def _expr_arrow_function(self, node: TSNode) -> Expression:
        self.check_tokens(node, ("async", "=>"))
        single = node.child_by_field_name("parameter")
        if single is not None:
            if single.type != "identifier":
                raise self.unsupported(single, "arrow parameter")
            params: tuple[Parameter, ...] = (Parameter(name=self.bind(_text(single), single)),)
        else:
            params = self.parameters(self.field(node, "parameters"))
        body = self.field(node, "body")
        return ArrowFunction(
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            parameters=params,
            return_type=self.optional_type(node.child_by_field_name("return_type")),
            body=self.block(body) if body.type == "statement_block" else self.expr(body),
            async_=_has(node, "async"),
        )

    def _expr_function_expression(self, node: TSNode) -> Expression:
        self.check_tokens(node, ("async", "function"))
        name = node.child_by_field_name("name")
        return FunctionExpression(
            name=self.bind(_text(name), name) if name is not None else None,
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            parameters=self.parameters(self.field(node, "parameters")),
            return_type=self.optional_type(node.child_by_field_name("return_type")),
            body=self.block(self.field(node, "body")),
            async_=_has(node, "async"),
        )

    _expr_function = _expr_function_expression

    # -- types --------------------------------------------------------------------------

    def type_annotation(self, node: TSNode) -> TypeNode:
        if node.type == "type_annotation":
            return self.type(self.only(node))
        raise self.unsupported(node)

    def optional_type(self, node: TSNode | None) -> TypeNode | None:
        return self.type_annotation(node) if node is not None else None

    def type(self, node: TSNode) -> TypeNode:
        method = _TYPES.get(node.type)
        if method is None:
            raise self.unsupported(node, _kind_as(node, "type"))
        try:
            return method(self, node)
        except (ValueError, TypeError) as exc:
            raise self.invalid(node, exc) from exc

    def _type_parenthesized_type(self, node: TSNode) -> TypeNode:
        return self.type(self.only(node))

    def _type_predefined_type(self, node: TSNode) -> TypeNode:
        return KeywordType(name=_text(node))

    def _type_this_type(self, node: TSNode) -> TypeNode:
        return KeywordType(name="this")

    def named_type(self, name: str, args: tuple[TypeNode, ...]) -> TypeNode:
        name = "".join(name.split())
        head, *rest = name.split(".")
        symbol = self.imports.get(head)
        if symbol is not None:
            return TypeRef(symbol=symbol, type_arguments=args, member=tuple(rest))
        return TypeReference(name=name, type_arguments=args)

    def _type_type_identifier(self, node: TSNode) -> TypeNode:
        return self.named_type(_text(node), ())

    def _type_nested_type_identifier(self, node: TSNode) -> TypeNode:
        return self.named_type(_text(node), ())

    def _type_generic_type(self, node: TSNode) -> TypeNode:
        name = self.field(node, "name")
        if name.type not in ("type_identifier", "nested_type_identifier"):
            raise self.unsupported(name)
        args = self.type_arguments(self.field(node, "type_arguments"))
        return self.named_type(_text(name), args)

    def flatten(self, node: TSNode, kind: str) -> list[TSNode]:
        """The members of a left-nested union or intersection (`A | B | C`)."""
        members: list[TSNode] = []
        for child in self.named(node):
            if child.type == kind:
                members.extend(self.flatten(child, kind))
            else:
                members.append(child)
        return members

    def _type_union_type(self, node: TSNode) -> TypeNode:
        members = self.flatten(node, "union_type")
        if len(members) == 1:  # a lone leading `|`
            return self.type(members[0])
        return UnionType(types=tuple(self.type(member) for member in members))

    def _type_intersection_type(self, node: TSNode) -> TypeNode:
        members = self.flatten(node, "intersection_type")
        if len(members) == 1:  # a lone leading `&`
            return self.type(members[0])
        return IntersectionType(types=tuple(self.type(member) for member in members))

    def _type_array_type(self, node: TSNode) -> TypeNode:
        return ArrayType(element_type=self.type(self.only(node)))

    def _type_tuple_type(self, node: TSNode) -> TypeNode:
        elements: list[TypeNode] = []
        for child in self.named(node):
            if child.type in ("required_parameter", "optional_parameter"):
                raise self.unsupported(child, "named tuple member")
            elements.append(self.type(child))
        return TupleType(elements=tuple(elements))

    def _type_rest_type(self, node: TSNode) -> TypeNode:
        return RestType(type=self.type(self.only(node)))

    def _type_readonly_type(self, node: TSNode) -> TypeNode:
        inner = self.only(node)
        if inner.type in ("union_type", "intersection_type"):
            # tree-sitter reads `readonly A[] | B` as `readonly (A[] | B)`; TypeScript binds
            # `readonly` to the first member.
            members = self.flatten(inner, inner.type)
            first = TypeOperator(operator="readonly", type=self.type(members[0]))
            rest = [self.type(member) for member in members[1:]]
            if inner.type == "union_type":
                return UnionType(types=(first, *rest))
            return IntersectionType(types=(first, *rest))
        return TypeOperator(operator="readonly", type=self.type(inner))

    def _type_index_type_query(self, node: TSNode) -> TypeNode:
        return TypeOperator(operator="keyof", type=self.type(self.only(node)))

    def _type_literal_type(self, node: TSNode) -> TypeNode:
        inner = self.only(node)
        kind = inner.type
        if kind == "string":
            return LiteralType(value=self.string_value(inner))
        if kind == "number":
            if "_" in _text(inner) or _text(inner).endswith("n"):
                raise self.unsupported(inner, "number literal type with separators or n")
            return LiteralType(value=self.number_value(_text(inner)))
        if kind in ("true", "false"):
            return LiteralType(value=kind == "true")
        if kind in ("null", "undefined"):
            return KeywordType(name=kind)
        if kind == "unary_expression":
            operator = _text(self.field(inner, "operator"))
            argument = self.field(inner, "argument")
            if operator == "-" and argument.type == "number" and "_" not in _text(argument):
                return LiteralType(value=-self.number_value(_text(argument)))
        raise self.unsupported(inner, "literal type")

    def _type_lookup_type(self, node: TSNode) -> TypeNode:
        children = self.named(node)
        if len(children) != 2:
            raise self.unsupported(node)
        return IndexedAccessType(
            object_type=self.type(children[0]), index_type=self.type(children[1])
        )

    def _type_type_query(self, node: TSNode) -> TypeNode:
        self.type_query_depth += 1
        try:
            return TypeQuery(expression=self.expr(self.only(node)))
        finally:
            self.type_query_depth -= 1

    def _type_function_type(self, node: TSNode) -> TypeNode:
        return FunctionType(
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            parameters=self.parameters(self.field(node, "parameters")),
            return_type=self.type(self.field(node, "return_type")),
        )

    def _type_conditional_type(self, node: TSNode) -> TypeNode:
        return ConditionalType(
            check_type=self.type(self.field(node, "left")),
            extends_type=self.type(self.field(node, "right")),
            true_type=self.type(self.field(node, "consequence")),
            false_type=self.type(self.field(node, "alternative")),
        )

    def _type_object_type(self, node: TSNode) -> TypeNode:
        members = self.named(node)
        if len(members) == 1 and members[0].type == "index_signature":
            clause = next(
                (c for c in members[0].named_children if c.type == "mapped_type_clause"), None
            )
            if clause is not None:
                return self.mapped_type(members[0], clause)
        first = node.named_children[0] if node.named_children else None
        return TypeLiteral(
            members=self.type_members(node),
            multiline=first is not None and first.start_point.row > node.start_point.row,
        )

    def mapped_type(self, node: TSNode, clause: TSNode) -> TypeNode:
        self.check_tokens(node, ("readonly", "[", "]", "mapped_type_clause"))
        self.check_tokens(clause, ("in",))
        if clause.child_by_field_name("alias") is not None:
            raise self.unsupported(clause, "`as` clause in a mapped type")
        annotation = self.field(node, "type")
        if annotation.type not in ("type_annotation", "opting_type_annotation"):
            raise self.unsupported(annotation, "mapped type modifier")
        name = self.field(clause, "name")
        return MappedType(
            key_name=self.bind(_text(name), name),
            constraint=self.type(self.field(clause, "type")),
            type=self.type(self.only(annotation)),
            optional=annotation.type == "opting_type_annotation",
            readonly=_has(node, "readonly"),
        )

    def type_members(self, node: TSNode) -> tuple[TypeMember, ...]:
        members: list[TypeMember] = []
        pending_doc: str | None = None
        for child in node.named_children:
            if child.type == "comment":
                text = _text(child)
                if not _is_jsdoc(text) or pending_doc is not None:
                    raise self.unsupported(child, "comment in a type other than JSDoc")
                pending_doc = jsdoc_text(text)
                continue
            try:
                members.append(self.type_member(child, pending_doc))
            except (ValueError, TypeError) as exc:
                raise self.invalid(child, exc) from exc
            pending_doc = None
        if pending_doc is not None:
            raise self.unsupported(node, "JSDoc block at the end of a type")
        return tuple(members)

    def member_name(self, node: TSNode) -> str:
        if node.type == "property_identifier":
            return _text(node)
        if node.type == "string":
            return self.string_value(node)
        raise self.unsupported(node, f"{_kind_name(node)} as a member name")

    def type_member(self, node: TSNode, doc: str | None) -> TypeMember:
        kind = node.type
        if kind == "property_signature":
            self.check_tokens(node, ("readonly", "?"))
            return PropertySignature(
                name=self.member_name(self.field(node, "name")),
                type=self.type_annotation(self.field(node, "type")),
                optional=_has(node, "?"),
                readonly=_has(node, "readonly"),
                doc=doc,
            )
        if kind == "method_signature":
            self.check_tokens(node, ("?",))
            name = self.field(node, "name")
            if name.type != "property_identifier":
                raise self.unsupported(name, f"{_kind_name(name)} as a method name")
            return MethodSignature(
                name=_text(name),
                type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
                parameters=self.parameters(self.field(node, "parameters")),
                return_type=self.optional_type(node.child_by_field_name("return_type")),
                optional=_has(node, "?"),
                doc=doc,
            )
        if kind == "index_signature":
            self.check_tokens(node, ("readonly", "[", "]", ":"))
            name = self.field(node, "name")
            return IndexSignature(
                key_name=self.bind(_text(name), name),
                key_type=self.type(self.field(node, "index_type")),
                type=self.type_annotation(self.field(node, "type")),
                readonly=_has(node, "readonly"),
                doc=doc,
            )
        raise self.unsupported(node, f"{_kind_name(node)} in a type")


@attrs.frozen(slots=True)
class _StatementInfo:
    """What a statement method needs besides the node: its JSDoc, the blank line before it,
    and its export form."""

    doc: str | None
    blank: bool
    export: bool
    default_export: bool


def _has(node: TSNode, token: str) -> bool:
    return any(child.type == token for child in node.children)


def _is_hoisted_operator(node: TSNode) -> bool:
    """A binary or prefix operator that a postfix `!` after it cannot apply to."""
    kind = node.type
    if kind in ("binary_expression", "unary_expression"):
        return True
    return kind == "update_expression" and node.children[0].type in ("++", "--")


def _is_less_than(node: TSNode) -> bool:
    if node.type != "binary_expression":
        return False
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type == "<"


def _optional(node: TSNode) -> bool:
    """`a?.b`, `a?.[i]`, `f?.()`: the `?.` sits in an optional_chain node, or bare."""
    return any(child.type in ("optional_chain", "?.") for child in node.children)


def _dispatch(prefix: str) -> dict[str, Any]:
    return {
        name[len(prefix) :]: method
        for name, method in vars(Converter).items()
        if name.startswith(prefix) and callable(method)
    }


_STATEMENTS: dict[str, Callable[[Converter, TSNode, _StatementInfo], Statement]]
_STATEMENTS = _dispatch("_stmt_")
_EXPRESSIONS: dict[str, Callable[[Converter, TSNode], Expression]] = _dispatch("_expr_")
_TYPES: dict[str, Callable[[Converter, TSNode], TypeNode]] = _dispatch("_type_")
