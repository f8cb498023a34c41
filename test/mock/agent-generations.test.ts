// The SDK against each generation of HopX's agent routes, served by the stateful mock
// (`startMock({ agentRoutes })`): killProcess and getJupyterSessions find the generation's route with at most
// one extra request, remembered per sandbox, and files.write keeps `overwrite: false` on agents that ignore it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileOperationError, NotFoundError, Sandbox } from "hopx-client";
import { type HopxMock, startMock } from "hopx-client/mock";

/** The agent calls of one sandbox after `since`, as `METHOD /path` without the query. */
const agentCalls = (mock: HopxMock, since: number): string[] =>
  mock.requests
    .slice(since)
    .filter((r) => r.plane === "agent")
    .map((r) => `${r.method} ${r.path.split("?")[0]}`);

describe.each([
  { routes: "main" as const, kill: ["POST /execute/kill", "DELETE /execute/kill"], jupyter: "/jupyter/sessions" },
  { routes: "generated" as const, kill: ["POST /execute/kill"], jupyter: "/jupyter/status" },
])("the SDK against an agent serving the $routes routes", ({ routes, kill, jupyter }) => {
  let mock: HopxMock;
  beforeAll(async () => {
    mock = await startMock({ agentRoutes: routes });
  });
  afterAll(() => mock.stop());

  it("kills a background process, asking the route this agent lacks once per sandbox", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", ...mock.clientOptions });
    const first = await sandbox.runCodeBackground("print('a')");
    const second = await sandbox.runCodeBackground("print('b')");
    let since = mock.requests.length;
    expect(await sandbox.killProcess(first.processId)).toMatchObject({ status: "killed" });
    expect(agentCalls(mock, since)).toEqual(kill);
    since = mock.requests.length;
    expect(await sandbox.killProcess(second.processId)).toMatchObject({ status: "killed" });
    expect(agentCalls(mock, since)).toEqual(kill.slice(-1));
    since = mock.requests.length;
    await expect(sandbox.killProcess("proc_missing")).rejects.toBeInstanceOf(NotFoundError);
    expect(agentCalls(mock, since)).toEqual(kill.slice(-1));
  });

  it("reads Jupyter sessions from the route this agent has, then only from it", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", ...mock.clientOptions });
    let since = mock.requests.length;
    expect(Array.isArray(await sandbox.getJupyterSessions())).toBe(true);
    const first = agentCalls(mock, since);
    expect(first.at(-1)).toBe(`GET ${jupyter}`);
    expect(first.length).toBe(routes === "main" ? 2 : 1);
    since = mock.requests.length;
    await sandbox.getJupyterSessions();
    expect(agentCalls(mock, since)).toEqual([`GET ${jupyter}`]);
  });

  it("keeps an existing file with overwrite: false, and writes a new one", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", ...mock.clientOptions });
    await sandbox.files.write("/workspace/keep.txt", "first");
    await expect(sandbox.files.write("/workspace/keep.txt", "second", { overwrite: false })).rejects.toMatchObject({
      constructor: FileOperationError,
      code: "FILE_ALREADY_EXISTS",
    });
    expect(await sandbox.files.read("/workspace/keep.txt")).toBe("first");
    await sandbox.files.write("/workspace/new.txt", "fresh", { overwrite: false });
    expect(await sandbox.files.read("/workspace/new.txt")).toBe("fresh");
  });
});

describe("an agent serving one generation", () => {
  it("answers the other generation's routes as missing: 405 on a path it keeps, 404 on one it lacks", async () => {
    const mock = await startMock({ agentRoutes: "generated" });
    try {
      const sandbox = await Sandbox.create({ template: "code-interpreter", ...mock.clientOptions });
      const { processId } = await sandbox.runCodeBackground("print(1)");
      await expect(sandbox.processes.getJupyterSessions()).resolves.toEqual(expect.any(Array));
      const since = mock.requests.length;
      const url = `${mock.agentUrl}/sandboxes/${sandbox.sandboxId}`;
      const headers = { authorization: `Bearer ${await sandbox.getToken()}` };
      const del = await fetch(`${url}/execute/kill?process_id=${processId}`, { method: "DELETE", headers });
      const sessions = await fetch(`${url}/jupyter/sessions`, { headers });
      expect([del.status, sessions.status]).toEqual([405, 404]);
      expect(mock.requests.slice(since).map((r) => r.status)).toEqual([405, 404]);
      expect(mock.problems).toEqual([]);
    } finally {
      await mock.stop();
    }
  });
});
