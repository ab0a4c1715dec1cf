"""The OpenAPI 3.1 document (``emitters.app.openapi``): valid per the specification, faithful to the
project plan (required create fields, filters, sort, keys, hidden and write-only fields; with a
user model, the /auth routes, security schemes and each operation's security, access rule and
401/403 from the access rules). Its query parameters and shared answers are components every
operation refers to; the file ``openapi.json`` holds exactly the data, a line per path and per
component."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import cast

import pytest
from openapi_spec_validator import validate

from emitters.app.openapi import JsonObject, JsonValue, document_text, emit, openapi_document
from emitters.pipeline import GenerateOptions, generate_project, plan_project
from emitters.plan.analysis import Presence, ProjectPlan
from emitters.contract import FLOAT_LIMIT
from ssot_ast.schema import load_schema, parse_schema_text

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = {
    "demo": ROOT / "golden" / "demo" / "schema.prisma",
    "blog": ROOT / "golden" / "blog" / "schema.prisma",
    "ai_chat": ROOT / "golden" / "ai-chat" / "schema.prisma",
    "ecommerce": ROOT / "golden" / "ecommerce" / "schema.prisma",
    "kitchen_sink": ROOT / "tests" / "e2e" / "schemas" / "kitchen_sink.prisma",
}

SECRETS = """
datasource db {
  provider = "postgresql"
}

model Account {
  id        Int      @id @default(autoincrement())
  login     String   @unique @db.VarChar(40)
  /// @hidden
  resetToken String?
  /// @writeOnly
  password  String
  /// @readonly
  karma     Int      @default(0)
  createdAt DateTime @default(now())
}
"""


AUTH_STATUSES = {"401", "403"}


def plan_of(name: str, access: str | None = None) -> ProjectPlan:
    return plan_project(load_schema(SCHEMAS[name]), GenerateOptions(access=access))


def secrets_plan() -> ProjectPlan:
    return plan_project(parse_schema_text(SECRETS), GenerateOptions())


def obj(value: JsonValue) -> JsonObject:
    assert isinstance(value, dict), value
    return value


def schemas(document: JsonObject) -> JsonObject:
    return obj(obj(document["components"])["schemas"])


def resolve(document: JsonObject, value: JsonValue) -> JsonObject:
    """`value`, or the component its ``$ref`` names."""
    item = obj(value)
    target = item.get("$ref")
    if not isinstance(target, str):
        return item
    _, _, kind, name = target.split("/")
    return obj(obj(obj(document["components"])[kind])[name])


def body(document: JsonObject, name: str) -> JsonObject:
    """The body schema `name`, a create body written as its update body plus the required
    fields read as one object."""
    schema = schemas(document)[name]
    item = obj(schema)
    if "allOf" in item:
        first, second = cast(list[JsonValue], item["allOf"])
        return {**resolve(document, first), **obj(second)}
    return resolve(document, item)


def params(document: JsonObject, operation: JsonObject) -> dict[str, JsonObject]:
    """An operation's parameters by name, component references resolved."""
    found: dict[str, JsonObject] = {}
    for item in cast(list[JsonValue], operation.get("parameters", [])):
        parameter = resolve(document, item)
        found[str(parameter["name"])] = parameter
    return found


