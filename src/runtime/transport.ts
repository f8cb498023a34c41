// The transport under every generated resource: an openapi-fetch client bound to one plane's origin and
// credentials, with what openapi-fetch leaves out — deadlines, retries, typed errors, redacted logging,
// input checks and case conversion.
import type { Client } from "openapi-fetch";
import { bufferedResponse, declaredWithin, decodeText, DEFAULT_MAX_RESPONSE_BYTES, readCappedBytes } from "./body.js";
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
import { ConnectionLimiter, type Release } from "./limiter.js";
import { createClient } from "./openapi-fetch.js";
import type { ProxySettings } from "./proxy.js";
import { clientFetch } from "./proxy-fetch.js";
import { streamedBodyType } from "./serializers.js";
import { renamed } from "./units.js";
import type { Logger } from "./logger.js";
import type { OperationInfo, RequestOptions, WebSocketTarget } from "./operation.js";
import { DEFAULT_RETRY, delayMs, neverSent, type RetryPolicy } from "./retry.js";
import { rememberSecret } from "./secrets.js";
import { fromWire, toWire, type OperationShapes, type ShapeRegistry } from "./shape.js";
import { anySignal } from "./signals.js";
import { startOperation, traceAttempt, traceStream, tracing, type OperationTrace } from "./tracing.js";
import { isTimeoutReason, requestDeadline, sleep, stoppableDeadline, type CallDeadline } from "./time.js";

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
  /** Proxies (`sdkProxySettings()`); not applied to a `fetch` of the caller's. */
  proxy?: ProxySettings | undefined;
  /** The agent's sandbox, for spans. */
  sandboxId?: string | undefined;
  /** Sends `traceparent` while a span is recorded. */
  traceContext?: boolean | undefined;
  userAgent?: string;
}

/** Per-call facts the fetch wrapper reads back from the Request (openapi-fetch copies unknown init keys onto it). */
interface CallContext {
  op: OperationInfo;
  /** What the send path reads of `op`, in one shape for every operation. */
  plan: OpPlan;
  signal: AbortSignal | undefined;
  /** When the call's deadline passes (epoch ms; Infinity: none): a retry that cannot wait in time is not made. */
  deadlineAt: number;
  /** Ends the deadline once headers arrive (streamed bodies are read at the caller's pace). */
  connected?: () => void;
  /** The call's deadline, ended by finish() once the call is over (not for streamed answers). */
  deadline?: CallDeadline;
  /** The headers record init() built (names lower-case, values checked), and whether it names a Content-Type. */
  headers: Record<string, string>;
  contentType: boolean;
  /** Set when the server answered 401 again after the credentials were renewed (then: TokenExpiredError). */
  reauthFailed?: boolean;
  onResponse?: RequestOptions["onResponse"];
  /** The options object init() returned: while a call passes that very object, its keys are known. */
  options?: CallInit;
  /** The operation's span (tracing.ts), started by the first attempt and ended by finish(). */
  trace?: OperationTrace;
}

declare const callStateBrand: unique symbol;
/** The transport's own state of one call, carried in a {@link CallInit}; only the transport reads it. */
export interface CallState {
  readonly [callStateBrand]: true;
}

/**
 * What `Transport.init()` gives a call: openapi-fetch options, plus the transport's state of the call. A type,
 * not an interface: openapi-fetch's options take an index signature, which only type literals satisfy.
 */
export type CallInit = {
  /** Fires at the call's deadline or when the caller's signal does (absent: neither applies). */
  signal?: AbortSignal;
  /** The request headers, names lower-case and values checked; the transport adds the credentials. */
  headers: Record<string, string>;
  /** How openapi-fetch reads the answer: the transport reads JSON as text and parses it itself. */
  parseAs: ParseAs;
  /** The transport's state of the call, read back by `finish()`. */
  hopx: CallState;
};

/** What a generated call adds to its init() object. */
export interface CallParts {
  /** openapi-fetch's `params` (`path`, `query`). */
  params?: object;
  /** The request body, as openapi-fetch takes it. */
  body?: unknown;
  /** openapi-fetch's `bodySerializer`, for bodies that are not JSON. */
  bodySerializer?: unknown;
}

const callState = (context: CallContext): CallState => context as unknown as CallState;
const callContext = (state: CallState): CallContext => state as unknown as CallContext;

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * One plane's HTTP layer under the generated resources: openapi-fetch with retries, deadlines, limits and that
 * plane's credentials. Built by `controlPlaneTransport` or `agentTransport`.
 */
