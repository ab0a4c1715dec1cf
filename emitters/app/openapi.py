"""``src/gen/openapi.ts``: the OpenAPI 3.1 document of the generated API, served at
``GET /openapi.json``.

The document is built as Python data from the project plan (the same plan the Zod schemas
come from, so both follow the rules of API.md) and printed as one ``as const`` object
literal. ``openapi_document(plan)`` returns the data itself.

What it describes, per model: list (every filter operator as its own bracket-notation query
parameter, ``sort``, ``take``, ``skip``, ``cursor``, ``include``), count, get, create, patch
and delete, with typed path parameters (one per key field for compound keys); component
schemas for the record (hidden and write-only fields absent), the create and update bodies
(server-managed and hidden fields absent, strict) and the list page; the error shape for
every status an operation can answer with. Plus ``/health``, ``/ready`` and
``/openapi.json``.

With a user model (``/// @auth.user``) it also describes authentication: the ``bearerAuth``
(JWT access token) and ``refreshCookie`` security schemes, every ``/auth`` route with its
bodies and errors, and per operation the ``security`` its access rule needs (optional on
public operations: a sent token must still be valid), the rule itself (``x-access``, plus
``x-include-access`` and ``x-owner-field`` where they apply) and the 401/403 it may answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Union

from ssot_ast.ts import VALUE, Expression, ModuleRef, ObjectMember, SourceFile, Symbol
from ssot_ast.ts import build as b

from emitters.plan.analysis import (
    INT32_MAX,
    INT32_MIN,
    OWNER,
    PUBLIC,
    SIGNED_IN,
    FieldPlan,
    ModelPlan,
    Presence,
    ProjectPlan,
    Scalar,
    is_uuid_column,
)
from emitters.app.auth_routes import REFRESH_COOKIE
from emitters.artifact import Artifact
from emitters.model.web import include_rule
from emitters.contract import FLOAT_LIMIT

JsonValue = Union[None, bool, int, float, str, list["JsonValue"], dict[str, "JsonValue"]]
JsonObject = dict[str, JsonValue]

OPENAPI_VERSION = "3.1.0"
OPENAPI_MODULE = ModuleRef.file("src/gen/openapi")
OPENAPI_DOCUMENT = Symbol(name="openApiDocument", module=OPENAPI_MODULE, kind=VALUE)
"""The exported document; ``app.ts`` serves it at ``GET /openapi.json``."""
OPENAPI_PATH = "/openapi.json"

MAX_SAFE_INTEGER = 2**53 - 1
INTEGER_TEXT = r"^[+-]?\d+$"
DECIMAL_TEXT = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
BASE64_TEXT = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
JSON_MEDIA = "application/json"

OPERATOR_TEXT = {
    "equals": "equal to",
    "not": "not equal to",
    "in": "one of (comma-separated)",
    "notIn": "none of (comma-separated)",
    "lt": "less than",
    "lte": "at most",
    "gt": "greater than",
    "gte": "at least",
    "contains": "containing",
    "startsWith": "starting with",
    "endsWith": "ending with",
}
LIST_OPERATORS = frozenset({"in", "notIn"})

# status -> (response component, codes the error body carries, description)
ERRORS: dict[int, tuple[str, tuple[str, ...], str]] = {
    400: (
        "BadRequest",
        ("VALIDATION_FAILED", "BAD_REQUEST"),
        "Invalid body, query or path parameter, or malformed JSON; `details` names each problem.",
    ),
    401: (
        "Unauthorized",
        ("UNAUTHORIZED",),
        "No access token where the operation needs one, or an invalid or expired one "
        "(sent anywhere, an invalid token is refused).",
    ),
    403: ("Forbidden", ("FORBIDDEN",), "The signed-in user is not allowed to do this."),
    404: ("NotFound", ("NOT_FOUND",), "No such record."),
    409: (
        "Conflict",
        ("CONFLICT",),
        "Unique constraint violated, or a foreign key that points nowhere "
        "(or a record that is still referenced).",
    ),
    413: ("PayloadTooLarge", ("PAYLOAD_TOO_LARGE",), "The body is larger than 1 MB."),
    429: ("RateLimited", ("RATE_LIMITED",), "Too many requests; retry after `Retry-After`."),
    500: ("InternalError", ("INTERNAL",), "Unexpected failure, logged with the request id."),
}
AUTH_ERRORS = frozenset({401, 403})
"""Statuses (and response components) only an API with a user model has."""
BEARER_SCHEME = "bearerAuth"
REFRESH_SCHEME = "refreshCookie"
ERROR_CODES = (
    "VALIDATION_FAILED",
    "BAD_REQUEST",
    "UNAUTHORIZED",
    "FORBIDDEN",
    "NOT_FOUND",
    "CONFLICT",
    "PAYLOAD_TOO_LARGE",
    "RATE_LIMITED",
    "INTERNAL",
)


def _ref(kind: str, name: str) -> JsonObject:
    return {"$ref": f"#/components/{kind}/{name}"}


class _ComponentNames:
    """Component schema names, unique even when a model is called ``Error`` or ``PostCreate``."""

    def __init__(self, plan: ProjectPlan) -> None:
        self._taken: set[str] = set()
        self.record: dict[str, str] = {}
        self.create: dict[str, str] = {}
        self.update: dict[str, str] = {}
        self.page: dict[str, str] = {}
        for model in plan.models:
            self.record[model.names.model] = self._allocate(model.names.model)
        for model in plan.models:
            name = model.names.model
            self.create[name] = self._allocate(name + "Create")
            self.update[name] = self._allocate(name + "Update")
            self.page[name] = self._allocate(name + "Page")
        self.error = self._allocate("Error")
        self.page_meta = self._allocate("PageMeta")
        self.count = self._allocate("Count")
        self.status = self._allocate("Status")
        if plan.auth is not None:
            self.register = self._allocate("Register")
            self.login = self._allocate("Login")
            self.session = self._allocate("Session")
            self.tokens = self._allocate("AccessToken")

    def _allocate(self, wanted: str) -> str:
        name = wanted
        suffix = 2
        while name in self._taken:
            name = f"{wanted}{suffix}"
            suffix += 1
        self._taken.add(name)
        return name


# -- values ------------------------------------------------------------------------------


def _nullable(schema: JsonObject) -> JsonObject:
    """The same schema, null allowed too: ``type: [T, "null"]`` (and null among enum values)."""
    result = dict(schema)
    kind = result.get("type")
    if isinstance(kind, str):
        result["type"] = [kind, "null"]
    enum = result.get("enum")
    if isinstance(enum, list):
        result["enum"] = [*enum, None]
    return result


UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
"""What Zod's ``z.guid()`` accepts: the value of a uuid column (``@db.Uuid``)."""


