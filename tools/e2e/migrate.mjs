// usage: node migrate.mjs diff SCHEMA_PATH DATABASE_URL
//        node migrate.mjs deploy SCHEMA_PATH MIGRATIONS_DIR DATABASE_URL
// The two migration steps of a generated app, offline, through Prisma's schema engine
// (WebAssembly build): the engine the prisma CLI drives, whose native build the CLI would
// download first, which these machines cannot.
// - diff: the SQL that takes an empty database to the schema, as
//   `prisma migrate diff --from-empty --to-schema SCHEMA --script` prints it (stdout).
// - deploy: what `prisma migrate deploy` does: the engine's applyMigrations with the
//   migration folders read as the CLI reads them (sorted by name, each one's migration.sql,
//   and migration_lock.toml); prints the names it applied as a JSON list.
// Exits non-zero with a message on stderr on any failure.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { adapterFactoryFor, loadSchemaEngine } from "./schema_engine.mjs";

const FILTERS = { externalTables: [], externalEnums: [] };

async function engineFor(schemaPath, url) {
  const SchemaEngine = await loadSchemaEngine();
  const schemaText = readFileSync(schemaPath, "utf8");
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, schemaText]] },
    () => {},
    await adapterFactoryFor(url),
  );
  return { engine, schemaText };
}

function readText(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** The migrations folder in the shape the engine takes (the CLI's own listing). */
function migrationsList(baseDir) {
  const lockfile = "migration_lock.toml";
  const folders = readdirSync(baseDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return {
    baseDir,
    lockfile: { path: lockfile, content: readText(path.join(baseDir, lockfile)) },
    shadowDbInitScript: "",
    migrationDirectories: folders.map((name) => {
      const content = readText(path.join(baseDir, name, "migration.sql"));
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content:
            content === null
              ? { tag: "error", value: `${name}/migration.sql is missing` }
              : { tag: "ok", value: content },
        },
      };
    }),
  };
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === "diff" && args.length === 2) {
    const [schemaArg, url] = args;
    const schemaPath = path.resolve(schemaArg);
    const { engine, schemaText } = await engineFor(schemaPath, url);
    const result = await engine.diff({
      from: { tag: "empty" },
      to: {
        tag: "schemaDatamodel",
        files: [{ path: schemaPath, content: schemaText }],
      },
      script: true,
      shadowDatabaseUrl: null,
      exitCode: null,
      filters: FILTERS,
    });
    process.stdout.write(result.stdout);
    return;
  }
  if (command === "deploy" && args.length === 3) {
    const [schemaArg, migrationsDir, url] = args;
    const { engine } = await engineFor(path.resolve(schemaArg), url);
    const result = await engine.applyMigrations({
      migrationsList: migrationsList(path.resolve(migrationsDir)),
      filters: FILTERS,
    });
    process.stdout.write(JSON.stringify(result.appliedMigrationNames));
    return;
  }
  throw new Error(
    "usage: node migrate.mjs diff SCHEMA DATABASE_URL | deploy SCHEMA MIGRATIONS_DIR DATABASE_URL",
  );
}

// Exit explicitly: the pg pool inside the adapter factory would keep the process alive.
main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(
      `migrate: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
