"""The OpenAPI document as data (``openapi_document``), its text (``document_text``) and the
``openapi.json`` data file of the project (``emit``)."""

from __future__ import annotations

import json

from emitters.app.openapi.operations import error_response, success
from emitters.app.openapi.parameters import QueryParameters, filters_text
from emitters.app.openapi.paths import auth_paths, model_paths, probe_paths
from emitters.app.openapi.schemas import api_token_scheme, component_schemas, security_schemes
from emitters.app.openapi.values import (
    AUTH_ERRORS,
    ERRORS,
    MAX_SAFE_INTEGER,
    ComponentNames,
    JsonObject,
    JsonValue,
    ref,
)
from emitters.artifact import Artifact
from emitters.plan.plans import ProjectPlan

OPENAPI_VERSION = "3.1.0"
OPENAPI_FILE = "openapi.json"
"""The document's file, at the project root (``src/gen/http/openapi.ts`` finds it there)."""


def _info(plan: ProjectPlan) -> JsonObject:
    """The API's title (the package name), version and error convention."""
    from emitters.project.files import package_name

    return {
        "title": package_name(plan),
        "version": "0.1.0",
        "description": "REST API over the models of prisma/schema.prisma. Errors always "
        'have the shape {"error": {"code", "message", "details"?, "requestId"}}. '
        + filters_text(plan),
    }


def _tags(plan: ProjectPlan) -> list[JsonValue]:
    """One tag per model (its documentation as description), then Auth and Probes."""
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
    return tags


def _paths(plan: ProjectPlan, names: ComponentNames, query: QueryParameters) -> JsonObject:
    """The probes, the /auth routes, then every model's paths."""
    paths: JsonObject = dict(probe_paths(names, auth=plan.auth is not None))
    if plan.auth is not None:
        paths.update(auth_paths(plan, names))
    for model in plan.models:
        paths.update(model_paths(plan, model, names, query))
    return paths


def _success_responses(plan: ProjectPlan, names: ComponentNames) -> JsonObject:
    """The success answers operations share: per model the record (get, update) and the
    page (list), named like their schemas; the count; a delete's 204."""
    answers: JsonObject = {}
    for model in plan.models:
        key = model.names.model
        answers[names.record[key]] = success("The record.", ref("schemas", names.record[key]))
        answers[names.page[key]] = success("A page of records.", ref("schemas", names.page[key]))
    answers[names.count] = success("The number of matching records.", ref("schemas", names.count))
    answers[names.deleted] = success("Deleted.")
    return answers


def _components(plan: ProjectPlan, names: ComponentNames, query: QueryParameters) -> JsonObject:
    """Schemas (the filters' among them), the query parameters, the error responses, the
    request-id header and, with a user model, the security schemes."""
    statuses = [
        s
        for s in sorted(ERRORS)
        if plan.auth is not None or s not in AUTH_ERRORS or (s == 401 and plan.access.needs_token)
    ]
    components: JsonObject = {
        "schemas": {**component_schemas(plan, names), **query.schemas},
        "parameters": query.components,
        "responses": {
            **{ERRORS[status][0]: error_response(names, status) for status in statuses},
            **_success_responses(plan, names),
        },
        "headers": {
            "RequestId": {
                "description": "The request's id (the client's own when it sent a plain one).",
                "required": True,
                "schema": {"type": "string"},
            }
        },
    }
    if plan.auth is not None:
        components["securitySchemes"] = security_schemes()
    elif plan.access.needs_token:
        components["securitySchemes"] = api_token_scheme()
    return components


def openapi_document(plan: ProjectPlan) -> JsonObject:
    """The OpenAPI 3.1 document of the API generated for ``plan``, as JSON-ready data."""
    names = ComponentNames(plan)
    query = QueryParameters(plan, names)
    return {
        "openapi": OPENAPI_VERSION,
        "info": _info(plan),
        "tags": _tags(plan),
        "paths": _paths(plan, names, query),
        "components": _components(plan, names, query),
    }


# -- the file --------------------------------------------------------------------------


def _compact(value: JsonValue) -> str:
    """`value` as JSON without spaces; only finite numbers, exact as JavaScript numbers."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _lines(members: JsonObject) -> str:
    """An object with one member per line."""
    return "{\n" + ",\n".join(f"{_compact(k)}:{_compact(v)}" for k, v in members.items()) + "\n}"


def document_text(document: JsonObject) -> str:
    """The document as compact JSON with a line per path and per component (of each kind):
    close to the smallest text, and a change to one route or schema is a change of its line.
    Raises ``ValueError`` for a number JSON or JavaScript cannot carry exactly."""
    _check_numbers(document)
    parts: list[str] = []
    for key, value in document.items():
        if key == "paths" and isinstance(value, dict):
            parts.append(f"{_compact(key)}:{_lines(value)}")
        elif key == "components" and isinstance(value, dict):
            kinds = [
                f"{_compact(kind)}:{_lines(members) if isinstance(members, dict) else _compact(members)}"
                for kind, members in value.items()
            ]
            parts.append(f"{_compact(key)}:{{\n" + ",\n".join(kinds) + "\n}")
        else:
            parts.append(f"{_compact(key)}:{_compact(value)}")
    return "{" + ",\n".join(parts) + "}\n"


def _check_numbers(value: JsonValue) -> None:
    """Refuse integers beyond JavaScript's exact range (the server parses the file)."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, float)):
        return
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError(f"{value} is not exact as a JavaScript number")
        return
    for item in value.values() if isinstance(value, dict) else value:
        _check_numbers(item)


def emit(plan: ProjectPlan) -> list[Artifact]:
    """``openapi.json`` at the project root: the server reads it at start and serves it at
    ``GET /openapi.json``; nothing in TypeScript imports it."""
    return [Artifact(path=OPENAPI_FILE, text=document_text(openapi_document(plan)))]
