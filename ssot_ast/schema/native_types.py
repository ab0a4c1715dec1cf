"""Native database types (`@db.VarChar(255)`) known per provider."""

from __future__ import annotations

from .errors import Diagnostic, did_you_mean
from .model import NativeType
from .syntax import AttributeNode, ConstExpr, NumberLit, StringLit

_POSTGRES = (
    "Text Char VarChar Bit VarBit Uuid Xml Inet Citext Boolean Integer SmallInt Oid BigInt "
    "DoublePrecision Real Decimal Money Timestamp Timestamptz Date Time Timetz Json JsonB ByteA"
)
_COCKROACH = (
    "Bit Bool Bytes Char Date Decimal Float4 Float8 Inet Int2 Int4 Int8 JsonB Oid CatalogSingleChar "
    "String Time Timestamp Timestamptz Timetz Uuid VarBit"
)
_MYSQL = (
    "Int UnsignedInt SmallInt UnsignedSmallInt TinyInt UnsignedTinyInt MediumInt UnsignedMediumInt "
    "BigInt UnsignedBigInt Decimal Float Double Bit Char VarChar Binary VarBinary TinyBlob Blob "
    "MediumBlob LongBlob TinyText Text MediumText LongText Date Time DateTime Timestamp Year Json"
)
_SQLSERVER = (
    "Char NChar VarChar NVarChar Text NText Xml UniqueIdentifier Int SmallInt TinyInt BigInt Bit "
    "Decimal Money SmallMoney Float Real Date Time DateTime DateTime2 DateTimeOffset SmallDateTime "
    "Binary VarBinary Image"
)
_MONGODB = "String Double Long Int BinData ObjectId Bool Date Timestamp Json"

NATIVE_TYPES: dict[str, frozenset[str]] = {
    "postgresql": frozenset(_POSTGRES.split()),
    "cockroachdb": frozenset(_COCKROACH.split()),
    "mysql": frozenset(_MYSQL.split()),
    "sqlserver": frozenset(_SQLSERVER.split()),
    "mongodb": frozenset(_MONGODB.split()),
    "sqlite": frozenset(),
}


def check_native_type(
    provider: str,
    name: str,
    scalar_type: str,
    attribute: AttributeNode,
    diagnostics: list[Diagnostic],
) -> NativeType | None:
    known = NATIVE_TYPES.get(provider)
    if known is not None and name not in known:
        if not known:
            hint = f"{provider} has no native types: remove @{attribute.name}"
        else:
            hint = did_you_mean(name, known) or "known here: " + ", ".join(sorted(known))
        diagnostics.append(
            Diagnostic.at(attribute.span, f'unknown native type "{name}" for {provider}', hint)
        )
        return None
    args: list[str] = []
    for arg in attribute.args:
        value = arg.value
        if isinstance(value, NumberLit):
            args.append(value.text)
        elif isinstance(value, StringLit):
            args.append(value.value)
        elif isinstance(value, ConstExpr):
            args.append(value.name)
        else:
            diagnostics.append(
                Diagnostic.at(value.span, f"@{attribute.name} takes numbers, e.g. (255)")
            )
            return None
    return NativeType(name, tuple(args))
