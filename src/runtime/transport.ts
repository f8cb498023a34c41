// The transport under every generated resource: an openapi-fetch client bound to one plane's origin and
// credentials, with what openapi-fetch leaves out — deadlines, retries, typed errors, redacted logging,
// input checks and case conversion.
import type { Client } from "openapi-fetch";
import { DEFAULT_MAX_RESPONSE_BYTES, readCapped } from "./body.js";
import {
  AbortError,
  APIError,
  desktopUnavailable,
  ErrorCode,
  errorFromResponse,
  HopxError,
  NetworkError,
  parseErrorBody,
  parseRetryAfter,
  RETRY_STATUSES,
  TimeoutError,
  TokenExpiredError,
  ValidationError,
} from "./errors.js";
import {
  checkBaseUrl,
  checkDurationMs,
  checkHeaderName,
  checkHeaderValue,
  checkLimit,
  checkMaxRetries,
  checkPathParam,
} from "./guards.js";
import { ConnectionLimiter } from "./limiter.js";
import { createClient } from "./openapi-fetch.js";
import { streamedBodyType } from "./serializers.js";
import { renamed } from "./units.js";
import type { Logger } from "./logger.js";
import type { OperationInfo, RequestOptions, WebSocketTarget } from "./operation.js";
import { DEFAULT_RETRY, delayMs, neverSent, type RetryPolicy } from "./retry.js";
import { rememberSecret } from "./secrets.js";
import { fromWire, toWire, type OperationShapes, type ShapeRegistry } from "./shape.js";
import { anySignal } from "./signals.js";
import { deadlineSignal, isTimeoutReason, sleep, stoppableDeadline } from "./time.js";

export const DEFAULT_TIMEOUT_MS = 60_000;
/** Requests one client keeps in flight to its host before queueing (long-lived streams are not counted). */
export const DEFAULT_MAX_CONNECTIONS = 128;
/**
 * Where openapi-fetch builds URLs when the real origin is only known later (a sandbox whose agent host
 * has not been read yet); each attempt swaps it for the resolved origin, so it never reaches the wire.
 */
const PENDING_ORIGIN = "https://pending-origin.invalid";

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
  /**
   * Origin (and optional base path) of the plane, e.g. `https://api.hopx.dev`; or a function that finds
   * it when the first call is made (checked then, and the call rejects if it is not acceptable).
   */
  baseUrl: string | (() => Promise<string>);
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
  /** Default per-call timeout in milliseconds (Infinity: none). */
  requestTimeoutMs?: number;
  /** Retries after the first attempt (default 2, at most 10). */
  maxRetries?: number;
  /** Largest response body read into memory, in bytes (default 64 MiB). */
  maxResponseBytes?: number;
  /** Requests in flight to the host before further calls queue (default 128). */
  maxConnections?: number;
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
  /** When the call's deadline passes (epoch ms; Infinity: none): a retry that cannot wait in time is not made. */
  deadlineAt: number;
  /** Ends the deadline once headers arrive (streamed bodies are read at the caller's pace). */
  connected?: () => void;
  /** Set when the server answered 401 again after the credentials were renewed (then: TokenExpiredError). */
  reauthFailed?: boolean;
  onResponse?: RequestOptions["onResponse"];
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
  /** The origin, or a placeholder until a lazily found origin is known (see `resolveUrl`). */
  readonly baseUrl: string;
  /** A URL built on `baseUrl` (http or ws form) moved onto the real origin, once it is known. */
  resolveUrl(url: string): Promise<string>;
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

/** A JSON object that is not one of HopX's error envelopes (`{error: …}`). */
const isResultBody = (body: unknown): boolean =>
  typeof body === "object" && body !== null && !Array.isArray(body) && !("error" in body);

const causeMessage = (err: unknown): string =>
  err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);

function thrownToError(err: unknown, signal: AbortSignal | undefined, op: string | undefined): HopxError {
  if (err instanceof HopxError) return err;
  if (/redirect/i.test(causeMessage(err)) && !signal?.aborted) {
    return new APIError(
      `${op ?? "request"}: the server answered with a redirect, which the SDK does not follow ` +
        "(it could carry credentials elsewhere)",
      { code: ErrorCode.INVALID_RESPONSE, operation: op, cause: err },
    );
  }
  if (signal?.aborted) {
    return isTimeoutReason(signal.reason)
      ? new TimeoutError(`${op ?? "request"}: timed out`, {
          code: ErrorCode.TIMEOUT,
          retryable: true,
          operation: op,
          cause: err,
        })
      : new AbortError(`${op ?? "request"}: aborted`, { code: ErrorCode.ABORTED, operation: op, cause: err });
  }
  const detail = causeMessage(err);
  return new NetworkError(`${op ?? "request"}: network error (${detail})`, {
    code: ErrorCode.NETWORK_ERROR,
    retryable: true,
    operation: op,
    cause: err,
  });
}

