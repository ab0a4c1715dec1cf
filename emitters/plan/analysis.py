"""Per-model analysis, done once: names, field roles, id shape and relations.

Every emitter reads these plans instead of re-deriving rules from the schema, so the rules
of API.md live in exactly one place:

* create: a field is required exactly when it is required in the schema, has no
  ``@default``, is not ``@updatedAt`` and is not a list;
* server-managed (read-only to clients): an ``@id`` with a default, ``@updatedAt``, and any
  field annotated ``/// @readonly``;
* hidden (``/// @hidden``): never returned, never written by clients, never filtered or
  sorted on; ``/// @writeOnly``: written by clients but never returned;
* filters per type and operator, sorting on scalar fields, Json and Bytes neither;
* relations are written through their foreign-key scalars, implicit many-to-many relations
  through ``<relation>Ids``;
* security (only when a model has ``/// @auth.user``): the user model's password field is
  hidden, an ``@owner`` field is read-only (set from the access token), and every model gets
  an access rule per action (``@auth``, or: reads public, writes for signed-in users).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs

from ssot_ast.schema import (
    Annotation,
    DefaultKind,
    Diagnostic,
    Field,
    FieldKind,
    Identifier,
    Model,
    Schema,
)

from emitters.plan.naming import kebab, lower_first, pluralize, singularize

DEFAULT_PAGE_SIZE = 20
DEFAULT_MAX_PAGE_SIZE = 100

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


class Scalar(enum.Enum):
    """The value kinds a generated API handles, one per Prisma scalar plus enums."""

    STRING = "String"
    BOOLEAN = "Boolean"
    INT = "Int"
    BIGINT = "BigInt"
    FLOAT = "Float"
    DECIMAL = "Decimal"
    DATETIME = "DateTime"
    JSON = "Json"
    BYTES = "Bytes"
    ENUM = "enum"


class Presence(enum.Enum):
    """How a field appears in a create body."""

    REQUIRED = "required"
    OPTIONAL = "optional"
    FORBIDDEN = "forbidden"


ORDERED_OPS = ("equals", "not", "in", "notIn", "lt", "lte", "gt", "gte")
FILTER_OPS: dict[Scalar, tuple[str, ...]] = {
    Scalar.STRING: ("equals", "not", "in", "notIn", "contains", "startsWith", "endsWith"),
    Scalar.BOOLEAN: ("equals", "not"),
    Scalar.INT: ORDERED_OPS,
    Scalar.BIGINT: ORDERED_OPS,
    Scalar.FLOAT: ORDERED_OPS,
    Scalar.DECIMAL: ORDERED_OPS,
    Scalar.DATETIME: ORDERED_OPS,
    Scalar.ENUM: ("equals", "not", "in", "notIn"),
    Scalar.JSON: (),
    Scalar.BYTES: (),
}
TEXT_SEARCH_OPS = frozenset({"contains", "startsWith", "endsWith"})
CASE_INSENSITIVE_PROVIDERS = frozenset({"postgresql", "postgres", "cockroachdb", "mongodb"})


class AnalysisError(Exception):
    """A schema that parses but cannot be turned into a backend; names the element."""


@attrs.frozen(kw_only=True, slots=True)
class Names:
    """Every name derived from one model name."""

    model: str
    """``OrderItem``: the Prisma model and TypeScript type name."""
    camel: str
    """``orderItem``: Prisma delegate (``prisma.orderItem``) and variable stem."""
    plural: str
    """``OrderItems``."""
    plural_camel: str
    """``orderItems``."""
    route: str
    """``order-items``: the URL segment under ``/api``."""
    file: str
    """``order-item``: folder and file stem under ``src/gen``."""

    @classmethod
    def of(cls, model_name: str) -> Names:
        plural = pluralize(model_name)
        return cls(
            model=model_name,
            camel=lower_first(model_name),
            plural=plural,
            plural_camel=lower_first(plural),
            route=kebab(plural),
            file=kebab(model_name),
        )


@attrs.frozen(kw_only=True, slots=True)
class FieldPlan:
    """A scalar or enum column as the API sees it."""

    field: Field
    name: str
    scalar: Scalar
    enum_name: str | None
    is_list: bool
    is_optional: bool
    is_id: bool
    is_unique: bool
    has_default: bool
    is_updated_at: bool
    is_foreign_key: bool
    server_managed: bool
    create: Presence
    updatable: bool
    readable: bool
    filter_ops: tuple[str, ...]
    sortable: bool
    max_length: int | None
    decimal_digits: tuple[int, int] | None
    doc: str | None
    int_range: tuple[int, int] | None = None
    """The values an Int column of a narrower native type holds (``@db.SmallInt``,
    ``@db.UnsignedInt``...), within Int's 32 bits; None for a plain Int."""

    @property
    def writable(self) -> bool:
        return self.create is not Presence.FORBIDDEN or self.updatable


