"""From syntax trees to the resolved `Schema`: names, types, attributes, indexes, relations."""

from __future__ import annotations

import attrs

from .annotations import check_schema_annotations, parse_annotations
from .field_rules import check_field_rules
from .attributes import (
    REFERENTIAL_ACTIONS,
    SCALAR_TYPES,
    ArgReader,
    expr_python,
    type_default,
)
from .errors import Diagnostic, SchemaError, Span, did_you_mean
from .model import (
    CompositeType,
    Datasource,
    Enum,
    EnumValue,
    Field,
    FieldKind,
    Generator,
    Index,
    IndexField,
    Model,
    NativeType,
    PrimaryKey,
    Schema,
    UniqueIndex,
)
from .native_types import check_native_type
from .relations import pair_relations
from .syntax import Arg, Block, ConstExpr, DocLine, FieldDecl, NumberLit, SchemaFile, StringLit

PROVIDERS = ("sqlite", "postgresql", "postgres", "mysql", "mongodb", "sqlserver", "cockroachdb")
FIELD_ATTRIBUTES = ("id", "default", "unique", "updatedAt", "map", "relation", "ignore")
MODEL_ATTRIBUTES = ("id", "unique", "index", "map", "ignore", "schema", "fulltext")
SORT_ORDERS = ("Asc", "Desc")
CONNECTION_PROPS = ("url", "directUrl", "shadowDatabaseUrl")


def documentation(docs: tuple[DocLine, ...]) -> str | None:
    return "\n".join(d.text for d in docs) if docs else None


