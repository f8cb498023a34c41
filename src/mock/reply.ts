// What a handler (default or scripted) answers, before the server checks and writes it.

/** A Server-Sent Events source: `emit` writes one event, `end` finishes; the returned function stops it. */
export type SseSource = (emit: (event: string | undefined, data: unknown) => void, end: () => void) => () => void;

/** One answer: a status with a JSON body (wire form), raw bytes, text, or an SSE source. */
export interface Reply {
  status: number;
  /** A JSON body in wire form (snake_case), checked against the response schema of `status`. */
  json?: unknown;
  /** A non-JSON body (a download, a screenshot, Prometheus text). */
  bytes?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  sse?: SseSource;
  /** Set by the mock for its own refusals (unknown host, gone sandbox): not checked against the route. */
  internal?: boolean;
}

const CODES: Record<number, string> = {
  400: "INVALID_REQUEST",
  401: "AUTHENTICATION_REQUIRED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  408: "EXECUTION_TIMEOUT",
  409: "CONFLICT",
  429: "RATE_LIMIT_EXCEEDED",
  500: "INTERNAL_ERROR",
  501: "DESKTOP_NOT_AVAILABLE",
  503: "SERVICE_UNAVAILABLE",
};

let requestCounter = 0;
/** A request id as HopX formats them. */
export const requestId = (): string => `req_mock${(++requestCounter).toString(36).padStart(6, "0")}`;

/** An answer in the spec's flat error envelope (`{error, code, request_id}`). */
export function errorReply(
  status: number,
  message: string,
  code: string = CODES[status] ?? "INTERNAL_ERROR",
  extra: Record<string, unknown> = {},
): Reply {
  return { status, json: { error: message, code, request_id: requestId(), ...extra } };
}

/** A 200 (or `status`) JSON answer. */
export const ok = (json: unknown, status = 200): Reply => ({ status, json });
