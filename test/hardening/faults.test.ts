// The hardening rows of the fault table in CONTRIBUTING.md, one test per row: hostile servers on loopback and bad
// caller input. Each row names the point of the hardening issue it pins down.
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket as WsClient } from "ws";
import {
  CodeExecutionError,
  HopxError,
  LimitExceededError,
  RateLimitError,
  Sandbox,
  ServerError,
  TimeoutError,
  ValidationError,
} from "hopx-client";
import { openSocket, type WebSocketConstructor } from "hopx-client/raw";
import { parseRetryAfter } from "../../src/runtime/error-from-response.js";
import { Hopx } from "hopx-client";
import { json, sandboxRecord, useFaultServer, type Handler } from "../support/fault-server.js";
import { refusal, startWsServer } from "../support/ws-server.js";

const API_KEY = "acct-key-hardening-51d0";
const TOKEN = "sbx-token-hardening-77aa";
const cp = useFaultServer();
const agent = useFaultServer();
const hopx = (extra: ConstructorParameters<typeof Hopx>[0] = {}) =>
  new Hopx({ apiKey: API_KEY, baseURL: cp.url, ...extra });
const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => "resolved",
    (err: unknown) => err,
  );
const listing = (record: Record<string, unknown>): Handler =>
  json(200, { object: "list", data: [record], has_more: false });

/** The Files wrapper over the agent fault server. */
async function agentFiles() {
  const { agentContext } = await import("../../src/wrappers/clients.js");
  const { Files } = await import("../../src/wrappers/agent/files.js");
  return new Files(agentContext({ baseURL: agent.url, token: TOKEN }));
}

afterEach(() => {
  cp.clear();
  agent.clear();
});

