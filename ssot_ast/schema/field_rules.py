"""Validation annotations of a field (`/// @min(1) @max(5)`, `@length(1, 200)`, `@email`,
`@url`, `@uuid`, `@regex("...")`, `@trim`, `@lowercase`) and the write annotations
(`@readonly`, `@writable`): their specs and the checks that need the field's type.

Numbers take `@min`/`@max` (Int, BigInt: whole numbers; Float, Decimal: any number). Strings
take the rest. A regular expression must compile in JavaScript with the `u` flag, checked
with an ECMAScript engine (regress), since the generated app builds it with `new RegExp`.
"""

from __future__ import annotations

from collections.abc import Iterable

import regress

from .annotations import AnnotationSpec, ArgSpec, register_annotation
from .errors import Diagnostic
from .model import Annotation, AnnotationValue, DefaultKind, Field, FieldKind, Model

NUMBER_TYPES = ("Int", "BigInt", "Float", "Decimal")
WHOLE_TYPES = ("Int", "BigInt")
NUMBER_RULES = ("min", "max")
STRING_RULES = ("length", "email", "url", "uuid", "regex", "trim", "lowercase")
FORMATS = ("email", "url", "uuid")
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
REGEX_FLAGS = "u"
"""The flags the generated app compiles a `@regex` with (and this check too)."""

for _spec in (
    AnnotationSpec(
        name="min",
        targets=("field",),
        positional=(ArgSpec(name="value", kind="number", required=True),),
        description="smallest number accepted on create and update",
    ),
    AnnotationSpec(
        name="max",
        targets=("field",),
        positional=(ArgSpec(name="value", kind="number", required=True),),
        description="largest number accepted on create and update",
    ),
    AnnotationSpec(
        name="length",
        targets=("field",),
        positional=(ArgSpec(name="min", kind="int"), ArgSpec(name="max", kind="int")),
        keywords=(ArgSpec(name="min", kind="int"), ArgSpec(name="max", kind="int")),
        description="fewest and most characters of a string",
    ),
    AnnotationSpec(name="email", targets=("field",), description="an email address"),
    AnnotationSpec(name="url", targets=("field",), description="an http(s) URL"),
    AnnotationSpec(name="uuid", targets=("field",), description="a UUID"),
    AnnotationSpec(
        name="regex",
        targets=("field",),
        positional=(ArgSpec(name="pattern", kind="string", required=True),),
        description="a JavaScript regular expression the whole string must match",
    ),
    AnnotationSpec(name="trim", targets=("field",), description="spaces around removed"),
    AnnotationSpec(name="lowercase", targets=("field",), description="stored in lower case"),
    AnnotationSpec(
        name="writable",
        targets=("field",),
        description="a @default(now()) or @updatedAt field clients may write",
    ),
):
    register_annotation(_spec)


def is_now_default(field: Field) -> bool:
    """`@default(now())`."""
    return (
        field.default is not None
        and field.default.kind is DefaultKind.FUNCTION
        and field.default.function == "now"
    )


def length_bounds(annotation: Annotation) -> tuple[int | None, int | None]:
    """(min, max) of a `@length`: `@length(1, 200)`, `@length(max: 200)`, `@length(min: 1)`."""
    low: AnnotationValue | None = annotation.args[0] if annotation.args else None
    high: AnnotationValue | None = annotation.args[1] if len(annotation.args) > 1 else None
    low = annotation.get("min", low)
    high = annotation.get("max", high)
    return (
        low if isinstance(low, int) and not isinstance(low, bool) else None,
        high if isinstance(high, int) and not isinstance(high, bool) else None,
    )


def _number(annotation: Annotation) -> int | float | None:
    value = annotation.args[0] if annotation.args else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return None


def regex_problem(pattern: str) -> str | None:
    """Why JavaScript would refuse the pattern (with the `u` flag), or None."""
    try:
        regress.Regex(pattern, REGEX_FLAGS)
    except regress.RegressError as error:
        return str(error)
    return None


def check_field_rules(models: Iterable[Model]) -> list[Diagnostic]:
    """Problems of the validation and write annotations, with the field's type in view."""
    problems: list[Diagnostic] = []
    for model in models:
        for field in model.fields:
            problems += _field_problems(model, field)
    return problems


