// hopx-client/mock/node-test: the same per-file mock as hopx-client/mock/vitest, on node:test's hooks.
import { after, afterEach, before } from "node:test";
import { bindHopxMock, type SetupHopxMockOptions } from "./lifecycle.js";
import type { HopxMock } from "./stateful.js";

export type { SetupHopxMockOptions } from "./lifecycle.js";

/**
 * Starts a stateful HopX mock before this file's tests (`before`), resets it after each (`afterEach`), stops
 * it at the end (`after`), with `HOPX_BASE_URL` / `HOPX_API_KEY` pointing at it meanwhile.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { test } from "node:test";
 * import { Sandbox } from "hopx-client";
 * import { setupHopxMock } from "hopx-client/mock/node-test";
 *
 * const mock = setupHopxMock();
 *
 * test("reads back what it wrote", async () => {
 *   const sandbox = await Sandbox.create({ template: "code-interpreter" });
 *   await sandbox.files.write("/workspace/a.txt", "hi");
 *   assert.equal(await sandbox.files.read("/workspace/a.txt"), "hi");
 *   assert.equal(mock.sandboxes().length, 1);
 * });
 * ```
 */
export function setupHopxMock(options?: SetupHopxMockOptions): HopxMock {
  return bindHopxMock({ beforeAll: before, afterEach, afterAll: after }, options);
}
