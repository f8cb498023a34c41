// Building one call: its headers, its deadline (one AbortController per call, never shared), and the options
// openapi-fetch is given — wire-shaped parameters and body, how to read the answer, and the call's own fetch.
import { ErrorCode, ValidationError } from "./errors.js";
import { checkDurationMs, checkHeaderName, checkHeaderValue, checkPathParam } from "./guards.js";
import type { CallObserver } from "./call-hooks.js";
import type { OperationInfo, RequestOptions } from "./operation.js";
import { multipartBody, rawBody } from "./serializers.js";
import { toWire, type OperationShapes, type ShapeRegistry } from "./shape.js";
import { anySignal } from "./signals.js";
import { timeoutReason } from "./time.js";
import { renamed } from "./units.js";

/** What a generated method hands the transport: its arguments, camelCase, as the user gave them. */
export interface CallArgs {
  /** Path parameters by their name in the path template. */
  path?: Record<string, unknown>;
  /** The query parameters, camelCase. */
  query?: object | undefined;
  /** The request body: camelCase JSON, or an upload's Blob, bytes or stream. */
  body?: unknown;
}

type ParseAs = "text" | "stream";
// JSON is read as text and parsed by the transport, so a malformed body becomes a typed error (openapi-fetch
// would throw a bare SyntaxError); streamed answers are handed over unread.
const PARSE_AS: Record<OperationInfo["stream"], ParseAs> = {
  json: "text",
  none: "text",
  text: "text",
  binary: "stream",
  sse: "stream",
  websocket: "stream",
};

/** Headers that only the transport sets; a caller's `headers` option cannot override them. */
const RESERVED_HEADERS = new Set(["authorization", "x-api-key", "host", "cookie", "user-agent"]);

/** SSE and binary answers are read at the caller's pace: their deadline ends when the response starts. */
export const streamsAnswer = (op: OperationInfo): boolean => op.stream === "sse" || op.stream === "binary";

/** The transport's state of one call, held by the call's own fetch (a closure), never by a shared object. */
export interface CallContext {
  readonly op: OperationInfo;
  /** Fires at the call's deadline or when the caller's signal does (absent: neither applies). */
  readonly signal: AbortSignal | undefined;
  /** When the deadline passes (epoch ms; Infinity: none): a retry that cannot wait in time is not made. */
  readonly deadlineAt: number;
  /** Ends the deadline: when the call is over, or when a streamed answer's headers arrive. */
  readonly endDeadline: () => void;
  /** Set when the server answered 401 again after the credentials were renewed (then: TokenExpiredError). */
  reauthFailed: boolean;
  readonly observer: CallObserver | undefined;
}

/**
 * The call's deadline: one AbortController and one timer of its own, so it fires on time and concerns this
 * call only; the caller's signal is joined to it. `ms` of Infinity: only the caller's signal.
 */
export function callContext(
  op: OperationInfo,
  ms: number,
  callerSignal: AbortSignal | undefined,
  observer: CallObserver | undefined,
): CallContext {
  if (!Number.isFinite(ms)) {
    const endDeadline = (): void => undefined;
    return {
      op,
      signal: callerSignal,
      deadlineAt: Number.POSITIVE_INFINITY,
      endDeadline,
      reauthFailed: false,
      observer,
    };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutReason()), ms);
  // A pending deadline never keeps a process alive.
  (timer as { unref?: () => void }).unref?.();
  return {
    op,
    // Joined only when the caller gave a signal: most calls have none, and then the controller's is the call's.
    signal: callerSignal ? anySignal([callerSignal, controller.signal]) : controller.signal,
    deadlineAt: Date.now() + ms,
    endDeadline: () => clearTimeout(timer),
    reauthFailed: false,
    observer,
  };
}

/** The call's timeout: its own `timeoutMs` (or deprecated `timeout`), else the client's default. */
export function callTimeout(op: OperationInfo, options: RequestOptions, fallbackMs: number): number {
  const requested = renamed(op.id, options, "timeoutMs", "timeout");
  return requested === undefined ? fallbackMs : checkDurationMs(`${op.id}: timeoutMs`, requested, true);
}

/** The caller's extra headers (checked, names lower-case), the Accept the operation needs, and our User-Agent. */
export function callHeaders(
  op: OperationInfo,
  options: RequestOptions,
  userAgent: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const extra = options.headers;
  for (const name in extra) {
    const lower = checkHeaderName(name).toLowerCase();
    if (RESERVED_HEADERS.has(lower))
      throw new ValidationError(`${op.id}: header ${name} is set by the SDK`, { code: ErrorCode.INVALID_ARGUMENT });
    headers[lower] = checkHeaderValue(name, extra[name]!);
  }
  if (op.accept) headers.accept = op.accept;
  if (userAgent) headers["user-agent"] = userAgent;
  return headers;
}

/** Checks path parameters: each must stay inside its path segment. */
export function checkedPath(op: OperationInfo, params: Record<string, unknown>): Record<string, unknown> {
  for (const name of Object.keys(params)) {
    try {
      checkPathParam(name, params[name]);
    } catch (err) {
      throw new ValidationError(`${op.id}: ${(err as Error).message}`, {
        code: ErrorCode.INVALID_ARGUMENT,
        operation: op.id,
      });
    }
  }
  return params;
}

/** openapi-fetch's per-request options for one call (its documented `fetch` option carries our state). */
export interface OpenapiFetchOptions {
  params: { path?: Record<string, unknown>; query?: unknown };
  body?: unknown;
  bodySerializer?: (body: unknown) => unknown;
  headers: Record<string, string>;
  parseAs: ParseAs;
  signal: AbortSignal | undefined;
  fetch: (request: Request) => Promise<Response>;
}

/** The wire form of a call's arguments, as openapi-fetch takes them. */
export function openapiFetchOptions(
  args: CallArgs,
  shapes: OperationShapes,
  registry: ShapeRegistry,
  ctx: CallContext,
  headers: Record<string, string>,
  fetch: OpenapiFetchOptions["fetch"],
): OpenapiFetchOptions {
  const { op } = ctx;
  const params: OpenapiFetchOptions["params"] = {};
  if (args.path) params.path = checkedPath(op, args.path);
  if (args.query !== undefined) params.query = toWire(args.query, shapes.query, registry);
  const options: OpenapiFetchOptions = { params, headers, parseAs: PARSE_AS[op.stream], signal: ctx.signal, fetch };
  if (args.body !== undefined) options.body = toWire(args.body, shapes.body, registry);
  // openapi-fetch's JSON default would turn a Blob into "{}": uploads pass their body through.
  if (op.upload === "multipart") options.bodySerializer = multipartBody;
  else if (op.upload === "binary") options.bodySerializer = rawBody;
  return options;
}
