"""``src/gen/<model>/<model>.schemas.ts``: the Zod 4 schemas of one model.

Bodies (create, update), path parameters, list/count/get queries, the sort-field table the
keyset cursor needs, and the primary key. Request and response types are inferred from
these schemas (``z.infer``), so there is one source for every contract.
"""

from __future__ import annotations

from ssot_ast.ts import (
    TYPE,
    VALUE,
    Expression,
    ModuleRef,
    ObjectMember,
    SourceFile,
    Statement,
    Symbol,
    TypeNode,
)
from ssot_ast.ts import build as b

from emitters import contract as refs
from emitters.plan.analysis import (
    FieldPlan,
    ModelPlan,
    Presence,
    ProjectPlan,
    RelationPlan,
    Scalar,
    is_uuid_column,
)

SORT_KIND = {
    Scalar.STRING: "string",
    Scalar.INT: "int",
    Scalar.FLOAT: "float",
    Scalar.BIGINT: "bigint",
    Scalar.DECIMAL: "decimal",
    Scalar.BOOLEAN: "boolean",
    Scalar.DATETIME: "datetime",
    Scalar.ENUM: "enum",
}

FILTER_FACTORY: dict[Scalar, tuple[Symbol, Symbol]] = {
    Scalar.STRING: (refs.STRING_FILTER, refs.NULLABLE_STRING_FILTER),
    Scalar.INT: (refs.INT_FILTER, refs.NULLABLE_INT_FILTER),
    Scalar.FLOAT: (refs.FLOAT_FILTER, refs.NULLABLE_FLOAT_FILTER),
    Scalar.BIGINT: (refs.BIGINT_FILTER, refs.NULLABLE_BIGINT_FILTER),
    Scalar.DECIMAL: (refs.DECIMAL_FILTER, refs.NULLABLE_DECIMAL_FILTER),
    Scalar.BOOLEAN: (refs.BOOLEAN_FILTER, refs.NULLABLE_BOOLEAN_FILTER),
    Scalar.DATETIME: (refs.DATE_TIME_FILTER, refs.NULLABLE_DATE_TIME_FILTER),
    Scalar.ENUM: (refs.ENUM_FILTER, refs.NULLABLE_ENUM_FILTER),
}
"""The runtime's filter factory of each scalar: (required, nullable)."""
UUID_FILTERS = (refs.UUID_FILTER, refs.NULLABLE_UUID_FILTER)


def module_path(model: ModelPlan) -> str:
    return f"src/gen/{model.names.file}/{model.names.file}.schemas"


class ModelSchemas:
    """The Symbols this file exports, for the service and controller to reference."""

    def __init__(self, model: ModelPlan) -> None:
        module = ModuleRef.file(module_path(model))
        c = model.names.camel
        m = model.names.model

        def value(name: str) -> Symbol:
            return Symbol(name=name, module=module, kind=VALUE)

        def type_(name: str) -> Symbol:
            return Symbol(name=name, module=module, kind=TYPE)

        self.sort_fields = value(f"{c}SortFields")
        self.primary_key = value(f"{c}PrimaryKey")
        self.create_body = value(f"{c}CreateBody")
        self.create_body_type = type_(f"{m}CreateBody")
        self.update_body = value(f"{c}UpdateBody")
        self.update_body_type = type_(f"{m}UpdateBody")
        self.id_params = value(f"{c}IdParams")
        self.id_params_type = type_(f"{m}IdParams")
        self.list_query = value(f"{c}ListQuery")
        self.list_query_type = type_(f"{m}ListQuery")
        self.count_query = value(f"{c}CountQuery")
        self.count_query_type = type_(f"{m}CountQuery")
        self.get_query = value(f"{c}GetQuery")
        self.get_query_type = type_(f"{m}GetQuery")
        self.omit = value(f"{c}Omit")


def z(*path: str) -> Expression:
    return b.member(b.ref(refs.Z), *path)


def zcall(name: str, *args: Expression) -> Expression:
    return b.call(z(name), *args)


def chain(expr: Expression, method: str, *args: Expression) -> Expression:
    return b.call(b.member(expr, method), *args)


