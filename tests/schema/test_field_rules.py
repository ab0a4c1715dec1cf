"""Validation and write annotations of fields: several per `///` line, each misuse a schema
error with location, caret and hint (all at once), and a @regex checked as JavaScript reads it."""

from __future__ import annotations

import pytest

from ssot_ast.schema import SchemaError, parse_schema_text

HEAD = 'datasource db {\n  provider = "sqlite"\n}\n\n'


def _model(*fields: str) -> str:
    body = "\n".join("  " + line for f in fields for line in f.splitlines())
    return HEAD + "model A {\n  id Int @id @default(autoincrement())\n" + body + "\n}\n"


def _errors(text: str) -> list[str]:
    with pytest.raises(SchemaError) as caught:
        parse_schema_text(text, "s.prisma")
    return [d.render(text.splitlines()) for d in caught.value.diagnostics]


def test_rules_parse_several_per_line_with_their_own_spans() -> None:
    text = _model(
        "/// @min(1) @max(5)\nrating Int",
        '/// @length(1, 200) @trim @lowercase @regex("^\\d+$")\ncode String',
        "/// @length(max: 20) @email\nmail String",
    )
    model = parse_schema_text(text).model("A")
    rating = model.field("rating")
    assert [a.name for a in rating.annotations] == ["min", "max"]
    low, high = rating.annotations
    assert (low.args, high.args) == ((1,), (5,))
    assert (low.span.col, low.span.length, high.span.col) == (7, 7, 15)
    code = model.field("code")
    assert [a.name for a in code.annotations] == ["length", "trim", "lowercase", "regex"]
    # An escape JSON does not know keeps its backslash: the pattern reads as written.
    assert code.annotation("regex").args == ("^\\d+$",)  # type: ignore[union-attr]
    assert model.field("mail").annotation("length").get("max") == 20  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "field, fragment, hint",
    [
        ("/// @email\nn Int", "@email needs a String field; A.n is Int", "String field"),
        ("/// @min(1)\ns String", "@min needs a number field; A.s is String", "@length"),
        ("/// @min(5) @max(1)\nn Int", "@min(5) is above @max(1) on A.n", "swap"),
        ("/// @min(1.5)\nn Int", "Int holds whole numbers", "whole number"),
        ("/// @max(3000000000)\nn Int", "outside what Int A.n can hold", "2147483647"),
        ('/// @regex("(")\ns String', "not a valid JavaScript regular expression", 'flag "u"'),
        ('/// @regex("a{2,1}")\ns String', "Invalid quantifier", None),
        ('/// @regex("\\\\a")\ns String', "Invalid character escape", None),
        ("/// @length(5)\ns String", "one number is ambiguous", "@length(max: 200)"),
        ("/// @length(9, 2)\ns String", "min 9 is above max 2", "swap"),
        ("/// @length(max: 0)\ns String", "allows no text", None),
        ("/// @length(mx: 3)\ns String", '@length has no argument "mx"', 'did you mean "max"?'),
        ("/// @email @url\ns String", "a value has one format", "keep one"),
        ("/// @trim\ns String[]", "@trim needs a String field; A.s is a list", None),
        ("/// @min(1) @min(2)\nn Int", "@min is given twice", "keep one"),
        ("/// @email(true)\ns String", "@email takes 0 unnamed argument(s)", None),
        ("/// @readonly\ns String", "A.s is @readonly but required on create", "@default"),
        ("/// @writable\ns String", "@writable on A.s changes nothing", "remove it"),
        (
            "/// @readonly @writable\nt DateTime @default(now())",
            "both @readonly and @writable",
            None,
        ),
        ("/// @min(1) trailing\nn Int", "unexpected text after the annotation", None),
    ],
)
def test_misuse_is_a_located_error(field: str, fragment: str, hint: str | None) -> None:
    errors = _errors(_model(field))
    assert any(fragment in e for e in errors), errors
    found = next(e for e in errors if fragment in e)
    assert found.startswith("s.prisma:") and "^" in found
    if hint is not None:
        assert hint in found


def test_all_rule_errors_at_once() -> None:
    errors = _errors(
        _model("/// @email\nn Int", "/// @min(1)\ns String", "/// @length(5)\nt String")
    )
    assert len(errors) == 3


def test_valid_uses_pass() -> None:
    schema = parse_schema_text(
        _model(
            "/// @min(-5) @max(5)\nn Int",
            "/// @min(0.01) @max(99.99)\nd Decimal",
            "/// @min(0)\nbig BigInt",
            "/// @min(0) @max(1.5)\nf Float?",
            '/// @length(min: 2) @trim @lowercase @regex("^[a-z0-9-]+$")\ns String',
            "/// @uuid\nu String?",
            "/// @url\nw String?",
            "/// @readonly\nr String?",
            "/// @readonly\nq Int @default(0)",
            "/// @writable\nc DateTime @default(now())",
            "/// @writable\nup DateTime @updatedAt",
        )
    )
    assert len(schema.model("A").fields) == 12
