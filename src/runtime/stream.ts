// The one shape of every SDK stream (SSE events, WebSocket messages, terminal output, file changes): an
// async iterable with `close()`, `closed` and `[Symbol.asyncDispose]`, abortable by a signal. Leaving a
// `for await` loop, `close()`, `await using` and killing the sandbox all end it the same way: the iteration
// finishes (done) and the connection is released. Only the caller's own signal turns the end into an
// AbortError, and a failure of the stream itself into its typed error.
import { ErrorCode, HopxError } from "./errors.js";

/**
 * The one shape of every SDK stream (SSE events, WebSocket messages, terminal output, file changes): an async
 * iterable with `close()`, `closed` and `[Symbol.asyncDispose]`, abortable by a signal. Leaving a `for await` loop,
 * `close()`, `await using` and killing the sandbox all end it; only the caller's own signal turns the end into an
 * `AbortError`.
 *
 * @example
 * ```ts
 * import type { Sandbox } from "hopx-client";
 *
 * declare const sandbox: Sandbox;
 *
 * await using changes = sandbox.files.watch("/workspace"); // closed at the end of the block
 * for await (const change of changes) console.log(change);
 * ```
 */
export interface Stream<T> extends AsyncIterable<T> {
  /** Ends the stream: a pending or later read finishes as done, and the connection is released. Idempotent. */
  close(): void;
  /** Resolves once the stream has ended, however it ended; never rejects. */
  readonly closed: Promise<void>;
  /** `await using stream = …` closes it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Why a stream's signal fired when the caller closed it (not an error the caller should see). */
const CLOSED = Symbol("stream closed");

/**
 * The {@link Stream} implementation: wraps a source that is opened at once and read lazily, for callers of
 * `hopx-client/raw` who build their own streams.
 */
export class StreamHandle<T> implements Stream<T> {
  readonly closed: Promise<void>;
  readonly #controller = new AbortController();
  readonly #source: AsyncIterator<T>;
  #ended = false;
  #reading = false;
  #settle!: () => void;

  /**
   * @param open starts the source; it must end (or fail) soon after `signal` fires. Called at once, so a
   *   generator function runs its body only at the first read.
   * @param signal the caller's signal: aborting it ends the stream with an AbortError.
   */
  constructor(open: (signal: AbortSignal) => AsyncIterable<T>, signal?: AbortSignal) {
    this.closed = new Promise<void>((resolve) => (this.#settle = resolve));
    if (signal?.aborted) this.#controller.abort(signal.reason);
    else
      signal?.addEventListener("abort", () => this.#controller.abort(signal.reason), {
        once: true,
        signal: this.#controller.signal,
      });
    this.#source = open(this.#controller.signal)[Symbol.asyncIterator]();
  }

  close(): void {
    if (this.#ended) return;
    this.#end();
    this.#controller.abort(CLOSED);
    // A source that is not reading right now is told to finish (a generator runs its finally blocks).
    if (!this.#reading) void this.#source.return?.().catch(() => undefined);
  }

  /** Closes the stream (`await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  /** Reads the stream; leaving the loop closes it. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.#next(),
      return: async () => {
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async #next(): Promise<IteratorResult<T>> {
    if (this.#ended) return { done: true, value: undefined };
    if (this.#reading) throw new HopxError("a stream has one reader at a time", { code: ErrorCode.INVALID_ARGUMENT });
    this.#reading = true;
    try {
      const item = await this.#source.next();
      if (item.done) this.#end();
      return this.#ended ? { done: true, value: undefined } : item;
    } catch (err) {
      const closedHere = this.#controller.signal.reason === CLOSED;
      this.#end();
      if (closedHere) return { done: true, value: undefined };
      throw err;
    } finally {
      this.#reading = false;
      // Closed while this read was pending: now the source can be told to finish.
      if (this.#ended) void this.#source.return?.().catch(() => undefined);
    }
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#settle();
  }
}
