// Streaming over the agent's WebSockets: the happy paths against the mock (which replays the spec's
// transcripts), and the faults against a scripted loopback server.
import { once } from "node:events";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WebSocket as WsWebSocket } from "ws";
import {
  AbortError,
  AuthenticationError,
  type HopxError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  TokenExpiredError,
  ValidationError,
} from "hopx-client";
import { openSocket, type WebSocketConstructor } from "hopx-client/raw";
import { loadFixtures } from "../../src/mock/fixtures.js";
import { violation, type MessageSchema } from "../../src/mock/websocket.js";
import { openAgentSocket, runCodeStream, streamCommand, watchFiles } from "hopx-client/raw";
import { agentContext } from "hopx-client/raw";
import type { AgentContext } from "hopx-client/raw";
import { nextMessage, received, refusal, startWsServer, type WsTestServer } from "../support/ws-server.js";

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXNhbmRib3g.sigSECRET";
const mockCtx = (): AgentContext => agentContext({ baseURL: inject("agentUrl"), token: TOKEN });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

/** Every way an error can be printed or serialised; none may contain the credential. */
function expectNoCredential(err: unknown, secret = TOKEN): void {
  const texts = [String(err), (err as Error).message, inspect(err, { depth: 8 }), JSON.stringify(err)];
  for (const text of texts) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain("sigSECRET");
  }
}

