"""The import pass: grouping, type-only imports, relative paths, aliasing, errors."""

from __future__ import annotations

import pytest

from ssot_ast.ts import TYPE, VALUE, ModuleRef, PrintOptions, SourceFile, Symbol, print_source_file
from ssot_ast.ts.build import (
    call,
    const,
    expr_stmt,
    function,
    param,
    ref,
    return_,
    t_sym,
    t_typeof,
    type_alias,
)

A = ModuleRef.file("src/gen/a/a.model")
B = ModuleRef.file("src/gen/b/b.model")


def imports_of(
    *statements: object, path: str = "src/gen/post/post.service.ts", **kw: object
) -> str:
    text = print_source_file(SourceFile(path=path, statements=statements), **kw)  # type: ignore
    return "\n".join(line for line in text.splitlines() if line.startswith("import"))


def test_same_name_from_two_modules_gets_alias() -> None:
    user_a = Symbol(name="User", module=A, kind=VALUE)
    user_b = Symbol(name="User", module=B, kind=VALUE)
    text = print_source_file(
        SourceFile(
            path="src/gen/post/post.service.ts",
            statements=(const("x", call(ref(user_a), ref(user_b))),),
        )
    )
    assert 'import { User } from "../a/a.model.js";' in text
    assert 'import { User as UserModel } from "../b/b.model.js";' in text
    assert "const x = User(UserModel);" in text


def test_type_only_use() -> None:
    t = Symbol(name="Post", module=A, kind=TYPE)
    assert imports_of(type_alias("P", t_sym(t))) == 'import type { Post } from "../a/a.model.js";'


def test_typeof_in_type_is_type_only() -> None:
    v = Symbol(name="schema", module=A, kind=VALUE)
    assert imports_of(type_alias("S", t_typeof(ref(v)))) == (
        'import type { schema } from "../a/a.model.js";'
    )


def test_value_and_type_use_of_same_symbol() -> None:
    post = Symbol(name="Post", module=A)
    other = Symbol(name="Other", module=A, kind=TYPE)
    text = imports_of(
        type_alias("P", t_sym(other)), const("x", ref(post)), type_alias("Q", t_sym(post))
    )
    assert text == 'import { type Other, Post } from "../a/a.model.js";'


def test_local_declaration_shadows_import() -> None:
    user = Symbol(name="User", module=A, kind=VALUE)
    text = print_source_file(
        SourceFile(
            path="src/gen/post/post.service.ts",
            statements=(function("User", [], [return_(ref(user))]),),
        )
    )
    assert 'import { User as UserModel } from "../a/a.model.js";' in text
    assert "return UserModel;" in text


def test_parameter_name_shadows_import() -> None:
    post = Symbol(name="post", module=A, kind=VALUE)
    text = print_source_file(
        SourceFile(
            path="src/gen/x.ts",
            statements=(function("f", [param("post")], [return_(call(ref(post), call("post")))]),),
        )
    )
    assert 'import { post as postModel } from "./a/a.model.js";' in text


def test_symbol_from_file_itself_is_not_imported() -> None:
    path = "src/gen/a/a.model.ts"
    own = Symbol(name="helper", module=A, kind=VALUE)
    text = print_source_file(
        SourceFile(path=path, statements=(const("helper", call("f")), const("y", ref(own))))
    )
    assert "import" not in text
    assert "const y = helper;" in text


def test_unresolvable_self_reference_is_an_error() -> None:
    own = Symbol(name="missing", module=A, kind=VALUE)
    with pytest.raises(ValueError, match="not declared"):
        print_source_file(
            SourceFile(path="src/gen/a/a.model.ts", statements=(const("y", ref(own)),))
        )


def test_type_symbol_used_as_value_is_an_error() -> None:
    t = Symbol(name="T", module=A, kind=TYPE)
    with pytest.raises(ValueError, match="used as a value"):
        print_source_file(SourceFile(path="src/x.ts", statements=(const("y", ref(t)),)))


def test_relative_paths_between_nested_folders() -> None:
    deep = Symbol(name="x", module=ModuleRef.file("lib/x"), kind=VALUE)
    assert imports_of(const("y", ref(deep)), path="src/gen/post/post.ts") == (
        'import { x } from "../../../lib/x.js";'
    )
    sibling = Symbol(name="s", module=ModuleRef.file("src/gen/post/s"), kind=VALUE)
    assert imports_of(const("y", ref(sibling)), path="src/gen/post/post.ts") == (
        'import { s } from "./s.js";'
    )


def test_extension_option() -> None:
    s = Symbol(name="s", module=ModuleRef.file("src/s"), kind=VALUE)
    assert imports_of(const("y", ref(s)), path="src/a.ts", options=PrintOptions(import_extension=".ts")) == 'import { s } from "./s.ts";'  # fmt: skip
    assert imports_of(const("y", ref(s)), path="src/a.ts", options=PrintOptions(import_extension="")) == 'import { s } from "./s";'  # fmt: skip


def test_namespace_and_default_imports_and_sorting() -> None:
    express = Symbol(name="express", module=ModuleRef.package("express"), kind=VALUE, default=True)
    router = Symbol(name="Router", module=ModuleRef.package("express"), kind=VALUE)
    crypto = Symbol(name="crypto", module=ModuleRef.package("node:crypto"), namespace=True)
    local = Symbol(name="a", module=ModuleRef.file("src/a"), kind=VALUE)
    text = imports_of(
        const("y", call(ref(local), ref(crypto), ref(router), ref(express))), path="src/b.ts"
    )
    assert text.splitlines() == [
        'import express, { Router } from "express";',
        'import * as crypto from "node:crypto";',
        'import { a } from "./a.js";',
    ]


def test_reserved_global_is_aliased() -> None:
    date = Symbol(name="Date", module=A, kind=VALUE)
    assert imports_of(const("y", ref(date)), path="src/x.ts") == (
        'import { Date as DateModel } from "./gen/a/a.model.js";'
    )


def test_duplicate_uses_are_merged() -> None:
    s = Symbol(name="s", module=A, kind=VALUE)
    assert imports_of(const("y", call(ref(s), ref(s))), expr_stmt(ref(s))) == (
        'import { s } from "../a/a.model.js";'
    )
