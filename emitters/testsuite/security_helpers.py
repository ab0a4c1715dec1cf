"""The schema-independent part of `tests/security.test.ts` in every generated app with a user
model: requests with a chosen access token and refresh cookie, HS256 signing of test tokens
with node:crypto, and the assertions of access decisions, hidden fields and rate limits.
`emitters.testsuite.security` adds the declarations and tests that follow the schema.

Converted once from TypeScript with tools/ts_to_ast.py; maintained here since."""

from __future__ import annotations

import attrs

from ssot_ast.ts.build import (
    binary,
    call,
    cond,
    ident,
    if_,
    member,
    not_,
    num,
    param,
    ref,
    return_,
    str_,
    t_ref,
    t_sym,
    typeof,
)
from ssot_ast.ts.common import Block, Expression, Parameter, Statement
from ssot_ast.ts.declarations import FunctionDeclaration, TypeAliasDeclaration
from ssot_ast.ts.expressions import (
    ArrayLiteralExpression,
    ArrowFunction,
    CallExpression,
    PrefixUnaryExpression,
    StringLiteral,
    ComputedPropertyName,
    NewExpression,
    AssignmentExpression,
    AwaitExpression,
    ElementAccessExpression,
    NullLiteral,
    ObjectLiteralExpression,
    PropertyAssignment,
    RegularExpressionLiteral,
    ShorthandPropertyAssignment,
    SpreadAssignment,
    TemplateExpression,
)
from ssot_ast.ts.statements import (
    ExpressionStatement,
    ForOfStatement,
    VariableStatement,
    WhileStatement,
)
from ssot_ast.ts.symbols import ModuleRef, Symbol, TYPE, VALUE
from ssot_ast.ts.types import (
    ArrayType,
    FunctionType,
    IntersectionType,
    PropertySignature,
    TypeLiteral,
    TypeOperator,
    UnionType,
)
from emitters.app.auth_routes import REFRESH_COOKIE
from emitters.runtime._nodes import Chain, call_method, kw

NODE_ASSERT_STRICT_PACKAGE = ModuleRef.package("node:assert/strict")
ASSERT = Symbol(name="assert", module=NODE_ASSERT_STRICT_PACKAGE, kind=VALUE, default=True)
NODE_CRYPTO_PACKAGE = ModuleRef.package("node:crypto")
CREATE_HMAC = Symbol(name="createHmac", module=NODE_CRYPTO_PACKAGE, kind=VALUE)
TESTS_HELPERS_MODULE = ModuleRef.file("tests/helpers")
ANSWER = Symbol(name="Answer", module=TESTS_HELPERS_MODULE, kind=TYPE)
APP_URL = Symbol(name="appUrl", module=TESTS_HELPERS_MODULE, kind=VALUE)
EXPECT_ERROR = Symbol(name="expectError", module=TESTS_HELPERS_MODULE, kind=VALUE)
ROW_OF = Symbol(name="rowOf", module=TESTS_HELPERS_MODULE, kind=VALUE)
TEXT = Symbol(name="text", module=TESTS_HELPERS_MODULE, kind=VALUE)
RESOURCE = Symbol(name="Resource", module=TESTS_HELPERS_MODULE, kind=TYPE)
ROW = Symbol(name="Row", module=TESTS_HELPERS_MODULE, kind=TYPE)
KEYS_OF = Symbol(name="keysOf", module=TESTS_HELPERS_MODULE, kind=VALUE)
CALL = Symbol(name="call", module=TESTS_HELPERS_MODULE, kind=VALUE)
PATH_OF = Symbol(name="pathOf", module=TESTS_HELPERS_MODULE, kind=VALUE)
TEST_SECRET = Symbol(name="TEST_SECRET", module=TESTS_HELPERS_MODULE, kind=VALUE)
NODE_TEST_PACKAGE = ModuleRef.package("node:test")
DESCRIBE = Symbol(name="describe", module=NODE_TEST_PACKAGE, kind=VALUE)
TEST = Symbol(name="test", module=NODE_TEST_PACKAGE, kind=VALUE)
CREATED = Symbol(name="created", module=TESTS_HELPERS_MODULE, kind=VALUE)
OBJECT_OF = Symbol(name="objectOf", module=TESTS_HELPERS_MODULE, kind=VALUE)


def _reply() -> TypeAliasDeclaration:
    return TypeAliasDeclaration(
        name="Reply",
        type=IntersectionType(
            types=(
                t_sym(ANSWER),
                TypeLiteral(
                    members=(
                        PropertySignature(name="setCookie", type=kw("string")),
                        PropertySignature(
                            name="retryAfter", type=UnionType(types=(kw("string"), kw("null")))
                        ),
                    )
                ),
            )
        ),
        export=False,
        doc="An answer with what the security tests read from its headers.",
    )


def _person() -> TypeAliasDeclaration:
    return TypeAliasDeclaration(
        name="Person",
        type=TypeLiteral(
            members=(
                PropertySignature(name="token", type=kw("string")),
                PropertySignature(name="id", type=kw("unknown")),
                PropertySignature(name="identifier", type=kw("string")),
                PropertySignature(name="cookie", type=UnionType(types=(kw("string"), kw("null")))),
            )
        ),
        export=False,
        doc="A signed-in user: access token, id, identifier and refresh cookie.",
        blank_line_before=True,
    )


