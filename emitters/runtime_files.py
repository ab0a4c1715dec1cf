"""The shared runtime of every generated app (``src/gen/http/*``, config, database, app,
server entry), parameterised by the project plan."""

from __future__ import annotations

from collections.abc import Iterator

from .analysis import ProjectPlan
from .pipeline import Artifact


def emit(plan: ProjectPlan) -> Iterator[Artifact]:
    return iter(())
