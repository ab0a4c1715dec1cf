"""The pieces of an OpenAPI operation: responses (success and error), path parameters, links
from a created record, and what an operation says about access (``security``, ``x-access``...).
The query parameters are in ``parameters``."""

from __future__ import annotations

from collections.abc import Sequence

from emitters.plan.api_access import ApiAccess
from emitters.app.openapi.values import (
    API_TOKEN_SCHEME,
    BEARER_SCHEME,
    ERRORS,
    JSON_MEDIA,
    ComponentNames,
    JsonObject,
    JsonValue,
    path_value,
    ref,
)
from emitters.plan.access import include_rule, public_view
from emitters.plan.plans import OWNER, PUBLIC, SIGNED_IN, ModelPlan, ProjectPlan


def json_content(schema: JsonObject) -> JsonObject:
    """A JSON body of this schema."""
    return {JSON_MEDIA: {"schema": schema}}


def request_id_header() -> JsonObject:
    """The ``x-request-id`` header every answer carries."""
    return {"x-request-id": ref("headers", "RequestId")}


def success(description: str, schema: JsonObject | None = None) -> JsonObject:
    """A success answer, with a JSON body of `schema` if given."""
    response: JsonObject = {"description": description, "headers": request_id_header()}
    if schema is not None:
        response["content"] = json_content(schema)
    return response


def responses(answers: dict[str, JsonValue], errors: Sequence[int]) -> JsonObject:
    """The success answers, then a ``$ref`` to the error response of each status."""
    result: JsonObject = dict(answers)
    for status in errors:
        result[str(status)] = ref("responses", ERRORS[status][0])
    return result


def error_response(names: ComponentNames, status: int) -> JsonObject:
    """The response component of an error status: the error shape, its codes narrowed."""
    _, codes, description = ERRORS[status]
    headers = request_id_header()
    if status == 429:
        headers["Retry-After"] = {
            "description": "Seconds until requests are accepted again.",
            "schema": {"type": "integer", "minimum": 0},
        }
    narrowed: JsonObject = {
        "allOf": [
            ref("schemas", names.error),
            {"properties": {"error": {"properties": {"code": {"enum": list(codes)}}}}},
        ]
    }
    return {"description": description, "headers": headers, "content": json_content(narrowed)}


def path_parameters(plan: ProjectPlan, model: ModelPlan) -> list[JsonValue]:
    """One path parameter per key field."""
    return [
        {
            "name": field.name,
            "in": "path",
            "required": True,
            "description": f"The record's `{field.name}`.",
            "schema": path_value(plan, field),
        }
        for field in model.id.fields
    ]


def links(model: ModelPlan) -> JsonObject:
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


def _rule_note(plan: ProjectPlan, model: ModelPlan, rule: Sequence[str]) -> tuple[str, JsonObject]:
    """The description's sentence about a rule that needs a token, and ``x-owner-field``
    when the action is limited to the caller's own records."""
    assert plan.auth is not None and model.access is not None
    note = "Access: " + ", ".join(f"`{entry}`" for entry in rule)
    owner = model.access.owner
    if owner is None or OWNER not in rule or PUBLIC in rule:
        return note + ".", {}
    admin = plan.auth.admin_role
    note += f" (`owner`: only records whose `{owner}` is the caller's id" + (
        f"; every record for {admin})" if admin is not None else ")"
    )
    return note + ".", {"x-owner-field": owner}


def _include_access(plan: ProjectPlan, model: ModelPlan) -> tuple[JsonObject, bool]:
    """``x-include-access``: the read rule each guarded ``?include=`` needs; and whether
    one of them can answer 403."""
    guarded: JsonObject = {}
    forbids = False
    for relation in model.relations:
        included = include_rule(plan, plan.model(relation.target))
        if included is not None:
            guarded[relation.name] = list(included)
            # With @public fields, other callers get those instead of a 403.
            narrowed = bool(public_view(plan.model(relation.target)))
            forbids = forbids or (_forbids(included) and not narrowed)
    return guarded, forbids


def _sets_role(plan: ProjectPlan, model: ModelPlan, action: str) -> bool:
    """Whether the action writes the user's role, which only the admin role may set."""
    auth = plan.auth
    return (
        auth is not None
        and model.is_auth_user
        and action in ("create", "update")
        and auth.role is not None
        and auth.admin_role is not None
    )


def _api_token_guard(plan: ProjectPlan, action: str) -> tuple[JsonObject, tuple[int, ...]]:
    """The API token an operation of an API without users needs (`requireApiToken`)."""
    reads = action in ("read", "list")
    if not plan.access.needs_token or (reads and plan.access is ApiAccess.PUBLIC_READS):
        return {}, ()
    return {
        "description": "Needs the API token: `Authorization: Bearer <API_TOKEN>`.",
        "security": [{API_TOKEN_SCHEME: []}],
    }, (401,)


def guard(
    plan: ProjectPlan, model: ModelPlan, action: str, *, includes: bool = False
) -> tuple[JsonObject, tuple[int, ...]]:
    """What an operation says about access: its ``security`` (bearer token required, or
    optional when the rule is public), ``x-access`` (the rule), ``x-include-access`` (the read
    rules ``?include=`` of a relation needs), ``x-owner-field`` when the action is limited to
    the caller's own records; and the 401/403 it may answer. Without a user model: the API
    token where the app asks for it, else nothing."""
    if plan.auth is None or model.access is None:
        return _api_token_guard(plan, action)
    rule = model.access.rule(action)
    signs_in = PUBLIC not in rule or (action == "create" and model.owner_field is not None)
    forbids = _forbids(rule)
    fields: JsonObject = {
        "security": list(BEARER if signs_in else OPTIONAL_BEARER),
        "x-access": list(rule),
    }
    if signs_in:
        note, owner_field = _rule_note(plan, model, rule)
        fields.update(owner_field)
    else:
        note = "Open to everyone; a sent access token must be valid."
    notes = [note]
    if includes:
        guarded, include_forbids = _include_access(plan, model)
        forbids = forbids or include_forbids
        if guarded:
            fields["x-include-access"] = guarded
            notes.append(
                "`?include=` of "
                + ", ".join(f"`{name}`" for name in guarded)
                + " needs the included model's read access (`x-include-access`)."
            )
    if _sets_role(plan, model, action):
        forbids = True
        notes.append(f"Only {plan.auth.admin_role} may set `{plan.auth.role}`.")
    return {"description": " ".join(notes), **fields}, (401, 403) if forbids else (401,)