def _enum_values(plan: ProjectPlan, field: FieldPlan) -> list[JsonValue]:
    assert field.enum_name is not None
    return [value.name for value in plan.schema.enum(field.enum_name).values]


def _scalar_schema(plan: ProjectPlan, field: FieldPlan, *, output: bool) -> JsonObject:
    """One value of the field's type as JSON carries it (not null, not a list)."""
    scalar = field.scalar
    if scalar is Scalar.STRING:
        schema: JsonObject = {"type": "string"}
        if is_uuid_column(field.field):
            schema["pattern"] = UUID_PATTERN
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
        return schema
    if scalar is Scalar.BOOLEAN:
        return {"type": "boolean"}
    if scalar is Scalar.INT:
        low, high = field.int_range or (INT32_MIN, INT32_MAX)
        return {"type": "integer", "format": "int32", "minimum": low, "maximum": high}
    if scalar is Scalar.FLOAT:
        return {
            "type": "number",
            "format": "double",
            "minimum": -FLOAT_LIMIT,
            "maximum": FLOAT_LIMIT,
        }
    if scalar is Scalar.BIGINT:
        return {
            "type": "string",
            "pattern": r"^-?\d+$" if output else INTEGER_TEXT,
            "description": "A 64-bit integer, as a string of digits.",
        }
    if scalar is Scalar.DECIMAL:
        text = "A decimal number, as a string (no precision lost)."
        if field.decimal_digits is not None:
            precision, scale = field.decimal_digits
            text += f" At most {precision - scale} digits before the point and {scale} after it."
        return {"type": "string", "pattern": DECIMAL_TEXT, "description": text}
    if scalar is Scalar.DATETIME:
        return {"type": "string", "format": "date-time"}
    if scalar is Scalar.JSON:
        return {}
    if scalar is Scalar.BYTES:
        return {"type": "string", "contentEncoding": "base64", "pattern": BASE64_TEXT}
    return {"type": "string", "enum": _enum_values(plan, field)}


def _body_value(plan: ProjectPlan, field: FieldPlan) -> JsonObject:
    """The field in a create or update body: null allowed exactly for optional fields."""
    schema = _scalar_schema(plan, field, output=False)
    if field.is_list:
        return {"type": "array", "items": schema}
    if field.is_optional:
        return _nullable(schema)
    if field.scalar is Scalar.JSON:
        return {"not": {"type": "null"}}
    return schema


