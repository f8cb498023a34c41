// Older agents only know the official SDK's paths; the wrappers try the spec's path first and fall back on
// 404/405, while a real error (a missing desktop) is not retried on another path.
import { beforeEach, describe, expect, it } from "vitest";
import { DesktopNotAvailableError, NotFoundError } from "hopx-client";
import { Desktop } from "hopx-client/raw";
import { Processes } from "hopx-client/raw";
import { agentContext } from "hopx-client/raw";
import { json, useFaultServer } from "../../support/fault-server.js";

const agent = useFaultServer();
const ctx = () => agentContext({ baseURL: agent.url, token: "tok-fallbacks-1", maxRetries: 0 });
const calls = () => agent.received.map((r) => `${r.method} ${r.url.split("?")[0]}`);

beforeEach(() => agent.clear());

describe("legacy path fallbacks", () => {
  it("listWindows falls back to GET /desktop/windows", async () => {
    agent.script(
      json(404, { error: "not found", code: "NOT_FOUND" }),
      json(200, { windows: [{ id: "0x1", title: "xterm" }] }),
    );
    const windows = await new Desktop(ctx()).listWindows();
    expect(windows[0]?.title).toBe("xterm");
    expect(calls()).toEqual(["GET /desktop/windows/list", "GET /desktop/windows"]);
  });

  it("getDisplayInfo walks current → info → display", async () => {
    agent.script(json(405, { error: "method" }), json(404, { error: "nf" }), json(200, { width: 1920, height: 1080 }));
    const info = await new Desktop(ctx()).getDisplayInfo();
    expect(info.width).toBe(1920);
    expect(calls()).toEqual(["GET /desktop/display/current", "GET /desktop/display/info", "GET /desktop/display"]);
  });

  it("a missing desktop (503) is not retried on legacy paths", async () => {
    agent.script(json(503, { error: "no desktop", code: "DESKTOP_NOT_AVAILABLE" }));
    await expect(new Desktop(ctx()).listWindows()).rejects.toBeInstanceOf(DesktopNotAvailableError);
    expect(calls()).toEqual(["GET /desktop/windows/list"]);
  });

  it("killProcess walks the four forms while the route is missing, then reports the process missing", async () => {
    const routeMissing = json(404, { error: "404 page not found" });
    agent.script(routeMissing, json(405, { error: "method" }), routeMissing, routeMissing);
    await expect(new Processes(ctx()).killProcess("proc_1")).rejects.toBeInstanceOf(NotFoundError);
    expect(calls()).toEqual([
      "POST /execute/kill",
      "DELETE /execute/kill",
      "POST /execute/kill/proc_1",
      "POST /processes/proc_1/kill",
    ]);
  });

  it("killProcess stops at a route's own 404: the process is missing, not the route", async () => {
    agent.script(json(404, { error: "no such process", code: "PROCESS_NOT_FOUND" }));
    await expect(new Processes(ctx()).killProcess("proc_1")).rejects.toBeInstanceOf(NotFoundError);
    expect(calls()).toEqual(["POST /execute/kill"]);
  });

  it("killProcess remembers the route that answered for the sandbox: one extra request, once", async () => {
    const killed = json(200, { process_id: "proc_1", status: "killed" });
    agent.script(json(405, { error: "method" }), killed, killed);
    const processes = new Processes(ctx());
    await processes.killProcess("proc_1");
    await processes.killProcess("proc_1");
    expect(calls()).toEqual(["POST /execute/kill", "DELETE /execute/kill", "DELETE /execute/kill"]);
  });

  it("a server failure proves nothing about the route: the next call asks the first form again", async () => {
    agent.script(json(500, { error: "boom", code: "INTERNAL_ERROR" }), json(200, { sessions: [] }));
    const processes = new Processes(ctx());
    await expect(processes.getJupyterSessions()).rejects.toMatchObject({ status: 500 });
    expect(await processes.getJupyterSessions()).toEqual([]);
    expect(calls()).toEqual(["GET /jupyter/status", "GET /jupyter/status"]);
  });
});
