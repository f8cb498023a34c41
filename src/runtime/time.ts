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

/**
 * A call's deadline: `signal` fires with a TimeoutError reason when it passes, or with the reason of the
 * caller's signal.
 */
export interface CallDeadline {
  readonly signal: AbortSignal;
  /** The call is over: the deadline is dropped and the caller's signal no longer watched. */
  done(): void;
}

/** A monotonic clock in milliseconds where there is one (read at call time: nothing is touched at import). */
const clock = (): number =>
  typeof performance === "object" && typeof performance?.now === "function" ? performance.now() : Date.now();

/**
 * How late a shared deadline may fire, as a fraction of its duration: a 60 s deadline fires within 0.94 s
 * after it is due, a 1 s one within 16 ms. Calls that start within that window share one AbortController.
 */
const SHARE_FRACTION = 1 / 64;
/** Calls one AbortController serves at most: fetch adds one abort listener per request to it. */
const SHARE_MAX = 32;

/**
 * The pending deadlines of one duration, oldest first. Calls of the same duration end in the order they
 * started, so appending keeps the list sorted and one timer, armed for the head, serves all of them.
 */
interface DeadlineList {
  readonly ms: number;
  head: DeadlineEntry | undefined;
  tail: DeadlineEntry | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const deadlineLists = new Map<number, DeadlineList>();

/**
 * One AbortController and the deadline it fires at, linked into the list of its duration. Calls without a
 * signal of their own join the newest entry while it is young enough (SHARE_FRACTION): creating an
 * AbortController, and fetch's bookkeeping for a new signal, cost more than the rest of a call's deadline.
 * An entry whose calls are all over is dropped, never fired; the newest is kept for later calls to join.
 */
interface DeadlineEntry {
  /** When it fires (clock ms); moves later as calls join, and stays within SHARE_FRACTION of the first. */
  at: number;
  /** The deadline of the first call: a call may join while its own deadline is this close to it. */
  readonly firstAt: number;
  readonly controller: AbortController;
  /** The caller's signal, for an entry of one call; such an entry is never shared. */
  readonly parent: AbortSignal | undefined;
  /** Calls not yet done; `joined` counts every call that used it. */
  pending: number;
  joined: number;
  list: DeadlineList | undefined;
  prev: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
  onParentAbort: (() => void) | undefined;
}

function unlink(entry: DeadlineEntry): void {
  const list = entry.list;
  if (!list) return;
  if (entry.prev) entry.prev.next = entry.next;
  else list.head = entry.next;
  if (entry.next) entry.next.prev = entry.prev;
  else list.tail = entry.prev;
  entry.list = entry.prev = entry.next = undefined;
  if (entry.onParentAbort) entry.parent?.removeEventListener("abort", entry.onParentAbort);
  entry.onParentAbort = undefined;
}

/** One call's hold on an entry. */
class CallDeadlineHandle implements CallDeadline {
  readonly signal: AbortSignal;
  #entry: DeadlineEntry | undefined;

  constructor(entry: DeadlineEntry) {
    this.#entry = entry;
    this.signal = entry.controller.signal;
  }

  done(): void {
    const entry = this.#entry;
    if (!entry) return;
    this.#entry = undefined;
    // Kept while later calls may still join it (the newest entry, not full); dropped otherwise.
    if (--entry.pending === 0 && (entry.parent || entry.joined >= SHARE_MAX || entry !== entry.list?.tail))
      unlink(entry);
  }
}

function armDeadlines(list: DeadlineList, at: number): void {
  list.timer = unref(setTimeout(fireDeadlines, Math.max(1, Math.ceil(at - clock())), list));
}

function fireDeadlines(list: DeadlineList): void {
  list.timer = undefined;
  // Timers may run up to a millisecond before the clock says (their loop time is cached).
  const now = clock() + 1;
  for (let head = list.head; head && head.at <= now; head = list.head) {
    unlink(head);
    if (head.pending > 0) head.controller.abort(timeoutReason());
  }
  if (list.head) armDeadlines(list, list.head.at);
  else if (deadlineLists.get(list.ms) === list) deadlineLists.delete(list.ms);
}

function append(list: DeadlineList, entry: DeadlineEntry): void {
  entry.list = list;
  entry.prev = list.tail;
  if (list.tail) list.tail.next = entry;
  else list.head = entry;
  list.tail = entry;
  if (list.timer === undefined) armDeadlines(list, list.head!.at);
}

/**
 * A per-call deadline of `ms` (finite) that also fires when `parent` does. Cheaper than
 * `AbortSignal.any([parent, AbortSignal.timeout(ms)])` on the path every request takes: calls without a
 * signal of their own share AbortControllers (see DeadlineEntry), and one timer per duration serves every
 * pending deadline (it wakes at most once per `ms` to re-arm for the oldest one left).
 */
export function requestDeadline(ms: number, parent?: AbortSignal): CallDeadline {
  const at = clock() + ms;
  let list = deadlineLists.get(ms);
  if (!list) {
    list = { ms, head: undefined, tail: undefined, timer: undefined };
    deadlineLists.set(ms, list);
  }
  const tail = list.tail;
  if (!parent && tail && !tail.parent && tail.joined < SHARE_MAX && at - tail.firstAt <= ms * SHARE_FRACTION) {
    tail.at = at;
    tail.pending++;
    tail.joined++;
    return new CallDeadlineHandle(tail);
  }
  if (tail && tail.pending === 0) unlink(tail); // no call of its own left, and none will join it now
  const entry: DeadlineEntry = {
    at,
    firstAt: at,
    controller: new AbortController(),
    parent,
    pending: 1,
    joined: 1,
    list: undefined,
    prev: undefined,
    next: undefined,
    onParentAbort: undefined,
  };
  const handle = new CallDeadlineHandle(entry);
  if (parent?.aborted) {
    entry.controller.abort(parent.reason);
    return handle;
  }
  append(list, entry);
  if (parent) {
    const onAbort = (): void => {
      unlink(entry);
      entry.controller.abort(parent.reason);
    };
    entry.onParentAbort = onAbort;
    parent.addEventListener("abort", onAbort, { once: true });
  }
  return handle;
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
