// Code execution against the Prism mock (each request validated against the spec) and against a scripted
// loopback server for the rich-output normalisation and the non-zero-exit path.
import { describe, expect, inject, it } from "vitest";
import { CodeExecutionError, ValidationError } from "hopx-client";
import { LANGUAGES } from "hopx-client";
import { Code } from "hopx-client/raw";
import { agentContext } from "hopx-client/raw";
import { json, useFaultServer } from "../../support/fault-server.js";

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.test.sig";

function counted(
  baseURL: string,
  preflight?: () => Promise<unknown>,
): { code: Code; calls: string[]; bodies: unknown[] } {
  const calls: string[] = [];
  const bodies: unknown[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push(`${request.method} ${new URL(request.url).pathname}`);
    const text = await request.clone().text();
    bodies.push(text ? JSON.parse(text) : undefined);
    return globalThis.fetch(request);
  };
  return { code: new Code(agentContext({ baseURL, token: TOKEN, fetch, maxRetries: 0 }), preflight), calls, bodies };
}

describe("Code against the mock", () => {
  it("runs code and returns the official result shape", async () => {
    const { code, calls, bodies } = counted(inject("agentUrl"));
    const result = await code.runCode("print('hi')", {
      language: "python",
      timeout: 30,
      env: { MY_VAR: "1" },
      workingDir: "/workspace",
    });
    expect(typeof result.success).toBe("boolean");
    expect(typeof result.stdout).toBe("string");
    expect(result.exit_code).toBe(result.exitCode);
    expect(result.execution_time).toBe(result.executionTime);
    expect(Array.isArray(result.richOutputs)).toBe(true);
    expect(result.richCount).toBe(result.richOutputs.length);
    expect(result.failed).toBe(!result.success);
    expect(calls).toEqual(["POST /execute"]);
    expect(bodies[0]).toEqual({
      code: "print('hi')",
      language: "python",
      timeout: 30,
      env: { MY_VAR: "1" },
      workdir: "/workspace",
    });
  });

  it("sends the defaults the official SDK sends", async () => {
    const { code, bodies } = counted(inject("agentUrl"));
    await code.runCode("1+1");
    expect(bodies[0]).toEqual({ code: "1+1", language: "python", timeout: 120 });
  });

  it("runs async, background and IPython executions", async () => {
    const { code, calls, bodies } = counted(inject("agentUrl"));
    const queued = await code.runCodeAsync("import time; time.sleep(1)", {
      callbackUrl: "https://example.com/hook",
      callbackHeaders: { "X-Trace": "1" },
      callbackSignatureSecret: "s3cret",
    });
    expect(queued.execution_id).toBe(queued.executionId);
    const bg = await code.runCodeBackground("while True: pass", { name: "spin", language: "python" });
    expect(bg.process_id).toBe(bg.processId);
    const ipy = await code.runIpython("x = 1\nx");
    expect(typeof ipy.exitCode).toBe("number");
    expect(calls).toEqual(["POST /execute/async", "POST /execute/background", "POST /execute/ipython"]);
    expect(bodies[0]).toMatchObject({
      callback_url: "https://example.com/hook",
      callback_headers: { "X-Trace": "1" },
      callback_signature_secret: "s3cret",
      timeout: 1800,
    });
    expect(bodies[1]).toMatchObject({ name: "spin", timeout: 300 });
    expect(bodies[2]).toEqual({ code: "x = 1\nx", timeout: 60 });
  });

  it("runs the preflight check first when asked", async () => {
    const order: string[] = [];
    const { code, calls } = counted(inject("agentUrl"), async () => {
      order.push("preflight");
    });
    await code.runCode("print(1)", { preflight: true });
    expect(order).toEqual(["preflight"]);
    expect(calls).toEqual(["POST /execute"]);
    const polling = counted(inject("agentUrl"));
    await polling.code.runCode("print(1)", { preflight: true });
    expect(polling.calls).toEqual(["GET /health", "POST /execute"]);
  });

  it("throws CodeExecutionError when the agent fails to execute", async () => {
    const { code } = counted(inject("agentUrl"));
    await expect(
      code.runCode("while True: pass", { timeout: 1 }, { headers: { Prefer: "code=408" } }),
    ).rejects.toBeInstanceOf(CodeExecutionError);
    const failed = await code.runCode("x", {}, { headers: { Prefer: "code=500" } }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CodeExecutionError);
    expect((failed as CodeExecutionError).status).toBe(500);
    await expect(code.runIpython("x", {}, { headers: { Prefer: "code=500" } })).rejects.toBeInstanceOf(
      CodeExecutionError,
    );
  });

  it("validates arguments before sending anything", async () => {
    const { code, calls } = counted(inject("agentUrl"));
    await expect(code.runCode("")).rejects.toBeInstanceOf(ValidationError);
    await expect(code.runCode("x", { language: "cobol" as never })).rejects.toBeInstanceOf(ValidationError);
    await expect(code.runCode("x", { timeout: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(code.runCode("x", { timeout: 1.5 })).rejects.toBeInstanceOf(ValidationError);
    await expect(code.runCode("x", { env: { A: 1 as unknown as string } })).rejects.toBeInstanceOf(ValidationError);
    await expect(code.runCode("x", { workingDir: "" })).rejects.toBeInstanceOf(ValidationError);
    await expect(code.runCodeAsync("x", { callbackUrl: "not a url" })).rejects.toBeInstanceOf(ValidationError);
    await expect(code.runCodeAsync("x", { callbackUrl: "ftp://example.com/" })).rejects.toBeInstanceOf(ValidationError);
    await expect(code.runCodeBackground("x", { timeout: -5 })).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toEqual([]);
  });

  it("accepts every language the spec lists", async () => {
    const { code } = counted(inject("agentUrl"));
    for (const language of LANGUAGES) await code.runCode("1", { language });
  });
});

describe("Code results from a scripted agent", () => {
  const server = useFaultServer();

  it("returns a non-zero exit as a result", async () => {
    server.script(
      json(200, {
        success: false,
        stdout: "",
        stderr: "Traceback…\nZeroDivisionError",
        exit_code: 1,
        execution_time: 0.01,
      }),
    );
    const result = await new Code(agentContext({ baseURL: server.url, token: TOKEN })).runCode("1/0");
    expect(result.success).toBe(false);
    expect(result.failed).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(result.exit_code).toBe(1);
  });

  it("normalises every rich output and keeps the wire fields", async () => {
    const figure = { data: [{ type: "bar" }], layout: {} };
    const frame = { columns: ["a"], data: [[1]] };
    server.script(
      json(200, {
        success: true,
        stdout: "",
        stderr: "",
        exit_code: 0,
        execution_time: 0.2,
        timestamp: "2025-01-28T00:00:00Z",
        png: "iVBORw0KGgo=",
        svg: "<svg/>",
        html: "<table></table>",
        markdown: "# t",
        json: figure,
        dataframe: frame,
        result: "42",
        rich_outputs: [
          { type: "image", path: "/workspace/plot.png", metadata: { source: "matplotlib", filename: "plot.png" } },
        ],
      }),
    );
    const result = await new Code(agentContext({ baseURL: server.url, token: TOKEN })).runCode("plot()");
    expect(result.richOutputs.map((o) => o.type)).toEqual([
      "image",
      "image/png",
      "image/svg+xml",
      "text/html",
      "text/markdown",
      "application/json",
      "application/vnd.dataframe+json",
      "text/plain",
    ]);
    expect(result.richOutputs[0]).toEqual({
      type: "image",
      data: {},
      path: "/workspace/plot.png",
      metadata: { source: "matplotlib", filename: "plot.png" },
    });
    expect(result.richOutputs[1]?.data).toEqual({ "image/png": "iVBORw0KGgo=" });
    expect(result.richOutputs[5]?.data).toEqual({ "application/json": figure });
    expect(result.richOutputs[6]?.data).toEqual({ "application/vnd.dataframe+json": frame });
    expect(result.png).toBe("iVBORw0KGgo=");
    expect(result.json).toEqual(figure);
    expect(result.jsonOutput).toEqual(figure);
    expect(result.dataframe).toEqual(frame);
    expect(result.result).toBe("42");
  });
});
