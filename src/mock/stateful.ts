// The stateful mock (the default of startMock): both planes in one process, sharing one world, one clock,
// one set of scripted handlers and faults, and one request log.
import type { IncomingMessage, ServerResponse } from "node:http";
import { operationShapes as cpOperationShapes, shapes as cpShapes } from "../../generated/control-plane/shapes.js";
import { operationShapes as agentOperationShapes, shapes as agentShapes } from "../../generated/vm-agent/shapes.js";
import { agentHandlers } from "./agent.js";
import { readAsset } from "./assets.js";
import { createClock, type MockClock } from "./clock.js";
import { controlPlaneHandlers } from "./control-plane.js";
import type { MockFixtures, Plane } from "./fixtures.js";
import { publicTemplates } from "./public-templates.js";
import { Registry } from "./script.js";
import { startPlane, type BinaryExample } from "./server.js";
import { loadSpec } from "./spec.js";
import type { StaticHopxMock } from "./static.js";
import { World, type SandboxState } from "./state.js";
import { attachStreams } from "./streams.js";
import type {
  FailOptions,
  HttpOperationId,
  MockHandler,
  MockHandlers,
  MockSandboxView,
  MockStreamHandler,
  MockStreamHandlers,
  OperationId,
  RecordedRequest,
  Scripted,
  StreamOperationId,
} from "./types.js";

/** Options of `startMock()`. */
export interface StartMockOptions {
  /**
   * `"stateful"` (default): in-memory sandboxes, files, env, processes, templates and builds, scripted answers
   * and faults. `"static"`: Prism answers each operation's spec example (contract tests; needs Prism installed).
   */
  mode?: "stateful" | "static";
  /** Port of the control plane (default 0: a free port). The agent listens on a free port of its own. */
  port?: number;
  /** Port of the agents (default 0: a free port). */
  agentPort?: number;
  /** Seed of the ids the mock makes (default 1): the same seed and calls give the same ids. */
  seed?: number;
  /** Real milliseconds added before every HTTP answer (default 0). */
  latencyMs?: number;
  /** Mock-clock milliseconds a new sandbox stays `creating` before it is `running` (default 0). */
  createDelayMs?: number;
  /** Lifetime of agent tokens in mock-clock seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Mock-clock milliseconds a template build takes (default 0: `active` at the first status poll). */
  buildDurationMs?: number;
  /** Mock-clock milliseconds a background process runs before it completes (default 0). */
  processDurationMs?: number;
}

/**
 * A running stateful mock of both HopX APIs: state per instance, scripted answers and faults per test,
 * recorded requests, and every request and answer checked against the specs.
 *
 * @example
 * ```ts
 * import { Hopx } from "hopx-client";
 * import { startMock } from "hopx-client/mock";
 *
 * const mock = await startMock();
 * mock.on("executeCode", () => ({ stdout: "42\n", exitCode: 0 }));
 * const hopx = new Hopx(mock.clientOptions);
 * const sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
 * console.log((await sandbox.runCode("print(6 * 7)")).stdout); // "42\n"
 * await mock.stop();
 * ```
 */
export interface HopxMock extends StaticHopxMock {
  /** An API key the mock accepts (any non-empty key is accepted; this one is for convenience). */
  readonly apiKey: string;
  /** `{ baseURL, apiKey }` for `new Hopx(...)`, `Sandbox.create(...)` and the other static methods. */
  readonly clientOptions: { baseURL: string; apiKey: string };
  /** `HOPX_BASE_URL` and `HOPX_API_KEY` pointing at this mock, for child processes and other languages. */
  readonly env: { HOPX_BASE_URL: string; HOPX_API_KEY: string };
  /** The mock's clock: expiries, token lifetimes, `creating` → `running` and builds follow it. */
  readonly clock: MockClock;
  /** Every request received since start or the last `reset()`, oldest first (credentials never recorded). */
  readonly requests: readonly RecordedRequest[];
  /**
   * Off-spec answers (scripted or default) and handler failures, as messages naming the field. Each one was
   * also answered to the client as a 500; `setupHopxMock()` fails the test that caused one.
   */
  readonly problems: readonly string[];
  /**
   * Scripts an HTTP operation: the handler's partial result is laid over the stateful answer, `ctx.reply()`
   * answers exactly, undefined lets the mock answer. Newest registration first; `.times(n)` / `.once()` limit it.
   */
  on<Op extends HttpOperationId>(operationId: Op, handler: MockHandlers[Op]): Scripted;
  /** `on(...)` for the next call only. */
  once<Op extends HttpOperationId>(operationId: Op, handler: MockHandlers[Op]): Scripted;
  /** Scripts a WebSocket operation: the handler answers each client frame with typed server frames. */
  stream<Op extends StreamOperationId>(operationId: Op, handler: MockStreamHandlers[Op]): Scripted;
  /**
   * Makes calls of an operation fail: an error status in the spec's envelope (with `Retry-After` for
   * `retryAfter`), or a network fault (`reset`, `stall`, `truncate`). `times` limits it (default: until reset).
   */
  fail(operationId: OperationId, options: FailOptions): Scripted;
  /** Forgets handlers, faults, recorded requests, problems and all state (sandboxes, builds); keeps the clock. */
  reset(): void;
  /** The sandboxes the mock holds, for assertions. */
  sandboxes(): MockSandboxView[];
}

const API_KEY = "hopx_test_mockkey0000.mock-secret";
const SANDBOX_PREFIX = /^\/sandboxes\/([^/]+)/;

