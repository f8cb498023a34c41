// Memory stays bounded against a hostile server: a 200 MiB JSON answer, a 64 MiB SSE line, a WebSocket
// flood to a slow consumer. The client runs from dist/ in a child process and reports its own peak RSS
// growth, so the test's server and vitest itself are not measured; the bounds are the documented limits
// plus headroom, not timings.
import { execFile } from "node:child_process";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { sandboxRecord } from "../support/fault-server.js";

const run = promisify(execFile);
const probe = resolve(import.meta.dirname, "memory-probe.cjs");
const MiB = 1024 * 1024;
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done) ?? done(undefined));
  server = undefined;
});

/** Writes `total` bytes of `chunk` repeated, waiting for drain, then ends (or stops when the client leaves). */
function pump(res: ServerResponse, chunk: Buffer, total: number, end = ""): void {
  let sent = 0;
  const more = (): void => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once("drain", more);
        return;
      }
    }
    res.end(end);
  };
  res.on("close", () => (sent = total));
  more();
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function child(
  mode: string,
  url: string,
): Promise<{ outcome: string; name?: string; code?: string; limit?: string; count?: number; growthMiB: number }> {
  const { stdout } = await run(process.execPath, [probe, mode, url], { timeout: 60_000 });
  return JSON.parse(stdout);
}

describe("bounded memory against hostile servers (built package, child process)", () => {
  it("a 200 MiB JSON body (chunked, no length) ends in LimitExceededError at 64 MiB", async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":"');
      pump(res, Buffer.alloc(MiB, "x"), 200 * MiB, '"}');
    });
    const seen = await child("body", url);
    expect(seen).toMatchObject({
      outcome: "rejected",
      name: "LimitExceededError",
      code: "RESPONSE_TOO_LARGE",
      limit: "maxResponseBytes",
    });
    // Before the limit the whole body was read and parsed: +802 MiB.
    expect(seen.growthMiB).toBeLessThan(200);
  }, 90_000);

  it("a 64 MiB SSE line without a newline ends in LimitExceededError at 1 MiB, without reconnecting", async () => {
    let streams = 0;
    const url = await listen((req, res) => {
      if (req.url?.includes("/metrics/stream")) {
        streams++;
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write("data: ");
        pump(res, Buffer.alloc(256 * 1024, "y"), 64 * MiB);
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [sandboxRecord("https://agent.example")], has_more: false }));
    });
    const seen = await child("sse", url);
    expect(seen).toMatchObject({
      outcome: "rejected",
      name: "LimitExceededError",
      code: "SSE_EVENT_TOO_LARGE",
      limit: "maxSseEventBytes",
    });
    expect(streams).toBe(1);
    expect(seen.growthMiB).toBeLessThan(48);
  }, 90_000);

  it("a WebSocket flood to a slow consumer: reading pauses at maxQueuedBytes, memory stays flat", async () => {
    const url = (await listen((_req, res) => res.writeHead(404).end())).replace("http", "ws");
    const wss = new WebSocketServer({ server: server! });
    let sentMiB = 0;
    wss.on("connection", (ws) => {
      const frame = JSON.stringify({ type: "stdout", data: "z".repeat(16 * 1024) });
      const flood = (): void => {
        if (ws.readyState !== ws.OPEN || sentMiB > 1024) return;
        // The server keeps at most 8 MiB of its own in flight; the rest is the client's problem.
        while (ws.bufferedAmount < 8 * MiB && sentMiB <= 1024) {
          ws.send(frame);
          sentMiB += frame.length / MiB;
        }
        setTimeout(flood, 5);
      };
      flood();
    });
    const seen = await child("ws", url);
    wss.close();
    expect(seen.outcome).toBe("read");
    expect(seen.count).toBeGreaterThan(0);
    // Default bound 16 MiB queued, plus ws buffers and heap slack; with no bound the same run grew 583 MiB.
    expect(seen.growthMiB).toBeLessThan(160);
  }, 90_000);
});
