"""Runs every schema of the real-world corpus through each stage of the pipeline and reports
one row per schema: parser parity with Prisma, generation, type-checking and a live API run.

usage: python tools/corpus_report.py (--all | --sample N | --only SLUG...) [--stages LIST]
       [--jobs N] [--json PATH] [--markdown PATH] [--corpus DIR] [--keep]

Corpus: every folder of ``--corpus`` (default tests/corpus/real) holding ``.prisma`` files
is one schema, named by the folder (its slug). SOURCES.tsv in that folder, when present,
gives each slug's provider and model count (used when our parser refuses the schema).

Stages and their values:

- ``parity``: our DMMF dump of the original text against Prisma's own DMMF datamodel
  (@prisma/prisma-schema-wasm, one node process for the whole batch). Prisma 7 refuses
  ``url``, ``directUrl`` and ``shadowDatabaseUrl`` in a datasource block (``relationMode`` is
  still accepted), so Prisma reads a copy with those lines blanked in datasource blocks only.
  ``ok`` / ``diff:<first differing path>`` / ``prisma-rejects:<message>`` /
  ``ours-rejects:<first error line>`` / ``ours-crash:<exception>``.
- ``generate``: ``emitters.generate_project`` in-process, written to a temporary folder.
  ``ok`` / ``refused:<message>`` (SchemaError or AnalysisError: the CLI's exit 2) /
  ``crash:<type>: <message> (<file:line>)`` (anything else: the CLI's exit 4, our bug).
- ``tsc``: ``npm install`` (cached), ``prisma generate`` and ``tsc --noEmit`` under
  ``nodenext`` and ``bundler`` resolution (harness functions): the error count of each, or
  ``error:<message>`` when the project could not be prepared.
- ``runtime``: sqlite, postgresql and mysql schemas get a real database (a throwaway
  PostgreSQL cluster; MariaDB through the harness's ``MariaDBServer`` when it has one), the
  server is started and tests/e2e/api_checks.py's conformance checker runs against it.
  ``ok`` / ``fail:<first failure>`` / ``n/a (<why>)``.

Parity is checked on its own; generate -> tsc -> runtime stop at the first failure (a
later stage shows ``-``). A stage left out with ``--stages`` shows ``skipped``; ``tsc`` and
``runtime`` need the generated project, so they imply ``generate``.

Expectations (exit status 0 only when every row meets them): parity ``ok``; generate ``ok``,
except ``refused:`` for MongoDB (Prisma 7 has no MongoDB adapter); zero tsc errors under
both resolutions; runtime ``ok`` or ``n/a``. Every unmet expectation is listed.

``--sample N`` is deterministic: slugs are grouped by provider (groups in sorted order), the
N picks are dealt round-robin over the groups (a group that runs out is passed over), and
each group's picks are spread evenly over its sorted slugs.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import csv
import json
import multiprocessing
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from emitters import AnalysisError, GenerateOptions, generate_project, write_files  # noqa: E402
from emitters.pipeline import plan_project  # noqa: E402
from ssot_ast.schema import (  # noqa: E402
    SchemaError,
    dump_dmmf,
    load_schema,
    parse_schema_files,
)
from tools.e2e import harness  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "corpus" / "real"
NODE_DIR = ROOT / "tools" / "node"
STAGES = ("parity", "generate", "tsc", "runtime")
RUNTIME_PROVIDERS = ("sqlite", "postgresql", "mysql")
NOT_RUN = "-"
SKIPPED = "skipped"
CELL_LIMIT = 240
DETAIL_LIMIT = 2000
FAILURES_KEPT = 5

_DATASOURCE_START = re.compile(r"^\s*datasource\s+\w+\s*\{")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_CONNECTION_PROPERTY = re.compile(r"^\s*(url|directUrl|shadowDatabaseUrl)\s*=")


# --------------------------------------------------------------------------- rows


@dataclass
class Entry:
    """One corpus schema: its folder and what SOURCES.tsv says about it."""

    slug: str
    path: Path
    provider: str = ""
    models: int | None = None


@dataclass
class Row:
    schema: str
    provider: str = ""
    models: int | None = None
    parity: str = SKIPPED
    generate: str = SKIPPED
    generate_seconds: float | None = None
    files: int | None = None
    tsc_nodenext: int | str = SKIPPED
    tsc_bundler: int | str = SKIPPED
    tsc_first_error: str = ""
    tsc_seconds: float | None = None
    runtime: str = SKIPPED
    runtime_seconds: float | None = None
    runtime_failures: list[str] = field(default_factory=list)
    """The first failed checks in full, and the server's first error log line."""
    problems: list[str] = field(default_factory=list)


