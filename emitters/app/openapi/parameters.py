"""The query parameters of the OpenAPI document, each one a shared component
(``components/parameters``) that operations ``$ref``: per model one filter parameter per
field, ``sort`` and ``include``; ``take``, ``skip`` and ``cursor`` once for every model that
pages alike. The operators of a filter are an object schema (``components/schemas``), shared
by every field whose value and operators are the same (``IntFilter``, ``StringNullableFilter``).

A filter is one ``deepObject`` parameter: ``views[gte]=10&views[lt]=20`` is the object
``{gte: 10, lt: 20}``, and a list operator takes its values comma-separated or repeated
(``views[in]=1&views[in]=2``). ``views=10``, the shorthand for ``views[equals]=10``, is in the
parameter's description only: a query parameter has one name and one style."""

from __future__ import annotations

import json

from emitters.app.openapi.values import (
    LIST_OPERATORS,
    MAX_SAFE_INTEGER,
    OPERATOR_TEXT,
    ComponentNames,
    JsonObject,
    JsonValue,
    ref,
    scalar_schema,
)
from emitters.plan.plans import FieldPlan, ModelPlan, ProjectPlan, Scalar

CASE_INSENSITIVE = frozenset({"contains", "startsWith", "endsWith"})


def query(name: str, schema: JsonObject, description: str) -> JsonObject:
    """An optional query parameter; an array is comma-separated (``style: form``, not exploded)."""
    parameter: JsonObject = {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }
    if schema.get("type") == "array":
        parameter["style"] = "form"
        parameter["explode"] = False
    return parameter


def filters_text(plan: ProjectPlan) -> str:
    """How filters are written, for the document's description (said once, not per filter)."""
    operators = "; ".join(
        f"`{op}` {text}" for op, text in OPERATOR_TEXT.items() if op not in LIST_OPERATORS
    )
    case = (
        " (`contains`, `startsWith` and `endsWith` ignore case)"
        if plan.case_insensitive_search
        else ""
    )
    return (
        "Filters: `field[operator]=value`, several combined with and; `field=value` is short "
        f"for `field[equals]=value`. Operators: {operators}{case}; `in` (one of) and `notIn` "
        "(none of) take values comma-separated or repeated (`field[in]=a&field[in]=b`); "
        "`isNull` takes true or false. The filter schema of each field lists the operators "
        "it accepts."
    )


def filter_schema(plan: ProjectPlan, field: FieldPlan) -> JsonObject:
    """The operators of the field's filter as an object: each takes a value of the field
    (a list of them for ``in`` and ``notIn``, a boolean for ``isNull``)."""
    value = scalar_schema(plan, field, output=False)
    properties: JsonObject = {}
    for op in field.filter_ops:
        if op == "isNull":
            properties[op] = {"type": "boolean"}
        elif op in LIST_OPERATORS:
            properties[op] = {"type": "array", "items": value, "minItems": 1}
        else:
            properties[op] = value
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def _filter_name(field: FieldPlan) -> str:
    """The wanted component name of a filter schema: the value kind (the enum's name for an
    enum), ``Nullable`` when the field may be null, ``Filter``."""
    kind = (
        field.enum_name if field.scalar is Scalar.ENUM and field.enum_name else field.scalar.value
    )
    return kind + ("Nullable" if "isNull" in field.filter_ops else "") + "Filter"


def _filter_parameter(field: FieldPlan, schema: str) -> JsonObject:
    """``views[op]=value``: the filter of one field, its operators an object."""
    return {
        "name": field.name,
        "in": "query",
        "style": "deepObject",
        "explode": True,
        "schema": ref("schemas", schema),
    }


def _sort_parameter(model: ModelPlan) -> JsonObject:
    """``sort``: the sort keys of the model."""
    fields = [f.name for f in model.sort_fields]
    keys: list[JsonValue] = [key for name in fields for key in (name, "-" + name)]
    return query(
        "sort",
        {"type": "array", "items": {"type": "string", "enum": keys}, "minItems": 1},
        "Sort keys, comma-separated; `-` before a field sorts descending. Fields: "
        + ", ".join(fields)
        + ". Without `sort`: primary key ascending.",
    )


def _take_parameter(model: ModelPlan) -> JsonObject:
    """``take``: the page size, its bounds and default."""
    schema: JsonObject = {
        "type": "integer",
        "minimum": 1,
        "maximum": model.max_page_size,
        "default": model.default_page_size,
    }
    return query("take", schema, "Page size.")


