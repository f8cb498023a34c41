// The transport under every generated resource: one request path, openapi-fetch bound to one plane's origin
// and credentials. A generated method is one `call()`; the call builds its options (call-request.ts), gives
// openapi-fetch a fetch of its own that sends with retries, limits and credentials (call-send.ts), and turns
// what comes back into a result or a typed error (call-answer.ts).
import type { Client } from "openapi-fetch";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body.js";
import { endsWithStream, type CallHooks } from "./call-hooks.js";
import { resultOf, thrownToError, type FetchResult } from "./call-answer.js";
import {
  callContext,
  callHeaders,
  callTimeout,
  openapiFetchOptions,
  type CallArgs,
  type CallContext,
} from "./call-request.js";
import { createSender, WireRequest } from "./call-send.js";
import { HopxError } from "./errors.js";
import { checkBaseUrl, checkDurationMs, checkMaxRetries, limitOr } from "./guards.js";
import { ConnectionLimiter } from "./limiter.js";
import type { Logger } from "./logger.js";
import { createClient } from "./openapi-fetch.js";
import type { OperationInfo, RequestOptions, WebSocketTarget } from "./operation.js";
import type { ProxySettings } from "./proxy.js";
import { clientFetch } from "./proxy-fetch.js";
import { DEFAULT_RETRY, type RetryPolicy } from "./retry.js";
import { toWire, type OperationShapes, type ShapeRegistry } from "./shape.js";

export const DEFAULT_TIMEOUT_MS = 60_000;
/** Requests one client keeps in flight to its host before queueing (long-lived streams are not counted). */
export const DEFAULT_MAX_CONNECTIONS = 128;
/**
 * Where openapi-fetch builds URLs when the real origin is only known later (a sandbox whose agent host has not
 * been read yet); each attempt swaps it for the resolved origin, so it never reaches the wire.
 */
const PENDING_ORIGIN = "https://pending-origin.invalid";

export interface TransportConfig {
  /**
   * Origin (and optional base path) of the plane, e.g. `https://api.hopx.dev`; or a function that finds it
   * when the first call is made (checked then, and the call rejects if it is not acceptable).
   */
  baseUrl: string | (() => Promise<string>);
  /** Which plane, for error messages: "control plane" or "agent". */
  label?: string;
  /**
   * Credential headers for this plane's origin, read before every attempt so a refreshed token is picked up.
   * May be async (fetch a token first); if it throws, nothing is sent.
   */
  credentials?: (
    op: OperationInfo | undefined,
  ) => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>;
  /**
   * Called once per call when the server answers 401; resolving true means fresh credentials are ready and the
   * request is resent once (the agent plane refreshes its sandbox token here).
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
  /** Proxies (`sdkProxySettings()`), applied per request URL; not to a `fetch` of the caller's. */
  proxy?: ProxySettings | undefined;
  userAgent?: string;
  /** Sees every operation start and end, with its attempts, retries and token renewals (call-hooks.ts). */
  hooks?: CallHooks;
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
   * One call of an operation: camelCase arguments in, the camelCase result out, or a typed error. Rejects,
   * never throws.
   */
  call<T>(op: OperationInfo, args: CallArgs, options?: RequestOptions): Promise<T>;
  /** The URL and operation of a WebSocket endpoint, for the stream layer to open. */
  websocket<C, S>(op: OperationInfo, query?: unknown): WebSocketTarget<C, S>;
}

/**
 * The fetch every attempt of this transport goes through — JSON calls, uploads, downloads and SSE alike. The
 * one place to choose or wrap it (a proxy-aware fetch, instrumentation).
 */
function wireFetch(config: TransportConfig): typeof globalThis.fetch {
  // The caller's own fetch as given (its network, its proxies); else the runtime's, through the proxy that the
  // settings pick for each URL (proxy-fetch.ts loads undici only when one applies).
  return clientFetch(config.fetch, config.proxy);
}

/** Calls of the raw client reach openapi-fetch's own fetch; generated calls always bring one of their own. */
type RawFetch = (request: Request | WireRequest) => Promise<Response>;
type RequestMethod = (method: string, path: string, options: object) => Promise<FetchResult>;