describe("streams against the mock", () => {
  it("runs code and yields the transcript's messages in order, camelCase", async () => {
    const messages = await collect(runCodeStream(mockCtx(), "print(1)", { language: "python", timeout: 30 }));
    expect(messages.map((m) => m.type)).toEqual(["stdout", "stdout", "result", "complete"]);
    expect(messages[0]).toMatchObject({ type: "stdout", data: "0\n" });
    expect(messages[1]).toMatchObject({ type: "stdout", data: "1\n" });
    expect(messages[2]).toEqual({
      type: "result",
      exitCode: 0,
      executionTime: 2.014,
      timestamp: "2025-10-21T12:05:02Z",
    });
    expect(messages[3]).toEqual({ type: "complete", success: true });
  });

  it("streams rich outputs from /stream", async () => {
    const messages = await collect(runCodeStream(mockCtx(), "plt.show()", { endpoint: "rich" }));
    expect(messages.map((m) => m.type)).toEqual(["rich_output", "result", "complete"]);
    const rich = messages[0];
    expect(rich?.type === "rich_output" && rich.output.type).toBe("image/png");
    expect(messages[1]).toMatchObject({ exitCode: 0, executionTime: 1.318 });
  });

  it("streams an IPython execution from /stream/ipython", async () => {
    const messages = await collect(runCodeStream(mockCtx(), "x = 21; print(x * 2)", { endpoint: "ipython" }));
    expect(messages).toEqual([
      { type: "stdout", data: "42\n", timestamp: "2025-10-21T12:05:00Z" },
      { type: "result", exitCode: 0, executionTime: 0.008, timestamp: "2025-10-21T12:05:00Z" },
      { type: "complete", success: true },
    ]);
  });

  it("streams a command's stdout and stderr", async () => {
    const messages = await collect(streamCommand(mockCtx(), "echo building && echo warning >&2", { timeout: 60 }));
    expect(messages.map((m) => (m.type === "stdout" || m.type === "stderr" ? `${m.type}:${m.data}` : m.type))).toEqual([
      "stdout:building\n",
      "stderr:warning\n",
      "result",
      "complete",
    ]);
  });

  it("watches files until the server ends the stream", async () => {
    const changes = await collect(watchFiles(mockCtx(), "/workspace"));
    expect(changes.map((c) => `${c.event} ${c.path}`)).toEqual([
      "created /workspace/data.csv",
      "modified /workspace/data.csv",
      "deleted /workspace/old.txt",
    ]);
  });

  it("refuses an upgrade without a bearer token (401) and honours Prefer", async () => {
    const url = `${inject("agentUrl").replace(/^http/, "ws")}/execute/stream`;
    const missing = await failure(openSocket(url, { operation: "streamExecution" }));
    expect(missing).toBeInstanceOf(AuthenticationError);
    expect((missing as AuthenticationError).status).toBe(401);
    const limited = await failure(
      openSocket(url, { headers: { Authorization: `Bearer ${TOKEN}`, Prefer: "code=429" } }),
    );
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfter).toBe(1);
    expect(await failure(openSocket(`${url}/nope`, { headers: { Authorization: `Bearer ${TOKEN}` } }))).toBeInstanceOf(
      NotFoundError,
    );
  });

  it("rejects a client frame that breaks the spec's message schema (close 1008 with the reason)", async () => {
    // The SDK's streams refuse such input before sending (timeout 0, a non-string env value), so the raw
    // socket sends the frames here, as a client of another SDK would.
    const sendRaw = async (target: "stream" | "commands", frame: unknown): Promise<unknown> => {
      const ctx = mockCtx();
      const socket = await openAgentSocket<unknown, unknown>(
        ctx,
        target === "stream" ? ctx.resources.code.stream() : ctx.resources.commands.stream(),
      );
      socket.send(frame);
      return failure(collect(socket));
    };
    const err = await sendRaw("stream", { type: "execute", code: "print(1)", language: "python", timeout: 0 });
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).details).toMatchObject({ closeCode: 1008 });
    expect((err as NetworkError).message).toContain("message.timeout must be >= 1");
    const bad = await sendRaw("commands", { type: "execute", command: "ls", env: { N: 1 } });
    expect((bad as NetworkError).message).toContain("message.env.N must be a string");
  });

  it("the SDK's own streams refuse that input before anything is sent", async () => {
    await expect(collect(runCodeStream(mockCtx(), "print(1)", { timeout: 0 }))).rejects.toBeInstanceOf(ValidationError);
    await expect(
      collect(streamCommand(mockCtx(), "ls", { env: { N: 1 as unknown as string } })),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("ships transcripts whose client messages pass the mock's own validation", () => {
    const fixtures = loadFixtures(new URL("../../generated/mock/fixtures.json", import.meta.url))["vm-agent"].websocket;
    expect(fixtures.map((f) => f.operationId).sort()).toEqual([
      "connectTerminal",
      "streamCommand",
      "streamExecution",
      "streamIpython",
      "streamRichExecution",
      "watchFiles",
    ]);
    for (const fixture of fixtures) {
      const schema = (fixture as typeof fixture & { clientSchema?: MessageSchema }).clientSchema;
      expect(schema, fixture.operationId).toBeDefined();
      for (const item of fixture.transcript)
        if (item.client !== undefined) expect(violation(item.client, schema!), fixture.operationId).toBeUndefined();
      expect(violation({ type: "nonsense" }, schema!)).toBeDefined();
    }
  });

  it("ends a stream without a token in an AuthenticationError when no renewal is possible", async () => {
    const ctx = agentContext({ baseURL: inject("agentUrl") });
    const err = await failure(collect(runCodeStream(ctx, "print(1)")));
    expect(err).toBeInstanceOf(AuthenticationError);
  });
});

describe("streams against a scripted loopback server", () => {
  let server: WsTestServer;
  beforeAll(async () => {
    server = await startWsServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const ctxFor = (tokens: string[] = [TOKEN], renewals: string[] = []): AgentContext => {
    let current = 0;
    return agentContext({
      baseURL: server.url.replace(/^ws/, "http"),
      token: () => tokens[current],
      renewToken: async (used) => {
        renewals.push(used ?? "");
        if (current + 1 >= tokens.length) return false;
        current++;
        return true;
      },
      timeout: 5_000,
    });
  };

  it("sends the bearer token on the upgrade and the request in wire form, env names untouched", async () => {
    let first: unknown;
    server.script(async (ws) => {
      first = await nextMessage(ws);
      ws.send(JSON.stringify({ type: "result", exit_code: 3, execution_time: 0.5 }));
      ws.send(JSON.stringify({ type: "complete", success: false }));
    });
    const messages = await collect(
      runCodeStream(ctxFor(), "exit(3)", { workingDir: "/tmp", env: { MY_VAR: "1", camelName: "x" }, timeout: 10 }),
    );
    expect(server.upgrades.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(server.upgrades.at(-1)?.url).toBe("/execute/stream");
    expect(first).toEqual({
      type: "execute",
      code: "exit(3)",
      language: "python",
      timeout: 10,
      workdir: "/tmp",
      env: { MY_VAR: "1", camelName: "x" },
    });
    expect(messages).toEqual([
      { type: "result", exitCode: 3, executionTime: 0.5 },
      { type: "complete", success: false },
    ]);
  });

  it("delivers every message in order to a slow consumer", async () => {
    server.script((ws) => {
      for (let i = 0; i < 300; i++) ws.send(JSON.stringify({ type: "stdout", data: `${i}\n` }));
      ws.send(JSON.stringify({ type: "complete", success: true }));
      ws.close(1000);
    });
    const seen: string[] = [];
    for await (const message of runCodeStream(ctxFor(), "loop")) {
      if (seen.length < 5) await new Promise((r) => setTimeout(r, 40));
      if (message.type === "stdout") seen.push(message.data);
    }
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => `${i}\n`));
  });

  it("skips empty and non-JSON keep-alive frames", async () => {
    server.script((ws) => {
      ws.send("");
      ws.send("ping");
      ws.send(JSON.stringify({ type: "stdout", data: "a" }));
      ws.send("[1]");
      ws.send(JSON.stringify({ type: "complete", success: true }));
    });
    const messages = await collect(runCodeStream(ctxFor(), "x"));
    expect(messages).toEqual([
      { type: "stdout", data: "a" },
      { type: "complete", success: true },
    ]);
  });

  it("closes the socket when the consumer breaks out early", async () => {
    const closed = new Promise<number>((resolve) =>
      server.script((ws) => {
        ws.on("close", (code) => resolve(code));
        ws.send(JSON.stringify({ type: "stdout", data: "first" }));
        ws.send(JSON.stringify({ type: "stdout", data: "second" }));
      }),
    );
    for await (const message of runCodeStream(ctxFor(), "x")) {
      expect(message).toEqual({ type: "stdout", data: "first" });
      break;
    }
    expect(await closed).toBe(1000);
  });

  it("aborts at once mid-stream, with buffered messages dropped, and closes the socket", async () => {
    const closed = new Promise<number>((resolve) =>
      server.script((ws) => {
        ws.on("close", (code) => resolve(code));
        ws.send(JSON.stringify({ type: "stdout", data: "only" }));
      }),
    );
    const controller = new AbortController();
    const seen: unknown[] = [];
    const started = Date.now();
    const err = await failure(
      (async () => {
        for await (const message of runCodeStream(ctxFor(), "x", { signal: controller.signal, idleTimeout: 10_000 })) {
          seen.push(message);
          setTimeout(() => controller.abort(), 20);
        }
      })(),
    );
    expect(err).toBeInstanceOf(AbortError);
    expect(seen).toEqual([{ type: "stdout", data: "only" }]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await closed).toBe(1000);
  });

  it("aborts a pending upgrade, and a signal already aborted never connects", async () => {
    server.script("hang");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await failure(collect(runCodeStream(ctxFor(), "x", { signal: controller.signal })))).toBeInstanceOf(
      AbortError,
    );
    const before = server.upgrades.length;
    expect(await failure(collect(watchFiles(ctxFor(), "/workspace", { signal: AbortSignal.abort() })))).toBeInstanceOf(
      AbortError,
    );
    expect(server.upgrades.length).toBe(before);
  });

  it("times out an upgrade that never completes", async () => {
    server.script("hang");
    const err = await failure(collect(runCodeStream(ctxFor(), "x", { openTimeout: 100 })));
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it("ends an idle stream with a TimeoutError; keep-alive frames count as activity", async () => {
    server.script((ws) => {
      ws.send(JSON.stringify({ type: "stdout", data: "then silence" }));
      const beat = setInterval(() => ws.send(""), 60);
      setTimeout(() => clearInterval(beat), 400);
    });
    const seen: unknown[] = [];
    const started = Date.now();
    const err = await failure(
      (async () => {
        for await (const message of runCodeStream(ctxFor(), "x", { idleTimeout: 150 })) seen.push(message);
      })(),
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).code).toBe("TIMEOUT");
    expect(seen).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it("reports a server that closes before the final message, after the messages it sent", async () => {
    server.script((ws) => {
      ws.send(JSON.stringify({ type: "stdout", data: "partial" }));
      ws.close(1011, `internal error for Bearer ${TOKEN}`);
    });
    const seen: unknown[] = [];
    const err = await failure(
      (async () => {
        for await (const message of runCodeStream(ctxFor(), "x")) seen.push(message);
      })(),
    );
    expect(seen).toEqual([{ type: "stdout", data: "partial" }]);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).details).toMatchObject({ closeCode: 1011 });
    expectNoCredential(err);
  });

  it("reports a dropped connection (no close frame)", async () => {
    server.script((ws) => {
      ws.send(JSON.stringify({ type: "stdout", data: "x" }));
      setTimeout(() => ws.terminate(), 20);
    });
    const err = await failure(collect(streamCommand(ctxFor(), "sleep 100")));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).details).toMatchObject({ closeCode: 1006 });
  });

  it("ends normally when the server closes right after the final message, whatever the code", async () => {
    server.script((ws) => {
      ws.send(JSON.stringify({ type: "complete", success: true }));
      ws.close(1011);
    });
    expect(await collect(runCodeStream(ctxFor(), "x"))).toEqual([{ type: "complete", success: true }]);
  });

  it("renews the token once after a 401 upgrade and retries once", async () => {
    const renewals: string[] = [];
    server.script(refusal(401), (ws) => {
      ws.send(JSON.stringify({ type: "change", path: "/workspace/a", event: "created" }));
      ws.close(1000);
    });
    const before = server.upgrades.length;
    const changes = await collect(watchFiles(ctxFor(["eyJold.token.sig", "eyJnew.token.sig"], renewals)));
    expect(changes).toEqual([{ type: "change", path: "/workspace/a", event: "created" }]);
    expect(renewals).toEqual(["eyJold.token.sig"]);
    expect(server.upgrades.slice(before).map((u) => u.headers.authorization)).toEqual([
      "Bearer eyJold.token.sig",
      "Bearer eyJnew.token.sig",
    ]);
  });

  it("gives up with TokenExpiredError after a second 401: no third attempt, no token in the message", async () => {
    const renewals: string[] = [];
    server.script(refusal(401), refusal(401));
    const before = server.upgrades.length;
    const err = await failure(collect(runCodeStream(ctxFor([TOKEN, `${TOKEN}2`], renewals), "x")));
    expect(err).toBeInstanceOf(TokenExpiredError);
    expect((err as TokenExpiredError).status).toBe(401);
    expect(renewals).toHaveLength(1);
    expect(server.upgrades.length - before).toBe(2);
    expectNoCredential(err);
  });

  it("maps refused upgrades to typed errors (403, 404, 429, 500) without the credential", async () => {
    server.script(
      refusal(404, { error: "no such endpoint", code: "NOT_FOUND" }),
      refusal(429, { error: `slow down ${TOKEN}`, code: "RATE_LIMIT_EXCEEDED", retry_after: 2 }),
      refusal(500, { error: "boom", code: "INTERNAL_ERROR" }),
    );
    const notFound = await failure(collect(runCodeStream(ctxFor(), "x")));
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as NotFoundError).operation).toBe("streamExecution");
    const limited = await failure(collect(runCodeStream(ctxFor(), "x")));
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfter).toBe(2);
    const server500 = await failure(collect(runCodeStream(ctxFor(), "x")));
    expect((server500 as HopxError).status).toBe(500);
    for (const err of [notFound, server500]) expectNoCredential(err);
  });

  it("reports a refused connection as a NetworkError", async () => {
    const closedPort = await startWsServer();
    const url = closedPort.url;
    await closedPort.close();
    const err = await failure(
      openSocket(`${url}/terminal`, { headers: { Authorization: `Bearer ${TOKEN}` }, implementation: "ws" }),
    );
    expect(err).toBeInstanceOf(NetworkError);
    expectNoCredential(err);
  });
});

