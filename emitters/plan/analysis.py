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

The plans themselves are in ``plans``; one field's roles in ``fields``, relations in
``relations``, access rules and the user model in ``access``. This module analyses whole
models and the project, and re-exports the public names of all of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ssot_ast.schema import Diagnostic, Field, FieldKind, Model, Schema

from emitters.plan.secrets import secret_fields, secret_warning, unserved_auth_table
from emitters.plan.api_access import access_warnings, api_access
from emitters.plan.access import access_plan, auth_plan, rate_limit_plan
from emitters.plan.fields import (
    FILTER_OPS,
    INT32_MAX,
    INT32_MIN,
    INT64_MAX,
    INT64_MIN,
    LIST_CONTROLS,
    ORDERED_OPS,
    PROTOTYPE_NAMES,
    TEXT_SEARCH_OPS,
    analyze_field,
    field_name_warnings,
    int_range,
    is_uuid_column,
    key_criterion,
    plain_doc,
    usable_fields,
)
from emitters.plan.plans import (
    ACTIONS,
    OWNER,
    PUBLIC,
    SIGNED_IN,
    AccessPlan,
    AnalysisError,
    AuthPlan,
    FieldPlan,
    IdPlan,
    ModelPlan,
    Names,
    Presence,
    ProjectPlan,
    RateLimitPlan,
    RelationPlan,
    Scalar,
)
from emitters.plan.relations import analyze_relation, check_relation_keys

__all__ = [
    "ACTIONS",
    "CASE_INSENSITIVE_PROVIDERS",
    "DEFAULT_MAX_PAGE_SIZE",
    "DEFAULT_PAGE_SIZE",
    "FILTER_OPS",
    "INT32_MAX",
    "INT32_MIN",
    "INT64_MAX",
    "INT64_MIN",
    "LIST_CONTROLS",
    "ORDERED_OPS",
    "OWNER",
    "PRISMA_RESERVED_NAMES",
    "PROTOTYPE_NAMES",
    "PUBLIC",
    "SIGNED_IN",
    "TEXT_SEARCH_OPS",
    "AccessPlan",
    "AnalysisError",
    "AuthPlan",
    "FieldPlan",
    "IdPlan",
    "ModelPlan",
    "Names",
    "Presence",
    "ProjectPlan",
    "RateLimitPlan",
    "RelationPlan",
    "Scalar",
    "analyze",
    "analyze_field",
    "analyze_model",
    "auth_plan",
    "field_name_warnings",
    "int_range",
    "is_uuid_column",
    "key_criterion",
]

DEFAULT_PAGE_SIZE = 20
DEFAULT_MAX_PAGE_SIZE = 100
CASE_INSENSITIVE_PROVIDERS = frozenset({"postgresql", "postgres", "cockroachdb", "mongodb"})


def _annotation_int(model: Model, name: str) -> int | None:
    """The first argument of the model annotation `name` when it is an integer."""
    for annotation in model.annotations:
        if annotation.name == name and annotation.args:
            value = annotation.args[0]
            if isinstance(value, int) and not isinstance(value, bool):
                return value
    return None


def _served_actions(model: Model) -> tuple[tuple[str, ...], str | None]:
    """The actions the model gets routes for, and why some are missing (a view is read-only;
    a required Unsupported column makes create impossible)."""
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


def served_secrets(model: Model, auth: AuthPlan | None) -> tuple[Field, ...]:
    """The columns of `model` that are served write-only because their names look secret
    (``emitters.plan.secrets``): not the key, not the sign-in password (already hidden)."""
    criterion = key_criterion(model)
    key = frozenset(criterion[0] if criterion is not None else ())
    if auth is not None and auth.model == model.name:
        key |= {auth.password}
    return secret_fields(model, key)


def analyze_model(
    schema: Schema, model: Model, auth: AuthPlan | None = None, provider: str | None = None
) -> ModelPlan:
    """The plan of one served model: its fields, key, relations, access rules and limits."""
    check_relation_keys(model)
    usable = usable_fields(model)
    foreign_keys = frozenset(
        name for f in usable if f.relation is not None for name in f.relation.from_fields
    )
    is_auth_user = auth is not None and auth.model == model.name
    access = access_plan(model, auth) if auth is not None else None
    hidden_names = frozenset({auth.password}) if auth is not None and is_auth_user else frozenset()
    read_only_names: frozenset[str] = frozenset()
    if access is not None and access.owner is not None and not is_auth_user:
        read_only_names = frozenset({access.owner})
    secrets = frozenset(f.name for f in served_secrets(model, auth))
    fields = tuple(
        analyze_field(
            model,
            f,
            foreign_keys,
            hidden_names=hidden_names,
            read_only_names=read_only_names,
            write_only_names=secrets,
            provider=provider or schema.provider,
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
        for r in (analyze_relation(schema, f) for f in usable if f.kind is FieldKind.OBJECT)
        if r is not None
    )
    max_page = _annotation_int(model, "maxPageSize") or DEFAULT_MAX_PAGE_SIZE
    actions, limited_because = _served_actions(model)
    if access is not None:
        # An empty rule (`update: []`, `@appendOnly`) means nobody: the action has no route.
        actions = tuple(action for action in actions if access.rule(action))
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
        doc=plain_doc(model.documentation),
        access=access,
        rate_limit=rate_limit_plan(model),
        is_auth_user=is_auth_user,
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


def analyze(
    schema: Schema, *, provider: str | None = None, access: str | None = None
) -> ProjectPlan:
    """Plan every model that is served over HTTP (ignored models and views are skipped).
    `access` is the option of a schema without a user model (``emitters.plan.api_access``)."""
    chosen = provider or schema.provider
    if chosen == "sqlite":
        _check_sqlite(schema)
    _check_reserved_names(schema)
    auth = auth_plan(schema)
    try:
        api = api_access(auth is not None, access)
    except ValueError as error:
        raise AnalysisError(str(error)) from None
    skipped: list[Diagnostic] = []
    served: list[Model] = []
    for model in schema.models:
        if model.is_ignored:
            continue
        unserved = unserved_auth_table(model)
        if unserved is not None:
            skipped.append(
                Diagnostic.at(
                    model.span,
                    unserved,
                    "give the model /// @auth(...) rules to serve it",
                    severity="warning",
                )
            )
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
    models = tuple(analyze_model(schema, m, auth, chosen) for m in served)
    _check_names(models)
    enums = tuple(sorted({e for m in models for e in m.enums}))
    warnings = list(schema.warnings) + skipped + access_warnings(schema, api)
    for served_model in served:
        warnings += [secret_warning(served_model, f) for f in served_secrets(served_model, auth)]
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
        access=api,
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
    """Refuse model and enum names Prisma Client reserves."""
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
    """Refuse two models that map to the same route or file name."""
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
