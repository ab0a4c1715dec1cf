"""The runtime modules built per project (`emitters.runtime`): what each makes of a schema, and
that the static sources (`emitters/runtime/ts/`) and these modules agree on every name.

* `src/gen/routes.ts`: /auth and `authenticate` first with a user model, then every model's
  router under /api in the schema's order, the rate-limited ones with the store;
* `src/gen/settings.ts`: how DATABASE_URL is checked per database, and the /auth variables
  only with a user model;
* `src/gen/auth/identity.ts`: the user id type, how a token's subject becomes an id, the
  admin role;
* `src/gen/dialect.ts` and `src/gen/db.ts` per database.

The static sources themselves (round trip, no `any`) are checked by tests/runtime/.
"""

from __future__ import annotations

import re

import pytest

from emitters.runtime import files as runtime_files
from emitters.runtime.sources import runtime_text, variant_text
from emitters.contract import (
    ADMIN_ROLE,
    AUTH_IDENTITY_MODULE,
    AUTH_SETTINGS,
    DATABASE_URL,
    MOUNT_ROUTES,
    ROUTE_DEPS,
    ROUTES_MODULE,
    SETTINGS_MODULE,
    USER_ID,
)
from emitters.app import openapi
from emitters.model import validators, web
from emitters.pipeline import GenerateOptions, plan_project
from emitters.plan.analysis import ProjectPlan
from emitters.plan.databases import DATABASES, SUPPORTED_DATABASES
from emitters.runtime.dialect import dialect_module
from emitters.runtime.files import emit
from emitters.runtime.identity import identity_module
from emitters.runtime.routes import routes_module
from emitters.runtime.settings import settings_module
from emitters.runtime.sources import runtime_source
from ssot_ast.schema import parse_schema_text
from ssot_ast.ts import PrintOptions, Ref, SourceFile, TypeRef, print_source_file, exported_symbols
from ssot_ast.ts.imports import iter_nodes
from ssot_ast.verify import verify_text

DATASOURCE = 'datasource db {\n  provider = "sqlite"\n}\n'

NOTES_AND_PEOPLE = DATASOURCE + """
model Note {
  id    Int    @id @default(autoincrement())
  title String
}

/// @rateLimit(max: 5, window: "1m", actions: ["create"])
model Person {
  id   Int    @id @default(autoincrement())
  name String
}
"""

WITH_USERS = DATASOURCE + """
enum Role {
  MEMBER
  ADMIN
}

/// @auth.user(identifier: email, password: passwordHash, role: role)
model User {
  id           Int    @id @default(autoincrement())
  email        String @unique
  passwordHash String
  role         Role   @default(MEMBER)
}

model Note {
  id    Int    @id @default(autoincrement())
  title String
}
"""

#: A user model with a String id and no role: no admin.
STRING_USER_IDS = DATASOURCE + """
/// @auth.user(identifier: email, password: passwordHash)
model Account {
  id           String @id @default(uuid())
  email        String @unique
  passwordHash String
}
"""

NO_MODELS = DATASOURCE + "enum Color {\n  RED\n}\n"


def plan_of(text: str, database: str | None = None, access: str | None = None) -> ProjectPlan:
    return plan_project(parse_schema_text(text), GenerateOptions(database=database, access=access))


def printed(source: SourceFile) -> str:
    text = print_source_file(source, options=PrintOptions(import_extension=".ts"))
    verify_text(text, source.path)
    code = re.sub(r'"[^"\n]*"|`[^`]*`|//.*|/\*[\s\S]*?\*/', "", text)
    assert not re.search(r"\bany\b", code)
    return text


# -- src/gen/routes.ts --------------------------------------------------------------------


def test_routes_mount_every_model_in_order() -> None:
    source = routes_module(plan_of(NOTES_AND_PEOPLE))
    assert source.path == ROUTES_MODULE.name + ".ts"
    text = printed(source)
    notes = text.index('api.use("/notes", noteRouter(prisma));')
    people = text.index('api.use("/people", personRouter(prisma, rateLimitStore));')
    assert notes < people < text.index('app.use("/api", api);')
    assert 'import { noteRouter } from "./note/note.routes.ts";' in text
    assert f"export type {ROUTE_DEPS.name} = {{" in text
    assert "rateLimitStore: RateLimitStore;" in text
    # Only what is used is destructured (the generated tsconfig refuses unused bindings).
    assert "{ config, prisma, rateLimitStore }: RouteDeps" in text
    assert "/auth" not in text and "authenticate" not in text
    # No user model: the API token guards /api before any model's router.
    guard = text.index("api.use(requireApiToken(config.API_TOKEN));")
    assert text.index("const api = express.Router();") < guard < notes


def test_routes_with_public_reads_guard_writes_only() -> None:
    text = printed(routes_module(plan_of(NOTES_AND_PEOPLE, access="public-reads")))
    assert "api.use(requireApiToken(config.API_TOKEN, true));" in text
    public = printed(routes_module(plan_of(NOTES_AND_PEOPLE, access="public")))
    assert "requireApiToken" not in public and "{ prisma, rateLimitStore }: RouteDeps" in public