def one_line(text: str, limit: int = CELL_LIMIT) -> str:
    """The first non-empty line of `text`, cut to `limit` characters."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= limit else line[: limit - 3] + "..."
    return "(no message)"


def harness_message(error: BaseException) -> str:
    """A HarnessError in one line: its first line (without the folder) and the tool's most
    specific error line (Prisma's lower-case `error:` before a generic `Error:`, else the
    output's first line), with the `--> file:line` that follows it."""
    lines = [line.strip() for line in _ANSI.sub("", str(error)).splitlines() if line.strip()]
    if not lines:
        return "(no message)"
    head = re.sub(r" in /\S+:$", "", lines[0])
    rest = lines[1:]
    specific = [i for i, line in enumerate(rest) if re.match(r"error\b", line)]
    generic = [i for i, line in enumerate(rest) if re.search(r"error", line, re.IGNORECASE)]
    chosen = (specific or generic or [0])[0]
    if not rest:
        return one_line(head)
    detail = rest[chosen]
    if chosen + 1 < len(rest) and rest[chosen + 1].startswith("-->"):
        detail += " " + rest[chosen + 1]
    return one_line(f"{head}: {detail}", 2 * CELL_LIMIT)


# --------------------------------------------------------------------------- corpus


def provider_name(provider: str) -> str:
    """Prisma's spelling: `postgres` is an alias of `postgresql`."""
    return "postgresql" if provider == "postgres" else provider


def read_sources(corpus: Path) -> dict[str, dict[str, str]]:
    sources = corpus / "SOURCES.tsv"
    if not sources.is_file():
        return {}
    with open(sources, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["slug"]: row for row in reader if row.get("slug")}


def discover(corpus: Path) -> list[Entry]:
    """Every folder of `corpus` with `.prisma` files in it, sorted by slug."""
    sources = read_sources(corpus)
    entries: list[Entry] = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        if not any(folder.rglob("*.prisma")):
            continue
        info = sources.get(folder.name, {})
        models = info.get("models", "")
        entries.append(
            Entry(
                slug=folder.name,
                path=folder,
                provider=provider_name(info.get("provider", "")),
                models=int(models) if models.isdigit() else None,
            )
        )
    return entries


def schema_files(entry: Entry) -> list[tuple[str, str]]:
    paths = sorted(p for p in entry.path.rglob("*.prisma") if p.is_file())
    return [(str(p.relative_to(entry.path)), p.read_text(encoding="utf-8")) for p in paths]


def sample(entries: Sequence[Entry], count: int) -> list[Entry]:
    """`count` entries spread over providers, the same ones every time (see the docstring)."""
    groups: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=lambda e: e.slug):
        groups.setdefault(entry.provider or "?", []).append(entry)
    order = sorted(groups)
    quota = dict.fromkeys(order, 0)
    remaining = min(count, len(entries))
    while remaining:
        for provider in order:
            if remaining and quota[provider] < len(groups[provider]):
                quota[provider] += 1
                remaining -= 1
    picked: list[Entry] = []
    for provider in order:
        group, picks = groups[provider], quota[provider]
        picked += [group[int((j + 0.5) * len(group) / picks)] for j in range(picks)]
    return sorted(picked, key=lambda e: e.slug)


# --------------------------------------------------------------------------- parity


