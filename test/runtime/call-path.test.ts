// One request path, one deadline per call: the call's state reaches the wire through openapi-fetch's
// per-request `fetch` option, a deadline belongs to one call only, and a burst of calls leaves Node silent.
import { Hopx, RateLimitError, TimeoutError } from "hopx-client";
import { controlPlaneTransport, ControlPlaneResources } from "hopx-client/raw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hang, json, sandboxRecord, useFaultServer, type Handler } from "../support/fault-server.js";

const server = useFaultServer();
const unscripted = json(500, { error: "unscripted request", code: "INTERNAL_ERROR" });
afterEach(() => {
  server.clear();
  server.fallback = unscripted;
});

const limited = json(429, { error: "slow down", code: "RATE_LIMITED" }, { "retry-after": "0" });
const healthy = json(200, { status: "ok" });
const later =
  (ms: number, handler: Handler): Handler =>
  (req, res, socket) =>
    void setTimeout(() => handler(req, res, socket), ms);

describe("the call's own fetch", () => {
  it("carries the call's state: a generated call retries a 429, the raw client (no call state) does not", async () => {
    // Were openapi-fetch to stop using the per-request fetch, generated calls would fall back to the client's
    // fetch, which knows no operation: no retry, no deadline, no token renewal.
    const transport = controlPlaneTransport({ apiKey: "acct-key-1", baseURL: server.url });
    server.script(limited, healthy);
    await expect(new ControlPlaneResources(transport).health.check()).resolves.toEqual({ status: "ok" });
    expect(server.received).toHaveLength(2);

    server.clear();
    server.script(limited, healthy);
    const raw = await transport.client.GET("/health");
    expect(raw.response.status).toBe(429);
    expect(server.received).toHaveLength(1);
  });
});

describe("one deadline per call", () => {
  it("1 000 concurrent calls through 8 connections, 429s and retries: all succeed, no process warning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      let n = 0;
      server.fallback = (req, res, socket) => (++n % 3 === 0 ? limited : healthy)(req, res, socket);
      const hopx = new Hopx({ baseURL: server.url, maxConnections: 8, maxRetries: 10 });
      const results = await Promise.all(Array.from({ length: 1000 }, () => hopx.health()));
      expect(results.every((r) => r.status === "ok")).toBe(true);
      expect(server.received.length).toBeGreaterThan(1000); // some were retried
      // Warnings are emitted on the next turn.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("a call's deadline is its own: a call started later is still pending when an earlier one times out", async () => {
    server.fallback = hang;
    const hopx = new Hopx({ baseURL: server.url, requestTimeoutMs: 300 });
    const first = hopx.health().catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    let secondSettled = false;
    const second = hopx
      .health()
      .catch((e: unknown) => e)
      .finally(() => (secondSettled = true));
    expect(await first).toBeInstanceOf(TimeoutError);
    expect(secondSettled).toBe(false);
    expect(await second).toBeInstanceOf(TimeoutError);
  });

  it("a wait for a retry that cannot end before the deadline is not made: the answer itself is the error", async () => {
    server.script(json(429, { error: "slow down", code: "RATE_LIMITED" }, { "retry-after": "5" }));
    const error = await new Hopx({ baseURL: server.url, requestTimeoutMs: 1_000 }).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.received).toHaveLength(1);
  });
});

describe("an explicit deadline wins", () => {
  it("a client's requestTimeoutMs bounds sandboxes.create when the call sets none", async () => {
    server.fallback = hang;
    const hopx = new Hopx({ apiKey: "acct-key-1", baseURL: server.url, requestTimeoutMs: 200, maxRetries: 0 });
    const error = await hopx.sandboxes.create({ template: "code-interpreter" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.received).toHaveLength(1);
  });

  it("with neither, create keeps its longer default (300 s), past the client's built-in deadline", async () => {
    // A fetch that only ever ends by the call's signal; fake timers stand in for the 300 s.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const never: typeof fetch = (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
      const hopx = new Hopx({ apiKey: "acct-key-1", baseURL: server.url, fetch: never, maxRetries: 0 });
      let settled: unknown;
      const created = hopx.sandboxes.create({ template: "code-interpreter" }).then(
        () => (settled = "created"),
        (e: unknown) => (settled = e),
      );
      await vi.advanceTimersByTimeAsync(299_000);
      expect(settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(2_000);
      await created;
      expect(settled).toBeInstanceOf(TimeoutError);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the create call's own timeoutMs wins over the client's requestTimeoutMs", async () => {
    server.script(later(400, json(201, sandboxRecord(server.url))));
    const hopx = new Hopx({ apiKey: "acct-key-1", baseURL: server.url, requestTimeoutMs: 100 });
    const sandbox = await hopx.sandboxes.create({ template: "code-interpreter", timeoutMs: 5_000 });
    expect(sandbox.sandboxId).toBe("s1");
  });
});