def _send() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="send",
        parameters=(
            param("method", kw("string")),
            param("path", kw("string")),
            param("token", UnionType(types=(kw("string"), kw("null")))),
            Parameter(name="body", type=kw("unknown"), optional=True),
            Parameter(
                name="cookie", type=UnionType(types=(kw("string"), kw("null"))), optional=True
            ),
        ),
        return_type=t_ref("Promise", t_ref("Reply")),
        body=Block(
            statements=(
                VariableStatement(
                    name="headers",
                    type=t_ref("Record", kw("string"), kw("string")),
                    initializer=ObjectLiteralExpression(),
                ),
                if_(
                    binary(ident("token"), "!==", NullLiteral()),
                    [
                        ExpressionStatement(
                            expression=AssignmentExpression(
                                target=ElementAccessExpression(
                                    expression=ident("headers"), index=str_("authorization")
                                ),
                                operator="=",
                                value=TemplateExpression(parts=("Bearer ", ident("token"))),
                            )
                        )
                    ],
                ),
                if_(
                    binary(
                        binary(ident("cookie"), "!==", ident("undefined")),
                        "&&",
                        binary(ident("cookie"), "!==", NullLiteral()),
                    ),
                    [
                        ExpressionStatement(
                            expression=AssignmentExpression(
                                target=ElementAccessExpression(
                                    expression=ident("headers"), index=str_("cookie")
                                ),
                                operator="=",
                                value=TemplateExpression(
                                    parts=(f"{REFRESH_COOKIE}=", ident("cookie"))
                                ),
                            )
                        )
                    ],
                ),
                if_(
                    binary(ident("body"), "!==", ident("undefined")),
                    [
                        ExpressionStatement(
                            expression=AssignmentExpression(
                                target=ElementAccessExpression(
                                    expression=ident("headers"), index=str_("content-type")
                                ),
                                operator="=",
                                value=str_("application/json"),
                            )
                        )
                    ],
                ),
                VariableStatement(
                    name="response",
                    initializer=AwaitExpression(
                        expression=call(
                            ident("fetch"),
                            binary(
                                AwaitExpression(expression=call(ref(APP_URL))), "+", ident("path")
                            ),
                            ObjectLiteralExpression(
                                properties=(
                                    ShorthandPropertyAssignment(name="method"),
                                    ShorthandPropertyAssignment(name="headers"),
                                    PropertyAssignment(
                                        key="body",
                                        value=cond(
                                            binary(ident("body"), "===", ident("undefined")),
                                            ident("undefined"),
                                            call_method(ident("JSON"), "stringify", ident("body")),
                                        ),
                                    ),
                                ),
                                multiline=True,
                            ),
                        )
                    ),
                ),
                VariableStatement(
                    name="raw",
                    initializer=AwaitExpression(expression=call_method(ident("response"), "text")),
                ),
                VariableStatement(
                    name="json",
                    initializer=call_method(
                        binary(
                            call_method(
                                member(ident("response"), "headers"), "get", str_("content-type")
                            ),
                            "??",
                            str_(""),
                        ),
                        "includes",
                        str_("json"),
                    ),
                ),
                VariableStatement(
                    name="parsed",
                    type=kw("unknown"),
                    initializer=cond(
                        binary(binary(ident("raw"), "!==", str_("")), "&&", ident("json")),
                        call_method(ident("JSON"), "parse", ident("raw")),
                        ident("undefined"),
                    ),
                ),
                return_(
                    ObjectLiteralExpression(
                        properties=(
                            PropertyAssignment(
                                key="status", value=member(ident("response"), "status")
                            ),
                            PropertyAssignment(
                                key="location",
                                value=call_method(
                                    member(ident("response"), "headers"), "get", str_("location")
                                ),
                            ),
                            PropertyAssignment(key="text", value=ident("raw")),
                            PropertyAssignment(key="body", value=ident("parsed")),
                            PropertyAssignment(
                                key="setCookie",
                                value=binary(
                                    call_method(
                                        member(ident("response"), "headers"),
                                        "get",
                                        str_("set-cookie"),
                                    ),
                                    "??",
                                    str_(""),
                                ),
                            ),
                            PropertyAssignment(
                                key="retryAfter",
                                value=call_method(
                                    member(ident("response"), "headers"), "get", str_("retry-after")
                                ),
                            ),
                        ),
                        multiline=True,
                    )
                ),
            )
        ),
        async_=True,
        doc="One request with `token` (null: none) and, when given, the refresh cookie.",
        blank_line_before=True,
    )


def _cookie_of() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="cookieOf",
        parameters=(param("reply", t_ref("Reply")),),
        return_type=UnionType(types=(kw("string"), kw("null"))),
        body=Block(
            statements=(
                VariableStatement(
                    name="value",
                    initializer=ElementAccessExpression(
                        expression=call_method(
                            RegularExpressionLiteral(pattern=f"{REFRESH_COOKIE}=([^;]*)"),
                            "exec",
                            member(ident("reply"), "setCookie"),
                        ),
                        index=num(1),
                        optional=True,
                    ),
                ),
                return_(
                    cond(
                        binary(
                            binary(ident("value"), "===", ident("undefined")),
                            "||",
                            binary(ident("value"), "===", str_("")),
                        ),
                        NullLiteral(),
                        ident("value"),
                    )
                ),
            )
        ),
        doc="The refresh token an answer set in its cookie; null when it set none or cleared it.",
        blank_line_before=True,
    )


def _token_of() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="tokenOf",
        parameters=(param("reply", t_ref("Reply")),),
        return_type=kw("string"),
        body=Block(
            statements=(
                VariableStatement(
                    name="token",
                    initializer=ElementAccessExpression(
                        expression=call(ref(ROW_OF), ident("reply")), index=str_("accessToken")
                    ),
                ),
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "equal",
                        typeof(ident("token")),
                        str_("string"),
                        member(ident("reply"), "text"),
                    )
                ),
                return_(call(ref(TEXT), ident("token"))),
            )
        ),
        doc="The access token of an answer from /auth (register, login, refresh).",
        blank_line_before=True,
    )


def _base64url() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="base64url",
        parameters=(param("value", kw("object")),),
        return_type=kw("string"),
        body=Block(
            statements=(
                return_(
                    Chain(ident("Buffer"))
                    .call("from", call_method(ident("JSON"), "stringify", ident("value")))
                    .call("toString", str_("base64url"))
                    .expr
                ),
            )
        ),
        blank_line_before=True,
    )


def _sign() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="sign",
        parameters=(
            param("header", kw("object")),
            param("claims", kw("object")),
            param("secret", kw("string")),
        ),
        return_type=kw("string"),
        body=Block(
            statements=(
                VariableStatement(
                    name="input",
                    initializer=TemplateExpression(
                        parts=(
                            call(ident("base64url"), ident("header")),
                            ".",
                            call(ident("base64url"), ident("claims")),
                        )
                    ),
                ),
                return_(
                    TemplateExpression(
                        parts=(
                            ident("input"),
                            ".",
                            Chain(call(ref(CREATE_HMAC), str_("sha256"), ident("secret")))
                            .call("update", ident("input"))
                            .call("digest", str_("base64url"))
                            .expr,
                        )
                    )
                ),
            )
        ),
        doc="A JWT of `header` and `claims` signed with HS256 and `secret`, as the app signs its own.",
        blank_line_before=True,
    )


def _claims_of() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="claimsOf",
        parameters=(param("token", kw("string")),),
        return_type=t_sym(ROW),
        body=Block(
            statements=(
                VariableStatement(
                    name="payload",
                    initializer=binary(
                        ElementAccessExpression(
                            expression=call_method(ident("token"), "split", str_(".")), index=num(1)
                        ),
                        "??",
                        str_(""),
                    ),
                ),
                VariableStatement(
                    name="claims",
                    type=kw("unknown"),
                    initializer=call_method(
                        ident("JSON"),
                        "parse",
                        Chain(ident("Buffer"))
                        .call("from", ident("payload"), str_("base64url"))
                        .call("toString", str_("utf8"))
                        .expr,
                    ),
                ),
                return_(
                    call(
                        ref(ROW_OF),
                        ObjectLiteralExpression(
                            properties=(
                                PropertyAssignment(key="status", value=num(200)),
                                PropertyAssignment(key="location", value=NullLiteral()),
                                PropertyAssignment(key="text", value=ident("payload")),
                                PropertyAssignment(key="body", value=ident("claims")),
                            )
                        ),
                    )
                ),
            )
        ),
        doc="The claims of an access token (not verified).",
        blank_line_before=True,
    )