def operation(document: JsonObject, path: str, method: str) -> JsonObject:
    return obj(obj(obj(document["paths"])[path])[method])


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_document_is_valid_openapi_3_1(name: str) -> None:
    document = openapi_document(plan_of(name))
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_secrets_document_is_valid() -> None:
    validate(openapi_document(secrets_plan()))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_route_of_every_model(name: str) -> None:
    plan = plan_of(name)
    document = openapi_document(plan)
    paths = obj(document["paths"])
    assert {"/health", "/ready", "/openapi.json"} <= set(paths)
    for model in plan.models:
        collection = f"/api/{model.names.route}"
        item = collection + "".join(f"/{{{f.name}}}" for f in model.id.fields)
        served = {m for m, a in (("get", "list"), ("post", "create")) if model.serves(a)}
        assert set(obj(paths[collection])) == served
        assert set(obj(paths[collection + "/count"])) == {"get"}
        on_item = {"get": "read", "patch": "update", "delete": "delete"}
        assert set(obj(paths[item])) == {"parameters"} | {
            m for m, a in on_item.items() if model.serves(a)
        }
        path_params = cast(list[JsonValue], obj(paths[item])["parameters"])
        assert [obj(p)["name"] for p in path_params] == [f.name for f in model.id.fields]
        assert all(obj(p)["in"] == "path" and obj(p)["required"] is True for p in path_params)
        if model.serves("create"):
            created = obj(operation(document, collection, "post")["responses"])
            assert set(created) - AUTH_STATUSES == {"201", "400", "409", "413", "429", "500"}
            assert "Location" in obj(obj(created["201"])["headers"])
        if model.serves("delete"):
            deleted = obj(operation(document, item, "delete")["responses"])
            assert set(deleted) - AUTH_STATUSES == {"204", "400", "404", "409", "429", "500"}
        for method, path in [("get", collection), ("post", collection), ("delete", item)]:
            if method not in obj(paths[path]):
                continue
            answers = set(obj(operation(document, path, method)["responses"]))
            # With a user model any sent token is read; without one, the API token is (the
            # default access): 401 everywhere, 403 nowhere.
            assert "401" in answers, (method, path)
            if plan.auth is None:
                assert "403" not in answers


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_create_requires_exactly_the_planned_fields(name: str) -> None:
    plan = plan_of(name)
    document = openapi_document(plan)
    components = schemas(document)
    for model in plan.models:
        create = body(document, f"{model.names.model}Create")
        wanted = [f.name for f in model.fields if f.create is Presence.REQUIRED]
        assert create.get("required", []) == wanted, model.names.model
        assert create["additionalProperties"] is False
        properties = obj(create["properties"])
        forbidden = {f.name for f in model.fields if f.create is Presence.FORBIDDEN}
        assert not forbidden & set(properties), model.names.model
        if not model.serves("update"):
            assert f"{model.names.model}Update" not in components
            continue
        update = obj(components[f"{model.names.model}Update"])
        assert "required" not in update
        assert set(obj(update["properties"])) >= {f.name for f in model.update_fields}
        assert not {f.name for f in model.fields if not f.updatable} & set(
            obj(update["properties"])
        )


def test_blog_routes_and_parameters() -> None:
    plan = plan_of("blog")
    document = openapi_document(plan)
    paths = obj(document["paths"])
    assert "/api/posts/count" in paths
    assert "/api/categories/{id}" in paths
    compound = obj(paths["/api/post-likes/{postId}/{userId}"])
    for parameter in cast(list[JsonValue], compound["parameters"]):
        assert obj(obj(parameter)["schema"])["type"] == "integer"

    listed = params(document, operation(document, "/api/posts", "get"))
    post = plan.model("Post")
    for field in post.filter_fields:
        # One deepObject parameter per field: views[gte]=10 is {gte: 10}.
        parameter = listed[field.name]
        assert (parameter["in"], parameter["style"], parameter["explode"]) == (
            "query",
            "deepObject",
            True,
        )
        operators = resolve(document, parameter["schema"])
        assert list(obj(operators["properties"])) == list(field.filter_ops), field.name
        assert operators["additionalProperties"] is False
    views = obj(resolve(document, listed["views"]["schema"])["properties"])
    assert obj(views["gte"])["type"] == "integer"
    status = obj(resolve(document, listed["status"]["schema"])["properties"])
    assert obj(status["in"])["type"] == "array"
    assert obj(obj(status["in"])["items"])["enum"] == ["DRAFT", "PUBLISHED", "ARCHIVED"]
    assert obj(obj(resolve(document, listed["publishedAt"]["schema"])["properties"])["isNull"]) == {
        "type": "boolean"
    }
    assert "isNull" not in obj(resolve(document, listed["title"]["schema"])["properties"])
    info = str(obj(document["info"])["description"])
    assert "`field=value` is short for `field[equals]=value`" in info

    sort = obj(obj(listed["sort"]["schema"])["items"])["enum"]
    assert isinstance(sort, list)
    for field in post.sort_fields:
        assert field.name in sort and f"-{field.name}" in sort
    take = obj(listed["take"]["schema"])
    assert (take["minimum"], take["maximum"], take["default"]) == (1, 100, 20)
    assert {"skip", "cursor"} <= set(listed)
    include = obj(obj(listed["include"]["schema"])["items"])["enum"]
    assert include == [r.name for r in post.relations]

    counted = params(document, operation(document, "/api/posts/count", "get"))
    assert set(counted) == set(listed) - {"sort", "take", "skip", "cursor", "include"}
    got = params(document, operation(document, "/api/posts/{id}", "get"))
    assert set(got) == {"include"}