@attrs.frozen(kw_only=True, slots=True)
class IdPlan:
    fields: tuple[FieldPlan, ...]
    compound_name: str | None
    """Prisma's key for a compound id in ``where`` (``postId_userId``); None for a single id."""

    @property
    def is_compound(self) -> bool:
        return self.compound_name is not None


@attrs.frozen(kw_only=True, slots=True)
class RelationPlan:
    """A relation field of a model."""

    name: str
    target: str
    is_list: bool
    is_optional: bool
    foreign_keys: tuple[str, ...]
    """Scalars on this model that hold the key (empty when the other side holds it)."""
    implicit_many_to_many: bool
    ids_field: str | None
    """``tagIds`` for an implicit m-n relation ``tags``: how clients write it."""
    target_id: FieldPlan | None
    """The target's single id field, for implicit m-n writes."""


ACTIONS = ("read", "list", "create", "update", "delete")
"""The actions of a model's routes: get, list (and count), create, update (PATCH), delete."""

PUBLIC = "public"
SIGNED_IN = "user"
OWNER = "owner"


@attrs.frozen(kw_only=True, slots=True)
class AuthPlan:
    """The model users sign in as (``/// @auth.user``)."""

    model: str
    identifier: str
    password: str
    role: str | None
    role_enum: str | None
    roles: tuple[str, ...]
    admin_role: str | None
    """``ADMIN`` when the role enum has it: that role bypasses ownership."""
    id_field: str
    id_type: str
    """``number`` (Int id) or ``string`` (String id): the TypeScript type of a user id."""


@attrs.frozen(kw_only=True, slots=True)
class AccessPlan:
    """Who may do each action on a model; entries are "public", "user", "owner" or roles."""

    rules: tuple[tuple[str, tuple[str, ...]], ...]
    owner: str | None
    """The field holding the owning user's id (``@owner``; the id itself on the user model)."""

    def rule(self, action: str) -> tuple[str, ...]:
        return dict(self.rules)[action]

    def scoped(self, action: str) -> bool:
        """Whether the action may be limited to the caller's own records."""
        return self.owner is not None and OWNER in self.rule(action)


@attrs.frozen(kw_only=True, slots=True)
class RateLimitPlan:
    """``/// @rateLimit``: at most ``max`` requests per ``window_ms`` on each listed route."""

    max: int
    window_ms: int
    actions: tuple[str, ...]