def value_schema(plan: ProjectPlan, field: FieldPlan) -> Expression:
    """The Zod schema of one JSON body value of this field's type (no null, not optional)."""
    scalar = field.scalar
    expr: Expression
    if scalar is Scalar.STRING and is_uuid_column(field.field):
        expr = b.ref(refs.UUID_VALUE)
    elif scalar is Scalar.STRING:
        expr = zcall("string")
        if field.max_length is not None:
            expr = chain(expr, "max", b.num(field.max_length))
    elif scalar is Scalar.BOOLEAN:
        expr = zcall("boolean")
    elif scalar is Scalar.INT:
        expr = zcall("int32")
        if field.int_range is not None:
            low, high = field.int_range
            expr = chain(chain(expr, "min", b.num(low)), "max", b.num(high))
    elif scalar is Scalar.FLOAT:
        expr = b.ref(refs.FLOAT_INPUT)
    elif scalar is Scalar.BIGINT:
        expr = b.ref(refs.BIGINT_INPUT)
    elif scalar is Scalar.DECIMAL:
        expr = b.ref(refs.DECIMAL_INPUT)
        if field.decimal_digits is not None:
            precision, scale = field.decimal_digits
            expr = b.call(b.ref(refs.DECIMAL_WITHIN), b.num(precision), b.num(scale))
    elif scalar is Scalar.DATETIME:
        expr = b.ref(refs.DATE_TIME_INPUT)
    elif scalar is Scalar.JSON:
        expr = b.ref(refs.JSON_INPUT)
    elif scalar is Scalar.BYTES:
        expr = b.ref(refs.BYTES_INPUT)
    else:
        assert field.enum_name is not None
        expr = zcall("enum", b.ref(refs.prisma_enum(field.enum_name)))
    if field.is_list:
        expr = zcall("array", expr)
    return expr


def _nullable(plan: ProjectPlan, field: FieldPlan, expr: Expression) -> Expression:
    """Allow null for an optional field; Json stores null as the database NULL."""
    if not field.is_optional:
        return expr
    if field.scalar is Scalar.JSON:
        return chain(chain(expr, "nullable"), "transform", b.ref(refs.JSON_DB_NULL))
    return chain(expr, "nullable")


def _read_only(field: FieldPlan) -> Expression:
    return b.call(b.ref(refs.READ_ONLY), b.str_(field.name))


def create_member(plan: ProjectPlan, field: FieldPlan) -> Expression | None:
    if not field.readable and field.create is Presence.FORBIDDEN:
        return None  # hidden and server-managed: not even named
    if field.create is Presence.FORBIDDEN:
        return _read_only(field)
    expr = _nullable(plan, field, value_schema(plan, field))
    if field.create is Presence.OPTIONAL:
        expr = chain(expr, "optional")
    return expr


def update_member(plan: ProjectPlan, field: FieldPlan) -> Expression | None:
    if not field.updatable:
        if not field.readable:
            return None
        return _read_only(field)
    return chain(_nullable(plan, field, value_schema(plan, field)), "optional")


def _ids_member(relation: RelationPlan) -> Expression | None:
    target_id = relation.target_id
    if target_id is None:
        return None
    element = value_schema_for_id(target_id)
    return chain(zcall("array", element), "optional")


def value_schema_for_id(field: FieldPlan) -> Expression:
    """A key value inside a JSON body (``tagIds: [1, 2]``)."""
    if field.scalar is Scalar.INT:
        return zcall("int32")
    if field.scalar is Scalar.BIGINT:
        return b.ref(refs.BIGINT_INPUT)
    return chain(zcall("string"), "min", b.num(1))


