// hopx run against a loopback control plane and a scripted agent WebSocket: output streamed as it comes
// and in order, the code's own exit status, the created sandbox killed (also on Ctrl-C), --keep, --sandbox.
import type { WebSocket } from "ws";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type ControlPlane,
  finished,
  runCli,
  sandboxRoutes,
  startCli,
  startControlPlane,
  until,
  waitForOutput,
} from "../support/cli.js";
import { nextMessage, startWsServer, type WsTestServer } from "../support/ws-server.js";

const KEY = "hopx_test_cli.runkey";
let cp: ControlPlane;
let agent: WsTestServer;
const env = (): Record<string, string> => ({ HOPX_BASE_URL: cp.url, HOPX_API_KEY: KEY });
const send = (ws: WebSocket, message: unknown): void => ws.send(JSON.stringify(message));
const deletes = (): number => cp.seen.filter((r) => r.method === "DELETE" && r.path === "/v1/sandboxes/s1").length;

beforeAll(async () => {
  cp = await startControlPlane();
  agent = await startWsServer();
});
afterAll(async () => {
  await cp.close();
  await agent.close();
});
beforeEach(() => {
  cp.seen.length = 0;
  cp.routes.clear();
  agent.upgrades.length = 0;
  sandboxRoutes(cp, agent.url.replace(/^ws/, "http"));
});

/** An execution that sends `first`, waits for `gate`, then the rest and exit status `code`. */
function execution(gate: Promise<void>, code: number, requests: unknown[]): (ws: WebSocket) => void {
  return (ws) => {
    void nextMessage(ws).then(async (request) => {
      requests.push(request);
      send(ws, { type: "stdout", data: "first\n" });
      await gate;
      send(ws, { type: "stderr", data: "warning\n" });
      send(ws, { type: "stdout", data: "second\n" });
      send(ws, { type: "result", exit_code: code, execution_time: 0.2 });
      send(ws, { type: "complete", success: code === 0 });
    });
  };
}

