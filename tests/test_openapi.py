"""The OpenAPI 3.1 document (``emitters.openapi``): valid per the specification, faithful to the
project plan (required create fields, filters, sort, keys, hidden and write-only fields), and
printed as a typed TypeScript literal that says the same as the Python data."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import cast

import pytest
from openapi_spec_validator import validate

from emitters.analysis import Presence, ProjectPlan
from emitters.openapi import JsonObject, JsonValue, emit, openapi_document, to_expression
from emitters.pipeline import GenerateOptions, generate_project, plan_project
from ssot_ast.schema import load_schema, parse_schema_text
from ssot_ast.ts import PrintOptions, SourceFile, print_source_file
from ssot_ast.ts import build as b
from ssot_ast.verify import verify_text

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = {
    "demo": ROOT / "golden" / "demo" / "schema.prisma",
    "blog": ROOT / "golden" / "blog" / "schema.prisma",
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


def plan_of(name: str) -> ProjectPlan:
    return plan_project(load_schema(SCHEMAS[name]), GenerateOptions())


def secrets_plan() -> ProjectPlan:
    return plan_project(parse_schema_text(SECRETS), GenerateOptions())


def obj(value: JsonValue) -> JsonObject:
    assert isinstance(value, dict), value
    return value


def schemas(document: JsonObject) -> JsonObject:
    return obj(obj(document["components"])["schemas"])


def params(document: JsonObject, operation: JsonObject) -> dict[str, JsonObject]:
    """An operation's parameters by name, component references resolved."""
    components = obj(obj(document["components"])["parameters"])
    found: dict[str, JsonObject] = {}
    for item in cast(list[JsonValue], operation.get("parameters", [])):
        parameter = obj(item)
        ref = parameter.get("$ref")
        if isinstance(ref, str):
            parameter = obj(components[ref.rsplit("/", 1)[1]])
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
        assert set(obj(paths[collection])) == {"get", "post"}
        assert set(obj(paths[collection + "/count"])) == {"get"}
        assert set(obj(paths[item])) == {"parameters", "get", "patch", "delete"}
        path_params = cast(list[JsonValue], obj(paths[item])["parameters"])
        assert [obj(p)["name"] for p in path_params] == [f.name for f in model.id.fields]
        assert all(obj(p)["in"] == "path" and obj(p)["required"] is True for p in path_params)
        created = obj(operation(document, collection, "post")["responses"])
        assert set(created) == {"201", "400", "409", "413", "429", "500"}
        assert "Location" in obj(obj(created["201"])["headers"])
        assert set(obj(operation(document, item, "delete")["responses"])) == {
            "204",
            "400",
            "404",
            "409",
            "429",
            "500",
        }


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_create_requires_exactly_the_planned_fields(name: str) -> None:
    plan = plan_of(name)
    components = schemas(openapi_document(plan))
    for model in plan.models:
        create = obj(components[f"{model.names.model}Create"])
        wanted = [f.name for f in model.fields if f.create is Presence.REQUIRED]
        assert create.get("required", []) == wanted, model.names.model
        assert create["additionalProperties"] is False
        properties = obj(create["properties"])
        forbidden = {f.name for f in model.fields if f.create is Presence.FORBIDDEN}
        assert not forbidden & set(properties), model.names.model
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
        assert field.name in listed
        for op in field.filter_ops:
            assert f"{field.name}[{op}]" in listed, f"{field.name}[{op}]"
    assert obj(listed["views[gte]"]["schema"])["type"] == "integer"
    in_list = listed["status[in]"]
    assert (in_list["style"], in_list["explode"]) == ("form", False)
    assert obj(obj(in_list["schema"])["items"])["enum"] == ["DRAFT", "PUBLISHED", "ARCHIVED"]
    assert obj(listed["publishedAt[isNull]"]["schema"]) == {"type": "boolean"}
    assert "title[isNull]" not in listed

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
    components = schemas(openapi_document(plan_of("kitchen_sink")))
    create = obj(obj(components["SampleCreate"])["properties"])
    record = obj(obj(components["Sample"])["properties"])
    assert obj(create["count"])["minimum"] == -(2**31)
    assert obj(create["maybeCount"])["type"] == ["integer", "null"]
    for name in ("big", "amount"):
        assert obj(create[name])["type"] == "string" and "pattern" in obj(create[name])
        assert obj(record[name])["type"] == "string" and "pattern" in obj(record[name])
    assert obj(create["maybeBig"])["type"] == ["string", "null"]
    assert obj(create["happenedAt"])["format"] == "date-time"
    assert obj(create["blob"])["contentEncoding"] == "base64"
    assert obj(record["meta"]) == {}
    assert obj(create["maybeMeta"]) == {}
    assert obj(create["level"])["enum"] == ["LOW", "MEDIUM", "HIGH"]
    assert obj(create["maybeLevel"])["enum"] == ["LOW", "MEDIUM", "HIGH", None]
    assert obj(record["updatedAt"])["readOnly"] is True
    owner = obj(obj(components["OwnerCreate"])["properties"])
    assert obj(owner["groupIds"])["type"] == "array"
    membership = obj(obj(components["MembershipCreate"])["properties"])
    assert {"ownerId", "slot"} <= set(membership)
    assert not {"ownerId", "slot"} & set(obj(obj(components["MembershipUpdate"])["properties"]))


