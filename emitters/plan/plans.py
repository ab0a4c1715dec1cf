"""The plans the analysis produces and every emitter reads: a project's models, each
model's names, fields, key, relations, access rules and rate limit, and the user model of
authentication. Only data here; ``emitters.plan.analysis`` builds them from the schema."""

from __future__ import annotations

import enum

import attrs

from emitters.plan.api_access import ApiAccess
from ssot_ast.schema import Diagnostic, Field, Model, Schema

from emitters.plan.naming import kebab, lower_first, pluralize


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
class FieldRules:
    """What a body value must be beyond its type (``/// @min(1) @max(5)``, ``@length``,
    ``@email``...), and ``min_length`` 1 for String keys (ids, unique and foreign-key fields).
    Numbers keep their source text (`minimum`/`maximum`): a Decimal bound loses nothing."""

    minimum: str | None = None
    maximum: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    format: str | None = None
    """``email``, ``url`` or ``uuid``."""
    pattern: str | None = None
    """A JavaScript regular expression (flag ``u``) the whole value must match."""
    trim: bool = False
    lowercase: bool = False

    @property
    def transforms(self) -> bool:
        return self.trim or self.lowercase

    @property
    def any(self) -> bool:
        return self != FieldRules()


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
    rules: FieldRules = FieldRules()
    """Validation rules of create and update bodies (not of filters)."""

    @property
    def writable(self) -> bool:
        return self.create is not Presence.FORBIDDEN or self.updatable


@attrs.frozen(kw_only=True, slots=True)
class IdPlan:
    """The fields a record is addressed by (the primary key, or the unique criterion
    standing in)."""

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
    """Everything the emitters need to know about one served model."""

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
    """The plan of the whole project: its models, enums, database and authentication."""

    schema: Schema
    provider: str
    models: tuple[ModelPlan, ...]
    enums: tuple[str, ...]
    case_insensitive_search: bool
    auth: AuthPlan | None = None
    access: ApiAccess = ApiAccess.TOKEN
    """Who may call the API: USERS with a user model, else the ``access`` option."""
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
