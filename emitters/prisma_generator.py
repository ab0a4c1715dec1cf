"""``ssot-codegen`` as a Prisma generator, so ``prisma generate`` builds the backend too.

In the schema::

    generator ssot {
      provider = "ssot-codegen"
      output   = "../backend"   // relative to this schema file's folder
      database = "sqlite"       // optional, as --database (sqlite, postgresql, mysql, ...)
      access   = "token"        // optional, as --access (schemas without a user model)
      force    = true           // optional: overwrite hand-edited files (as --force)
    }

Prisma starts the provider command through a shell with ``PRISMA_GENERATOR_INVOCATION=true``
in its environment (``emitters.cli`` then comes here) and speaks JSON-RPC 2.0 with it: one
request per line on the child's stdin, one response per line on the child's *stderr*. Any
stderr line that is not JSON is a log line to Prisma (shown when the generator fails, or with
``DEBUG=prisma:GeneratorProcess``); stdout goes straight to the user's terminal, so nothing is
printed there. Two methods are used:

* ``getManifest`` (params: the generator block's config) answers
  ``{"manifest": {"prettyName", "defaultOutput", "requiresGenerators", "requiresEngines"}}``;
* ``generate`` (params: Prisma's generator options: ``generator`` with its resolved
  ``output.value`` and ``config``, ``schemaPath``, ``datamodel``, ``dmmf``, ...) generates,
  writes and answers ``null``, or a JSON-RPC error whose message is shown to the user.

The schema is read from ``schemaPath`` (a file or a folder) with ssot-codegen's own parser,
so the backend is exactly what ``ssot-codegen generate SCHEMA -o OUT`` would write, under the
same rules: owned files edited by hand stop the run unless ``force`` is set.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from ssot_ast.schema import Schema, SchemaError, load_schema, parse_schema_text
from ssot_ast.schema.errors import did_you_mean

PRETTY_NAME = "ssot-codegen backend"
"""Prisma prints ``Generated <prettyName> to <output>``."""

DEFAULT_OUTPUT = "../backend"
"""Used when the block has no ``output``; Prisma resolves it from the schema file's folder."""

CONFIG_KEYS = ("database", "access", "force")
"""Options a ``generator`` block may set besides ``provider`` and ``output``."""

# JSON-RPC 2.0 error codes.
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
GENERATION_FAILED = -32000
"""The code Prisma's own generator helper uses for a failed ``generate``."""

FORCE_HINT = "with prisma generate, set force = true in the generator block to overwrite them"


class GeneratorFailure(Exception):
    """A ``generate`` request that cannot be carried out; the message is shown to the user."""

    def __init__(self, message: str, code: int = GENERATION_FAILED) -> None:
        super().__init__(message)
        self.code = code


def manifest() -> dict[str, object]:
    return {
        "prettyName": PRETTY_NAME,
        "defaultOutput": DEFAULT_OUTPUT,
        "requiresGenerators": [],
        "requiresEngines": [],
    }


class _Session:
    """One conversation with Prisma over a pair of text streams."""

    def __init__(self, stdin: TextIO, stderr: TextIO) -> None:
        self.stdin = stdin
        self.stderr = stderr

    def log(self, text: str) -> None:
        """A log line for Prisma: never valid JSON, so it is never taken for a response."""
        for line in text.splitlines() or [""]:
            self._write(f"ssot-codegen: {line}")

    def respond(self, request_id: object, *, result: object = None) -> None:
        self._write(json.dumps({"jsonrpc": "2.0", "id": request_id, "result": result}))

    def fail(self, request_id: object, code: int, message: str) -> None:
        error = {"code": code, "message": message, "data": None}
        self._write(json.dumps({"jsonrpc": "2.0", "id": request_id, "error": error}))

    def _write(self, line: str) -> None:
        self.stderr.write(line + "\n")
        self.stderr.flush()

    def serve(self) -> int:
        """Answer requests until stdin is closed (Prisma then stops the process)."""
        while True:
            line = self.stdin.readline()
            if not line:
                return 0
            if line.strip():
                self.handle(line)

    def handle(self, line: str) -> None:
        try:
            request = json.loads(line)
        except ValueError:
            self.log("ignored a request that is not JSON")
            self.fail(None, PARSE_ERROR, "the request is not valid JSON")
            return
        if not isinstance(request, dict) or not isinstance(request.get("method"), str):
            self.fail(None, INVALID_REQUEST, "a request is an object with a method")
            return
        request_id = request.get("id")
        method = request["method"]
        params = request.get("params")
        if method == "getManifest":
            self.respond(request_id, result={"manifest": manifest()})
            return
        if method != "generate":
            self.fail(request_id, METHOD_NOT_FOUND, f"unknown method {method!r}")
            return
        try:
            if not isinstance(params, dict):
                raise GeneratorFailure("generate needs the generator options", INVALID_PARAMS)
            self.generate(params)
        except GeneratorFailure as failure:
            self.fail(request_id, failure.code, str(failure))
        except Exception as exc:  # noqa: BLE001 - reported to Prisma, never a traceback
            self.fail(
                request_id,
                GENERATION_FAILED,
                f"ssot-codegen: internal error: {type(exc).__name__}: {exc}\n"
                "please report this with the schema that caused it",
            )
        else:
            self.respond(request_id, result=None)

    def generate(self, params: Mapping[str, Any]) -> None:
        from emitters.plan.analysis import AnalysisError
        from emitters.pipeline import GenerateOptions, generate_project
        from emitters.write import WriteConflictError, apply_plan, plan_write

        started = time.perf_counter()
        generator = params.get("generator")
        if not isinstance(generator, dict):
            raise GeneratorFailure("generate needs the generator block", INVALID_PARAMS)
        name = str(generator.get("name") or "ssot")
        database, access, force = read_config(name, generator.get("config"))
        schema_path = params.get("schemaPath")
        out = output_dir(generator, schema_path if isinstance(schema_path, str) else None)
        try:
            options = GenerateOptions(database=database, access=access)
        except ValueError as err:
            raise GeneratorFailure(f"generator {name}: {err}") from None
        try:
            schema = read_schema(schema_path, params.get("datamodel"))
            self.log(f"generating into {out}")
            result = generate_project(schema, options, progress=self.log)
            plan = plan_write(out, result.files, force=force)
            written = apply_plan(plan)
        except SchemaError as err:
            raise GeneratorFailure(str(err)) from None
        except WriteConflictError as err:
            raise GeneratorFailure(f"{err}\n{FORCE_HINT}") from None
        except (AnalysisError, ValueError, OSError) as err:
            raise GeneratorFailure(str(err)) from None
        elapsed = time.perf_counter() - started
        self.log(
            f"{len(written.written)} written, {len(written.unchanged)} unchanged, "
            f"{len(written.deleted)} removed, {len(written.scaffold_kept)} kept "
            f"in {out} ({elapsed:.2f} s)"
        )


