"""Bootstrap converter: a TypeScript file in, Python source out that builds the same file
with `ssot_ast.ts` nodes.

    python3 tools/ts_to_ast.py FILE.ts --path src/gen/http/json.ts --function json_module \
        [--constant HTTP_JSON] > emitters/runtime/json.py

The output has one Python function per top-level declaration and one function returning
the `SourceFile`. Import statements become `Symbol` constants (module-level in the output,
or taken from `emitters.runtime` for the runtime's own modules and the Prisma client), and
every use of an imported name becomes `Ref`/`TypeRef` of its symbol. JSDoc blocks become
`doc=`, line comments between statements become `LineComment`s, the leading comment of the
file becomes the `header`. A tree-sitter node kind the converter does not know, or one the
AST cannot express, stops the conversion with an error naming the node and its line.

This is a one-time tool: its output is committed and maintained by hand afterwards.
`--exports` prints the `Symbol` definitions for the file's exported names instead (the
lines of `emitters/runtime/__init__.py`).
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import black
import tree_sitter
import tree_sitter_typescript

#: Project files whose symbols `emitters.runtime` defines: module path -> constant name.
RUNTIME_MODULES: dict[str, str] = {
    "src/gen/http/query": "HTTP_QUERY",
    "src/gen/http/pagination": "HTTP_PAGINATION",
    "src/gen/http/body": "HTTP_BODY",
    "src/gen/http/errors": "HTTP_ERRORS",
    "src/gen/http/json": "HTTP_JSON",
    "src/gen/config": "CONFIG_MODULE",
    "src/gen/db": "DB_MODULE",
    "src/gen/app": "APP_MODULE",
    "src/server": "SERVER_MODULE",
    "src/generated/prisma/client": "PRISMA_CLIENT_MODULE",
}

#: Where each name used by the generated Python comes from.
NODE_MODULES: dict[str, str] = {}
for _module, _names in {
    "ssot_ast.ts.common": "Block BindingElement ObjectBindingPattern ArrayBindingPattern "
    "Parameter TypeParameter",
    "ssot_ast.ts.expressions": "Identifier Ref ThisExpression SuperExpression StringLiteral "
    "NumericLiteral BooleanLiteral NullLiteral RegularExpressionLiteral TemplateExpression "
    "SpreadElement ArrayLiteralExpression ComputedPropertyName PropertyAssignment "
    "ShorthandPropertyAssignment SpreadAssignment MethodDeclaration ObjectLiteralExpression "
    "CallExpression NewExpression PropertyAccessExpression ElementAccessExpression "
    "PrefixUnaryExpression PostfixUnaryExpression TypeOfExpression VoidExpression "
    "DeleteExpression AwaitExpression BinaryExpression AssignmentExpression "
    "ConditionalExpression ArrowFunction FunctionExpression AsExpression SatisfiesExpression "
    "NonNullExpression",
    "ssot_ast.ts.types": "KeywordType TypeReference TypeRef UnionType IntersectionType "
    "ArrayType TupleType RestType LiteralType PropertySignature MethodSignature "
    "IndexSignature TypeLiteral IndexedAccessType TypeOperator TypeQuery FunctionType",
    "ssot_ast.ts.statements": "VariableStatement ExpressionStatement ReturnStatement "
    "ThrowStatement IfStatement ForOfStatement WhileStatement TryStatement CaseClause "
    "SwitchStatement BreakStatement ContinueStatement LineComment",
    "ssot_ast.ts.declarations": "FunctionDeclaration PropertyDeclaration MethodMember "
    "Constructor ClassDeclaration InterfaceDeclaration TypeAliasDeclaration",
    "ssot_ast.ts.module": "SourceFile",
    "ssot_ast.ts.symbols": "ModuleRef Symbol BOTH TYPE VALUE",
    "ssot_ast.ts.build": "arrow binary call cond ident if_ member not_ num optional_member param "
    "ref return_ "
    "str_ t_ref t_sym typeof",
    "emitters.runtime._nodes": "Chain call_method kw",
}.items():
    for _name in _names.split():
        NODE_MODULES[_name] = _module

_PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_typescript()))

Node = tree_sitter.Node


class Unsupported(Exception):
    """A construct the converter (or the AST) cannot express."""


def upper_snake(name: str) -> str:
    """`stringFilter` -> `STRING_FILTER`, `HttpError` -> `HTTP_ERROR`, `z` -> `Z`."""
    if name.isupper() or "_" in name:
        return name.upper()
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    return text.upper()


def lower_snake(name: str) -> str:
    return upper_snake(name).lower()


def _text(node: Node) -> str:
    assert node.text is not None
    return node.text.decode("utf8")


def _fail(node: Node, what: str = "") -> Unsupported:
    detail = f": {what}" if what else ""
    return Unsupported(f"unsupported {node.type!r} at line {node.start_point.row + 1}{detail}")


def _field(node: Node, name: str) -> Node:
    child = node.child_by_field_name(name)
    if child is None:
        raise _fail(node, f"missing {name}")
    return child


def _named(node: Node) -> list[Node]:
    return [child for child in node.named_children if child.type != "comment"]


def _tuple(items: list[str]) -> str:
    if not items:
        return "()"
    if len(items) == 1:
        return f"({items[0]},)"
    return "(" + ", ".join(items) + ")"


def _kwargs(**values: str | None) -> str:
    return ", ".join(f"{key}={value}" for key, value in values.items() if value is not None)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _cook_escape(raw: str) -> str:
    body = raw[1:]
    if body[0] in _ESCAPES and len(body) == 1:
        return _ESCAPES[body[0]]
    if body[0] == "u":
        digits = body[2:-1] if body[1] == "{" else body[1:]
        return chr(int(digits, 16))
    if body[0] == "x":
        return chr(int(body[1:], 16))
    if body[0] == "\n":
        return ""
    return body


def jsdoc_text(comment: str) -> str:
    """The text of a `/** ... */` block, without the comment markers and ` * ` prefixes."""
    inner = comment[3:-2]
    lines = inner.split("\n")
    if len(lines) == 1:
        return lines[0].strip()
    cleaned = [re.sub(r"^\s*\* ?", "", line).rstrip() for line in lines]
    while cleaned and not cleaned[0]:
        cleaned.pop(0)
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    return "\n".join(cleaned)


def line_comment_text(comment: str) -> str:
    text = comment[2:]
    return text[1:] if text.startswith(" ") else text


class Converter:
    """Converts one parsed file; `imports` maps local TS names to Python constant names."""

    def __init__(self, source: bytes, path: str) -> None:
        self.source = source
        self.path = path
        self.tree = _PARSER.parse(source)
        self.used: set[str] = set()
        self.runtime_imports: set[str] = set()
        self.local_constants: list[str] = []
        self.imports: dict[str, str] = {}
        self.type_uses: set[str] = set()
        self.value_uses: set[str] = set()

    # -- names --------------------------------------------------------------------------

    def use(self, name: str) -> str:
        self.used.add(name)
        return name

    def call(self, func: str, **values: str | None) -> str:
        return f"{self.use(func)}({_kwargs(**values)})"

    # -- imports ------------------------------------------------------------------------

    def collect_uses(self, node: Node, in_type: bool = False) -> None:
        kind = node.type
        if kind == "type_query":
            in_type = False  # `typeof x` names a value
        elif kind in ("type_annotation", "type_arguments", "type_identifier", "object_type"):
            in_type = True
        if kind == "identifier":
            (self.type_uses if in_type else self.value_uses).add(_text(node))
        elif kind == "type_identifier":
            self.type_uses.add(_text(node))
        elif kind == "nested_type_identifier":
            head = _text(node).split(".")[0]
            self.type_uses.add(head)
            return
        for child in node.children:
            self.collect_uses(child, in_type)

    def module_constant(self, specifier: str) -> str:
        if specifier.startswith("."):
            base = posixpath.dirname(self.path)
            target = posixpath.normpath(posixpath.join(base, specifier))
            target = re.sub(r"\.(ts|js)$", "", target)
            if target not in RUNTIME_MODULES:
                constant = upper_snake(re.sub(r"[^A-Za-z0-9]+", "_", target)) + "_MODULE"
                line = f'{constant} = {self.use("ModuleRef")}.file({target!r})'
                if line not in self.local_constants:
                    self.local_constants.append(line)
                return constant
            constant = RUNTIME_MODULES[target]
            self.runtime_imports.add(constant)
            return constant
        constant = upper_snake(re.sub(r"[^A-Za-z0-9]+", "_", specifier).strip("_"))
        constant = constant + "_PACKAGE" if not constant.endswith("_PACKAGE") else constant
        line = f'{constant} = {self.use("ModuleRef")}.package({specifier!r})'
        if line not in self.local_constants:
            self.local_constants.append(line)
        return constant

    def add_import(self, statement: Node) -> None:
        specifier = _text(_field(statement, "source"))[1:-1]
        module = self.module_constant(specifier)
        type_only_statement = any(child.type == "type" for child in statement.children)
        clause = next(child for child in statement.named_children if child.type == "import_clause")
        for part in clause.named_children:
            if part.type == "identifier":
                self._define_symbol(_text(part), module, type_only_statement, default=True)
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type != "import_specifier":
                        continue
                    if spec.child_by_field_name("alias") is not None:
                        raise _fail(spec, "aliased import")
                    type_only = type_only_statement or any(c.type == "type" for c in spec.children)
                    self._define_symbol(_text(_field(spec, "name")), module, type_only)
            elif part.type == "namespace_import":
                name = _text(part.named_children[0])
                self._define_symbol(name, module, type_only_statement, namespace=True)
            else:
                raise _fail(part)

    def _define_symbol(
        self,
        name: str,
        module: str,
        type_only: bool,
        default: bool = False,
        namespace: bool = False,
    ) -> None:
        if type_only or name not in self.value_uses:
            kind = "TYPE"
        elif name in self.type_uses:
            kind = "BOTH"
        else:
            kind = "VALUE"
        if module in RUNTIME_MODULES.values() and not default and not namespace:
            constant = upper_snake(name)
            self.runtime_imports.add(constant)
            self.imports[name] = constant
            return
        constant = upper_snake(name)
        if constant in self.imports.values() or constant == module:
            constant += "_" + kind
        extra = ", default=True" if default else ", namespace=True" if namespace else ""
        self.use("Symbol")
        self.use(kind)
        self.local_constants.append(
            f"{constant} = Symbol(name={name!r}, module={module}, kind={kind}{extra})"
        )
        self.imports[name] = constant

    # -- comments and statement lists ----------------------------------------------------

    def statement_list(self, nodes: list[Node], top_level: bool = False) -> list[str]:
        """Statements with their comments: JSDoc before a declaration becomes its doc, line
        comments become LineComment statements, gaps become blank_line_before."""
        out: list[str] = []
        pending_doc: str | None = None
        doc_gap = False
        previous_end: int | None = None
        index = 0
        while index < len(nodes):
            node = nodes[index]
            gap = previous_end is not None and node.start_point.row > previous_end + 1
            if node.type == "comment":
                text = _text(node)
                if text.startswith("/**"):
                    pending_doc = jsdoc_text(text)
                    doc_gap = gap
                    previous_end = node.end_point.row
                    index += 1
                    continue
                if not text.startswith("//"):
                    raise _fail(node, "block comment")
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
                comment = self.call(
                    "LineComment",
                    text=repr("\n".join(lines)),
                    blank_line_before="True" if gap else None,
                )
                if trailing and out:
                    # A comment after a statement on its line goes before that statement.
                    out.insert(len(out) - 1, comment)
                else:
                    out.append(comment)
                    previous_end = end
                index += 1
                continue
            if pending_doc is not None:
                gap = doc_gap
            built = self.statement(node, doc=pending_doc, blank=gap, top_level=top_level)
            pending_doc = None
            out.append(built)
            previous_end = node.end_point.row
            index += 1
        if pending_doc is not None:
            raise Unsupported("a JSDoc comment at the end of a block")
        return out

    def statements(self, node: Node) -> str:
        """A block's statements as a Python list (for the `build` helpers)."""
        if node.type != "statement_block":
            return f"[{self.statement(node)}]"
        return "[" + ", ".join(self.statement_list(list(node.named_children))) + "]"

    def block(self, node: Node) -> str:
        if node.type != "statement_block":
            return self.call("Block", statements=_tuple([self.statement(node)]))
        statements = self.statement_list(list(node.named_children))
        return self.call("Block", statements=_tuple(statements) if statements else None)

    # -- statements ---------------------------------------------------------------------

    def statement(
        self, node: Node, doc: str | None = None, blank: bool = False, top_level: bool = False
    ) -> str:
        kind = node.type
        export = False
        if kind == "export_statement":
            declaration = node.child_by_field_name("declaration")
            if declaration is None:
                raise _fail(node, "export list")
            node, kind, export = declaration, declaration.type, True
        extra: dict[str, str | None] = {
            "blank_line_before": "True" if blank else None,
        }
        doc_arg = repr(doc) if doc is not None else None
        if doc is not None and kind not in (
            "lexical_declaration",
            "function_declaration",
            "class_declaration",
            "type_alias_declaration",
            "interface_declaration",
        ):
            raise _fail(node, "JSDoc on a statement that takes none")
        export_arg = "True" if export else None
        if kind == "lexical_declaration":
            declarators = [c for c in node.named_children if c.type == "variable_declarator"]
            if len(declarators) != 1:
                raise _fail(node, "several declarators")
            declarator = declarators[0]
            value = declarator.child_by_field_name("value")
            type_node = declarator.child_by_field_name("type")
            let = _text(node).startswith("let")
            return self.call(
                "VariableStatement",
                name=self.binding(_field(declarator, "name")),
                type=self.type_annotation(type_node) if type_node else None,
                initializer=self.expr(value) if value is not None else None,
                kind='"let"' if let else None,
                export=export_arg,
                doc=doc_arg,
                **extra,
            )
        if kind == "expression_statement":
            return self.call(
                "ExpressionStatement", expression=self.expr(node.named_children[0]), **extra
            )
        if kind in ("return_statement", "throw_statement"):
            children = _named(node)
            returned = self.expr(children[0]) if children else None
            if kind == "return_statement":
                args: list[str] = [returned] if returned is not None else []
                if blank:
                    args.append("blank_line_before=True")
                return f"{self.use('return_')}({', '.join(args)})"
            return self.call("ThrowStatement", expression=returned, **extra)
        if kind == "if_statement":
            else_arg = None
            alternative = node.child_by_field_name("alternative")
            if alternative is not None:
                branch = _named(alternative)[0]
                else_arg = (
                    self.statement(branch) if branch.type == "if_statement" else self.block(branch)
                )
            args = [
                self.expr(_field(node, "condition")),
                self.statements(_field(node, "consequence")),
            ]
            if else_arg is not None:
                args.append(else_arg)
            if blank:
                args.append("blank_line_before=True")
            return f"{self.use('if_')}({', '.join(args)})"
        if kind == "for_in_statement":
            operator = _text(_field(node, "operator"))
            if operator != "of":
                raise _fail(node, "for-in")
            declaration_kind = node.child_by_field_name("kind")
            let = declaration_kind is not None and _text(declaration_kind) == "let"
            return self.call(
                "ForOfStatement",
                name=self.binding(_field(node, "left")),
                iterable=self.expr(_field(node, "right")),
                body=self.block(_field(node, "body")),
                kind='"let"' if let else None,
                **extra,
            )
        if kind == "while_statement":
            return self.call(
                "WhileStatement",
                condition=self.expr(_field(node, "condition")),
                body=self.block(_field(node, "body")),
                **extra,
            )
        if kind == "try_statement":
            handler = node.child_by_field_name("handler")
            finalizer = node.child_by_field_name("finalizer")
            catch_name = None
            catch_block = None
            if handler is not None:
                parameter = handler.child_by_field_name("parameter")
                if parameter is not None:
                    if parameter.type != "identifier":
                        raise _fail(parameter, "catch binding pattern")
                    catch_name = repr(_text(parameter))
                catch_block = self.block(_field(handler, "body"))
            return self.call(
                "TryStatement",
                block=self.block(_field(node, "body")),
                catch_name=catch_name,
                catch_block=catch_block,
                finally_block=self.block(_field(finalizer, "body")) if finalizer else None,
                **extra,
            )
        if kind == "switch_statement":
            clauses = [self.case(clause) for clause in _named(_field(node, "body"))]
            return self.call(
                "SwitchStatement",
                expression=self.expr(_field(node, "value")),
                clauses=_tuple(clauses),
                **extra,
            )
        if kind == "break_statement":
            return self.call("BreakStatement", **extra)
        if kind == "continue_statement":
            return self.call("ContinueStatement", **extra)
        if kind == "statement_block":
            return self.block(node)
        if kind == "function_declaration":
            return self.call(
                "FunctionDeclaration",
                name=repr(_text(_field(node, "name"))),
                type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
                parameters=self.parameters(_field(node, "parameters")),
                return_type=self.optional_type(node.child_by_field_name("return_type")),
                body=self.block(_field(node, "body")),
                async_="True" if self.is_async(node) else None,
                export=export_arg,
                doc=doc_arg,
                **extra,
            )
        if kind == "class_declaration":
            return self.class_declaration(node, export_arg, doc_arg, extra)
        if kind == "type_alias_declaration":
            return self.call(
                "TypeAliasDeclaration",
                name=repr(_text(_field(node, "name"))),
                type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
                type=self.type(_field(node, "value")),
                export="False" if not export else None,
                doc=doc_arg,
                **extra,
            )
        if kind == "interface_declaration":
            return self.call(
                "InterfaceDeclaration",
                name=repr(_text(_field(node, "name"))),
                type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
                members=self.type_members(_field(node, "body")),
                export="False" if not export else None,
                doc=doc_arg,
                **extra,
            )
        raise _fail(node)

    def case(self, node: Node) -> str:
        test = None
        if node.type == "switch_case":
            test = self.expr(_field(node, "value"))
        elif node.type != "switch_default":
            raise _fail(node)
        body = [c for c in node.named_children if c != node.child_by_field_name("value")]
        statements = self.statement_list(body)
        return self.call(
            "CaseClause", test=test or "None", statements=_tuple(statements) if statements else None
        )

    def class_declaration(
        self, node: Node, export: str | None, doc: str | None, extra: dict[str, str | None]
    ) -> str:
        extends = None
        extends_args = None
        for heritage in node.named_children:
            if heritage.type != "class_heritage":
                continue
            for clause in heritage.named_children:
                if clause.type != "extends_clause":
                    raise _fail(clause)
                extends = self.expr(_field(clause, "value"))
                arguments = clause.child_by_field_name("type_arguments")
                if arguments is not None:
                    extends_args = self.type_arguments(arguments)
        members: list[str] = []
        previous_end: int | None = None
        pending_doc: str | None = None
        for member in _field(node, "body").named_children:
            blank = previous_end is not None and member.start_point.row > previous_end + 1
            if member.type == "comment":
                text = _text(member)
                if not text.startswith("/**"):
                    raise _fail(member, "line comment in a class body")
                pending_doc = jsdoc_text(text)
                continue
            members.append(self.class_member(member, pending_doc, blank))
            pending_doc = None
            previous_end = member.end_point.row
        return self.call(
            "ClassDeclaration",
            name=repr(_text(_field(node, "name"))),
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            extends=extends,
            extends_type_arguments=extends_args,
            members=_tuple(members) if members else None,
            export=export,
            doc=doc,
            **extra,
        )

    def class_member(self, node: Node, doc: str | None, blank: bool) -> str:
        blank_arg = "True" if blank else None
        doc_arg = repr(doc) if doc is not None else None
        if node.type == "public_field_definition":
            modifiers = []
            for child in node.children:
                if child.type in ("accessibility_modifier", "override_modifier"):
                    modifiers.append(_text(child))
                elif child.type in ("static", "readonly", "declare", "abstract"):
                    modifiers.append(child.type)
            value = node.child_by_field_name("value")
            return self.call(
                "PropertyDeclaration",
                name=self.property_key(_field(node, "name")),
                type=self.optional_type(node.child_by_field_name("type")),
                initializer=self.expr(value) if value is not None else None,
                modifiers=_tuple([repr(m) for m in modifiers]) if modifiers else None,
                doc=doc_arg,
                blank_line_before=blank_arg,
            )
        if node.type == "method_definition":
            name = _text(_field(node, "name"))
            if name == "constructor":
                return self.call(
                    "Constructor",
                    parameters=self.parameters(_field(node, "parameters")),
                    body=self.block(_field(node, "body")),
                    doc=doc_arg,
                    blank_line_before=blank_arg,
                )
            modifiers = [
                _text(c)
                for c in node.children
                if c.type in ("accessibility_modifier", "override_modifier", "static")
            ]
            method_node = self.method(node, doc_arg, modifiers)
            return self.call("MethodMember", method=method_node, blank_line_before=blank_arg)
        raise _fail(node)

    def method(self, node: Node, doc: str | None, modifiers: list[str]) -> str:
        return self.call(
            "MethodDeclaration",
            name=self.property_key(_field(node, "name")),
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            parameters=self.parameters(_field(node, "parameters")),
            return_type=self.optional_type(node.child_by_field_name("return_type")),
            body=self.block(_field(node, "body")),
            async_="True" if self.is_async(node) else None,
            modifiers=_tuple([repr(m) for m in modifiers]) if modifiers else None,
            doc=doc,
        )

    @staticmethod
    def is_async(node: Node) -> bool:
        return any(child.type == "async" for child in node.children)

    # -- bindings and parameters --------------------------------------------------------

    def binding(self, node: Node) -> str:
        if node.type == "identifier":
            return repr(_text(node))
        if node.type == "object_pattern":
            elements = []
            for child in _named(node):
                if child.type == "shorthand_property_identifier_pattern":
                    elements.append(self.call("BindingElement", name=repr(_text(child))))
                elif child.type == "pair_pattern":
                    value = _field(child, "value")
                    default = None
                    if value.type == "assignment_pattern":
                        default = self.expr(_field(value, "right"))
                        value = _field(value, "left")
                    if value.type != "identifier":
                        raise _fail(value, "nested binding pattern")
                    elements.append(
                        self.call(
                            "BindingElement",
                            name=repr(_text(value)),
                            property_name=repr(_text(_field(child, "key"))),
                            default=default,
                        )
                    )
                elif child.type == "object_assignment_pattern":
                    elements.append(
                        self.call(
                            "BindingElement",
                            name=repr(_text(_field(child, "left"))),
                            default=self.expr(_field(child, "right")),
                        )
                    )
                elif child.type == "rest_pattern":
                    elements.append(
                        self.call("BindingElement", name=repr(_text(_named(child)[0])), rest="True")
                    )
                else:
                    raise _fail(child)
            return self.call("ObjectBindingPattern", elements=_tuple(elements))
        if node.type == "array_pattern":
            elements = []
            for child in _named(node):
                if child.type == "identifier":
                    elements.append(self.call("BindingElement", name=repr(_text(child))))
                else:
                    raise _fail(child)
            return self.call("ArrayBindingPattern", elements=_tuple(elements))
        raise _fail(node)

    def parameters(self, node: Node) -> str | None:
        params = [self.parameter(child) for child in _named(node)]
        return _tuple(params) if params else None

    def parameter(self, node: Node) -> str:
        if node.type not in ("required_parameter", "optional_parameter"):
            raise _fail(node)
        modifiers = []
        for child in node.children:
            if child.type in ("accessibility_modifier", "override_modifier"):
                modifiers.append(_text(child))
            elif child.type == "readonly":
                modifiers.append("readonly")
        pattern = _field(node, "pattern")
        rest = pattern.type == "rest_pattern"
        if rest:
            pattern = _named(pattern)[0]
        value = node.child_by_field_name("value")
        type_node = node.child_by_field_name("type")
        if (
            pattern.type == "identifier"
            and not modifiers
            and not rest
            and value is None
            and node.type == "required_parameter"
        ):
            args = [repr(_text(pattern))]
            if type_node is not None:
                args.append(self.type_annotation(type_node))
            return f"{self.use('param')}({', '.join(args)})"
        return self.call(
            "Parameter",
            name=self.binding(pattern),
            type=self.type_annotation(type_node) if type_node is not None else None,
            default=self.expr(value) if value is not None else None,
            optional="True" if node.type == "optional_parameter" else None,
            rest="True" if rest else None,
            modifiers=_tuple([repr(m) for m in modifiers]) if modifiers else None,
        )

    def type_parameters(self, node: Node | None) -> str | None:
        if node is None:
            return None
        params = []
        for child in _named(node):
            if any(c.type == "const" for c in child.children):
                raise _fail(child, "const type parameter")
            constraint = child.child_by_field_name("constraint")
            default = child.child_by_field_name("value")
            params.append(
                self.call(
                    "TypeParameter",
                    name=repr(_text(_field(child, "name"))),
                    constraint=self.type(_named(constraint)[0]) if constraint else None,
                    default=self.type(_named(default)[0]) if default else None,
                )
            )
        return _tuple(params)

    # -- expressions --------------------------------------------------------------------

    def expr(self, node: Node) -> str:
        kind = node.type
        method = getattr(self, "_expr_" + kind, None)
        if method is None:
            raise _fail(node)
        result: str = method(node)
        return result

    def _expr_parenthesized_expression(self, node: Node) -> str:
        return self.expr(_named(node)[0])

    def _expr_identifier(self, node: Node) -> str:
        name = _text(node)
        if name in self.imports:
            return f"{self.use('ref')}({self.imports[name]})"
        return f"{self.use('ident')}({name!r})"

    def _expr_undefined(self, node: Node) -> str:
        return f"{self.use('ident')}('undefined')"

    def _expr_this(self, node: Node) -> str:
        return self.call("ThisExpression")

    def _expr_super(self, node: Node) -> str:
        return self.call("SuperExpression")

    def _expr_true(self, node: Node) -> str:
        return self.call("BooleanLiteral", value="True")

    def _expr_false(self, node: Node) -> str:
        return self.call("BooleanLiteral", value="False")

    def _expr_null(self, node: Node) -> str:
        return self.call("NullLiteral")

    def string_value(self, node: Node) -> str:
        parts = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(_text(child))
            elif child.type == "escape_sequence":
                parts.append(_cook_escape(_text(child)))
            else:
                raise _fail(child)
        return "".join(parts)

    def _expr_string(self, node: Node) -> str:
        return f"{self.use('str_')}({self.string_value(node)!r})"

    def _expr_number(self, node: Node) -> str:
        text = _text(node).replace("_", "")
        if re.fullmatch(r"\d+", text):
            return f"{self.use('num')}({int(text)})"
        return f"{self.use('num')}({float(text)!r})"

    def _expr_regex(self, node: Node) -> str:
        pattern = _text(_field(node, "pattern"))
        flags_node = node.child_by_field_name("flags")
        return self.call(
            "RegularExpressionLiteral",
            pattern=repr(pattern),
            flags=repr(_text(flags_node)) if flags_node else None,
        )

    def _expr_template_string(self, node: Node) -> str:
        parts: list[str] = []
        text = ""
        for child in node.named_children:
            if child.type == "string_fragment":
                text += _text(child)
            elif child.type == "escape_sequence":
                text += _cook_escape(_text(child))
            elif child.type == "template_substitution":
                if text:
                    parts.append(repr(text))
                    text = ""
                parts.append(self.expr(_named(child)[0]))
            else:
                raise _fail(child)
        if text:
            parts.append(repr(text))
        return self.call("TemplateExpression", parts=_tuple(parts))

    def _expr_array(self, node: Node) -> str:
        elements = [self.expr(child) for child in _named(node)]
        return self.call("ArrayLiteralExpression", elements=_tuple(elements) if elements else None)

    def _expr_spread_element(self, node: Node) -> str:
        return self.call("SpreadElement", expression=self.expr(_named(node)[0]))

    def property_key(self, node: Node) -> str:
        if node.type in ("property_identifier", "identifier"):
            return repr(_text(node))
        if node.type == "string":
            return repr(self.string_value(node))
        if node.type == "computed_property_name":
            return self.call("ComputedPropertyName", expression=self.expr(_named(node)[0]))
        raise _fail(node)

    def _expr_object(self, node: Node) -> str:
        members = []
        for child in node.named_children:
            if child.type == "comment":
                raise _fail(child, "comment inside an object literal")
            if child.type == "pair":
                members.append(
                    self.call(
                        "PropertyAssignment",
                        key=self.property_key(_field(child, "key")),
                        value=self.expr(_field(child, "value")),
                    )
                )
            elif child.type == "shorthand_property_identifier":
                members.append(self.call("ShorthandPropertyAssignment", name=repr(_text(child))))
            elif child.type == "spread_element":
                members.append(
                    self.call("SpreadAssignment", expression=self.expr(_named(child)[0]))
                )
            elif child.type == "method_definition":
                members.append(self.method(child, None, []))
            else:
                raise _fail(child)
        first = node.named_children[0] if node.named_children else None
        multiline = first is not None and first.start_point.row > node.start_point.row
        return self.call(
            "ObjectLiteralExpression",
            properties=_tuple(members) if members else None,
            multiline="True" if multiline else None,
        )

    def arguments(self, node: Node) -> list[str]:
        if node.type == "template_string":
            raise _fail(node, "tagged template")
        return [self.expr(child) for child in _named(node)]

    def type_arguments(self, node: Node) -> str:
        return _tuple([self.type(child) for child in _named(node)])

    def _chain_steps(self, node: Node) -> tuple[Node, list[tuple[str, Node | None]]]:
        """Unrolls `base.a(...).b.c(...)` into its base and (name, call-or-None) steps."""
        steps: list[tuple[str, Node | None]] = []
        current = node
        while True:
            if current.type == "call_expression":
                callee = _field(current, "function")
                if (
                    callee.type == "member_expression"
                    and not self._optional(callee)
                    and not self._optional(current)
                    and current.child_by_field_name("type_arguments") is None
                    and _field(current, "arguments").type == "arguments"
                ):
                    steps.append((_text(_field(callee, "property")), current))
                    current = _field(callee, "object")
                    continue
            elif current.type == "member_expression" and not self._optional(current):
                if _field(current, "property").type == "property_identifier" and steps:
                    steps.append((_text(_field(current, "property")), None))
                    current = _field(current, "object")
                    continue
            break
        steps.reverse()
        return current, steps

    @staticmethod
    def _optional(node: Node) -> bool:
        return any(child.type == "optional_chain" for child in node.children)

    def _expr_call_expression(self, node: Node) -> str:
        base, steps = self._chain_steps(node)
        calls = sum(1 for _, call in steps if call is not None)
        if calls >= 2:
            out = f"{self.use('Chain')}({self.expr(base)})"
            for name, call in steps:
                if call is None:
                    out += f".prop({name!r})"
                else:
                    args = self.arguments(_field(call, "arguments"))
                    out += f".call({', '.join([repr(name), *args])})"
            return out + ".expr"
        callee = _field(node, "function")
        type_arguments = node.child_by_field_name("type_arguments")
        args = self.arguments(_field(node, "arguments"))
        optional = self._optional(node)
        if optional or type_arguments is not None:
            return self.call(
                "CallExpression",
                callee=self.expr(callee),
                arguments=_tuple(args) if args else None,
                type_arguments=self.type_arguments(type_arguments) if type_arguments else None,
                optional="True" if optional else None,
            )
        if callee.type == "member_expression" and not self._optional(callee):
            receiver = self.expr(_field(callee, "object"))
            name = repr(_text(_field(callee, "property")))
            return f"{self.use('call_method')}({', '.join([receiver, name, *args])})"
        return f"{self.use('call')}({', '.join([self.expr(callee), *args])})"

    def _expr_new_expression(self, node: Node) -> str:
        arguments = node.child_by_field_name("arguments")
        args = self.arguments(arguments) if arguments is not None else []
        type_arguments = node.child_by_field_name("type_arguments")
        return self.call(
            "NewExpression",
            callee=self.expr(_field(node, "constructor")),
            arguments=_tuple(args) if args else None,
            type_arguments=self.type_arguments(type_arguments) if type_arguments else None,
        )

    def _expr_member_expression(self, node: Node) -> str:
        names: list[str] = []
        current = node
        while current.type == "member_expression" and not self._optional(current):
            names.append(_text(_field(current, "property")))
            current = _field(current, "object")
        if current.type == "member_expression":  # an optional access: `a?.b`
            name = repr(_text(_field(current, "property")))
            base = f"{self.use('optional_member')}({self.expr(_field(current, 'object'))}, {name})"
            names.reverse()
            if not names:
                return base
            return f"{self.use('member')}({', '.join([base, *map(repr, names)])})"
        names.reverse()
        return f"{self.use('member')}({', '.join([self.expr(current), *map(repr, names)])})"

    def _expr_subscript_expression(self, node: Node) -> str:
        return self.call(
            "ElementAccessExpression",
            expression=self.expr(_field(node, "object")),
            index=self.expr(_field(node, "index")),
            optional="True" if self._optional(node) else None,
        )

    def _expr_unary_expression(self, node: Node) -> str:
        operator = _text(_field(node, "operator"))
        operand = self.expr(_field(node, "argument"))
        if operator == "typeof":
            return f"{self.use('typeof')}({operand})"
        if operator == "!":
            return f"{self.use('not_')}({operand})"
        if operator == "void":
            return self.call("VoidExpression", expression=operand)
        if operator == "delete":
            return self.call("DeleteExpression", expression=operand)
        return self.call("PrefixUnaryExpression", operator=repr(operator), operand=operand)

    def _expr_update_expression(self, node: Node) -> str:
        operator = _text(_field(node, "operator"))
        operand = self.expr(_field(node, "argument"))
        prefix = node.children[0].type in ("++", "--")
        func = "PrefixUnaryExpression" if prefix else "PostfixUnaryExpression"
        return self.call(func, operator=repr(operator), operand=operand)

    def _expr_await_expression(self, node: Node) -> str:
        return self.call("AwaitExpression", expression=self.expr(_named(node)[0]))

    def _expr_binary_expression(self, node: Node) -> str:
        left = self.expr(_field(node, "left"))
        right = self.expr(_field(node, "right"))
        operator = repr(_text(_field(node, "operator")))
        return f"{self.use('binary')}({left}, {operator}, {right})"

    def _expr_assignment_expression(self, node: Node) -> str:
        return self.call(
            "AssignmentExpression",
            target=self.expr(_field(node, "left")),
            operator=repr("="),
            value=self.expr(_field(node, "right")),
        )

    def _expr_augmented_assignment_expression(self, node: Node) -> str:
        return self.call(
            "AssignmentExpression",
            target=self.expr(_field(node, "left")),
            operator=repr(_text(_field(node, "operator"))),
            value=self.expr(_field(node, "right")),
        )

    def _expr_ternary_expression(self, node: Node) -> str:
        parts = [
            self.expr(_field(node, name)) for name in ("condition", "consequence", "alternative")
        ]
        return f"{self.use('cond')}({', '.join(parts)})"

    def _expr_as_expression(self, node: Node) -> str:
        inner = _named(node)[0]
        if node.children[-1].type == "const":
            type_text = f"{self.use('kw')}('const')"
        else:
            type_text = self.type(_named(node)[1])
        return self.call("AsExpression", expression=self.expr(inner), type=type_text)

    def _expr_satisfies_expression(self, node: Node) -> str:
        inner, target = _named(node)
        return self.call("SatisfiesExpression", expression=self.expr(inner), type=self.type(target))

    def _expr_non_null_expression(self, node: Node) -> str:
        return self.call("NonNullExpression", expression=self.expr(_named(node)[0]))

    def _function_body(self, node: Node) -> str:
        if node.type == "statement_block":
            return self.block(node)
        return self.expr(node)

    def _expr_arrow_function(self, node: Node) -> str:
        single = node.child_by_field_name("parameter")
        if single is not None:
            params: str | None = f"({self.use('param')}({_text(single)!r}),)"
        else:
            params = self.parameters(_field(node, "parameters"))
        return self.call(
            "ArrowFunction",
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            parameters=params,
            return_type=self.optional_type(node.child_by_field_name("return_type")),
            body=self._function_body(_field(node, "body")),
            async_="True" if self.is_async(node) else None,
        )

    def _expr_function_expression(self, node: Node) -> str:
        name = node.child_by_field_name("name")
        return self.call(
            "FunctionExpression",
            name=repr(_text(name)) if name else None,
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            parameters=self.parameters(_field(node, "parameters")),
            return_type=self.optional_type(node.child_by_field_name("return_type")),
            body=self.block(_field(node, "body")),
            async_="True" if self.is_async(node) else None,
        )

    # -- types --------------------------------------------------------------------------

    def type_annotation(self, node: Node) -> str:
        if node.type in ("type_annotation", "opting_type_annotation"):
            return self.type(_named(node)[0])
        return self.type(node)

    def optional_type(self, node: Node | None) -> str | None:
        return self.type_annotation(node) if node is not None else None

    def type(self, node: Node) -> str:
        method = getattr(self, "_type_" + node.type, None)
        if method is None:
            raise _fail(node)
        result: str = method(node)
        return result

    def _type_parenthesized_type(self, node: Node) -> str:
        return self.type(_named(node)[0])

    def _type_predefined_type(self, node: Node) -> str:
        return f"{self.use('kw')}({_text(node)!r})"

    def _named_type(self, name: str, args: list[str]) -> str:
        head, _, rest = name.partition(".")
        if head in self.imports:
            parts = [self.imports[head], *args]
            if rest:
                parts.append(f"member={_tuple([repr(part) for part in rest.split('.')])}")
            return f"{self.use('t_sym')}({', '.join(parts)})"
        return f"{self.use('t_ref')}({', '.join([repr(name), *args])})"

    def _type_type_identifier(self, node: Node) -> str:
        return self._named_type(_text(node), [])

    def _type_nested_type_identifier(self, node: Node) -> str:
        return self._named_type(_text(node), [])

    def _type_generic_type(self, node: Node) -> str:
        args = [self.type(child) for child in _named(_field(node, "type_arguments"))]
        return self._named_type(_text(_field(node, "name")), args)

    def _type_union_type(self, node: Node) -> str:
        members: list[str] = []
        for child in _named(node):
            if child.type == "union_type":  # tree-sitter nests unions to the left
                members.extend(self._union_members(child))
            else:
                members.append(self.type(child))
        return self.call("UnionType", types=_tuple(members))

    def _union_members(self, node: Node) -> list[str]:
        members: list[str] = []
        for child in _named(node):
            if child.type == "union_type":
                members.extend(self._union_members(child))
            else:
                members.append(self.type(child))
        return members

    def _type_intersection_type(self, node: Node) -> str:
        members: list[str] = []
        stack = [node]
        while stack:
            current = stack.pop()
            for child in reversed(_named(current)):
                if child.type == "intersection_type":
                    stack.append(child)
        members = [self.type(child) for child in self._flatten(node, "intersection_type")]
        return self.call("IntersectionType", types=_tuple(members))

    def _flatten(self, node: Node, kind: str) -> Iterator[Node]:
        for child in _named(node):
            if child.type == kind:
                yield from self._flatten(child, kind)
            else:
                yield child

    def _type_array_type(self, node: Node) -> str:
        return self.call("ArrayType", element_type=self.type(_named(node)[0]))

    def _type_tuple_type(self, node: Node) -> str:
        elements = []
        for child in _named(node):
            if child.type in ("required_parameter", "optional_parameter"):
                raise _fail(child, "named tuple member")
            elements.append(self.type(child))
        return self.call("TupleType", elements=_tuple(elements) if elements else None)

    def _type_rest_type(self, node: Node) -> str:
        return self.call("RestType", type=self.type(_named(node)[0]))

    def _type_readonly_type(self, node: Node) -> str:
        inner = _named(node)[0]
        if inner.type == "union_type":
            # tree-sitter reads `readonly A[] | B` as `readonly (A[] | B)`; TypeScript binds
            # `readonly` to the first member.
            members = list(self._flatten(inner, "union_type"))
            first = self.call("TypeOperator", operator=repr("readonly"), type=self.type(members[0]))
            rest = [self.type(member) for member in members[1:]]
            return self.call("UnionType", types=_tuple([first, *rest]))
        return self.call("TypeOperator", operator=repr("readonly"), type=self.type(_named(node)[0]))

    def _type_index_type_query(self, node: Node) -> str:
        return self.call("TypeOperator", operator=repr("keyof"), type=self.type(_named(node)[0]))

    def _type_literal_type(self, node: Node) -> str:
        inner = _named(node)[0] if _named(node) else node
        if inner.type == "string":
            return self.call("LiteralType", value=repr(self.string_value(inner)))
        if inner.type == "number":
            return self.call("LiteralType", value=_text(inner).replace("_", ""))
        if inner.type in ("true", "false"):
            return self.call("LiteralType", value=repr(inner.type == "true"))
        if inner.type in ("null", "undefined"):
            return f"{self.use('kw')}({inner.type!r})"
        if inner.type == "unary_expression":
            return self.call("LiteralType", value=_text(inner))
        raise _fail(inner)

    def _type_lookup_type(self, node: Node) -> str:
        target, index = _named(node)
        return self.call(
            "IndexedAccessType", object_type=self.type(target), index_type=self.type(index)
        )

    def _type_type_query(self, node: Node) -> str:
        return self.call("TypeQuery", expression=self.expr(_named(node)[0]))

    def _type_function_type(self, node: Node) -> str:
        return self.call(
            "FunctionType",
            type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
            parameters=self.parameters(_field(node, "parameters")) or "()",
            return_type=self.type(_field(node, "return_type")),
        )

    def type_members(self, node: Node) -> str | None:
        members: list[str] = []
        pending_doc: str | None = None
        for child in node.named_children:
            if child.type == "comment":
                text = _text(child)
                if not text.startswith("/**"):
                    raise _fail(child, "line comment in a type")
                pending_doc = jsdoc_text(text)
                continue
            members.append(self.type_member(child, pending_doc))
            pending_doc = None
        return _tuple(members) if members else None

    def type_member(self, node: Node, doc: str | None) -> str:
        doc_arg = repr(doc) if doc is not None else None
        optional = "True" if any(c.type == "?" for c in node.children) else None
        if node.type == "property_signature":
            readonly = any(c.type == "readonly" for c in node.children)
            return self.call(
                "PropertySignature",
                name=repr(_text(_field(node, "name"))),
                type=self.type_annotation(_field(node, "type")),
                optional=optional,
                readonly="True" if readonly else None,
                doc=doc_arg,
            )
        if node.type == "method_signature":
            return self.call(
                "MethodSignature",
                name=repr(_text(_field(node, "name"))),
                type_parameters=self.type_parameters(node.child_by_field_name("type_parameters")),
                parameters=self.parameters(_field(node, "parameters")),
                return_type=self.optional_type(node.child_by_field_name("return_type")),
                optional=optional,
                doc=doc_arg,
            )
        if node.type == "index_signature":
            return self.call(
                "IndexSignature",
                key_name=repr(_text(_field(node, "name"))),
                key_type=self.type(_field(node, "index_type")),
                type=self.type_annotation(_field(node, "type")),
                doc=doc_arg,
            )
        raise _fail(node)

    def _type_object_type(self, node: Node) -> str:
        first = _named(node)[0] if _named(node) else None
        multiline = first is not None and first.start_point.row > node.start_point.row
        return self.call(
            "TypeLiteral",
            members=self.type_members(node),
            multiline="True" if multiline else None,
        )

    # -- the file -----------------------------------------------------------------------

    def convert(self, function: str, constant: str | None) -> str:
        root = self.tree.root_node
        if root.has_error:
            raise Unsupported(f"{self.path}: the TypeScript does not parse")
        self.collect_uses(root)
        children = list(root.named_children)
        header_lines: list[str] = []
        while children and children[0].type == "comment" and _text(children[0]).startswith("//"):
            header_lines.append(line_comment_text(_text(children.pop(0))))
        body: list[Node] = []
        for child in children:
            if child.type == "import_statement":
                self.add_import(child)
            else:
                body.append(child)
        builders: list[str] = []
        statement_exprs = self.statement_list(body, top_level=True)
        names: list[str] = []
        for node, built in zip(self._declarations(body), statement_exprs):
            if node is None:
                names.append(built)
                continue
            func_name = "_" + lower_snake(node[0])
            while any(f"def {func_name}(" in b for b in builders):
                func_name += "_"
            builders.append(f"def {func_name}() -> {node[1]}:\n" f"    return {built}\n")
            names.append(f"{func_name}()")
        self.use("SourceFile")
        path_arg = f'{constant}.name + ".ts"' if constant else repr(self.path)
        if constant:
            self.runtime_imports.add(constant)
        header = "\n".join(header_lines)
        module_function = (
            f"def {function}() -> SourceFile:\n"
            f'    """`{self.path}`."""\n'
            f"    return SourceFile(path={path_arg}, header=HEADER,"
            f" statements={_tuple(names)})\n"
        )
        return self._assemble(header, builders, module_function)

    def _declarations(self, body: list[Node]) -> list[tuple[str, str] | None]:
        """For each statement built from `body` (comments merged as in statement_list), the
        declared name and node class, or None for a statement kept inline."""
        result: list[tuple[str, str] | None] = []
        index = 0
        previous_end: int | None = None
        while index < len(body):
            node = body[index]
            if node.type == "comment":
                text = _text(node)
                if text.startswith("/**"):
                    index += 1
                    continue
                trailing = previous_end is not None and node.start_point.row == previous_end
                end = node.end_point.row
                while (
                    not trailing
                    and index + 1 < len(body)
                    and body[index + 1].type == "comment"
                    and _text(body[index + 1]).startswith("//")
                    and body[index + 1].start_point.row == end + 1
                ):
                    index += 1
                    end = body[index].end_point.row
                if trailing and result:
                    result.insert(len(result) - 1, None)
                else:
                    result.append(None)
                    previous_end = end
                index += 1
                continue
            declaration = node.child_by_field_name("declaration") or node
            result.append(self._declared(declaration))
            previous_end = node.end_point.row
            index += 1
        return result

    def _declared(self, node: Node) -> tuple[str, str] | None:
        classes = {
            "function_declaration": "FunctionDeclaration",
            "class_declaration": "ClassDeclaration",
            "type_alias_declaration": "TypeAliasDeclaration",
            "interface_declaration": "InterfaceDeclaration",
            "lexical_declaration": "VariableStatement",
        }
        if node.type not in classes:
            return None
        self.use(classes[node.type])
        if node.type == "lexical_declaration":
            name = _field(node.named_children[0], "name")
            if name.type != "identifier":
                return None
            return _text(name), classes[node.type]
        return _text(_field(node, "name")), classes[node.type]

    def _assemble(self, header: str, builders: list[str], module_function: str) -> str:
        by_module: dict[str, list[str]] = {}
        for name in sorted(self.used):
            by_module.setdefault(NODE_MODULES[name], []).append(name)
        lines = [
            f'"""Builds `{self.path}`{": " + header.splitlines()[0] if header else "."}"""',
            "",
            "from __future__ import annotations",
            "",
        ]
        for module in sorted(by_module):
            if module.startswith("emitters"):
                continue
            lines.append(f"from {module} import {', '.join(by_module[module])}")
        if self.runtime_imports:
            lines.append(f"from emitters.runtime import {', '.join(sorted(self.runtime_imports))}")
        if "emitters.runtime._nodes" in by_module:
            names = ", ".join(by_module["emitters.runtime._nodes"])
            lines.append(f"from emitters.runtime._nodes import {names}")
        lines.append("")
        lines.extend(self.local_constants)
        lines.append("")
        lines.append(f"HEADER = {header!r}")
        lines.append("")
        text = "\n".join(lines) + "\n\n" + "\n\n".join(builders) + "\n\n" + module_function
        return black.format_str(text, mode=black.Mode(line_length=100))

    def exports(self) -> list[tuple[str, str]]:
        """(name, kind) of every exported declaration."""
        result: list[tuple[str, str]] = []
        for child in self.tree.root_node.named_children:
            if child.type != "export_statement":
                continue
            declaration = child.child_by_field_name("declaration")
            if declaration is None:
                continue
            if declaration.type in ("type_alias_declaration", "interface_declaration"):
                result.append((_text(_field(declaration, "name")), "TYPE"))
            elif declaration.type == "class_declaration":
                result.append((_text(_field(declaration, "name")), "BOTH"))
            elif declaration.type == "function_declaration":
                result.append((_text(_field(declaration, "name")), "VALUE"))
            elif declaration.type == "lexical_declaration":
                for declarator in declaration.named_children:
                    if declarator.type == "variable_declarator":
                        result.append((_text(_field(declarator, "name")), "VALUE"))
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", type=Path)
    parser.add_argument("--path", required=True, help="the file's path in the generated app")
    parser.add_argument("--function", help="name of the Python function returning the file")
    parser.add_argument("--constant", help="emitters.runtime constant of the file's module")
    parser.add_argument("--exports", action="store_true", help="print Symbol definitions")
    args = parser.parse_args(argv)
    converter = Converter(args.file.read_bytes(), args.path)
    try:
        if args.exports:
            module = args.constant or "MODULE"
            for name, kind in converter.exports():
                print(f"{upper_snake(name)} = Symbol(name={name!r}, module={module}, kind={kind})")
            return 0
        if not args.function:
            parser.error("--function is required")
        sys.stdout.write(converter.convert(args.function, args.constant))
    except Unsupported as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
