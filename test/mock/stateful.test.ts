// The stateful mock as a downstream suite uses it through the SDK: state, lifecycle, expiry and tokens on the
// mock clock, scripted answers and faults, recorded requests, validation both ways, and streams closed on kill.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Hopx, Sandbox, type Hopx as HopxClient } from "hopx-client";
import { startMock, type HopxMock } from "hopx-client/mock";

let mock: HopxMock;
let hopx: HopxClient;

beforeAll(async () => {
  mock = await startMock();
  hopx = new Hopx({ ...mock.clientOptions, maxRetries: 2 });
});
afterAll(() => mock.stop());
afterEach(() => mock.reset());

const create = (timeoutSeconds?: number) =>
  Sandbox.create({
    template: "code-interpreter",
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...mock.clientOptions,
  });

describe("stateful sandboxes", () => {
  it("lists what was created, pages with a cursor, and answers 404 in the spec's envelope after a kill", async () => {
    const made = await Promise.all([create(), create(), create()]);
    const ids: string[] = [];
    for await (const page of hopx.sandboxes.pages({ limit: 2 })) ids.push(...page.sandboxes.map((s) => s.sandboxId));
    expect(ids.sort()).toEqual(made.map((s) => s.sandboxId).sort());
    expect(mock.requests.filter((r) => r.operationId === "listSandboxes")).toHaveLength(2);

    await made[0]!.kill();
    const error = await made[0]!.getInfo().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SandboxExpiredError", status: 404 });
    const raw = await fetch(`${mock.controlPlaneUrl}/v1/sandboxes/${made[0]!.sandboxId}`, {
      headers: { "X-API-Key": mock.apiKey },
    });
    expect(raw.status).toBe(404);
    expect(await raw.json()).toMatchObject({ code: "RESOURCE_NOT_FOUND", error: expect.stringContaining("not found") });
  });

  it("pauses, resumes, stops and starts with the real status transitions", async () => {
    const sandbox = await create();
    await sandbox.pause();
    expect((await sandbox.getInfo()).status).toBe("paused");
    await expect(
      new Hopx({ ...mock.clientOptions, maxRetries: 0 }).controlPlane.sandboxes.get(sandbox.sandboxId),
    ).resolves.toMatchObject({
      status: "paused",
    });
    await sandbox.resume();
    expect((await sandbox.getInfo()).status).toBe("running");
    await hopx.controlPlane.sandboxes.stop(sandbox.sandboxId);
    expect((await sandbox.getInfo()).status).toBe("stopped");
    await hopx.controlPlane.sandboxes.start(sandbox.sandboxId);
    expect((await sandbox.getInfo()).status).toBe("running");
  });

  it("turns creating into running after the configured delay on the mock clock", async () => {
    const slow = await startMock({ createDelayMs: 5_000 });
    try {
      const client = new Hopx(slow.clientOptions);
      const created = await client.controlPlane.sandboxes.create({ templateName: "code-interpreter" });
      expect(created.status).toBe("creating");
      slow.clock.advance(5_000);
      expect((await client.controlPlane.sandboxes.get(created.id)).status).toBe("running");
    } finally {
      await slow.stop();
    }
  });

  it("expires a sandbox at timeout_seconds on the mock clock", async () => {
    const sandbox = await create(60);
    mock.clock.advance(59_000);
    expect((await sandbox.getInfo()).status).toBe("running");
    mock.clock.advance(1_000);
    await expect(sandbox.getInfo()).rejects.toMatchObject({ status: 404 });
    expect(mock.sandboxes()).toEqual([]);
  });

  it("expires agent tokens on the clock; the SDK refreshes once on the 401 and the call succeeds", async () => {
    const sandbox = await create();
    await sandbox.files.write("/workspace/a.txt", "1");
    mock.clock.advance(3_600_000);
    await expect(sandbox.files.read("/workspace/a.txt")).resolves.toBe("1");
    const ops = mock.requests.map((r) => `${r.operationId}:${r.status}`);
    expect(ops.slice(-3)).toEqual(["readFile:401", "refreshSandboxToken:200", "readFile:200"]);
  });

  it("answers an agent only with that sandbox's token, at the public_host the control plane returned", async () => {
    const [a, b] = await Promise.all([create(), create()]);
    const hostA = await a.getAgentUrl();
    expect(hostA).toBe(`${mock.agentUrl}/sandboxes/${a.sandboxId}`);
    const tokenB = await b.getToken();
    const wrong = await fetch(`${hostA}/files/list?path=/workspace`, {
      headers: { Authorization: `Bearer ${tokenB}` },
    });
    expect(wrong.status).toBe(401);
    const none = await fetch(`${hostA}/files/list?path=/workspace`);
    expect(none.status).toBe(401);
  });
});

