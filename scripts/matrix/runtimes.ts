// Where each runtime of the matrix comes from: Node 18–24, Bun and Deno from the npm registry through npx
// (its cache under ~/.npm/_npx keeps each download for the rest of the run, and for later runs), Chromium
// from Debian (.ci/run installs it). Each resolves to the path of one executable, spawned directly.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);

export type RuntimeName = "node18" | "node20" | "node22" | "node24" | "bun" | "deno" | "chromium" | "webpack";

export interface Runtime {
  name: RuntimeName;
  /** The executable, or why there is none. */
  bin?: string;
  version?: string;
  error?: string;
}

/** `npx -y -p <pkg> <command...>`'s stdout, run where no package.json can interfere. */
async function npx(cwd: string, pkg: string, command: string[]): Promise<string> {
  const { stdout } = await run("npx", ["-y", "-p", pkg, ...command], {
    cwd,
    timeout: 300_000,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" },
  });
  return stdout.trim();
}

async function resolveOne(name: RuntimeName, cwd: string): Promise<Runtime> {
  try {
    if (name === "chromium") {
      const bin = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
      if (!bin) return { name, error: "not installed (.ci/run installs Debian's chromium package)" };
      const { stdout } = await run(bin, ["--version"], { timeout: 30_000 });
      return { name, bin, version: stdout.trim() };
    }
    if (name === "webpack") {
      // Bundled by our own devDependency, run by the Node running this script.
      const { createRequire } = await import("node:module");
      const { version } = createRequire(import.meta.url)("webpack/package.json") as { version: string };
      return { name, bin: process.execPath, version: `webpack ${version}` };
    }
    if (name === "bun") {
      const bin = await npx(cwd, "bun@1", ["bun", "-e", "console.log(process.execPath)"]);
      return { name, bin, version: (await run(bin, ["--version"])).stdout.trim() };
    }
    if (name === "deno") {
      const bin = await npx(cwd, "deno@2", ["deno", "eval", "console.log(Deno.execPath())"]);
      return { name, bin, version: (await run(bin, ["--version"])).stdout.split("\n")[0]!.trim() };
    }
    const major = name.slice(4);
    // The Node running this script serves its own major; the others come from the `node` package.
    const bin =
      process.versions.node.split(".")[0] === major
        ? process.execPath
        : await npx(cwd, `node@${major}`, ["node", "-p", "process.execPath"]);
    return { name, bin, version: (await run(bin, ["--version"])).stdout.trim() };
  } catch (err) {
    const detail = err instanceof Error ? err.message.split("\n").slice(0, 3).join(" ") : String(err);
    return { name, error: detail.slice(0, 300) };
  }
}

/** All runtimes, downloads in parallel (network-bound, not CPU-bound). */
export function resolveRuntimes(names: RuntimeName[], cwd: string): Promise<Runtime[]> {
  return Promise.all(names.map((name) => resolveOne(name, cwd)));
}
