// hopx-client/mock: both HopX APIs on loopback ports, for our tests and for downstream test suites.
// Stateful by default (stateful.ts); the static-example mode (static.ts, Prism) serves our contract tests.
import { startStatefulMock, type HopxMock, type StartMockOptions } from "./stateful.js";
import { startStaticMock, type StaticHopxMock } from "./static.js";

export type { AgentRoutes } from "./agent-generations.js";
export type { MockClock } from "./clock.js";
export { bindHopxMock, type RunnerHooks, type SetupHopxMockOptions } from "./lifecycle.js";
export type { HopxMock, StartMockOptions } from "./stateful.js";
export type { StaticHopxMock } from "./static.js";
export type {
  BodyOf,
  ClientFrameOf,
  CredentialKind,
  FailOptions,
  HandlerContext,
  HandlerResult,
  HttpOperationId,
  MockHandler,
  MockHandlers,
  MockPlane,
  MockReply,
  MockRequest,
  MockSandboxView,
  MockSocket,
  MockStreamHandler,
  MockStreamHandlers,
  NetworkFault,
  OperationId,
  QueryOf,
  RecordedRequest,
  ResultOf,
  Scripted,
  ServerFrameOf,
  StreamHandlerResult,
  StreamOperationId,
} from "./types.js";

/**
 * Starts a mock of both HopX APIs on free loopback ports (127.0.0.1), stateful by default; with
 * `{ mode: "static" }` Prism answers the specs' examples instead (needs Prism installed).
 *
 * @example
 * ```ts
 * import { Sandbox } from "hopx-client";
 * import { startMock } from "hopx-client/mock";
 *
 * const mock = await startMock();
 * const sandbox = await Sandbox.create({ template: "code-interpreter", ...mock.clientOptions });
 * await sandbox.files.write("/workspace/a.txt", "hello");
 * console.log(await sandbox.files.read("/workspace/a.txt")); // "hello"
 * await sandbox.kill();
 * await mock.stop();
 * ```
 */
export function startMock(options: StartMockOptions & { mode: "static" }): Promise<StaticHopxMock>;
/** Starts the stateful mock (the default): in-memory state, scripted answers and faults, recorded requests. */
export function startMock(options?: StartMockOptions & { mode?: "stateful" }): Promise<HopxMock>;
export function startMock(options: StartMockOptions = {}): Promise<HopxMock | StaticHopxMock> {
  if (options.mode === "static") return startStaticMock();
  if (options.mode !== undefined && options.mode !== "stateful")
    return Promise.reject(new TypeError(`hopx mock: mode is "stateful" or "static", got ${String(options.mode)}`));
  return startStatefulMock(options);
}
