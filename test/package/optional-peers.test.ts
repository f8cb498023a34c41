// The optional peers (undici, https-proxy-agent, @opentelemetry/api) cost nothing to a user who has not
// configured a proxy or tracing: the built package imports none of them statically, and a call made without
// a proxy loads none; with HTTP_PROXY set, the same call loads undici (so the check can see a load).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type HopxMock } from "hopx-client/mock";
import { startProxy, type TestProxy } from "../support/proxy-server.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
const PEERS = /node_modules[\\/](undici|https-proxy-agent|@opentelemetry[\\/][^\\/]+)[\\/]/;

// Requires the built CommonJS entry, makes one call, and prints the optional peers in require.cache.
const SCRIPT = `
const { Hopx } = require(${JSON.stringify(join(root, "dist/index.cjs"))});
(async () => {
  await new Hopx({ baseURL: process.env.MOCK_URL, apiKey: process.env.MOCK_KEY, maxRetries: 0 }).sandboxes.list();
  const peers = Object.keys(require.cache).filter((p) => ${PEERS}.test(p));
  console.log(JSON.stringify([...new Set(peers.map((p) => ${PEERS}.exec(p)[1]))]));
})().catch((err) => { console.log(JSON.stringify({ failed: String(err), code: err.code })); });
`;

let mock: HopxMock;
let proxy: TestProxy;

beforeAll(async () => {
  if (!existsSync(join(root, "dist/index.cjs")))
    throw new Error("dist/ is missing: `npm test` builds it first (npm run build)");
  [mock, proxy] = await Promise.all([startMock(), startProxy()]);
});
afterAll(async () => {
  await Promise.all([mock?.stop(), proxy?.close()]);
});

async function peersLoaded(extraEnv: Record<string, string>, entry = join(root, "dist/index.cjs")): Promise<unknown> {
  const env: Record<string, string | undefined> = { ...process.env, MOCK_URL: mock.controlPlaneUrl };
  for (const name of ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NODE_USE_ENV_PROXY"]) delete env[name];
  const script = SCRIPT.replace(JSON.stringify(join(root, "dist/index.cjs")), JSON.stringify(entry));
  const { stdout } = await run(process.execPath, ["-e", script], {
    env: { ...env, MOCK_KEY: mock.apiKey, ...extraEnv },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim());
}

describe("optional peers", () => {
  it("are not imported statically by any built file", async () => {
    const files = (await readdir(join(root, "dist"), { recursive: true })).filter((f) => /\.(c?js)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = await readFile(join(root, "dist", file), "utf8");
      expect(text, file).not.toMatch(/(from\s*|require\()["'](undici|https-proxy-agent|@opentelemetry\/[^"']+)["']/);
    }
  });

  it("load nothing for a call without a proxy, and undici only once HTTP_PROXY applies", async () => {
    expect(await peersLoaded({})).toEqual([]);
    expect(await peersLoaded({ HTTP_PROXY: proxy.url })).toEqual(["undici"]);
    expect(proxy.hits.map((h) => new URL(h.target).pathname)).toEqual(["/v1/sandboxes"]);
  });

  it("name the install command when a proxy is configured and undici is not installed", async () => {
    // A copy of the package beside its dependencies only, as a clean install lays it out (no optional peer).
    const app = await mkdtemp(join(tmpdir(), "hopx-peers-"));
    try {
      const modules = join(app, "node_modules");
      await mkdir(join(modules, "hopx-client"), { recursive: true });
      await cp(join(root, "dist"), join(modules, "hopx-client/dist"), { recursive: true });
      await cp(join(root, "package.json"), join(modules, "hopx-client/package.json"));
      for (const dep of ["openapi-fetch", "openapi-typescript-helpers", "ws"])
        await symlink(join(root, "node_modules", dep), join(modules, dep), "dir");
      const entry = join(modules, "hopx-client/dist/index.cjs");
      expect(await peersLoaded({}, entry)).toEqual([]);
      const failed = await peersLoaded({ HTTP_PROXY: proxy.url }, entry);
      expect(failed).toMatchObject({
        code: "MISSING_DEPENDENCY",
        failed: expect.stringContaining("npm install undici"),
      });
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });
});
