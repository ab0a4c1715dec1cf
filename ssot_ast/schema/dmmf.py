"""The `datamodel` part of Prisma's DMMF, with Prisma's key order and list order."""

from __future__ import annotations

from typing import Any

from .model import CompositeType, Enum, Field, FieldKind, Index, Model, Schema


def dump_dmmf(schema: Schema) -> dict[str, Any]:
    kept = [m for m in schema.models if not m.is_ignored]
    # Prisma lists every model before every view.
    models = [m for m in kept if not m.is_view] + [m for m in kept if m.is_view]
    return {
        "enums": [_enum(e) for e in schema.enums],
        "models": [_model(m) for m in models],
        "types": [_type(t) for t in schema.types],
        "indexes": [_index(m, i) for m in models for i in m.indexes],
    }


def _enum(item: Enum) -> dict[str, Any]:
    values: list[dict[str, Any]] = []
    for value in item.values:
        entry: dict[str, Any] = {"name": value.name, "dbName": value.db_name}
        if value.documentation is not None:
            entry["documentation"] = value.documentation
        values.append(entry)
    out: dict[str, Any] = {"name": item.name, "values": values, "dbName": item.db_name}
    if item.documentation is not None:
        out["documentation"] = item.documentation
    return out


def _visible(fields: tuple[Field, ...]) -> list[Field]:
    return [f for f in fields if not f.is_ignored and f.kind is not FieldKind.UNSUPPORTED]


def _model(model: Model) -> dict[str, Any]:
    compound_id = next((i for i in model.indexes if i.kind == "id"), None)
    primary_key = None
    if compound_id is not None and not compound_id.is_defined_on_field:
        primary_key = {
            "name": compound_id.name,
            "fields": [f.name for f in compound_id.fields],
        }
    # Prisma marks the one field of a single-field key as the id (`@@id([a])` too), and
    # never as unique besides (`@id @unique`).
    single_key = (
        model.primary_key.fields[0]
        if model.primary_key is not None and len(model.primary_key.fields) == 1
        else None
    )
    out: dict[str, Any] = {
        "name": model.name,
        "dbName": model.db_name,
        "schema": model.schema,
        "fields": [
            _field(f, composite=False, single_key=single_key) for f in _visible(model.fields)
        ],
        "primaryKey": primary_key,
        "uniqueFields": [list(u) for u in model.unique_fields],
        "uniqueIndexes": [{"name": u.name, "fields": list(u.fields)} for u in model.unique_indexes],
        "isGenerated": False,
    }
    if model.documentation is not None:
        out["documentation"] = model.documentation
    return out


def _type(item: CompositeType) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": item.name,
        "dbName": None,
        "schema": None,
        "fields": [_field(f, composite=True) for f in _visible(item.fields)],
        "primaryKey": None,
        "uniqueFields": [],
        "uniqueIndexes": [],
    }
    if item.documentation is not None:
        out["documentation"] = item.documentation
    return out


def _field(field: Field, composite: bool, single_key: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": field.name}
    if field.db_name is not None:
        out["dbName"] = field.db_name
    kind = "object" if field.kind is FieldKind.COMPOSITE else field.kind.value
    is_id = field.is_id or field.name == single_key
    out.update(
        {
            "kind": kind,
            "isList": field.is_list,
            "isRequired": field.is_required,
            "isUnique": field.is_unique and not is_id,
            "isId": is_id,
            "isReadOnly": field.is_read_only,
            "hasDefaultValue": field.default is not None,
            "type": field.type,
            "nativeType": (
                [field.native_type.name, list(field.native_type.args)]
                if field.native_type is not None
                else None
            ),
        }
    )
    if field.default is not None:
        out["default"] = field.default.to_dmmf()
    relation = field.relation
    if relation is not None:
        out["relationName"] = relation.name
        out["relationFromFields"] = list(relation.from_fields)
        out["relationToFields"] = list(relation.to_fields)
        if relation.on_delete is not None:
            out["relationOnDelete"] = relation.on_delete
        if relation.on_update is not None:
            out["relationOnUpdate"] = relation.on_update
    if not composite:
        out["isGenerated"] = False
        out["isUpdatedAt"] = field.is_updated_at
    if field.documentation is not None:
        out["documentation"] = field.documentation
    return out


def _index(model: Model, index: Index) -> dict[str, Any]:
    out: dict[str, Any] = {
        "model": model.name,
        "type": index.kind,
        "isDefinedOnField": index.is_defined_on_field,
    }
    if index.name is not None:
        out["name"] = index.name
    if index.db_name is not None:
        out["dbName"] = index.db_name
    if index.algorithm is not None:
        out["algorithm"] = index.algorithm
    if index.clustered is not None:
        out["clustered"] = index.clustered
    fields: list[dict[str, Any]] = []
    for item in index.fields:
        entry: dict[str, Any] = {"name": item.name}
        if item.sort is not None:
            entry["sortOrder"] = item.sort
        if item.length is not None:
            entry["length"] = item.length
        if item.operator_class is not None:
            entry["operatorClass"] = item.operator_class
        fields.append(entry)
    out["fields"] = fields
    return out
