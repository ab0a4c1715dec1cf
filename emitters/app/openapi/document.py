"""The OpenAPI document as data (``openapi_document``), as a TypeScript literal
(``to_expression``), and the ``src/gen/openapi.ts`` file that exports it (``emit``)."""

from __future__ import annotations

import math

from ssot_ast.ts import VALUE, Expression, ModuleRef, ObjectMember, SourceFile, Symbol
from ssot_ast.ts import build as b

from emitters.app.openapi.operations import error_response, filter_parameters
from emitters.app.openapi.paths import auth_paths, model_paths, probe_paths
from emitters.app.openapi.schemas import api_token_scheme, component_schemas, security_schemes
from emitters.app.openapi.values import (
    AUTH_ERRORS,
    ERRORS,
    MAX_SAFE_INTEGER,
    ComponentNames,
    JsonObject,
    JsonValue,
)
from emitters.artifact import Artifact
from emitters.plan.plans import ProjectPlan

OPENAPI_VERSION = "3.1.0"
OPENAPI_MODULE = ModuleRef.file("src/gen/openapi")
OPENAPI_DOCUMENT = Symbol(name="openApiDocument", module=OPENAPI_MODULE, kind=VALUE)
"""The exported document; ``app.ts`` serves it at ``GET /openapi.json``."""


def _info(plan: ProjectPlan) -> JsonObject:
    """The API's title (the package name), version and error convention."""
    from emitters.project.files import package_name

    return {
        "title": package_name(plan),
        "version": "0.1.0",
        "description": "REST API over the models of prisma/schema.prisma. Errors always "
        'have the shape {"error": {"code", "message", "details"?, "requestId"}}.',
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


def _paths(plan: ProjectPlan, names: ComponentNames) -> JsonObject:
    """The probes, the /auth routes, then every model's paths."""
    paths: JsonObject = dict(probe_paths(names, auth=plan.auth is not None))
    if plan.auth is not None:
        paths.update(auth_paths(plan, names))
    for model in plan.models:
        paths.update(model_paths(plan, model, names, filter_parameters(plan, model)))
    return paths


def _components(plan: ProjectPlan, names: ComponentNames) -> JsonObject:
    """Schemas, the filter parameters, the error responses, the request-id header and, with
    a user model, the security schemes."""
    parameters: JsonObject = {}
    for model in plan.models:
        parameters.update(filter_parameters(plan, model))
    statuses = [
        s
        for s in sorted(ERRORS)
        if plan.auth is not None or s not in AUTH_ERRORS or (s == 401 and plan.access.needs_token)
    ]
    components: JsonObject = {
        "schemas": component_schemas(plan, names),
        "parameters": parameters,
        "responses": {ERRORS[status][0]: error_response(names, status) for status in statuses},
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
    return {
        "openapi": OPENAPI_VERSION,
        "info": _info(plan),
        "tags": _tags(plan),
        "paths": _paths(plan, names),
        "components": _components(plan, names),
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
    """``src/gen/openapi.ts``: the document as one exported ``as const`` literal."""
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
