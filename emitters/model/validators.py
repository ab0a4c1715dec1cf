"""``src/gen/<model>/<model>.schemas.ts``: the Zod 4 schemas of one model.

Bodies (create, update), path parameters, list/count/get queries, the sort-field table the
keyset cursor needs, and the primary key. Request and response types are inferred from
these schemas (``z.infer``), so there is one source for every contract.

Each declaration (a schema constant with its inferred type) has its own builder; ``emit``
concatenates them in ``DECLARATIONS`` order. Zod calls are written ``b.method_call(ZOD, ...)``.
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
from emitters.plan.access import include_rule, public_view
from emitters.model.field_values import ZOD, value_schema
from emitters.plan.fields import is_uuid_column
from emitters.plan.plans import FieldPlan, ModelPlan, Presence, ProjectPlan, RelationPlan, Scalar

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
KEY_FILTERS = (refs.KEY_FILTER, refs.NULLABLE_KEY_FILTER)
"""String ids, unique and foreign keys: an empty operand is a 400, never a lookup."""


def is_key_text(field: FieldPlan) -> bool:
    """A String key that is not a database uuid: its values are never empty."""
    return (
        field.scalar is Scalar.STRING
        and not is_uuid_column(field.field)
        and (field.is_id or field.is_unique or field.is_foreign_key)
    )


def module_path(model: ModelPlan) -> str:
    """The file of the schemas, without extension."""
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
        self.public = value(f"{c}Public")
        self.view = value(f"{c}View")


def _nullable(plan: ProjectPlan, field: FieldPlan, expr: Expression) -> Expression:
    """Allow null for an optional field; Json stores null as the database NULL."""
    if not field.is_optional:
        return expr
    if field.scalar is Scalar.JSON:
        return b.method_call(b.method_call(expr, "nullable"), "transform", b.ref(refs.JSON_DB_NULL))
    return b.method_call(expr, "nullable")


def _read_only(field: FieldPlan) -> Expression:
    """``readOnly("name")``: refuses the field by name."""
    return b.call(b.ref(refs.READ_ONLY), b.str_(field.name))


def create_member(plan: ProjectPlan, field: FieldPlan) -> Expression | None:
    """The field in the create body: None when it is not even named (hidden and server-managed)."""
    if not field.readable and field.create is Presence.FORBIDDEN:
        return None  # hidden and server-managed: not even named
    if field.create is Presence.FORBIDDEN:
        return _read_only(field)
    expr = _nullable(plan, field, value_schema(plan, field))
    if field.create is Presence.OPTIONAL:
        expr = b.method_call(expr, "optional")
    return expr


def update_member(plan: ProjectPlan, field: FieldPlan) -> Expression | None:
    """The field in the update body, always optional: None when it is not even named."""
    if not field.updatable:
        if not field.readable:
            return None
        return _read_only(field)
    return b.method_call(_nullable(plan, field, value_schema(plan, field)), "optional")


def _ids_member(relation: RelationPlan) -> Expression | None:
    """``z.array(<key>).optional()`` for the ids of an implicit many-to-many relation."""
    target_id = relation.target_id
    if target_id is None:
        return None
    element = value_schema_for_id(target_id)
    return b.method_call(b.method_call(ZOD, "array", element), "optional")


def value_schema_for_id(field: FieldPlan) -> Expression:
    """A key value inside a JSON body (``tagIds: [1, 2]``)."""
    if field.scalar is Scalar.INT:
        return b.method_call(ZOD, "int32")
    if field.scalar is Scalar.BIGINT:
        return b.ref(refs.BIGINT_INPUT)
    return b.method_call(b.method_call(ZOD, "string"), "min", b.num(1))


def id_param_schema(field: FieldPlan) -> Expression:
    """A key value in a URL path segment (always text, coerced)."""
    if field.scalar is Scalar.INT:
        return b.ref(refs.INT_ID_PARAM)
    if field.scalar is Scalar.BIGINT:
        return b.ref(refs.BIGINT_VALUE)
    if field.scalar is Scalar.ENUM and field.enum_name is not None:
        return b.method_call(ZOD, "enum", b.ref(refs.prisma_enum(field.enum_name)))
    if field.scalar is Scalar.STRING and is_uuid_column(field.field):
        return b.ref(refs.UUID_VALUE)
    if field.scalar is Scalar.FLOAT:
        return b.method_call(b.member(ZOD, "coerce"), "number")
    if field.scalar is Scalar.BOOLEAN:
        return b.method_call(ZOD, "stringbool")
    if field.scalar in (Scalar.DATETIME, Scalar.DECIMAL):
        return b.ref(
            refs.DATE_TIME_INPUT if field.scalar is Scalar.DATETIME else refs.DECIMAL_INPUT
        )
    return b.method_call(b.method_call(ZOD, "string"), "min", b.num(1))


def filter_schema(field: FieldPlan) -> Expression:
    """The filter factory of the field's type (nullable for an optional field), optional."""
    required, nullable = FILTER_FACTORY[field.scalar]
    if field.scalar is Scalar.STRING and is_uuid_column(field.field):
        required, nullable = UUID_FILTERS
    elif is_key_text(field):
        required, nullable = KEY_FILTERS
    factory = nullable if field.is_optional else required
    args: tuple[Expression, ...] = ()
    if field.scalar is Scalar.ENUM:
        assert field.enum_name is not None
        args = (b.ref(refs.prisma_enum(field.enum_name)),)
    return b.method_call(b.call(b.ref(factory), *args), "optional")