def _record_value(plan: ProjectPlan, field: FieldPlan) -> JsonObject:
    schema = _scalar_schema(plan, field, output=True)
    if field.is_list:
        schema = {"type": "array", "items": schema}
    elif field.is_optional:
        schema = _nullable(schema)
    return schema


def _described(schema: JsonObject, *texts: str | None) -> JsonObject:
    parts = [t for t in (schema.get("description"), *texts) if isinstance(t, str) and t]
    if not parts:
        return schema
    return {**schema, "description": " ".join(parts)}


def _id_value(field: FieldPlan) -> JsonObject:
    """A key value inside a body (``tagIds: [1, 2]``), as the Zod schema accepts it."""
    if field.scalar is Scalar.INT:
        return {"type": "integer", "format": "int32", "minimum": INT32_MIN, "maximum": INT32_MAX}
    if field.scalar is Scalar.BIGINT:
        return {"type": "string", "pattern": INTEGER_TEXT}
    return {"type": "string", "minLength": 1}


def _path_value(plan: ProjectPlan, field: FieldPlan) -> JsonObject:
    """A key value in a path segment, as the Zod schema of the path parameters accepts it."""
    if field.scalar is Scalar.INT:
        return {"type": "integer", "format": "int32", "minimum": INT32_MIN, "maximum": INT32_MAX}
    if field.scalar is Scalar.BIGINT:
        return {"type": "string", "pattern": INTEGER_TEXT}
    if field.scalar is Scalar.ENUM:
        return {"type": "string", "enum": _enum_values(plan, field)}
    return {"type": "string", "minLength": 1}


# -- component schemas -------------------------------------------------------------------


def _record_schema(plan: ProjectPlan, model: ModelPlan, names: _ComponentNames) -> JsonObject:
    properties: JsonObject = {}
    for field in model.readable_fields:
        schema = _described(_record_value(plan, field), field.doc)
        if field.server_managed:
            schema["readOnly"] = True
        properties[field.name] = schema
    for relation in model.relations:
        target: JsonObject = _ref("schemas", names.record[relation.target])
        if relation.is_list:
            target = {"type": "array", "items": target}
        elif relation.is_optional:
            target = {"anyOf": [target, {"type": "null"}]}
        properties[relation.name] = {
            **target,
            "description": f"Present with `?include={relation.name}`.",
        }
    schema = {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in model.readable_fields],
        "additionalProperties": False,
    }
    return _described(schema, model.doc)


def _body_schema(
    plan: ProjectPlan, model: ModelPlan, fields: Sequence[FieldPlan], *, create: bool
) -> JsonObject:
    properties: JsonObject = {}
    required: list[JsonValue] = []
    for field in fields:
        schema = _described(_body_value(plan, field), field.doc)
        if not field.readable:
            schema["writeOnly"] = True
        properties[field.name] = schema
        if create and field.create is Presence.REQUIRED:
            required.append(field.name)
    for relation in model.many_to_many:
        if relation.ids_field is None or relation.target_id is None:
            continue
        verb = "Connects" if create else "Replaces the set of"
        properties[relation.ids_field] = {
            "type": "array",
            "items": _id_value(relation.target_id),
            "description": f"{verb} the related {relation.name} by key.",
        }
    body: JsonObject = {"type": "object", "properties": properties}
    if required:
        body["required"] = required
    body["additionalProperties"] = False
    return body


def _page_schema(record: str, meta: str) -> JsonObject:
    return {
        "type": "object",
        "properties": {
            "data": {"type": "array", "items": _ref("schemas", record)},
            "meta": _ref("schemas", meta),
        },
        "required": ["data", "meta"],
        "additionalProperties": False,
    }


def _page_meta_schema() -> JsonObject:
    return {
        "type": "object",
        "properties": {
            "total": {"type": "integer", "minimum": 0, "description": "Records matching."},
            "take": {"type": "integer", "minimum": 1},
            "skip": {"type": "integer", "minimum": 0},
            "nextCursor": {
                "type": ["string", "null"],
                "description": "Pass as `cursor` for the next page; null on the last page.",
            },
        },
        "required": ["total", "take", "skip", "nextCursor"],
        "additionalProperties": False,
    }


def _error_schema() -> JsonObject:
    return {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "code": {"type": "string", "enum": list(ERROR_CODES)},
                    "message": {"type": "string"},
                    "details": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "path": {"type": "string"},
                                "message": {"type": "string"},
                            },
                            "required": ["path", "message"],
                            "additionalProperties": False,
                        },
                    },
                    "requestId": {"type": "string"},
                },
                "required": ["code", "message", "requestId"],
                "additionalProperties": False,
            }
        },
        "required": ["error"],
        "additionalProperties": False,
    }


