"""Short builders so emitter code reads like the TypeScript it produces. Every helper
returns a node; strings are accepted where a name is meant (`member(x, "a", "b")`)."""

from __future__ import annotations

from typing import Sequence

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
    BinaryExpression,
    BooleanLiteral,
    CallExpression,
    ComputedPropertyName,
    ConditionalExpression,
    ElementAccessExpression,
    Identifier,
    MethodDeclaration,
    NewExpression,
    NonNullExpression,
    NullLiteral,
    NumericLiteral,
    ObjectLiteralExpression,
    ObjectMember,
    PrefixUnaryExpression,
    PropertyAccessExpression,
    PropertyAssignment,
    PropertyKey,
    Ref,
    SatisfiesExpression,
    ShorthandPropertyAssignment,
    SpreadAssignment,
    SpreadElement,
    StringLiteral,
    SuperExpression,
    TemplateExpression,
    ThisExpression,
    TypeOfExpression,
)
from ssot_ast.ts.module import ExportAssignment, ExportDeclaration, ExportSpecifier
from ssot_ast.ts.statements import (
    BreakStatement,
    CaseClause,
    ExpressionStatement,
    ForOfStatement,
    IfStatement,
    LineComment,
    ReturnStatement,
    SwitchStatement,
    ThrowStatement,
    TryStatement,
    VariableStatement,
)
from ssot_ast.ts.symbols import ModuleRef, Symbol
from ssot_ast.ts.types import (
    ArrayType,
    FunctionType,
    IndexedAccessType,
    IntersectionType,
    KeywordType,
    LiteralType,
    PropertySignature,
    TupleType,
    TypeLiteral,
    TypeMember,
    TypeOperator,
    TypeQuery,
    TypeRef,
    TypeReference,
    UnionType,
)

ExprLike = Expression | str  # a str is an identifier name


def _e(value: ExprLike) -> Expression:
    if isinstance(value, str):
        return ThisExpression() if value == "this" else Identifier(name=value)
    return value


# -- expressions ------------------------------------------------------------------------


def ident(name: str) -> Identifier:
    return Identifier(name=name)


def ref(symbol: Symbol) -> Ref:
    return Ref(symbol=symbol)


def str_(value: str) -> StringLiteral:
    return StringLiteral(value=value)


def num(value: int | float, raw: str | None = None) -> Expression:
    """A number; negative values become a unary minus. `raw` keeps numeric separators:
    `num(60_000, raw="60_000")` (`raw` without the sign)."""
    if value < 0:
        return PrefixUnaryExpression(operator="-", operand=NumericLiteral(value=-value, raw=raw))
    return NumericLiteral(value=value, raw=raw)


true_ = BooleanLiteral(value=True)
false_ = BooleanLiteral(value=False)
null = NullLiteral()
undefined = Identifier(name="undefined")
this = ThisExpression()
super_ = SuperExpression()


def call(callee: ExprLike, *args: Expression, type_args: Sequence[TypeNode] = ()) -> CallExpression:
    return CallExpression(callee=_e(callee), arguments=args, type_arguments=tuple(type_args))


def method_call(
    obj: ExprLike, name: str, *args: Expression, type_args: Sequence[TypeNode] = ()
) -> CallExpression:
    """`obj.name(args)`, the one way to write a method call. A fluent chain nests, innermost
    call first: `method_call(method_call(z, "string"), "min", num(1))` is `z.string().min(1)`."""
    callee = PropertyAccessExpression(expression=_e(obj), name=name)
    return CallExpression(callee=callee, arguments=args, type_arguments=tuple(type_args))


def new(callee: ExprLike, *args: Expression, type_args: Sequence[TypeNode] = ()) -> NewExpression:
    return NewExpression(callee=_e(callee), arguments=args, type_arguments=tuple(type_args))


def member(obj: ExprLike, *names: str) -> Expression:
    """`obj.a.b` for `member(obj, "a", "b")`."""
    node = _e(obj)
    for name in names:
        node = PropertyAccessExpression(expression=node, name=name)
    return node


def optional_member(obj: ExprLike, name: str) -> PropertyAccessExpression:
    return PropertyAccessExpression(expression=_e(obj), name=name, optional=True)


def index(obj: ExprLike, key: Expression | str | int) -> ElementAccessExpression:
    """`obj[key]`; a str key is a string literal, an int a number."""
    if isinstance(key, str):
        key_node: Expression = StringLiteral(value=key)
    elif isinstance(key, int):
        key_node = NumericLiteral(value=key)
    else:
        key_node = key
    return ElementAccessExpression(expression=_e(obj), index=key_node)


def non_null(value: Expression) -> NonNullExpression:
    return NonNullExpression(expression=value)