def strip_connection_urls(text: str) -> str:
    """`text` with url/directUrl/shadowDatabaseUrl lines of datasource blocks blanked (line
    numbers unchanged): what Prisma 7 accepts. Nothing outside datasource blocks changes."""
    out: list[str] = []
    inside = False
    for line in text.splitlines(keepends=True):
        if not inside:
            inside = bool(_DATASOURCE_START.match(line)) and "}" not in line
        elif line.strip().startswith("}"):
            inside = False
        elif _CONNECTION_PROPERTY.match(line):
            line = line[len(line.rstrip("\r\n")) :]
        out.append(line)
    return "".join(out)


def _short(value: object) -> str:
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _label(items: Sequence[object], index: int) -> str:
    item = items[index]
    if isinstance(item, dict) and isinstance(item.get("name"), str):
        return f"[{item['name']}]"
    return f"[{index}]"


def first_difference(ours: object, theirs: object, path: str = "datamodel") -> str | None:
    """The path of the first place where two JSON values differ (key order counts, as in
    the JSON text), with both values; None when identical."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for key in theirs:
            if key not in ours:
                return f"{path}.{key} (missing in ours)"
        for key in ours:
            if key not in theirs:
                return f"{path}.{key} (not in Prisma's)"
        for key in theirs:
            found = first_difference(ours[key], theirs[key], f"{path}.{key}")
            if found:
                return found
        if list(ours) != list(theirs):
            return f"{path} (key order: ours {list(ours)}, Prisma {list(theirs)})"
        return None
    if isinstance(ours, list) and isinstance(theirs, list):
        for index in range(min(len(ours), len(theirs))):
            found = first_difference(ours[index], theirs[index], path + _label(theirs, index))
            if found:
                return found
        if len(ours) != len(theirs):
            longer, who = (ours, "ours") if len(ours) > len(theirs) else (theirs, "Prisma's")
            extra = _label(longer, min(len(ours), len(theirs)))
            return f"{path} (length: ours {len(ours)}, Prisma {len(theirs)}; {extra} only in {who})"
        return None
    if type(ours) is not type(theirs) or ours != theirs:
        return f"{path} (ours {_short(ours)}, Prisma {_short(theirs)})"
    return None


def prisma_datamodels(entries: Sequence[Entry]) -> dict[str, dict[str, Any]]:
    """Prisma's answer for every entry, {"ok", "datamodel"|"error"}: one node process for the
    batch, then one per refused schema (a panic inside the WebAssembly module can leave it
    unusable for the schemas after it, so a refusal only counts when it happens alone)."""
    module = NODE_DIR / "node_modules" / "@prisma" / "prisma-schema-wasm"
    if not module.is_dir():
        raise SystemExit(f"{module} is missing: run `bash tools/setup.sh`")
    requests = [
        {"id": e.slug, "files": [[p, strip_connection_urls(t)] for p, t in schema_files(e)]}
        for e in entries
    ]
    answers = _run_dmmf(requests)
    if len(requests) > 1:
        for request in requests:
            if not answers[str(request["id"])].get("ok"):
                answers.update(_run_dmmf([request]))
    return answers


def _run_dmmf(requests: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    result = subprocess.run(
        ["node", str(NODE_DIR / "dmmf.cjs")],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        cwd=NODE_DIR,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"tools/node/dmmf.cjs failed (exit {result.returncode}):\n{result.stderr}")
    return {item["id"]: item for item in json.loads(result.stdout)}


def prisma_error(raw: str) -> str:
    """Prisma's error JSON, as `first message line (file:line)`."""
    try:
        message = str(json.loads(raw).get("message", raw))
    except (json.JSONDecodeError, AttributeError):
        message = raw
    where = re.search(r"-->\s*(\S+)", message)
    head = one_line(message.removeprefix("error: "))
    return f"{head} ({where.group(1)})" if where else head


