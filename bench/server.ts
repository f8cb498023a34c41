// Loopback server for the benchmarks: the subset of both HopX APIs the workloads touch, one listener per
// plane (two origins, as in production, so credential scoping is exercised). Answers are precomputed from
// the specs' examples so the server spends as little CPU as possible per call — on 2 cores every cycle it
// burns is taken from the client being measured. Bodies are streamed both ways, never buffered.
import { createReadStream, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";
import { boundaryOf, readMultipart } from "./multipart.js";

export const API_KEY = "hopx_bench_key";
export const TOKEN = "bench.jwt.token";
export const SANDBOX_ID = "1761048129dsaqav4n";

export interface BenchServer {
  controlPlaneUrl: string;
  agentUrl: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Files served by GET /files/download, by remote path (e.g. /workspace/data.bin → local file). */
  downloads?: Record<string, string>;
  /** Milliseconds before each GET /v1/sandboxes/{id} answer (workload b.lat: a server that takes its time). */
  latencyMs?: number;
}

/** What the server saw of each upload, read back by the client through GET /__bench/upload?path=. */
interface UploadRecord {
  size: number;
  crc32: number;
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

function send(res: ServerResponse, status: number, body: Buffer): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": body.length,
    "x-request-id": "req_bench",
  });
  res.end(body);
}

const errorBody = (_status: number, code: string, message: string): Buffer =>
  json({ error: message, code, request_id: "req_bench" });

// Examples from generated/vm-agent/openapi.json (runCommand 200 "ok", readFile 200 "csv").
const COMMAND_OK = json({
  success: true,
  stdout: "total 8\ndrwxr-xr-x 2 root root 4096 Oct 21 12:00 .\n",
  stderr: "",
  exit_code: 0,
  execution_time: 0.015,
  command: "bash -c ls -la /workspace | head -n 5",
  pid: 517,
  timestamp: "2025-10-21T12:05:00Z",
});
const READ_OK = json({ content: "name,age\nalice,30\n", path: "/workspace/data.csv", size: 18 });
const UNAUTHORIZED = errorBody(401, "UNAUTHORIZED", "Missing or invalid credentials");
const NOT_FOUND = errorBody(404, "NOT_FOUND", "Not found");

/** The spec's "running" example of GET /v1/sandboxes/{id}, pointing public_host at our agent listener. */
function sandboxBody(id: string, agentUrl: string): Buffer {
  return json({
    id,
    object: "sandbox",
    status: "running",
    public_host: agentUrl,
    direct_url: agentUrl,
    template_id: "73",
    template_name: "code-interpreter",
    organization_id: 123,
    node_id: "node_xyz789",
    region: "eu-west",
    resources: { vcpu: 2, memory_mb: 2048, disk_mb: 10240 },
    internet_access: true,
    live_mode: true,
    timeout_seconds: 3600,
    expires_at: "2025-10-21T13:02:09Z",
    created_at: "2025-10-21T12:02:09Z",
    request_id: "req_abc123",
  });
}

async function drain(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

export async function startServer(options: ServerOptions = {}): Promise<BenchServer> {
  const uploads = new Map<string, UploadRecord>();
  let agentUrl = "";
  let sandbox: Buffer | undefined;

  const controlPlane = createServer((req, res) => {
    const url = req.url ?? "/";
    if (req.headers["x-api-key"] !== API_KEY) return void req.resume().on("end", () => send(res, 401, UNAUTHORIZED));
    const match = /^\/v1\/sandboxes\/([^/?]+)(\/token\/refresh)?(?:\?|$)/.exec(url);
    if (match && req.method === "GET" && !match[2]) {
      sandbox ??= sandboxBody(decodeURIComponent(match[1]!), agentUrl);
      const body = sandbox;
      if (options.latencyMs) return void setTimeout(() => send(res, 200, body), options.latencyMs);
      return send(res, 200, body);
    }
    if (match && req.method === "POST" && match[2]) {
      // The official SDK refreshes when under an hour is left; a day keeps it from refreshing on every call.
      const expires = new Date(Date.now() + 86_400_000).toISOString();
      return void req.resume().on("end", () => send(res, 200, json({ auth_token: TOKEN, token_expires_at: expires })));
    }
    req.resume().on("end", () => send(res, 404, NOT_FOUND));
  });

  const agent = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://agent");
    if (url.pathname.startsWith("/__bench/")) return benchRoute(url, res);
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return void req.resume().on("end", () => send(res, 401, UNAUTHORIZED));
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "POST /commands/run":
        // Parsed like a real agent would, so a malformed body from a client shows up as an error.
        return void drain(req).then(
          (body) => {
            const parsed = JSON.parse(body.toString("utf8")) as { command?: unknown };
            if (typeof parsed.command !== "string")
              return send(res, 400, errorBody(400, "INVALID_REQUEST", "command is required"));
            send(res, 200, COMMAND_OK);
          },
          () => send(res, 400, errorBody(400, "INVALID_REQUEST", "malformed JSON")),
        );
      case "GET /files/read":
        return void req.resume().on("end", () => send(res, 200, READ_OK));
      case "POST /files/upload":
        return void upload(req, res, url);
      case "GET /files/download":
        return download(url, res);
      default:
        req.resume().on("end", () => send(res, 404, NOT_FOUND));
    }
  });

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const boundary = boundaryOf(req.headers["content-type"]);
    if (!boundary) return send(res, 400, errorBody(400, "INVALID_REQUEST", "multipart/form-data expected"));
    let path = url.searchParams.get("path") ?? "";
    let pathText = "";
    let size = 0;
    let crc = 0;
    let sawFile = false;
    try {
      await readMultipart(req, boundary, {
        start(name) {
          if (name === "file") sawFile = true;
        },
        data(name, chunk) {
          if (name === "file") {
            size += chunk.length;
            crc = crc32(chunk, crc);
          } else if (name === "path") pathText += chunk.toString("utf8");
        },
      });
    } catch (err) {
      return send(res, 400, errorBody(400, "INVALID_REQUEST", (err as Error).message));
    }
    path = pathText || path;
    if (!sawFile || !path)
      return send(res, 400, errorBody(400, "INVALID_REQUEST", "fields file and path are required"));
    uploads.set(path, { size, crc32: crc });
    send(
      res,
      200,
      json({ success: true, path, size, message: "File uploaded successfully", timestamp: new Date().toISOString() }),
    );
  }

  function download(url: URL, res: ServerResponse): void {
    const local = options.downloads?.[url.searchParams.get("path") ?? ""];
    if (!local) {
      send(res, 404, errorBody(404, "FILE_NOT_FOUND", "File not found"));
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": statSync(local).size });
    // pipe() applies backpressure: the server reads from disk only as fast as the client takes bytes.
    createReadStream(local, { highWaterMark: 256 * 1024 }).pipe(res);
  }

  function benchRoute(url: URL, res: ServerResponse): void {
    if (url.pathname === "/__bench/upload") {
      const record = uploads.get(url.searchParams.get("path") ?? "");
      send(res, record ? 200 : 404, record ? json(record) : NOT_FOUND);
      return;
    }
    send(res, 404, NOT_FOUND);
  }

  const controlPlaneUrl = await listen(controlPlane);
  agentUrl = await listen(agent);
  return {
    controlPlaneUrl,
    agentUrl,
    close: () =>
      new Promise<void>((resolve) => {
        controlPlane.closeAllConnections();
        agent.closeAllConnections();
        let open = 2;
        const done = () => --open === 0 && resolve();
        controlPlane.close(done);
        agent.close(done);
      }),
  };
}
