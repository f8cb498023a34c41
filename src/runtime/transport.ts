// The transport under every generated resource: an openapi-fetch client bound to one plane's origin and
// credentials, plus what openapi-fetch leaves out (deadlines, typed errors, case conversion).
import createClient, { type Client } from "openapi-fetch";
import { AbortError, errorFromResponse, HopxError, NetworkError, TimeoutError, ErrorCode } from "./errors.js";
import type { OperationInfo, RequestOptions, WebSocketTarget } from "./operation.js";
import { fromWire, toWire, type OperationShapes, type ShapeRegistry } from "./shape.js";
import { anySignal, isTimeoutReason, timeoutSignal } from "./signals.js";

export const DEFAULT_TIMEOUT_MS = 60_000;

type ParseAs = "json" | "text" | "stream";
const PARSE_AS: Record<OperationInfo["stream"], ParseAs> = {
  json: "json",
  none: "json",
  text: "text",
  binary: "stream",
  sse: "stream",
  websocket: "stream",
};

/** Headers that only the transport sets; a caller's `headers` option cannot override them. */
const RESERVED_HEADERS = new Set(["authorization", "x-api-key", "host", "cookie"]);

export interface TransportConfig {
  /** Origin (and optional base path) of the plane, e.g. `https://api.hopx.dev`. */
  baseUrl: string;
  /** Credential headers for this plane's origin, read per call so a refreshed token is picked up. */
  credentials?: () => Record<string, string>;
  shapes: ShapeRegistry;
  operationShapes: Readonly<Record<string, OperationShapes>>;
  /** Default per-call timeout in milliseconds. */
  timeout?: number;
  fetch?: typeof globalThis.fetch;
  userAgent?: string;
}

export interface CallInit {
  signal?: AbortSignal;
  headers: Record<string, string>;
  parseAs: ParseAs;
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface Transport<Paths extends {}> {
  readonly client: Client<Paths>;
  readonly baseUrl: string;
  init(op: OperationInfo, options?: RequestOptions): CallInit;
  query<T>(op: OperationInfo, value: unknown): T;
  body<T>(op: OperationInfo, value: unknown): T;
  finish<T>(op: OperationInfo, result: FetchResult): T;
  websocket<C, S>(op: OperationInfo, query?: unknown): WebSocketTarget<C, S>;
}

/** Maps what `fetch` throws to the SDK's error classes, keeping the cause. */
function wrapFetch(base: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    try {
      return await base(input, init);
    } catch (err) {
      if (err instanceof HopxError) throw err;
      const signal = input instanceof Request ? input.signal : init?.signal;
      if (signal?.aborted) {
        if (isTimeoutReason(signal.reason)) throw new TimeoutError("request timed out", { code: ErrorCode.TIMEOUT, retryable: true, cause: err });
        throw new AbortError("request aborted", { code: ErrorCode.ABORTED, cause: err });
      }
      throw new NetworkError(`network error: ${err instanceof Error ? err.message : String(err)}`, {
        code: ErrorCode.NETWORK_ERROR,
        retryable: true,
        cause: err,
      });
    }
  };
}

export function createTransport<Paths extends {}>(config: TransportConfig): Transport<Paths> {
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const client = createClient<Paths>({
    baseUrl,
    fetch: wrapFetch(config.fetch ?? globalThis.fetch.bind(globalThis)),
    // Follow no redirects: a redirect could carry credentials to another origin, and Node's fetch keeps the
    // whole upload body in memory while `redirect: 'follow'` is possible (undici #4058).
    redirect: "manual",
  });
  const defaultTimeout = config.timeout ?? DEFAULT_TIMEOUT_MS;
  const shapesOf = (op: OperationInfo): OperationShapes => config.operationShapes[op.id] ?? {};

  return {
    client,
    baseUrl,
    init(op, options = {}) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name] = value;
      }
      if (op.accept) headers.Accept = op.accept;
      if (config.userAgent) headers["User-Agent"] = config.userAgent;
      Object.assign(headers, config.credentials?.() ?? {});
      const timeout = options.timeout ?? defaultTimeout;
      const signal = anySignal([options.signal, timeout > 0 && Number.isFinite(timeout) ? timeoutSignal(timeout) : undefined]);
      return { headers, parseAs: PARSE_AS[op.stream], ...(signal ? { signal } : {}) };
    },
    query<T>(op: OperationInfo, value: unknown): T {
      return toWire<T>(value, shapesOf(op).query, config.shapes);
    },
    body<T>(op: OperationInfo, value: unknown): T {
      return toWire<T>(value, shapesOf(op).body, config.shapes);
    },
    finish<T>(op: OperationInfo, result: FetchResult): T {
      const { response } = result;
      if (!response.ok) throw errorFromResponse(op.id, response.status, result.error, response.headers);
      if (op.stream === "json") return fromWire<T>(result.data, shapesOf(op).result, config.shapes);
      if (op.stream === "none") return undefined as T;
      return result.data as T;
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
