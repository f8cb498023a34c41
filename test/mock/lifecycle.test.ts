// bindHopxMock on a runner's hooks: started before the tests with the environment pointing at it, reset after
// each test, failing the test that caused an off-spec answer, and stopped with the environment restored.
import { describe, expect, it } from "vitest";
import { Sandbox } from "hopx-client";
import { bindHopxMock } from "hopx-client/mock";

function fakeRunner() {
  const hooks: { beforeAll?: () => Promise<void>; afterEach?: () => void; afterAll?: () => Promise<void> } = {};
  return {
    hooks,
    register: {
      beforeAll: (fn: () => Promise<void>) => {
        hooks.beforeAll = fn;
      },
      afterEach: (fn: () => void) => {
        hooks.afterEach = fn;
      },
      afterAll: (fn: () => Promise<void>) => {
        hooks.afterAll = fn;
      },
    },
  };
}

describe("bindHopxMock", () => {
  it("refuses use before the runner started it, with a message saying where to use it", () => {
    const runner = fakeRunner();
    const mock = bindHopxMock(runner.register);
    expect(() => mock.controlPlaneUrl).toThrow(/starts in beforeAll; read mock\.controlPlaneUrl inside a test/);
  });

  it("points HOPX_BASE_URL at the mock, resets between tests, fails a test with an off-spec answer", async () => {
    const before = process.env.HOPX_BASE_URL;
    const runner = fakeRunner();
    const mock = bindHopxMock(runner.register);
    await runner.hooks.beforeAll!();
    try {
      expect(process.env.HOPX_BASE_URL).toBe(mock.controlPlaneUrl);
      await Sandbox.create({ template: "code-interpreter" });
      expect(mock.sandboxes()).toHaveLength(1);
      runner.hooks.afterEach!();
      expect(mock.sandboxes()).toEqual([]);

      mock.once("executeCode", () => ({ stdout: 1 as unknown as string }));
      const fresh = await Sandbox.create({ template: "code-interpreter" });
      await fresh.runCode("x").catch(() => undefined);
      expect(() => runner.hooks.afterEach!()).toThrow(
        /off-spec in this test:\n {2}- .*response\.stdout must be a string/,
      );
      expect(mock.problems).toEqual([]);
    } finally {
      await runner.hooks.afterAll!();
    }
    expect(process.env.HOPX_BASE_URL).toBe(before);
  });
});
