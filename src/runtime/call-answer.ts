// Reading one call's answer: its body within maxResponseBytes, decoded; every outcome — a thrown fetch error,
// an error status, a malformed body — turned into the method's result or one typed error.
import { declaredWithin, readCappedBytes } from "./body.js";
import type { CallContext } from "./call-request.js";
import { errorFromResponse } from "./error-from-response.js";
import { AbortError, APIError, ErrorCode, HopxError, NetworkError, TimeoutError, TokenExpiredError } from "./errors.js";
import { fromWire, type OperationShapes, type ShapeRegistry } from "./shape.js";
import { isTimeoutReason } from "./time.js";

/** What openapi-fetch resolves with. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * An answer whose body is bounded before it is read: a streamed success (SSE, download) is the caller's to read
 * at its own pace; a body of declared length within `max` is left to openapi-fetch (fetch enforces the length).
 * Any other body is read here, capped (a hostile server cannot make a small call hold hundreds of MiB), and
 * handed on in memory.
 */
export async function heldAnswer(response: Response, max: number, op: string, streamed: boolean): Promise<Response> {
  if ((streamed && response.ok) || declaredWithin(response, max)) return response;
  const bytes = await readCappedBytes(response, max, op);
  if (bytes === undefined) return response;
  const { status, statusText, headers } = response;
  return new Response(bytes, { status, statusText, headers });
}

const causeMessage = (err: unknown): string =>
  err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);

/** A thrown failure (network, abort, deadline, refused redirect) as a typed error. */
export function thrownToError(err: unknown, signal: AbortSignal | undefined, op: string): HopxError {
  if (err instanceof HopxError) return err;
  if (/redirect/i.test(causeMessage(err)) && !signal?.aborted) {
    return new APIError(
      `${op}: the server answered with a redirect, which the SDK does not follow ` +
        "(it could carry credentials elsewhere)",
      { code: ErrorCode.INVALID_RESPONSE, operation: op, cause: err },
    );
  }
  if (signal?.aborted) {
    return isTimeoutReason(signal.reason)
      ? new TimeoutError(`${op}: timed out`, { code: ErrorCode.TIMEOUT, retryable: true, operation: op, cause: err })
      : new AbortError(`${op}: aborted`, { code: ErrorCode.ABORTED, operation: op, cause: err });
  }
  return new NetworkError(`${op}: network error (${causeMessage(err)})`, {
    code: ErrorCode.NETWORK_ERROR,
    retryable: true,
    operation: op,
    cause: err,
  });
}

/** A JSON object that is not one of HopX's error envelopes (`{error: …}`). */
const isResultBody = (body: unknown): boolean =>
  typeof body === "object" && body !== null && !Array.isArray(body) && !("error" in body);

/** The method's result from openapi-fetch's, or the typed error the answer means. */
export function resultOf<T>(
  ctx: CallContext,
  result: FetchResult,
  shapes: OperationShapes,
  registry: ShapeRegistry,
): T {
  const { op } = ctx;
  const { response } = result;
  // A declared result status (runCommand's 500 for a non-zero exit) carrying a result, not an envelope.
  if (!response.ok && op.resultStatuses?.includes(response.status) && isResultBody(result.error))
    return fromWire<T>(result.error, shapes.result, registry);
  if (!response.ok) {
    const error = errorFromResponse(op, response.status, result.error, response.headers);
    if (ctx.reauthFailed) throw new TokenExpiredError(`${error.message} (after renewing the token)`, error);
    throw error;
  }
  if (op.stream === "none") return undefined as T;
  if (op.stream !== "json") return result.data as T;
  const text = typeof result.data === "string" ? result.data : "";
  if (text.trim() === "") return undefined as T;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new APIError(`${op.id}: the server sent malformed JSON (${text.length} bytes)`, {
      status: response.status,
      code: ErrorCode.INVALID_RESPONSE,
      requestId: response.headers.get("x-request-id") ?? undefined,
      operation: op.id,
      cause: err,
    });
  }
  return fromWire<T>(parsed, shapes.result, registry);
}
