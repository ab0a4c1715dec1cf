"""The API test suite every generated app ships (emitters.testsuite.suite): one file per model
plus tests/helpers.ts and the static support files, valid TypeScript, a test of every kind the
plan calls for, no `any`. Running the suites is the end-to-end test
tests/e2e/test_generated_npm_test.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import tree_sitter
import tree_sitter_typescript

from emitters.app.auth_routes import REFRESH_COOKIE
from emitters.pipeline import GenerateOptions, generate_project, plan_project, render
from emitters.plan.analysis import Presence, ProjectPlan
from emitters.testsuite.common import MAX_TEST_NAME
from emitters.testsuite.security import SECURITY_PATH, decide
from emitters.testsuite.support import (
    API_TOKEN_TESTS,
    CONFIG_TESTS,
    OPENAPI_TESTS,
    AUTH,
    AUTH_TESTS,
    HELPERS,
    ROLE_TESTS,
    support,
)
from emitters.testsuite.suite import creatable_models, emit
from emitters.testsuite.suite import test_path as suite_path
from emitters.testsuite.users import USERS_PATH
from ssot_ast.schema import load_schema
from ssot_ast.verify import verify_text

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = {
    "demo": ROOT / "golden" / "demo" / "schema.prisma",
    "blog": ROOT / "golden" / "blog" / "schema.prisma",
    "ai_chat": ROOT / "golden" / "ai-chat" / "schema.prisma",
    "ecommerce": ROOT / "golden" / "ecommerce" / "schema.prisma",
    "kitchen_sink": ROOT / "tests" / "e2e" / "schemas" / "kitchen_sink.prisma",
}
TS = tree_sitter.Language(tree_sitter_typescript.language_typescript())
TEST_CALL = re.compile(r'^\s*test\(\s*"([^"]+)"', re.MULTILINE)


def suite(name: str) -> tuple[ProjectPlan, dict[str, str]]:
    plan = plan_project(load_schema(SCHEMAS[name]), GenerateOptions(database="sqlite"))
    files = render(emit(plan))
    return plan, {f.path: f.content for f in files}


def names_in(text: str) -> list[str]:
    return TEST_CALL.findall(text)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_file_verifies_and_every_model_has_a_file(name: str) -> None:
    plan, files = suite(name)
    for path, text in files.items():
        verify_text(text, path)
    expected = {"tests/helpers.ts", *HELPERS, OPENAPI_TESTS} | {suite_path(m) for m in plan.models}
    if plan.auth is not None:
        expected |= {SECURITY_PATH, USERS_PATH, AUTH, AUTH_TESTS}
        if plan.auth.role is not None and plan.auth.admin_role is not None:
            expected.add(ROLE_TESTS)
    else:
        expected.add(API_TOKEN_TESTS)  # the default access of an API without users
    if plan.auth is not None or plan.access.needs_token:
        expected.add(CONFIG_TESTS)  # an app with a secret refuses the example's in production
    assert set(files) == expected


def _any_type_nodes(text: str) -> list[str]:
    """`any` used as a type (tree-sitter's predefined_type), anywhere in the file."""
    tree = tree_sitter.Parser(TS).parse(text.encode())
    found: list[str] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "predefined_type" and node.text == b"any":
            found.append(f"line {node.start_point[0] + 1}")
        stack.extend(node.children)
    return found


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_no_any(name: str) -> None:
    _, files = suite(name)
    for path, text in files.items():
        assert not _any_type_nodes(text), f"{path}: any at {_any_type_nodes(text)}"
        assert not re.search(r"\bany\b", text), f"{path} mentions any"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_model_gets_every_kind_of_test(name: str) -> None:
    plan, files = suite(name)
    reasons = creatable_models(plan)
    for model in plan.models:
        text = files[suite_path(model)]
        names = names_in(text)
        route = f"/api/{model.names.route}"
        assert ("useApp(admin);" if plan.auth is not None else "useApp();") in text
        assert f'describe("{model.names.model} {route}", () => {{' in text
        assert "GET with unknown filter/sort/include or bad value: 400" in names
        assert all(len(n) <= MAX_TEST_NAME for n in names)
        if reasons[model.names.model]:
            assert "cannot be created here" in text
            continue
        assert "POST required fields only: 201, Location, defaults" in names
        assert "GET /:id answers the created record" in names
        assert ("DELETE: 204, then 404" in names) is model.serves("delete")
        assert "POST with an unknown key: 400 naming it" in names
        patched = any(n.startswith("PATCH changes only") for n in names)
        assert patched is model.serves("update")
        assert "GET /count counts what the filters select" in names
        assert any("cursor walk" in n for n in names)
        assert "take=2&skip=1: 2nd and 3rd records, meta" in names
        for field in model.filter_fields:
            never_set = (
                field.create is Presence.FORBIDDEN
                and not field.has_default
                and not field.is_updated_at
                and not field.is_id
                and model.owner_field is not field
            )
            if never_set:
                continue  # read-only without a default: always null here
            assert any(n.startswith(f"filter {field.name}: equality, ") for n in names)
        for field in model.sort_fields:
            assert f"sort={field.name} and sort=-{field.name}" in names
        for relation in model.relations:
            assert f"include={relation.name}" in names
        if any(f.is_unique and f.writable for f in model.fields):
            assert any(n.startswith("POST with a taken") for n in names)
        if any(not f.writable and f.readable for f in model.fields):
            assert any(n.startswith("POST with read-only ") for n in names)
        if any(f.scalar.value in ("Int", "BigInt") for f in model.id.fields):
            assert any("an invalid id is 400" in n for n in names)
        assert len(names) == len(set(names)), "test names are unique within a file"


def test_counts_per_example() -> None:
    """Each generated suite is sizeable; the numbers are in the report of the e2e test."""
    for name in SCHEMAS:
        _, files = suite(name)
        count = sum(len(names_in(t)) for p, t in files.items() if p.endswith(".test.ts"))
        assert count >= 40, (name, count)


def test_required_self_relation_is_left_out_with_a_comment(tmp_path: Path) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        """
datasource db {
  provider = "sqlite"
}

model Node {
  id       Int    @id @default(autoincrement())
  name     String
  parent   Node   @relation("Tree", fields: [parentId], references: [id])
  parentId Int
  children Node[] @relation("Tree")
  leaves   Leaf[]
}

model Leaf {
  id     Int  @id @default(autoincrement())
  node   Node @relation(fields: [nodeId], references: [id])
  nodeId Int
}
""",
        encoding="utf-8",
    )
    plan, files = suite_of(schema)
    reasons = creatable_models(plan)
    assert "itself" in reasons["Node"]
    assert "cycle" in reasons["Leaf"] or "Node" in reasons["Leaf"]
    helpers = files["tests/helpers.ts"]
    assert "No factory for Node" in helpers and "createNode" not in helpers
    node_tests = files["tests/node.test.ts"]
    assert "cannot be created here" in node_tests
    assert "POST required fields only" not in node_tests


