"""Runs a generated TypeScript backend for real: install, generate, create its database,
type-check, start it and talk to it over HTTP, against SQLite or a throwaway PostgreSQL or
MariaDB server.

Everything here works offline once the npm packages are in the cache:
- node_modules are installed once per distinct dependency list (tools/npm_cached_install.sh)
  and linked into each project;
- `prisma generate` is told the schema engine binary exists (it is only needed to download it);
- tables are created by `db_push.mjs`, which asks Prisma's WebAssembly schema engine for the DDL;
- apps run on Node 24, installed like any other npm package (the `node` package of
  tools/e2e/package.json ships the binary): every command here finds it first on PATH.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

REPO_ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
NPM_CACHED_INSTALL = REPO_ROOT / "tools" / "npm_cached_install.sh"
DB_PUSH_SCRIPT = E2E_DIR / "db_push.mjs"
MIGRATE_SCRIPT = E2E_DIR / "migrate.mjs"

DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for a server to answer /health, or to exit after SIGTERM."""

Resolution = Literal["nodenext", "bundler"]

_TSC_ERROR = re.compile(r"^(?P<file>.+?)\((?P<line>\d+),(?P<col>\d+)\): error (?P<code>TS\d+): ")


class HarnessError(RuntimeError):
    """A step of the end-to-end run failed; the message carries the tool's output."""