export interface Transport<Paths extends {}> {
  /** The typed openapi-fetch client of this plane (wire shapes), for callers who want them. */
  readonly client: Client<Paths>;
  /** The origin, or a placeholder until a lazily found origin is known (see `resolveUrl`). */
  readonly baseUrl: string;
  /** A URL built on `baseUrl` (http or ws form) moved onto the real origin, once it is known. */
  resolveUrl(url: string): Promise<string>;
  /**
   * Starts a call: its deadline, abort signal, headers and per-call options. The object cannot be extended:
   * put parameters and a body on it with `with()`, or spread it into options of your own.
   */
  init(op: OperationInfo, options?: RequestOptions): CallInit;
  /**
   * Puts a call's `params`, `body` and `bodySerializer` on its `init()` object and returns that same object
   * (no copy per call), typed for openapi-fetch's methods.
   */
  with<T extends CallParts>(init: CallInit, parts: T): CallInit & T;
  /** Checks and returns an operation's path parameters (each stays inside its path segment). */
  path<T extends Record<string, unknown>>(op: OperationInfo, params: T): T;
  /** Converts a camelCase query object to the wire's names. */
  query<T>(op: OperationInfo, value: unknown): T;
  /** Converts a camelCase request body to the wire's shape (binary bodies pass through). */
  body<T>(op: OperationInfo, value: unknown): T;
  /** Awaits the call and turns every outcome into the method's result or a typed error. */
  finish<T>(op: OperationInfo, init: CallInit, pending: Promise<FetchResult>): Promise<T>;
  /** The URL and operation of a WebSocket endpoint, for the stream layer to open. */
  websocket<C, S>(op: OperationInfo, query?: unknown): WebSocketTarget<C, S>;
}

/** What send() is given: by openapi-fetch (a WireRequest) or by the direct path of generated calls. */
interface SendRequest {
  readonly url: string;
  readonly method: string;
  /** A Headers object (openapi-fetch), or a record with lower-case names (direct path). */
  readonly headers: Headers | Record<string, string>;
  readonly body: BodyInit | null | undefined;
  readonly signal: AbortSignal | undefined;
  readonly init: RequestInit;
  readonly hopx?: CallContext | undefined;
  /** Built by the direct path: `init` is what fetch gets (headers and redirect included). */
  readonly direct?: boolean;
}

/**
 * What transmit() got: the response, and its body when it was read here (then used up on the response): as
 * text for the direct path (which takes every answer as text), else as bytes.
 */
interface Answer {
  response: Response;
  bytes?: Uint8Array<ArrayBuffer> | undefined;
  text?: string | undefined;
}

/** An answer's body as text (undefined: not read here). */
const answerText = ({ bytes, text }: Answer): string | undefined =>
  text ?? (bytes === undefined ? undefined : decodeText(bytes));

/**
 * What openapi-fetch builds in place of a `Request`: the URL and init as they are, so each attempt goes to
 * `fetch(url, init)` without a Request object of ours, and a resend needs no clone (a JSON body is a
 * string). openapi-fetch copies unknown init keys (our `hopx` context) onto it.
 */
class WireRequest implements SendRequest {
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

const isThenable = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as { then?: unknown } | undefined)?.then === "function";

/** Whether a wait before the next attempt ends before the call's deadline. */
const fitsDeadline = (wait: number, deadlineAt: number): boolean => Date.now() + wait < deadlineAt;

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

/**
 * A path template split once: literals around `{name}` parameters; null when a parameter has a style prefix
 * or suffix.
 */
interface PathTemplate {
  readonly literals: readonly string[];
  readonly names: readonly string[];
}
const pathTemplates = new Map<string, PathTemplate | null>();

function compilePath(path: string): PathTemplate | null {
  let template = pathTemplates.get(path);
  if (template !== undefined) return template;
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  template = { literals, names };
  for (const match of path.matchAll(/\{([^{}]+)\}/g)) {
    const name = match[1]!;
    // Label (.x), matrix (;x) and exploded (x*) styles: openapi-fetch's serializer.
    if (/^[.;]|\*$/.test(name)) {
      template = null;
      break;
    }
    literals.push(path.slice(last, match.index));
    names.push(name);
    last = match.index + match[0].length;
  }
  if (template) literals.push(path.slice(last));
  pathTemplates.set(path, template);
  return template;
}

