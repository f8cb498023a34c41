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

/** The same response with its body read into memory (at most `max` bytes), so it can be read again. */
export async function readCapped(response: Response, max: number, op: string | undefined): Promise<Response> {
  if (response.body === null || NULL_BODY.has(response.status)) return response;
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > max) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge(op, max, response);
  }
  let bytes: Uint8Array<ArrayBuffer>;
  if (Number.isInteger(declared) && declared >= 0) {
    // fetch enforces a declared length, so the native whole-body read is bounded.
    bytes = new Uint8Array(await response.arrayBuffer());
  } else {
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
    bytes = chunks.length === 1 ? chunks[0]! : new Uint8Array(size);
    if (chunks.length !== 1) {
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
    }
  }
  return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
}