def parity(entry: Entry, prisma: dict[str, Any], row: Row) -> str:
    """Compares our dump of the original text with Prisma's datamodel; fills provider/models."""
    try:
        schema = parse_schema_files(schema_files(entry))
    except SchemaError as error:
        ours_error: str | None = "ours-rejects:" + one_line(str(error))
    except Exception as error:  # noqa: BLE001 - a parser crash is a finding, not a stop
        ours_error = f"ours-crash:{type(error).__name__}: {one_line(str(error))}"
    else:
        ours_error = None
        row.provider, row.models = provider_name(schema.provider or row.provider), len(
            schema.models
        )
    if not prisma.get("ok"):
        return "prisma-rejects:" + prisma_error(str(prisma.get("error", "")))
    if ours_error:
        return ours_error
    found = first_difference(dump_dmmf(schema), prisma["datamodel"])
    return f"diff:{found}" if found else "ok"


# --------------------------------------------------------------------------- generate, tsc


@dataclass(frozen=True)
class BuildTask:
    slug: str
    schema: Path
    out_dir: Path
    build: bool
    """install + prisma generate (needed by tsc and runtime)."""
    tsc: bool


@dataclass
class BuildResult:
    slug: str
    generate: str
    generate_seconds: float
    files: int | None = None
    provider: str = ""
    models: int | None = None
    built: bool = False
    build_error: str = ""
    tsc_nodenext: int | str = NOT_RUN
    tsc_bundler: int | str = NOT_RUN
    tsc_first_error: str = ""
    tsc_seconds: float | None = None


def describe_generate_error(error: Exception) -> str:
    """`refused:` for what the CLI answers with exit 2, `crash:` for its exit 4 (our bug)."""
    if isinstance(error, (SchemaError, AnalysisError)):
        return "refused:" + one_line(str(error))
    where = ""
    frames = traceback.extract_tb(error.__traceback__)
    if frames:
        last = frames[-1]
        file = Path(last.filename)
        shown = file.relative_to(ROOT) if file.is_relative_to(ROOT) else file
        where = f" ({shown}:{last.lineno})"
    return f"crash:{type(error).__name__}: {one_line(str(error))}{where}"


def build(task: BuildTask) -> BuildResult:
    """Generates one project, and prepares and type-checks it when asked. Runs in a worker."""
    started = time.perf_counter()
    try:
        result = generate_project(task.schema)
        write_files(task.out_dir, result.files)
    except Exception as error:  # noqa: BLE001 - every failure becomes the row's value
        return BuildResult(task.slug, describe_generate_error(error), time.perf_counter() - started)
    out = BuildResult(
        task.slug,
        "ok",
        time.perf_counter() - started,
        files=len(result.files),
        provider=result.plan.provider,
        models=len(result.plan.models),
    )
    if not task.build:
        return out
    started = time.perf_counter()
    try:
        harness.install_node_modules(task.out_dir)
        harness.prisma_generate(task.out_dir)
        out.built = True
        if task.tsc:
            nodenext = harness.typecheck(task.out_dir, "nodenext")
            bundler = harness.typecheck(task.out_dir, "bundler")
            out.tsc_nodenext, out.tsc_bundler = len(nodenext), len(bundler)
            errors = [f"[nodenext] {e}" for e in nodenext] + [f"[bundler] {e}" for e in bundler]
            out.tsc_first_error = one_line(errors[0]) if errors else ""
    except harness.HarnessError as error:
        out.build_error = harness_message(error)
        if task.tsc:
            out.tsc_nodenext = "error:" + out.build_error
    if task.tsc:
        out.tsc_seconds = time.perf_counter() - started
    return out


# --------------------------------------------------------------------------- runtime


class DatabaseCluster(Protocol):
    def create_database(self, name: str) -> str: ...


SERVER_ENV = {"RATE_LIMIT_MAX": "1000000", "LOG_LEVEL": "warn"}
"""As tests/e2e/test_generated_apps.py runs apps for the checker (plus api_checks.AUTH_ENV)."""


