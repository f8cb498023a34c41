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
    // Minified, without source maps: the install footprint is a target (bench/README.md); the .d.ts keep
    // every doc comment, and the code is small enough to read from the repository.
    minify: true,
    // Class and function names survive minification (err.constructor.name, stack frames); error `name`s
    // are also set explicitly in errors.ts, so a user's own bundler cannot rename them either.
    keepNames: true,
    shims: true, // import.meta.url in the CJS build of the mock
    external,
  },
  {
    // The bin uses top-level await, so it is ESM only.
    entry: { "mock/cli": "src/mock/cli.ts" },
    format: ["esm"],
    target: "es2022",
    platform: "node",
    external,
  },
]);
