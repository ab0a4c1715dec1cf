"""Security of the generated blog (golden/blog/schema.prisma), end to end on SQLite:
/auth (register, login, me, refresh rotation, the grace for concurrent refreshes and reuse
detection, logout, logout-all), the administrator made by `npm run create-admin`, revocation
within one request (demotion, deletion, sign-out), access tokens (jose: HS256 only, issuer and
audience, the previous secret during a rotation), scrypt rehash on login, the access rules
of @auth per role, action and owner, hidden fields, the read-only @owner field, forged,
expired and absent tokens, @rateLimit answering 429 with Retry-After, and a server that
refuses to start without a strong JWT_SECRET."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
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

SCHEMA = REPO_ROOT / "golden" / "blog" / "schema.prisma"
SECRET = "security-test-secret-0123456789abcdefghij"
ADMIN_EMAIL = "admin@blog.test"
PREVIOUS_SECRET = "security-test-previous-secret-0123456789abc"
GRACE_SECONDS = 1
ENV = {
    "JWT_SECRET": SECRET,
    "JWT_SECRET_PREVIOUS": PREVIOUS_SECRET,
    "AUTH_REFRESH_GRACE_SECONDS": str(GRACE_SECONDS),
    "SCRYPT_COST": "16384",
    "RATE_LIMIT_MAX": "1000000",
    "AUTH_RATE_LIMIT_MAX": "1000",
    "LOG_LEVEL": "warn",
    "DATABASE_URL": "file:./dev.db",
}
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("security") / "blog"
    result = generate_project(SCHEMA, GenerateOptions(database="sqlite"))
    write_files(out, result.files)
    install_node_modules(out)
    prisma_generate(out)
    create_database(out, ENV["DATABASE_URL"])
    return out


def create_admin(app_dir: Path, email: str, password: str | None = PASSWORD) -> str:
    """`npm run create-admin -- EMAIL` in the app, with the server's environment; its output."""
    env = {**os.environ, **ENV}
    if password is not None:
        env["ADMIN_PASSWORD"] = password
    done = subprocess.run(
        ["npm", "run", "--silent", "create-admin", "--", email],
        cwd=app_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def server(app_dir: Path) -> Iterator[Server]:
    with Server(app_dir, ENV) as running:
        yield running


class Client:
    """One user's side of the conversation: an access token and a refresh cookie."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.token: str | None = None
        self.cookie: str | None = None
        self.user: dict[str, Any] = {}

    def call(
        self, method: str, path: str, body: object = None, *, token: str | None = None
    ) -> Response:
        headers: dict[str, str] = {}
        bearer = token if token is not None else self.token
        if bearer:
            headers["authorization"] = f"Bearer {bearer}"
        if self.cookie and path.startswith("/auth"):
            headers["cookie"] = f"refresh_token={self.cookie}"
        response = self.server.request(method, path, body, headers=headers)
        set_cookie = response.header("set-cookie")
        if set_cookie and set_cookie.startswith("refresh_token="):
            value = set_cookie.split(";", 1)[0].split("=", 1)[1]
            self.cookie = value or None
        return response

    def signed_in(self, response: Response) -> Response:
        assert isinstance(response.json, dict), response
        self.token = response.json.get("accessToken")
        if "user" in response.json:
            self.user = response.object["user"]
        return response


_counter = iter(range(1, 10_000))


def register(server: Server, email: str | None = None) -> Client:
    client = Client(server)
    n = next(_counter)
    body = {"email": email or f"user{n}@blog.test", "name": f"User {n}", "password": PASSWORD}
    response = client.signed_in(client.call("POST", "/auth/register", body))
    assert response.status == 201, response
    return client


def login(client: Client) -> Client:
    body = {"email": client.user["email"], "password": PASSWORD}
    response = client.signed_in(client.call("POST", "/auth/login", body))
    assert response.status == 200, response
    return client


def code(response: Response) -> object:
    return response.json.get("error", {}).get("code") if isinstance(response.json, dict) else None


@pytest.fixture(scope="module")
def people(app_dir: Path, server: Server) -> dict[str, Client]:
    """An administrator (npm run create-admin), an author, an editor and two plain users
    (roles set by the admin)."""
    assert "created" in create_admin(app_dir, ADMIN_EMAIL)
    admin = Client(server)
    admin.user = {"email": ADMIN_EMAIL}
    login(admin)
    assert admin.user["role"] == "ADMIN"
    cast = {"admin": admin}
    for name, role in (("author", "AUTHOR"), ("author2", "AUTHOR"), ("editor", "EDITOR")):
        client = register(server)
        answer = admin.call("PATCH", f"/api/users/{client.user['id']}", {"role": role})
        assert answer.status == 200 and answer.object["role"] == role, answer
        cast[name] = client  # the role counts on the next request, with the same token
    cast["user"] = register(server)
    cast["user2"] = register(server)
    cast["anon"] = Client(server)
    return cast


def post_body(n: int) -> dict[str, Any]:
    return {"title": f"Post {n}", "slug": f"post-{n}-{time.monotonic_ns()}", "content": "text"}


def new_post(client: Client) -> dict[str, Any]:
    response = client.call("POST", "/api/posts", post_body(next(_counter)))
    assert response.status == 201, response
    assert isinstance(response.json, dict)
    return response.json


def new_comment(client: Client, post_id: int) -> dict[str, Any]:
    response = client.call("POST", "/api/comments", {"body": "hello", "postId": post_id})
    assert response.status == 201, response
    assert isinstance(response.json, dict)
    return response.json


# -- /auth ---------------------------------------------------------------------------------


def test_register_login_me(server: Server) -> None:
    client = Client(server)
    body = {"email": "reader@blog.test", "name": "Reader", "password": PASSWORD}
    registered = client.signed_in(client.call("POST", "/auth/register", body))
    assert registered.status == 201
    assert registered.object["tokenType"] == "Bearer" and registered.object["expiresIn"] > 0
    assert registered.object["user"]["role"] == "USER"
    cookie = registered.header("set-cookie") or ""
    for attribute in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/auth"):
        assert attribute in cookie, cookie
    again = Client(server).call("POST", "/auth/register", body)
    assert again.status == 409
    wrong = Client(server).call(
        "POST", "/auth/login", {"email": "reader@blog.test", "password": "wrong password"}
    )
    assert wrong.status == 401 and code(wrong) == "UNAUTHORIZED"
    unknown = Client(server).call(
        "POST", "/auth/login", {"email": "nobody@blog.test", "password": PASSWORD}
    )
    assert (
        unknown.status == 401
        and wrong.object["error"]["message"] == unknown.object["error"]["message"]
    )
    login(client)
    me = client.call("GET", "/auth/me")
    assert me.status == 200 and me.object["email"] == "reader@blog.test"
    assert Client(server).call("GET", "/auth/me").status == 401


def test_register_cannot_choose_a_role(server: Server) -> None:
    body = {"email": "sneaky@blog.test", "name": "S", "password": PASSWORD, "role": "ADMIN"}
    response = Client(server).call("POST", "/auth/register", body)
    assert response.status == 400 and "role" in json.dumps(response.json)
    short = {"email": "short@blog.test", "name": "S", "password": "short"}
    assert Client(server).call("POST", "/auth/register", short).status == 400


def test_refresh_rotates_and_reuse_revokes_every_session(server: Server) -> None:
    client = register(server)
    other_device = Client(server)
    other_device.user = client.user
    login(other_device)
    first_cookie = client.cookie
    refreshed = client.call("POST", "/auth/refresh")
    assert refreshed.status == 200 and isinstance(refreshed.object["accessToken"], str)
    assert client.cookie and client.cookie != first_cookie
    client.token = refreshed.object["accessToken"]
    assert client.call("GET", "/auth/me").status == 200
    second_cookie = client.cookie
    # The first cookie again, past the grace of concurrent refreshes: a reuse.
    time.sleep(GRACE_SECONDS + 0.5)
    thief = Client(server)
    thief.cookie = first_cookie
    reused = thief.call("POST", "/auth/refresh")
    assert reused.status == 401 and "reused" in reused.object["error"]["message"]
    # Every session of the user ended, the current one too.
    client.cookie = second_cookie
    assert client.call("POST", "/auth/refresh").status == 401
    assert other_device.call("POST", "/auth/refresh").status == 401


def test_logout_revokes_the_refresh_token(server: Server) -> None:
    client = register(server)
    cookie = client.cookie
    out = client.call("POST", "/auth/logout")
    assert out.status == 204
    assert "refresh_token=;" in (out.header("set-cookie") or "")
    client.cookie = cookie
    assert client.call("POST", "/auth/refresh").status == 401
    assert Client(server).call("POST", "/auth/refresh").status == 401


# -- access rules --------------------------------------------------------------------------


def test_post_rules(people: dict[str, Client]) -> None:
    anon, user, author, author2, editor, admin = (
        people[k] for k in ("anon", "user", "author", "author2", "editor", "admin")
    )
    # create: ["AUTHOR", "EDITOR", "ADMIN"]
    assert anon.call("POST", "/api/posts", post_body(1)).status == 401
    denied = user.call("POST", "/api/posts", post_body(2))
    assert denied.status == 403 and code(denied) == "FORBIDDEN"
    mine = new_post(author)
    assert mine["authorId"] == author.user["id"]
    new_post(editor)
    new_post(admin)
    # read: public
    assert anon.call("GET", f"/api/posts/{mine['id']}").status == 200
    assert anon.call("GET", "/api/posts").status == 200
    # update: owner (ADMIN bypasses); someone else's post is 404, so it does not leak
    path = f"/api/posts/{mine['id']}"
    assert anon.call("PATCH", path, {"title": "x"}).status == 401
    assert author2.call("PATCH", path, {"title": "x"}).status == 404
    assert editor.call("PATCH", path, {"title": "x"}).status == 404
    assert author.call("PATCH", path, {"title": "mine"}).object["title"] == "mine"
    assert admin.call("PATCH", path, {"title": "admin"}).status == 200
    # delete: ["EDITOR", "ADMIN"]
    assert anon.call("DELETE", path).status == 401
    assert author.call("DELETE", path).status == 403
    assert editor.call("DELETE", path).status == 204
    assert admin.call("DELETE", f"/api/posts/{new_post(author)['id']}").status == 204


def test_comment_rules(people: dict[str, Client]) -> None:
    anon, user, user2, admin = (people[k] for k in ("anon", "user", "user2", "admin"))
    post = new_post(people["author"])
    assert anon.call("POST", "/api/comments", {"body": "x", "postId": post["id"]}).status == 401
    comment = new_comment(user, post["id"])
    assert comment["authorId"] == user.user["id"]
    path = f"/api/comments/{comment['id']}"
    assert anon.call("GET", path).status == 200  # reads stay public
    assert user2.call("PATCH", path, {"body": "y"}).status == 404
    assert user2.call("DELETE", path).status == 404
    assert user.call("PATCH", path, {"body": "edited"}).object["body"] == "edited"
    assert admin.call("PATCH", path, {"body": "moderated"}).status == 200
    assert user.call("DELETE", path).status == 204
    other = new_comment(user2, post["id"])
    assert admin.call("DELETE", f"/api/comments/{other['id']}").status == 204


def test_owner_field_is_read_only(people: dict[str, Client]) -> None:
    author = people["author"]
    body = {**post_body(3), "authorId": people["author2"].user["id"]}
    response = author.call("POST", "/api/posts", body)
    assert response.status == 400 and "authorId" in json.dumps(response.json)
    post = new_post(author)
    patch = author.call(
        "PATCH", f"/api/posts/{post['id']}", {"authorId": people["admin"].user["id"]}
    )
    assert patch.status == 400 and "authorId" in json.dumps(patch.json)


def test_users_are_managed_by_admins(people: dict[str, Client]) -> None:
    user, admin = people["user"], people["admin"]
    path = f"/api/users/{user.user['id']}"
    assert people["anon"].call("GET", "/api/users").status == 401
    assert user.call("PATCH", path, {"role": "ADMIN"}).status == 403
    assert user.call("POST", "/api/users", {"email": "x@blog.test", "name": "X"}).status == 403
    hashed = user.call("PATCH", path, {"passwordHash": "x"})
    assert hashed.status in (400, 403)
    created = admin.call("POST", "/api/users", {"email": "made@blog.test", "name": "Made"})
    assert created.status == 201
    # An account created by an administrator has no usable password.
    attempt = Client(user.server).call(
        "POST", "/auth/login", {"email": "made@blog.test", "password": "!"}
    )
    assert attempt.status == 401


def test_password_hash_is_never_returned(server: Server, people: dict[str, Client]) -> None:
    author, admin = people["author"], people["admin"]
    post = new_post(author)
    new_comment(author, post["id"])
    answers = [
        admin.call("GET", "/api/users"),
        admin.call("GET", f"/api/users/{author.user['id']}"),
        admin.call("GET", f"/api/users/{author.user['id']}?include=posts,comments"),
        admin.call("PATCH", f"/api/users/{author.user['id']}", {"bio": "hi"}),
        author.call("GET", "/auth/me"),
        author.call("GET", "/api/posts?include=author"),
        author.call("GET", f"/api/posts/{post['id']}?include=author"),
        author.call("GET", "/api/comments?include=author"),
        Client(server).call(
            "POST", "/auth/login", {"email": author.user["email"], "password": PASSWORD}
        ),
    ]
    for answer in answers:
        assert answer.status == 200, answer
        text = answer.body.decode()
        assert "passwordHash" not in text and "scrypt$" not in text, text[:300]


def doc(response: Any) -> dict[str, Any]:
    """A JSON object answer."""
    assert isinstance(response.json, dict), response
    return response.json


def test_include_obeys_the_included_models_read_rule(
    server: Server, people: dict[str, Client]
) -> None:
    """Users are read in full by themselves and the admin role only: anyone else who includes
    a post's author gets its @public fields (the name), never the e-mail address or role."""
    post = new_post(people["author"])
    anonymous = Client(server)
    public = {"id", "name"}
    for client in (anonymous, people["author"], people["author2"]):
        for path in ("/api/posts?include=author", f"/api/posts/{post['id']}?include=author"):
            answer = client.call("GET", path)
            assert answer.status == 200, answer
            rows = doc(answer)["data"] if "data" in doc(answer) else [doc(answer)]
            assert rows and all(set(row["author"]) == public for row in rows), rows
    full = people["admin"].call("GET", f"/api/posts/{post['id']}?include=author")
    assert {"email", "role"} <= set(doc(full)["author"])
    assert "passwordHash" not in doc(full)["author"]
    assert anonymous.call("GET", "/api/posts?include=tags").status == 200
    # The user routes themselves: each user their own record, the admin role every one.
    author = people["author"]
    listed = author.call("GET", "/api/users")
    assert [row["id"] for row in doc(listed)["data"]] == [author.user["id"]]
    other = people["author2"].user["id"]
    assert author.call("GET", f"/api/users/{other}").status == 404
    assert anonymous.call("GET", "/api/users").status == 401


def test_the_reviewed_exploits_are_refused(people: dict[str, Client]) -> None:
    """Each write the security review found open: refused, and the database unchanged."""
    author, other, admin = people["author"], people["author2"], people["admin"]
    theirs = new_post(other)
    mine = new_post(author)
    # Tags are written by the admin role only (no @auth: deny by default).
    tag = admin.call(
        "POST", "/api/tags", {"name": f"t-{time.monotonic_ns()}", "postIds": [theirs["id"]]}
    )
    assert tag.status == 201, tag
    tag_path = f"/api/tags/{doc(tag)['id']}"
    assert author.call("PATCH", tag_path, {"postIds": []}).status == 403
    assert author.call("PATCH", tag_path, {"name": "renamed"}).status == 403
    assert author.call("DELETE", tag_path).status == 403
    assert author.call("POST", "/api/tags", {"name": "mine"}).status == 403
    kept = admin.call("GET", f"{tag_path}?include=posts")
    assert doc(kept)["name"] == doc(tag)["name"]
    assert [p["id"] for p in doc(kept)["posts"]] == [theirs["id"]]
    # A like is the caller's own: userId is set from the token, never from the body.
    victim = other.user["id"]
    forged = author.call("POST", "/api/post-likes", {"postId": theirs["id"], "userId": victim})
    assert forged.status == 400, forged
    likes = admin.call("GET", f"/api/post-likes?userId={victim}")
    assert doc(likes)["data"] == []
    liked = author.call("POST", "/api/post-likes", {"postId": theirs["id"]})
    assert liked.status == 201 and doc(liked)["userId"] == author.user["id"], liked
    # An owner cannot move their comment under someone else's post.
    comment = new_comment(author, mine["id"])
    moved = author.call("PATCH", f"/api/comments/{comment['id']}", {"postId": theirs["id"]})
    assert moved.status == 404, moved
    again = admin.call("GET", f"/api/comments/{comment['id']}")
    assert doc(again)["postId"] == mine["id"]
    # Anyone signed in may comment on a post they can read.
    assert (
        author.call("POST", "/api/comments", {"body": "hi", "postId": theirs["id"]}).status == 201
    )


# -- tokens --------------------------------------------------------------------------------


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_forged_and_absent_tokens(people: dict[str, Client]) -> None:
    author = people["author"]
    assert author.token is not None
    header, payload, signature = author.token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    promoted = _b64({**claims, "role": "ADMIN"})
    forged = [
        f"{header}.{promoted}.{signature}",  # changed claims, old signature
        f"{header}.{payload}.{signature[:-4]}AAAA",  # bad signature
        f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{promoted}.",  # alg: none
        f"{_b64({'alg': 'HS512', 'typ': 'JWT'})}.{payload}.{signature}",
        "not-a-token",
    ]
    anon = people["anon"]
    for token in forged:
        response = anon.call("POST", "/api/posts", post_body(4), token=token)
        assert response.status == 401 and code(response) == "UNAUTHORIZED", (token, response)
        # An invalid token is refused even where no token is needed.
        assert anon.call("GET", "/api/posts", token=token).status == 401
    assert anon.call("POST", "/api/posts", post_body(5)).status == 401


def test_expired_access_token(app_dir: Path, server: Server) -> None:
    with Server(app_dir, {**ENV, "JWT_ACCESS_TTL_SECONDS": "1"}) as short_lived:
        client = register(short_lived)
        assert client.call("GET", "/auth/me").status == 200
        time.sleep(2.2)
        expired = client.call("GET", "/auth/me")
        assert expired.status == 401 and code(expired) == "UNAUTHORIZED"
        refreshed = client.call("POST", "/auth/refresh")
        assert refreshed.status == 200


# -- rate limits ---------------------------------------------------------------------------


def test_rate_limited_route_answers_429_with_retry_after(app_dir: Path) -> None:
    # A server of its own: @rateLimit(max: 30, window: "1m", actions: ["create"]) on Comment.
    with Server(app_dir, ENV) as fresh:
        writer = register(fresh, "writer@blog.test")
        # Every request counts, refused ones too (the post does not exist: 409).
        statuses: list[int] = []
        limited: Response | None = None
        for _ in range(31):
            response = writer.call("POST", "/api/comments", {"body": "spam", "postId": 999999})
            statuses.append(response.status)
            if response.status == 429:
                limited = response
                break
        assert limited is not None, statuses
        assert len(statuses) == 31
        assert code(limited) == "RATE_LIMITED"
        assert int(limited.header("retry-after") or "0") > 0
        # Reads are not limited by it.
        assert writer.call("GET", "/api/comments").status == 200
        assert set(statuses[:-1]) == {409}, statuses


# -- configuration -------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [None, "too-short"])
def test_server_refuses_a_weak_or_missing_secret(app_dir: Path, secret: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "JWT_SECRET"}
    env.update({k: v for k, v in ENV.items() if k != "JWT_SECRET"})
    env.update({"PORT": "0", "HOST": "127.0.0.1"})
    if secret is not None:
        env["JWT_SECRET"] = secret
    done = subprocess.run(
        ["node", "--import", "tsx", "src/server.ts"],
        cwd=app_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "JWT_SECRET" in output and "32" in output, output
    assert not re.search(r"\n\s+at |node:internal", output), output


def test_production_refuses_a_low_scrypt_cost(app_dir: Path) -> None:
    env = {**os.environ, **ENV, "PORT": "0", "HOST": "127.0.0.1", "NODE_ENV": "production"}
    env.update({"CORS_ORIGINS": "https://app.example", "SCRYPT_COST": "16384"})
    done = subprocess.run(
        ["node", "--import", "tsx", "src/server.ts"],
        cwd=app_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "SCRYPT_COST" in output and "131072" in output, output
    assert not re.search(r"\n\s+at |node:internal", output), output


# -- sessions, tokens and passwords -----------------------------------------------------------


def _sign(header: dict[str, Any], claims: dict[str, Any], secret: str) -> str:
    """A JWT signed with HMAC-SHA256, whatever its header says."""
    signing_input = f"{_b64(header)}.{_b64(claims)}"
    digest = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=="))
    return claims


def test_previous_secret_issuer_and_audience(server: Server) -> None:
    client = register(server)
    assert client.token is not None
    claims = _claims(client.token)
    header = {"alg": "HS256", "typ": "JWT"}
    anon = Client(server)
    me = "/auth/me"
    assert anon.call("GET", me, token=_sign(header, claims, PREVIOUS_SECRET)).status == 200
    refused = [
        _sign(header, claims, "an-unknown-secret-0123456789abcdefghijkl"),
        _sign(header, {**claims, "iss": "someone-else"}, SECRET),
        _sign(header, {**claims, "aud": "someone-else"}, SECRET),
        _sign({"alg": "HS512", "typ": "JWT"}, claims, SECRET),
        f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}.",
    ]
    for token in refused:
        assert anon.call("GET", me, token=token).status == 401, _claims(token)


def test_demotion_counts_on_the_next_request(people: dict[str, Client]) -> None:
    admin = people["admin"]
    client = register(admin.server)
    own = f"/api/users/{client.user['id']}"
    assert admin.call("PATCH", own, {"role": "ADMIN"}).status == 200
    assert client.call("PATCH", own, {"role": "ADMIN"}).status == 200
    assert admin.call("PATCH", own, {"role": "USER"}).status == 200
    # The same access token, no new sign-in: the role is read per request.
    assert client.call("PATCH", own, {"role": "ADMIN"}).status == 403
    assert client.call("GET", "/auth/me").object["role"] == "USER"


def test_a_deleted_user_is_signed_out_at_once(people: dict[str, Client]) -> None:
    admin = people["admin"]
    client = register(admin.server)
    assert client.call("GET", "/auth/me").status == 200
    assert admin.call("DELETE", f"/api/users/{client.user['id']}").status == 204
    assert client.call("GET", "/auth/me").status == 401
    assert client.call("GET", "/api/posts").status == 401
    assert client.call("POST", "/auth/refresh").status == 401


def test_logout_all_ends_every_session(server: Server) -> None:
    client = register(server)
    other = Client(server)
    other.user = client.user
    login(other)
    assert Client(server).call("POST", "/auth/logout-all").status == 401
    assert other.call("POST", "/auth/logout-all").status == 204
    for session in (client, other):
        assert session.call("GET", "/auth/me", token=session.token).status == 401
    client_cookie_refresh = client.call("POST", "/auth/refresh")
    assert client_cookie_refresh.status == 401
    assert login(client).call("GET", "/auth/me").status == 200


def test_concurrent_refreshes_within_the_grace(server: Server) -> None:
    client = register(server)
    cookie = client.cookie
    answers: list[Response] = []

    def refresh() -> None:
        tab = Client(server)
        tab.cookie = cookie
        answers.append(tab.call("POST", "/auth/refresh"))

    tabs = [threading.Thread(target=refresh) for _ in range(2)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()
    assert [a.status for a in answers] == [200, 200], answers
    # One rotated the cookie; the other got that session's access token and no cookie.
    cookies = [a.header("set-cookie") for a in answers if a.header("set-cookie")]
    assert len(cookies) == 1, cookies
    for answer in answers:
        token = answer.object["accessToken"]
        assert client.call("GET", "/auth/me", token=token).status == 200
    # Past the grace, the same cookie is a reuse: every session ends.
    time.sleep(GRACE_SECONDS + 0.5)
    thief = Client(server)
    thief.cookie = cookie
    assert thief.call("POST", "/auth/refresh").status == 401
    token = answers[0].object["accessToken"]
    assert client.call("GET", "/auth/me", token=token).status == 401


def _scrypt_hash(password: str, cost: int) -> str:
    salt = os.urandom(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=cost, r=8, p=1, dklen=64)

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    return f"scrypt${cost}$8$1${b64(salt)}${b64(key)}"


def _stored_hash(app_dir: Path, email: str, new: str | None = None) -> str:
    with sqlite3.connect(app_dir / "dev.db") as db:
        if new is not None:
            db.execute("UPDATE users SET passwordHash = ? WHERE email = ?", (new, email))
        row = db.execute("SELECT passwordHash FROM users WHERE email = ?", (email,)).fetchone()
    return str(row[0])


def test_login_rehashes_an_older_hash(app_dir: Path, server: Server) -> None:
    client = register(server)
    email = client.user["email"]
    assert _stored_hash(app_dir, email).startswith("scrypt$16384$8$1$")
    old = _scrypt_hash(PASSWORD, 1024)
    _stored_hash(app_dir, email, old)
    login(client)
    upgraded = _stored_hash(app_dir, email)
    assert upgraded != old and upgraded.startswith("scrypt$16384$8$1$"), upgraded
    login(client)
    # No usable password: refused like a wrong one.
    _stored_hash(app_dir, email, "!")
    body = {"email": email, "password": PASSWORD}
    assert Client(server).call("POST", "/auth/login", body).status == 401


def test_identifiers_are_normalised(server: Server) -> None:
    client = Client(server)
    body = {"email": "  Mixed.Case@Blog.TEST ", "name": "Mixed", "password": PASSWORD}
    response = client.signed_in(client.call("POST", "/auth/register", body))
    assert response.status == 201 and client.user["email"] == "mixed.case@blog.test", response
    again = {"email": "MIXED.case@blog.test", "password": PASSWORD}
    assert Client(server).call("POST", "/auth/login", again).status == 200
    bad = {"email": "not-an-email", "name": "Bad", "password": PASSWORD}
    assert Client(server).call("POST", "/auth/register", bad).status == 400


def test_create_admin_promotes_or_creates(app_dir: Path, server: Server) -> None:
    client = register(server)
    assert client.user["role"] == "USER"
    assert "existing" in create_admin(app_dir, client.user["email"].upper())
    assert client.call("GET", "/auth/me").object["role"] == "ADMIN"
    output = create_admin(app_dir, "fresh-admin@blog.test", password=None)
    generated = output.strip().splitlines()[-1]
    fresh = Client(server)
    fresh.user = {"email": "fresh-admin@blog.test"}
    login_body = {"email": "fresh-admin@blog.test", "password": generated}
    signed = fresh.signed_in(fresh.call("POST", "/auth/login", login_body))
    assert signed.status == 200 and fresh.user["role"] == "ADMIN", signed
