// Checks that run before anything goes on the wire: a bad URL, header or id is a typed error, never a
// request to the wrong place.
import { invalidArgument } from "./errors.js";

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A base URL the SDK may send credentials to: https, or plain http only on loopback (local mocks) or when
 * the caller opts in with `allowInsecure`.
 */
export function checkBaseUrl(value: string, what: string, allowInsecure = false): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidArgument(`${what} is not a URL`);
  }
  if (url.username || url.password) throw invalidArgument(`${what} must not contain credentials`);
  if (url.search || url.hash) throw invalidArgument(`${what} must not have a query or fragment`);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !allowInsecure)
    throw invalidArgument(
      `${what} uses plain http to ${url.hostname}; use https, or set allowInsecure for a trusted network`,
    );
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalidArgument(`${what} must be an http(s) URL`);
  return url.toString().replace(/\/+$/, "");
}

/** RFC 9110 §5.1: a field name is a token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §5.5: visible ASCII, space, tab and obs-text (0x80–0xFF); fetch refuses anything above Latin-1. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function checkHeaderName(name: string): string {
  if (typeof name !== "string" || !TOKEN.test(name))
    throw invalidArgument(`header name ${JSON.stringify(String(name)).slice(0, 80)} is not a valid token`);
  return name;
}

/**
 * A header value that cannot split the request and that fetch will send: no control characters but tab,
 * nothing beyond Latin-1. The value is never echoed: it may be a credential.
 */
export function checkHeaderValue(name: string, value: string): string {
  if (typeof value !== "string") throw invalidArgument(`header ${name} must be a string`);
  if (/[\r\n\0]/.test(value)) throw invalidArgument(`header ${name} contains a line break or NUL`);
  if (!FIELD_VALUE.test(value))
    throw invalidArgument(`header ${name} contains a control character or a character outside Latin-1`);
  return value;
}

/** The longest delay a timer can wait: setTimeout fires at once beyond 2^31−1 ms (about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A duration in milliseconds: finite, > 0 and within a timer's range. `Infinity` is accepted where
 * `allowInfinite` says "no deadline" is a meaning of its own; -1, NaN and 0 never are.
 */
export function checkDurationMs(what: string, value: unknown, allowInfinite = false): number {
  if (allowInfinite && value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS)
    throw invalidArgument(
      `${what} must be a number of milliseconds > 0 and ≤ ${MAX_TIMER_MS}` +
        `${allowInfinite ? " (or Infinity for none)" : ""}; got ${String(value)}`,
    );
  return value;
}

/** A duration in whole seconds ≥ 1 whose milliseconds, plus `extraMs`, still fit a timer. */
export function checkDurationSeconds(what: string, value: unknown, extraMs = 0): number {
  const max = Math.floor((MAX_TIMER_MS - extraMs) / 1000);
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max)
    throw invalidArgument(`${what} must be a whole number of seconds from 1 to ${max}; got ${String(value)}`);
  return value;
}

/** Retries are capped: a huge or NaN count against a server answering 503 would be a request flood. */
export const MAX_RETRIES = 10;

export function checkMaxRetries(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_RETRIES)
    throw invalidArgument(`maxRetries must be a whole number from 0 to ${MAX_RETRIES}; got ${String(value)}`);
  return value;
}

/** A size or count limit: a whole number ≥ 1 (`Infinity` turns the limit off, by explicit choice). */
export function checkLimit(what: string, value: unknown): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw invalidArgument(`${what} must be a whole number ≥ 1 (or Infinity); got ${String(value)}`);
  return value;
}

/** An optional limit option: its checked value, or `fallback` when it is not set. */
export const limitOr = (what: string, value: unknown, fallback: number): number =>
  value === undefined ? fallback : checkLimit(what, value);

/** An environment variable name the agent can set: non-empty, without "=" or NUL. */
export function checkEnvName(what: string, name: unknown): string {
  if (typeof name !== "string" || name === "" || /[=\0]/.test(name))
    throw invalidArgument(
      `${what}: the variable name ${JSON.stringify(String(name)).slice(0, 80)} must be non-empty, without "=" or NUL`,
    );
  return name;
}

/**
 * A path parameter that stays inside its segment. openapi-fetch percent-encodes `/`, but `.` and `..`
 * are dot segments that URL parsing would resolve, and an empty id would hit the collection.
 */
export function checkPathParam(name: string, value: unknown): string | number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "string") throw invalidArgument(`${name} must be a string`);
  if (value.length === 0) throw invalidArgument(`${name} must not be empty`);
  if (value === "." || value === "..") throw invalidArgument(`${name} must not be "${value}"`);
  if (/[\0\r\n]/.test(value)) throw invalidArgument(`${name} contains a control character`);
  return value;
}

/** An environment map: names the agent accepts, string values (never echoed: they may be secrets). */
export function checkEnvMap(what: string, vars: unknown): Record<string, string> {
  if (typeof vars !== "object" || vars === null || Array.isArray(vars))
    throw invalidArgument(`${what}: expected an object of strings`);
  for (const [name, value] of Object.entries(vars)) {
    checkEnvName(what, name);
    if (typeof value !== "string") throw invalidArgument(`${what}: the value of ${name} must be a string`);
  }
  return vars as Record<string, string>;
}
