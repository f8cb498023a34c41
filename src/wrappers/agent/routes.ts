// Older agents only know the official SDK's paths for some operations. The spec's route is tried first; a
// 404 or 405 (the route is missing, not the resource) moves on to the next known form.
import { DesktopNotAvailableError, HopxError } from "../../runtime/errors.js";

/** True when an error says the route does not exist on this agent (as opposed to a real failure). */
export function isMissingRoute(err: unknown): boolean {
  return (
    err instanceof HopxError && (err.status === 404 || err.status === 405) && !(err instanceof DesktopNotAvailableError)
  );
}

/** Runs each form in turn until one is not a missing route; the last form's error is thrown as it is. */
export async function firstRoute<T>(forms: ReadonlyArray<() => Promise<T>>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await forms[i]!();
    } catch (err) {
      if (!isMissingRoute(err) || i === forms.length - 1) throw err;
    }
  }
}
