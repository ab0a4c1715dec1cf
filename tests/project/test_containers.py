"""The container files and build scripts of a generated app, without a container runtime:
the Dockerfile parses (dockerfile-parse) into a build stage and a slim runtime stage that runs
`node dist/server.js` as a non-root user with a HEALTHCHECK on /health, migrations only in
their own stage; every file it copies from the build context exists in the generated output
and is not excluded by .dockerignore; compose.yaml validates against the Compose
Specification's JSON schema (tests/data/compose-spec.json) for every database, with the
database service following the provider and start-up gated on health checks. Also
package.json's build, start, dev and migration scripts and the build tsconfig."""

from __future__ import annotations

import copy
import fnmatch
import io
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from dockerfile_parse import DockerfileParser

from emitters.pipeline import GenerateOptions, generate_project, plan_project
from emitters.project import containers
from emitters.project.files import tsconfig_build_json
from ssot_ast.schema import parse_schema_text

ROOT = Path(__file__).resolve().parents[2]
BLOG = ROOT / "golden" / "blog" / "schema.prisma"
NOTES = """
datasource db {
  provider = "postgresql"
}

model Note {
  id   String @id @default(uuid())
  text String
}
"""
"""A schema every database can serve."""
COMPOSE_SCHEMA = ROOT / "tests" / "data" / "compose-spec.json"

DATABASE_IMAGES = {
    "postgresql": ("postgres:", "postgresql://"),
    "mysql": ("mariadb:", "mysql://"),
    "sqlserver": ("mcr.microsoft.com/mssql/server:", "sqlserver://"),
    "cockroachdb": ("cockroachdb/cockroach:", "postgresql://"),
}
"""Per database: how its image and the app's DATABASE_URL start."""


@cache
def blog_files() -> dict[str, str]:
    """golden/blog generated for PostgreSQL, once for the module."""
    result = generate_project(BLOG, GenerateOptions(database="postgresql"))
    return {file.path: file.content for file in result.files}


@cache
def compose_of(database: str) -> dict[str, Any]:
    """The compose file of NOTES for `database`, as written, parsed."""
    plan = plan_project(parse_schema_text(NOTES), GenerateOptions(database=database))
    loaded = yaml.safe_load(containers.compose_yaml(plan))
    assert isinstance(loaded, dict)
    return loaded


