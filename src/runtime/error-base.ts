// The base of the typed errors (errors.ts holds the classes): the codes, what an error is built from, and the
// scrubbing that keeps every credential out of every field, whichever path (HTTP, SSE, WebSocket) built it.
import { redactText } from "./logger.js";
import { snakeOf } from "./shape.js";

/** Error codes HopX sends (both planes) plus the client-side ones this SDK raises. */
export const ErrorCode = {
  AUTHENTICATION_REQUIRED: "AUTHENTICATION_REQUIRED",
  AUTHENTICATION_ERROR: "AUTHENTICATION_ERROR",
  INVALID_TOKEN: "INVALID_TOKEN",
  INVALID_REQUEST: "INVALID_REQUEST",
  RESOURCE_NOT_FOUND: "RESOURCE_NOT_FOUND",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  EXECUTION_TIMEOUT: "EXECUTION_TIMEOUT",
  CODE_EXECUTION_ERROR: "CODE_EXECUTION_ERROR",
  PAYMENT_REQUIRED: "PAYMENT_REQUIRED",
  RESOURCE_LIMIT_ERROR: "RESOURCE_LIMIT_ERROR",
  FORBIDDEN: "FORBIDDEN",
  PERMISSION_DENIED: "PERMISSION_DENIED",
  RATE_LIMIT_EXCEEDED: "RATE_LIMIT_EXCEEDED",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_ERROR: "INTERNAL_ERROR",
  METHOD_NOT_ALLOWED: "METHOD_NOT_ALLOWED",
  INVALID_JSON: "INVALID_JSON",
  MISSING_PARAMETER: "MISSING_PARAMETER",
  PATH_NOT_ALLOWED: "PATH_NOT_ALLOWED",
  FILE_NOT_FOUND: "FILE_NOT_FOUND",
  FILE_ALREADY_EXISTS: "FILE_ALREADY_EXISTS",
  DIRECTORY_NOT_FOUND: "DIRECTORY_NOT_FOUND",
  FILE_OPERATION_FAILED: "FILE_OPERATION_FAILED",
  INVALID_PATH: "INVALID_PATH",
  COMMAND_FAILED: "COMMAND_FAILED",
  EXECUTION_FAILED: "EXECUTION_FAILED",
  PROCESS_NOT_FOUND: "PROCESS_NOT_FOUND",
  DESKTOP_NOT_AVAILABLE: "DESKTOP_NOT_AVAILABLE",
  // In @hopx-ai/sdk's enum (its code may compare against them); HopX's docs do not list them as sent.
  SANDBOX_NOT_FOUND: "SANDBOX_NOT_FOUND",
  SANDBOX_CREATING: "SANDBOX_CREATING",
  SANDBOX_STOPPED: "SANDBOX_STOPPED",
  TOKEN_INVALID: "TOKEN_INVALID",
  // Raised by the client, never sent by the server.
  NETWORK_ERROR: "NETWORK_ERROR",
  TIMEOUT: "TIMEOUT",
  ABORTED: "ABORTED",
  INVALID_RESPONSE: "INVALID_RESPONSE",
  INVALID_ARGUMENT: "INVALID_ARGUMENT",
  SANDBOX_EXPIRED: "SANDBOX_EXPIRED",
  TOKEN_EXPIRED: "TOKEN_EXPIRED",
  TEMPLATE_NOT_FOUND: "TEMPLATE_NOT_FOUND",
  TEMPLATE_BUILD_FAILED: "TEMPLATE_BUILD_FAILED",
  RESPONSE_TOO_LARGE: "RESPONSE_TOO_LARGE",
  SSE_EVENT_TOO_LARGE: "SSE_EVENT_TOO_LARGE",
  WEBSOCKET_QUEUE_FULL: "WEBSOCKET_QUEUE_FULL",
  /** A browser cannot put the agent's `Authorization` header on a WebSocket (agent streams, terminal). */
  WEBSOCKET_AUTH_UNSUPPORTED: "WEBSOCKET_AUTH_UNSUPPORTED",
  /** The proxy refused the request. */
  PROXY_REFUSED: "PROXY_REFUSED",
  /** An optional package is missing; the message says what to install. */
  MISSING_DEPENDENCY: "MISSING_DEPENDENCY",
} as const;
/** One of the {@link ErrorCode} values, or (on `HopxError.code`) an unknown code a server sent. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What an error is built from: the fields every {@link HopxError} carries, before they are scrubbed of credentials. */
export interface HopxErrorInit {
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** The server's code, or a client-side one; unknown server codes are kept as they came. */
  code?: string;
  /** The server's request id (`X-Request-ID`), for support and logs. */
  requestId?: string;
  /** Whether sending the same request again may succeed. */
  retryable?: boolean;
  /** operationId of the call that failed. */
  operation?: string;
  /** Seconds the server asked us to wait (429). */
  retryAfter?: number;
  /** Further fields of the error body, as the server sent them. */
  details?: Readonly<Record<string, unknown>>;
  /** The error underneath (fetch's `TypeError`, a `DOMException` …), kept as `err.cause`. */
  cause?: unknown;
}

