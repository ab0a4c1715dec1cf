"""Which databases an app can be generated for, and what each gets: the CLI's refusals (exit
2, one line, nothing written), the library's typed error, and per database the provider of
the schema copy, the driver adapter in db.ts and package.json, and the .env.example URL.
Building and running the apps is tests/e2e/test_other_databases.py's job."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import emitters
from emitters import cli
from emitters.pipeline import GenerateOptions, generate_project
from emitters.plan.databases import SUPPORTED_DATABASES, UnsupportedDatabaseError
from emitters.project.stack import AUTH_DEPENDENCIES, DEPENDENCIES, DEV_DEPENDENCIES
from ssot_ast.schema import parse_schema_text

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "tests" / "e2e" / "schemas"
DEMO = ROOT / "golden" / "demo" / "schema.prisma"
BLOG = ROOT / "golden" / "blog" / "schema.prisma"
ECOMMERCE = ROOT / "golden" / "ecommerce" / "schema.prisma"
MONGODB = SCHEMAS / "mongodb_blog.prisma"

MONGODB_LINE = "error: MongoDB is not supported: Prisma 7 has no driver adapter for it"


def files_of(schema: Path, database: str | None = None) -> dict[str, str]:
    result = generate_project(schema, GenerateOptions(database=database))
    return {f.path: f.content for f in result.files}


def run_console_script(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point (`entry`: exit code 4 on any unexpected exception)."""
    return subprocess.run(
        [sys.executable, "-c", "from emitters.cli import entry; entry()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_mongodb_schema_exits_2_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "app"
    result = run_console_script("generate", str(MONGODB), "-o", str(out), "-q")
    assert result.returncode == cli.EXIT_INVALID
    assert result.stderr.splitlines() == [MONGODB_LINE]
    assert result.stdout == ""
    assert not out.exists()


def test_mongodb_refused_whatever_the_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        [str(MONGODB), "--database", "mysql"],
        [str(DEMO), "--database", "mongodb"],
    ):
        code = cli.main(["generate", *args, "-o", str(tmp_path / "app"), "-q"])
        assert code == cli.EXIT_INVALID
        assert capsys.readouterr().err.splitlines() == [MONGODB_LINE]
    assert not (tmp_path / "app").exists()


def test_unknown_database_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["check", str(DEMO), "-o", str(tmp_path), "--database", "oracle", "-q"])
    assert code == cli.EXIT_INVALID
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("error: database must be one of sqlite, postgresql, mysql")


@pytest.mark.parametrize(
    ("schema", "database", "says"),
    [
        (BLOG, "sqlserver", "SQL Server has no enums, and the schema declares enum Role"),
        (ECOMMERCE, "mysql", "a PostgreSQL native type: remove the @db attributes"),
        (DEMO, "cockroachdb", "Person.id: autoincrement() is only for BigInt fields"),
    ],
)
def test_override_the_schema_cannot_serve_is_refused(
    schema: Path, database: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "app"
    code = cli.main(["generate", str(schema), "-o", str(out), "--database", database, "-q"])
    assert code == cli.EXIT_INVALID
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("error: ") and says in line
    assert not out.exists()


def test_json_on_sqlserver_is_refused() -> None:
    schema = parse_schema_text(
        'datasource db {\n  provider = "sqlserver"\n}\n\n'
        "model Event {\n  id   Int  @id @default(autoincrement())\n  data Json\n}\n"
    )
    with pytest.raises(UnsupportedDatabaseError, match=r"Event\.data is Json"):
        generate_project(schema)


def test_library_error_is_typed() -> None:
    with pytest.raises(UnsupportedDatabaseError) as info:
        GenerateOptions(database="mongodb")
    assert isinstance(info.value, emitters.AnalysisError)
    assert isinstance(info.value, ValueError)  # as any bad option value
    with pytest.raises(emitters.UnsupportedDatabaseError):
        generate_project(MONGODB)


def test_cli_choices_are_the_supported_databases() -> None:
    assert cli.DATABASE_CHOICES == SUPPORTED_DATABASES == emitters.SUPPORTED_DATABASES


@pytest.mark.parametrize(
    ("schema", "database", "adapter", "driver", "url"),
    [
        (
            SCHEMAS / "mysql_shop.prisma",
            "mysql",
            "@prisma/adapter-mariadb",
            "mariadb",
            "mysql://root@127.0.0.1:3306/app",
        ),
        (DEMO, "mysql", "@prisma/adapter-mariadb", "mariadb", "mysql://root@127.0.0.1:3306/app"),
        (
            SCHEMAS / "sqlserver_shop.prisma",
            "sqlserver",
            "@prisma/adapter-mssql",
            "mssql",
            "sqlserver://127.0.0.1:1433;database=app;",
        ),
        (
            SCHEMAS / "cockroach_shop.prisma",
            "cockroachdb",
            "@prisma/adapter-pg",
            "pg",
            "postgresql://root@127.0.0.1:26257/app",
        ),
    ],
)
def test_each_database_gets_its_adapter_alone(
    schema: Path, database: str, adapter: str, driver: str, url: str
) -> None:
    files = files_of(schema, database if schema == DEMO else None)
    assert f'  provider = "{database}"\n' in files["prisma/schema.prisma"]
    package = json.loads(files["package.json"])
    dependencies = package["dependencies"]
    adapters = {name for name in dependencies if name.startswith("@prisma/adapter-")}
    assert adapters == {adapter}
    assert driver in dependencies
    assert dependencies[adapter] == dependencies["@prisma/client"]
    assert not {"@libsql/client", "@types/pg"} & (
        set(dependencies) | set(package["devDependencies"])
    )
    assert f'from "{adapter}"' in files["src/gen/db.ts"]
    assert f"DATABASE_URL={url}" in files[".env.example"]


@pytest.mark.parametrize(("schema", "database"), [(DEMO, "sqlite"), (ECOMMERCE, "postgresql")])
def test_sqlite_and_postgresql_apps_keep_their_dependencies(schema: Path, database: str) -> None:
    package = json.loads(files_of(schema, database)["package.json"])
    # An app with a user model (ecommerce) also signs its access tokens with jose.
    extra = AUTH_DEPENDENCIES if schema == ECOMMERCE else {}
    assert package["dependencies"] == dict(sorted({**DEPENDENCIES, **extra}.items()))
    assert package["devDependencies"] == DEV_DEPENDENCIES


def test_mysql_errors_name_the_fields_of_a_primary_key() -> None:
    """MySQL reports every primary key as PRIMARY: errors.ts (the same on every database) asks
    the model, and only a MySQL app's constraints.ts knows the fields of `Model.PRIMARY`."""
    files = files_of(SCHEMAS / "mysql_shop.prisma")
    assert '"OrderLine.PRIMARY": "orderId, productId",' in files["src/gen/constraints.ts"]
    assert "`${meta.modelName}.PRIMARY`" in files["src/gen/http/errors.ts"]
    sqlite = files_of(DEMO)
    assert sqlite["src/gen/http/errors.ts"] == files["src/gen/http/errors.ts"]
    assert "PRIMARY" not in sqlite["src/gen/constraints.ts"]
