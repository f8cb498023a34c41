// Child processes of the runner: the bench server, one process per measurement, and timed commands.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import type { Target } from "./adapters/types.js";
import { RESULT_PREFIX, type ChildSpec } from "./protocol.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
/** tsx as an import hook (not the tsx CLI) keeps one process per child: no wrapper process in the timings. */
const NODE_TS = ["--import", "tsx"];

export type ChildResult = Record<string, number | string | boolean> & { error?: string };

export interface ServerProcess {
  controlPlaneUrl: string;
  agentUrl: string;
  stop(): void;
}

/** `base` (credentials, sandbox id) pointed at another server's two planes. */
export function targetOn(base: Target, server: ServerProcess): Target {
  return { ...base, controlPlaneUrl: server.controlPlaneUrl, agentUrl: server.agentUrl };
}

export function startServerProcess(downloads: Record<string, string>, latencyMs = 0): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...NODE_TS, here("./serve.ts")], {
    cwd: ROOT,
    env: { ...process.env, BENCH_DOWNLOADS: JSON.stringify(downloads), BENCH_LATENCY_MS: String(latencyMs) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) {
        const urls = JSON.parse(line) as { controlPlaneUrl: string; agentUrl: string };
        resolve({ ...urls, stop: () => child.stdin.end() }); // the server exits when its stdin closes
      }
    });
  });
}

let compiledChild: string | undefined;

/**
 * How a measurement process is started. With hopx-client built (BENCH_HOPX_ENTRY), the child is bench/child.ts
 * compiled to JavaScript and run by plain `node`, as users run their apps: under tsx's loader, a process that
 * had loaded the built package ran 8 downloads of 256 MiB with 115 mark-compacts instead of 12 (tsx keeps the
 * transformed sources and source maps of every module it loads), so raw fetch itself downloaded ~2× slower
 * there. Without a build, hopx-client is src/raw.ts, which only tsx can load.
 */
function childCommand(): string[] {
  if (!process.env.BENCH_HOPX_ENTRY) return [...NODE_TS, here("./child.ts")];
  if (!compiledChild) {
    const outdir = join(ROOT, "bench/.build/child");
    // Split per dynamic import: each child still loads only the adapter (and packages) it measures.
    buildSync({
      entryPoints: [here("./child.ts")],
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node18",
      packages: "external",
      outdir,
      outExtension: { ".js": ".mjs" },
      logLevel: "error",
    });
    compiledChild = join(outdir, "child.mjs");
  }
  return [compiledChild];
}

/** Runs one measurement in a fresh process; never throws (a failure is a result with `error`). */
export function runChild(spec: ChildSpec, timeoutMs: number): Promise<ChildResult> {
  const command = childCommand();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--expose-gc", ...command, JSON.stringify(spec)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (line) return resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult);
      const why = signal === "SIGKILL" ? `timed out after ${timeoutMs / 1000} s` : `exited ${code ?? signal}`;
      resolve({ error: `${why}${err ? `: ${err.trim().split("\n").slice(-3).join(" ")}` : ""}`.slice(0, 400) });
    });
  });
}

export interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and times it (wall clock, spawn to exit). */
export function timed(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Timed> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - t0, code, stdout, stderr });
    });
  });
}