def test_routes_without_a_rate_limit_do_not_take_the_store() -> None:
    schema = NOTES_AND_PEOPLE.replace("/// @rateLimit", "// ")
    text = printed(routes_module(plan_of(schema, access="public")))
    assert 'api.use("/people", personRouter(prisma));' in text
    assert (
        f"export function {MOUNT_ROUTES.name}(app: Express, {{ prisma }}: RouteDeps): void" in text
    )


def test_routes_mount_auth_first() -> None:
    text = printed(routes_module(plan_of(WITH_USERS)))
    auth = text.index('app.use("/auth", authRouter(prisma, config, rateLimitStore));')
    authenticate = text.index("app.use(authenticate(prisma, config));")
    api = text.index("const api = express.Router();")
    assert auth < authenticate < api
    # The comments that explain the order stay.
    assert "// /auth comes first: a refresh must work while the access token has expired." in text
    assert "// Access tokens are read once per request; each route applies its rule." in text
    assert "{ config, prisma, rateLimitStore }: RouteDeps" in text
    assert text.index('api.use("/users", userRouter(prisma));') < text.index('"/notes"')


def test_routes_of_a_schema_without_models() -> None:
    text = printed(routes_module(plan_of(NO_MODELS, access="public")))
    assert "_deps: RouteDeps" in text
    assert 'app.use("/api", api);' in text


# -- src/gen/settings.ts ------------------------------------------------------------------


#: One model every database can serve.
PLAIN = DATASOURCE + "model Note {\n  id    String @id @default(uuid())\n  title String\n}\n"


@pytest.mark.parametrize("database", SUPPORTED_DATABASES)
def test_database_url_rule_per_database(database: str) -> None:
    source = settings_module(plan_of(PLAIN, database))
    assert source.path == SETTINGS_MODULE.name + ".ts"
    text = printed(source)
    assert f"export const {DATABASE_URL.name} = z" in text
    known = DATABASES[database]
    if database in ("sqlite", "postgresql"):
        # Both URLs: db.ts names a mismatch with the schema's provider.
        assert "(url) => /^(file:|postgres(ql)?:\\/\\/)/.test(url)," in text
        assert "is required (file:./dev.db for SQLite, postgres://... for PostgreSQL)" in text
        assert "must start with file: (SQLite) or postgres:// (PostgreSQL)" in text
    else:
        assert f"(url) => /{known.url_pattern}/.test(url)," in text
        assert f"is required ({known.url_form} for {known.title})" in text
        assert f"must start with {known.url_prefixes} ({known.title})" in text


def test_auth_settings_only_with_a_user_model() -> None:
    public = printed(settings_module(plan_of(NOTES_AND_PEOPLE, access="public")))
    assert f"export const {AUTH_SETTINGS.name} = {{}};" in public
    token = printed(settings_module(plan_of(NOTES_AND_PEOPLE)))
    assert f"export const {AUTH_SETTINGS.name} = apiTokenSettings;" in token
    assert "JWT_SECRET" not in public + token
    static = print_source_file(runtime_source("src/gen/http/api-token.ts"))
    assert "  API_TOKEN: z" in static and '.min(32, "must be at least 32' in static
    with_users = printed(settings_module(plan_of(WITH_USERS)))
    assert "export const authSettings = {\n  ...authEnvironment," in with_users
    assert 'JWT_ISSUER: z.string().min(1).default("app-backend"),' in with_users
    assert 'JWT_AUDIENCE: z.string().min(1).default("app-backend"),' in with_users
    static = print_source_file(runtime_source("src/gen/auth/settings.ts"))
    for name in (
        "JWT_SECRET",
        "JWT_SECRET_PREVIOUS",
        "JWT_ACCESS_TTL_SECONDS",
        "AUTH_RATE_LIMIT_MAX",
        "AUTH_REFRESH_GRACE_SECONDS",
        "SCRYPT_COST",
    ):
        assert f"  {name}: " in static
    assert "AUTH_ADMINS" not in static + with_users


# -- src/gen/auth/identity.ts -------------------------------------------------------------


def test_identity_of_an_int_id_with_an_admin_role() -> None:
    auth = plan_of(WITH_USERS).auth
    assert auth is not None
    source = identity_module(auth)
    assert source.path == AUTH_IDENTITY_MODULE.name + ".ts"
    text = printed(source)
    assert f"export type {USER_ID.name} = number;" in text
    # An access token's subject is compared with the session's user (accounts.ts).
    assert "userIdOf" not in text
    assert f'export const {ADMIN_ROLE.name}: string | null = "ADMIN";' in text


def test_identity_of_a_string_id_without_an_admin_role() -> None:
    auth = plan_of(STRING_USER_IDS).auth
    assert auth is not None
    text = printed(identity_module(auth))
    assert "export type UserId = string;" in text
    assert "export const ADMIN_ROLE: string | null = null;" in text


