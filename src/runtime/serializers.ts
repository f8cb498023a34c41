// Request body serializers for what openapi-fetch's JSON default gets wrong (it turns a Blob into "{}").

/** Binary content given as a stream: sent as it is read, never held in memory, and never resent. */
export interface StreamedFile {
  stream: ReadableStream<Uint8Array>;
  /** File name of a multipart file part (default: the field name). */
  filename?: string;
  contentType?: string;
}

const isStreamedFile = (value: unknown): value is StreamedFile =>
  typeof value === "object" && value !== null && (value as { stream?: unknown }).stream instanceof ReadableStream;

/** The Content-Type (boundary included) of each streamed body these serializers made, for the transport. */
const streamedTypes = new WeakMap<object, string>();

export function streamedBodyType(body: unknown): string | undefined {
  return typeof body === "object" && body !== null ? streamedTypes.get(body) : undefined;
}

/**
 * multipart/form-data from a flat object; Blobs become file parts, everything else a text field. With a
 * StreamedFile part the body is written as it is read (streamedMultipart), so any size fits.
 */
export function multipartBody(body: unknown): FormData | ReadableStream<Uint8Array> {
  const entries = typeof body === "object" && body !== null ? Object.entries(body) : [];
  const streamed = entries.find(([, value]) => isStreamedFile(value));
  if (streamed) {
    const [name, file] = streamed as [string, StreamedFile];
    const fields: Record<string, string> = {};
    for (const [key, value] of entries) {
      if (key === name || value === undefined || value === null) continue;
      fields[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    const part = {
      name,
      filename: file.filename ?? name,
      body: file.stream,
      ...(file.contentType ? { contentType: file.contentType } : {}),
    };
    const multipart = streamedMultipart(fields, part);
    streamedTypes.set(multipart.body, multipart.contentType);
    return multipart.body;
  }
  const form = new FormData();
  for (const [key, value] of entries) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(key, value, value instanceof File ? value.name : key);
    else form.append(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return form;
}

/** Passes a binary body (Blob, bytes, stream, StreamedFile) through untouched. */
export function rawBody(body: unknown): BodyInit {
  if (!isStreamedFile(body)) return body as BodyInit;
  streamedTypes.set(body.stream, body.contentType ?? "application/octet-stream");
  return body.stream;
}

/** A part streamed into a multipart body. */
export interface StreamedFilePart {
  /** Form field name (`file` for the agent's upload). */
  name: string;
  filename: string;
  contentType?: string;
  body: ReadableStream<Uint8Array>;
}

export interface StreamedMultipart {
  body: ReadableStream<Uint8Array>;
  /** The `Content-Type` header, boundary included. */
  contentType: string;
}

// Per the HTML form-encoding rules: quotes and line breaks in names are percent-escaped, so a hostile
// filename cannot end its header early and inject another part.
const quoteSafe = (value: string): string => value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

/**
 * multipart/form-data written as it is read: the text fields first, then the file part piped straight from
 * its stream, so the body is never held in memory (FormData would need the whole file as a Blob).
 */
export function streamedMultipart(fields: Readonly<Record<string, string>>, file: StreamedFilePart): StreamedMultipart {
  // The boundary only has to be absent from the content; 32 random base-36 characters make a clash negligible,
  // and Math.random works on every runtime (Node 18 has no global crypto without a flag).
  let token = "";
  while (token.length < 32) token += Math.random().toString(36).slice(2);
  const boundary = `----hopx${token.slice(0, 32)}`;
  const encoder = new TextEncoder();
  let head = "";
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quoteSafe(name)}"\r\n\r\n${value}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${quoteSafe(file.name)}"; ` +
    `filename="${quoteSafe(file.filename)}"\r\n` +
    `Content-Type: ${file.contentType ?? "application/octet-stream"}\r\n\r\n`;
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const reader = file.body.getReader();
  let stage: "head" | "file" | "done" = "head";
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === "head") {
        stage = "file";
        controller.enqueue(encoder.encode(head));
        return;
      }
      if (stage === "done") return;
      const { done, value } = await reader.read();
      if (done) {
        stage = "done";
        controller.enqueue(tail);
        controller.close();
      } else if (value.byteLength > 0) {
        controller.enqueue(value);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

let requestStreams: boolean | undefined;

/**
 * Whether this runtime can send a ReadableStream as a request body (Node ≥ 18, Deno, Bun, Chromium; not
 * Safari or Firefox). The standard check: a runtime without support turns the stream into the text
 * "[object ReadableStream]" and sets a text Content-Type, and it never reads the `duplex` option.
 */
export function supportsRequestStreams(): boolean {
  if (requestStreams !== undefined) return requestStreams;
  let duplexRead = false;
  try {
    const init = {
      body: new ReadableStream(),
      method: "POST",
      get duplex(): "half" {
        duplexRead = true;
        return "half";
      },
    };
    const hasContentType = new Request("http://127.0.0.1/", init).headers.has("Content-Type");
    requestStreams = duplexRead && !hasContentType;
  } catch {
    requestStreams = false;
  }
  return requestStreams;
}
