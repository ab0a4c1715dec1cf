// MySQL/MariaDB DDL for a Prisma schema, written the way Prisma's schema engine writes it
// (`prisma migrate diff --from-empty --to-schema ... --script` against mysql).
//
// Why this exists: offline, tables are created by the WebAssembly build of Prisma's schema
// engine, and its 7.10 build connects through SQLite and PostgreSQL driver adapters only
// (with @prisma/adapter-mariadb it panics "Unsupported adapter provider: Mysql"); the native
// engine binary cannot be downloaded here. So for MySQL the harness renders Prisma's DDL
// itself from Prisma's own DMMF (@prisma/prisma-schema-wasm), following Prisma's mapping:
// String VARCHAR(191), Int INTEGER, BigInt BIGINT, Float DOUBLE, Decimal DECIMAL(65, 30),
// Boolean BOOLEAN, DateTime DATETIME(3), Json JSON, Bytes LONGBLOB, enums ENUM(...); native
// types as written; tables in utf8mb4_unicode_ci; constraint names `{table}_{columns}_key`,
// `_idx`, `_fkey`; required relations ON DELETE RESTRICT, optional ON DELETE SET NULL,
// ON UPDATE CASCADE; an implicit many-to-many relation R is table `_R` (A, B: the ids of the
// models in name order) with `_R_AB_unique` and `_R_B_index`. What the end-to-end schemas do
// not use is refused rather than guessed (dbgenerated() and Json defaults); a relation's
// map: name is not read (the DMMF does not carry it).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

const SCALAR_TYPES = {
  String: "VARCHAR(191)",
  Boolean: "BOOLEAN",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "DOUBLE",
  Decimal: "DECIMAL(65, 30)",
  DateTime: "DATETIME(3)",
  Json: "JSON",
  Bytes: "LONGBLOB",
};

/** Native type names whose SQL name is not just the upper-cased Prisma name. */
const NATIVE_NAMES = { Int: "INTEGER", MediumInt: "MEDIUMINT" };

const ACTIONS = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

const quote = (name) => "`" + name.replaceAll("`", "``") + "`";
const literal = (text) => "'" + String(text).replaceAll("'", "''") + "'";

/** Prisma's DMMF datamodel of a schema text, from Prisma's own parser. */
export function datamodelOf(schemaText) {
  const wasm = require("@prisma/prisma-schema-wasm");
  return JSON.parse(
    wasm.get_dmmf(JSON.stringify({ prismaSchema: schemaText, noColor: true })),
  ).datamodel;
}

function nativeType([name, args]) {
  const unsigned = name.startsWith("Unsigned");
  const base = unsigned ? name.slice("Unsigned".length) : name;
  const sql = NATIVE_NAMES[base] ?? base.toUpperCase();
  const withArgs = args.length ? `${sql}(${args.join(", ")})` : sql;
  return unsigned ? `${withArgs} UNSIGNED` : withArgs;
}

function columnType(field, enums) {
  if (field.kind === "enum") {
    const values = enums.get(field.type).values.map((v) => v.dbName ?? v.name);
    return `ENUM(${values.map(literal).join(", ")})`;
  }
  if (field.nativeType) return nativeType(field.nativeType);
  const type = SCALAR_TYPES[field.type];
  if (!type) throw new Error(`no MySQL type for ${field.type}`);
  return type;
}

function defaultClause(model, field, enums) {
  if (!field.hasDefaultValue) return "";
  const value = field.default;
  const where = `${model.name}.${field.name}`;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    switch (value.name) {
      case "autoincrement":
        return " AUTO_INCREMENT";
      case "now": {
        const precision = field.nativeType?.[1]?.[0] ?? "3";
        return ` DEFAULT CURRENT_TIMESTAMP(${precision})`;
      }
      case "uuid":
      case "cuid":
      case "nanoid":
      case "ulid":
        return ""; // Prisma fills these in itself
      default:
        throw new Error(
          `${where}: @default(${value.name}()) is not rendered here`,
        );
    }
  }
  if (field.type === "Json") {
    throw new Error(`${where}: Json defaults are not rendered here`);
  }
  if (field.kind === "enum") {
    const found = enums.get(field.type).values.find((v) => v.name === value);
    return ` DEFAULT ${literal(found?.dbName ?? value)}`;
  }
  if (typeof value === "boolean") return ` DEFAULT ${value}`;
  if (typeof value === "number") return ` DEFAULT ${value}`;
  if (field.type === "DateTime") {
    const text = new Date(value)
      .toISOString()
      .replace("T", " ")
      .replace("Z", "");
    return ` DEFAULT ${literal(text)}`;
  }
  if (["Int", "BigInt", "Float", "Decimal"].includes(field.type)) {
    return ` DEFAULT ${String(value)}`;
  }
  return ` DEFAULT ${literal(value)}`;
}

