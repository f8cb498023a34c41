// `sandbox.kill()` closes every stream the handle opened: a child process (the built package) opens a
// terminal, a file watch, a command stream and the metrics SSE against servers that never end them, kills
// the sandbox, and must then exit on its own with every read loop finished.
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { sandboxRecord } from "../support/fault-server.js";

const run = promisify(execFile);
let controlPlane: string;
let closeAll: () => void;

beforeAll(async () => {
  // The agent: every WebSocket upgrade is taken and kept open, sending nothing.
  const agent = createServer((_req, res) => res.writeHead(404).end());
  new WebSocketServer({ server: agent }).on("connection", () => undefined);
  await new Promise<void>((r) => agent.listen(0, "127.0.0.1", r));
  const agentUrl = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
  const record = sandboxRecord(agentUrl, {
    auth_token: "sbx-kill-token-1234",
    token_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  });
  // The control plane: a listing, a delete, and a metrics stream that never ends.
  const cp = createServer((req, res) => {
    if (req.url?.includes("/metrics/stream")) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": open\n\n");
      return;
    }
    if (req.method === "DELETE") return void res.writeHead(204).end();
    if (req.url?.endsWith("/token/refresh")) {
      const token = {
        auth_token: "sbx-kill-token-1234",
        token_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      };
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(token));
    }
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ object: "list", data: [record], has_more: false }));
  });
  await new Promise<void>((r) => cp.listen(0, "127.0.0.1", r));
  controlPlane = `http://127.0.0.1:${(cp.address() as AddressInfo).port}`;
  closeAll = () => {
    for (const server of [agent, cp]) {
      server.closeAllConnections();
      server.close();
    }
  };
});
afterAll(() => closeAll());

describe("sandbox.kill() closes what the handle opened", () => {
  it("every read loop ends and the process exits on its own", async () => {
    const child = resolve(import.meta.dirname, "kill-child.cjs");
    // The timeout is a liveness bound only: a process kept alive by an open socket never exits.
    const { stdout } = await run(process.execPath, [child, controlPlane], { timeout: 20_000 }).catch(
      (err: { stdout: string; stderr: string }) => {
        throw new Error(`child failed: ${err.stdout} ${err.stderr}`);
      },
    );
    expect(JSON.parse(stdout)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
  }, 30_000);
});