def _expect_status() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="expectStatus",
        parameters=(
            param("answer", t_sym(ANSWER)),
            param("status", kw("number")),
            param("who", kw("string")),
        ),
        return_type=kw("void"),
        body=Block(
            statements=(
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "equal",
                        member(ident("answer"), "status"),
                        ident("status"),
                        TemplateExpression(
                            parts=(ident("who"), ": ", member(ident("answer"), "text"))
                        ),
                    )
                ),
                if_(
                    binary(ident("status"), ">=", num(400)),
                    [
                        ExpressionStatement(
                            expression=call(ref(EXPECT_ERROR), ident("answer"), ident("status"))
                        )
                    ],
                ),
            )
        ),
        doc="Asserts the status of an answer; refusals also have the API's error shape.",
        blank_line_before=True,
    )


def _expect_keys() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="expectKeys",
        parameters=(
            param("answer", t_sym(ANSWER)),
            param("resource", t_sym(RESOURCE)),
            param(
                "wanted", TypeOperator(operator="readonly", type=ArrayType(element_type=t_sym(ROW)))
            ),
            param("who", kw("string")),
        ),
        return_type=kw("void"),
        body=Block(
            statements=(
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "equal",
                        member(ident("answer"), "status"),
                        num(200),
                        TemplateExpression(
                            parts=(ident("who"), ": ", member(ident("answer"), "text"))
                        ),
                    )
                ),
                VariableStatement(
                    name="data",
                    initializer=ElementAccessExpression(
                        expression=call(ref(ROW_OF), ident("answer")), index=str_("data")
                    ),
                ),
                VariableStatement(
                    name="rows",
                    initializer=cond(
                        call_method(ident("Array"), "isArray", ident("data")),
                        call_method(
                            ident("data"),
                            "map",
                            ArrowFunction(
                                parameters=(param("item", kw("unknown")),),
                                body=call(
                                    ref(ROW_OF),
                                    ObjectLiteralExpression(
                                        properties=(
                                            SpreadAssignment(expression=ident("answer")),
                                            PropertyAssignment(key="body", value=ident("item")),
                                        )
                                    ),
                                ),
                            ),
                        ),
                        ArrayLiteralExpression(),
                    ),
                ),
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "deepEqual",
                        call_method(call(ref(KEYS_OF), ident("resource"), ident("rows")), "sort"),
                        call_method(call(ref(KEYS_OF), ident("resource"), ident("wanted")), "sort"),
                        ident("who"),
                    )
                ),
            )
        ),
        doc="Asserts a list answer holds exactly the `wanted` records.",
        blank_line_before=True,
    )


def _expect_no_hidden() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="expectNoHidden",
        parameters=(
            param("answer", t_sym(ANSWER)),
            param(
                "hidden",
                TypeOperator(operator="readonly", type=ArrayType(element_type=kw("string"))),
            ),
            param("what", kw("string")),
        ),
        return_type=kw("void"),
        body=Block(
            statements=(
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "ok",
                        binary(member(ident("answer"), "status"), "<", num(300)),
                        TemplateExpression(
                            parts=(
                                ident("what"),
                                ": ",
                                member(ident("answer"), "status"),
                                " ",
                                member(ident("answer"), "text"),
                            )
                        ),
                    )
                ),
                ForOfStatement(
                    name="field",
                    iterable=ident("hidden"),
                    body=Block(
                        statements=(
                            ExpressionStatement(
                                expression=call_method(
                                    ref(ASSERT),
                                    "ok",
                                    not_(
                                        call_method(
                                            member(ident("answer"), "text"),
                                            "includes",
                                            TemplateExpression(parts=('"', ident("field"), '":')),
                                        )
                                    ),
                                    TemplateExpression(
                                        parts=(
                                            ident("what"),
                                            " answers ",
                                            ident("field"),
                                            ": ",
                                            member(ident("answer"), "text"),
                                        )
                                    ),
                                )
                            ),
                        )
                    ),
                ),
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "ok",
                        not_(
                            call_method(
                                member(ident("answer"), "text"), "includes", str_("scrypt$")
                            )
                        ),
                        TemplateExpression(parts=(ident("what"), " answers a password hash")),
                    )
                ),
            )
        ),
        doc="Asserts a successful answer names none of the hidden fields and holds no password hash.",
        blank_line_before=True,
    )


def _expect_rate_limited() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="expectRateLimited",
        parameters=(
            param("max", kw("number")),
            param(
                "request", FunctionType(parameters=(), return_type=t_ref("Promise", t_ref("Reply")))
            ),
        ),
        return_type=t_ref("Promise", kw("void")),
        body=Block(
            statements=(
                VariableStatement(name="sent", initializer=num(0), kind="let"),
                WhileStatement(
                    condition=binary(ident("sent"), "<=", ident("max")),
                    body=Block(
                        statements=(
                            ExpressionStatement(
                                expression=AssignmentExpression(
                                    target=ident("sent"), operator="+=", value=num(1)
                                )
                            ),
                            VariableStatement(
                                name="answer",
                                initializer=AwaitExpression(expression=call(ident("request"))),
                            ),
                            if_(
                                binary(member(ident("answer"), "status"), "===", num(429)),
                                [
                                    ExpressionStatement(
                                        expression=call(
                                            ref(EXPECT_ERROR), ident("answer"), num(429)
                                        )
                                    ),
                                    ExpressionStatement(
                                        expression=call_method(
                                            ref(ASSERT),
                                            "ok",
                                            binary(
                                                call(
                                                    ident("Number"),
                                                    member(ident("answer"), "retryAfter"),
                                                ),
                                                ">",
                                                num(0),
                                            ),
                                            TemplateExpression(
                                                parts=(
                                                    "Retry-After: ",
                                                    member(ident("answer"), "retryAfter"),
                                                )
                                            ),
                                        )
                                    ),
                                    return_(),
                                ],
                            ),
                        )
                    ),
                ),
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "fail",
                        TemplateExpression(
                            parts=("no 429 after ", binary(ident("max"), "+", num(1)), " requests")
                        ),
                    )
                ),
            )
        ),
        async_=True,
        doc="Repeats a request until it is refused with 429; within `max + 1` requests, with Retry-After.",
        blank_line_before=True,
    )


def _register() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="register",
        return_type=t_ref("Promise", t_ref("Person")),
        body=Block(
            statements=(
                VariableStatement(name="body", initializer=call(ident("registerBody"))),
                VariableStatement(
                    name="reply",
                    initializer=AwaitExpression(
                        expression=call(
                            ident("send"),
                            str_("POST"),
                            str_("/auth/register"),
                            NullLiteral(),
                            ident("body"),
                        )
                    ),
                ),
                VariableStatement(
                    name="user",
                    initializer=call(
                        ref(OBJECT_OF),
                        ElementAccessExpression(
                            expression=call(ref(CREATED), ident("reply")), index=str_("user")
                        ),
                    ),
                ),
                return_(
                    ObjectLiteralExpression(
                        properties=(
                            PropertyAssignment(
                                key="token", value=call(ident("tokenOf"), ident("reply"))
                            ),
                            PropertyAssignment(
                                key="id",
                                value=ElementAccessExpression(
                                    expression=ident("user"), index=ident("ID")
                                ),
                            ),
                            PropertyAssignment(
                                key="identifier",
                                value=call(
                                    ref(TEXT),
                                    ElementAccessExpression(
                                        expression=ident("body"), index=ident("IDENTIFIER")
                                    ),
                                ),
                            ),
                            PropertyAssignment(
                                key="cookie", value=call(ident("cookieOf"), ident("reply"))
                            ),
                        ),
                        multiline=True,
                    )
                ),
            )
        ),
        async_=True,
        doc="Signs a new user up through /auth/register: new users get the default role.",
    )