def cache_root() -> Path:
    """Where installed node_modules live, shared by every checkout on the machine."""
    configured = os.environ.get("SSOT_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "ssot-codegen"


def dependency_key(package_json: Path) -> str:
    """The cache key of a package.json: a hash of its dependency lists only.

    Must stay identical to the key computed by tools/npm_cached_install.sh, which this module
    calls to do the installing.
    """
    package = json.loads(package_json.read_text(encoding="utf-8"))
    deps = {name: package.get(name, {}) for name in ("dependencies", "devDependencies")}
    return hashlib.sha256(json.dumps(deps, sort_keys=True).encode()).hexdigest()[:16]


NODE_MAJOR = 24
"""The Node.js major version generated apps run on here (their `engines.node`)."""


@functools.cache
def node_bin_dir() -> Path:
    """The folder holding Node 24's `node` binary (and nothing else), installed on first use.

    The machine's own Node may be older; the `node` npm package of tools/e2e/package.json
    ships the binary, so it is cached and linked like any other npm dependency.
    """
    folder = install_node_modules(E2E_DIR) / "node_modules" / "node" / "bin"
    node = folder / "node"
    version = _run([str(node), "--version"], cwd=E2E_DIR, what="node --version").stdout.strip()
    if not version.startswith(f"v{NODE_MAJOR}."):
        raise HarnessError(f"{node} is {version}, not Node {NODE_MAJOR}")
    return folder


def node_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """os.environ updated with `env`, with Node 24's folder first on PATH: `node`, and every
    script that starts with `#!/usr/bin/env node` (npm, prisma, tsx), runs on Node 24."""
    full = {**os.environ, **(env or {})}
    full["PATH"] = os.pathsep.join([str(node_bin_dir()), full.get("PATH", os.defpath)])
    return full


def _run(
    command: list[str],
    *,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 600.0,
    what: str,
    node24: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Runs a command to completion (HarnessError on failure); with `node24`, Node 24 comes
    first on PATH (installing packages needs only the machine's npm)."""
    full_env = node_env(env) if node24 else {**os.environ, **(env or {})}
    try:
        result = subprocess.run(
            command,
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as error:
        raise HarnessError(f"{what}: cannot run {command[0]}: {error}") from error
    except subprocess.TimeoutExpired as error:
        raise HarnessError(f"{what}: timed out after {timeout:.0f} s") from error
    if result.returncode != 0:
        raise HarnessError(
            f"{what} failed (exit {result.returncode}) in {cwd}:\n{result.stdout}\n{result.stderr}"
        )
    return result


def install_node_modules(project_dir: Path) -> Path:
    """Links project_dir/node_modules to the cached install of its dependency list.

    Installs (npm install, once per key) on a cache miss. Concurrent callers with the same key
    wait for each other. Returns the cache folder holding node_modules.
    """
    project_dir = project_dir.resolve()
    package_json = project_dir / "package.json"
    if not package_json.is_file():
        raise HarnessError(f"no package.json in {project_dir}")
    locks = cache_root() / "npm" / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    with open(locks / f"{dependency_key(package_json)}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = _run(
            ["bash", str(NPM_CACHED_INSTALL), str(project_dir)],
            cwd=project_dir,
            env={"SSOT_CACHE": str(cache_root())},
            timeout=1200.0,
            what="npm install",
        )
    lines = result.stdout.strip().splitlines()
    if not lines:
        raise HarnessError(f"npm_cached_install.sh printed no cache folder:\n{result.stderr}")
    return Path(lines[-1])


def _bin(project_dir: Path, name: str) -> str:
    path = project_dir / "node_modules" / ".bin" / name
    if not path.exists():
        raise HarnessError(f"{path} is missing: call install_node_modules({project_dir}) first")
    return str(path)


def prisma_generate(project_dir: Path) -> None:
    """`prisma generate` without network access.

    The CLI looks for the native schema engine and tries to download it; generating does not
    use it, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file is enough.
    """
    project_dir = project_dir.resolve()
    engine = os.environ.get("PRISMA_SCHEMA_ENGINE_BINARY") or str(project_dir / "package.json")
    _run(
        [_bin(project_dir, "prisma"), "generate"],
        cwd=project_dir,
        env={
            "PRISMA_SCHEMA_ENGINE_BINARY": engine,
            "PRISMA_HIDE_UPDATE_MESSAGE": "1",
            "CHECKPOINT_DISABLE": "1",
        },
        what="prisma generate",
        node24=True,
    )


_VIEW_BLOCK = re.compile(r"^view\s+(\w+)\s*\{.*?^\}", re.MULTILINE | re.DOTALL)


def views_as_tables(text: str) -> str:
    """The schema with each `view` that has a unique column made a `model` (an empty table of
    the same name and columns stands in for the view, whose SQL the schema does not hold) and
    each other view left out (the app does not serve it)."""

    def replace(match: re.Match[str]) -> str:
        block = match.group(0)
        if "@unique" in block or "@id" in block:
            return "model" + block[len("view") :]
        return ""

    return _VIEW_BLOCK.sub(replace, text)


def create_database(
    project_dir: Path,
    database_url: str,
    schema: Path | None = None,
    *,
    tables_for_views: bool = False,
) -> str:
    """Creates the schema's tables in an empty database; returns the DDL that was run.

    A relative `file:` URL is resolved from project_dir, as the server resolves it. The schema's
    datasource provider must match the URL (sqlite for file:, postgresql for postgres://, mysql
    for mysql:// or mariadb://). With `tables_for_views`, each served view gets an empty table
    of its name and columns (for apps whose view SQL is not known, such as corpus schemas).
    """
    project_dir = project_dir.resolve()
    install_node_modules(E2E_DIR)
    schema_path = (schema or project_dir / "prisma" / "schema.prisma").resolve()
    if tables_for_views:
        text = schema_path.read_text(encoding="utf-8")
        tables = views_as_tables(text)
        if tables != text:
            schema_path = project_dir / "views-as-tables.prisma"
            schema_path.write_text(tables, encoding="utf-8")
    result = _run(
        ["node", str(DB_PUSH_SCRIPT), str(schema_path), database_url],
        cwd=project_dir,
        timeout=120.0,
        what="creating the database",
        node24=True,
    )
    return result.stdout


def migration_script(project_dir: Path, database_url: str) -> str:
    """The SQL that takes an empty database to the app's schema: what `prisma migrate diff
    --from-empty --to-schema prisma/schema.prisma --script` prints, from the same engine
    (its WebAssembly build, offline). PostgreSQL and SQLite URLs."""
    project_dir = project_dir.resolve()
    install_node_modules(E2E_DIR)
    schema = project_dir / "prisma" / "schema.prisma"
    command = ["node", str(MIGRATE_SCRIPT), "diff", str(schema), database_url]
    return _run(command, cwd=project_dir, timeout=120.0, what="migrate diff", node24=True).stdout


def migrate_deploy(project_dir: Path, database_url: str) -> list[str]:
    """Applies the app's prisma/migrations to `database_url` as `npm run db:deploy` (`prisma
    migrate deploy`) does, through the engine's WebAssembly build (the CLI would download
    the native one first); returns the names of the migrations it applied."""
    project_dir = project_dir.resolve()
    install_node_modules(E2E_DIR)
    schema = project_dir / "prisma" / "schema.prisma"
    migrations = project_dir / "prisma" / "migrations"
    command = ["node", str(MIGRATE_SCRIPT), "deploy", str(schema), str(migrations), database_url]
    result = _run(command, cwd=project_dir, timeout=120.0, what="migrate deploy", node24=True)
    applied = json.loads(result.stdout)
    if not isinstance(applied, list) or not all(isinstance(name, str) for name in applied):
        raise HarnessError(f"migrate deploy printed {result.stdout!r}, not a list of names")
    return applied


def build(project_dir: Path) -> None:
    """`npm run build`: the app's TypeScript compiled to dist/ (tsc, tsconfig.build.json)."""
    project_dir = project_dir.resolve()
    _run(["npm", "run", "build"], cwd=project_dir, timeout=600.0, what="npm run build", node24=True)


def typecheck(project_dir: Path, resolution: Resolution = "nodenext") -> list[str]:
    """Runs `tsc --noEmit`; returns the error lines (empty when the project type-checks).

    "bundler" checks the same project with `module: esnext` + `moduleResolution: bundler`,
    through a temporary tsconfig extending the project's own.
    """
    project_dir = project_dir.resolve()
    tsc = _bin(project_dir, "tsc")
    config = project_dir / "tsconfig.json"
    temporary: Path | None = None
    if resolution == "bundler":
        temporary = project_dir / "tsconfig.e2e-bundler.json"
        temporary.write_text(
            json.dumps(
                {
                    "extends": "./tsconfig.json",
                    "compilerOptions": {"module": "esnext", "moduleResolution": "bundler"},
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        config = temporary
    try:
        result = subprocess.run(
            [tsc, "--noEmit", "--pretty", "false", "-p", str(config)],
            cwd=project_dir,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env=node_env(),
        )
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    output = (result.stdout + result.stderr).splitlines()
    errors = [line for line in output if _TSC_ERROR.match(line)]
    if result.returncode != 0 and not errors:
        return [line for line in output if line.strip()] or [f"tsc exited {result.returncode}"]
    return errors


def free_port() -> int:
    """A TCP port nobody listens on right now on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Response:
    """An HTTP answer: status, headers (names lower-cased), raw body and parsed JSON (or None)."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    json: object = field(default=None)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def object(self) -> dict[str, Any]:
        """The JSON body, which must be an object (AssertionError naming the answer if not)."""
        assert isinstance(self.json, dict), f"{self.status}: not a JSON object: {self.body!r}"
        return self.json


def _response(status: int, headers: Mapping[str, str], body: bytes) -> Response:
    lowered = {name.lower(): value for name, value in headers.items()}
    parsed: object = None
    if body and "json" in lowered.get("content-type", ""):
        parsed = json.loads(body)
    return Response(status=status, headers=lowered, body=body, json=parsed)


def http_request(
    url: str,
    method: str = "GET",
    body: object = None,
    headers: Mapping[str, str] | None = None,
    raw_body: bytes | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Response:
    """One HTTP request; 4xx and 5xx are answers, not exceptions. `body` is sent as JSON."""
    all_headers = dict(headers or {})
    data = raw_body
    if data is None and body is not None:
        data = json.dumps(body).encode()
        all_headers.setdefault("content-type", "application/json")
    request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return _response(answer.status, dict(answer.headers.items()), answer.read())
    except urllib.error.HTTPError as error:
        with error:
            return _response(error.code, dict(error.headers.items()), error.read())


class Server:
    """A generated app's server, on Node 24 and a free port of 127.0.0.1: its TypeScript entry
    run with `node --import tsx`, or a compiled `.js` entry (`dist/server.js`) run as it is.

    On exit it sends SIGTERM and requires a clean exit (code 0) within `timeout` seconds, unless
    the block is already failing; a server that hangs is killed with its process group and
    reported. Its output goes to a log file (a pipe could fill up and block it).
    """

    def __init__(
        self,
        project_dir: Path,
        env: Mapping[str, str],
        *,
        entry: str = "src/server.ts",
        timeout: float = DEFAULT_TIMEOUT,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.project_dir = project_dir.resolve()
        self.env = dict(env)
        self.headers = dict(headers or {})
        """Headers every request sends unless it gives its own (an API token, say)."""
        self.entry = entry
        self.timeout = timeout
        self.port = 0
        self.exit_code: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._log_dir: tempfile.TemporaryDirectory[str] | None = None
        self.log_path = Path()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        if self._process is None:
            raise HarnessError("the server is not running")
        return self._process.pid

    def logs(self) -> str:
        """Everything the server wrote so far (stdout and stderr)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def start(self) -> None:
        self.port = free_port()
        self._log_dir = tempfile.TemporaryDirectory(prefix="ssot-e2e-server-")
        self.log_path = Path(self._log_dir.name) / "server.log"
        env = node_env(
            {
                "NODE_ENV": "test",
                "LOG_LEVEL": "info",
                **self.env,
                "HOST": "127.0.0.1",
                "PORT": str(self.port),
            }
        )
        node = str(node_bin_dir() / "node")
        tsx = [] if self.entry.endswith(".js") else ["--import", "tsx"]
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                [node, *tsx, self.entry],
                cwd=self.project_dir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise HarnessError(
                    f"server exited with {self._process.returncode} before answering:\n"
                    + self.logs()
                )
            with contextlib.suppress(OSError):
                if http_request(self.url + "/health", timeout=2.0).status == 200:
                    return
            time.sleep(0.1)
        self._kill()
        raise HarnessError(
            f"server did not answer /health in {self.timeout:.0f} s:\n" + self.logs()
        )

    def request(
        self,
        method: str,
        path: str,
        body: object = None,
        headers: Mapping[str, str] | None = None,
        raw_body: bytes | None = None,
    ) -> Response:
        sent = {**self.headers, **(headers or {})}
        return http_request(self.url + path, method, body, sent, raw_body, self.timeout)

    def _kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def stop(self) -> int:
        """SIGTERM, then wait; returns the exit code. Raises if it had to be killed."""
        process = self._process
        if process is None:
            raise HarnessError("the server was never started")
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                self._kill()
                raise HarnessError(
                    f"server ignored SIGTERM for {self.timeout:.0f} s; killed:\n" + self.logs()
                ) from None
        # Whatever the server started in its own session goes too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        self.exit_code = process.returncode
        return process.returncode

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            code = self.stop()
            if exc_type is None and code != 0:
                # read the log before its folder goes
                raise HarnessError(f"server exited with {code} after SIGTERM:\n" + self.logs())
        except HarnessError:
            if exc_type is None:
                raise
            return
        finally:
            if self._log_dir is not None and exc_type is None:
                self._log_dir.cleanup()


def postgres_bin_dir() -> Path:
    """The folder of initdb/pg_ctl: $SSOT_PG_BIN, the newest /usr/lib/postgresql/*/bin, or PATH."""
    configured = os.environ.get("SSOT_PG_BIN")
    candidates = [Path(configured)] if configured else []

    def version(path: Path) -> int:
        return int(path.parent.name) if path.parent.name.isdigit() else 0

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for candidate in candidates:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    raise HarnessError(
        "PostgreSQL server binaries not found (initdb, pg_ctl). Install them with "
        "`apt-get update && apt-get install -y postgresql`, or set SSOT_PG_BIN."
    )


class _Started:
    """A database server as a context manager: started on entry (stopped again if starting
    fails), stopped on exit."""

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class PostgresServer(_Started):
    """A throwaway PostgreSQL cluster on 127.0.0.1, trust auth, removed on exit.

    PostgreSQL refuses to run as root: as root, every server command runs as user `postgres`
    in a data folder handed to that user.
    """

    def __init__(self, database: str = "app", *, timeout: float = 60.0) -> None:
        self.database = database
        self.timeout = timeout
        self.port = 0
        self.bin_dir = Path()
        self._data_root: Path | None = None

    @property
    def url(self) -> str:
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    @property
    def _data_dir(self) -> Path:
        if self._data_root is None:
            raise HarnessError("PostgreSQL is not running")
        return self._data_root / "data"

    def _command(self, *args: str) -> list[str]:
        if os.geteuid() != 0:
            return list(args)
        runuser = shutil.which("runuser")
        if runuser:
            return [runuser, "-u", "postgres", "--", *args]
        quoted = " ".join(_shell_quote(arg) for arg in args)
        return ["su", "postgres", "-s", "/bin/sh", "-c", quoted]

    def _run(self, *args: str, what: str) -> str:
        return _run(self._command(*args), cwd=Path("/"), timeout=self.timeout, what=what).stdout

    def start(self) -> None:
        self.bin_dir = postgres_bin_dir()
        self._data_root = Path(tempfile.mkdtemp(prefix="ssot-e2e-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self._data_root, user="postgres", group="postgres")
        self.port = free_port()
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self._data_dir),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
            what="initdb",
        )
        options = f"-h 127.0.0.1 -p {self.port} -k {self._data_root} -F"
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self._data_dir),
            "-o",
            options,
            "-l",
            str(self._data_root / "server.log"),
            "-w",
            "-t",
            str(int(self.timeout)),
            "start",
            what="pg_ctl start",
        )
        self.create_database(self.database)

    def psql(self, sql: str, database: str | None = None) -> str:
        """Runs SQL with psql; returns its unaligned, tuples-only output."""
        psql = self.bin_dir / "psql"
        command = [str(psql) if psql.exists() else "psql"]
        command += ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1"]
        command += ["-p", str(self.port), "-U", "postgres", "-d", database or self.database]
        return _run([*command, "-c", sql], cwd=Path("/"), timeout=self.timeout, what="psql").stdout

    def create_database(self, name: str) -> str:
        """Creates another database in the cluster; returns its URL."""
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise HarnessError(f"not a plain database name: {name!r}")
        self.psql(f"CREATE DATABASE {name}", database="postgres")
        return self.url_for(name)

    def stop(self) -> None:
        if self._data_root is None:
            return
        try:
            if (self._data_dir / "postmaster.pid").exists():
                self._run(
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self._data_dir),
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                    what="pg_ctl stop",
                )
        finally:
            shutil.rmtree(self._data_root, ignore_errors=True)
            self._data_root = None


def _shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"


def mariadb_bin_dirs() -> tuple[Path, Path]:
    """The folders of `mariadbd` and of `mariadb-install-db`/`mariadb` (the client):
    $SSOT_MARIADB_BIN for both, else Debian's /usr/sbin and /usr/bin, else PATH."""
    configured = os.environ.get("SSOT_MARIADB_BIN")
    if configured:
        return Path(configured), Path(configured)
    server = Path("/usr/sbin/mariadbd")
    found = str(server) if server.exists() else shutil.which("mariadbd")
    install = shutil.which("mariadb-install-db")
    if found and install:
        return Path(found).parent, Path(install).parent
    raise HarnessError(
        "MariaDB server binaries not found (mariadbd, mariadb-install-db). Install them with "
        "`apt-get update && apt-get install -y mariadb-server`, or set SSOT_MARIADB_BIN."
    )


class MariaDBServer(_Started):
    """A throwaway MariaDB server (MySQL's protocol and SQL) on 127.0.0.1, removed on exit.

    Everything lives in one temporary folder: the data (`mariadb-install-db`), the socket, the
    PID file and the error log. The server listens on a free port and takes `root` without a
    password over TCP (`--auth-root-authentication-method=normal`); it is started as one
    process (`mariadbd`, in its own session) and stopped by its PID. mariadbd refuses to run
    as root unless told `--user=root`: as root, it is told `--user=mysql` (it drops to that
    user before touching the data, which is handed to `mysql`), as anyone else it runs as them.
    Tables are created in utf8mb4_unicode_ci, Prisma's choice; the server's default is the same.
    """

    def __init__(self, database: str = "app", *, timeout: float = 60.0) -> None:
        self.database = database
        self.timeout = timeout
        self.port = 0
        self._root: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._client = ""

    @property
    def url(self) -> str:
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        return f"mysql://root@127.0.0.1:{self.port}/{database}"

    @property
    def pid(self) -> int:
        if self._process is None:
            raise HarnessError("MariaDB is not running")
        return self._process.pid

    def _folder(self) -> Path:
        if self._root is None:
            raise HarnessError("MariaDB is not running")
        return self._root

    def _user_options(self) -> list[str]:
        return ["--user=mysql"] if os.geteuid() == 0 else []

    def error_log(self) -> str:
        path = self._folder() / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def start(self) -> None:
        server_dir, client_dir = mariadb_bin_dirs()
        client = client_dir / "mariadb"
        self._client = str(client) if client.exists() else "mariadb"
        self._root = Path(tempfile.mkdtemp(prefix="ssot-e2e-mariadb-"))
        if os.geteuid() == 0:
            shutil.chown(self._root, user="mysql", group="mysql")
        data = self._root / "data"
        _run(
            [
                str(client_dir / "mariadb-install-db"),
                "--no-defaults",
                f"--datadir={data}",
                *self._user_options(),
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve",
            ],
            cwd=self._root,
            timeout=self.timeout,
            what="mariadb-install-db",
        )
        self.port = free_port()
        self._process = subprocess.Popen(
            [
                str(server_dir / "mariadbd"),
                "--no-defaults",
                f"--datadir={data}",
                *self._user_options(),
                "--bind-address=127.0.0.1",
                f"--port={self.port}",
                f"--socket={self._root / 'mysqld.sock'}",
                f"--pid-file={self._root / 'mysqld.pid'}",
                f"--log-error={self._root / 'error.log'}",
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                # A throwaway server: no flush to disk at every commit.
                "--innodb-flush-log-at-trx-commit=0",
            ],
            cwd=self._root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.timeout
        while True:
            if self._process.poll() is not None:
                raise HarnessError(
                    f"mariadbd exited with {self._process.returncode} before answering:\n"
                    + self.error_log()
                )
            try:
                self.sql("SELECT 1", database="mysql")
                break
            except HarnessError:
                if time.monotonic() > deadline:
                    raise HarnessError(
                        f"mariadbd did not answer in {self.timeout:.0f} s:\n" + self.error_log()
                    ) from None
                time.sleep(0.1)
        self.create_database(self.database)

    def sql(self, statement: str, database: str | None = None) -> str:
        """Runs SQL with the `mariadb` client over TCP; returns its tab-separated rows."""
        command = [self._client, "--no-defaults", "--protocol=tcp", "-h", "127.0.0.1"]
        command += ["-P", str(self.port), "-u", "root", "--batch", "--skip-column-names"]
        command += ["-D", database or self.database, "-e", statement]
        return _run(command, cwd=Path("/"), timeout=self.timeout, what="mariadb").stdout

    def create_database(self, name: str) -> str:
        """Creates another database on the server (utf8mb4_unicode_ci); returns its URL."""
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise HarnessError(f"not a plain database name: {name!r}")
        self.sql(
            f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
            database="mysql",
        )
        return self.url_for(name)

    def stop(self) -> None:
        """SIGTERM to the server's PID and a wait for its clean shutdown (SIGKILL after
        `timeout`), then the folder goes."""
        process, self._process = self._process, None
        try:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=self.timeout)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        finally:
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)
                self._root = None


@contextlib.contextmanager
def postgres() -> Iterator[PostgresServer]:
    """`with postgres() as pg:` — a PostgresServer with the default database."""
    with PostgresServer() as server:
        yield server