describe("agent state", () => {
  it("round-trips files (write, read, upload, download, list, exists, remove) and 404s an unknown path", async () => {
    const sandbox = await create();
    await sandbox.files.write("/workspace/note.txt", "a note");
    expect(await sandbox.files.read("/workspace/note.txt")).toBe("a note");
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    await sandbox.files.upload(new Blob([big]), "/workspace/big.bin");
    const back = await sandbox.files.downloadBytes("/workspace/big.bin");
    // Compared as one buffer: element-wise deep equality of 3 MiB takes the test's whole budget.
    expect(Buffer.from(back).equals(Buffer.from(big))).toBe(true);
    const names = (await sandbox.files.list("/workspace")).map((f) => f.name).sort();
    expect(names).toEqual(["big.bin", "note.txt"]);
    await sandbox.files.remove("/workspace/note.txt");
    expect(await sandbox.files.exists("/workspace/note.txt")).toBe(false);
    await expect(sandbox.files.read("/workspace/missing.txt")).rejects.toMatchObject({ name: "FileNotFoundError" });
  });

  it("computes plausible output: echo prints its argument, cat reads a written file, print of literals", async () => {
    const sandbox = await create();
    expect((await sandbox.commands.run("echo hello world")).stdout).toBe("hello world\n");
    await sandbox.files.write("/workspace/x.txt", "from file");
    expect((await sandbox.commands.run("cat /workspace/x.txt")).stdout).toBe("from file");
    expect((await sandbox.runCode("print('a', 1 + 2)")).stdout).toBe("a 3\n");
  });

  it("keeps env vars and background processes per sandbox", async () => {
    const [a, b] = await Promise.all([create(), create()]);
    await a.env.set("GREETING", "hello");
    expect(await a.env.get("GREETING")).toBe("hello");
    expect(await b.env.get("GREETING")).toBeUndefined();
    const job = await a.commands.runBackground("echo bg");
    const done = await job.wait({ pollIntervalMs: 10 });
    expect(done).toMatchObject({ status: "completed" });
    expect((await b.listProcesses()).length).toBe(0);
  });

  it("sends files/watch events for changes made through the API; killing the sandbox closes the stream", async () => {
    const sandbox = await create();
    const watch = sandbox.files.watch("/workspace");
    const events: string[] = [];
    const reading = (async () => {
      for await (const change of watch) events.push(`${change.event} ${change.path}`);
    })();
    // The watch is registered once its first frame reached the mock.
    await expect.poll(() => mock.sandboxes()[0]?.openStreams).toBe(1);
    await sandbox.files.write("/workspace/w.txt", "1");
    await sandbox.files.write("/workspace/w.txt", "2");
    await expect.poll(() => events.length).toBe(2);
    expect(events).toEqual(["created /workspace/w.txt", "modified /workspace/w.txt"]);
    await hopx.controlPlane.sandboxes.delete(sandbox.sandboxId);
    await reading.catch(() => undefined);
    expect(watch.closed).toBeTruthy();
  });
});

