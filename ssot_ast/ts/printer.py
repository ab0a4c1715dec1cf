"""The public printing entry points: a SourceFile to TypeScript text.

`print_source_file` resolves imports (`imports.py`), turns the tree into a Doc (one method
per node kind; expressions in `print_expressions.py`, types in `print_types.py`) and lays
it out (`doc.py`). `render_source_file` also re-parses the text with tree-sitter and raises
on any syntax problem: it never returns unverified text.

Blank lines are declared by the tree: top-level statements are separated by one blank line,
except that consecutive re-exports (`export ... from`) stay together and a LineComment sticks
to the statement after it; inside blocks, only statements with `blank_line_before=True` get
one.
"""

from __future__ import annotations

from typing import Callable, Sequence

import attrs

from ssot_ast.ts import doc as d
from ssot_ast.ts.common import (
    ArrayBindingPattern,
    BindingElement,
    BindingName,
    Block,
    ObjectBindingPattern,
    Parameter,
    Statement,
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
from ssot_ast.ts.doc import HARDLINE, LINE, SOFTLINE, Concat, Doc, IfBreak
from ssot_ast.ts.expressions import (
    ArrayLiteralExpression,
    Identifier,
    ObjectLiteralExpression,
    Ref,
)
from ssot_ast.ts.imports import ImportPlan, resolve_imports
from ssot_ast.ts.module import (
    ExportAssignment,
    ExportDeclaration,
    ImportDeclaration,
    SourceFile,
)
from ssot_ast.ts.precedence import Role
from ssot_ast.ts.print_expressions import Context, is_binaryish
from ssot_ast.ts.print_types import HUGGED, UNION_NO_INDENT, TypePrinter, should_hug_type
from ssot_ast.ts.types import MappedType, TypeLiteral, UnionType
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
from ssot_ast.ts.strings import quote_string
from ssot_ast.ts.symbols import ModuleRef, Symbol


@attrs.frozen(kw_only=True, slots=True)
class PrintOptions:
    """Layout options. `import_extension` is appended to relative imports of project files
    (".js" for Node ESM with TypeScript, ".ts" with allowImportingTsExtensions, "" for
    bundler resolution)."""

    width: int = 80
    indent: int = 2
    import_extension: str = ".js"

    def __attrs_post_init__(self) -> None:
        if self.width < 1 or self.indent < 1:
            raise ValueError("width and indent must be positive")
        if self.import_extension not in (".js", ".ts", ""):
            raise ValueError("import_extension is '.js', '.ts' or ''")


GENERATED_MARK = "@generated"


def comment_block_doc(text: str) -> Doc:
    """`/** text */` on one line, or a JSDoc block with ` * ` lines."""
    lines = text.strip("\n").split("\n")
    if len(lines) == 1:
        return f"/** {lines[0].strip()} */"
    body: list[Doc] = ["/**"]
    for line in lines:
        body += [HARDLINE, (" * " + line).rstrip()]
    body += [HARDLINE, " */"]
    return Concat(body)


class Printer(TypePrinter):
    """Turns the nodes of one file into a Doc; knows the file's import plan."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        self._leading = set()
        self.hug_broken = {}
        self._local_names: dict[int, str] = {}
        #: Keeps memoized symbols alive, so their ids are not reused while printing.
        self._symbols_alive: list[object] = []

    # -- hooks for the expression and type printers -------------------------------------

    def symbol_name(self, node: Ref) -> str:
        return self.symbol_name_of(node.symbol)

    def symbol_name_of(self, symbol: object) -> str:
        # Memoized by identity: a Symbol's hash walks its module each time.
        name = self._local_names.get(id(symbol))
        if name is None:
            assert isinstance(symbol, Symbol)
            name = self._local_names[id(symbol)] = self.plan.local_name(symbol)
            self._symbols_alive.append(symbol)
        return name

    def jsdoc_doc(self, text: str) -> Doc:
        return comment_block_doc(text)

    def binding_doc(self, name: BindingName, *, grouped: bool = True) -> Doc:
        """A binding name or pattern; `grouped=False` for a hugged parameter, whose braces
        break with the signature (prettier gives the pattern no group of its own there)."""
        if isinstance(name, str):
            return name
        elements: list[Doc] = []
        if isinstance(name, ObjectBindingPattern):
            for element in name.elements:
                elements.append(self._binding_element(element, object_pattern=True))
            inner = d.join(Concat([",", LINE]), elements)
            braced = Concat(["{", d.indent(Concat([LINE, inner])), IfBreak(","), LINE, "}"])
            return d.group(braced) if grouped else braced
        assert isinstance(name, ArrayBindingPattern)
        for maybe in name.elements:
            elements.append("" if maybe is None else self._binding_element(maybe, False))
        inner = d.join(Concat([",", LINE]), elements)
        bracketed = Concat(["[", d.indent(Concat([SOFTLINE, inner])), SOFTLINE, "]"])
        return d.group(bracketed) if grouped else bracketed

    def _binding_element(self, element: BindingElement, object_pattern: bool) -> Doc:
        if element.rest:
            return "..." + element.name
        head: Doc = element.name
        if element.property_name is not None and element.property_name != element.name:
            head = Concat([element.property_name, ": ", element.name])
        if element.default is not None:
            return Concat([head, " = ", self.expr(element.default)])
        return head

    def parameter_doc(self, param: Parameter, *, hugged: bool = False) -> Doc:
        parts: list[Doc] = [modifier + " " for modifier in param.modifiers]
        if param.rest:
            parts.append("...")
        parts.append(self.binding_doc(param.name, grouped=not hugged))
        if param.optional:
            parts.append("?")
        if param.type is not None:
            parts += [": ", self.type_doc(param.type, HUGGED if hugged else "")]
        if param.default is not None:
            parts += [" = ", self.expr(param.default)]
        return Concat(parts)

    def parameters_doc(self, params: tuple[Parameter, ...]) -> Doc:
        """`(a, b)`, not grouped: the caller groups it with the return type (see
        `signature_doc`). A lone destructured parameter, or one typed by an object type, is
        hugged: `({ a, b }: Props)` breaks inside the braces, not around them."""
        if not params:
            return "()"
        if _hugs_the_only_parameter(params):
            return Concat(["(", self.parameter_doc(params[0], hugged=True), ")"])
        printed = d.join(Concat([",", LINE]), [self.parameter_doc(p) for p in params])
        trailing: Doc = "" if params[-1].rest else IfBreak(",")
        return Concat(["(", d.indent(Concat([SOFTLINE, printed, trailing])), SOFTLINE, ")"])

    def type_parameters_doc(self, params: tuple[TypeParameter, ...]) -> Doc:
        if not params:
            return ""
        printed: list[Doc] = []
        for param in params:
            parts: list[Doc] = [param.name]
            if param.constraint is not None:
                parts += [" extends ", self.type_doc(param.constraint)]
            if param.default is not None:
                parts += [" = ", self.type_doc(param.default)]
            printed.append(Concat(parts))
        inner = d.join(Concat([",", LINE]), printed)
        return d.group(
            Concat(["<", d.indent(Concat([SOFTLINE, inner, IfBreak(",")])), SOFTLINE, ">"])
        )

    # -- statements ---------------------------------------------------------------------

    def statement_doc(self, node: Statement) -> Doc:
        method: Callable[[Printer, Statement], Doc] = _STATEMENT_DISPATCH[type(node)]
        return method(self, node)

    def statements_doc(self, statements: tuple[Statement, ...]) -> Doc:
        parts: list[Doc] = []
        for index, statement in enumerate(statements):
            if index:
                parts.append(HARDLINE)
                if statement.blank_line_before:
                    parts.append(HARDLINE)
            parts.append(self.statement_doc(statement))
        return Concat(parts)

    def block_doc(self, node: Block) -> Doc:
        if not node.statements:
            return "{}"
        return Concat(["{", d.indent(Concat([HARDLINE, self.statements_doc(node.statements)])), HARDLINE, "}"])  # fmt: skip

    def _block(self, node: Block) -> Doc:
        return self.block_doc(node)

    def _with_doc(self, doc_text: str | None, printed: Doc) -> Doc:
        if doc_text is None:
            return printed
        return Concat([self.jsdoc_doc(doc_text), HARDLINE, printed])

    def _variable(self, node: VariableStatement) -> Doc:
        left: list[Doc] = ["export " if node.export else "", node.kind, " "]
        left.append(self.binding_doc(node.name))
        if node.type is not None:
            left += [": ", self.type_doc(node.type)]
        printed = self.assignment_doc(Concat(left), " =", node.initializer)
        return self._with_doc(node.doc, Concat([printed, ";"]))

    def _expression_statement(self, node: ExpressionStatement) -> Doc:
        self.mark_leading(node.expression)
        return Concat([self.expr(node.expression, None, Role.STATEMENT), ";"])

    def _argument_statement(self, keyword: str, node: ReturnStatement | ThrowStatement) -> Doc:
        value = node.expression
        if value is None:
            return keyword + ";"
        if is_binaryish(value):
            inner = self.binary_doc(value, Context.NO_INDENT)  # type: ignore[arg-type]
            return Concat(
                [
                    keyword,
                    " ",
                    d.group(Concat([IfBreak("("), d.indent(Concat([SOFTLINE, inner])), SOFTLINE, IfBreak(")")])),  # fmt: skip
                    ";",
                ]
            )
        return Concat([keyword, " ", self.expr(value, None, Role.ARGUMENT), ";"])

    def _return(self, node: ReturnStatement) -> Doc:
        return self._argument_statement("return", node)

    def _throw(self, node: ThrowStatement) -> Doc:
        return self._argument_statement("throw", node)

    def _paren_condition(self, condition: object) -> Doc:
        from ssot_ast.ts.common import Expression

        assert isinstance(condition, Expression)
        if is_binaryish(condition):
            inner = self.binary_doc(condition, Context.IN_PARENS)  # type: ignore[arg-type]
        else:
            inner = self.expr(condition)
        return d.group(Concat([d.indent(Concat([SOFTLINE, inner])), SOFTLINE]))

    def _if(self, node: IfStatement) -> Doc:
        parts: list[Doc] = [
            d.group(Concat(["if (", self._paren_condition(node.condition), ") ", self.block_doc(node.then)]))  # fmt: skip
        ]
        if node.else_ is not None:
            parts.append(" else ")
            if isinstance(node.else_, IfStatement):
                parts.append(self._if(node.else_))
            else:
                parts.append(self.block_doc(node.else_))
        return Concat(parts)

    def _for_of(self, node: ForOfStatement) -> Doc:
        return Concat(
            [
                "for await (" if node.await_ else "for (",
                node.kind,
                " ",
                self.binding_doc(node.name),
                " of ",
                self.expr(node.iterable),
                ") ",
                self.block_doc(node.body),
            ]
        )

    def _while(self, node: WhileStatement) -> Doc:
        return Concat(
            [
                d.group(Concat(["while (", self._paren_condition(node.condition), ")"])),
                " ",
                self.block_doc(node.body),
            ]
        )

    def _try(self, node: TryStatement) -> Doc:
        parts: list[Doc] = ["try ", self.block_doc(node.block)]
        if node.catch_block is not None:
            parts.append(" catch ")
            if node.catch_name is not None:
                parts.append(f"({node.catch_name}) ")
            parts.append(self.block_doc(node.catch_block))
        if node.finally_block is not None:
            parts += [" finally ", self.block_doc(node.finally_block)]
        return Concat(parts)

    def _case(self, node: CaseClause) -> Doc:
        parts: list[Doc] = []
        if node.test is None:
            parts.append("default:")
        else:
            parts += ["case ", self.expr(node.test), ":"]
        statements = node.statements
        if len(statements) == 1 and isinstance(statements[0], Block):
            parts += [" ", self.block_doc(statements[0])]
        elif statements:
            parts.append(d.indent(Concat([HARDLINE, self.statements_doc(statements)])))
        return Concat(parts)

    def _switch(self, node: SwitchStatement) -> Doc:
        head = d.group(Concat(["switch (", self._paren_condition(node.expression), ") {"]))
        if not node.clauses:
            return Concat([head, "}"])
        clauses: list[Doc] = []
        for index, clause in enumerate(node.clauses):
            if index:
                clauses.append(HARDLINE)
                if clause.blank_line_before:
                    clauses.append(HARDLINE)
            clauses.append(self._case(clause))
        return Concat([head, d.indent(Concat([HARDLINE, *clauses])), HARDLINE, "}"])

    def _break(self, node: BreakStatement) -> Doc:
        return "break;"

    def _continue(self, node: ContinueStatement) -> Doc:
        return "continue;"

    def _line_comment(self, node: LineComment) -> Doc:
        lines = [("// " + line).rstrip() for line in node.text.split("\n")]
        return d.join(HARDLINE, lines)

    # -- declarations -------------------------------------------------------------------

    def _export_prefix(self, export: bool, default_export: bool) -> str:
        if default_export:
            return "export default "
        return "export " if export else ""

    def _function_declaration(self, node: FunctionDeclaration) -> Doc:
        parts: list[Doc] = [
            self._export_prefix(node.export, node.default_export),
            "async function " if node.async_ else "function ",
            node.name,
            self.signature_doc(node.type_parameters, node.parameters, node.return_type),
            " ",
            self.block_doc(node.body),
        ]
        return self._with_doc(node.doc, Concat(parts))

    def _class_member(self, member: ClassMember) -> Doc:
        if isinstance(member, PropertyDeclaration):
            left: list[Doc] = [modifier + " " for modifier in member.modifiers]
            left.append(self.property_key_doc(member.name))
            if member.optional:
                left.append("?")
            if member.type is not None:
                left += [": ", self.type_doc(member.type)]
            printed = self.assignment_doc(Concat(left), " =", member.initializer)
            return self._with_doc(member.doc, Concat([printed, ";"]))
        if isinstance(member, MethodMember):
            return self.method_doc(member.method)
        if isinstance(member, Constructor):
            printed = Concat(
                [
                    "constructor",
                    d.group(self.parameters_doc(member.parameters)),
                    " ",
                    self.block_doc(member.body),
                ]
            )
            return self._with_doc(member.doc, printed)
        raise TypeError(f"unexpected class member {type(member).__name__}")

    def _class(self, node: ClassDeclaration) -> Doc:
        head: list[Doc] = [
            self._export_prefix(node.export, node.default_export),
            "abstract class " if node.abstract else "class ",
            node.name,
            self.type_parameters_doc(node.type_parameters),
        ]
        if node.extends is not None:
            head += [
                " extends ",
                self.expr(node.extends, None, Role.HERITAGE),
                self.type_arguments_doc(node.extends_type_arguments),
            ]
        if node.implements:
            head += [" implements ", d.join(", ", [self.type_doc(t) for t in node.implements])]
        if not node.members:
            body: Doc = " {}"
        else:
            members: list[Doc] = []
            for index, member in enumerate(node.members):
                if index:
                    members.append(HARDLINE)
                    if member.blank_line_before:
                        members.append(HARDLINE)
                members.append(self._class_member(member))
            body = Concat([" {", d.indent(Concat([HARDLINE, *members])), HARDLINE, "}"])
        return self._with_doc(node.doc, Concat([d.group(Concat(head)), body]))

    def _interface(self, node: InterfaceDeclaration) -> Doc:
        parts: list[Doc] = [
            "export " if node.export else "",
            "interface ",
            node.name,
            self.type_parameters_doc(node.type_parameters),
        ]
        if node.extends:
            parts += [" extends ", d.join(", ", [self.type_doc(t) for t in node.extends])]
        parts += [" ", self.members_block_doc(node.members)]
        return self._with_doc(node.doc, Concat(parts))

    def _type_alias(self, node: TypeAliasDeclaration) -> Doc:
        left = Concat(
            [
                "export " if node.export else "",
                "type ",
                node.name,
                self.type_parameters_doc(node.type_parameters),
            ]
        )
        if type(node.type) is UnionType and not should_hug_type(node.type):
            # prettier: `type X =` then the union on the next line, flat if it fits, else
            # one `| member` per line.
            right = self.type_doc(node.type, UNION_NO_INDENT)
            printed = d.group(
                Concat([d.group(left), " =", d.group(d.indent(Concat([LINE, right])))])
            )
            return self._with_doc(node.doc, Concat([printed, ";"]))
        right = self.type_doc(node.type)
        gid = d.new_group_id()
        printed = d.group(
            Concat(
                [d.group(left), " =", d.group(d.indent(LINE), gid=gid), d.IndentIfBreak(right, gid)]
            )
        )
        return self._with_doc(node.doc, Concat([printed, ";"]))

    # -- module -------------------------------------------------------------------------

    def _braced_names(self, names: Sequence[Doc], *, standalone: bool = False) -> Doc:
        """`{ a, b }` of an import or export; a lone name (with no default or namespace
        import beside it) never breaks (prettier's printModuleSpecifiers)."""
        if len(names) == 1 and not standalone:
            return Concat(["{ ", names[0], " }"])
        inner = d.join(Concat([",", LINE]), names)
        return d.group(Concat(["{", d.indent(Concat([LINE, inner])), IfBreak(","), LINE, "}"]))

    def _import(self, node: ImportDeclaration) -> Doc:
        parts: list[Doc] = ["import type " if node.type_only else "import "]
        if node.default is not None:
            parts.append(node.default)
            if node.named or node.namespace is not None:
                parts.append(", ")
        if node.namespace is not None:
            parts.append("* as " + node.namespace)
        if node.named:
            names: list[Doc] = []
            for spec in node.named:
                text = ("type " if spec.type_only else "") + spec.name
                if spec.alias is not None:
                    text += " as " + spec.alias
                names.append(text)
            standalone = node.default is not None or node.namespace is not None
            parts.append(self._braced_names(names, standalone=standalone))
        parts += [" from ", quote_string(node.module_specifier), ";"]
        return d.group(Concat(parts))

    def _export(self, node: ExportDeclaration) -> Doc:
        parts: list[Doc] = ["export type " if node.type_only else "export "]
        if node.star:
            parts.append("*" if node.star_alias is None else "* as " + node.star_alias)
        else:
            names = []
            for spec in node.names:
                text = ("type " if spec.type_only else "") + spec.name
                if spec.alias is not None:
                    text += " as " + spec.alias
                names.append(text)
            parts.append(self._braced_names(names))
        if node.module is not None:
            if self.own_module is None:
                raise ValueError("re-exports are printed only inside a SourceFile")
            specifier = node.module.specifier_from(self.own_module, self.extension)
            parts += [" from ", quote_string(specifier)]
        parts.append(";")
        return d.group(Concat(parts))

    def _export_assignment(self, node: ExportAssignment) -> Doc:
        return Concat(["export default ", self.expr(node.expression), ";"])

    own_module: ModuleRef | None = None
    extension: str = ".js"

    def source_file_doc(self, file: SourceFile, extension: str) -> Doc:
        self.own_module = file.module
        self.extension = extension
        parts: list[Doc] = []
        if file.header is not None and not file.generated_mark:
            parts.append(self._line_comment(LineComment(text=file.header.strip("\n"))))
        elif file.header is not None:
            header = file.header
            if GENERATED_MARK not in header:
                header = GENERATED_MARK + "\n" + header
            parts.append(comment_block_doc(header))
        if self.plan.imports:
            if parts:
                parts += [HARDLINE, HARDLINE]
            parts.append(d.join(HARDLINE, [self._import(i) for i in self.plan.imports]))
        previous: Statement | None = None
        for statement in file.statements:
            if parts:
                parts.append(HARDLINE)
                if not _sticks_to_previous(previous, statement):
                    parts.append(HARDLINE)
            parts.append(self.statement_doc(statement))
            previous = statement
        return Concat(parts)


def _hugs_the_only_parameter(params: tuple[Parameter, ...]) -> bool:
    """prettier's shouldHugTheOnlyFunctionParameter."""
    if len(params) != 1:
        return False
    param = params[0]
    if param.rest or param.modifiers:
        return False
    name = param.name
    if isinstance(name, (ObjectBindingPattern, ArrayBindingPattern)):
        if param.default is None:
            return True
        default = param.default
        return (
            type(default) is Identifier
            or (type(default) is ObjectLiteralExpression and not default.properties)
            or (type(default) is ArrayLiteralExpression and not default.elements)
        )
    return param.default is None and type(param.type) in (TypeLiteral, MappedType)


def _sticks_to_previous(previous: Statement | None, statement: Statement) -> bool:
    if previous is None or statement.blank_line_before:
        return False
    if isinstance(previous, LineComment):
        return True
    return (
        isinstance(previous, ExportDeclaration)
        and isinstance(statement, ExportDeclaration)
        and previous.module is not None
        and statement.module is not None
    )


_STATEMENT_DISPATCH: dict[type, Callable[..., Doc]] = {
    Block: Printer._block,
    VariableStatement: Printer._variable,
    ExpressionStatement: Printer._expression_statement,
    ReturnStatement: Printer._return,
    ThrowStatement: Printer._throw,
    IfStatement: Printer._if,
    ForOfStatement: Printer._for_of,
    WhileStatement: Printer._while,
    TryStatement: Printer._try,
    SwitchStatement: Printer._switch,
    CaseClause: Printer._case,
    BreakStatement: Printer._break,
    ContinueStatement: Printer._continue,
    LineComment: Printer._line_comment,
    FunctionDeclaration: Printer._function_declaration,
    ClassDeclaration: Printer._class,
    InterfaceDeclaration: Printer._interface,
    TypeAliasDeclaration: Printer._type_alias,
    ImportDeclaration: Printer._import,
    ExportDeclaration: Printer._export,
    ExportAssignment: Printer._export_assignment,
}


def print_source_file(file: SourceFile, *, options: PrintOptions = PrintOptions()) -> str:
    """Resolve imports, print, and return the text (ending in exactly one newline)."""
    plan = resolve_imports(file, options.import_extension)
    printer = Printer(plan)
    document = printer.source_file_doc(file, options.import_extension)
    text = d.print_doc(document, options.width, options.indent)
    return text.rstrip("\n") + "\n"


def render_source_file(file: SourceFile, *, options: PrintOptions = PrintOptions()) -> str:
    """`print_source_file`, then verify the text with tree-sitter (VerificationError)."""
    from ssot_ast.verify import verify_text

    text = print_source_file(file, options=options)
    verify_text(text, file.path)
    return text


def print_node(node: object, *, width: int = 80, indent: int = 2) -> str:
    """Print a single statement, expression or type without imports (for tests and
    debugging). Symbols print under their own names."""
    from ssot_ast.ts.common import Expression, TypeNode

    printer = Printer(ImportPlan(imports=(), names=_IdentityNames()))
    printer.own_module = None
    if isinstance(node, Statement):
        document = printer.statement_doc(node)
    elif isinstance(node, Expression):
        document = printer.expr(node)
    elif isinstance(node, TypeNode):
        document = printer.type_doc(node, UNION_NO_INDENT)
    else:
        raise TypeError(f"cannot print {type(node).__name__}")
    return d.print_doc(document, width, indent)


class _IdentityNames(dict):  # type: ignore[type-arg]
    """Maps every symbol key to the symbol's own name."""

    def __missing__(self, key: tuple[object, str, bool, bool]) -> str:
        return key[1]
