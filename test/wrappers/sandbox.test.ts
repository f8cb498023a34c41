// The Sandbox / Hopx layer against the Prism mock (requests validated against the spec) and, where a
// server must change state between calls, against a scripted loopback server.
import { beforeEach, describe, expect, inject, it, vi } from "vitest";
import {
  AuthenticationError,
  ResourceLimitError,
  SandboxExpiredError,
  TemplateNotFoundError,
  ValidationError,
} from "hopx-client";
import { Hopx } from "hopx-client";
import { previewUrl } from "../../src/wrappers/preview-url.js";
import { Sandbox } from "hopx-client";
import { json, sandboxRecord, useFaultServer } from "../support/fault-server.js";

const API_KEY = "hopx_test_sandbox_suite_key";
const mockOptions = () => ({ apiKey: API_KEY, baseURL: inject("controlPlaneUrl") });
/** Forces one of the spec's documented answers through Prism's Prefer header. */
const prefer =
  (code: number): typeof fetch =>
  (input, init) => {
    const request = new Request(input, init);
    request.headers.set("Prefer", `code=${code}`);
    return fetch(request);
  };

describe("Sandbox against the mock", () => {
  it("creates a running sandbox whose info carries no token", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", timeoutSeconds: 600, ...mockOptions() });
    expect(sandbox.sandboxId).toMatch(/\S+/);
    const info = await sandbox.getInfo();
    expect(info.sandboxId).toBe(sandbox.sandboxId);
    expect(info.status).toBe("running");
    expect(info).not.toHaveProperty("authToken");
    expect(typeof (await sandbox.getToken())).toBe("string");
    expect(await sandbox.agentUrl).toBe(inject("agentUrl"));
  });

  it("rejects bad input before anything is sent", async () => {
    const fetchSpy = vi.fn(fetch);
    const options = { ...mockOptions(), fetch: fetchSpy };
    await expect(Sandbox.create({ ...options })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      Sandbox.create({ template: "code-interpreter", timeoutSeconds: -5, ...options }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(Sandbox.list({ limit: 0, ...options })).rejects.toBeInstanceOf(ValidationError);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("without an API key fails with AuthenticationError before sending", async () => {
    const fetchSpy = vi.fn(fetch);
    const previous = process.env.HOPX_API_KEY;
    delete process.env.HOPX_API_KEY;
    try {
      const error = await Sandbox.list({ baseURL: inject("controlPlaneUrl"), fetch: fetchSpy }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(fetchSpy).not.toHaveBeenCalled();
      // health needs no key
      await expect(Sandbox.healthCheck(inject("controlPlaneUrl"))).resolves.toHaveProperty("status");
    } finally {
      if (previous !== undefined) process.env.HOPX_API_KEY = previous;
    }
  });

  it("maps documented create errors to typed classes", async () => {
    const create = (code: number) =>
      Sandbox.create({ template: "nope", ...mockOptions(), fetch: prefer(code), maxRetries: 0 }).catch(
        (e: unknown) => e,
      );
    expect(await create(404)).toBeInstanceOf(TemplateNotFoundError);
    expect(await create(402)).toBeInstanceOf(ResourceLimitError);
    expect(await create(401)).toBeInstanceOf(AuthenticationError);
  });

  it("a 404 on a sandbox the handle knew is SandboxExpiredError", async () => {
    let force: number | undefined;
    const switchable: typeof fetch = (input, init) => (force ? prefer(force)(input, init) : fetch(input, init));
    const sandbox = await new Hopx({ ...mockOptions(), fetch: switchable }).sandboxes.create({
      template: "code-interpreter",
    });
    force = 404;
    const error = await sandbox.getInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxExpiredError);
    expect((error as SandboxExpiredError).status).toBe(404);
  });

  it("lists sandboxes with their info and stops paging on a repeated cursor", async () => {
    const sandboxes = await Sandbox.list({ limit: 10, status: "running", ...mockOptions() });
    expect(sandboxes.length).toBeGreaterThan(0);
    expect(sandboxes[0]).toBeInstanceOf(Sandbox);
    expect((await sandboxes[0]!.getExpiryInfo()).hasTimeout).toBeTypeOf("boolean");
    let pages = 0;
    for await (const _page of Sandbox.pages(mockOptions())) pages++;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2); // the mock repeats its one cursor; a loop would never end
  });

  it("runs every lifecycle call through the spec", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", ...mockOptions() });
    await sandbox.pause();
    await sandbox.resume();
    await sandbox.stop();
    await sandbox.start();
    const timeout = await sandbox.setTimeout(900);
    expect(timeout).toBeTruthy();
    await expect(sandbox.setTimeout(0)).rejects.toBeInstanceOf(ValidationError);
    await sandbox.refreshToken();
    await sandbox.ensureValidToken();
    await sandbox.forceKill();
    await sandbox.kill();
  });

  it("streams metrics from the SSE endpoint as camelCase events", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", ...mockOptions() });
    const events = [];
    for await (const metrics of sandbox.streamMetrics({ idleTimeout: 2_000 })) {
      events.push(metrics);
      if (events.length === 2) break;
    }
    expect(events.length).toBe(2);
    expect(Object.keys(events[0]!).some((k) => k.includes("_"))).toBe(false);
  });

  it("lists, gets and deletes templates", async () => {
    const templates = await Sandbox.listTemplates({ category: "code-interpreter", ...mockOptions() });
    expect(templates[0]?.name).toBeTruthy();
    const template = await Sandbox.getTemplate("code-interpreter", mockOptions());
    expect(template.name).toBe("code-interpreter");
    await expect(Sandbox.deleteTemplate("73", mockOptions())).resolves.toBeUndefined();
    await expect(Sandbox.getTemplate("missing", { ...mockOptions(), fetch: prefer(404) })).rejects.toBeInstanceOf(
      TemplateNotFoundError,
    );
  });
});

