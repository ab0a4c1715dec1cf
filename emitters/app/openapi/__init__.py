"""``src/gen/openapi.ts``: the OpenAPI 3.1 document of the generated API, served at
``GET /openapi.json``.

The document is built as Python data from the project plan (the same plan the Zod schemas
come from, so both follow the rules of API.md) and printed as one ``as const`` object
literal. ``openapi_document(plan)`` returns the data itself.

What it describes, per model: list (every filter operator as its own bracket-notation query
parameter, ``sort``, ``take``, ``skip``, ``cursor``, ``include``), count, get, create, patch
and delete, with typed path parameters (one per key field for compound keys); component
schemas for the record (hidden and write-only fields absent), the create and update bodies
(server-managed and hidden fields absent, strict) and the list page; the error shape for
every status an operation can answer with. Plus ``/health``, ``/ready`` and
``/openapi.json``.

With a user model (``/// @auth.user``) it also describes authentication: the ``bearerAuth``
(JWT access token) and ``refreshCookie`` security schemes, every ``/auth`` route with its
bodies and errors, and per operation the ``security`` its access rule needs (optional on
public operations: a sent token must still be valid), the rule itself (``x-access``, plus
``x-include-access`` and ``x-owner-field`` where they apply) and the 401/403 it may answer.

The package: ``values`` (JSON types, component names, a field's value schemas),
``schemas`` (the component schemas), ``operations`` (responses, parameters, access),
``paths`` (one builder per operation) and ``document`` (the whole, and the TypeScript file).
"""

from emitters.app.openapi.document import (
    OPENAPI_DOCUMENT,
    OPENAPI_MODULE,
    OPENAPI_VERSION,
    emit,
    openapi_document,
    to_expression,
)
from emitters.app.openapi.paths import OPENAPI_PATH
from emitters.app.openapi.values import JsonObject, JsonValue

__all__ = [
    "OPENAPI_DOCUMENT",
    "OPENAPI_MODULE",
    "OPENAPI_PATH",
    "OPENAPI_VERSION",
    "JsonObject",
    "JsonValue",
    "emit",
    "openapi_document",
    "to_expression",
]
