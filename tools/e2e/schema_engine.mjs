// Prisma's schema engine (WebAssembly build, same release as the apps' prisma CLI), loaded
// offline, and the driver adapter it talks to a database through. Used by db_push.mjs
// (tables from a schema) and migrate.mjs (migration scripts and `migrate deploy`).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);

/** Node 20 cannot import a .wasm file as an ES module: instantiate it by hand. */
export async function loadSchemaEngine() {
  // A Rust panic in the engine reports its message here (Prisma's CLI installs the same);
  // without it the panic surfaces as "Cannot read properties of undefined".
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message) {
      process.stderr.write(`schema engine panicked: ${message}\n`);
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

export function providerOf(schemaText) {
  const datasource = /datasource\s+\w+\s*\{([^}]*)\}/m.exec(schemaText);
  const provider = datasource && /provider\s*=\s*"([^"]+)"/.exec(datasource[1]);
  return provider ? provider[1] : undefined;
}

/**
 * The engine wants the driver adapter factory in the wrapped form Prisma's CLI hands it
 * (methods returning results, not throwing); a bare factory or a stub object crashes it.
 */
export async function adapterFactoryFor(url) {
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
