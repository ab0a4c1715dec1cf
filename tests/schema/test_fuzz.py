"""Mutated corpus schemas: the parser returns a Schema or raises SchemaError, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schema_corpus import invalid_schemas, schema_files, valid_schemas

from ssot_ast.schema import Schema, SchemaError, dump_dmmf, parse_schema_text
from ssot_ast.schema.lexer import TOKEN_RE

TEXTS = [text for p in valid_schemas() + invalid_schemas() for _, text in schema_files(p)]


def _tokens(text: str) -> list[str]:
    return [m.group() for m in TOKEN_RE.finditer(text)]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    unit = draw(st.sampled_from(["token", "line"]))
    parts = _tokens(text) if unit == "token" else text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not parts:
            break
        index = draw(st.integers(0, len(parts) - 1))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "swap"]))
        if action == "delete":
            del parts[index]
        elif action == "duplicate":
            parts.insert(index, parts[index])
        elif action == "swap" and index + 1 < len(parts):
            parts[index], parts[index + 1] = parts[index + 1], parts[index]
        else:
            extra = draw(
                st.sampled_from(
                    [
                        "{",
                        "}",
                        "(",
                        ")",
                        "[",
                        "]",
                        "@",
                        "@@",
                        "?",
                        '"',
                        "\n",
                        "model",
                        " x ",
                        "@relation",
                        "@id",
                        "Int",
                        ",",
                        ":",
                        "///@auth(",
                        "@default(",
                        "é",
                    ]
                )
            )
            parts.insert(index, extra)
    return "".join(parts)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_give_schema_or_schema_error(text: str) -> None:
    try:
        schema = parse_schema_text(text)
    except SchemaError as error:
        assert error.diagnostics
        assert str(error)
        return
    assert isinstance(schema, Schema)
    dump_dmmf(schema)
