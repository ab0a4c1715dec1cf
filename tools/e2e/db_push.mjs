// usage: node db_push.mjs SCHEMA_PATH DATABASE_URL
// Creates the tables of a Prisma schema in an empty database, offline: Prisma's schema engine
// (WebAssembly build) diffs "empty" against the schema and returns the DDL script, which the
// database's own driver then runs (libSQL for file: URLs, pg for postgres:// URLs).
// MySQL/MariaDB (mysql:// and mariadb:// URLs): that engine build has no MySQL adapter, so
// mysql_ddl.mjs renders Prisma's DDL from Prisma's DMMF, and the mariadb driver runs it.
// Prints the script on stdout; exits non-zero with a message on stderr on any failure.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { datamodelOf, mysqlDdl } from "./mysql_ddl.mjs";

const require = createRequire(import.meta.url);

/** Node 20 cannot import a .wasm file as an ES module: instantiate it by hand. */
async function loadSchemaEngine() {
  // A Rust panic in the engine reports its message here (Prisma's CLI installs the same);
  // without it the panic surfaces as "Cannot read properties of undefined".
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message) {
      process.stderr.write(`db_push: schema engine panicked: ${message}\n`);
    },
  };
  const wasmPath = path.join(
    path.dirname(
      require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"),
    ),
    "schema_engine_bg.wasm",
  );
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
    "./schema_engine_bg.js": bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings.SchemaEngine;
}

function providerOf(schemaText) {
  const datasource = /datasource\s+\w+\s*\{([^}]*)\}/m.exec(schemaText);
  const provider = datasource && /provider\s*=\s*"([^"]+)"/.exec(datasource[1]);
  return provider ? provider[1] : undefined;
}

/**
 * The engine wants the driver adapter factory in the wrapped form Prisma's CLI hands it
 * (methods returning results, not throwing); a bare factory or a stub object crashes it.
 */
async function adapterFactoryFor(url) {
  const { bindMigrationAwareSqlAdapterFactory } =
    await import("@prisma/driver-adapter-utils");
  if (url.startsWith("file:")) {
    const { PrismaLibSql } = await import("@prisma/adapter-libsql");
    return bindMigrationAwareSqlAdapterFactory(new PrismaLibSql({ url }));
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return bindMigrationAwareSqlAdapterFactory(
    new PrismaPg({ connectionString: url }),
  );
}

function isMysqlUrl(url) {
  return /^(mysql|mariadb):\/\//.test(url);
}

async function ddlFor(schemaPath, schemaText, url) {
  const SchemaEngine = await loadSchemaEngine();
  // An empty datamodel list crashes the engine: always pass the schema.
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, schemaText]] },
    () => {},
    await adapterFactoryFor(url),
  );
  const result = await engine.diff({
    from: { tag: "empty" },
    to: {
      tag: "schemaDatamodel",
      files: [{ path: schemaPath, content: schemaText }],
    },
    script: true,
    shadowDatabaseUrl: null,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout;
}

async function runSqlite(url, script) {
  const { createClient } = await import("@libsql/client");
  const client = createClient({ url });
  try {
    await client.executeMultiple(script);
  } finally {
    client.close();
  }
}

async function runPostgres(url, script) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(script);
  } finally {
    await client.end();
  }
}

/** The mariadb driver runs a multi-statement script only when asked to. */
async function runMysql(url, script) {
  const { default: mariadb } = await import("mariadb");
  const settings = new URL(url);
  settings.protocol = "mariadb:";
  settings.searchParams.set("multipleStatements", "true");
  const connection = await mariadb.createConnection(settings.toString());
  try {
    await connection.query(script);
  } finally {
    await connection.end();
  }
}

async function main() {
  const [schemaArg, url] = process.argv.slice(2);
  if (!schemaArg || !url) {
    throw new Error("usage: node db_push.mjs SCHEMA_PATH DATABASE_URL");
  }
  const schemaPath = path.resolve(schemaArg);
  const schemaText = readFileSync(schemaPath, "utf8");
  const provider = providerOf(schemaText);
  const isSqlite = url.startsWith("file:");
  const isPostgres = /^postgres(ql)?:\/\//.test(url);
  const isMysql = isMysqlUrl(url);
  if (isSqlite && provider !== "sqlite") {
    throw new Error(
      `schema provider is ${provider}, but ${url} is a SQLite URL`,
    );
  }
  if (isPostgres && provider !== "postgresql") {
    throw new Error(
      `schema provider is ${provider}, but the URL is a PostgreSQL URL`,
    );
  }
  if (isMysql && provider !== "mysql") {
    throw new Error(
      `schema provider is ${provider}, but the URL is a MySQL/MariaDB URL`,
    );
  }
  if (!isSqlite && !isPostgres && !isMysql)
    throw new Error(`unsupported DATABASE_URL: ${url}`);
  const script = isMysql
    ? mysqlDdl(datamodelOf(schemaText))
    : await ddlFor(schemaPath, schemaText, url);
  if (isSqlite) await runSqlite(url, script);
  else if (isMysql) await runMysql(url, script);
  else await runPostgres(url, script);
  process.stdout.write(script);
}

// Exit explicitly: the pg (or mariadb) pool inside the adapter factory would keep the process
// alive for its idle timeout (10 s). Writes to a pipe are synchronous on Linux, so nothing is lost.
main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(
      `db_push: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
