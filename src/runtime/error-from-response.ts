// Reading a server's error answer: either HopX envelope, the Retry-After header, and the one choice of
// error class per status and code (the operation's declared classes first).
import {
  APIError,
  AuthenticationError,
  CodeExecutionError,
  CommandExecutionError,
  DesktopNotAvailableError,
  ErrorCode,
  FileNotFoundError,
  FileOperationError,
  type HopxErrorInit,
  NotFoundError,
  RateLimitError,
  ResourceLimitError,
  RETRY_STATUSES,
  SandboxExpiredError,
  ServerError,
  TemplateNotFoundError,
  ValidationError,
} from "./errors.js";
import type { ErrorClassName } from "./operation.js";

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
