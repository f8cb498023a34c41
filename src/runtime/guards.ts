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
    throw invalidArgument(`${what} uses plain http to ${url.hostname}; use https, or set allowInsecure for a trusted network`);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalidArgument(`${what} must be an http(s) URL`);
  return url.toString().replace(/\/+$/, "");
}

/** A header value that cannot split the request (no CR, LF or NUL). */
export function checkHeaderValue(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) throw invalidArgument(`header ${name} contains a line break or NUL`);
  return value;
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