describe("preview URLs", () => {
  it("handles every documented host form", () => {
    expect(previewUrl("https://7777-1761048129dbeb8c4d.eu-1001.vms.hopx.dev", 8080)).toBe(
      "https://8080-1761048129dbeb8c4d.eu-1001.vms.hopx.dev/",
    );
    expect(previewUrl("https://1761048129dbeb8c4d.vms.hopx.dev", 3000)).toBe(
      "https://3000-1761048129dbeb8c4d.vms.hopx.dev/",
    );
    expect(previewUrl("1761048129dbeb8c4d.hopx.dev")).toBe("https://7777-1761048129dbeb8c4d.hopx.dev/");
    expect(previewUrl("http://127.0.0.1:4010", 8080)).toBe("http://127.0.0.1:8080/");
    // A local agent with the sandbox's identity: the URL the port has on HopX.
    expect(
      previewUrl("http://127.0.0.1:4010/sandboxes/x", 8080, { sandboxId: "1761048129ab", region: "eu-west" }),
    ).toBe("https://8080-1761048129ab.eu-west.vms.hopx.dev/");
    expect(previewUrl("http://127.0.0.1:4010", 8080, { sandboxId: "bad id", region: "eu-west" })).toBe(
      "http://127.0.0.1:8080/",
    );
    expect(() => previewUrl("https://x.hopx.dev", 70_000)).toThrow(ValidationError);
  });
});

