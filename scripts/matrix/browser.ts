// The Chromium cell: a page that loads the package's ESM build unbundled (an import map names its
// dependencies' ESM files) and runs flow.mjs, served from loopback proxies in front of the mock that add
// CORS (the agent is another origin) and report the result back by POST. Chromium runs headless with a
// fresh profile and no network but loopback.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";

export type Steps = Record<string, string>;

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".cjs": "text/javascript",
  ".json": "application/json",
  ".html": "text/html",
};

interface Proxy {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function cors(req: IncomingMessage): Record<string, string> {
  return {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    // A wildcard does not cover Authorization, so the requested headers are echoed.
    "access-control-allow-headers": String(req.headers["access-control-request-headers"] ?? "*"),
    "access-control-expose-headers": "*",
    "access-control-max-age": "600",
  };
}

/** A CORS-adding reverse proxy to `target`; `replace` rewrites response bodies (the agent's URL). */
async function startProxy(
  target: string,
  replace?: [string, string],
  local?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<Proxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    if (local?.(req, res)) return;
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors(req)).end();
      return;
    }
    const forward = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, origin: "" },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          let body = Buffer.concat(chunks);
          if (replace && /json|text/.test(String(answer.headers["content-type"] ?? "")))
            body = Buffer.from(body.toString("utf8").split(replace[0]).join(replace[1]), "utf8");
          const headers = { ...answer.headers, ...cors(req), "content-length": String(body.length) };
          delete headers["transfer-encoding"];
          res.writeHead(answer.statusCode ?? 502, headers).end(body);
        });
      },
    );
    forward.on("error", (err) => res.writeHead(502, cors(req)).end(String(err)));
    req.pipe(forward);
  });
  const url = await listen(server);
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The ESM file a bare specifier means, from the installed package's `exports` / `module` / `main`. */
function esmEntry(modules: string, name: string): string {
  const pkg = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")) as {
    exports?: Record<string, unknown>;
    module?: string;
    main?: string;
  };
  const root = pkg.exports?.["."];
  const pick = (value: unknown): string | undefined => {
    if (typeof value === "string") return value;
    if (value && typeof value === "object") {
      const v = value as Record<string, unknown>;
      return pick(v.browser) ?? pick(v.import) ?? pick(v.default);
    }
    return undefined;
  };
  const file = pick(root) ?? pkg.module ?? pkg.main ?? "index.js";
  return `/__matrix/pkg/${name}/${file.replace(/^\.\//, "")}`;
}

function page(modules: string): string {
  const deps = Object.keys(
    (JSON.parse(readFileSync(join(modules, "hopx-client/package.json"), "utf8")) as { dependencies?: object })
      .dependencies ?? {},
  );
  const imports = Object.fromEntries(deps.map((name) => [name, esmEntry(modules, name)]));
  return `<!doctype html><meta charset="utf-8"><title>hopx-client runtime matrix</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
const report = (steps) => fetch("/__matrix/report", { method: "POST", body: JSON.stringify(steps) });
addEventListener("unhandledrejection", (e) => report({ load: "fail: unhandled rejection " + e.reason }));
try {
  const sdk = await import("/__matrix/pkg/hopx-client/dist/index.js");
  const { flow } = await import("/__matrix/flow.mjs");
  await report({ load: "pass", ...(await flow(sdk, { baseURL: location.origin, browser: true })) });
} catch (err) {
  await report({ load: "fail: " + (err && err.stack || err) });
}
</script>`;
}

export interface BrowserCell {
  chromium: string;
  /** node_modules of the project the tarball was installed into. */
  modules: string;
  flowFile: string;
  controlPlaneUrl: string;
  agentUrl: string;
  timeoutMs: number;
}

/** Runs the flow in headless Chromium; resolves with its steps (or a failed "load" step). */
export async function runInChromium(cell: BrowserCell): Promise<Steps> {
  let settle!: (steps: Steps) => void;
  const done = new Promise<Steps>((resolve) => {
    settle = resolve;
  });
  const agent = await startProxy(cell.agentUrl);
  const local = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (!path.startsWith("/__matrix/")) return false;
    if (path === "/__matrix/report" && req.method === "POST") {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        res.writeHead(204).end();
        settle(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Steps);
      });
      return true;
    }
    let body: string | Buffer | undefined;
    let type = "text/javascript";
    if (path === "/__matrix/index.html") [body, type] = [page(cell.modules), "text/html"];
    else if (path === "/__matrix/flow.mjs") body = readFileSync(cell.flowFile);
    else if (path.startsWith("/__matrix/pkg/")) {
      const file = normalize(join(cell.modules, path.slice("/__matrix/pkg/".length)));
      if (file.startsWith(cell.modules + sep)) {
        try {
          body = readFileSync(file);
          type = TYPES[extname(file)] ?? "application/octet-stream";
        } catch {
          body = undefined;
        }
      }
    }
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
    return true;
  };
  const controlPlane = await startProxy(cell.controlPlaneUrl, [cell.agentUrl, agent.url], local);
  const profile = mkdtempSync(join(tmpdir(), "hopx-matrix-chromium-"));
  const browser = spawn(
    cell.chromium,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      `--user-data-dir=${profile}`,
      `${controlPlane.url}/__matrix/index.html`,
    ],
    { detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  browser.stderr?.on("data", (c: Buffer) => {
    stderr = (stderr + c.toString("utf8")).slice(-2000);
  });
  browser.on("exit", (code) => settle({ load: `fail: chromium exited (${code}) before reporting: ${stderr}` }));
  const timer = setTimeout(
    () => settle({ load: `fail: no report within ${cell.timeoutMs} ms: ${stderr.slice(-500)}` }),
    cell.timeoutMs,
  );
  try {
    return await done;
  } finally {
    clearTimeout(timer);
    browser.removeAllListeners("exit");
    // Chromium's helpers are in its process group.
    if (browser.pid !== undefined && browser.exitCode === null) {
      try {
        process.kill(-browser.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await Promise.all([controlPlane.close(), agent.close()]);
    rmSync(profile, { recursive: true, force: true });
  }
}
