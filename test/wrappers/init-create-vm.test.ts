// The two official members a drop-in user met as TypeErrors: `sandbox.init()` (resolves the agent host and
// token once, shared by concurrent callers) and `BuildResult.createVM()` (a sandbox from the template just built,
// in the official VM shape), on the stateful mock.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Sandbox, Template } from "hopx-client";
import { type HopxMock, startMock } from "hopx-client/mock";

let mock: HopxMock;
beforeAll(async () => {
  mock = await startMock();
});
beforeEach(() => mock.reset());
afterAll(() => mock.stop());

const controlPlaneCalls = (since: number): (string | undefined)[] =>
  mock.requests
    .slice(since)
    .filter((r) => r.plane === "controlPlane")
    .map((r) => r.operationId);

describe("sandbox.init()", () => {
  it("gets the agent token once for concurrent and later calls; then agent calls skip the control plane", async () => {
    await Sandbox.create({ template: "code-interpreter", ...mock.clientOptions });
    const [listed] = await Sandbox.list(mock.clientOptions); // a listed handle carries no agent token yet
    let since = mock.requests.length;
    await Promise.all([listed!.init(), listed!.init(), listed!.init()]);
    await listed!.init();
    expect(controlPlaneCalls(since)).toEqual(["refreshSandboxToken"]);
    since = mock.requests.length;
    expect((await listed!.runCode("print(2)")).stdout).toBe("2\n");
    expect(controlPlaneCalls(since)).toEqual([]);
  });

  it("a failed init is not remembered: the next call tries again", async () => {
    await Sandbox.create({ template: "code-interpreter", ...mock.clientOptions });
    const [listed] = await Sandbox.list(mock.clientOptions);
    mock.fail("refreshSandboxToken", { status: 500, times: 1 });
    await expect(listed!.init()).rejects.toMatchObject({ status: 500 });
    // Past the token's own backoff after a failed refresh (it shares one failure for up to 30 s).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 60_000 });
    try {
      const since = mock.requests.length;
      await expect(listed!.init()).resolves.toBeUndefined();
      expect(controlPlaneCalls(since)).toEqual(["refreshSandboxToken"]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("BuildResult.createVM()", () => {
  it("starts a sandbox from the built template, in the official VM shape, and delete() kills it", async () => {
    const template = new Template().fromPythonImage("3.12").runCmd("echo built");
    const built = await Template.build(template, { name: "vm-template", ...mock.clientOptions, pollIntervalMs: 1 });
    const vm = await built.createVM({ envVars: { STAGE: "test" } });
    expect(vm).toMatchObject({ templateID: built.templateID, status: "running" });
    expect(vm.agentUrl.startsWith(mock.agentUrl)).toBe(true);
    expect(vm.ip).toBe(new URL(vm.agentUrl).host);
    expect(Number.isNaN(Date.parse(vm.startedAt))).toBe(false);
    const created = mock.sandboxes().find((s) => s.id === vm.vmID);
    expect(created?.env).toMatchObject({ STAGE: "test" });
    await vm.delete();
    expect(mock.sandboxes().find((s) => s.id === vm.vmID)?.status ?? "gone").not.toBe("running");
  });
});
