// `npm run matrix`: the packed package in every runtime we support. Builds (unless --no-build) and packs the
// package, installs the tarball into a temp project, then runs flow.mjs in Node 18/20/22/24, Bun and Deno,
// each in ESM and CommonJS (each cell starts its own mock through `hopx-client/mock`, loaded the same way),
// in headless Chromium (the ESM build, unbundled, against a mock this script starts from the install), and
// as a webpack bundle of an app importing only `{ Sandbox }` (bundler.ts, against that mock), two cells at a
// time. Prints a table; exits 1 if any cell failed.
// --skip=chromium,deno leaves runtimes out (they are then marked skipped, and nothing fails for them).
// One more cell, Node 22 ESM with HTTP_PROXY, runs the flow through a loopback proxy that must see it all.
import { execFile, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { runInChromium, type Steps } from "./browser.js";
import { BUNDLER_STEPS, runBundled } from "./bundler.js";
import { resolveRuntimes, type Runtime, type RuntimeName } from "./runtimes.js";
import { startProxy, type TestProxy } from "../../test/support/proxy-server.js";

const execFileP = promisify(execFile);
const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "../..");
const FLOW = join(ROOT, "scripts/matrix/flow.mjs");
const STEPS = ["load", "create", "runCode", "write+read", "stream", "list", "kill"] as const;
const RUNTIMES: RuntimeName[] = ["node18", "node20", "node22", "node24", "bun", "deno", "chromium", "webpack"];
const CELL_TIMEOUT_MS = 90_000;

const args = process.argv.slice(2);
const skip = new Set(
  args
    .filter((a) => a.startsWith("--skip="))
    .flatMap((a) => a.slice("--skip=".length).split(","))
    .filter(Boolean),
);
const started = performance.now();
const seconds = (): string => ((performance.now() - started) / 1000).toFixed(1);
const log = (line: string): void => {
  process.stderr.write(`[matrix ${seconds()}s] ${line}\n`);
};

interface Cell {
  runtime: Runtime;
  format: "esm" | "cjs";
  /** The proxied cell: HTTP_PROXY points at the matrix's loopback proxy. */
  proxied?: boolean;
  steps: Steps;
  ms: number;
}

/**
 * The test app's two entries: the package and its mock loaded by `import` or by `require()`, a mock of
 * their own started through that entry, then the same flow against it.
 */
const APP_BODY = `let load = "pass";
const mock = await startMock().catch((err) => {
  load = "fail: startMock() from hopx-client/mock: " + (err && err.message);
});
const steps = mock ? await flow(sdk, { baseURL: mock.controlPlaneUrl }) : {};
await mock?.stop();
console.log("MATRIX " + JSON.stringify({ load, ...steps }));
process.exit(0);
`;
const ESM_APP = `import * as sdk from "hopx-client";
import { startMock } from "hopx-client/mock";
import { flow } from "./flow.mjs";
${APP_BODY}`;
// CommonJS has no top-level await: the same body inside an async function.
const CJS_APP = `const sdk = require("hopx-client");
const { startMock } = require("hopx-client/mock");
(async () => {
const { flow } = await import("./flow.mjs");
${APP_BODY}})();
`;

