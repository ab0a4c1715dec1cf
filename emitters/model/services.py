"""``src/gen/<model>/<model>.service.ts``: database access for one model through Prisma.

List (with its total count in one transaction, keyset cursor), count, get, create, update,
remove. Implicit many-to-many relations are written with ``connect`` on create and ``set``
on update, from the ``<relation>Ids`` body field.
"""

from __future__ import annotations

from ssot_ast.ts import (
    TYPE,
    VALUE,
    BindingElement,
    Expression,
    Identifier,
    ModuleRef,
    ObjectLiteralExpression,
    ObjectMember,
    Parameter,
    SourceFile,
    Statement,
    Symbol,
    TypeNode,
)
from ssot_ast.ts import build as b

from emitters import contract as refs
from emitters.model.validators import ModelSchemas
from emitters.plan.analysis import ModelPlan, ProjectPlan, RelationPlan

# src/gen/auth/*: only referenced when the schema has a user model.
AUTH_ACCESS = ModuleRef.file("src/gen/auth/access")
SCOPE = Symbol(name="Scope", module=AUTH_ACCESS, kind=TYPE)
UNUSABLE_PASSWORD = Symbol(
    name="UNUSABLE_PASSWORD", module=ModuleRef.file("src/gen/auth/crypto"), kind=VALUE
)


def module_path(model: ModelPlan) -> str:
    return f"src/gen/{model.names.file}/{model.names.file}.service"


def service_symbols(model: ModelPlan) -> tuple[Symbol, Symbol]:
    """(``createNoteService`` factory, ``NoteService`` type)."""
    module = ModuleRef.file(module_path(model))
    return (
        Symbol(name=f"create{model.names.model}Service", module=module, kind=VALUE),
        Symbol(name=f"{model.names.model}Service", module=module, kind=TYPE),
    )


def _prisma_type(name: str) -> TypeNode:
    return b.t_sym(refs.PRISMA, member=(name,))


def record_type(model: ModelPlan) -> TypeNode:
    """What a read returns: the Prisma record, less its hidden fields."""
    record = b.t_sym(refs.prisma_model_type(model.names.model))
    hidden = model.hidden_fields
    if not hidden:
        return record
    names = [b.t_lit(f.name) for f in hidden]
    return b.t_ref("Omit", record, names[0] if len(names) == 1 else b.t_union(*names))


def _omit(model: ModelPlan) -> list[ObjectMember]:
    """``omit: userOmit`` when the model has hidden fields."""
    if not model.hidden_fields:
        return []
    return [b.prop("omit", b.ref(ModelSchemas(model).omit))]


def _delegate(model: ModelPlan) -> Expression:
    return b.member(b.ident("prisma"), model.names.camel)


def _include_spread(query: Expression) -> ObjectMember:
    """``...(query.include ? { include: query.include } : {})``."""
    include = b.member(query, "include")
    return b.spread_prop(b.cond(include, b.obj(b.prop("include", include)), b.obj()))


def _where_function(model: ModelPlan, schemas: ModelSchemas, name: str) -> Statement:
    fields = model.filter_fields
    param_name = "query" if fields else "_query"
    body = b.obj(
        *(b.prop(f.name, b.member(b.ident("query"), f.name)) for f in fields), multiline=True
    )
    return b.function(
        name,
        [b.param(param_name, b.t_sym(schemas.count_query_type))],
        b.block(b.return_(body)),
        return_type=_prisma_type(f"{model.names.model}WhereInput"),
    )


def _key_where(model: ModelPlan) -> Expression:
    """The ``where`` of a single-record call, from the parsed path parameters ``key``."""
    if model.id.compound_name is not None:
        return b.obj(b.prop(model.id.compound_name, b.ident("key")))
    return b.ident("key")


def scoped(model: ModelPlan, action: str) -> bool:
    """Whether the service method of `action` takes the caller's `scope` (ownership)."""
    return model.access is not None and model.access.scoped(action)


def _owned_by_name(model: ModelPlan) -> str:
    return f"{model.names.camel}OwnedBy"