describe("scripted answers and faults", () => {
  it("answers a scripted stdout, once, then the stateful default again", async () => {
    const sandbox = await create();
    const scripted = mock.once("executeCode", () => ({ stdout: "42\n", exitCode: 0 }));
    expect((await sandbox.runCode("anything")).stdout).toBe("42\n");
    expect((await sandbox.runCode("print('real')")).stdout).toBe("real\n");
    expect(scripted.calls).toBe(1);
  });

  it("times(n) limits a handler, and the handler sees the typed camelCase request", async () => {
    const sandbox = await create();
    const seen: string[] = [];
    mock
      .on("runCommand", (req) => {
        seen.push(req.body.command);
        return { stdout: "scripted\n" };
      })
      .times(2);
    for (let i = 0; i < 3; i++) await sandbox.commands.run(`echo ${i}`);
    expect(seen).toHaveLength(2);
    const outputs = mock.requests.filter((r) => r.operationId === "runCommand").length;
    expect(outputs).toBe(3);
  });

  it("a scripted 429 with Retry-After is retried by the SDK and the create succeeds", async () => {
    mock.fail("createSandbox", { status: 429, retryAfter: 1, times: 2 });
    const sandbox = await create();
    expect(sandbox.sandboxId).toBeTruthy();
    const statuses = mock.requests.filter((r) => r.operationId === "createSandbox").map((r) => r.status);
    expect(statuses).toEqual([429, 429, 201]);
  });

  it("a reset after a create is not resent (NetworkError), and the sandbox exists on the server", async () => {
    mock.fail("createSandbox", { network: "reset", times: 1 });
    await expect(create()).rejects.toMatchObject({ name: "NetworkError" });
    expect(mock.requests.filter((r) => r.operationId === "createSandbox")).toHaveLength(1);
    expect(mock.sandboxes()).toHaveLength(1);
  });

  it("a truncated body is a typed error, a stall hits the caller's deadline", async () => {
    const sandbox = await create();
    mock.fail("getSandbox", { network: "truncate", times: 1 });
    await expect(
      new Hopx({ ...mock.clientOptions, maxRetries: 0 }).controlPlane.sandboxes.get(sandbox.sandboxId),
    ).rejects.toMatchObject({
      name: expect.stringMatching(/Error$/),
    });
    mock.fail("getSandbox", { network: "stall", times: 1 });
    await expect(
      new Hopx({ ...mock.clientOptions, maxRetries: 0 }).controlPlane.sandboxes.get(sandbox.sandboxId, {
        timeoutMs: 300,
      }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("an off-spec scripted answer fails the call with a message naming the field, listed in problems", async () => {
    const sandbox = await create();
    mock.once("executeCode", () => ({ exitCode: "zero" as unknown as number }));
    const error = (await sandbox.runCode("1").catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("response.exit_code must be an integer");
    expect(mock.problems).toEqual([expect.stringContaining("executeCode is off-spec: response.exit_code")]);
    mock.once("getSandbox", (_req, ctx) => ctx.reply(418, { error: "teapot" }));
    await expect(sandbox.getInfo()).rejects.toThrow(/status 418 is not a documented response of getSandbox/);
  });

  it("ctx.next() gives the stateful answer to adjust, ctx.reply() an exact documented error", async () => {
    mock.on("createSandbox", async (_req, ctx) => {
      const real = await ctx.next();
      return ctx.reply(real.status, { ...(real.body as object), region: "mars-1" });
    });
    const created = await hopx.controlPlane.sandboxes.create({ templateName: "code-interpreter" });
    expect(created.region).toBe("mars-1");
    const sandbox = await hopx.sandboxes.connect(created.id);
    mock.once("readFile", (_req, ctx) => ctx.reply(403, { error: "denied", code: "PERMISSION_DENIED" }));
    await expect(sandbox.files.read("/workspace/a")).rejects.toMatchObject({ name: "FileOperationError", status: 403 });
  });

  it("scripts WebSocket streams with typed frames", async () => {
    const sandbox = await create();
    mock.stream("streamExecution", (frame) => [
      { type: "stdout", data: `ran ${frame.code}\n` },
      { type: "complete", success: true },
    ]);
    const kinds: string[] = [];
    for await (const message of sandbox.runCodeStream("x")) {
      kinds.push(message.type === "stdout" ? `stdout:${message.data}` : message.type);
      if (message.type === "complete") break;
    }
    expect(kinds).toEqual(["stdout:ran x\n", "complete"]);
  });
});

describe("recorded and validated", () => {
  it("records operationId, params, body and the credential kind, never the credential", async () => {
    const sandbox = await create();
    await sandbox.runCode("print(1)");
    const run = mock.requests.find((r) => r.operationId === "executeCode")!;
    expect(run).toMatchObject({
      plane: "agent",
      sandboxId: sandbox.sandboxId,
      credential: "sandboxToken",
      status: 200,
    });
    expect(run.body).toMatchObject({ code: "print(1)" });
    const everything = JSON.stringify(mock.requests);
    expect(everything).not.toContain(mock.apiKey);
    expect(everything).not.toContain(await sandbox.getToken());
  });

  it("answers an off-spec request with the spec's 400 envelope naming the field, before state changes", async () => {
    const response = await fetch(`${mock.controlPlaneUrl}/v1/sandboxes`, {
      method: "POST",
      headers: { "X-API-Key": mock.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ template_name: "code-interpreter", timeout_seconds: "soon" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "INVALID_REQUEST",
      error: expect.stringContaining("body.timeout_seconds must be an integer"),
    });
    expect(mock.sandboxes()).toEqual([]);
  });

  it("answers CORS preflights and exposes Retry-After to browser pages", async () => {
    const preflight = await fetch(`${mock.controlPlaneUrl}/v1/sandboxes`, {
      method: "OPTIONS",
      headers: { Origin: "http://127.0.0.1:5173", "Access-Control-Request-Headers": "x-api-key, content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("x-api-key, content-type");
    const listed = await fetch(`${mock.controlPlaneUrl}/v1/sandboxes`, {
      headers: { Origin: "http://127.0.0.1:5173", "X-API-Key": mock.apiKey },
    });
    expect(listed.headers.get("access-control-expose-headers")).toContain("Retry-After");
  });
});
