// Exit statuses, those of the official HopX CLI: each SDK error class maps to one, so scripts can tell an
// authentication problem from a missing sandbox from a timeout without parsing messages.
import type * as Sdk from "hopx-client";
import { UsageError } from "./args.js";

export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  AUTH: 3,
  NOT_FOUND: 4,
  TIMEOUT: 5,
  NETWORK: 6,
  RATE_LIMITED: 7,
  INTERRUPTED: 130,
  /** 128 + SIGPIPE: stdout's reader went away. */
  BROKEN_PIPE: 141,
} as const;

/** A failure the CLI itself detects (no key, a local file missing), with the status to exit with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** The exit status for an error; `sdk` is absent when the failure came before the SDK was loaded. */
export function exitCodeOf(err: unknown, sdk: typeof Sdk | undefined): number {
  if (err instanceof UsageError) return EXIT.USAGE;
  if (err instanceof CliError) return err.exitCode;
  if (!sdk) return EXIT.FAILURE;
  if (err instanceof sdk.AbortError) return EXIT.INTERRUPTED;
  // TokenExpiredError is an AuthenticationError; FileNotFound, TemplateNotFound and SandboxExpired are NotFound.
  if (err instanceof sdk.AuthenticationError) return EXIT.AUTH;
  if (err instanceof sdk.NotFoundError) return EXIT.NOT_FOUND;
  if (err instanceof sdk.TimeoutError) return EXIT.TIMEOUT;
  if (err instanceof sdk.RateLimitError) return EXIT.RATE_LIMITED;
  if (err instanceof sdk.ValidationError) return EXIT.USAGE;
  if (err instanceof sdk.NetworkError) return EXIT.NETWORK;
  return EXIT.FAILURE;
}

/** One line: class, code, request id and status, then the message; the key scrubbed whatever happened. */
export function errorLine(err: unknown, scrub: (text: string) => string): string {
  if (err instanceof UsageError) {
    const hint = err.command ? ` (see hopx ${err.command} --help)` : " (see hopx --help)";
    return scrub(`hopx: ${err.message}${hint}`);
  }
  if (err instanceof CliError) return scrub(`hopx: ${err.message}`);
  const e = err as Partial<Sdk.HopxError> & { name?: string; message?: string };
  const facts = [
    e.code,
    e.requestId ? `request ${e.requestId}` : undefined,
    e.status ? `HTTP ${e.status}` : undefined,
  ].filter(Boolean);
  const name = err instanceof Error ? err.name : "Error";
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, " ");
  return scrub(`hopx: ${name}${facts.length > 0 ? ` (${facts.join(", ")})` : ""}: ${message}`);
}
