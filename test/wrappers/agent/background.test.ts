// Background runs come back as handles: wait() polls the agent's process list until the process ends,
// kill() stops it (an already-gone process counts as killed).
import { afterEach, describe, expect, it } from "vitest";
import { Code, Commands, agentContext } from "hopx-client/raw";
import { json, useFaultServer } from "../../support/fault-server.js";

const agent = useFaultServer();
afterEach(() => agent.clear());
const ctx = () => agentContext({ baseURL: agent.url, token: "sbx-token-background" });
const listing = (status: string) =>
  json(200, { processes: [{ process_id: "p1", status, exit_code: status === "completed" ? 0 : null }] });

describe("background handles", () => {
  it("runCodeBackground(…).wait() resolves once the process has completed", async () => {
    agent.script(json(200, { process_id: "p1", status: "running" }), listing("running"), listing("completed"));
    const run = await new Code(ctx()).runCodeBackground("import time; time.sleep(1)");
    expect(run.process_id).toBe("p1");
    const done = await run.wait({ pollIntervalMs: 10 });
    expect(done).toMatchObject({ processId: "p1", status: "completed", exitCode: 0 });
    expect(agent.received.map((r) => `${r.method} ${r.url.split("?")[0]}`)).toEqual([
      "POST /execute/background",
      "GET /execute/processes",
      "GET /execute/processes",
    ]);
  });

  it("commands.runBackground(…).kill() kills the process; a 404 counts as already gone", async () => {
    agent.script(json(200, { process_id: "p1", status: "running" }), json(200, { success: true }));
    const run = await new Commands(ctx()).runBackground("sleep 100");
    await run.kill();
    const last = agent.received.at(-1);
    expect(`${last?.method} ${last?.url.split("?")[0]}`).toBe("POST /execute/kill");
    agent.script(json(404, { error: "no such process", code: "PROCESS_NOT_FOUND" }));
    agent.fallback = json(404, { error: "no such process", code: "PROCESS_NOT_FOUND" });
    await expect(run.kill()).resolves.toBeUndefined();
    agent.fallback = json(500, { error: "unscripted request", code: "INTERNAL_ERROR" });
  });

  it("wait() gives up at timeoutMs with the process still running", async () => {
    agent.script(json(200, { process_id: "p1", status: "running" }));
    agent.fallback = listing("running");
    const run = await new Code(ctx()).runCodeBackground("while True: pass");
    await expect(run.wait({ pollIntervalMs: 20, timeoutMs: 150 })).rejects.toMatchObject({ name: "TimeoutError" });
    agent.fallback = json(500, { error: "unscripted request", code: "INTERNAL_ERROR" });
  });
});
