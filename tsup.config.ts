import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "mock/index": "src/mock/index.ts", "mock/cli": "src/mock/cli.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  splitting: false,
  sourcemap: true,
  // Prism is an optional peer of the mock entry, never bundled; node built-ins are only used by the mock.
  external: [/^@stoplight\//, /^node:/],
});
