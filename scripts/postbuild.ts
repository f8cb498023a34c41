// After tsup: the parts of the package that tsup does not shape the way we ship them.
// - The ESM declaration entries re-export the CommonJS ones, instead of a second 560 kB copy of the types.
// - The mock's specs and fixtures are copied into dist/specs without whitespace or prose, gzipped.
// - The wire types lose their doc comments, and every declaration file references web-globals.d.ts
//   (scripts/wire-declarations.ts, src/web-globals.d.ts).
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { compactWireTypes, halveIndentation, withWebGlobals } from "./wire-declarations.js";

// Usage: tsx scripts/postbuild.ts [distDir]   (default: dist; bench/ builds into its own folder)
const root = join(dirname(new URL(import.meta.url).pathname), "..");
const dist = process.argv[2] ?? join(root, "dist");

// One declaration body per entry, in the `.d.cts` (a CommonJS file, which both module systems may import);
// the `.d.ts` that `import` resolves re-exports it. The other way round (a `.d.cts` re-exporting an ESM
// `.d.ts`) is what TypeScript refuses under `require` (TS1479, attw's "FalseESM").
for (const entry of ["index", "raw", "mock/index", "mock/vitest", "mock/node-test"]) {
  await writeFile(join(dist, `${entry}.d.ts`), `export * from "./${entry.split("/").pop()}.cjs";\n`);
}
// tsup writes the declaration chunks shared by the entries in both flavours; only the .d.cts ones are read (the
// .d.ts entries above re-export the .d.cts ones). A chunk's two flavours need not share a name: chunks that import
// other chunks differ in those imports' extensions, hence in their hashes. So every .d.ts chunk goes.
const entryDeclarations = new Set(["index.d.ts", "raw.d.ts"]);
for (const name of await readdir(dist)) {
  if (name.endsWith(".d.ts") && !entryDeclarations.has(name)) await rm(join(dist, name));
}
await copyFile(join(root, "src/web-globals.d.ts"), join(dist, "web-globals.d.ts"));
for (const name of await readdir(dist, { recursive: true })) {
  if (!name.endsWith(".d.cts")) continue;
  const file = join(dist, name);
  const target = relative(dirname(file), join(dist, "web-globals.d.ts"));
  const text = compactWireTypes(halveIndentation(await readFile(file, "utf8")));
  await writeFile(file, withWebGlobals(text, target.startsWith(".") ? target : `./${target}`));
}
// The CommonJS entries: views of the one bundle (see tsup.config.ts).
for (const entry of ["index", "raw"]) {
  await writeFile(
    join(dist, `${entry}.cjs`),
    `"use strict";\n// hopx-client (CommonJS): the "${entry === "index" ? "." : "./raw"}" entry of the bundle.\n` +
      `module.exports = require("./cjs/bundle.cjs").${entry === "index" ? "root" : "raw"};\n`,
  );
}
// The runner helpers under require(): their hooks bound to the one CommonJS mock bundle (vitest itself refuses
// require() with its own message; node:test works).
for (const [entry, hooks, from] of [
  ["vitest", "{ beforeAll, afterEach, afterAll }", "vitest"],
  ["node-test", "{ beforeAll: before, afterEach, afterAll: after }", "node:test"],
] as const) {
  const names = from === "vitest" ? "beforeAll, afterEach, afterAll" : "before, afterEach, after";
  await writeFile(
    join(dist, "mock", `${entry}.cjs`),
    `"use strict";\n// hopx-client/mock/${entry} (CommonJS): setupHopxMock on ${from}'s hooks.\n` +
      `const { bindHopxMock } = require("./index.cjs");\nconst { ${names} } = require("${from}");\n` +
      `exports.setupHopxMock = (options) => bindHopxMock(${hooks}, options);\n`,
  );
}
/**
 * A spec without its prose (`description`, `summary` texts): the mock reads schemas, parameters and examples
 * only, and the prose is half the bytes. A property that is *named* `description` (inside `properties`) stays.
 */
function withoutProse(value: unknown, inProperties = false): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutProse(item));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!inProperties && (key === "description" || key === "summary") && typeof item === "string") continue;
    // Examples are data: kept exactly as written.
    out[key] = key === "example" || key === "value" ? item : withoutProse(item, key === "properties");
  }
  return out;
}
for (const asset of ["control-plane/openapi.json", "vm-agent/openapi.json", "mock/fixtures.json"]) {
  // Gzipped: src/mock/assets.ts reads them (228 kB -> 23 kB).
  const target = join(dist, "specs", `${asset}.gz`);
  await mkdir(dirname(target), { recursive: true });
  const json: unknown = JSON.parse(await readFile(join(root, "generated", asset), "utf8"));
  await writeFile(target, gzipSync(JSON.stringify(withoutProse(json)), { level: 9 }));
}