def id_param_schema(field: FieldPlan) -> Expression:
    """A key value in a URL path segment (always text, coerced)."""
    if field.scalar is Scalar.INT:
        return b.ref(refs.INT_ID_PARAM)
    if field.scalar is Scalar.BIGINT:
        return b.ref(refs.BIGINT_VALUE)
    if field.scalar is Scalar.ENUM and field.enum_name is not None:
        return zcall("enum", b.ref(refs.prisma_enum(field.enum_name)))
    if field.scalar is Scalar.STRING and is_uuid_column(field.field):
        return b.ref(refs.UUID_VALUE)
    if field.scalar is Scalar.FLOAT:
        return chain(z("coerce"), "number")
    if field.scalar is Scalar.BOOLEAN:
        return zcall("stringbool")
    if field.scalar in (Scalar.DATETIME, Scalar.DECIMAL):
        return b.ref(
            refs.DATE_TIME_INPUT if field.scalar is Scalar.DATETIME else refs.DECIMAL_INPUT
        )
    return chain(zcall("string"), "min", b.num(1))


def filter_schema(field: FieldPlan) -> Expression:
    required, nullable = (
        UUID_FILTERS
        if field.scalar is Scalar.STRING and is_uuid_column(field.field)
        else FILTER_FACTORY[field.scalar]
    )
    factory = nullable if field.is_optional else required
    args: tuple[Expression, ...] = ()
    if field.scalar is Scalar.ENUM:
        assert field.enum_name is not None
        args = (b.ref(refs.prisma_enum(field.enum_name)),)
    return chain(b.call(b.ref(factory), *args), "optional")


def _strict(members: list[tuple[str, Expression]], *, multiline: bool = True) -> Expression:
    return zcall("strictObject", b.obj(*(b.prop(k, v) for k, v in members), multiline=multiline))


def _infer(name: str, schema_name: str) -> Statement:
    inferred: TypeNode = b.t_sym(refs.Z, b.t_typeof(b.ident(schema_name)), member=("infer",))
    return b.type_alias(name, inferred, export=True)


def enum_sort_order(plan: ProjectPlan, enum_name: str) -> list[str]:
    """An enum's values in the order the database sorts them: PostgreSQL by declaration,
    SQLite (stored as text) by the stored names, byte-wise."""
    values = plan.schema.enum(enum_name).values
    if plan.provider == "sqlite":
        values = tuple(sorted(values, key=lambda v: v.db_name or v.name))
    return [v.name for v in values]


def _sort_entry(plan: ProjectPlan, field: FieldPlan) -> ObjectMember:
    """``title: { kind: "string", nullable: false }``; enums add their values in sort order,
    since keyset pagination cannot compare them with lt/gt."""
    members = [
        b.prop("kind", b.str_(SORT_KIND[field.scalar])),
        b.prop("nullable", b.true_ if field.is_optional else b.false_),
    ]
    if field.enum_name is not None:
        order = enum_sort_order(plan, field.enum_name)
        members.append(b.prop("values", b.arr(*(b.str_(v) for v in order))))
    return b.prop(field.name, b.obj(*members))


def _include_member(plan: ProjectPlan, model: ModelPlan, relation: RelationPlan) -> ObjectMember:
    """``author: names.includes("author")``, or with the target's hidden fields omitted:
    ``author: names.includes("author") ? { omit: userOmit } : false``."""
    wanted = b.call(b.member(b.ident("names"), "includes"), b.str_(relation.name))
    target = plan.model(relation.target)
    if not target.hidden_fields:
        return b.prop(relation.name, wanted)
    target_omit: Expression = b.ref(ModelSchemas(target).omit)
    if target is model:
        target_omit = b.ident(ModelSchemas(model).omit.name)
    return b.prop(relation.name, b.cond(wanted, b.obj(b.prop("omit", target_omit)), b.false_))