export function createTransport<Paths extends {}>(config: TransportConfig): Transport<Paths> {
  const label = config.label ?? "baseURL";
  // Options are checked here, once: a bad value is a ValidationError before anything is sent.
  const lazyBase = typeof config.baseUrl === "function" ? config.baseUrl : undefined;
  const baseUrl = lazyBase ? PENDING_ORIGIN : checkBaseUrl(config.baseUrl as string, label, config.allowInsecure);
  let resolvedBase: Promise<string> | undefined;
  const realBase = (): Promise<string> => {
    if (!lazyBase) return Promise.resolve(baseUrl);
    resolvedBase ??= lazyBase().then((url) => checkBaseUrl(url, label, config.allowInsecure));
    // A failed lookup is not cached: the next call asks again.
    resolvedBase.catch(() => (resolvedBase = undefined));
    return resolvedBase;
  };
  const resolveUrl = async (url: string): Promise<string> => {
    if (!lazyBase) return url;
    const base = await realBase();
    const ws = /^wss?:/.test(url);
    const pending = ws ? PENDING_ORIGIN.replace(/^https/, "wss") : PENDING_ORIGIN;
    const real = ws ? base.replace(/^http/, "ws") : base;
    return real + url.slice(pending.length);
  };
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY,
    ...config.retry,
    maxRetries: config.maxRetries === undefined ? DEFAULT_RETRY.maxRetries : checkMaxRetries(config.maxRetries),
  };
  const log = config.logger;
  const baseFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  const defaultTimeout =
    config.requestTimeoutMs === undefined
      ? DEFAULT_TIMEOUT_MS
      : checkDurationMs("requestTimeoutMs", config.requestTimeoutMs, true);
  const maxResponseBytes =
    config.maxResponseBytes === undefined
      ? DEFAULT_MAX_RESPONSE_BYTES
      : checkLimit("maxResponseBytes", config.maxResponseBytes);
  const limiter = new ConnectionLimiter(
    config.maxConnections === undefined ? DEFAULT_MAX_CONNECTIONS : checkLimit("maxConnections", config.maxConnections),
  );
  const shapesOf = (op: OperationInfo): OperationShapes => config.operationShapes[op.id] ?? {};

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
    // Streamed answers (SSE, downloads) are read at the caller's pace and are not held in memory here.
    const streamed = op?.stream === "sse" || op?.stream === "binary" || op?.stream === "websocket";
    const signal = ctx?.signal ?? request.signal;
    const deadlineAt = ctx?.deadlineAt ?? Number.POSITIVE_INFINITY;
    /** Waits before the next attempt, unless the wait would end past the call's deadline. */
    const fitsDeadline = (wait: number): boolean => Date.now() + wait < deadlineAt;
    const started = Date.now();
    let reauthorized = false;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      let response: Response;
      let credentials: Record<string, string> = {};
      // A free slot is taken without a promise (the common case); only a full client waits in the queue.
      const release = streamed
        ? undefined
        : (limiter.tryAcquire() ??
          (await limiter.acquire(signal).catch((err: unknown) => {
            throw thrownToError(err, signal, op?.id);
          })));
      try {
        const url = lazyBase ? await resolveUrl(request.url) : request.url;
        credentials = op?.public ? {} : ((await config.credentials?.(op)) ?? {});
        for (const [name, value] of Object.entries(credentials)) {
          rememberSecret(value);
          request.headers.set(name, checkHeaderValue(name, value));
        }
        log?.debug(`→ ${request.method} ${op?.path ?? request.url.slice(baseUrl.length)}`, {
          operation: op?.id,
          attempt: attempt + 1,
        });
        // A streamed body (multipart or binary) carries its own Content-Type, and fetch needs `duplex` for it.
        const streamedType = streamedBodyType(request.body);
        if (streamedType) request.headers.set("Content-Type", streamedType);
        const streaming = request.body instanceof ReadableStream ? { duplex: "half" } : {};
        response = await baseFetch(url, { ...request.init, ...streaming, headers: request.headers, redirect: "error" });
        // Error bodies are read whole whatever the operation; success bodies unless they are streamed.
        if (!streamed || !response.ok) response = await readCapped(response, maxResponseBytes, op?.id);
      } catch (err) {
        release?.();
        const error = thrownToError(err, signal, op?.id);
        const mayResend = error instanceof NetworkError && (op?.retrySafe === true || neverSent(err));
        const wait = delayMs(attempt, policy);
        if (last || !mayResend || !fitsDeadline(wait)) throw error;
        log?.warn(`${op?.id}: ${error.message}; retrying in ${wait} ms`, { attempt: attempt + 1 });
        await sleep(wait, signal);
        continue;
      }
      if (release) limiter.releaseSoon(release);
      if (response.status === 401 && op && replayable && config.onUnauthorized) {
        if (!reauthorized) {
          reauthorized = true;
          if (await config.onUnauthorized(op, credentials)) {
            attempt--; // a resend with fresh credentials is not a retry
            continue;
          }
        } else if (ctx) {
          ctx.reauthFailed = true; // rejected again with renewed credentials
        }
        return response;
      }
      ctx?.connected?.();
      log?.debug(`← ${response.status} ${op?.id ?? ""}`, {
        ms: Date.now() - started,
        requestId: response.headers.get("x-request-id") ?? undefined,
      });
      // 429 means the server did not act on the request, so it is resent even for a non-idempotent call;
      // 502/503/504 may come after the work was done, so only retry-safe operations resend on them.
      if (last || !RETRY_STATUSES.has(response.status) || (response.status !== 429 && op?.retrySafe !== true))
        return response;
      if (desktopUnavailable(response.status, op?.path)) return response;
      let retryAfter = parseRetryAfter(response.headers.get("retry-after"));
      if (retryAfter === undefined && response.status === 429) {
        const text = await response
          .clone()
          .text()
          .catch(() => "");
        try {
          retryAfter = parseErrorBody(JSON.parse(text)).retryAfter;
        } catch {
          retryAfter = undefined;
        }
      }
      if (retryAfter !== undefined && retryAfter * 1000 > policy.maxRetryAfterMs) return response;
      const wait = delayMs(attempt, policy, retryAfter);
      // A wait that cannot end before the deadline would only turn this answer into a TimeoutError later:
      // the caller learns more, sooner, from the answer itself (a RateLimitError with retryAfter).
      if (!fitsDeadline(wait)) return response;
      log?.warn(`${op?.id}: HTTP ${response.status}; retrying in ${wait} ms`, { attempt: attempt + 1 });
      await response.body?.cancel().catch(() => undefined);
      await sleep(wait, signal);
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
    resolveUrl,
    init(op, options = {}) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (RESERVED_HEADERS.has(checkHeaderName(name).toLowerCase()))
          throw new ValidationError(`${op.id}: header ${name} is set by the SDK`, { code: ErrorCode.INVALID_ARGUMENT });
        headers[name] = checkHeaderValue(name, value);
      }
      if (op.accept) headers.Accept = op.accept;
      if (config.userAgent) headers["User-Agent"] = config.userAgent;
      const requested = renamed(op.id, options, "timeoutMs", "timeout");
      const timeout =
        requested === undefined ? defaultTimeout : checkDurationMs(`${op.id}: timeoutMs`, requested, true);
      const limited = Number.isFinite(timeout);
      const streamed = op.stream === "sse" || op.stream === "binary";
      const deadline = limited
        ? streamed
          ? stoppableDeadline(timeout)
          : { signal: deadlineSignal(timeout), stop: undefined }
        : undefined;
      const signal = anySignal([options.signal, deadline?.signal]);
      const deadlineAt = limited ? Date.now() + timeout : Number.POSITIVE_INFINITY;
      const hopx: CallContext = {
        op,
        signal,
        deadlineAt,
        ...(deadline?.stop ? { connected: deadline.stop } : {}),
        ...(options.onResponse ? { onResponse: options.onResponse } : {}),
      };
      return { headers, parseAs: PARSE_AS[op.stream], hopx, ...(signal ? { signal } : {}) };
    },
    path<T extends Record<string, unknown>>(op: OperationInfo, params: T): T {
      for (const [name, value] of Object.entries(params)) {
        try {
          checkPathParam(name, value);
        } catch (err) {
          throw new ValidationError(`${op.id}: ${(err as Error).message}`, {
            code: ErrorCode.INVALID_ARGUMENT,
            operation: op.id,
          });
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
        throw thrownToError(err, init.signal, op.id);
      }
      const { response } = result;
      init.hopx.onResponse?.({ status: response.status, headers: response.headers });
      // A declared result status (runCommand's 500 for a non-zero exit) carrying a result, not an envelope.
      if (!response.ok && op.resultStatuses?.includes(response.status) && isResultBody(result.error)) {
        return fromWire<T>(result.error, shapesOf(op).result, config.shapes);
      }
      if (!response.ok) {
        const error = errorFromResponse(op, response.status, result.error, response.headers);
        if (init.hopx.reauthFailed) throw new TokenExpiredError(`${error.message} (after renewing the token)`, error);
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
      for (const [key, value] of Object.entries(wire ?? {}))
        if (value !== undefined) url.searchParams.set(key, String(value));
      return { operation: op, url: url.toString() };
    },
  };
}