# -- operations --------------------------------------------------------------------------


def _json_content(schema: JsonObject) -> JsonObject:
    return {JSON_MEDIA: {"schema": schema}}


def _request_id_header() -> JsonObject:
    return {"x-request-id": _ref("headers", "RequestId")}


def _success(description: str, schema: JsonObject | None = None) -> JsonObject:
    response: JsonObject = {"description": description, "headers": _request_id_header()}
    if schema is not None:
        response["content"] = _json_content(schema)
    return response


def _responses(success: dict[str, JsonValue], errors: Sequence[int]) -> JsonObject:
    responses: JsonObject = dict(success)
    for status in errors:
        responses[str(status)] = _ref("responses", ERRORS[status][0])
    return responses


def _error_response(names: _ComponentNames, status: int) -> JsonObject:
    _, codes, description = ERRORS[status]
    headers = _request_id_header()
    if status == 429:
        headers["Retry-After"] = {
            "description": "Seconds until requests are accepted again.",
            "schema": {"type": "integer", "minimum": 0},
        }
    narrowed: JsonObject = {
        "allOf": [
            _ref("schemas", names.error),
            {"properties": {"error": {"properties": {"code": {"enum": list(codes)}}}}},
        ]
    }
    return {"description": description, "headers": headers, "content": _json_content(narrowed)}


def _query(name: str, schema: JsonObject, description: str) -> JsonObject:
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


def _filter_parameters(plan: ProjectPlan, model: ModelPlan) -> JsonObject:
    """``views=5`` (shorthand for equals) and ``views[op]=...`` per operator of each field,
    keyed by their component name (``Post.views.gte``): the list and the count share them."""
    parameters: JsonObject = {}
    stem = model.names.model
    for field in model.filter_fields:
        value = _scalar_schema(plan, field, output=False)
        parameters[f"{stem}.{field.name}"] = _query(
            field.name, value, f"Filter: `{field.name}` equal to the value."
        )
        for op in field.filter_ops:
            if op == "isNull":
                schema: JsonObject = {"type": "boolean"}
                text = f"Filter: `{field.name}` is null (true) or is not null (false)."
            elif op in LIST_OPERATORS:
                schema = {"type": "array", "items": value, "minItems": 1}
                text = f"Filter: `{field.name}` {OPERATOR_TEXT[op]}."
            else:
                schema = value
                text = f"Filter: `{field.name}` {OPERATOR_TEXT[op]} the value."
            if op in ("contains", "startsWith", "endsWith") and plan.case_insensitive_search:
                text += " Case-insensitive."
            parameters[f"{stem}.{field.name}.{op}"] = _query(f"{field.name}[{op}]", schema, text)
    return parameters


def _filter_refs(filters: JsonObject) -> list[JsonValue]:
    return [_ref("parameters", name) for name in filters]


def _include_parameter(model: ModelPlan) -> list[JsonValue]:
    relations = [r.name for r in model.relations]
    if not relations:
        return []
    schema: JsonObject = {
        "type": "array",
        "items": {"type": "string", "enum": list(relations)},
        "minItems": 1,
    }
    text = "Related records to embed (direct relations, comma-separated): " + ", ".join(relations)
    return [_query("include", schema, text + ".")]


def _list_parameters(model: ModelPlan, filters: JsonObject) -> list[JsonValue]:
    parameters = _filter_refs(filters)
    fields = [f.name for f in model.sort_fields]
    keys: list[JsonValue] = [key for name in fields for key in (name, "-" + name)]
    parameters.append(
        _query(
            "sort",
            {"type": "array", "items": {"type": "string", "enum": keys}, "minItems": 1},
            "Sort keys, comma-separated; `-` before a field sorts descending. Fields: "
            + ", ".join(fields)
            + ". Without `sort`: primary key ascending.",
        )
    )
    parameters.append(
        _query(
            "take",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": model.max_page_size,
                "default": model.default_page_size,
            },
            "Page size.",
        )
    )
    parameters.append(
        _query(
            "skip",
            {"type": "integer", "minimum": 0, "maximum": MAX_SAFE_INTEGER, "default": 0},
            "Records to skip.",
        )
    )
    parameters.append(
        _query(
            "cursor",
            {"type": "string", "minLength": 1, "maxLength": 2048},
            "The `meta.nextCursor` of the previous page (keyset pagination).",
        )
    )
    parameters.extend(_include_parameter(model))
    return parameters