class Resolver:
    def __init__(self, files: list[SchemaFile]) -> None:
        self.files = files
        self.diagnostics: list[Diagnostic] = []
        self.blocks: dict[str, Block] = {}
        self.provider = ""
        self.datasource_name = "db"
        self.field_values: dict[tuple[str, str], dict[str, object]] = {}

    def fail(self, span: Span, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic.at(span, message, hint))

    # -- entry ---------------------------------------------------------------------------------

    def run(self) -> Schema:
        all_blocks = [b for f in self.files for b in f.blocks]
        datasources = self.config_blocks(all_blocks)
        for block in all_blocks:
            if block.keyword in ("datasource", "generator"):
                continue
            if block.name in self.blocks:
                other = self.blocks[block.name]
                self.fail(
                    block.name_span,
                    f'the name "{block.name}" is already used by {other.keyword} {other.name} '
                    f"at line {other.name_span.line}",
                    "rename one of them",
                )
                continue
            if block.name in SCALAR_TYPES or block.name == "Unsupported":
                self.fail(block.name_span, f'"{block.name}" is a reserved type name', "rename it")
                continue
            self.blocks[block.name] = block
        enums = tuple(self.enum(b) for b in self.blocks.values() if b.keyword == "enum")
        types = tuple(self.composite(b) for b in self.blocks.values() if b.keyword == "type")
        models = [self.model(b) for b in self.blocks.values() if b.keyword in ("model", "view")]
        models = pair_relations(models, self.blocks, self.provider, self.diagnostics)
        for model in models:
            self.check_model(model)
        self.diagnostics.extend(check_schema_annotations(models, enums))
        self.diagnostics.extend(check_field_rules(models))
        generators = tuple(self.generator(b) for b in all_blocks if b.keyword == "generator")
        if any(not d.is_warning for d in self.diagnostics):
            raise SchemaError(self.diagnostics, [(f.path, f.text) for f in self.files])
        warnings = sorted(self.diagnostics, key=lambda d: (d.file, d.line, d.col))
        return Schema(
            warnings=tuple(warnings),
            models=tuple(models),
            enums=enums,
            types=types,
            datasources=datasources,
            generators=generators,
            files=tuple((f.path, f.text) for f in self.files),
        )

    # -- datasource and generators -------------------------------------------------------------

    def config_blocks(self, blocks: list[Block]) -> tuple[Datasource, ...]:
        out: list[Datasource] = []
        names: set[str] = set()
        for block in blocks:
            if block.keyword not in ("datasource", "generator"):
                continue
            key = block.keyword + ":" + block.name
            if key in names:
                self.fail(block.name_span, f'{block.keyword} "{block.name}" is defined twice')
            names.add(key)
            seen: set[str] = set()
            for prop in block.props:
                if prop.name in seen:
                    self.fail(prop.name_span, f'"{prop.name}" is set twice in {block.name}')
                seen.add(prop.name)
            if block.keyword != "datasource":
                continue
            if out:
                self.fail(block.name_span, "a schema has only one datasource", "remove this one")
                continue
            config = {p.name: p for p in block.props}
            provider_prop = config.get("provider")
            provider = ""
            if provider_prop is None:
                self.fail(
                    block.name_span,
                    f"datasource {block.name} has no provider",
                    (
                        'add provider = "postgresql" (or sqlite, mysql, sqlserver, mongodb, '
                        "cockroachdb)"
                    ),
                )
            elif not isinstance(provider_prop.value, StringLit):
                self.fail(provider_prop.value.span, "the provider must be a string")
            else:
                provider = provider_prop.value.value
                if provider not in PROVIDERS:
                    self.fail(
                        provider_prop.value.span,
                        f'unknown datasource provider "{provider}"',
                        did_you_mean(provider, PROVIDERS) or "use one of: " + ", ".join(PROVIDERS),
                    )
                    provider = ""
            for key in CONNECTION_PROPS:
                if key in config:
                    self.diagnostics.append(
                        Diagnostic.at(
                            config[key].name_span,
                            f'"{key}" in the datasource is left out of the generated schema: '
                            "Prisma 7 reads connections from prisma.config.ts",
                            "the generated app connects with DATABASE_URL",
                            severity="warning",
                        )
                    )
            self.provider = "postgresql" if provider == "postgres" else provider
            self.datasource_name = block.name
            out.append(
                Datasource(
                    name=block.name,
                    provider=provider,
                    config=tuple(
                        (p.name, expr_python(p.value)) for p in block.props if p.name != "provider"
                    ),
                )
            )
        return tuple(out)

    def generator(self, block: Block) -> Generator:
        config = {p.name: expr_python(p.value) for p in block.props}
        provider = config.pop("provider", None)
        if provider is None:
            self.fail(block.name_span, f"generator {block.name} has no provider")
        output = config.pop("output", None)
        return Generator(
            name=block.name,
            provider=str(provider or ""),
            output=str(output) if output is not None else None,
            config=tuple(config.items()),
        )

    # -- enums and composite types -------------------------------------------------------------

    def enum(self, block: Block) -> Enum:
        if self.provider == "sqlserver":
            self.fail(block.span, "SQL Server does not support enums", "use a String field")
        values: list[EnumValue] = []
        seen: set[str] = set()
        for value in block.values:
            if value.name in seen:
                self.fail(value.name_span, f'enum value "{value.name}" is defined twice')
            seen.add(value.name)
            db_name = None
            for attribute in value.attributes:
                reader = ArgReader(attribute, self.diagnostics)
                if attribute.name == "map":
                    db_name = reader.string(reader.take("name", positional=True))
                    reader.finish()
                else:
                    self.fail(
                        attribute.span,
                        f'unknown enum value attribute "@{attribute.name}"',
                        'enum values accept only @map("name")',
                    )
            values.append(
                EnumValue(name=value.name, db_name=db_name, documentation=documentation(value.docs))
            )
        if not values:
            self.fail(block.name_span, f"enum {block.name} has no values", "add at least one value")
        db_name, schema = self.block_map_schema(block, ("map", "schema"))
        return Enum(
            name=block.name,
            db_name=db_name,
            values=tuple(values),
            documentation=documentation(block.docs),
            annotations=parse_annotations(block.docs, "enum", self.diagnostics),
            schema=schema,
            span=block.name_span,
        )

    def block_map_schema(
        self, block: Block, allowed: tuple[str, ...]
    ) -> tuple[str | None, str | None]:
        db_name: str | None = None
        schema: str | None = None
        for attribute in block.attributes:
            if attribute.name not in allowed:
                self.fail(
                    attribute.span,
                    f'unknown attribute "@@{attribute.name}" in {block.keyword} {block.name}',
                    did_you_mean(attribute.name, allowed)
                    or "allowed here: " + ", ".join("@@" + a for a in allowed),
                )
                continue
            reader = ArgReader(attribute, self.diagnostics)
            if attribute.name == "map":
                db_name = reader.string(reader.take("name", positional=True))
            elif attribute.name == "schema":
                schema = reader.string(reader.take("name", positional=True))
            else:
                continue
            reader.finish()
        return db_name, schema

    def composite(self, block: Block) -> CompositeType:
        if self.provider and self.provider != "mongodb":
            self.fail(
                block.span,
                "composite types are only supported with the mongodb provider",
                "use a model and a relation, or a Json field",
            )
        fields = tuple(self.field(block, decl) for decl in self.unique_fields(block))
        for attribute in block.attributes:
            self.fail(attribute.span, "a composite type takes no block attributes")
        return CompositeType(
            name=block.name,
            fields=fields,
            documentation=documentation(block.docs),
            span=block.name_span,
        )

    def unique_fields(self, block: Block) -> list[FieldDecl]:
        seen: set[str] = set()
        out: list[FieldDecl] = []
        for decl in block.fields:
            if decl.name in seen:
                self.fail(
                    decl.name_span,
                    f'field "{decl.name}" is defined twice in {block.keyword} {block.name}',
                    "rename or remove one of them",
                )
                continue
            seen.add(decl.name)
            out.append(decl)
        return out

    # -- fields --------------------------------------------------------------------------------

    def field_kind(self, decl: FieldDecl) -> FieldKind | None:
        name = decl.type.name
        if decl.type.unsupported is not None:
            return FieldKind.UNSUPPORTED
        if name in SCALAR_TYPES:
            return FieldKind.SCALAR
        block = self.blocks.get(name)
        if block is not None:
            return {
                "enum": FieldKind.ENUM,
                "type": FieldKind.COMPOSITE,
                "model": FieldKind.OBJECT,
                "view": FieldKind.OBJECT,
            }[block.keyword]
        candidates = list(SCALAR_TYPES) + list(self.blocks)
        self.fail(
            decl.type.span,
            f'unknown type "{name}" for field {decl.name}',
            did_you_mean(name, candidates)
            or "use a scalar type (String, Int, ...) or the name of a model, enum or type",
        )
        return None

    def field(self, block: Block, decl: FieldDecl) -> Field:
        kind = self.field_kind(decl) or FieldKind.UNSUPPORTED
        is_list = decl.type.arity == "list"
        if (
            is_list
            and kind in (FieldKind.SCALAR, FieldKind.ENUM)
            and self.provider in ("sqlite", "mysql", "sqlserver")
        ):
            self.fail(
                decl.type.span,
                f"field {decl.name}: {self.provider} does not support lists of scalars or enums",
                "use a related model, or a Json field",
            )
        values: dict[str, object] = {}
        seen: set[str] = set()
        allowed = FIELD_ATTRIBUTES if block.keyword != "type" else ("default", "map")
        for attribute in decl.attributes:
            if attribute.name in seen and not attribute.name.startswith(self.datasource_name + "."):
                self.fail(attribute.span, f'"@{attribute.name}" is given twice on {decl.name}')
                continue
            seen.add(attribute.name)
            self.field_attribute(block, decl, kind, attribute, values, allowed)
        if kind is FieldKind.OBJECT and any(
            k in values for k in ("id", "unique", "default", "updatedAt")
        ):
            self.fail(
                decl.name_span,
                f"relation field {decl.name} cannot have @id, @unique, @default or @updatedAt",
                "put these attributes on the foreign key scalar field instead",
            )
        self.field_values[(block.name, decl.name)] = values
        return Field(
            name=decl.name,
            db_name=values.get("map") if isinstance(values.get("map"), str) else None,  # type: ignore[arg-type]
            kind=kind,
            type=decl.type.name if kind is not FieldKind.UNSUPPORTED else decl.type.name,
            is_list=is_list,
            is_required=decl.type.arity != "optional",
            is_id="id" in values,
            is_unique="unique" in values,
            is_updated_at="updatedAt" in values,
            default=values.get("default"),  # type: ignore[arg-type]
            native_type=values.get("native"),  # type: ignore[arg-type]
            documentation=documentation(decl.docs),
            annotations=parse_annotations(decl.docs, "field", self.diagnostics),
            is_ignored="ignore" in values,
            span=decl.name_span,
        )

    def field_attribute(
        self,
        block: Block,
        decl: FieldDecl,
        kind: FieldKind,
        attribute: object,
        values: dict[str, object],
        allowed: tuple[str, ...],
    ) -> None:
        from .syntax import AttributeNode

        assert isinstance(attribute, AttributeNode)
        name = attribute.name
        reader = ArgReader(attribute, self.diagnostics)
        prefix = self.datasource_name + "."
        if name.startswith(prefix) or (not self.provider and "." in name):
            native = check_native_type(
                self.provider, name.split(".", 1)[1], decl.type.name, attribute, self.diagnostics
            )
            if native is not None:
                values["native"] = native
            return
        if "." in name:
            self.fail(
                attribute.span,
                f'unknown attribute "@{name}"',
                f"native types are written @{prefix}Type, after the datasource name",
            )
            return
        if name not in allowed:
            self.fail(
                attribute.span,
                f'unknown field attribute "@{name}"',
                did_you_mean(name, allowed)
                or "allowed here: " + ", ".join("@" + a for a in allowed),
            )
            return
        if name == "map":
            values["map"] = reader.string(reader.take("name", positional=True))
            if attribute.args == ():
                self.fail(attribute.span, '@map needs a name, e.g. @map("column_name")')
        elif name in ("id", "unique"):
            index_args = self.index_field_args(reader)
            if name == "id" and decl.type.arity == "optional":
                self.fail(
                    decl.type.span, f"the @id field {decl.name} cannot be optional", "remove the ?"
                )
            values[name] = index_args
        elif name == "default":
            arg = reader.take("value", positional=True)
            reader.string(reader.take("map"))
            if arg is None:
                self.fail(attribute.span, "@default needs a value, e.g. @default(0)")
            elif kind in (FieldKind.SCALAR, FieldKind.ENUM):
                enum_values = None
                if kind is FieldKind.ENUM:
                    enum_values = tuple(v.name for v in self.blocks[decl.type.name].values)
                values["default"] = type_default(
                    arg.value,
                    decl.type.name,
                    decl.type.arity == "list",
                    enum_values,
                    self.diagnostics,
                )
            elif kind is FieldKind.UNSUPPORTED:
                values["default"] = type_default(arg.value, "", False, None, self.diagnostics)
        elif name == "updatedAt":
            if decl.type.name != "DateTime":
                self.fail(
                    attribute.span,
                    f"@updatedAt only works on DateTime fields ({decl.name} is "
                    f"{decl.type.name})",
                    "remove @updatedAt or change the type to DateTime",
                )
            values["updatedAt"] = True
        elif name == "ignore":
            values["ignore"] = True
        elif name == "relation":
            values["relation"] = True
            if kind is not FieldKind.OBJECT:
                self.fail(
                    attribute.span,
                    f"@relation only goes on relation fields ({decl.name} is " f"not a model type)",
                )
            return
        reader.finish()

    def index_field_args(self, reader: ArgReader) -> dict[str, object]:
        out: dict[str, object] = {}
        out["map"] = reader.string(reader.take("map"))
        out["sort"] = reader.constant(reader.take("sort"), SORT_ORDERS)
        length = reader.take("length")
        if length is not None:
            if isinstance(length.value, NumberLit) and length.value.text.isdigit():
                out["length"] = int(length.value.text)
            else:
                self.fail(length.value.span, "length must be a whole number")
        clustered = reader.constant(reader.take("clustered"), ("true", "false"))
        out["clustered"] = None if clustered is None else clustered == "true"
        return out

    # -- models --------------------------------------------------------------------------------

    def model(self, block: Block) -> Model:
        decls = self.unique_fields(block)
        fields = [self.field(block, decl) for decl in decls]
        by_name = {f.name: f for f in fields}
        id_fields = [f for f in fields if f.is_id]
        for extra in id_fields[1:]:
            self.fail(
                extra.span,
                f"model {block.name} has more than one @id field",
                "use @@id([a, b]) for a compound primary key",
            )
        indexes_id: list[Index] = []
        indexes_unique: list[Index] = []
        primary_key: PrimaryKey | None = None
        if id_fields:
            args = self.field_values[(block.name, id_fields[0].name)]["id"]
            assert isinstance(args, dict)
            primary_key = PrimaryKey(fields=(id_fields[0].name,), db_name=args["map"])
            indexes_id.append(self.field_index("id", id_fields[0].name, args))
        for field in fields:
            if "unique" in self.field_values[(block.name, field.name)]:
                args = self.field_values[(block.name, field.name)]["unique"]
                assert isinstance(args, dict)
                indexes_unique.append(self.field_index("unique", field.name, args))
        normal: list[Index] = []
        compound_unique: list[Index] = []
        fulltext: list[Index] = []
        unique_fields: list[tuple[str, ...]] = []
        unique_indexes: list[UniqueIndex] = []
        db_name: str | None = None
        schema: str | None = None
        is_ignored = False
        seen: set[str] = set()
        for attribute in block.attributes:
            name = attribute.name
            if name not in MODEL_ATTRIBUTES:
                self.fail(
                    attribute.span,
                    f'unknown block attribute "@@{name}"',
                    did_you_mean(name, MODEL_ATTRIBUTES)
                    or "allowed here: " + ", ".join("@@" + a for a in MODEL_ATTRIBUTES),
                )
                continue
            if name in ("id", "map", "ignore", "schema") and name in seen:
                self.fail(attribute.span, f'"@@{name}" is given twice in {block.name}')
                continue
            seen.add(name)
            reader = ArgReader(attribute, self.diagnostics)
            if name == "map":
                db_name = reader.string(reader.take("name", positional=True))
            elif name == "schema":
                schema = reader.string(reader.take("name", positional=True))
            elif name == "ignore":
                is_ignored = True
            else:
                index = self.block_index(block, name, reader, by_name)
                if index is None:
                    continue
                if name == "id":
                    if id_fields:
                        self.fail(
                            attribute.span,
                            f"model {block.name} has both @id and @@id",
                            "keep only one primary key",
                        )
                    primary_key = PrimaryKey(
                        fields=tuple(f.name for f in index.fields),
                        name=index.name,
                        db_name=index.db_name,
                    )
                    indexes_id = [index]
                elif name == "unique":
                    compound_unique.append(index)
                    names = tuple(f.name.rsplit(".", 1)[-1] for f in index.fields)
                    unique_fields.append(names)
                    unique_indexes.append(UniqueIndex(name=index.name, fields=names))
                elif name == "index":
                    normal.append(index)
                else:
                    fulltext.append(index)
                continue
            reader.finish()
        single = {names[0] for names in unique_fields if len(names) == 1}
        fields = [attrs.evolve(f, is_unique=True) if f.name in single else f for f in fields]
        return Model(
            name=block.name,
            db_name=db_name,
            fields=tuple(fields),
            primary_key=primary_key,
            unique_fields=tuple(unique_fields),
            unique_indexes=tuple(unique_indexes),
            indexes=tuple(indexes_id + indexes_unique + normal + compound_unique + fulltext),
            documentation=documentation(block.docs),
            annotations=parse_annotations(block.docs, "model", self.diagnostics),
            is_ignored=is_ignored,
            is_view=block.keyword == "view",
            schema=schema,
            span=block.name_span,
        )

    def field_index(self, kind: str, field: str, args: dict[str, object]) -> Index:
        sort = args.get("sort")
        length = args.get("length")
        clustered = args.get("clustered")
        return Index(
            kind=kind,
            fields=(
                IndexField(
                    name=field,
                    sort=sort.lower() if isinstance(sort, str) else None,
                    length=length if isinstance(length, int) else None,
                ),
            ),
            is_defined_on_field=True,
            db_name=args["map"] if isinstance(args.get("map"), str) else None,  # type: ignore[arg-type]
            clustered=clustered if isinstance(clustered, bool) else None,
        )

    def block_index(
        self, block: Block, kind: str, reader: ArgReader, by_name: dict[str, Field]
    ) -> Index | None:
        fields_arg = reader.take("fields", positional=True)
        name = reader.string(reader.take("name")) if kind != "fulltext" else None
        db_name = reader.string(reader.take("map"))
        if kind == "index" and name is not None:
            if db_name is not None:
                self.fail(
                    reader.attribute.span,
                    "@@index takes name or map, not both",
                    "use map for the database name",
                )
            db_name, name = name, None
        algorithm = None
        clustered = None
        if kind == "index":
            algorithm = reader.constant(
                reader.take("type"), ("BTree", "Hash", "Gist", "Gin", "SpGist", "Brin")
            )
        if kind != "fulltext":
            value = reader.constant(reader.take("clustered"), ("true", "false"))
            clustered = None if value is None else value == "true"
        reader.finish()
        items = reader.field_list(fields_arg)
        if fields_arg is None:
            self.fail(
                reader.attribute.span, f"@@{kind} needs a list of fields, e.g. @@{kind}([a, b])"
            )
            return None
        if items is None:
            return None
        if not items:
            self.fail(fields_arg.span, f"@@{kind} needs at least one field")
            return None
        out: list[IndexField] = []
        for field_name, span, args in items:
            root = field_name.split(".", 1)[0]
            field = by_name.get(root)
            if field is None:
                self.fail(
                    span,
                    f'@@{kind} refers to "{field_name}", which is not a field of {block.name}',
                    did_you_mean(root, by_name),
                )
                return None
            if field.kind is FieldKind.OBJECT:
                self.fail(
                    span,
                    f"@@{kind} refers to the relation field {field_name}",
                    "index the foreign key scalar fields instead",
                )
                return None
            if kind == "id" and not field.is_required:
                self.fail(span, f"the @@id field {field_name} cannot be optional", "remove the ?")
            out.append(self.index_field(field_name, span, args))
        return Index(
            kind={"index": "normal"}.get(kind, kind),
            fields=tuple(out),
            is_defined_on_field=False,
            name=name,
            db_name=db_name,
            algorithm=algorithm,
            clustered=clustered,
        )

    def index_field(self, name: str, span: Span, args: tuple[Arg, ...]) -> IndexField:
        sort = length = ops = None
        for arg in args:
            value = arg.value
            if arg.name == "sort" and isinstance(value, ConstExpr) and value.name in SORT_ORDERS:
                sort = value.name.lower()
            elif arg.name == "length" and isinstance(value, NumberLit) and value.text.isdigit():
                length = int(value.text)
            elif arg.name == "ops" and isinstance(value, ConstExpr):
                ops = value.name
            else:
                self.fail(
                    arg.span,
                    f"unknown index field argument for {name}",
                    "use sort: Asc|Desc, length: n or ops: Class",
                )
        return IndexField(name=name, sort=sort, length=length, operator_class=ops)

    def check_model(self, model: Model) -> None:
        if model.is_ignored or model.is_view:
            return
        if model.primary_key is not None:
            return
        if any(f.is_unique and f.is_required for f in model.fields):
            return
        for names in model.unique_fields:
            if all(
                model.field(n).is_required for n in names if n in {f.name for f in model.fields}
            ):
                return
        self.fail(
            model.span,
            f"model {model.name} has no unique criteria",
            "add an @id field (e.g. id Int @id @default(autoincrement())), @@id, or a required "
            "@unique field",
        )


def resolve(files: list[SchemaFile]) -> Schema:
    return Resolver(files).run()
