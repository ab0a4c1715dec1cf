"""The copy of the user's schema that the generated app runs on.

The user's models, enums, comments and documentation are kept byte for byte; only the
``datasource`` and ``generator`` blocks are replaced by the ones the app needs (the
``prisma-client`` generator writing into ``src/generated/prisma``, and the chosen
database: the schema's own unless ``--database`` chose another). A multi-file schema
becomes one file, each part marked with its origin.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from ssot_ast.schema import Schema
from ssot_ast.schema.lexer import tokenize

from emitters.plan.plans import AuthPlan

PRISMA_CLIENT_OUTPUT = "../src/generated/prisma"

# -- the session table of /auth ------------------------------------------------------------

SESSION_MODEL = "AuthSession"
SESSIONS_FIELD = "authSessions"
"""The back-relation field the user model gets in the app's schema copy."""
PRISMA_ID_TYPE = {"number": "Int", "string": "String"}


def session_model(auth: AuthPlan) -> str:
    """The Prisma model of refresh-token sessions, appended to the app's schema copy. Its
    ``user`` relation deletes a user's sessions with the user (``onDelete: Cascade``); the user
    model gets the other side, ``authSessions`` (``session_back_relation``)."""
    user_id = PRISMA_ID_TYPE[auth.id_type]
    return (
        "/// Refresh-token sessions of /auth (added by ssot-codegen): tokens are stored hashed.\n"
        "/// A refresh rotates a row (rotatedAt, replacedBy); an ended one has revokedAt.\n"
        f"model {SESSION_MODEL} {{\n"
        "  id         String    @id @default(uuid())\n"
        f"  userId     {user_id}\n"
        f"  user       {auth.model} @relation(fields: [userId], references: [{auth.id_field}],"
        " onDelete: Cascade)\n"
        "  tokenHash  String    @unique\n"
        "  expiresAt  DateTime\n"
        "  rotatedAt  DateTime?\n"
        "  replacedBy String?\n"
        "  revokedAt  DateTime?\n"
        "  createdAt  DateTime  @default(now())\n"
        "\n"
        "  @@index([userId])\n"
        "  @@index([expiresAt])\n"
        "}\n"
    )


def session_back_relation(auth: AuthPlan) -> tuple[str, str]:
    """(user model, field line) the app's schema copy adds to the user model."""
    return auth.model, f"{SESSIONS_FIELD} {SESSION_MODEL}[]"


def add_field(text: str, model: str, line: str) -> str:
    """`text` with `line` added as the last field of its top-level ``model`` block (unchanged
    when the text has no such model)."""
    tokens = tokenize(text)
    offsets = _line_offsets(text)
    depth = 0
    inside = False
    for i, token in enumerate(tokens):
        if token.kind == "punct" and token.text == "{":
            if (
                depth == 0
                and i >= 2
                and tokens[i - 2].text == "model"
                and tokens[i - 1].text == model
            ):
                inside = True
            depth += 1
        elif token.kind == "punct" and token.text == "}":
            depth = max(0, depth - 1)
            if inside and depth == 0:
                at = offsets[token.line - 1] + token.col - 1
                return text[:at].rstrip(" ") + f"  {line}\n" + text[at:]
    return text


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for index, char in enumerate(text):
        if char == "\n":
            offsets.append(index + 1)
    return offsets


def strip_config_blocks(text: str) -> str:
    """Remove top-level ``generator`` and ``datasource`` blocks (with their doc comments)."""
    tokens = tokenize(text)
    offsets = _line_offsets(text)
    cuts: list[tuple[int, int]] = []
    depth = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "punct" and token.text == "{":
            depth += 1
        elif token.kind == "punct" and token.text == "}":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and token.kind == "ident"
            and token.text in ("generator", "datasource")
            and i + 2 < len(tokens)
            and tokens[i + 1].kind == "ident"
            and tokens[i + 2].text == "{"
        ):
            j = i + 3
            inner = 1
            while j < len(tokens) and inner:
                if tokens[j].text == "{" and tokens[j].kind == "punct":
                    inner += 1
                elif tokens[j].text == "}" and tokens[j].kind == "punct":
                    inner -= 1
                j += 1
            end_token = tokens[j - 1]
            start = offsets[token.line - 1]
            end_line = end_token.line
            end = offsets[end_line] if end_line < len(offsets) else len(text)
            while end < len(text) and text[end] == "\n":
                end += 1
            cuts.append((start, end))
            i = j
            continue
        i += 1
    out: list[str] = []
    position = 0
    for start, end in cuts:
        out.append(text[position:start])
        position = end
    out.append(text[position:])
    return "".join(out)


def strip_native_types(text: str, datasource: str = "db") -> str:
    """Remove ``@db.*`` attributes (with their arguments): SQLite has no native types, and
    Prisma rejects them there. Used when an app targets SQLite."""
    tokens = tokenize(text)
    offsets = _line_offsets(text)
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens) - 3:
        at, db, dot, name = tokens[i : i + 4]
        if (
            at.text == "@"
            and db.text == datasource
            and dot.text == "."
            and name.kind == "ident"
            and at.line == name.line
        ):
            start = offsets[at.line - 1] + at.col - 1
            end = offsets[name.line - 1] + name.col - 1 + len(name.text)
            j = i + 4
            if (
                j < len(tokens)
                and tokens[j].text == "("
                and tokens[j].col - 1 == end - offsets[name.line - 1]
            ):
                depth = 0
                while j < len(tokens):
                    if tokens[j].text == "(":
                        depth += 1
                    elif tokens[j].text == ")":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                close = tokens[j]
                end = offsets[close.line - 1] + close.col
            while start > 0 and text[start - 1] == " ":
                start -= 1
            cuts.append((start, end))
            i = j
            continue
        i += 1
    out: list[str] = []
    position = 0
    for start, end in cuts:
        out.append(text[position:start])
        position = end
    out.append(text[position:])
    return "".join(out)


