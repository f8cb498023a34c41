// The shapes of the message socket (websocket.ts): what it is opened with, what it gives back, and the part of
// a WebSocket implementation it relies on.
import type { ProxySettings } from "./proxy.js";

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