async function sh(command: string, argv: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileP(command, argv, { cwd, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${command} ${argv.join(" ")} failed: ${(e.stderr || e.message).trim().slice(-1500)}`);
  }
}

/** Build, pack, and install the tarball into a fresh project; returns the project's directory. */
async function install(work: string): Promise<string> {
  if (!args.includes("--no-build")) {
    log("npm run build");
    await sh("npm", ["run", "build"], ROOT);
  }
  const packed = JSON.parse(
    await sh("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], ROOT),
  ) as Array<{ filename: string; size: number }>;
  const tarball = join(work, packed[0]!.filename);
  log(`packed ${packed[0]!.filename} (${(packed[0]!.size / 1000).toFixed(1)} kB)`);
  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "hopx-matrix-app", private: true }));
  await sh(
    "npm",
    ["install", tarball, "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--no-package-lock"],
    app,
  );
  // The mock's optional peer (Prism, ~87 MB) is not installed again: the project borrows ours, and so
  // the proxy's optional peers (used by the proxied cell only; the others never load them).
  for (const peer of ["@stoplight", "undici", "https-proxy-agent"])
    symlinkSync(join(ROOT, "node_modules", peer), join(app, "node_modules", peer), "dir");
  copyFileSync(FLOW, join(app, "flow.mjs"));
  writeFileSync(join(app, "app.mjs"), ESM_APP);
  writeFileSync(join(app, "app.cjs"), CJS_APP);
  log("installed the tarball into a temp project");
  return app;
}

function command(runtime: Runtime, file: string): string[] {
  if (runtime.name === "deno") return [runtime.bin!, "run", "-A", "--no-lock", "--quiet", file];
  return [runtime.bin!, file];
}

/** One process: the app entry in that runtime, with its own mock; its last "MATRIX {...}" line is the result. */
function runProcess(runtime: Runtime, format: "esm" | "cjs", app: string, proxy?: TestProxy): Promise<Steps> {
  const [bin, ...argv] = command(runtime, format === "esm" ? "app.mjs" : "app.cjs");
  return new Promise((done) => {
    const child = spawn(bin!, argv, {
      cwd: app,
      env: {
        ...process.env,
        DENO_NO_UPDATE_CHECK: "1",
        DENO_NO_PROMPT: "1",
        ...(proxy ? { HTTP_PROXY: proxy.url } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      err = (err + c.toString("utf8")).slice(-3000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), CELL_TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = out
        .split("\n")
        .reverse()
        .find((l) => l.startsWith("MATRIX "));
      if (line) return done(JSON.parse(line.slice("MATRIX ".length)) as Steps);
      const why = signal === "SIGKILL" ? `timed out after ${CELL_TIMEOUT_MS} ms` : `exited ${code}`;
      done({ load: `fail: ${why}: ${(err || out).trim().replace(/\s+/g, " ").slice(-600)}` });
    });
  });
}

/** Runs tasks `width` at a time, in order. */
async function pool<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}

/** The proxied cell's own step: the proxy carried HTTP calls in absolute form and the agent WebSocket's tunnel. */
function proxyStep(proxy: TestProxy): string {
  const kinds = new Set(proxy.hits.map((h) => h.kind));
  return kinds.has("absolute") && kinds.has("connect")
    ? "pass"
    : `fail: the proxy saw ${JSON.stringify(proxy.hits.map((h) => `${h.kind} ${h.target}`))}`;
}

const verdict = (steps: Steps): "pass" | "refused" | "fail" => {
  const values = [...STEPS, "proxy"].map((s) => steps[s] ?? (s === "proxy" ? "-" : "fail: not run"));
  if (values.some((v) => v.startsWith("fail"))) return "fail";
  return values.includes("refused") ? "refused" : "pass";
};

function table(cells: Cell[], skipped: RuntimeName[]): string {
  const head = ["runtime", "format", ...STEPS, "proxy", "result", "time"];
  const rows = cells.map((c) => {
    const v = verdict(c.steps);
    return [
      `${c.runtime.name}${c.runtime.version ? ` ${/\d+(\.\d+)+/.exec(c.runtime.version)?.[0] ?? ""}` : ""}`,
      (c.format === "cjs"
        ? "cjs"
        : c.runtime.name === "chromium"
          ? "esm (browser)"
          : c.runtime.name === "webpack"
            ? "esm (bundled)"
            : "esm") + (c.proxied ? " + HTTP_PROXY" : ""),
      ...[...STEPS, "proxy"].map((s) => {
        const value = c.steps[s] ?? (s === "proxy" ? "-" : "fail: not run");
        return value.startsWith("fail") ? "FAIL" : value;
      }),
      v === "pass" ? "pass" : v === "refused" ? "pass (ws refused by design)" : "FAIL",
      `${(c.ms / 1000).toFixed(1)}s`,
    ];
  });
  for (const name of skipped) rows.push([name, "-", ...STEPS.map(() => "-"), "-", "skipped (--skip)", "-"]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

interface RunningMock {
  controlPlaneUrl: string;
  agentUrl: string;
  stop(): Promise<void>;
}

/** `startMock()` from the installed package's `hopx-client/mock` (its ESM file, as `exports` names it). */
async function startInstalledMock(modules: string): Promise<RunningMock> {
  const entry = JSON.parse(readFileSync(join(modules, "hopx-client/package.json"), "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const file = join(modules, "hopx-client", entry.exports["./mock"]!.import.default);
  const { startMock } = (await import(pathToFileURL(file).href)) as { startMock: () => Promise<RunningMock> };
  const mock = await startMock();
  log(`mock for the browser, from the installed package: ${mock.controlPlaneUrl} (agent ${mock.agentUrl})`);
  return mock;
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), "hopx-matrix-"));
  const wanted = RUNTIMES.filter((r) => !skip.has(r));
  try {
    // Downloads (network) and the build (CPU) overlap.
    const runtimesP = resolveRuntimes(wanted, work).then((r) => {
      log(`runtimes: ${r.map((x) => `${x.name} ${x.version ?? `unavailable (${x.error})`}`).join(", ")}`);
      return r;
    });
    const [app, runtimes] = await Promise.all([install(work), runtimesP]);
    const modules = join(app, "node_modules");
    // The mock of the browser and bundler cells: they cannot start one, so this process does, from the install.
    const mock = runtimes.some((r) => (r.name === "chromium" || r.name === "webpack") && r.bin)
      ? await startInstalledMock(modules)
      : undefined;
    const proxy = await startProxy();
    try {
      const tasks: Array<() => Promise<Cell>> = [];
      for (const runtime of runtimes) {
        const formats: Array<"esm" | "cjs"> =
          runtime.name === "chromium" || runtime.name === "webpack" ? ["esm"] : ["esm", "cjs"];
        for (const format of formats)
          tasks.push(async () => {
            const t0 = performance.now();
            let steps: Steps;
            if (!runtime.bin) steps = { load: `fail: runtime unavailable: ${runtime.error}` };
            else if (runtime.name === "chromium")
              steps = await runInChromium({
                chromium: runtime.bin,
                modules,
                flowFile: join(app, "flow.mjs"),
                controlPlaneUrl: mock!.controlPlaneUrl,
                agentUrl: mock!.agentUrl,
                timeoutMs: CELL_TIMEOUT_MS,
              });
            else if (runtime.name === "webpack") {
              steps = await runBundled(app, mock!.controlPlaneUrl, CELL_TIMEOUT_MS);
              for (const s of STEPS) if (!(BUNDLER_STEPS as readonly string[]).includes(s)) steps[s] ??= "n/a";
            } else steps = await runProcess(runtime, format, app);
            const cell: Cell = { runtime, format, steps, ms: performance.now() - t0 };
            log(`${runtime.name} ${format}: ${verdict(steps)}`);
            return cell;
          });
      }
      const node22 = runtimes.find((r) => r.name === "node22");
      if (node22)
        tasks.push(async () => {
          const t0 = performance.now();
          const steps = node22.bin
            ? await runProcess(node22, "esm", app, proxy)
            : { load: `fail: runtime unavailable: ${node22.error}` };
          if (node22.bin) steps.proxy = proxyStep(proxy);
          log(`node22 esm + HTTP_PROXY: ${verdict(steps)}`);
          return { runtime: node22, format: "esm", proxied: true, steps, ms: performance.now() - t0 };
        });
      const cells = await pool(tasks, Math.max(1, Math.min(4, availableParallelism())));
      const failed = cells.filter((c) => verdict(c.steps) === "fail");
      process.stdout.write(
        `\nRuntime matrix (packed tarball, against the mock)\n\n${table(cells, [...skip] as RuntimeName[])}\n`,
      );
      for (const c of cells.filter((x) => verdict(x.steps) === "refused"))
        process.stdout.write(
          `\n${c.runtime.name}: the agent WebSocket stream is refused by design with WEBSOCKET_AUTH_UNSUPPORTED ` +
            "(browsers cannot send the agent's Authorization header; see README, Runtimes).\n",
        );
      for (const c of failed)
        for (const [step, value] of Object.entries(c.steps))
          if (value.startsWith("fail")) process.stdout.write(`\n${c.runtime.name} ${c.format} ${step}: ${value}\n`);
      process.stdout.write(`\n${cells.length - failed.length}/${cells.length} cells green in ${seconds()} s\n`);
      return failed.length === 0 ? 0 : 1;
    } finally {
      await Promise.all([mock?.stop(), proxy.close()]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`matrix: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
});