@attrs.frozen(kw_only=True, slots=True)
class ModelPlan:
    model: Model
    names: Names
    fields: tuple[FieldPlan, ...]
    id: IdPlan
    relations: tuple[RelationPlan, ...]
    default_page_size: int
    max_page_size: int
    doc: str | None
    access: AccessPlan | None = None
    """None when the schema has no ``@auth.user``: every route is open."""
    rate_limit: RateLimitPlan | None = None
    is_auth_user: bool = False
    actions: tuple[str, ...] = ("read", "list", "create", "update", "delete")
    """The actions it has routes for: a view is read and listed only; a model with a
    required ``Unsupported`` column cannot be created through Prisma Client."""
    limited_because: str | None = None
    """Why some actions have no route, when some have none."""

    def serves(self, action: str) -> bool:
        return action in self.actions

    @property
    def unique_field_sets(self) -> tuple[tuple[str, ...], ...]:
        """The ``@@unique`` field sets made only of fields the API has (none ignored)."""
        names = {f.name for f in self.fields}
        return tuple(u for u in self.model.unique_fields if all(n in names for n in u))

    @property
    def owner_field(self) -> FieldPlan | None:
        """The ``@owner`` field set from the token on create (not on the user model)."""
        if self.access is None or self.access.owner is None or self.is_auth_user:
            return None
        return self.field(self.access.owner)

    def field(self, name: str) -> FieldPlan:
        for plan in self.fields:
            if plan.name == name:
                return plan
        raise KeyError(name)

    @property
    def readable_fields(self) -> tuple[FieldPlan, ...]:
        return tuple(f for f in self.fields if f.readable)

    @property
    def hidden_fields(self) -> tuple[FieldPlan, ...]:
        return tuple(f for f in self.fields if not f.readable)

    @property
    def create_fields(self) -> tuple[FieldPlan, ...]:
        return tuple(f for f in self.fields if f.create is not Presence.FORBIDDEN)

    @property
    def update_fields(self) -> tuple[FieldPlan, ...]:
        return tuple(f for f in self.fields if f.updatable)

    @property
    def filter_fields(self) -> tuple[FieldPlan, ...]:
        return tuple(f for f in self.fields if f.filter_ops)

    @property
    def sort_fields(self) -> tuple[FieldPlan, ...]:
        return tuple(f for f in self.fields if f.sortable)

    @property
    def many_to_many(self) -> tuple[RelationPlan, ...]:
        return tuple(r for r in self.relations if r.implicit_many_to_many)

    @property
    def enums(self) -> tuple[str, ...]:
        """Enum names this model's fields use, sorted."""
        return tuple(sorted({f.enum_name for f in self.fields if f.enum_name}))


@attrs.frozen(kw_only=True, slots=True)
class ProjectPlan:
    schema: Schema
    provider: str
    models: tuple[ModelPlan, ...]
    enums: tuple[str, ...]
    case_insensitive_search: bool
    auth: AuthPlan | None = None
    warnings: tuple[Diagnostic, ...] = ()
    """The schema's warnings and the generator's own (what a name costs, what is skipped)."""

    @property
    def auth_model(self) -> ModelPlan | None:
        return None if self.auth is None else self.model(self.auth.model)

    def model(self, name: str) -> ModelPlan:
        for plan in self.models:
            if plan.names.model == name:
                return plan
        raise KeyError(name)


def _has(element: Field | Model, name: str) -> bool:
    return any(a.name == name for a in element.annotations)


def _annotation_int(model: Model, name: str) -> int | None:
    for annotation in model.annotations:
        if annotation.name == name and annotation.args:
            value = annotation.args[0]
            if isinstance(value, int) and not isinstance(value, bool):
                return value
    return None


INT_NATIVE_RANGES: dict[str, tuple[int, int]] = {
    "TinyInt": (-128, 127),
    "UnsignedTinyInt": (0, 255),
    "SmallInt": (-32768, 32767),
    "UnsignedSmallInt": (0, 65535),
    "MediumInt": (-8388608, 8388607),
    "UnsignedMediumInt": (0, 16777215),
    "UnsignedInt": (0, INT32_MAX),
    "Oid": (0, INT32_MAX),
    "Year": (1901, 2155),
}
"""Native integer types narrower than Int (or unsigned), by the values they hold. SQL Server's
TinyInt is unsigned (0..255)."""


def int_range(field: Field, provider: str) -> tuple[int, int] | None:
    native = field.native_type
    if field.type != "Int" or native is None:
        return None
    if native.name == "TinyInt" and provider == "sqlserver":
        return (0, 255)
    return INT_NATIVE_RANGES.get(native.name)


