"""``src/gen/<model>/<model>.service.ts``: database access for one model through Prisma.

List (with its total count in one transaction, keyset cursor), count, get, create, update,
remove. Implicit many-to-many relations are written with ``connect`` on create and ``set``
on update, from the ``<relation>Ids`` body field.

Each declaration of the file (the ``where`` and ``ownedBy`` helpers, the service type, the
factory) and each method of the service has its own builder below; ``emit`` assembles them.
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
from emitters.model.links import link_checks, links_param
from emitters.model.validators import ModelSchemas
from emitters.plan.plans import ModelPlan, ProjectPlan, RelationPlan

# src/gen/auth/*: only referenced when the schema has a user model.
AUTH_ACCESS = ModuleRef.file("src/gen/auth/access")
SCOPE = Symbol(name="Scope", module=AUTH_ACCESS, kind=TYPE)
UNUSABLE_PASSWORD = Symbol(
    name="UNUSABLE_PASSWORD", module=ModuleRef.file("src/gen/auth/crypto"), kind=VALUE
)

PRISMA = b.ident("prisma")
QUERY = b.ident("query")
KEY = b.ident("key")
SCOPE_ARG = b.ident("scope")
ORDER = b.ident("order")


def module_path(model: ModelPlan) -> str:
    """The file of the service, without extension."""
    return f"src/gen/{model.names.file}/{model.names.file}.service"


def service_symbols(model: ModelPlan) -> tuple[Symbol, Symbol]:
    """(``createNoteService`` factory, ``NoteService`` type)."""
    module = ModuleRef.file(module_path(model))
    return (
        Symbol(name=f"create{model.names.model}Service", module=module, kind=VALUE),
        Symbol(name=f"{model.names.model}Service", module=module, kind=TYPE),
    )


def _prisma_type(name: str) -> TypeNode:
    """``Prisma.<name>``."""
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


def _include(model: ModelPlan) -> list[ObjectMember]:
    """``...(query.include ? { include: query.include } : {})`` when the model has relations."""
    if not model.relations:
        return []
    include = b.member(QUERY, "include")
    return [b.spread_prop(b.cond(include, b.obj(b.prop("include", include)), b.obj()))]


def _delegate(model: ModelPlan) -> Expression:
    """``prisma.post``: the model's Prisma delegate."""
    return b.member(PRISMA, model.names.camel)


def _where_name(model: ModelPlan) -> str:
    """``postWhere``: the function turning the list's filters into a Prisma where."""
    return f"{model.names.camel}Where"


def _key_where(model: ModelPlan) -> Expression:
    """The ``where`` of a single-record call, from the parsed path parameters ``key``."""
    if model.id.compound_name is not None:
        return b.obj(b.prop(model.id.compound_name, KEY))
    return KEY


def scoped(model: ModelPlan, action: str) -> bool:
    """Whether the service method of `action` takes the caller's `scope` (ownership)."""
    return model.access is not None and model.access.scoped(action)


def _owned_by_name(model: ModelPlan) -> str:
    """``postOwnedBy``: the function narrowing a where to a scope's records."""
    return f"{model.names.camel}OwnedBy"


def _owned(model: ModelPlan, where: Expression) -> Expression:
    """``{ AND: [where, postOwnedBy(scope)] }``."""
    return b.obj(b.prop("AND", b.arr(where, b.call(_owned_by_name(model), SCOPE_ARG))))


def _unique_owned(model: ModelPlan) -> Expression:
    """``{ ...key, AND: [postOwnedBy(scope)] }``: still a unique where, narrowed to the owner.
    The owner condition sits under ``AND`` so it can never replace a key field (on the user
    model the owner field *is* the id)."""
    key = _key_where(model)
    parts = key.properties if isinstance(key, ObjectLiteralExpression) else (b.spread_prop(key),)
    owned = b.call(_owned_by_name(model), SCOPE_ARG)
    return b.obj(*parts, b.prop("AND", b.arr(owned)))


def _unique_where(model: ModelPlan, action: str) -> Expression:
    """The ``where`` of an update or delete: the key, narrowed to the owner when scoped."""
    return _unique_owned(model) if scoped(model, action) else _key_where(model)


def _filtered(model: ModelPlan) -> Expression:
    """``postWhere(query)``, narrowed to the caller's records when listing is scoped."""
    filtered = b.call(_where_name(model), QUERY)
    return _owned(model, filtered) if scoped(model, "list") else filtered


