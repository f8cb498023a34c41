// The public types of hopx-client/mock: operations keyed by operationId and typed from the generated
// operation tables (generated/*/models.ts `OperationTypes`), handlers, faults and recorded requests.
import type { OperationTypes as ControlPlaneOperations } from "../../generated/control-plane/models.js";
import type { OperationTypes as AgentOperations } from "../../generated/vm-agent/models.js";
import type { MockClock } from "./clock.js";

/** The two HopX APIs: the control plane (API key) and a sandbox's agent (sandbox JWT). */
export type MockPlane = "controlPlane" | "agent";

/** Every operationId of both specs (`getHealth` exists in both; a handler for it answers both). */
export type OperationId = keyof ControlPlaneOperations | keyof AgentOperations;

type TypesOf<Op extends OperationId> =
  | (Op extends keyof ControlPlaneOperations ? ControlPlaneOperations[Op] : never)
  | (Op extends keyof AgentOperations ? AgentOperations[Op] : never);

/** The WebSocket operations (terminal, code and command streams, file watch). */
export type StreamOperationId = {
  [Op in OperationId]: TypesOf<Op> extends { client: unknown } ? Op : never;
}[OperationId];

/** The HTTP operations (everything but the WebSocket ones). */
export type HttpOperationId = Exclude<OperationId, StreamOperationId>;

/** The JSON result of an operation, camelCase (`ExecuteResponse` for `executeCode`). */
export type ResultOf<Op extends OperationId> = TypesOf<Op> extends { result: infer R } ? R : unknown;
/** The request body of an operation, camelCase. */
export type BodyOf<Op extends OperationId> = TypesOf<Op> extends { body: infer B } ? B : undefined;
/** The query of an operation, camelCase. */
export type QueryOf<Op extends OperationId> = TypesOf<Op> extends { query: infer Q } ? Q : Record<string, never>;
/** A frame the client sends on a WebSocket operation, camelCase. */
export type ClientFrameOf<Op extends StreamOperationId> = TypesOf<Op> extends { client: infer C } ? C : never;
/** A frame the server sends on a WebSocket operation, camelCase. */
export type ServerFrameOf<Op extends StreamOperationId> = TypesOf<Op> extends { server: infer S } ? S : never;

/**
 * How a request was authenticated; the credential itself is never recorded. `apiKey` is `X-API-Key`,
 * `bearerApiKey` the key as `Authorization: Bearer`, `queryToken` the key as `?token=` (metrics SSE),
 * `sandboxToken` a sandbox JWT on the agent.
 */
export type CredentialKind = "apiKey" | "bearerApiKey" | "queryToken" | "sandboxToken" | "none";

/** One request the mock received, as `mock.requests` lists it (wire form, credentials redacted). */
export interface RecordedRequest {
  /** The operationId the request matched, or undefined for a path the spec does not have. */
  operationId: OperationId | undefined;
  /** Which API received it. */
  plane: MockPlane;
  /** The HTTP method (`GET` for WebSocket upgrades). */
  method: string;
  /** The path as the spec names it (for the agent, without the sandbox prefix), with the query. */
  path: string;
  /** The sandbox the call concerns: its agent, or `{sandboxId}` of a control-plane path. */
  sandboxId: string | undefined;
  /** Path parameters by their spec names (`sandboxId`, `template` …). */
  params: Record<string, string>;
  /** Query parameters as sent (wire names); a `token` query is `[redacted]`. */
  query: Record<string, unknown>;
  /** The JSON body as sent (wire names); multipart uploads as `{ path, size }`; otherwise undefined. */
  body: unknown;
  /** How the request was authenticated (the credential itself is never kept). */
  credential: CredentialKind;
  /** The status answered; 0 when a network fault (reset, stall, truncated body) was injected instead. */
  status: number;
}

/** A request as a scripted handler sees it: camelCase, typed by its operation. */
export interface MockRequest<Op extends OperationId = OperationId> {
  /** The operation the request matched. */
  operationId: Op;
  /** Which API received it. */
  plane: MockPlane;
  /** The HTTP method. */
  method: string;
  /** The path as the spec names it (for the agent, without the sandbox prefix), with the query. */
  path: string;
  /** The sandbox whose agent was called, or `{sandboxId}` of a control-plane path. */
  sandboxId: string | undefined;
  /** Path parameters by their spec names (`sandboxId`, `template` …). */
  params: Record<string, string>;
  /** The query, camelCase and typed by the operation. */
  query: QueryOf<Op>;
  /** The JSON body, camelCase; for `uploadFile` `{ path, file }` with the file's bytes. */
  body: BodyOf<Op>;
  /** How the request was authenticated (the credential itself is not passed). */
  credential: CredentialKind;
}

/** An exact answer made with `ctx.reply(...)`: status, body and headers, checked against the spec. */
export interface MockReply {
  /** The HTTP status. */
  readonly status: number;
  /**
   * The body: for a 2xx JSON answer the operation's result in camelCase (converted to the wire form);
   * for an error status the error envelope (`{ error, code }`); a `Uint8Array` or string for binary
   * and text answers.
   */
  readonly body: unknown;
  /** Extra response headers (`content-type` for a binary or text body). */
  readonly headers: Readonly<Record<string, string>>;
}

