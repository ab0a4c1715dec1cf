"""The paths of the OpenAPI document: per model the collection (list, create), ``/count`` and
the item (get, update, delete); the ``/auth`` routes; the probes and the document itself.
Each operation has its own builder."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from emitters.app.auth_routes import REFRESH_COOKIE
from emitters.app.openapi.operations import (
    BEARER,
    guard,
    json_content,
    links,
    path_parameters,
    request_id_header,
    responses,
    success,
)
from emitters.app.openapi.parameters import QueryParameters
from emitters.app.openapi.values import REFRESH_SCHEME, ComponentNames, JsonObject, JsonValue, ref
from emitters.plan.plans import ModelPlan, ProjectPlan

OPENAPI_PATH = "/openapi.json"

Path = tuple[str, JsonObject]


def _operation(
    plan: ProjectPlan,
    model: ModelPlan,
    action: str,
    operation_id: str,
    summary: str,
    *,
    includes: bool = False,
) -> tuple[JsonObject, tuple[int, ...]]:
    """An operation's tag, id, summary and access fields; and the 401/403 it may answer."""
    access, errors = guard(plan, model, action, includes=includes)
    operation: JsonObject = {
        "tags": [model.names.model],
        "operationId": operation_id,
        "summary": summary,
        **access,
    }
    return operation, errors


def _request_body(name: str) -> JsonObject:
    """A required JSON body of the component schema `name`."""
    return {"required": True, "content": json_content(ref("schemas", name))}


# -- per model ---------------------------------------------------------------------------


def _list_operation(
    plan: ProjectPlan, model: ModelPlan, names: ComponentNames, query: QueryParameters
) -> JsonObject:
    """``GET /api/posts``: a page of records, filtered, sorted, with includes."""
    n = model.names
    operation, errors = _operation(
        plan,
        model,
        "list",
        f"list{n.plural}",
        f"List {n.plural_camel} with filters, sort, pagination and include.",
        includes=True,
    )
    operation["parameters"] = query.listing(model)
    operation["responses"] = responses(
        {"200": ref("responses", names.page[n.model])},
        (400, *errors, 429, 500),
    )
    return operation


def _create_operation(plan: ProjectPlan, model: ModelPlan, names: ComponentNames) -> JsonObject:
    """``POST /api/posts``: 201 with the record, its ``Location`` and links to it."""
    n = model.names
    operation, errors = _operation(
        plan, model, "create", f"create{n.model}", f"Create a {n.camel}."
    )
    operation["requestBody"] = _request_body(names.create[n.model])
    location: JsonObject = {
        "description": "The URL of the created record.",
        "schema": {"type": "string"},
    }
    created: JsonObject = {
        "description": "The created record.",
        "headers": {**request_id_header(), "Location": location},
        "content": json_content(ref("schemas", names.record[n.model])),
        "links": links(model),
    }
    operation["responses"] = responses({"201": created}, (400, *errors, 409, 413, 429, 500))
    return operation


def _count_operation(
    plan: ProjectPlan, model: ModelPlan, names: ComponentNames, query: QueryParameters
) -> JsonObject:
    """``GET /api/posts/count``: how many records the list's filters match."""
    n = model.names
    operation, errors = _operation(
        plan,
        model,
        "list",
        f"count{n.plural}",
        f"Count {n.plural_camel} matching the same filters as the list.",
    )
    operation["parameters"] = query.filters(model)
    operation["responses"] = responses(
        {"200": ref("responses", names.count)},
        (400, *errors, 429, 500),
    )
    return operation


def _get_operation(
    plan: ProjectPlan, model: ModelPlan, names: ComponentNames, query: QueryParameters
) -> JsonObject:
    """``GET /api/posts/{id}``: one record, with includes."""
    n = model.names
    operation, errors = _operation(
        plan, model, "read", f"get{n.model}", f"One {n.camel} by key.", includes=True
    )
    parameters = query.include(model)
    if parameters:
        operation["parameters"] = parameters
    operation["responses"] = responses(
        {"200": ref("responses", names.record[n.model])},
        (400, *errors, 404, 429, 500),
    )
    return operation