def _login() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="login",
        parameters=(param("person", t_ref("Person")),),
        return_type=t_ref("Promise", t_ref("Person")),
        body=Block(
            statements=(
                VariableStatement(
                    name="reply",
                    initializer=AwaitExpression(
                        expression=call(
                            ident("send"),
                            str_("POST"),
                            str_("/auth/login"),
                            NullLiteral(),
                            ObjectLiteralExpression(
                                properties=(
                                    PropertyAssignment(
                                        key=ComputedPropertyName(expression=ident("IDENTIFIER")),
                                        value=member(ident("person"), "identifier"),
                                    ),
                                    PropertyAssignment(key="password", value=ident("PASSWORD")),
                                ),
                                multiline=True,
                            ),
                        )
                    ),
                ),
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "equal",
                        member(ident("reply"), "status"),
                        num(200),
                        member(ident("reply"), "text"),
                    )
                ),
                return_(
                    ObjectLiteralExpression(
                        properties=(
                            SpreadAssignment(expression=ident("person")),
                            PropertyAssignment(
                                key="token", value=call(ident("tokenOf"), ident("reply"))
                            ),
                            PropertyAssignment(
                                key="cookie", value=call(ident("cookieOf"), ident("reply"))
                            ),
                        )
                    )
                ),
            )
        ),
        async_=True,
        doc="Signs `person` in again through /auth/login: a new access token and session.",
        blank_line_before=True,
    )


def _with_role() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="withRole",
        parameters=(param("role", kw("string")),),
        return_type=t_ref("Promise", t_ref("Person")),
        body=Block(
            statements=(
                VariableStatement(
                    name="person", initializer=AwaitExpression(expression=call(ident("register")))
                ),
                if_(
                    binary(ident("role"), "===", ident("DEFAULT_ROLE")), [return_(ident("person"))]
                ),
                VariableStatement(
                    name="answer",
                    initializer=AwaitExpression(
                        expression=call(
                            ref(CALL),
                            str_("PATCH"),
                            TemplateExpression(
                                parts=(
                                    ident("USERS"),
                                    "/",
                                    call(
                                        ident("encodeURIComponent"),
                                        call(ref(TEXT), member(ident("person"), "id")),
                                    ),
                                )
                            ),
                            ObjectLiteralExpression(
                                properties=(
                                    PropertyAssignment(
                                        key=ComputedPropertyName(expression=ident("ROLE")),
                                        value=ident("role"),
                                    ),
                                )
                            ),
                        )
                    ),
                ),
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "equal",
                        member(ident("answer"), "status"),
                        num(200),
                        member(ident("answer"), "text"),
                    )
                ),
                ExpressionStatement(
                    expression=call_method(
                        ref(ASSERT),
                        "equal",
                        ElementAccessExpression(
                            expression=call(ref(ROW_OF), ident("answer")), index=ident("ROLE")
                        ),
                        ident("role"),
                        member(ident("answer"), "text"),
                    )
                ),
                return_(call(ident("login"), ident("person"))),
            )
        ),
        async_=True,
        doc="A new user with `role`: registered, promoted by the administrator, signed in again (the new token carries the role).",
        blank_line_before=True,
    )


def _people() -> VariableStatement:
    return VariableStatement(
        name="people",
        initializer=NewExpression(
            callee=ident("Map"), type_arguments=(kw("string"), t_ref("Promise", t_ref("Person")))
        ),
        blank_line_before=True,
    )


def _person_a() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="person",
        parameters=(param("actor", kw("string")),),
        return_type=t_ref("Promise", t_ref("Person")),
        body=Block(
            statements=(
                VariableStatement(
                    name="found",
                    initializer=call_method(ident("people"), "get", ident("actor")),
                    kind="let",
                ),
                if_(
                    binary(ident("found"), "===", ident("undefined")),
                    [
                        ExpressionStatement(
                            expression=AssignmentExpression(
                                target=ident("found"),
                                operator="=",
                                value=call(
                                    ident("withRole"),
                                    call_method(
                                        ident("actor"),
                                        "replace",
                                        RegularExpressionLiteral(pattern="^other "),
                                        str_(""),
                                    ),
                                ),
                            )
                        ),
                        ExpressionStatement(
                            expression=call_method(
                                ident("people"), "set", ident("actor"), ident("found")
                            )
                        ),
                    ],
                ),
                return_(ident("found")),
            )
        ),
        doc='The user acting as `actor` (a role, or "other ROLE": a second user of the role), made on first use.',
        blank_line_before=True,
    )


def _person_b() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="person",
        parameters=(param("actor", kw("string")),),
        return_type=t_ref("Promise", t_ref("Person")),
        body=Block(
            statements=(
                VariableStatement(
                    name="found",
                    initializer=call_method(ident("people"), "get", ident("actor")),
                    kind="let",
                ),
                if_(
                    binary(ident("found"), "===", ident("undefined")),
                    [
                        ExpressionStatement(
                            expression=AssignmentExpression(
                                target=ident("found"), operator="=", value=call(ident("register"))
                            )
                        ),
                        ExpressionStatement(
                            expression=call_method(
                                ident("people"), "set", ident("actor"), ident("found")
                            )
                        ),
                    ],
                ),
                return_(ident("found")),
            )
        ),
        doc='The user acting as `actor` ("user", or "other user": a second user), made on first use.',
        blank_line_before=True,
    )


def _act() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="act",
        parameters=(
            param("actor", kw("string")),
            param("method", kw("string")),
            param("path", kw("string")),
            Parameter(name="body", type=kw("unknown"), optional=True),
        ),
        return_type=t_ref("Promise", t_ref("Reply")),
        body=Block(
            statements=(
                VariableStatement(
                    name="token",
                    initializer=cond(
                        binary(ident("actor"), "===", str_("anonymous")),
                        NullLiteral(),
                        member(
                            AwaitExpression(expression=call(ident("person"), ident("actor"))),
                            "token",
                        ),
                    ),
                ),
                return_(
                    call(
                        ident("send"), ident("method"), ident("path"), ident("token"), ident("body")
                    )
                ),
            )
        ),
        async_=True,
        doc='One request as `actor`: "anonymous" sends no token.',
        blank_line_before=True,
    )


def security_helper_statements() -> tuple[Statement, ...]:
    """The declarations of `tests/security.test.ts` that do not depend on the schema."""
    return (
        _reply(),
        _person(),
        _send(),
        _cookie_of(),
        _token_of(),
        _base64url(),
        _sign(),
        _claims_of(),
        _expect_status(),
        _expect_keys(),
        _expect_no_hidden(),
        _expect_rate_limited(),
    )


