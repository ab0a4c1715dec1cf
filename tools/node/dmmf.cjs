// Reads a JSON list of schemas on stdin: [{"id": str, "files": [[path, text], ...]}, ...].
// Writes a JSON list on stdout: [{"id", "ok": true, "datamodel"} | {"id", "ok": false, "error"}].
// Uses Prisma's own schema parser (@prisma/prisma-schema-wasm) for differential tests.
"use strict";
const wasm = require("@prisma/prisma-schema-wasm");

const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const requests = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = requests.map((request) => {
    try {
      const dmmf = JSON.parse(
        wasm.get_dmmf(JSON.stringify({ prismaSchema: request.files, noColor: true })),
      );
      return { id: request.id, ok: true, datamodel: dmmf.datamodel };
    } catch (error) {
      return { id: request.id, ok: false, error: String(error && error.message ? error.message : error) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
