"""The public API: model helpers, relations, annotations, errors and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from schema_corpus import CORPUS, ROOT

from ssot_ast.schema import (
    DefaultKind,
    FieldKind,
    Identifier,
    SchemaError,
    annotation_specs,
    load_schema,
    parse_schema_text,
)
from ssot_ast.schema.cli import main


def test_blog_relations_and_ids() -> None:
    schema = load_schema(ROOT / "golden" / "blog" / "schema.prisma")
    assert schema.provider == "sqlite"
    post = schema.model("Post")
    author = post.field("author").relation
    assert author is not None and author.name == "PostToUser"
    assert author.is_owning_side and author.cardinality == "many-to-one"
    assert author.from_fields == ("authorId",) and author.opposite_field == "posts"
    assert post.field("authorId").is_read_only
    tags = post.field("tags").relation
    assert tags is not None and tags.is_implicit_many_to_many
    like = schema.model("PostLike")
    assert [f.name for f in like.id_fields] == ["postId", "userId"]
    replies = schema.model("Comment").field("replies").relation
    assert replies is not None and replies.is_self_relation
    assert schema.model("User").db_name == "users"
    role = schema.model("User").field("role")
    assert role.kind is FieldKind.ENUM and role.default is not None
    assert role.default.kind is DefaultKind.ENUM_VALUE and role.default.value == "USER"


def test_annotations_parsed() -> None:
    schema = load_schema(CORPUS / "valid" / "postgres_annotations.prisma")
    secret = schema.model("Secret")
    auth = secret.annotation("auth")
    assert auth is not None and auth.get("write") == ("ADMIN",)
    assert secret.annotation("owner") is not None
    assert secret.annotation("owner").args == (Identifier("ownerId"),)  # type: ignore[union-attr]
    assert secret.field("password").annotation("hidden") is not None
    assert "@hidden" in (secret.field("password").documentation or "")
    assert {s.name for s in annotation_specs()} >= {"auth.user", "rateLimit", "maxPageSize"}


@pytest.mark.parametrize(
    "doc, fragment",
    [
        ('/// @rateLimit(max: "x", window: "1m")', "max must be"),
        ('/// @rateLimit(max: 3, window: "forever")', "window must be"),
        ("/// @maxPageSize(", "invalid annotation"),
    ],
)
def test_annotation_errors(doc: str, fragment: str) -> None:
    target = doc + "\nmodel A {\n  id Int @id\n}\n"
    with pytest.raises(SchemaError) as caught:
        parse_schema_text('datasource db {\n  provider = "sqlite"\n}\n' + target)
    assert fragment in str(caught.value)


def test_all_errors_at_once_with_caret() -> None:
    text = "model A {\n  id Int @id\n  x Strin\n  y Flot\n}\n"
    with pytest.raises(SchemaError) as caught:
        parse_schema_text(text, "s.prisma")
    assert [(d.line, d.col) for d in caught.value.diagnostics] == [(3, 5), (4, 5)]
    rendered = str(caught.value)
    assert "s.prisma:3:5: error:" in rendered and "    ^^^^^" in rendered
    assert 'did you mean "String"?' in rendered


def test_cli_validate_and_dump(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CORPUS / "valid" / "multi_file")]) == 0
    assert main(["dump", str(ROOT / "golden" / "demo" / "schema.prisma"), "--format", "dmmf"]) == 0
    dumped = json.loads(capsys.readouterr().out)
    assert [m["name"] for m in dumped["models"]] == ["Person", "Note"]
    assert main(["validate", str(CORPUS / "invalid" / "unknown_type.prisma")]) == 1
    assert "unknown type" in capsys.readouterr().err


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ssot_ast.schema", "validate", str(CORPUS / "invalid")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1 and "error:" in result.stderr
    assert "Traceback" not in result.stderr