describe("Sandbox state changes (scripted server)", () => {
  const cp = useFaultServer();
  const agent = useFaultServer();
  const body = (status: string, extra: Record<string, unknown> = {}) => sandboxRecord(agent.url, { status, ...extra });
  const token = (t: string) =>
    json(200, { auth_token: t, token_expires_at: new Date(Date.now() + 3_600_000).toISOString() });
  const hopx = () => new Hopx({ apiKey: API_KEY, baseURL: cp.url });

  beforeEach(() => {
    cp.clear();
    agent.clear();
  });

  it("create waits until the sandbox is running", async () => {
    cp.script(
      json(201, body("creating", { auth_token: "tok-create-1" })),
      json(200, body("creating")),
      json(200, body("running")),
    );
    const sandbox = await hopx().sandboxes.create({ template: "t" });
    expect(cp.received.map((r) => r.method)).toEqual(["POST", "GET", "GET"]);
    expect(await sandbox.getToken()).toBe("tok-create-1"); // kept from the create response
  });

  it("connect resumes a paused sandbox and refreshes its token; refuses a stopped one; sets no timeout", async () => {
    cp.script(json(200, body("paused")), json(200, { id: "s1", status: "running" }), token("tok-resumed"));
    const sandbox = await Sandbox.connect("s1", API_KEY, cp.url);
    expect(cp.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /v1/sandboxes/s1",
      "POST /v1/sandboxes/s1/resume",
      "POST /v1/sandboxes/s1/token/refresh",
    ]);
    expect(await sandbox.getToken()).toBe("tok-resumed");
    cp.script(json(200, body("stopped")));
    await expect(Sandbox.connect("s1", API_KEY, cp.url)).rejects.toBeInstanceOf(ValidationError);
    cp.script(json(200, body("deleted")));
    await expect(Sandbox.connect("s1", API_KEY, cp.url)).rejects.toBeInstanceOf(SandboxExpiredError);
  });

  it("iterates every page by cursor", async () => {
    const page = (ids: string[], next?: string) =>
      json(200, {
        object: "list",
        data: ids.map((id) => ({ ...body("running"), id })),
        has_more: next !== undefined,
        next_cursor: next ?? null,
      });
    cp.script(page(["a", "b"], "c1"), page(["c"], "c2"), page(["d"]));
    const ids: string[] = [];
    for await (const sandbox of hopx().sandboxes.iter({ limit: 2 })) ids.push(sandbox.sandboxId);
    expect(ids).toEqual(["a", "b", "c", "d"]);
    expect(cp.received.map((r) => r.url)).toEqual([
      "/v1/sandboxes?limit=2",
      "/v1/sandboxes?limit=2&cursor=c1",
      "/v1/sandboxes?limit=2&cursor=c2",
    ]);
  });

  it("concurrent agent 401s cause one token refresh, then each call is resent once", async () => {
    cp.script(
      json(
        201,
        body("running", { auth_token: "tok-old", token_expires_at: new Date(Date.now() + 3_600_000).toISOString() }),
      ),
      token("tok-new"),
    );
    const sandbox = await hopx().sandboxes.create({ template: "t" });
    agent.fallback = (req, res) => {
      const ok = req.headers.authorization === "Bearer tok-new";
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { env_vars: {}, count: 0 } : { error: "expired", code: "INVALID_TOKEN" }));
    };
    const ctx = await sandbox.agent();
    await Promise.all([ctx.resources.env.getAll(), ctx.resources.env.getAll(), ctx.resources.env.getAll()]);
    expect(cp.received.filter((r) => r.url.endsWith("/token/refresh"))).toHaveLength(1);
    expect(agent.received.filter((r) => r.headers.authorization === "Bearer tok-new")).toHaveLength(3);
    expect(agent.received.every((r) => r.headers["x-api-key"] === undefined)).toBe(true);
  });

  it("when the first token fetch fails, nothing goes to the agent (and never the API key)", async () => {
    cp.script(json(200, body("running")), json(500, { error: "boom" }));
    const sandbox = await Sandbox.connect("s1", { apiKey: API_KEY, baseURL: cp.url }).catch((e: unknown) => e);
    expect(sandbox).toBeInstanceOf(Error);
    cp.script(json(200, { object: "list", data: [body("running")], has_more: false }), json(401, { error: "no" }));
    const [listed] = await hopx().sandboxes.list();
    const error = await listed!
      .agent()
      .then((a) => a.resources.env.getAll())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(agent.received).toHaveLength(0);
  });

  it("await using kills the sandbox at the end of the block", async () => {
    cp.script(json(201, body("running", { auth_token: "t" })), json(200, { id: "s1", status: "deleted" }));
    {
      await using sandbox = await hopx().sandboxes.create({ template: "t" });
      expect(sandbox.sandboxId).toBe("s1");
    }
    expect(cp.received.map((r) => r.method)).toEqual(["POST", "DELETE"]);
  });

  it("onExpiringSoon fires once the sandbox enters its warning window", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      cp.script(
        json(201, body("running", { auth_token: "t", expires_at: new Date(Date.now() + 400_000).toISOString() })),
      );
      const warned = vi.fn();
      const sandbox = await hopx().sandboxes.create({
        template: "t",
        onExpiringSoon: warned,
        expiryWarningThreshold: 300,
      });
      expect(await sandbox.isExpiringSoon()).toBe(false);
      vi.advanceTimersByTime(99_000);
      expect(warned).not.toHaveBeenCalled();
      vi.advanceTimersByTime(2_000);
      expect(warned).toHaveBeenCalledTimes(1);
      expect(warned.mock.calls[0]![0].isExpiringSoon).toBe(true);
      sandbox.stopExpiryMonitor();
    } finally {
      vi.useRealTimers();
    }
  });

  it("two Hopx clients keep their own keys (multi-tenant)", async () => {
    const list = json(200, { object: "list", data: [], has_more: false });
    cp.script(list, list);
    await new Hopx({ apiKey: "tenant-a-key-000", baseURL: cp.url }).sandboxes.list();
    await new Hopx({ apiKey: "tenant-b-key-000", baseURL: cp.url }).sandboxes.list();
    expect(cp.received.map((r) => r.headers["x-api-key"])).toEqual(["tenant-a-key-000", "tenant-b-key-000"]);
  });
});