describe("a native-style WebSocket (no access to the refused upgrade's status)", () => {
  let server: WsTestServer;
  beforeAll(async () => {
    server = await startWsServer();
  });
  afterAll(async () => {
    await server.close();
  });
  // ws's browser-style class stands in for undici / Bun / Deno: the socket only sees open/message/close/error.
  const Native = WsWebSocket as unknown as WebSocketConstructor;
  const url = (): string => `${server.url}/execute/stream`;

  it("streams messages and sends frames", async () => {
    let got: unknown[] = [];
    server.script((ws) => {
      got = received(ws);
      ws.on("message", () => {
        ws.send(JSON.stringify({ type: "stdout", data: "hi" }));
        ws.send(JSON.stringify({ type: "complete", success: true }));
      });
    });
    const socket = await openSocket<{ type: string }, { type: string }>(url(), {
      implementation: Native,
      headers: { Authorization: `Bearer ${TOKEN}` },
      isFinal: (m) => m.type === "complete",
    });
    expect(socket.implementation).toBe("custom");
    socket.send({ type: "execute" });
    expect(await collect(socket)).toEqual([
      { type: "stdout", data: "hi" },
      { type: "complete", success: true },
    ]);
    expect(got).toEqual([{ type: "execute" }]);
    expect((await socket.closed).code).toBe(1000);
  });

  it("learns a refusal's status with a plain GET: 401 is an AuthenticationError", async () => {
    server.script(refusal(401));
    server.plainStatus = 401;
    const before = server.plainRequests.length;
    const err = await failure(
      openSocket(url(), { implementation: Native, headers: { Authorization: `Bearer ${TOKEN}` } }),
    );
    server.plainStatus = 400;
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(server.plainRequests.slice(before).map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
    expectNoCredential(err);
  });

  it("falls back to a NetworkError when the probe says nothing (400)", async () => {
    server.script(refusal(403));
    const err = await failure(
      openSocket(url(), { implementation: Native, headers: { Authorization: `Bearer ${TOKEN}` } }),
    );
    expect(err).toBeInstanceOf(NetworkError);
  });
});

describe("the fetch upgrade (Cloudflare Workers style)", () => {
  let server: WsTestServer;
  beforeAll(async () => {
    server = await startWsServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("upgrades through fetch with the headers and streams over response.webSocket", async () => {
    let sent: RequestInit | undefined;
    const upgradingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      sent = init;
      const client = new WsWebSocket(String(input).replace(/^http/, "ws"), {
        headers: init?.headers as Record<string, string>,
      });
      await once(client, "open");
      return {
        status: 101,
        headers: new Headers(),
        text: async () => "",
        webSocket: Object.assign(client, { accept: () => undefined }),
      } as unknown as Response;
    };
    server.script(async (ws) => {
      await nextMessage(ws);
      ws.send(JSON.stringify({ type: "stdout", data: "edge" }));
      ws.send(JSON.stringify({ type: "complete", success: true }));
    });
    const socket = await openSocket<{ type: string }, { type: string }>(`${server.url}/execute/stream`, {
      implementation: "fetch",
      fetch: upgradingFetch,
      headers: { Authorization: `Bearer ${TOKEN}` },
      isFinal: (m) => m.type === "complete",
    });
    expect(socket.implementation).toBe("fetch");
    socket.send({ type: "execute" });
    expect(await collect(socket)).toEqual([
      { type: "stdout", data: "edge" },
      { type: "complete", success: true },
    ]);
    expect(sent?.headers).toEqual({ Authorization: `Bearer ${TOKEN}`, Upgrade: "websocket" });
    expect(server.upgrades.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("maps a refused fetch upgrade to the typed error", async () => {
    const refusing = async (): Promise<Response> =>
      new Response(JSON.stringify({ error: "expired", code: "AUTHENTICATION_REQUIRED" }), {
        status: 401,
        headers: { "content-type": "application/json" },
      });
    const err = await failure(
      openSocket(`${server.url}/terminal`, {
        implementation: "fetch",
        fetch: refusing,
        headers: { Authorization: `Bearer ${TOKEN}` },
      }),
    );
    expect(err).toBeInstanceOf(AuthenticationError);
    expectNoCredential(err);
  });
});