/** Our form of a constructor's second argument (an object); anything else is the official positional form. */
export const isInit = (value: unknown): value is HopxErrorInit => typeof value === "object" && value !== null;

/**
 * The base of every error this SDK throws. Each field is scrubbed of credentials when the error is built, so the
 * error can be logged, printed or serialized as it is.
 *
 * @example
 * ```ts
 * import { HopxError, RateLimitError, Sandbox } from "hopx-client";
 *
 * try {
 *   await Sandbox.create({ template: "code-interpreter" });
 * } catch (err) {
 *   if (err instanceof RateLimitError) console.log(`retry in ${err.retryAfter ?? 1} s`);
 *   else if (err instanceof HopxError) console.log(err.name, err.status, err.code, err.requestId);
 *   else throw err;
 * }
 * ```
 */
export class HopxError extends Error {
  /**
   * HTTP status of the answer; `undefined` for client-side errors (network, timeout, abort, validation before
   * sending).
   */
  readonly status: number | undefined;
  /** The server's error code, or a client-side one ({@link ErrorCode}); unknown server codes are kept as they came. */
  readonly code: string | undefined;
  /** The server's request id (`X-Request-ID`), for support and logs. */
  readonly requestId: string | undefined;
  /** Whether sending the same request again may succeed (the transport has already retried what it safely could). */
  readonly retryable: boolean;
  /** operationId of the call that failed (`createSandbox`, `executeCode` …). */
  readonly operation: string | undefined;
  /** Further fields of the error body, as the server sent them (scrubbed). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  /**
   * @param init - what the error carries; or, in the official SDK's positional form
   *   `new HopxError(message, code?, requestId?, statusCode?)`, the code.
   */
  constructor(message: string, init?: HopxErrorInit | string, requestId?: string, statusCode?: number) {
    const i: HopxErrorInit = isInit(init) ? init : { code: init, requestId, status: statusCode };
    // Scrubbed before super(): the stack (what util.inspect and console.error print) is captured there.
    super(redactText(message), i.cause === undefined ? undefined : { cause: scrubCause(i.cause) });
    this.status = i.status;
    this.code = scrubOptional(i.code);
    this.requestId = scrubOptional(i.requestId);
    this.retryable = i.retryable ?? false;
    this.operation = scrubOptional(i.operation);
    this.details = i.details === undefined ? undefined : (scrubDeep(i.details) as Readonly<Record<string, unknown>>);
  }

  /** @deprecated The official SDK's name of {@link HopxError.status}. */
  get statusCode(): number | undefined {
    return this.status;
  }
}

/** A field of an error's details, under its camelCase or snake_case name (both envelopes occur). */
export function field(err: HopxError, camel: string): unknown {
  return err.details?.[camel] ?? err.details?.[snakeOf(camel)];
}

/** A string field of an error's details (see {@link field}). */
export function detail(err: HopxError, camel: string): string | undefined {
  const value = field(err, camel);
  return typeof value === "string" ? value : undefined;
}

/** The fields that are known: the official metadata objects leave the others out. */
export function known<T extends Record<string, string | undefined>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const scrubOptional = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : redactText(value);

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (depth > 8 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[redactText(key)] = scrubDeep(item, depth + 1);
  return out;
}

/**
 * The cause chain with credentials removed. A HopxError was scrubbed when it was built; a foreign error
 * (fetch's TypeError, a DOMException …) that mentions a credential is replaced by a scrubbed copy of the
 * same name, so `err.cause` can be printed too.
 */
function scrubCause(cause: unknown, depth = 0): unknown {
  if (cause instanceof HopxError || depth > 5) return cause;
  if (typeof cause === "string") return redactText(cause);
  if (!(cause instanceof Error)) return cause;
  const inner = cause.cause === undefined ? undefined : scrubCause(cause.cause, depth + 1);
  const message = redactText(cause.message);
  const stack = cause.stack === undefined ? undefined : redactText(cause.stack);
  if (message === cause.message && stack === cause.stack && inner === cause.cause) return cause;
  const copy = new Error(message, inner === undefined ? undefined : { cause: inner });
  Object.defineProperty(copy, "name", { value: cause.name, configurable: true, writable: true });
  if (stack !== undefined) copy.stack = stack;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === "string") Object.defineProperty(copy, "code", { value: code, enumerable: true });
  return copy;
}
