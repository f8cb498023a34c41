// Every duration option names its unit (`timeoutMs`, `idleTimeoutMs`, `timeoutSeconds`). The official SDK's
// unit-less names stay accepted, with their official meaning, as deprecated aliases (CONTRIBUTING.md: "Renamed
// options"); passing an alias together with its new name is refused rather than silently picking one.
import { invalidArgument } from "./errors.js";

/**
 * The value of `name`, or of its deprecated `alias` converted to `name`'s unit; undefined when neither is
 * set. Both set is a ValidationError.
 */
export function renamed(
  where: string,
  options: object | undefined,
  name: string,
  alias: string,
  fromAlias: (value: number) => number = (v) => v,
): number | undefined {
  const record = (options ?? {}) as Record<string, unknown>;
  const value = record[name];
  const old = record[alias];
  if (value !== undefined && old !== undefined)
    throw invalidArgument(`${where}: pass \`${name}\` or its deprecated alias \`${alias}\`, not both`);
  if (value !== undefined) return value as number;
  if (old === undefined) return undefined;
  // A non-number is passed on unconverted, so the option's own check reports it.
  return typeof old === "number" ? fromAlias(old) : (old as number);
}

export const secondsToMs = (seconds: number): number => seconds * 1000;

/**
 * Per-call options with the deadline under its new name: the caller's `timeoutMs` (or deprecated
 * `timeout`), else `fallbackMs`.
 */
export function callDeadline<T extends { timeoutMs?: number; timeout?: number }>(
  where: string,
  options: T | undefined,
  fallbackMs: number,
): Omit<T, "timeout"> & { timeoutMs: number } {
  const { timeout: _alias, ...rest } = (options ?? {}) as T;
  return { ...rest, timeoutMs: renamed(where, options, "timeoutMs", "timeout") ?? fallbackMs };
}
