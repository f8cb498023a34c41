// The thin layer in front of each Prism server. Every request goes to Prism first, so its request
// validation and security checks always apply; then, on a 2xx, we fill in what Prism cannot serve:
// SSE frames and binary bodies from the spec's examples, and agent URLs that point at our agent mock.
// WebSocket upgrades never reach Prism: they are answered from the spec's transcripts (websocket.ts).
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { pathMatcher, type BodyFixture, type MockFixtures } from "./fixtures.js";
import { attachWebSocketMock } from "./websocket.js";

export interface FrontOptions {
  prismUrl: string;
  fixtures: MockFixtures;
  /** Rewrites a JSON body Prism produced (control plane: agent URLs). */
  rewriteJson?: (body: unknown) => unknown;
}

export interface Front {
  url: string;
  server: Server;
  close(): Promise<void>;
}

interface CompiledFixture {
  fixture: BodyFixture;
  match: RegExp;
}

const compile = (fixtures: BodyFixture[]): CompiledFixture[] =>
  fixtures.map((fixture) => ({ fixture, match: pathMatcher(fixture.path) }));

function pickFixture(list: CompiledFixture[], method: string, path: string, accept: string): BodyFixture | undefined {
  const candidates = list.filter((c) => c.fixture.method === method && c.match.test(path)).map((c) => c.fixture);
  if (candidates.length === 0) return undefined;
  return (
    candidates.find((f) => accept.includes(f.contentType)) ??
    (candidates.length === 1 && !accept.includes("application/json") ? candidates[0] : undefined)
  );
}

async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function forward(
  prism: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      {
        hostname: prism.hostname,
        port: prism.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: prism.host },
      },
      (res) => {
        readBody(res).then(
          (buf) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: buf }),
          reject,
        );
      },
    );
    upstream.on("error", reject);
    upstream.end(body);
  });
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

export async function startFront(options: FrontOptions): Promise<Front> {
  const prism = new URL(options.prismUrl);
  const sse = compile(options.fixtures.sse);
  const binary = compile(options.fixtures.binary);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const upstream = await forward(prism, req, body);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(upstream.headers))
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    let payload = upstream.body;
    if (upstream.status >= 200 && upstream.status < 300) {
      const method = req.method ?? "GET";
      const path = new URL(req.url ?? "/", "http://mock").pathname;
      const accept = String(req.headers.accept ?? "");
      const fixture = pickFixture(sse, method, path, accept) ?? pickFixture(binary, method, path, accept);
      if (fixture) {
        headers["content-type"] = fixture.contentType;
        payload = Buffer.from(fixture.body, "utf8");
      } else if (
        options.rewriteJson &&
        String(upstream.headers["content-type"] ?? "").includes("json") &&
        payload.length > 0
      ) {
        payload = Buffer.from(JSON.stringify(options.rewriteJson(JSON.parse(payload.toString("utf8")))), "utf8");
      }
    }
    headers["content-length"] = String(payload.length);
    res.writeHead(upstream.status, headers);
    res.end(payload);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: `mock front: ${err instanceof Error ? err.message : String(err)}`,
          code: "INTERNAL_ERROR",
        }),
      );
    });
  });
  const websockets = attachWebSocketMock(server, options.fixtures.websocket);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        websockets.close();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Points every `public_host` / `direct_url` in a control-plane body at the agent mock. */
export function pointAgentUrlsAt(agentUrl: string): (body: unknown) => unknown {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = (key === "public_host" || key === "direct_url") && typeof item === "string" ? agentUrl : rewrite(item);
    }
    return out;
  };
  return rewrite;
}
