// Runs the built `hopx` bin (dist/cli.js, made by `npm run build`) in a child process, as a user's shell
// would, and a loopback control plane that routes by method and path for the CLI tests.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { resolve } from "node:path";

export const CLI = resolve(import.meta.dirname, "../../dist/cli.js");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  cwd?: string;
}

/** The environment of a user with no HopX settings: no key, no base URL, HOME without ~/.hopx. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("HOPX_")) delete env[name];
  delete env.NO_COLOR;
  env.HOME = resolve(import.meta.dirname, "../fixtures/empty-home");
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function startCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: `npm test` builds it first (npm run build)");
  const child = spawn(process.execPath, [CLI, ...args], {
    env: cleanEnv(options.env),
    cwd: options.cwd,
    stdio: ["pipe", "pipe", "pipe"],
  });
  if (options.input !== undefined) child.stdin!.end(options.input);
  return child;
}

/** Collects a started child's output until it exits. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((done) => child.on("close", (code, signal) => done({ code, signal, stdout, stderr })));
}

export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const child = startCli(args, { ...options, input: options.input ?? "" });
  return finished(child);
}

/** Resolves once `text` appears on the child's stdout (or stderr). */
export function waitForOutput(
  child: ChildProcess,
  text: string,
  stream: "stdout" | "stderr" = "stdout",
): Promise<string> {
  let seen = "";
  return new Promise((done, fail) => {
    const source = child[stream]!;
    const onData = (chunk: Buffer | string): void => {
      seen += String(chunk);
      if (seen.includes(text)) {
        source.off("data", onData);
        done(seen);
      }
    };
    source.on("data", onData);
    child.once("close", () =>
      fail(new Error(`exited before printing ${JSON.stringify(text)}; saw ${JSON.stringify(seen)}`)),
    );
  });
}

export async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}
export type Route = (req: Seen, res: ServerResponse) => void | Promise<void>;

export interface ControlPlane {
  url: string;
  seen: Seen[];
  /** Handlers by "METHOD /path" (query string ignored); others get 404. */
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export const reply =
  (status: number, body: unknown, headers: Record<string, string> = {}): Route =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

export async function startControlPlane(): Promise<ControlPlane> {
  const sockets = new Set<Socket>();
  const state: ControlPlane = { url: "", seen: [], routes: new Map(), close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0]!;
      const seen: Seen = {
        method: req.method ?? "",
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      state.seen.push(seen);
      const route =
        state.routes.get(`${seen.method} ${path}`) ??
        reply(404, { error: `no route ${seen.method} ${path}`, code: "NOT_FOUND" });
      void Promise.resolve(route(seen, res)).catch(() => req.socket.destroy());
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return state;
}

/** A running sandbox `s1` whose agent is `agentUrl`: get, create, token refresh and delete all answer. */
export function sandboxRoutes(
  cp: ControlPlane,
  agentUrl: string,
  token = "eyJhbGciOiJIUzI1NiJ9.c2FuZGJveA.sigCLI",
): void {
  const record = {
    id: "s1",
    object: "sandbox",
    status: "running",
    public_host: agentUrl,
    template_name: "code-interpreter",
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  };
  const expires = new Date(Date.now() + 3_600_000).toISOString();
  cp.routes.set("GET /v1/sandboxes/s1", reply(200, record));
  cp.routes.set("POST /v1/sandboxes", reply(201, { ...record, auth_token: token, token_expires_at: expires }));
  cp.routes.set("POST /v1/sandboxes/s1/token/refresh", reply(200, { auth_token: token, token_expires_at: expires }));
  cp.routes.set("DELETE /v1/sandboxes/s1", reply(200, { id: "s1", status: "deleted" }));
}
