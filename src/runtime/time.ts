// Every wait of the SDK in one place: the grace added to server-enforced timeouts, deadlines, one idle
// watchdog, one backoff policy (jitter and a cap), sleep, and one polling loop. HTTP retries, SSE
// reconnects, WebSockets, file transfers, build and readiness polling and ensureHealthy all use these.
import { AbortError, ErrorCode, TimeoutError } from "./errors.js";
import { checkDurationMs } from "./guards.js";
import { anySignal } from "./signals.js";

/**
 * Beyond a timeout the server enforces (an execution's, a command's, a desktop wait's), the client waits
 * this much longer, so the server's own answer (even a timeout error) arrives before ours.
 */
export const EXECUTION_GRACE_MS = 30_000;

const unref = (timer: ReturnType<typeof setTimeout>): ReturnType<typeof setTimeout> => {
  (timer as { unref?: () => void }).unref?.();
  return timer;
};

export const timeoutReason = (): DOMException => new DOMException("The operation timed out.", "TimeoutError");

export const isTimeoutReason = (reason: unknown): boolean => reason instanceof Error && reason.name === "TimeoutError";

/** A signal that fires with a TimeoutError reason after `ms` (the timer never keeps a process alive). */
export function deadlineSignal(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === "function") return AbortSignal.timeout(ms);
  return stoppableDeadline(ms).signal;
}

/** A deadline that can be called off (e.g. once a streamed response starts). */
export function stoppableDeadline(ms: number): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const timer = unref(setTimeout(() => controller.abort(timeoutReason()), ms));
  return { signal: controller.signal, stop: () => clearTimeout(timer) };
}

export interface IdleWatchdog {
  /** Activity now: counting (re)starts. */
  touch(): void;
  /** Not waiting on the other side (a slow consumer, a paused socket): no timeout until the next touch. */
  pause(): void;
  /** Disarms for good. */
  stop(): void;
}

/**
 * Calls `onIdle` once when `ms` pass after a `touch()` with no other touch. One timer per idle period, not
 * one per touch: a 256 MiB transfer touches ~16 000 times. `ms` of 0 or Infinity: never idle.
 */
export function idleWatchdog(ms: number, onIdle: () => void): IdleWatchdog {
  if (!(ms > 0) || !Number.isFinite(ms))
    return { touch: () => undefined, pause: () => undefined, stop: () => undefined };
  let since = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    timer = undefined;
    if (stopped || since === 0) return;
    const left = since + ms - Date.now();
    if (left > 0) {
      timer = unref(setTimeout(check, left));
      return;
    }
    stopped = true;
    onIdle();
  };
  return {
    touch() {
      if (stopped) return;
      since = Date.now();
      timer ??= unref(setTimeout(check, ms));
    },
    pause() {
      since = 0;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

export interface Backoff {
  /** First delay in milliseconds; doubles every attempt. */
  baseDelayMs: number;
  /** No delay exceeds this. */
  maxDelayMs: number;
}

/** Exponential backoff with equal jitter (half fixed, half random), capped: `attempt` counts from 0. */
export function backoffDelay(attempt: number, policy: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Waits, unless the signal fires first (then rejects with the matching typed error). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (): void => {
      clearTimeout(timer);
      reject(
        isTimeoutReason(signal?.reason)
          ? new TimeoutError("timed out while waiting to retry", { code: ErrorCode.TIMEOUT, retryable: true })
          : new AbortError("aborted", { code: ErrorCode.ABORTED }),
      );
    };
    if (signal?.aborted) return fail();
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", fail);
      resolve();
    }, ms);
    signal?.addEventListener("abort", fail, { once: true });
  });
}

export interface PollOptions {
  /** Milliseconds between checks. */
  intervalMs: number;
  /** Milliseconds before giving up with a TimeoutError (Infinity: never). */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** What is awaited, for the timeout message (e.g. "sandbox 123 to be running"). */
  what: string;
  /**
   * Failures of `check` that mean "not yet" rather than "stop": polling goes on, and the last one becomes the timeout's
   * cause.
   */
  retryable?: (err: unknown) => boolean;
}

/**
 * Calls `check` until it returns a value other than undefined. `check` gets a signal that fires at the
 * deadline or on abort, so a slow request is cut short too. The TimeoutError's cause is the last failure
 * (or the last "not yet" reason `check` gave through `notYet`).
 */
export async function pollUntil<T>(
  check: (signal: AbortSignal | undefined, notYet: (reason: unknown) => undefined) => Promise<T | undefined>,
  options: PollOptions,
): Promise<T> {
  checkDurationMs(`waiting for ${options.what}: interval`, options.intervalMs);
  const limited = Number.isFinite(checkDurationMs(`waiting for ${options.what}: timeout`, options.timeoutMs, true));
  const signal = anySignal([options.signal, limited ? deadlineSignal(options.timeoutMs) : undefined]);
  let last: unknown;
  const notYet = (reason: unknown): undefined => {
    last = reason;
    return undefined;
  };
  try {
    for (;;) {
      try {
        const value = await check(signal, notYet);
        if (value !== undefined) return value;
      } catch (err) {
        if (signal?.aborted || !options.retryable?.(err)) throw err;
        last = err;
      }
      await sleep(options.intervalMs, signal);
    }
  } catch (err) {
    if (err instanceof TimeoutError || (signal?.aborted && !options.signal?.aborted)) {
      const cause = last ?? err;
      const reason = cause instanceof Error && cause !== err ? `: ${cause.message}` : "";
      throw new TimeoutError(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${reason}`, {
        code: ErrorCode.TIMEOUT,
        retryable: true,
        cause,
      });
    }
    throw err;
  }
}
