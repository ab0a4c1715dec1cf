"""``openapi.json``: the OpenAPI 3.1 document of the generated API, a data file at the project
root that the server reads once at start and serves at ``GET /openapi.json`` (one pre-serialised
buffer, with an ETag and gzip/brotli forms) and behind the interactive docs at ``/docs``
(``src/gen/http/openapi.ts``). Nothing in TypeScript imports it.

The document is built as Python data from the project plan (the same plan the Zod schemas
come from, so both follow the rules of API.md); ``openapi_document(plan)`` returns the data,
``document_text`` the file's text: compact JSON with a line per path and per component.

What it describes, per model: list (a ``deepObject`` filter parameter per field, its operators
an object schema shared by every field alike, then ``sort``, ``take``, ``skip``, ``cursor``,
``include``), count, get, create, patch and delete, with typed path parameters (one per key
field for compound keys); component schemas for the record (hidden and write-only fields
absent), the create and update bodies (server-managed and hidden fields absent, strict) and
the list page; the error shape for every status an operation can answer with. Every query
parameter is a shared component (``components/parameters``) the operations ``$ref``, and so
are the answers operations share (a record, a page, a count, a delete's 204, each error).
Plus ``/health``, ``/ready`` and ``/openapi.json``.

With a user model (``/// @auth.user``) it also describes authentication: the ``bearerAuth``
(JWT access token) and ``refreshCookie`` security schemes, every ``/auth`` route with its
bodies and errors, and per operation the ``security`` its access rule needs (optional on
public operations: a sent token must still be valid), the rule itself (``x-access``, plus
``x-include-access`` and ``x-owner-field`` where they apply) and the 401/403 it may answer.

The package: ``values`` (JSON types, component names, a field's value schemas),
``schemas`` (the component schemas), ``parameters`` (the query parameters and filter
schemas), ``operations`` (responses, path parameters, access), ``paths`` (one builder per
operation) and ``document`` (the whole, and the file).
"""

from emitters.app.openapi.document import (
    OPENAPI_FILE,
    OPENAPI_VERSION,
    document_text,
    emit,
    openapi_document,
)
from emitters.app.openapi.paths import OPENAPI_PATH
from emitters.app.openapi.values import JsonObject, JsonValue

__all__ = [
    "OPENAPI_FILE",
    "OPENAPI_PATH",
    "OPENAPI_VERSION",
    "JsonObject",
    "JsonValue",
    "document_text",
    "emit",
    "openapi_document",
]
