// The agent mock's WebSocket endpoints, which Prism cannot serve: each upgrade on a WebSocket path of the
// spec is checked for a bearer token, then the spec's transcript is replayed — every client message is
// answered with the server messages that follow the matching client message in the transcript.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { pathMatcher, type WebSocketFixture } from "./fixtures.js";

/** The part of JSON Schema the client-message schemas use (written into the fixtures by mock-assets.ts). */
export interface MessageSchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  enum?: Array<string | number | boolean | null>;
  nullable?: boolean;
  required?: string[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, MessageSchema>;
  additionalProperties?: boolean | MessageSchema;
  items?: MessageSchema;
  oneOf?: MessageSchema[];
  anyOf?: MessageSchema[];
  allOf?: MessageSchema[];
}

/** The first way `value` breaks `schema`, or undefined when it conforms. */
export function violation(value: unknown, schema: MessageSchema, at = "message"): string | undefined {
  if (value === null)
    return schema.nullable || schema.enum?.includes(null) || schema.type === undefined ? undefined : `${at} is null`;
  if (schema.oneOf) {
    const matches = schema.oneOf.filter((s) => violation(value, s, at) === undefined).length;
    if (matches !== 1) return `${at} matches ${matches} of the allowed message shapes, not exactly one`;
  }
  if (schema.anyOf && !schema.anyOf.some((s) => violation(value, s, at) === undefined))
    return `${at} matches none of the allowed shapes`;
  for (const part of schema.allOf ?? []) {
    const problem = violation(value, part, at);
    if (problem) return problem;
  }
  if (schema.enum && !schema.enum.includes(value as string)) return `${at} must be one of ${schema.enum.join(", ")}`;
  const type = Array.isArray(value) ? "array" : typeof value === "object" ? "object" : typeof value;
  if (schema.type !== undefined) {
    const ok = schema.type === "integer" ? Number.isInteger(value) : schema.type === type;
    if (!ok) return `${at} must be ${schema.type === "integer" ? "an integer" : `a ${schema.type}`}`;
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return `${at} must be >= ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `${at} must be <= ${schema.maximum}`;
  }
  if (Array.isArray(value) && schema.items) {
    for (const [i, item] of value.entries()) {
      const problem = violation(item, schema.items, `${at}[${i}]`);
      if (problem) return problem;
    }
  }
  if (type === "object") {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) return `${at}.${name} is required`;
    for (const [name, item] of Object.entries(object)) {
      const known = schema.properties?.[name];
      const extra = schema.additionalProperties;
      const problem = known
        ? violation(item, known, `${at}.${name}`)
        : typeof extra === "object"
          ? violation(item, extra, `${at}.${name}`)
          : extra === false
            ? `${at}.${name} is not allowed`
            : undefined;
      if (problem) return problem;
    }
  }
  return undefined;
}

/** A client frame parsed as JSON; undefined (and the socket closed with 1007) when it is not JSON text. */
export function parseFrame(ws: WebSocket, data: RawData, isBinary: boolean): unknown {
  try {
    return JSON.parse(isBinary ? "" : String(data));
  } catch {
    ws.close(1007, "frames must be JSON text");
    return undefined;
  }
}

export interface WebSocketMock {
  /** Ends every open connection (upgraded sockets are not closed by `server.close()`). */
  close(): void;
}

type TranscriptItem = WebSocketFixture["transcript"][number];

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};
const ERROR_CODE: Record<number, string> = {
  400: "INVALID_REQUEST",
  401: "AUTHENTICATION_REQUIRED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  429: "RATE_LIMIT_EXCEEDED",
  503: "SERVICE_UNAVAILABLE",
};

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({
    error: message,
    code: ERROR_CODE[status] ?? "INTERNAL_ERROR",
    request_id: "req_mock_ws",
  });
  const extra = status === 429 ? "retry-after: 1\r\n" : "";
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nx-request-id: req_mock_ws\r\n${extra}` +
      `connection: close\r\n\r\n${body}`,
  );
}

/** `Prefer: code=401` asks for a documented error instead of the upgrade, as Prism does for HTTP. */
function preferredStatus(req: IncomingMessage): number | undefined {
  const match = /(?:^|[,;\s])code=(\d{3})/.exec(String(req.headers.prefer ?? ""));
  const status = match ? Number(match[1]) : undefined;
  return status !== undefined && status >= 400 ? status : undefined;
}

/** A message's kind: `type` for most protocols, `action` for `/files/watch`. */
const kindOf = (message: unknown): string | undefined => {
  if (typeof message !== "object" || message === null) return undefined;
  const { type, action } = message as { type?: unknown; action?: unknown };
  return typeof type === "string" ? type : typeof action === "string" ? action : undefined;
};

/**
 * Replays the transcript. A frame that breaks the client schema closes the connection with 1008 and the
 * reason, so the test that sent it fails (as Prism's request validation does for HTTP).
 */
function replay(ws: WebSocket, transcript: TranscriptItem[], schema: MessageSchema | undefined): void {
  let position = 0;
  const sendServerRun = (): void => {
    while (position < transcript.length && transcript[position]?.server !== undefined) {
      ws.send(JSON.stringify(transcript[position]?.server));
      position++;
    }
    // The transcript is the whole conversation: once it is played out the server hangs up normally.
    if (position >= transcript.length) ws.close(1000, "transcript complete");
  };
  ws.on("message", (data: RawData, isBinary: boolean) => {
    const message = parseFrame(ws, data, isBinary);
    if (message === undefined) return;
    const problem = schema ? violation(message, schema) : undefined;
    // Close reasons are limited to 123 bytes.
    if (problem) return ws.close(1008, `invalid: ${problem}`.slice(0, 120));
    const kind = kindOf(message);
    if (kind === undefined) return ws.close(1008, "message has no type");
    // A kind the transcript does not show next gets no answer, like a real agent acknowledging silently.
    const at = transcript.findIndex(
      (item, index) => index >= position && item.client !== undefined && kindOf(item.client) === kind,
    );
    if (at < 0) return;
    position = at + 1;
    sendServerRun();
  });
  sendServerRun();
}

/** Answers WebSocket upgrades on `server` from the fixtures; other upgrade paths get 404. */
export function attachWebSocketMock(server: Server, fixtures: readonly WebSocketFixture[]): WebSocketMock {
  const routes = fixtures.map((fixture) => ({ fixture, match: pathMatcher(fixture.path) }));
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const path = new URL(req.url ?? "/", "http://mock").pathname;
    const route = routes.find((r) => r.fixture.method === (req.method ?? "GET") && r.match.test(path));
    if (!route) return refuse(socket, 404, `no WebSocket endpoint at ${path}`);
    if (!/^Bearer\s+\S+/i.test(String(req.headers.authorization ?? "")))
      return refuse(socket, 401, "Missing or invalid credentials");
    const preferred = preferredStatus(req);
    if (preferred !== undefined) return refuse(socket, preferred, `status ${preferred} requested by Prefer`);
    const { transcript, clientSchema } = route.fixture;
    wss.handleUpgrade(req, socket, head, (ws) => replay(ws, transcript, clientSchema));
  });
  return {
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
