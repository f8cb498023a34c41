// A loopback stand-in for the agent's binary file endpoints, for transfers too large for the Prism mock
// (which buffers bodies): it parses multipart uploads as they arrive and serves generated downloads, keeping
// only a running hash and a byte count, so a 256 MiB round trip never sits in memory on either side.
import { createHash, type Hash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const MiB = 1024 * 1024;

/** Deterministic bytes for chunk `index` (xorshift32), so both sides can produce the same content. */
export function chunkOf(index: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const words = new Uint32Array(out.buffer, 0, Math.floor(size / 4));
  let x = (index + 1) * 2654435761;
  x >>>= 0;
  if (x === 0) x = 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  for (let i = words.length * 4; i < size; i++) out[i] = (index + i) & 0xff;
  return out;
}

/** `total` bytes of generated content, one chunk per pull, hashed as they are produced. */
export function generatedStream(
  total: number,
  chunkSize = MiB,
): { stream: ReadableStream<Uint8Array>; digest: () => string } {
  const hash = createHash("sha256");
  let sent = 0;
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const chunk = chunkOf(index++, Math.min(chunkSize, total - sent));
      sent += chunk.byteLength;
      hash.update(chunk);
      controller.enqueue(chunk);
    },
  });
  return { stream, digest: () => hash.digest("hex") };
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  filename: string | undefined;
  contentType: string | undefined;
  size: number;
  sha256: string;
  authorization: string | undefined;
}

export interface LoopbackAgent {
  url: string;
  uploads: ReceivedUpload[];
  /** Bytes served by the last download (its running hash and length). */
  lastDownload: { path: string; size: number; sha256: string } | undefined;
  close(): Promise<void>;
}

/** Streaming multipart/form-data parser: text fields are collected, the file part only hashed. */
async function parseMultipart(req: IncomingMessage, boundary: string): Promise<Omit<ReceivedUpload, "authorization">> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let filename: string | undefined;
  let contentType: string | undefined;
  let size = 0;
  let hash: Hash | undefined;
  // Widened on purpose: `step` changes it, which the compiler cannot see from the loop below.
  let state = "boundary" as "boundary" | "headers" | "body" | "end";
  let part: { name: string; file: boolean; text: Buffer[] } | undefined;
  // The first boundary has no leading CRLF; adding one lets every boundary be matched the same way.
  let buf: Buffer = Buffer.from("\r\n");
  const emit = (data: Buffer): void => {
    if (!part || data.length === 0) return;
    if (part.file) {
      size += data.length;
      hash?.update(data);
    } else {
      part.text.push(data);
    }
  };
  const closePart = (): void => {
    if (part && !part.file) fields[part.name] = Buffer.concat(part.text).toString("utf8");
    part = undefined;
  };
  const step = (): boolean => {
    if (state === "boundary") {
      if (buf.length < delimiter.length + 2) return false;
      if (!buf.subarray(0, delimiter.length).equals(delimiter)) throw new Error("multipart: boundary expected");
      const after = buf.subarray(delimiter.length, delimiter.length + 2).toString("latin1");
      buf = buf.subarray(delimiter.length + 2);
      closePart();
      state = after === "--" ? "end" : "headers";
      if (after !== "--" && after !== "\r\n") throw new Error("multipart: bad boundary line");
      return true;
    }
    if (state === "headers") {
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return false;
      const headers = buf.subarray(0, end).toString("utf8");
      buf = buf.subarray(end + 4);
      const name = /name="([^"]*)"/.exec(headers)?.[1] ?? "";
      const file = /filename="([^"]*)"/.exec(headers);
      if (file) {
        filename = file[1];
        contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
        hash = createHash("sha256");
      }
      part = { name, file: file !== null, text: [] };
      state = "body";
      return true;
    }
    if (state === "body") {
      const at = buf.indexOf(delimiter);
      if (at >= 0) {
        emit(buf.subarray(0, at));
        buf = buf.subarray(at);
        state = "boundary";
        return true;
      }
      const keep = delimiter.length - 1;
      if (buf.length > keep) {
        emit(buf.subarray(0, buf.length - keep));
        buf = buf.subarray(buf.length - keep);
      }
      return false;
    }
    return false;
  };
  for await (const chunk of req) {
    buf = buf.length === 0 ? (chunk as Buffer) : Buffer.concat([buf, chunk as Buffer]);
    while (state !== "end" && step());
  }
  if (state !== "end") throw new Error(`multipart: body ended in state ${state}`);
  return { fields, filename, contentType, size, sha256: hash?.digest("hex") ?? "" };
}

export async function startLoopbackAgent(): Promise<LoopbackAgent> {
  const uploads: ReceivedUpload[] = [];
  const agent: LoopbackAgent = { url: "", uploads, lastDownload: undefined, close: async () => undefined };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://loopback");
    if (req.method === "POST" && url.pathname === "/files/upload") {
      const boundary = /boundary=("?)([^";]+)\1/.exec(String(req.headers["content-type"] ?? ""))?.[2];
      if (!boundary) {
        res
          .writeHead(400, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "not multipart", code: "INVALID_REQUEST" }));
        return;
      }
      const parsed = await parseMultipart(req, boundary);
      uploads.push({ ...parsed, authorization: req.headers.authorization });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: true, path: parsed.fields.path ?? "", size: parsed.size }));
      return;
    }
    if (req.method === "GET" && url.pathname === "/files/download") {
      const path = url.searchParams.get("path") ?? "";
      const size = Number(/size=(\d+)/.exec(path)?.[1] ?? "0");
      if (path.includes("missing")) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "no such file", code: "FILE_NOT_FOUND" }));
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(size) });
      const hash = createHash("sha256");
      let sent = 0;
      let index = 0;
      // Written with backpressure: the next chunk is generated only when the socket drained the last.
      while (sent < size) {
        const chunk = chunkOf(index++, Math.min(MiB, size - sent));
        sent += chunk.byteLength;
        hash.update(chunk);
        if (!res.write(chunk)) await new Promise<void>((resolve) => res.once("drain", resolve));
        if (res.destroyed) return;
      }
      res.end();
      agent.lastDownload = { path, size: sent, sha256: hash.digest("hex") };
      return;
    }
    res
      .writeHead(404, { "content-type": "application/json" })
      .end(JSON.stringify({ error: "not here", code: "NOT_FOUND" }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err), code: "INTERNAL_ERROR" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  agent.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    });
  return agent;
}