def suite_of(schema: Path) -> tuple[ProjectPlan, dict[str, str]]:
    plan = plan_project(load_schema(schema), GenerateOptions(database="sqlite"))
    return plan, {f.path: f.content for f in render(emit(plan))}


def test_project_runs_and_type_checks_the_tests() -> None:
    result = generate_project(SCHEMAS["demo"], GenerateOptions())
    files = {f.path: f.content for f in result.files}
    package = json.loads(files["package.json"])
    assert package["scripts"]["test"].startswith("node --import tsx --test ")
    assert package["scripts"]["test"].endswith(" tests/*.test.ts")
    assert "tests" in json.loads(files["tsconfig.json"])["include"]


def test_auth_design_point() -> None:
    """Without a user model the tests send no credentials (no tests/support/auth.ts); with one
    every test file but the document's (which needs none) acts as the administrator, who signs
    up with the schema's required fields."""
    _, demo = suite("demo")
    assert AUTH not in demo and USERS_PATH not in demo
    # tests/config.test.ts starts no app (it calls loadConfig); openapi.test.ts starts its own.
    own = (CONFIG_TESTS, OPENAPI_TESTS)
    served = [p for p in demo if p.endswith(".test.ts") and p not in own]
    assert all("useApp();" in demo[p] for p in served)
    plan, blog = suite("blog")
    assert plan.auth is not None
    served = [p for p in blog if p.endswith(".test.ts") and p not in own]
    assert all("useApp(admin);" in blog[p] for p in served)
    assert "useApp({" in blog[OPENAPI_TESTS]
    assert "/auth/register" in blog[AUTH] and "Bearer ${accessToken}" in blog[AUTH]
    assert "export function signUp(identifier: string): Row {" in blog[USERS_PATH]
    # The refresh cookie the static tests read is the one the app sets.
    assert f"{REFRESH_COOKIE}=" in blog[AUTH] and f'"{REFRESH_COOKIE}=;"' in blog[AUTH_TESTS]


def test_support_symbols_name_real_exports() -> None:
    """Generated files reach the static support through `support(name)`: the file it names
    exports the name, and an unknown name fails at generation time."""
    assert support("call").module.name == "tests/support/http"
    assert support("Row").module.name == "tests/support/values"
    assert support("act").module.name == "tests/support/auth"
    with pytest.raises(KeyError):
        support("noSuchHelper")


