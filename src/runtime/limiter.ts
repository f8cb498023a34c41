// A cap on the requests one client has in flight to its host. Each HTTP/1.1 request in flight holds a
// socket, so under a burst (1 000 concurrent calls) the runtime would open one socket per call; queueing
// past the cap keeps the socket count at the cap on every runtime, with or without undici's Agent.
export type Release = () => void;

export class ConnectionLimiter {
  #active = 0;
  readonly #waiting: Array<{
    grant: (release: Release) => void;
    reject: (reason: unknown) => void;
    signal: AbortSignal | undefined;
    onAbort: () => void;
  }> = [];

  constructor(readonly max: number) {}

  /**
   * At the cap, releases a turn later: fetch hands a socket back to its pool only after the body's end has
   * been delivered, and a call let in before that would open a new connection. One timer per turn for all
   * the releases due, not one per call. Below the cap the slot frees now: a new call is let in either way.
   */
  releaseSoon(release: Release): void {
    if (this.#active < this.max) release();
    else if (this.#deferred.push(release) === 1) setTimeout(this.#flush, 0);
  }

  readonly #deferred: Release[] = [];
  readonly #flush = (): void => {
    for (const release of this.#deferred.splice(0)) release();
  };

  /** Resolves with a release function once a slot is free; rejects with the signal's reason if it fires first. */
  acquire(signal: AbortSignal | undefined): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.max) return Promise.resolve(this.#grant());
    return new Promise<Release>((resolve, reject) => {
      const entry = {
        grant: resolve,
        reject,
        signal,
        onAbort: (): void => {
          const index = this.#waiting.indexOf(entry);
          if (index >= 0) this.#waiting.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener("abort", entry.onAbort, { once: true });
      this.#waiting.push(entry);
    });
  }

  get active(): number {
    return this.#active;
  }

  #grant(): Release {
    this.#active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      const next = this.#waiting.shift();
      if (!next) return;
      next.signal?.removeEventListener("abort", next.onAbort);
      next.grant(this.#grant());
    };
  }
}