def test_value_types() -> None:
    document = openapi_document(plan_of("kitchen_sink"))
    components = schemas(document)
    create = obj(body(document, "SampleCreate")["properties"])
    record = obj(obj(components["Sample"])["properties"])
    assert obj(create["count"])["minimum"] == -(2**31)
    assert obj(create["maybeCount"])["type"] == ["integer", "null"]
    for name in ("big", "amount"):
        assert obj(create[name])["type"] == "string" and "pattern" in obj(create[name])
        assert obj(record[name])["type"] == "string" and "pattern" in obj(record[name])
    assert obj(create["maybeBig"])["type"] == ["string", "null"]
    assert obj(create["happenedAt"])["format"] == "date-time"
    # Prisma rounds large doubles to 16 digits: the two next to Number.MAX_VALUE are refused.
    ratio = obj(create["ratio"])
    assert (ratio["minimum"], ratio["maximum"]) == (-FLOAT_LIMIT, FLOAT_LIMIT)
    assert FLOAT_LIMIT < 1.7976931348623157e308 and float(f"{FLOAT_LIMIT:.15e}") == FLOAT_LIMIT
    assert obj(create["blob"])["contentEncoding"] == "base64"
    assert obj(record["meta"]) == {}
    assert obj(create["maybeMeta"]) == {}
    assert obj(create["level"])["enum"] == ["LOW", "MEDIUM", "HIGH"]
    assert obj(create["maybeLevel"])["enum"] == ["LOW", "MEDIUM", "HIGH", None]
    assert obj(record["updatedAt"])["readOnly"] is True
    owner = obj(body(document, "OwnerCreate")["properties"])
    assert obj(owner["groupIds"])["type"] == "array"
    membership = obj(body(document, "MembershipCreate")["properties"])
    assert {"ownerId", "slot"} <= set(membership)
    assert not {"ownerId", "slot"} & set(obj(obj(components["MembershipUpdate"])["properties"]))


def test_hidden_and_write_only_fields() -> None:
    document = openapi_document(secrets_plan())
    components = schemas(document)
    record = obj(components["Account"])
    assert set(obj(record["properties"])) == {"id", "login", "karma", "createdAt"}
    assert record["required"] == ["id", "login", "karma", "createdAt"]
    assert obj(obj(record["properties"])["karma"])["readOnly"] is True
    create = obj(body(document, "AccountCreate")["properties"])
    assert "resetToken" not in create and "karma" not in create and "id" not in create
    assert obj(create["password"])["writeOnly"] is True
    assert obj(create["login"])["maxLength"] == 40
    assert body(document, "AccountCreate")["required"] == ["login", "password"]
    update = obj(obj(components["AccountUpdate"])["properties"])
    # createdAt (@default(now())) is set by the server: read-only, in no body.
    assert set(update) == {"login", "password"}
    assert obj(obj(record["properties"])["createdAt"])["readOnly"] is True
    listed = params(document, operation(document, "/api/accounts", "get"))
    assert not any(name.startswith(("resetToken", "password")) for name in listed)
    text = json.dumps(document)
    assert "resetToken" not in text


def test_error_shape() -> None:
    document = openapi_document(plan_of("demo"))
    error = obj(schemas(document)["Error"])
    inner = obj(obj(error["properties"])["error"])
    assert inner["required"] == ["code", "message", "requestId"]
    assert set(obj(inner["properties"])) == {"code", "message", "details", "requestId"}
    responses = obj(obj(document["components"])["responses"])
    errors = {name for name, answer in responses.items() if "allOf" in json.dumps(answer)}
    assert set(responses) - errors == {
        "Note",
        "NotePage",
        "Person",
        "PersonPage",
        "Count",
        "Deleted",
    }
    assert errors == {
        "Unauthorized",
        "BadRequest",
        "NotFound",
        "Conflict",
        "PayloadTooLarge",
        "RateLimited",
        "InternalError",
    }


BEARER: JsonValue = [{"bearerAuth": []}]
OPTIONAL: JsonValue = [{}, {"bearerAuth": []}]


