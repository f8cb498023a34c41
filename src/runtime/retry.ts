// When and how long to wait before resending a request.
import { backoffDelay } from "./time.js";

export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  /** First backoff step in milliseconds; doubles every attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking us to wait longer than this gets its error back instead of a retry. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Connection errors that prove the request never reached the server, so even a non-idempotent call
 * (create sandbox, execute) can be resent. A reset or a timeout proves nothing: the server may have acted.
 */
const NOT_SENT: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function errorCodeOf(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const neverSent = (err: unknown): boolean => NOT_SENT.has(errorCodeOf(err) ?? "");

/** The server's own delay when it gave one (capped), else the shared backoff (time.ts). */
export function delayMs(
  attempt: number,
  policy: RetryPolicy,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined) return Math.min(retryAfterSeconds * 1000, policy.maxRetryAfterMs);
  return backoffDelay(attempt, policy, random);
}
