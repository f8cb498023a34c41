// Streaming multipart/form-data reader for the bench server: it never holds more than one socket chunk plus a
// delimiter's worth of bytes, so the server's own memory stays flat whatever the upload size (a buffering
// parser would make the server, not the client, the thing being measured).
import type { Readable } from "node:stream";

export interface PartSink {
  /** A new part starts; `name` is the form field name from Content-Disposition. */
  start(name: string, filename: string | undefined): void;
  data(name: string, chunk: Buffer): void;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
  return match ? (match[1] ?? match[2])?.trim() : undefined;
}

const HEADER_END = Buffer.from("\r\n\r\n");

/** Reads every part of `body`, handing each part's bytes to `sink` as they arrive. */
export async function readMultipart(body: Readable, boundary: string, sink: PartSink): Promise<void> {
  // The body starts with "--boundary" without a leading CRLF; prepending one makes every delimiter alike.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf: Buffer = Buffer.from("\r\n");
  // Changed inside step(); the cast keeps TypeScript from narrowing it to its initial value in the loop.
  let state = "preamble" as "preamble" | "afterDelimiter" | "headers" | "body" | "done";
  let name = "";

  const step = (): boolean => {
    switch (state) {
      case "preamble": {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delimiter.length + 1));
          return false;
        }
        buf = buf.subarray(at + delimiter.length);
        state = "afterDelimiter";
        return true;
      }
      case "afterDelimiter": {
        if (buf.length < 2) return false;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = "done";
          return false;
        }
        buf = buf.subarray(2); // CRLF after the delimiter
        state = "headers";
        return true;
      }
      case "headers": {
        const end = buf.indexOf(HEADER_END);
        if (end < 0) {
          if (buf.length > 16 * 1024) throw new Error("multipart: part headers too long");
          return false;
        }
        const headers = buf.subarray(0, end).toString("latin1");
        const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? "";
        name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? "";
        sink.start(name, /\bfilename="([^"]*)"/i.exec(disposition)?.[1]);
        buf = buf.subarray(end + HEADER_END.length);
        state = "body";
        return true;
      }
      case "body": {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          // Keep only what could be the start of a delimiter split across chunks.
          const safe = buf.length - delimiter.length + 1;
          if (safe > 0) {
            sink.data(name, buf.subarray(0, safe));
            buf = buf.subarray(safe);
          }
          return false;
        }
        if (at > 0) sink.data(name, buf.subarray(0, at));
        buf = buf.subarray(at + delimiter.length);
        state = "afterDelimiter";
        return true;
      }
      case "done":
        return false;
    }
  };

  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (state === "done") continue; // epilogue
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    while (step());
  }
  if (state !== "done") throw new Error(`multipart: body ended in state ${state}`);
}
