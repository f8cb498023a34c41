// Typed errors. Every HTTP failure becomes one of these classes, chosen by status and error code,
// carrying what a caller needs to decide what to do next. No field of an error ever holds a credential:
// every string is scrubbed when the error is built (error-base.ts). Each class also takes the official SDK's
// positional constructor arguments, so code that builds official errors (a test's mock, say) runs unchanged.
import { detail, ErrorCode, field, HopxError, type HopxErrorInit, isInit, known } from "./error-base.js";

export { ErrorCode, HopxError, type HopxErrorInit } from "./error-base.js";

/**
 * Whether a second constructor argument is the official SDK's metadata object rather than our init: the official
 * form passes a request id third, or names one of the metadata's own fields (a string `status` is the sandbox's).
 */
function officialMetadata(value: object, requestId: string | undefined, keys: readonly string[]): boolean {
  return (
    requestId !== undefined ||
    keys.some((k) => k in value) ||
    typeof (value as { status?: unknown }).status === "string"
  );
}

/**
 * A constructor's init: ours as given, or for the official form `(message, requestId?)` the fields the official
 * class sets itself (`fixed`) with that request id.
 */
const orOfficial = (init: HopxErrorInit | string | undefined, fixed: HopxErrorInit): HopxErrorInit =>
  isInit(init) ? init : { ...fixed, requestId: init };
const SANDBOX_METADATA = ["sandboxId", "createdAt", "expiresAt", "timeToLive"];
const BUILD_METADATA = ["buildId", "templateId", "buildStatus", "logsUrl", "errorDetails"];

/**
 * The official TemplateNotFoundError's suggestion: the name nearest to `name` by edit distance (letters and digits,
 * lower case), if at least 60% alike.
 */
function closestName(name: string, options: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const distance = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++)
        next[j] = Math.min(row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), next[j - 1]! + 1, row[j]! + 1);
      row = next;
    }
    return row[b.length]!;
  };
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const option of options) {
    const [a, b] = [norm(name), norm(option)];
    const d = distance(a, b);
    const longest = Math.max(a.length, b.length);
    if ((longest > 0 ? 1 - d / longest : 0) >= 0.6 && d < bestDistance) [best, bestDistance] = [option, d];
  }
  return best;
}

/** The server answered with an error status. */
export class APIError extends HopxError {}
/** 401: missing, invalid or expired credentials. */
export class AuthenticationError extends APIError {
  /** @param init - or, in the official form `(message?, requestId?)`, the request id. */
  constructor(message = "Authentication failed", init?: HopxErrorInit | string) {
    super(message, orOfficial(init, { status: 401 }));
  }
}
/** 401 from an agent after the sandbox token was refreshed once. */
export class TokenExpiredError extends AuthenticationError {
  /** @param init - or, in the official form `(message?, requestId?)`, the request id. */
  constructor(message = "JWT token has expired", init?: HopxErrorInit | string) {
    super(message, orOfficial(init, { status: 401, code: ErrorCode.TOKEN_EXPIRED }));
  }
}
/** 404: the resource does not exist. */
export class NotFoundError extends APIError {
  /** @param init - or, in the official form `(message, requestId?)`, the request id. */
  constructor(message: string, init?: HopxErrorInit | string) {
    super(message, orOfficial(init, { status: 404 }));
  }
}
/** 404 FILE_NOT_FOUND from the agent's file API. */
export class FileNotFoundError extends NotFoundError {
  /**
   * @param message - or, in the official form `(path, message?, requestId?)`, the path
   * @param init - or the official form's message
   */
  constructor(message: string, init?: HopxErrorInit | string, requestId?: string) {
    if (isInit(init)) super(message, init);
    else {
      const details = { path: message };
      super(init || `File not found: ${message}`, { status: 404, code: ErrorCode.FILE_NOT_FOUND, requestId, details });
    }
  }