def _field_problems(model: Model, field: Field) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    where = f"{model.name}.{field.name}"
    kind = "a list" if field.is_list else field.type

    def fail(annotation: Annotation, message: str, hint: str) -> None:
        out.append(Diagnostic.at(annotation.span, message, hint))

    seen: set[str] = set()
    for annotation in field.annotations:
        if annotation.name in seen and annotation.name in (*NUMBER_RULES, *STRING_RULES):
            fail(annotation, f"@{annotation.name} is given twice on {where}", "keep one")
        seen.add(annotation.name)
    scalar = field.kind is FieldKind.SCALAR and not field.is_list
    for annotation in field.annotations:
        name = annotation.name
        if name in NUMBER_RULES and not (scalar and field.type in NUMBER_TYPES):
            fail(
                annotation,
                f"@{name} needs a number field; {where} is {kind}",
                "use it on an Int, BigInt, Float or Decimal field (@length limits a String)",
            )
        elif name in NUMBER_RULES:
            value = _number(annotation)
            if field.type in WHOLE_TYPES and isinstance(value, float):
                fail(
                    annotation,
                    f"@{name}({value}) on {where}: {field.type} holds whole numbers",
                    "use a whole number",
                )
            low, high = INT32 if field.type == "Int" else INT64
            if field.type in WHOLE_TYPES and isinstance(value, int) and not low <= value <= high:
                fail(
                    annotation,
                    f"@{name}({value}) is outside what {field.type} {where} can hold",
                    f"use a value from {low} to {high}",
                )
        elif name in STRING_RULES and not (scalar and field.type == "String"):
            fail(
                annotation,
                f"@{name} needs a String field; {where} is {kind}",
                "use it on a String field"
                + (" (@min/@max bound a number)" if name == "length" else ""),
            )
        elif name == "length":
            out += _length_problems(annotation, where, fail)
        elif name == "regex":
            pattern = annotation.args[0] if annotation.args else None
            problem = regex_problem(pattern) if isinstance(pattern, str) else None
            if problem is not None:
                fail(
                    annotation,
                    f"@regex on {where} is not a valid JavaScript regular expression: {problem}",
                    'write it as JavaScript reads it (flag "u"), e.g. @regex("^[a-z0-9-]+$")',
                )
    low_rule = field.annotation("min")
    high_rule = field.annotation("max")
    if low_rule is not None and high_rule is not None:
        low_value, high_value = _number(low_rule), _number(high_rule)
        if low_value is not None and high_value is not None and low_value > high_value:
            fail(
                low_rule,
                f"@min({low_value}) is above @max({high_value}) on {where}",
                "no value could be written: swap them",
            )
    formats = [a for a in field.annotations if a.name in FORMATS]
    for extra in formats[1:]:
        fail(
            extra,
            f"@{extra.name} and @{formats[0].name} on {where}: a value has one format",
            f"keep one of @{formats[0].name} and @{extra.name}",
        )
    out += _write_problems(field, where)
    return out


def _length_problems(annotation: Annotation, where: str, fail: object) -> list[Diagnostic]:
    assert callable(fail)
    given_args = len(annotation.args)
    keys = [k for k, _ in annotation.kwargs]
    if given_args == 1 and not keys:
        fail(
            annotation,
            f"@length({annotation.args[0]}) on {where}: one number is ambiguous",
            "give both bounds, @length(1, 200), or name one: @length(max: 200)",
        )
        return []
    if given_args + len(keys) == 0:
        fail(annotation, f"@length on {where} names no bound", "e.g. @length(1, 200)")
        return []
    if ("min" in keys and given_args >= 1) or ("max" in keys and given_args >= 2):
        fail(
            annotation,
            f"@length on {where} gives a bound twice",
            "use @length(1, 200) or @length(min: 1, max: 200)",
        )
        return []
    low, high = length_bounds(annotation)
    if low is not None and low < 0:
        fail(annotation, f"@length(min: {low}) on {where} is negative", "use 0 or more")
    if high is not None and high < 1:
        fail(annotation, f"@length(max: {high}) on {where} allows no text", "use 1 or more")
    if low is not None and high is not None and low > high:
        fail(
            annotation,
            f"@length on {where}: min {low} is above max {high}",
            "no text could be written: swap them",
        )
    return []


def _write_problems(field: Field, where: str) -> list[Diagnostic]:
    """`@writable` only reopens a server-set timestamp; `@readonly` and `@writable` exclude
    each other; `@readonly` is for scalar fields."""
    out: list[Diagnostic] = []
    writable = field.annotation("writable")
    readonly = field.annotation("readonly")
    if writable is not None and readonly is not None:
        out.append(
            Diagnostic.at(
                writable.span,
                f"{where} is both @readonly and @writable",
                "keep one of them",
            )
        )
    elif writable is not None and not (field.is_updated_at or is_now_default(field)):
        out.append(
            Diagnostic.at(
                writable.span,
                f"@writable on {where} changes nothing: only @default(now()) and @updatedAt "
                "fields are read-only by default",
                "remove it",
            )
        )
    if readonly is not None and field.kind is FieldKind.OBJECT:
        out.append(
            Diagnostic.at(
                readonly.span,
                f"@readonly on {where}: a relation field is not written directly",
                "put @readonly on its foreign-key field",
            )
        )
    return out