def people_statements(roles: bool) -> tuple[Statement, ...]:
    """Users the tests act as: sign-up, sign-in, promotion to a role (`roles`: the user model
    has a role field), one user per actor made on first use, and requests as an actor."""
    if roles:
        return (_register(), _login(), _with_role(), _people(), _person_a(), _act())
    return (_register(), _login(), _people(), _person_b(), _act())


def _offset(seconds: int) -> Expression:
    """``now + n`` or ``now - n``."""
    return binary(ident("now"), "-" if seconds < 0 else "+", num(abs(seconds)))


def _signed_token_check(
    name: str, lifetime: tuple[int, int], status: int, label: str
) -> tuple[Statement, Statement]:
    """``const <name> = sign(header, { ...claims, iat: now + a, exp: now + b }, TEST_SECRET);``
    then ``expectStatus(await send("GET", "/auth/me", <name>), status, label);``."""
    issued, expires = lifetime
    claims = ObjectLiteralExpression(
        properties=(
            SpreadAssignment(expression=ident("claims")),
            PropertyAssignment(key="iat", value=_offset(issued)),
            PropertyAssignment(key="exp", value=_offset(expires)),
        )
    )
    token = VariableStatement(
        name=name, initializer=call(ident("sign"), ident("header"), claims, ref(TEST_SECRET))
    )
    me = AwaitExpression(expression=call(ident("send"), str_("GET"), str_("/auth/me"), ident(name)))
    check = ExpressionStatement(
        expression=call(ident("expectStatus"), me, num(status), str_(label))
    )
    return token, check


