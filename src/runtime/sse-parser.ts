// The SSE wire format (WHATWG HTML, "Parsing an event stream"), as a push parser over decoded text: lines
// end in CRLF, LF or CR (a CR that ends a chunk waits for the next one, which may start with its LF);
// `data:` lines join with "\n"; a blank line dispatches the event if it had data; `:` lines are comments;
// `id:` without NUL and `retry:` of digits only. No I/O and no buffering beyond the unfinished line: sse.ts
// bounds both. Ours rather than a dependency: it is this page of code, and the install footprint is a
// target (bench/README.md).

export interface SseMessage {
  /** The event's `id:` field, when it had one. */
  id?: string;
  /** The event's `event:` field; undefined when absent or empty. */
  event?: string;
  data: string;
}

export interface SseParser {
  /** Parses the next piece of the stream (any split: mid-line, between CR and LF …). */
  feed(text: string): void;
}

export function createSseParser(on: { onEvent(message: SseMessage): void; onRetry?(ms: number): void }): SseParser {
  let pending = "";
  let first = true;
  let data: string[] = [];
  let event: string | undefined;
  let id: string | undefined;

  const line = (text: string): void => {
    if (text === "") {
      if (data.length > 0) on.onEvent({ ...(id === undefined ? {} : { id }), event, data: data.join("\n") });
      data = [];
      event = undefined;
      id = undefined;
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value === "" ? undefined : value;
    else if (field === "id") {
      if (!value.includes("\0")) id = value;
    } else if (field === "retry" && /^\d+$/.test(value)) on.onRetry?.(Number.parseInt(value, 10));
  };

  return {
    feed(text) {
      let input = pending + text;
      if (first && input !== "") {
        first = false;
        if (input.startsWith("\uFEFF")) input = input.slice(1);
      }
      let at = 0;
      for (;;) {
        const lf = input.indexOf("\n", at);
        const cr = input.indexOf("\r", at);
        const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
        // No line end yet, or a CR that may be the first half of a CRLF split across chunks.
        if (end < 0 || (end === cr && cr === input.length - 1)) break;
        line(input.slice(at, end));
        at = end + (end === cr && input.charCodeAt(end + 1) === 0x0a ? 2 : 1);
      }
      pending = input.slice(at);
    },
  };
}