class Databases:
    """Hands out empty databases: SQLite files, and databases of clusters started on first use
    (one PostgreSQL cluster, one MariaDB server) and stopped by `close`."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self._clusters: dict[str, DatabaseCluster] = {}
        self._lock = threading.Lock()
        self._count = 0

    def why_not(self, provider: str) -> str | None:
        """Why `provider` gets no runtime run, or None."""
        if provider not in RUNTIME_PROVIDERS:
            return f"n/a ({provider or 'no provider'})"
        if provider == "mysql" and not hasattr(harness, "MariaDBServer"):
            return "n/a (no MariaDB harness)"
        return None

    def url(self, provider: str) -> str:
        if provider == "sqlite":
            return "file:./dev.db"
        with self._lock:
            cluster = self._clusters.get(provider)
            if cluster is None:
                factory: Callable[[], Any] = (
                    harness.PostgresServer
                    if provider == "postgresql"
                    else getattr(harness, "MariaDBServer")
                )
                cluster = self._stack.enter_context(factory())
                self._clusters[provider] = cluster
            self._count += 1
            name = f"corpus_{self._count}"
            url = cluster.create_database(name)
            if provider == "postgresql" and isinstance(cluster, harness.PostgresServer):
                # Contrib types a schema may use without declaring the extension (@db.Citext):
                # on the schema's own database they were installed by hand.
                cluster.psql("CREATE EXTENSION IF NOT EXISTS citext", database=name)
            return url

    def close(self) -> None:
        self._stack.close()


_PLAN_LOCK = threading.Lock()


def runtime(
    entry: Entry, out_dir: Path, provider: str, databases: Databases
) -> tuple[str, list[str]]:
    """Creates the database, starts the server and runs the conformance checker; returns the
    runtime value and the details of the first failures (with the server's first error log
    line), for the JSON report."""
    from tests.e2e import api_checks

    log_line = ""
    try:
        with _PLAN_LOCK:
            plan = plan_project(load_schema(entry.path), GenerateOptions())
        url = databases.url(provider)
        harness.create_database(out_dir, url, tables_for_views=True)
        server = harness.Server(out_dir, {**SERVER_ENV, **api_checks.AUTH_ENV, "DATABASE_URL": url})
        with server:
            checks = api_checks.run_checks(plan, server)
            log_line = first_error_log_line(server.logs())
    except harness.HarnessError as error:
        return "fail:" + harness_message(error), [str(error)[:DETAIL_LIMIT]]
    except Exception as error:  # noqa: BLE001 - a checker crash is a failure like any other
        return f"fail:{type(error).__name__}: {one_line(str(error))}", [
            traceback.format_exc()[-DETAIL_LIMIT:]
        ]
    failed = [c for c in checks if not c.passed]
    details = [f"{c.name}: {c.detail}"[:DETAIL_LIMIT] for c in failed[:FAILURES_KEPT]]
    if log_line:
        details.append("server log: " + log_line[:DETAIL_LIMIT])
    if failed:
        detail = f"{failed[0].name}: {one_line(failed[0].detail)}"
        return f"fail:{len(failed)}/{len(checks)} checks failed; first {detail}", details
    if server.exit_code != 0:
        return f"fail:server exit code {server.exit_code} after SIGTERM", details
    return "ok", details


def first_error_log_line(logs: str) -> str:
    """The server's first log line at pino level error (50) or above, or that says error."""
    for line in logs.splitlines():
        if re.search(r'"level":\s*(50|60)\b', line) or re.search(r"\berror\b", line, re.I):
            return line.strip()
    return ""


# --------------------------------------------------------------------------- expectations


def tsc_category(value: int | str) -> str:
    if isinstance(value, int):
        return "ok" if value == 0 else "errors"
    return category(value)


def category(value: str) -> str:
    """The kind of a value for the summary: `refused:...` -> `refused`, `-` -> `not-run`."""
    return "not-run" if value == NOT_RUN else re.split(r"[: ]", value, maxsplit=1)[0]