def _strict(members: list[tuple[str, Expression]], *, multiline: bool = True) -> Expression:
    """``z.strictObject({ ... })`` of these members."""
    return b.method_call(
        ZOD, "strictObject", b.obj(*(b.prop(k, v) for k, v in members), multiline=multiline)
    )


def _infer(name: str, schema_name: str) -> Statement:
    """``export type Name = z.infer<typeof schema>;``."""
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
    wanted = b.method_call("names", "includes", b.str_(relation.name))
    target = plan.model(relation.target)
    if not target.hidden_fields:
        return b.prop(relation.name, wanted)
    if public_view(target) and include_rule(plan, target) is not None:
        view = b.ident(ModelSchemas(model).view.name) if target is model else None
        full = b.call(view or b.ref(ModelSchemas(target).view), b.true_)
        return b.prop(relation.name, b.cond(wanted, full, b.false_))
    target_omit: Expression = b.ref(ModelSchemas(target).omit)
    if target is model:
        target_omit = b.ident(ModelSchemas(model).omit.name)
    return b.prop(relation.name, b.cond(wanted, b.obj(b.prop("omit", target_omit)), b.false_))


# -- declarations -----------------------------------------------------------------------


def _include_name(model: ModelPlan) -> str:
    """``postInclude``: the parsed ``?include=`` schema."""
    return f"{model.names.camel}Include"


def _include_option(model: ModelPlan) -> list[tuple[str, Expression]]:
    """``include: postInclude.optional()`` when the model has relations."""
    if not model.relations:
        return []
    return [("include", b.method_call(_include_name(model), "optional"))]


def _schema_const(
    schema: Symbol,
    schema_type: Symbol | None,
    value: Expression,
    *,
    doc: str | None = None,
    blank_line_before: bool = False,
) -> list[Statement]:
    """``export const postX = value;`` and, for a request schema, its inferred type."""
    statements: list[Statement] = [
        b.const(schema.name, value, export=True, doc=doc, blank_line_before=blank_line_before)
    ]
    if schema_type is not None:
        statements.append(_infer(schema_type.name, schema.name))
    return statements


