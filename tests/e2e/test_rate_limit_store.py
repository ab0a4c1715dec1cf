"""Rate limits shared by several instances of the generated blog (golden/blog/schema.prisma):
two servers on the same SQLite file count in one Redis when REDIS_URL is set (the 429 comes
after exactly RATE_LIMIT_MAX requests in all, with Retry-After), each in its own memory
without it; a server whose Redis cannot be reached, or whose REDIS_URL is not a Redis URL,
does not start; one whose Redis goes away answers 500 at once and still stops cleanly. Redis is the Debian `redis-server` (tools/setup.sh installs it), run on a
free port of 127.0.0.1 for each test and stopped by its PID."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from emitters.pipeline import GenerateOptions, generate_project
from emitters.write import write_files
from tools.e2e.harness import (
    REPO_ROOT,
    HarnessError,
    Response,
    Server,
    create_database,
    free_port,
    install_node_modules,
    prisma_generate,
)

pytestmark = pytest.mark.e2e

SCHEMA = REPO_ROOT / "golden" / "blog" / "schema.prisma"
LIMIT = 5
ENV = {
    "JWT_SECRET": "rate-limit-store-secret-0123456789abcdef",
    "RATE_LIMIT_MAX": str(LIMIT),
    "RATE_LIMIT_WINDOW_MS": "60000",
    "LOG_LEVEL": "warn",
    "DATABASE_URL": "file:./dev.db",
}
PATH = "/api/posts"


def _redis_command(port: int, *args: str) -> object:
    """One command over RESP; the reply as str, int, None or a list of them."""
    request = f"*{len(args)}\r\n" + "".join(f"${len(a.encode())}\r\n{a}\r\n" for a in args)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(request.encode())
        reader = connection.makefile("rb")

        def reply() -> object:
            line = reader.readline().decode().rstrip("\r\n")
            kind, rest = line[:1], line[1:]
            if kind == "+":
                return rest
            if kind == "-":
                raise RuntimeError(f"redis: {rest}")
            if kind == ":":
                return int(rest)
            if kind == "$":
                size = int(rest)
                return None if size < 0 else reader.read(size + 2)[:size].decode()
            if kind == "*":
                count = int(rest)
                return None if count < 0 else [reply() for _ in range(count)]
            raise RuntimeError(f"redis: unexpected reply {line!r}")

        return reply()


class RedisServer:
    """`redis-server` on a free port of 127.0.0.1, without persistence; stopped by its PID."""

    def __init__(self, timeout: float = 15.0) -> None:
        self.timeout = timeout
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def command(self, *args: str) -> object:
        return _redis_command(self.port, *args)

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise HarnessError(
                "redis-server not found: run tools/setup.sh "
                "(or `apt-get update && apt-get install -y redis-server`)"
            )
        self._dir = tempfile.TemporaryDirectory(prefix="ssot-e2e-redis-")
        self.port = free_port()
        arguments = ["--port", str(self.port), "--bind", "127.0.0.1", "--dir", self._dir.name]
        arguments += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        log = open(Path(self._dir.name) / "redis.log", "wb")
        with log:
            self._process = subprocess.Popen(
                [binary, *arguments], stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise HarnessError(f"redis-server exited with {self._process.returncode}")
            with contextlib.suppress(OSError, RuntimeError):
                if self.command("PING") == "PONG":
                    return
            time.sleep(0.05)
        raise HarnessError(f"redis-server did not answer PING in {self.timeout:.0f} s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rate-limit-store") / "blog"
    result = generate_project(SCHEMA, GenerateOptions(database="sqlite"))
    write_files(out, result.files)
    install_node_modules(out)
    prisma_generate(out)
    create_database(out, ENV["DATABASE_URL"])
    return out


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def two_instances(app_dir: Path, env: Mapping[str, str]) -> Iterator[tuple[Server, Server]]:
    with Server(app_dir, env) as first, Server(app_dir, env) as second:
        yield first, second


def remaining(response: Response) -> int:
    """`r` of the draft-8 `RateLimit` header: requests left in the window."""
    header = response.header("ratelimit") or ""
    match = re.search(r"\br=(\d+)", header)
    assert match, f"no RateLimit header with r=: {response.headers}"
    return int(match.group(1))


def assert_rate_limited(response: Response) -> None:
    assert response.status == 429, response
    assert isinstance(response.json, dict), response
    assert response.json["error"]["code"] == "RATE_LIMITED", response.json
    retry_after = response.header("retry-after")
    assert retry_after is not None and retry_after.isdigit(), response.headers
    assert 0 < int(retry_after) <= 60, retry_after


def test_instances_share_the_limit_through_redis(app_dir: Path, redis: RedisServer) -> None:
    with two_instances(app_dir, {**ENV, "REDIS_URL": redis.url}) as servers:
        answers = [servers[i % 2].request("GET", PATH) for i in range(LIMIT + 2)]
    allowed, refused = answers[:LIMIT], answers[LIMIT:]
    assert [a.status for a in allowed] == [200] * LIMIT, allowed
    # One count for both: what is left goes down across the two instances.
    assert [remaining(a) for a in allowed] == list(range(LIMIT - 1, -1, -1))
    # The 6th request in all, on the second instance, and the 7th, on the first.
    for response in refused:
        assert_rate_limited(response)
    keys = redis.command("KEYS", "rl:*")
    assert keys == ["rl:global:127.0.0.1"], keys
    assert redis.command("GET", "rl:global:127.0.0.1") == str(LIMIT + 2)


def test_instances_count_separately_in_memory(app_dir: Path) -> None:
    with two_instances(app_dir, ENV) as servers:
        answers = [servers[i % 2].request("GET", PATH) for i in range(2 * LIMIT + 2)]
    allowed, refused = answers[: 2 * LIMIT], answers[2 * LIMIT :]
    # Each instance lets its own LIMIT through: twice as many in all.
    assert [a.status for a in allowed] == [200] * (2 * LIMIT), allowed
    assert [remaining(a) for a in allowed[0::2]] == list(range(LIMIT - 1, -1, -1))
    assert [remaining(a) for a in allowed[1::2]] == list(range(LIMIT - 1, -1, -1))
    for response in refused:
        assert_rate_limited(response)


def test_server_without_its_redis_does_not_start(app_dir: Path) -> None:
    nobody = f"redis://127.0.0.1:{free_port()}"
    server = Server(app_dir, {**ENV, "REDIS_URL": nobody})
    with pytest.raises(HarnessError) as failure:
        server.start()
    message = str(failure.value)
    assert "exited with 1 before answering" in message, message
    assert "Cannot connect to Redis (REDIS_URL)" in message, message
    assert "ECONNREFUSED" in message, message


def test_redis_url_must_be_a_redis_url(app_dir: Path) -> None:
    server = Server(app_dir, {**ENV, "REDIS_URL": "http://127.0.0.1:6379"})
    with pytest.raises(HarnessError) as failure:
        server.start()
    message = str(failure.value)
    assert "REDIS_URL: must start with redis:// or rediss://" in message, message


def test_redis_lost_after_start_fails_requests_at_once(app_dir: Path, redis: RedisServer) -> None:
    with Server(app_dir, {**ENV, "REDIS_URL": redis.url}) as server:
        assert server.request("GET", PATH).status == 200
        redis.stop()
        started = time.monotonic()
        answer = server.request("GET", PATH)
        assert answer.status == 500, answer
        assert time.monotonic() - started < 5, "the request waited for Redis"
    # Leaving the block checked that the server still stopped cleanly (exit 0 on SIGTERM).