export function createTransport<Paths extends {}>(config: TransportConfig): Transport<Paths> {
  const label = config.label ?? "baseURL";
  // Options are checked here, once: a bad value is a ValidationError before anything is sent.
  const lazyBase = typeof config.baseUrl === "function" ? config.baseUrl : undefined;
  const baseUrl = lazyBase ? PENDING_ORIGIN : checkBaseUrl(config.baseUrl as string, label, config.allowInsecure);
  let resolvedBase: Promise<string> | undefined;
  const resolveUrl = async (url: string): Promise<string> => {
    if (!lazyBase) return url;
    resolvedBase ??= lazyBase().then((found) => checkBaseUrl(found, label, config.allowInsecure));
    // A failed lookup is not kept: the next call asks again.
    resolvedBase.catch(() => (resolvedBase = undefined));
    const base = await resolvedBase;
    const ws = /^wss?:/.test(url);
    const pending = ws ? PENDING_ORIGIN.replace(/^https/, "wss") : PENDING_ORIGIN;
    return (ws ? base.replace(/^http/, "ws") : base) + url.slice(pending.length);
  };
  const defaultTimeout =
    config.requestTimeoutMs === undefined
      ? DEFAULT_TIMEOUT_MS
      : checkDurationMs("requestTimeoutMs", config.requestTimeoutMs, true);
  const send = createSender({
    baseUrl,
    resolveUrl,
    label,
    fetch: wireFetch(config),
    credentials: config.credentials,
    onUnauthorized: config.onUnauthorized,
    policy: {
      ...DEFAULT_RETRY,
      ...config.retry,
      maxRetries: config.maxRetries === undefined ? DEFAULT_RETRY.maxRetries : checkMaxRetries(config.maxRetries),
    },
    limiter: new ConnectionLimiter(limitOr("maxConnections", config.maxConnections, DEFAULT_MAX_CONNECTIONS)),
    maxResponseBytes: limitOr("maxResponseBytes", config.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
    log: config.logger,
  });
  const rawFetch: RawFetch = (request) => send(request, undefined);
  const client = createClient<Paths>({
    baseUrl,
    fetch: rawFetch as unknown as typeof globalThis.fetch,
    Request: WireRequest as unknown as typeof Request,
  });
  const request = (client as unknown as { request: RequestMethod }).request;
  const shapesOf = (op: OperationInfo): OperationShapes => config.operationShapes[op.id] ?? {};

  return {
    client,
    baseUrl,
    resolveUrl,
    async call<T>(op: OperationInfo, args: CallArgs, options: RequestOptions = {}): Promise<T> {
      const observer = config.hooks?.start(op);
      let ctx: CallContext | undefined;
      try {
        const headers = callHeaders(op, options, config.userAgent);
        const call = callContext(op, callTimeout(op, options, defaultTimeout), options.signal, observer);
        ctx = call;
        // openapi-fetch's per-request `fetch` option: the call's state travels in this closure, not on the Request.
        const fetch = (req: Request): Promise<Response> => send(req, call);
        const shapes = shapesOf(op);
        const init = openapiFetchOptions(args, shapes, config.shapes, call, headers, fetch);
        let result: FetchResult;
        try {
          result = await request(op.method, op.path, init);
        } catch (err) {
          throw thrownToError(err, call.signal, op.id);
        }
        options.onResponse?.({ status: result.response.status, headers: result.response.headers });
        const value = resultOf<T>(call, result, shapes, config.shapes);
        // A streamed answer's operation lasts as long as its stream: the observer sees its end there.
        if (observer && value instanceof ReadableStream)
          return endsWithStream(value, observer.end.bind(observer), (err) =>
            thrownToError(err, call.signal, op.id),
          ) as T;
        observer?.end(undefined);
        return value;
      } catch (err) {
        observer?.end(err instanceof HopxError ? err : thrownToError(err, ctx?.signal, op.id));
        throw err;
      } finally {
        // Ends a streamed answer's deadline too if it failed before its body started.
        ctx?.endDeadline();
      }
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