# -- the static sources and the generated modules agree ----------------------------------


def _exports(source: SourceFile) -> set[str]:
    return set(exported_symbols(source))


SCHEMAS = {
    "notes_and_people": NOTES_AND_PEOPLE,
    "with_users": WITH_USERS,
    "string_user_ids": STRING_USER_IDS,
    "no_models": NO_MODELS,
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_runtime_imports_what_the_project_modules_export(name: str) -> None:
    """Every name a runtime file (static or built) takes from another file of the app is
    exported by it, and every file it imports is emitted: the static app.ts, config.ts and
    auth/access.ts find routes.ts, settings.ts and auth/identity.ts as they expect them."""
    plan = plan_of(SCHEMAS[name])
    runtime = {a.path: a.source for a in emit(plan) if a.source is not None}
    others = [
        source
        for model in plan.models
        for source in (validators.emit(plan, model), web.emit_routes(plan, model))
    ]
    others += [a.source for a in openapi.emit(plan) if a.source is not None]
    sources = runtime | {source.path: source for source in others}
    assert {"src/gen/app.ts", "src/gen/routes.ts", "src/gen/settings.ts"} <= set(runtime)
    assert ("src/gen/auth/identity.ts" in runtime) == (plan.auth is not None)
    for path, source in runtime.items():
        for node, _ in iter_nodes(source):
            if not isinstance(node, (Ref, TypeRef)) or node.symbol.module.is_package:
                continue
            module = node.symbol.module.name
            if module.startswith("src/generated/"):
                continue
            target = sources.get(module + ".ts")
            assert target is not None, f"{path} imports {module}, which is not emitted"
            assert node.symbol.name in _exports(
                target
            ), f"{path}: {module} lacks {node.symbol.name}"


def test_static_app_and_config_use_the_project_modules() -> None:
    app = print_source_file(
        runtime_source("src/gen/app.ts"), options=PrintOptions(import_extension=".ts")
    )
    assert 'import { mountRoutes } from "./routes.ts";' in app
    assert "mountRoutes(app, { config, prisma, rateLimitStore });" in app
    assert (
        app.index('app.get("/openapi.json"')
        < app.index("mountRoutes(")
        < app.index("app.use(notFoundHandler);")
    )
    config = print_source_file(runtime_source("src/gen/config.ts"))
    assert "DATABASE_URL: databaseUrl," in config
    assert config.index("TRUST_PROXY") < config.index("...authSettings,")
    access = print_source_file(runtime_source("src/gen/auth/access.ts"))
    assert "export type Principal = { id: UserId; role: string | null };" in access


# -- src/gen/dialect.ts and src/gen/db.ts -------------------------------------------------


def test_dialect_per_database() -> None:
    plain = printed(dialect_module(plan_of(NOTES_AND_PEOPLE)))
    assert "mode:" not in plain and "return filter;" in plain
    text = printed(dialect_module(plan_of(NOTES_AND_PEOPLE, "postgresql")))
    assert 'mode: "insensitive" as const' in text
    assert "filter.contains !== undefined" in text


def db_of(provider: str) -> str:
    """The src/gen/db.ts an app on `provider` gets."""
    files = {a.path: a for a in runtime_files.emit(plan_of(PLAIN, provider))}
    source = files["src/gen/db.ts"].source
    assert source is not None
    return printed(source)


def test_db_provider() -> None:
    for provider in ("sqlite", "postgresql"):
        dialect = printed(dialect_module(plan_of(PLAIN, provider)))
        assert f'export const SCHEMA_PROVIDER: DatabaseProvider = "{provider}";' in dialect
        # One static db.ts serves both: the provider comes from dialect.ts.
        assert db_of(provider) == runtime_text("src/gen/db.ts")
        assert 'import { type DatabaseProvider, SCHEMA_PROVIDER } from "./dialect.ts";' in (
            db_of(provider)
        )


@pytest.mark.parametrize(
    ("provider", "adapter", "construction"),
    [
        ("mysql", "@prisma/adapter-mariadb", "new PrismaMariaDb(databaseUrl)"),
        ("sqlserver", "@prisma/adapter-mssql", "new PrismaMssql(databaseUrl)"),
        ("cockroachdb", "@prisma/adapter-pg", "new PrismaPg({ connectionString: databaseUrl })"),
    ],
)
def test_db_single_adapter(provider: str, adapter: str, construction: str) -> None:
    """Other databases than SQLite and PostgreSQL import their own adapter and nothing else."""
    text = db_of(provider)
    assert text == variant_text(provider, "src/gen/db.ts")
    dialect = printed(dialect_module(plan_of(PLAIN, provider)))
    assert f'export const SCHEMA_PROVIDER = "{provider}" as const;' in dialect
    assert construction in text
    imported = re.findall(r'from "(@prisma/adapter-[a-z0-9-]+)"', text)
    assert imported == [adapter]