def _path_parameters(plan: ProjectPlan, model: ModelPlan) -> list[JsonValue]:
    return [
        {
            "name": field.name,
            "in": "path",
            "required": True,
            "description": f"The record's `{field.name}`.",
            "schema": _path_value(plan, field),
        }
        for field in model.id.fields
    ]


def _links(model: ModelPlan) -> JsonObject:
    """From a created record to the operations on it, by its key fields."""
    n = model.names
    key: JsonObject = {f.name: f"$response.body#/{f.name}" for f in model.id.fields}
    return {
        f"{verb}{n.model}": {
            "operationId": f"{verb.lower()}{n.model}",
            "parameters": dict(key),
            "description": f"{verb} the created {n.camel}.",
        }
        for verb, action in (("Get", "read"), ("Update", "update"), ("Delete", "delete"))
        if model.serves(action)
    }


BEARER: list[JsonValue] = [{BEARER_SCHEME: []}]
OPTIONAL_BEARER: list[JsonValue] = [{}, {BEARER_SCHEME: []}]


def _forbids(rule: Sequence[str]) -> bool:
    """Whether the rule can answer 403: only role names in it (``public``, ``user`` and
    ``owner`` let every signed-in user through, ``owner`` narrowing to their own records)."""
    return not {PUBLIC, SIGNED_IN, OWNER} & set(rule)


def _guard(
    plan: ProjectPlan, model: ModelPlan, action: str, *, includes: bool = False
) -> tuple[JsonObject, tuple[int, ...]]:
    """What an operation says about access: its ``security`` (bearer token required, or
    optional when the rule is public), ``x-access`` (the rule), ``x-include-access`` (the read
    rules ``?include=`` of a relation needs), ``x-owner-field`` when the action is limited to
    the caller's own records; and the 401/403 it may answer. Nothing without a user model."""
    if plan.auth is None or model.access is None:
        return {}, ()
    rule = model.access.rule(action)
    signs_in = PUBLIC not in rule or (action == "create" and model.owner_field is not None)
    forbids = _forbids(rule)
    fields: JsonObject = {
        "security": list(BEARER if signs_in else OPTIONAL_BEARER),
        "x-access": list(rule),
    }
    notes: list[str] = []
    if not signs_in:
        notes.append("Open to everyone; a sent access token must be valid.")
    else:
        notes.append("Access: " + ", ".join(f"`{entry}`" for entry in rule))
        if model.access.owner is not None and OWNER in rule and PUBLIC not in rule:
            admin = plan.auth.admin_role
            fields["x-owner-field"] = model.access.owner
            notes[
                -1
            ] += f" (`owner`: only records whose `{model.access.owner}` is the caller's id" + (
                f"; every record for {admin})" if admin is not None else ")"
            )
        notes[-1] += "."
    if includes:
        guarded: JsonObject = {}
        for relation in model.relations:
            included = include_rule(plan, plan.model(relation.target))
            if included is not None:
                guarded[relation.name] = list(included)
                forbids = forbids or _forbids(included)
        if guarded:
            fields["x-include-access"] = guarded
            notes.append(
                "`?include=` of "
                + ", ".join(f"`{name}`" for name in guarded)
                + " needs the included model's read access (`x-include-access`)."
            )
    auth = plan.auth
    if (
        model.is_auth_user
        and action in ("create", "update")
        and auth.role is not None
        and auth.admin_role is not None
    ):
        forbids = True
        notes.append(f"Only {auth.admin_role} may set `{auth.role}`.")
    return {"description": " ".join(notes), **fields}, (401, 403) if forbids else (401,)


