// npm run spec:diff [base] [head] [--json]: every change to the bundled specs between two refs (head defaults to
// the working tree), the bump it demands, and a non-zero exit when the declared version bump is lower.
import { WORKTREE } from "./git.js";
import { formatReport, runSpecDiff } from "./run.js";

const args = process.argv.slice(2);
const asJson = args.includes("--json");
const [base, head] = args.filter((a) => !a.startsWith("--"));
try {
  const result = runSpecDiff(process.cwd(), base, head ?? WORKTREE);
  console.log(asJson ? JSON.stringify(result, null, 2) : formatReport(result));
  process.exitCode = result.check.ok ? 0 : 1;
} catch (error) {
  console.error(`spec:diff: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
