"""The contract between the emitters and the generated app: every module path and every
exported name that generated code refers to, in one place, plus the constants the runtime and
the emitters must agree on.

A name from another module is only ever used through one of these Symbols (or one built by the
emitter that owns that module), so every import of a generated file is derived, never written.
`tests/test_contract.py` checks that each Symbol here is really exported by its file.

Naming: the TypeScript name in UPPER_SNAKE_CASE, a word boundary at every lower-to-upper change
(`stringFilter` -> `STRING_FILTER`, `HttpError` -> `HTTP_ERROR`). Kinds: type aliases are TYPE,
classes BOTH, functions and constants VALUE.
"""

from __future__ import annotations

from ssot_ast.ts.symbols import BOTH, TYPE, VALUE, ModuleRef, Symbol

# Packages.
ZOD = ModuleRef.package("zod")
EXPRESS = ModuleRef.package("express")

Z = Symbol(name="z", module=ZOD, kind=BOTH)
ROUTER = Symbol(name="Router", module=EXPRESS, kind=BOTH)
REQUEST = Symbol(name="Request", module=EXPRESS, kind=TYPE)
RESPONSE = Symbol(name="Response", module=EXPRESS, kind=TYPE)

# The client that `prisma generate` writes into src/generated/prisma.
PRISMA_ENUMS_MODULE = ModuleRef.file("src/generated/prisma/enums")


def prisma_model_type(model: str) -> Symbol:
    """The record type Prisma generates for a model (``Note``)."""
    return Symbol(name=model, module=PRISMA_CLIENT_MODULE, kind=TYPE)


def prisma_enum(name: str) -> Symbol:
    """A schema enum: a const object and a type of the same name in the generated client."""
    return Symbol(name=name, module=PRISMA_ENUMS_MODULE, kind=BOTH)


HTTP_QUERY = ModuleRef.file("src/gen/http/query")
HTTP_PAGINATION = ModuleRef.file("src/gen/http/pagination")
HTTP_BODY = ModuleRef.file("src/gen/http/body")
HTTP_ERRORS = ModuleRef.file("src/gen/http/errors")
HTTP_JSON = ModuleRef.file("src/gen/http/json")
HTTP_RATE_LIMIT = ModuleRef.file("src/gen/http/rate-limit")
CONFIG_MODULE = ModuleRef.file("src/gen/config")
DB_MODULE = ModuleRef.file("src/gen/db")
APP_MODULE = ModuleRef.file("src/gen/app")
SERVER_MODULE = ModuleRef.file("src/server")
PRISMA_CLIENT_MODULE = ModuleRef.file("src/generated/prisma/client")
DIALECT_MODULE = ModuleRef.file("src/gen/dialect")
ROUTES_MODULE = ModuleRef.file("src/gen/routes")
SETTINGS_MODULE = ModuleRef.file("src/gen/settings")
AUTH_SETTINGS_MODULE = ModuleRef.file("src/gen/auth/settings")
AUTH_IDENTITY_MODULE = ModuleRef.file("src/gen/auth/identity")
AUTH_ACCOUNTS_MODULE = ModuleRef.file("src/gen/auth/accounts")
AUTH_ACCESS_MODULE = ModuleRef.file("src/gen/auth/access")
AUTH_CRYPTO_MODULE = ModuleRef.file("src/gen/auth/crypto")
AUTH_TOKENS_MODULE = ModuleRef.file("src/gen/auth/tokens")
AUTH_SESSIONS_MODULE = ModuleRef.file("src/gen/auth/sessions")
NODE_CRYPTO = ModuleRef.package("node:crypto")

# The client `prisma generate` writes (not a runtime file, but every runtime file uses it).
PRISMA = Symbol(name="Prisma", module=PRISMA_CLIENT_MODULE, kind=BOTH)
PRISMA_CLIENT = Symbol(name="PrismaClient", module=PRISMA_CLIENT_MODULE, kind=BOTH)

