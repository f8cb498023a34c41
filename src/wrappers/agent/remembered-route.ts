// Routes that differ between the two generations of HopX's agent spec (spec/DECISIONS.md, "Two generations of
// HopX's files"): a deployed agent serves one or the other, and nothing says which. The first form that the
// agent answers is remembered per agent context (one per sandbox), so a sandbox pays for a missing route once.
import { DesktopNotAvailableError, ErrorCode, HopxError } from "../../runtime/errors.js";
import type { AgentContext } from "./context.js";

const chosen = new WeakMap<AgentContext, Map<string, number>>();

/**
 * True when the agent has no such route: 405, or a 404 without an error code of its own (a router's "404 page
 * not found", or the generic `NOT_FOUND`). A 404 naming what is missing (`PROCESS_NOT_FOUND`) came from the route.
 */
export function routeAbsent(err: unknown): boolean {
  if (!(err instanceof HopxError) || err instanceof DesktopNotAvailableError) return false;
  return err.status === 405 || (err.status === 404 && (err.code === undefined || err.code === ErrorCode.NOT_FOUND));
}

/** Statuses that say nothing about the route (checked before routing, or a failure of the agent itself). */
const NOT_EVIDENCE: ReadonlySet<number> = new Set([401, 408, 429]);

/** Whether an error proves that the route exists: the route itself refused the request. */
function routeAnswered(err: unknown): boolean {
  return (
    err instanceof HopxError &&
    err.status !== undefined &&
    err.status >= 400 &&
    err.status < 500 &&
    !NOT_EVIDENCE.has(err.status) &&
    !routeAbsent(err)
  );
}

/**
 * Calls the form remembered for `key` on this sandbox; the first time, tries each form in order while the route
 * is absent, and remembers the first one that answered (a success, or an error of the route's own). The last
 * form's error is thrown as it is.
 */
export async function rememberedRoute<T>(
  ctx: AgentContext,
  key: string,
  forms: ReadonlyArray<() => Promise<T>>,
): Promise<T> {
  let routes = chosen.get(ctx);
  if (!routes) {
    routes = new Map<string, number>();
    chosen.set(ctx, routes);
  }
  const known = routes.get(key);
  if (known !== undefined) return forms[known]!();
  for (let i = 0; ; i++) {
    try {
      const result = await forms[i]!();
      routes.set(key, i);
      return result;
    } catch (err) {
      if (routeAnswered(err)) routes.set(key, i);
      if (!routeAbsent(err) || i === forms.length - 1) throw err;
    }
  }
}
