// The streams a sandbox handle has open (WebSockets, SSE), so that killing the sandbox closes them all: a
// terminal or watch left open by the caller would otherwise keep the process alive forever.
export interface Closeable {
  close(): void;
}

/** The streams one sandbox handle has open (WebSockets, SSE), so that killing the sandbox closes them all. */
export class OpenStreams {
  readonly #open = new Set<Closeable>();

  /** Tracks `stream` until `closed` settles; returns a function that stops tracking it. */
  track(stream: Closeable, closed?: Promise<unknown>): () => void {
    this.#open.add(stream);
    const forget = (): void => void this.#open.delete(stream);
    void closed?.then(forget, forget);
    return forget;
  }

  /** How many streams are open. */
  get size(): number {
    return this.#open.size;
  }

  /** Closes every tracked stream (best effort) and forgets them. */
  closeAll(): void {
    for (const stream of [...this.#open]) {
      this.#open.delete(stream);
      try {
        stream.close();
      } catch {
        // Closing is best effort: a stream that already failed has nothing left to release.
      }
    }
  }
}
