// Deadline and abort plumbing that works on every runtime we support (Node 18 lacks AbortSignal.any).

/** A signal that fires when any of the given signals fires. */
export function anySignal(signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  const native = (AbortSignal as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (native) return native(present);
  const controller = new AbortController();
  for (const signal of present) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}

/** Aborts with a `TimeoutError` DOMException after `ms` milliseconds (timer does not keep the process alive). */
export function timeoutSignal(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === "function") return AbortSignal.timeout(ms);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation timed out.", "TimeoutError")), ms);
  (timer as { unref?: () => void }).unref?.();
  return controller.signal;
}

export const isTimeoutReason = (reason: unknown): boolean => reason instanceof Error && reason.name === "TimeoutError";

/** A timeout that can be called off (for a deadline that ends when a response starts streaming). */
export function stoppableTimeout(ms: number): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation timed out.", "TimeoutError")), ms);
  (timer as { unref?: () => void }).unref?.();
  return { signal: controller.signal, stop: () => clearTimeout(timer) };
}
