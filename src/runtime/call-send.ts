// Sending one call: a connection slot (limiter), the plane's credentials on its own origin only, redirects
// refused, the attempt, and the decisions after it — retry with backoff, renew a token after a 401 and resend
// once, or hand the answer on. What an answer means is decided in call-answer.ts.
import { heldAnswer, thrownToError } from "./call-answer.js";
import { streamsAnswer, type CallContext } from "./call-request.js";
import { desktopUnavailable, parseErrorBody, parseRetryAfter } from "./error-from-response.js";
import { ErrorCode, NetworkError, RETRY_STATUSES, ValidationError } from "./errors.js";
import { checkHeaderValue } from "./guards.js";
import type { ConnectionLimiter, Release } from "./limiter.js";
import type { Logger } from "./logger.js";
import type { OperationInfo } from "./operation.js";
import { delayMs, neverSent, type RetryPolicy } from "./retry.js";
import { rememberSecret } from "./secrets.js";
import { streamedBodyType } from "./serializers.js";
import { sleep } from "./time.js";

export interface SendConfig {
  /** What request URLs start with: the origin (and base path), or a placeholder while it is found lazily. */
  readonly baseUrl: string;
  /** Moves a URL built on `baseUrl` onto the real origin (identity when the origin was given). */
  readonly resolveUrl: (url: string) => Promise<string>;
  /** Which plane, for error messages. */
  readonly label: string;
  /** The fetch every attempt of every call is sent with (see `wireFetch` in transport.ts). */
  readonly fetch: typeof globalThis.fetch;
  readonly credentials:
    | ((op: OperationInfo | undefined) => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>)
    | undefined;
  readonly onUnauthorized:
    | ((op: OperationInfo, used: Readonly<Record<string, string>>) => Promise<boolean>)
    | undefined;
  readonly policy: RetryPolicy;
  readonly limiter: ConnectionLimiter;
  readonly maxResponseBytes: number;
  readonly log: Logger | undefined;
}

/**
 * What openapi-fetch builds in place of a `Request` (its documented `Request` option): the URL and init as they
 * are, so an attempt goes to `fetch(url, init)` with no Request object of ours, and a resend needs no clone (a
 * JSON body is a string).
 */
export class WireRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly init: RequestInit;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.init = init;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
  }
}

/** The URL and init an attempt is sent with; a real Request (a user's middleware made one) is taken apart. */
function wireInit(request: Request | WireRequest, signal: AbortSignal | undefined): RequestInit & { url: string } {
  const body = request instanceof WireRequest ? request.init.body : request.body;
  const headers = request instanceof WireRequest ? request.headers : new Headers(request.headers);
  // A streamed body (multipart or binary) carries its own Content-Type, and fetch needs `duplex` for it.
  const streamedType = streamedBodyType(body);
  if (streamedType) headers.set("Content-Type", streamedType);
  // Follow no redirect: one could carry credentials to another origin. `error` rather than `manual`: Node 20's
  // fetch holds a whole upload body in memory under both `follow` and `manual` (undici #4058).
  const init: RequestInit & { url: string } = { url: request.url, method: request.method, headers, body, signal };
  init.redirect = "error";
  if (body instanceof ReadableStream) (init as { duplex?: string }).duplex = "half";
  return init;
}

/** An answer that is not handed on: its unread body is cancelled, so its connection is freed now, not at GC. */
const discard = (response: Response): void => {
  if (!response.bodyUsed) void response.body?.cancel().catch(() => undefined);
};

/** Whether a wait before the next attempt ends before the call's deadline. */
const fitsDeadline = (wait: number, ctx: CallContext | undefined): boolean =>
  Date.now() + wait < (ctx?.deadlineAt ?? Number.POSITIVE_INFINITY);

/**
 * The fetch openapi-fetch is given for one call (`ctx`: the call's state; undefined for calls of the raw
 * client, which get neither retries nor a deadline of ours).
 */
