"""Field rules from schema to app: the plan's rules and write roles (timestamps read-only
unless @writable, @readonly), the Zod bodies and filters, the OpenAPI body schemas, and the
values and tests the generated suite uses."""

from __future__ import annotations

from emitters.app.openapi import JsonObject, openapi_document
from emitters.model import validators
from emitters.pipeline import GenerateOptions, plan_project
from emitters.plan.analysis import Presence, ProjectPlan
from emitters.testsuite import models as model_tests
from emitters.testsuite.common import creatable_models, value_expr
from emitters.testsuite.rule_values import matches
from ssot_ast.schema import parse_schema_text
from ssot_ast.ts import PrintOptions, SourceFile, print_source_file
from ssot_ast.ts import build as b

SCHEMA = """
datasource db {
  provider = "postgresql"
}

model Shop {
  id        String   @id @default(cuid())
  /// @regex("^[a-z0-9]+(?:-[a-z0-9]+)*$") @length(max: 40)
  slug      String   @unique
  /// @length(1, 200) @trim
  title     String   @db.VarChar(120)
  /// @email @trim @lowercase
  contact   String
  /// @url
  site      String?
  /// @uuid
  ref       String?
  /// @min(1) @max(5)
  rating    Int
  /// @min(0.5)
  weight    Float?
  /// @min(0.01) @max(999.99)
  price     Decimal
  /// @min(0)
  stock     BigInt   @default(0)
  /// @readonly
  score     Int      @default(0)
  createdAt DateTime @default(now())
  /// @writable
  openedAt  DateTime @default(now())
  updatedAt DateTime @updatedAt
  items     Item[]
}

model Item {
  id     Int    @id @default(autoincrement())
  shop   Shop   @relation(fields: [shopId], references: [id])
  shopId String
  /// @regex("^[A-Z]{3}$")
  code   String
}
"""


def _plan() -> ProjectPlan:
    return plan_project(parse_schema_text(SCHEMA), GenerateOptions())


def _text(source: SourceFile) -> str:
    return print_source_file(source, options=PrintOptions(import_extension=".ts"))


def test_plan_rules_and_write_roles() -> None:
    shop = _plan().model("Shop")
    rules = {f.name: f.rules for f in shop.fields}
    assert rules["slug"].min_length == 1 and rules["slug"].max_length == 40
    assert rules["slug"].pattern == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert (rules["title"].min_length, rules["title"].max_length, rules["title"].trim) == (
        1,
        200,
        True,
    )
    assert rules["contact"].format == "email" and rules["contact"].lowercase
    assert (rules["rating"].minimum, rules["rating"].maximum) == ("1", "5")
    assert rules["price"].minimum == "0.01"
    assert rules["site"].any and not rules["createdAt"].any
    created, opened, updated = (shop.field(n) for n in ("createdAt", "openedAt", "updatedAt"))
    assert created.server_managed and created.create is Presence.FORBIDDEN
    assert not created.updatable and updated.server_managed
    assert opened.create is Presence.OPTIONAL and opened.updatable
    assert shop.field("score").create is Presence.FORBIDDEN
    item = _plan().model("Item")
    assert item.field("shopId").rules.min_length == 1


def test_zod_bodies_and_key_filters() -> None:
    plan = _plan()
    text = _text(validators.emit(plan, plan.model("Shop")))
    assert (
        "slug: z\n    .string()\n    .min(1)\n    .max(40)\n"
        '    .regex(new RegExp("^[a-z0-9]+(?:-[a-z0-9]+)*$", "u")),'
    ) in text
    assert "title: z.string().trim().min(1).max(120)," in text
    assert "contact: z.string().trim().toLowerCase().pipe(z.email())," in text
    assert "site: urlInput.nullable().optional()," in text
    assert "ref: z.uuid().nullable().optional()," in text
    assert "rating: z.int32().min(1).max(5)," in text
    assert "weight: floatInput.min(0.5).nullable().optional()," in text
    assert 'refine(atLeast("0.01"), "must be at least 0.01")' in text
    assert 'refine(atMost("999.99"), "must be at most 999.99")' in text
    assert 'stock: bigintInput.refine(atLeast("0"), "must be at least 0").optional()' in text
    assert 'createdAt: readOnly("createdAt"),' in text
    assert "openedAt: dateTimeInput.optional()," in text
    assert 'score: readOnly("score"),' in text
    assert "id: keyFilter().optional()," in text and "slug: keyFilter().optional()," in text
    # Filters keep their own validation: a rule does not narrow what can be searched.
    assert "title: stringFilter().optional()," in text
    item = _text(validators.emit(plan, plan.model("Item")))
    assert "shopId: z.string().min(1)," in item and "shopId: keyFilter().optional()," in item


