// What the official surface check (test/tooling/sdk-surface.test.ts) made us add, as behaviour: the error
// classes' official fields, the ready checks' interval, an open `language` type checked at run time, and the
// expiry monitor's re-read interval. On the stateful mock.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NotFoundError, Sandbox, Template, TemplateBuildError, ValidationError, waitForPort } from "hopx-client";
import { type HopxMock, startMock } from "hopx-client/mock";

let mock: HopxMock;
beforeAll(async () => {
  mock = await startMock();
});
beforeEach(() => mock.reset());
afterEach(() => vi.useRealTimers());
afterAll(() => mock.stop());

const count = (operationId: string): number => mock.requests.filter((r) => r.operationId === operationId).length;

describe("official error fields", () => {
  it("statusCode is the status; a failed build names its build, template, status and reason", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", ...mock.clientOptions });
    const missing = await sandbox.files.read("/workspace/none.txt").catch((err: unknown) => err);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).statusCode).toBe(404);

    mock.on("getBuildStatus", () => ({ status: "failed", errorMessage: "apt-get failed" }));
    const template = new Template().fromPythonImage("3.12").runCmd("apt-get install nothing");
    const failed = await Template.build(template, { name: "broken", ...mock.clientOptions, pollIntervalMs: 1 }).catch(
      (err: unknown) => err,
    );
    expect(failed).toBeInstanceOf(TemplateBuildError);
    const error = failed as TemplateBuildError;
    const build = mock.requests.find((r) => r.operationId === "getBuildStatus")!;
    expect(error.buildId).toBe(build.params.buildId);
    expect(error.buildStatus).toBe("failed");
    expect(error.errorDetails).toBe("apt-get failed");
    expect(error.metadata).toMatchObject({ buildId: error.buildId, buildStatus: "failed" });
    expect(typeof error.templateId).toBe("string");
  });
});

describe("ready checks and languages", () => {
  it("waitForPort sends the official interval, and rejects a negative one", () => {
    expect(waitForPort(8000, 30_000, 500)).toEqual({ type: "port", port: 8000, timeout: 30_000, interval: 500 });
    expect(() => waitForPort(8000, 30_000, -1)).toThrow(ValidationError);
  });

  it("a language typed as a plain string compiles, and an unknown one fails before anything is sent", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", ...mock.clientOptions });
    const language: string = "cobol";
    await expect(sandbox.runCode("DISPLAY 1", { language })).rejects.toBeInstanceOf(ValidationError);
    expect(count("executeCode")).toBe(0);
    const python: string = "python";
    expect((await sandbox.runCode("print(3)", { language: python })).stdout).toBe("3\n");
  });
});

describe("startExpiryMonitor(callback, threshold, checkIntervalSeconds)", () => {
  it("re-reads the sandbox every checkIntervalSeconds until stopped; without it, never", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", timeoutSeconds: 3600, ...mock.clientOptions });
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
    };
    sandbox.startExpiryMonitor(() => undefined, 300);
    vi.advanceTimersByTime(60_000);
    await settle();
    expect(count("getSandbox")).toBe(0);
    sandbox.startExpiryMonitor(() => undefined, 300, 30);
    vi.advanceTimersByTime(60_000);
    await settle();
    expect(count("getSandbox")).toBe(2);
    sandbox.stopExpiryMonitor();
    vi.advanceTimersByTime(60_000);
    await settle();
    expect(count("getSandbox")).toBe(2);
  });
});