def check_expectations(row: Row, stages: Sequence[str]) -> list[str]:
    """Every way `row` falls short of what is expected of it (see the module docstring)."""
    problems: list[str] = []
    mongodb = row.provider == "mongodb"
    if "parity" in stages and row.parity != "ok":
        problems.append(f"parity: {row.parity}")
    if "generate" in stages:
        if mongodb and not row.generate.startswith("refused:"):
            problems.append(f"generate: {row.generate} (MongoDB must be refused, exit 2)")
        elif not mongodb and row.generate != "ok":
            problems.append(f"generate: {row.generate}")
    upstream_ok = row.generate == "ok"
    if "tsc" in stages and upstream_ok and (row.tsc_nodenext, row.tsc_bundler) != (0, 0):
        if isinstance(row.tsc_nodenext, int) and isinstance(row.tsc_bundler, int):
            problems.append(
                f"tsc: nodenext {row.tsc_nodenext}, bundler {row.tsc_bundler} errors "
                f"(first: {row.tsc_first_error})"
            )
        else:
            problems.append(f"tsc: {row.tsc_nodenext}")
    if "runtime" in stages and upstream_ok:
        if row.runtime.startswith("fail:"):
            problems.append(f"runtime: {row.runtime}")
        elif row.runtime == NOT_RUN and not any(p.startswith("tsc") for p in problems):
            problems.append("runtime: not run")
    return problems


def summary(rows: Sequence[Row]) -> dict[str, Any]:
    columns: dict[str, Counter[str]] = {
        "parity": Counter(category(r.parity) for r in rows),
        "generate": Counter(category(r.generate) for r in rows),
        "tsc_nodenext": Counter(tsc_category(r.tsc_nodenext) for r in rows),
        "tsc_bundler": Counter(tsc_category(r.tsc_bundler) for r in rows),
        "runtime": Counter(category(r.runtime) for r in rows),
    }
    failing = sum(1 for r in rows if r.problems)
    return {
        "schemas": len(rows),
        "as_expected": len(rows) - failing,
        "not_as_expected": failing,
        "columns": {name: dict(sorted(counts.items())) for name, counts in columns.items()},
    }


