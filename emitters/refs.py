"""Symbols from packages and from generated modules that per-model emitters reference.

A name from another module is only ever used through one of these (or a Symbol built by
the emitter that owns the module), so every import in a generated file is derived.
"""

from __future__ import annotations

from ssot_ast.ts import BOTH, TYPE, VALUE, ModuleRef, Symbol

# Packages.
ZOD = ModuleRef.package("zod")
EXPRESS = ModuleRef.package("express")

Z = Symbol(name="z", module=ZOD, kind=BOTH)
ROUTER = Symbol(name="Router", module=EXPRESS, kind=BOTH)
REQUEST = Symbol(name="Request", module=EXPRESS, kind=TYPE)
RESPONSE = Symbol(name="Response", module=EXPRESS, kind=TYPE)

# The Prisma client that `prisma generate` writes into src/generated/prisma.
PRISMA_CLIENT_MODULE = ModuleRef.file("src/generated/prisma/client")
PRISMA_ENUMS_MODULE = ModuleRef.file("src/generated/prisma/enums")
PRISMA_CLIENT = Symbol(name="PrismaClient", module=PRISMA_CLIENT_MODULE, kind=BOTH)
PRISMA = Symbol(name="Prisma", module=PRISMA_CLIENT_MODULE, kind=BOTH)


def prisma_model_type(model: str) -> Symbol:
    """The record type Prisma generates for a model (``Note``)."""
    return Symbol(name=model, module=PRISMA_CLIENT_MODULE, kind=TYPE)


def prisma_enum(name: str) -> Symbol:
    """A schema enum: a const object and a type of the same name in the generated client."""
    return Symbol(name=name, module=PRISMA_ENUMS_MODULE, kind=BOTH)


# The shared runtime under src/gen/http.
HTTP_QUERY = ModuleRef.file("src/gen/http/query")
HTTP_BODY = ModuleRef.file("src/gen/http/body")
HTTP_ERRORS = ModuleRef.file("src/gen/http/errors")
HTTP_PAGINATION = ModuleRef.file("src/gen/http/pagination")


def query_symbol(name: str) -> Symbol:
    return Symbol(name=name, module=HTTP_QUERY, kind=VALUE)


def pagination_symbol(name: str) -> Symbol:
    return Symbol(name=name, module=HTTP_PAGINATION, kind=VALUE)


SORT_FIELDS = Symbol(name="SortFields", module=HTTP_QUERY, kind=TYPE)
BIGINT_VALUE = query_symbol("bigintValue")

READ_ONLY = Symbol(name="readOnly", module=HTTP_BODY, kind=VALUE)
DATETIME_INPUT = Symbol(name="dateTimeInput", module=HTTP_BODY, kind=VALUE)
BIGINT_INPUT = Symbol(name="bigintInput", module=HTTP_BODY, kind=VALUE)
FLOAT_INPUT = Symbol(name="floatInput", module=HTTP_BODY, kind=VALUE)
DECIMAL_INPUT = Symbol(name="decimalInput", module=HTTP_BODY, kind=VALUE)
DECIMAL_WITHIN = Symbol(name="decimalWithin", module=HTTP_BODY, kind=VALUE)
BYTES_INPUT = Symbol(name="bytesInput", module=HTTP_BODY, kind=VALUE)
JSON_INPUT = Symbol(name="jsonInput", module=HTTP_BODY, kind=VALUE)
JSON_DB_NULL = Symbol(name="nullAsDbNull", module=HTTP_BODY, kind=VALUE)
INT_ID_PARAM = Symbol(name="intIdParam", module=HTTP_BODY, kind=VALUE)

NOT_FOUND = Symbol(name="notFound", module=HTTP_ERRORS, kind=VALUE)
PAGE = Symbol(name="Page", module=HTTP_PAGINATION, kind=TYPE)