def emit(plan: ProjectPlan, model: ModelPlan) -> SourceFile:
    names = ModelSchemas(model)
    c = model.names.camel
    statements: list[Statement] = []

    sort_table = b.obj(*(_sort_entry(plan, f) for f in model.sort_fields), multiline=True)
    statements.append(
        b.const(
            names.sort_fields.name,
            b.satisfies(b.as_const(sort_table), b.t_sym(refs.SORT_FIELDS)),
            export=True,
            doc="Fields a list can be sorted on, with what the keyset cursor needs to know about them.",
        )
    )
    statements.append(
        b.const(
            names.primary_key.name,
            b.as_const(b.arr(*(b.str_(f.name) for f in model.id.fields))),
            export=True,
        )
    )

    create_members: list[tuple[str, Expression]] = []
    update_members: list[tuple[str, Expression]] = []
    for field in model.fields:
        created = create_member(plan, field)
        if created is not None:
            create_members.append((field.name, created))
        updated = update_member(plan, field)
        if updated is not None:
            update_members.append((field.name, updated))
    for relation in model.many_to_many:
        ids = _ids_member(relation)
        if ids is not None and relation.ids_field is not None:
            create_members.append((relation.ids_field, ids))
            update_members.append((relation.ids_field, ids))
    statements.append(
        b.const(
            names.create_body.name, _strict(create_members), export=True, blank_line_before=True
        )
    )
    statements.append(_infer(names.create_body_type.name, names.create_body.name))
    statements.append(
        b.const(
            names.update_body.name, _strict(update_members), export=True, blank_line_before=True
        )
    )
    statements.append(_infer(names.update_body_type.name, names.update_body.name))

    id_members = [(f.name, id_param_schema(f)) for f in model.id.fields]
    statements.append(
        b.const(names.id_params.name, _strict(id_members, multiline=False), export=True)
    )
    statements.append(_infer(names.id_params_type.name, names.id_params.name))

    if model.hidden_fields:
        omitted = b.obj(*(b.prop(f.name, b.true_) for f in model.hidden_fields))
        statements.append(
            b.const(
                names.omit.name,
                b.as_const(omitted),
                export=True,
                doc="Hidden fields: left out of every read, included records too.",
            )
        )

    include_name = f"{c}Include"
    relation_names = [r.name for r in model.relations]
    if relation_names:
        mapping = b.arrow(
            [b.param("names")],
            b.obj(*(_include_member(plan, model, r) for r in model.relations)),
        )
        include = chain(
            b.call(
                b.ref(refs.INCLUDE_PARAM),
                b.arr(*(b.str_(r) for r in relation_names)),
            ),
            "transform",
            mapping,
        )
        statements.append(b.const(include_name, include))

    list_members: list[tuple[str, Expression]] = [
        (f.name, filter_schema(f)) for f in model.filter_fields
    ]
    sort_names = [f.name for f in model.sort_fields]
    list_members.append(
        (
            "sort",
            chain(
                b.call(b.ref(refs.SORT_PARAM), b.arr(*(b.str_(n) for n in sort_names))),
                "optional",
            ),
        )
    )
    list_members.append(
        (
            "take",
            b.call(
                b.ref(refs.TAKE_PARAM),
                b.num(model.max_page_size),
                b.num(model.default_page_size),
            ),
        )
    )
    list_members.append(("skip", b.ref(refs.SKIP_PARAM)))
    list_members.append(("cursor", chain(b.ref(refs.CURSOR_PARAM), "optional")))
    if relation_names:
        list_members.append(("include", chain(b.ident(include_name), "optional")))
    statements.append(b.const(names.list_query.name, _strict(list_members), export=True))
    statements.append(_infer(names.list_query_type.name, names.list_query.name))

    pick = b.obj(*(b.prop(f.name, b.true_) for f in model.filter_fields), multiline=True)
    statements.append(
        b.const(
            names.count_query.name,
            chain(b.ident(names.list_query.name), "pick", pick),
            export=True,
            doc="`/count` takes the same filters as the list, nothing else.",
        )
    )
    statements.append(_infer(names.count_query_type.name, names.count_query.name))

    get_members: list[tuple[str, Expression]] = []
    if relation_names:
        get_members.append(("include", chain(b.ident(include_name), "optional")))
    statements.append(
        b.const(names.get_query.name, _strict(get_members, multiline=False), export=True)
    )
    statements.append(_infer(names.get_query_type.name, names.get_query.name))

    return SourceFile(
        path=module_path(model) + ".ts",
        statements=tuple(statements),
        header=(
            f"@generated by ssot-codegen from model {model.names.model}. "
            "Request validation: bodies, path, query."
        ),
    )