# gen/http/query.ts
FIELD_KIND = Symbol(name="FieldKind", module=HTTP_QUERY, kind=TYPE)
SORT_FIELD = Symbol(name="SortField", module=HTTP_QUERY, kind=TYPE)
SORT_FIELDS = Symbol(name="SortFields", module=HTTP_QUERY, kind=TYPE)
SORT_DIRECTION = Symbol(name="SortDirection", module=HTTP_QUERY, kind=TYPE)
SORT_KEY = Symbol(name="SortKey", module=HTTP_QUERY, kind=TYPE)
INT_VALUE = Symbol(name="intValue", module=HTTP_QUERY, kind=VALUE)
FLOAT_VALUE = Symbol(name="floatValue", module=HTTP_QUERY, kind=VALUE)
BIGINT_VALUE = Symbol(name="bigintValue", module=HTTP_QUERY, kind=VALUE)
DECIMAL_VALUE = Symbol(name="decimalValue", module=HTTP_QUERY, kind=VALUE)
BOOLEAN_VALUE = Symbol(name="booleanValue", module=HTTP_QUERY, kind=VALUE)
DATE_TIME_VALUE = Symbol(name="dateTimeValue", module=HTTP_QUERY, kind=VALUE)
STRING_VALUE = Symbol(name="stringValue", module=HTTP_QUERY, kind=VALUE)
ENUM_VALUE = Symbol(name="enumValue", module=HTTP_QUERY, kind=VALUE)
STRING_FILTER = Symbol(name="stringFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_STRING_FILTER = Symbol(name="nullableStringFilter", module=HTTP_QUERY, kind=VALUE)
INT_FILTER = Symbol(name="intFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_INT_FILTER = Symbol(name="nullableIntFilter", module=HTTP_QUERY, kind=VALUE)
FLOAT_FILTER = Symbol(name="floatFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_FLOAT_FILTER = Symbol(name="nullableFloatFilter", module=HTTP_QUERY, kind=VALUE)
BIGINT_FILTER = Symbol(name="bigintFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_BIGINT_FILTER = Symbol(name="nullableBigintFilter", module=HTTP_QUERY, kind=VALUE)
DECIMAL_FILTER = Symbol(name="decimalFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_DECIMAL_FILTER = Symbol(name="nullableDecimalFilter", module=HTTP_QUERY, kind=VALUE)
DATE_TIME_FILTER = Symbol(name="dateTimeFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_DATE_TIME_FILTER = Symbol(name="nullableDateTimeFilter", module=HTTP_QUERY, kind=VALUE)
BOOLEAN_FILTER = Symbol(name="booleanFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_BOOLEAN_FILTER = Symbol(name="nullableBooleanFilter", module=HTTP_QUERY, kind=VALUE)
ENUM_FILTER = Symbol(name="enumFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_ENUM_FILTER = Symbol(name="nullableEnumFilter", module=HTTP_QUERY, kind=VALUE)
SORT_PARAM = Symbol(name="sortParam", module=HTTP_QUERY, kind=VALUE)
TAKE_PARAM = Symbol(name="takeParam", module=HTTP_QUERY, kind=VALUE)
SKIP_PARAM = Symbol(name="skipParam", module=HTTP_QUERY, kind=VALUE)
INCLUDE_PARAM = Symbol(name="includeParam", module=HTTP_QUERY, kind=VALUE)
CURSOR_PARAM = Symbol(name="cursorParam", module=HTTP_QUERY, kind=VALUE)

UUID_VALUE = Symbol(name="uuidValue", module=HTTP_QUERY, kind=VALUE)
KEY_VALUE = Symbol(name="keyValue", module=HTTP_QUERY, kind=VALUE)
KEY_FILTER = Symbol(name="keyFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_KEY_FILTER = Symbol(name="nullableKeyFilter", module=HTTP_QUERY, kind=VALUE)
UUID_FILTER = Symbol(name="uuidFilter", module=HTTP_QUERY, kind=VALUE)
NULLABLE_UUID_FILTER = Symbol(name="nullableUuidFilter", module=HTTP_QUERY, kind=VALUE)

# gen/http/pagination.ts
TOTAL_ORDER = Symbol(name="totalOrder", module=HTTP_PAGINATION, kind=VALUE)
ORDER_BY_OF = Symbol(name="orderByOf", module=HTTP_PAGINATION, kind=VALUE)
ENCODE_CURSOR = Symbol(name="encodeCursor", module=HTTP_PAGINATION, kind=VALUE)
DECODE_CURSOR = Symbol(name="decodeCursor", module=HTTP_PAGINATION, kind=VALUE)
KEYSET_WHERE = Symbol(name="keysetWhere", module=HTTP_PAGINATION, kind=VALUE)
PAGE_META = Symbol(name="PageMeta", module=HTTP_PAGINATION, kind=TYPE)
PAGE = Symbol(name="Page", module=HTTP_PAGINATION, kind=TYPE)

# gen/http/body.ts
READ_ONLY = Symbol(name="readOnly", module=HTTP_BODY, kind=VALUE)
DATE_TIME_INPUT = Symbol(name="dateTimeInput", module=HTTP_BODY, kind=VALUE)
BIGINT_INPUT = Symbol(name="bigintInput", module=HTTP_BODY, kind=VALUE)
DECIMAL_INPUT = Symbol(name="decimalInput", module=HTTP_BODY, kind=VALUE)
BYTES_INPUT = Symbol(name="bytesInput", module=HTTP_BODY, kind=VALUE)
INT_ID_PARAM = Symbol(name="intIdParam", module=HTTP_BODY, kind=VALUE)
FLOAT_INPUT = Symbol(name="floatInput", module=HTTP_BODY, kind=VALUE)
DECIMAL_WITHIN = Symbol(name="decimalWithin", module=HTTP_BODY, kind=VALUE)
URL_INPUT = Symbol(name="urlInput", module=HTTP_BODY, kind=VALUE)
AT_LEAST = Symbol(name="atLeast", module=HTTP_BODY, kind=VALUE)
AT_MOST = Symbol(name="atMost", module=HTTP_BODY, kind=VALUE)
JSON_INPUT = Symbol(name="jsonInput", module=HTTP_BODY, kind=VALUE)
JSON_DB_NULL = Symbol(name="nullAsDbNull", module=HTTP_BODY, kind=VALUE)

# gen/http/errors.ts
ERROR_CODE = Symbol(name="ErrorCode", module=HTTP_ERRORS, kind=TYPE)
ERROR_DETAIL = Symbol(name="ErrorDetail", module=HTTP_ERRORS, kind=TYPE)
HTTP_ERROR = Symbol(name="HttpError", module=HTTP_ERRORS, kind=BOTH)
NOT_FOUND = Symbol(name="notFound", module=HTTP_ERRORS, kind=VALUE)
TO_HTTP_ERROR = Symbol(name="toHttpError", module=HTTP_ERRORS, kind=VALUE)
REQUEST_ID_OF = Symbol(name="requestIdOf", module=HTTP_ERRORS, kind=VALUE)
NOT_FOUND_HANDLER = Symbol(name="notFoundHandler", module=HTTP_ERRORS, kind=VALUE)
ERROR_HANDLER = Symbol(name="errorHandler", module=HTTP_ERRORS, kind=VALUE)

# gen/http/json.ts
JSON_REPLACER = Symbol(name="jsonReplacer", module=HTTP_JSON, kind=VALUE)

# gen/http/api-token.ts
HTTP_API_TOKEN = ModuleRef.file("src/gen/http/api-token")
REQUIRE_API_TOKEN = Symbol(name="requireApiToken", module=HTTP_API_TOKEN, kind=VALUE)
API_TOKEN_SETTINGS = Symbol(name="apiTokenSettings", module=HTTP_API_TOKEN, kind=VALUE)

# gen/http/rate-limit.ts
RATE_LIMIT_STORE = Symbol(name="RateLimitStore", module=HTTP_RATE_LIMIT, kind=TYPE)
MEMORY_RATE_LIMIT_STORE = Symbol(name="memoryRateLimitStore", module=HTTP_RATE_LIMIT, kind=VALUE)
CONNECT_RATE_LIMIT_STORE = Symbol(name="connectRateLimitStore", module=HTTP_RATE_LIMIT, kind=VALUE)
LIMITER = Symbol(name="limiter", module=HTTP_RATE_LIMIT, kind=VALUE)

# gen/dialect.ts (built per project)
TEXT_SEARCH = Symbol(name="textSearch", module=DIALECT_MODULE, kind=VALUE)
SCHEMA_PROVIDER = Symbol(name="SCHEMA_PROVIDER", module=DIALECT_MODULE, kind=VALUE)

# gen/config.ts
CONFIG = Symbol(name="Config", module=CONFIG_MODULE, kind=TYPE)
CONFIG_ERROR = Symbol(name="ConfigError", module=CONFIG_MODULE, kind=BOTH)
LOAD_CONFIG = Symbol(name="loadConfig", module=CONFIG_MODULE, kind=VALUE)

# gen/db.ts

CREATE_PRISMA_CLIENT = Symbol(name="createPrismaClient", module=DB_MODULE, kind=VALUE)

# gen/app.ts
APP_DEPS = Symbol(name="AppDeps", module=APP_MODULE, kind=TYPE)
CREATE_APP = Symbol(name="createApp", module=APP_MODULE, kind=VALUE)

# gen/routes.ts (built per project; app.ts calls it)
ROUTE_DEPS = Symbol(name="RouteDeps", module=ROUTES_MODULE, kind=TYPE)
MOUNT_ROUTES = Symbol(name="mountRoutes", module=ROUTES_MODULE, kind=VALUE)

# gen/settings.ts (built per project; config.ts spreads it into its schema)
DATABASE_URL = Symbol(name="databaseUrl", module=SETTINGS_MODULE, kind=VALUE)
AUTH_SETTINGS = Symbol(name="authSettings", module=SETTINGS_MODULE, kind=VALUE)

# gen/auth/settings.ts (static; gen/settings.ts spreads it)
AUTH_ENVIRONMENT = Symbol(name="authEnvironment", module=AUTH_SETTINGS_MODULE, kind=VALUE)

# gen/auth/identity.ts (built per project with a user model; auth/access.ts imports it)
USER_ID = Symbol(name="UserId", module=AUTH_IDENTITY_MODULE, kind=TYPE)
ADMIN_ROLE = Symbol(name="ADMIN_ROLE", module=AUTH_IDENTITY_MODULE, kind=VALUE)

# gen/auth/accounts.ts (built per project with a user model)
IDENTIFIER_SCHEMA = Symbol(name="identifierSchema", module=AUTH_ACCOUNTS_MODULE, kind=VALUE)
PRINCIPAL_OF_SESSION = Symbol(name="principalOfSession", module=AUTH_ACCOUNTS_MODULE, kind=VALUE)
CREATE_ADMIN = Symbol(name="createAdmin", module=AUTH_ACCOUNTS_MODULE, kind=VALUE)

# gen/auth/access.ts
AUTHENTICATE = Symbol(name="authenticate", module=AUTH_ACCESS_MODULE, kind=VALUE)
SIGNED_IN = Symbol(name="signedIn", module=AUTH_ACCESS_MODULE, kind=VALUE)
UNAUTHORIZED = Symbol(name="unauthorized", module=AUTH_ACCESS_MODULE, kind=VALUE)

# gen/auth/crypto.ts
HASH_PASSWORD = Symbol(name="hashPassword", module=AUTH_CRYPTO_MODULE, kind=VALUE)
VERIFY_PASSWORD = Symbol(name="verifyPassword", module=AUTH_CRYPTO_MODULE, kind=VALUE)
PASSWORD_COST = Symbol(name="passwordCost", module=AUTH_CRYPTO_MODULE, kind=VALUE)
NORMALISE_IDENTIFIER = Symbol(name="normaliseIdentifier", module=AUTH_CRYPTO_MODULE, kind=VALUE)
READ_COOKIE = Symbol(name="readCookie", module=AUTH_CRYPTO_MODULE, kind=VALUE)

# gen/auth/tokens.ts
SIGN_ACCESS_TOKEN = Symbol(name="signAccessToken", module=AUTH_TOKENS_MODULE, kind=VALUE)

# gen/auth/sessions.ts
OPEN_SESSION = Symbol(name="openSession", module=AUTH_SESSIONS_MODULE, kind=VALUE)
REFRESH_SESSION = Symbol(name="refreshSession", module=AUTH_SESSIONS_MODULE, kind=VALUE)
END_SESSION = Symbol(name="endSession", module=AUTH_SESSIONS_MODULE, kind=VALUE)
END_SESSIONS = Symbol(name="endSessions", module=AUTH_SESSIONS_MODULE, kind=VALUE)
PURGE_SESSIONS = Symbol(name="purgeSessions", module=AUTH_SESSIONS_MODULE, kind=VALUE)

# node:crypto
RANDOM_BYTES = Symbol(name="randomBytes", module=NODE_CRYPTO, kind=VALUE)


# gen/auth/links.ts (static; with a user model, when some write links to an owned model)
AUTH_LINKS_MODULE = ModuleRef.file("src/gen/auth/links")
LINK_SCOPE = Symbol(name="linkScope", module=AUTH_LINKS_MODULE, kind=VALUE)
CHECK_LINKS = Symbol(name="checkLinks", module=AUTH_LINKS_MODULE, kind=VALUE)
CHANGED_KEYS = Symbol(name="changedKeys", module=AUTH_LINKS_MODULE, kind=VALUE)
ACCESS_SCOPE = Symbol(name="Scope", module=ModuleRef.file("src/gen/auth/access"), kind=TYPE)


# Constants the runtime sources and the emitters agree on.
EXAMPLE_API_TOKEN = "dev-only-api-token-change-me-0123456789abcdef"
"""The API_TOKEN of .env.example: for development only (config.ts refuses it in production)."""
EXAMPLE_JWT_SECRET = "dev-only-secret-change-me-0123456789abcdef"
"""The JWT_SECRET of .env.example: for development only (config.ts refuses it in production)."""

FLOAT_LIMIT = 1.797693134862315e308
"""The largest magnitude of a Float value (`inFloatRange` in src/gen/http/query.ts): the largest
16-significant-digit decimal below ``Number.MAX_VALUE``. Prisma hands large doubles to the
database rounded to 16 significant digits, and the two doubles above this one would round to
Infinity (a 500 on SQLite)."""