def _sort_fields(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``postSortFields``: the fields a list sorts on, as the keyset cursor sees them."""
    table = b.obj(*(_sort_entry(plan, f) for f in model.sort_fields), multiline=True)
    return _schema_const(
        ModelSchemas(model).sort_fields,
        None,
        b.satisfies(b.as_const(table), b.t_sym(refs.SORT_FIELDS)),
        doc="Fields a list can be sorted on, with what the keyset cursor needs to know about them.",
    )


def _primary_key(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``postPrimaryKey``: the key fields, the last sort key of every list."""
    key = b.as_const(b.arr(*(b.str_(f.name) for f in model.id.fields)))
    return _schema_const(ModelSchemas(model).primary_key, None, key)


def _ids_members(model: ModelPlan) -> list[tuple[str, Expression]]:
    """``tagIds: z.array(...).optional()`` per implicit many-to-many relation."""
    members: list[tuple[str, Expression]] = []
    for relation in model.many_to_many:
        ids = _ids_member(relation)
        if ids is not None and relation.ids_field is not None:
            members.append((relation.ids_field, ids))
    return members


def _create_body(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``postCreateBody``: what a create accepts (server-managed fields refused by name)."""
    members = [(f.name, m) for f in model.fields if (m := create_member(plan, f)) is not None]
    names = ModelSchemas(model)
    body = _strict(members + _ids_members(model))
    return _schema_const(names.create_body, names.create_body_type, body, blank_line_before=True)


def _update_body(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``postUpdateBody``: what a PATCH accepts, every field optional."""
    members = [(f.name, m) for f in model.fields if (m := update_member(plan, f)) is not None]
    names = ModelSchemas(model)
    body = _strict(members + _ids_members(model))
    return _schema_const(names.update_body, names.update_body_type, body, blank_line_before=True)


def _id_params(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``postIdParams``: the key fields of the path (``/:id``), coerced from text."""
    names = ModelSchemas(model)
    members = [(f.name, id_param_schema(f)) for f in model.id.fields]
    return _schema_const(names.id_params, names.id_params_type, _strict(members, multiline=False))


def _omit_const(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``userOmit``: the hidden fields, for Prisma's ``omit`` (none: no constant)."""
    if not model.hidden_fields:
        return []
    omitted = b.obj(*(b.prop(f.name, b.true_) for f in model.hidden_fields))
    return _schema_const(
        ModelSchemas(model).omit,
        None,
        b.as_const(omitted),
        doc="Hidden fields: left out of every read, included records too.",
    )


def _public_view(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``userPublic`` and ``userView(full)``: what an included record shows to callers who
    may not read every record (the key and the ``@public`` fields), when some are marked."""
    fields = public_view(model)
    if not fields or include_rule(plan, model) is None:
        return []
    names = ModelSchemas(model)
    public = b.as_const(b.obj(*(b.prop(name, b.true_) for name in fields)))
    narrow = b.obj(b.prop("select", b.ident(names.public.name)))
    narrow_type = b.t_obj(b.prop_sig("select", b.t_typeof(b.ident(names.public.name))))
    if model.hidden_fields:
        omit = b.ident(names.omit.name)
        full: Expression = b.obj(b.prop("omit", omit))
        returns: TypeNode = b.t_union(b.t_obj(b.prop_sig("omit", b.t_typeof(omit))), narrow_type)
    else:
        full = b.obj()
        returns = b.t_obj(
            b.prop_sig("select", b.t_typeof(b.ident(names.public.name)), optional=True)
        )
    view = b.function(
        names.view.name,
        [b.param("full", b.t_boolean)],
        [b.return_(b.cond(b.ident("full"), full, narrow))],
        export=True,
        return_type=returns,
        doc=(
            f"How an included {model.names.model} is read: in full, or only its public "
            "fields for callers who may not read every record."
        ),
    )
    return [
        *_schema_const(
            names.public,
            None,
            public,
            doc="The @public fields (and the key): all that other callers see of an include.",
        ),
        view,
    ]


def _include_const(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``postInclude``: ``?include=`` parsed into Prisma's ``include`` (no relations: none)."""
    if not model.relations:
        return []
    mapping = b.arrow(
        [b.param("names")], b.obj(*(_include_member(plan, model, r) for r in model.relations))
    )
    relation_names = b.arr(*(b.str_(r.name) for r in model.relations))
    parsed = b.call(b.ref(refs.INCLUDE_PARAM), relation_names)
    return [b.const(_include_name(model), b.method_call(parsed, "transform", mapping))]


def _list_query(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``postListQuery``: filters, sort, take, skip, cursor and include of a list."""
    names = ModelSchemas(model)
    sort_names = b.arr(*(b.str_(f.name) for f in model.sort_fields))
    page_size = (b.num(model.max_page_size), b.num(model.default_page_size))
    members: list[tuple[str, Expression]] = [
        *((f.name, filter_schema(f)) for f in model.filter_fields),
        ("sort", b.method_call(b.call(b.ref(refs.SORT_PARAM), sort_names), "optional")),
        ("take", b.call(b.ref(refs.TAKE_PARAM), *page_size)),
        ("skip", b.ref(refs.SKIP_PARAM)),
        ("cursor", b.method_call(b.ref(refs.CURSOR_PARAM), "optional")),
        *_include_option(model),
    ]
    return _schema_const(names.list_query, names.list_query_type, _strict(members))


def _count_query(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``postCountQuery``: the list's filters only."""
    names = ModelSchemas(model)
    pick = b.obj(*(b.prop(f.name, b.true_) for f in model.filter_fields), multiline=True)
    return _schema_const(
        names.count_query,
        names.count_query_type,
        b.method_call(names.list_query.name, "pick", pick),
        doc="`/count` takes the same filters as the list, nothing else.",
    )


def _get_query(plan: ProjectPlan, model: ModelPlan) -> list[Statement]:
    """``postGetQuery``: a read's ``include``, nothing else."""
    names = ModelSchemas(model)
    query = _strict(_include_option(model), multiline=False)
    return _schema_const(names.get_query, names.get_query_type, query)


DECLARATIONS = (
    _sort_fields,
    _primary_key,
    _create_body,
    _update_body,
    _id_params,
    _omit_const,
    _public_view,
    _include_const,
    _list_query,
    _count_query,
    _get_query,
)
"""The file's declarations in order; each builder returns its statements (maybe none)."""


def emit(plan: ProjectPlan, model: ModelPlan) -> SourceFile:
    """The schemas file: every declaration of ``DECLARATIONS``, in order."""
    statements = [statement for build in DECLARATIONS for statement in build(plan, model)]
    return SourceFile(
        path=module_path(model) + ".ts",
        statements=tuple(statements),
        header=(
            f"@generated by ssot-codegen from model {model.names.model}. "
            "Request validation: bodies, path, query."
        ),
    )
