// Typed errors. Every HTTP failure becomes one of these classes, chosen by status and error code,
// carrying what a caller needs to decide what to do next. No field of an error ever holds a credential:
// every string is scrubbed when the error is built, whichever path (HTTP, SSE, WebSocket) built it.
import { redactText } from "./logger.js";
import type { ErrorClassName } from "./operation.js";

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

  constructor(message: string, init: HopxErrorInit = {}) {
    // Scrubbed before super(): the stack (what util.inspect and console.error print) is captured there.
    super(redactText(message), init.cause === undefined ? undefined : { cause: scrubCause(init.cause) });
    this.status = init.status;
    this.code = scrubOptional(init.code);
    this.requestId = scrubOptional(init.requestId);
    this.retryable = init.retryable ?? false;
    this.operation = scrubOptional(init.operation);
    this.details =
      init.details === undefined ? undefined : (scrubDeep(init.details) as Readonly<Record<string, unknown>>);
  }
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

/** The server answered with an error status. */
export class APIError extends HopxError {}
/** 401: missing, invalid or expired credentials. */
export class AuthenticationError extends APIError {}
/** 401 from an agent after the sandbox token was refreshed once. */
export class TokenExpiredError extends AuthenticationError {}
/** 404: the resource does not exist. */
export class NotFoundError extends APIError {}
/** 404 FILE_NOT_FOUND from the agent's file API. */
export class FileNotFoundError extends NotFoundError {}
/** 404 on a template lookup. */
export class TemplateNotFoundError extends NotFoundError {}
/** 410, or 404 for a sandbox that existed: the sandbox is gone. */
export class SandboxExpiredError extends NotFoundError {}
/** 400 / 422: the request was rejected as invalid (or rejected locally before sending). */
export class ValidationError extends APIError {}
/** 402, or 403 mentioning a limit: the account is out of balance or quota. */
export class ResourceLimitError extends APIError {}
/** 429: too many requests; `retryAfter` says how long to wait. */
export class RateLimitError extends APIError {
  /** Seconds the server asked to wait before the next request (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(message: string, init: HopxErrorInit = {}) {
    super(message, { ...init, retryable: true });
    this.retryAfter = init.retryAfter;
  }
}
/** 5xx. */
export class ServerError extends APIError {}
/** 503/501 DESKTOP_NOT_AVAILABLE: the template has no desktop. */
export class DesktopNotAvailableError extends APIError {}
/** A file operation failed on the agent (403 path not allowed, 409 exists, other file errors). */
export class FileOperationError extends APIError {}
/** Code execution failed on the agent (408 timeout, 500 execution error). */
export class CodeExecutionError extends APIError {}
/** A command failed on the agent in a way that is not a normal non-zero exit. */
export class CommandExecutionError extends APIError {}
/** A template build ended in failure; `logs` holds its last lines. */
export class TemplateBuildError extends HopxError {
  /** The build's last log lines. */
  readonly logs: readonly string[];
  constructor(message: string, init: HopxErrorInit & { logs?: readonly string[] } = {}) {
    super(message, { ...init, code: init.code ?? ErrorCode.TEMPLATE_BUILD_FAILED });
    this.logs = init.logs ?? [];
  }
}
/** The request never got an answer: DNS, refused or reset connection, TLS. */
export class NetworkError extends HopxError {}
/** The proxy refused the request (`status`: its answer, e.g. 407); not retried. */
export class ProxyError extends HopxError {}
/** The call's deadline passed (or a stream stayed idle too long). */
export class TimeoutError extends HopxError {}
/** The caller's AbortSignal fired. */
export class AbortError extends HopxError {}
/**
 * A server sent more than a documented client limit allows (`maxResponseBytes`, `maxSseEventBytes`,
 * `maxQueuedBytes`); `limit` names the option to raise and `limitValue` is the value that was exceeded.
 */
export class LimitExceededError extends HopxError {
  /** The client option to raise: `maxResponseBytes`, `maxSseEventBytes` or `maxQueuedBytes`. */
  readonly limit: string;
  /** The value of that option that the server's answer exceeded (bytes). */
  readonly limitValue: number;
  constructor(message: string, init: HopxErrorInit & { limit: string; limitValue: number }) {
    super(message, init);
    this.limit = init.limit;
    this.limitValue = init.limitValue;
  }
}

// Names are set on the prototypes, not read from the constructors: a minifier (ours, or a bundler in the
// user's build) renames classes, and `err.name === "TimeoutError"` and logs must not change with it.
const ERROR_CLASSES = {
  HopxError,
  APIError,
  AuthenticationError,
  TokenExpiredError,
  NotFoundError,
  FileNotFoundError,
  TemplateNotFoundError,
  SandboxExpiredError,
  ValidationError,
  ResourceLimitError,
  RateLimitError,
  ServerError,
  DesktopNotAvailableError,
  FileOperationError,
  CodeExecutionError,
  CommandExecutionError,
  TemplateBuildError,
  NetworkError,
  ProxyError,
  TimeoutError,
  AbortError,
  LimitExceededError,
} as const;
for (const [name, Class] of Object.entries(ERROR_CLASSES)) {
  Object.defineProperty(Class.prototype, "name", {
    value: name,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
/** Every error class this SDK throws, by name. */
export const ERROR_CLASS_NAMES: readonly string[] = Object.freeze(Object.keys(ERROR_CLASSES));

/** Statuses worth resending: the server refused or failed before doing the work. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** A caller's argument was rejected before anything was sent. */
export function invalidArgument(message: string): ValidationError {
  return new ValidationError(message, { code: ErrorCode.INVALID_ARGUMENT });
}

/** The message, code and request id from either HopX error envelope (flat or nested). */
export function parseErrorBody(body: unknown): {
  message?: string;
  code?: string;
  requestId?: string;
  retryAfter?: number;
  details?: Record<string, unknown>;
} {
  if (typeof body !== "object" || body === null) return {};
  const flat = body as Record<string, unknown>;
  const nested =
    typeof flat.error === "object" && flat.error !== null ? (flat.error as Record<string, unknown>) : undefined;
  const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);
  const num = (v: unknown): number | undefined =>
    typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined;
  const details = (nested?.details ?? flat.details) as Record<string, unknown> | undefined;
  const detailsObj = typeof details === "object" && details !== null ? details : undefined;
  return {
    message: str(nested?.message) ?? str(flat.error) ?? str(flat.message),
    code: str(nested?.code) ?? str(flat.code),
    requestId: str(nested?.request_id) ?? str(flat.request_id),
    retryAfter: num(flat.retry_after) ?? num(detailsObj?.retry_after_seconds),
    details: detailsObj,
  };
}

/** An HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, or the obsolete RFC 850 and asctime forms. */
const HTTP_DATE = new RegExp(
  [
    String.raw`^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$`,
    String.raw`^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$`,
    String.raw`^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$`,
  ].join("|"),
);

/**
 * Parses an HTTP `Retry-After` header into seconds: a whole number of seconds ≥ 0, or an HTTP-date.
 * Anything else (`-5`, `1.5`, `soon`) counts as absent; `Date.parse` alone would read `-5` as a year.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  const value = header?.trim() ?? "";
  if (/^\d+$/.test(value)) return Number(value);
  if (!HTTP_DATE.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/**
 * A 501/503 from a desktop endpoint: the template has no desktop, whatever code the body carries, and
 * asking again cannot change that (not retried, not retryable). Desktop operationIds are verbs
 * (mouseClick, getClipboard), so the path tells a desktop call apart.
 */
export function desktopUnavailable(status: number, path: string | undefined): boolean {
  return (status === 501 || status === 503) && (path?.startsWith("/desktop") ?? false);
}

/** The operation facts the classification reads (the generated operation tables carry them). */
export interface ClassifiedOperation {
  readonly id: string;
  readonly path?: string;
  /** Per-status classes declared in spec/sdk.yaml (`errors:`), applied before the generic rules. */
  readonly errors?: Readonly<Record<string, ErrorClassName>>;
}

/** The classes spec/sdk.yaml may name, with the code they carry when the server sent none. */
const DECLARED: Record<
  ErrorClassName,
  { Class: new (message: string, init?: HopxErrorInit) => APIError; code?: string; retryable?: boolean }
> = {
  TemplateNotFoundError: { Class: TemplateNotFoundError, code: ErrorCode.TEMPLATE_NOT_FOUND },
  SandboxExpiredError: { Class: SandboxExpiredError, code: ErrorCode.SANDBOX_EXPIRED },
  FileNotFoundError: { Class: FileNotFoundError, code: ErrorCode.FILE_NOT_FOUND },
  FileOperationError: { Class: FileOperationError },
  CodeExecutionError: { Class: CodeExecutionError, code: ErrorCode.EXECUTION_FAILED },
  CommandExecutionError: { Class: CommandExecutionError, code: ErrorCode.COMMAND_FAILED, retryable: false },
  NotFoundError: { Class: NotFoundError },
  ValidationError: { Class: ValidationError },
  ServerError: { Class: ServerError },
};

/**
 * Chooses the error class for an HTTP error response, once: the operation's declared class for this
 * status first, then the generic rules by status and error code.
 */
export function errorFromResponse(op: ClassifiedOperation, status: number, body: unknown, headers?: Headers): APIError {
  const operation = op.id;
  const parsed = parseErrorBody(body);
  const requestId = parsed.requestId ?? headers?.get("x-request-id") ?? undefined;
  const retryAfter = parseRetryAfter(headers?.get("retry-after") ?? null) ?? parsed.retryAfter;
  const code = parsed.code;
  const message = `${operation}: ${parsed.message ?? `HTTP ${status}`}`;
  const init: HopxErrorInit = {
    status,
    code,
    requestId,
    operation,
    retryable: RETRY_STATUSES.has(status),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(parsed.details ? { details: parsed.details } : {}),
  };
  const declared = op.errors?.[String(status)];
  if (declared) {
    const { Class, code: fallback, retryable } = DECLARED[declared];
    return new Class(message, { ...init, code: code ?? fallback, ...(retryable === undefined ? {} : { retryable }) });
  }
  if (code === ErrorCode.DESKTOP_NOT_AVAILABLE || desktopUnavailable(status, op.path))
    return new DesktopNotAvailableError(message, {
      ...init,
      code: code ?? ErrorCode.DESKTOP_NOT_AVAILABLE,
      retryable: false,
    });
  if (status === 429) return new RateLimitError(message, init);
  if (status === 401) return new AuthenticationError(message, init);
  if (status === 410) return new SandboxExpiredError(message, init);
  if (status === 404) {
    if (code === ErrorCode.FILE_NOT_FOUND || code === ErrorCode.DIRECTORY_NOT_FOUND)
      return new FileNotFoundError(message, init);
    return new NotFoundError(message, init);
  }
  if (
    status === 402 ||
    code === ErrorCode.RESOURCE_LIMIT_ERROR ||
    (status === 403 && /limit/i.test(parsed.message ?? ""))
  )
    return new ResourceLimitError(message, init);
  if (
    code === ErrorCode.PATH_NOT_ALLOWED ||
    code === ErrorCode.FILE_ALREADY_EXISTS ||
    code === ErrorCode.FILE_OPERATION_FAILED ||
    code === ErrorCode.INVALID_PATH
  )
    return new FileOperationError(message, init);
  if (
    status === 408 ||
    code === ErrorCode.EXECUTION_TIMEOUT ||
    code === ErrorCode.EXECUTION_FAILED ||
    code === ErrorCode.CODE_EXECUTION_ERROR
  )
    return new CodeExecutionError(message, init);
  if (code === ErrorCode.COMMAND_FAILED) return new CommandExecutionError(message, init);
  if (status === 400 || status === 422) return new ValidationError(message, init);
  if (status >= 500) return new ServerError(message, init);
  return new APIError(message, init);
}
