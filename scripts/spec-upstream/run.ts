// spec:upstream end to end: each vendored upstream file against its curated bundle, judged by the recorded
// exceptions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { type Obj, obj, str } from "../spec-diff/json.js";
import { compareUpstream } from "./compare.js";
import { decisionTitles, judge, parseExceptions, type Verdict } from "./exceptions.js";
import { findingId } from "./findings.js";

export const SOURCES = "spec/upstream/sources.yaml";
export const EXCEPTIONS = "spec/upstream-differences.yaml";
export const DECISIONS = "spec/DECISIONS.md";

export interface UpstreamInput {
  api: string;
  upstream: Obj;
  curated: Obj;
}

export function repoInputs(root: string): UpstreamInput[] {
  const sources = obj(parse(readFileSync(join(root, SOURCES), "utf8")));
  const read = (path: string): Obj => obj(JSON.parse(readFileSync(join(root, path), "utf8")));
  return Object.entries(sources).map(([api, source]) => ({
    api,
    upstream: read(`spec/upstream/${str(obj(source).file)}`),
    curated: read(`generated/${api}/openapi.json`),
  }));
}

export function upstreamReport(inputs: UpstreamInput[], exceptionsYaml: string, decisionsMarkdown: string): Verdict {
  const findings = inputs.flatMap(({ api, upstream, curated }) => compareUpstream(api, upstream, curated));
  return judge(findings, parseExceptions(exceptionsYaml), decisionTitles(decisionsMarkdown));
}

export function formatVerdict(verdict: Verdict, verbose: boolean): string {
  const lines: string[] = [];
  const total = verdict.explained.length + verdict.unexplained.length;
  lines.push(
    `spec:upstream: ${total} difference(s) from HopX's published specs, ${verdict.unexplained.length} unexplained`,
  );
  for (const f of verdict.unexplained) lines.push(`  UNEXPLAINED ${f.api}  ${findingId(f)}  (${f.detail})`);
  for (const { exception, reason } of verdict.invalid) {
    lines.push(`  INVALID EXCEPTION ${exception.api} / ${exception.decision}: ${exception.id}: ${reason}`);
  }
  if (verbose) {
    for (const { finding, decision } of verdict.explained) {
      lines.push(`  explained by "${decision}": ${finding.api}  ${findingId(finding)}  (${finding.detail})`);
    }
  } else if (verdict.explained.length > 0) {
    lines.push(`  ${verdict.explained.length} explained in ${DECISIONS} (listed with --all)`);
  }
  if (verdict.unexplained.length > 0 || verdict.invalid.length > 0) {
    lines.push(
      "",
      `Curate each: model it in spec/, or record why not in ${DECISIONS}`,
      `and list it under that entry's title in ${EXCEPTIONS}.`,
    );
  }
  return lines.join("\n");
}
