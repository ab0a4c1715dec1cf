"""The vocabulary of the OpenAPI document: JSON types, ``$ref``s, component names, the error
statuses, and the JSON Schema of one field's value (in a body, a record, a path)."""

from __future__ import annotations

from typing import Union

from emitters.contract import FLOAT_LIMIT
from emitters.plan.fields import INT32_MAX, INT32_MIN, is_uuid_column
from emitters.plan.plans import FieldPlan, ProjectPlan, Scalar

JsonValue = Union[None, bool, int, float, str, list["JsonValue"], dict[str, "JsonValue"]]
JsonObject = dict[str, JsonValue]

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
        "No token where the operation needs one (the access token, or the API token of an "
        "API without users), or an invalid or expired one.",
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
API_TOKEN_SCHEME = "apiToken"
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


def ref(kind: str, name: str) -> JsonObject:
    """``{"$ref": "#/components/<kind>/<name>"}``."""
    return {"$ref": f"#/components/{kind}/{name}"}


class ComponentNames:
    """Component schema names, unique even when a model is called ``Error`` or ``PostCreate``.
    A record's, a page's and the count's schema name also names their success response
    (``components/responses``), so the error responses' names and ``Deleted`` are reserved."""

    def __init__(self, plan: ProjectPlan) -> None:
        self._taken: set[str] = {name for name, _, _ in ERRORS.values()}
        self.deleted = "Deleted"
        self._taken.add(self.deleted)
        self.record: dict[str, str] = {}
        self.create: dict[str, str] = {}
        self.update: dict[str, str] = {}
        self.page: dict[str, str] = {}
        for model in plan.models:
            self.record[model.names.model] = self.allocate(model.names.model)
        for model in plan.models:
            name = model.names.model
            self.create[name] = self.allocate(name + "Create")
            self.update[name] = self.allocate(name + "Update")
            self.page[name] = self.allocate(name + "Page")
        self.error = self.allocate("Error")
        self.page_meta = self.allocate("PageMeta")
        self.count = self.allocate("Count")
        self.status = self.allocate("Status")
        if plan.auth is not None:
            self.register = self.allocate("Register")
            self.login = self.allocate("Login")
            self.session = self.allocate("Session")
            self.tokens = self.allocate("AccessToken")

    def allocate(self, wanted: str) -> str:
        """A schema name not taken yet: `wanted`, else `wanted` with the first free number."""
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
    """The values of the field's enum, in declaration order."""
    assert field.enum_name is not None
    return [value.name for value in plan.schema.enum(field.enum_name).values]


def scalar_schema(plan: ProjectPlan, field: FieldPlan, *, output: bool) -> JsonObject:
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


RULE_FORMATS = {"email": "email", "url": "uri", "uuid": "uuid"}


def with_rules(field: FieldPlan, schema: JsonObject) -> JsonObject:
    """A body value's schema with the field's validation rules: minimum/maximum (Int and Float
    as numbers; BigInt and Decimal, sent as text, in the description), minLength/maxLength,
    format and pattern."""
    rules = field.rules
    out = dict(schema)
    if field.scalar in (Scalar.INT, Scalar.FLOAT):
        for key, bound, pick in (("minimum", rules.minimum, max), ("maximum", rules.maximum, min)):
            if bound is not None:
                value = float(bound) if field.scalar is Scalar.FLOAT else int(bound)
                current = out.get(key)
                out[key] = pick(value, current) if isinstance(current, (int, float)) else value
    elif field.scalar in (Scalar.BIGINT, Scalar.DECIMAL):
        words = [f"at least {rules.minimum}" if rules.minimum is not None else ""]
        words.append(f"at most {rules.maximum}" if rules.maximum is not None else "")
        text = " and ".join(w for w in words if w)
        if text:
            out = described(out, f"Must be {text}.")
    elif field.scalar is Scalar.STRING and not is_uuid_column(field.field):
        if rules.min_length is not None:
            out["minLength"] = rules.min_length
        if rules.max_length is not None:
            current = out.get("maxLength")
            longest = rules.max_length
            out["maxLength"] = min(longest, current) if isinstance(current, int) else longest
        if rules.format is not None:
            out["format"] = RULE_FORMATS[rules.format]
        if rules.pattern is not None:
            out["pattern"] = rules.pattern
        changes = [w for w, on in (("trimmed", rules.trim), ("lower-cased", rules.lowercase)) if on]
        if changes:
            out = described(out, f"Stored {' and '.join(changes)}; the rules apply after that.")
    return out


def body_value(plan: ProjectPlan, field: FieldPlan) -> JsonObject:
    """The field in a create or update body: null allowed exactly for optional fields."""
    schema = with_rules(field, scalar_schema(plan, field, output=False))
    if field.is_list:
        return {"type": "array", "items": schema}
    if field.is_optional:
        return _nullable(schema)
    if field.scalar is Scalar.JSON:
        return {"not": {"type": "null"}}
    return schema


def record_value(plan: ProjectPlan, field: FieldPlan) -> JsonObject:
    """The field in a record: null for an optional field."""
    schema = scalar_schema(plan, field, output=True)
    if field.is_list:
        schema = {"type": "array", "items": schema}
    elif field.is_optional:
        schema = _nullable(schema)
    return schema


def described(schema: JsonObject, *texts: str | None) -> JsonObject:
    """The schema with `texts` appended to its description (unchanged when there are none)."""
    parts = [t for t in (schema.get("description"), *texts) if isinstance(t, str) and t]
    if not parts:
        return schema
    return {**schema, "description": " ".join(parts)}


def id_value(field: FieldPlan) -> JsonObject:
    """A key value inside a body (``tagIds: [1, 2]``), as the Zod schema accepts it."""
    if field.scalar is Scalar.INT:
        return {"type": "integer", "format": "int32", "minimum": INT32_MIN, "maximum": INT32_MAX}
    if field.scalar is Scalar.BIGINT:
        return {"type": "string", "pattern": INTEGER_TEXT}
    return {"type": "string", "minLength": 1}


def path_value(plan: ProjectPlan, field: FieldPlan) -> JsonObject:
    """A key value in a path segment, as the Zod schema of the path parameters accepts it."""
    if field.scalar is Scalar.INT:
        return {"type": "integer", "format": "int32", "minimum": INT32_MIN, "maximum": INT32_MAX}
    if field.scalar is Scalar.BIGINT:
        return {"type": "string", "pattern": INTEGER_TEXT}
    if field.scalar is Scalar.ENUM:
        return {"type": "string", "enum": _enum_values(plan, field)}
    return {"type": "string", "minLength": 1}