def read_config(name: str, config: object) -> tuple[str | None, str | None, bool]:
    """``database``, ``access`` and ``force`` from a generator block's config (Prisma sends
    strings)."""
    if config is None:
        return None, None, False
    if not isinstance(config, dict):
        raise GeneratorFailure(f"generator {name}: the config is not an object", INVALID_PARAMS)
    for key in config:
        if key not in CONFIG_KEYS:
            hint = did_you_mean(key, CONFIG_KEYS) or "known options: " + ", ".join(CONFIG_KEYS)
            raise GeneratorFailure(f'generator {name}: unknown option "{key}" ({hint})')
    database = config.get("database")
    if database is not None and not isinstance(database, str):
        raise GeneratorFailure(f'generator {name}: database must be a string, like "sqlite"')
    access = config.get("access")
    if access is not None and not isinstance(access, str):
        raise GeneratorFailure(f'generator {name}: access must be a string, like "public-reads"')
    raw_force = config.get("force", False)
    if isinstance(raw_force, bool):
        force = raw_force
    elif isinstance(raw_force, str) and raw_force.lower() in ("true", "false"):
        force = raw_force.lower() == "true"
    else:
        raise GeneratorFailure(f"generator {name}: force must be true or false")
    return database, access, force


def output_dir(generator: Mapping[str, Any], schema_path: str | None) -> Path:
    """The output folder. Prisma sends it resolved; a relative one (or the default) is taken
    from the folder of the file declaring the block, as Prisma does."""
    output = generator.get("output")
    value: object = None
    if isinstance(output, dict):
        value = output.get("value")
        env_name = output.get("fromEnvVar")
        if not value and isinstance(env_name, str) and env_name and env_name != "null":
            value = os.environ.get(env_name)
            if not value:
                raise GeneratorFailure(f"the output is env({env_name!r}) but {env_name} is not set")
    elif isinstance(output, str):
        value = output
    if not isinstance(value, str) or not value:
        value = DEFAULT_OUTPUT
    path = Path(value)
    if path.is_absolute():
        return path
    source = generator.get("sourceFilePath")
    if isinstance(source, str) and source:
        base = Path(source).parent
    elif schema_path:
        base = Path(schema_path) if Path(schema_path).is_dir() else Path(schema_path).parent
    else:
        base = Path.cwd()
    return (base / path).resolve()


def read_schema(schema_path: object, datamodel: object) -> Schema:
    """The schema from ``schemaPath`` (file or folder); the sent text only if no path came."""
    if isinstance(schema_path, str) and schema_path:
        return load_schema(schema_path)
    if isinstance(datamodel, str) and datamodel:
        return parse_schema_text(datamodel)
    raise GeneratorFailure("generate needs schemaPath (or the datamodel text)", INVALID_PARAMS)


def main(stdin: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Serve Prisma's generator protocol; returns the exit code (0 once stdin is closed)."""
    if stdin is None:
        stdin = sys.stdin
        if isinstance(stdin, io.TextIOWrapper):
            stdin.reconfigure(encoding="utf-8")
    session = _Session(stdin, sys.stderr if stderr is None else stderr)
    try:
        return session.serve()
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