def _model_paths(
    plan: ProjectPlan, model: ModelPlan, names: _ComponentNames, filters: JsonObject
) -> Iterator[tuple[str, JsonObject]]:
    n = model.names
    tags: list[JsonValue] = [n.model]
    record = _ref("schemas", names.record[n.model])
    collection = f"/api/{n.route}"
    item = collection + "".join(f"/{{{f.name}}}" for f in model.id.fields)
    list_guard, list_errors = _guard(plan, model, "list", includes=True)
    list_op: JsonObject = {
        "tags": tags,
        "operationId": f"list{n.plural}",
        "summary": f"List {n.plural_camel} with filters, sort, pagination and include.",
        **list_guard,
        "parameters": _list_parameters(model, filters),
        "responses": _responses(
            {"200": _success("A page of records.", _ref("schemas", names.page[n.model]))},
            (400, *list_errors, 429, 500),
        ),
    }
    create_guard, create_errors = _guard(plan, model, "create")
    create_op: JsonObject = {
        "tags": tags,
        "operationId": f"create{n.model}",
        "summary": f"Create a {n.camel}.",
        **create_guard,
        "requestBody": {
            "required": True,
            "content": _json_content(_ref("schemas", names.create[n.model])),
        },
        "responses": _responses(
            {
                "201": {
                    "description": "The created record.",
                    "headers": {
                        **_request_id_header(),
                        "Location": {
                            "description": "The URL of the created record.",
                            "schema": {"type": "string"},
                        },
                    },
                    "content": _json_content(record),
                    "links": _links(model),
                }
            },
            (400, *create_errors, 409, 413, 429, 500),
        ),
    }
    count_guard, count_errors = _guard(plan, model, "list")
    count_op: JsonObject = {
        "tags": tags,
        "operationId": f"count{n.plural}",
        "summary": f"Count {n.plural_camel} matching the same filters as the list.",
        **count_guard,
        "parameters": _filter_refs(filters),
        "responses": _responses(
            {"200": _success("The number of matching records.", _ref("schemas", names.count))},
            (400, *count_errors, 429, 500),
        ),
    }
    get_guard, get_errors = _guard(plan, model, "read", includes=True)
    get_op: JsonObject = {
        "tags": tags,
        "operationId": f"get{n.model}",
        "summary": f"One {n.camel} by key.",
        **get_guard,
        "parameters": _include_parameter(model),
        "responses": _responses(
            {"200": _success("The record.", record)}, (400, *get_errors, 404, 429, 500)
        ),
    }
    update_guard, update_errors = _guard(plan, model, "update")
    update_op: JsonObject = {
        "tags": tags,
        "operationId": f"update{n.model}",
        "summary": f"Update some fields of a {n.camel}.",
        **update_guard,
        "requestBody": {
            "required": True,
            "content": _json_content(_ref("schemas", names.update[n.model])),
        },
        "responses": _responses(
            {"200": _success("The updated record.", record)},
            (400, *update_errors, 404, 409, 413, 429, 500),
        ),
    }
    delete_guard, delete_errors = _guard(plan, model, "delete")
    delete_op: JsonObject = {
        "tags": tags,
        "operationId": f"delete{n.model}",
        "summary": f"Delete a {n.camel}.",
        **delete_guard,
        "responses": _responses(
            {"204": _success("Deleted.")}, (400, *delete_errors, 404, 409, 429, 500)
        ),
    }
    if not get_op["parameters"]:
        del get_op["parameters"]
    yield collection, {"get": list_op, **({"post": create_op} if model.serves("create") else {})}
    yield collection + "/count", {"get": count_op}
    yield item, {
        "parameters": _path_parameters(plan, model),
        "get": get_op,
        **({"patch": update_op} if model.serves("update") else {}),
        **({"delete": delete_op} if model.serves("delete") else {}),
    }


# -- /auth -------------------------------------------------------------------------------


def _auth_schemas(plan: ProjectPlan, names: _ComponentNames) -> JsonObject:
    """The bodies of /auth: register (the user's create body without the role, plus the
    password), login, and the session and token answers."""
    auth = plan.auth
    user = plan.auth_model
    assert auth is not None and user is not None
    register = _body_schema(plan, user, user.create_fields, create=True)
    properties = dict(_obj(register["properties"]))
    required = [r for r in _list(register.get("required", [])) if r != auth.role]
    if auth.role is not None:
        properties.pop(auth.role, None)
    properties["password"] = {
        "type": "string",
        "minLength": 8,
        "maxLength": 256,
        "writeOnly": True,
        "description": "The password in clear; only its hash is stored.",
    }
    required.append("password")
    token: JsonObject = {
        "accessToken": {
            "type": "string",
            "description": "A JWT: send it as `Authorization: Bearer <accessToken>`.",
        },
        "tokenType": {"type": "string", "enum": ["Bearer"]},
        "expiresIn": {
            "type": "integer",
            "minimum": 1,
            "description": "Seconds the access token is valid for.",
        },
    }
    return {
        names.register: {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        },
        names.login: {
            "type": "object",
            "properties": {
                auth.identifier: {"type": "string", "minLength": 1},
                "password": {"type": "string", "minLength": 1, "maxLength": 256},
            },
            "required": [auth.identifier, "password"],
            "additionalProperties": False,
        },
        names.session: {
            "type": "object",
            "properties": {"user": _ref("schemas", names.record[auth.model]), **token},
            "required": ["user", "accessToken", "tokenType", "expiresIn"],
            "additionalProperties": False,
        },
        names.tokens: {
            "type": "object",
            "properties": token,
            "required": ["accessToken", "tokenType", "expiresIn"],
            "additionalProperties": False,
        },
    }


