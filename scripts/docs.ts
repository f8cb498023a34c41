// `npm run docs`: the reference docs, built offline into docs/ (not committed; .gitignore):
//   docs/sdk/                 TypeDoc of the public entries (typedoc.json): hopx-client, /raw and /mock
//   docs/api/<api>.html       Redocly's HTML reference of each bundled spec (generated/<api>/openapi.json)
//   docs/index.html           links to the three
//
// Offline, twice over:
// - at build time every child process runs with scripts/docs/offline-guard.cjs preloaded, which refuses and
//   logs any connection or DNS lookup beyond loopback; a logged attempt fails the build. Redocly's telemetry
//   and update check are off (spec/redocly.yaml, REDOCLY_TELEMETRY, REDOCLY_SUPPRESS_UPDATE_NOTICE).
// - at view time the pages load nothing from elsewhere: Redoc's script is inlined (`--inlineBundle`, not
//   Redocly's CDN), its browser telemetry is disabled, and the build fails if any page or asset names a remote
//   script, stylesheet, font, image or module (`remoteLoads`); Redocly's logo, which Redoc would fetch from its
//   CDN, becomes an empty image. Plain hyperlinks (<a href>) are allowed.
//
// Usage: tsx scripts/docs.ts [--out <dir>]   (default docs/)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const APIS = [
  { name: "control-plane", title: "HopX Control Plane API" },
  { name: "vm-agent", title: "HopX VM Agent API" },
] as const;

const GUARD = join(ROOT, "scripts/docs/offline-guard.cjs");

/**
 * Redoc's sidebar shows Redocly's logo as an image from Redocly's CDN, fetched on every view once the page
 * has loaded. It points at an empty image instead (Redoc hides a logo that fails to load; the "API docs by"
 * link stays).
 */
const REDOC_CDN_IMAGES = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];

/** Where a page or asset would fetch something from another host when opened (file and reason). */
export function remoteLoads(text: string): string[] {
  const remote = "(?:https?:)?//";
  const rules: [string, RegExp][] = [
    ["script src", new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*["']?${remote}`, "gi")],
    ["link href", new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*["']?${remote}`, "gi")],
    [
      "img/source src",
      new RegExp(String.raw`<(?:img|source|iframe|embed|video|audio)\b[^>]*\bsrc\s*=\s*["']?${remote}`, "gi"),
    ],
    ["css url()", new RegExp(String.raw`url\(\s*["']?${remote}`, "gi")],
    ["css @import", new RegExp(String.raw`@import\s+(?:url\()?\s*["']?${remote}`, "gi")],
    ["module import", new RegExp(String.raw`(?:\bfrom\s*|\bimport\s*\(\s*)["']${remote}`, "gi")],
    // What React code compiles an <img src="https://…"> to.
    ["jsx src", new RegExp(String.raw`\bsrc\s*:\s*[\`"']${remote}`, "g")],
  ];
  return rules.flatMap(([what, rule]) => [...text.matchAll(rule)].map((m) => `${what}: ${m[0].slice(0, 120)}`));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function run(label: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`${label} failed (exit ${result.status ?? result.signal})`);
  }
  return seconds;
}

const INDEX = (sizes: string[]): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>hopx-client reference</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem}</style></head>
<body>
<h1>hopx-client reference</h1>
<ul>
<li><a href="sdk/index.html">SDK (TypeDoc)</a>: <code>hopx-client</code>, <code>hopx-client/raw</code>,
<code>hopx-client/mock</code></li>
${APIS.map((api) => `<li><a href="api/${api.name}.html">${api.title}</a> (Redoc, bundled spec)</li>`).join("\n")}
</ul>
<p>${sizes.join(", ")}</p>
</body>
</html>
`;

export interface DocsBuild {
  out: string;
  seconds: { typedoc: number; redocly: number; total: number };
  files: number;
}

export function buildDocs(out = join(ROOT, "docs")): DocsBuild {
  const started = performance.now();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "api"), { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), "hopx-docs-"));
  const attempts = join(scratch, "network-attempts.log");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${JSON.stringify(GUARD)}`].filter(Boolean).join(" "),
    HOPX_OFFLINE_LOG: attempts,
    REDOCLY_TELEMETRY: "off",
    REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
    NO_UPDATE_NOTIFIER: "1",
  };
  try {
    const typedoc = run(
      "typedoc",
      [join(ROOT, "node_modules/typedoc/bin/typedoc"), "--options", "typedoc.json", "--out", join(out, "sdk")],
      env,
    );
    let redocly = 0;
    for (const api of APIS)
      redocly += run(
        `redocly build-docs ${api.name}`,
        [
          join(ROOT, "node_modules/@redocly/cli/bin/cli.js"),
          "build-docs",
          `generated/${api.name}/openapi.json`,
          "--config",
          "spec/redocly.yaml",
          "--inlineBundle",
          "--title",
          api.title,
          "--output",
          join(out, "api", `${api.name}.html`),
        ],
        env,
      );

    const tried = (() => {
      try {
        return readFileSync(attempts, "utf8").trim();
      } catch {
        return "";
      }
    })();
    if (tried) throw new Error(`the docs build tried to reach the network:\n${tried}`);

    const problems: string[] = [];
    for (const api of APIS) {
      const path = join(out, "api", `${api.name}.html`);
      let page = readFileSync(path, "utf8");
      for (const image of REDOC_CDN_IMAGES) page = page.replaceAll(image, "data:,");
      writeFileSync(path, page);
      if (!page.includes('"disableTelemetry":true')) problems.push(`api/${api.name}.html: Redoc telemetry is not off`);
    }
    const built = files(out).filter((path) => /\.(html|js|css)$/.test(path));
    for (const path of built)
      for (const load of remoteLoads(readFileSync(path, "utf8"))) problems.push(`${relative(out, path)}: ${load}`);
    if (problems.length > 0) throw new Error(`the docs would load from the network:\n${problems.join("\n")}`);

    const size = (path: string): string => `${(statSync(join(out, path)).size / 1024).toFixed(0)} KiB`;
    writeFileSync(
      join(out, "index.html"),
      INDEX(APIS.map((api) => `api/${api.name}.html ${size(`api/${api.name}.html`)}`)),
    );
    return {
      out,
      seconds: { typedoc, redocly, total: (performance.now() - started) / 1000 },
      files: files(out).length,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--out");
  const out = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]!) : join(ROOT, "docs");
  const { seconds, files: count } = buildDocs(out);
  console.log(
    `docs: ${count} files in ${relative(process.cwd(), out) || "."} ` +
      `(TypeDoc ${seconds.typedoc.toFixed(1)} s, Redocly ${seconds.redocly.toFixed(1)} s, ` +
      `total ${seconds.total.toFixed(1)} s), no network used, nothing loaded from elsewhere when opened`,
  );
}