/** The DDL script creating every table, index and foreign key of a schema. */
export function mysqlDdl(datamodel) {
  const enums = new Map(datamodel.enums.map((e) => [e.name, e]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const table = (model) => model.dbName ?? model.name;
  const column = (model, name) => {
    const field = model.fields.find((f) => f.name === name);
    return field?.dbName ?? name;
  };
  const indexColumn = (model, field) => {
    const length = field.length ? `(${field.length})` : "";
    const sort = field.sortOrder ? ` ${field.sortOrder.toUpperCase()}` : "";
    return quote(column(model, field.name)) + length + sort;
  };
  const statements = [];
  const foreignKeys = [];
  const manyToMany = new Map();
  for (const model of datamodel.models) {
    const lines = [];
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (field.isList && !field.relationFromFields?.length) {
          const other = models.get(field.type);
          const back = other.fields.find(
            (f) => f.relationName === field.relationName && f !== field,
          );
          if (back?.isList) manyToMany.set(field.relationName, [model, other]);
        }
        continue;
      }
      const nullable = field.isRequired ? "NOT NULL" : "NULL";
      lines.push(
        `    ${quote(field.dbName ?? field.name)} ${columnType(field, enums)} ${nullable}` +
          defaultClause(model, field, enums),
      );
    }
    const constraints = [];
    const indexes = datamodel.indexes.filter((i) => i.model === model.name);
    const columnsOf = (index) => index.fields.map((f) => column(model, f.name));
    for (const index of indexes) {
      const columns = columnsOf(index);
      const list = index.fields.map((f) => indexColumn(model, f)).join(", ");
      if (index.type === "unique") {
        const name = index.dbName ?? `${table(model)}_${columns.join("_")}_key`;
        constraints.push(`    UNIQUE INDEX ${quote(name)}(${list})`);
      } else if (index.type === "normal") {
        const name = index.dbName ?? `${table(model)}_${columns.join("_")}_idx`;
        constraints.push(`    INDEX ${quote(name)}(${list})`);
      } else if (index.type === "fulltext") {
        const name = index.dbName ?? `${table(model)}_${columns.join("_")}_idx`;
        constraints.push(`    FULLTEXT INDEX ${quote(name)}(${list})`);
      }
    }
    const id = indexes.find((i) => i.type === "id");
    if (id) {
      const list = id.fields.map((f) => indexColumn(model, f)).join(", ");
      constraints.push(`    PRIMARY KEY (${list})`);
    }
    const body =
      lines.join(",\n") +
      (constraints.length ? ",\n\n" + constraints.join(",\n") : "");
    statements.push(
      `-- CreateTable\nCREATE TABLE ${quote(table(model))} (\n${body}\n) ` +
        "DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
    );
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length)
        continue;
      const target = models.get(field.type);
      const from = field.relationFromFields.map((name) => column(model, name));
      const to = field.relationToFields.map((name) => column(target, name));
      const required = field.relationFromFields.every(
        (name) => model.fields.find((f) => f.name === name).isRequired,
      );
      const onDelete =
        ACTIONS[field.relationOnDelete ?? (required ? "Restrict" : "SetNull")];
      const onUpdate = ACTIONS[field.relationOnUpdate ?? "Cascade"];
      foreignKeys.push(
        `-- AddForeignKey\nALTER TABLE ${quote(table(model))} ADD CONSTRAINT ` +
          `${quote(`${table(model)}_${from.join("_")}_fkey`)} FOREIGN KEY ` +
          `(${from.map(quote).join(", ")}) REFERENCES ${quote(table(target))}` +
          `(${to.map(quote).join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate};`,
      );
    }
  }
  for (const [relation, pair] of [...manyToMany].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    const [a, b] = [...pair].sort((x, y) => (x.name < y.name ? -1 : 1));
    const name = `_${relation}`;
    const idOf = (model) => model.fields.find((f) => f.isId);
    const columns = [
      ["A", a],
      ["B", b],
    ].map(
      ([col, model]) =>
        `    ${quote(col)} ${columnType(idOf(model), enums)} NOT NULL`,
    );
    statements.push(
      `-- CreateTable\nCREATE TABLE ${quote(name)} (\n${columns.join(",\n")},\n\n` +
        `    UNIQUE INDEX ${quote(`${name}_AB_unique`)}(\`A\`, \`B\`),\n` +
        `    INDEX ${quote(`${name}_B_index`)}(\`B\`)\n` +
        ") DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
    );
    for (const [col, model] of [
      ["A", a],
      ["B", b],
    ]) {
      foreignKeys.push(
        `-- AddForeignKey\nALTER TABLE ${quote(name)} ADD CONSTRAINT ${quote(`${name}_${col}_fkey`)} ` +
          `FOREIGN KEY (${quote(col)}) REFERENCES ${quote(table(model))}` +
          `(${quote(column(model, idOf(model).name))}) ON DELETE CASCADE ON UPDATE CASCADE;`,
      );
    }
  }
  return [...statements, ...foreignKeys].join("\n\n") + "\n";
}