def _obj(value: JsonValue) -> JsonObject:
    assert isinstance(value, dict)
    return value


def _list(value: JsonValue) -> list[JsonValue]:
    assert isinstance(value, list)
    return value


def _security_schemes() -> JsonObject:
    return {
        BEARER_SCHEME: {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "The `accessToken` of /auth/register, /auth/login or /auth/refresh.",
        },
        REFRESH_SCHEME: {
            "type": "apiKey",
            "in": "cookie",
            "name": REFRESH_COOKIE,
            "description": "The refresh token /auth sets (HttpOnly, Secure, SameSite=Strict, "
            "path /auth); each works once.",
        },
    }


def _auth_paths(plan: ProjectPlan, names: _ComponentNames) -> Iterator[tuple[str, JsonObject]]:
    auth = plan.auth
    assert auth is not None
    tags: list[JsonValue] = ["Auth"]
    session = _ref("schemas", names.session)
    cookie_set: JsonObject = {
        "Set-Cookie": {
            "description": f"`{REFRESH_COOKIE}`: the new refresh token (HttpOnly, Secure, "
            "SameSite=Strict, path /auth).",
            "schema": {"type": "string"},
        }
    }

    def session_answer(description: str, schema: JsonObject) -> JsonObject:
        return {
            "description": description,
            "headers": {**_request_id_header(), **cookie_set},
            "content": _json_content(schema),
        }

    def body(name: str) -> JsonObject:
        return {"required": True, "content": _json_content(_ref("schemas", name))}

    yield "/auth/register", {
        "post": {
            "tags": tags,
            "operationId": "register",
            "summary": "Create an account and sign in.",
            "description": (
                f"The new user gets the default `{auth.role}`; identifiers listed in "
                f"AUTH_ADMINS get {auth.admin_role}."
                if auth.role is not None and auth.admin_role is not None
                else "Creates the user and starts a session."
            ),
            "security": [],
            "requestBody": body(names.register),
            "responses": _responses(
                {"201": session_answer("Signed up: the user and an access token.", session)},
                (400, 409, 413, 429, 500),
            ),
        }
    }
    yield "/auth/login", {
        "post": {
            "tags": tags,
            "operationId": "login",
            "summary": f"Sign in with {auth.identifier} and password.",
            "security": [],
            "requestBody": body(names.login),
            "responses": _responses(
                {"200": session_answer("Signed in: the user and an access token.", session)},
                (400, 401, 413, 429, 500),
            ),
        }
    }
    yield "/auth/refresh", {
        "post": {
            "tags": tags,
            "operationId": "refresh",
            "summary": "A new access token for the refresh cookie, which is replaced.",
            "description": "Each refresh token works once; presenting a used one again ends "
            "every session of its user (401).",
            "security": [{REFRESH_SCHEME: []}],
            "responses": _responses(
                {
                    "200": session_answer(
                        "A new access token (and refresh cookie).", _ref("schemas", names.tokens)
                    )
                },
                (400, 401, 413, 429, 500),
            ),
        }
    }
    yield "/auth/logout", {
        "post": {
            "tags": tags,
            "operationId": "logout",
            "summary": "End the session of the refresh cookie (if any) and clear the cookie.",
            "security": [{}, {REFRESH_SCHEME: []}],
            "responses": _responses({"204": _success("Signed out.")}, (400, 413, 429, 500)),
        }
    }
    yield "/auth/me", {
        "get": {
            "tags": tags,
            "operationId": "me",
            "summary": "The signed-in user.",
            "security": list(BEARER),
            "responses": _responses(
                {"200": _success("The user.", _ref("schemas", names.record[auth.model]))},
                (401, 429, 500),
            ),
        }
    }


def _probe_paths(names: _ComponentNames, *, auth: bool) -> Iterator[tuple[str, JsonObject]]:
    """The probes and this document, open to everyone (``security: []`` with a user model)."""
    status = _ref("schemas", names.status)
    open_: JsonObject = {"security": []} if auth else {}
    yield "/health", {
        "get": {
            "tags": ["Probes"],
            "operationId": "health",
            "summary": "The process is alive.",
            **open_,
            "responses": {"200": _success("Alive.", status)},
        }
    }
    yield "/ready", {
        "get": {
            "tags": ["Probes"],
            "operationId": "ready",
            "summary": "The database answers.",
            **open_,
            "responses": {
                "200": _success("Ready.", status),
                "503": _success("The database does not answer.", status),
            },
        }
    }
    yield OPENAPI_PATH, {
        "get": {
            "tags": ["Probes"],
            "operationId": "openApiDocument",
            "summary": "This document.",
            **open_,
            "responses": {"200": _success("The OpenAPI document.", {"type": "object"})},
        }
    }


