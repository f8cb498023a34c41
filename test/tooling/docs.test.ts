// `npm run docs` (scripts/docs.ts): TypeDoc for the three entries and Redocly's reference for both specs,
// built with every process's network refused beyond loopback, into pages that load nothing from elsewhere.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { APIS, buildDocs, ROOT, remoteLoads } from "../../scripts/docs.js";

const scratch = mkdtempSync(join(tmpdir(), "hopx-docs-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm run docs", () => {
  it("builds the SDK reference and both API references offline, into pages that fetch nothing remote", () => {
    const out = join(scratch, "docs");
    const build = buildDocs(out);
    expect(build.files).toBeGreaterThan(50);
    expect(existsSync(join(out, "index.html"))).toBe(true);
    // One page per public class, entry and namespace users look up.
    for (const page of [
      "classes/hopx-client.Sandbox.html",
      "classes/hopx-client.Hopx.html",
      "classes/hopx-client_raw.StreamHandle.html",
      "modules/hopx-client.ControlPlane.html",
    ])
      expect(existsSync(join(out, "sdk", page)), page).toBe(true);
    const sandbox = readFileSync(join(out, "sdk/classes/hopx-client.Sandbox.html"), "utf8");
    expect(sandbox).toContain("runCode");
    for (const api of APIS) {
      const page = readFileSync(join(out, "api", `${api.name}.html`), "utf8");
      expect(page).toContain(api.title);
      expect(page).toContain('"disableTelemetry":true');
      expect(page).not.toContain("cdn.redoc.ly/redoc/logo");
      expect(remoteLoads(page)).toEqual([]);
    }
    expect(readFileSync(join(out, "api/control-plane.html"), "utf8")).toContain("createSandbox");
  }, 600_000);
});

describe("what the docs build refuses", () => {
  it("finds a page that would load Redoc from its CDN, a remote stylesheet, font or image", () => {
    const cdnPage = [
      '<link rel="modulepreload" href="https://cdn.redocly.com/redoc/v2/bundles/redoc.standalone.js" />',
      '<script type="module">import { hydrate } from "https://cdn.redocly.com/redoc/v2/bundles/redoc.standalone.js";',
      "</script><script src=//cdn.example.org/x.js></script>",
      "<style>@import url('https://fonts.googleapis.com/css?family=Roboto'); b{background:url(http://x.org/a.png)}",
      "</style>",
      'jsx("img",{alt:"logo",src:"https://cdn.redoc.ly/redoc/logo-mini.svg"})',
    ].join("\n");
    expect(remoteLoads(cdnPage).map((line) => line.split(":")[0])).toEqual([
      "script src",
      "link href",
      "css url()",
      "css url()",
      "css @import",
      "module import",
      "jsx src",
    ]);
    expect(remoteLoads('<a href="https://docs.hopx.ai">docs</a> <img src="data:,"> <script src="app.js">')).toEqual([]);
  });

  it("the offline guard refuses and logs a connection, even one that fetch makes", async () => {
    const server = createServer((_, res) => res.end("ok")).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    const log = join(scratch, "attempts.log");
    // HOPX_OFFLINE_GUARD=all refuses loopback too, so this sees a refusal without sending anything off the machine.
    const probe = spawnSync(
      process.execPath,
      [
        "--require",
        join(ROOT, "scripts/docs/offline-guard.cjs"),
        "-e",
        `fetch("http://127.0.0.1:${port}/").then(() => console.log("reached"), (e) => console.log(e.cause.code))`,
      ],
      { encoding: "utf8", env: { ...process.env, HOPX_OFFLINE_GUARD: "all", HOPX_OFFLINE_LOG: log } },
    );
    server.close();
    expect(probe.stdout.trim()).toBe("ECONNREFUSED");
    expect(readFileSync(log, "utf8")).toMatch(new RegExp(`^\\d+ connect 127\\.0\\.0\\.1:${port}\\n$`));
  });
});
