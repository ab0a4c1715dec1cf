"""Reading attribute arguments and typing `@default` values; shared by the resolver."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from .errors import Diagnostic, Span
from .model import Default, DefaultKind, DefaultValue
from .syntax import Arg, ArrayExpr, AttributeNode, ConstExpr, Expr, FuncCall, NumberLit, StringLit

SCALAR_TYPES = (
    "String",
    "Boolean",
    "Int",
    "BigInt",
    "Float",
    "Decimal",
    "DateTime",
    "Json",
    "Bytes",
)
REFERENTIAL_ACTIONS = ("Cascade", "Restrict", "NoAction", "SetNull", "SetDefault")
DEFAULT_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "autoincrement": ("Int", "BigInt"),
    "sequence": ("Int", "BigInt"),
    "now": ("DateTime",),
    "uuid": ("String",),
    "cuid": ("String",),
    "nanoid": ("String",),
    "ulid": ("String",),
    "auto": ("String", "Int", "BigInt"),
    "dbgenerated": (),
}
INT_RE = re.compile(r"-?[0-9]+")
Report = Callable[..., None]


class ArgReader:
    """Positional and named arguments of one attribute, with errors for the ones left over."""

    def __init__(self, attribute: AttributeNode, diagnostics: list[Diagnostic]) -> None:
        self.attribute = attribute
        self.diagnostics = diagnostics
        self.positional = [a for a in attribute.args if a.name is None]
        self.named: dict[str, Arg] = {}
        for arg in attribute.args:
            if arg.name is not None:
                if arg.name in self.named:
                    self.fail(arg.span, f'argument "{arg.name}" is given twice')
                self.named[arg.name] = arg

    @property
    def label(self) -> str:
        return ("@@" if self.attribute.is_block else "@") + self.attribute.name

    def fail(self, span: Span, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic.at(span, message, hint))

    def take(self, name: str, positional: bool = False) -> Arg | None:
        """The argument `name`, or the first positional one when `positional` is allowed."""
        if name in self.named:
            return self.named.pop(name)
        if positional and self.positional:
            return self.positional.pop(0)
        return None

    def finish(self) -> None:
        for arg in self.positional:
            self.fail(arg.span, f"{self.label} takes no further unnamed argument here")
        for name, arg in self.named.items():
            self.fail(arg.span, f'{self.label} has no argument "{name}"')

    def string(self, arg: Arg | None) -> str | None:
        if arg is None:
            return None
        if isinstance(arg.value, StringLit):
            return arg.value.value
        self.fail(arg.value.span, f'{self.label}: "{arg.name or "argument"}" must be a string')
        return None

    def constant(self, arg: Arg | None, allowed: tuple[str, ...]) -> str | None:
        if arg is None:
            return None
        if isinstance(arg.value, ConstExpr) and arg.value.name in allowed:
            return arg.value.name
        self.fail(
            arg.value.span,
            f'{self.label}: "{arg.name or "argument"}" must be one of {", ".join(allowed)}',
        )
        return None

    def field_list(self, arg: Arg | None) -> list[tuple[str, Span, tuple[Arg, ...]]] | None:
        """`[a, b(sort: Desc)]` (or a single name) as (name, span, arguments) triples."""
        if arg is None:
            return None
        items = arg.value.items if isinstance(arg.value, ArrayExpr) else (arg.value,)
        out: list[tuple[str, Span, tuple[Arg, ...]]] = []
        for item in items:
            if isinstance(item, ConstExpr):
                out.append((item.name, item.span, ()))
            elif isinstance(item, FuncCall):
                out.append((item.name, item.span, item.args))
            else:
                self.fail(item.span, f"{self.label}: expected a field name, e.g. [id]")
                return None
        return out


def expr_python(expr: Expr) -> object:
    """A configuration value as plain Python (strings, numbers, names, lists)."""
    if isinstance(expr, StringLit):
        return expr.value
    if isinstance(expr, NumberLit):
        return (
            float(expr.text) if ("." in expr.text or "e" in expr.text.lower()) else int(expr.text)
        )
    if isinstance(expr, ConstExpr):
        return expr.name
    if isinstance(expr, ArrayExpr):
        return tuple(expr_python(item) for item in expr.items)
    return expr.name + "()"


def rfc3339(text: str) -> str | None:
    """Prisma's normalised spelling of a DateTime default, or None if it is not RFC 3339."""
    if not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", text
    ):
        return None
    fraction = ""
    match = re.search(r"\.(\d+)", text)
    digits = match.group(1) if match else ""
    trimmed = text.replace(f".{digits}", "") if digits else text
    try:
        moment = datetime.datetime.fromisoformat(trimmed.replace("z", "Z"))
    except ValueError:
        return None
    digits = digits[:9].ljust(9, "0")
    if int(digits):
        nanos = digits.rstrip("0")
        size = 3 if len(nanos) <= 3 else 6 if len(nanos) <= 6 else 9
        fraction = "." + digits[:size]
    offset = moment.strftime("%z")
    offset = offset[:3] + ":" + offset[3:] if offset else "+00:00"
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + offset


