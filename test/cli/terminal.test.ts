// hopx terminal against a scripted loopback PTY: the initial size, keystrokes forwarded in order, output
// written as it comes, a resize on SIGWINCH, Ctrl-D (the end of piped stdin) ending the shell, and the
// shell's exit status as the CLI's.
import { spawn, spawnSync } from "node:child_process";
import type { WebSocket } from "ws";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  CLI,
  cleanEnv,
  type ControlPlane,
  finished,
  sandboxRoutes,
  startCli,
  startControlPlane,
  until,
  waitForOutput,
} from "../support/cli.js";
import { received, startWsServer, type WsTestServer } from "../support/ws-server.js";

let cp: ControlPlane;
let agent: WsTestServer;
const env = (): Record<string, string> => ({ HOPX_BASE_URL: cp.url, HOPX_API_KEY: "hopx_test_cli.termkey" });

beforeAll(async () => {
  cp = await startControlPlane();
  agent = await startWsServer();
  sandboxRoutes(cp, agent.url.replace(/^ws/, "http"));
});
afterAll(async () => {
  await cp.close();
  await agent.close();
});
beforeEach(() => {
  agent.upgrades.length = 0;
});

/** A shell: echoes input as output, ends with status 7 on Ctrl-D; records every client message. */
function shell(messages: unknown[][]): (ws: WebSocket) => void {
  return (ws) => {
    const got = received(ws);
    messages.push(got);
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string; data?: string };
      if (message.type !== "input") return;
      if (message.data!.includes("\u0004")) {
        ws.send(JSON.stringify({ type: "exit", code: 7 }));
        ws.close();
      } else {
        ws.send(JSON.stringify({ type: "output", data: `> ${message.data}` }));
      }
    });
  };
}

describe("hopx terminal", () => {
  it("sends the size, forwards keystrokes, prints output, and ends on Ctrl-D with the shell's status", async () => {
    const messages: unknown[][] = [];
    agent.script(shell(messages));
    const child = startCli(["terminal", "-s", "s1", "--cols", "100", "--rows", "30"], { env: env() });
    const result = finished(child);
    child.stdin!.write("ls\n");
    await waitForOutput(child, "> ls\n");
    child.stdin!.end("pwd\n");
    const r = await result;
    expect(r.code).toBe(7);
    expect(r.stdout).toBe("> ls\n> pwd\n");
    expect(messages[0]).toEqual([
      { type: "resize", cols: 100, rows: 30 },
      { type: "input", data: "ls\n" },
      { type: "input", data: "pwd\n" },
      { type: "input", data: "\u0004" },
    ]);
    expect(agent.upgrades[0]!.headers.authorization).toMatch(/^Bearer eyJ/);
  });

  it("sends a resize when the window changes (SIGWINCH)", async () => {
    const messages: unknown[][] = [];
    agent.script(shell(messages));
    const child = startCli(["terminal", "-s", "s1"], { env: env() });
    const result = finished(child);
    child.stdin!.write("a\n");
    await waitForOutput(child, "> a\n");
    child.kill("SIGWINCH");
    await until(() => messages[0]!.length === 3, "the resize after SIGWINCH");
    child.stdin!.end();
    const r = await result;
    expect(r.code).toBe(7);
    expect(messages[0]).toEqual([
      { type: "resize", cols: 80, rows: 24 },
      { type: "input", data: "a\n" },
      { type: "resize", cols: 80, rows: 24 },
      { type: "input", data: "\u0004" },
    ]);
  });
});

// `script` (util-linux) runs the CLI on a pseudo-terminal, so stdin is a TTY as in a user's shell.
const hasScript = spawnSync("script", ["--version"]).status === 0;

describe.skipIf(!hasScript)("hopx terminal on a TTY", () => {
  it("puts the keyboard in raw mode: Ctrl-C and Ctrl-D go to the remote shell, not to the CLI", async () => {
    const messages: unknown[][] = [];
    agent.script(shell(messages));
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} terminal -s s1`;
    const child = spawn("script", ["-qefc", command, "/dev/null"], { env: cleanEnv(env()), stdio: "pipe" });
    const result = finished(child);
    await until(() => messages.length === 1 && messages[0]!.length >= 1, "the terminal's first resize");
    child.stdin!.write("\u0003");
    await until(() => messages[0]!.length >= 2, "the Ctrl-C keystroke");
    child.stdin!.write("\u0004");
    const r = await result;
    expect(r.code).toBe(7);
    expect(messages[0]![1]).toEqual({ type: "input", data: "\u0003" });
    expect(messages[0]![2]).toEqual({ type: "input", data: "\u0004" });
  });
});