def summary_line(rows: Sequence[Row]) -> str:
    data = summary(rows)
    parts = [
        f"{data['schemas']} schemas: {data['as_expected']} as expected, "
        f"{data['not_as_expected']} not"
    ]
    for name, counts in data["columns"].items():
        parts.append(name + " " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return " | ".join(parts)


def exit_status(rows: Sequence[Row]) -> int:
    return 1 if any(r.problems for r in rows) else 0


# --------------------------------------------------------------------------- output

COLUMNS = (
    ("schema", "schema"),
    ("provider", "provider"),
    ("models", "models"),
    ("parity", "parity"),
    ("generate", "generate"),
    ("generate_seconds", "gen s"),
    ("files", "files"),
    ("tsc_nodenext", "tsc nodenext"),
    ("tsc_bundler", "tsc bundler"),
    ("runtime", "runtime"),
)


def cell(row: Row, name: str) -> str:
    value = getattr(row, name)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def text_table(rows: Sequence[Row], width: int = 48) -> str:
    def cut(text: str) -> str:
        return text if len(text) <= width else text[: width - 3] + "..."

    table = [[title for _, title in COLUMNS]]
    table += [[cut(cell(row, name)) for name, _ in COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(text.ljust(w) for text, w in zip(line, widths)).rstrip() for line in table
    )


def markdown(rows: Sequence[Row], stages: Sequence[str]) -> str:
    def escape(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "# Real-world corpus report",
        "",
        "Written by `python tools/corpus_report.py` (stages: " + ", ".join(stages) + ").",
        "",
        summary_line(rows),
        "",
        "| " + " | ".join(title for _, title in COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(escape(cell(r, n)) for n, _ in COLUMNS) + " |" for r in rows]
    failing = [r for r in rows if r.problems]
    if failing:
        lines += ["", "## Not as expected", ""]
        for row in failing:
            lines += [f"- `{row.schema}`: " + escape("; ".join(row.problems))]
    return "\n".join(lines) + "\n"


def write_outputs(
    rows: Sequence[Row], stages: Sequence[str], json_path: Path, markdown_path: Path
) -> None:
    document = {
        "stages": list(stages),
        "summary": summary(rows),
        "exit_status": exit_status(rows),
        "rows": [asdict(r) for r in rows],
    }
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path.write_text(markdown(rows, stages), encoding="utf-8")


# --------------------------------------------------------------------------- driver


def progress(index: int, total: int, row: Row, what: str) -> None:
    print(f"[{index}/{total}] {row.schema}: {what}", file=sys.stderr, flush=True)


def apply_build(row: Row, result: BuildResult, task: BuildTask, stages: Sequence[str]) -> None:
    row.generate, row.generate_seconds, row.files = (
        result.generate,
        round(result.generate_seconds, 3),
        result.files,
    )
    if not row.provider:
        row.provider = result.provider
    if row.models is None:
        row.models = result.models
    if "tsc" in stages:
        row.tsc_nodenext, row.tsc_bundler = result.tsc_nodenext, result.tsc_bundler
        row.tsc_first_error = result.tsc_first_error
        row.tsc_seconds = None if result.tsc_seconds is None else round(result.tsc_seconds, 3)
    if "runtime" in stages:
        row.runtime = NOT_RUN
        if result.build_error and "tsc" not in stages:
            row.runtime = "fail:" + result.build_error


@contextlib.contextmanager
def executor(jobs: int) -> Iterator[concurrent.futures.Executor]:
    """Processes for generation (the generator's thread safety is not promised)."""
    if jobs <= 1:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            yield pool
    else:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            yield pool


def run(
    entries: Sequence[Entry],
    stages: Sequence[str],
    jobs: int,
    work_dir: Path,
    *,
    keep: bool = False,
) -> list[Row]:
    """Every selected stage on every entry; generated projects go to `work_dir/<slug>` and are
    removed as soon as their row is finished unless `keep`."""
    rows = {e.slug: Row(schema=e.slug, provider=e.provider, models=e.models) for e in entries}
    by_slug = {e.slug: e for e in entries}
    total = len(entries)
    if "parity" in stages:
        prisma = prisma_datamodels(entries)
        for index, entry in enumerate(entries, 1):
            row = rows[entry.slug]
            row.parity = parity(entry, prisma[entry.slug], row)
            progress(index, total, row, f"parity {row.parity}")
    else:
        for entry in entries:
            with contextlib.suppress(Exception):
                schema = parse_schema_files(schema_files(entry))
                rows[entry.slug].provider = provider_name(schema.provider or entry.provider)
                rows[entry.slug].models = len(schema.models)
    if "generate" not in stages:
        return [finish(rows[e.slug], stages) for e in entries]

    tasks = [
        BuildTask(
            slug=e.slug,
            schema=e.path,
            out_dir=work_dir / e.slug,
            build="tsc" in stages or "runtime" in stages,
            tsc="tsc" in stages,
        )
        for e in entries
    ]
    ready: list[BuildTask] = []
    with executor(jobs) as pool:
        futures = {pool.submit(build, task): task for task in tasks}
        for index, future in enumerate(concurrent.futures.as_completed(futures), 1):
            task = futures[future]
            row = rows[task.slug]
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - a dead worker is a crash of the row
                result = BuildResult(task.slug, describe_generate_error(error), 0.0)
            apply_build(row, result, task, stages)
            what = f"generate {row.generate}"
            if "tsc" in stages:
                what += f", tsc {row.tsc_nodenext}/{row.tsc_bundler}"
            progress(index, total, row, what)
            runnable = result.built and (
                "tsc" not in stages or (row.tsc_nodenext == 0 and row.tsc_bundler == 0)
            )
            if "runtime" in stages and runnable:
                ready.append(task)
            elif not keep:
                shutil.rmtree(task.out_dir, ignore_errors=True)

    if "runtime" in stages:
        run_runtime(ready, rows, by_slug, jobs, keep=keep)
    return [finish(rows[e.slug], stages) for e in entries]


def run_runtime(
    tasks: Sequence[BuildTask],
    rows: dict[str, Row],
    entries: dict[str, Entry],
    jobs: int,
    *,
    keep: bool,
) -> None:
    databases = Databases()

    def one(task: BuildTask) -> tuple[str, list[str], float]:
        row = rows[task.slug]
        why_not = databases.why_not(row.provider)
        if why_not:
            return why_not, [], 0.0
        started = time.perf_counter()
        value, details = runtime(entries[task.slug], task.out_dir, row.provider, databases)
        return value, details, time.perf_counter() - started

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {pool.submit(one, task): task for task in tasks}
            for index, future in enumerate(concurrent.futures.as_completed(futures), 1):
                task = futures[future]
                try:
                    value, details, seconds = future.result()
                except Exception as error:  # noqa: BLE001 - never lose a row
                    value, details, seconds = f"fail:{type(error).__name__}: {error}", [], 0.0
                row = rows[task.slug]
                row.runtime, row.runtime_failures = value, details
                row.runtime_seconds = round(seconds, 3) if seconds else None
                progress(index, len(tasks), row, f"runtime {value}")
                if not keep:
                    shutil.rmtree(task.out_dir, ignore_errors=True)
    finally:
        databases.close()


def finish(row: Row, stages: Sequence[str]) -> Row:
    row.problems = check_expectations(row, stages)
    return row


def parse_stages(text: str) -> list[str]:
    chosen = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in STAGES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown stage(s) {', '.join(unknown) or '(none)'}: choose from {', '.join(STAGES)}"
        )
    if {"tsc", "runtime"} & set(chosen):
        chosen.append("generate")
    return [s for s in STAGES if s in chosen]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every schema of the corpus")
    which.add_argument("--sample", type=int, metavar="N", help="a fixed sample of N schemas")
    which.add_argument("--only", nargs="+", metavar="SLUG", help="these schemas")
    parser.add_argument("--stages", type=parse_stages, default=list(STAGES))
    parser.add_argument("--jobs", type=int, default=2, help="parallel workers (default 2)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, default=DEFAULT_CORPUS / "REPORT.json")
    parser.add_argument("--markdown", type=Path, default=DEFAULT_CORPUS / "REPORT.md")
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated projects (path printed)"
    )
    parser.add_argument(
        "--max-models",
        type=int,
        default=None,
        metavar="N",
        help="with --sample: draw only from schemas of at most N models (for CI's time budget)",
    )
    parser.add_argument(
        "--providers",
        default=None,
        metavar="P,Q",
        help="with --sample: draw only from schemas of these providers (e.g. sqlite,postgresql)",
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"no corpus folder {args.corpus}")
    entries = discover(args.corpus)
    if args.only:
        known = {e.slug for e in entries}
        missing = [s for s in args.only if s not in known]
        if missing:
            parser.error(f"not in {args.corpus}: {', '.join(missing)}")
        entries = [e for e in entries if e.slug in set(args.only)]
    elif args.sample is not None:
        if args.max_models is not None:
            entries = [e for e in entries if e.models is None or e.models <= args.max_models]
        if args.providers is not None:
            wanted = {provider_name(p.strip()) for p in args.providers.split(",")}
            entries = [e for e in entries if e.provider in wanted]
        entries = sample(entries, args.sample)
    if not entries:
        parser.error(f"no schema selected in {args.corpus}")
    work_dir = Path(tempfile.mkdtemp(prefix="ssot-corpus-"))
    try:
        rows = run(entries, args.stages, args.jobs, work_dir, keep=args.keep)
    finally:
        if args.keep:
            print(f"generated projects kept in {work_dir}", file=sys.stderr)
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
    write_outputs(rows, args.stages, args.json, args.markdown)
    print(text_table(rows))
    failing = [r for r in rows if r.problems]
    if failing:
        print("\nnot as expected:")
        for row in failing:
            for problem in row.problems:
                print(f"  {row.schema}: {problem}")
    print("\n" + summary_line(rows))
    print(f"wrote {args.json} and {args.markdown}")
    return exit_status(rows)


if __name__ == "__main__":
    sys.exit(main())
