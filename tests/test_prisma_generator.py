"""ssot-codegen as a Prisma generator: the JSON-RPC conversation over stdin/stderr driven by
hand, then a real ``prisma generate`` that runs both the Prisma client generator and ours."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from emitters import prisma_generator
from emitters.pipeline import GenerateOptions, generate_project
from emitters.write import MANIFEST_NAME, WriteConflictError, apply_plan, plan_write

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "golden" / "demo" / "schema.prisma"

GENERATOR_BLOCK = """
generator ssot {
  provider = "ssot-codegen"
  output   = "../backend"
  database = "sqlite"
}
"""


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def converse(*requests: dict[str, Any] | str) -> tuple[list[dict[str, Any]], list[str]]:
    """Runs main() on the requests (one per line); returns (responses, log lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in requests]
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    stderr = io.StringIO()
    assert prisma_generator.main(stdin, stderr) == 0
    responses: list[dict[str, Any]] = []
    logs: list[str] = []
    for line in stderr.getvalue().splitlines():
        # What Prisma does: a line that parses as JSON is a response, anything else a log.
        try:
            responses.append(json.loads(line))
        except ValueError:
            logs.append(line)
    return responses, logs


def project(tmp_path: Path) -> Path:
    """A project with the demo schema (plus the ssot block) in prisma/schema.prisma."""
    schema = tmp_path / "prisma" / "schema.prisma"
    schema.parent.mkdir(parents=True)
    schema.write_text(DEMO.read_text(encoding="utf-8") + GENERATOR_BLOCK, encoding="utf-8")
    return schema


def generate_request(
    schema: Path,
    *,
    output: str | None = None,
    config: dict[str, Any] | None = None,
    request_id: int = 2,
) -> dict[str, Any]:
    """What Prisma sends: the output already resolved from the schema file's folder."""
    generator: dict[str, Any] = {
        "name": "ssot",
        "provider": {"fromEnvVar": None, "value": "ssot-codegen"},
        "config": {"database": "sqlite"} if config is None else config,
        "binaryTargets": [],
        "previewFeatures": [],
        "sourceFilePath": str(schema),
    }
    if output is not None:
        generator["output"] = {"value": output, "fromEnvVar": None}
    params = {
        "generator": generator,
        "schemaPath": str(schema),
        "datamodel": schema.read_text(encoding="utf-8"),
        "dmmf": {},
        "datasources": [],
        "otherGenerators": [],
        "version": "0edf323efd1d98336f3f0a68684b56f689b900d3",
    }
    return {"jsonrpc": "2.0", "method": "generate", "params": params, "id": request_id}


def expected_files(schema: Path) -> dict[str, bytes]:
    result = generate_project(schema, GenerateOptions(database="sqlite"))
    return {f.path: f.data for f in result.files}


def test_get_manifest(capsys: pytest.CaptureFixture[str]) -> None:
    request = {"jsonrpc": "2.0", "method": "getManifest", "params": {"name": "ssot"}, "id": 1}
    responses, _ = converse(request)
    assert responses == [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "result": {
                "manifest": {
                    "prettyName": "ssot-codegen backend",
                    "defaultOutput": "../backend",
                    "requiresGenerators": [],
                    "requiresEngines": [],
                }
            },
        }
    ]
    assert capsys.readouterr().out == ""  # stdout is the user's terminal under Prisma


def test_generate_writes_the_same_backend_as_the_cli(tmp_path: Path) -> None:
    schema = project(tmp_path)
    out = tmp_path / "backend"
    manifest = {"jsonrpc": "2.0", "method": "getManifest", "params": {}, "id": 1}
    responses, logs = converse(manifest, generate_request(schema, output=str(out)))
    assert responses[1] == {"jsonrpc": "2.0", "id": 2, "result": None}
    assert any("written" in line for line in logs)
    written = snapshot(out)
    assert MANIFEST_NAME in written
    del written[MANIFEST_NAME]
    assert written == expected_files(schema)
    # The generator block is not copied into the app's own schema (no generate loop).
    assert "generator ssot" not in (out / "prisma/schema.prisma").read_text()


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    schema = project(tmp_path)
    out = tmp_path / "backend"
    converse(generate_request(schema, output=str(out)))
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    responses, _ = converse(generate_request(schema, output=str(out)))
    assert responses == [{"jsonrpc": "2.0", "id": 2, "result": None}]
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before


