// Generated agent resources called through openapi-fetch against the mock: Prism validates each request
// against the spec, so a wrong method, path, body or casing fails here.
import { describe, expect, inject, it } from "vitest";
import { createAgent } from "hopx-client/raw";
import { NotFoundError, AuthenticationError, DesktopNotAvailableError, RateLimitError } from "hopx-client";

const agent = () => createAgent({ baseURL: inject("agentUrl"), token: "eyJhbGciOiJIUzI1NiJ9.test.sig" });

describe("agent wrappers against the mock", () => {
  it("runs code and returns camelCase results", async () => {
    const result = await agent().code.run({
      code: "print('hi')",
      language: "python",
      timeout: 30,
      env: { MY_VAR: "1" },
      workdir: "/workspace",
    });
    expect(result.success).toBe(true);
    expect(typeof result.exitCode).toBe("number");
    expect(typeof result.executionTime).toBe("number");
    expect(result).not.toHaveProperty("exit_code");
  });

  it("runs a command with the SDK's bash -c form", async () => {
    const result = await agent().commands.run({ command: "bash", args: ["-c", "ls -la | wc -l"], timeout: 30 });
    expect(result.exitCode).toBe(0);
    expect(typeof result.stdout).toBe("string");
  });

  it("writes, reads and lists files", async () => {
    const a = agent();
    const written = await a.files.write({ path: "/workspace/hello.txt", content: "hello", mode: "0644" });
    expect(written.path).toMatch(/^\/workspace\//);
    const read = await a.files.read({ path: "/workspace/hello.txt" });
    expect(typeof read.content).toBe("string");
    const listing = await a.files.list({ path: "/workspace" });
    expect(Array.isArray(listing.files)).toBe(true);
    expect(listing.files[0]).toHaveProperty("name");
  });

  it("downloads bytes as a Web ReadableStream", async () => {
    const stream = await agent().files.download({ path: "/workspace/hello.txt" });
    expect(stream).toBeInstanceOf(ReadableStream);
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it("uploads a Blob as multipart form data", async () => {
    const result = await agent().files.upload({
      file: new Blob([new Uint8Array([1, 2, 3])]),
      path: "/workspace/bin.dat",
    });
    expect(result.path).toBeDefined();
  });

  it("keeps env var names exactly as they are on the wire", async () => {
    const env = await agent().env.getAll();
    const names = Object.keys(env.envVars ?? {});
    expect(names.length).toBeGreaterThan(0);
    expect(names.some((n) => n.includes("_"))).toBe(true);
    await agent().env.update({ envVars: { SOME_NEW_KEY: "v" }, merge: true });
  });

  it("returns Prometheus metrics as text", async () => {
    expect(await agent().metrics.prometheus()).toMatch(/^# (HELP|TYPE) /m);
  });

  it("sends desktop actions with their bodies", async () => {
    const a = agent();
    await a.desktop.mouse.click({ x: 100, y: 200, button: "left", clicks: 1 });
    await a.desktop.keyboard.type({ text: "hello" });
    const png = await a.desktop.screen.take();
    expect(png).toBeInstanceOf(ReadableStream);
  });

  it("describes WebSocket endpoints as ws:// targets on the agent host", () => {
    const target = agent().terminal.connect();
    expect(target.url).toBe(`${inject("agentUrl").replace("http:", "ws:")}/terminal`);
    expect(target.operation.stream).toBe("websocket");
  });

  it("maps documented agent errors to typed classes", async () => {
    const a = agent();
    await expect(a.files.read({ path: "/workspace/none" }, { headers: { Prefer: "code=404" } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(a.desktop.mouse.click({ x: 1, y: 1 }, { headers: { Prefer: "code=503" } })).rejects.toBeInstanceOf(
      DesktopNotAvailableError,
    );
    // The mock's 429 says Retry-After: 30; with retries off the error comes back at once, carrying it.
    const noRetry = createAgent({ baseURL: inject("agentUrl"), token: "eyJhbGciOiJIUzI1NiJ9.test.sig", maxRetries: 0 });
    const limited = await noRetry.env.getAll({ headers: { Prefer: "code=429" } }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfter).toBe(30);
  });

  it("fails with AuthenticationError when no token is sent", async () => {
    const noToken = createAgent({ baseURL: inject("agentUrl") });
    await expect(noToken.files.read({ path: "/workspace/a" })).rejects.toBeInstanceOf(AuthenticationError);
  });
});