function view(sandbox: SandboxState): MockSandboxView {
  return {
    id: sandbox.id,
    status: sandbox.status,
    templateName: sandbox.templateName,
    expiresAt: sandbox.expiresAt,
    files: [...sandbox.files.keys()].sort(),
    env: Object.fromEntries(sandbox.env),
    openStreams: sandbox.streams.size,
  };
}

export async function startStatefulMock(options: StartMockOptions = {}): Promise<HopxMock> {
  const cpSpec = loadSpec(readAsset("control-plane/openapi.json"), "controlPlane");
  const agentSpec = loadSpec(readAsset("vm-agent/openapi.json"), "agent");
  const fixtures = readAsset<Record<Plane, MockFixtures>>("mock/fixtures.json");
  // HopX's public templates, then the organisation's own from the spec's example (its public entry is one
  // of HopX's, seeded in full from public-templates.ts).
  const seedTemplates = (() => {
    const route = cpSpec.byId.get("listTemplates")!;
    const example = route.responses["200"]?.content?.["application/json"]?.examples;
    const value = Object.values(example ?? {})[0]?.value as { data?: Array<Record<string, unknown>> } | undefined;
    return [...publicTemplates, ...(value?.data ?? []).filter((t) => t.is_public !== true)];
  })();
  const world = new World(
    {
      seed: options.seed ?? 1,
      createDelayMs: options.createDelayMs ?? 0,
      tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
      buildDurationMs: options.buildDurationMs ?? 0,
      processDurationMs: options.processDurationMs ?? 0,
    },
    () => clock.now(),
    seedTemplates,
  );
  const clock = createClock(Date.now(), () => world.tick());
  const scripts = new Registry<MockHandler<OperationId>>();
  const faults = new Registry<FailOptions>();
  const streams = new Registry<MockStreamHandler<StreamOperationId>>();
  const requests: RecordedRequest[] = [];
  const problems: string[] = [];
  const binary: BinaryExample[] = fixtures["vm-agent"].binary;
  const latencyMs = options.latencyMs ?? 0;
  let agentUrl = "";
  let controlPlaneUrl = "";

  // COPY sources of template builds are PUT here (the control plane's upload links point at it).
  const uploads = (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    const match = /^\/_mock\/uploads\/([^/]+)$/.exec(pathname);
    if (!match) return false;
    req.resume();
    req.on("end", () => {
      if (req.method === "PUT") world.uploads.add(decodeURIComponent(match[1]!));
      res.writeHead(req.method === "PUT" ? 200 : 405, { "content-length": "0" });
      res.end();
    });
    return true;
  };
  const shared = {
    world,
    clock,
    scripts,
    faults,
    requests,
    problems,
    binary,
    latencyMs,
    agentUrlOf: (sandbox: SandboxState) => `${agentUrl}/sandboxes/${sandbox.id}`,
    uploadUrlOf: (hash: string) => `${controlPlaneUrl}/_mock/uploads/${encodeURIComponent(hash)}?signature=mock`,
  };
  const agent = await startPlane(
    {
      ...shared,
      spec: agentSpec,
      handlers: agentHandlers,
      shapes: agentShapes,
      operationShapes: agentOperationShapes,
      agentPrefix: SANDBOX_PREFIX,
    },
    options.agentPort ?? 0,
  );
  agentUrl = agent.url;
  const controlPlane = await startPlane(
    {
      ...shared,
      spec: cpSpec,
      handlers: controlPlaneHandlers,
      shapes: cpShapes,
      operationShapes: cpOperationShapes,
      extra: uploads,
    },
    options.port ?? 0,
  ).catch(async (err: unknown) => {
    await agent.close();
    throw err;
  });
  controlPlaneUrl = controlPlane.url;
  const sockets = attachStreams(agent.server, {
    spec: agentSpec,
    world,
    clock,
    streams,
    faults,
    requests,
    problems,
    shapes: agentShapes,
    agentPrefix: SANDBOX_PREFIX,
  });

  let stopped: Promise<void> | undefined;
  const mock: HopxMock = {
    controlPlaneUrl,
    agentUrl,
    apiKey: API_KEY,
    clientOptions: { baseURL: controlPlaneUrl, apiKey: API_KEY },
    env: { HOPX_BASE_URL: controlPlaneUrl, HOPX_API_KEY: API_KEY },
    clock,
    requests,
    problems,
    on: (operationId, handler) => scripts.add(operationId, handler as MockHandler<OperationId>),
    once: (operationId, handler) => scripts.add(operationId, handler as MockHandler<OperationId>, 1),
    stream: (operationId, handler) =>
      streams.add(operationId, handler as unknown as MockStreamHandler<StreamOperationId>),
    fail(operationId, failure) {
      const status = failure.status ?? (failure.network ? undefined : 500);
      if (status !== undefined && (!Number.isInteger(status) || status < 400 || status > 599))
        throw new RangeError(`hopx mock: fail() needs an error status (400–599), got ${String(status)}`);
      return faults.add(operationId, failure, failure.times);
    },
    reset() {
      scripts.clear();
      faults.clear();
      streams.clear();
      requests.length = 0;
      problems.length = 0;
      world.reset();
    },
    sandboxes: () => [...world.sandboxes.values()].map(view),
    stop() {
      stopped ??= (async () => {
        world.reset();
        sockets.close();
        await Promise.all([controlPlane.close(), agent.close()]);
      })();
      return stopped;
    },
  };
  return mock;
}
