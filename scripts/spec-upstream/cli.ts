// npm run spec:upstream [--all] [--json]: what HopX's published specs (spec/upstream/) have that the curated specs
// lack or model differently, less what spec/DECISIONS.md explains; exits 1 on anything unexplained.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DECISIONS, EXCEPTIONS, formatVerdict, repoInputs, upstreamReport } from "./run.js";

const root = process.cwd();
const args = process.argv.slice(2);
const verdict = upstreamReport(
  repoInputs(root),
  readFileSync(join(root, EXCEPTIONS), "utf8"),
  readFileSync(join(root, DECISIONS), "utf8"),
);
console.log(
  args.includes("--json") ? JSON.stringify(verdict, null, 2) : formatVerdict(verdict, args.includes("--all")),
);
process.exitCode = verdict.unexplained.length > 0 || verdict.invalid.length > 0 ? 1 : 0;
