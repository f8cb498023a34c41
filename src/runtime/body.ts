// Reads a response body whole, up to a limit: a hostile or broken server cannot make a small call hold
// hundreds of MiB (a 200 MiB answer to a GET is refused at the limit, not parsed).
import { ErrorCode, LimitExceededError } from "./errors.js";

/** Statuses whose Response must have a null body. */
const NULL_BODY: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

function tooLarge(op: string | undefined, max: number, response: Response): LimitExceededError {
  return new LimitExceededError(
    `${op ?? "request"}: the response body is larger than maxResponseBytes (${max} bytes)`,
    {
      code: ErrorCode.RESPONSE_TOO_LARGE,
      status: response.status,
      requestId: response.headers.get("x-request-id") ?? undefined,
      ...(op ? { operation: op } : {}),
      limit: "maxResponseBytes",
      limitValue: max,
    },
  );
}

/**
 * The body's length as the server declared it, when that bounds what reading it yields: fetch enforces a
 * declared length, but an encoded body (gzip, br) is decoded and can be far longer than declared.
 */
function boundedLength(response: Response): number | undefined {
  const encoding = response.headers.get("content-encoding");
  if (encoding !== null && encoding.trim().toLowerCase() !== "identity") return undefined;
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  return Number.isInteger(declared) && declared >= 0 ? declared : undefined;
}

/** True when the body can be read whole at once: its bounded length is at most `max`. */
export function declaredWithin(response: Response, max: number): boolean {
  if (response.body === null || NULL_BODY.has(response.status)) return false;
  const declared = boundedLength(response);
  return declared !== undefined && declared <= max;
}

/**
 * The response's body read whole, counted as it arrives (at most `max` bytes, else LimitExceededError without
 * reading the rest; a declared length over `max` is refused before a byte). Undefined when it has none (null body
 * statuses). For bodies fetch does not bound: a body whose bounded length fits is left unread (declaredWithin).
 */
export async function readCappedBytes(
  response: Response,
  max: number,
  op: string | undefined,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (response.body === null || NULL_BODY.has(response.status)) return undefined;
  const declared = boundedLength(response);
  if (declared !== undefined && declared > max) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge(op, max, response);
  }
  const reader = response.body.getReader();
  // fetch bodies are never backed by a SharedArrayBuffer.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(op, max, response);
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