def _scope_params(model: ModelPlan, action: str) -> list[Parameter]:
    """``scope: Scope`` when the method of `action` is narrowed to the caller's records."""
    return [b.param("scope", b.t_sym(SCOPE))] if scoped(model, action) else []


def _key_text(model: ModelPlan) -> Expression:
    """`` `Post ${key.id} not found` `` (key fields joined by ``/``)."""
    parts: list[str | Expression] = [f"{model.names.model} "]
    for index, field in enumerate(model.id.fields):
        if index:
            parts.append("/")
        parts.append(b.member(KEY, field.name))
    parts.append(" not found")
    return b.template(*parts)


# -- top-level helpers ------------------------------------------------------------------


def _where_function(model: ModelPlan) -> Statement:
    """``function postWhere(query): Prisma.PostWhereInput``: the list's filters as a where."""
    schemas = ModelSchemas(model)
    fields = model.filter_fields
    body = b.obj(*(b.prop(f.name, b.member(QUERY, f.name)) for f in fields), multiline=True)
    return b.function(
        _where_name(model),
        [b.param("query" if fields else "_query", b.t_sym(schemas.count_query_type))],
        b.block(b.return_(body)),
        return_type=_prisma_type(f"{model.names.model}WhereInput"),
    )


def _owned_by_function(plan: ProjectPlan, model: ModelPlan) -> Statement:
    """``postOwnedBy(scope)``: ``{}`` for every record, ``{ authorId }`` for one user's."""
    assert model.access is not None and model.access.owner is not None and plan.auth is not None
    owner = model.access.owner
    return b.function(
        _owned_by_name(model),
        [b.param("scope", b.t_sym(SCOPE))],
        b.block(
            b.return_(
                b.cond(
                    b.member(SCOPE_ARG, "all"),
                    b.obj(),
                    b.obj(b.prop(owner, b.member(SCOPE_ARG, "ownerId"))),
                )
            )
        ),
        return_type=b.t_obj(b.prop_sig(owner, b.t_ref(plan.auth.id_type), optional=True)),
        doc="The records a scope reaches: all of them, or those the signed-in user owns.",
    )


def _service_type(model: ModelPlan) -> Statement:
    """``export type PostService = ReturnType<typeof createPostService>;``."""
    factory, service_type = service_symbols(model)
    return b.type_alias(
        service_type.name, b.t_ref("ReturnType", b.t_typeof(b.ident(factory.name))), export=True
    )


def _factory_function(plan: ProjectPlan, model: ModelPlan) -> Statement:
    """``export function createPostService(prisma) { return { list, count, ... }; }``: the
    methods of the actions the model serves."""
    factory, _ = service_symbols(model)
    methods = [builder(plan, model) for action, builder in METHODS if model.serves(action)]
    return b.function(
        factory.name,
        [b.param("prisma", b.t_sym(refs.PRISMA_CLIENT))],
        b.block(b.return_(b.obj(*methods, multiline=True))),
        export=True,
    )


# -- list -------------------------------------------------------------------------------


def _after_cursor(model: ModelPlan) -> Expression:
    """The keyset condition of ``query.cursor``: ``undefined`` on the first page."""
    sort_fields = b.ref(ModelSchemas(model).sort_fields)
    cursor = b.member(QUERY, "cursor")
    decoded = b.call(b.ref(refs.DECODE_CURSOR), cursor, ORDER, sort_fields)
    return b.cond(
        b.binary(cursor, "===", b.undefined),
        b.undefined,
        b.as_(
            b.call(b.ref(refs.KEYSET_WHERE), ORDER, decoded, sort_fields),
            _prisma_type(f"{model.names.model}WhereInput"),
        ),
    )


def _find_page(model: ModelPlan) -> Expression:
    """``prisma.post.findMany(...)``: the page's rows after the cursor, one more than asked."""
    where, after = b.ident("where"), b.ident("after")
    order_by = b.call(b.ref(refs.ORDER_BY_OF), ORDER, b.ref(ModelSchemas(model).sort_fields))
    order_by_type = _prisma_type(f"{model.names.model}OrderByWithRelationInput")
    return b.method_call(
        _delegate(model),
        "findMany",
        b.obj(
            b.prop("where", b.cond(after, b.obj(b.prop("AND", b.arr(where, after))), where)),
            b.prop("orderBy", b.as_(order_by, b.t_array(order_by_type))),
            b.prop("take", b.binary(b.member(QUERY, "take"), "+", b.num(1))),
            b.prop("skip", b.member(QUERY, "skip")),
            *_omit(model),
            *_include(model),
        ),
    )


