// A runtime-neutral message socket for the agent's JSON WebSocket protocols. The implementation is chosen at
// run time: the runtime's own WebSocket where it can put `Authorization` on the upgrade (Node >= 22, Bun,
// Deno), an upgrading `fetch` on Cloudflare Workers, else the `ws` package, loaded lazily so the core never
// imports Node built-ins.
import { AbortError, ErrorCode, HopxError, LimitExceededError, NetworkError, TimeoutError } from "./errors.js";
import { checkDurationMs, checkLimit } from "./guards.js";
import { idleWatchdog, type IdleWatchdog } from "./time.js";
import { redactText } from "./logger.js";
import { rememberSecret } from "./secrets.js";
import type { ProxySettings } from "./proxy.js";
import { create, probeRefusal, type Created, type WsClient } from "./websocket-connect.js";

/**
 * Which WebSocket to use: picked per runtime (`auto`), forced, or a constructor of your own. `fetch` upgrades
 * with `fetch(url, {headers: {Upgrade: "websocket"}})` and takes `response.webSocket` (Cloudflare Workers).
 */
export type WebSocketImplementation = "auto" | "native" | "ws" | "fetch" | WebSocketConstructor;

/** A browser-style WebSocket constructor that accepts handshake headers (`ws`, undici, Bun, Deno). */
export type WebSocketConstructor = new (url: string, init: { headers: Record<string, string> }) => WebSocketLike;

/** The part of the WHATWG WebSocket interface the socket relies on. */
export interface WebSocketLike {
  /** `0` connecting, `1` open, `2` closing, `3` closed. */
  readonly readyState: number;
  /** How binary frames are delivered (the socket sets `"arraybuffer"`). */
  binaryType: string;
  /** Sends a text frame. */
  send(data: string): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Listens for open, message, close and error events. */
  addEventListener(type: "open" | "message" | "close" | "error", listener: (event: WebSocketEventLike) => void): void;
}
/** What the socket reads from open, message, close and error events. */
export interface WebSocketEventLike {
  /** A message event's payload. */
  data?: unknown;
  /** An error event's message, where the implementation gives one. */
  message?: string;
  /** A close event's code. */
  code?: number;
  /** A close event's reason. */
  reason?: string;
  /** An error event's error, where the implementation gives one. */
  error?: unknown;
}

/**
 * Options of `openSocket`: handshake headers, signal, timeouts, queue bound, message codecs and the WebSocket
 * implementation.
 */
export interface OpenSocketOptions<C, S> {
  /** Sent on the upgrade request (the agent's `Authorization: Bearer <jwt>`). */
  headers?: Readonly<Record<string, string>>;
  /** Aborting rejects a pending open, ends the iteration at once and closes the socket. */
  signal?: AbortSignal;
  /** Milliseconds without a frame before the stream ends with a TimeoutError (0: never). Default 60 000. */
  idleTimeoutMs?: number;
  /** Milliseconds for the upgrade to complete (default: the idle timeout, or 60 000). */
  openTimeoutMs?: number;
  /**
   * Bytes of received messages held for a slow consumer (default 16 MiB). At the bound the socket stops
   * reading (`ws`, resumed at half) or, where a runtime cannot pause, the stream ends with LimitExceededError.
   */
  maxQueuedBytes?: number;
  /** operationId, for error messages and the typed errors' `operation`. */
  operation?: string;
  /** The protocol's last message (`complete`, `exit`): after it the stream ends and the socket is closed. */
  isFinal?: (message: S) => boolean;
  /** Wire message → what the iterator yields (case conversion). Called only with JSON objects. */
  decode?: (wire: Record<string, unknown>) => S;
  /** Sees each message as it arrives, before it is queued for the consumer (e.g. to note an exit code). */
  onMessage?: (message: S) => void;
  /** Message → wire object. */
  encode?: (message: C) => unknown;
  /** Which WebSocket to use (default `"auto"`: the runtime's own when it can send headers, else `ws`). */
  implementation?: WebSocketImplementation;
  /** The `fetch` used by the `fetch` implementation and to learn why a native upgrade was refused. */
  fetch?: typeof globalThis.fetch;
  /** The client's proxies (`sdkProxySettings()`). */
  proxy?: ProxySettings | undefined;
}