const isPrimitive = (value: unknown): value is string | number | boolean =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/** openapi-fetch's default path serialization for primitive values; undefined for anything else. */
function fillPath(template: PathTemplate, values: Record<string, unknown> | undefined): string | undefined {
  let out = template.literals[0]!;
  for (let i = 0; i < template.names.length; i++) {
    const value = values?.[template.names[i]!];
    if (!isPrimitive(value)) return undefined;
    out += encodeURIComponent(value) + template.literals[i + 1]!;
  }
  return out;
}

/**
 * openapi-fetch's default query serialization (form, explode) for primitive values; undefined for arrays and
 * objects.
 */
function simpleQuery(query: Record<string, unknown> | undefined): string | undefined {
  let out = "";
  if (!query) return out;
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    if (!isPrimitive(value)) return undefined;
    out += `${out ? "&" : ""}${name}=${encodeURIComponent(value)}`;
  }
  return out;
}

/**
 * What the per-call path reads of an operation, made once per operation. The generated operation objects
 * differ in shape (some carry `errors`, `accept`, `upload` …), so code reading them directly sees a new shape
 * with each operation and loses its optimized form when a program moves from one operation to another.
 */
interface OpPlan {
  readonly parseAs: ParseAs;
  /** SSE or binary: the deadline ends when the response starts. */
  readonly streamedAnswer: boolean;
  /** SSE, binary or WebSocket: the body is read at the caller's pace, not here. */
  readonly streamed: boolean;
  readonly upload: boolean;
  readonly isPublic: boolean;
  readonly retrySafe: boolean;
  readonly accept: string | undefined;
  readonly stream: OperationInfo["stream"];
}

function makePlan(op: OperationInfo): OpPlan {
  const stream = op.stream;
  return {
    parseAs: PARSE_AS[stream],
    streamedAnswer: stream === "sse" || stream === "binary",
    streamed: stream === "sse" || stream === "binary" || stream === "websocket",
    upload: op.upload !== undefined,
    isPublic: op.public === true,
    retrySafe: op.retrySafe === true,
    accept: op.accept || undefined,
    stream,
  };
}

const plans = new WeakMap<OperationInfo, OpPlan>();
function planOf(op: OperationInfo): OpPlan {
  let plan = plans.get(op);
  if (!plan) {
    plan = makePlan(op);
    plans.set(op, plan);
  }
  return plan;
}

const NO_PARAMS: Readonly<Record<string, unknown>> = Object.freeze({});