def _update_operation(plan: ProjectPlan, model: ModelPlan, names: ComponentNames) -> JsonObject:
    """``PATCH /api/posts/{id}``: the changed record."""
    n = model.names
    operation, errors = _operation(
        plan, model, "update", f"update{n.model}", f"Update some fields of a {n.camel}."
    )
    operation["requestBody"] = _request_body(names.update[n.model])
    operation["responses"] = responses(
        {"200": ref("responses", names.record[n.model])},
        (400, *errors, 404, 409, 413, 429, 500),
    )
    return operation


def _delete_operation(plan: ProjectPlan, model: ModelPlan, names: ComponentNames) -> JsonObject:
    """``DELETE /api/posts/{id}``: 204."""
    n = model.names
    operation, errors = _operation(
        plan, model, "delete", f"delete{n.model}", f"Delete a {n.camel}."
    )
    operation["responses"] = responses(
        {"204": ref("responses", names.deleted)}, (400, *errors, 404, 409, 429, 500)
    )
    return operation


def model_paths(
    plan: ProjectPlan, model: ModelPlan, names: ComponentNames, query: QueryParameters
) -> Iterator[Path]:
    """The collection, ``/count`` and the item (one path parameter per key field), with the
    operations of the actions the model serves."""
    collection = f"/api/{model.names.route}"
    item = collection + "".join(f"/{{{f.name}}}" for f in model.id.fields)
    listing: JsonObject = {"get": _list_operation(plan, model, names, query)}
    if model.serves("create"):
        listing["post"] = _create_operation(plan, model, names)
    yield collection, listing
    yield collection + "/count", {"get": _count_operation(plan, model, names, query)}
    single: JsonObject = {
        "parameters": path_parameters(plan, model),
        "get": _get_operation(plan, model, names, query),
    }
    if model.serves("update"):
        single["patch"] = _update_operation(plan, model, names)
    if model.serves("delete"):
        single["delete"] = _delete_operation(plan, model, names)
    yield item, single


# -- /auth -------------------------------------------------------------------------------


def _auth_operation(
    operation_id: str, summary: str, security: list[JsonValue], description: str | None = None
) -> JsonObject:
    """An /auth operation's tag, id, summary, description (if any) and security."""
    operation: JsonObject = {"tags": ["Auth"], "operationId": operation_id, "summary": summary}
    if description is not None:
        operation["description"] = description
    operation["security"] = security
    return operation


def _session_answer(description: str, schema: JsonObject) -> JsonObject:
    """An answer that starts a session: the body, and the refresh cookie set."""
    cookie: JsonObject = {
        "description": f"`{REFRESH_COOKIE}`: the new refresh token (HttpOnly, Secure, "
        "SameSite=Strict, path /auth).",
        "schema": {"type": "string"},
    }
    return {
        "description": description,
        "headers": {**request_id_header(), "Set-Cookie": cookie},
        "content": json_content(schema),
    }


def _register_path(plan: ProjectPlan, names: ComponentNames) -> Path:
    """``POST /auth/register``: create an account and sign in."""
    auth = plan.auth
    assert auth is not None
    description = (
        f"The new user gets the default `{auth.role}`; nobody signs up as "
        f"{auth.admin_role} (`npm run create-admin -- EMAIL` gives that role)."
        if auth.role is not None and auth.admin_role is not None
        else "Creates the user and starts a session."
    )
    operation = _auth_operation("register", "Create an account and sign in.", [], description)
    operation["requestBody"] = _request_body(names.register)
    signed_up = _session_answer(
        "Signed up: the user and an access token.", ref("schemas", names.session)
    )
    operation["responses"] = responses({"201": signed_up}, (400, 409, 413, 429, 500))
    return "/auth/register", {"post": operation}


def _login_path(plan: ProjectPlan, names: ComponentNames) -> Path:
    """``POST /auth/login``: sign in with the identifier and the password."""
    assert plan.auth is not None
    summary = f"Sign in with {plan.auth.identifier} and password."
    operation = _auth_operation("login", summary, [])
    operation["requestBody"] = _request_body(names.login)
    signed_in = _session_answer(
        "Signed in: the user and an access token.", ref("schemas", names.session)
    )
    operation["responses"] = responses({"200": signed_in}, (400, 401, 413, 429, 500))
    return "/auth/login", {"post": operation}


