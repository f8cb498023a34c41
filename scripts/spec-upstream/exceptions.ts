// The differences from upstream that spec/DECISIONS.md explains, in the machine-readable form of
// spec/upstream-differences.yaml: per API, a decision (the bold title of its DECISIONS.md entry) and the exact
// differences it covers, as the report prints them (`<kind>: <where>`).
import { parse } from "yaml";
import { list, obj, str } from "../spec-diff/json.js";
import { type Finding, findingId } from "./findings.js";

export interface Exception {
  api: string;
  decision: string;
  id: string;
}

export function parseExceptions(text: string): Exception[] {
  const out: Exception[] = [];
  for (const [api, entries] of Object.entries(obj(parse(text)))) {
    for (const entry of list(entries)) {
      const decision = str(obj(entry).decision);
      if (decision === undefined) throw new Error(`${api}: an entry without a decision`);
      for (const id of list(obj(entry).differences)) {
        if (typeof id !== "string") throw new Error(`${api} / ${decision}: a difference that is not a string`);
        out.push({ api, decision, id });
      }
    }
  }
  return out;
}

/** Bold entry titles of DECISIONS.md: `- **Kill operations.** …` → "Kill operations". */
export function decisionTitles(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^- \*\*(.+?)\.?\*\*/gm)].map((m) => m[1]!.replace(/\.$/, "")));
}

export interface Verdict {
  explained: { finding: Finding; decision: string }[];
  unexplained: Finding[];
  /** Exceptions that match no difference any more, or name no DECISIONS.md entry, or excuse a missing operation. */
  invalid: { exception: Exception; reason: string }[];
}

export function judge(findings: Finding[], exceptions: Exception[], decisions: Set<string>): Verdict {
  const verdict: Verdict = { explained: [], unexplained: [], invalid: [] };
  const used = new Set<Exception>();
  for (const finding of findings) {
    const id = findingId(finding);
    // Only an exception whose decision DECISIONS.md has explains anything.
    const exception = exceptions.find((e) => e.api === finding.api && e.id === id && decisions.has(e.decision));
    // An upstream operation always needs a curated counterpart (deprecated, if HopX dropped it): never excused.
    if (exception === undefined || finding.kind === "operation") verdict.unexplained.push(finding);
    else {
      used.add(exception);
      verdict.explained.push({ finding, decision: exception.decision });
    }
  }
  for (const exception of exceptions) {
    if (exception.id.startsWith("operation: ")) {
      verdict.invalid.push({ exception, reason: "a missing operation cannot be excused: model it" });
    } else if (!decisions.has(exception.decision)) {
      verdict.invalid.push({ exception, reason: `spec/DECISIONS.md has no entry "${exception.decision}"` });
    } else if (!used.has(exception)) {
      verdict.invalid.push({ exception, reason: "matches no difference any more: remove it" });
    }
  }
  return verdict;
}