/** How a socket closed. */
export interface SocketClose {
  /** The close code (1000: a normal close). */
  code: number;
  /** The close reason, scrubbed of credentials. */
  reason: string;
}

/** An open socket: send typed messages, iterate the server's (one consumer), close. */
export interface MessageSocket<C, S> extends AsyncIterable<S> {
  /**
   * Sends one message. False when the server is already closing (the frame is dropped and the iteration
   * reports how the stream ended); throws the stream's error if it failed, or if `close()` was called.
   */
  send(message: C): boolean;
  /** Closes the socket and ends the iteration (default code 1000). */
  close(code?: number, reason?: string): void;
  /** Set once the socket has closed. */
  readonly closeCode: number | undefined;
  /** Set once the socket has closed: its close reason. */
  readonly closeReason: string | undefined;
  /** Resolves when the socket has closed, whoever closed it; never rejects. */
  readonly closed: Promise<SocketClose>;
  /** The implementation in use. */
  readonly implementation: "native" | "ws" | "fetch" | "custom";
}

const OPEN = 1;
const DEFAULT_IDLE_MS = 60_000;
/** Bytes of messages held for a slow consumer (client option `maxQueuedBytes`). */
export const DEFAULT_MAX_QUEUED_BYTES = 16 * 1024 * 1024;
function frameText(data: unknown): string | undefined {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  return undefined;
}

