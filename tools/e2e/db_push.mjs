// usage: node db_push.mjs SCHEMA_PATH DATABASE_URL
// Creates the tables of a Prisma schema in an empty database, offline: Prisma's schema engine
// (WebAssembly build) diffs "empty" against the schema and returns the DDL script, which the
// database's own driver then runs (libSQL for file: URLs, pg for postgres:// URLs).
// MySQL/MariaDB (mysql:// and mariadb:// URLs): that engine build has no MySQL adapter, so
// mysql_ddl.mjs renders Prisma's DDL from Prisma's DMMF, and the mariadb driver runs it.
// Prints the script on stdout; exits non-zero with a message on stderr on any failure.
import { readFileSync } from "node:fs";
import path from "node:path";
import { datamodelOf, mysqlDdl } from "./mysql_ddl.mjs";
import {
  adapterFactoryFor,
  loadSchemaEngine,
  providerOf,
} from "./schema_engine.mjs";

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
