// After tsup: the parts of the package that tsup does not shape the way we ship them.
// - The CommonJS declaration entries re-export the ESM ones (TypeScript resolves a `.d.cts` that re-exports
//   a `.d.ts`), instead of a second 560 kB copy of the same types.
// - The mock's specs and fixtures are copied into dist/specs without whitespace (half the bytes).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

// Usage: tsx scripts/postbuild.ts [distDir]   (default: dist; bench/ builds into its own folder)
const root = join(dirname(new URL(import.meta.url).pathname), "..");
const dist = process.argv[2] ?? join(root, "dist");

for (const entry of ["index.d.cts", "mock/index.d.cts"]) {
  await writeFile(join(dist, entry), 'export * from "./index.js";\n');
}
for (const asset of ["control-plane/openapi.json", "vm-agent/openapi.json", "mock/fixtures.json"]) {
  const target = join(dist, "specs", asset);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, JSON.stringify(JSON.parse(await readFile(join(root, "generated", asset), "utf8"))));
}
