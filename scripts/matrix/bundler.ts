// The bundler cell of `npm run matrix`: an app that imports only `{ Sandbox }` from the installed package,
// bundled by webpack in production mode (tree shaking on, trusting `"sideEffects": false`), then run: the
// static shortcut must find its default client lazily and create a sandbox on the mock. A package that wired
// its default client by a call at import time would lose that call here.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import webpack from "webpack";
import type { Steps } from "./browser.js";

const execFileP = promisify(execFile);

/** The steps this cell checks; the flow's others do not apply to it. */
export const BUNDLER_STEPS = ["load", "create", "kill"] as const;

const APP = `import { Sandbox } from "hopx-client";

const steps = { load: "pass" };
try {
  const sandbox = await Sandbox.create({ template: "code-interpreter" });
  steps.create = typeof sandbox.sandboxId === "string" ? "pass" : "fail: no sandbox id";
  await sandbox.kill();
  steps.kill = "pass";
} catch (err) {
  steps[steps.create ? "kill" : "create"] = "fail: " + (err && err.name) + ": " + (err && err.message);
}
console.log("MATRIX " + JSON.stringify(steps));
`;

function bundle(app: string): Promise<string> {
  const entry = join(app, "bundled-app.mjs");
  writeFileSync(entry, APP);
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: "production",
        target: "node18",
        context: app,
        entry,
        output: { path: join(app, "bundle"), filename: "app.mjs", module: true, chunkFormat: "module" },
        experiments: { outputModule: true },
        resolve: { modules: [join(app, "node_modules")] },
        // One file: the run proves the bundle alone works, with no chunk left to load from disk.
        plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
      },
      (err, stats) => {
        if (err) return reject(err);
        if (stats?.hasErrors()) return reject(new Error(stats.toString("errors-only").slice(0, 1500)));
        resolve(join(app, "bundle", "app.mjs"));
      },
    );
  });
}

/** Bundles and runs the app in this Node against a running mock; the app's "MATRIX {...}" line is the result. */
export async function runBundled(app: string, controlPlaneUrl: string, timeoutMs: number): Promise<Steps> {
  let file: string;
  try {
    file = await bundle(app);
  } catch (err) {
    return { load: `fail: webpack: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    const env = { ...process.env, HOPX_BASE_URL: controlPlaneUrl, HOPX_API_KEY: "hopx_test_matrix00000000.bundled" };
    const { stdout } = await execFileP(process.execPath, [file], { cwd: app, env, timeout: timeoutMs });
    const line = stdout
      .split("\n")
      .reverse()
      .find((l) => l.startsWith("MATRIX "));
    return line ? (JSON.parse(line.slice("MATRIX ".length)) as Steps) : { load: `fail: no result: ${stdout}` };
  } catch (err) {
    return { load: `fail: ${err instanceof Error ? err.message.slice(-600) : String(err)}` };
  }
}