@cache
def compose_validator() -> jsonschema.Draft7Validator:
    schema = json.loads(COMPOSE_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def stages(text: str) -> list[list[Mapping[str, Any]]]:
    """The Dockerfile's instructions, split into stages at each FROM."""
    parser = DockerfileParser(fileobj=io.StringIO(text))
    result: list[list[Mapping[str, Any]]] = []
    for instruction in parser.structure:
        if instruction["instruction"] == "FROM":
            result.append([])
        if result:
            result[-1].append(instruction)
    return result


def named(stage: list[Mapping[str, Any]]) -> str:
    return str(stage[0]["value"].split()[-1])


def values(stage: list[Mapping[str, Any]], instruction: str) -> list[str]:
    return [str(i["value"]) for i in stage if i["instruction"] == instruction]


def missing_sources(text: str, files: dict[str, str]) -> list[str]:
    """The COPY sources of `text` that match no file of the output (a folder matches the
    files under it, a glob the files it matches)."""
    return [
        source
        for source in copied_from_context(text)
        if not any(
            fnmatch.fnmatchcase(path, source) or path.startswith(source + "/") for path in files
        )
    ]


def copied_from_context(text: str) -> list[str]:
    """The sources of every COPY that reads the build context (not --from another stage)."""
    sources: list[str] = []
    for stage in stages(text):
        for value in values(stage, "COPY"):
            words = value.split()
            if any(word.startswith("--from=") for word in words):
                continue
            sources += [word for word in words[:-1] if not word.startswith("--")]
    return sources


def test_dockerfile_builds_then_runs_slim_as_a_non_root_user() -> None:
    text = blog_files()["Dockerfile"]
    parsed = stages(text)
    names = [named(stage) for stage in parsed]
    assert names[0] == "build" and names[-1] == "runtime" and "migrate" in names
    build, runtime = parsed[0], parsed[-1]
    assert any("npm run build" in run and "prisma generate" in run for run in values(build, "RUN"))
    assert runtime[0]["value"].startswith("node:24-slim ")
    users = values(runtime, "USER")
    assert users and users[-1] not in ("root", "0")
    (health,) = values(runtime, "HEALTHCHECK")
    assert "/health" in health and health.split()[0].startswith("--interval")
    assert values(runtime, "CMD") == ['["node", "dist/server.js"]']
    # Only the compiled app and production dependencies reach the runtime stage.
    assert all("--from=" in value for value in values(runtime, "COPY"))
    assert not any("migrate" in value for value in values(runtime, "CMD") + values(runtime, "RUN"))
    assert not values(runtime, "ENTRYPOINT")
    (migrate,) = [stage for stage in parsed if named(stage) == "migrate"]
    assert values(migrate, "CMD") == ['["npx", "prisma", "migrate", "deploy"]']


def test_everything_the_dockerfile_copies_exists_and_is_not_ignored() -> None:
    files = blog_files()
    ignored = [line for line in files[".dockerignore"].splitlines() if line and line[0] not in "#!"]
    sources = copied_from_context(files["Dockerfile"])
    assert {"tsconfig.build.json", "prisma", "src", "package*.json"} <= set(sources)
    assert missing_sources(files["Dockerfile"], files) == []
    for path in files:
        copied = any(
            fnmatch.fnmatchcase(path, source) or path.startswith(source + "/") for source in sources
        )
        if copied:
            assert not any(fnmatch.fnmatchcase(path, pattern) for pattern in ignored), path


def test_a_copy_of_a_missing_file_is_caught() -> None:
    files = blog_files()
    text = files["Dockerfile"].replace("COPY src ./src", "COPY srcs ./src")
    assert missing_sources(text, files) == ["srcs"]


@pytest.mark.parametrize("database", ["sqlite", "postgresql", "mysql", "sqlserver", "cockroachdb"])
def test_compose_is_valid_and_follows_the_database(database: str) -> None:
    compose = compose_of(database)
    errors = sorted(compose_validator().iter_errors(compose), key=str)
    assert not errors, "\n".join(error.message for error in errors)
    services = compose["services"]
    app = services["app"]
    assert app["build"]["target"] == "runtime"
    assert app["environment"]["REDIS_URL"] == "redis://redis:6379"
    assert app["environment"]["NODE_ENV"] == "production"
    waits = set(app["depends_on"])
    assert waits == ({"redis"} if database == "sqlite" else {"db", "redis"})
    for name, condition in app["depends_on"].items():
        assert condition == {"condition": "service_healthy"}
        assert services[name]["healthcheck"]["test"]
    assert services["migrate"]["build"]["target"] == "migrate"
    assert services["migrate"]["profiles"] == ["migrate"]
    if database == "sqlite":
        assert "db" not in services
        assert app["environment"]["DATABASE_URL"].startswith("file:/app/data/")
    else:
        image, url = DATABASE_IMAGES[database]
        assert services["db"]["image"].startswith(image)
        assert app["environment"]["DATABASE_URL"].startswith(url)
        assert (
            services["migrate"]["environment"]["DATABASE_URL"] == app["environment"]["DATABASE_URL"]
        )


def test_the_compose_schema_rejects_a_broken_file() -> None:
    """The validation can fail: an unknown key and a wrong depends_on condition."""
    broken = copy.deepcopy(compose_of("postgresql"))
    broken["services"]["app"]["depends_on"]["db"]["condition"] = "service_ready"
    broken["services"]["redis"]["helthcheck"] = {}
    messages = [error.message for error in compose_validator().iter_errors(broken)]
    assert len(messages) == 2, messages


def test_compose_asks_for_the_secrets_the_app_needs() -> None:
    blog = yaml.safe_load(blog_files()["compose.yaml"])
    assert blog["services"]["app"]["environment"]["JWT_SECRET"].startswith("${JWT_SECRET:?")
    notes = compose_of("postgresql")["services"]["app"]["environment"]
    assert "JWT_SECRET" not in notes and notes["API_TOKEN"].startswith("${API_TOKEN:?")


def test_package_json_builds_and_runs_the_compiled_server_on_node_24() -> None:
    package = json.loads(blog_files()["package.json"])
    scripts = package["scripts"]
    assert scripts["build"] == "tsc -p tsconfig.build.json"
    assert scripts["start"] == "node dist/server.js"
    assert scripts["dev"] == "node --import tsx --watch src/server.ts"
    assert scripts["db:migrate"] == "prisma migrate dev"
    assert scripts["db:deploy"] == "prisma migrate deploy"
    assert "tsx" in package["devDependencies"] and "tsx" not in package["dependencies"]
    assert package["engines"]["node"] == ">=24"
    assert package["devDependencies"]["@types/node"].startswith("24.")


def test_the_build_emits_dist_with_rewritten_imports() -> None:
    files = blog_files()
    base = json.loads(files["tsconfig.json"])["compilerOptions"]
    assert base["rewriteRelativeImportExtensions"] is True and base["noEmit"] is True
    built = json.loads(files["tsconfig.build.json"])
    assert files["tsconfig.build.json"] == tsconfig_build_json()
    assert built["extends"] == "./tsconfig.json" and built["include"] == ["src"]
    assert built["compilerOptions"]["noEmit"] is False
    assert built["compilerOptions"]["outDir"] == "dist"
    assert built["compilerOptions"]["rootDir"] == "src"


def test_readme_explains_migrations_and_containers() -> None:
    readme = blog_files()["README.md"]
    for text in (
        "npm run db:migrate -- --name",
        "npm run db:deploy",
        "When the schema changes",
        "docker compose run --rm migrate",
        "npm run build",
    ):
        assert text in readme
