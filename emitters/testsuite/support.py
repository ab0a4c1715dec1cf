"""The static part of the API tests every generated app ships: real `.ts` source files under
`emitters/runtime/ts/tests/` (see `emitters.runtime.sources`), emitted as they stand.

* ``tests/support/values.ts``: new values no earlier run used, values as text;
* ``tests/support/http.ts``: the app under test in the test process, requests to it, and the
  session they come from (nobody, or the administrator of ``auth.ts``);
* ``tests/support/expect.ts``: what an answer holds and the assertions the tests share;
* with a user model: ``tests/support/auth.ts`` (the administrator, users per role, tokens,
  access assertions) and ``tests/auth.test.ts`` (/auth and access tokens), which read the
  schema's facts from the generated ``tests/users.ts``; with a role field and an admin role
  also ``tests/roles.test.ts``;
* ``tests/openapi.test.ts``: ``GET /openapi.json`` (the file's document, ETag, 304, brotli and
  gzip) and ``/docs`` (Swagger UI, on or off as configured).

The generated test files refer to what these export through `support(name)`, which finds the
file exporting `name`, so a renamed or removed export fails at generation time.
"""

from __future__ import annotations

import functools

from ssot_ast.ts import SourceFile, Symbol, exported_symbols

from emitters.plan.api_access import ApiAccess
from emitters.plan.analysis import ProjectPlan
from emitters.runtime.sources import runtime_source

HELPERS = ("tests/support/values.ts", "tests/support/http.ts", "tests/support/expect.ts")
AUTH = "tests/support/auth.ts"
AUTH_TESTS = "tests/auth.test.ts"
ROLE_TESTS = "tests/roles.test.ts"
API_TOKEN_TESTS = "tests/api-token.test.ts"
CONFIG_TESTS = "tests/config.test.ts"
OPENAPI_TESTS = "tests/openapi.test.ts"


def support_files(plan: ProjectPlan) -> list[SourceFile]:
    """The static files of this app's tests."""
    paths = [*HELPERS, OPENAPI_TESTS]
    if plan.auth is not None or plan.access.needs_token:
        paths.append(CONFIG_TESTS)  # an app with a secret: production refuses the example's
    auth = plan.auth
    if auth is not None:
        paths += [AUTH, AUTH_TESTS]
        if auth.role is not None and auth.admin_role is not None:
            paths.append(ROLE_TESTS)
    if plan.access is ApiAccess.TOKEN:
        paths.append(API_TOKEN_TESTS)
    return [runtime_source(path) for path in paths]


@functools.cache
def _exports() -> dict[str, Symbol]:
    found: dict[str, Symbol] = {}
    for path in (*HELPERS, AUTH):
        for name, symbol in exported_symbols(runtime_source(path)).items():
            assert name not in found, f"{name} is exported by two support files"
            found[name] = symbol
    return found


def support(name: str) -> Symbol:
    """The Symbol of `name`, exported by the static support file that declares it."""
    try:
        return _exports()[name]
    except KeyError:
        raise KeyError(f"no file of tests/support/ exports {name!r}") from None
