"""One column as the API sees it (``analyze_field``): its value kind, whether clients
create, update, read, filter and sort it, and the limits its native type sets; plus the key a
record is addressed by and what a field's name costs it."""

from __future__ import annotations

from ssot_ast.schema import DefaultKind, Diagnostic, Field, FieldKind, Model
from ssot_ast.schema.field_rules import FORMATS, is_now_default, length_bounds

from emitters.plan.plans import AnalysisError, FieldPlan, FieldRules, Presence, Scalar

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


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


def has_annotation(element: Field | Model, name: str) -> bool:
    """Whether the field or model carries the annotation `name` (``/// @name``)."""
    return any(a.name == name for a in element.annotations)


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
    """The values an Int column of a narrower native type holds; None for a plain Int."""
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
    """The native type name and its arguments, if any."""
    native = field.native_type
    if native is None:
        return None
    return native.name, tuple(native.args)


def _scalar_of(field: Field) -> Scalar:
    """The value kind of a scalar or enum field."""
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
        for f in usable_fields(model)
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
    for field in usable_fields(model):
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


def _server_managed(field: Field, *, hidden: bool, read_only_names: frozenset[str]) -> bool:
    """Whether clients never write the field: a key the database makes (autoincrement(),
    uuid(), dbgenerated(...); a key with a constant default such as @default("main") may be
    given by the client), ``@updatedAt`` and ``@default(now())`` (unless ``@writable``),
    ``@readonly``, hidden, or read-only by security."""
    generated_key = (
        field.is_id and field.default is not None and field.default.kind is DefaultKind.FUNCTION
    )
    timestamp = (field.is_updated_at or is_now_default(field)) and not has_annotation(
        field, "writable"
    )
    return (
        generated_key
        or timestamp
        or has_annotation(field, "readonly")
        or hidden
        or field.name in read_only_names
    )


def _create_presence(field: Field, *, writable: bool) -> Presence:
    """Required exactly when the schema requires it, without a default, and not a list."""
    if not writable:
        return Presence.FORBIDDEN
    if field.is_required and field.default is None and not field.is_list:
        # A @writable @updatedAt field is filled by Prisma when left out.
        return Presence.OPTIONAL if field.is_updated_at else Presence.REQUIRED
    return Presence.OPTIONAL


def _filter_ops(field: Field, scalar: Scalar, *, filterable: bool) -> tuple[str, ...]:
    """The filter operators of the field's type; a uuid column compares by equality and
    sets (no text search), an optional field adds ``isNull``. None for a list, or a field
    named like a list control."""
    if not filterable or field.is_list or field.name in LIST_CONTROLS:
        return ()
    ops = FILTER_OPS[Scalar.ENUM] if is_uuid_column(field) else FILTER_OPS[scalar]
    if ops and not field.is_required:
        ops = (*ops, "isNull")
    return ops


MYSQL_DEFAULT_VARCHAR = 191
"""Prisma maps a MySQL ``String`` without a native type to ``VARCHAR(191)``."""


def _max_length(field: Field, provider: str = "") -> int | None:
    """The length a ``VarChar(n)``-like native type allows (MySQL's default for a plain
    ``String``)."""
    native = _native(field)
    if native is None:
        if provider == "mysql" and field.type == "String" and not field.is_list:
            return MYSQL_DEFAULT_VARCHAR
        return None
    name, args = native
    if name in ("VarChar", "Char", "NVarChar", "NChar") and args and args[0].isdigit():
        return int(args[0])
    return None


def _decimal_digits(field: Field) -> tuple[int, int] | None:
    """(precision, scale) of a ``Decimal(p, s)`` native type."""
    native = _native(field)
    if native is None:
        return None
    name, args = native
    if name in ("Decimal", "Numeric") and len(args) == 2:
        if args[0].isdigit() and args[1].isdigit():
            return (int(args[0]), int(args[1]))
    return None