def _owned_by_function(plan: ProjectPlan, model: ModelPlan) -> Statement:
    """``postOwnedBy(scope)``: ``{}`` for every record, ``{ authorId }`` for one user's."""
    assert model.access is not None and model.access.owner is not None and plan.auth is not None
    owner = model.access.owner
    scope = b.ident("scope")
    return b.function(
        _owned_by_name(model),
        [b.param("scope", b.t_sym(SCOPE))],
        b.block(
            b.return_(
                b.cond(
                    b.member(scope, "all"),
                    b.obj(),
                    b.obj(b.prop(owner, b.member(scope, "ownerId"))),
                )
            )
        ),
        return_type=b.t_obj(b.prop_sig(owner, b.t_ref(plan.auth.id_type), optional=True)),
        doc="The records a scope reaches: all of them, or those the signed-in user owns.",
    )


def _owned(model: ModelPlan, where: Expression) -> Expression:
    """``{ AND: [where, postOwnedBy(scope)] }``."""
    return b.obj(
        b.prop("AND", b.arr(where, b.call(b.ident(_owned_by_name(model)), b.ident("scope"))))
    )


def _unique_owned(model: ModelPlan) -> Expression:
    """``{ ...key, AND: [postOwnedBy(scope)] }``: still a unique where, narrowed to the owner.
    The owner condition sits under ``AND`` so it can never replace a key field (on the user
    model the owner field *is* the id)."""
    key = _key_where(model)
    parts = key.properties if isinstance(key, ObjectLiteralExpression) else (b.spread_prop(key),)
    owned = b.call(b.ident(_owned_by_name(model)), b.ident("scope"))
    return b.obj(*parts, b.prop("AND", b.arr(owned)))


def _scope_param() -> Parameter:
    return b.param("scope", b.t_sym(SCOPE))


def _key_text(model: ModelPlan) -> Expression:
    parts: list[str | Expression] = [f"{model.names.model} "]
    for index, field in enumerate(model.id.fields):
        if index:
            parts.append("/")
        parts.append(b.member(b.ident("key"), field.name))
    parts.append(" not found")
    return b.template(*parts)


def _relation_writes(relations: tuple[RelationPlan, ...], operation: str) -> list[ObjectMember]:
    """``...(tagIds === undefined ? {} : { tags: { connect: tagIds.map((id) => ({ id })) } })``."""
    spreads: list[ObjectMember] = []
    for relation in relations:
        if relation.ids_field is None or relation.target_id is None:
            continue
        ids = b.ident(relation.ids_field)
        key = relation.target_id.name
        element = b.obj(b.shorthand("id") if key == "id" else b.prop(key, b.ident("id")))
        mapped = b.call(b.member(ids, "map"), b.arrow([b.param("id")], element))
        write = b.obj(b.prop(relation.name, b.obj(b.prop(operation, mapped))))
        spreads.append(b.spread_prop(b.cond(b.binary(ids, "===", b.undefined), b.obj(), write)))
    return spreads


def _write_method(
    plan: ProjectPlan,
    model: ModelPlan,
    name: str,
    body_type: Symbol,
    operation: str,
    *,
    with_key: bool,
) -> ObjectMember:
    relations = model.many_to_many
    params: list[Parameter] = []
    if with_key:
        params.append(b.param("key", b.t_sym(ModelSchemas(model).id_params_type)))
    record = record_type(model)
    statements: list[Statement] = []
    # Server-set values: the owner from the token, an unusable password for a user created
    # outside /auth/register.
    server_set: list[ObjectMember] = []
    owner = model.owner_field
    if not with_key and owner is not None and plan.auth is not None:
        server_set.append(b.prop(owner.name, b.ident("ownerId")))
    if not with_key and model.is_auth_user and plan.auth is not None:
        server_set.append(b.prop(plan.auth.password, b.ref(UNUSABLE_PASSWORD)))
    if relations and all(r.ids_field for r in relations):
        params.append(b.param("body", b.t_sym(body_type)))
        pattern = b.destructure(
            *(r.ids_field for r in relations if r.ids_field is not None),
            BindingElement(name="data", rest=True),
        )
        statements.append(b.const(pattern, b.ident("body")))
        data: Expression = b.obj(
            b.spread_prop(b.ident("data")), *server_set, *_relation_writes(relations, operation)
        )
    else:
        params.append(b.param("data", b.t_sym(body_type)))
        data = b.obj(b.spread_prop(b.ident("data")), *server_set) if server_set else b.ident("data")
    if not with_key and owner is not None and plan.auth is not None:
        params.append(b.param("ownerId", b.t_ref(plan.auth.id_type)))
    if with_key and scoped(model, "update"):
        params.append(_scope_param())
    call_props: list[ObjectMember] = []
    if with_key:
        call_props.append(
            b.prop("where", _unique_owned(model) if scoped(model, "update") else _key_where(model))
        )
    call_props.append(
        b.prop("data", data) if not isinstance(data, Identifier) else b.shorthand("data")
    )
    call_props.extend(_omit(model))
    statements.append(
        b.return_(
            b.call(
                b.member(_delegate(model), "update" if with_key else "create"), b.obj(*call_props)
            )
        )
    )
    return b.method(
        name,
        params,
        b.block(*statements),
        async_=True,
        return_type=b.t_ref("Promise", record),
    )


