// Where the CLI finds its key (--api-key, HOPX_API_KEY, the official CLI's ~/.hopx/credentials.yaml and
// config.yaml, by profile) and the guarantee that the key appears in no output, --debug included, even when
// a server echoes it back.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WebSocket } from "ws";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readSimpleYaml, resolveSettings } from "../../src/cli/credentials.js";
import { type ControlPlane, reply, runCli, sandboxRoutes, startControlPlane } from "../support/cli.js";
import { nextMessage, startWsServer, type WsTestServer } from "../support/ws-server.js";

const FILE_KEY = "hopx_live_FILEKEY00001.c2VjcmV0LWZyb20tZmlsZQ";
const WORK_KEY = "hopx_live_WORKKEY00002.d29yay1wcm9maWxl";
const ENV_KEY = "hopx_live_ENVKEY000003.ZW52aXJvbm1lbnQ";
const FLAG_KEY = "hopx_live_FLAGKEY00004.ZmxhZw";
/** A key in no known format, so only the CLI's and SDK's exact-value scrubbing can hide it. */
const ODD_KEY = "odd-key-4f1c9e77b2d84a0c";

let cp: ControlPlane;
let home: string;

beforeAll(async () => {
  cp = await startControlPlane();
  home = await mkdtemp(join(tmpdir(), "hopx-cli-home-"));
  await mkdir(join(home, ".hopx"));
  // What PyYAML / the `yaml` package write for the official CLI (quoted and plain scalars).
  await writeFile(
    join(home, ".hopx", "credentials.yaml"),
    `profiles:\n  default:\n    api_key: ${FILE_KEY}\n  work:\n    api_key: '${WORK_KEY}'\n    expires_at: null\n`,
  );
  await writeFile(
    join(home, ".hopx", "config.yaml"),
    `default_profile: default\nprofiles:\n  default:\n    base_url: ${cp.url}\n`,
  );
});
afterAll(async () => {
  await cp.close();
  await rm(home, { recursive: true, force: true });
});
beforeEach(() => {
  cp.seen.length = 0;
  cp.routes.clear();
  cp.routes.set("GET /v1/sandboxes", reply(200, { object: "list", data: [], has_more: false }));
});

const sentKey = (): string | string[] | undefined => cp.seen.at(-1)?.headers["x-api-key"];

describe("where the key comes from", () => {
  it("reads the official CLI's credentials file (and config.yaml's base_url), by profile", async () => {
    const r = await runCli(["sandbox", "list"], { env: { HOME: home } });
    expect(r.code).toBe(0);
    expect(sentKey()).toBe(FILE_KEY);
    await runCli(["sandbox", "list", "--profile", "work"], { env: { HOME: home } });
    expect(sentKey()).toBe(WORK_KEY);
    await runCli(["sandbox", "list"], { env: { HOME: home, HOPX_PROFILE: "work" } });
    expect(sentKey()).toBe(WORK_KEY);
  });

  it("prefers HOPX_API_KEY to the file, and --api-key to both", async () => {
    await runCli(["sandbox", "list"], { env: { HOME: home, HOPX_API_KEY: ENV_KEY } });
    expect(sentKey()).toBe(ENV_KEY);
    await runCli(["sandbox", "list", "--api-key", FLAG_KEY], { env: { HOME: home, HOPX_API_KEY: ENV_KEY } });
    expect(sentKey()).toBe(FLAG_KEY);
  });

  it("parses the files' YAML subset and JSON", () => {
    expect(readSimpleYaml('profiles:\n  default:\n    api_key: "a\\"b"  \n    # note\n  x: {}\n')).toEqual({
      profiles: { default: { api_key: 'a"b' }, x: {} },
    });
    expect(readSimpleYaml('{"profiles":{"default":{"api_key":"k"}}}')).toEqual({
      profiles: { default: { api_key: "k" } },
    });
    const settings = resolveSettings({}, {}, join(tmpdir(), "no-such-home"));
    expect(settings).toEqual({ apiKey: undefined, keySource: undefined, baseURL: undefined, profile: "default" });
  });
});

describe("the key never appears in any output", () => {
  let agent: WsTestServer;
  beforeAll(async () => {
    agent = await startWsServer();
  });
  afterAll(async () => {
    await agent.close();
  });

  it("even with --debug, when servers and code echo it", async () => {
    const echo = (req: { headers: Record<string, string | string[] | undefined> }) => String(req.headers["x-api-key"]);
    sandboxRoutes(cp, agent.url.replace(/^ws/, "http"));
    cp.routes.set("GET /v1/sandboxes", (req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": `req-${echo(req)}` });
      res.end(JSON.stringify({ object: "list", data: [{ id: "s1", status: "running", template_name: echo(req) }] }));
    });
    cp.routes.set("GET /v1/sandboxes/bad", (req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: `key ${echo(req)} is revoked`,
          code: "AUTHENTICATION_REQUIRED",
          request_id: echo(req),
        }),
      );
    });
    agent.script((ws: WebSocket) => {
      void nextMessage(ws).then(() => {
        ws.send(JSON.stringify({ type: "stdout", data: `the key is ${ODD_KEY}\n` }));
        ws.send(JSON.stringify({ type: "result", exit_code: 0 }));
        ws.send(JSON.stringify({ type: "complete", success: true }));
      });
    });
    const env = { HOPX_BASE_URL: cp.url };
    const runs = [
      await runCli(["sandbox", "list", "--debug", "--api-key", ODD_KEY], { env }),
      await runCli(["sandbox", "list", "--debug", "-o", "json"], { env: { ...env, HOPX_API_KEY: ODD_KEY } }),
      await runCli(["sandbox", "get", "bad", "--debug", "--api-key", ODD_KEY], { env }),
      await runCli(["run", "import os", "--debug", "--api-key", ODD_KEY], { env }),
      await runCli(["sandbox", "get", "bad", "--debug", "--api-key", FILE_KEY], { env }),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 3, 0, 3]);
    // The calls happened, carried the key, and --debug did log them.
    expect(cp.seen.filter((s) => s.headers["x-api-key"] === ODD_KEY).length).toBeGreaterThanOrEqual(5);
    for (const r of runs) expect(r.stderr).toContain("[hopx] debug");
    expect(runs[2]!.stderr).toMatch(/\n {4}at /);
    expect(runs[3]!.stdout).toBe("the key is [redacted]\n");
    for (const r of runs) {
      expect(r.stdout + r.stderr).not.toContain(ODD_KEY);
      expect(r.stdout + r.stderr).not.toContain(FILE_KEY);
    }
  });
});
