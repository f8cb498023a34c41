// Runs the Redocly CLI (the one lint engine of the pipeline) and reads its JSON report.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { REDOCLY_CONFIG, ROOT } from "./project.js";

const BIN = resolve(ROOT, "node_modules", ".bin", "redocly");
const ENV = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

export function redocly(args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const run = spawnSync(BIN, [...args], { cwd: ROOT, env: ENV, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { status: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{
    ruleId: string;
    severity: string;
    message: string;
    location: Array<{ source: { ref: string }; pointer: string }>;
  }>;
}

/** Lints an API (by its name in redocly.yaml) or a file; throws listing every problem, warnings included. */
export function lint(target: string): void {
  const run = redocly(["lint", target, "--config", REDOCLY_CONFIG, "--format", "json", "--max-problems", "1000"]);
  let report: LintReport;
  try {
    report = JSON.parse(run.stdout) as LintReport;
  } catch {
    throw new Error(`redocly lint ${target} failed:\n${run.stderr || run.stdout}`);
  }
  const { errors, warnings } = report.totals;
  if (errors + warnings === 0 && run.status === 0) return;
  const lines = report.problems.map((p) => {
    const at = p.location[0];
    const where = at ? ` (${at.source.ref.replace(`${ROOT}/`, "")} ${at.pointer})` : "";
    return `  ${p.severity} ${p.ruleId}: ${p.message}${where}`;
  });
  throw new Error(`redocly lint ${target}: ${errors} errors, ${warnings} warnings\n${lines.join("\n")}`);
}
