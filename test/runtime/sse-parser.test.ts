// src/runtime/sse-parser.ts against the WHATWG rules, and against eventsource-parser (a devDependency, the
// parser it replaced) on the same streams cut at every position: the same events, ids, types and retries.
import { createParser } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { createSseParser, type SseMessage } from "../../src/runtime/sse-parser.js";

type Seen = Array<SseMessage | { retry: number }>;

function ours(chunks: string[]): Seen {
  const seen: Seen = [];
  const parser = createSseParser({ onEvent: (m) => seen.push(m), onRetry: (retry) => seen.push({ retry }) });
  for (const chunk of chunks) parser.feed(chunk);
  return seen;
}

function theirs(chunks: string[]): Seen {
  const seen: Seen = [];
  const parser = createParser({
    onEvent: (m) => seen.push({ ...(m.id === undefined ? {} : { id: m.id }), event: m.event, data: m.data }),
    onRetry: (retry) => seen.push({ retry }),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return seen;
}

const STREAMS = {
  "LF, CRLF and CR line ends": "data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\n\n",
  "multi-line data, named events, ids": "event: log\nid: 7\ndata: one\ndata: two\n\nevent:done\ndata:{}\n\n",
  "comments, unknown fields, a field without colon": ": keep-alive\nfoo: bar\ndata\n\n:\ndata: x\n\n",
  "retry: digits only": "retry: 1500\ndata: a\n\nretry: 1.5\nretry: x\ndata: b\n\n",
  "id with NUL ignored, empty id kept": "id: 1\ndata: a\n\nid: b\0c\ndata: b\n\nid\ndata: c\n\n",
  "no data: no event; empty data: an event": "event: ping\n\ndata:\n\ndata: \n\n",
  "a value's one leading space only": "data:  two spaces\n\ndata:no space\n\n",
  "an unfinished event at the end": "data: done\n\ndata: cut",
};

describe("createSseParser", () => {
  it("follows the WHATWG rules", () => {
    expect(ours([STREAMS["LF, CRLF and CR line ends"]]).map((m) => ("data" in m ? m.data : m))).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
    expect(ours([STREAMS["multi-line data, named events, ids"]])).toEqual([
      { id: "7", event: "log", data: "one\ntwo" },
      { event: "done", data: "{}" },
    ]);
    expect(ours([STREAMS["retry: digits only"]])).toEqual([
      { retry: 1500 },
      { event: undefined, data: "a" },
      { event: undefined, data: "b" },
    ]);
    expect(ours([STREAMS["an unfinished event at the end"]])).toEqual([{ event: undefined, data: "done" }]);
    // A byte-order mark that reached the text (TextDecoder normally drops it) is not part of the first field.
    expect(ours(["\uFEFF", "data: a\n\n"])).toEqual([{ event: undefined, data: "a" }]);
  });

  it.each(Object.entries(STREAMS))("matches eventsource-parser on %s, however the stream is cut", (_name, text) => {
    const whole = theirs([text]);
    expect(ours([text])).toEqual(whole);
    for (let cut = 0; cut <= text.length; cut++) {
      const chunks = [text.slice(0, cut), text.slice(cut)];
      expect(ours(chunks), `cut at ${cut}`).toEqual(whole);
    }
    expect(ours([...text]), "one character at a time").toEqual(whole);
  });
});
