"""The app's copy of the user's schema keeps what changes the schema's meaning: the
datasource's relationMode, schemas and extensions, and the preview features Prisma 7 still
needs (views, postgresqlExtensions...), and leaves out connection urls."""

from __future__ import annotations

from emitters.project.prisma_schema import app_schema
from ssot_ast.schema import parse_schema_text

SCHEMA = """datasource db {
  provider     = "postgresql"
  url          = env("DATABASE_URL")
  directUrl    = env("DIRECT_URL")
  relationMode = "prisma"
  schemas      = [
    "auth",
    "public",
  ]
  extensions   = [pgcrypto, uuid_ossp(map: "uuid-ossp")]
}

generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["multiSchema", "views", "postgresqlExtensions", "strictUndefinedChecks"]
}

model A {
  id Int @id
  @@schema("auth")
}

view V {
  id Int @unique
  @@schema("public")
}
"""


def test_meaningful_settings_are_kept_and_urls_dropped() -> None:
    text = app_schema(parse_schema_text(SCHEMA), "postgresql")
    head = text[: text.index("model A")]
    assert 'relationMode = "prisma"' in head
    assert 'schemas      = [\n  "auth",\n  "public",\n  ]' in head
    assert 'extensions   = [pgcrypto, uuid_ossp(map: "uuid-ossp")]' in head
    assert 'previewFeatures = ["postgresqlExtensions", "views"]' in head
    assert "env(" not in head and "directUrl" not in head
    assert "strictUndefinedChecks" not in head and "multiSchema" not in head
    # What it keeps, Prisma's own parser accepts (checked by the corpus differential).
    parse_schema_text(text)


def test_settings_of_another_database_are_not_kept() -> None:
    text = app_schema(parse_schema_text(SCHEMA), "sqlite")
    head = text[: text.index("model A")]
    assert "relationMode" not in head and "schemas" not in head and "extensions" not in head
