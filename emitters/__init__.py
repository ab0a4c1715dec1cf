"""The product: turns a resolved Prisma schema into the files of a working TypeScript backend.

Library use (everything in memory until you write)::

    from emitters import GenerateOptions, generate_project, plan_write, apply_plan

    result = generate_project("prisma/schema.prisma", GenerateOptions(database="sqlite"))
    plan = plan_write("backend", result.files)   # what would change; nothing written
    if plan.changes:
        apply_plan(plan)                         # all or nothing

``generate`` is the one-call form: generate, then write unless ``check`` is set.
"""

from __future__ import annotations

import os

from ssot_ast.schema import Schema

from emitters.artifact import GeneratedFile, Ownership
from emitters.pipeline import GenerateOptions, GenerationResult, generate_project
from emitters.plan.analysis import AnalysisError, ModelPlan, ProjectPlan, analyze
from emitters.plan.databases import SUPPORTED_DATABASES, UnsupportedDatabaseError
from emitters.write import (
    WriteConflictError,
    WritePlan,
    WriteResult,
    apply_plan,
    plan_write,
    write_files,
)


def generate(
    schema: str | os.PathLike[str] | Schema,
    out_dir: str | os.PathLike[str],
    options: GenerateOptions = GenerateOptions(),
    *,
    force: bool = False,
    check: bool = False,
) -> WritePlan:
    """Generate the backend for `schema` into `out_dir` and return the plan that was carried
    out (with ``check=True``: only computed, nothing written). Raises ``SchemaError`` for an
    invalid schema, ``AnalysisError`` for one that cannot be served (its subclass
    ``UnsupportedDatabaseError`` when the database is the reason: MongoDB, or an override the
    schema does not fit), and
    ``WriteConflictError`` when generated files were edited by hand (unless ``force``)."""
    result = generate_project(schema, options)
    plan = plan_write(out_dir, result.files, force=force)
    if not check:
        apply_plan(plan)
    return plan


__all__ = [
    "AnalysisError",
    "GenerateOptions",
    "GeneratedFile",
    "GenerationResult",
    "ModelPlan",
    "Ownership",
    "ProjectPlan",
    "SUPPORTED_DATABASES",
    "UnsupportedDatabaseError",
    "WriteConflictError",
    "WritePlan",
    "WriteResult",
    "analyze",
    "apply_plan",
    "generate",
    "generate_project",
    "plan_write",
    "write_files",
]
