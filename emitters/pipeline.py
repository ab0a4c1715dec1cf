"""Schema in, verified files out, in memory. Nothing here touches the file system except
reading the schema; ``emitters.write`` does the writing.

Usage from another Python tool::

    from emitters import GenerateOptions, generate_project, write_files

    result = generate_project("prisma/schema.prisma", GenerateOptions(database="sqlite"))
    for file in result.files:
        print(file.path, len(file.content))
    write_files("backend", result.files)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from ssot_ast.schema import Schema, load_schema
from ssot_ast.ts import PrintOptions, SourceFile, print_source_file
from ssot_ast.verify import verify_text

from emitters.app import openapi
from emitters.artifact import Artifact, GeneratedFile
from emitters.model import services
from emitters.model import validators
from emitters.model import web
from emitters.plan.analysis import ProjectPlan, analyze
from emitters.plan.api_access import ACCESS_OPTIONS
from emitters.plan.databases import SUPPORTED_DATABASES as SUPPORTED_DATABASES
from emitters.plan.databases import UnsupportedDatabaseError as UnsupportedDatabaseError
from emitters.plan.databases import check_database, check_database_name, database_of_provider
from emitters.project import files as project
from emitters.runtime import files as runtime_files
from emitters.testsuite import suite as tests_emitter


@attrs.frozen(kw_only=True, slots=True)
class GenerateOptions:
    """What to generate. Every option has the same name on the command line and in a
    ``generator ssot { ... }`` block of the schema."""

    database: str | None = None
    """``sqlite``, ``postgresql``, ``mysql`` (MySQL and MariaDB), ``sqlserver`` or
    ``cockroachdb``; default: the schema's datasource provider. Anything else raises
    ``UnsupportedDatabaseError`` (a ``ValueError``)."""

    access: str | None = None
    """Who may call the API of a schema without a user model: ``token`` (the default: every
    /api request needs the bearer token API_TOKEN), ``public-reads`` or ``public``; see
    ``emitters.plan.api_access``. Anything else raises ``ValueError``."""

    def __attrs_post_init__(self) -> None:
        if self.database is not None and self.database not in SUPPORTED_DATABASES:
            check_database_name(self.database)
        if self.access is not None and self.access not in ACCESS_OPTIONS:
            raise ValueError(
                f"unknown access {self.access!r}: expected one of {', '.join(ACCESS_OPTIONS)}"
            )


@attrs.frozen(kw_only=True, slots=True)
class GenerationResult:
    plan: ProjectPlan
    files: tuple[GeneratedFile, ...]


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def resolve_database(schema: Schema, options: GenerateOptions) -> str:
    """The database the app is generated for: the override, else the schema's datasource
    provider. Raises ``UnsupportedDatabaseError`` (an ``AnalysisError``: exit code 2) for
    MongoDB, and for a schema the database cannot serve, before anything is generated."""
    database = options.database or database_of_provider(schema.provider)
    check_database(schema, database)
    return database


def plan_project(schema: Schema, options: GenerateOptions) -> ProjectPlan:
    return analyze(schema, provider=resolve_database(schema, options), access=options.access)


def collect_artifacts(plan: ProjectPlan) -> list[Artifact]:
    """Every emitter, in a fixed order. Each is a pure function of the plan."""

    artifacts: list[Artifact] = list(runtime_files.emit(plan))
    for model in plan.models:
        for source in (
            validators.emit(plan, model),
            services.emit(plan, model),
            web.emit_controller(plan, model),
            web.emit_routes(plan, model),
        ):
            artifacts.append(Artifact(path=source.path, source=source))
    artifacts.extend(openapi.emit(plan))
    artifacts.extend(tests_emitter.emit(plan))
    artifacts.extend(project.emit(plan))
    return artifacts


def render(
    artifacts: Iterable[Artifact], options: PrintOptions | None = None
) -> list[GeneratedFile]:
    """Print every syntax tree and re-parse it; raise before anything is written if one fails."""
    files: list[GeneratedFile] = []
    print_options = options or PrintOptions(import_extension=".ts")
    for artifact in artifacts:
        if artifact.source is not None:
            text = print_source_file(artifact.source, options=print_options)
            verify_text(text, artifact.path)
        else:
            assert artifact.text is not None
            text = artifact.text
        files.append(GeneratedFile(path=artifact.path, content=text, ownership=artifact.ownership))
    return files


def generate_project(
    schema: str | os.PathLike[str] | Schema,
    options: GenerateOptions = GenerateOptions(),
    *,
    progress: Progress = _quiet,
) -> GenerationResult:
    """Read (or take) a schema and return every file of the backend, verified, in memory."""
    loaded = schema if isinstance(schema, Schema) else load_schema(Path(schema))
    progress("analysing models")
    plan = plan_project(loaded, options)
    progress(f"building {len(plan.models)} models")
    artifacts = collect_artifacts(plan)
    progress(f"printing and verifying {len(artifacts)} files")
    files = render(artifacts)
    return GenerationResult(plan=plan, files=tuple(sorted(files, key=lambda f: f.path)))
