// How a WebSocket gets opened on each runtime, and how a refused upgrade becomes a typed error: the
// runtime's own WebSocket where it takes headers (Bun, Deno, Node >= 22), an upgrading fetch on Workers,
// else `ws` (loaded lazily) on Node 18/20; in a browser, a typed refusal (WEBSOCKET_AUTH_UNSUPPORTED).
// websocket.ts turns the opened socket into a message stream.
import { errorFromResponse } from "./error-from-response.js";
import { AbortError, ErrorCode, HopxError, NetworkError } from "./errors.js";
import { redactText } from "./logger.js";
import { proxiedSocket } from "./proxy-socket.js";
import { runtimeImport } from "./runtime-import.js";
import { nodeVersion, runtimeKind } from "./runtime-kind.js";
import type { MessageSocket, OpenSocketOptions, WebSocketConstructor, WebSocketLike } from "./websocket.js";

/** Bytes of a refused upgrade's body we read to learn the error code. */
const MAX_ERROR_BODY = 64 * 1024;

interface Runtime {
  WebSocket?: unknown;
  navigator?: { userAgent?: string };
}

/** Native WebSockets that accept a `headers` option: Bun, Deno, and Node >= 22 (undici). */
function nativeTakesHeaders(): boolean {
  if (typeof (globalThis as Runtime).WebSocket !== "function") return false;
  const kind = runtimeKind();
  return kind === "bun" || kind === "deno" || nodeVersion()[0] >= 22;
}

/** Node itself (not Bun or Deno, whose `ws` shims take no agent): where a proxied socket goes through `ws`. */
const nodeItself = (): boolean => runtimeKind() === "node";

/** Workers cannot put headers on `new WebSocket()`, but their `fetch` upgrades with any headers. */
const upgradesThroughFetch = (): boolean => (globalThis as Runtime).navigator?.userAgent === "Cloudflare-Workers";

/** Neither Node, Bun nor Deno: a browser (or a browser-like worker), where `ws` cannot run either. */
const browserLike = (): boolean => runtimeKind() === "other";

/**
 * What a browser gets instead of "install ws": the agent authenticates WebSockets by an `Authorization`
 * header only (no query-token or subprotocol alternative is documented), and a browser WebSocket cannot
 * send one.
 */
export function browserWebSocketRefusal(operation: string): HopxError {
  return new HopxError(
    `${operation}: browsers cannot authenticate agent WebSockets (a browser WebSocket cannot send the ` +
      "Authorization header the sandbox agent requires). Run this call server-side (Node, Bun, Deno or a " +
      "Worker), or use the HTTP equivalents: runCode() for a result, runCodeAsync() or runCodeBackground() " +
      "and poll for output, commands.run() instead of streamed commands",
    { code: ErrorCode.WEBSOCKET_AUTH_UNSUPPORTED, operation },
  );
}

export interface Created {
  raw: WebSocketLike;
  kind: MessageSocket<unknown, unknown>["implementation"];
  /** `ws` only: true once the server refused the upgrade with an HTTP answer (its error follows). */
  refusing?: () => boolean;
  /** Back-pressure: stop and restart reading frames (`ws` only; native WebSockets cannot). */
  pause?: () => void;
  resume?: () => void;
  /** Receives the typed error of a refused upgrade (`ws` only; set by the socket). */
  onRefused?: (error: HopxError) => void;
  /** Drops the connection without a closing handshake (peer unresponsive). */
  terminate?: () => void;
  /** Set when the socket is open already (`fetch` upgrade); called once the listeners are in place. */
  start?: () => void;
}

interface WsModule {
  WebSocket?: unknown;
  default?: unknown;
}
export interface WsClient extends WebSocketLike {
  on(event: "unexpected-response", listener: (req: unknown, res: WsResponse) => void): void;
  on(event: "ping", listener: () => void): void;
  terminate(): void;
  /** Stops reading from the socket (back-pressure); `resume()` starts again. */
  pause(): void;
  resume(): void;
}
interface WsResponse extends AsyncIterable<Uint8Array> {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
  destroy(): void;
}

async function readRefusal(res: WsResponse, operation: string): Promise<HopxError> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= MAX_ERROR_BODY) break;
    }
  } catch {
    // A cut body still leaves the status, which is what decides the error class.
  }
  res.destroy();
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") headers.set(name, value);
  const text = new TextDecoder().decode(concat(chunks));
  return errorOf(operation, { status: res.statusCode ?? 0, headers, text: async () => text });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

interface UpgradeResponse {
  status: number;
  headers: Headers;
  text(): Promise<string>;
  webSocket?: (WebSocketLike & { accept(): void }) | null;
}

async function errorOf(
  operation: string,
  res: { status: number; headers: Headers; text(): Promise<string> },
): Promise<HopxError> {
  const text = await res.text().catch(() => "");
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Plain-text error bodies are kept as text.
  }
  return errorFromResponse({ id: operation }, res.status, body, res.headers);
}

