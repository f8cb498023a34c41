// Workloads e–f: the built package (tsup into bench/.build/dist, so the shared dist/ is never touched):
// cold import against the official SDK, esbuild bundle sizes for node and browser, clean-install footprint.
import { build, type BuildFailure } from "esbuild";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { BenchConfig } from "./config.js";
import { ROOT, timed } from "./processes.js";
import { median } from "./stats.js";

const BUILD_DIR = join(ROOT, "bench/.build");
export const DIST_ENTRY = join(BUILD_DIR, "dist/index.js");
/** The raw entry of the same build: what the hopx-client adapter of a–d loads in a full run. */
export const RAW_ENTRY = join(BUILD_DIR, "dist/raw.js");
/** What `import "@hopx-ai/sdk"` resolves to (its ESM entry). */
const OFFICIAL_ENTRY = join(ROOT, "node_modules/@hopx-ai/sdk/dist/index.mjs");

export interface BuildResult {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface ImportResult {
  /** Median ms spent in `await import(entry)` in a fresh node process. */
  importMs: Record<string, number>;
  /** Median ms from spawn to exit of that process (node's own startup included). */
  processMs: Record<string, number>;
  /** import time of hopx-client over the official SDK's. */
  ratio: number;
  rounds: number;
  error?: string;
}

export interface BundleResult {
  package: string;
  platform: "node" | "browser";
  ok: boolean;
  minBytes?: number;
  /** All chunks, lazily imported ones included (the whole SDK). */
  gzipBytes?: number;
  /** The entry chunk alone (what an import loads before any dynamic import). */
  entryGzipBytes?: number;
  /** Bytes per input package (minified output attribution from the metafile), largest first. */
  largest?: Array<[string, number]>;
  error?: string;
}

export interface InstallResult {
  ok: boolean;
  packages?: number;
  bytes?: number;
  tarballBytes?: number;
  names?: string[];
  /** Biggest files of the packed tarball, to show what would shrink it. */
  tarballLargest?: Array<[string, number]>;
  error?: string;
}

export async function buildPackage(): Promise<BuildResult> {
  rmSync(join(BUILD_DIR, "dist"), { recursive: true, force: true });
  const tsup = await timed(
    process.execPath,
    [join(ROOT, "node_modules/tsup/dist/cli-default.js"), "--out-dir", join(BUILD_DIR, "dist")],
    { timeoutMs: 180_000 },
  );
  // The same post-build step as `npm run build` (CJS declaration stubs, minified mock specs).
  const post =
    tsup.code === 0
      ? await timed(
          process.execPath,
          [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/postbuild.ts"), join(BUILD_DIR, "dist")],
          { timeoutMs: 60_000 },
        )
      : tsup;
  const r = { ...post, ms: tsup.ms + (post === tsup ? 0 : post.ms) };
  const ok = r.code === 0 && existsSync(DIST_ENTRY);
  return {
    ok,
    ms: r.ms,
    ...(ok ? {} : { error: (r.stderr || r.stdout).trim().split("\n").slice(-5).join(" ").slice(0, 500) }),
  };
}

export async function coldImport(config: BenchConfig): Promise<ImportResult> {
  const entries = { hopx: DIST_ENTRY, official: OFFICIAL_ENTRY };
  const samples: Record<string, number[]> = { hopx: [], official: [] };
  const wall: Record<string, number[]> = { hopx: [], official: [] };
  let error: string | undefined;
  for (let round = 0; round < config.importRounds; round++) {
    const order = round % 2 ? (["official", "hopx"] as const) : (["hopx", "official"] as const);
    for (const id of order) {
      const url = pathToFileURL(entries[id]).href;
      const script = `const t=performance.now();import(${JSON.stringify(url)}).then(()=>process.stdout.write(String(performance.now()-t)))`;
      const r = await timed(process.execPath, ["-e", script], { timeoutMs: 30_000 });
      if (r.code !== 0) error ??= `${id}: ${r.stderr.trim().split("\n").slice(-2).join(" ")}`;
      else {
        samples[id]!.push(Number(r.stdout));
        wall[id]!.push(r.ms);
      }
    }
  }
  const importMs = { hopx: median(samples.hopx!), official: median(samples.official!) };
  return {
    importMs,
    processMs: { hopx: median(wall.hopx!), official: median(wall.official!) },
    ratio: importMs.hopx / importMs.official,
    rounds: config.importRounds,
    ...(error ? { error } : {}),
  };
}

/** Package name of a metafile input path (node_modules/<pkg>/… or our own source). */
function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m ? m[1]! : "hopx-client";
}

export async function bundleSizes(): Promise<BundleResult[]> {
  const results: BundleResult[] = [];
  const targets = [
    { package: "hopx-client", entry: DIST_ENTRY },
    { package: "@hopx-ai/sdk", entry: OFFICIAL_ENTRY },
  ];
  for (const t of targets) {
    for (const platform of ["node", "browser"] as const) {
      try {
        // Everything bundled (dependencies included): what an application actually ships.
        const out = await build({
          entryPoints: [t.entry],
          bundle: true,
          minify: true,
          format: "esm",
          platform,
          write: false,
          metafile: true,
          logLevel: "silent",
          absWorkingDir: ROOT,
          outdir: join(BUILD_DIR, "esbuild"),
          splitting: true,
        });
        const js = out.outputFiles.filter((f) => f.path.endsWith(".js"));
        const min = js.reduce((n, f) => n + f.contents.length, 0);
        const gzip = js.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0);
        const byPackage = new Map<string, number>();
        for (const output of Object.values(out.metafile.outputs)) {
          for (const [input, info] of Object.entries(output.inputs))
            byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + info.bytesInOutput);
        }
        const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6);
        // The entry chunk is what loads up front; the rest are dynamic imports (e.g. ws, node-only helpers).
        const entryPath = Object.entries(out.metafile.outputs).find(([, o]) => o.entryPoint)?.[0];
        const entry = js.find((f) => entryPath && f.path.endsWith(entryPath.replace(/^.*\//, "/")));
        const entryGzipBytes = entry ? gzipSync(entry.contents, { level: 9 }).length : undefined;
        results.push({
          package: t.package,
          platform,
          ok: true,
          minBytes: min,
          gzipBytes: gzip,
          entryGzipBytes,
          largest,
        });
      } catch (err) {
        const errors = (err as BuildFailure).errors ?? [];
        const text = errors.length
          ? errors
              .slice(0, 4)
              .map((e) => `${e.location?.file ?? ""}: ${e.text}`)
              .join("; ")
          : String(err);
        results.push({
          package: t.package,
          platform,
          ok: false,
          error: `${errors.length || 1} error(s): ${text}`.slice(0, 600),
        });
      }
    }
  }
  return results;
}

function countTree(dir: string): { bytes: number; packages: string[] } {
  let bytes = 0;
  const packages: string[] = [];
  const walk = (d: string, inNodeModules: boolean): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        if (
          inNodeModules &&
          entry.name !== ".bin" &&
          !entry.name.startsWith("@") &&
          existsSync(join(p, "package.json"))
        )
          packages.push(p.slice(p.lastIndexOf("node_modules/") + 13));
        walk(p, entry.name === "node_modules" || (inNodeModules && entry.name.startsWith("@")));
      } else if (entry.isFile()) bytes += statSync(p).size;
    }
  };
  walk(dir, true);
  return { bytes, packages };
}

