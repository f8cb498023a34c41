// Server-Sent Events as an async iterator: parsed by sse-parser.ts, reconnecting with Last-Event-ID
// when the stream drops, an idle timeout so a silent connection cannot hang a consumer, and abort.
import { AbortError, ErrorCode, HopxError, LimitExceededError, TimeoutError } from "./errors.js";
import { checkDurationMs } from "./guards.js";
import { createSseParser, type SseMessage } from "./sse-parser.js";
import { backoffDelay, idleWatchdog, sleep } from "./time.js";

export interface SseEvent<T> {
  /** `message` when the server named no event. */
  event: string;
  data: T;
  id?: string;
}

export interface SseOptions<T> {
  /** Opens (or reopens) the stream; `lastEventId` is set on reconnects. */
  open(lastEventId: string | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  /** Turns an event's data into the yielded value (JSON.parse by default). */
  parse?(data: string, event: string): T;
  /** Events after which the stream is complete (e.g. `done` of build logs); the iterator then ends. */
  finalEvents?: readonly string[];
  /** Milliseconds without a byte before the connection counts as dropped (default 60 000). */
  idleTimeoutMs?: number;
  /** Reconnects in a row without receiving an event before giving up (default 5; 0 disables). */
  maxReconnects?: number;
  /**
   * First reconnect delay in ms, doubled each time with jitter, at most 30 s (default 500; the server's `retry:` sets
   * it).
   */
  reconnectDelayMs?: number;
  /**
   * Longest line, and largest event, in bytes (default 1 MiB). The parser buffers an unfinished line and
   * an undispatched event; past this the stream ends with LimitExceededError instead of growing.
   */
  maxEventBytes?: number;
  signal?: AbortSignal;
}

const defaultParse = <T>(data: string): T => JSON.parse(data) as T;

/** The longest line or undispatched event the reader buffers (client option `maxSseEventBytes`). */
export const DEFAULT_MAX_SSE_EVENT_BYTES = 1024 * 1024;

/** Reconnect delays grow with jitter up to this, whatever `retry:` the server sent. */
const MAX_RECONNECT_DELAY_MS = 30_000;

const LF = 0x0a;
const CR = 0x0d;

function lastLineBreak(bytes: Uint8Array): number {
  return Math.max(bytes.lastIndexOf(LF), bytes.lastIndexOf(CR));
}

/** Reads one connection, yielding parsed messages; returns normally when the server ends the stream. */
async function* readConnection(
  stream: ReadableStream<Uint8Array>,
  idleTimeout: number,
  maxEventBytes: number,
  onRetry: (ms: number) => void,
): AsyncGenerator<SseMessage> {
  const queue: SseMessage[] = [];
  // Bytes the parser may be holding: those of the unfinished line, and those since the last dispatched
  // event (counted from the chunk that dispatched it, so the bound is the limit plus one read).
  let lineBytes = 0;
  let eventBytes = 0;
  let dispatched = false;
  const parser = createSseParser({
    onEvent: (message) => {
      dispatched = true;
      queue.push(message);
    },
    onRetry,
  });
  const tooLarge = (what: string): LimitExceededError =>
    new LimitExceededError(`stream sent ${what} longer than maxSseEventBytes (${maxEventBytes} bytes)`, {
      code: ErrorCode.SSE_EVENT_TOO_LARGE,
      limit: "maxSseEventBytes",
      limitValue: maxEventBytes,
    });
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let idled = false;
  const watchdog = idleWatchdog(idleTimeout, () => {
    idled = true;
    void reader.cancel().catch(() => undefined);
  });
  try {
    for (;;) {
      watchdog.touch();
      const next = await reader.read();
      if (idled)
        throw new TimeoutError(`stream idle for ${idleTimeout} ms`, { code: ErrorCode.TIMEOUT, retryable: true });
      if (next.done) {
        parser.feed(decoder.decode());
        yield* queue.splice(0);
        return;
      }
      const chunk = next.value;
      const cut = lastLineBreak(chunk);
      lineBytes = cut < 0 ? lineBytes + chunk.byteLength : chunk.byteLength - cut - 1;
      if (lineBytes > maxEventBytes) throw tooLarge("a line");
      dispatched = false;
      parser.feed(decoder.decode(chunk, { stream: true }));
      eventBytes = dispatched ? chunk.byteLength : eventBytes + chunk.byteLength;
      if (eventBytes > maxEventBytes && !dispatched) throw tooLarge("an event");
      // The consumer's time with the events is not the server's silence.
      watchdog.pause();
      yield* queue.splice(0);
    }
  } finally {
    watchdog.stop();
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Iterates the events of an SSE endpoint. Drops (network errors, idle, the server closing an open-ended
 * stream) reconnect with `Last-Event-ID`, so no event is lost; an event repeating the last seen id is
 * skipped, so none is repeated. Errors the server answers with (4xx/5xx from `open`) end the iteration.
 */
export async function* sseEvents<T>(options: SseOptions<T>): AsyncGenerator<SseEvent<T>> {
  const parse = options.parse ?? defaultParse<T>;
  const idleTimeout = checkDurationMs("stream: idleTimeoutMs", options.idleTimeoutMs ?? 60_000);
  const maxReconnects = options.maxReconnects ?? 5;
  const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_SSE_EVENT_BYTES;
  const final = new Set(options.finalEvents ?? []);
  let delay = checkDurationMs("stream: reconnectDelayMs", options.reconnectDelayMs ?? 500);
  let lastEventId: string | undefined;
  let failures = 0;
  for (;;) {
    if (options.signal?.aborted) throw new AbortError("stream aborted", { code: ErrorCode.ABORTED });
    const controller = new AbortController();
    const abort = (): void => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", abort, { once: true });
    let dropped: unknown;
    try {
      const stream = await options.open(lastEventId, controller.signal);
      for await (const message of readConnection(stream, idleTimeout, maxEventBytes, (ms) => (delay = ms))) {
        if (message.id !== undefined && message.id === lastEventId) continue;
        if (message.id !== undefined) lastEventId = message.id;
        failures = 0;
        const event = message.event ?? "message";
        yield { event, data: parse(message.data, event), ...(message.id !== undefined ? { id: message.id } : {}) };
        if (final.has(event)) return;
      }
      dropped = new HopxError("stream ended", { code: ErrorCode.NETWORK_ERROR, retryable: true });
    } catch (err) {
      if (options.signal?.aborted) throw new AbortError("stream aborted", { code: ErrorCode.ABORTED, cause: err });
      if (err instanceof HopxError && !err.retryable) throw err;
      if (err instanceof SyntaxError)
        throw new HopxError(`stream sent malformed data: ${err.message}`, {
          code: ErrorCode.INVALID_RESPONSE,
          cause: err,
        });
      dropped = err;
    } finally {
      options.signal?.removeEventListener("abort", abort);
      controller.abort();
    }
    if (failures >= maxReconnects) throw dropped;
    failures++;
    await sleep(backoffDelay(failures - 1, { baseDelayMs: delay, maxDelayMs: MAX_RECONNECT_DELAY_MS }), options.signal);
  }
}