SKIP = query(
    "skip",
    {"type": "integer", "minimum": 0, "maximum": MAX_SAFE_INTEGER, "default": 0},
    "Records to skip.",
)
CURSOR = query(
    "cursor",
    {"type": "string", "minLength": 1, "maxLength": 2048},
    "The `meta.nextCursor` of the previous page (keyset pagination).",
)


def _include_parameter(model: ModelPlan) -> JsonObject | None:
    """``include``, the relations a read may embed (none without relations)."""
    relations = [r.name for r in model.relations]
    if not relations:
        return None
    schema: JsonObject = {
        "type": "array",
        "items": {"type": "string", "enum": list(relations)},
        "minItems": 1,
    }
    text = "Related records to embed (direct relations, comma-separated): " + ", ".join(relations)
    return query("include", schema, text + ".")


def _key(value: JsonValue) -> str:
    """The content of a JSON value, as a dictionary key."""
    return json.dumps(value, sort_keys=True)


class QueryParameters:
    """Every query parameter of the document as a component, each built once, and the filter
    schemas, one per distinct value and operators. A filter parameter is named after its field
    (``createdAt``) when every model's field of that name filters alike, else after the model
    and the field (``Post.status``); ``sort`` and ``include`` after the model (``Post.sort``);
    ``take``, ``skip`` and ``cursor`` are shared by the models that page alike. Built in model
    order, so deterministic."""

    def __init__(self, plan: ProjectPlan, names: ComponentNames) -> None:
        self.components: JsonObject = {}
        """``components/parameters``."""
        self.schemas: JsonObject = {}
        """The filter schemas, for ``components/schemas``."""
        self._names = names
        self._by_content: dict[str, str] = {}
        self._filter_schemas: dict[str, str] = {}
        self._filters: dict[str, list[JsonValue]] = {}
        self._listing: dict[str, list[JsonValue]] = {}
        self._include: dict[str, list[JsonValue]] = {}
        built = {
            model.names.model: [(f.name, self._filter(plan, f)) for f in model.filter_fields]
            for model in plan.models
        }
        variants: dict[str, set[str]] = {}
        for parameters in built.values():
            for field, parameter in parameters:
                variants.setdefault(field, set()).add(_key(parameter))
        for model in plan.models:
            stem = model.names.model
            self._filters[stem] = [
                self._shared(field if len(variants[field]) == 1 else f"{stem}.{field}", parameter)
                for field, parameter in built[stem]
            ]
            self._add_model(model)

    def filters(self, model: ModelPlan) -> list[JsonValue]:
        """``$ref``s to the model's filter parameters: the list and the count share them."""
        return list(self._filters[model.names.model])

    def listing(self, model: ModelPlan) -> list[JsonValue]:
        """The list's parameters: the filters, ``sort``, ``take``, ``skip``, ``cursor`` and
        ``include``."""
        return list(self._listing[model.names.model])

    def include(self, model: ModelPlan) -> list[JsonValue]:
        """``include`` of a read, if the model has relations."""
        return list(self._include[model.names.model])

    def _add_model(self, model: ModelPlan) -> None:
        stem = model.names.model
        listing: list[JsonValue] = [
            *self._filters[stem],
            self._shared(f"{stem}.sort", _sort_parameter(model)),
            self._shared("take", _take_parameter(model), stem),
            self._shared("skip", SKIP, stem),
            self._shared("cursor", CURSOR, stem),
        ]
        include = _include_parameter(model)
        reads: list[JsonValue] = []
        if include is not None:
            reads.append(self._shared(f"{stem}.include", include))
        self._listing[stem] = listing + reads
        self._include[stem] = reads

    def _filter(self, plan: ProjectPlan, field: FieldPlan) -> JsonObject:
        """The field's filter parameter, its operator schema shared with every field alike."""
        schema = filter_schema(plan, field)
        content = _key(schema)
        name = self._filter_schemas.get(content)
        if name is None:
            name = self._names.allocate(_filter_name(field))
            self._filter_schemas[content] = name
            self.schemas[name] = schema
        return _filter_parameter(field, name)

    def _shared(self, wanted: str, parameter: JsonObject, stem: str | None = None) -> JsonObject:
        """A ``$ref`` to the component holding the same parameter, or to a new one named
        `wanted` (``<stem>.<wanted>`` if that is taken, then with the first free number)."""
        content = _key(parameter)
        name = self._by_content.get(content)
        if name is None:
            base = f"{stem}.{wanted}" if stem is not None and wanted in self.components else wanted
            name = base
            suffix = 2
            while name in self.components:
                name = f"{base}{suffix}"
                suffix += 1
            self.components[name] = parameter
            self._by_content[content] = name
        return ref("parameters", name)