describe("reachability", () => {
  // The build upload is covered in template.test.ts.
  it("every control-plane operation is reachable through Sandbox / Hopx", async () => {
    const spec = (await import("../../generated/control-plane/openapi.json", { with: { type: "json" } })).default as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const expected = new Set<string>();
    for (const [path, item] of Object.entries(spec.paths))
      for (const [method, op] of Object.entries(item))
        if (op?.operationId) expected.add(`${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, "{}")}`);
    const hit = new Set<string>();
    const recording: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      hit.add(
        `${request.method} ${new URL(request.url).pathname
          .replace(/\/v1\/sandboxes\/[^/]+/, "/v1/sandboxes/{}")
          .replace(/\/v1\/templates\/(?!build|files)[^/]+$/, "/v1/templates/{}")
          .replace(/\/build\/[^/]+\//, "/build/{}/")}`,
      );
      return fetch(request);
    };
    const hopx = new Hopx({ ...mockOptions(), fetch: recording });
    await hopx.health();
    const sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
    await hopx.sandboxes.list();
    await hopx.sandboxes.connect(sandbox.sandboxId);
    await sandbox.getInfo();
    await sandbox.pause();
    await sandbox.resume();
    await sandbox.stop();
    await sandbox.start();
    await sandbox.setTimeout(60);
    await sandbox.forceKill();
    for await (const _ of sandbox.streamMetrics()) break;
    await sandbox.kill();
    await hopx.templates.list();
    await hopx.templates.get("code-interpreter");
    await hopx.templates.delete("73");
    await hopx.templates.getBuildStatus("489");
    await hopx.templates.getBuildLogs("489");
    const missing = [...expected].filter(
      (op) => !hit.has(op) && !op.startsWith("POST /v1/templates/build") && !op.startsWith("POST /v1/templates/files"),
    );
    expect(missing).toEqual([]);
  });
});
