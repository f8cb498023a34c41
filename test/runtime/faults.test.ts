// The fault table (CONTRIBUTING.md), one test per row, against a loopback server that misbehaves on cue.
import { afterEach, describe, expect, it } from "vitest";
import { AbortError, APIError, HopxError, NetworkError, TimeoutError } from "hopx-client";
import { Hopx } from "hopx-client";
import { hang, json, raw, reset, sandboxRecord, truncated, useFaultServer } from "../support/fault-server.js";
import { lineLogger } from "../support/recorder.js";

// Deliberately not shaped like a HopX key or a JWT, so only exact-value scrubbing can hide them.
const API_KEY = "acct-key-7f3a9c1e5b";
const TOKEN = "sbx-token-42d8e6a0c4";

const cp = useFaultServer();
const agent = useFaultServer();

const sandboxBody = () =>
  sandboxRecord(agent.url, {
    id: "1761048129dbeb8c4d",
    auth_token: TOKEN,
    token_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  });

const hopx = (extra: ConstructorParameters<typeof Hopx>[0] = {}) =>
  new Hopx({ apiKey: API_KEY, baseURL: cp.url, ...extra });

afterEach(() => {
  cp.clear();
  agent.clear();
});

describe("fault table", () => {
  it("429 with Retry-After: waits as told, resends the create, succeeds", async () => {
    cp.script(
      json(429, { error: "slow down", code: "RATE_LIMIT_EXCEEDED" }, { "Retry-After": "1" }),
      json(201, sandboxBody()),
    );
    const started = Date.now();
    const sandbox = await hopx().sandboxes.create({ template: "code-interpreter" });
    expect(sandbox.sandboxId).toBe("1761048129dbeb8c4d");
    expect(cp.received.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /v1/sandboxes", "POST /v1/sandboxes"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950); // the server asked for one second
  });

  it("503 twice: a retry-safe read succeeds on the third attempt", async () => {
    cp.script(
      json(503, { error: "busy", code: "SERVICE_UNAVAILABLE" }),
      json(503, { error: "busy" }),
      json(200, sandboxBody()),
    );
    const info = await hopx().controlPlane.sandboxes.get("1761048129dbeb8c4d");
    expect(info.status).toBe("running");
    expect(cp.received).toHaveLength(3);
  });

  it("connection reset after a create was sent: NetworkError, not resent", async () => {
    cp.script(reset);
    const error = await hopx()
      .sandboxes.create({ template: "code-interpreter" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).operation).toBe("createSandbox");
    expect(cp.received).toHaveLength(1); // a second create could start a second sandbox
  });

  it("no response: TimeoutError at the call's deadline", async () => {
    cp.fallback = hang;
    try {
      const started = Date.now();
      const error = await hopx({ timeout: 300 })
        .controlPlane.sandboxes.get("1761048129dbeb8c4d")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(Date.now() - started).toBeLessThan(5_000); // the deadline covers retries too
    } finally {
      cp.fallback = json(500, { error: "unscripted request" });
    }
  });

  it("abort: rejects as soon as the signal fires", async () => {
    cp.script(hang);
    const controller = new AbortController();
    const pending = hopx().sandboxes.create({ template: "code-interpreter", signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(cp.received).toHaveLength(1);
  });

  it("malformed JSON: typed APIError, no crash", async () => {
    cp.script(raw(200, "{ not json", { "content-type": "application/json" }));
    const error = await hopx({ maxRetries: 0 })
      .controlPlane.sandboxes.get("1761048129dbeb8c4d")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toBe("INVALID_RESPONSE");
  });

  it("truncated JSON: typed error, no crash", async () => {
    cp.script(truncated(200, '{"id":"1761048129dbeb8c4d","sta', 400));
    const error = await hopx({ maxRetries: 0 })
      .controlPlane.sandboxes.get("1761048129dbeb8c4d")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HopxError);
    expect(error).not.toBeInstanceOf(SyntaxError);
  });

  it("SSE dropped mid-stream: reconnects with Last-Event-ID, no event lost or repeated", async () => {
    const event = (id: number) =>
      `id: ${id}\nevent: metrics\ndata: {"uptime_seconds": ${id}, "total_executions": ${id}}\n\n`;
    cp.script(
      json(201, sandboxBody()),
      (_req, res, socket) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(event(1) + event(2), () => setTimeout(() => socket.destroy(), 20));
      },
      (_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(event(2) + event(3)); // the server replays from the id it was given, inclusive
      },
    );
    const sandbox = await hopx().sandboxes.create({ template: "code-interpreter" });
    const seen: number[] = [];
    for await (const metrics of sandbox.streamMetrics({ idleTimeout: 2_000 })) {
      seen.push(metrics.uptimeSeconds ?? -1);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(cp.received[2]?.headers["last-event-id"]).toBe("2");
  });

  it("public_host on another loopback port: the API key never arrives there", async () => {
    cp.script(json(201, sandboxBody()));
    agent.script(json(200, { success: true }));
    await hopx().sandboxes.create({ template: "code-interpreter", envVars: { GREETING: "hello" } });
    expect(agent.received).toHaveLength(1);
    const sent = agent.received[0]!;
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent.headers["x-api-key"]).toBeUndefined();
    expect(JSON.stringify(sent)).not.toContain(API_KEY);
    expect(JSON.stringify(cp.received)).not.toContain(TOKEN);
  });

  it("a thrown error and a debug log hold neither the key nor the token", async () => {
    const { logger, lines } = lineLogger();
    const echo = {
      error: `bad credentials ${API_KEY} / ${TOKEN}`,
      code: "AUTHENTICATION_ERROR",
      details: { key: API_KEY },
    };
    cp.script(json(201, sandboxBody()), json(503, echo));
    cp.fallback = json(401, echo);
    agent.fallback = json(401, echo);
    let agentError: unknown;
    let cpError: unknown;
    try {
      const client = hopx({ logger, logLevel: "debug" });
      const sandbox = await client.sandboxes.create({ template: "code-interpreter" });
      // agent 401 → token refresh on the control plane (503, then 401) → typed error
      agentError = await sandbox
        .agent()
        .then((a) => a.resources.env.getAll())
        .catch((e: unknown) => e);
      cpError = await sandbox.getInfo().catch((e: unknown) => e);
    } finally {
      cp.fallback = agent.fallback = json(500, { error: "unscripted request" });
    }
    for (const error of [agentError, cpError]) {
      expect(error).toBeInstanceOf(HopxError);
      const text = `${String(error)} ${JSON.stringify(error)} ${JSON.stringify((error as HopxError).details ?? {})}`;
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(TOKEN);
    }
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join("\n")).not.toContain(API_KEY);
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("a redirect is not followed: typed error, the other host gets nothing", async () => {
    cp.script(raw(302, "", { location: `${agent.url}/v1/sandboxes` }));
    const error = await hopx()
      .sandboxes.create({ template: "code-interpreter" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toBe("INVALID_RESPONSE");
    expect(cp.received).toHaveLength(1);
    expect(agent.received).toHaveLength(0);
  });

  it("an id of ../../x stays inside its path segment", async () => {
    cp.script(json(404, { error: "not found", code: "RESOURCE_NOT_FOUND" }));
    await hopx()
      .controlPlane.sandboxes.get("../../x")
      .catch(() => undefined);
    expect(cp.received[0]?.url).toBe("/v1/sandboxes/..%2F..%2Fx");
  });
});