def test_hidden_and_write_only_fields() -> None:
    document = openapi_document(secrets_plan())
    components = schemas(document)
    record = obj(components["Account"])
    assert set(obj(record["properties"])) == {"id", "login", "karma", "createdAt"}
    assert record["required"] == ["id", "login", "karma", "createdAt"]
    assert obj(obj(record["properties"])["karma"])["readOnly"] is True
    create = obj(obj(components["AccountCreate"])["properties"])
    assert "resetToken" not in create and "karma" not in create and "id" not in create
    assert obj(create["password"])["writeOnly"] is True
    assert obj(create["login"])["maxLength"] == 40
    assert obj(components["AccountCreate"])["required"] == ["login", "password"]
    update = obj(obj(components["AccountUpdate"])["properties"])
    assert set(update) == {"login", "password", "createdAt"}
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
    assert set(responses) == {
        "BadRequest",
        "NotFound",
        "Conflict",
        "PayloadTooLarge",
        "RateLimited",
        "InternalError",
    }


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


def printed(plan: ProjectPlan) -> str:
    (artifact,) = emit(plan)
    assert isinstance(artifact.source, SourceFile)
    return print_source_file(artifact.source, options=PrintOptions(import_extension=".ts"))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_typescript_parses_and_has_no_any(name: str) -> None:
    text = printed(plan_of(name))
    verify_text(text, "src/gen/openapi.ts")
    code = re.sub(r'"(?:[^"\\\n]|\\.)*"|//.*|/\*[\s\S]*?\*/', "", text)
    assert not re.search(r"\bany\b", code)
    assert "export const openApiDocument = {" in text
    assert text.rstrip().endswith("} as const;")
    assert "import " not in text


def test_generated_project_contains_the_document() -> None:
    files = {f.path: f.content for f in generate_project(SCHEMAS["demo"]).files}
    assert "src/gen/openapi.ts" in files
    app = files["src/gen/app.ts"]
    assert 'import { openApiDocument } from "./openapi.ts";' in app
    assert app.index('app.get("/openapi.json"') < app.index('"global",')


def test_literal_converter() -> None:
    value: JsonValue = {
        "plain": 1,
        "needs-quotes": [True, None, -2.5, 'x\n"y"'],
        "$ref": "#/a",
        "__proto__": {},
        "0": "zero",
    }
    text = print_source_file(
        SourceFile(path="x.ts", statements=(b.const("v", to_expression(value)),))
    )
    verify_text(text, "x.ts")
    assert """"needs-quotes": [true, null, -2.5, 'x\\n"y"']""" in text
    assert '$ref: "#/a"' in text
    assert '["__proto__"]: {}' in text
    with pytest.raises(ValueError):
        to_expression(float("nan"))
    with pytest.raises(ValueError):
        to_expression(2**63)


@pytest.mark.node
@pytest.mark.parametrize("name", ["blog", "kitchen_sink"])
def test_typescript_literal_equals_the_data(name: str) -> None:
    """Node evaluates the printed literal; its JSON is the Python document."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    plan = plan_of(name)
    text = printed(plan)
    start = text.index("export const openApiDocument = ") + len("export const openApiDocument = ")
    literal = text[start : text.rindex(" as const;")]
    script = f"process.stdout.write(JSON.stringify(({literal})));"
    result = subprocess.run(
        ["node", "-"], input=script, capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout) == openapi_document(plan)
