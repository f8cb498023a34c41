// The transport under every generated resource: an openapi-fetch client bound to one plane's origin and
// credentials, with what openapi-fetch leaves out — deadlines, retries, typed errors, redacted logging,
// input checks and case conversion.
import createClient, { type Client } from "openapi-fetch";
import { AbortError, APIError, desktopUnavailable, ErrorCode, errorFromResponse, HopxError, NetworkError, parseErrorBody, parseRetryAfter, RETRY_STATUSES, TimeoutError, TokenExpiredError, ValidationError } from "./errors.js";
import { checkBaseUrl, checkHeaderValue, checkPathParam } from "./guards.js";
import type { Logger } from "./logger.js";
import type { OperationInfo, RequestOptions, WebSocketTarget } from "./operation.js";
import { DEFAULT_RETRY, delayMs, neverSent, sleep, type RetryPolicy } from "./retry.js";
import { rememberSecret, scrubSecrets } from "./secrets.js";
import { fromWire, toWire, type OperationShapes, type ShapeRegistry } from "./shape.js";
import { anySignal, isTimeoutReason, stoppableTimeout, timeoutSignal } from "./signals.js";

export const DEFAULT_TIMEOUT_MS = 60_000;
/** Marks a 401 that came back again after credentials were renewed (becomes TokenExpiredError). */
const REAUTH_FAILED = "x-hopx-reauthorized";

type ParseAs = "json" | "text" | "stream";
// JSON is read as text and parsed here, so a malformed body becomes a typed error (openapi-fetch would throw
// a bare SyntaxError).
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

export interface TransportConfig {
  /** Origin (and optional base path) of the plane, e.g. `https://api.hopx.dev`. */
  baseUrl: string;
  /** Which plane, for error messages: "control plane" or "agent". */
  label?: string;
  /**
   * Credential headers for this plane's origin, read before every attempt so a refreshed token is picked
   * up. May be async (fetch a token first); if it throws, nothing is sent.
   */
  credentials?: (op: OperationInfo | undefined) => Record<string, string> | Promise<Record<string, string>>;
  /**
   * Called once per call when the server answers 401; resolving true means fresh credentials are ready
   * and the request is resent once (the agent plane refreshes its sandbox token here).
   */
  onUnauthorized?: (op: OperationInfo, used: Readonly<Record<string, string>>) => Promise<boolean>;
  shapes: ShapeRegistry;
  operationShapes: Readonly<Record<string, OperationShapes>>;
  /** Default per-call timeout in milliseconds (0 or Infinity: none). */
  timeout?: number;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  retry?: Partial<Omit<RetryPolicy, "maxRetries">>;
  /** Allows plain http to a non-loopback host. */
  allowInsecure?: boolean;
  logger?: Logger;
  fetch?: typeof globalThis.fetch;
  userAgent?: string;
}

/** Per-call facts the fetch wrapper reads back from the Request (openapi-fetch copies unknown init keys onto it). */
interface CallContext {
  op: OperationInfo;
  signal: AbortSignal | undefined;
  /** Ends the deadline once headers arrive (streamed bodies are read at the caller's pace). */
  connected?: () => void;
}

export interface CallInit {
  signal?: AbortSignal;
  headers: Record<string, string>;
  parseAs: ParseAs;
  hopx: CallContext;
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface Transport<Paths extends {}> {
  /** The typed openapi-fetch client of this plane (wire shapes), for callers who want them. */
  readonly client: Client<Paths>;
  readonly baseUrl: string;
  init(op: OperationInfo, options?: RequestOptions): CallInit;
  path<T extends Record<string, unknown>>(op: OperationInfo, params: T): T;
  query<T>(op: OperationInfo, value: unknown): T;
  body<T>(op: OperationInfo, value: unknown): T;
  /** Awaits the call and turns every outcome into the method's result or a typed error. */
  finish<T>(op: OperationInfo, init: CallInit, pending: Promise<FetchResult>): Promise<T>;
  websocket<C, S>(op: OperationInfo, query?: unknown): WebSocketTarget<C, S>;
}

/**
 * What openapi-fetch builds in place of a `Request`: the URL and init as they are, so each attempt goes to
 * `fetch(url, init)` without a Request object of ours, and a resend needs no clone (a JSON body is a
 * string). openapi-fetch copies unknown init keys (our `hopx` context) onto it.
 */
class WireRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null | undefined;
  readonly signal: AbortSignal | undefined;
  readonly init: RequestInit;
  // `declare`: no own property, so openapi-fetch's "copy keys the request lacks" sets it.
  declare hopx?: CallContext;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.init = init;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body;
    this.signal = init.signal ?? undefined;
  }
}

const causeMessage = (err: unknown): string => (err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err));

