"""The shared runtime of every generated app: the static sources under `ts/` (`src/gen/http/*`,
config, app, auth, server entry) and the small modules built per project that they import
(dialect, settings, routes, auth identity), plus db.ts. The modules themselves live in
``emitters.runtime``."""

from __future__ import annotations

from collections.abc import Iterator

from emitters.app import accounts
from emitters.app import auth_routes
from emitters.app import constraints
from emitters.artifact import Artifact
from emitters.artifact import Ownership
from emitters.plan.analysis import ProjectPlan
from emitters.plan.links import links
from emitters.runtime.dialect import SHARED_PROVIDERS
from emitters.runtime.dialect import dialect_module
from emitters.runtime.identity import identity_module
from emitters.runtime.routes import routes_module
from emitters.runtime.settings import settings_module
from emitters.runtime.sources import runtime_source, variant_source


def emit(plan: ProjectPlan) -> Iterator[Artifact]:
    auth = plan.auth
    owned = [
        runtime_source("src/gen/http/query.ts"),
        runtime_source("src/gen/http/pagination.ts"),
        runtime_source("src/gen/http/body.ts"),
        runtime_source("src/gen/http/errors.ts"),
        runtime_source("src/gen/http/json.ts"),
        runtime_source("src/gen/http/openapi.ts"),
        dialect_module(plan),
        runtime_source("src/gen/config.ts"),
        settings_module(plan),
        (
            runtime_source("src/gen/db.ts")
            if plan.provider in SHARED_PROVIDERS
            else variant_source(plan.provider, "src/gen/db.ts")
        ),
        runtime_source("src/gen/app.ts"),
        routes_module(plan),
        runtime_source("src/gen/http/rate-limit.ts"),
        constraints.emit(plan),
    ]
    if auth is not None:
        owned += [
            runtime_source("src/gen/auth/crypto.ts"),
            runtime_source("src/gen/auth/tokens.ts"),
            runtime_source("src/gen/auth/sessions.ts"),
            runtime_source("src/gen/auth/settings.ts"),
            runtime_source("src/gen/auth/access.ts"),
            *(
                [runtime_source("src/gen/auth/links.ts")]
                if any(links(plan, model) for model in plan.models)
                else []
            ),
            runtime_source("src/gen/auth/create-admin.ts"),
            identity_module(auth),
            accounts.emit(plan),
            auth_routes.emit(plan),
        ]
    if plan.access.needs_token:
        owned.append(runtime_source("src/gen/http/api-token.ts"))
    for source in owned:
        yield Artifact(path=source.path, source=source)
    server = runtime_source("src/server.ts")
    yield Artifact(path=server.path, source=server, ownership=Ownership.SCAFFOLD)
