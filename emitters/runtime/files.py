"""The shared runtime of every generated app (``src/gen/http/*``, config, database, app,
server entry), parameterised by the project plan. The modules themselves live in
``emitters.runtime``."""

from __future__ import annotations

from collections.abc import Iterator

from emitters.app import auth_routes
from emitters.app import constraints
from emitters.artifact import Artifact
from emitters.artifact import Ownership
from emitters.model.web import router_symbol
from emitters.plan.analysis import ProjectPlan
from emitters.runtime.app import app_module
from emitters.runtime.auth_access import access_module
from emitters.runtime.auth_crypto import crypto_module
from emitters.runtime.body import body_module
from emitters.runtime.config import config_module
from emitters.runtime.db import db_module
from emitters.runtime.errors import errors_module
from emitters.runtime.json import json_module
from emitters.runtime.pagination import pagination_module
from emitters.runtime.query import query_module
from emitters.runtime.rate_limit import rate_limit_module
from emitters.runtime.server import server_module


def emit(plan: ProjectPlan) -> Iterator[Artifact]:
    routers = [(m.names.route, router_symbol(m)) for m in plan.models]
    auth = plan.auth
    mounts = (auth_routes.AUTHENTICATE, auth_routes.AUTH_ROUTER) if auth is not None else None
    owned = [
        query_module(plan.case_insensitive_search),
        pagination_module(),
        body_module(),
        errors_module(plan.provider),
        json_module(),
        config_module(auth is not None, plan.provider),
        db_module(plan.provider),
        app_module(
            routers, mounts, {m.names.route for m in plan.models if m.rate_limit is not None}
        ),
        rate_limit_module(),
        constraints.emit(plan),
    ]
    if auth is not None:
        owned += [
            crypto_module(),
            access_module(auth.id_type, auth.admin_role),
            auth_routes.emit(plan),
        ]
    for source in owned:
        yield Artifact(path=source.path, source=source)
    server = server_module()
    yield Artifact(path=server.path, source=server, ownership=Ownership.SCAFFOLD)
