// A runtime with no WebSocket that can send headers and no `ws` (a browser): agent WebSockets are refused
// with a typed error that says why and what to use instead, before anything is sent.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, HopxError } from "hopx-client";
import { openSocket } from "hopx-client/raw";

let server: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/**
 * Runs `open` as a browser would see the globals: no `process`, no Bun, no Deno, and a WebSocket that takes
 * only (url, protocols). The SDK reads them synchronously when a socket is opened, so they are restored
 * right after.
 */
function asBrowser<T>(open: () => T): T {
  const g = globalThis as { process?: unknown; WebSocket?: unknown };
  const saved = { process: g.process, WebSocket: g.WebSocket };
  Object.defineProperty(globalThis, "process", { value: undefined, configurable: true, writable: true });
  g.WebSocket = class BrowserWebSocket {
    constructor(_url: string, _protocols?: string | string[]) {
      connections++;
    }
  };
  try {
    return open();
  } finally {
    Object.defineProperty(globalThis, "process", { value: saved.process, configurable: true, writable: true });
    if (saved.WebSocket === undefined) delete g.WebSocket;
    else g.WebSocket = saved.WebSocket;
  }
}

describe("agent WebSockets in a browser", () => {
  it("fail with WEBSOCKET_AUTH_UNSUPPORTED, saying why and what to do instead, and connect nowhere", async () => {
    const pending = asBrowser(() =>
      openSocket(`ws://127.0.0.1:${port}/execute/stream`, {
        operation: "runCodeStream",
        headers: { Authorization: "Bearer eyJ.secret-jwt.sig" },
      }),
    );
    const error = await pending.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(HopxError);
    const { code, operation, message } = error as HopxError;
    expect({ code, operation }).toEqual({ code: ErrorCode.WEBSOCKET_AUTH_UNSUPPORTED, operation: "runCodeStream" });
    expect(message).toContain("browsers cannot authenticate agent WebSockets");
    expect(message).toMatch(/server-side/);
    expect(message).toMatch(/runCode\(\).*runCodeAsync\(\)/);
    expect(message).not.toContain("install");
    expect(message).not.toContain("secret-jwt");
    expect(connections).toBe(0);
  });

  it("is not what Node gets: there the same call opens a connection (through ws or the native WebSocket)", async () => {
    const error = await openSocket(`ws://127.0.0.1:${port}/execute/stream`, {
      operation: "runCodeStream",
      openTimeoutMs: 2_000,
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((error as HopxError).code).not.toBe(ErrorCode.WEBSOCKET_AUTH_UNSUPPORTED);
    expect(connections).toBe(1);
  });
});