def _number_text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return repr(value)


def field_rules(field: Field, *, key: bool) -> FieldRules:
    """The validation annotations of a field; a String `key` (id, unique, foreign key) is
    never empty."""
    low, high = None, None
    length = field.annotation("length")
    if length is not None:
        low, high = length_bounds(length)
    if key and field.type == "String" and not is_uuid_column(field):
        low = max(low or 0, 1)
    regex = field.annotation("regex")
    pattern = regex.args[0] if regex is not None and regex.args else None
    minimum = field.annotation("min")
    maximum = field.annotation("max")
    return FieldRules(
        minimum=_number_text(minimum.args[0]) if minimum is not None and minimum.args else None,
        maximum=_number_text(maximum.args[0]) if maximum is not None and maximum.args else None,
        min_length=low,
        max_length=high,
        format=next((a.name for a in field.annotations if a.name in FORMATS), None),
        pattern=pattern if isinstance(pattern, str) else None,
        trim=has_annotation(field, "trim"),
        lowercase=has_annotation(field, "lowercase"),
    )


def analyze_field(
    model: Model,
    field: Field,
    foreign_keys: frozenset[str],
    *,
    hidden_names: frozenset[str] = frozenset(),
    read_only_names: frozenset[str] = frozenset(),
    write_only_names: frozenset[str] = frozenset(),
    provider: str = "",
) -> FieldPlan:
    """Roles of one column; `hidden_names` and `read_only_names` add what the security
    annotations imply (the password field, the ``@owner`` field), `write_only_names` the
    columns whose names say they hold secrets."""
    scalar = _scalar_of(field)
    in_primary_key = field.name in _primary_key_names(model)
    hidden = has_annotation(field, "hidden") or field.name in hidden_names
    readable = (
        not hidden and not has_annotation(field, "writeOnly") and field.name not in write_only_names
    )
    server_managed = _server_managed(field, hidden=hidden, read_only_names=read_only_names)
    # Prisma Client leaves fields named like Object.prototype members out of every input
    # type (where, orderBy, create, update): such a field can only be read.
    prototype_name = field.name in PROTOTYPE_NAMES
    return FieldPlan(
        field=field,
        name=field.name,
        scalar=scalar,
        enum_name=field.type if scalar is Scalar.ENUM else None,
        is_list=field.is_list,
        is_optional=not field.is_required and not field.is_list,
        is_id=in_primary_key,
        is_unique=field.is_unique,
        has_default=field.default is not None,
        is_updated_at=field.is_updated_at,
        is_foreign_key=field.name in foreign_keys,
        server_managed=server_managed,
        create=_create_presence(field, writable=not server_managed and not prototype_name),
        # Primary keys identify a record; changing one through PATCH is not part of the
        # contract.
        updatable=not server_managed and not in_primary_key and not prototype_name,
        readable=readable,
        filter_ops=_filter_ops(field, scalar, filterable=readable and not prototype_name),
        sortable=(
            readable
            and not field.is_list
            and not prototype_name
            and scalar not in (Scalar.JSON, Scalar.BYTES)
        ),
        max_length=_max_length(field, provider),
        decimal_digits=_decimal_digits(field),
        doc=plain_doc(field.documentation),
        int_range=int_range(field, provider),
        rules=field_rules(
            field, key=in_primary_key or field.is_unique or field.name in foreign_keys
        ),
    )


def plain_doc(doc: str | None) -> str | None:
    """Documentation without annotation lines (``@hidden`` etc.), or None when nothing is left."""
    if not doc:
        return None
    lines = [line for line in doc.splitlines() if not line.strip().startswith("@")]
    text = "\n".join(lines).strip()
    return text or None


def usable_fields(model: Model) -> list[Field]:
    """The fields the API can serve: not ``@ignore``, not ``Unsupported``."""
    return [f for f in model.fields if not f.is_ignored and f.kind is not FieldKind.UNSUPPORTED]