async function fetchUpgrade(
  url: string,
  headers: Record<string, string>,
  operation: string,
  options: OpenSocketOptions<unknown, unknown>,
): Promise<Created> {
  const doFetch = options.fetch ?? globalThis.fetch;
  let res: UpgradeResponse;
  try {
    res = (await doFetch(url.replace(/^ws/, "http"), {
      headers: { ...headers, Upgrade: "websocket" },
      ...(options.signal ? { signal: options.signal } : {}),
    })) as unknown as UpgradeResponse;
  } catch (err) {
    if (options.signal?.aborted) throw new AbortError(`${operation}: aborted`, { code: ErrorCode.ABORTED, operation });
    const detail = err instanceof Error ? redactText(err.message) : "fetch failed";
    throw new NetworkError(`${operation}: the WebSocket upgrade failed (${detail})`, {
      code: ErrorCode.NETWORK_ERROR,
      retryable: true,
      operation,
    });
  }
  const raw = res.webSocket;
  if (!raw) {
    if (res.status >= 400) throw await errorOf(operation, res);
    throw new NetworkError(`${operation}: the server did not upgrade to a WebSocket (HTTP ${res.status})`, {
      code: ErrorCode.NETWORK_ERROR,
      operation,
    });
  }
  return { raw, kind: "fetch", start: () => raw.accept() };
}

export async function create(
  url: string,
  headers: Record<string, string>,
  operation: string,
  options: OpenSocketOptions<unknown, unknown>,
): Promise<Created> {
  const choice = options.implementation ?? "auto";
  if (typeof choice === "function") return { raw: new choice(url, { headers }), kind: "custom" };
  if (choice === "fetch" || (choice === "auto" && upgradesThroughFetch()))
    return fetchUpgrade(url, headers, operation, options);
  // Proxy hook: on Node a socket the proxy settings route through a proxy is opened by `ws` with a proxy
  // agent (native WebSockets take none); Bun and Deno follow the proxy variables themselves.
  const proxied = choice !== "native" && nodeItself() ? await proxiedSocket(url, options.proxy) : undefined;
  if (choice === "native" || (choice === "auto" && !proxied && nativeTakesHeaders())) {
    const Native = (globalThis as Runtime).WebSocket as WebSocketConstructor | undefined;
    if (!Native) throw new HopxError("this runtime has no WebSocket", { code: ErrorCode.INVALID_ARGUMENT, operation });
    return { raw: new Native(url, { headers }), kind: "native" };
  }
  if (choice === "auto" && browserLike()) throw browserWebSocketRefusal(operation);
  let mod: WsModule;
  try {
    mod = await runtimeImport<WsModule>("ws");
  } catch (err) {
    throw new HopxError(
      "no WebSocket implementation that can send an Authorization header is available (install `ws`)",
      {
        code: ErrorCode.INVALID_ARGUMENT,
        operation,
        cause: err,
      },
    );
  }
  const Ws = (mod.WebSocket ?? mod.default) as new (
    url: string,
    init: { headers: Record<string, string>; maxPayload?: number; agent?: object },
  ) => WsClient;
  // One frame may not be larger than the whole queue may hold (ws would otherwise accept 100 MiB).
  const maxPayload = options.maxQueuedBytes;
  const raw = new Ws(url, {
    headers,
    ...(maxPayload !== undefined && Number.isFinite(maxPayload) ? { maxPayload } : {}),
    ...(proxied ? { agent: proxied.agent } : {}),
  });
  let refusing = false;
  const created: Created = {
    raw,
    kind: "ws",
    refusing: () => refusing,
    terminate: () => raw.terminate(),
    pause: () => raw.pause(),
    resume: () => raw.resume(),
  };
  // Handling this event leaves the request open, so the error body can be read before the socket is closed.
  raw.on("unexpected-response", (_req, res) => {
    refusing = true;
    // The proxy's own refusal of the tunnel reaches `ws` as a refused upgrade: it is the proxy's, not the agent's.
    const byProxy = proxied?.refusal(operation);
    if (byProxy) {
      res.destroy();
      created.onRefused?.(byProxy);
      return;
    }
    void readRefusal(res, operation).then((error) => created.onRefused?.(error));
  });
  return created;
}

/**
 * Native WebSockets hide the status of a refused upgrade, so a plain GET with the same headers tells us
 * whether it was auth (401 → renew), rate limiting or a missing endpoint. A 400/405/426 only says "not a
 * WebSocket request", which carries no information.
 */
export async function probeRefusal(
  url: string,
  headers: Record<string, string>,
  operation: string,
  signal: AbortSignal,
  doFetch = globalThis.fetch,
): Promise<HopxError | undefined> {
  try {
    const res = await doFetch(url.replace(/^ws/, "http"), { headers, signal, redirect: "manual" });
    if (res.status < 400 || [400, 405, 426].includes(res.status)) {
      await res.body?.cancel();
      return undefined;
    }
    return await errorOf(operation, res);
  } catch {
    return undefined;
  }
}
