"""TypeScript as typed nodes: build a `SourceFile` from nodes (see `build` for short
helpers), reference other modules only through `Symbol`s, and print it with
`print_source_file` (imports derived, prettier-style layout) or `render_source_file`
(printed and verified with tree-sitter)."""

from ssot_ast.ts import build
from ssot_ast.ts.common import (
    ArrayBindingPattern,
    BindingElement,
    Block,
    Expression,
    Node,
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
    Ref,
    RegularExpressionLiteral,
    SatisfiesExpression,
    ShorthandPropertyAssignment,
    SpreadAssignment,
    SpreadElement,
    StringLiteral,
    SuperExpression,
    TemplateExpression,
    ThisExpression,
    TypeOfExpression,
    VoidExpression,
)
from ssot_ast.ts.imports import RESERVED_GLOBALS, ImportPlan, resolve_imports
from ssot_ast.ts.module import (
    ExportAssignment,
    ExportDeclaration,
    ExportSpecifier,
    ImportDeclaration,
    ImportSpecifier,
    SourceFile,
    symbol_in,
)
from ssot_ast.ts.printer import PrintOptions, print_node, print_source_file, render_source_file
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
from ssot_ast.ts.strings import escape_template_text, quote_string
from ssot_ast.ts.symbols import BOTH, TYPE, VALUE, ModuleKind, ModuleRef, Symbol, SymbolKind
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

__all__ = [name for name in dir() if not name.startswith("_")]