def _auth_describes() -> tuple[Statement, ...]:
    return (
        ExpressionStatement(
            expression=call(
                ref(DESCRIBE),
                str_("/auth: sign-up, sign-in, sessions"),
                ArrowFunction(
                    body=Block(
                        statements=(
                            ExpressionStatement(
                                expression=call(
                                    ref(TEST),
                                    str_("register: 201, tokens and a refresh cookie"),
                                    ArrowFunction(
                                        body=Block(
                                            statements=(
                                                VariableStatement(
                                                    name="body",
                                                    initializer=call(ident("registerBody")),
                                                ),
                                                VariableStatement(
                                                    name="reply",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/register"),
                                                            NullLiteral(),
                                                            ident("body"),
                                                        )
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="answer",
                                                    initializer=call(ref(CREATED), ident("reply")),
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        ElementAccessExpression(
                                                            expression=ident("answer"),
                                                            index=str_("tokenType"),
                                                        ),
                                                        str_("Bearer"),
                                                        member(ident("reply"), "text"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "ok",
                                                        binary(
                                                            call(
                                                                ident("Number"),
                                                                ElementAccessExpression(
                                                                    expression=ident("answer"),
                                                                    index=str_("expiresIn"),
                                                                ),
                                                            ),
                                                            ">",
                                                            num(0),
                                                        ),
                                                        member(ident("reply"), "text"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        typeof(
                                                            call(ident("tokenOf"), ident("reply"))
                                                        ),
                                                        str_("string"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        ElementAccessExpression(
                                                            expression=call(
                                                                ref(OBJECT_OF),
                                                                ElementAccessExpression(
                                                                    expression=ident("answer"),
                                                                    index=str_("user"),
                                                                ),
                                                            ),
                                                            index=ident("IDENTIFIER"),
                                                        ),
                                                        ElementAccessExpression(
                                                            expression=ident("body"),
                                                            index=ident("IDENTIFIER"),
                                                        ),
                                                        member(ident("reply"), "text"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectNoHidden"),
                                                        ident("reply"),
                                                        ArrayLiteralExpression(
                                                            elements=(ident("PASSWORD_FIELD"),)
                                                        ),
                                                        str_("POST /auth/register"),
                                                    )
                                                ),
                                                ForOfStatement(
                                                    name="attribute",
                                                    iterable=ArrayLiteralExpression(
                                                        elements=(
                                                            str_("HttpOnly"),
                                                            str_("Secure"),
                                                            str_("SameSite=Strict"),
                                                            str_("Path=/auth"),
                                                        )
                                                    ),
                                                    body=Block(
                                                        statements=(
                                                            ExpressionStatement(
                                                                expression=call_method(
                                                                    ref(ASSERT),
                                                                    "ok",
                                                                    call_method(
                                                                        member(
                                                                            ident("reply"),
                                                                            "setCookie",
                                                                        ),
                                                                        "includes",
                                                                        ident("attribute"),
                                                                    ),
                                                                    member(
                                                                        ident("reply"),
                                                                        "setCookie",
                                                                    ),
                                                                )
                                                            ),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "notEqual",
                                                        call(ident("cookieOf"), ident("reply")),
                                                        NullLiteral(),
                                                        member(ident("reply"), "setCookie"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        AwaitExpression(
                                                            expression=call(
                                                                ident("send"),
                                                                str_("POST"),
                                                                str_("/auth/register"),
                                                                NullLiteral(),
                                                                ident("body"),
                                                            )
                                                        ),
                                                        num(409),
                                                        str_("the same user again"),
                                                    )
                                                ),
                                                VariableStatement(
                                                    name="weak",
                                                    initializer=ObjectLiteralExpression(
                                                        properties=(
                                                            SpreadAssignment(
                                                                expression=call(
                                                                    ident("registerBody")
                                                                )
                                                            ),
                                                            PropertyAssignment(
                                                                key="password",
                                                                value=str_("short"),
                                                            ),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        AwaitExpression(
                                                            expression=call(
                                                                ident("send"),
                                                                str_("POST"),
                                                                str_("/auth/register"),
                                                                NullLiteral(),
                                                                ident("weak"),
                                                            )
                                                        ),
                                                        num(400),
                                                        str_("a short password"),
                                                    )
                                                ),
                                            )
                                        ),
                                        async_=True,
                                    ),
                                )
                            ),
                            ExpressionStatement(
                                expression=call(
                                    ref(TEST),
                                    str_("register: the default role, none chosen (400)"),
                                    ArrowFunction(
                                        body=Block(
                                            statements=(
                                                VariableStatement(
                                                    name="reply",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/register"),
                                                            NullLiteral(),
                                                            call(ident("registerBody")),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        ElementAccessExpression(
                                                            expression=call(
                                                                ref(OBJECT_OF),
                                                                ElementAccessExpression(
                                                                    expression=call(
                                                                        ref(CREATED),
                                                                        ident("reply"),
                                                                    ),
                                                                    index=str_("user"),
                                                                ),
                                                            ),
                                                            index=ident("ROLE"),
                                                        ),
                                                        ident("DEFAULT_ROLE"),
                                                        member(ident("reply"), "text"),
                                                    )
                                                ),
                                                VariableStatement(
                                                    name="chosen",
                                                    initializer=ObjectLiteralExpression(
                                                        properties=(
                                                            SpreadAssignment(
                                                                expression=call(
                                                                    ident("registerBody")
                                                                )
                                                            ),
                                                            PropertyAssignment(
                                                                key=ComputedPropertyName(
                                                                    expression=ident("ROLE")
                                                                ),
                                                                value=ident("ADMIN_ROLE"),
                                                            ),
                                                        )
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="refused",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/register"),
                                                            NullLiteral(),
                                                            ident("chosen"),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        ident("refused"),
                                                        num(400),
                                                        str_("a role in the sign-up"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "ok",
                                                        call_method(
                                                            member(ident("refused"), "text"),
                                                            "includes",
                                                            ident("ROLE"),
                                                        ),
                                                        member(ident("refused"), "text"),
                                                    )
                                                ),
                                            )
                                        ),
                                        async_=True,
                                    ),
                                ),
                                blank_line_before=True,
                            ),
                            ExpressionStatement(
                                expression=call(
                                    ref(TEST),
                                    str_("login: 200; a wrong password or user is 401"),
                                    ArrowFunction(
                                        body=Block(
                                            statements=(
                                                VariableStatement(
                                                    name="person",
                                                    initializer=AwaitExpression(
                                                        expression=call(ident("register"))
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="wrong",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/login"),
                                                            NullLiteral(),
                                                            ObjectLiteralExpression(
                                                                properties=(
                                                                    PropertyAssignment(
                                                                        key=ComputedPropertyName(
                                                                            expression=ident(
                                                                                "IDENTIFIER"
                                                                            )
                                                                        ),
                                                                        value=member(
                                                                            ident("person"),
                                                                            "identifier",
                                                                        ),
                                                                    ),
                                                                    PropertyAssignment(
                                                                        key="password",
                                                                        value=str_(
                                                                            "a-wrong-password-0123"
                                                                        ),
                                                                    ),
                                                                ),
                                                                multiline=True,
                                                            ),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        ident("wrong"),
                                                        num(401),
                                                        str_("a wrong password"),
                                                    )
                                                ),
                                                VariableStatement(
                                                    name="unknown",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/login"),
                                                            NullLiteral(),
                                                            ObjectLiteralExpression(
                                                                properties=(
                                                                    PropertyAssignment(
                                                                        key=ComputedPropertyName(
                                                                            expression=ident(
                                                                                "IDENTIFIER"
                                                                            )
                                                                        ),
                                                                        value=TemplateExpression(
                                                                            parts=(
                                                                                "nobody-",
                                                                                member(
                                                                                    ident("person"),
                                                                                    "identifier",
                                                                                ),
                                                                            )
                                                                        ),
                                                                    ),
                                                                    PropertyAssignment(
                                                                        key="password",
                                                                        value=ident("PASSWORD"),
                                                                    ),
                                                                ),
                                                                multiline=True,
                                                            ),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        ident("unknown"),
                                                        num(401),
                                                        str_("an unknown user"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        ElementAccessExpression(
                                                            expression=call(
                                                                ref(OBJECT_OF),
                                                                ElementAccessExpression(
                                                                    expression=call(
                                                                        ref(ROW_OF),
                                                                        ident("wrong"),
                                                                    ),
                                                                    index=str_("error"),
                                                                ),
                                                            ),
                                                            index=str_("message"),
                                                        ),
                                                        ElementAccessExpression(
                                                            expression=call(
                                                                ref(OBJECT_OF),
                                                                ElementAccessExpression(
                                                                    expression=call(
                                                                        ref(ROW_OF),
                                                                        ident("unknown"),
                                                                    ),
                                                                    index=str_("error"),
                                                                ),
                                                            ),
                                                            index=str_("message"),
                                                        ),
                                                    )
                                                ),
                                                VariableStatement(
                                                    name="reply",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/login"),
                                                            NullLiteral(),
                                                            ObjectLiteralExpression(
                                                                properties=(
                                                                    PropertyAssignment(
                                                                        key=ComputedPropertyName(
                                                                            expression=ident(
                                                                                "IDENTIFIER"
                                                                            )
                                                                        ),
                                                                        value=member(
                                                                            ident("person"),
                                                                            "identifier",
                                                                        ),
                                                                    ),
                                                                    PropertyAssignment(
                                                                        key="password",
                                                                        value=ident("PASSWORD"),
                                                                    ),
                                                                ),
                                                                multiline=True,
                                                            ),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        member(ident("reply"), "status"),
                                                        num(200),
                                                        member(ident("reply"), "text"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectNoHidden"),
                                                        ident("reply"),
                                                        ArrayLiteralExpression(
                                                            elements=(ident("PASSWORD_FIELD"),)
                                                        ),
                                                        str_("POST /auth/login"),
                                                    )
                                                ),
                                            )
                                        ),
                                        async_=True,
                                    ),
                                ),
                                blank_line_before=True,
                            ),
                            ExpressionStatement(
                                expression=call(
                                    ref(TEST),
                                    str_("me: the signed-in user; anonymous 401"),
                                    ArrowFunction(
                                        body=Block(
                                            statements=(
                                                VariableStatement(
                                                    name="person",
                                                    initializer=AwaitExpression(
                                                        expression=call(ident("register"))
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="me",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("GET"),
                                                            str_("/auth/me"),
                                                            member(ident("person"), "token"),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        member(ident("me"), "status"),
                                                        num(200),
                                                        member(ident("me"), "text"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        ElementAccessExpression(
                                                            expression=call(
                                                                ref(ROW_OF), ident("me")
                                                            ),
                                                            index=ident("IDENTIFIER"),
                                                        ),
                                                        member(ident("person"), "identifier"),
                                                        member(ident("me"), "text"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        ElementAccessExpression(
                                                            expression=call(
                                                                ref(ROW_OF), ident("me")
                                                            ),
                                                            index=ident("ID"),
                                                        ),
                                                        member(ident("person"), "id"),
                                                        member(ident("me"), "text"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectNoHidden"),
                                                        ident("me"),
                                                        ArrayLiteralExpression(
                                                            elements=(ident("PASSWORD_FIELD"),)
                                                        ),
                                                        str_("GET /auth/me"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        AwaitExpression(
                                                            expression=call(
                                                                ident("send"),
                                                                str_("GET"),
                                                                str_("/auth/me"),
                                                                NullLiteral(),
                                                            )
                                                        ),
                                                        num(401),
                                                        str_("anonymous"),
                                                    )
                                                ),
                                            )
                                        ),
                                        async_=True,
                                    ),
                                ),
                                blank_line_before=True,
                            ),
                            ExpressionStatement(
                                expression=call(
                                    ref(TEST),
                                    str_("refresh rotates; a reused token ends every session"),
                                    ArrowFunction(
                                        body=Block(
                                            statements=(
                                                VariableStatement(
                                                    name="person",
                                                    initializer=AwaitExpression(
                                                        expression=call(ident("register"))
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="otherDevice",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("login"), ident("person")
                                                        )
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="first",
                                                    initializer=member(ident("person"), "cookie"),
                                                ),
                                                VariableStatement(
                                                    name="refreshed",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/refresh"),
                                                            NullLiteral(),
                                                            ident("undefined"),
                                                            ident("first"),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        member(ident("refreshed"), "status"),
                                                        num(200),
                                                        member(ident("refreshed"), "text"),
                                                    )
                                                ),
                                                VariableStatement(
                                                    name="second",
                                                    initializer=call(
                                                        ident("cookieOf"), ident("refreshed")
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "ok",
                                                        binary(
                                                            binary(
                                                                ident("second"),
                                                                "!==",
                                                                NullLiteral(),
                                                            ),
                                                            "&&",
                                                            binary(
                                                                ident("second"),
                                                                "!==",
                                                                ident("first"),
                                                            ),
                                                        ),
                                                        member(ident("refreshed"), "setCookie"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        AwaitExpression(
                                                            expression=call(
                                                                ident("send"),
                                                                str_("GET"),
                                                                str_("/auth/me"),
                                                                call(
                                                                    ident("tokenOf"),
                                                                    ident("refreshed"),
                                                                ),
                                                            )
                                                        ),
                                                        num(200),
                                                        str_("the new token"),
                                                    )
                                                ),
                                                VariableStatement(
                                                    name="reused",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/refresh"),
                                                            NullLiteral(),
                                                            ident("undefined"),
                                                            ident("first"),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        ident("reused"),
                                                        num(401),
                                                        str_("the rotated refresh token again"),
                                                    )
                                                ),
                                                VariableStatement(
                                                    name="current",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/refresh"),
                                                            NullLiteral(),
                                                            ident("undefined"),
                                                            ident("second"),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        ident("current"),
                                                        num(401),
                                                        str_("the current session after the reuse"),
                                                    )
                                                ),
                                                VariableStatement(
                                                    name="other",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/refresh"),
                                                            NullLiteral(),
                                                            ident("undefined"),
                                                            member(ident("otherDevice"), "cookie"),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        ident("other"),
                                                        num(401),
                                                        str_("another session after the reuse"),
                                                    )
                                                ),
                                            )
                                        ),
                                        async_=True,
                                    ),
                                ),
                                blank_line_before=True,
                            ),
                            ExpressionStatement(
                                expression=call(
                                    ref(TEST),
                                    str_("logout: 204, cookie cleared, session ended"),
                                    ArrowFunction(
                                        body=Block(
                                            statements=(
                                                VariableStatement(
                                                    name="person",
                                                    initializer=AwaitExpression(
                                                        expression=call(ident("register"))
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="out",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/logout"),
                                                            NullLiteral(),
                                                            ident("undefined"),
                                                            member(ident("person"), "cookie"),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "equal",
                                                        member(ident("out"), "status"),
                                                        num(204),
                                                        member(ident("out"), "text"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call_method(
                                                        ref(ASSERT),
                                                        "ok",
                                                        call_method(
                                                            member(ident("out"), "setCookie"),
                                                            "startsWith",
                                                            str_(f"{REFRESH_COOKIE}=;"),
                                                        ),
                                                        member(ident("out"), "setCookie"),
                                                    )
                                                ),
                                                VariableStatement(
                                                    name="again",
                                                    initializer=AwaitExpression(
                                                        expression=call(
                                                            ident("send"),
                                                            str_("POST"),
                                                            str_("/auth/refresh"),
                                                            NullLiteral(),
                                                            ident("undefined"),
                                                            member(ident("person"), "cookie"),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        ident("again"),
                                                        num(401),
                                                        str_("the ended session"),
                                                    )
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        AwaitExpression(
                                                            expression=call(
                                                                ident("send"),
                                                                str_("POST"),
                                                                str_("/auth/refresh"),
                                                                NullLiteral(),
                                                            )
                                                        ),
                                                        num(401),
                                                        str_("no refresh token"),
                                                    )
                                                ),
                                            )
                                        ),
                                        async_=True,
                                    ),
                                ),
                                blank_line_before=True,
                            ),
                        )
                    )
                ),
            )
        ),
        ExpressionStatement(
            expression=call(
                ref(DESCRIBE),
                str_("access tokens"),
                ArrowFunction(
                    body=Block(
                        statements=(
                            ExpressionStatement(
                                expression=call(
                                    ref(TEST),
                                    str_("forged, tampered and absent tokens: 401"),
                                    ArrowFunction(
                                        body=Block(
                                            statements=(
                                                VariableStatement(
                                                    name="person",
                                                    initializer=AwaitExpression(
                                                        expression=call(ident("register"))
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="parts",
                                                    initializer=call_method(
                                                        member(ident("person"), "token"),
                                                        "split",
                                                        str_("."),
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="header",
                                                    initializer=binary(
                                                        ElementAccessExpression(
                                                            expression=ident("parts"),
                                                            index=num(0),
                                                        ),
                                                        "??",
                                                        str_(""),
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="payload",
                                                    initializer=binary(
                                                        ElementAccessExpression(
                                                            expression=ident("parts"),
                                                            index=num(1),
                                                        ),
                                                        "??",
                                                        str_(""),
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="signature",
                                                    initializer=binary(
                                                        ElementAccessExpression(
                                                            expression=ident("parts"),
                                                            index=num(2),
                                                        ),
                                                        "??",
                                                        str_(""),
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="claims",
                                                    initializer=call(
                                                        ident("claimsOf"),
                                                        member(ident("person"), "token"),
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="promoted",
                                                    initializer=call(
                                                        ident("base64url"),
                                                        ObjectLiteralExpression(
                                                            properties=(
                                                                SpreadAssignment(
                                                                    expression=ident("claims")
                                                                ),
                                                                PropertyAssignment(
                                                                    key="role",
                                                                    value=ident("ADMIN_ROLE"),
                                                                ),
                                                            )
                                                        ),
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="forged",
                                                    initializer=ArrayLiteralExpression(
                                                        elements=(
                                                            TemplateExpression(
                                                                parts=(
                                                                    ident("header"),
                                                                    ".",
                                                                    ident("promoted"),
                                                                    ".",
                                                                    ident("signature"),
                                                                )
                                                            ),
                                                            TemplateExpression(
                                                                parts=(
                                                                    ident("header"),
                                                                    ".",
                                                                    ident("payload"),
                                                                    ".",
                                                                    call_method(
                                                                        ident("signature"),
                                                                        "slice",
                                                                        num(0),
                                                                        PrefixUnaryExpression(
                                                                            operator="-",
                                                                            operand=num(4),
                                                                        ),
                                                                    ),
                                                                    cond(
                                                                        call_method(
                                                                            ident("signature"),
                                                                            "endsWith",
                                                                            str_("AAAA"),
                                                                        ),
                                                                        str_("BBBB"),
                                                                        str_("AAAA"),
                                                                    ),
                                                                )
                                                            ),
                                                            TemplateExpression(
                                                                parts=(
                                                                    call(
                                                                        ident("base64url"),
                                                                        ObjectLiteralExpression(
                                                                            properties=(
                                                                                PropertyAssignment(
                                                                                    key="alg",
                                                                                    value=str_(
                                                                                        "none"
                                                                                    ),
                                                                                ),
                                                                                PropertyAssignment(
                                                                                    key="typ",
                                                                                    value=str_(
                                                                                        "JWT"
                                                                                    ),
                                                                                ),
                                                                            )
                                                                        ),
                                                                    ),
                                                                    ".",
                                                                    ident("promoted"),
                                                                    ".",
                                                                )
                                                            ),
                                                            TemplateExpression(
                                                                parts=(
                                                                    call(
                                                                        ident("base64url"),
                                                                        ObjectLiteralExpression(
                                                                            properties=(
                                                                                PropertyAssignment(
                                                                                    key="alg",
                                                                                    value=str_(
                                                                                        "none"
                                                                                    ),
                                                                                ),
                                                                                PropertyAssignment(
                                                                                    key="typ",
                                                                                    value=str_(
                                                                                        "JWT"
                                                                                    ),
                                                                                ),
                                                                            )
                                                                        ),
                                                                    ),
                                                                    ".",
                                                                    ident("promoted"),
                                                                    ".",
                                                                    ident("signature"),
                                                                )
                                                            ),
                                                            call(
                                                                ident("sign"),
                                                                ObjectLiteralExpression(
                                                                    properties=(
                                                                        PropertyAssignment(
                                                                            key="alg",
                                                                            value=str_("HS256"),
                                                                        ),
                                                                        PropertyAssignment(
                                                                            key="typ",
                                                                            value=str_("JWT"),
                                                                        ),
                                                                    )
                                                                ),
                                                                ident("claims"),
                                                                TemplateExpression(
                                                                    parts=(
                                                                        "another-",
                                                                        ref(TEST_SECRET),
                                                                    )
                                                                ),
                                                            ),
                                                            call(
                                                                ident("sign"),
                                                                ObjectLiteralExpression(
                                                                    properties=(
                                                                        PropertyAssignment(
                                                                            key="alg",
                                                                            value=str_("HS512"),
                                                                        ),
                                                                        PropertyAssignment(
                                                                            key="typ",
                                                                            value=str_("JWT"),
                                                                        ),
                                                                    )
                                                                ),
                                                                ident("claims"),
                                                                ref(TEST_SECRET),
                                                            ),
                                                            str_("not-a-token"),
                                                        )
                                                    ),
                                                ),
                                                ForOfStatement(
                                                    name="token",
                                                    iterable=ident("forged"),
                                                    body=Block(
                                                        statements=(
                                                            ExpressionStatement(
                                                                expression=call(
                                                                    ident("expectStatus"),
                                                                    AwaitExpression(
                                                                        expression=call(
                                                                            ident("send"),
                                                                            str_("GET"),
                                                                            str_("/auth/me"),
                                                                            ident("token"),
                                                                        )
                                                                    ),
                                                                    num(401),
                                                                    TemplateExpression(
                                                                        parts=(
                                                                            "GET /auth/me with ",
                                                                            ident("token"),
                                                                        )
                                                                    ),
                                                                )
                                                            ),
                                                            ExpressionStatement(
                                                                expression=call(
                                                                    ident("expectStatus"),
                                                                    AwaitExpression(
                                                                        expression=call(
                                                                            ident("send"),
                                                                            str_("GET"),
                                                                            ident("LIST_ROUTE"),
                                                                            ident("token"),
                                                                        )
                                                                    ),
                                                                    num(401),
                                                                    TemplateExpression(
                                                                        parts=(
                                                                            "GET ",
                                                                            ident("LIST_ROUTE"),
                                                                            " with ",
                                                                            ident("token"),
                                                                        )
                                                                    ),
                                                                )
                                                            ),
                                                        )
                                                    ),
                                                ),
                                                ExpressionStatement(
                                                    expression=call(
                                                        ident("expectStatus"),
                                                        AwaitExpression(
                                                            expression=call(
                                                                ident("send"),
                                                                str_("GET"),
                                                                str_("/auth/me"),
                                                                NullLiteral(),
                                                            )
                                                        ),
                                                        num(401),
                                                        str_("no token"),
                                                    )
                                                ),
                                            )
                                        ),
                                        async_=True,
                                    ),
                                )
                            ),
                            ExpressionStatement(
                                expression=call(
                                    ref(TEST),
                                    str_("expired or future tokens: 401, valid ones 200"),
                                    ArrowFunction(
                                        body=Block(
                                            statements=(
                                                VariableStatement(
                                                    name="person",
                                                    initializer=AwaitExpression(
                                                        expression=call(ident("register"))
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="claims",
                                                    initializer=call(
                                                        ident("claimsOf"),
                                                        member(ident("person"), "token"),
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="now",
                                                    initializer=call_method(
                                                        ident("Math"),
                                                        "floor",
                                                        binary(
                                                            call_method(ident("Date"), "now"),
                                                            "/",
                                                            num(1000),
                                                        ),
                                                    ),
                                                ),
                                                VariableStatement(
                                                    name="header",
                                                    initializer=ObjectLiteralExpression(
                                                        properties=(
                                                            PropertyAssignment(
                                                                key="alg", value=str_("HS256")
                                                            ),
                                                            PropertyAssignment(
                                                                key="typ", value=str_("JWT")
                                                            ),
                                                        )
                                                    ),
                                                ),
                                                *_signed_token_check(
                                                    "valid",
                                                    (-5, 60),
                                                    200,
                                                    "a token the test signed",
                                                ),
                                                *_signed_token_check(
                                                    "expired", (-120, -60), 401, "an expired token"
                                                ),
                                                *_signed_token_check(
                                                    "future",
                                                    (3600, 7200),
                                                    401,
                                                    "a token issued in an hour",
                                                ),
                                            )
                                        ),
                                        async_=True,
                                    ),
                                ),
                                blank_line_before=True,
                            ),
                        )
                    )
                ),
            ),
            blank_line_before=True,
        ),
    )


ROLE_TEST = "register: the default role, none chosen (400)"


def _test_name(statement: Statement) -> str | None:
    if isinstance(statement, ExpressionStatement) and isinstance(
        statement.expression, CallExpression
    ):
        first = statement.expression.arguments[0] if statement.expression.arguments else None
        if isinstance(first, StringLiteral):
            return first.value
    return None


def auth_tests(roles: bool) -> tuple[Statement, ...]:
    """The describe blocks of /auth (sign-up, sign-in, me, refresh, logout) and of access
    tokens (forged, tampered, absent, expired); the role test only when users have roles."""
    if roles:
        return _auth_describes()
    out: list[Statement] = []
    for describe in _auth_describes():
        assert isinstance(describe, ExpressionStatement)
        outer = describe.expression
        assert isinstance(outer, CallExpression)
        arrow = outer.arguments[1]
        assert isinstance(arrow, ArrowFunction) and isinstance(arrow.body, Block)
        kept = tuple(t for t in arrow.body.statements if _test_name(t) != ROLE_TEST)
        arrow = attrs.evolve(arrow, body=attrs.evolve(arrow.body, statements=kept))
        outer = attrs.evolve(outer, arguments=(outer.arguments[0], arrow))
        out.append(attrs.evolve(describe, expression=outer))
    return tuple(out)