def _body(document: JsonObject, name: str) -> dict[str, JsonObject]:
    components = document["components"]
    assert isinstance(components, dict)
    schemas = components["schemas"]
    assert isinstance(schemas, dict)
    body = schemas[name]
    assert isinstance(body, dict)
    if "allOf" in body:  # a create body with the update body's fields: that body, required
        parts = body["allOf"]
        assert isinstance(parts, list) and isinstance(parts[0], dict)
        reference = parts[0]["$ref"]
        assert isinstance(reference, str)
        return _body(document, reference.rsplit("/", 1)[1])
    properties = body["properties"]
    assert isinstance(properties, dict)
    return {k: v for k, v in properties.items() if isinstance(v, dict)}


def test_openapi_bodies_carry_the_rules() -> None:
    document = openapi_document(_plan())
    body = _body(document, "ShopCreate")
    assert body["slug"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert (body["slug"]["minLength"], body["slug"]["maxLength"]) == (1, 40)
    assert (body["title"]["minLength"], body["title"]["maxLength"]) == (1, 120)
    assert body["contact"]["format"] == "email"
    assert body["site"]["format"] == "uri" and body["ref"]["format"] == "uuid"
    assert (body["rating"]["minimum"], body["rating"]["maximum"]) == (1, 5)
    assert body["weight"]["minimum"] == 0.5
    assert "at least 0.01 and at most 999.99" in str(body["price"]["description"])
    assert "createdAt" not in body and "openedAt" in body
    record = _body(document, "Shop")
    assert record["createdAt"].get("readOnly") is True
    assert record["updatedAt"].get("readOnly") is True
    assert "pattern" not in record["slug"]


def test_generated_values_keep_the_rules_and_tests_break_each() -> None:
    plan = _plan()
    shop = plan.model("Shop")
    printed = {
        f.name: _text(SourceFile(path="x.ts", statements=(b.expr_stmt(value_expr(plan, f, 1)),)))
        .strip()
        .splitlines()[-1]
        for f in shop.fields
        if f.create is not Presence.FORBIDDEN
    }
    assert printed["contact"] == '`${unique("contac")}@example.test`;'
    assert printed["site"] == '`https://example.test/${unique("site")}`;'
    assert printed["ref"] == "randomUUID();"
    assert printed["rating"] in {f"{n};" for n in range(1, 6)}
    assert printed["slug"] == 'unique("slug", 40);'
    assert matches("^[a-z0-9]+(?:-[a-z0-9]+)*$", "slugmb1x2k3a9z1q1")
    # Item.code admits upper-case letters only, three of them: no value the tests make fits.
    assert "@regex of code" in creatable_models(plan)["Item"]
    tests = _text(model_tests.test_file(plan, shop, ""))
    assert 'test("rating breaking min, max: 400, nothing stored"' in tests
    assert "rating: 0" in tests and "rating: 6" in tests
    assert 'test("contact is stored trimmed and lower-cased"' in tests
    assert 'test("empty id, slug filter: 400"' in tests
    assert 'test("createdAt, updatedAt: set by the server only"' in tests
    assert "openedAt" not in tests.split('set by the server only"')[1].split("test(")[0]
    assert 'test("rating at its bounds: accepted"' in tests