export function createSender(cfg: SendConfig) {
  const { baseUrl, policy, limiter, log } = cfg;
  const opName = (op: OperationInfo | undefined): string => op?.id ?? "request";

  async function acquire(signal: AbortSignal | undefined, op: OperationInfo | undefined): Promise<Release> {
    try {
      return await limiter.acquire(signal);
    } catch (err) {
      throw thrownToError(err, signal, opName(op));
    }
  }

  /** After a failed attempt: waits before the next one, or throws the typed error when none may follow. */
  async function afterError(err: unknown, attempt: number, maxRetries: number, ctx: CallContext | undefined) {
    const op = ctx?.op;
    const error = thrownToError(err, ctx?.signal, opName(op));
    const mayResend = error instanceof NetworkError && (op?.retrySafe === true || neverSent(err));
    const wait = delayMs(attempt, policy);
    if (attempt >= maxRetries || !mayResend || !fitsDeadline(wait, ctx)) throw error;
    log?.warn(`${opName(op)}: ${error.message}; retrying in ${wait} ms`, { attempt: attempt + 1 });
    ctx?.observer?.retry?.(wait, error);
    await sleep(wait, ctx?.signal);
  }

  /** How long to wait before resending after a retryable status, or undefined to hand the answer on. */
  async function statusWait(response: Response, attempt: number, ctx: CallContext): Promise<number | undefined> {
    const status = response.status;
    if (desktopUnavailable(status, ctx.op.path)) return undefined;
    let retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    if (retryAfter === undefined && status === 429) {
      try {
        retryAfter = parseErrorBody(JSON.parse(await response.clone().text())).retryAfter;
      } catch {
        retryAfter = undefined;
      }
    }
    if (retryAfter !== undefined && retryAfter * 1000 > policy.maxRetryAfterMs) return undefined;
    const wait = delayMs(attempt, policy, retryAfter);
    // A wait that cannot end before the deadline would only turn this answer into a TimeoutError later: the
    // caller learns more, sooner, from the answer itself (a RateLimitError with retryAfter).
    return fitsDeadline(wait, ctx) ? wait : undefined;
  }

  return async function send(request: Request | WireRequest, ctx: CallContext | undefined): Promise<Response> {
    const op = ctx?.op;
    const signal = ctx
      ? ctx.signal
      : ((request instanceof WireRequest ? request.init.signal : request.signal) ?? undefined);
    const { url: url0, ...init } = wireInit(request, signal);
    if (!(url0 === baseUrl || url0.startsWith(`${baseUrl}/`) || url0.startsWith(`${baseUrl}?`))) {
      // Never happens through generated code; refuses rather than send credentials elsewhere.
      throw new ValidationError(`${opName(op)}: URL leaves ${cfg.label}`, { code: ErrorCode.INVALID_ARGUMENT });
    }
    const headers = init.headers as Headers;
    // An upload is streamed; replaying it would mean holding it all in memory, so it is sent once. Any other
    // body is a string (JSON) or absent, so a resend costs nothing.
    const replayable = !op?.upload && !(init.body instanceof ReadableStream);
    const maxRetries = ctx && replayable ? policy.maxRetries : 0;
    // Streamed answers (SSE, downloads) hold no connection slot: they last as long as their reader.
    const streamed = op !== undefined && (streamsAnswer(op) || op.stream === "websocket");
    const started = log ? Date.now() : 0;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const release = streamed ? undefined : await acquire(signal, op);
      let response: Response;
      let credentials: Readonly<Record<string, string>> = {};
      try {
        const url = await cfg.resolveUrl(url0);
        if (!op?.public && cfg.credentials) {
          credentials = await cfg.credentials(op);
          for (const name in credentials) {
            const value = credentials[name]!;
            rememberSecret(value);
            headers.set(name, checkHeaderValue(name, value));
          }
        }
        // After the credentials: what the observer sees (and may add to, trace context) is what is sent.
        ctx?.observer?.attempt?.(attempt + 1, { url, headers });
        log?.debug(`→ ${init.method} ${op?.path ?? url0.slice(baseUrl.length)}`, {
          operation: op?.id,
          attempt: attempt + 1,
        });
        response = await heldAnswer(await cfg.fetch(url, init), cfg.maxResponseBytes, opName(op), streamed);
      } catch (err) {
        release?.();
        await afterError(err, attempt, maxRetries, ctx);
        continue;
      }
      // At the cap the slot frees a turn later (limiter.ts), once fetch has pooled the socket again.
      if (release) limiter.releaseSoon(release);
      const status = response.status;
      ctx?.observer?.answered?.(status);
      log?.debug(`← ${status} ${op?.id ?? ""}`, {
        ms: Date.now() - started,
        requestId: response.headers.get("x-request-id") ?? undefined,
      });
      if (status === 401 && ctx && replayable && cfg.onUnauthorized) {
        if (renewed) {
          ctx.reauthFailed = true; // rejected again with renewed credentials
          return response;
        }
        renewed = true;
        const fresh = await cfg.onUnauthorized(ctx.op, credentials);
        ctx.observer?.renewal?.(fresh);
        if (!fresh) return response;
        discard(response);
        attempt--; // a resend with fresh credentials is not a retry
        continue;
      }
      // A streamed answer has started: from here the caller reads it at its own pace.
      if (ctx && streamed && response.ok) ctx.endDeadline();
      // 429 means the server did not act on the request, so it is resent even for a non-idempotent call;
      // 502/503/504 may come after the work was done, so only retry-safe operations resend on them.
      if (!ctx || attempt >= maxRetries || !RETRY_STATUSES.has(status) || (status !== 429 && !ctx.op.retrySafe))
        return response;
      const wait = await statusWait(response, attempt, ctx);
      if (wait === undefined) return response;
      discard(response);
      log?.warn(`${ctx.op.id}: HTTP ${status}; retrying in ${wait} ms`, { attempt: attempt + 1 });
      ctx.observer?.retry?.(wait, status);
      await sleep(wait, signal);
    }
  };
}
