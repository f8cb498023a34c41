// The sandbox JWT: kept per sandbox, refreshed before it expires and once after an agent 401, with one
// refresh in flight at a time however many calls need it (single-flight).
import { rememberSecret } from "../runtime/secrets.js";
import { backoffDelay } from "../runtime/time.js";
import { AuthenticationError, ErrorCode, HopxError } from "../runtime/errors.js";

export interface IssuedToken {
  token: string;
  /** RFC 3339; unknown when absent. */
  expiresAt?: string | undefined;
}

/** Refresh this long before the token's expiry, so a call never starts with a token about to lapse. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
/** After a failed refresh, callers share its error for this long (doubling per failure, up to the max). */
const REFRESH_BACKOFF_MS = 1_000;
const REFRESH_BACKOFF_MAX_MS = 30_000;

export class SandboxToken {
  // Private fields (#) so that logging a Sandbox or its token holder never prints the JWT.
  #issued: IssuedToken | undefined;
  #inflight: Promise<IssuedToken> | undefined;
  #failed: { error: HopxError; failures: number; retryAt: number } | undefined;
  readonly #fetchToken: () => Promise<IssuedToken>;

  constructor(fetchToken: () => Promise<IssuedToken>, initial?: IssuedToken) {
    this.#fetchToken = fetchToken;
    this.#issued = initial?.token ? initial : undefined;
    rememberSecret(initial?.token);
  }

  /** The token as it is now, without refreshing. */
  peek(): string | undefined {
    return this.#issued?.token;
  }

  expiresAt(): string | undefined {
    return this.#issued?.expiresAt;
  }

  /** A token valid for at least the refresh margin; refreshes when missing or about to expire. */
  async current(now = Date.now()): Promise<string> {
    const issued = this.#issued;
    const expiry = issued?.expiresAt ? Date.parse(issued.expiresAt) : Number.NaN;
    if (issued && (Number.isNaN(expiry) || expiry - now > TOKEN_REFRESH_MARGIN_MS)) return issued.token;
    return (await this.refresh()).token;
  }

  /**
   * Refreshes now; concurrent callers share the same refresh. A failed refresh is shared too: callers
   * arriving within the backoff after it get the same error instead of sending another refresh (50
   * concurrent calls after a failure make one request, not 25). The backoff doubles per failure in a row.
   */
  async refresh(now = Date.now()): Promise<IssuedToken> {
    if (this.#inflight) return this.#inflight;
    const failed = this.#failed;
    if (failed && now < failed.retryAt) return Promise.reject(failed.error);
    const pending = this.#fetchToken()
      .then((issued) => {
        if (!issued.token)
          throw new AuthenticationError("token refresh returned no token", { code: ErrorCode.INVALID_TOKEN });
        rememberSecret(issued.token);
        this.#issued = issued;
        this.#failed = undefined;
        return issued;
      })
      .catch((err: unknown) => {
        const error =
          err instanceof HopxError
            ? err
            : new AuthenticationError(`could not obtain a sandbox token: ${String(err)}`, {
                code: ErrorCode.INVALID_TOKEN,
                cause: err,
              });
        const failures = (this.#failed?.failures ?? 0) + 1;
        const backoff = backoffDelay(failures - 1, {
          baseDelayMs: REFRESH_BACKOFF_MS,
          maxDelayMs: REFRESH_BACKOFF_MAX_MS,
        });
        this.#failed = { error, failures, retryAt: Date.now() + backoff };
        throw error;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    this.#inflight = pending;
    return pending;
  }

  /**
   * After a 401 sent with `used`: refresh unless another call already replaced that token. Resolves true
   * when a different token is ready, so N concurrent 401s cause one refresh.
   */
  async renewAfterRejection(used: string | undefined): Promise<boolean> {
    if (this.#inflight) await this.#inflight;
    else if (this.#issued?.token === used || this.#issued === undefined) await this.refresh();
    return this.#issued !== undefined && this.#issued.token !== used;
  }
}