describe("hopx run", () => {
  it("streams output as it comes, exits with the code's status and kills the sandbox it created", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const requests: unknown[] = [];
    agent.script(execution(gate, 3, requests));
    const child = startCli(["run", "import sys; sys.exit(3)", "--env", "A=1", "--timeout-seconds", "30"], {
      env: env(),
    });
    const result = finished(child);
    // The server holds the rest back until the first line has reached the terminal: a CLI that buffered
    // output until the end would never get there.
    await waitForOutput(child, "first\n");
    open();
    const r = await result;
    expect(r.stdout).toBe("first\nsecond\n");
    expect(r.stderr).toBe("warning\n");
    expect(r.code).toBe(3);
    expect(requests).toEqual([
      { type: "execute", code: "import sys; sys.exit(3)", language: "python", timeout: 30, env: { A: "1" } },
    ]);
    expect(cp.seen.map((s) => `${s.method} ${s.path}`)).toEqual(["POST /v1/sandboxes", "DELETE /v1/sandboxes/s1"]);
    expect(JSON.parse(cp.seen[0]!.body)).toMatchObject({ template_name: "code-interpreter" });
  });

  it("gives every message as NDJSON in arrival order under -o json", async () => {
    agent.script(execution(Promise.resolve(), 0, []));
    const r = await runCli(["run", "-l", "bash", "echo hi", "-o", "json"], { env: env() });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; exit_code?: number });
    expect(lines.map((m) => m.type)).toEqual(["stdout", "stderr", "stdout", "result", "complete"]);
    expect(lines[3]!.exit_code).toBe(0);
  });

  it("keeps the sandbox with --keep, and leaves a given --sandbox alone", async () => {
    agent.script(execution(Promise.resolve(), 0, []), execution(Promise.resolve(), 0, []));
    const kept = await runCli(["run", "print(1)", "--keep"], { env: env() });
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain("sandbox s1 kept");
    expect(deletes()).toBe(0);
    cp.seen.length = 0;
    const given = await runCli(["run", "print(1)", "--sandbox", "s1"], { env: env() });
    expect(given.code).toBe(0);
    expect(cp.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      "GET /v1/sandboxes/s1",
      "POST /v1/sandboxes/s1/token/refresh",
    ]);
  });

  it("reads the code from a file (language from its extension) or from stdin", async () => {
    const requests: unknown[] = [];
    agent.script(execution(Promise.resolve(), 0, requests), execution(Promise.resolve(), 0, requests));
    const file = await runCli(["run", "-f", "test/fixtures/cli/hello.js"], { env: env() });
    expect(file.code).toBe(0);
    const stdin = await runCli(["run", "-l", "bash", "-"], { env: env(), input: "echo from-stdin\n" });
    expect(stdin.code).toBe(0);
    expect(requests).toEqual([
      { type: "execute", code: 'console.log("hello");\n', language: "javascript", timeout: 30 },
      { type: "execute", code: "echo from-stdin\n", language: "bash", timeout: 30 },
    ]);
  });

  it("Ctrl-C ends a stalled execution, kills the created sandbox and exits 130", async () => {
    agent.script(() => undefined); // takes the connection, never answers
    const child = startCli(["run", "while True: pass"], { env: env() });
    const result = finished(child);
    await until(() => agent.upgrades.length === 1, "the execution's WebSocket");
    child.kill("SIGINT");
    const r = await result;
    expect(r.code).toBe(130);
    expect(r.stderr.trim()).toBe("hopx: interrupted");
    expect(deletes()).toBe(1);
  });

  it("Ctrl-C while the sandbox is being created kills it once the create answers", async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const create = cp.routes.get("POST /v1/sandboxes")!;
    cp.routes.set("POST /v1/sandboxes", async (req, res) => {
      await answered;
      await create(req, res);
    });
    const child = startCli(["run", "print(1)"], { env: env() });
    const result = finished(child);
    await until(() => cp.seen.length === 1, "the create request");
    child.kill("SIGINT");
    await waitForOutput(child, "killing the sandbox being created", "stderr");
    answer();
    const r = await result;
    expect(r.code).toBe(130);
    expect(deletes()).toBe(1);
    expect(agent.upgrades).toHaveLength(0);
  });

  it("stops and kills the sandbox when stdout's reader goes away (`| head -1`)", async () => {
    agent.script((ws) => {
      void nextMessage(ws).then(() => {
        const tick = setInterval(() => {
          if (ws.readyState === ws.OPEN) send(ws, { type: "stdout", data: "line\n" });
          else clearInterval(tick);
        }, 10);
      });
    });
    const child = startCli(["run", "while True: print('line')"], { env: env() });
    const result = finished(child);
    await waitForOutput(child, "line\n");
    child.stdout!.destroy();
    const r = await result;
    expect(r.code).toBe(141);
    expect(r.stderr).toBe("");
    expect(deletes()).toBe(1);
  });

  it("Ctrl-C ends a stalled control-plane call", async () => {
    cp.routes.set("GET /v1/sandboxes", () => undefined); // never answers
    const child = startCli(["sandbox", "list"], { env: env() });
    const result = finished(child);
    await until(() => cp.seen.length === 1, "the list request");
    child.kill("SIGINT");
    const r = await result;
    expect(r.code).toBe(130);
    expect(r.stderr.trim()).toBe("hopx: interrupted");
  });

  it("reports an error message of the execution and exits 1", async () => {
    agent.script((ws) => {
      void nextMessage(ws).then(() => {
        send(ws, { type: "error", error: "kernel died", code: "EXECUTION_FAILED" });
        send(ws, { type: "complete", success: false });
      });
    });
    const r = await runCli(["run", "print(1)"], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("hopx: EXECUTION_FAILED: kernel died");
    expect(deletes()).toBe(1);
  });

  it("kills the sandbox when the WebSocket is refused", async () => {
    agent.script({ status: 500, body: { error: "agent down", code: "INTERNAL_ERROR" } });
    const r = await runCli(["run", "print(1)"], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(deletes()).toBe(1);
  });
});