  /** The path the agent reported missing, when it named one (official field). */
  get path(): string | undefined {
    return detail(this, "path");
  }
}
/** 404 on a template lookup. */
export class TemplateNotFoundError extends NotFoundError {
  /**
   * @param message - or, in the official form `(templateName, availableTemplates?, requestId?)`, the name
   * @param init - or the official form's available templates
   */
  constructor(message: string, init?: HopxErrorInit | readonly string[], requestId?: string) {
    if (isInit(init) && !Array.isArray(init)) super(message, init as HopxErrorInit);
    else {
      const availableTemplates = [...((init as readonly string[]) ?? [])];
      const suggestedTemplate = closestName(message, availableTemplates);
      const asked = `Template '${message}' not found`;
      super(suggestedTemplate ? `${asked}. Did you mean '${suggestedTemplate}'?` : asked, {
        status: 404,
        requestId,
        details: { templateName: message, availableTemplates, suggestedTemplate },
      });
    }
  }
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
  /** @param init - or, in the official form `(message, metadata, requestId?)`, the sandbox's metadata. */
  constructor(message: string, init?: HopxErrorInit | SandboxErrorMetadata, requestId?: string) {
    const official = init !== undefined && officialMetadata(init, requestId, SANDBOX_METADATA);
    const expired = { status: 410, code: ErrorCode.SANDBOX_EXPIRED, requestId, details: { ...init } };
    super(message, official ? expired : (init as HopxErrorInit | undefined));
  }
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
export class ValidationError extends APIError {
  /** @param init - or, in the official form `(message, requestId?)`, the request id. */
  constructor(message: string, init?: HopxErrorInit | string) {
    super(message, orOfficial(init, { status: 400, code: ErrorCode.INVALID_REQUEST }));
  }
}
/** 402, or 403 mentioning a limit: the account is out of balance or quota. */
export class ResourceLimitError extends APIError {
  /** @param init - or, in the official form `(message, requestId?)`, the request id (status 429, as there). */
  constructor(message: string, init?: HopxErrorInit | string) {
    super(message, orOfficial(init, { status: 429 }));
  }
}
/** 429: too many requests; `retryAfter` says how long to wait. */
export class RateLimitError extends APIError {
  /** Seconds the server asked to wait before the next request (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  /** @param init - or, in the official form `(message?, requestId?)`, the request id. */
  constructor(message = "Rate limit exceeded", init?: HopxErrorInit | string) {
    const i: HopxErrorInit = orOfficial(init, { status: 429 });
    super(message, { ...i, retryable: true });
    this.retryAfter = i.retryAfter;
  }
}
/** 5xx. */
export class ServerError extends APIError {
  /** @param init - or, in the official form `(message?, code?, requestId?)`, the code. */
  constructor(message = "Internal server error", init?: HopxErrorInit | string, requestId?: string) {
    super(message, isInit(init) ? init : { status: 500, code: init, requestId });
  }
}
/** 503/501 DESKTOP_NOT_AVAILABLE: the template has no desktop. */
export class DesktopNotAvailableError extends APIError {
  /** @param init - or, in the official form `(message?, requestId?)`, the request id. */
  constructor(message = "Desktop features not available in this template", init?: HopxErrorInit | string) {
    super(message, orOfficial(init, { status: 400, code: ErrorCode.DESKTOP_NOT_AVAILABLE }));
  }
}
/** A file operation failed on the agent (403 path not allowed, 409 exists, other file errors). */
export class FileOperationError extends APIError {
  /** @param init - or, in the official form `(message, path?, code?, requestId?)`, the path. */
  constructor(message: string, init?: HopxErrorInit | string, code?: string, requestId?: string) {
    const official = { code: code || ErrorCode.FILE_OPERATION_FAILED, requestId, details: { path: init } };
    super(message, isInit(init) ? init : official);
  }
  /** The path concerned, when the agent named it (official field). */
  get path(): string | undefined {
    return detail(this, "path");
  }
}
/** Code execution failed on the agent (408 timeout, 500 execution error). */
export class CodeExecutionError extends APIError {
  /** @param init - or, in the official form `(message, language?, code?, requestId?)`, the language. */
  constructor(message: string, init?: HopxErrorInit | string, code?: string, requestId?: string) {
    const official = { code: code || ErrorCode.EXECUTION_FAILED, requestId, details: { language: init } };
    super(message, isInit(init) ? init : official);
  }
  /** The language of the failed run, when known (official field). */
  get language(): string | undefined {
    return detail(this, "language");
  }
}
/** A command failed on the agent in a way that is not a normal non-zero exit. */
export class CommandExecutionError extends APIError {
  /** @param init - or, in the official form `(message, command?, exitCode?, requestId?)`, the command. */
  constructor(message: string, init?: HopxErrorInit | string, exitCode?: number, requestId?: string) {
    const official = { code: ErrorCode.COMMAND_FAILED, requestId, details: { command: init, exitCode } };
    super(message, isInit(init) ? init : official);
  }
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
  /** @param init - or, in the official form `(message, metadata, requestId?)`, the build's metadata. */
  constructor(
    message: string,
    init: (HopxErrorInit & { logs?: readonly string[] }) | TemplateBuildErrorMetadata = {},
    requestId?: string,
  ) {
    const i: HopxErrorInit & { logs?: readonly string[] } = officialMetadata(init, requestId, BUILD_METADATA)
      ? { requestId, details: { ...init } }
      : (init as HopxErrorInit);
    super(message, { ...i, code: i.code ?? ErrorCode.TEMPLATE_BUILD_FAILED });
    this.logs = i.logs ?? [];
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
export class NetworkError extends HopxError {
  /** @param init - or, in the official form `(message, requestId?)`, the request id. */
  constructor(message: string, init?: HopxErrorInit | string) {
    super(message, orOfficial(init, {}));
  }
}
/** The proxy refused the request (`status`: its answer, e.g. 407); not retried. */
export class ProxyError extends HopxError {}
/** The call's deadline passed (or a stream stayed idle too long). */
export class TimeoutError extends HopxError {
  /** @param init - or, in the official form `(message, requestId?)`, the request id (408, as there). */
  constructor(message: string, init?: HopxErrorInit | string) {
    super(message, orOfficial(init, { status: 408, code: ErrorCode.EXECUTION_TIMEOUT }));
  }
}
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