/** Parses one frame; empty, non-JSON and non-object frames are keep-alives and yield undefined. */
function parseFrame(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Opens a WebSocket and resolves once it is open; a refused upgrade rejects with the typed HTTP error. */
export async function openSocket<C, S>(
  url: string,
  options: OpenSocketOptions<C, S> = {},
): Promise<MessageSocket<C, S>> {
  const operation = options.operation ?? "websocket";
  // 0 means "never" for the idle timeout; -1 or NaN would mean it silently too, so they are refused.
  if (options.idleTimeoutMs !== undefined && options.idleTimeoutMs !== 0)
    checkDurationMs(`${operation}: idleTimeoutMs`, options.idleTimeoutMs, true);
  if (options.openTimeoutMs !== undefined) checkDurationMs(`${operation}: openTimeoutMs`, options.openTimeoutMs);
  if (options.maxQueuedBytes !== undefined) checkLimit(`${operation}: maxQueuedBytes`, options.maxQueuedBytes);
  if (options.signal?.aborted) throw new AbortError(`${operation}: aborted`, { code: ErrorCode.ABORTED, operation });
  const headers = { ...options.headers };
  // A server that echoes the credential in a refusal or close reason gets it scrubbed from the error.
  for (const [name, value] of Object.entries(headers))
    if (name.toLowerCase() === "authorization") rememberSecret(value);
  const created = await create(url, headers, operation, options as OpenSocketOptions<unknown, unknown>);
  const channel = new Channel<C, S>(created, options, operation);
  await channel.opened(() => probeRefusal(url, headers, operation, channel.probeSignal(), options.fetch));
  return channel;
}

type Waiter<S> = { resolve: (r: IteratorResult<S>) => void; reject: (e: unknown) => void };

class Channel<C, S> implements MessageSocket<C, S> {
  readonly implementation: MessageSocket<C, S>["implementation"];
  closeCode: number | undefined;
  closeReason: string | undefined;
  readonly closed: Promise<SocketClose>;

  private readonly raw: WebSocketLike;
  private readonly queue: S[] = [];
  /** Size of each queued message (its frame's length), in the queue's order. */
  private readonly sizes: number[] = [];
  private queuedBytes = 0;
  private paused = false;
  private readonly maxQueued: number;
  private waiter: Waiter<S> | undefined;
  /** Set when the stream is over; `error` is thrown after the queued messages are read. */
  private end: { error?: HopxError } | undefined;
  private errorThrown = false;
  private finalSeen = false;
  private wasOpen = false;
  private closedHere = false;
  private lastError: string | undefined;
  private readonly idle: IdleWatchdog;
  private readonly idleMs: number;
  private readonly probe = new AbortController();
  private settleOpen: ((error?: HopxError) => void) | undefined;
  private markClosed!: (close: SocketClose) => void;
  private readonly onAbort = (): void =>
    this.fail(
      new AbortError(`${this.operation}: aborted`, { code: ErrorCode.ABORTED, operation: this.operation }),
      true,
    );

  constructor(
    private readonly created: Created,
    private readonly options: OpenSocketOptions<C, S>,
    private readonly operation: string,
  ) {
    this.raw = created.raw;
    this.implementation = created.kind;
    this.idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_MS;
    this.idle = idleWatchdog(this.idleMs, () =>
      this.fail(
        new TimeoutError(`${this.operation}: no message for ${this.idleMs} ms`, {
          code: ErrorCode.TIMEOUT,
          retryable: true,
          operation: this.operation,
        }),
        false,
      ),
    );
    this.maxQueued = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    this.raw.binaryType = "arraybuffer";
    this.raw.addEventListener("message", (event) => this.onMessage(event.data));
    this.raw.addEventListener("close", (event) => this.onClose(event.code ?? 1005, event.reason ?? ""));
    // Only the text is kept: the event's target holds the upgrade request and so the credential.
    this.raw.addEventListener(
      "error",
      (event) =>
        (this.lastError =
          typeof event.message === "string" && event.message ? redactText(event.message) : this.lastError),
    );
    (this.raw as Partial<WsClient>).on?.("ping", () => this.armIdle());
    options.signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  probeSignal(): AbortSignal {
    return this.probe.signal;
  }

  /** Waits for the upgrade; on failure works out the typed error (refusal status, probe, or network). */
  opened(probe: () => Promise<HopxError | undefined>): Promise<void> {
    const ms =
      this.options.openTimeoutMs ?? (this.idleMs > 0 && Number.isFinite(this.idleMs) ? this.idleMs : DEFAULT_IDLE_MS);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(
            new TimeoutError(`${this.operation}: the WebSocket upgrade timed out after ${ms} ms`, {
              code: ErrorCode.TIMEOUT,
              retryable: true,
              operation: this.operation,
            }),
            true,
          ),
        ms,
      );
      this.settleOpen = (error) => {
        clearTimeout(timer);
        this.settleOpen = undefined;
        if (error) reject(error);
        else resolve();
      };
      if (this.end?.error) this.settleOpen(this.end.error);
      this.created.onRefused = (error) => this.fail(error, true);
      if (this.created.start) {
        this.wasOpen = true;
        this.created.start();
        this.armIdle();
        this.settleOpen?.();
        return;
      }
      this.raw.addEventListener("open", () => {
        this.wasOpen = true;
        this.armIdle();
        this.settleOpen?.();
      });
      this.raw.addEventListener("close", () => {
        if (!this.settleOpen || this.created.refusing?.()) return;
        if (this.created.kind === "ws") {
          this.fail(this.dropped(), true);
          return;
        }
        // A native WebSocket hides the status of a refused upgrade: ask the server before reporting.
        void probe().then((error) => this.fail(error ?? this.dropped(), true));
      });
    });
  }

  send(message: C): boolean {
    const text = JSON.stringify(this.options.encode ? this.options.encode(message) : message);
    if (this.end?.error) throw this.end.error;
    if (this.closedHere)
      throw new NetworkError(`${this.operation}: the socket was closed`, {
        code: ErrorCode.NETWORK_ERROR,
        operation: this.operation,
      });
    // The server is hanging up: like a browser WebSocket, drop the frame; the iteration reports the end.
    if (this.raw.readyState !== OPEN) return false;
    this.raw.send(text);
    return true;
  }

  close(code = 1000, reason = ""): void {
    this.closedHere = true;
    this.finish(undefined, true);
    this.shut(code, reason);
  }

  [Symbol.asyncIterator](): AsyncIterator<S> {
    return {
      next: () => this.next(),
      return: async () => {
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  private next(): Promise<IteratorResult<S>> {
    const item = this.queue.shift();
    if (item !== undefined) {
      this.queuedBytes -= this.sizes.shift() ?? 0;
      if (this.paused && this.queuedBytes <= this.maxQueued / 2) {
        this.paused = false;
        this.created.resume?.();
        this.armIdle();
      }
      return Promise.resolve({ done: false, value: item });
    }
    if (this.end) {
      if (this.end.error && !this.errorThrown) {
        this.errorThrown = true;
        return Promise.reject(this.end.error);
      }
      return Promise.resolve({ done: true, value: undefined });
    }
    if (this.waiter)
      return Promise.reject(
        new HopxError(`${this.operation}: the stream has one consumer at a time`, {
          code: ErrorCode.INVALID_ARGUMENT,
          operation: this.operation,
        }),
      );
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  private onMessage(data: unknown): void {
    if (!this.paused) this.armIdle();
    if (this.end) return;
    const text = frameText(data);
    const wire = parseFrame(text);
    if (!wire) return;
    const message = this.options.decode ? this.options.decode(wire) : (wire as S);
    this.options.onMessage?.(message);
    this.push(message, text?.length ?? 0);
    if (this.options.isFinal?.(message)) {
      this.finalSeen = true;
      this.finish(undefined, false);
      this.shut(1000, "");
    }
  }

  private push(message: S, size: number): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.resolve({ done: false, value: message });
      return;
    }
    this.queue.push(message);
    this.sizes.push(size);
    this.queuedBytes += size;
    if (this.queuedBytes <= this.maxQueued || this.paused) return;
    if (this.created.pause) {
      // Back-pressure: the server's frames wait in the kernel's buffers and TCP's window, not in ours.
      this.paused = true;
      // A paused socket is our choice, not the server's silence.
      this.idle.pause();
      this.created.pause();
      return;
    }
    this.fail(
      new LimitExceededError(
        `${this.operation}: the consumer fell more than maxQueuedBytes (${this.maxQueued} bytes) behind the server`,
        {
          code: ErrorCode.WEBSOCKET_QUEUE_FULL,
          operation: this.operation,
          limit: "maxQueuedBytes",
          limitValue: this.maxQueued,
        },
      ),
      false,
    );
  }

  private onClose(code: number, reason: string): void {
    this.closeCode = code;
    this.closeReason = redactText(reason);
    this.stopIdle();
    this.markClosed({ code, reason: this.closeReason });
    if (!this.wasOpen) return;
    const normal = this.finalSeen || (this.options.isFinal === undefined && code === 1000);
    this.finish(normal ? undefined : this.dropped(), false);
  }

  private dropped(): NetworkError {
    const code = this.closeCode;
    const detail = code === undefined ? "" : ` (code ${code}${this.closeReason ? `: ${this.closeReason}` : ""})`;
    const what = this.wasOpen
      ? "the server closed the stream before it was complete"
      : `the WebSocket connection failed${this.lastError ? ` (${this.lastError})` : ""}`;
    return new NetworkError(`${this.operation}: ${what}${detail}`, {
      code: ErrorCode.NETWORK_ERROR,
      retryable: true,
      operation: this.operation,
      ...(code === undefined ? {} : { details: { closeCode: code, closeReason: this.closeReason ?? "" } }),
    });
  }

  /** Ends the stream. `now`: drop what is queued (abort, timeout, close by the consumer). */
  private fail(error: HopxError, now: boolean): void {
    this.finish(error, now);
    if (error instanceof TimeoutError && this.created.terminate) this.created.terminate();
    else this.shut(1000, "");
  }

  private finish(error: HopxError | undefined, now: boolean): void {
    if (this.end) return;
    this.end = error ? { error } : {};
    this.stopIdle();
    this.options.signal?.removeEventListener("abort", this.onAbort);
    if (now) {
      this.queue.length = 0;
      this.sizes.length = 0;
      this.queuedBytes = 0;
    }
    if (error) this.settleOpen?.(error);
    const waiter = this.waiter;
    if (waiter && this.queue.length === 0) {
      this.waiter = undefined;
      if (error) {
        this.errorThrown = true;
        waiter.reject(error);
      } else {
        waiter.resolve({ done: true, value: undefined });
      }
    }
  }

  private shut(code: number, reason: string): void {
    this.probe.abort();
    try {
      if (this.raw.readyState < 2) this.raw.close(code, reason);
    } catch {
      // Closing a socket that is still connecting throws in some implementations; terminate instead.
      this.created.terminate?.();
    }
  }

  private armIdle(): void {
    if (!this.end) this.idle.touch();
  }

  private stopIdle(): void {
    this.idle.stop();
  }
}
