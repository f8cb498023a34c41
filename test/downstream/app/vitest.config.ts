import { defineConfig } from "vitest/config";

// Files run in parallel workers; each file's setupHopxMock() starts its own mock.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], pool: "threads", fileParallelism: true, maxWorkers: 2 },
});