def type_default(
    arg: Expr,
    scalar_type: str,
    is_list: bool,
    enum_values: tuple[str, ...] | None,
    fail: list[Diagnostic],
) -> Default | None:
    """Checks a `@default` value against its field type and returns the typed default."""
    target = scalar_type if enum_values is None else f"enum {scalar_type}"

    def bad(span: Span, message: str, hint: str | None = None) -> None:
        fail.append(Diagnostic.at(span, message, hint))

    if isinstance(arg, FuncCall):
        return _function_default(arg, scalar_type, enum_values is not None, bad)
    if is_list:
        if not isinstance(arg, ArrayExpr):
            bad(
                arg.span,
                f"the default of a list field must be a list, e.g. [] (field is {target}[])",
            )
            return None
        items: list[DefaultValue] = []
        for item in arg.items:
            value = _literal(item, scalar_type, enum_values, target, bad)
            if value is None:
                return None
            items.append(value)
        return Default(kind=DefaultKind.LIST, value=tuple(items), scalar_type=scalar_type)
    if isinstance(arg, ArrayExpr):
        bad(arg.span, f"a list default is only allowed on a list field (this field is {target})")
        return None
    value = _literal(arg, scalar_type, enum_values, target, bad)
    if value is None:
        return None
    kind = DefaultKind.ENUM_VALUE if enum_values is not None else DefaultKind.LITERAL
    return Default(kind=kind, value=value, scalar_type=scalar_type)


def _literal(
    expr: Expr,
    scalar_type: str,
    enum_values: tuple[str, ...] | None,
    target: str,
    report: Report,
) -> DefaultValue:

    def wrong(hint: str) -> None:
        report(expr.span, f"this default value does not fit the field type {target}", hint)

    if enum_values is not None:
        if isinstance(expr, ConstExpr) and expr.name in enum_values:
            return expr.name
        if isinstance(expr, ConstExpr):
            report(
                expr.span,
                f'"{expr.name}" is not a value of enum {scalar_type}',
                f"use one of: {', '.join(enum_values)}",
            )
            return None
        wrong(f"use an enum value without quotes, e.g. {enum_values[0] if enum_values else 'A'}")
        return None
    if scalar_type in ("Int", "BigInt"):
        if isinstance(expr, NumberLit) and INT_RE.fullmatch(expr.text):
            return int(expr.text) if scalar_type == "Int" else expr.text
        wrong("use a whole number, e.g. 0")
        return None
    if scalar_type == "Float":
        if isinstance(expr, NumberLit):
            return float(expr.text) if not INT_RE.fullmatch(expr.text) else int(expr.text)
        wrong("use a number, e.g. 0.5")
        return None
    if scalar_type == "Decimal":
        if isinstance(expr, NumberLit):
            return expr.text
        if isinstance(expr, StringLit):
            try:
                float(expr.value)
                return expr.value
            except ValueError:
                pass
        wrong("use a number, e.g. 1.50")
        return None
    if scalar_type == "Boolean":
        if isinstance(expr, ConstExpr) and expr.name in ("true", "false"):
            return expr.name == "true"
        wrong("use true or false")
        return None
    if scalar_type == "DateTime":
        if isinstance(expr, StringLit):
            normalised = rfc3339(expr.value)
            if normalised is not None:
                return normalised
            report(
                expr.span,
                f'"{expr.value}" is not an RFC 3339 date-time',
                'write it like "2024-01-31T12:00:00Z", or use now()',
            )
            return None
        wrong('use now() or a date-time string like "2024-01-31T12:00:00Z"')
        return None
    if scalar_type in ("String", "Json", "Bytes"):
        if isinstance(expr, StringLit):
            return expr.value
        wrong('use a string in double quotes, e.g. ""')
        return None
    wrong("this type takes no literal default")
    return None


def _function_default(
    call: FuncCall, scalar_type: str, is_enum: bool, report: Report
) -> Default | None:
    name = call.name
    if name not in DEFAULT_FUNCTIONS:
        report(
            call.span,
            f'unknown default function "{name}()"',
            "use one of: " + ", ".join(f"{n}()" for n in DEFAULT_FUNCTIONS),
        )
        return None
    types = DEFAULT_FUNCTIONS[name]
    if types and (is_enum or scalar_type not in types):
        report(
            call.span,
            f"{name}() cannot be the default of a field of type {scalar_type}",
            f"{name}() works on {' or '.join(types)} fields",
        )
        return None
    args: list[str | int | float | bool] = []
    if name in ("uuid", "cuid", "nanoid"):
        allowed = {"uuid": (4, 7), "cuid": (1, 2), "nanoid": None}[name]
        if len(call.args) > 1 or any(a.name for a in call.args):
            report(call.span, f"{name}() takes at most one unnamed argument")
            return None
        if call.args:
            value = call.args[0].value
            number = (
                int(value.text) if isinstance(value, NumberLit) and value.text.isdigit() else -1
            )
            if (allowed is not None and number not in allowed) or (
                allowed is None and not 2 <= number <= 255
            ):
                wanted = "4 or 7" if name == "uuid" else "1 or 2" if name == "cuid" else "2 to 255"
                report(value.span, f"{name}() accepts {wanted} as its argument")
                return None
            args.append(number)
        elif name in ("uuid", "cuid"):
            args.append(4 if name == "uuid" else 1)
    elif name == "dbgenerated":
        if len(call.args) > 1 or any(
            a.name or not isinstance(a.value, StringLit) for a in call.args
        ):
            report(call.span, 'dbgenerated() takes one string, e.g. dbgenerated("now()")')
            return None
        if call.args and isinstance(call.args[0].value, StringLit):
            args.append(call.args[0].value.value)
    elif name == "sequence":
        allowed_keys = ("virtual", "cache", "increment", "minValue", "maxValue", "start")
        for arg in call.args:
            if arg.name not in allowed_keys:
                report(arg.span, f"sequence() arguments are named: {', '.join(allowed_keys)}")
                return None
    elif call.args:
        report(call.span, f"{name}() takes no arguments")
        return None
    return Default(
        kind=DefaultKind.FUNCTION, function=name, args=tuple(args), scalar_type=scalar_type
    )