def prop(
    key: PropertyKey | Expression, value: Expression, *, doc: str | None = None
) -> PropertyAssignment:
    """`key: value`; an Expression key becomes a computed key `[key]`."""
    if isinstance(key, Expression):
        key = ComputedPropertyName(expression=key)
    return PropertyAssignment(key=key, value=value, doc=doc)


def shorthand(name: str) -> ShorthandPropertyAssignment:
    return ShorthandPropertyAssignment(name=name)


def spread(value: Expression) -> SpreadElement:
    """`...value` in an array or argument list."""
    return SpreadElement(expression=value)


def spread_prop(value: Expression) -> SpreadAssignment:
    """`...value` in an object literal."""
    return SpreadAssignment(expression=value)


def obj(*props: ObjectMember, multiline: bool = False) -> ObjectLiteralExpression:
    return ObjectLiteralExpression(properties=props, multiline=multiline)


def arr(*items: Expression, multiline: bool = False) -> ArrayLiteralExpression:
    return ArrayLiteralExpression(elements=items, multiline=multiline)


def param(
    name: BindingName,
    type: TypeNode | None = None,
    default: Expression | None = None,
    optional: bool = False,
    rest: bool = False,
    modifiers: Sequence[str] = (),
) -> Parameter:
    return Parameter(
        name=name,
        type=type,
        default=default,
        optional=optional,
        rest=rest,
        modifiers=tuple(modifiers),
    )


def type_param(
    name: str, constraint: TypeNode | None = None, default: TypeNode | None = None
) -> TypeParameter:
    return TypeParameter(name=name, constraint=constraint, default=default)


def destructure(*names: str | BindingElement) -> ObjectBindingPattern:
    """`{ a, b }` as a binding target."""
    return ObjectBindingPattern(
        elements=tuple(BindingElement(name=n) if isinstance(n, str) else n for n in names)
    )


def destructure_array(*names: str | None) -> ArrayBindingPattern:
    return ArrayBindingPattern(
        elements=tuple(None if n is None else BindingElement(name=n) for n in names)
    )


def _params(params: Sequence[Parameter | str]) -> tuple[Parameter, ...]:
    return tuple(Parameter(name=p) if isinstance(p, str) else p for p in params)


def _body(body: Block | Sequence[Statement]) -> Block:
    return body if isinstance(body, Block) else Block(statements=tuple(body))


def arrow(
    params: Sequence[Parameter | str],
    body: Expression | Block | Sequence[Statement],
    *,
    async_: bool = False,
    return_type: TypeNode | None = None,
    type_params: Sequence[TypeParameter] = (),
) -> ArrowFunction:
    """An arrow function; `body` is an expression, a Block or a list of statements."""
    arrow_body: Expression | Block = body if isinstance(body, Expression) else _body(body)
    return ArrowFunction(
        parameters=_params(params),
        body=arrow_body,
        async_=async_,
        return_type=return_type,
        type_parameters=tuple(type_params),
    )


def method(
    name: PropertyKey,
    params: Sequence[Parameter | str],
    body: Block | Sequence[Statement],
    *,
    async_: bool = False,
    return_type: TypeNode | None = None,
    type_params: Sequence[TypeParameter] = (),
    modifiers: Sequence[str] = (),
    doc: str | None = None,
) -> MethodDeclaration:
    return MethodDeclaration(
        name=name,
        parameters=_params(params),
        body=_body(body),
        async_=async_,
        return_type=return_type,
        type_parameters=tuple(type_params),
        modifiers=tuple(modifiers),
        doc=doc,
    )


def binary(left: Expression, op: str, right: Expression) -> BinaryExpression:
    return BinaryExpression(left=left, operator=op, right=right)


def not_(value: Expression) -> PrefixUnaryExpression:
    return PrefixUnaryExpression(operator="!", operand=value)


def neg(value: Expression) -> PrefixUnaryExpression:
    return PrefixUnaryExpression(operator="-", operand=value)


def typeof(value: Expression) -> TypeOfExpression:
    return TypeOfExpression(expression=value)


def await_(value: Expression) -> AwaitExpression:
    return AwaitExpression(expression=value)


def as_(value: Expression, type: TypeNode) -> AsExpression:
    return AsExpression(expression=value, type=type)


CONST_TYPE = KeywordType(name="const")


def as_const(value: Expression) -> AsExpression:
    return AsExpression(expression=value, type=CONST_TYPE)


def satisfies(value: Expression, type: TypeNode) -> SatisfiesExpression:
    return SatisfiesExpression(expression=value, type=type)


def template(*parts: str | Expression) -> TemplateExpression:
    """`template("Hello ", name, "!")` is `` `Hello ${name}!` ``."""
    return TemplateExpression(parts=parts)


def cond(test: Expression, when_true: Expression, when_false: Expression) -> ConditionalExpression:
    return ConditionalExpression(condition=test, when_true=when_true, when_false=when_false)


