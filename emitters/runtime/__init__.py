"""The runtime of every generated app: the files under `src/gen/http/`, `src/gen/config.ts`,
`src/gen/db.ts`, `src/gen/app.ts` and the scaffold `src/server.ts`, each built as a TypeScript
AST by one module of this package:

=====================  ===================================================  ===================
module                 function                                             file
=====================  ===================================================  ===================
`runtime.query`        `query_module(case_insensitive: bool)`               src/gen/http/query.ts
`runtime.pagination`   `pagination_module()`                                src/gen/http/pagination.ts
`runtime.body`         `body_module()`                                      src/gen/http/body.ts
`runtime.errors`       `errors_module(provider: str)`                       src/gen/http/errors.ts
`runtime.json`         `json_module()`                                      src/gen/http/json.ts
`runtime.rate_limit`   `rate_limit_module()`                                src/gen/http/rate-limit.ts
`runtime.config`       `config_module(auth: bool, database: str)`           src/gen/config.ts
`runtime.db`           `db_module(provider: str)`                           src/gen/db.ts
`runtime.app`          `app_module(routers: Sequence[tuple[str, Symbol]])`  src/gen/app.ts
`runtime.server`       `server_module()`                                    src/server.ts
=====================  ===================================================  ===================

This package module defines, for other emitters, the path of each runtime module
(`HTTP_QUERY`, `HTTP_PAGINATION`, `HTTP_BODY`, `HTTP_ERRORS`, `HTTP_JSON`, `HTTP_RATE_LIMIT`,
`CONFIG_MODULE`, `DB_MODULE`, `APP_MODULE`, `SERVER_MODULE`; `PRISMA_CLIENT_MODULE` for the
client Prisma generates) and one `Symbol` per exported name of those modules. Naming convention: the
TypeScript name in UPPER_SNAKE_CASE, a word boundary at every lower-to-upper change
(`stringFilter` -> `STRING_FILTER`, `dateTimeInput` -> `DATE_TIME_INPUT`, `HttpError` ->
`HTTP_ERROR`, `Page` -> `PAGE`). Kinds: type aliases are TYPE, classes BOTH, functions and
constants VALUE.

It imports none of its submodules, so they can import their symbols from here.
"""

from __future__ import annotations

from ssot_ast.ts.symbols import BOTH, TYPE, VALUE, ModuleRef, Symbol

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

# gen/http/rate-limit.ts
RATE_LIMIT_STORE = Symbol(name="RateLimitStore", module=HTTP_RATE_LIMIT, kind=TYPE)
MEMORY_RATE_LIMIT_STORE = Symbol(name="memoryRateLimitStore", module=HTTP_RATE_LIMIT, kind=VALUE)
CONNECT_RATE_LIMIT_STORE = Symbol(name="connectRateLimitStore", module=HTTP_RATE_LIMIT, kind=VALUE)
LIMITER = Symbol(name="limiter", module=HTTP_RATE_LIMIT, kind=VALUE)

# gen/config.ts
CONFIG = Symbol(name="Config", module=CONFIG_MODULE, kind=TYPE)
CONFIG_ERROR = Symbol(name="ConfigError", module=CONFIG_MODULE, kind=BOTH)
LOAD_CONFIG = Symbol(name="loadConfig", module=CONFIG_MODULE, kind=VALUE)

# gen/db.ts
DATABASE_PROVIDER = Symbol(name="DatabaseProvider", module=DB_MODULE, kind=TYPE)
SCHEMA_PROVIDER = Symbol(name="SCHEMA_PROVIDER", module=DB_MODULE, kind=VALUE)
CREATE_PRISMA_CLIENT = Symbol(name="createPrismaClient", module=DB_MODULE, kind=VALUE)

# gen/app.ts
APP_DEPS = Symbol(name="AppDeps", module=APP_MODULE, kind=TYPE)
CREATE_APP = Symbol(name="createApp", module=APP_MODULE, kind=VALUE)
