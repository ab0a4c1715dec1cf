"""The resolved, immutable schema model that the rest of ssot-codegen codes against."""

from __future__ import annotations

import enum
from typing import Union

import attrs

from .errors import Diagnostic, Span


@attrs.frozen(slots=True)
class Identifier:
    """A bare name used as an annotation argument, e.g. `email` in `@owner(email)`."""

    name: str


AnnotationValue = Union[str, int, float, bool, Identifier, tuple["AnnotationValue", ...]]


@attrs.frozen(kw_only=True, slots=True)
class Annotation:
    """A parsed `/// @name(args)` documentation line."""

    name: str
    args: tuple[AnnotationValue, ...] = ()
    kwargs: tuple[tuple[str, AnnotationValue], ...] = ()
    span: Span

    def get(self, key: str, default: AnnotationValue | None = None) -> AnnotationValue | None:
        for name, value in self.kwargs:
            if name == key:
                return value
        return default


class FieldKind(enum.Enum):
    SCALAR = "scalar"
    ENUM = "enum"
    OBJECT = "object"
    COMPOSITE = "composite"
    UNSUPPORTED = "unsupported"


class DefaultKind(enum.Enum):
    LITERAL = "literal"
    FUNCTION = "function"
    ENUM_VALUE = "enum_value"
    LIST = "list"


DefaultValue = Union[str, int, float, bool, None, tuple["DefaultValue", ...]]


@attrs.frozen(kw_only=True, slots=True)
class Default:
    """A typed `@default`. Decimal and BigInt literals keep their source text as `value`."""

    kind: DefaultKind
    value: DefaultValue = None
    function: str | None = None
    args: tuple[str | int | float | bool, ...] = ()
    scalar_type: str = ""

    def to_dmmf(self) -> object:
        if self.kind is DefaultKind.FUNCTION:
            return {"name": self.function, "args": list(self.args)}
        return _dmmf_value(self.value, self.scalar_type)


def _dmmf_value(value: DefaultValue, scalar_type: str) -> object:
    if isinstance(value, tuple):
        return [_dmmf_value(item, scalar_type) for item in value]
    if scalar_type in ("Decimal", "Float") and isinstance(value, (str, float)):
        text = value if isinstance(value, str) else repr(value)
        if "." in text and "e" not in text.lower():
            number = prisma_float(text)
            # JSON as JavaScript writes it: 0.0 and 0 are the same number, written 0.
            return int(number) if number.is_integer() else number
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    return value


def prisma_float(text: str) -> float:
    """A decimal literal as Prisma's DMMF reports it: the digits as an integer times
    10^-scale in binary floating point, so ``0.7`` is ``0.7000000000000001`` there."""
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("+-").partition(".")
    mantissa = int(whole + fraction) * (-1 if negative else 1)
    return mantissa * 10.0 ** -len(fraction)


@attrs.frozen(slots=True)
class NativeType:
    name: str
    args: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, slots=True)
class RelationInfo:
    name: str
    from_fields: tuple[str, ...]
    to_fields: tuple[str, ...]
    on_delete: str | None
    on_update: str | None
    related_model: str
    opposite_field: str
    cardinality: str
    is_implicit_many_to_many: bool
    is_self_relation: bool
    is_owning_side: bool
    map: str | None = None


@attrs.frozen(kw_only=True, slots=True)
class Field:
    name: str
    db_name: str | None
    kind: FieldKind
    type: str
    is_list: bool
    is_required: bool
    is_id: bool = False
    is_unique: bool = False
    is_updated_at: bool = False
    is_read_only: bool = False
    default: Default | None = None
    native_type: NativeType | None = None
    relation: RelationInfo | None = None
    documentation: str | None = None
    annotations: tuple[Annotation, ...] = ()
    is_ignored: bool = False
    span: Span

    @property
    def is_relation(self) -> bool:
        return self.kind is FieldKind.OBJECT

    def annotation(self, name: str) -> Annotation | None:
        return next((a for a in self.annotations if a.name == name), None)