/**
 * `npm pack` of a staging copy (package.json + the fresh build + the published JSON files), then
 * `npm install --omit=dev --ignore-scripts` of the tarball into an empty project: what a user gets.
 */
export async function cleanInstall(): Promise<InstallResult> {
  const work = mkdtempSync(join(tmpdir(), "hopx-install-"));
  try {
    const stage = join(work, "stage");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[] };
    mkdirSync(stage);
    writeFileSync(join(stage, "package.json"), JSON.stringify(pkg, null, 2));
    cpSync(join(BUILD_DIR, "dist"), join(stage, "dist"), { recursive: true });
    for (const f of pkg.files.filter((f) => f !== "dist"))
      if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(stage, f), { recursive: true });
    if (existsSync(join(ROOT, "README.md"))) cpSync(join(ROOT, "README.md"), join(stage, "README.md"));
    const pack = await timed("npm", ["pack", "--json", "--pack-destination", work, "--ignore-scripts"], {
      cwd: stage,
      timeoutMs: 60_000,
    });
    if (pack.code !== 0) return { ok: false, error: `npm pack: ${pack.stderr.trim().slice(-300)}` };
    const packed = (
      JSON.parse(pack.stdout) as Array<{ filename: string; size: number; files: Array<{ path: string; size: number }> }>
    )[0]!;
    const tarballLargest = packed.files
      .map((f) => [f.path, f.size] as [string, number])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6);
    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({ name: "install-probe", version: "0.0.0", private: true }),
    );
    const install = await timed(
      "npm",
      [
        "install",
        "--omit=dev",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        join(work, packed.filename),
      ],
      { cwd: app, timeoutMs: 180_000 },
    );
    if (install.code !== 0) return { ok: false, error: `npm install: ${install.stderr.trim().slice(-300)}` };
    const { bytes, packages } = countTree(join(app, "node_modules"));
    return {
      ok: true,
      packages: packages.length,
      bytes,
      tarballBytes: packed.size,
      names: packages.sort(),
      tarballLargest,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Resolves a package's installed version (for the report's context lines). */
export function versionOf(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "?";
  }
}
