"""A schema-driven conformance checker for any generated backend (design/API.md).

Given the ProjectPlan of a schema and a running Server, it creates records of every model in
dependency order (required foreign keys first), keeps its own copy of what the database holds,
and checks each route against that copy: creates with only required fields and defaults, every
filter operator of every filterable field, sorting, take/skip, cursor walks, includes, count,
patch, delete, the 4xx answers and the exact round-trip of BigInt, Decimal, DateTime, Json and
Bytes. `run_checks` returns one Check per behaviour; nothing stops at the first failure.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import itertools
import json
import os
import re
import subprocess
import traceback
import urllib.parse
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from emitters.plan.api_access import ApiAccess
from emitters.plan.analysis import (
    FieldPlan,
    ModelPlan,
    Presence,
    ProjectPlan,
    RelationPlan,
    Scalar,
    is_uuid_column,
)
from emitters.testsuite.rule_values import matches
from ssot_ast.schema.model import DefaultKind
from tools.e2e.harness import Response, Server

Record = dict[str, Any]
Key = tuple[Any, ...]

ADMIN_IDENTIFIER = "checker-admin@example.test"
API_TOKEN = "e2e-checker-api-token-0123456789abcdefghijkl"
ADMIN_PASSWORD = "checker-password"
AUTH_ENV = {
    "JWT_SECRET": "e2e-checker-secret-0123456789abcdefghijkl",
    "API_TOKEN": API_TOKEN,
    "SCRYPT_COST": "16384",
}
"""Server settings of access control: with a user model the checker makes ADMIN_IDENTIFIER an
administrator with the app's own `npm run create-admin`, signs in and sends its access token
with every request; without one it sends API_TOKEN (an app that has no token ignores it).
scrypt runs at 2^14 (the app refuses that only in production) to keep the runs short."""

RECORDS_PER_MODEL = 7
"""Main records created per model (index 0 with only the required fields)."""

ORDERED = (Scalar.INT, Scalar.BIGINT, Scalar.FLOAT, Scalar.DECIMAL, Scalar.DATETIME)
ENUMS_IN_DECLARATION_ORDER = frozenset({"postgresql", "cockroachdb", "mysql"})
"""Databases with real enum types, which sort by declaration (MySQL's ENUM by its index);
SQLite stores the names as text."""
SORT_SAFE_TEXT = re.compile(r"^[a-z0-9]*$")
MISSING_UUID = "00000000-0000-4000-8000-000000987654"
"""A well-formed uuid no record has: a missing key or parent of a uuid column."""
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
STACK_LINE = re.compile(r"\n\s+at |\bat [\w.<>]+ \(|node:internal|\.ts:\d+:\d+")


class Check(NamedTuple):
    name: str
    passed: bool
    detail: str


def _short(value: object, limit: int = 700) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= limit else text[:limit] + "..."


def describe(method: str, path: str, response: Response, body: object = None) -> str:
    """`METHOD path [body] -> status body`, for failure details."""
    sent = "" if body is None else " " + _short(body, 300)
    got = (
        response.json if response.json is not None else response.body[:300].decode(errors="replace")
    )
    return f"{method} {path}{sent} -> {response.status} {_short(got, 500)}"


def parse_datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def normalize(field: FieldPlan, value: Any) -> Any:
    """A JSON value of a field as a comparable Python value (None stays None)."""
    if value is None:
        return None
    scalar = field.scalar
    if scalar is Scalar.BIGINT:
        return int(value)
    if scalar is Scalar.DECIMAL:
        return decimal.Decimal(str(value))
    if scalar is Scalar.DATETIME:
        return parse_datetime(str(value))
    if scalar is Scalar.FLOAT:
        return float(value)
    if scalar is Scalar.BYTES:
        return base64.b64decode(str(value))
    return value


def _missing_value(field: FieldPlan) -> Any:
    """A valid value of the field's type that no record the checker makes has, as JSON."""
    if field.scalar is Scalar.INT:
        return 987654
    if field.scalar is Scalar.BIGINT:
        return "987654"
    if field.scalar is Scalar.FLOAT:
        return 987654.5
    if field.scalar is Scalar.DECIMAL:
        return "987.5" if field.decimal_digits is not None else "987654.5"
    if field.scalar is Scalar.DATETIME:
        return "1901-01-01T00:00:00.000Z"
    if field.scalar is Scalar.STRING:
        return MISSING_UUID if is_uuid_column(field.field) else "zzmissing0"
    return None


def _same(field: FieldPlan, value: Any, sent: Any) -> bool:
    """Whether one answered value is the one sent, as the field's type compares."""
    if field.scalar is Scalar.DECIMAL:
        return isinstance(value, str) and decimal.Decimal(value) == decimal.Decimal(sent)
    if field.scalar is Scalar.DATETIME:
        return isinstance(value, str) and parse_datetime(value) == parse_datetime(sent)
    return bool(value == sent)


def _segment(value: Any) -> str:
    """A key value as the API writes it in a path: JSON's spelling of booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def number_value(field: FieldPlan, number: decimal.Decimal) -> Any:
    """`number` as the JSON value of a numeric field."""
    if field.scalar is Scalar.INT:
        return int(number)
    if field.scalar is Scalar.FLOAT:
        return float(number)
    if field.scalar is Scalar.BIGINT:
        return str(int(number))
    scale = field.decimal_digits[1] if field.decimal_digits is not None else 2
    return str(number.quantize(decimal.Decimal(1).scaleb(-scale)))


def ruled_value(field: FieldPlan, value: Any, n: int) -> Any:
    """`value` moved inside the field's rules: numbers into ``[@min, @max]``, text to the
    format and lengths it must have (already trimmed and lowercase, so that it reads back
    as sent). A ``@regex`` that the plain value does not match gets digits only."""
    rules = field.rules
    if not rules.any:
        return value
    if field.scalar in (Scalar.INT, Scalar.FLOAT, Scalar.DECIMAL, Scalar.BIGINT):
        low = decimal.Decimal(rules.minimum) if rules.minimum is not None else None
        high = decimal.Decimal(rules.maximum) if rules.maximum is not None else None
        if low is None and high is None:
            return value
        number = decimal.Decimal(str(value))
        if low is not None and high is not None:
            span = high - low
            step = (
                decimal.Decimal(n % 7) / 7 if field.scalar in (Scalar.FLOAT, Scalar.DECIMAL) else 0
            )
            pick = low + (decimal.Decimal(n) % (span + 1) if span >= 1 else 0) + step * (span >= 1)
            number = min(max(pick, low), high)
        elif low is not None and number < low:
            number = low + n  # distinct per n, as the value it replaces
        elif high is not None and number > high:
            number = high - n
        return number_value(field, number)
    if field.scalar is not Scalar.STRING or not isinstance(value, str):
        return value
    most = min(x for x in (field.max_length, rules.max_length, 10**6) if x is not None)
    text = value.strip().lower() if (rules.trim or rules.lowercase) else value
    if rules.format == "uuid":
        return str(uuid.UUID(int=(n + 1) * 0x9E3779B97F4A7C15 % (1 << 128)))
    if rules.format == "email":
        text = f"{text[: max(most - 12, 1)]}@example.com"
    elif rules.format == "url":
        text = f"https://e.io/{text}"[:most]
    if rules.pattern is not None and not matches(rules.pattern, text):
        text = f"{n:06d}"
    least = rules.min_length or 0
    if len(text) < least:
        text = text + "0" * (least - len(text))
    return text[:most]


def query_text(field: FieldPlan, value: Any) -> str:
    """A JSON value written as a query-string value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if field.scalar is Scalar.FLOAT and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Checker:
    """Runs every check of one app. Use `run_checks(plan, server)`."""

    def __init__(self, plan: ProjectPlan, server: Server) -> None:
        self.plan = plan
        self.server = server
        self.provider = "postgresql" if plan.provider.startswith("postgres") else plan.provider
        self.results: list[Check] = []
        self.store: dict[str, dict[Key, Record]] = {m.names.model: {} for m in plan.models}
        self.bodies: dict[str, dict[Key, Record]] = {m.names.model: {} for m in plan.models}
        self.pools: dict[str, list[Key]] = {}
        self.counter = itertools.count(1)
        self.errors_seen: list[tuple[str, Response]] = []
        self.auth_headers: dict[str, str] = {}

    # -- plumbing --------------------------------------------------------------------------

    def check(self, name: str, passed: bool, detail: object = "") -> bool:
        text = "" if passed else (detail if isinstance(detail, str) else _short(detail))
        self.results.append(Check(name, bool(passed), text))
        return bool(passed)

    def request(self, method: str, path: str, body: object = None, **kw: Any) -> Response:
        kw["headers"] = {**self.auth_headers, **(kw.get("headers") or {})}
        response = self.server.request(method, path, body, **kw)
        if response.status >= 400:
            self.errors_seen.append((f"{method} {path}", response))
        return response

    def section(
        self, name: str, action: Callable[[ModelPlan], None], model: ModelPlan | None = None
    ) -> None:
        try:
            if model is None:
                action(self.plan.models[0])
            else:
                action(model)
        except Exception as error:  # a crash in one section must not hide the others
            lines = traceback.format_exception(error)
            self.check(f"{name}: ran without crashing", False, "".join(lines[-6:]))

    @staticmethod
    def base(model: ModelPlan) -> str:
        return f"/api/{model.names.route}"

    def key_of(self, model: ModelPlan, record: Record) -> Key:
        return tuple(record.get(f.name) for f in model.id.fields)

    def path_of(self, model: ModelPlan, key: Key) -> str:
        parts = "/".join(urllib.parse.quote(_segment(v), safe="") for v in key)
        return f"{self.base(model)}/{parts}"

    def relation_field(self, model: ModelPlan, relation: RelationPlan) -> tuple[str, ...]:
        for field in model.model.fields:
            if field.name == relation.name and field.relation is not None:
                return tuple(field.relation.to_fields)
        return ()

    def records(self, model: ModelPlan) -> list[Record]:
        return list(self.store[model.names.model].values())

    def id_list(self, model: ModelPlan, records: Iterable[Record]) -> list[Key]:
        return [self.key_of(model, r) for r in records]

    def list_all(self, model: ModelPlan, query: str = "") -> tuple[Response, list[Record]]:
        path = f"{self.base(model)}?take={model.max_page_size}" + (f"&{query}" if query else "")
        response = self.request("GET", path)
        data = response.json.get("data") if isinstance(response.json, dict) else None
        return response, data if isinstance(data, list) else []

    # -- values ----------------------------------------------------------------------------

    def value(self, field: FieldPlan, n: int) -> Any:
        """A valid, distinct-per-n value of a field, as JSON (a list for a list field)."""
        if field.is_list:
            return [self.scalar_value(field, n), self.scalar_value(field, n + 1)]
        return self.scalar_value(field, n)

    def scalar_value(self, field: FieldPlan, n: int) -> Any:
        """One valid, distinct-per-n value of the field's type, within its column's type and
        the field's rules (``@min``/``@max``, ``@length``, formats, ``@regex``)."""
        value = self.typed_value(field, n)
        return ruled_value(field, value, n)

    def typed_value(self, field: FieldPlan, n: int) -> Any:
        """One valid, distinct-per-n value of the field's type, within its column's type."""
        scalar = field.scalar
        if scalar is Scalar.STRING and is_uuid_column(field.field):
            return str(uuid.UUID(int=(n + 1) * 0x9E3779B97F4A7C15 % (1 << 128)))
        if scalar is Scalar.STRING:
            text = f"{field.name.lower()[:4]}{n:04d}q"
            if field.max_length is not None and len(text) > field.max_length:
                # Short columns (@db.VarChar(2)) still get distinct values: n in base 36.
                digits = ""
                number = n
                while number or not digits:
                    number, rest = divmod(number, 36)
                    digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
                text = digits[-field.max_length :].rjust(field.max_length, "0")
            return text
        if scalar is Scalar.BOOLEAN:
            return n % 2 == 0
        if scalar is Scalar.INT and field.int_range is not None:
            low, high = field.int_range
            return low + (n * 7919) % min(high - low + 1, 1000)
        if scalar is Scalar.INT:
            return (n * 7919) % 1000 - 500
        if scalar is Scalar.BIGINT:
            return str(9007199254740993 + ((n * 7919) % 1000) * 1000003 * (-1 if n % 3 else 1))
        if scalar is Scalar.FLOAT:
            return ((n * 37) % 100) * 1.25 - 40.0
        if scalar is Scalar.DECIMAL:
            if field.decimal_digits is not None:
                precision, scale = field.decimal_digits
                whole = (n * 53) % min(1000, 10 ** (precision - scale)) - 300
                fraction = f"{n % 10**scale:0{scale}d}" if scale else ""
                return f"{whole}.{fraction}" if fraction else str(whole)
            return f"{(n * 53) % 1000 - 300}.{n % 100:02d}5"
        if scalar is Scalar.DATETIME:
            moment = dt.datetime(2021, 3, 4, tzinfo=dt.timezone.utc) + dt.timedelta(
                hours=(n * 97) % 5000, milliseconds=n * 7
            )
            native = field.field.native_type
            if native is not None and native.name == "Date":
                moment = moment.replace(hour=0, minute=0, second=0, microsecond=0)
            elif native is not None and native.args and str(native.args[0]).isdigit():
                # Timestamp(0) keeps whole seconds: send what the column can hold.
                step = 10 ** (6 - min(int(str(native.args[0])), 6))
                moment = moment.replace(microsecond=moment.microsecond // step * step)
            return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        if scalar is Scalar.JSON:
            return {"n": n, "list": [1, "two", None, True], "nested": {"ok": n % 2 == 0}}
        if scalar is Scalar.BYTES:
            return base64.b64encode(bytes([n % 256, 0, 255, 10, 13])).decode()
        values = [v.name for v in self.plan.schema.enum(field.enum_name or "").values]
        return values[n % len(values)]

    def wrong_value(self, field: FieldPlan) -> Any:
        """A value of the wrong JSON type for a field."""
        if field.scalar in (Scalar.STRING, Scalar.ENUM, Scalar.BYTES):
            return 12345
        if field.scalar is Scalar.BOOLEAN:
            return "yes"
        return "not a number" if field.scalar is not Scalar.DATETIME else "yesterday"

    # -- creating --------------------------------------------------------------------------

    def order(self) -> list[ModelPlan]:
        """Models with targets of required foreign keys first."""
        done: list[ModelPlan] = []
        pending = list(self.plan.models)
        while pending:
            progressed = False
            for model in list(pending):
                needs = {
                    r.target
                    for r in model.relations
                    if r.foreign_keys
                    and r.target != model.names.model
                    and any(model.field(k).create is Presence.REQUIRED for k in r.foreign_keys)
                }
                if needs <= {m.names.model for m in done}:
                    done.append(model)
                    pending.remove(model)
                    progressed = True
            if not progressed:
                done += pending
                break
        return done

    def fk_is_unique(self, model: ModelPlan, relation: RelationPlan) -> bool:
        """Whether each record needs its own parent: the key is unique alone, or together with
        other foreign keys only (a join model keyed by both sides)."""
        keys = set(relation.foreign_keys)
        if len(keys) == 1 and model.field(next(iter(keys))).is_unique:
            return True
        all_fks = {k for r in model.relations for k in r.foreign_keys}
        # Booleans and enums take few values: beside them the parent must vary as well
        # (@@id([userId, timeframe]) with an enum timeframe).
        few_values = {f.name for f in model.fields if f.scalar in (Scalar.BOOLEAN, Scalar.ENUM)}
        unique_sets = [set(u) for u in model.unique_field_sets]
        unique_sets.append({f.name for f in model.id.fields})
        return any(keys <= u and u <= all_fks | few_values for u in unique_sets)

    def parent(self, model: ModelPlan, relation: RelationPlan, fresh: bool) -> Record | None:
        target = self.plan.model(relation.target)
        if relation.target == model.names.model:
            existing = self.records(target)
            return existing[0] if existing and not fresh else None
        pool = self.pools.setdefault(relation.target, [])
        if not fresh and len(pool) >= 2:
            key = pool[next(self.counter) % len(pool)]
            found = self.store[target.names.model].get(key)
            if found is not None:
                return found
        created = self.create(target, full=False)
        if created is None:
            return None
        if not fresh:
            pool.append(self.key_of(target, created))
        return created

    def body_for(self, model: ModelPlan, index: int, full: bool) -> Record:
        n = next(self.counter)
        body: Record = {}
        fk_fields = {k for r in model.relations for k in r.foreign_keys}
        # Unique fields are always given: a default is one value, so it conflicts the second
        # time (@unique @default(""), @@unique of defaulted fields, @id @default(1)).
        unique_names = {n for u in model.unique_field_sets for n in u}
        unique_names |= {f.name for f in model.fields if f.is_unique or f.is_id}
        for position, field in enumerate(model.fields):
            if field.create is Presence.FORBIDDEN or field.name in fk_fields:
                continue
            if field.create is Presence.REQUIRED or field.name in unique_names:
                body[field.name] = self.value(field, n + position)
            elif full and (index + position) % 4 != 0:
                body[field.name] = self.value(field, n + position + index)
            elif full and field.is_optional and (index + position) % 8 == 0:
                body[field.name] = None
        for relation in model.relations:
            if not relation.foreign_keys:
                continue
            required = any(
                model.field(k).create is Presence.REQUIRED for k in relation.foreign_keys
            )
            if not required and not (full and index % 2 == 1):
                continue
            if any(model.field(k).create is Presence.FORBIDDEN for k in relation.foreign_keys):
                continue
            parent = self.parent(model, relation, fresh=self.fk_is_unique(model, relation))
            if parent is None:
                continue
            for key, to_field in zip(relation.foreign_keys, self.relation_field(model, relation)):
                body[key] = parent.get(to_field)
        if full:
            for relation in model.many_to_many:
                if relation.ids_field is None or relation.target_id is None:
                    continue
                targets = self.records(self.plan.model(relation.target))
                if targets and index % 3 != 0:
                    chosen = targets[index % len(targets) :][:2] or targets[:1]
                    body[relation.ids_field] = [t[relation.target_id.name] for t in chosen]
        return body

    def create(self, model: ModelPlan, full: bool, index: int = 0) -> Record | None:
        body = self.body_for(model, index, full)
        response = self.request("POST", self.base(model), body)
        if response.status != 201 or not isinstance(response.json, dict):
            self.check(
                f"{model.names.model}: create 201",
                False,
                describe("POST", self.base(model), response, body),
            )
            return None
        return self.remember(model, response.json, body)

    def remember(self, model: ModelPlan, record: Record, body: Record) -> Record:
        key = self.key_of(model, record)
        self.store[model.names.model][key] = record
        self.bodies[model.names.model][key] = body
        return record

    def follow_cascades(self, model: ModelPlan, before: Record, after: Record) -> None:
        """A changed referenced key (a unique non-id field, onUpdate: Cascade by default)
        changes the foreign keys that point at it: the stored copies follow."""
        for other in self.plan.models:
            for relation in other.relations:
                if relation.target != model.names.model or not relation.foreign_keys:
                    continue
                to_fields = self.relation_field(other, relation)
                if not any(before.get(t) != after.get(t) for t in to_fields):
                    continue
                for stored in (*self.store[other.names.model].values(),):
                    if all(
                        stored.get(fk) == before.get(t)
                        for fk, t in zip(relation.foreign_keys, to_fields)
                    ):
                        for fk, t in zip(relation.foreign_keys, to_fields):
                            stored[fk] = after.get(t)

    def forget(self, model: ModelPlan, key: Key) -> None:
        self.store[model.names.model].pop(key, None)
        self.bodies[model.names.model].pop(key, None)

    # -- the run ---------------------------------------------------------------------------

    def use_api_token(self) -> None:
        """Without a user model the app is closed unless its access option opens it: a request
        without the API token is a 401 (writes only with public-reads), with it the checks run."""
        access = self.plan.access
        if not access.needs_token:
            return
        model = self.plan.models[0] if self.plan.models else None
        path = f"/api/{model.names.route}" if model is not None else "/api/none"
        for method, refused in (("GET", access is ApiAccess.TOKEN), ("POST", True)):
            body: dict[str, object] | None = {} if method == "POST" else None
            # An empty header sends no credentials, whatever the server's default headers.
            for headers in ({"authorization": ""}, {"authorization": "Bearer not-" + API_TOKEN}):
                answer = self.server.request(method, path, body, headers=headers)
                expected = "401" if refused else "not 401"
                self.check(
                    f"api token: {method} {path} {'with a wrong token' if headers['authorization'] else 'without it'}"
                    f" is {expected}",
                    (answer.status == 401) == refused,
                    describe(method, path, answer, body),
                )
        self.auth_headers = {"authorization": "Bearer " + API_TOKEN}

    def sign_in_as_admin(self) -> None:
        """With a user model, every check runs as an administrator, made by the app's own
        `npm run create-admin` (against the server's database, with its environment) and
        signed in through /auth/login; it is then a user record too."""
        auth = self.plan.auth
        if auth is None:
            self.use_api_token()
            return
        user = self.plan.model(auth.model)
        made = subprocess.run(
            ["npm", "run", "--silent", "create-admin", "--", ADMIN_IDENTIFIER],
            cwd=self.server.project_dir,
            env={**os.environ, **self.server.env, "ADMIN_PASSWORD": ADMIN_PASSWORD},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if not self.check(
            "auth: npm run create-admin makes the checker an administrator",
            made.returncode == 0,
            made.stdout + made.stderr,
        ):
            return
        body: Record = {auth.identifier: ADMIN_IDENTIFIER, "password": ADMIN_PASSWORD}
        response = self.request("POST", "/auth/login", body)
        ok = (
            response.status == 200
            and isinstance(response.json, dict)
            and isinstance(response.json.get("accessToken"), str)
        )
        self.check(
            "auth: the checker signs in as an administrator",
            ok,
            describe("POST", "/auth/login", response, body),
        )
        if ok and isinstance(response.json, dict):
            self.auth_headers = {"authorization": "Bearer " + response.json["accessToken"]}
            record = response.json["user"]
            written = {
                f.name: record[f.name]
                for f in user.fields
                if f.create is Presence.REQUIRED and f.name in record
            }
            self.remember(user, record, written)

    def run(self) -> list[Check]:
        self.sign_in_as_admin()
        order = [m for m in self.order() if m.serves("create")]
        for model in self.plan.models:
            if not model.serves("create"):
                self.section(f"{model.names.model} read-only", self.check_read_only, model)
        for model in order:
            self.section(f"{model.names.model} create", self.check_create, model)
        for model in order:
            for step_name, step in (
                ("get", self.check_get),
                ("round-trip", self.check_round_trip),
                ("filters", self.check_filters),
                ("sort", self.check_sort),
                ("pagination", self.check_pagination),
                ("include", self.check_include),
                ("count", self.check_count),
                ("patch", self.check_patch),
                ("delete", self.check_delete),
                ("bad requests", self.check_bad_requests),
                ("conflicts", self.check_conflicts),
            ):
                self.section(f"{model.names.model} {step_name}", step, model)
        if self.plan.models:
            self.section("payload too large", self.check_too_large)
            self.section("error bodies", self.check_error_bodies)
        return self.results

    # -- models without a create route (views) ----------------------------------------------

    def check_read_only(self, model: ModelPlan) -> None:
        """Reads answer; the writes it does not serve are 404 and change nothing."""
        name = model.names.model
        base = self.base(model)
        listed = self.request("GET", base)
        rows = listed.json.get("data") if isinstance(listed.json, dict) else None
        self.check(
            f"{name}: list answers 200 with a page",
            listed.status == 200 and isinstance(rows, list),
            describe("GET", base, listed),
        )
        counted = self.request("GET", base + "/count")
        count = counted.json.get("count") if isinstance(counted.json, dict) else None
        self.check(
            f"{name}: count answers the number of rows",
            counted.status == 200 and isinstance(rows, list) and count == len(rows),
            describe("GET", base + "/count", counted),
        )
        if isinstance(rows, list) and rows and isinstance(rows[0], dict):
            key = self.key_of(model, rows[0])
            path = self.path_of(model, key)
            got = self.request("GET", path)
            self.check(
                f"{name}: GET {model.names.route}/<key> returns the listed row",
                got.status == 200 and got.json == rows[0],
                describe("GET", path, got) + f"; expected {_short(rows[0], 400)}",
            )
        writes = [("POST", base)]
        missing = self.missing_key(model)
        if missing is not None:
            path = self.path_of(model, missing)
            writes += [
                (method, path)
                for method, action in (("PATCH", "update"), ("DELETE", "delete"))
                if not model.serves(action)
            ]
        for method, path in writes:
            response = self.request(method, path, {} if method != "DELETE" else None)
            self.check(
                f"{name}: {method} is not served (404)",
                response.status == 404,
                describe(method, path, response),
            )
        after = self.request("GET", base + "/count")
        self.check(
            f"{name}: refused writes changed nothing",
            isinstance(after.json, dict) and after.json.get("count") == count,
            describe("GET", base + "/count", after),
        )

    # -- create ----------------------------------------------------------------------------

    def check_create(self, model: ModelPlan) -> None:
        name = model.names.model
        body = self.body_for(model, 0, full=False)
        response = self.request("POST", self.base(model), body)
        ok = self.check(
            f"{name}: create with only required fields is 201",
            response.status == 201 and isinstance(response.json, dict),
            describe("POST", self.base(model), response, body),
        )
        if not ok or not isinstance(response.json, dict):
            return
        record = self.remember(model, response.json, body)
        location = self.path_of(model, self.key_of(model, record))
        self.check(
            f"{name}: Location header is {self.base(model)}/<id>",
            response.header("location") == location,
            f"POST {self.base(model)}: expected Location {location}, "
            f"got {response.header('location')}",
        )
        self.check_defaults(model, body, record)
        for index in range(1, RECORDS_PER_MODEL):
            if self.create(model, full=True, index=index) is None:
                break

    def check_defaults(self, model: ModelPlan, body: Record, record: Record) -> None:
        problems: list[str] = []
        owner = model.access.owner if model.access is not None else None
        for field in model.readable_fields:
            if field.name in body or field.name == owner:
                continue  # an owner field is set from the caller's token, not a default
            got = record.get(field.name, "<missing>")
            default = field.field.default
            expected: Any = "<any>"
            ok = True
            if field.is_updated_at:
                ok = isinstance(got, str) and _is_iso(got)
                expected = "an ISO date-time"
            elif default is None:
                if field.is_optional:
                    ok, expected = got is None, None
                elif field.is_list:
                    ok, expected = got == [] or got is None, []
            elif default.kind is DefaultKind.FUNCTION:
                function = default.function
                if function == "now":
                    ok, expected = isinstance(got, str) and _is_iso(got), "an ISO date-time (now)"
                elif function == "autoincrement" and field.scalar is Scalar.BIGINT:
                    ok, expected = isinstance(got, str) and got.isdigit(), "an integer string"
                elif function == "autoincrement":
                    ok, expected = isinstance(got, int), "an integer"
                elif function == "uuid":
                    ok, expected = isinstance(got, str) and bool(UUID.match(got)), "a uuid"
                elif function == "nanoid" and default.args:
                    size = int(str(default.args[0]))
                    ok, expected = isinstance(got, str) and len(got) == size, f"a nanoid({size})"
                elif function in ("cuid", "nanoid", "ulid"):
                    ok, expected = isinstance(got, str) and len(got) >= 10, f"a {function}"
            elif default.kind is DefaultKind.ENUM_VALUE:
                ok, expected = got == default.value, default.value
            elif default.kind is DefaultKind.LITERAL and field.scalar is Scalar.JSON:
                # A Json default is JSON text in the schema (@default("[]")): compare values.
                expected = json.loads(str(default.value))
                ok = got == expected
            elif default.kind is DefaultKind.LITERAL:
                expected = default.value
                try:
                    ok = normalize(field, got) == normalize(field, default.value)
                except (ValueError, decimal.InvalidOperation, TypeError):
                    ok = False
            if not ok:
                problems.append(f"{field.name}: expected {expected!r}, got {got!r}")
        self.check(
            f"{model.names.model}: defaults applied on create",
            not problems,
            f"POST {self.base(model)} {_short(body, 300)}: " + "; ".join(problems),
        )

    # -- get and round trip ----------------------------------------------------------------

    def check_get(self, model: ModelPlan) -> None:
        name = model.names.model
        for key, stored in list(self.store[name].items())[:2]:
            path = self.path_of(model, key)
            response = self.request("GET", path)
            self.check(
                f"{name}: GET {model.names.route}/<id> returns the created record",
                response.status == 200 and response.json == stored,
                describe("GET", path, response) + f"; expected {_short(stored, 400)}",
            )
        missing = self.missing_key(model)
        if missing is not None:
            path = self.path_of(model, missing)
            response = self.request("GET", path)
            self.check(
                f"{name}: GET a missing record is 404 NOT_FOUND",
                response.status == 404 and _code(response) == "NOT_FOUND",
                describe("GET", path, response),
            )

    def missing_key(self, model: ModelPlan) -> Key | None:
        parts = [_missing_value(field) for field in model.id.fields]
        if any(part is None for part in parts):
            return None
        return tuple(parts)

    @staticmethod
    def extreme(field: FieldPlan, special: dict[Scalar, Any]) -> Any:
        """The round-trip value of a field: the type's hard case, within a Decimal's digits
        (in a one-element list for a list field)."""
        value = Checker.extreme_value(field, special)
        return [value] if field.is_list else value

    @staticmethod
    def extreme_value(field: FieldPlan, special: dict[Scalar, Any]) -> Any:
        bound = field.rules.maximum if field.rules.maximum is not None else field.rules.minimum
        if bound is not None:
            return number_value(field, decimal.Decimal(bound))  # the edge a rule allows
        if field.scalar is Scalar.DECIMAL and field.decimal_digits is not None:
            precision, scale = field.decimal_digits
            whole = "9" * (precision - scale) or "0"
            return f"{whole}.{'9' * scale}" if scale else whole
        native = field.field.native_type
        if field.scalar is Scalar.DATETIME and native is not None:
            # A column keeps what its type holds: the hard case at that precision.
            if native.name == "Date":
                return "1999-12-31T00:00:00.000Z"
            digits = int(native.args[0]) if native.args and str(native.args[0]).isdigit() else 3
            day = "1970-01-01" if native.name in ("Time", "Timetz") else "1999-12-31"
            fraction = ("9" * min(digits, 3)).ljust(3, "0")
            return f"{day}T23:59:59.{fraction}Z"
        return special[field.scalar]

    def check_round_trip(self, model: ModelPlan) -> None:
        special: dict[Scalar, Any] = {
            Scalar.BIGINT: "9223372036854775807",
            Scalar.DECIMAL: "1234567.891",
            Scalar.DATETIME: "1999-12-31T23:59:59.999Z",
            Scalar.JSON: {
                "text": 'héllo "quoted" ✓',
                "n": 1.5,
                "big": 12345678901234,
                "none": None,
                "list": [[], {}],
            },
            Scalar.BYTES: base64.b64encode(bytes(range(256))).decode(),
        }
        targets = [
            f
            for f in model.fields
            if f.scalar in special
            and f.create is not Presence.FORBIDDEN
            and f.readable
            and not f.is_foreign_key
            and not f.is_id
        ]
        if not targets:
            return
        body = self.body_for(model, 2, full=True)
        for field in targets:
            body[field.name] = self.extreme(field, special)
        response = self.request("POST", self.base(model), body)
        if not self.check(
            f"{model.names.model}: create with extreme values is 201",
            response.status == 201 and isinstance(response.json, dict),
            describe("POST", self.base(model), response, body),
        ) or not isinstance(response.json, dict):
            return
        record = self.remember(model, response.json, body)
        fetched = self.request("GET", self.path_of(model, self.key_of(model, record))).json
        for field in targets:
            sent = self.extreme(field, special)
            for source, got in (("POST", record), ("GET", fetched)):
                value = got.get(field.name) if isinstance(got, dict) else None
                pairs = (
                    list(zip(value, sent))
                    if field.is_list and isinstance(value, list) and len(value) == len(sent)
                    else [(value, sent)] if not field.is_list else []
                )
                ok = bool(pairs) and all(_same(field, v, s) for v, s in pairs)
                self.check(
                    f"{model.names.model}.{field.name}: {field.scalar.value} round-trips exactly ({source})",
                    ok,
                    f"sent {_short(sent, 200)}, {source} answered {_short(value, 200)}",
                )

    # -- filters ---------------------------------------------------------------------------

    def check_filters(self, model: ModelPlan) -> None:
        records = self.records(model)
        for field in model.filter_fields:
            if field.is_list:
                continue
            values = [r.get(field.name) for r in records]
            present = [v for v in values if v is not None]
            if not present:
                continue
            for op in field.filter_ops:
                self.check_filter(model, field, op, records, present)
        for field in model.fields:
            if field.scalar in (Scalar.JSON, Scalar.BYTES) and field.readable:
                path = f"{self.base(model)}?{field.name}=x"
                response = self.request("GET", path)
                self.check(
                    f"{model.names.model}.{field.name}: {field.scalar.value} is not filterable (400)",
                    response.status == 400,
                    describe("GET", path, response),
                )

    def check_filter(
        self,
        model: ModelPlan,
        field: FieldPlan,
        op: str,
        records: list[Record],
        present: list[Any],
    ) -> None:
        name = field.name
        distinct: list[Any] = []
        for value in present:
            if all(normalize(field, value) != normalize(field, d) for d in distinct):
                distinct.append(value)
        ordered = sorted(distinct, key=lambda v: normalize(field, v))
        pick = present[len(present) // 2]

        def norm(value: Any) -> Any:
            return normalize(field, value)

        expected_fn: Callable[[Any], bool]
        if op == "equals":
            raw = query_text(field, pick)
            expected_fn = lambda v: v is not None and norm(v) == norm(pick)  # noqa: E731
            queries = [f"{name}={_q(raw)}", f"{name}[equals]={_q(raw)}"]
        elif op == "not":
            raw = query_text(field, pick)
            expected_fn = lambda v: v is not None and norm(v) != norm(pick)  # noqa: E731
            queries = [f"{name}[not]={_q(raw)}"]
        elif op in ("in", "notIn"):
            chosen = distinct[:2]
            wanted = [norm(v) for v in chosen]
            texts = [query_text(field, v) for v in chosen]
            if op == "in":
                expected_fn = lambda v: v is not None and norm(v) in wanted  # noqa: E731
            else:
                expected_fn = lambda v: v is not None and norm(v) not in wanted  # noqa: E731
            # Repeated parameters carry any value whole; the comma form only values without one.
            queries = ["&".join(f"{name}[{op}]={_q(t)}" for t in texts + texts[:1])]
            if not any("," in t for t in texts):
                queries.append(f"{name}[{op}]={_q(','.join(texts))}")
        elif op in ("lt", "lte", "gt", "gte"):
            pivot = ordered[len(ordered) // 2]
            raw = query_text(field, pivot)
            p = norm(pivot)
            compare: dict[str, Callable[[Any], bool]] = {
                "lt": lambda x: x < p,
                "lte": lambda x: x <= p,
                "gt": lambda x: x > p,
                "gte": lambda x: x >= p,
            }
            expected_fn = lambda v: v is not None and compare[op](norm(v))  # noqa: E731
            queries = [f"{name}[{op}]={_q(raw)}"]
        elif op in ("contains", "startsWith", "endsWith"):
            text = str(pick)
            part = {"contains": text[1:-1] or text, "startsWith": text[:3], "endsWith": text[-3:]}[
                op
            ]
            raw = part
            test: dict[str, Callable[[str], bool]] = {
                "contains": lambda s: part in s,
                "startsWith": lambda s: s.startswith(part),
                "endsWith": lambda s: s.endswith(part),
            }
            fold = self.provider == "sqlite"  # LIKE ignores ASCII case on SQLite
            expected_fn = lambda v: v is not None and test[op](  # noqa: E731
                str(v).lower() if fold else str(v)
            )
            if fold:
                part = part.lower()
            queries = [f"{name}[{op}]={_q(raw)}"]
        elif op == "isNull":
            for wanted_null in (True, False):
                flag = "true" if wanted_null else "false"
                self.compare_filter(
                    model,
                    f"{name}[isNull]={flag}",
                    [r for r in records if (r.get(name) is None) == wanted_null],
                    f"{model.names.model}.{name}[isNull]={flag}",
                )
            return
        else:
            return
        expected = [r for r in records if expected_fn(r.get(name))]
        for query in queries:
            self.compare_filter(model, query, expected, f"{model.names.model}.{name}[{op}]")

    def compare_filter(
        self, model: ModelPlan, query: str, expected: list[Record], label: str
    ) -> None:
        response, data = self.list_all(model, query)
        want = sorted(map(repr, self.id_list(model, expected)))
        got = sorted(map(repr, self.id_list(model, data)))
        total = (
            response.json.get("meta", {}).get("total") if isinstance(response.json, dict) else None
        )
        self.check(
            f"filter {label}",
            response.status == 200 and want == got and total == len(expected),
            f"GET {self.base(model)}?{query}: expected ids {want} (total {len(expected)}), "
            f"got {response.status} ids {got} (total {total})"
            + ("" if response.status == 200 else " " + _short(response.json, 400)),
        )

    # -- sort ------------------------------------------------------------------------------

    def sort_key(self, field: FieldPlan) -> Callable[[Any], Any] | None:
        """Python's idea of the database order of non-null values, or None if unsure."""
        if field.scalar is Scalar.STRING:
            return lambda v: v
        if field.scalar is Scalar.ENUM:
            names = [v.name for v in self.plan.schema.enum(field.enum_name or "").values]
            if self.provider in ENUMS_IN_DECLARATION_ORDER:
                return names.index
            return lambda v: v
        if field.scalar is Scalar.BOOLEAN:
            return lambda v: 1 if v else 0
        if field.scalar in ORDERED:
            return lambda v: normalize(field, v)
        return None

    def expected_order(
        self, records: list[Record], keys: Sequence[tuple[FieldPlan, bool]]
    ) -> list[tuple[Any, ...]]:
        """The sequence of sort-field values, nulls last in both directions."""
        rows = [tuple(r.get(f.name) for f, _ in keys) for r in records]
        for position in reversed(range(len(keys))):
            field, descending = keys[position]
            convert = self.sort_key(field)
            assert convert is not None
            present = [row for row in rows if row[position] is not None]
            absent = [row for row in rows if row[position] is None]
            present.sort(key=lambda row: convert(row[position]), reverse=descending)
            rows = present + absent
        return [tuple(self._comparable(f, v) for (f, _), v in zip(keys, row)) for row in rows]

    def _comparable(self, field: FieldPlan, value: Any) -> Any:
        return None if value is None else normalize(field, value)

    def sortable_checked(self, model: ModelPlan) -> list[FieldPlan]:
        records = self.records(model)
        chosen: list[FieldPlan] = []
        for field in model.sort_fields:
            if self.sort_key(field) is None:
                continue
            if field.scalar is Scalar.STRING and not all(
                SORT_SAFE_TEXT.match(str(r.get(field.name)))
                for r in records
                if r.get(field.name) is not None
            ):
                continue
            chosen.append(field)
        return chosen

    def check_sort(self, model: ModelPlan) -> None:
        records = self.records(model)
        fields = self.sortable_checked(model)
        cases: list[list[tuple[FieldPlan, bool]]] = []
        for field in fields:
            cases += [[(field, False)], [(field, True)]]
        if len(fields) >= 2:
            cases.append([(fields[-1], True), (fields[0], False)])
            cases.append([(fields[1], False), (fields[-1], True)])
        for keys in cases:
            sort = ",".join(("-" if desc else "") + f.name for f, desc in keys)
            response, data = self.list_all(model, f"sort={sort}")
            want = self.expected_order(records, keys)
            got = [tuple(self._comparable(f, r.get(f.name)) for f, _ in keys) for r in data]
            self.check(
                f"{model.names.model}: sort={sort}",
                response.status == 200 and got == want,
                f"GET {self.base(model)}?sort={sort}: expected values {_short([list(map(str, w)) for w in want], 400)}, "
                f"got {response.status} {_short([list(map(str, g)) for g in got], 400)}",
            )
        # Unsafe string fields: the request works and returns every record.
        for field in model.sort_fields:
            if field in fields:
                continue
            response, data = self.list_all(model, f"sort=-{field.name}")
            self.check(
                f"{model.names.model}: sort=-{field.name} answers every record",
                response.status == 200 and len(data) == len(records),
                describe("GET", f"{self.base(model)}?sort=-{field.name}", response),
            )

    # -- pagination ------------------------------------------------------------------------

    def check_pagination(self, model: ModelPlan) -> None:
        name = model.names.model
        records = self.records(model)
        response, full = self.list_all(model)
        keys = self.id_list(model, full)
        self.check(
            f"{name}: list without sort answers every record",
            response.status == 200
            and sorted(map(repr, keys)) == sorted(map(repr, self.id_list(model, records))),
            describe("GET", f"{self.base(model)}?take={model.max_page_size}", response),
        )
        if all(f.scalar in (Scalar.INT, Scalar.BIGINT) for f in model.id.fields) or all(
            SORT_SAFE_TEXT.match(str(v)) for k in keys for v in k
        ):
            in_key_order = sorted(
                keys, key=lambda k: tuple(normalize(f, v) for f, v in zip(model.id.fields, k))
            )
            self.check(
                f"{name}: default order is the primary key ascending",
                keys == in_key_order,
                f"GET {self.base(model)}: ids in order {keys}",
            )
        path = f"{self.base(model)}?take=2&skip=1"
        page = self.request("GET", path)
        data = page.json.get("data") if isinstance(page.json, dict) else None
        meta = page.json.get("meta") if isinstance(page.json, dict) else None
        self.check(
            f"{name}: take=2&skip=1 is the 2nd and 3rd record, meta right",
            page.status == 200
            and isinstance(data, list)
            and self.id_list(model, data) == keys[1:3]
            and isinstance(meta, dict)
            and meta.get("take") == 2
            and meta.get("skip") == 1
            and meta.get("total") == len(records),
            describe("GET", path, page) + f"; expected ids {keys[1:3]}, total {len(records)}",
        )
        default = self.request("GET", self.base(model))
        meta = default.json.get("meta") if isinstance(default.json, dict) else None
        self.check(
            f"{name}: meta has total, take (default {model.default_page_size}), skip 0, nextCursor",
            isinstance(meta, dict)
            and meta.get("take") == model.default_page_size
            and meta.get("skip") == 0
            and meta.get("total") == len(records)
            and "nextCursor" in meta,
            describe("GET", self.base(model), default),
        )
        for value in (0, model.max_page_size + 1, "x"):
            path = f"{self.base(model)}?take={value}"
            response = self.request("GET", path)
            self.check(
                f"{name}: take={value} is 400",
                response.status == 400,
                describe("GET", path, response),
            )
        # Cursor walks: default order, and a few sorts.
        sorts = [""]
        fields = self.sortable_checked(model)
        optional = [f for f in model.sort_fields if f.is_optional]
        if fields:
            sorts.append("-" + fields[-1].name)
        if optional:
            sorts.append(optional[0].name)
            sorts.append(f"-{optional[-1].name}")
        if len(fields) >= 2:
            sorts.append(f"-{fields[1].name},{fields[0].name}")
        for bool_field in [f for f in model.sort_fields if f.scalar is Scalar.BOOLEAN][:1]:
            sorts.append(bool_field.name)
        for sort in sorts:
            self.walk(model, sort, take=2)
        garbage = f"{self.base(model)}?cursor=garbage!!"
        response = self.request("GET", garbage)
        self.check(
            f"{name}: a garbage cursor is 400",
            response.status == 400,
            describe("GET", garbage, response),
        )

    def walk(self, model: ModelPlan, sort: str, take: int) -> None:
        suffix = f"&sort={sort}" if sort else ""
        _, full = self.list_all(model, suffix.lstrip("&"))
        want = self.id_list(model, full)
        got: list[Key] = []
        cursor: str | None = None
        pages = 0
        problem = ""
        while True:
            path = f"{self.base(model)}?take={take}{suffix}"
            if cursor:
                path += "&cursor=" + urllib.parse.quote(cursor, safe="")
            response = self.request("GET", path)
            if response.status != 200 or not isinstance(response.json, dict):
                problem = describe("GET", path, response)
                break
            got += self.id_list(model, response.json.get("data", []))
            cursor = response.json.get("meta", {}).get("nextCursor")
            pages += 1
            if not cursor:
                break
            if pages > len(want) + 3:
                problem = "more pages than records: the cursor does not advance"
                break
        self.check(
            f"{model.names.model}: cursor walk take={take} sort={sort or '(default)'} sees every record once",
            not problem and got == want and len(set(map(repr, got))) == len(got),
            problem or f"walked ids {got}, expected {want} (the order of one take=100 page)",
        )

    # -- include ---------------------------------------------------------------------------

    def linked_from_other_side(
        self, model: ModelPlan, relation: RelationPlan, record: Record
    ) -> set[Any]:
        """Keys of target records created with this record in their own `...Ids` list."""
        target = self.plan.model(relation.target)
        if relation.target_id is None or len(model.id.fields) != 1:
            return set()
        own_id = record.get(model.id.fields[0].name)
        backs = [
            r
            for r in target.relations
            if r.implicit_many_to_many and r.target == model.names.model and r.ids_field
        ]
        linked: set[Any] = set()
        for key, body in self.bodies[target.names.model].items():
            for back in backs:
                assert back.ids_field is not None
                if own_id in (body.get(back.ids_field) or []) and len(key) == 1:
                    linked.add(key[0])
        return linked

    def check_include(self, model: ModelPlan) -> None:
        name = model.names.model
        records = self.records(model)
        for relation in model.relations:
            response, data = self.list_all(model, f"include={relation.name}")
            problems: list[str] = []
            to_fields = self.relation_field(model, relation)
            for record in data:
                included = record.get(relation.name, "<missing>")
                if relation.is_list:
                    if not isinstance(included, list):
                        problems.append(
                            f"{self.key_of(model, record)}: {relation.name}={_short(included, 80)}"
                        )
                elif relation.foreign_keys:
                    fk = tuple(record.get(k) for k in relation.foreign_keys)
                    if all(v is None for v in fk):
                        if included is not None:
                            problems.append(
                                f"{self.key_of(model, record)}: expected null {relation.name}"
                            )
                    elif (
                        not isinstance(included, dict)
                        or tuple(included.get(t) for t in to_fields) != fk
                    ):
                        problems.append(
                            f"{self.key_of(model, record)}: {relation.name} should match {fk}, got {_short(included, 120)}"
                        )
                elif (
                    included != "<missing>"
                    and included is not None
                    and not isinstance(included, dict)
                ):
                    problems.append(
                        f"{self.key_of(model, record)}: {relation.name}={_short(included, 80)}"
                    )
                elif included == "<missing>":
                    problems.append(f"{self.key_of(model, record)}: no {relation.name} key")
            self.check(
                f"{name}: include={relation.name} on the list",
                response.status == 200 and len(data) == len(records) and not problems,
                f"GET {self.base(model)}?include={relation.name} -> {response.status}: "
                + ("; ".join(problems[:5]) or _short(response.json, 300)),
            )
            if relation.implicit_many_to_many and relation.ids_field and relation.target_id:
                problems = []
                bodies = self.bodies[name]
                exact = 0
                for record in data:
                    sent = bodies.get(self.key_of(model, record), {}).get(relation.ids_field)
                    if sent is None:
                        continue
                    got_ids = sorted(
                        x.get(relation.target_id.name) for x in record.get(relation.name) or []
                    )
                    # The other side's PATCH of its own `...Ids` may since have replaced some
                    # links, and its creates added some: what is linked must come from what
                    # either side sent, and untouched records must hold exactly that.
                    allowed = set(sent) | self.linked_from_other_side(model, relation, record)
                    if got_ids == sorted(sent) or set(got_ids) == allowed:
                        exact += 1
                    elif not set(got_ids) <= allowed:
                        problems.append(
                            f"{self.key_of(model, record)}: sent {sent}, included {got_ids}"
                        )
                if not exact and any(
                    bodies.get(self.key_of(model, r), {}).get(relation.ids_field) for r in data
                ):
                    problems.append("no record holds exactly the ids it was created with")
                self.check(
                    f"{name}: {relation.ids_field} on create sets {relation.name}",
                    not problems,
                    "; ".join(problems[:5]),
                )
            if records:
                key = self.key_of(model, records[-1])
                path = self.path_of(model, key) + f"?include={relation.name}"
                one = self.request("GET", path)
                self.check(
                    f"{name}: GET one with include={relation.name}",
                    one.status == 200 and isinstance(one.json, dict) and relation.name in one.json,
                    describe("GET", path, one),
                )
        if records and model.relations:
            path = self.path_of(model, self.key_of(model, records[0]))
            plain = self.request("GET", path)
            leaked = [
                r.name
                for r in model.relations
                if isinstance(plain.json, dict) and r.name in plain.json
            ]
            self.check(
                f"{name}: no relation without include", not leaked, f"GET {path} returned {leaked}"
            )
        if len(model.relations) >= 2:
            both = ",".join(r.name for r in model.relations[:2])
            response, data = self.list_all(model, f"include={both}")
            self.check(
                f"{name}: include={both}",
                response.status == 200
                and all(all(r.name in d for r in model.relations[:2]) for d in data),
                describe("GET", f"{self.base(model)}?include={both}", response),
            )

    # -- count -----------------------------------------------------------------------------

    def check_count(self, model: ModelPlan) -> None:
        name = model.names.model
        records = self.records(model)
        path = f"{self.base(model)}/count"
        response = self.request("GET", path)
        self.check(
            f"{name}: count of everything",
            response.status == 200 and response.json == {"count": len(records)},
            describe("GET", path, response) + f"; expected {{'count': {len(records)}}}",
        )
        for field in model.filter_fields:
            present = [r.get(field.name) for r in records if r.get(field.name) is not None]
            if not present or "equals" not in field.filter_ops:
                continue
            pick = present[0]
            expected = sum(
                1
                for r in records
                if r.get(field.name) is not None
                and normalize(field, r.get(field.name)) == normalize(field, pick)
            )
            path = f"{self.base(model)}/count?{field.name}={_q(query_text(field, pick))}"
            response = self.request("GET", path)
            self.check(
                f"{name}: count with a filter on {field.name}",
                response.status == 200 and response.json == {"count": expected},
                describe("GET", path, response) + f"; expected {{'count': {expected}}}",
            )
            break
        path = f"{self.base(model)}/count?zzNope=1"
        response = self.request("GET", path)
        self.check(
            f"{name}: count with an unknown filter is 400",
            response.status == 400,
            describe("GET", path, response),
        )

    # -- patch -----------------------------------------------------------------------------

    def check_patch(self, model: ModelPlan) -> None:
        name = model.names.model
        if not model.serves("update"):
            return  # append-only: no PATCH route (the OpenAPI document has none either)
        records = self.records(model)
        if not records:
            return
        key = self.key_of(model, records[-1])
        path = self.path_of(model, key)
        candidates = [
            f
            for f in model.update_fields
            if not f.is_foreign_key and f.readable and f.scalar not in (Scalar.JSON, Scalar.BYTES)
        ]
        optional = [
            f for f in model.update_fields if f.is_optional and not f.is_foreign_key and f.readable
        ]
        body: Record = {}
        if candidates:
            field = candidates[0]
            body[field.name] = self.value(field, next(self.counter) + 500)
        if optional:
            body[optional[-1].name] = None
        if body:
            before = self.store[name][key]
            response = self.request("PATCH", path, body)
            ok = response.status == 200 and isinstance(response.json, dict)
            problems: list[str] = []
            if ok and isinstance(response.json, dict):
                for field_name, sent in body.items():
                    field = model.field(field_name)
                    if normalize(field, response.json.get(field_name)) != normalize(field, sent):
                        problems.append(
                            f"{field_name}: sent {sent!r}, got {response.json.get(field_name)!r}"
                        )
                untouched = [
                    f.name
                    for f in model.readable_fields
                    if f.name not in body
                    and not f.is_updated_at
                    and response.json.get(f.name) != before.get(f.name)
                ]
                if untouched:
                    problems.append(f"fields not sent changed: {untouched}")
                self.store[name][key] = response.json
                self.follow_cascades(model, before, response.json)
            self.check(
                f"{name}: PATCH is partial and accepts null for an optional field",
                ok and not problems,
                describe("PATCH", path, response, body)
                + ("; " + "; ".join(problems) if problems else ""),
            )
            fetched = self.request("GET", path)
            self.check(
                f"{name}: GET after PATCH shows the change",
                fetched.status == 200 and fetched.json == self.store[name][key],
                describe("GET", path, fetched),
            )
        required = [f for f in model.update_fields if not f.is_optional and not f.is_list]
        if required:
            bad = {required[0].name: None}
            response = self.request("PATCH", path, bad)
            self.check(
                f"{name}: PATCH null on required {required[0].name} is 400",
                response.status == 400,
                describe("PATCH", path, response, bad),
            )
        response = self.request("PATCH", path, {"zzUnknown": 1})
        self.check(
            f"{name}: PATCH with an unknown key is 400 naming it",
            response.status == 400 and "zzUnknown" in json.dumps(response.json),
            describe("PATCH", path, response, {"zzUnknown": 1}),
        )
        missing = self.missing_key(model)
        if missing is not None and candidates:
            field = candidates[0]
            missing_path = self.path_of(model, missing)
            patch = {field.name: self.value(field, next(self.counter))}
            response = self.request("PATCH", missing_path, patch)
            self.check(
                f"{name}: PATCH a missing record is 404",
                response.status == 404 and _code(response) == "NOT_FOUND",
                describe("PATCH", missing_path, response, patch),
            )
        for relation in model.many_to_many:
            if relation.ids_field is None or relation.target_id is None:
                continue
            targets = self.records(self.plan.model(relation.target))
            if not targets:
                continue
            ids = [targets[-1][relation.target_id.name]]
            response = self.request("PATCH", path, {relation.ids_field: ids})
            included = self.request("GET", path + f"?include={relation.name}")
            got = (
                sorted(
                    x.get(relation.target_id.name) for x in included.json.get(relation.name) or []
                )
                if isinstance(included.json, dict)
                else None
            )
            self.check(
                f"{name}: PATCH {relation.ids_field} replaces the set",
                response.status == 200 and got == ids,
                describe("PATCH", path, response, {relation.ids_field: ids})
                + f"; then {relation.name} = {got}",
            )
            self.bodies[name].setdefault(key, {})[relation.ids_field] = ids

    # -- delete ----------------------------------------------------------------------------

    def check_delete(self, model: ModelPlan) -> None:
        name = model.names.model
        if not model.serves("delete"):
            return
        record = self.create(model, full=False)
        if record is None:
            return
        key = self.key_of(model, record)
        path = self.path_of(model, key)
        response = self.request("DELETE", path)
        ok = self.check(
            f"{name}: DELETE is 204 with no body",
            response.status == 204 and response.body == b"",
            describe("DELETE", path, response),
        )
        if ok:
            self.forget(model, key)
        again = self.request("GET", path)
        self.check(
            f"{name}: GET after DELETE is 404", again.status == 404, describe("GET", path, again)
        )
        again = self.request("DELETE", path)
        self.check(
            f"{name}: DELETE again is 404", again.status == 404, describe("DELETE", path, again)
        )

    # -- 400s ------------------------------------------------------------------------------

    def check_bad_requests(self, model: ModelPlan) -> None:
        name = model.names.model
        base = self.base(model)

        def post_400(label: str, body: Record, must_name: str | None) -> None:
            response = self.request("POST", base, body)
            created = response.status == 201 and isinstance(response.json, dict)
            if created and isinstance(response.json, dict):
                self.remember(model, response.json, body)
            self.check(
                f"{name}: {label} is 400" + (f" naming {must_name}" if must_name else ""),
                response.status == 400
                and _code(response) in ("VALIDATION_FAILED", "BAD_REQUEST")
                and (must_name is None or must_name in json.dumps(response.json)),
                describe("POST", base, response, body),
            )

        body = self.body_for(model, 0, full=False)
        post_400("unknown body key", {**body, "zzUnknown": 1}, "zzUnknown")
        for field in model.fields:
            if field.create is Presence.FORBIDDEN and field.readable:
                sample = self.value(field, next(self.counter))
                post_400(
                    f"read-only {field.name} in a create body",
                    {**self.body_for(model, 0, False), field.name: sample},
                    field.name,
                )
        typed = [f for f in model.fields if f.create is Presence.REQUIRED and not f.is_foreign_key]
        typed += [f for f in model.fields if f.create is Presence.OPTIONAL and not f.is_foreign_key]
        typed = [f for f in typed if f.scalar is not Scalar.JSON]
        if typed:
            field = typed[0]
            wrong = self.wrong_value(field)
            post_400(
                f"wrong type for {field.name}",
                {**self.body_for(model, 0, False), field.name: wrong},
                field.name,
            )
        required = [f for f in model.fields if f.create is Presence.REQUIRED]
        if required:
            body = self.body_for(model, 0, full=False)
            body.pop(required[0].name)
            post_400(f"missing required {required[0].name}", body, required[0].name)
        response = self.request(
            "POST", base, raw_body=b'{"a": ', headers={"content-type": "application/json"}
        )
        self.check(
            f"{name}: malformed JSON is 400 BAD_REQUEST",
            response.status == 400 and _code(response) == "BAD_REQUEST",
            describe("POST", base, response, '{"a": '),
        )

        def get_400(label: str, query: str, must_name: str | None) -> None:
            path = f"{base}?{query}"
            response = self.request("GET", path)
            self.check(
                f"{name}: {label} is 400" + (f" naming {must_name}" if must_name else ""),
                response.status == 400
                and (must_name is None or must_name in json.dumps(response.json)),
                describe("GET", path, response),
            )

        get_400("unknown filter field", "zzNope=1", "zzNope")
        for field in model.filter_fields[:1]:
            get_400(f"unknown operator on {field.name}", f"{field.name}[zzop]=1", "zzop")
        for field in model.filter_fields:
            if (
                field.scalar in (Scalar.STRING, Scalar.BOOLEAN, Scalar.ENUM)
                and "gt" not in field.filter_ops
            ):
                get_400(f"gt on {field.scalar.value} {field.name}", f"{field.name}[gt]=a", "gt")
                break
        for field in model.filter_fields:
            if field.scalar in (
                Scalar.INT,
                Scalar.BIGINT,
                Scalar.FLOAT,
                Scalar.DECIMAL,
                Scalar.DATETIME,
                Scalar.BOOLEAN,
            ):
                get_400(
                    f"invalid {field.scalar.value} filter value for {field.name}",
                    f"{field.name}[equals]=abc",
                    field.name,
                )
                break
        for field in model.filter_fields:
            if field.scalar is Scalar.ENUM:
                get_400(f"unknown enum value for {field.name}", f"{field.name}=ZZ_NOPE", field.name)
                break
        for field in model.filter_fields:
            if not field.is_optional:
                get_400(f"isNull on required {field.name}", f"{field.name}[isNull]=true", None)
                break
        get_400("unknown sort field", "sort=zzNope", "zzNope")
        for relation in model.relations[:1]:
            get_400(f"sort on relation {relation.name}", f"sort={relation.name}", None)
        # without relations there is no include parameter at all: the 400 names `include`
        get_400("unknown include", "include=zzNope", "zzNope" if model.relations else "include")
        get_400("unknown filter field with an operator", "zzNope[equals]=1", "zzNope")
        bad_ids = []
        for index, field in enumerate(model.id.fields):
            if field.scalar in (Scalar.INT, Scalar.BIGINT):
                parts = ["1"] * len(model.id.fields)
                parts[index] = "abc"
                bad_ids.append(("/".join(parts), field.name))
                if field.scalar is Scalar.INT:
                    parts[index] = "1.5"
                    bad_ids.append(("/".join(parts), field.name))
        for segment, field_name in bad_ids:
            path = f"{base}/{segment}"
            routes = (("GET", "read"), ("PATCH", "update"), ("DELETE", "delete"))
            for method in (m for m, action in routes if model.serves(action)):
                response = self.request(method, path, {} if method == "PATCH" else None)
                self.check(
                    f"{name}: {method} with invalid id {segment} is 400",
                    response.status == 400,
                    describe(method, path, response),
                )

    # -- 409s ------------------------------------------------------------------------------

    def unique_sets(self, model: ModelPlan) -> list[tuple[str, ...]]:
        sets: list[tuple[str, ...]] = []
        for field in model.fields:
            if field.is_unique and field.create is not Presence.FORBIDDEN:
                sets.append((field.name,))
        if all(f.create is not Presence.FORBIDDEN for f in model.id.fields):
            sets.append(tuple(f.name for f in model.id.fields))
        for fields in model.unique_field_sets:
            if all(model.field(f).create is not Presence.FORBIDDEN for f in fields):
                sets.append(tuple(fields))
        return sets

    def check_conflicts(self, model: ModelPlan) -> None:
        name = model.names.model
        base = self.base(model)
        bodies = list(self.bodies[name].values())
        for fields in self.unique_sets(model):
            # NULLs never conflict: copy a body that gave every field of the set a value.
            source = next((b for b in bodies if all(b.get(f) is not None for f in fields)), None)
            if source is None:
                continue
            body = self.body_for(model, 0, full=False)
            for f in fields:
                body[f] = source[f]
            response = self.request("POST", base, body)
            if response.status == 201 and isinstance(response.json, dict):
                self.remember(model, response.json, body)
            self.check(
                f"{name}: duplicate unique ({', '.join(fields)}) is 409 CONFLICT",
                response.status == 409 and _code(response) == "CONFLICT",
                describe("POST", base, response, body),
            )
            if response.status == 409 and len(fields) == 1:
                self.check(
                    f"{name}: the 409 names {fields[0]}",
                    fields[0] in json.dumps(response.json),
                    describe("POST", base, response, body),
                )
        for relation in model.relations:
            if not relation.foreign_keys:
                continue
            if any(model.field(k).create is Presence.FORBIDDEN for k in relation.foreign_keys):
                continue
            body = self.body_for(model, 0, full=False)
            nowhere = [_missing_value(model.field(key)) for key in relation.foreign_keys]
            if any(value is None for value in nowhere):
                continue  # a Boolean or enum key has no value sure to be unused
            body.update(zip(relation.foreign_keys, nowhere))
            response = self.request("POST", base, body)
            if response.status == 201 and isinstance(response.json, dict):
                self.remember(model, response.json, body)
            self.check(
                f"{name}: {'/'.join(relation.foreign_keys)} pointing nowhere is 409 CONFLICT",
                response.status == 409 and _code(response) == "CONFLICT",
                describe("POST", base, response, body),
            )

    # -- whole app -------------------------------------------------------------------------

    def check_too_large(self, model: ModelPlan) -> None:
        base = self.base(model)
        body = {"zzPadding": "x" * (2 * 1024 * 1024)}
        response = self.request("POST", base, body)
        self.check(
            "a 2 MB body is 413 PAYLOAD_TOO_LARGE",
            response.status == 413 and _code(response) == "PAYLOAD_TOO_LARGE",
            f"POST {base} (2 MB) -> {response.status} {_short(response.json, 300)}",
        )

    def check_error_bodies(self, _: ModelPlan) -> None:
        bad: list[str] = []
        for request, response in self.errors_seen:
            payload = response.json
            error = payload.get("error") if isinstance(payload, dict) else None
            text = response.body.decode(errors="replace")
            if (
                not isinstance(error, dict)
                or not isinstance(error.get("code"), str)
                or not isinstance(error.get("message"), str)
                or not isinstance(error.get("requestId"), str)
                or not set(error) <= {"code", "message", "details", "requestId"}
            ):
                bad.append(f"{request} -> {response.status} {_short(text, 200)}")
            elif "stack" in text.lower() or STACK_LINE.search(text):
                bad.append(f"{request} -> {response.status} has a stack trace: {_short(text, 300)}")
            elif error.get("requestId") != response.header("x-request-id"):
                bad.append(
                    f"{request}: requestId {error.get('requestId')} != x-request-id {response.header('x-request-id')}"
                )
            if response.status >= 500:
                bad.append(f"{request} -> {response.status} {_short(text, 300)}")
        self.check(
            f"every error body ({len(self.errors_seen)}) is {{error: {{code, message, requestId}}}}, no stack, no 500",
            not bad,
            "\n".join(bad[:15]),
        )


def _q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def _code(response: Response) -> object:
    payload = response.json
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        return payload["error"].get("code")
    return None


def _is_iso(text: str) -> bool:
    try:
        parse_datetime(text)
    except ValueError:
        return False
    return "T" in text


def run_checks(plan: ProjectPlan, server: Server) -> list[Check]:
    """Every conformance check of API.md for the app of `plan`, served by `server`."""
    return Checker(plan, server).run()


def report(checks: Sequence[Check]) -> str:
    failed = [c for c in checks if not c.passed]
    lines = [f"{len(checks) - len(failed)}/{len(checks)} checks passed"]
    lines += [f"FAIL {c.name}\n     {c.detail}" for c in failed]
    return "\n".join(lines)
