"""Prisma's own parser, run once per session on the whole schema corpus."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
from schema_corpus import NODE_DIR, invalid_schemas, schema_files, schema_id, valid_schemas


@pytest.fixture(scope="session")
def prisma_dmmf() -> dict[str, dict[str, Any]]:
    """Runs Prisma's parser once on every corpus schema; keyed by schema id."""
    module = NODE_DIR / "node_modules" / "@prisma" / "prisma-schema-wasm"
    if not module.is_dir():
        pytest.fail(
            "the Node toolchain is missing (tools/node/node_modules): run `bash tools/setup.sh`"
        )
    requests = [
        {"id": schema_id(p), "files": schema_files(p)} for p in valid_schemas() + invalid_schemas()
    ]
    result = subprocess.run(
        ["node", str(NODE_DIR / "dmmf.cjs")],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        cwd=NODE_DIR,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"tools/node/dmmf.cjs failed: {result.stderr}")
    return {item["id"]: item for item in json.loads(result.stdout)}