def _page(model: ModelPlan) -> Expression:
    """``{ data, meta: { total, take, skip, nextCursor } }``."""
    take = b.member(QUERY, "take")
    more = b.binary(b.binary(b.member("rows", "length"), ">", take), "&&", b.ident("last"))
    next_cursor = b.cond(more, b.call(b.ref(refs.ENCODE_CURSOR), ORDER, b.ident("last")), b.null)
    meta = b.obj(
        b.shorthand("total"),
        b.prop("take", take),
        b.prop("skip", b.member(QUERY, "skip")),
        b.prop("nextCursor", next_cursor),
    )
    return b.obj(b.shorthand("data"), b.prop("meta", meta))


def _list_method(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``list(query, scope?)``: one page of records, with their total and the next cursor."""
    schemas = ModelSchemas(model)
    order = b.call(b.ref(refs.TOTAL_ORDER), b.member(QUERY, "sort"), b.ref(schemas.primary_key))
    count = b.method_call(_delegate(model), "count", b.obj(b.shorthand("where")))
    rows_and_total = b.await_(
        b.method_call(PRISMA, "$transaction", b.arr(_find_page(model), count))
    )
    return b.method(
        "list",
        [b.param("query", b.t_sym(schemas.list_query_type)), *_scope_params(model, "list")],
        b.block(
            b.const("where", _filtered(model)),
            b.const("order", order),
            b.const("after", _after_cursor(model)),
            b.line_comment("One extra row tells whether there is a next page."),
            b.const(b.destructure_array("rows", "total"), rows_and_total),
            b.const("data", b.method_call("rows", "slice", b.num(0), b.member(QUERY, "take"))),
            b.const("last", b.method_call("data", "at", b.num(-1))),
            b.return_(_page(model)),
        ),
        async_=True,
        return_type=b.t_ref("Promise", b.t_sym(refs.PAGE, record_type(model))),
    )


# -- count, get, remove -----------------------------------------------------------------


def _count_method(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``count(query, scope?)``: how many records the list's filters match."""
    count = b.method_call(_delegate(model), "count", b.obj(b.prop("where", _filtered(model))))
    return b.method(
        "count",
        [
            b.param("query", b.t_sym(ModelSchemas(model).count_query_type)),
            *_scope_params(model, "list"),
        ],
        b.block(b.return_(count)),
        async_=True,
        return_type=b.t_ref("Promise", b.t_number),
    )


def _get_method(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``get(key, query, scope?)``: one record (its includes too), or a 404."""
    schemas = ModelSchemas(model)
    found = b.ident(model.names.camel + "Record")
    owned = scoped(model, "read")
    where = _owned(model, KEY) if owned else _key_where(model)
    read = b.method_call(
        _delegate(model),
        "findFirst" if owned else "findUnique",
        b.obj(b.prop("where", where), *_omit(model), *_include(model)),
    )
    return b.method(
        "get",
        [
            b.param("key", b.t_sym(schemas.id_params_type)),
            # without relations the query has nothing the read uses (no include)
            b.param("query" if model.relations else "_query", b.t_sym(schemas.get_query_type)),
            *_scope_params(model, "read"),
        ],
        b.block(
            b.const(found.name, b.await_(read)),
            b.if_(
                b.binary(found, "===", b.null),
                [b.throw(b.call(b.ref(refs.NOT_FOUND), _key_text(model)))],
            ),
            b.return_(found),
        ),
        async_=True,
        return_type=b.t_ref("Promise", record_type(model)),
    )


def _remove_method(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``remove(key, scope?)``: delete one record."""
    delete = b.method_call(
        _delegate(model), "delete", b.obj(b.prop("where", _unique_where(model, "delete")))
    )
    return b.method(
        "remove",
        [
            b.param("key", b.t_sym(ModelSchemas(model).id_params_type)),
            *_scope_params(model, "delete"),
        ],
        b.block(b.expr_stmt(b.await_(delete))),
        async_=True,
        return_type=b.t_ref("Promise", b.t_void),
    )


# -- create, update ---------------------------------------------------------------------


def _relation_writes(relations: tuple[RelationPlan, ...], operation: str) -> list[ObjectMember]:
    """``...(tagIds === undefined ? {} : { tags: { connect: tagIds.map((id) => ({ id })) } })``."""
    spreads: list[ObjectMember] = []
    for relation in relations:
        if relation.ids_field is None or relation.target_id is None:
            continue
        ids = b.ident(relation.ids_field)
        key = relation.target_id.name
        element = b.obj(b.shorthand("id") if key == "id" else b.prop(key, b.ident("id")))
        mapped = b.method_call(ids, "map", b.arrow([b.param("id")], element))
        write = b.obj(b.prop(relation.name, b.obj(b.prop(operation, mapped))))
        spreads.append(b.spread_prop(b.cond(b.binary(ids, "===", b.undefined), b.obj(), write)))
    return spreads


def _server_set(plan: ProjectPlan, model: ModelPlan, *, with_key: bool) -> list[ObjectMember]:
    """Values the server sets on create: the owner from the token, and an unusable password
    for a user created outside /auth/register."""
    if with_key or plan.auth is None:
        return []
    server_set: list[ObjectMember] = []
    if model.owner_field is not None:
        server_set.append(b.prop(model.owner_field.name, b.ident("ownerId")))
    if model.is_auth_user:
        server_set.append(b.prop(plan.auth.password, b.ref(UNUSABLE_PASSWORD)))
    return server_set


def _write_method(
    plan: ProjectPlan,
    model: ModelPlan,
    name: str,
    body_type: Symbol,
    operation: str,
    *,
    with_key: bool,
) -> ObjectMember:
    """``create(data, ownerId?)`` or ``update(key, data, scope?)``: the body's relation ids
    become ``operation`` (connect, set) writes, the server adds what it sets."""
    relations = model.many_to_many
    params: list[Parameter] = []
    if with_key:
        params.append(b.param("key", b.t_sym(ModelSchemas(model).id_params_type)))
    statements: list[Statement] = []
    server_set = _server_set(plan, model, with_key=with_key)
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
    if not with_key and model.owner_field is not None and plan.auth is not None:
        params.append(b.param("ownerId", b.t_ref(plan.auth.id_type)))
    if with_key:
        params.extend(_scope_params(model, "update"))
    action = "update" if with_key else "create"
    params.extend(links_param(plan, model, action))
    statements.extend(link_checks(plan, model, action, _key_where(model)))
    call_props: list[ObjectMember] = []
    if with_key:
        call_props.append(b.prop("where", _unique_where(model, "update")))
    call_props.append(
        b.prop("data", data) if not isinstance(data, Identifier) else b.shorthand("data")
    )
    call_props.extend(_omit(model))
    write = b.method_call(_delegate(model), "update" if with_key else "create", b.obj(*call_props))
    statements.append(b.return_(write))
    return b.method(
        name,
        params,
        b.block(*statements),
        async_=True,
        return_type=b.t_ref("Promise", record_type(model)),
    )


def _create_method(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``create(data, ownerId?)``: relations connected from their ids."""
    body_type = ModelSchemas(model).create_body_type
    return _write_method(plan, model, "create", body_type, "connect", with_key=False)


def _update_method(plan: ProjectPlan, model: ModelPlan) -> ObjectMember:
    """``update(key, data, scope?)``: relations set from their ids."""
    body_type = ModelSchemas(model).update_body_type
    return _write_method(plan, model, "update", body_type, "set", with_key=True)


METHODS = (
    ("list", _list_method),
    ("list", _count_method),
    ("read", _get_method),
    ("create", _create_method),
    ("update", _update_method),
    ("delete", _remove_method),
)
"""The service's methods in order, each with the action it serves."""


def emit(plan: ProjectPlan, model: ModelPlan) -> SourceFile:
    """The service file: ``postWhere``, ``postOwnedBy`` when some action is scoped, the
    service type and its factory."""
    owned_by: list[Statement] = []
    if any(scoped(model, action) for action in ("read", "list", "update", "delete")):
        owned_by.append(_owned_by_function(plan, model))
    statements = [
        _where_function(model),
        *owned_by,
        _service_type(model),
        _factory_function(plan, model),
    ]
    return SourceFile(
        path=module_path(model) + ".ts",
        statements=tuple(statements),
        header=(
            f"@generated by ssot-codegen from model {model.names.model}. "
            "Database access through Prisma."
        ),
    )