describe("limits (points 2, 3, 12)", () => {
  it("a JSON answer longer than maxResponseBytes: LimitExceededError, not read, not retried", async () => {
    cp.script((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
      res.end("x".repeat(5000));
    });
    const err = await failure(hopx({ maxResponseBytes: 1024 }).controlPlane.sandboxes.get("s1"));
    expect(err).toBeInstanceOf(LimitExceededError);
    expect(err).toMatchObject({
      code: "RESPONSE_TOO_LARGE",
      limit: "maxResponseBytes",
      limitValue: 1024,
      operation: "getSandbox",
    });
    expect(cp.received).toHaveLength(1);
  });

  it("a gzip answer whose declared length fits but whose decoded body does not: LimitExceededError", async () => {
    // 4 MiB of JSON-ish bytes compress to a few KiB: Content-Length counts the compressed bytes, fetch decodes.
    const packed = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    cp.script((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": String(packed.length),
      });
      res.end(packed);
    });
    const err = await failure(hopx({ maxResponseBytes: 64 * 1024 }).controlPlane.sandboxes.get("s1"));
    expect(packed.length).toBeLessThan(64 * 1024);
    expect(err).toBeInstanceOf(LimitExceededError);
    expect(err).toMatchObject({ code: "RESPONSE_TOO_LARGE", limitValue: 64 * 1024 });
  });

  it("a gzip answer within the limit is read by its decoded bytes and parsed as usual", async () => {
    const packed = gzipSync(JSON.stringify(sandboxRecord(agent.url)));
    cp.script((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": String(packed.length),
        "x-request-id": "req-gz",
      });
      res.end(packed);
    });
    let requestId: string | null = null;
    const model = await hopx({ maxResponseBytes: 64 * 1024 }).controlPlane.sandboxes.get("s1", {
      onResponse: (r) => (requestId = r.headers.get("x-request-id")),
    });
    expect(model).toMatchObject({ id: "s1", publicHost: agent.url, templateName: "code-interpreter" });
    expect(requestId).toBe("req-gz");
  });

  it("an error body longer than maxResponseBytes (chunked) is refused the same way", async () => {
    cp.script((_req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      for (let i = 0; i < 8; i++) res.write("y".repeat(512));
      res.end();
    });
    const err = await failure(hopx({ maxResponseBytes: 1024, maxRetries: 0 }).controlPlane.sandboxes.get("s1"));
    expect(err).toBeInstanceOf(LimitExceededError);
  });

  it("an SSE event built from many short lines without a blank line: LimitExceededError, no reconnect", async () => {
    let streams = 0;
    cp.fallback = (req, res) => {
      if (!req.url.includes("/metrics/stream"))
        return json(200, { object: "list", data: [sandboxRecord(agent.url)], has_more: false })(
          req,
          res,
          undefined as never,
        );
      streams++;
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (let i = 0; i < 200; i++) res.write(`data: ${"d".repeat(40)}\n`);
    };
    const [sandbox] = await hopx({ maxSseEventBytes: 4096 }).sandboxes.list();
    const err = await failure(
      (async () => {
        for await (const _ of sandbox!.streamMetrics()) return;
      })(),
    );
    expect(err).toMatchObject({ name: "LimitExceededError", code: "SSE_EVENT_TOO_LARGE" });
    expect(streams).toBe(1);
  });

  it("a WebSocket flood on a runtime that cannot pause: LimitExceededError after the queued messages", async () => {
    const server = await startWsServer();
    server.script((ws) => {
      for (let i = 0; i < 200; i++) ws.send(JSON.stringify({ type: "stdout", data: "w".repeat(1000) }));
    });
    // A constructor of the caller's own (no pause/resume), like a browser-style WebSocket.
    const Plain = WsClient as unknown as WebSocketConstructor;
    const socket = await openSocket<unknown, { type: string }>(server.url, {
      implementation: Plain,
      maxQueuedBytes: 20_000,
    });
    await new Promise((r) => setTimeout(r, 200));
    let read = 0;
    const err = await failure(
      (async () => {
        for await (const _ of socket) read++;
      })(),
    );
    expect(err).toMatchObject({ name: "LimitExceededError", code: "WEBSOCKET_QUEUE_FULL", limit: "maxQueuedBytes" });
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(200);
    await server.close();
  });

  it("1 000 concurrent calls open at most maxConnections sockets (default 128)", async () => {
    const sockets = new Set<Socket>();
    let peak = 0;
    let open = 0;
    const server = createServer((_req, res) =>
      setTimeout(
        () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(sandboxRecord(agent.url))),
        2,
      ),
    );
    server.on("connection", (s) => {
      sockets.add(s);
      peak = Math.max(peak, ++open);
      s.on("close", () => open--);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const client = new Hopx({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const results = await Promise.all(Array.from({ length: 1000 }, () => client.controlPlane.sandboxes.get("s1")));
    expect(results).toHaveLength(1000);
    expect(peak).toBeLessThanOrEqual(128);
    expect(sockets.size).toBeLessThanOrEqual(128);
    server.closeAllConnections();
    server.close();
  });

  it("files.download deadlineMs ends a trickling body with TimeoutError, though data keeps coming", async () => {
    agent.script((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const timer = setInterval(() => res.write("b"), 30);
      res.on("close", () => clearInterval(timer));
    });
    const files = await agentFiles();
    const started = Date.now();
    const stream = await files.download("/workspace/slow.bin", { deadlineMs: 300, idleTimeoutMs: 5_000 });
    const err = await failure(new Response(stream).arrayBuffer());
    expect(err).toBeInstanceOf(TimeoutError);
    expect(String((err as Error).message)).toContain("did not finish within 300 ms");
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});

describe("download stalls (idleTimeoutMs)", () => {
  /** The first 1 KiB at once, then nothing for `stallMs`, then the last 1 KiB (or nothing, with Infinity). */
  const stallAfterFirstKiB = (stallMs: number): Handler => {
    return (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write(Buffer.alloc(1024, 1));
      if (!Number.isFinite(stallMs)) return;
      const timer = setTimeout(() => res.end(Buffer.alloc(1024, 2)), stallMs);
      res.on("close", () => clearTimeout(timer));
    };
  };

  it("a body that stops while the reader waits ends with TimeoutError after idleTimeoutMs", async () => {
    agent.script(stallAfterFirstKiB(Number.POSITIVE_INFINITY));
    const reader = (await (await agentFiles()).download("/workspace/a.bin", { idleTimeoutMs: 200 })).getReader();
    expect((await reader.read()).value?.byteLength).toBe(1024);
    const err = await failure(reader.read());
    expect(err).toBeInstanceOf(TimeoutError);
    expect(String((err as Error).message)).toContain("no data for 200 ms");
  });

  it("time the reader spends not reading never counts as a stall (no read-ahead while it pauses)", async () => {
    // The server pauses 400 ms, longer than idleTimeoutMs; the reader pauses longer still, so when it reads again
    // the data is there. A wrapper reading ahead would have timed the server's pause while the reader was away.
    agent.script(stallAfterFirstKiB(400));
    const reader = (await (await agentFiles()).download("/workspace/b.bin", { idleTimeoutMs: 300 })).getReader();
    expect((await reader.read()).value?.byteLength).toBe(1024);
    await new Promise((r) => setTimeout(r, 700));
    let rest = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value.byteLength;
    expect(rest).toBe(1024);
  });
});

describe("credentials in error fields (point 4)", () => {
  it("a key echoed in the request id, code, details and message shows in no field, inspect or JSON", async () => {
    cp.script(
      json(
        500,
        { error: { message: `no ${API_KEY}`, code: `C_${API_KEY}`, details: { k: [API_KEY] } } },
        { "x-request-id": `r-${API_KEY}` },
      ),
    );
    const err = (await failure(
      hopx({ maxRetries: 0 }).controlPlane.sandboxes.create({ templateName: "x" }),
    )) as HopxError;
    expect(err).toBeInstanceOf(ServerError);
    const everything = [
      err.message,
      err.code,
      err.requestId,
      JSON.stringify(err),
      inspect(err, { depth: 8 }),
      err.stack,
    ].join("\n");
    expect(everything).not.toContain(API_KEY);
    expect(err.requestId).toBe("r-[redacted]");
  });

  it("a token echoed in a WebSocket upgrade refusal is not in the error", async () => {
    const server = await startWsServer();
    server.script(refusal(403, { error: `token ${TOKEN} is not allowed`, code: "FORBIDDEN" }));
    const err = (await failure(openSocket(server.url, { headers: { Authorization: `Bearer ${TOKEN}` } }))) as HopxError;
    expect(err).toBeInstanceOf(HopxError);
    expect([err.message, inspect(err), JSON.stringify(err)].join("\n")).not.toContain(TOKEN);
    await server.close();
  });
});

describe("input checked before anything is sent (points 5–8)", () => {
  it.each([["A=B"], ["NUL\u0000"], [""]])("Sandbox.create refuses the env name %j", async (name) => {
    const err = await failure(hopx().sandboxes.create({ template: "code-interpreter", envVars: { [name]: "v" } }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(cp.received).toHaveLength(0);
  });

  it.each([[-1], [Number.NaN], [0], [2 ** 31], [2 ** 32]])(
    "timeout %s is a ValidationError, per client and per call",
    async (timeout) => {
      expect(() => hopx({ timeout })).toThrow(ValidationError);
      await expect(hopx().controlPlane.sandboxes.get("s1", { timeout })).rejects.toBeInstanceOf(ValidationError);
      expect(cp.received).toHaveLength(0);
    },
  );

  it("runCode's execution timeout cannot overflow the HTTP timer", async () => {
    const { agentContext } = await import("../../src/wrappers/clients.js");
    const { Code } = await import("../../src/wrappers/agent/code.js");
    const code = new Code(agentContext({ baseURL: agent.url, token: TOKEN }));
    await expect(code.runCode("print(1)", { timeout: 2 ** 31 / 1000 })).rejects.toBeInstanceOf(ValidationError);
    await expect(code.runCode("print(1)", { timeout: 4_294_968 })).rejects.toBeInstanceOf(ValidationError);
    expect(agent.received).toHaveLength(0);
  });

  it.each([[1e9], [Number.NaN], [-1], [1.5]])("maxRetries %s is a ValidationError at construction", (maxRetries) => {
    expect(() => hopx({ maxRetries })).toThrow(ValidationError);
  });

  it("a non-Latin-1 API key fails at construction; bad header names and values per call too", async () => {
    expect(() => new Hopx({ apiKey: "ключ-ключ-ключ", baseURL: cp.url })).toThrow(ValidationError);
    await expect(hopx().controlPlane.sandboxes.get("s1", { headers: { "bad name": "x" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(hopx().controlPlane.sandboxes.get("s1", { headers: { "X-Note": "\u0100" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(hopx().controlPlane.sandboxes.get("s1", { headers: { "X-Note": "a\u0007b" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(cp.received).toHaveLength(0);
  });
});

describe("hostile answers and timing (points 9–12)", () => {
  it.each([["file:///etc/passwd"], ["javascript://x.example/%0Aalert(1)"], ["ftp://x.example"], ["ws://x.example"]])(
    "getPreviewUrl refuses a sandbox host of %s",
    async (host) => {
      cp.script(listing(sandboxRecord(host)));
      const [sandbox] = await hopx().sandboxes.list();
      await expect(sandbox!.getPreviewUrl(8080)).rejects.toBeInstanceOf(ValidationError);
    },
  );

  it("a 429 whose Retry-After ends past the deadline is a RateLimitError at once, with retryAfter", async () => {
    cp.script(json(429, { error: "slow down", code: "RATE_LIMIT_EXCEEDED" }, { "Retry-After": "30" }));
    const started = Date.now();
    const err = await failure(hopx().controlPlane.sandboxes.get("s1", { timeout: 2_000 }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfter).toBe(30);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(cp.received).toHaveLength(1);
  });

  it("Sandbox.create's timeout is the create call's own deadline, not the client's default", async () => {
    cp.script(async (req, res) => {
      await new Promise((r) => setTimeout(r, 400));
      json(201, sandboxRecord(agent.url, { auth_token: TOKEN }))(req, res, undefined as never);
    });
    const sandbox = await hopx({ timeout: 150 }).sandboxes.create({ template: "code-interpreter", timeout: 2 });
    expect(sandbox.sandboxId).toBe("s1");
  });

  it("Retry-After: only whole seconds or an HTTP-date; -5, 1.5 and words count as absent", () => {
    expect(parseRetryAfter("-5")).toBeUndefined();
    expect(parseRetryAfter("1.5")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter("2")).toBe(2);
    const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:30 GMT", now)).toBe(30);
  });

  it("promise-returning methods reject instead of throwing: bad base URL, unknown agent host", async () => {
    let pending: Promise<unknown> | undefined;
    expect(() => (pending = Sandbox.create({ template: "x", baseURL: "not a url", apiKey: API_KEY }))).not.toThrow();
    await expect(pending).rejects.toBeInstanceOf(ValidationError);
    cp.script(
      listing(sandboxRecord(agent.url, { public_host: undefined, status: "creating" })),
      json(200, sandboxRecord(agent.url, { public_host: undefined, status: "creating" })),
    );
    const [sandbox] = await hopx().sandboxes.list();
    expect(() => sandbox!.files).not.toThrow();
    expect(() => sandbox!.terminal).not.toThrow();
    await expect(sandbox!.files.read("/workspace/a.txt")).rejects.toBeInstanceOf(HopxError);
  });

  it("a token refresh failing with 500 under runCode stays a ServerError of the refresh", async () => {
    cp.script(listing(sandboxRecord(agent.url)), json(500, { error: "boom", code: "INTERNAL_ERROR" }));
    const [sandbox] = await hopx({ maxRetries: 0 }).sandboxes.list();
    const err = await failure(sandbox!.runCode("print(1)"));
    expect(err).toBeInstanceOf(ServerError);
    expect(err).not.toBeInstanceOf(CodeExecutionError);
    expect((err as ServerError).operation).toBe("refreshSandboxToken");
    expect(agent.received).toHaveLength(0);
  });

  it("50 concurrent calls after a failed token refresh share it: one refresh request", async () => {
    cp.script(listing(sandboxRecord(agent.url)));
    cp.fallback = json(500, { error: "boom", code: "INTERNAL_ERROR" });
    const [sandbox] = await hopx({ maxRetries: 0 }).sandboxes.list();
    await failure(sandbox!.files.read("/a"));
    const errors = await Promise.all(Array.from({ length: 50 }, () => failure(sandbox!.files.read("/a"))));
    expect(errors.every((e) => e instanceof ServerError)).toBe(true);
    expect(cp.received.filter((r) => r.url.endsWith("/token/refresh"))).toHaveLength(1);
    cp.fallback = json(500, { error: "unscripted request", code: "INTERNAL_ERROR" });
  });
});
