"""The HTTP contract (design/API.md) on the generated golden/demo app, one behaviour per test.

One module-scoped fixture generates golden/demo into a temporary folder, installs it, runs
`prisma generate`, creates its SQLite database, starts the server and seeds two people and 25
notes. Tests that write create their own records, so the seeded data stays as described in
`Demo` whatever order the tests run in; the clean SIGTERM exit is checked last.

SSOT_E2E_DEMO_APP=<folder> runs the same tests on an already built app with the same layout
(copied first), instead of generating one.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from emitters.pipeline import GenerateOptions, generate_project
from emitters.write import write_files
from tools.e2e.harness import (
    REPO_ROOT,
    Response,
    Server,
    create_database,
    install_node_modules,
    prisma_generate,
)

pytestmark = pytest.mark.e2e

DEMO_SCHEMA = REPO_ROOT / "golden" / "demo" / "schema.prisma"
DATABASE_URL = "file:./dev.db"
NOTES = 25
API_TOKEN = "demo-contract-api-token-0123456789abcdefgh"


@dataclass
class Demo:
    """The running app and its seed: ada (13 notes, even i) and bob (12 notes, odd i).

    Note i (0..24, id i+1): title "note ii", rating i%5 when i%3==0, pinned when i%4==0,
    body "body i" when i%5==0.
    """

    server: Server
    ada: int
    bob: int
    first_note: dict[str, Any]

    def get(self, path: str) -> Response:
        return self.server.request("GET", path)

    def post(self, path: str, body: object) -> Response:
        return self.server.request("POST", path, body)

    def patch(self, path: str, body: object) -> Response:
        return self.server.request("PATCH", path, body)

    def delete(self, path: str) -> Response:
        return self.server.request("DELETE", path)


def _json(response: Response) -> Any:
    return response.json


def _build(tmp: Path) -> Path:
    prebuilt = os.environ.get("SSOT_E2E_DEMO_APP")
    app = tmp / "demo"
    if prebuilt:
        shutil.copytree(prebuilt, app, symlinks=True, ignore=shutil.ignore_patterns("*.db"))
    else:
        result = generate_project(DEMO_SCHEMA, GenerateOptions(database="sqlite"))
        write_files(app, result.files)
    install_node_modules(app)
    prisma_generate(app)
    create_database(app, DATABASE_URL)
    return app


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    app = _build(tmp_path_factory.mktemp("demo-contract"))
    # The demo has no user model: its API asks for the API token (tested on its own below).
    server = Server(
        app,
        {"DATABASE_URL": DATABASE_URL, "RATE_LIMIT_MAX": "100000", "API_TOKEN": API_TOKEN},
        headers={"authorization": f"Bearer {API_TOKEN}"},
    )
    with server:
        ada = server.request("POST", "/api/people", {"email": "ada@example.com"})
        assert ada.status == 201, f"seeding ada: {ada.status} {ada.json}"
        bob = server.request(
            "POST",
            "/api/people",
            {"email": "bob@example.com", "name": "Bob", "createdAt": "2020-01-02T03:04:05.000Z"},
        )
        assert bob.status == 201, f"seeding bob: {bob.status} {bob.json}"
        ada_id, bob_id = _json(ada)["id"], _json(bob)["id"]
        for i in range(NOTES):
            body: dict[str, Any] = {
                "title": f"note {i:02d}",
                "authorId": ada_id if i % 2 == 0 else bob_id,
            }
            if i % 3 == 0:
                body["rating"] = float(i % 5)
            if i % 4 == 0:
                body["pinned"] = True
            if i % 5 == 0:
                body["body"] = f"body {i}"
            created = server.request("POST", "/api/notes", body)
            assert created.status == 201, f"seeding note {i}: {created.status} {created.json}"
        first = server.request("GET", "/api/notes/1")
        yield Demo(server=server, ada=ada_id, bob=bob_id, first_note=_json(first))
    assert server.exit_code == 0, f"server exited with {server.exit_code} after SIGTERM"


def _ids(response: Response) -> list[int]:
    return [n["id"] for n in _json(response)["data"]]


def _total(response: Response) -> int:
    assert response.status == 200, f"{response.status} {response.json}"
    total: int = _json(response)["meta"]["total"]
    return total


def _error_code(response: Response) -> Any:
    body = response.json
    return body["error"]["code"] if isinstance(body, dict) and "error" in body else None


# -- health, headers ---------------------------------------------------------------------------


def test_health(demo: Demo) -> None:
    assert demo.get("/health").status == 200


def test_ready(demo: Demo) -> None:
    r = demo.get("/ready")
    assert r.status == 200, f"/ready: {r.status} {r.json}"


def test_helmet_headers(demo: Demo) -> None:
    r = demo.get("/ready")
    assert r.header("x-content-type-options") == "nosniff", r.headers
    assert r.header("content-security-policy") is not None, r.headers


def test_request_id_generated(demo: Demo) -> None:
    assert demo.get("/health").header("x-request-id"), "no x-request-id on a response"


def test_request_id_echoed(demo: Demo) -> None:
    r = demo.server.request("GET", "/health", headers={"x-request-id": "abc-123"})
    assert r.header("x-request-id") == "abc-123", r.headers


def test_cors_header(demo: Demo) -> None:
    r = demo.server.request("GET", "/health", headers={"origin": "http://x.example"})
    assert r.header("access-control-allow-origin") == "*", r.headers


# -- create ------------------------------------------------------------------------------------


def test_create_only_required_is_201_with_location_and_defaults(demo: Demo) -> None:
    r = demo.post("/api/people", {"email": "carol@example.com"})
    assert r.status == 201, f"{r.status} {r.json}"
    person = _json(r)
    assert r.header("location") == f"/api/people/{person['id']}", r.headers
    assert person["name"] is None, person
    assert isinstance(person["createdAt"], str) and person["createdAt"].endswith("Z"), person
    demo.delete(f"/api/people/{person['id']}")


def test_create_with_writable_created_at(demo: Demo) -> None:
    r = demo.get(f"/api/people/{demo.bob}")
    assert _json(r)["createdAt"] == "2020-01-02T03:04:05.000Z", r.json


def test_note_defaults(demo: Demo) -> None:
    r = demo.post("/api/notes", {"title": "defaults", "authorId": demo.ada})
    note = _json(r)
    assert r.status == 201, f"{r.status} {note}"
    demo.delete(f"/api/notes/{note['id']}")
    assert note["pinned"] is False and note["body"] is None and note["rating"] is None, note
    assert note["updatedAt"], note


def test_seeded_note_keeps_sent_values(demo: Demo) -> None:
    note = demo.first_note
    assert note["pinned"] is True and note["body"] == "body 0" and note["rating"] == 0, note


# -- list and filters --------------------------------------------------------------------------


def test_list_default_page(demo: Demo) -> None:
    r = demo.get("/api/notes")
    meta = _json(r)["meta"]
    assert len(_json(r)["data"]) == 20, meta
    assert meta["total"] == NOTES and meta["take"] == 20 and meta["skip"] == 0, meta
    assert meta["nextCursor"], meta


def test_list_default_order_is_id_ascending(demo: Demo) -> None:
    ids = _ids(demo.get("/api/notes"))
    assert ids == sorted(ids), ids


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("pinned=true", 7),
        ("pinned[not]=true", 18),
        ("title[contains]=1", 12),
        ("title[startsWith]=note%202", 5),
        ("title[endsWith]=0", 3),
        ("title=note%2003", 1),
        ("title[not]=note%2003", 24),
        ("title[in]=note%2001,note%2002", 2),
        ("rating[isNull]=true", 16),
        ("rating[isNull]=false", 9),
        ("createdAt[gte]=2000-01-01T00:00:00Z", 25),
        ("createdAt[lt]=2000-01-01", 0),
    ],
)
def test_note_filter_total(demo: Demo, query: str, total: int) -> None:
    r = demo.get(f"/api/notes?{query}")
    assert _total(r) == total, f"GET /api/notes?{query}: expected total {total}, got {r.json}"


def test_filter_int_equality_shorthand(demo: Demo) -> None:
    assert _total(demo.get(f"/api/notes?authorId={demo.ada}")) == 13


def test_filter_bool_shorthand_returns_only_pinned(demo: Demo) -> None:
    assert all(n["pinned"] for n in _json(demo.get("/api/notes?pinned=true"))["data"])


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("id[gte]=10&id[lt]=15", [10, 11, 12, 13, 14]),
        ("id[in]=3,5,7", [3, 5, 7]),
        ("id[in]=3&id[in]=5", [3, 5]),
        ("id[notIn]=1,2&id[lte]=4", [3, 4]),
        ("id[gt]=23", [24, 25]),
    ],
)
def test_note_filter_ids(demo: Demo, query: str, ids: list[int]) -> None:
    r = demo.get(f"/api/notes?{query}")
    assert r.status == 200 and _ids(r) == ids, f"GET /api/notes?{query}: {r.status} {r.json}"


def test_filter_float_gte(demo: Demo) -> None:
    r = demo.get("/api/notes?rating[gte]=2.5")
    assert _total(r) == 4 and all(n["rating"] >= 2.5 for n in _json(r)["data"]), r.json


def test_person_filters(demo: Demo) -> None:
    assert _total(demo.get("/api/people?createdAt[lt]=2021-01-01T00:00:00.000Z")) == 1
    assert _total(demo.get("/api/people?name[isNull]=true")) == 1


# -- count -------------------------------------------------------------------------------------


def test_count_with_filter(demo: Demo) -> None:
    r = demo.get("/api/notes/count?pinned=true")
    assert r.status == 200 and r.json == {"count": 7}, r.json


def test_count_all(demo: Demo) -> None:
    assert demo.get("/api/notes/count").json == {"count": NOTES}


def test_count_rejects_take(demo: Demo) -> None:
    assert demo.get("/api/notes/count?take=5").status == 400


# -- sort --------------------------------------------------------------------------------------


def test_sort_desc(demo: Demo) -> None:
    assert _ids(demo.get("/api/notes?sort=-id&take=3")) == [25, 24, 23]


def test_sort_asc_string(demo: Demo) -> None:
    titles = [n["title"] for n in _json(demo.get("/api/notes?sort=title&take=3"))["data"]]
    assert titles == ["note 00", "note 01", "note 02"], titles


def test_sort_multi(demo: Demo) -> None:
    ids = _ids(demo.get("/api/notes?sort=-pinned,-id&take=8"))
    assert ids == [25, 21, 17, 13, 9, 5, 1, 24], ids


def test_sort_nullable_puts_nulls_last(demo: Demo) -> None:
    ratings = [n["rating"] for n in _json(demo.get("/api/notes?sort=rating,id&take=30"))["data"]]
    assert ratings[:9] == sorted(ratings[:9]) and all(x is None for x in ratings[9:]), ratings


# -- pagination --------------------------------------------------------------------------------


def test_take_skip(demo: Demo) -> None:
    r = demo.get("/api/notes?take=5&skip=5")
    assert _ids(r) == [6, 7, 8, 9, 10] and _json(r)["meta"]["skip"] == 5, r.json


@pytest.mark.parametrize("query", ["take=101", "take=0", "skip=-1"])
def test_bad_paging_is_400(demo: Demo, query: str) -> None:
    r = demo.get(f"/api/notes?{query}")
    assert r.status == 400, f"GET /api/notes?{query}: {r.status} {r.json}"


def _walk(demo: Demo, sort: str, take: int) -> list[int]:
    ids: list[int] = []
    cursor: str | None = None
    for _ in range(50):
        path = f"/api/notes?take={take}" + (f"&sort={sort}" if sort else "")
        path += f"&cursor={cursor}" if cursor else ""
        r = demo.get(path)
        assert r.status == 200, f"GET {path}: {r.status} {r.json}"
        ids += _ids(r)
        cursor = _json(r)["meta"]["nextCursor"]
        if not cursor:
            return ids
    raise AssertionError(f"cursor walk sort={sort} take={take}: more than 50 pages")


@pytest.mark.parametrize(
    ("sort", "take"),
    [("", 7), ("-id", 4), ("-pinned,title", 6), ("rating", 4), ("-rating,-id", 3)]
    + [("-createdAt", 5), ("body", 2)],
)
def test_cursor_walk(demo: Demo, sort: str, take: int) -> None:
    ids = _walk(demo, sort, take)
    full = _ids(demo.get("/api/notes?take=100" + (f"&sort={sort}" if sort else "")))
    assert ids == full and len(set(ids)) == NOTES, f"walked {ids}, one page gives {full}"


def test_cursor_of_another_sort_is_400(demo: Demo) -> None:
    cursor = _json(demo.get("/api/notes?take=2"))["meta"]["nextCursor"]
    r = demo.get(f"/api/notes?take=2&sort=-id&cursor={cursor}")
    assert r.status == 400, r.json


def test_garbage_cursor_is_400(demo: Demo) -> None:
    assert demo.get("/api/notes?cursor=garbage!!").status == 400


def test_last_page_next_cursor_is_null(demo: Demo) -> None:
    assert _json(demo.get("/api/notes?take=100"))["meta"]["nextCursor"] is None


# -- include -----------------------------------------------------------------------------------


def test_list_include_author(demo: Demo) -> None:
    r = demo.get("/api/notes?include=author&take=1")
    assert _json(r)["data"][0]["author"]["email"] == "ada@example.com", r.json


def test_get_include_notes(demo: Demo) -> None:
    r = demo.get(f"/api/people/{demo.ada}?include=notes")
    assert r.status == 200 and len(_json(r)["notes"]) == 13, r.json


def test_get_without_include_has_no_relation(demo: Demo) -> None:
    r = demo.get(f"/api/people/{demo.ada}")
    assert r.status == 200 and "notes" not in _json(r), r.json


# -- patch -------------------------------------------------------------------------------------


@pytest.fixture
def note(demo: Demo) -> Iterator[dict[str, Any]]:
    body = {"title": "scratch", "body": "text", "pinned": True, "authorId": demo.ada}
    r = demo.post("/api/notes", body)
    assert r.status == 201, f"{r.status} {r.json}"
    yield _json(r)
    demo.delete(f"/api/notes/{_json(r)['id']}")


def test_patch_partial_with_null_optional(demo: Demo, note: dict[str, Any]) -> None:
    r = demo.patch(f"/api/notes/{note['id']}", {"title": "changed", "body": None})
    got = _json(r)
    assert r.status == 200, f"{r.status} {got}"
    assert got["title"] == "changed" and got["body"] is None and got["pinned"] is True, got
    assert got["updatedAt"] >= note["updatedAt"], (got, note)


def test_patch_null_on_required_is_400(demo: Demo, note: dict[str, Any]) -> None:
    assert demo.patch(f"/api/notes/{note['id']}", {"title": None}).status == 400


def test_patch_missing_is_404(demo: Demo) -> None:
    r = demo.patch("/api/notes/999", {"title": "x"})
    assert r.status == 404 and _error_code(r) == "NOT_FOUND", r.json


# -- 400s --------------------------------------------------------------------------------------


def test_unknown_body_key_is_400_naming_it(demo: Demo) -> None:
    r = demo.post("/api/people", {"email": "z@example.com", "nope": 1})
    assert r.status == 400 and _error_code(r) == "VALIDATION_FAILED", r.json
    assert "nope" in json.dumps(r.json), r.json


def test_read_only_id_is_400(demo: Demo) -> None:
    r = demo.post("/api/people", {"email": "z@example.com", "id": 5})
    assert r.status == 400 and "id is read-only" in json.dumps(r.json), r.json


def test_read_only_updated_at_is_400(demo: Demo) -> None:
    body = {"title": "t", "authorId": demo.ada, "updatedAt": "2020-01-01T00:00:00Z"}
    r = demo.post("/api/notes", body)
    assert r.status == 400 and "updatedAt" in json.dumps(r.json), r.json


def test_missing_required_is_400(demo: Demo) -> None:
    r = demo.post("/api/notes", {"authorId": demo.ada})
    assert r.status == 400 and "title" in json.dumps(r.json), r.json


def test_wrong_type_is_400(demo: Demo) -> None:
    assert demo.post("/api/notes", {"title": "t", "authorId": "1"}).status == 400


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("nope=1", "nope"),
        ("pinned[gt]=true", "gt"),
        ("title[gte]=a", None),
        ("id[gte]=abc", "integer"),
        ("title[isNull]=true", None),
        ("sort=nope", "nope"),
        ("sort=author", None),
        ("include=nope", "nope"),
    ],
)
def test_bad_query_is_400(demo: Demo, query: str, named: str | None) -> None:
    r = demo.get(f"/api/notes?{query}")
    assert r.status == 400, f"GET /api/notes?{query}: {r.status} {r.json}"
    if named:
        assert named in json.dumps(r.json), f"GET /api/notes?{query}: {r.json} should name {named}"


@pytest.mark.parametrize("segment", ["abc", "1.5"])
def test_invalid_id_is_400(demo: Demo, segment: str) -> None:
    assert demo.get(f"/api/notes/{segment}").status == 400


def test_malformed_json_is_400_bad_request(demo: Demo) -> None:
    r = demo.server.request(
        "POST", "/api/notes", raw_body=b'{"title": ', headers={"content-type": "application/json"}
    )
    assert r.status == 400 and _error_code(r) == "BAD_REQUEST", r.json


# -- 404, 409, 413 -----------------------------------------------------------------------------


def test_get_missing_is_404(demo: Demo) -> None:
    r = demo.get("/api/notes/999")
    assert r.status == 404 and _error_code(r) == "NOT_FOUND", r.json


def test_unknown_route_is_404(demo: Demo) -> None:
    r = demo.get("/api/nothing")
    assert r.status == 404 and _error_code(r) == "NOT_FOUND", r.json


def test_duplicate_unique_is_409_naming_field(demo: Demo) -> None:
    r = demo.post("/api/people", {"email": "ada@example.com"})
    assert r.status == 409 and _error_code(r) == "CONFLICT", r.json
    assert "email" in _json(r)["error"]["message"], r.json


def test_foreign_key_to_nothing_is_409(demo: Demo) -> None:
    r = demo.post("/api/notes", {"title": "t", "authorId": 999})
    assert r.status == 409 and _error_code(r) == "CONFLICT", r.json


def test_patch_duplicate_unique_is_409(demo: Demo) -> None:
    r = demo.patch(f"/api/people/{demo.bob}", {"email": "ada@example.com"})
    assert r.status == 409, r.json


def test_2mb_body_is_413(demo: Demo) -> None:
    r = demo.post(
        "/api/notes", {"title": "t", "body": "x" * (2 * 1024 * 1024), "authorId": demo.ada}
    )
    assert r.status == 413 and _error_code(r) == "PAYLOAD_TOO_LARGE", (r.status, r.json)


def test_900kb_body_is_accepted(demo: Demo) -> None:
    # The body field has no length rule (the title has one: @length(1, 200)).
    body = {"title": "big", "body": "x" * (900 * 1024), "authorId": demo.ada}
    r = demo.post("/api/notes", body)
    assert r.status == 201, (r.status, r.json)
    demo.delete(f"/api/notes/{_json(r)['id']}")


# -- delete ------------------------------------------------------------------------------------


def test_delete_204_then_404(demo: Demo, note: dict[str, Any]) -> None:
    path = f"/api/notes/{note['id']}"
    r = demo.delete(path)
    assert r.status == 204 and r.body == b"", (r.status, r.body)
    assert demo.delete(path).status == 404
    assert demo.get(path).status == 404


def test_delete_cascades(demo: Demo) -> None:
    person = _json(demo.post("/api/people", {"email": "dan@example.com"}))
    for title in ("a", "b"):
        demo.post("/api/notes", {"title": title, "authorId": person["id"]})
    r = demo.delete(f"/api/people/{person['id']}")
    assert r.status == 204, (r.status, r.json)
    assert _total(demo.get(f"/api/notes?authorId={person['id']}")) == 0


# -- errors and logs ---------------------------------------------------------------------------


def test_error_shape_with_request_id_and_no_stack(demo: Demo) -> None:
    errors = [
        demo.get("/api/notes/abc"),
        demo.get("/api/x"),
        demo.post("/api/people", {"email": "ada@example.com"}),
    ]
    for e in errors:
        error = _json(e)["error"]
        assert set(error) <= {"code", "message", "details", "requestId"}, e.json
        assert error["requestId"] == e.header("x-request-id"), (e.json, e.headers)
        text = json.dumps(e.json)
        assert "stack" not in text and " at " not in text, e.json


def test_one_log_line_per_request(demo: Demo) -> None:
    demo.get("/api/nothing")
    logs = demo.server.logs()
    assert '"statusCode":404' in logs and '"responseTime"' in logs, logs[-500:]


def test_api_token_is_required(demo: Demo) -> None:
    for headers in ({"authorization": ""}, {"authorization": "Bearer wrong-token"}):
        r = demo.server.request("GET", "/api/notes", headers=headers)
        assert r.status == 401 and _error_code(r) == "UNAUTHORIZED", (r.status, r.json)
        assert r.header("www-authenticate") == 'Bearer realm="api"'
        assert r.header("cache-control") == "no-store"
    assert demo.server.request("GET", "/health", headers={"authorization": ""}).status == 200