def test_users_without_roles(tmp_path: Path) -> None:
    """A user model without a role field: no tests/roles.test.ts, ROLES is null (users are
    not promoted), and every /auth test still runs."""
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        """
datasource db {
  provider = "sqlite"
}

/// @auth.user(identifier: email, password: passwordHash)
model User {
  id           Int    @id @default(autoincrement())
  email        String @unique
  passwordHash String
  notes        Note[]
}

/// @auth(read: "public", create: "user", update: "owner", delete: "owner")
/// @owner(authorId)
model Note {
  id       Int    @id @default(autoincrement())
  text     String
  author   User   @relation(fields: [authorId], references: [id])
  authorId Int
}
""",
        encoding="utf-8",
    )
    plan, files = suite_of(schema)
    assert plan.auth is not None and plan.auth.role is None
    assert ROLE_TESTS not in files and AUTH_TESTS in files
    assert "export const ROLES: { field: string; signUp: string } | null = null;" in (
        files[USERS_PATH]
    )
    assert len(names_in(files[AUTH_TESTS])) == 15
    assert 'act("user", ' in files[SECURITY_PATH] and 'act("other user", ' in files[SECURITY_PATH]
    for path, text in files.items():
        verify_text(text, path)


def test_access_decisions() -> None:
    """The matrix the security tests assert: 401 for anonymous where a sign-in is needed, 403
    outside the rule, "own" for owner rules (the admin role sees everything)."""
    assert decide(["public"], None, None, "ADMIN") == "all"
    assert decide(["user"], None, None, "ADMIN") == "401"
    assert decide(["user"], "USER", "USER", "ADMIN") == "all"
    assert decide(["STAFF", "ADMIN"], "CUSTOMER", "CUSTOMER", "ADMIN") == "403"
    assert decide(["STAFF", "ADMIN"], "STAFF", "STAFF", "ADMIN") == "all"
    assert decide(["owner"], "CUSTOMER", "CUSTOMER", "ADMIN") == "own"
    assert decide(["owner"], "ADMIN", "ADMIN", "ADMIN") == "all"
    assert decide(["owner", "STAFF"], "STAFF", "STAFF", "ADMIN") == "all"
    assert decide(["owner"], "user", None, None) == "own"


@pytest.mark.parametrize("name", ["blog", "ecommerce"])
def test_security_suite_covers_the_plan(name: str) -> None:
    """tests/security.test.ts: /auth, tokens, one describe per model with a test per action,
    includes of guarded relations, hidden and read-only fields, rate limits; HS256 signing
    with node:crypto, users promoted by the administrator."""
    plan, files = suite(name)
    assert plan.auth is not None
    text = "\n".join(files[p] for p in (SECURITY_PATH, AUTH_TESTS, AUTH, USERS_PATH))
    names = names_in(text)
    assert all(len(n) <= MAX_TEST_NAME for n in names)
    for expected in (
        "register: 201, tokens and a refresh cookie",
        "login: 200; a wrong password or user is 401",
        "me: the signed-in user; anonymous 401",
        "refresh rotates; a reused token ends every session",
        "logout: 204, cookie cleared, session ended",
        "forged, tampered and absent tokens: 401",
        "expired or future tokens: 401, valid ones 200",
    ):
        assert expected in names
    if plan.auth.role is not None and plan.auth.admin_role is not None:
        assert "register: the default role, none chosen (400)" in names_in(files[ROLE_TESTS])
    assert 'import { createHmac } from "node:crypto";' in text
    assert 'alg: "none"' in text
    assert f'export const USERS = "/api/{plan.model(plan.auth.model).names.route}";' in text
    for model in plan.models:
        assert model.access is not None
        assert f'describe("{model.names.model} access", () => {{' in text
        for action in ("read", "list", "create", "update", "delete"):
            rule = ", ".join(model.access.rule(action))
            assert (f'test("{action}: {rule}"' in text) is model.serves(action), (
                model.names.model,
                action,
            )
        for field in model.hidden_fields:
            assert f'"{field.name}"' in text
        if model.rate_limit is not None:
            assert f'test("{model.names.model} create: 429 after {model.rate_limit.max}"' in text
    assert "expectStatus(" in text and ", 404, " in text and ", 403, " in text


def test_no_security_suite_without_a_user_model() -> None:
    for name in ("demo", "ai_chat", "kitchen_sink"):
        plan, files = suite(name)
        assert plan.auth is None and SECURITY_PATH not in files


def test_ecommerce_rules() -> None:
    """golden/ecommerce: the catalog is public and staff-maintained, a customer's records are
    theirs, payments, refunds and the audit log are for administrators."""
    plan, _ = suite("ecommerce")
    assert plan.auth is not None and plan.auth.model == "Customer"
    assert plan.auth.roles == ("CUSTOMER", "STAFF", "ADMIN")

    def rule(model: str, action: str) -> tuple[str, ...]:
        access = plan.model(model).access
        assert access is not None
        return access.rule(action)

    assert rule("Product", "read") == ("public",)
    assert rule("Product", "create") == ("STAFF", "ADMIN")
    assert rule("Order", "read") == ("owner", "STAFF")
    assert rule("Cart", "list") == ("owner",)
    assert rule("Payment", "read") == ("ADMIN",)
    assert rule("AuditLog", "create") == ("ADMIN",)
    assert plan.model("Review").rate_limit is not None
    for model in ("Address", "Cart", "CartItem", "Order", "Review", "Wishlist", "WishlistItem"):
        assert plan.model(model).access.owner == "customerId"  # type: ignore[union-attr]