def model_operations(document: JsonObject, plan: ProjectPlan) -> list[tuple[str, JsonObject]]:
    """(action, operation) of every model operation, by operationId."""
    found: list[tuple[str, JsonObject]] = []
    for model in plan.models:
        n = model.names
        by_id = {
            f"list{n.plural}": "list",
            f"count{n.plural}": "list",
            f"get{n.model}": "read",
            f"create{n.model}": "create",
            f"update{n.model}": "update",
            f"delete{n.model}": "delete",
        }
        for item in obj(document["paths"]).values():
            for key, op in obj(item).items():
                if key == "parameters":
                    continue
                action = by_id.get(str(obj(op)["operationId"]))
                if action is not None:
                    found.append((action, obj(op)))
    return found


def test_blog_describes_authentication() -> None:
    plan = plan_of("blog")
    document = openapi_document(plan)
    validate(document)
    components = obj(document["components"])
    assert components["securitySchemes"] == {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": obj(obj(components["securitySchemes"])["bearerAuth"])["description"],
        },
        "refreshCookie": {
            "type": "apiKey",
            "in": "cookie",
            "name": "refresh_token",
            "description": obj(obj(components["securitySchemes"])["refreshCookie"])["description"],
        },
    }
    assert {"Unauthorized", "Forbidden"} <= set(obj(components["responses"]))
    paths = obj(document["paths"])

    # /auth: every route, its body, its answers.
    register = operation(document, "/auth/register", "post")
    assert register["security"] == []
    body = obj(schemas(document)["Register"])
    assert body["required"] == ["email", "name", "password"]
    properties = obj(body["properties"])
    assert "role" not in properties and "passwordHash" not in properties
    password = obj(properties["password"])
    assert (password["minLength"], password["maxLength"], password["writeOnly"]) == (8, 256, True)
    assert body["additionalProperties"] is False
    answers = obj(register["responses"])
    assert set(answers) == {"201", "400", "409", "413", "429", "500"}
    assert "Set-Cookie" in obj(obj(answers["201"])["headers"])
    session = obj(schemas(document)["Session"])
    assert session["required"] == ["user", "accessToken", "tokenType", "expiresIn"]
    assert obj(session["properties"])["user"] == {"$ref": "#/components/schemas/User"}

    login = operation(document, "/auth/login", "post")
    assert login["security"] == []
    assert obj(schemas(document)["Login"])["required"] == ["email", "password"]
    assert set(obj(login["responses"])) == {"200", "400", "401", "413", "429", "500"}
    refresh = operation(document, "/auth/refresh", "post")
    assert refresh["security"] == [{"refreshCookie": []}]
    assert {"200", "401", "429"} <= set(obj(refresh["responses"]))
    assert "user" not in obj(obj(schemas(document)["AccessToken"])["properties"])
    logout = operation(document, "/auth/logout", "post")
    assert logout["security"] == [{}, {"refreshCookie": []}]
    assert "204" in obj(logout["responses"])
    me = operation(document, "/auth/me", "get")
    assert me["security"] == BEARER
    assert set(obj(me["responses"])) == {"200", "401", "429", "500"}
    assert obj(obj(me["responses"])["401"]) == {"$ref": "#/components/responses/Unauthorized"}
    for path in ("/health", "/ready", "/openapi.json"):
        assert operation(document, path, "get")["security"] == []
    assert {p for p in paths if p.startswith("/auth/")} == {
        "/auth/register",
        "/auth/login",
        "/auth/refresh",
        "/auth/logout",
        "/auth/logout-all",
        "/auth/me",
    }
    logout_all = operation(document, "/auth/logout-all", "post")
    assert logout_all["security"] == BEARER
    assert "204" in obj(logout_all["responses"])

    # Each model operation: the rule, the security it needs, the 401/403 it may answer.
    seen = model_operations(document, plan)
    # Six operations per model (list and count both follow the list rule), less those nobody
    # may do (an empty rule has no route).
    assert len(seen) == sum(len(m.actions) + ("list" in m.actions) for m in plan.models)
    for action, op in seen:
        model = plan.model(str(cast(list[JsonValue], op["tags"])[0]))
        assert model.access is not None
        rule = list(model.access.rule(action))
        assert op["x-access"] == rule, op["operationId"]
        public = "public" in rule and not (action == "create" and model.owner_field is not None)
        assert op["security"] == (OPTIONAL if public else BEARER), op["operationId"]
        assert "401" in obj(op["responses"]), op["operationId"]

    post = operation(document, "/api/posts", "post")
    assert post["x-access"] == ["AUTHOR", "EDITOR", "ADMIN"]
    assert {"401", "403"} <= set(obj(post["responses"]))
    assert obj(obj(post["responses"])["403"]) == {"$ref": "#/components/responses/Forbidden"}
    patch = operation(document, "/api/posts/{id}", "patch")
    assert (patch["x-access"], patch["x-owner-field"]) == (["owner"], "authorId")
    assert "403" not in obj(patch["responses"])
    listed = operation(document, "/api/posts", "get")
    assert listed["security"] == OPTIONAL
    # Users are read by themselves and the admin role; other callers who include a post's
    # author get its @public fields (name), not a 403.
    assert listed["x-include-access"] == {"author": ["ADMIN"]}
    assert "403" not in obj(listed["responses"])
    comment = operation(document, "/api/comments", "post")
    assert (comment["x-access"], comment["security"]) == (["user"], BEARER)
    assert "403" not in obj(comment["responses"])
    users = operation(document, "/api/users", "get")
    assert (users["x-access"], users["security"]) == (["owner", "ADMIN"], BEARER)
    assert users["x-owner-field"] == "id"
    tags = operation(document, "/api/tags", "post")
    assert tags["x-access"] == ["ADMIN"] and "403" in obj(tags["responses"])
    assert "patch" not in obj(paths["/api/post-likes/{postId}/{userId}"])
    new_user = operation(document, "/api/users", "post")
    assert new_user["x-access"] == ["ADMIN"] and "403" in obj(new_user["responses"])
    assert "Only ADMIN may set `role`" in str(new_user["description"])


