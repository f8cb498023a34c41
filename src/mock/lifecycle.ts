// One mock per test file, started before its tests, reset after each, stopped after all: what the runner
// helpers (hopx-client/mock/vitest, hopx-client/mock/node-test) bind to their runner's hooks.
import { startStatefulMock, type HopxMock, type StartMockOptions } from "./stateful.js";

/** The hooks of a test runner that `setupHopxMock` registers on. */
export interface RunnerHooks {
  /** Registers a function run once before the file's tests (vitest `beforeAll`, node:test `before`). */
  beforeAll(fn: () => Promise<void>): void;
  /** Registers a function run after each test. */
  afterEach(fn: () => void): void;
  /** Registers a function run once after the file's tests (vitest `afterAll`, node:test `after`). */
  afterAll(fn: () => Promise<void>): void;
}

/** Options of `setupHopxMock()`: the mock's own options, and what happens between tests. */
export interface SetupHopxMockOptions extends Omit<StartMockOptions, "mode"> {
  /** `mock.reset()` after every test (default true): each test starts with no sandboxes and no scripts. */
  resetAfterEach?: boolean;
  /** Sets `HOPX_BASE_URL` and `HOPX_API_KEY` for the file's tests (default true), restored afterwards. */
  setEnv?: boolean;
}

const ENV_KEYS = ["HOPX_BASE_URL", "HOPX_API_KEY"] as const;

/**
 * Binds one stateful mock to a test runner's hooks: started before the file's tests, reset after each (a test
 * that caused an off-spec answer fails), stopped after all. `setupHopxMock()` of `hopx-client/mock/vitest` and
 * `hopx-client/mock/node-test` call it; other runners (mocha, jest) pass their own hooks.
 *
 * @example
 * ```ts
 * import { after, afterEach, before } from "node:test";
 * import { bindHopxMock } from "hopx-client/mock";
 *
 * const mock = bindHopxMock({ beforeAll: before, afterEach, afterAll: after });
 * ```
 */
export function bindHopxMock(hooks: RunnerHooks, options: SetupHopxMockOptions = {}): HopxMock {
  const { resetAfterEach = true, setEnv = true, ...mockOptions } = options;
  let mock: HopxMock | undefined;
  const saved: Partial<Record<(typeof ENV_KEYS)[number], string | undefined>> = {};
  hooks.beforeAll(async () => {
    mock = await startStatefulMock(mockOptions);
    if (setEnv)
      for (const key of ENV_KEYS) {
        saved[key] = process.env[key];
        process.env[key] = mock.env[key];
      }
  });
  hooks.afterEach(() => {
    if (!mock) return;
    const problems = [...mock.problems];
    if (resetAfterEach) mock.reset();
    if (problems.length > 0)
      throw new Error(`the HopX mock answered off-spec in this test:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  });
  hooks.afterAll(async () => {
    if (setEnv)
      for (const key of ENV_KEYS) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    await mock?.stop();
    mock = undefined;
  });
  return new Proxy({} as HopxMock, {
    get(_target, key) {
      if (!mock)
        throw new Error(
          `setupHopxMock(): the mock starts in beforeAll; read mock.${String(key)} inside a test or hook, ` +
            "not at import",
        );
      const value = Reflect.get(mock, key) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(mock) : value;
    },
  });
}