UUID_NATIVE_TYPES = frozenset({"Uuid", "UniqueIdentifier"})


def is_uuid_column(field: Field) -> bool:
    """A text field stored as a database uuid (``@db.Uuid``, ``@db.UniqueIdentifier``)."""
    return field.native_type is not None and field.native_type.name in UUID_NATIVE_TYPES


def _native(field: Field) -> tuple[str, tuple[str, ...]] | None:
    native = field.native_type
    if native is None:
        return None
    return native.name, tuple(native.args)


def _scalar_of(field: Field) -> Scalar:
    if field.kind is FieldKind.ENUM:
        return Scalar.ENUM
    try:
        return Scalar(field.type)
    except ValueError as exc:
        raise AnalysisError(f"{field.name}: unsupported scalar type {field.type}") from exc


def key_criterion(model: Model) -> tuple[tuple[str, ...], str | None] | None:
    """The fields a record is addressed by, and Prisma's ``where`` key for them when there
    are several (``postId_userId``): the primary key, else the first unique criterion whose
    fields are all required scalars (single ``@unique`` fields in field order, then each
    ``@@unique``), as Prisma's ``WhereUniqueInput`` allows. None when there is none."""
    if model.primary_key is not None:
        fields = model.primary_key.fields
        name = model.primary_key.name or "_".join(fields) if len(fields) > 1 else None
        return fields, name
    singles = [f for f in model.fields if f.is_id]
    if singles:
        return (singles[0].name,), None
    usable = {
        f.name: f
        for f in _usable_fields(model)
        if f.kind in (FieldKind.SCALAR, FieldKind.ENUM)
        and f.is_required
        and not f.is_list
        and f.type not in ("Json", "Bytes")
    }
    for field in model.fields:
        if field.is_unique and field.name in usable:
            return (field.name,), None
    for unique in model.unique_indexes:
        if unique.fields and all(name in usable for name in unique.fields):
            if len(unique.fields) == 1:
                return unique.fields, None
            return unique.fields, unique.name or "_".join(unique.fields)
    return None


PROTOTYPE_NAMES = frozenset(
    {
        "constructor",
        "toString",
        "toLocaleString",
        "valueOf",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    }
)
"""Field names Prisma Client cannot filter, sort or write (Object.prototype members)."""

LIST_CONTROLS = frozenset({"sort", "take", "skip", "cursor", "include"})
"""Query parameters of a list route: a field of the same name cannot be a filter there."""


def field_name_warnings(model: Model) -> list[Diagnostic]:
    """What a field's name costs it in the API, one warning per field."""
    out: list[Diagnostic] = []
    for field in _usable_fields(model):
        if field.kind not in (FieldKind.SCALAR, FieldKind.ENUM):
            continue
        if field.name in PROTOTYPE_NAMES:
            message = (
                f"{model.name}.{field.name} is served read-only and cannot be filtered or "
                "sorted: Prisma Client leaves a field with this name out of its inputs"
            )
        elif field.name in LIST_CONTROLS:
            message = (
                f"{model.name}.{field.name} cannot be a list filter: ?{field.name}= is the "
                "list's own parameter"
            )
        else:
            continue
        out.append(
            Diagnostic.at(
                field.span,
                message,
                f'rename the field and keep the column with @map("{field.name}")',
                severity="warning",
            )
        )
    return out


def _primary_key_names(model: Model) -> frozenset[str]:
    """Fields that address a record: the primary key, or the unique criterion standing in."""
    criterion = key_criterion(model)
    return frozenset(criterion[0]) if criterion is not None else frozenset()


