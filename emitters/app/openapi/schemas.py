"""The component schemas of the OpenAPI document: per model the record, the create and
update bodies and the list page; the page meta, count, status and error shapes; the bodies
of ``/auth``; and the security schemes."""

from __future__ import annotations

from collections.abc import Sequence

from emitters.app.auth_routes import REFRESH_COOKIE
from emitters.app.openapi.values import (
    API_TOKEN_SCHEME,
    BEARER_SCHEME,
    ERROR_CODES,
    REFRESH_SCHEME,
    ComponentNames,
    JsonObject,
    JsonValue,
    body_value,
    described,
    id_value,
    record_value,
    ref,
)
from emitters.plan.plans import FieldPlan, ModelPlan, Presence, ProjectPlan


def _record_schema(plan: ProjectPlan, model: ModelPlan, names: ComponentNames) -> JsonObject:
    """A record as reads return it: readable fields (server-managed ones read-only),
    relations present when included."""
    properties: JsonObject = {}
    for field in model.readable_fields:
        schema = described(record_value(plan, field), field.doc)
        if field.server_managed:
            schema["readOnly"] = True
        properties[field.name] = schema
    for relation in model.relations:
        target: JsonObject = ref("schemas", names.record[relation.target])
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
    return described(schema, model.doc)


def _body_schema(
    plan: ProjectPlan, model: ModelPlan, fields: Sequence[FieldPlan], *, create: bool
) -> JsonObject:
    """A create or update body: the writable `fields` (required ones only on create) and the
    ``<relation>Ids`` of implicit many-to-many relations; nothing else."""
    properties: JsonObject = {}
    required: list[JsonValue] = []
    for field in fields:
        schema = described(body_value(plan, field), field.doc)
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
            "items": id_value(relation.target_id),
            "description": f"{verb} the related {relation.name} by key.",
        }
    body: JsonObject = {"type": "object", "properties": properties}
    if required:
        body["required"] = required
    body["additionalProperties"] = False
    return body


def _shared_body(create: JsonObject, update: JsonObject | None, update_name: str) -> JsonObject:
    """The create body as the update body plus its required fields, when both have the same
    properties; else the create body as it is."""
    if update is None or create["properties"] != update["properties"]:
        return create
    if "required" not in create:
        return ref("schemas", update_name)
    return {"allOf": [ref("schemas", update_name), {"required": create["required"]}]}


def _page_schema(record: str, meta: str) -> JsonObject:
    """A list page: ``data`` (records) and ``meta``."""
    return {
        "type": "object",
        "properties": {
            "data": {"type": "array", "items": ref("schemas", record)},
            "meta": ref("schemas", meta),
        },
        "required": ["data", "meta"],
        "additionalProperties": False,
    }


def _page_meta_schema() -> JsonObject:
    """A page's ``meta``: total, take, skip and the next cursor."""
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
    """The error body every failure answers with."""
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


# -- /auth -------------------------------------------------------------------------------


def _closed_object(properties: JsonObject, required: list[JsonValue]) -> JsonObject:
    """An object of exactly these properties."""
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _register_schema(plan: ProjectPlan) -> JsonObject:
    """The body of /auth/register: the user's create body without the role, plus the
    password."""
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
    return _closed_object(properties, required)


def _login_schema(plan: ProjectPlan) -> JsonObject:
    """The body of /auth/login: the identifier and the password."""
    assert plan.auth is not None
    identifier = plan.auth.identifier
    properties: JsonObject = {
        identifier: {"type": "string", "minLength": 1},
        "password": {"type": "string", "minLength": 1, "maxLength": 256},
    }
    return _closed_object(properties, [identifier, "password"])


def _token_properties() -> JsonObject:
    """The access token of a session answer, its type and lifetime."""
    return {
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


def _session_schema(plan: ProjectPlan, names: ComponentNames) -> JsonObject:
    """The answer of register and login: the user and an access token."""
    assert plan.auth is not None
    user = ref("schemas", names.record[plan.auth.model])
    properties: JsonObject = {"user": user, **_token_properties()}
    return _closed_object(properties, ["user", "accessToken", "tokenType", "expiresIn"])


def _tokens_schema() -> JsonObject:
    """The answer of refresh: an access token."""
    return _closed_object(_token_properties(), ["accessToken", "tokenType", "expiresIn"])


def _auth_schemas(plan: ProjectPlan, names: ComponentNames) -> JsonObject:
    """The bodies of /auth: register, login, and the session and token answers."""
    return {
        names.register: _register_schema(plan),
        names.login: _login_schema(plan),
        names.session: _session_schema(plan, names),
        names.tokens: _tokens_schema(),
    }


def _obj(value: JsonValue) -> JsonObject:
    """`value`, known to be an object."""
    assert isinstance(value, dict)
    return value


def _list(value: JsonValue) -> list[JsonValue]:
    """`value`, known to be an array."""
    assert isinstance(value, list)
    return value


def api_token_scheme() -> JsonObject:
    """``apiToken``: the bearer token of an API without users (API_TOKEN)."""
    return {
        API_TOKEN_SCHEME: {
            "type": "http",
            "scheme": "bearer",
            "description": "The API_TOKEN the server runs with (an API without a user model).",
        }
    }


def security_schemes() -> JsonObject:
    """``bearerAuth`` (the access token) and ``refreshCookie`` (the refresh token)."""
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


def _count_schema() -> JsonObject:
    """The answer of ``/count``."""
    return _closed_object({"count": {"type": "integer", "minimum": 0}}, ["count"])


def _status_schema() -> JsonObject:
    """The answer of the probes."""
    status: JsonObject = {"type": "string", "enum": ["ok", "unavailable"]}
    return _closed_object({"status": status}, ["status"])


def component_schemas(plan: ProjectPlan, names: ComponentNames) -> JsonObject:
    """Every component schema: per model its record, bodies and page; then the page meta,
    count, status and error shapes; then the bodies of /auth."""
    schemas: JsonObject = {}
    for model in plan.models:
        key = model.names.model
        schemas[names.record[key]] = _record_schema(plan, model, names)
        update: JsonObject | None = None
        if model.serves("update"):
            update = _body_schema(plan, model, model.update_fields, create=False)
            schemas[names.update[key]] = update
        if model.serves("create"):
            create = _body_schema(plan, model, model.create_fields, create=True)
            schemas[names.create[key]] = _shared_body(create, update, names.update[key])
        schemas[names.page[key]] = _page_schema(names.record[key], names.page_meta)
    schemas[names.page_meta] = _page_meta_schema()
    schemas[names.count] = _count_schema()
    schemas[names.status] = _status_schema()
    schemas[names.error] = _error_schema()
    if plan.auth is not None:
        schemas.update(_auth_schemas(plan, names))
    return schemas