def openapi_document(plan: ProjectPlan) -> JsonObject:
    """The OpenAPI 3.1 document of the API generated for ``plan``, as JSON-ready data."""
    from emitters.project.files import package_name

    names = _ComponentNames(plan)
    paths: JsonObject = dict(_probe_paths(names, auth=plan.auth is not None))
    if plan.auth is not None:
        paths.update(_auth_paths(plan, names))
    schemas: JsonObject = {}
    parameters: JsonObject = {}
    for model in plan.models:
        filters = _filter_parameters(plan, model)
        parameters.update(filters)
        paths.update(_model_paths(plan, model, names, filters))
        key = model.names.model
        schemas[names.record[key]] = _record_schema(plan, model, names)
        if model.serves("create"):
            schemas[names.create[key]] = _body_schema(plan, model, model.create_fields, create=True)
        if model.serves("update"):
            schemas[names.update[key]] = _body_schema(
                plan, model, model.update_fields, create=False
            )
        schemas[names.page[key]] = _page_schema(names.record[key], names.page_meta)
    schemas[names.page_meta] = _page_meta_schema()
    schemas[names.count] = {
        "type": "object",
        "properties": {"count": {"type": "integer", "minimum": 0}},
        "required": ["count"],
        "additionalProperties": False,
    }
    schemas[names.status] = {
        "type": "object",
        "properties": {"status": {"type": "string", "enum": ["ok", "unavailable"]}},
        "required": ["status"],
        "additionalProperties": False,
    }
    schemas[names.error] = _error_schema()
    if plan.auth is not None:
        schemas.update(_auth_schemas(plan, names))
    tags: list[JsonValue] = [
        {"name": m.names.model, **({"description": m.doc} if m.doc else {})} for m in plan.models
    ]
    if plan.auth is not None:
        tags.append(
            {
                "name": "Auth",
                "description": f"Sign-up, sign-in and sessions of {plan.auth.model} "
                "(bearer access tokens, refresh cookie).",
            }
        )
    tags.append({"name": "Probes", "description": "Health checks and this document."})
    statuses = [s for s in sorted(ERRORS) if plan.auth is not None or s not in AUTH_ERRORS]
    components: JsonObject = {
        "schemas": schemas,
        "parameters": parameters,
        "responses": {ERRORS[status][0]: _error_response(names, status) for status in statuses},
        "headers": {
            "RequestId": {
                "description": "The request's id (the client's own when it sent a plain one).",
                "required": True,
                "schema": {"type": "string"},
            }
        },
    }
    if plan.auth is not None:
        components["securitySchemes"] = _security_schemes()
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": package_name(plan),
            "version": "0.1.0",
            "description": "REST API over the models of prisma/schema.prisma. Errors always "
            'have the shape {"error": {"code", "message", "details"?, "requestId"}}.',
        },
        "tags": tags,
        "paths": paths,
        "components": components,
    }


# -- TypeScript --------------------------------------------------------------------------


def to_expression(value: JsonValue) -> Expression:
    """A JSON-like Python value as a TypeScript literal: objects (keys quoted where needed),
    arrays, strings, finite numbers, booleans and null."""
    if value is None:
        return b.null
    if isinstance(value, bool):
        return b.true_ if value else b.false_
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{value} has no JSON literal")
        if isinstance(value, int) and abs(value) > MAX_SAFE_INTEGER:
            raise ValueError(f"{value} is not exact as a JavaScript number")
        return b.num(value)
    if isinstance(value, str):
        return b.str_(value)
    if isinstance(value, list):
        return b.arr(*(to_expression(item) for item in value))
    members: list[ObjectMember] = []
    for key, item in value.items():
        if key == "__proto__":
            # A plain `__proto__:` would set the prototype; a computed key defines a property.
            members.append(b.prop(b.str_(key), to_expression(item)))
        else:
            members.append(b.prop(key, to_expression(item)))
    return b.obj(*members)


def emit(plan: ProjectPlan) -> list[Artifact]:
    document = b.const(
        OPENAPI_DOCUMENT.name,
        b.as_const(to_expression(openapi_document(plan))),
        export=True,
        doc="The OpenAPI 3.1 document of this API, served at `GET /openapi.json`.",
    )
    source = SourceFile(
        path=OPENAPI_MODULE.name + ".ts",
        statements=(document,),
        header="@generated by ssot-codegen. The OpenAPI 3.1 document: every route, "
        "parameter, body and response of the API.",
    )
    return [Artifact(path=source.path, source=source)]