def _refresh_path(plan: ProjectPlan, names: ComponentNames) -> Path:
    """``POST /auth/refresh``: a new access token for the refresh cookie, rotated."""
    operation = _auth_operation(
        "refresh",
        "A new access token for the refresh cookie, which is replaced.",
        [{REFRESH_SCHEME: []}],
        "Each refresh token works once. The same token again within "
        "AUTH_REFRESH_GRACE_SECONDS (two tabs refreshing at once) answers an access token for "
        "the session the first refresh opened, without a new cookie; later, it ends every "
        "session of its user (401).",
    )
    answer = _session_answer(
        "A new access token (and refresh cookie).", ref("schemas", names.tokens)
    )
    operation["responses"] = responses({"200": answer}, (400, 401, 413, 429, 500))
    return "/auth/refresh", {"post": operation}


def _logout_path(plan: ProjectPlan, names: ComponentNames) -> Path:
    """``POST /auth/logout``: end the cookie's session and clear the cookie."""
    operation = _auth_operation(
        "logout",
        "End the session of the refresh cookie (if any) and clear the cookie.",
        [{}, {REFRESH_SCHEME: []}],
    )
    operation["responses"] = responses({"204": success("Signed out.")}, (400, 413, 429, 500))
    return "/auth/logout", {"post": operation}


def _logout_all_path(plan: ProjectPlan, names: ComponentNames) -> Path:
    """``POST /auth/logout-all``: end every session of the signed-in user."""
    operation = _auth_operation(
        "logoutAll",
        "End every session of the signed-in user and clear the cookie.",
        list(BEARER),
        "Every access and refresh token of the user stops working on the next request.",
    )
    operation["responses"] = responses({"204": success("Signed out everywhere.")}, (401, 429, 500))
    return "/auth/logout-all", {"post": operation}


def _me_path(plan: ProjectPlan, names: ComponentNames) -> Path:
    """``GET /auth/me``: the signed-in user."""
    assert plan.auth is not None
    operation = _auth_operation("me", "The signed-in user.", list(BEARER))
    user = ref("schemas", names.record[plan.auth.model])
    operation["responses"] = responses({"200": success("The user.", user)}, (401, 429, 500))
    return "/auth/me", {"get": operation}


AUTH_PATHS: tuple[Callable[[ProjectPlan, ComponentNames], Path], ...] = (
    _register_path,
    _login_path,
    _refresh_path,
    _logout_path,
    _logout_all_path,
    _me_path,
)
"""The /auth routes in document order."""


def auth_paths(plan: ProjectPlan, names: ComponentNames) -> Iterator[Path]:
    """Every /auth route, with its bodies, security and errors."""
    for build in AUTH_PATHS:
        yield build(plan, names)


# -- probes ------------------------------------------------------------------------------


def _probe(operation_id: str, summary: str, answers: JsonObject, *, auth: bool) -> JsonObject:
    """A probe's ``get``: open to everyone (``security: []`` with a user model)."""
    open_: JsonObject = {"security": []} if auth else {}
    return {
        "get": {
            "tags": ["Probes"],
            "operationId": operation_id,
            "summary": summary,
            **open_,
            "responses": answers,
        }
    }


def probe_paths(names: ComponentNames, *, auth: bool) -> Iterator[Path]:
    """``/health``, ``/ready`` and this document."""
    status = ref("schemas", names.status)
    yield "/health", _probe(
        "health", "The process is alive.", {"200": success("Alive.", status)}, auth=auth
    )
    ready: JsonObject = {
        "200": success("Ready.", status),
        "503": success("The database does not answer.", status),
    }
    yield "/ready", _probe("ready", "The database answers.", ready, auth=auth)
    served = success("The OpenAPI document (brotli or gzip when accepted).", {"type": "object"})
    served["headers"] = {
        **request_id_header(),
        "ETag": {"description": "This version of the document.", "schema": {"type": "string"}},
    }
    document: JsonObject = {
        "200": served,
        "304": {"description": "Not modified: If-None-Match names this version."},
    }
    yield OPENAPI_PATH, _probe("openApiDocument", "This document.", document, auth=auth)
