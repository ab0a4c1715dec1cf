"""`/// @name(args)` annotations in documentation comments: grammar, registry and checks.

Grammar of one documentation line whose text starts with `@`::

    line       := annotation { annotation }
    annotation := "@" NAME ("." NAME)* [ "(" [ arg ("," arg)* [","] ] ")" ]
    arg        := [ NAME ":" ] value
    value      := STRING | NUMBER | "true" | "false" | NAME | "[" [ value ("," value)* ] "]"

A bare NAME value is an `Identifier` (e.g. a field name). In a STRING, an escape that is not
JSON's keeps its backslash (`"^\\d+$"` is the text `^\\d+$`, as a regular expression means it). Only names declared in the
registry with `register_annotation` are ours, and their arguments are checked against the
spec (a malformed use is an error). Any other `@word` belongs to another tool and is plain
documentation; one that is a near miss of ours (`@auht`) is a warning with "did you mean".
Only `///` lines carry annotations, never `/* */` comments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import attrs

from .errors import Diagnostic, Span, did_you_mean, near_miss
from .lexer import Token, tokenize
from .model import Annotation, AnnotationValue, Enum, Field, FieldKind, Identifier, Model
from .syntax import DocLine

ANNOTATION_LINE = re.compile(r"@([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)")
DURATION = re.compile(r"[0-9]+(ms|s|m|h|d)")

# Argument kinds: "string", "int", "number", "bool", "field", "duration",
# "strings" (a string or a list of strings), "list" (any list).
ARG_KINDS = ("string", "int", "number", "bool", "field", "duration", "strings", "list")


@attrs.frozen(kw_only=True, slots=True)
class ArgSpec:
    name: str
    kind: str
    required: bool = False


@attrs.frozen(kw_only=True, slots=True)
class AnnotationSpec:
    """Declares an annotation: where it may appear and which arguments it takes."""

    name: str
    targets: tuple[str, ...]  # "model", "field", "enum"
    positional: tuple[ArgSpec, ...] = ()
    keywords: tuple[ArgSpec, ...] = ()
    description: str = ""


_REGISTRY: dict[str, AnnotationSpec] = {}


def register_annotation(spec: AnnotationSpec) -> None:
    """Adds (or replaces) the spec of one annotation name."""
    _REGISTRY[spec.name] = spec


def annotation_specs() -> tuple[AnnotationSpec, ...]:
    return tuple(_REGISTRY.values())


class _LineError(Exception):
    def __init__(self, token: Token, message: str) -> None:
        super().__init__(message)
        self.token = token
        self.message = message


_Parsed = tuple[int, int, str, list[AnnotationValue], list[tuple[str, AnnotationValue]]]
"""One annotation of a line: its column and length in the line, name, arguments."""

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "/": "/", "b": "\b"}


def _string_value(literal: str) -> str:
    """The text of a string literal (with its quotes): JSON's escapes resolved, any other
    escape kept with its backslash, so a regular expression reads as written."""
    body = literal[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(_ESCAPES.get(nxt, ch + nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


class _LineParser:
    def __init__(self, text: str) -> None:
        self.tokens = [t for t in tokenize(text) if t.kind != "nl"]
        self.pos = 0

    def peek(self) -> Token:
        return self.tokens[min(self.pos, len(self.tokens) - 1)]

    def next(self) -> Token:
        token = self.peek()
        self.pos += 1
        return token

    def punct(self, text: str) -> bool:
        token = self.peek()
        return token.kind == "punct" and token.text == text

    def expect(self, text: str) -> None:
        if not self.punct(text):
            raise _LineError(self.peek(), f'expected "{text}" in annotation')
        self.next()

    def annotations(self) -> list[_Parsed]:
        """Every annotation of the line, in order (`@min(1) @max(5)`)."""
        out: list[_Parsed] = []
        while True:
            start = self.peek().col
            name, args, kwargs = self.annotation()
            last = self.tokens[self.pos - 1]
            end = last.col + len(last.text)
            out.append((start, end - start, name, args, kwargs))
            if self.peek().kind == "eof":
                return out
            if not self.punct("@"):
                raise _LineError(self.peek(), "unexpected text after the annotation")

    def annotation(self) -> tuple[str, list[AnnotationValue], list[tuple[str, AnnotationValue]]]:
        self.expect("@")
        name = self.ident()
        while self.punct("."):
            self.next()
            name += "." + self.ident()
        args: list[AnnotationValue] = []
        kwargs: list[tuple[str, AnnotationValue]] = []
        if self.punct("("):
            self.next()
            while not self.punct(")"):
                token = self.peek()
                if token.kind == "ident" and self.tokens[self.pos + 1].text == ":":
                    self.pos += 2
                    kwargs.append((token.text, self.value()))
                else:
                    if kwargs:
                        raise _LineError(token, "unnamed arguments come before named ones")
                    args.append(self.value())
                if self.punct(","):
                    self.next()
                elif not self.punct(")"):
                    raise _LineError(self.peek(), 'expected "," or ")" in annotation')
            self.next()
        return name, args, kwargs

    def ident(self) -> str:
        token = self.peek()
        if token.kind != "ident":
            raise _LineError(token, "expected a name in annotation")
        self.next()
        return token.text

    def value(self) -> AnnotationValue:
        token = self.next()
        if token.kind == "string":
            return _string_value(token.text)
        if token.kind == "number":
            return float(token.text) if "." in token.text or "e" in token.text else int(token.text)
        if token.kind == "ident":
            if token.text in ("true", "false"):
                return token.text == "true"
            return Identifier(token.text)
        if token.kind == "punct" and token.text == "[":
            items: list[AnnotationValue] = []
            while not self.punct("]"):
                items.append(self.value())
                if self.punct(","):
                    self.next()
                elif not self.punct("]"):
                    raise _LineError(self.peek(), 'expected "," or "]" in a list')
            self.next()
            return tuple(items)
        raise _LineError(token, "expected a value (string, number, true/false, name or list)")


def parse_annotations(
    docs: Iterable[DocLine], target: str, diagnostics: list[Diagnostic]
) -> tuple[Annotation, ...]:
    """Annotations of the documentation lines that start with `@name`; errors go to diagnostics."""
    out: list[Annotation] = []
    for doc in docs:
        head = ANNOTATION_LINE.match(doc.text)
        if doc.block or head is None:
            continue
        base = doc.span.col + 4
        if head.group(1) not in _REGISTRY:
            # Another tool's word (`@zod.string.max(5)`, `@TypeGraphQL.omit`): documentation.
            # A near miss of one of ours is probably a typo, so it is reported, not ignored.
            near = near_miss(head.group(1), _REGISTRY)
            if near is not None:
                span = Span(doc.span.file, doc.span.line, base, len(head.group(0)))
                diagnostics.append(
                    Diagnostic.at(
                        span,
                        f'"@{head.group(1)}" is not an ssot-codegen annotation and is kept '
                        "as documentation",
                        f'did you mean "@{near}"?',
                        severity="warning",
                    )
                )
            continue
        try:
            parsed = _LineParser(doc.text).annotations()
        except _LineError as error:
            span = Span(doc.span.file, doc.span.line, base + error.token.col - 1)
            diagnostics.append(
                Diagnostic.at(
                    span,
                    f"invalid annotation: {error.message}",
                    "see the annotation grammar: /// @name(arg, key: value)",
                )
            )
            continue
        for col, length, name, args, kwargs in parsed:
            span = Span(doc.span.file, doc.span.line, base + col - 1, length)
            annotation = Annotation(name=name, args=tuple(args), kwargs=tuple(kwargs), span=span)
            problems = check_annotation(annotation, target)
            for message, hint in problems:
                diagnostics.append(Diagnostic.at(span, message, hint))
            if not problems:
                out.append(annotation)
    return tuple(out)


def check_annotation(annotation: Annotation, target: str) -> list[tuple[str, str | None]]:
    """Problems of one annotation against the registry, as (message, hint) pairs."""
    spec = _REGISTRY.get(annotation.name)
    if spec is None:
        known = [s.name for s in _REGISTRY.values() if target in s.targets]
        return [
            (
                f'unknown annotation "@{annotation.name}"',
                did_you_mean(annotation.name, known)
                or "known on a " + target + ": " + ", ".join("@" + k for k in known),
            )
        ]
    if target not in spec.targets:
        return [
            (
                f"@{spec.name} is not allowed on a {target}",
                f"use it on a {' or '.join(spec.targets)}",
            )
        ]
    problems: list[tuple[str, str | None]] = []
    if len(annotation.args) > len(spec.positional):
        problems.append(
            (
                f"@{spec.name} takes {len(spec.positional)} unnamed argument(s), "
                f"got {len(annotation.args)}",
                _usage(spec),
            )
        )
    for arg_spec, value in zip(spec.positional, annotation.args):
        problem = _check_value(arg_spec, value)
        if problem:
            problems.append((f"@{spec.name}: {problem}", _usage(spec)))
    given = dict(annotation.kwargs)
    keywords = {k.name: k for k in spec.keywords}
    for key, value in annotation.kwargs:
        if key not in keywords:
            problems.append(
                (
                    f'@{spec.name} has no argument "{key}"',
                    did_you_mean(key, keywords) or _usage(spec),
                )
            )
            continue
        problem = _check_value(keywords[key], value)
        if problem:
            problems.append((f"@{spec.name}: {problem}", _usage(spec)))
    for index, arg_spec in enumerate(spec.positional):
        if arg_spec.required and index >= len(annotation.args):
            problems.append((f"@{spec.name} needs its {arg_spec.name} argument", _usage(spec)))
    for arg_spec in spec.keywords:
        if arg_spec.required and arg_spec.name not in given:
            problems.append((f'@{spec.name} needs the argument "{arg_spec.name}"', _usage(spec)))
    return problems


def _usage(spec: AnnotationSpec) -> str:
    parts = [f"<{a.name}: {a.kind}>" for a in spec.positional]
    parts += [f"{a.name}: <{a.kind}>" + ("" if a.required else "?") for a in spec.keywords]
    return f"usage: /// @{spec.name}" + (f"({', '.join(parts)})" if parts else "")


def _check_value(spec: ArgSpec, value: AnnotationValue) -> str | None:
    kind = spec.kind
    ok = {
        "string": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "field": isinstance(value, (Identifier, str)),
        "duration": isinstance(value, str) and DURATION.fullmatch(value) is not None,
        "strings": isinstance(value, str)
        or (isinstance(value, tuple) and all(isinstance(v, str) for v in value)),
        "list": isinstance(value, tuple),
    }.get(kind, False)
    if ok:
        return None
    wanted = {
        "string": "a string",
        "int": "a whole number",
        "number": "a number",
        "bool": "true or false",
        "field": "a field name",
        "duration": 'a duration like "15s", "1m" or "1h"',
        "strings": 'a string or a list of strings, e.g. ["ADMIN"]',
        "list": "a list",
    }[kind]
    return f"{spec.name} must be {wanted}"


_ACCESS = tuple(
    ArgSpec(name=n, kind="strings") for n in ("read", "list", "create", "update", "delete", "write")
)
for _spec in (
    AnnotationSpec(name="hidden", targets=("field",), description="never returned by the API"),
    AnnotationSpec(name="readonly", targets=("field",), description="never written by clients"),
    AnnotationSpec(name="writeOnly", targets=("field",), description="accepted, never returned"),
    AnnotationSpec(
        name="public",
        targets=("field",),
        description="shown, in included records, to callers who may not read the whole model",
    ),
    AnnotationSpec(
        name="expose",
        targets=("field",),
        description="served even though its name looks like a secret's",
    ),
    AnnotationSpec(name="auth", targets=("model",), keywords=_ACCESS, description="access rules"),
    AnnotationSpec(
        name="auth.user",
        targets=("model",),
        keywords=(
            ArgSpec(name="identifier", kind="field", required=True),
            ArgSpec(name="password", kind="field", required=True),
            ArgSpec(name="role", kind="field"),
        ),
        description="the model that users log in as",
    ),
    AnnotationSpec(
        name="owner",
        targets=("model",),
        positional=(ArgSpec(name="field", kind="field", required=True),),
        description="the field holding the owning user's id",
    ),
    AnnotationSpec(
        name="appendOnly",
        targets=("model",),
        description="records are created and read, never updated or deleted",
    ),
    AnnotationSpec(
        name="connect",
        targets=("field",),
        positional=(ArgSpec(name="right", kind="field", required=True),),
        description="what a caller needs on the target record to link a new row to it: "
        "read (any record they may read) instead of update (the default)",
    ),
    AnnotationSpec(
        name="rateLimit",
        targets=("model",),
        keywords=(
            ArgSpec(name="max", kind="int", required=True),
            ArgSpec(name="window", kind="duration", required=True),
            ArgSpec(name="actions", kind="strings"),
        ),
        description="requests allowed per window",
    ),
    AnnotationSpec(
        name="maxPageSize",
        targets=("model",),
        positional=(ArgSpec(name="size", kind="int", required=True),),
        description="largest `take` accepted on list routes",
    ),
):
    register_annotation(_spec)


# -- checks across the schema ---------------------------------------------------------------

ACCESS_ACTIONS = ("read", "list", "create", "update", "delete", "write")
RATE_LIMIT_ACTIONS = ("read", "list", "create", "update", "delete")
ACCESS_KEYWORDS = ("public", "user", "owner")


def _name_of(value: AnnotationValue | None) -> str | None:
    if isinstance(value, Identifier):
        return value.name
    if isinstance(value, str):
        return value
    return None


def _strings(value: AnnotationValue | None) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _field_named(model: Model, name: str) -> Field | None:
    for field in model.fields:
        if field.name == name:
            return field
    return None


def _server_fills(field: Field) -> bool:
    """Whether a create without this field still works: optional, a list, a default, or
    managed by the database (`@updatedAt`)."""
    return (
        not field.is_required
        or field.is_list
        or field.default is not None
        or field.is_updated_at
        or field.kind is FieldKind.OBJECT
    )


def check_schema_annotations(models: Iterable[Model], enums: Iterable[Enum]) -> list[Diagnostic]:
    """Checks that need the whole schema: `@auth.user` (one model; identifier, password and
    role fields), `@auth` rules (known roles, "owner" only with `@owner`), `@owner` (a foreign
    key to the user model), `@rateLimit` actions, and hidden fields a create could not fill."""
    models = [m for m in models if not m.is_view]
    enum_values = {e.name: tuple(v.name for v in e.values) for e in enums}
    problems: list[Diagnostic] = []

    def fail(annotation: Annotation | Field, message: str, hint: str | None = None) -> None:
        problems.append(Diagnostic.at(annotation.span, message, hint))

    users = [(m, a) for m in models for a in m.annotations if a.name == "auth.user"]
    for model, annotation in users[1:]:
        first = users[0][0]
        fail(
            annotation,
            f"@auth.user is already on model {first.name}; a schema has one user model",
            f"remove it here or from {first.name}",
        )
    user_model = users[0][0] if users else None
    roles: tuple[str, ...] = ()
    password_field: str | None = None
    if users:
        model, annotation = users[0]
        names = [f.name for f in model.fields]
        for key in ("identifier", "password", "role"):
            field_name = _name_of(annotation.get(key))
            if field_name is None:
                continue
            field = _field_named(model, field_name)
            if field is None:
                fail(
                    annotation,
                    f'@auth.user: model {model.name} has no field "{field_name}"',
                    did_you_mean(field_name, names) or "fields: " + ", ".join(names),
                )
                continue
            if key in ("identifier", "password") and (
                field.type != "String" or field.is_list or not field.is_required
            ):
                fail(
                    annotation,
                    f"@auth.user: the {key} field {field_name} must be a required String",
                    f"declare it as `{field_name} String`",
                )
            if key == "identifier" and not field.is_unique and not field.is_id:
                fail(
                    annotation,
                    f"@auth.user: the identifier field {field_name} must be @unique",
                    f"add @unique to {field_name}",
                )
            if key == "password":
                password_field = field.name
            if key == "role":
                if field.kind is not FieldKind.ENUM or field.is_list:
                    fail(
                        annotation,
                        f"@auth.user: the role field {field_name} must be an enum",
                        "declare an enum of role names, e.g. enum Role { USER ADMIN }",
                    )
                elif field.default is None:
                    fail(
                        annotation,
                        f"@auth.user: the role field {field_name} needs a @default",
                        "new users get the default role, e.g. @default(USER)",
                    )
                else:
                    roles = enum_values.get(field.type, ())
        ids = [f for f in model.fields if f.is_id]
        if len(ids) != 1 or ids[0].type not in ("Int", "String"):
            fail(
                annotation,
                f"@auth.user: model {model.name} needs a single @id of type Int or String",
                "tokens carry the user's id",
            )

    for model in models:
        owner = next((a for a in model.annotations if a.name == "owner"), None)
        if owner is not None:
            _check_owner(model, owner, user_model, fail)
        for annotation in model.annotations:
            if annotation.name == "auth":
                _check_rules(model, annotation, user_model, owner, roles, fail)
            elif annotation.name == "rateLimit":
                for action in _strings(annotation.get("actions")):
                    if action not in RATE_LIMIT_ACTIONS:
                        fail(
                            annotation,
                            f'@rateLimit: unknown action "{action}"',
                            did_you_mean(action, RATE_LIMIT_ACTIONS)
                            or "actions: " + ", ".join(RATE_LIMIT_ACTIONS),
                        )
        owner_name = _name_of(owner.args[0] if owner is not None and owner.args else None)
        for field in model.fields:
            readonly = field.annotation("readonly")
            if readonly is not None and not _server_fills(field) and field.name != owner_name:
                fail(
                    readonly,
                    f"field {model.name}.{field.name} is @readonly but required on create with "
                    "no default: no client could create a " + model.name,
                    "give it a @default or make it optional (?)",
                )
            if field.annotation("hidden") is None or _server_fills(field):
                continue
            if model is user_model and field.name == password_field:
                continue  # written by /auth/register
            if field.is_id:
                continue
            fail(
                field,
                f"field {model.name}.{field.name} is @hidden but required on create with no "
                "default: no client could create a " + model.name,
                "give it a @default, make it optional (?), or use @writeOnly",
            )
    return problems


def _check_owner(
    model: Model,
    owner: Annotation,
    user_model: Model | None,
    fail: Callable[[Annotation | Field, str, str | None], None],
) -> None:
    if user_model is None:
        fail(
            owner,
            "@owner needs a user model: no model has @auth.user",
            "mark the model users log in as with /// @auth.user(identifier: ..., password: ...)",
        )
        return
    name = _name_of(owner.args[0] if owner.args else None) or ""
    field = _field_named(model, name)
    if field is None:
        names = [f.name for f in model.fields if f.kind is not FieldKind.OBJECT]
        fail(
            owner,
            f'@owner: model {model.name} has no field "{name}"',
            did_you_mean(name, names) or "fields: " + ", ".join(names),
        )
        return
    pointing = [
        f
        for f in model.fields
        if f.relation is not None
        and name in f.relation.from_fields
        and f.relation.related_model == user_model.name
    ]
    if not pointing or len(pointing[0].relation.from_fields if pointing[0].relation else ()) != 1:
        fail(
            owner,
            f"@owner: {model.name}.{name} is not a foreign key to {user_model.name}",
            f"declare a relation: owner {user_model.name} @relation(fields: [{name}], "
            "references: [id])",
        )


def _check_rules(
    model: Model,
    annotation: Annotation,
    user_model: Model | None,
    owner: Annotation | None,
    roles: tuple[str, ...],
    fail: Callable[[Annotation | Field, str, str | None], None],
) -> None:
    if user_model is None:
        fail(
            annotation,
            "@auth needs a user model: no model has @auth.user",
            "mark the model users log in as with /// @auth.user(identifier: ..., password: ...)",
        )
        return
    allowed = (*ACCESS_KEYWORDS, *roles)
    for key, value in annotation.kwargs:
        for entry in _strings(value):
            if entry in allowed:
                if entry == "owner" and owner is None and model is not user_model:
                    fail(
                        annotation,
                        f'@auth: {key}: "owner" needs @owner(field) on model {model.name}',
                        "add /// @owner(authorId) naming the field that holds the user's id",
                    )
                continue
            hint = did_you_mean(entry, allowed)
            if not roles:
                hint = hint or (
                    'use "public", "user" or "owner"; roles need '
                    "@auth.user(..., role: <enum field>)"
                )
            fail(
                annotation,
                f'@auth: {key}: unknown role "{entry}"',
                hint or "use " + ", ".join(f'"{a}"' for a in allowed),
            )