def emit(plan: ProjectPlan, model: ModelPlan) -> SourceFile:
    schemas = ModelSchemas(model)
    factory, service_type = service_symbols(model)
    where_name = f"{model.names.camel}Where"
    record = record_type(model)
    query = b.ident("query")
    delegate = _delegate(model)

    order = b.call(
        b.ref(refs.TOTAL_ORDER),
        b.member(query, "sort"),
        b.ref(schemas.primary_key),
    )
    after = b.cond(
        b.binary(b.member(query, "cursor"), "===", b.undefined),
        b.undefined,
        b.as_(
            b.call(
                b.ref(refs.KEYSET_WHERE),
                b.ident("order"),
                b.call(
                    b.ref(refs.DECODE_CURSOR),
                    b.member(query, "cursor"),
                    b.ident("order"),
                    b.ref(schemas.sort_fields),
                ),
                b.ref(schemas.sort_fields),
            ),
            _prisma_type(f"{model.names.model}WhereInput"),
        ),
    )
    find_many = b.call(
        b.member(delegate, "findMany"),
        b.obj(
            b.prop(
                "where",
                b.cond(
                    b.ident("after"),
                    b.obj(b.prop("AND", b.arr(b.ident("where"), b.ident("after")))),
                    b.ident("where"),
                ),
            ),
            b.prop(
                "orderBy",
                b.as_(
                    b.call(
                        b.ref(refs.ORDER_BY_OF),
                        b.ident("order"),
                        b.ref(schemas.sort_fields),
                    ),
                    b.t_array(_prisma_type(f"{model.names.model}OrderByWithRelationInput")),
                ),
            ),
            b.prop("take", b.binary(b.member(query, "take"), "+", b.num(1))),
            b.prop("skip", b.member(query, "skip")),
            *_omit(model),
            *([_include_spread(query)] if model.relations else []),
        ),
    )
    count_call = b.call(b.member(delegate, "count"), b.obj(b.shorthand("where")))
    filtered: Expression = b.call(b.ident(where_name), query)
    list_method = b.method(
        "list",
        [
            b.param("query", b.t_sym(schemas.list_query_type)),
            *([_scope_param()] if scoped(model, "list") else []),
        ],
        b.block(
            b.const("where", _owned(model, filtered) if scoped(model, "list") else filtered),
            b.const("order", order),
            b.const("after", after),
            b.line_comment("One extra row tells whether there is a next page."),
            b.const(
                b.destructure_array("rows", "total"),
                b.await_(
                    b.call(
                        b.member(b.ident("prisma"), "$transaction"), b.arr(find_many, count_call)
                    )
                ),
            ),
            b.const(
                "data",
                b.call(b.member(b.ident("rows"), "slice"), b.num(0), b.member(query, "take")),
            ),
            b.const("last", b.call(b.member(b.ident("data"), "at"), b.num(-1))),
            b.return_(
                b.obj(
                    b.shorthand("data"),
                    b.prop(
                        "meta",
                        b.obj(
                            b.shorthand("total"),
                            b.prop("take", b.member(query, "take")),
                            b.prop("skip", b.member(query, "skip")),
                            b.prop(
                                "nextCursor",
                                b.cond(
                                    b.binary(
                                        b.binary(
                                            b.member(b.ident("rows"), "length"),
                                            ">",
                                            b.member(query, "take"),
                                        ),
                                        "&&",
                                        b.ident("last"),
                                    ),
                                    b.call(
                                        b.ref(refs.ENCODE_CURSOR),
                                        b.ident("order"),
                                        b.ident("last"),
                                    ),
                                    b.null,
                                ),
                            ),
                        ),
                    ),
                )
            ),
        ),
        async_=True,
        return_type=b.t_ref("Promise", b.t_sym(refs.PAGE, record)),
    )
    count_method = b.method(
        "count",
        [
            b.param("query", b.t_sym(schemas.count_query_type)),
            *([_scope_param()] if scoped(model, "list") else []),
        ],
        b.block(
            b.return_(
                b.call(
                    b.member(delegate, "count"),
                    b.obj(
                        b.prop(
                            "where",
                            _owned(model, filtered) if scoped(model, "list") else filtered,
                        )
                    ),
                )
            )
        ),
        async_=True,
        return_type=b.t_ref("Promise", b.t_number),
    )
    found = b.ident(model.names.camel + "Record")
    get_scoped = scoped(model, "read")
    get_method = b.method(
        "get",
        [
            b.param("key", b.t_sym(schemas.id_params_type)),
            # without relations the query has nothing the read uses (no include)
            b.param("query" if model.relations else "_query", b.t_sym(schemas.get_query_type)),
            *([_scope_param()] if get_scoped else []),
        ],
        b.block(
            b.const(
                found.name,
                b.await_(
                    b.call(
                        b.member(delegate, "findFirst" if get_scoped else "findUnique"),
                        b.obj(
                            b.prop(
                                "where",
                                _owned(model, b.ident("key")) if get_scoped else _key_where(model),
                            ),
                            *_omit(model),
                            *([_include_spread(query)] if model.relations else []),
                        ),
                    )
                ),
            ),
            b.if_(
                b.binary(found, "===", b.null),
                [b.throw(b.call(b.ref(refs.NOT_FOUND), _key_text(model)))],
            ),
            b.return_(found),
        ),
        async_=True,
        return_type=b.t_ref("Promise", record),
    )
    create_method = _write_method(
        plan, model, "create", schemas.create_body_type, "connect", with_key=False
    )
    update_method = _write_method(
        plan, model, "update", schemas.update_body_type, "set", with_key=True
    )
    remove_scoped = scoped(model, "delete")
    remove_method = b.method(
        "remove",
        [
            b.param("key", b.t_sym(schemas.id_params_type)),
            *([_scope_param()] if remove_scoped else []),
        ],
        b.block(
            b.expr_stmt(
                b.await_(
                    b.call(
                        b.member(delegate, "delete"),
                        b.obj(
                            b.prop(
                                "where",
                                _unique_owned(model) if remove_scoped else _key_where(model),
                            )
                        ),
                    )
                )
            )
        ),
        async_=True,
        return_type=b.t_ref("Promise", b.t_void),
    )
    service_object = b.obj(
        list_method,
        count_method,
        get_method,
        *([create_method] if model.serves("create") else []),
        *([update_method] if model.serves("update") else []),
        *([remove_method] if model.serves("delete") else []),
        multiline=True,
    )
    owned_by: list[Statement] = []
    if any(scoped(model, action) for action in ("read", "list", "update", "delete")):
        owned_by.append(_owned_by_function(plan, model))
    statements: list[Statement] = [
        _where_function(model, schemas, where_name),
        *owned_by,
        b.type_alias(
            service_type.name,
            b.t_ref("ReturnType", b.t_typeof(b.ident(factory.name))),
            export=True,
        ),
        b.function(
            factory.name,
            [b.param("prisma", b.t_sym(refs.PRISMA_CLIENT))],
            b.block(b.return_(service_object)),
            export=True,
        ),
    ]
    return SourceFile(
        path=module_path(model) + ".ts",
        statements=tuple(statements),
        header=f"@generated by ssot-codegen from model {model.names.model}. Database access through Prisma.",
    )
