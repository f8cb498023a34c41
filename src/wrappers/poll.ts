// Waiting for a remote state (sandbox running, build finished, template active) with a deadline, so a
// server that never reaches the state cannot hang the caller.
import { ErrorCode, TimeoutError } from "../runtime/errors.js";
import { checkDurationMs } from "../runtime/guards.js";
import { sleep } from "../runtime/retry.js";
import { anySignal, timeoutSignal } from "../runtime/signals.js";

export interface PollOptions {
  /** Milliseconds between checks. */
  intervalMs: number;
  /** Milliseconds before giving up with a TimeoutError (Infinity: never). */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** What is awaited, for the timeout message (e.g. "sandbox 123 to be running"). */
  what: string;
}

/**
 * Calls `check` until it returns a value other than undefined. `check` gets a signal that fires at the
 * deadline or on abort, so a slow request is cut short too.
 */
export async function pollUntil<T>(check: (signal: AbortSignal | undefined) => Promise<T | undefined>, options: PollOptions): Promise<T> {
  checkDurationMs(`waiting for ${options.what}: interval`, options.intervalMs);
  const limited = Number.isFinite(checkDurationMs(`waiting for ${options.what}: timeout`, options.timeoutMs, true));
  const signal = anySignal([options.signal, limited ? timeoutSignal(options.timeoutMs) : undefined]);
  try {
    for (;;) {
      const value = await check(signal);
      if (value !== undefined) return value;
      await sleep(options.intervalMs, signal);
    }
  } catch (err) {
    if (err instanceof TimeoutError || (signal?.aborted && !options.signal?.aborted)) {
      throw new TimeoutError(`timed out after ${options.timeoutMs} ms waiting for ${options.what}`, { code: ErrorCode.TIMEOUT, retryable: true, cause: err });
    }
    throw err;
  }
}
