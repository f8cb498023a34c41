// npm run spec:upstream [--all] [--json] [--generation <name>]: what HopX's published specs (spec/upstream/, every
// generation sources.yaml lists, or only the one named) have that the curated specs lack or model differently,
// less what spec/DECISIONS.md explains; exits 1 on anything unexplained, and proposes a curated operation, an
// sdk.yaml entry and a DECISIONS.md stub for each upstream operation that has no counterpart.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DECISIONS, EXCEPTIONS, formatVerdict, repoInputs, upstreamReport } from "./run.js";

const root = process.cwd();
const args = process.argv.slice(2);
const at = args.indexOf("--generation");
const inputs = repoInputs(root, at >= 0 ? args[at + 1] : undefined);
const verdict = upstreamReport(
  inputs,
  readFileSync(join(root, EXCEPTIONS), "utf8"),
  readFileSync(join(root, DECISIONS), "utf8"),
);
console.log(
  args.includes("--json") ? JSON.stringify(verdict, null, 2) : formatVerdict(verdict, args.includes("--all"), inputs),
);
process.exitCode = verdict.unexplained.length > 0 || verdict.invalid.length > 0 ? 1 : 0;
