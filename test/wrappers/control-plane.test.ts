// Generated control-plane resources through openapi-fetch against the mock (Prism validates each request).
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { createControlPlane } from "hopx-client/raw";
import {
  AuthenticationError,
  NotFoundError,
  ResourceLimitError,
  TemplateNotFoundError,
  ValidationError,
} from "hopx-client";
import { VERSION } from "hopx-client";

const API_KEY = "hopx_live_wrapperstest.secret-value";
const cp = () => createControlPlane({ baseURL: inject("controlPlaneUrl"), apiKey: API_KEY, maxRetries: 0 });

describe("control-plane wrappers against the mock", () => {
  it("creates a sandbox whose agent URL points at the agent mock", async () => {
    const sandbox = await cp().sandboxes.create({
      templateName: "code-interpreter",
      timeoutSeconds: 600,
      envVars: { MY_KEY: "v" },
    });
    expect(sandbox.id).toMatch(/\w+/);
    expect(sandbox.publicHost).toBe(inject("agentUrl"));
    expect(typeof sandbox.authToken).toBe("string");
    expect(sandbox.resources?.memoryMb).toBeGreaterThan(0);
  });

  it("lists sandboxes with the cursor fields in camelCase", async () => {
    const page = await cp().sandboxes.list({ limit: 10, status: "running" });
    expect(Array.isArray(page.data)).toBe(true);
    expect(page).toHaveProperty("hasMore");
    expect(page).not.toHaveProperty("has_more");
  });

  it("runs the lifecycle calls by id", async () => {
    const sandboxes = cp().sandboxes;
    expect((await sandboxes.get("1761048129dsaqav4n")).id).toBeDefined();
    expect((await sandboxes.pause("1761048129dsaqav4n")).status).toBe("paused");
    expect((await sandboxes.resume("1761048129dsaqav4n")).status).toBe("running");
    const timeout = await sandboxes.setTimeout("1761048129dsaqav4n", { timeoutSeconds: 3600 });
    expect(timeout.timeoutSeconds).toBeGreaterThan(0);
    expect((await sandboxes.refreshToken("1761048129dsaqav4n")).authToken).toBeDefined();
    expect((await sandboxes.delete("1761048129dsaqav4n")).status).toBe("deleted");
  });

  it("reads templates and build status, and build logs as JSON or as an SSE stream", async () => {
    const templates = cp().templates;
    const list = await templates.list({ category: "python" });
    expect(Array.isArray(list.data)).toBe(true);
    expect((await templates.get("code-interpreter")).name).toBeDefined();
    const status = await templates.getBuildStatus("489");
    expect(status.status).toBeDefined();
    const page = await templates.getBuildLogs("489", { offset: 0 });
    expect(typeof page.logs).toBe("string");
    const sse = await new Response(await templates.streamBuildLogs("489")).text();
    expect(sse).toMatch(/^event: log$/m);
  });

  it("streams sandbox metrics as SSE frames", async () => {
    const text = await new Response(await cp().sandboxes.streamMetrics("1761048129dsaqav4n")).text();
    expect(text).toMatch(/^data: \{/m);
  });

  it("maps documented errors to typed classes", async () => {
    await expect(cp().sandboxes.get("1761048129dsaqav4n", { headers: { Prefer: "code=404" } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(cp().templates.get("nope", { headers: { Prefer: "code=404" } })).rejects.toBeInstanceOf(
      TemplateNotFoundError,
    );
    await expect(
      cp().sandboxes.create({ templateName: "x" }, { headers: { Prefer: "code=402" } }),
    ).rejects.toBeInstanceOf(ResourceLimitError);
    const noKey = createControlPlane({ baseURL: inject("controlPlaneUrl"), apiKey: "" });
    await expect(noKey.sandboxes.list()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("rejects a request that breaks the spec before or at the mock", async () => {
    // timeoutSeconds must be an integer ≥ 1 in the spec: Prism answers 422/400, the SDK throws ValidationError.
    await expect(cp().sandboxes.setTimeout("1761048129dsaqav4n", { timeoutSeconds: -5 })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("sends its User-Agent version, kept equal to package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