def assign(target: ExprLike, value: Expression, op: str = "=") -> AssignmentExpression:
    return AssignmentExpression(target=_e(target), operator=op, value=value)


# -- statements -------------------------------------------------------------------------


def const(
    name: BindingName,
    init: Expression,
    *,
    type: TypeNode | None = None,
    export: bool = False,
    doc: str | None = None,
    blank_line_before: bool = False,
) -> VariableStatement:
    return VariableStatement(
        name=name,
        initializer=init,
        type=type,
        kind="const",
        export=export,
        doc=doc,
        blank_line_before=blank_line_before,
    )


def let(
    name: BindingName,
    init: Expression | None = None,
    *,
    type: TypeNode | None = None,
    export: bool = False,
    blank_line_before: bool = False,
) -> VariableStatement:
    return VariableStatement(
        name=name,
        initializer=init,
        type=type,
        kind="let",
        export=export,
        blank_line_before=blank_line_before,
    )


def expr_stmt(value: Expression, *, blank_line_before: bool = False) -> ExpressionStatement:
    return ExpressionStatement(expression=value, blank_line_before=blank_line_before)


def return_(value: Expression | None = None, *, blank_line_before: bool = False) -> ReturnStatement:
    return ReturnStatement(expression=value, blank_line_before=blank_line_before)


def throw(value: Expression, *, blank_line_before: bool = False) -> ThrowStatement:
    return ThrowStatement(expression=value, blank_line_before=blank_line_before)


def block(*stmts: Statement) -> Block:
    return Block(statements=stmts)


def if_(
    test: Expression,
    then: Block | Sequence[Statement],
    else_: Block | IfStatement | Sequence[Statement] | None = None,
    *,
    blank_line_before: bool = False,
) -> IfStatement:
    else_node: Block | IfStatement | None
    if else_ is None or isinstance(else_, (Block, IfStatement)):
        else_node = else_
    else:
        else_node = _body(else_)
    return IfStatement(
        condition=test, then=_body(then), else_=else_node, blank_line_before=blank_line_before
    )


def for_of(
    name: BindingName,
    iterable: Expression,
    body: Block | Sequence[Statement],
    *,
    kind: str = "const",
    await_: bool = False,
) -> ForOfStatement:
    return ForOfStatement(name=name, iterable=iterable, body=_body(body), kind=kind, await_=await_)


def try_(
    body: Block | Sequence[Statement],
    *,
    catch_name: str | None = None,
    catch: Block | Sequence[Statement] | None = None,
    finally_: Block | Sequence[Statement] | None = None,
) -> TryStatement:
    return TryStatement(
        block=_body(body),
        catch_name=catch_name,
        catch_block=None if catch is None else _body(catch),
        finally_block=None if finally_ is None else _body(finally_),
    )


def case(test: Expression | None, *stmts: Statement) -> CaseClause:
    """`case test:` (`default:` when test is None)."""
    return CaseClause(test=test, statements=stmts)


def switch(value: Expression, *clauses: CaseClause) -> SwitchStatement:
    return SwitchStatement(expression=value, clauses=clauses)


break_ = BreakStatement()


def line_comment(text: str) -> LineComment:
    return LineComment(text=text)


# -- declarations -----------------------------------------------------------------------


def function(
    name: str,
    params: Sequence[Parameter | str],
    body: Block | Sequence[Statement],
    *,
    async_: bool = False,
    export: bool = False,
    return_type: TypeNode | None = None,
    type_params: Sequence[TypeParameter] = (),
    doc: str | None = None,
) -> FunctionDeclaration:
    return FunctionDeclaration(
        name=name,
        parameters=_params(params),
        body=_body(body),
        async_=async_,
        export=export,
        return_type=return_type,
        type_parameters=tuple(type_params),
        doc=doc,
    )


def interface(
    name: str,
    members: Sequence[TypeMember],
    export: bool = True,
    extends: Sequence[TypeNode] = (),
    *,
    type_params: Sequence[TypeParameter] = (),
    doc: str | None = None,
) -> InterfaceDeclaration:
    return InterfaceDeclaration(
        name=name,
        members=tuple(members),
        export=export,
        extends=tuple(extends),
        type_parameters=tuple(type_params),
        doc=doc,
    )


def prop_sig(
    name: str,
    type: TypeNode,
    *,
    optional: bool = False,
    readonly: bool = False,
    doc: str | None = None,
) -> PropertySignature:
    return PropertySignature(name=name, type=type, optional=optional, readonly=readonly, doc=doc)


def type_alias(
    name: str,
    type: TypeNode,
    export: bool = True,
    type_params: Sequence[TypeParameter] = (),
    *,
    doc: str | None = None,
) -> TypeAliasDeclaration:
    return TypeAliasDeclaration(
        name=name, type=type, export=export, type_parameters=tuple(type_params), doc=doc
    )