KEPT_DATASOURCE_PROPS = ("relationMode", "schemas", "extensions")
"""Datasource settings that change what the schema means, so the app's copy keeps them
(connection urls are Prisma 7's prisma.config.ts business)."""

KEPT_PREVIEW_FEATURES = (
    "fullTextSearchPostgres",
    "nativeDistinct",
    "partialIndexes",
    "postgresqlExtensions",
    "relationJoins",
    "shardKeys",
    "views",
)
"""Prisma 7 preview features a schema may need to be valid (views, extensions, partial
indexes, shard keys) or that only change how queries run; others are left out: those made
generally available or removed, and those that change the client's contract
(``strictUndefinedChecks``, ``typedSql``)."""


def kept_datasource_lines(schema: Schema, database: str) -> list[str]:
    """The schema's own `relationMode`, `schemas` and `extensions` lines, as written, when
    the app runs on the schema's own database."""
    own = {"postgres": "postgresql"}.get(schema.provider, schema.provider)
    if database != own:
        return []
    lines: list[str] = []
    for _, text in schema.files:
        tokens = tokenize(text)
        source = text.splitlines()
        depth = 0
        in_datasource = False
        for index, token in enumerate(tokens):
            if token.kind == "punct" and token.text in "{}":
                depth += 1 if token.text == "{" else -1
                if depth == 0:
                    in_datasource = False
                continue
            if depth == 0 and token.kind == "ident" and token.text == "datasource":
                in_datasource = True
                continue
            if not (in_datasource and depth == 1 and token.kind == "ident"):
                continue
            if token.text not in KEPT_DATASOURCE_PROPS or tokens[index - 1].kind != "nl":
                continue
            end = index
            brackets = 0
            while end < len(tokens) and not (tokens[end].kind == "nl" and brackets == 0):
                if tokens[end].kind == "punct" and tokens[end].text in "[(":
                    brackets += 1
                elif tokens[end].kind == "punct" and tokens[end].text in "])":
                    brackets -= 1
                end += 1
            last = tokens[end - 1]
            lines.extend(line.strip() for line in source[token.line - 1 : last.line])
    return lines


def _preview_features_line(schema: Schema) -> str:
    wanted: set[str] = set()
    for generator in schema.generators:
        for key, value in generator.config:
            if key == "previewFeatures" and isinstance(value, tuple):
                wanted.update(str(v) for v in value if isinstance(v, str))
    kept = [name for name in KEPT_PREVIEW_FEATURES if name in wanted]
    if not kept:
        return ""
    return "  previewFeatures = [" + ", ".join(f'"{name}"' for name in kept) + "]\n"


def app_schema(
    schema: Schema,
    database: str,
    extra_models: Sequence[str] = (),
    extra_fields: Sequence[tuple[str, str]] = (),
) -> str:
    """The full ``prisma/schema.prisma`` text for a generated app; `extra_models` are model
    blocks the app itself needs (the session table of /auth), appended after the user's, and
    `extra_fields` (model, field line) the fields it adds to the user's models (the user
    model's side of the session relation).

    The datasource provider is `database` itself (``mysql``, ``sqlserver``, ``cockroachdb``
    stay what they are). Native types are dropped for SQLite only; for another database than
    the schema's own, ``emitters.plan.databases.check_database`` has already refused them."""
    provider = database
    # The datasource keeps its name: native types are written with it (@db.Text, @pg.Text).
    source_name = schema.datasources[0].name if schema.datasources else "db"
    head = (
        "// Copied from your schema by ssot-codegen: edit the original and generate again.\n"
        "// The datasource and generator blocks are the ones this app needs.\n"
        "\n"
        f"datasource {source_name} {{\n"
        f'  provider = "{provider}"\n'
        + "".join(f"  {line}\n" for line in kept_datasource_lines(schema, database))
        + "}\n"
        "\n"
        "generator client {\n"
        '  provider = "prisma-client"\n'
        f'  output   = "{PRISMA_CLIENT_OUTPUT}"\n' + _preview_features_line(schema) + "}\n"
    )
    parts: list[str] = [head]
    several = len(schema.files) > 1
    for path, text in schema.files:
        body = strip_config_blocks(text).strip("\n")
        if provider == "sqlite":
            body = strip_native_types(body, source_name)
        if not body:
            continue
        for model, line in extra_fields:
            body = add_field(body, model, line)
        marker = f"// from {PurePath(path).name}\n\n" if several else ""
        parts.append("\n" + marker + body + "\n")
    if extra_models:
        parts.append("\n// Added by ssot-codegen for the generated app.\n")
        parts.extend("\n" + model for model in extra_models)
    return "".join(parts)
