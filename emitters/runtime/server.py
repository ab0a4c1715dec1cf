"""Builds `src/server.ts`: Scaffolded once by ssot-codegen; yours to edit. Starts the server and stops it cleanly."""

from __future__ import annotations

from ssot_ast.ts.build import (
    await_,
    binary,
    call,
    cond,
    ident,
    if_,
    member,
    num,
    param,
    ref,
    return_,
    str_,
    t_ref,
    typeof,
)
from ssot_ast.ts.common import Block, TypeParameter
from ssot_ast.ts.declarations import FunctionDeclaration
from ssot_ast.ts.expressions import (
    ArrayLiteralExpression,
    ArrowFunction,
    AssignmentExpression,
    BooleanLiteral,
    NullLiteral,
    TemplateExpression,
    ObjectLiteralExpression,
    PropertyAssignment,
    ShorthandPropertyAssignment,
)
from ssot_ast.ts.module import SourceFile
from ssot_ast.ts.statements import (
    ExpressionStatement,
    LineComment,
    ThrowStatement,
    TryStatement,
    VariableStatement,
)
from ssot_ast.ts.symbols import ModuleRef, Symbol, VALUE
from ssot_ast.ts.types import FunctionType
from emitters.contract import (
    APP_MODULE,
    CONFIG_ERROR,
    CONFIG_MODULE,
    CONNECT_RATE_LIMIT_STORE,
    CREATE_APP,
    CREATE_PRISMA_CLIENT,
    DB_MODULE,
    LOAD_CONFIG,
    SERVER_MODULE,
)
from emitters.runtime._nodes import Chain, call_method, kw

PINO_PACKAGE = ModuleRef.package("pino")
PINO = Symbol(name="pino", module=PINO_PACKAGE, kind=VALUE)

HEADER = "Scaffolded once by ssot-codegen; yours to edit. Starts the server and stops it cleanly."


def _or_exit() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="orExit",
        type_parameters=(TypeParameter(name="T"),),
        parameters=(param("make", FunctionType(parameters=(), return_type=t_ref("T"))),),
        return_type=t_ref("T"),
        body=Block(
            statements=(
                TryStatement(
                    block=Block(statements=(return_(call(ident("make"))),)),
                    catch_name="error",
                    catch_block=Block(
                        statements=(
                            if_(
                                binary(ident("error"), "instanceof", ref(CONFIG_ERROR)),
                                [
                                    ExpressionStatement(
                                        expression=call_method(
                                            ident("console"),
                                            "error",
                                            member(ident("error"), "message"),
                                        )
                                    ),
                                    ExpressionStatement(
                                        expression=call_method(ident("process"), "exit", num(1))
                                    ),
                                ],
                            ),
                            ThrowStatement(expression=ident("error")),
                        )
                    ),
                ),
            )
        ),
        doc="Configuration problems end the process with a clear message and no stack trace.",
    )