def analyze_field(
    model: Model,
    field: Field,
    foreign_keys: frozenset[str],
    *,
    hidden_names: frozenset[str] = frozenset(),
    read_only_names: frozenset[str] = frozenset(),
    provider: str = "",
) -> FieldPlan:
    """Roles of one column; `hidden_names` and `read_only_names` add what the security
    annotations imply (the password field, the ``@owner`` field)."""
    scalar = _scalar_of(field)
    in_primary_key = field.name in _primary_key_names(model)
    hidden = _has(field, "hidden") or field.name in hidden_names
    write_only = _has(field, "writeOnly")
    has_default = field.default is not None
    # A key the database makes (autoincrement(), uuid(), dbgenerated(...)) is the server's;
    # a key with a constant default (@default("main")) may be given by the client.
    generated_key = (
        field.is_id and field.default is not None and field.default.kind is DefaultKind.FUNCTION
    )
    server_managed = (
        generated_key
        or field.is_updated_at
        or _has(field, "readonly")
        or hidden
        or field.name in read_only_names
    )
    if server_managed:
        create = Presence.FORBIDDEN
    elif field.is_required and not has_default and not field.is_list:
        create = Presence.REQUIRED
    else:
        create = Presence.OPTIONAL
    # Prisma Client leaves fields named like Object.prototype members out of every input
    # type (where, orderBy, create, update): such a field can only be read.
    prototype_name = field.name in PROTOTYPE_NAMES
    if prototype_name:
        create = Presence.FORBIDDEN
    # Primary keys identify a record; changing one through PATCH is not part of the contract.
    updatable = not server_managed and not in_primary_key and not prototype_name
    readable = not hidden and not write_only
    filter_ops: tuple[str, ...] = ()
    if readable and not field.is_list and not prototype_name and field.name not in LIST_CONTROLS:
        filter_ops = FILTER_OPS[scalar]
        if is_uuid_column(field):
            filter_ops = FILTER_OPS[Scalar.ENUM]  # equality and sets: no text search on a uuid
        if filter_ops and not field.is_required:
            filter_ops = (*filter_ops, "isNull")
    sortable = (
        readable
        and not field.is_list
        and not prototype_name
        and scalar not in (Scalar.JSON, Scalar.BYTES)
    )
    native = _native(field)
    max_length: int | None = None
    decimal_digits: tuple[int, int] | None = None
    if native is not None:
        native_name, args = native
        if native_name in ("VarChar", "Char", "NVarChar", "NChar") and args and args[0].isdigit():
            max_length = int(args[0])
        if native_name in ("Decimal", "Numeric") and len(args) == 2:
            if args[0].isdigit() and args[1].isdigit():
                decimal_digits = (int(args[0]), int(args[1]))
    return FieldPlan(
        field=field,
        name=field.name,
        scalar=scalar,
        enum_name=field.type if scalar is Scalar.ENUM else None,
        is_list=field.is_list,
        is_optional=not field.is_required and not field.is_list,
        is_id=in_primary_key,
        is_unique=field.is_unique,
        has_default=has_default,
        is_updated_at=field.is_updated_at,
        is_foreign_key=field.name in foreign_keys,
        server_managed=server_managed,
        create=create,
        updatable=updatable,
        readable=readable,
        filter_ops=filter_ops,
        sortable=sortable,
        max_length=max_length,
        decimal_digits=decimal_digits,
        doc=_plain_doc(field.documentation),
        int_range=int_range(field, provider),
    )


def _plain_doc(doc: str | None) -> str | None:
    """Documentation without annotation lines (``@hidden`` etc.), or None when nothing is left."""
    if not doc:
        return None
    lines = [line for line in doc.splitlines() if not line.strip().startswith("@")]
    text = "\n".join(lines).strip()
    return text or None


def _usable_fields(model: Model) -> list[Field]:
    return [f for f in model.fields if not f.is_ignored and f.kind is not FieldKind.UNSUPPORTED]