def test_relative_or_missing_output_is_taken_from_the_schema_folder(tmp_path: Path) -> None:
    schema = project(tmp_path)
    responses, _ = converse(generate_request(schema, output="../relative"))
    assert responses[0]["result"] is None
    assert (tmp_path / "relative/src/gen/note/note.service.ts").is_file()
    responses, _ = converse(generate_request(schema))
    assert responses[0]["result"] is None
    assert (tmp_path / "backend/src/gen/note/note.service.ts").is_file()


def test_schema_folder(tmp_path: Path) -> None:
    folder = tmp_path / "prisma" / "schema"
    folder.mkdir(parents=True)
    text = DEMO.read_text(encoding="utf-8")
    head, models = text.split("/// Someone who writes notes.")
    (folder / "main.prisma").write_text(head + GENERATOR_BLOCK, encoding="utf-8")
    (folder / "models.prisma").write_text("/// Someone who writes notes." + models, "utf-8")
    request = generate_request(folder / "main.prisma", output=str(tmp_path / "backend"))
    request["params"]["schemaPath"] = str(folder)
    responses, _ = converse(request)
    assert responses[0]["result"] is None
    assert (tmp_path / "backend/src/gen/person/person.service.ts").is_file()
    assert (tmp_path / "backend/src/gen/note/note.service.ts").is_file()


def test_hand_edited_file_stops_the_run_then_force_overwrites(tmp_path: Path) -> None:
    schema = project(tmp_path)
    out = tmp_path / "backend"
    converse(generate_request(schema, output=str(out)))
    edited = out / "src/gen/note/note.service.ts"
    edited.write_text(edited.read_text() + "// my change\n")
    before = snapshot(out)
    responses, _ = converse(generate_request(schema, output=str(out)))
    error = responses[0]["error"]
    assert error["code"] == prisma_generator.GENERATION_FAILED
    plan = plan_write(out, generate_project(schema).files)
    with pytest.raises(WriteConflictError) as cli_error:
        apply_plan(plan)
    assert error["message"].startswith(str(cli_error.value))  # the CLI's own message
    assert "force = true" in error["message"]
    assert snapshot(out) == before
    forced = generate_request(schema, output=str(out), config={"force": "true"})
    responses, _ = converse(forced)
    assert responses[0]["result"] is None
    assert "// my change" not in edited.read_text()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"databse": "sqlite"}, 'unknown option "databse" (did you mean "database"?)'),
        ({"database": "oracle"}, "generator ssot: database must be one of sqlite, postgresql"),
        ({"database": "mongodb"}, "generator ssot: MongoDB is not supported"),
        ({"force": "yes"}, "generator ssot: force must be true or false"),
    ],
)
def test_bad_options_are_reported(tmp_path: Path, config: dict[str, Any], message: str) -> None:
    schema = project(tmp_path)
    responses, _ = converse(generate_request(schema, output=str(tmp_path / "out"), config=config))
    assert message in responses[0]["error"]["message"]
    assert not (tmp_path / "out").exists()


def test_postgresql_option(tmp_path: Path) -> None:
    schema = project(tmp_path)
    out = tmp_path / "backend"
    request = generate_request(schema, output=str(out), config={"database": "postgresql"})
    responses, _ = converse(request)
    assert responses[0]["result"] is None
    assert 'provider = "postgresql"' in (out / "prisma/schema.prisma").read_text()


def test_invalid_schema_is_a_json_rpc_error_with_locations(tmp_path: Path) -> None:
    schema = project(tmp_path)
    schema.write_text(schema.read_text() + "\nmodel Broken {\n  id Int @id\n  x Nope\n}\n")
    responses, logs = converse(generate_request(schema, output=str(tmp_path / "out")))
    message = responses[0]["error"]["message"]
    assert f"{schema}:" in message
    assert "Nope" in message
    assert "Traceback" not in message and not any("Traceback" in line for line in logs)
    assert not (tmp_path / "out").exists()


def test_internal_error_is_reported_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("emitters.pipeline.generate_project", broken)
    schema = project(tmp_path)
    responses, logs = converse(generate_request(schema, output=str(tmp_path / "out")))
    message = responses[0]["error"]["message"]
    assert message.startswith("ssot-codegen: internal error: RuntimeError: boom")
    assert not any("Traceback" in line for line in logs)