def test_demo_needs_the_api_token() -> None:
    document = openapi_document(plan_of("demo"))
    validate(document)
    components = obj(document["components"])
    assert set(obj(components["securitySchemes"])) == {"apiToken"}
    assert "Unauthorized" in obj(components["responses"])
    assert "Forbidden" not in obj(components["responses"])
    assert not [p for p in obj(document["paths"]) if p.startswith("/auth")]
    for path, item in obj(document["paths"]).items():
        for method, op in obj(item).items():
            if method == "parameters":
                continue
            if path.startswith("/api/"):
                assert obj(op)["security"] == [{"apiToken": []}], (method, path)
                assert "401" in obj(obj(op)["responses"]), (method, path)
            else:
                assert "security" not in obj(op), (method, path)


def test_demo_with_public_reads_documents_the_token_on_writes_only() -> None:
    document = openapi_document(plan_of("demo", "public-reads"))
    validate(document)
    for path, item in obj(document["paths"]).items():
        for method, op in obj(item).items():
            if path.startswith("/api/") and method != "parameters":
                writes = method in ("post", "patch", "delete")
                assert ("security" in obj(op)) is writes, (method, path)


def test_public_demo_has_no_authentication() -> None:
    document = openapi_document(plan_of("demo", "public"))
    validate(document)
    components = obj(document["components"])
    assert "securitySchemes" not in components
    assert not {"Unauthorized", "Forbidden"} & set(obj(components["responses"]))
    assert not [p for p in obj(document["paths"]) if p.startswith("/auth")]
    text = json.dumps(document)
    assert '"security"' not in text and '"x-access"' not in text
    assert "bearerAuth" not in text and '"401"' not in text and '"403"' not in text


def test_component_names_stay_unique() -> None:
    schema = """
datasource db {
  provider = "sqlite"
}

model Error {
  id Int @id @default(autoincrement())
}

model Count {
  id Int @id @default(autoincrement())
}
"""
    document = openapi_document(plan_project(parse_schema_text(schema), GenerateOptions()))
    validate(document)
    components = schemas(document)
    assert {"Error", "Count", "Error2", "Count2"} <= set(components)
    assert "code" in json.dumps(components["Error2"])