def _main() -> FunctionDeclaration:
    return FunctionDeclaration(
        name="main",
        async_=True,
        return_type=t_ref("Promise", kw("void")),
        body=Block(
            statements=(
                VariableStatement(
                    name="config",
                    initializer=call(ident("orExit"), ArrowFunction(body=call(ref(LOAD_CONFIG)))),
                ),
                VariableStatement(
                    name="logger",
                    initializer=call(
                        ref(PINO),
                        ObjectLiteralExpression(
                            properties=(
                                PropertyAssignment(
                                    key="level", value=member(ident("config"), "LOG_LEVEL")
                                ),
                                PropertyAssignment(
                                    key="redact",
                                    value=ArrayLiteralExpression(
                                        elements=(
                                            str_("req.headers.authorization"),
                                            str_("req.headers.cookie"),
                                        )
                                    ),
                                ),
                            ),
                            multiline=True,
                        ),
                    ),
                ),
                VariableStatement(
                    name="prisma",
                    initializer=call(
                        ident("orExit"),
                        ArrowFunction(
                            body=call(
                                ref(CREATE_PRISMA_CLIENT), member(ident("config"), "DATABASE_URL")
                            )
                        ),
                    ),
                ),
                LineComment(
                    text=(
                        "With REDIS_URL the rate limits count in Redis, shared by every instance;"
                        "\nthe server does not start without it."
                    )
                ),
                VariableStatement(
                    name="rateLimitStore",
                    initializer=await_(
                        Chain(
                            call(
                                ref(CONNECT_RATE_LIMIT_STORE),
                                member(ident("config"), "REDIS_URL"),
                                ident("logger"),
                            )
                        )
                        .call(
                            "catch",
                            ArrowFunction(
                                parameters=(param("error", kw("unknown")),),
                                body=Block(
                                    statements=(
                                        ExpressionStatement(
                                            expression=call_method(
                                                ident("console"),
                                                "error",
                                                TemplateExpression(
                                                    parts=(
                                                        "Cannot connect to Redis (REDIS_URL): ",
                                                        call(ident("String"), ident("error")),
                                                    )
                                                ),
                                            )
                                        ),
                                        ExpressionStatement(
                                            expression=call_method(ident("process"), "exit", num(1))
                                        ),
                                    )
                                ),
                            ),
                        )
                        .expr
                    ),
                ),
                VariableStatement(
                    name="app",
                    initializer=call(
                        ref(CREATE_APP),
                        ObjectLiteralExpression(
                            properties=(
                                ShorthandPropertyAssignment(name="config"),
                                ShorthandPropertyAssignment(name="prisma"),
                                ShorthandPropertyAssignment(name="logger"),
                                ShorthandPropertyAssignment(name="rateLimitStore"),
                            )
                        ),
                    ),
                ),
                VariableStatement(
                    name="server",
                    initializer=call_method(
                        ident("app"),
                        "listen",
                        member(ident("config"), "PORT"),
                        member(ident("config"), "HOST"),
                        ArrowFunction(
                            body=Block(
                                statements=(
                                    VariableStatement(
                                        name="address",
                                        initializer=call_method(ident("server"), "address"),
                                    ),
                                    VariableStatement(
                                        name="port",
                                        initializer=cond(
                                            binary(
                                                binary(
                                                    typeof(ident("address")), "===", str_("object")
                                                ),
                                                "&&",
                                                binary(ident("address"), "!==", NullLiteral()),
                                            ),
                                            member(ident("address"), "port"),
                                            member(ident("config"), "PORT"),
                                        ),
                                    ),
                                    ExpressionStatement(
                                        expression=call_method(
                                            ident("logger"),
                                            "info",
                                            ObjectLiteralExpression(
                                                properties=(
                                                    ShorthandPropertyAssignment(name="port"),
                                                    PropertyAssignment(
                                                        key="host",
                                                        value=member(ident("config"), "HOST"),
                                                    ),
                                                )
                                            ),
                                            str_("listening"),
                                        )
                                    ),
                                )
                            )
                        ),
                    ),
                ),
                ExpressionStatement(
                    expression=call_method(
                        ident("server"),
                        "on",
                        str_("error"),
                        ArrowFunction(
                            parameters=(param("error"),),
                            body=Block(
                                statements=(
                                    ExpressionStatement(
                                        expression=call_method(
                                            ident("logger"),
                                            "fatal",
                                            ObjectLiteralExpression(
                                                properties=(
                                                    PropertyAssignment(
                                                        key="err", value=ident("error")
                                                    ),
                                                )
                                            ),
                                            str_("server failed"),
                                        )
                                    ),
                                    ExpressionStatement(
                                        expression=call_method(ident("process"), "exit", num(1))
                                    ),
                                )
                            ),
                        ),
                    )
                ),
                VariableStatement(
                    name="stopping",
                    initializer=BooleanLiteral(value=False),
                    kind="let",
                    blank_line_before=True,
                ),
                VariableStatement(
                    name="shutdown",
                    initializer=ArrowFunction(
                        parameters=(param("signal", t_ref("NodeJS.Signals")),),
                        return_type=kw("void"),
                        body=Block(
                            statements=(
                                if_(ident("stopping"), [return_()]),
                                ExpressionStatement(
                                    expression=AssignmentExpression(
                                        target=ident("stopping"),
                                        operator="=",
                                        value=BooleanLiteral(value=True),
                                    )
                                ),
                                ExpressionStatement(
                                    expression=call_method(
                                        ident("logger"),
                                        "info",
                                        ObjectLiteralExpression(
                                            properties=(ShorthandPropertyAssignment(name="signal"),)
                                        ),
                                        str_("shutting down"),
                                    )
                                ),
                                LineComment(text="Do not wait forever for keep-alive clients."),
                                VariableStatement(
                                    name="timer",
                                    initializer=call(
                                        ident("setTimeout"),
                                        ArrowFunction(
                                            body=Block(
                                                statements=(
                                                    ExpressionStatement(
                                                        expression=call_method(
                                                            ident("logger"),
                                                            "error",
                                                            str_("shutdown timed out"),
                                                        )
                                                    ),
                                                    ExpressionStatement(
                                                        expression=call_method(
                                                            ident("process"), "exit", num(1)
                                                        )
                                                    ),
                                                )
                                            )
                                        ),
                                        num(10000),
                                    ),
                                ),
                                ExpressionStatement(
                                    expression=call_method(ident("timer"), "unref")
                                ),
                                ExpressionStatement(
                                    expression=call_method(
                                        ident("server"),
                                        "close",
                                        ArrowFunction(
                                            body=Block(
                                                statements=(
                                                    ExpressionStatement(
                                                        expression=Chain(
                                                            call_method(
                                                                ident("Promise"),
                                                                "all",
                                                                ArrayLiteralExpression(
                                                                    elements=(
                                                                        call_method(
                                                                            ident("prisma"),
                                                                            "$disconnect",
                                                                        ),
                                                                        call_method(
                                                                            ident("rateLimitStore"),
                                                                            "close",
                                                                        ),
                                                                    )
                                                                ),
                                                            )
                                                        )
                                                        .call(
                                                            "then",
                                                            ArrowFunction(
                                                                body=Block(
                                                                    statements=(
                                                                        ExpressionStatement(
                                                                            expression=call_method(
                                                                                ident("logger"),
                                                                                "info",
                                                                                str_("stopped"),
                                                                            )
                                                                        ),
                                                                        ExpressionStatement(
                                                                            expression=call_method(
                                                                                ident("process"),
                                                                                "exit",
                                                                                num(0),
                                                                            )
                                                                        ),
                                                                    )
                                                                )
                                                            ),
                                                        )
                                                        .call(
                                                            "catch",
                                                            ArrowFunction(
                                                                parameters=(
                                                                    param("error", kw("unknown")),
                                                                ),
                                                                body=Block(
                                                                    statements=(
                                                                        ExpressionStatement(
                                                                            expression=call_method(
                                                                                ident("logger"),
                                                                                "error",
                                                                                ObjectLiteralExpression(
                                                                                    properties=(
                                                                                        PropertyAssignment(
                                                                                            key="err",
                                                                                            value=ident(
                                                                                                "error"
                                                                                            ),
                                                                                        ),
                                                                                    )
                                                                                ),
                                                                                str_(
                                                                                    "disconnect failed"
                                                                                ),
                                                                            )
                                                                        ),
                                                                        ExpressionStatement(
                                                                            expression=call_method(
                                                                                ident("process"),
                                                                                "exit",
                                                                                num(1),
                                                                            )
                                                                        ),
                                                                    )
                                                                ),
                                                            ),
                                                        )
                                                        .expr
                                                    ),
                                                )
                                            )
                                        ),
                                    )
                                ),
                                ExpressionStatement(
                                    expression=call_method(ident("server"), "closeIdleConnections")
                                ),
                            )
                        ),
                    ),
                ),
                ExpressionStatement(
                    expression=call_method(
                        ident("process"), "on", str_("SIGTERM"), ident("shutdown")
                    )
                ),
                ExpressionStatement(
                    expression=call_method(
                        ident("process"), "on", str_("SIGINT"), ident("shutdown")
                    )
                ),
            )
        ),
        blank_line_before=True,
    )


def server_module() -> SourceFile:
    """`src/server.ts`."""
    return SourceFile(
        path=SERVER_MODULE.name + ".ts",
        header=HEADER,
        statements=(
            _or_exit(),
            _main(),
            ExpressionStatement(expression=call(ident("main")), blank_line_before=True),
        ),
    )