def test_protocol_errors_do_not_stop_the_loop() -> None:
    responses, _ = converse(
        "this is not json",
        {"jsonrpc": "2.0", "method": "frobnicate", "params": {}, "id": 7},
        {"jsonrpc": "2.0", "method": "generate", "id": 8},
        {"jsonrpc": "2.0", "method": "getManifest", "params": {}, "id": 9},
    )
    codes = [r.get("error", {}).get("code") for r in responses]
    assert codes == [
        prisma_generator.PARSE_ERROR,
        prisma_generator.METHOD_NOT_FOUND,
        prisma_generator.INVALID_PARAMS,
        None,
    ]
    assert [r["id"] for r in responses] == [None, 7, 8, 9]
    assert responses[3]["result"]["manifest"]["prettyName"] == "ssot-codegen backend"


def test_console_script_enters_generator_mode_from_the_environment(tmp_path: Path) -> None:
    """Through real pipes, as Prisma spawns it: the env var alone selects the protocol."""
    schema = project(tmp_path)
    out = tmp_path / "backend"
    requests = [
        {"jsonrpc": "2.0", "method": "getManifest", "params": {}, "id": 1},
        generate_request(schema, output=str(out)),
    ]
    completed = subprocess.run(
        [sys.executable, "-c", "from emitters.cli import entry; entry()"],
        input="".join(json.dumps(r) + "\n" for r in requests),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PRISMA_GENERATOR_INVOCATION": "true"},
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == ""
    responses = []
    for line in completed.stderr.splitlines():
        try:
            responses.append(json.loads(line))
        except ValueError:
            continue
    assert [r["id"] for r in responses] == [1, 2]
    assert responses[1]["result"] is None
    assert (out / "src/gen/note/note.service.ts").is_file()


def test_explicit_cli_arguments_ignore_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from emitters import cli

    monkeypatch.setenv("PRISMA_GENERATOR_INVOCATION", "true")
    out = tmp_path / "app"
    assert cli.main(["generate", str(DEMO), "-o", str(out), "-q"]) == cli.EXIT_OK
    assert (out / "src/gen/note/note.service.ts").is_file()


@pytest.mark.e2e
def test_prisma_generate_runs_both_generators(tmp_path: Path) -> None:
    """A real ``npx prisma generate`` (offline) with ``provider = "ssot-codegen"``."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tools.e2e.harness import install_node_modules

    if shutil.which("ssot-codegen") is None:
        pytest.fail("the ssot-codegen command is not on PATH: run pip install -e .")
    schema = project(tmp_path)
    app = {f.path: f.content for f in generate_project(DEMO).files}
    # The generated app's package.json: same dependency list, so the npm cache is reused.
    (tmp_path / "package.json").write_text(app["package.json"], encoding="utf-8")
    (tmp_path / "prisma.config.ts").write_text(app["prisma.config.ts"], encoding="utf-8")
    install_node_modules(tmp_path)
    env = {
        **os.environ,
        "PRISMA_SCHEMA_ENGINE_BINARY": str(tmp_path / "package.json"),
        "CHECKPOINT_DISABLE": "1",
        "PRISMA_HIDE_UPDATE_MESSAGE": "1",
    }

    def prisma_generate() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["npx", "--no-install", "prisma", "generate"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    completed = prisma_generate()
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "Generated ssot-codegen backend to ./backend" in output
    out = tmp_path / "backend"
    assert (out / "src/gen/note/note.service.ts").is_file()
    assert (out / MANIFEST_NAME).is_file()
    on_disk = snapshot(out)
    del on_disk[MANIFEST_NAME]
    assert on_disk == expected_files(schema)
    # Prisma's own client generator ran too, into the block's output.
    assert (tmp_path / "src/generated/prisma/client.ts").is_file()

    edited = out / "src/gen/note/note.service.ts"
    edited.write_text(edited.read_text() + "// my change\n")
    completed = prisma_generate()
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0
    assert "refusing to overwrite files you changed" in output
    assert "src/gen/note/note.service.ts: edited since it was generated" in output
    assert "Traceback" not in output
    assert edited.read_text().endswith("// my change\n")