def class_(
    name: str,
    members: Sequence[ClassMember | MethodDeclaration],
    *,
    extends: Expression | None = None,
    implements: Sequence[TypeNode] = (),
    export: bool = False,
    doc: str | None = None,
) -> ClassDeclaration:
    """A class; MethodDeclarations are wrapped as class members."""
    wrapped = tuple(
        MethodMember(method=m) if isinstance(m, MethodDeclaration) else m for m in members
    )
    return ClassDeclaration(
        name=name,
        members=wrapped,
        extends=extends,
        implements=tuple(implements),
        export=export,
        doc=doc,
    )


def field(
    name: str,
    type: TypeNode | None = None,
    init: Expression | None = None,
    *,
    modifiers: Sequence[str] = (),
    optional: bool = False,
    doc: str | None = None,
) -> PropertyDeclaration:
    return PropertyDeclaration(
        name=name,
        type=type,
        initializer=init,
        modifiers=tuple(modifiers),
        optional=optional,
        doc=doc,
    )


def constructor(
    params: Sequence[Parameter | str], body: Block | Sequence[Statement]
) -> Constructor:
    return Constructor(parameters=_params(params), body=_body(body))


def super_call(*args: Expression) -> ExpressionStatement:
    return ExpressionStatement(expression=CallExpression(callee=SuperExpression(), arguments=args))


# -- exports ----------------------------------------------------------------------------


def _specs(names: Sequence[str | ExportSpecifier]) -> tuple[ExportSpecifier, ...]:
    return tuple(ExportSpecifier(name=n) if isinstance(n, str) else n for n in names)


def export_named(*names: str | ExportSpecifier, type_only: bool = False) -> ExportDeclaration:
    """`export { a, b };` of local names."""
    return ExportDeclaration(names=_specs(names), type_only=type_only)


def export_from(
    module: ModuleRef, names: Sequence[str | ExportSpecifier], *, type_only: bool = False
) -> ExportDeclaration:
    """`export { a, b } from "./m.js";`."""
    return ExportDeclaration(names=_specs(names), module=module, type_only=type_only)


def export_star(module: ModuleRef, alias: str | None = None) -> ExportDeclaration:
    """`export * from "./m.js";` (or `export * as alias from ...`)."""
    return ExportDeclaration(module=module, star=True, star_alias=alias)


def export_default(value: Expression) -> ExportAssignment:
    return ExportAssignment(expression=value)


# -- types ------------------------------------------------------------------------------


def t_ref(name: str, *args: TypeNode) -> TypeReference:
    """A local or global type (`Date`, `Record<K, V>`)."""
    return TypeReference(name=name, type_arguments=args)


def t_sym(symbol: Symbol, *args: TypeNode, member: Sequence[str] = ()) -> TypeRef:
    """An imported type (`t_sym(prisma, member=["PostWhereInput"])` is
    `Prisma.PostWhereInput`)."""
    return TypeRef(symbol=symbol, type_arguments=args, member=tuple(member))


def t_union(*types: TypeNode) -> UnionType:
    return UnionType(types=types)


def t_intersection(*types: TypeNode) -> IntersectionType:
    return IntersectionType(types=types)


def t_array(element: TypeNode) -> ArrayType:
    return ArrayType(element_type=element)


def t_tuple(*elements: TypeNode) -> TupleType:
    return TupleType(elements=elements)


def t_lit(value: str | int | float | bool) -> LiteralType:
    return LiteralType(value=value)


def t_obj(*members: TypeMember, multiline: bool = False) -> TypeLiteral:
    return TypeLiteral(members=members, multiline=multiline)


def t_keyof(target: TypeNode) -> TypeOperator:
    return TypeOperator(operator="keyof", type=target)


def t_typeof(value: ExprLike) -> TypeQuery:
    return TypeQuery(expression=_e(value))


def t_index(obj: TypeNode, key: TypeNode | str) -> IndexedAccessType:
    return IndexedAccessType(
        object_type=obj, index_type=LiteralType(value=key) if isinstance(key, str) else key
    )


def t_fn(params: Sequence[Parameter | str], ret: TypeNode) -> FunctionType:
    return FunctionType(parameters=_params(params), return_type=ret)


t_string = KeywordType(name="string")
t_number = KeywordType(name="number")
t_boolean = KeywordType(name="boolean")
t_unknown = KeywordType(name="unknown")
t_void = KeywordType(name="void")
t_null = KeywordType(name="null")
t_undefined = KeywordType(name="undefined")
t_never = KeywordType(name="never")
t_bigint = KeywordType(name="bigint")
t_object = KeywordType(name="object")
