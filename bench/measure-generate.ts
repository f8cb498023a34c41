// Workload g: `npm run generate` cold (a fresh copy of the project, so no turbo cache exists) and then
// cached (the same command again, nothing changed). Run in a temp copy: regenerating in place would rewrite
// generated/ and .turbo/ under the engineers working in this checkout.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, timed } from "./processes.js";

export interface GenerateResult {
  ok: boolean;
  coldMs?: number;
  cachedMs?: number;
  /** Per-task wall time of the cold run (ms), longest first. Tasks overlap: turbo runs independent ones in parallel. */
  tasks?: Array<[string, number]>;
  /** turbo's own summary line of the cached run ("Cached: n cached, n total"). */
  cachedSummary?: string;
  error?: string;
}

const SKIP = new Set(["node_modules", ".git", "dist", ".turbo", "bench", "coverage"]);

export async function measureGenerate(): Promise<GenerateResult> {
  const copy = mkdtempSync(join(tmpdir(), "hopx-generate-"));
  try {
    for (const entry of readdirSync(ROOT))
      if (!SKIP.has(entry)) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
    const run = (...extra: string[]) => timed("npm", ["run", "generate", ...extra], { cwd: copy, timeoutMs: 300_000 });
    // --summarize writes per-task timings (.turbo/runs/*.json): where the cold time goes.
    const cold = await run("--", "--summarize");
    if (cold.code !== 0)
      return {
        ok: false,
        error: `cold run failed: ${(cold.stderr || cold.stdout).trim().split("\n").slice(-4).join(" ").slice(0, 400)}`,
      };
    const cached = await run();
    if (cached.code !== 0)
      return { ok: false, coldMs: cold.ms, error: `cached run failed: ${cached.stderr.trim().slice(-300)}` };
    const summary = /Cached:\s+[^\n]*/.exec(cached.stdout)?.[0]?.trim();
    return {
      ok: true,
      coldMs: cold.ms,
      cachedMs: cached.ms,
      tasks: taskTimes(copy),
      ...(summary ? { cachedSummary: summary } : {}),
    };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function taskTimes(copy: string): Array<[string, number]> {
  const dir = join(copy, ".turbo/runs");
  if (!existsSync(dir)) return [];
  const file = readdirSync(dir).find((f) => f.endsWith(".json"));
  if (!file) return [];
  const summary = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
    tasks?: Array<{ taskId: string; execution?: { startTime: number; endTime: number } }>;
  };
  return (summary.tasks ?? [])
    .filter((t) => t.execution)
    .map((t) => [t.taskId.replace(/^\/\/#/, ""), t.execution!.endTime - t.execution!.startTime] as [string, number])
    .sort((a, b) => b[1] - a[1]);
}
