// Per-test scripting: handlers and faults registered by operationId, newest first (as in MSW), each with an
// optional use limit; `reset()` forgets them all.
import type { Scripted } from "./types.js";

/** One registration: what it holds and how often it may still be used. */
export interface Entry<T> extends Scripted {
  readonly value: T;
  /** Takes one use; false when none is left. */
  take(): boolean;
}

export class Registry<T> {
  private readonly entries = new Map<string, Array<Entry<T>>>();

  add(operationId: string, value: T, times = Number.POSITIVE_INFINITY): Entry<T> {
    checkTimes(times);
    const list = this.entries.get(operationId) ?? [];
    this.entries.set(operationId, list);
    let remaining = times;
    let calls = 0;
    const entry: Entry<T> = {
      value,
      get remaining() {
        return remaining;
      },
      get calls() {
        return calls;
      },
      times(n) {
        checkTimes(n);
        remaining = n;
        return entry;
      },
      once() {
        return entry.times(1);
      },
      remove() {
        const at = list.indexOf(entry);
        if (at >= 0) list.splice(at, 1);
      },
      take() {
        if (remaining <= 0) return false;
        remaining--;
        calls++;
        return true;
      },
    };
    // Newest first: a later registration overrides an earlier one until it is used up.
    list.unshift(entry);
    return entry;
  }

  /** The newest registration with uses left, which is then used once. */
  take(operationId: string): Entry<T> | undefined {
    for (const entry of this.entries.get(operationId) ?? []) if (entry.take()) return entry;
    return undefined;
  }

  clear(): void {
    this.entries.clear();
  }
}

function checkTimes(n: number): void {
  if (typeof n !== "number" || Number.isNaN(n) || n < 1 || (Number.isFinite(n) && !Number.isInteger(n)))
    throw new RangeError(`hopx mock: times must be an integer ≥ 1 (or Infinity), got ${String(n)}`);
}