function thrownToError(err: unknown, signal: AbortSignal | undefined, op: string | undefined): HopxError {
  if (err instanceof HopxError) return err;
  if (/redirect/i.test(causeMessage(err)) && !signal?.aborted) {
    return new APIError(`${op ?? "request"}: the server answered with a redirect, which the SDK does not follow (it could carry credentials elsewhere)`, { code: ErrorCode.INVALID_RESPONSE, operation: op, cause: err });
  }
  if (signal?.aborted) {
    return isTimeoutReason(signal.reason)
      ? new TimeoutError(`${op ?? "request"}: timed out`, { code: ErrorCode.TIMEOUT, retryable: true, operation: op, cause: err })
      : new AbortError(`${op ?? "request"}: aborted`, { code: ErrorCode.ABORTED, operation: op, cause: err });
  }
  const detail = causeMessage(err);
  return new NetworkError(`${op ?? "request"}: network error (${detail})`, { code: ErrorCode.NETWORK_ERROR, retryable: true, operation: op, cause: err });
}

export function createTransport<Paths extends {}>(config: TransportConfig): Transport<Paths> {
  const label = config.label ?? "baseURL";
  const baseUrl = checkBaseUrl(config.baseUrl, label, config.allowInsecure);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...config.retry, maxRetries: config.maxRetries ?? DEFAULT_RETRY.maxRetries };
  const log = config.logger;
  const baseFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  const defaultTimeout = config.timeout ?? DEFAULT_TIMEOUT_MS;
  const shapesOf = (op: OperationInfo): OperationShapes => config.operationShapes[op.id] ?? {};
  // A server may echo a credential back in an error; errors carry none (see secrets.ts).
  const scrubError = (error: HopxError): HopxError => {
    error.message = scrubSecrets(error.message);
    if (error.details) (error as { details: Readonly<Record<string, unknown>> | undefined }).details = JSON.parse(scrubSecrets(JSON.stringify(error.details))) as Record<string, unknown>;
    return error;
  };

  /** Sends with retries. Only the wire is retried here; what a response means is decided in finish(). */
  async function send(request: WireRequest): Promise<Response> {
    const ctx = request.hopx;
    const op = ctx?.op;
    // A prefix check, not a URL parse: openapi-fetch appends the encoded path to baseUrl verbatim.
    if (!(request.url === baseUrl || request.url.startsWith(`${baseUrl}/`) || request.url.startsWith(`${baseUrl}?`))) {
      // Never happens through generated code; refuses rather than send credentials elsewhere.
      throw new ValidationError(`${op?.id ?? "request"}: URL leaves ${label}`, { code: ErrorCode.INVALID_ARGUMENT });
    }
    // An upload is streamed; replaying it would mean holding it all in memory, so it is sent once. Any
    // other body is a string (JSON) or absent, so a resend costs nothing.
    const replayable = op?.upload === undefined && !(request.body instanceof ReadableStream);
    const maxRetries = ctx && replayable ? policy.maxRetries : 0;
    const started = Date.now();
    let reauthorized = false;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      let response: Response;
      let credentials: Record<string, string> = {};
      try {
        credentials = op?.public ? {} : ((await config.credentials?.(op)) ?? {});
        for (const [name, value] of Object.entries(credentials)) {
          rememberSecret(value);
          request.headers.set(name, checkHeaderValue(name, value));
        }
        log?.debug(`→ ${request.method} ${op?.path ?? request.url.slice(baseUrl.length)}`, { operation: op?.id, attempt: attempt + 1 });
        response = await baseFetch(request.url, { ...request.init, headers: request.headers, redirect: "error" });
      } catch (err) {
        const error = scrubError(thrownToError(err, ctx?.signal ?? request.signal, op?.id));
        const mayResend = error instanceof NetworkError && (op?.retrySafe === true || neverSent(err));
        if (last || !mayResend) throw error;
        const wait = delayMs(attempt, policy);
        log?.warn(`${op?.id}: ${error.message}; retrying in ${wait} ms`, { attempt: attempt + 1 });
        await sleep(wait, ctx?.signal);
        continue;
      }
      if (response.status === 401 && op && replayable && config.onUnauthorized) {
        const body = await response.text().catch(() => "");
        const headers = new Headers(response.headers);
        if (!reauthorized) {
          reauthorized = true;
          if (await config.onUnauthorized(op, credentials)) {
            attempt--; // a resend with fresh credentials is not a retry
            continue;
          }
        } else {
          headers.set(REAUTH_FAILED, "1"); // rejected again with renewed credentials
        }
        return new Response(body, { status: 401, statusText: response.statusText, headers });
      }
      ctx?.connected?.();
      log?.debug(`← ${response.status} ${op?.id ?? ""}`, { ms: Date.now() - started, requestId: response.headers.get("x-request-id") ?? undefined });
      // 429 means the server did not act on the request, so it is resent even for a non-idempotent call;
      // 502/503/504 may come after the work was done, so only retry-safe operations resend on them.
      if (last || !RETRY_STATUSES.has(response.status) || (response.status !== 429 && op?.retrySafe !== true)) return response;
      if (desktopUnavailable(response.status, op?.path)) return response;
      let retryAfter = parseRetryAfter(response.headers.get("retry-after"));
      if (retryAfter === undefined && response.status === 429) {
        const text = await response.clone().text().catch(() => "");
        try {
          retryAfter = parseErrorBody(JSON.parse(text)).retryAfter;
        } catch {
          retryAfter = undefined;
        }
      }
      if (retryAfter !== undefined && retryAfter * 1000 > policy.maxRetryAfterMs) return response;
      const wait = delayMs(attempt, policy, retryAfter);
      log?.warn(`${op?.id}: HTTP ${response.status}; retrying in ${wait} ms`, { attempt: attempt + 1 });
      await response.body?.cancel().catch(() => undefined);
      await sleep(wait, ctx?.signal);
    }
  }

  const client = createClient<Paths>({
    baseUrl,
    fetch: send as unknown as typeof globalThis.fetch,
    Request: WireRequest as unknown as typeof Request,
    // Follow no redirects: one could carry credentials to another origin. `error` rather than `manual`:
    // Node 20's fetch holds the whole upload body in memory under both `follow` and `manual` (undici
    // #4058; measured +269 MiB for a 256 MiB upload with `manual`, +37 MiB with `error`).
    redirect: "error",
  });

  return {
    client,
    baseUrl,
    init(op, options = {}) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (RESERVED_HEADERS.has(name.toLowerCase())) throw new ValidationError(`${op.id}: header ${name} is set by the SDK`, { code: ErrorCode.INVALID_ARGUMENT });
        headers[name] = checkHeaderValue(name, value);
      }
      if (op.accept) headers.Accept = op.accept;
      if (config.userAgent) headers["User-Agent"] = config.userAgent;
      const timeout = options.timeout ?? defaultTimeout;
      const limited = timeout > 0 && Number.isFinite(timeout);
      const streamed = op.stream === "sse" || op.stream === "binary";
      const deadline = limited ? (streamed ? stoppableTimeout(timeout) : { signal: timeoutSignal(timeout), stop: undefined }) : undefined;
      const signal = anySignal([options.signal, deadline?.signal]);
      const hopx: CallContext = { op, signal, ...(deadline?.stop ? { connected: deadline.stop } : {}) };
      return { headers, parseAs: PARSE_AS[op.stream], hopx, ...(signal ? { signal } : {}) };
    },
    path<T extends Record<string, unknown>>(op: OperationInfo, params: T): T {
      for (const [name, value] of Object.entries(params)) {
        try {
          checkPathParam(name, value);
        } catch (err) {
          throw new ValidationError(`${op.id}: ${(err as Error).message}`, { code: ErrorCode.INVALID_ARGUMENT, operation: op.id });
        }
      }
      return params;
    },
    query<T>(op: OperationInfo, value: unknown): T {
      return toWire<T>(value, shapesOf(op).query, config.shapes);
    },
    body<T>(op: OperationInfo, value: unknown): T {
      return toWire<T>(value, shapesOf(op).body, config.shapes);
    },
    async finish<T>(op: OperationInfo, init: CallInit, pending: Promise<FetchResult>): Promise<T> {
      let result: FetchResult;
      try {
        result = await pending;
      } catch (err) {
        throw scrubError(thrownToError(err, init.signal, op.id));
      }
      const { response } = result;
      if (!response.ok) {
        const error = scrubError(errorFromResponse(op.id, response.status, result.error, response.headers, op.path));
        if (response.headers.has(REAUTH_FAILED)) throw new TokenExpiredError(`${error.message} (after renewing the token)`, error);
        throw error;
      }
      if (op.stream === "none") return undefined as T;
      if (op.stream !== "json") return result.data as T;
      const text = typeof result.data === "string" ? result.data : "";
      if (text.trim() === "") return undefined as T;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new APIError(`${op.id}: the server sent malformed JSON (${text.length} bytes)`, {
          status: response.status,
          code: ErrorCode.INVALID_RESPONSE,
          requestId: response.headers.get("x-request-id") ?? undefined,
          operation: op.id,
          cause: err,
        });
      }
      return fromWire<T>(parsed, shapesOf(op).result, config.shapes);
    },
    websocket<C, S>(op: OperationInfo, query?: unknown): WebSocketTarget<C, S> {
      const url = new URL(baseUrl + op.path);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      const wire = toWire<Record<string, unknown> | undefined>(query, shapesOf(op).query, config.shapes);
      for (const [key, value] of Object.entries(wire ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
      return { operation: op, url: url.toString() };
    },
  };
}