/** Keys of a generated call's options that the direct path understands; any other key goes through openapi-fetch. */
const DIRECT_KEYS: ReadonlySet<string> = new Set([
  "signal",
  "headers",
  "parseAs",
  "hopx",
  "params",
  "body",
  "bodySerializer",
]);

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
  // Proxy hook: the one place the fetch of every attempt is chosen (proxied per URL when settings apply).
  const baseFetch = clientFetch(config.fetch, config.proxy);
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
  /** Credential header values that passed checkHeaderValue, by name (the last one of each). */
  const checkedCredentials = new Map<string, string>();

  // The prefixes a request URL may start with (openapi-fetch appends the encoded path to baseUrl verbatim).
  const basePath = `${baseUrl}/`;
  const baseQuery = `${baseUrl}?`;

  /**
   * Sends with retries. Only the wire is retried here; what a response means is decided in finish(). The
   * body is read here (capped) unless the operation streams its answer: `bytes` holds it, and the
   * response's own body is then used up.
   */
  async function transmit(request: SendRequest): Promise<Answer> {
    const ctx = request.hopx;
    const op = ctx?.op;
    const url0 = request.url;
    // Tracing hook: the operation's span starts with its first attempt; finish() ends it.
    if (ctx && op && !ctx.trace && tracing()) {
      const attributes = { "http.request.method": op.method, "url.template": op.path, "hopx.plane": op.plane };
      ctx.trace = startOperation(op.id, attributes, config.traceContext);
    }
    const trace = ctx?.trace;
    // The direct path builds its URL on baseUrl itself; openapi-fetch's URL is checked.
    if (!request.direct && !(url0 === baseUrl || url0.startsWith(basePath) || url0.startsWith(baseQuery))) {
      // Never happens through generated code; refuses rather than send credentials elsewhere.
      throw new ValidationError(`${op?.id ?? "request"}: URL leaves ${label}`, { code: ErrorCode.INVALID_ARGUMENT });
    }
    // An upload is streamed; replaying it would mean holding it all in memory, so it is sent once. Any
    // other body is a string (JSON) or absent, so a resend costs nothing.
    const plan = ctx?.plan;
    const replayable = !plan?.upload && !(request.body instanceof ReadableStream);
    const maxRetries = ctx && replayable ? policy.maxRetries : 0;
    // Streamed answers (SSE, downloads) are read at the caller's pace and are not held in memory here.
    const streamed = plan?.streamed === true;
    const signal = ctx ? ctx.signal : request.signal;
    const started = log ? Date.now() : 0;
    // Direct calls hand over the init fetch gets (redirect: "error" included); openapi-fetch's is copied.
    const init = request.direct ? request.init : wireInit(request);
    let reauthorized = false;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      let bytes: Uint8Array<ArrayBuffer> | undefined;
      let text: string | undefined;
      let credentials: Record<string, string> = {};
      let release: Release | undefined;
      if (!streamed) {
        release = signal?.aborted ? undefined : limiter.tryAcquire();
        if (!release) release = await acquireSlot(signal, op);
      }
      try {
        const url = lazyBase ? await resolveUrl(url0) : url0;
        if (!plan?.isPublic && config.credentials) {
          const found = config.credentials(op);
          credentials = (isThenable(found) ? await found : found) ?? {};
          setCredentials(request.headers, credentials);
        }
        if (trace?.active)
          traceAttempt(trace, op!.path, url, attempt, config.sandboxId, (name, value) => {
            if (request.headers instanceof Headers) request.headers.set(name, value);
            else request.headers[name] = value;
          });
        log?.debug(`→ ${request.method} ${op?.path ?? url0.slice(baseUrl.length)}`, {
          operation: op?.id,
          attempt: attempt + 1,
        });
        response = await baseFetch(url, init);
        // Error bodies are read whole whatever the operation; success bodies unless they are streamed. A
        // declared length within the cap is read natively in one go (the usual case).
        if (!streamed || !response.ok) {
          if (!declaredWithin(response, maxResponseBytes))
            bytes = await readCappedBytes(response, maxResponseBytes, op?.id);
          else if (request.direct)
            text = await response.text(); // one copy fewer than bytes, then text
          else bytes = new Uint8Array(await response.arrayBuffer());
        }
      } catch (err) {
        release?.();
        await retryAfterError(err, attempt, maxRetries, ctx, signal);
        continue;
      }
      // At the cap the slot frees a turn later (see releaseSoon), once fetch has pooled the socket again.
      if (release) limiter.releaseSoon(release);
      const answer: Answer = { response, bytes, text };
      const status = response.status;
      trace?.set({ "http.response.status_code": status });
      if (status === 401 && op && replayable && config.onUnauthorized) {
        if (!reauthorized) {
          reauthorized = true;
          trace?.event("hopx.token_renewal");
          if (await config.onUnauthorized(op, credentials)) {
            attempt--; // a resend with fresh credentials is not a retry
            continue;
          }
        } else if (ctx) {
          ctx.reauthFailed = true; // rejected again with renewed credentials
        }
        return answer;
      }
      ctx?.connected?.();
      log?.debug(`← ${status} ${op?.id ?? ""}`, {
        ms: Date.now() - started,
        requestId: response.headers.get("x-request-id") ?? undefined,
      });
      // 429 means the server did not act on the request, so it is resent even for a non-idempotent call;
      // 502/503/504 may come after the work was done, so only retry-safe operations resend on them.
      if (attempt >= maxRetries || !RETRY_STATUSES.has(status) || (status !== 429 && plan?.retrySafe !== true))
        return answer;
      const wait = retryWait(answer, attempt, ctx);
      if (wait === undefined) return answer;
      log?.warn(`${op?.id}: HTTP ${status}; retrying in ${wait} ms`, { attempt: attempt + 1 });
      trace?.event("hopx.retry", { "http.response.status_code": status, "hopx.retry.delay_ms": wait });
      if (bytes === undefined && text === undefined) await response.body?.cancel().catch(() => undefined);
      await sleep(wait, signal);
    }
  }

  /** The init fetch gets for a request built by openapi-fetch. */
  function wireInit(request: SendRequest): RequestInit {
    // A streamed body (multipart or binary) carries its own Content-Type, and fetch needs `duplex` for it.
    const streamedType = streamedBodyType(request.body);
    if (streamedType && request.headers instanceof Headers) request.headers.set("Content-Type", streamedType);
    const streaming = request.body instanceof ReadableStream ? { duplex: "half" } : {};
    return { ...request.init, ...streaming, headers: request.headers, redirect: "error" };
  }

  /** Waits for a connection slot (all in use), as a typed error if the call's signal fires first. */
  async function acquireSlot(signal: AbortSignal | undefined, op: OperationInfo | undefined): Promise<Release> {
    try {
      return await limiter.acquire(signal);
    } catch (err) {
      throw thrownToError(err, signal, op?.id);
    }
  }

  /** Puts the credential headers on a request (checked once per value: they repeat on every call). */
  function setCredentials(headers: SendRequest["headers"], credentials: Record<string, string>): void {
    for (const name in credentials) {
      const value = credentials[name]!;
      rememberSecret(value);
      if (checkedCredentials.get(name) !== value) checkedCredentials.set(name, checkHeaderValue(name, value));
      if (headers instanceof Headers) headers.set(name, value);
      else headers[name.toLowerCase()] = value;
    }
  }

  /** After a failed attempt: waits before the next one, or throws the typed error when none may follow. */
  async function retryAfterError(
    err: unknown,
    attempt: number,
    maxRetries: number,
    ctx: CallContext | undefined,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const op = ctx?.op;
    const error = thrownToError(err, signal, op?.id);
    const mayResend = error instanceof NetworkError && (op?.retrySafe === true || neverSent(err));
    const wait = delayMs(attempt, policy);
    if (attempt >= maxRetries || !mayResend || !fitsDeadline(wait, ctx?.deadlineAt ?? Number.POSITIVE_INFINITY))
      throw error;
    log?.warn(`${op?.id}: ${error.message}; retrying in ${wait} ms`, { attempt: attempt + 1 });
    ctx?.trace?.event("hopx.retry", { "error.type": error.name, "hopx.retry.delay_ms": wait });
    await sleep(wait, signal);
  }

  /** How long to wait before resending after a retryable status, or undefined to hand the answer on. */
  function retryWait(answer: Answer, attempt: number, ctx: CallContext | undefined): number | undefined {
    const response = answer.response;
    const status = response.status;
    if (desktopUnavailable(status, ctx?.op.path)) return undefined;
    let retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    if (retryAfter === undefined && status === 429) {
      try {
        retryAfter = parseErrorBody(JSON.parse(answerText(answer) ?? "")).retryAfter;
      } catch {
        retryAfter = undefined;
      }
    }
    if (retryAfter !== undefined && retryAfter * 1000 > policy.maxRetryAfterMs) return undefined;
    const wait = delayMs(attempt, policy, retryAfter);
    // A wait that cannot end before the deadline would only turn this answer into a TimeoutError later:
    // the caller learns more, sooner, from the answer itself (a RateLimitError with retryAfter).
    return fitsDeadline(wait, ctx?.deadlineAt ?? Number.POSITIVE_INFINITY) ? wait : undefined;
  }

  /** openapi-fetch's fetch: transmit(), with a body read here handed back as a Response that holds it. */
  async function send(request: WireRequest): Promise<Response> {
    const { response, bytes } = await transmit(request);
    return bytes === undefined ? response : bufferedResponse(bytes, response);
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

  // Generated calls (their options carry our `hopx` context) skip openapi-fetch's generic machinery —
  // serializer closures, a Headers object merged per call, a Request-shaped object — when they use nothing
  // but path and query parameters of primitive values and a JSON body: the URL comes from a path template
  // compiled once, headers stay a plain record, and the response is read the way openapi-fetch reads it.
  // Anything else (uploads, custom serializers, arrays in a query, middleware) goes through openapi-fetch.
  const middleware: unknown[] = [];
  type Options = Record<string, unknown> & {
    hopx?: CallState;
    params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
    headers?: Record<string, unknown>;
    signal?: AbortSignal;
    bodySerializer?: unknown;
  };
  function direct(method: string, path: string, options: Options | undefined): Promise<FetchResult> | undefined {
    if (middleware.length > 0 || !options?.hopx || options.parseAs !== "text") return undefined;
    const hopx = callContext(options.hopx);
    if ((options as object) !== hopx.options) {
      // A copy (spread into options of the caller's own): any key the direct path does not know goes through
      // openapi-fetch. Object.keys, not for-in: options of every operation pass here, in several shapes.
      const keys = Object.keys(options);
      for (let i = 0; i < keys.length; i++) if (!DIRECT_KEYS.has(keys[i]!)) return undefined;
    }
    // init()'s own object cannot gain keys, so only its values need checking.
    if (options.bodySerializer !== undefined) return undefined;
    const { params, body } = options;
    const names = Object.keys(params ?? NO_PARAMS);
    for (let i = 0; i < names.length; i++) if (names[i] !== "path" && names[i] !== "query") return undefined;
    // Only init()'s own record (checked, lower-case names); a caller's Content-Type with a body could pick
    // another body serializer in openapi-fetch.
    if (options.headers !== hopx.headers || (body !== undefined && hopx.contentType)) return undefined;
    if (body !== undefined && typeof FormData !== "undefined" && body instanceof FormData) return undefined;
    const template = compilePath(path);
    if (!template) return undefined;
    let url: string;
    let serialized: string | undefined;
    try {
      const filled = fillPath(template, params?.path);
      // Called whether or not there is a query, so the call has type feedback whichever operation runs first.
      const query = simpleQuery(params?.query);
      if (filled === undefined || query === undefined) return undefined;
      url = query ? `${baseUrl}${filled}?${query}` : baseUrl + filled;
      serialized = body === undefined ? undefined : JSON.stringify(body);
    } catch {
      // A value that cannot be encoded (a lone surrogate, a BigInt, a cycle): openapi-fetch fails the call
      // the way it always has (a rejection finish() turns into a typed error).
      return undefined;
    }
    // The record is this call's own: the body's type and the credentials are added to it.
    const headers = hopx.headers;
    if (serialized !== undefined) headers["content-type"] = "application/json";
    const signal = options.signal;
    const init: RequestInit = { method, headers, body: serialized, signal, redirect: "error" };
    return transmit({ url, method, headers, body: serialized, signal, init, hopx, direct: true }).then(directResult);
  }

  /** The answer taken as openapi-fetch takes it for `parseAs: "text"`. */
  function directResult(answer: Answer): FetchResult {
    const response = answer.response;
    const text = answerText(answer) ?? "";
    const ok = response.ok;
    // openapi-fetch: no data for 204, or for an empty body declared with Content-Length: 0 (not chunked).
    if (
      response.status === 204 ||
      (text === "" &&
        response.headers.get("content-length") === "0" &&
        !response.headers.get("transfer-encoding")?.includes("chunked"))
    ) {
      return ok ? { data: undefined, response } : { error: undefined, response };
    }
    if (ok) return { data: text, response };
    let error: unknown = text;
    try {
      error = JSON.parse(text);
    } catch {
      // not JSON: the text is the error
    }
    return { error, response };
  }

  type Method = (path: string, options?: Options) => Promise<FetchResult>;
  const viaOpenapiFetch = client as unknown as Record<"GET" | "PUT" | "POST" | "DELETE" | "PATCH", Method>;
  const method =
    (name: "GET" | "PUT" | "POST" | "DELETE" | "PATCH"): Method =>
    (path, options) =>
      direct(name, path, options) ?? viaOpenapiFetch[name](path, options);
  const publicClient = {
    ...client,
    GET: method("GET"),
    PUT: method("PUT"),
    POST: method("POST"),
    DELETE: method("DELETE"),
    PATCH: method("PATCH"),
    // Mirrors openapi-fetch's own list: with any middleware registered, every call goes through it.
    use(...added: Parameters<Client<Paths>["use"]>) {
      client.use(...added);
      for (const m of added) if (m) middleware.push(m);
    },
    eject(...removed: Parameters<Client<Paths>["eject"]>) {
      client.eject(...removed);
      for (const m of removed) {
        const index = middleware.indexOf(m);
        if (index !== -1) middleware.splice(index, 1);
      }
    },
  } as unknown as Client<Paths>;

  /** Awaits the call and turns every outcome into the method's result or a typed error. */
  async function settle<T>(op: OperationInfo, init: CallInit, pending: Promise<FetchResult>): Promise<T> {
    const ctx = callContext(init.hopx);
    let result: FetchResult;
    try {
      result = await pending;
    } catch (err) {
      throw thrownToError(err, init.signal, op.id);
    } finally {
      ctx.deadline?.done();
    }
    const { response } = result;
    ctx.onResponse?.({ status: response.status, headers: response.headers });
    // A declared result status (runCommand's 500 for a non-zero exit) carrying a result, not an envelope.
    if (!response.ok && op.resultStatuses?.includes(response.status) && isResultBody(result.error)) {
      return fromWire<T>(result.error, shapesOf(op).result, config.shapes);
    }
    if (!response.ok) {
      const error = errorFromResponse(op, response.status, result.error, response.headers);
      if (ctx.reauthFailed) throw new TokenExpiredError(`${error.message} (after renewing the token)`, error);
      throw error;
    }
    const stream = ctx.plan.stream;
    if (stream === "none") return undefined as T;
    if (stream !== "json") return result.data as T;
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
  }

  return {
    client: publicClient,
    baseUrl,
    resolveUrl,
    init(op, options = {}) {
      // Lower-case names, as a Headers object would keep them (a later name wins over an earlier one that
      // differs in case only); the direct path sends this record as it is.
      const headers: Record<string, string> = {};
      let contentType = false;
      const extra = options.headers;
      if (extra) {
        for (const name in extra) {
          const lower = checkHeaderName(name).toLowerCase();
          if (RESERVED_HEADERS.has(lower))
            throw new ValidationError(`${op.id}: header ${name} is set by the SDK`, {
              code: ErrorCode.INVALID_ARGUMENT,
            });
          headers[lower] = checkHeaderValue(name, extra[name]!);
          if (lower === "content-type") contentType = true;
        }
      }
      const plan = planOf(op);
      if (plan.accept) headers.accept = plan.accept;
      if (config.userAgent) headers["user-agent"] = config.userAgent;
      const requested = renamed(op.id, options, "timeoutMs", "timeout");
      const timeout =
        requested === undefined ? defaultTimeout : checkDurationMs(`${op.id}: timeoutMs`, requested, true);
      const limited = Number.isFinite(timeout);
      const streamed = plan.streamedAnswer;
      const deadlineAt = limited ? Date.now() + timeout : Number.POSITIVE_INFINITY;
      let hopx: CallContext;
      let signal: AbortSignal | undefined;
      if (limited && !streamed) {
        // The whole call, body included, is bounded; finish() ends the deadline.
        const deadline = requestDeadline(timeout, options.signal);
        signal = deadline.signal;
        hopx = { op, plan, signal, deadlineAt, deadline, headers, contentType };
        if (options.onResponse) hopx.onResponse = options.onResponse;
      } else {
        const deadline = limited ? stoppableDeadline(timeout) : undefined;
        signal = anySignal([options.signal, deadline?.signal]);
        hopx = {
          op,
          plan,
          signal,
          deadlineAt,
          headers,
          contentType,
          ...(deadline ? { connected: deadline.stop } : {}),
        };
        if (options.onResponse) hopx.onResponse = options.onResponse;
      }
      const parseAs = plan.parseAs;
      // Every key a call may set is there from the start, and no other can be added: the direct path then
      // knows this object's keys without listing them.
      const init = {
        headers,
        parseAs,
        hopx: callState(hopx),
        signal,
        params: undefined,
        body: undefined,
        bodySerializer: undefined,
      };
      hopx.options = Object.preventExtensions(init);
      return init;
    },
    with<T extends CallParts>(init: CallInit, parts: T): CallInit & T {
      return Object.assign(init, parts);
    },
    path<T extends Record<string, unknown>>(op: OperationInfo, params: T): T {
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
    },
    query<T>(op: OperationInfo, value: unknown): T {
      return toWire<T>(value, shapesOf(op).query, config.shapes);
    },
    body<T>(op: OperationInfo, value: unknown): T {
      return toWire<T>(value, shapesOf(op).body, config.shapes);
    },
    async finish<T>(op: OperationInfo, init: CallInit, pending: Promise<FetchResult>): Promise<T> {
      // Tracing hook: the span ends with the call, or with its stream (downloads, SSE) when it has one. Read
      // after the call settled: openapi-fetch starts the first attempt (and the span) after this is called.
      const ctx = callContext(init.hopx);
      let result: T;
      try {
        result = await settle<T>(op, init, pending);
      } catch (err) {
        ctx.trace?.end(err);
        throw err;
      }
      const trace = ctx.trace;
      if (!trace?.active) return result;
      if (result instanceof ReadableStream) return traceStream(result, trace) as T;
      trace.end();
      return result;
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
