import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Tests import the SDK by its package name, as users do; inside the repository the name means src/
  // (test/package/ loads the built dist/ the way an installed package is loaded).
  resolve: {
    alias: [
      { find: /^hopx-client$/, replacement: source("./src/index.ts") },
      { find: /^hopx-client\/mock$/, replacement: source("./src/mock/index.ts") },
      { find: /^hopx-client\/mock\/vitest$/, replacement: source("./src/mock/vitest.ts") },
      { find: /^hopx-client\/mock\/node-test$/, replacement: source("./src/mock/node-test.ts") },
      { find: /^hopx-client\/raw$/, replacement: source("./src/raw.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // The downstream fixture's own suite runs in its own project (test/downstream/downstream.test.ts).
    exclude: ["test/downstream/app/**", "**/node_modules/**"],
    globalSetup: ["test/global-setup.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files in parallel, but the Prism mock is shared and cheap per request.
    pool: "threads",
  },
});
