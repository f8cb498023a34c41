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

const utf8 = new TextDecoder();
const unusable = (): TypeError => new TypeError("Body is unusable: Body has already been read");

type BufferedCtor = new (bytes: Uint8Array<ArrayBuffer>, from: Response) => Response;
let Buffered: BufferedCtor | undefined;

/**
 * A Response whose body is already in memory, for calls that go through openapi-fetch (the raw client,
 * uploads). `new Response(bytes, …)` would wrap the bytes in a fresh ReadableStream and copy the headers only
 * for openapi-fetch to read them back out (~30 µs per call on Node 20). Here text()/json()/arrayBuffer()
 * answer from the bytes, status and headers are the original response's, and a stream is built only when
 * someone asks for `body`. Read-once like any Response: a second read rejects, clone() of a read body throws.
 *
 * Defined at first use, not at import: reading the global Response loads Node's fetch implementation
 * (~40 ms), which importing the SDK must not pay.
 */
function defineBufferedResponse(): BufferedCtor {
  return class BufferedResponse extends Response {
    readonly #bytes: Uint8Array<ArrayBuffer>;
    readonly #from: Response;
    #used = false;
    /** A stream-backed copy, made only for `body`, blob(), formData() and bytes(). */
    #inner: Response | undefined;

    constructor(bytes: Uint8Array<ArrayBuffer>, from: Response) {
      // No init: status, statusText and headers are read from the original (no per-call conversion).
      super();
      this.#bytes = bytes;
      this.#from = from;
    }

    override get status(): number {
      return this.#from.status;
    }

    override get statusText(): string {
      return this.#from.statusText;
    }

    override get ok(): boolean {
      return this.#from.ok;
    }

    override get headers(): Headers {
      return this.#from.headers;
    }

    override get bodyUsed(): boolean {
      return this.#used || (this.#inner?.bodyUsed ?? false);
    }

    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
      return this.#stream().body as ReadableStream<Uint8Array<ArrayBuffer>>;
    }

    #stream(): Response {
      if (!this.#inner) {
        this.#inner = new Response(this.#bytes);
        // Already read through text()/json()/arrayBuffer(): the stream is a used one, as on any Response.
        if (this.#used) void this.#inner.body?.cancel();
      }
      return this.#inner;
    }

    /** The bytes, once: the fast path while no stream was handed out. */
    #take(): Uint8Array<ArrayBuffer> {
      if (this.bodyUsed) throw unusable();
      this.#used = true;
      return this.#bytes;
    }

    override async text(): Promise<string> {
      if (this.#inner) return this.#inner.text();
      return utf8.decode(this.#take());
    }

    override async json(): Promise<unknown> {
      if (this.#inner) return this.#inner.json();
      return JSON.parse(utf8.decode(this.#take()));
    }

    override async arrayBuffer(): Promise<ArrayBuffer> {
      if (this.#inner) return this.#inner.arrayBuffer();
      // A copy: the caller may write to it, and a clone shares the bytes.
      return this.#take().slice().buffer;
    }

    override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
      if (this.#inner) return new Uint8Array(await this.#inner.arrayBuffer());
      return this.#take().slice();
    }

    override async blob(): Promise<Blob> {
      return this.#stream().blob();
    }

    override async formData(): Promise<FormData> {
      return this.#stream().formData();
    }

    override clone(): Response {
      if (this.bodyUsed) throw new TypeError("Response.clone: Body has already been consumed.");
      return new BufferedResponse(this.#bytes, this);
    }
  };
}

/** `bytes` as the body of `from` (its status and headers), readable once like any Response. */
export function bufferedResponse(bytes: Uint8Array<ArrayBuffer>, from: Response): Response {
  Buffered ??= defineBufferedResponse();
  return new Buffered(bytes, from);
}

/** The body decoded as UTF-8 text (a BOM dropped), as Response.text() would give it. */
export const decodeText = (bytes: Uint8Array): string => utf8.decode(bytes);

/**
 * True when the body can be read whole at once: it has a declared length of at most `max` (fetch enforces a
 * declared length, so the native read is bounded). Anything else goes through readCappedBytes().
 */
export function declaredWithin(response: Response, max: number): boolean {
  if (response.body === null || NULL_BODY.has(response.status)) return false;
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  return Number.isInteger(declared) && declared >= 0 && declared <= max;
}

/**
 * The response's body read whole (at most `max` bytes, else LimitExceededError without reading the rest);
 * undefined when it has none (null body statuses).
 */
export async function readCappedBytes(
  response: Response,
  max: number,
  op: string | undefined,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (response.body === null || NULL_BODY.has(response.status)) return undefined;
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
  return bytes;
}
