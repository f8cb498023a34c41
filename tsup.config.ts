import { defineConfig } from "tsup";

// Prism is an optional peer of the mock entry and is never bundled; node built-ins are used only by the mock.
const external = [/^@stoplight\//, /^node:/];

export default defineConfig([
  {
    entry: { index: "src/index.ts", "mock/index": "src/mock/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    sourcemap: true,
    shims: true, // import.meta.url in the CJS build of the mock
    external,
  },
  {
    // The bin uses top-level await, so it is ESM only.
    entry: { "mock/cli": "src/mock/cli.ts" },
    format: ["esm"],
    target: "es2022",
    platform: "node",
    sourcemap: true,
    external,
  },
]);
