// The agent's WebSocket endpoints in the stateful mock: upgrade checks (route, sandbox, token, query,
// faults), client frames checked against the spec's message schema, scripted stream handlers, and the
// default behaviour (code and command runs, file watch events for changes made through the API, a
// shell session on the terminal). Every connection is registered on its sandbox, which closes it when killed.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { fromWire, toWire, type ShapeRegistry } from "../runtime/shape.js";
import type { MockClock } from "./clock.js";
import { iso } from "./context.js";
import { runCode } from "./emulate.js";
import { errorReply, type Reply } from "./reply.js";
import { schemaProblem, type SchemaObject } from "./schema.js";
import type { Registry } from "./script.js";
import { findRoute, parseQuery, requestProblem, type LoadedSpec, type Route } from "./spec.js";
import { scopeOf } from "./run-scope.js";
import { commandLine, runShell } from "./shell.js";
import type { SandboxState, World } from "./state.js";
import { TerminalSession } from "./terminal.js";
import type { FailOptions, MockSocket, MockStreamHandler, RecordedRequest, StreamOperationId } from "./types.js";
import { parseFrame } from "./websocket.js";

/** What the WebSocket layer shares with the rest of the mock. */
export interface StreamConfig {
  spec: LoadedSpec;
  world: World;
  clock: MockClock;
  streams: Registry<MockStreamHandler<StreamOperationId>>;
  faults: Registry<FailOptions>;
  requests: RecordedRequest[];
  problems: string[];
  shapes: ShapeRegistry;
  agentPrefix: RegExp;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

function refuse(socket: Duplex, reply: Reply): void {
  const body = JSON.stringify(reply.json);
  const extra = Object.entries(reply.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  socket.end(
    `HTTP/1.1 ${reply.status} ${STATUS_TEXT[reply.status] ?? "Error"}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n${extra}connection: close\r\n\r\n${body}`,
  );
}

/** Server and client message schemas of a WebSocket route, by the names in `x-hopx-websocket`. */
function messageSchemas(route: Route): {
  client?: SchemaObject;
  server?: SchemaObject;
  clientName?: string;
  serverName?: string;
} {
  const op = findOperation(route);
  const names = op?.["x-hopx-websocket"] as { client?: string; server?: string } | undefined;
  const ref = (name: string | undefined): SchemaObject | undefined =>
    name ? route.spec.resolve(`#/components/schemas/${name}`) : undefined;
  return {
    ...(names?.client ? { client: ref(names.client)!, clientName: names.client } : {}),
    ...(names?.server ? { server: ref(names.server)!, serverName: names.server } : {}),
  };
}

function findOperation(route: Route): Record<string, unknown> | undefined {
  const paths = route.spec.resolve("#/paths") as unknown as Record<string, Record<string, Record<string, unknown>>>;
  return paths[route.path]?.[route.method.toLowerCase()];
}

/** Answers WebSocket upgrades of the agent's server. */
export function attachStreams(server: Server, config: StreamConfig): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://mock");
    let pathname = url.pathname;
    let sandboxId: string | undefined;
    const prefix = config.agentPrefix.exec(pathname);
    if (prefix) {
      sandboxId = decodeURIComponent(prefix[1]!);
      pathname = pathname.slice(prefix[0].length) || "/";
    }
    config.world.tick();
    const { route, params } = findRoute(config.spec, req.method ?? "GET", pathname);
    const auth = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""))?.[1];
    const query = route ? parseQuery(route, url.searchParams) : {};
    const recorded: RecordedRequest = {
      operationId: route?.operationId as StreamOperationId | undefined,
      plane: "agent",
      method: "GET",
      path: pathname + url.search,
      sandboxId,
      params,
      query,
      body: undefined,
      credential: auth ? "sandboxToken" : "none",
      status: 0,
    };
    config.requests.push(recorded);
    const fail = (reply: Reply): void => {
      recorded.status = reply.status;
      refuse(socket, reply);
    };
    if (!route?.websocket) return fail(errorReply(404, `No WebSocket endpoint at ${pathname}`));
    const byToken = auth ? config.world.sandboxOfToken(auth) : undefined;
    const sandbox = sandboxId !== undefined ? config.world.sandboxes.get(sandboxId) : byToken;
    if (sandboxId !== undefined && !sandbox)
      return fail(errorReply(404, `No sandbox ${sandboxId} behind this host (killed or expired)`));
    if (!auth) return fail(errorReply(401, "Missing bearer token", "AUTHENTICATION_REQUIRED"));
    if (!sandbox || byToken !== sandbox)
      return fail(errorReply(401, "This token is not valid for this sandbox", "INVALID_TOKEN"));
    const expiry = sandbox.tokens.get(auth);
    if (expiry === undefined || expiry <= config.clock.now())
      return fail(errorReply(401, "Token expired", "INVALID_TOKEN"));
    if (sandbox.status !== "running") return fail(errorReply(503, `Sandbox ${sandbox.id} is ${sandbox.status}`));
    recorded.sandboxId = sandbox.id;
    const problem = requestProblem(route, {
      params,
      query,
      headers: req.headers,
      contentType: "",
      raw: Buffer.alloc(0),
    });
    if (problem) return fail(errorReply(400, `Invalid request: ${problem}`, "INVALID_REQUEST"));
    const fault = config.faults.take(route.operationId);
    if (fault) {
      const status = fault.value.status ?? 500;
      if (fault.value.network) {
        recorded.status = 0;
        socket.destroy();
        return;
      }
      const extra = fault.value.retryAfter !== undefined ? { retry_after: fault.value.retryAfter } : {};
      const reply = errorReply(
        status,
        fault.value.message ?? `Injected failure (HTTP ${status})`,
        fault.value.code,
        extra,
      );
      return fail(
        fault.value.retryAfter !== undefined
          ? { ...reply, headers: { "retry-after": String(fault.value.retryAfter) } }
          : reply,
      );
    }
    const scripted = config.streams.take(route.operationId);
    recorded.status = 101;
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, route, sandbox, scripted?.value, config));
  });
  return {
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

type Frame = Record<string, unknown>;

function serve(
  ws: WebSocket,
  route: Route,
  sandbox: SandboxState,
  scripted: MockStreamHandler<StreamOperationId> | undefined,
  config: StreamConfig,
): void {
  const schemas = messageSchemas(route);
  const close = (): void => {
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1001, `sandbox ${sandbox.id} is gone`);
  };
  sandbox.streams.add(close);
  let unwatch: (() => void) | undefined;
  ws.on("close", () => {
    sandbox.streams.delete(close);
    unwatch?.();
  });

  /** Sends one wire frame after checking it against the server message schema. */
  const sendWire = (frame: unknown): void => {
    const problem = schemas.server ? schemaProblem(frame, schemas.server, route.spec.resolve, "frame") : undefined;
    if (problem) {
      const message = `hopx mock: a frame of ${route.operationId} is off-spec: ${problem}`;
      config.problems.push(message);
      ws.close(1011, message.slice(0, 120));
      return;
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const socket: MockSocket = {
    send: (frame) => sendWire(toWire(frame, shapeOf(schemas.serverName), config.shapes)),
    close: (code = 1000, reason = "") => ws.close(code, reason),
    sandboxId: sandbox.id,
  };
  const now = (): string => iso(config.clock.now());
  // Unions of message shapes have no entry of their own; their members' keys follow the naming rule.
  const shapeOf = (name: string | undefined): string | Record<string, never> =>
    name !== undefined && name in config.shapes ? name : {};

  const scopeFor = (message: Frame) =>
    scopeOf(
      sandbox,
      config.clock.now(),
      message.workdir as string | undefined,
      message.env as Record<string, string> | undefined,
    );
  // The terminal's shell session lives as long as the connection.
  const terminal =
    route.operationId === "connectTerminal" && !scripted
      ? new TerminalSession(scopeOf(sandbox, config.clock.now(), undefined, undefined))
      : undefined;
  for (const frame of terminal?.open() ?? []) sendWire(frame);

  const defaults = (message: Frame): void => {
    switch (route.operationId) {
      case "streamExecution":
      case "streamIpython":
      case "streamRichExecution": {
        const out = runCode(String(message.code), message.language as string | undefined, scopeFor(message));
        finishRun(out.stdout, out.stderr, out.exitCode);
        return;
      }
      case "streamCommand": {
        const out = runShell(commandLine(message as { command?: string; args?: string[] }), scopeFor(message));
        finishRun(out.stdout, out.stderr, out.exitCode);
        return;
      }
      case "watchFiles": {
        const root = String(message.path ?? "/workspace").replace(/\/+$/, "");
        unwatch?.();
        const watcher = (path: string, event: string): void => {
          if (path === root || path.startsWith(`${root}/`)) sendWire({ type: "change", path, event, timestamp: now() });
        };
        sandbox.watchers.add(watcher);
        unwatch = () => sandbox.watchers.delete(watcher);
        return;
      }
      case "connectTerminal": {
        if (!terminal || terminal.done) return;
        const frames =
          message.type === "resize"
            ? terminal.resize(Number(message.cols), Number(message.rows))
            : terminal.input(String(message.data));
        for (const frame of frames) sendWire(frame);
        if (terminal.done) ws.close(1000, "exit");
        return;
      }
    }
  };
  const finishRun = (stdout: string, stderr: string, exitCode: number): void => {
    for (const line of stdout.match(/[^\n]*\n|[^\n]+$/g) ?? [])
      sendWire({ type: "stdout", data: line, timestamp: now() });
    if (stderr) sendWire({ type: "stderr", data: stderr, timestamp: now() });
    sendWire({ type: "result", exit_code: exitCode, execution_time: 0.001, timestamp: now() });
    sendWire({ type: "complete", success: exitCode === 0 });
    ws.close(1000, "complete");
  };

  ws.on("message", (data: RawData, isBinary: boolean) => {
    const message = parseFrame(ws, data, isBinary);
    if (message === undefined) return;
    const problem = schemas.client ? schemaProblem(message, schemas.client, route.spec.resolve, "message") : undefined;
    // Close reasons are limited to 123 bytes.
    if (problem) return ws.close(1008, `invalid: ${problem}`.slice(0, 120));
    if (!scripted) return defaults(message as Frame);
    Promise.resolve(scripted(fromWire(message, shapeOf(schemas.clientName), config.shapes), socket)).then(
      (frames) => {
        for (const frame of frames ?? []) socket.send(frame);
      },
      (err: unknown) => {
        const reason = err instanceof Error ? err.message : String(err);
        const text = `hopx mock: the stream handler for ${route.operationId} threw: ${reason}`;
        config.problems.push(text);
        ws.close(1011, text.slice(0, 120));
      },
    );
  });
}