def _served_actions(model: Model) -> tuple[tuple[str, ...], str | None]:
    if model.is_view:
        return ("read", "list"), "it is a view (read-only)"
    for field in model.fields:
        if (
            field.kind is FieldKind.UNSUPPORTED
            and field.is_required
            and field.default is None
            and not field.is_ignored
        ):
            return (
                ("read", "list", "update", "delete"),
                f"its required column {field.name} is Unsupported, so Prisma Client cannot "
                "create records",
            )
    return ACTIONS, None


def _check_relation_keys(model: Model) -> None:
    """A relation is written through its foreign keys: none of them may be left out."""
    by_name = {f.name: f for f in model.fields}
    for field in _usable_fields(model):
        relation = field.relation
        if relation is None:
            continue
        for key in relation.from_fields:
            scalar = by_name.get(key)
            if scalar is not None and (scalar.is_ignored or scalar.kind is FieldKind.UNSUPPORTED):
                raise AnalysisError(
                    f"{scalar.span.file}:{scalar.span.line}:{scalar.span.col}: "
                    f"{model.name}.{field.name} cannot be served: its foreign key {key} is "
                    f"{'@ignore' if scalar.is_ignored else 'Unsupported'} (mark the relation "
                    "field @ignore too, or keep the key)"
                )


def analyze_model(schema: Schema, model: Model, auth: AuthPlan | None = None) -> ModelPlan:
    _check_relation_keys(model)
    usable = _usable_fields(model)
    foreign_keys = frozenset(
        name for f in usable if f.relation is not None for name in f.relation.from_fields
    )
    is_auth_user = auth is not None and auth.model == model.name
    access = _access(model, auth) if auth is not None else None
    hidden_names = frozenset({auth.password}) if auth is not None and is_auth_user else frozenset()
    read_only_names: frozenset[str] = frozenset()
    if access is not None and access.owner is not None and not is_auth_user:
        read_only_names = frozenset({access.owner})
    fields = tuple(
        analyze_field(
            model,
            f,
            foreign_keys,
            hidden_names=hidden_names,
            read_only_names=read_only_names,
            provider=schema.provider,
        )
        for f in usable
        if f.kind in (FieldKind.SCALAR, FieldKind.ENUM)
    )
    by_name = {f.name: f for f in fields}
    criterion = key_criterion(model)
    if criterion is None or any(name not in by_name for name in criterion[0]):
        raise AnalysisError(
            f"model {model.name} cannot be served over HTTP: it has no @id, @@id or unique "
            "criterion of required scalar fields to address a record by"
        )
    id_plan = IdPlan(fields=tuple(by_name[n] for n in criterion[0]), compound_name=criterion[1])
    relations = tuple(
        r
        for r in (_analyze_relation(schema, f) for f in usable if f.kind is FieldKind.OBJECT)
        if r is not None
    )
    max_page = _annotation_int(model, "maxPageSize") or DEFAULT_MAX_PAGE_SIZE
    actions, limited_because = _served_actions(model)
    return ModelPlan(
        actions=actions,
        limited_because=limited_because,
        model=model,
        names=Names.of(model.name),
        fields=fields,
        id=id_plan,
        relations=relations,
        default_page_size=min(DEFAULT_PAGE_SIZE, max_page),
        max_page_size=max_page,
        doc=_plain_doc(model.documentation),
        access=access,
        rate_limit=_rate_limit(model),
        is_auth_user=is_auth_user,
    )


def _name_arg(annotation: Annotation, key: str) -> str | None:
    value = annotation.get(key)
    if isinstance(value, Identifier):
        return value.name
    return value if isinstance(value, str) else None


