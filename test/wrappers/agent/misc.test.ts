// Commands, processes, env, cache and observability against the Prism mock (each request validated
// against the spec), plus scripted loopback answers for the paths the mock cannot take.
import { describe, expect, inject, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  HopxError,
  CommandExecutionError,
  NotFoundError,
  TimeoutError,
  ValidationError,
} from "hopx-client";
import { Cache } from "hopx-client/raw";
import { Commands } from "hopx-client/raw";
import { MASKED_VALUE } from "hopx-client";
import { EnvVars } from "hopx-client/raw";
import { Observability } from "hopx-client/raw";
import { Processes } from "hopx-client/raw";
import { agentContext } from "hopx-client/raw";
import { recordingContext } from "../../support/recorder.js";
import { json, raw, reset, useFaultServer } from "../../support/fault-server.js";

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.test.sig";

const recorder = recordingContext;

const mock = () => recorder(inject("agentUrl"));
const prefer = (value: string) => ({ headers: { Prefer: value } });

describe("Commands", () => {
  it("runs a line through bash -c with the official defaults", async () => {
    const { ctx, calls, bodies } = mock();
    const result = await new Commands(ctx).run("ls -la | wc -l", { env: { A_B: "1" }, workingDir: "/tmp" });
    expect(result.exitCode).toBe(result.exit_code);
    expect(typeof result.stdout).toBe("string");
    expect(calls).toEqual(["POST /commands/run"]);
    expect(bodies[0]).toEqual({
      command: "bash",
      args: ["-c", "ls -la | wc -l"],
      timeout: 30,
      env: { A_B: "1" },
      workdir: "/tmp",
    });
  });

  it("returns a non-zero exit (HTTP 500 with a result body) as a result", async () => {
    const { ctx } = mock();
    const result = await new Commands(ctx).run("ls /workspace/missing", {}, prefer("code=500, example=failedCommand"));
    expect(result.success).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.exit_code).toBe(2);
    expect(result.stderr).toMatch(/No such file/);
  });

  it("throws CommandExecutionError when the agent cannot run the command", async () => {
    const { ctx } = mock();
    const commands = new Commands(ctx);
    await expect(commands.run("x", {}, prefer("code=500, example=agentError"))).rejects.toBeInstanceOf(
      CommandExecutionError,
    );
    await expect(commands.run("sleep 100", { timeout: 1 }, prefer("code=408"))).rejects.toBeInstanceOf(
      CommandExecutionError,
    );
    await expect(commands.runBackground("x", {}, prefer("code=500"))).rejects.toBeInstanceOf(CommandExecutionError);
  });

  it("starts background commands, also through run({ background: true })", async () => {
    const { ctx, calls, bodies } = mock();
    const commands = new Commands(ctx);
    const started = await commands.runBackground("python -m http.server", { name: "web" });
    expect(started.process_id).toBe(started.processId);
    const viaRun = await commands.run("sleep 5", { background: true });
    expect(typeof viaRun.process_id).toBe("string");
    expect(calls).toEqual(["POST /commands/background", "POST /commands/background"]);
    expect(bodies[0]).toEqual({ command: "bash", args: ["-c", "python -m http.server"], timeout: 120, name: "web" });
  });

  it("validates before sending", async () => {
    const { ctx, calls } = mock();
    const commands = new Commands(ctx);
    await expect(commands.run("")).rejects.toBeInstanceOf(ValidationError);
    await expect(commands.run("ls", { timeout: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(commands.run("ls", { env: { "A=B": "x" } })).rejects.toBeInstanceOf(ValidationError);
    await expect(commands.runBackground("ls", { workingDir: " " })).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toEqual([]);
  });
});

describe("Processes", () => {
  it("lists, kills and reads Jupyter sessions", async () => {
    const { ctx, calls } = mock();
    const processes = new Processes(ctx);
    expect(Array.isArray(await processes.listProcesses())).toBe(true);
    const system = await processes.listSystemProcesses();
    expect(typeof system[0]?.pid).toBe("number");
    await processes.killProcess("proc_123");
    expect(Array.isArray(await processes.getJupyterSessions())).toBe(true);
    expect(calls).toEqual(["GET /execute/processes", "GET /processes", "POST /execute/kill", "GET /jupyter/status"]);
  });

  it("reports a missing process from the first route (a route's own 404 code), trying no other form", async () => {
    const { ctx, calls } = mock();
    await expect(new Processes(ctx).killProcess("nope", prefer("code=404"))).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toEqual(["POST /execute/kill"]);
    await expect(new Processes(ctx).killProcess("")).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("EnvVars", () => {
  it("reads, replaces, merges and deletes without touching names", async () => {
    const { ctx, calls, bodies } = mock();
    const env = new EnvVars(ctx);
    const all = await env.getAll();
    const [name] = Object.keys(all);
    expect(name).toBeDefined();
    expect(await env.get(name as string)).toBe(all[name as string]);
    expect(await env.get("DOES_NOT_EXIST_xyz")).toBeUndefined();
    await env.setAll({ API_BASE: "https://x", lower_case: "kept" });
    await env.update({ camelCaseName: "v" });
    await env.set("MY_KEY", "value");
    await env.delete("MY_KEY");
    await env.clear();
    expect(calls).toEqual([
      "GET /env",
      "GET /env",
      "GET /env",
      "PUT /env",
      "PATCH /env",
      "PATCH /env",
      "DELETE /env/MY_KEY",
      "DELETE /env",
    ]);
    expect(bodies[3]).toEqual({ env_vars: { API_BASE: "https://x", lower_case: "kept" } });
    expect(bodies[4]).toEqual({ env_vars: { camelCaseName: "v" }, merge: true });
    expect(bodies[5]).toEqual({ env_vars: { MY_KEY: "value" }, merge: true });
  });

  it("validates names and values before sending, without echoing values", async () => {
    const { ctx, calls } = mock();
    const env = new EnvVars(ctx);
    await expect(env.set("", "x")).rejects.toBeInstanceOf(ValidationError);
    const err = await env.update({ SECRET: 12345678 as unknown as string }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).not.toContain("12345678");
    await expect(env.setAll(null as unknown as Record<string, string>)).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toEqual([]);
  });
});

describe("EnvVars on an agent without DELETE /env/{key}", () => {
  const server = useFaultServer();

  it("rewrites the other variables with PUT /env", async () => {
    server.script(
      json(404, { error: "not found", code: "NOT_FOUND" }),
      json(200, { env_vars: { A: "1", B: "2" } }),
      raw(204, ""),
    );
    const before = server.received.length;
    await new EnvVars(agentContext({ baseURL: server.url, token: TOKEN })).delete("A");
    const sent = server.received.slice(before);
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /env/A", "GET /env", "PUT /env"]);
    expect(JSON.parse(sent[2]?.body ?? "{}")).toEqual({ env_vars: { B: "2" } });
  });

  it("refuses to overwrite masked secrets", async () => {
    server.script(
      json(405, { error: "method not allowed", code: "METHOD_NOT_ALLOWED" }),
      json(200, { env_vars: { A: "1", API_KEY: MASKED_VALUE } }),
    );
    const before = server.received.length;
    const err = await new EnvVars(agentContext({ baseURL: server.url, token: TOKEN }))
      .delete("A")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect(server.received.slice(before).map((r) => r.method)).toEqual(["DELETE", "GET"]);
  });
});

describe("Cache", () => {
  it("reads stats and status, clears", async () => {
    const { ctx, calls } = mock();
    const cache = new Cache(ctx);
    expect(await cache.stats()).toBeTypeOf("object");
    expect(await cache.clear()).toBeTypeOf("object");
    expect(await cache.status()).toBeTypeOf("object");
    expect(calls).toEqual(["GET /cache/stats", "POST /cache/clear", "GET /cache"]);
    await expect(cache.stats(prefer("code=401"))).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("Observability", () => {
  it("reads health, info, system, ping and metrics", async () => {
    const { ctx, calls } = mock();
    const o = new Observability(ctx);
    expect(["healthy", "ok"]).toContain((await o.getHealth()).status);
    expect(await o.getAgentInfo()).toBeTypeOf("object");
    expect(await o.getSystemInfo()).toBeTypeOf("object");
    expect(await o.ping()).toBeTypeOf("object");
    expect(await o.getMetricsSnapshot()).toBeTypeOf("object");
    expect(await o.getAgentMetrics()).toBeTypeOf("object");
    expect(await o.getMetrics()).toBeTypeOf("object");
    expect(await o.getPrometheusMetrics()).toMatch(/^# (HELP|TYPE) /m);
    expect(await o.isHealthy()).toBe(true);
    expect((await o.ensureHealthy({ timeout: 5_000 })).status).toBeDefined();
    expect(calls).toEqual([
      "GET /health",
      "GET /info",
      "GET /system",
      "GET /ping",
      "GET /metrics/snapshot",
      "GET /metrics/snapshot",
      "GET /metrics",
      "GET /metrics/prometheus",
      "GET /health",
      "GET /health",
    ]);
  });

  it("says unhealthy instead of throwing on 5xx", async () => {
    const { ctx } = mock();
    expect(await new Observability(ctx).isHealthy(prefer("code=500"))).toBe(false);
  });
});

describe("Observability readiness against a scripted agent", () => {
  const server = useFaultServer();

  it("isHealthy is false on a network error", async () => {
    server.script(reset);
    expect(await new Observability(agentContext({ baseURL: server.url, maxRetries: 0 })).isHealthy()).toBe(false);
  });

  it("ensureHealthy polls until healthy", async () => {
    server.script(raw(503, ""), json(200, { status: "starting" }), json(200, { status: "healthy" }));
    const before = server.received.length;
    const health = await new Observability(agentContext({ baseURL: server.url, maxRetries: 0 })).ensureHealthy({
      timeout: 5_000,
      interval: 10,
    });
    expect(health.status).toBe("healthy");
    expect(server.received.length - before).toBe(3);
  });

  it("ensureHealthy fails with TimeoutError when the agent never gets healthy", async () => {
    server.fallback = raw(503, "");
    try {
      const err = await new Observability(agentContext({ baseURL: server.url, maxRetries: 0 }))
        .ensureHealthy({ timeout: 200, interval: 20 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TimeoutError);
      // The last probe's failure: the 503, or the probe itself cut short by the deadline under load.
      expect((err as TimeoutError).cause).toBeInstanceOf(HopxError);
    } finally {
      server.fallback = json(404, { error: "unscripted" });
    }
    await expect(
      new Observability(agentContext({ baseURL: server.url })).ensureHealthy({ timeout: 0 }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
