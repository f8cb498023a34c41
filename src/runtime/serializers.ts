// Request body serializers for what openapi-fetch's JSON default gets wrong (it turns a Blob into "{}").

/** multipart/form-data from a flat object; Blobs become file parts, everything else a text field. */
export function multipartBody(body: unknown): FormData {
  const form = new FormData();
  if (typeof body !== "object" || body === null) return form;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(key, value, value instanceof File ? value.name : key);
    else form.append(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return form;
}

/** Passes a binary body (Blob, bytes, stream) through untouched. */
export function rawBody(body: unknown): BodyInit {
  return body as BodyInit;
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