def _entries(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def auth_plan(schema: Schema) -> AuthPlan | None:
    """The ``@auth.user`` model's plan (the schema front end has checked its fields)."""
    for model in schema.models:
        annotation = model.annotation("auth.user")
        if annotation is None:
            continue
        if model.is_ignored or model.is_view:
            raise AnalysisError(
                f"{model.span.file}:{model.span.line}:{model.span.col}: model {model.name} "
                f"cannot be the @auth.user model: it is {'@@ignore' if model.is_ignored else 'a view'}"
            )
        identifier = _name_arg(annotation, "identifier") or ""
        password = _name_arg(annotation, "password") or ""
        role = _name_arg(annotation, "role")
        role_enum = model.field(role).type if role is not None else None
        roles = (
            tuple(v.name for v in schema.enum(role_enum).values) if role_enum is not None else ()
        )
        ids = [f for f in model.fields if f.is_id]
        if len(ids) != 1 or ids[0].type not in ("Int", "String"):
            raise AnalysisError(f"model {model.name}: @auth.user needs one Int or String @id")
        return AuthPlan(
            model=model.name,
            identifier=identifier,
            password=password,
            role=role,
            role_enum=role_enum,
            roles=roles,
            admin_role="ADMIN" if "ADMIN" in roles else None,
            id_field=ids[0].name,
            id_type="number" if ids[0].type == "Int" else "string",
        )
    return None


def _access(model: Model, auth: AuthPlan) -> AccessPlan:
    """Rules per action: ``@auth`` keys (``write`` = create, update and delete; ``list``
    follows ``read`` unless given), else reads public and writes for signed-in users. The user
    model is stricter by default: signed-in users read it, only the admin role writes it (or
    each user their own record when there is no admin role)."""
    if model.name == auth.model:
        writes: tuple[str, ...] = (auth.admin_role,) if auth.admin_role else (OWNER,)
        rules: dict[str, tuple[str, ...]] = {
            "read": (SIGNED_IN,),
            "list": (SIGNED_IN,),
            "create": writes if auth.admin_role else (SIGNED_IN,),
            "update": writes,
            "delete": writes,
        }
    else:
        rules = {"read": (PUBLIC,), "list": (PUBLIC,)}
        rules.update({action: (SIGNED_IN,) for action in ("create", "update", "delete")})
    annotation = model.annotation("auth")
    if annotation is not None:
        given = {key: _entries(value) for key, value in annotation.kwargs}
        if "write" in given:
            rules.update({action: given["write"] for action in ("create", "update", "delete")})
        if "read" in given and "list" not in given:
            rules["list"] = given["read"]
        rules.update({k: v for k, v in given.items() if k in ACTIONS})
    owner_annotation = model.annotation("owner")
    owner: str | None = None
    if owner_annotation is not None and owner_annotation.args:
        value = owner_annotation.args[0]
        owner = value.name if isinstance(value, Identifier) else str(value)
    elif model.name == auth.model:
        owner = auth.id_field
    return AccessPlan(rules=tuple((a, rules[a]) for a in ACTIONS), owner=owner)


DURATION_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000}


def _rate_limit(model: Model) -> RateLimitPlan | None:
    annotation = model.annotation("rateLimit")
    if annotation is None:
        return None
    limit = annotation.get("max")
    window = annotation.get("window")
    if not isinstance(limit, int) or not isinstance(window, str):
        return None
    unit = window.lstrip("0123456789")
    window_ms = int(window[: len(window) - len(unit)]) * DURATION_MS[unit]
    actions = _entries(annotation.get("actions")) or ACTIONS
    return RateLimitPlan(max=limit, window_ms=window_ms, actions=actions)


def _analyze_relation(schema: Schema, field: Field) -> RelationPlan | None:
    relation = field.relation
    if relation is None:
        return None
    target = schema.model(relation.related_model)
    if target.is_ignored or (target.is_view and key_criterion(target) is None):
        return None  # not served: not includable either
    implicit = relation.is_implicit_many_to_many
    target_id: FieldPlan | None = None
    ids_field: str | None = None
    if implicit:
        ids = [f for f in target.fields if f.is_id]
        if len(ids) == 1:
            target_fks = frozenset(
                n for f in target.fields if f.relation is not None for n in f.relation.from_fields
            )
            target_id = analyze_field(target, ids[0], target_fks)
        ids_field = singularize(field.name) + "Ids"
    return RelationPlan(
        name=field.name,
        target=relation.related_model,
        is_list=field.is_list,
        is_optional=not field.is_required,
        foreign_keys=tuple(relation.from_fields),
        implicit_many_to_many=implicit,
        ids_field=ids_field,
        target_id=target_id,
    )


