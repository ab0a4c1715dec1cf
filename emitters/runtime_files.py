"""The shared runtime of every generated app (``src/gen/http/*``, config, database, app,
server entry), parameterised by the project plan. The modules themselves live in
``emitters.runtime``."""

from __future__ import annotations

from collections.abc import Iterator

from . import constraints
from .analysis import ProjectPlan
from .pipeline import Artifact
from .runtime.app import app_module
from .runtime.body import body_module
from .runtime.config import config_module
from .runtime.db import db_module
from .runtime.errors import errors_module
from .runtime.json import json_module
from .runtime.pagination import pagination_module
from .runtime.query import query_module
from .runtime.server import server_module
from .web import router_symbol
from .write import Ownership


def emit(plan: ProjectPlan) -> Iterator[Artifact]:
    routers = [(m.names.route, router_symbol(m)) for m in plan.models]
    owned = (
        query_module(plan.case_insensitive_search),
        pagination_module(),
        body_module(),
        errors_module(),
        json_module(),
        config_module(),
        db_module(plan.provider),
        app_module(routers),
        constraints.emit(plan),
    )
    for source in owned:
        yield Artifact(path=source.path, source=source)
    server = server_module()
    yield Artifact(path=server.path, source=server, ownership=Ownership.SCAFFOLD)
