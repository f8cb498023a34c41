// OpenTelemetry: with a tracer provider registered through @opentelemetry/api, each operation is one span
// `hopx.<operationId>` (HTTP semantic-convention attributes, the sandbox id, retries and token renewals as
// events, the error class on failure); streams' spans end with the stream; traceparent goes out only when the
// client opts in. Without a registered provider, no span at all.
import { context, trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Hopx } from "hopx-client";
import { startMock, type HopxMock } from "hopx-client/mock";

const exporter = new InMemorySpanExporter();
let mock: HopxMock;

beforeAll(async () => {
  mock = await startMock();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});
afterAll(async () => {
  trace.disable();
  context.disable();
  await mock.stop();
});
afterEach(() => {
  exporter.reset();
  mock.reset();
});

const spans = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === name);
const only = (name: string) => {
  const found = spans(name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

describe("spans of operations", () => {
  it("names each call hopx.<operationId> with HTTP attributes and the sandbox id, on both planes", async () => {
    const hopx = new Hopx(mock.clientOptions);
    const sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
    await sandbox.getInfo();
    await sandbox.runCode("print(1)");

    const create = only("hopx.createSandbox");
    expect(create.kind).toBe(2); // CLIENT
    expect(create.attributes).toMatchObject({
      "http.request.method": "POST",
      "url.template": "/v1/sandboxes",
      "server.address": "127.0.0.1",
      "server.port": Number(new URL(mock.controlPlaneUrl).port),
    });
    expect(create.attributes["http.response.status_code"]).toBeGreaterThanOrEqual(200);
    expect(only("hopx.getSandbox").attributes).toMatchObject({
      "hopx.sandbox.id": sandbox.sandboxId,
      "url.full": `${mock.controlPlaneUrl}/v1/sandboxes/${sandbox.sandboxId}`,
      "http.response.status_code": 200,
    });
    expect(only("hopx.executeCode").attributes).toMatchObject({
      "hopx.sandbox.id": sandbox.sandboxId,
      "hopx.plane": "agent",
      "http.request.method": "POST",
    });
    expect(exporter.getFinishedSpans().every((s) => s.status.code !== 2)).toBe(true);
  });

  it("records retries as events and ends a failed call with the error class", async () => {
    const hopx = new Hopx(mock.clientOptions);
    const sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
    mock.fail("getSandbox", { status: 429, times: 1 });
    await sandbox.getInfo();
    const retried = only("hopx.getSandbox");
    expect(retried.events.map((e) => e.name)).toEqual(["hopx.retry"]);
    expect(retried.events[0]!.attributes).toMatchObject({ "http.response.status_code": 429 });
    expect(retried.attributes).toMatchObject({ "http.request.resend_count": 1, "http.response.status_code": 200 });

    exporter.reset();
    await sandbox.kill();
    await expect(sandbox.getInfo()).rejects.toMatchObject({ name: "SandboxExpiredError" });
    const failed = only("hopx.getSandbox");
    expect(failed.status.code).toBe(2); // ERROR
    expect(failed.attributes).toMatchObject({ "error.type": "SandboxExpiredError", "http.response.status_code": 404 });
  });

  it("records a token renewal after the agent's 401 as an event", async () => {
    const hopx = new Hopx(mock.clientOptions);
    const sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
    mock.fail("executeCode", { status: 401, times: 1 });
    await sandbox.runCode("print(1)");
    expect(only("hopx.executeCode").events.map((e) => e.name)).toContain("hopx.token_renewal");
  });

  it("ends the span of an SSE stream or a WebSocket when the stream ends, not when it opens", async () => {
    const hopx = new Hopx(mock.clientOptions);
    const sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
    for await (const _event of sandbox.streamMetrics()) {
      expect(spans("hopx.streamSandboxMetrics")).toEqual([]);
      break;
    }
    await expect.poll(() => spans("hopx.streamSandboxMetrics").length).toBe(1);
    expect(only("hopx.streamSandboxMetrics").attributes).toMatchObject({ "hopx.sandbox.id": sandbox.sandboxId });

    const stream = sandbox.runCodeStream("print(1)");
    for await (const message of stream) {
      if (message.type !== "complete") expect(spans("hopx.streamExecution")).toEqual([]);
    }
    await stream.closed;
    await expect.poll(() => spans("hopx.streamExecution").length).toBe(1);
    expect(only("hopx.streamExecution").attributes).toMatchObject({
      "hopx.sandbox.id": sandbox.sandboxId,
      "hopx.websocket.close_code": expect.any(Number),
    });
  });
});

describe("trace context", () => {
  const capture = (into: (string | null)[]): typeof fetch => {
    return (input, init) => {
      into.push(new Headers(init?.headers).get("traceparent"));
      return fetch(input, init);
    };
  };

  it("sends traceparent only when the client opts in, naming the operation's span", async () => {
    const quiet: (string | null)[] = [];
    await new Hopx({ ...mock.clientOptions, fetch: capture(quiet) }).sandboxes.list();
    expect(quiet).toEqual([null]);
    exporter.reset();

    const sent: (string | null)[] = [];
    await new Hopx({ ...mock.clientOptions, fetch: capture(sent), traceContext: true }).sandboxes.list();
    const span = only("hopx.listSandboxes").spanContext();
    expect(sent).toEqual([`00-${span.traceId}-${span.spanId}-01`]);
  });

  it("records nothing once no tracer provider is registered", async () => {
    trace.disable();
    try {
      await new Hopx(mock.clientOptions).sandboxes.list();
      expect(exporter.getFinishedSpans()).toEqual([]);
    } finally {
      trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    }
  });
});
