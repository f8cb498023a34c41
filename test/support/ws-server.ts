// A loopback WebSocket server whose upgrades a test scripts one by one: refuse with an HTTP status, or take
// the connection and drive it. It records each upgrade's headers so tests can check what was sent.
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

export type Connection = (ws: WebSocket, req: IncomingMessage) => void;
export interface Refusal {
  status: number;
  body: unknown;
}
/** `"hang"`: never answer the upgrade (the client's own deadline or signal must end it). */
export type UpgradeScript = Connection | Refusal | "hang";

export interface WsTestServer {
  /** ws://127.0.0.1:<port> */
  url: string;
  upgrades: Array<{ url: string; headers: IncomingHttpHeaders }>;
  /** Answers the next upgrades in order; after they run out, `fallback`. */
  script(...steps: UpgradeScript[]): void;
  fallback: UpgradeScript;
  /** Status of a plain (non-upgrade) GET, what a native WebSocket's refusal probe sees. */
  plainStatus: number;
  plainRequests: Array<{ url: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export const refusal = (
  status: number,
  body: unknown = { error: "refused", code: "AUTHENTICATION_REQUIRED" },
): Refusal => ({ status, body });

function writeRefusal(socket: Duplex, { status, body }: Refusal): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} Refused\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}

/** Reads every client message as parsed JSON, in order. */
export function received(ws: WebSocket): unknown[] {
  const out: unknown[] = [];
  ws.on("message", (data) => out.push(JSON.parse(String(data))));
  return out;
}

export const nextMessage = (ws: WebSocket): Promise<unknown> =>
  new Promise((resolve) => ws.once("message", (data) => resolve(JSON.parse(String(data)))));

export async function startWsServer(): Promise<WsTestServer> {
  const queue: UpgradeScript[] = [];
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true });
  const state: WsTestServer = {
    url: "",
    upgrades: [],
    script: (...steps) => queue.push(...steps),
    fallback: refusal(500, { error: "unscripted upgrade", code: "INTERNAL_ERROR" }),
    plainStatus: 400,
    plainRequests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        for (const s of sockets) s.destroy();
        wss.close();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    state.plainRequests.push({ url: req.url ?? "", headers: req.headers });
    const body = JSON.stringify({
      error: "plain request",
      code: state.plainStatus === 401 ? "AUTHENTICATION_REQUIRED" : "INVALID_REQUEST",
    });
    res.writeHead(state.plainStatus, { "content-type": "application/json" });
    res.end(body);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    state.upgrades.push({ url: req.url ?? "", headers: req.headers });
    const step = queue.shift() ?? state.fallback;
    if (step === "hang") return;
    if (typeof step !== "function") return writeRefusal(socket, step);
    wss.handleUpgrade(req, socket, head, (ws) => step(ws, req));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