@attrs.frozen(kw_only=True, slots=True)
class PrimaryKey:
    fields: tuple[str, ...]
    name: str | None = None
    db_name: str | None = None


@attrs.frozen(kw_only=True, slots=True)
class UniqueIndex:
    name: str | None
    fields: tuple[str, ...]


@attrs.frozen(kw_only=True, slots=True)
class IndexField:
    name: str
    sort: str | None = None  # "asc" / "desc" when written
    length: int | None = None
    operator_class: str | None = None


@attrs.frozen(kw_only=True, slots=True)
class Index:
    """An id, unique, normal or fulltext index, as Prisma lists them in the DMMF."""

    kind: str  # "id", "unique", "normal", "fulltext"
    fields: tuple[IndexField, ...]
    is_defined_on_field: bool
    name: str | None = None
    db_name: str | None = None
    algorithm: str | None = None
    clustered: bool | None = None


@attrs.frozen(kw_only=True, slots=True)
class Model:
    name: str
    db_name: str | None
    fields: tuple[Field, ...]
    primary_key: PrimaryKey | None
    unique_fields: tuple[tuple[str, ...], ...]
    unique_indexes: tuple[UniqueIndex, ...]
    indexes: tuple[Index, ...]
    documentation: str | None = None
    annotations: tuple[Annotation, ...] = ()
    is_ignored: bool = False
    is_view: bool = False
    schema: str | None = None
    span: Span

    def field(self, name: str) -> Field:
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(f"model {self.name} has no field {name}")

    @property
    def scalar_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind in (FieldKind.SCALAR, FieldKind.ENUM))

    @property
    def relation_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind is FieldKind.OBJECT)

    @property
    def id_fields(self) -> tuple[Field, ...]:
        """The fields of the primary key: a single `@id` field or the `@@id` fields in order."""
        if self.primary_key is None:
            return ()
        return tuple(self.field(name) for name in self.primary_key.fields)

    def annotation(self, name: str) -> Annotation | None:
        return next((a for a in self.annotations if a.name == name), None)


@attrs.frozen(kw_only=True, slots=True)
class EnumValue:
    name: str
    db_name: str | None = None
    documentation: str | None = None


@attrs.frozen(kw_only=True, slots=True)
class Enum:
    name: str
    db_name: str | None
    values: tuple[EnumValue, ...]
    documentation: str | None = None
    annotations: tuple[Annotation, ...] = ()
    schema: str | None = None
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class CompositeType:
    name: str
    fields: tuple[Field, ...]
    documentation: str | None = None
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class Datasource:
    name: str
    provider: str
    config: tuple[tuple[str, object], ...] = ()


@attrs.frozen(kw_only=True, slots=True)
class Generator:
    name: str
    provider: str
    output: str | None = None
    config: tuple[tuple[str, object], ...] = ()


@attrs.frozen(kw_only=True, slots=True)
class Schema:
    models: tuple[Model, ...]
    enums: tuple[Enum, ...]
    types: tuple[CompositeType, ...]
    datasources: tuple[Datasource, ...]
    generators: tuple[Generator, ...]
    files: tuple[tuple[str, str], ...]
    warnings: tuple[Diagnostic, ...] = ()
    """What was accepted but deserves a look (a near miss of an annotation, a datasource url),
    in source order."""

    def model(self, name: str) -> Model:
        for model in self.models:
            if model.name == name:
                return model
        raise KeyError(f"no model {name}")

    def enum(self, name: str) -> Enum:
        for item in self.enums:
            if item.name == name:
                return item
        raise KeyError(f"no enum {name}")

    def type(self, name: str) -> CompositeType:
        for item in self.types:
            if item.name == name:
                return item
        raise KeyError(f"no composite type {name}")

    @property
    def provider(self) -> str:
        return self.datasources[0].provider if self.datasources else ""
