// One plane of the stateful mock on its own loopback port: CORS, routing by the spec, credentials, request
// validation (the spec's 400 envelope), faults, scripted handlers, the default stateful answers, response
// validation, recording, and writing JSON, bytes and SSE.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { fromWire, toWire, type OperationShapes, type ShapeRegistry } from "../runtime/shape.js";
import type { MockClock } from "./clock.js";
import type { CallContext, DefaultHandler } from "./context.js";
import { parseMultipart } from "./agent.js";
import { desktopUnavailable } from "./desktop.js";
import { errorReply, requestId, type Reply } from "./reply.js";
import type { Registry } from "./script.js";
import {
  exampleOf,
  findRoute,
  parseQuery,
  requestProblem,
  responseOf,
  responseProblem,
  successTypes,
  type LoadedSpec,
  type ParsedRequest,
  type Route,
} from "./spec.js";
import type { SandboxState, World } from "./state.js";
import type {
  FailOptions,
  HandlerContext,
  MockHandler,
  MockReply,
  MockRequest,
  OperationId,
  RecordedRequest,
} from "./types.js";

/** A binary example of the spec, from the mock fixtures (bytes as UTF-8 text). */
export interface BinaryExample {
  operationId: string;
  contentType: string;
  body: string;
}

/** Everything one plane's server shares with the rest of the mock. */
export interface PlaneConfig {
  spec: LoadedSpec;
  world: World;
  clock: MockClock;
  handlers: Record<string, DefaultHandler>;
  scripts: Registry<MockHandler<OperationId>>;
  faults: Registry<FailOptions>;
  requests: RecordedRequest[];
  problems: string[];
  shapes: ShapeRegistry;
  operationShapes: Readonly<Record<string, OperationShapes>>;
  binary: BinaryExample[];
  latencyMs: number;
  agentUrlOf(sandbox: SandboxState): string;
  uploadUrlOf(hash: string): string;
  /** Control plane: whether an API key is one the mock accepts. */
  acceptsKey?(key: string): boolean;
  /** Agent plane: the sandbox a request is for (prefix `/sandboxes/<id>`, else by its token). */
  agentPrefix?: RegExp;
  /** Extra routes outside the spec (the control plane's upload target). */
  extra?: (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;
}

const REPLY = Symbol("hopx.mock.reply");
type BrandedReply = MockReply & { [REPLY]: true };

/** A reply made by `ctx.reply(...)`. */
export function makeReply(status: number, body: unknown, headers: Record<string, string> = {}): MockReply {
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new RangeError(`hopx mock: ctx.reply needs an HTTP status, got ${String(status)}`);
  return { status, body, headers, [REPLY]: true } as BrandedReply;
}
const isReply = (value: unknown): value is MockReply =>
  typeof value === "object" && value !== null && (value as Partial<BrandedReply>)[REPLY] === true;

const TINY_PNG = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const CORS_EXPOSE =
  "Retry-After, X-Request-ID, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Content-Length";

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Access-Control-Allow-Origin", String(req.headers.origin ?? "*"));
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Expose-Headers", CORS_EXPOSE);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The credential a request carries, and its kind (the value is used for checks only, never stored). */
function credentialOf(req: IncomingMessage, query: URLSearchParams, plane: "controlPlane" | "agent") {
  const auth = String(req.headers.authorization ?? "");
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  if (plane === "agent") return bearer ? { kind: "sandboxToken" as const, value: bearer } : { kind: "none" as const };
  const header = req.headers["x-api-key"];
  if (typeof header === "string" && header !== "") return { kind: "apiKey" as const, value: header };
  if (bearer) return { kind: "bearerApiKey" as const, value: bearer };
  const token = query.get("token");
  if (token) return { kind: "queryToken" as const, value: token };
  return { kind: "none" as const };
}

/** The mock of one plane: its server and how to close it. */
export interface PlaneServer {
  server: Server;
  url: string;
  /** Sockets held open by a `stall` fault or an SSE stream, closed on stop. */
  close(): Promise<void>;
}

export async function startPlane(config: PlaneConfig, port = 0, host = "127.0.0.1"): Promise<PlaneServer> {
  const plane = config.spec.plane;
  const held = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    cors(req, res);
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": String(req.headers["access-control-request-headers"] ?? "*"),
        "Access-Control-Max-Age": "600",
      });
      res.end();
      return;
    }
    if (config.latencyMs > 0) await sleep(config.latencyMs);
    const url = new URL(req.url ?? "/", "http://mock");
    let pathname = url.pathname;
    if (config.extra?.(req, res, pathname)) return;
    config.world.tick();

    // The agent of one sandbox: `/sandboxes/<id>/…` (its public_host), or any path with that sandbox's token.
    let sandboxId: string | undefined;
    if (config.agentPrefix) {
      const prefix = config.agentPrefix.exec(pathname);
      if (prefix) {
        sandboxId = decodeURIComponent(prefix[1]!);
        pathname = pathname.slice(prefix[0].length) || "/";
      }
    }
    const { route, params, methods } = findRoute(config.spec, req.method ?? "GET", pathname);
    const raw = await readBody(req);
    const credential = credentialOf(req, url.searchParams, plane);
    const query = route ? parseQuery(route, url.searchParams) : Object.fromEntries(url.searchParams);
    const recorded: RecordedRequest = {
      operationId: route?.operationId as OperationId | undefined,
      plane,
      method: req.method ?? "GET",
      path: pathname + url.search.replace(/([?&]token=)[^&]*/, "$1[redacted]"),
      sandboxId: sandboxId ?? params.sandboxId,
      params,
      query: "token" in query ? { ...query, token: "[redacted]" } : query,
      body: undefined,
      credential: credential.kind,
      status: 0,
    };
    const answer = (reply: Reply): Promise<void> => write(route, reply, recorded, req, res);

    if (!route) {
      config.requests.push(recorded);
      return answer(
        methods.length > 0
          ? {
              ...errorReply(405, `${req.method} is not allowed on ${pathname}; use ${methods.join(", ")}`),
              internal: true,
            }
          : { ...errorReply(404, `No operation at ${req.method} ${pathname} in the ${plane} spec`), internal: true },
      );
    }

    const contentType = String(req.headers["content-type"] ?? "");
    let json: unknown;
    if (/json/i.test(contentType) && raw.length > 0) {
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        json = undefined;
      }
    }
    const multipart = /multipart\/form-data/i.test(contentType) ? parseMultipart(raw, contentType) : undefined;
    recorded.body = multipart
      ? { ...multipart.fields, size: multipart.file?.byteLength ?? 0 }
      : json !== undefined
        ? json
        : raw.length > 0
          ? { size: raw.length }
          : undefined;
    config.requests.push(recorded);

    // Credentials first, as HopX checks them, then the sandbox the agent call is for.
    let sandbox: SandboxState | undefined;
    if (plane === "controlPlane" && !route.public) {
      const presented =
        credential.kind === "apiKey" ||
        credential.kind === "bearerApiKey" ||
        (credential.kind === "queryToken" && route.queryToken);
      if (!presented) return answer(errorReply(401, "Missing API key", "AUTHENTICATION_REQUIRED"));
      if (config.acceptsKey && !config.acceptsKey(credential.value))
        return answer(errorReply(401, "Invalid API key", "AUTHENTICATION_REQUIRED"));
    } else if (plane === "agent") {
      const byToken = credential.kind === "sandboxToken" ? config.world.sandboxOfToken(credential.value) : undefined;
      sandbox = sandboxId !== undefined ? config.world.sandboxes.get(sandboxId) : byToken;
      if (sandboxId !== undefined && !sandbox)
        return answer({
          ...errorReply(404, `No sandbox ${sandboxId} behind this host (killed or expired)`),
          internal: true,
        });
      if (!route.public) {
        if (credential.kind !== "sandboxToken")
          return answer(errorReply(401, "Missing bearer token", "AUTHENTICATION_REQUIRED"));
        if (!sandbox || byToken !== sandbox)
          return answer(errorReply(401, "This token is not valid for this sandbox", "INVALID_TOKEN"));
        const expiry = sandbox.tokens.get(credential.value);
        if (expiry === undefined || expiry <= config.clock.now())
          return answer(errorReply(401, "Token expired", "INVALID_TOKEN"));
      }
      if (sandbox && sandbox.status !== "running")
        return answer({
          ...errorReply(503, `Sandbox ${sandbox.id} is ${sandbox.status}`, "SERVICE_UNAVAILABLE"),
          internal: true,
        });
      recorded.sandboxId = sandbox?.id;
    }

    const parsed: ParsedRequest = { params, query, headers: req.headers, contentType, json, raw };
    const problem = requestProblem(route, parsed);
    if (problem) return answer(errorReply(400, `Invalid request: ${problem}`, "INVALID_REQUEST"));

    const ctx: CallContext = {
      route,
      params,
      query,
      body: multipart ?? json,
      raw,
      headers: req.headers,
      world: config.world,
      ...(sandbox ? { sandbox } : {}),
      agentUrlOf: config.agentUrlOf,
      uploadUrlOf: config.uploadUrlOf,
    };
    const fault = config.faults.take(route.operationId);
    if (fault?.value.network) return networkFault(fault.value, ctx, recorded, res);
    if (fault) return answer(faultReply(fault.value));

    const base = (): Promise<Reply> => Promise.resolve(defaultReply(ctx));
    const scripted = config.scripts.take(route.operationId);
    if (!scripted) return answer(await base());
    let reply: Reply;
    try {
      reply = await runScripted(scripted.value, ctx, recorded, base);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const message = `hopx mock: the handler for ${route.operationId} threw: ${reason}`;
      config.problems.push(message);
      reply = { ...errorReply(500, message), internal: true };
    }
    return answer(reply);
  }

  /** The stateful answer, or the spec's first example for operations the mock keeps no state for. */
  function defaultReply(ctx: CallContext): Reply | Promise<Reply> {
    const refused = desktopUnavailable(ctx);
    if (refused) return refused;
    const handler = config.handlers[ctx.route.operationId];
    if (handler) return handler(ctx);
    return exampleReply(ctx.route, String(ctx.headers.accept ?? ""));
  }

  function exampleReply(route: Route, accept: string): Reply {
    const candidates = successTypes(route);
    const chosen =
      candidates.find((c) => c.type !== undefined && accept.includes(c.type)) ??
      candidates.find((c) => c.type === "application/json") ??
      candidates[0];
    if (!chosen)
      return { ...errorReply(500, `${route.operationId} has no success response in the spec`), internal: true };
    if (chosen.type === undefined) return { status: chosen.status };
    if (chosen.type === "application/json")
      return { status: chosen.status, json: exampleOf(route, chosen.status, chosen.type) ?? {} };
    // An image is a real (1×1) PNG, so image code under test can decode it; other bodies are the spec's example.
    if (chosen.type === "image/png") return { status: chosen.status, bytes: TINY_PNG, contentType: chosen.type };
    const fixture = config.binary.find((b) => b.operationId === route.operationId && b.contentType === chosen.type);
    const example = exampleOf(route, chosen.status, chosen.type);
    const text = fixture?.body ?? (typeof example === "string" ? example : "");
    return { status: chosen.status, bytes: new Uint8Array(Buffer.from(text, "utf8")), contentType: chosen.type };
  }

  /** Calls a scripted handler and turns what it returned into a reply. */
  async function runScripted(
    handler: MockHandler<OperationId>,
    ctx: CallContext,
    recorded: RecordedRequest,
    base: () => Promise<Reply>,
  ): Promise<Reply> {
    const opShapes = config.operationShapes[ctx.route.operationId] ?? {};
    let baseReply: Promise<Reply> | undefined;
    const next = (): Promise<Reply> => (baseReply ??= base());
    const body =
      ctx.route.operationId === "uploadFile" && ctx.body && typeof ctx.body === "object" && "fields" in ctx.body
        ? {
            path: (ctx.body as { fields: Record<string, string> }).fields.path,
            file: new Uint8Array((ctx.body as { file?: Buffer }).file ?? []),
          }
        : fromWire(ctx.body, opShapes.body, config.shapes);
    const request: MockRequest<OperationId> = {
      operationId: ctx.route.operationId as OperationId,
      plane,
      method: recorded.method,
      path: recorded.path,
      sandboxId: recorded.sandboxId,
      params: ctx.params,
      query: fromWire(ctx.query, opShapes.query, config.shapes),
      body: body as never,
      credential: recorded.credential,
    };
    const handlerCtx: HandlerContext<OperationId> = {
      reply: makeReply,
      next: async () => toMockReply(await next(), opShapes),
      clock: config.clock,
      operationId: ctx.route.operationId as OperationId,
    };
    const result = await handler(request, handlerCtx);
    if (result === undefined) return next();
    if (isReply(result)) return fromMockReply(result, opShapes);
    if (typeof result !== "object" || result === null || Array.isArray(result))
      throw new TypeError(
        `a handler returns a partial result object, ctx.reply(...) or undefined, got ${typeof result}`,
      );
    // A partial result is laid over what the mock would have answered (2xx), or over the spec's example.
    let under = await next();
    if (under.status >= 300 || under.json === undefined || typeof under.json !== "object")
      under = exampleReply(ctx.route, "application/json");
    const wire = toWire<Record<string, unknown>>(result, opShapes.result, config.shapes);
    return { ...under, json: { ...(under.json as Record<string, unknown>), ...wire } };
  }

  function toMockReply(reply: Reply, opShapes: OperationShapes): MockReply {
    const body =
      reply.json !== undefined
        ? reply.status < 300
          ? fromWire(reply.json, opShapes.result, config.shapes)
          : reply.json
        : reply.bytes;
    return makeReply(reply.status, body, reply.headers ?? {});
  }

  function fromMockReply(reply: MockReply, opShapes: OperationShapes): Reply {
    const headers = { ...reply.headers };
    if (reply.body instanceof Uint8Array || typeof reply.body === "string") {
      const type =
        headers["content-type"] ?? (typeof reply.body === "string" ? "text/plain" : "application/octet-stream");
      const bytes = typeof reply.body === "string" ? new Uint8Array(Buffer.from(reply.body, "utf8")) : reply.body;
      return { status: reply.status, bytes, contentType: type, headers };
    }
    if (reply.body === undefined) return { status: reply.status, headers };
    const json =
      reply.status < 300 ? toWire(reply.body, opShapes.result, config.shapes) : toWire(reply.body, {}, config.shapes);
    return { status: reply.status, json, headers };
  }

  function faultReply(fault: FailOptions): Reply {
    const status = fault.status ?? 500;
    const extra = fault.retryAfter !== undefined ? { retry_after: fault.retryAfter } : {};
    const reply = errorReply(status, fault.message ?? `Injected failure (HTTP ${status})`, fault.code, extra);
    return fault.retryAfter !== undefined ? { ...reply, headers: { "Retry-After": String(fault.retryAfter) } } : reply;
  }

  async function networkFault(fault: FailOptions, ctx: CallContext, recorded: RecordedRequest, res: ServerResponse) {
    const socket = res.socket;
    if (fault.network === "stall") {
      if (socket) held.add(socket);
      return;
    }
    // The request reached the server: it is carried out before the connection breaks.
    const reply = await defaultReply(ctx);
    if (fault.network === "reset") {
      socket?.resetAndDestroy?.() ?? socket?.destroy();
      return;
    }
    const body = Buffer.from(reply.json !== undefined ? JSON.stringify(reply.json) : (reply.bytes ?? new Uint8Array()));
    recorded.status = 0;
    res.writeHead(reply.status, {
      "content-type": reply.contentType ?? "application/json",
      "content-length": String(Math.max(body.length, 2)),
    });
    res.write(body.subarray(0, Math.floor(body.length / 2)));
    // Let the half body leave before the connection is cut.
    setTimeout(() => socket?.destroy(), 20);
  }

  async function write(
    route: Route | undefined,
    reply: Reply,
    recorded: RecordedRequest,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    if (route && !reply.internal) {
      const problem =
        reply.json !== undefined
          ? responseProblem(route, reply.status, reply.json)
          : responseOf(route, reply.status)
            ? undefined
            : `status ${reply.status} is not a documented response of ${route.operationId}`;
      if (problem) {
        const message = `hopx mock: the answer to ${route.operationId} is off-spec: ${problem}`;
        config.problems.push(message);
        reply = { ...errorReply(500, message), internal: true };
      }
    }
    recorded.status = reply.status;
    const headers: Record<string, string> = { "x-request-id": requestId(), ...(reply.headers ?? {}) };
    if (reply.sse) return writeSse(reply, headers, req, res);
    let payload: Uint8Array;
    if (reply.json !== undefined) {
      headers["content-type"] = "application/json";
      payload = Buffer.from(JSON.stringify(reply.json), "utf8");
    } else {
      payload = reply.bytes ?? new Uint8Array();
      if (reply.contentType) headers["content-type"] = reply.contentType;
    }
    headers["content-length"] = String(payload.byteLength);
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  function writeSse(reply: Reply, headers: Record<string, string>, req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(reply.status, { ...headers, "content-type": "text/event-stream", "cache-control": "no-cache" });
    let id = 0;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      res.end();
    };
    const stop = reply.sse!((event, data) => {
      if (ended) return;
      res.write(`id: ${++id}\n${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`);
    }, end);
    req.socket.once("close", () => {
      ended = true;
      stop();
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const message = `hopx mock: ${err instanceof Error ? err.message : String(err)}`;
      config.problems.push(message);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: message, code: "INTERNAL_ERROR" }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of held) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
