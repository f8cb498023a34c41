// An agent context whose fetch records each request (method, path+query, JSON body) before sending it,
// so tests can assert exactly what went on the wire.
import { agentContext, type AgentOptions } from "hopx-client/raw";
import type { AgentContext } from "hopx-client/raw";
import type { Logger } from "hopx-client";

export const TEST_TOKEN = "eyJhbGciOiJIUzI1NiJ9.test.sig";

export function recordingContext(
  baseURL: string,
  extra: Partial<AgentOptions> = {},
): { ctx: AgentContext; calls: string[]; bodies: unknown[] } {
  const calls: string[] = [];
  const bodies: unknown[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}${url.search}`);
    const text = await request.clone().text();
    bodies.push(text ? JSON.parse(text) : undefined);
    return globalThis.fetch(request);
  };
  return { ctx: agentContext({ baseURL, token: TEST_TOKEN, fetch, maxRetries: 0, ...extra }), calls, bodies };
}

/** A logger that keeps every line it is given (message and fields), for "no secret in a log line" checks. */
export function lineLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const keep = (m: string, f?: Record<string, unknown>): void => {
    lines.push(m + JSON.stringify(f ?? {}));
  };
  return { logger: { debug: keep, info: keep, warn: keep, error: keep }, lines };
}