def _check_sqlite(schema: Schema) -> None:
    """What the schema asks of the database that SQLite cannot give."""
    for model in schema.models:
        for field in model.fields:
            default = field.default
            if (
                field.type == "BigInt"
                and field.is_id
                and default is not None
                and default.function == "autoincrement"
            ):
                raise AnalysisError(
                    f"{model.name}.{field.name}: a BigInt @id with autoincrement() is not "
                    "auto-numbered by SQLite (inserts fail); use Int for SQLite, or generate "
                    "with --database postgresql"
                )


def analyze(schema: Schema, *, provider: str | None = None) -> ProjectPlan:
    """Plan every model that is served over HTTP (ignored models and views are skipped)."""
    chosen = provider or schema.provider
    if chosen == "sqlite":
        _check_sqlite(schema)
    _check_reserved_names(schema)
    auth = auth_plan(schema)
    skipped: list[Diagnostic] = []
    served: list[Model] = []
    for model in schema.models:
        if model.is_ignored:
            continue
        if model.is_view and key_criterion(model) is None:
            skipped.append(
                Diagnostic.at(
                    model.span,
                    f"view {model.name} is not served over HTTP: it has no @id or @unique "
                    "field to address a row by (it stays in the Prisma schema and client)",
                    "mark a column that identifies a row with @unique",
                    severity="warning",
                )
            )
            continue
        served.append(model)
    models = tuple(analyze_model(schema, m, auth) for m in served)
    _check_names(models)
    enums = tuple(sorted({e for m in models for e in m.enums}))
    warnings = list(schema.warnings) + skipped
    for plan_of in models:
        if plan_of.limited_because is not None and not plan_of.model.is_view:
            warnings.append(
                Diagnostic.at(
                    plan_of.model.span,
                    f"model {plan_of.model.name} gets no create route: "
                    f"{plan_of.limited_because}",
                    severity="warning",
                )
            )
    for plan_of in models:
        warnings.extend(field_name_warnings(plan_of.model))
    return ProjectPlan(
        warnings=tuple(warnings),
        schema=schema,
        provider=chosen,
        models=models,
        enums=enums,
        case_insensitive_search=chosen in CASE_INSENSITIVE_PROVIDERS,
        auth=auth,
    )


PRISMA_RESERVED_NAMES = frozenset(
    {"PrismaClient", "Prisma"}
    | set(
        "async await break case catch class const continue debugger default delete do else "
        "enum export extends false finally for function if implements import in instanceof "
        "interface let new null package private protected public return super switch this "
        "throw true try using typeof var void while with yield".split()
    )
)
"""Model and enum names `prisma generate` refuses (its client's own names and JavaScript's
keywords); the schema parser accepts them, so they are refused here, before any output."""


def _check_reserved_names(schema: Schema) -> None:
    named = [("model", m.name, m.span) for m in schema.models if not m.is_ignored]
    named += [("enum", e.name, e.span) for e in schema.enums]
    refused = [
        f"{span.file}:{span.line}:{span.col}: {kind} {name}: the name is reserved by Prisma "
        f'Client (rename it and keep the table with @@map("{name}"))'
        for kind, name, span in named
        if name in PRISMA_RESERVED_NAMES
    ]
    if refused:
        raise AnalysisError("\n".join(refused))


def _check_names(models: Sequence[ModelPlan]) -> None:
    for kind in ("route", "file"):
        seen: dict[str, str] = {}
        for plan in models:
            key = getattr(plan.names, kind)
            other = seen.get(key)
            if other is not None:
                raise AnalysisError(
                    f"models {other} and {plan.names.model} map to the same {kind} name "
                    f"{key!r}; rename one of them"
                )
            seen[key] = plan.names.model
