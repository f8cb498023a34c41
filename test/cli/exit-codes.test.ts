// Exit statuses by SDK error class (those of the official HopX CLI), one error line on stderr with class,
// code, request id and status, the stack only under --debug.
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ControlPlane, reply, runCli, startControlPlane } from "../support/cli.js";

const KEY = "hopx_test_cli.exitkey";
let cp: ControlPlane;
const env = (): Record<string, string> => ({ HOPX_BASE_URL: cp.url, HOPX_API_KEY: KEY });
const error = (code: string, message = "nope") => ({ error: message, code, request_id: "req_cli_1" });

beforeAll(async () => {
  cp = await startControlPlane();
});
afterAll(async () => {
  await cp.close();
});
beforeEach(() => {
  cp.routes.clear();
  cp.seen.length = 0;
});

describe("exit codes", () => {
  it("0 on success", async () => {
    cp.routes.set("GET /v1/sandboxes", reply(200, { object: "list", data: [], has_more: false }));
    const r = await runCli(["sandbox", "list", "-o", "json"], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it("3 when the key is refused, with one line naming class, code, request id and status", async () => {
    cp.routes.set("GET /v1/sandboxes", reply(401, error("AUTHENTICATION_REQUIRED", "bad key")));
    const r = await runCli(["sandbox", "list"], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "hopx: AuthenticationError (AUTHENTICATION_REQUIRED, request req_cli_1, HTTP 401): listSandboxes: bad key\n",
    );
  });

  it("3 without any key, in one clear line, before any request", async () => {
    const r = await runCli(["sandbox", "list"], { env: { HOPX_BASE_URL: cp.url } });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      "hopx: no API key: pass --api-key, set HOPX_API_KEY, or store one with `hopx auth login --api-key KEY`\n",
    );
    expect(cp.seen).toEqual([]);
  });

  it("4 for a missing sandbox and a missing template", async () => {
    cp.routes.set("GET /v1/sandboxes/gone", reply(404, error("RESOURCE_NOT_FOUND")));
    cp.routes.set("GET /v1/templates/gone", reply(404, error("TEMPLATE_NOT_FOUND")));
    const sandbox = await runCli(["sandbox", "get", "gone"], { env: env() });
    expect(sandbox.code).toBe(4);
    // A sandbox that is not there is reported as gone (SandboxExpiredError, a NotFoundError).
    expect(sandbox.stderr).toMatch(/^hopx: SandboxExpiredError \(RESOURCE_NOT_FOUND, request req_cli_1, HTTP 404\): /);
    const template = await runCli(["template", "get", "gone"], { env: env() });
    expect(template.code).toBe(4);
    expect(template.stderr).toMatch(/^hopx: TemplateNotFoundError /);
    const kill = await runCli(["sandbox", "kill", "gone"], { env: env() });
    expect(kill.code).toBe(4);
  });

  it("5 when a call outlives --request-timeout", async () => {
    cp.routes.set("GET /v1/sandboxes", () => undefined);
    const r = await runCli(["sandbox", "list", "--request-timeout", "1"], { env: env() });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^hopx: TimeoutError \(TIMEOUT\): /);
  });

  it("7 when rate limited past the call's deadline", async () => {
    cp.routes.set("GET /v1/sandboxes", reply(429, error("RATE_LIMIT_EXCEEDED"), { "retry-after": "3600" }));
    const r = await runCli(["sandbox", "list"], { env: env() });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/^hopx: RateLimitError \(RATE_LIMIT_EXCEEDED/);
  });

  it("2 for a request the server rejects as invalid, 1 for a server error", async () => {
    cp.routes.set("PUT /v1/sandboxes/s1/timeout", reply(400, error("INVALID_REQUEST", "timeout too long")));
    cp.routes.set("GET /v1/sandboxes/s1", reply(200, { id: "s1", status: "running" }));
    cp.routes.set("GET /v1/templates", reply(500, error("INTERNAL_ERROR", "boom")));
    const invalid = await runCli(["sandbox", "set-timeout", "s1", "99999999"], { env: env() });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^hopx: ValidationError \(INVALID_REQUEST/);
    const broken = await runCli(["template", "list"], { env: env() });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^hopx: ServerError \(INTERNAL_ERROR, request req_cli_1, HTTP 500\): listTemplates: boom\n$/,
    );
  });

  it("6 when the control plane cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await runCli(["sandbox", "list", "--base-url", `http://127.0.0.1:${port}`], { env: env() });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^hopx: NetworkError /);
  });

  it("prints the stack only under --debug", async () => {
    cp.routes.set("GET /v1/sandboxes/gone", reply(404, error("RESOURCE_NOT_FOUND")));
    const plain = await runCli(["sandbox", "get", "gone"], { env: env() });
    expect(plain.stderr.trim().split("\n")).toHaveLength(1);
    const debug = await runCli(["sandbox", "get", "gone", "--debug"], { env: env() });
    expect(debug.code).toBe(4);
    expect(debug.stderr).toContain("[hopx] debug → GET /v1/sandboxes/{sandboxId}");
    expect(debug.stderr).toMatch(/\n {4}at /);
  });
});
