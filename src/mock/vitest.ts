// hopx-client/mock/vitest: one stateful mock per test file (vitest runs files in parallel workers; each file
// gets its own ports and state, so no file sees another's sandboxes).
import { afterAll, afterEach, beforeAll } from "vitest";
import { bindHopxMock, type SetupHopxMockOptions } from "./lifecycle.js";
import type { HopxMock } from "./stateful.js";

export type { SetupHopxMockOptions } from "./lifecycle.js";

/**
 * Starts a stateful HopX mock before this file's tests, resets it after each test (failing the test if the
 * mock answered off-spec), stops it after all; `HOPX_BASE_URL` / `HOPX_API_KEY` point at it meanwhile, so
 * `Sandbox.create()` and `new Hopx()` use it without options. Call it at the top of a test file.
 *
 * @example
 * ```ts
 * import { expect, it } from "vitest";
 * import { Sandbox } from "hopx-client";
 * import { setupHopxMock } from "hopx-client/mock/vitest";
 *
 * const mock = setupHopxMock();
 *
 * it("prints what the script says", async () => {
 *   mock.on("executeCode", () => ({ stdout: "42\n" }));
 *   const sandbox = await Sandbox.create({ template: "code-interpreter" });
 *   expect((await sandbox.runCode("print(6 * 7)")).stdout).toBe("42\n");
 * });
 * ```
 */
export function setupHopxMock(options?: SetupHopxMockOptions): HopxMock {
  return bindHopxMock({ beforeAll, afterEach, afterAll }, options);
}
