// A loopback HTTP server whose answers a test scripts request by request: status codes, delays, resets,
// half-written bodies. It records what it received (method, path, headers) so tests can check what was sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, beforeAll } from "vitest";
import type { AddressInfo, Socket } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (req: Received, res: ServerResponse, socket: Socket) => void | Promise<void>;

export interface FaultServer {
  url: string;
  received: Received[];
  /** Answers the next requests with these handlers in order; after they run out, `fallback`. */
  script(...handlers: Handler[]): void;
  fallback: Handler;
  /** Forgets scripted handlers not yet used and what was received (between tests). */
  clear(): void;
  close(): Promise<void>;
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

export const raw =
  (status: number, text: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(text);
  };

/** Destroys the connection after reading the request: the client sees a reset with no response. */
export const reset: Handler = (_req, _res, socket) => {
  socket.destroy();
};

/** Never answers (the test's deadline must end the call). */
export const hang: Handler = () => undefined;

/** Sends headers and part of a body, then cuts the connection. */
export const truncated =
  (status: number, partial: string, contentLength: number): Handler =>
  (_req, res, socket) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": String(contentLength) });
    res.write(partial, () => socket.destroy());
  };

export async function startFaultServer(): Promise<FaultServer> {
  const queue: Handler[] = [];
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const state: FaultServer = {
    url: "",
    received,
    script: (...handlers) => queue.push(...handlers),
    clear: () => {
      queue.length = 0;
      received.length = 0;
    },
    fallback: json(500, { error: "unscripted request", code: "INTERNAL_ERROR" }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry: Received = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      const handler = queue.shift() ?? state.fallback;
      void Promise.resolve(handler(entry, res, req.socket)).catch(() => req.socket.destroy());
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/**
 * A fault server for the enclosing `describe` (started before its tests, closed after), as an object whose
 * fields read through to the running server.
 */
export function useFaultServer(): FaultServer {
  let server: FaultServer | undefined;
  const live = (): FaultServer => {
    if (!server) throw new Error("fault server used outside its describe block");
    return server;
  };
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get url() {
      return live().url;
    },
    get received() {
      return live().received;
    },
    get fallback() {
      return live().fallback;
    },
    set fallback(handler: Handler) {
      live().fallback = handler;
    },
    script: (...handlers) => live().script(...handlers),
    clear: () => live().clear(),
    close: () => live().close(),
  };
}

/** A control-plane sandbox record (wire form) whose agent is `agentUrl`, live for another hour. */
export function sandboxRecord(agentUrl: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
  return {
    id: "s1",
    object: "sandbox",
    status: "running",
    public_host: agentUrl,
    template_name: "code-interpreter",
    expires_at: inAnHour,
    ...fields,
  };
}