/** What a scripted HTTP handler is given besides the request. */
export interface HandlerContext<Op extends OperationId = OperationId> {
  /** An exact answer (any documented status), instead of a result laid over the default answer. */
  reply(status: number, body?: unknown, headers?: Record<string, string>): MockReply;
  /** The answer the stateful mock would give without this handler (state changes happen when called). */
  next(): Promise<MockReply>;
  /** The mock's clock. */
  clock: MockClock;
  /** The operation, for handlers registered on several. */
  operationId: Op;
}

/**
 * A scripted answer: a partial result laid over the answer the stateful mock would give (status 2xx),
 * an exact `ctx.reply(...)`, or undefined to let the stateful mock answer.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler that only records may end without a return.
export type HandlerResult<Op extends OperationId> = Partial<ResultOf<Op>> | MockReply | undefined | void;

/** A scripted handler of an HTTP operation. */
export type MockHandler<Op extends OperationId> = (
  request: MockRequest<Op>,
  ctx: HandlerContext<Op>,
) => HandlerResult<Op> | Promise<HandlerResult<Op>>;

/**
 * The handler type of every HTTP operation, by operationId. `mock.on` takes `MockHandlers[Op]`, so the
 * operation is fixed by its name before the handler is checked (literal frames and results keep their types).
 */
export type MockHandlers = { [Op in HttpOperationId]: MockHandler<Op> };

/** The server side of one WebSocket connection, for a scripted stream handler. */
export interface MockSocket<Op extends StreamOperationId = StreamOperationId> {
  /** Sends a frame (camelCase, converted to the wire form and checked against the server message schema). */
  send(frame: ServerFrameOf<Op>): void;
  /** Closes the connection (default 1000, normal closure). */
  close(code?: number, reason?: string): void;
  /** The sandbox whose agent holds the connection. */
  readonly sandboxId: string | undefined;
}

/**
 * A scripted WebSocket handler: called for every frame the client sends (already checked against the client
 * message schema); the frames it returns are sent in order. Use `socket` to send later or to close.
 */
export type MockStreamHandler<Op extends StreamOperationId> = (
  frame: ClientFrameOf<Op>,
  socket: MockSocket<Op>,
) => StreamHandlerResult<Op> | Promise<StreamHandlerResult<Op>>;

/** What a scripted WebSocket handler returns: frames to send now, or nothing (it may send later itself). */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler that sends through `socket` ends without a return.
export type StreamHandlerResult<Op extends StreamOperationId> = ServerFrameOf<Op>[] | undefined | void;

/** The handler type of every WebSocket operation, by operationId (see `MockHandlers`). */
export type MockStreamHandlers = { [Op in StreamOperationId]: MockStreamHandler<Op> };

/** A network fault instead of an answer. */
export type NetworkFault =
  /** The request is handled (state changes happen), then the connection is reset before any answer. */
  | "reset"
  /** The request is never answered; the connection stays open until the client gives up. */
  | "stall"
  /** The answer's headers promise the whole body, half of it is sent, then the connection is closed. */
  | "truncate";

/** What `mock.fail` injects. */
export interface FailOptions {
  /** An error status (4xx/5xx) answered in the spec's error envelope. Default 500 unless `network` is set. */
  status?: number;
  /** The envelope's `code` (default by status: `RATE_LIMIT_EXCEEDED` for 429 …). */
  code?: string;
  /** The envelope's message. */
  message?: string;
  /** Seconds: sent as `Retry-After` and `retry_after`. */
  retryAfter?: number;
  /** A network fault instead of an HTTP answer. */
  network?: NetworkFault;
  /** How many calls fail (default: every call until `mock.reset()` or `remove()`). */
  times?: number;
}

/** A registered handler or fault: how often it was used, and how to change or remove it. */
export interface Scripted {
  /** Uses left (Infinity until a limit is set). */
  readonly remaining: number;
  /** Calls it has answered so far. */
  readonly calls: number;
  /** Limits it to the next `n` calls. */
  times(n: number): Scripted;
  /** Limits it to the next call. */
  once(): Scripted;
  /** Removes it. */
  remove(): void;
}

/** A sandbox as the stateful mock holds it, for assertions (read-only copies). */
export interface MockSandboxView {
  /** The sandbox id. */
  id: string;
  /** Its status now (on the mock clock). */
  status: "creating" | "running" | "stopped" | "paused";
  /** The template it was created from. */
  templateName: string;
  /** Expiry on the mock clock (epoch ms), if the sandbox has a timeout. */
  expiresAt: number | undefined;
  /** File paths of its file system (directories included). */
  files: string[];
  /** Its environment variables. */
  env: Record<string, string>;
  /** WebSocket and SSE streams open on it. */
  openStreams: number;
}
