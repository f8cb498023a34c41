// Typed errors. Every HTTP failure becomes one of these classes, chosen by status and error code,
// carrying what a caller needs to decide what to do next. No field of an error ever holds a credential:
// every string is scrubbed when the error is built, whichever path (HTTP, SSE, WebSocket) built it.
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

  /** @deprecated The official SDK's name of {@link HopxError.status}. */
  get statusCode(): number | undefined {
    return this.status;
  }
}

/** A field of an error's details, under its camelCase or snake_case name (both envelopes occur). */
function field(err: HopxError, camel: string): unknown {
  return err.details?.[camel] ?? err.details?.[snakeOf(camel)];
}

/** A string field of an error's details (see {@link field}). */
function detail(err: HopxError, camel: string): string | undefined {
  const value = field(err, camel);
  return typeof value === "string" ? value : undefined;
}

/** The fields that are known: the official metadata objects leave the others out. */
function known<T extends Record<string, string | undefined>>(fields: T): Partial<T> {
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

/** The server answered with an error status. */
export class APIError extends HopxError {}
/** 401: missing, invalid or expired credentials. */
export class AuthenticationError extends APIError {}
/** 401 from an agent after the sandbox token was refreshed once. */
export class TokenExpiredError extends AuthenticationError {}
/** 404: the resource does not exist. */
export class NotFoundError extends APIError {}
/** 404 FILE_NOT_FOUND from the agent's file API. */
export class FileNotFoundError extends NotFoundError {
  /** The path the agent reported missing, when it named one (official field). */
  get path(): string | undefined {
    return detail(this, "path");
  }
}
/** 404 on a template lookup. */
export class TemplateNotFoundError extends NotFoundError {
  /** The template asked for, when the server named it (official field). */
  get templateName(): string | undefined {
    return detail(this, "templateName");
  }
  /** Templates the server offered instead (official field; empty when it named none). */
  get availableTemplates(): string[] {
    const value = field(this, "availableTemplates");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  }
  /** The closest template name the server suggested, if any (official field). */
  get suggestedTemplate(): string | undefined {
    return detail(this, "suggestedTemplate");
  }
}
/** 410, or 404 for a sandbox that existed: the sandbox is gone. */
export class SandboxExpiredError extends NotFoundError {
  /** The sandbox's id, when the error names it (official field). */
  get sandboxId(): string | undefined {
    return detail(this, "sandboxId");
  }
  /** When the sandbox was created, when known (official field). */
  get createdAt(): string | undefined {
    return detail(this, "createdAt");
  }
  /** When the sandbox expired, when known (official field). */
  get expiresAt(): string | undefined {
    return detail(this, "expiresAt");
  }
  /** The official SDK's metadata object: the fields above, plus `status` when known. */
  get metadata(): SandboxErrorMetadata {
    const { sandboxId, createdAt, expiresAt } = this;
    return known({ sandboxId, createdAt, expiresAt, status: detail(this, "status") });
  }
}

/** What {@link SandboxExpiredError.metadata} holds (the official `SandboxErrorMetadata`). */
export interface SandboxErrorMetadata {
  /** The sandbox's id. */
  sandboxId?: string;
  /** When it was created (ISO 8601). */
  createdAt?: string;
  /** When it expired (ISO 8601). */
  expiresAt?: string;
  /** Seconds it had left, in the official type; this SDK does not fill it (the server sends no such field). */
  timeToLive?: number;
  /** Its last status. */
  status?: string;
}
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
export class FileOperationError extends APIError {
  /** The path concerned, when the agent named it (official field). */
  get path(): string | undefined {
    return detail(this, "path");
  }
}
/** Code execution failed on the agent (408 timeout, 500 execution error). */
export class CodeExecutionError extends APIError {
  /** The language of the failed run, when known (official field). */
  get language(): string | undefined {
    return detail(this, "language");
  }
}
/** A command failed on the agent in a way that is not a normal non-zero exit. */
export class CommandExecutionError extends APIError {
  /** The command that failed, when known (official field). */
  get command(): string | undefined {
    return detail(this, "command");
  }
  /** Its exit code, when known (official field). */
  get exitCode(): number | undefined {
    const value = field(this, "exitCode");
    return typeof value === "number" ? value : undefined;
  }
}
/** A template build ended in failure; `logs` holds its last lines. */
export class TemplateBuildError extends HopxError {
  /** The build's last log lines. */
  readonly logs: readonly string[];
  constructor(message: string, init: HopxErrorInit & { logs?: readonly string[] } = {}) {
    super(message, { ...init, code: init.code ?? ErrorCode.TEMPLATE_BUILD_FAILED });
    this.logs = init.logs ?? [];
  }
  /** The failed build's id (official field). */
  get buildId(): string | undefined {
    return detail(this, "buildId");
  }
  /** The template being built (official field). */
  get templateId(): string | undefined {
    return detail(this, "templateId");
  }
  /** The build's last status (official field). */
  get buildStatus(): string | undefined {
    return detail(this, "buildStatus");
  }
  /** Where the build's logs are (official field). */
  get logsUrl(): string | undefined {
    return detail(this, "logsUrl");
  }
  /** Why the build failed, as the server said (official field). */
  get errorDetails(): string | undefined {
    return detail(this, "errorDetails");
  }
  /** The official SDK's metadata object: the fields above that are known. */
  get metadata(): TemplateBuildErrorMetadata {
    const { buildId, templateId, buildStatus, logsUrl, errorDetails } = this;
    return known({ buildId, templateId, buildStatus, logsUrl, errorDetails });
  }
}

/** What {@link TemplateBuildError.metadata} holds (the official `TemplateBuildErrorMetadata`). */
export interface TemplateBuildErrorMetadata {
  /** The failed build's id. */
  buildId?: string;
  /** The template being built. */
  templateId?: string;
  /** The build's last status. */
  buildStatus?: string;
  /** Where the build's logs are. */
  logsUrl?: string;
  /** Why it failed, as the server said. */
  errorDetails?: string;
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
  Object.defineProperty(Class.prototype, "name", { value: name, writable: true, configurable: true });
}
/** Every error class this SDK throws, by name. */
export const ERROR_CLASS_NAMES: readonly string[] = Object.freeze(Object.keys(ERROR_CLASSES));

/** Statuses worth resending: the server refused or failed before doing the work. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** A caller's argument was rejected before anything was sent. */
export function invalidArgument(message: string): ValidationError {
  return new ValidationError(message, { code: ErrorCode.INVALID_ARGUMENT });
}
