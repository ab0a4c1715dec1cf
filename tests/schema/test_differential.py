"""Our DMMF dump against Prisma's own parser, on every corpus and golden schema."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ssot_ast.schema import SchemaError, dump_dmmf, parse_schema_files

from schema_corpus import invalid_schemas, schema_files, schema_id, valid_schemas

EXPECT = re.compile(r"^// expect: (\d+):(\d+) (.+)$", re.MULTILINE)


@pytest.mark.parametrize("path", valid_schemas(), ids=schema_id)
def test_dump_matches_prisma(path: Path, prisma_dmmf: dict[str, dict[str, Any]]) -> None:
    theirs = prisma_dmmf[schema_id(path)]
    assert theirs["ok"], f"Prisma rejects {path}: {theirs.get('error')}"
    ours = dump_dmmf(parse_schema_files(schema_files(path)))
    expected = theirs["datamodel"]
    for key in ("enums", "types", "indexes"):
        assert ours[key] == expected[key], key
    assert [m["name"] for m in ours["models"]] == [m["name"] for m in expected["models"]]
    for mine, prisma in zip(ours["models"], expected["models"]):
        for field_mine, field_prisma in zip(mine["fields"], prisma["fields"]):
            assert field_mine == field_prisma, f"{mine['name']}.{field_prisma['name']}"
        assert mine == prisma
    assert json.dumps(ours) == json.dumps(expected)


@pytest.mark.parametrize("path", invalid_schemas(), ids=schema_id)
def test_invalid_schema_rejected(path: Path, prisma_dmmf: dict[str, dict[str, Any]]) -> None:
    text = path.read_text(encoding="utf-8")
    match = EXPECT.search(text)
    assert match, f"{path} has no `// expect: line:col message` header"
    line, col, fragment = int(match.group(1)), int(match.group(2)), match.group(3).strip()
    assert not prisma_dmmf[schema_id(path)]["ok"], f"Prisma accepts {path}"
    with pytest.raises(SchemaError) as caught:
        parse_schema_files(schema_files(path))
    found = [(d.line, d.col, d.message) for d in caught.value.diagnostics]
    assert any(
        d_line == line and d_col == col and fragment in message for d_line, d_col, message in found
    ), f"expected {line}:{col} {fragment!r}, got {found}"
    rendered = str(caught.value)
    assert f":{line}:{col}: error:" in rendered and "^" in rendered
