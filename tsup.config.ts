import { defineConfig, type Options } from "tsup";

// Prism is an optional peer of the mock entry and is never bundled; node built-ins are used only by the mock;
// vitest is the runner of whoever imports hopx-client/mock/vitest.
const external = [/^@stoplight\//, /^node:/, /^vitest(\/|$)/];
// The mock's runner helpers: ESM and declarations here; their CommonJS files are two-line views of
// dist/mock/index.cjs written by scripts/postbuild.ts (no second copy of the mock).
const runnerEntries = { "mock/vitest": "src/mock/vitest.ts", "mock/node-test": "src/mock/node-test.ts" };

const shared: Options = {
  target: "es2022",
  platform: "neutral",
  // Minified, without source maps: the install footprint is a target (bench/README.md); the .d.cts keep
  // every doc comment, and the code is small enough to read from the repository.
  minify: true,
  // Class and function names survive minification (err.constructor.name, stack frames); error `name`s
  // are also set explicitly in errors.ts, so a user's own bundler cannot rename them either.
  keepNames: true,
  // `node:test` exists only with its prefix (the mock's node:test helper); the core imports no built-ins.
  removeNodeProtocol: false,
  external,
};

// `npm run build` empties dist/ first (the configs run in parallel, so none of them cleans).
export default defineConfig([
  {
    // ESM: the entries share chunks, so `hopx-client` and `hopx-client/raw` share one HopxError class.
    ...shared,
    entry: { index: "src/index.ts", raw: "src/raw.ts", "mock/index": "src/mock/index.ts", ...runnerEntries },
    format: ["esm"],
  },
  {
    // CommonJS: one bundle holding both entries (esbuild cannot split CommonJS), which dist/index.cjs and
    // dist/raw.cjs re-export (scripts/postbuild.ts), so `instanceof` holds across them under require() too.
    ...shared,
    entry: { "cjs/bundle": "src/cjs-bundle.ts", "mock/index": "src/mock/index.ts" },
    format: ["cjs"],
    shims: true, // import.meta.url in the CJS build of the mock
  },
  {
    // Declarations only: one body per entry in .d.cts, re-exported by the .d.ts (scripts/postbuild.ts).
    ...shared,
    entry: { index: "src/index.ts", raw: "src/raw.ts", "mock/index": "src/mock/index.ts", ...runnerEntries },
    format: ["esm", "cjs"],
    dts: { only: true },
  },
  {
    // The bin uses top-level await, so it is ESM only; it imports the mock entry's file rather than a copy.
    entry: { "mock/cli": "src/mock/cli.ts" },
    format: ["esm"],
    target: "es2022",
    platform: "node",
    minify: true,
    removeNodeProtocol: false,
    external: [...external, "./index.js"],
  },
  {
    // The `hopx` bin: only the CLI's own code. The SDK is this package's public entry, imported by name at run
    // time (Node resolves a package's own name through its `exports`), so nothing of it is bundled twice.
    // The command code is a chunk under dist/cli/, loaded only when a command runs (not for --help).
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    target: "es2022",
    platform: "node",
    minify: true,
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = "cli/[name]-[hash]";
    },
    removeNodeProtocol: false,
    external: [...external, /^hopx-client(\/|$)/, "yaml"],
  },
]);