def refs(value: JsonValue) -> list[str]:
    """Every ``$ref`` in `value`."""
    if isinstance(value, dict):
        target = value.get("$ref")
        found = [target] if isinstance(target, str) else []
        return found + [r for item in value.values() for r in refs(item)]
    if isinstance(value, list):
        return [r for item in value for r in refs(item)]
    return []


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_component_is_used_and_every_ref_resolves(name: str) -> None:
    document = openapi_document(plan_of(name))
    used = refs(document)
    for target in used:
        resolve(document, {"$ref": target})
    components = obj(document["components"])
    for kind in ("schemas", "parameters", "responses", "headers"):
        for member in obj(components[kind]):
            assert f"#/components/{kind}/{member}" in used, f"{kind}/{member} is never used"


def test_shared_components_are_written_once() -> None:
    plan = plan_of("ecommerce")
    document = openapi_document(plan)
    used = refs(document)
    parameters = obj(obj(document["components"])["parameters"])
    # Paging alike, the models share skip and cursor; fields alike share a filter.
    assert used.count("#/components/parameters/skip") == len(plan.models)
    assert used.count("#/components/parameters/cursor") == len(plan.models)
    assert used.count("#/components/parameters/createdAt") > 2
    assert "Product.status" in parameters and "status" not in parameters
    assert used.count("#/components/schemas/IntFilter") > 2
    contents = [json.dumps(p, sort_keys=True) for p in parameters.values()]
    assert len(contents) == len(set(contents))
    filters = [
        json.dumps(s, sort_keys=True)
        for n, s in obj(obj(document["components"])["schemas"]).items()
        if "Filter" in n
    ]
    assert len(filters) == len(set(filters))
    # The answers every model's operations give: one component each, referred to.
    get = operation(document, "/api/products/{id}", "get")
    assert obj(get["responses"])["200"] == {"$ref": "#/components/responses/Product"}
    count = operation(document, "/api/products/count", "get")
    assert obj(count["responses"])["200"] == {"$ref": "#/components/responses/Count"}


def test_create_body_is_the_update_body_with_required_fields() -> None:
    plan = plan_of("blog")
    document = openapi_document(plan)
    components = schemas(document)
    shared = [m for m in plan.models if "allOf" in obj(components[f"{m.names.model}Create"])]
    assert shared, "no create body is written as its update body"
    for model in shared:
        create = obj(components[f"{model.names.model}Create"])
        first, second = cast(list[JsonValue], create["allOf"])
        assert first == {"$ref": f"#/components/schemas/{model.names.model}Update"}
        assert obj(second)["required"] == [
            f.name for f in model.fields if f.create is Presence.REQUIRED
        ]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_file_holds_the_document_a_line_per_path_and_component(name: str) -> None:
    plan = plan_of(name)
    document = openapi_document(plan)
    (artifact,) = emit(plan)
    assert artifact.path == "openapi.json" and artifact.source is None
    text = artifact.text
    assert text is not None and text == document_text(document)
    assert json.loads(text) == document
    lines = text.splitlines()
    components = obj(document["components"])
    members = [*obj(document["paths"]), *(m for kind in components.values() for m in obj(kind))]
    for member in members:
        assert sum(line.startswith(json.dumps(member) + ":") for line in lines) >= 1, member
    assert len(lines) == len(members) + 2 * len(components) + 7
    # Compact: the newlines are all it adds to the smallest JSON text.
    smallest = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    assert len(text) == len(smallest) + len(lines)


def test_file_refuses_numbers_javascript_cannot_hold() -> None:
    with pytest.raises(ValueError):
        document_text({"x": float("nan")})
    with pytest.raises(ValueError):
        document_text({"x": [2**63]})
    assert document_text({"x": 2**53 - 1}) == '{"x":9007199254740991}\n'


def test_generated_project_serves_the_file() -> None:
    files = {f.path: f.content for f in generate_project(SCHEMAS["demo"]).files}
    assert "openapi.json" in files and "src/gen/openapi.ts" not in files
    assert json.loads(files["openapi.json"])["openapi"] == "3.1.0"
    app = files["src/gen/app.ts"]
    assert 'from "./http/openapi.ts";' in app
    assert app.index('app.get("/openapi.json"') < app.index('"global",')
    # Nothing in TypeScript imports the document.
    for path, content in files.items():
        if path.endswith(".ts"):
            assert not re.search(
                r"""(^import\b[^;]*|\bimport\()["'][^"']*openapi\.json""", content, re.M
            ), path
    package = json.loads(files["package.json"])
    assert "swagger-ui-express" in package["dependencies"]
