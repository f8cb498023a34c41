// spec:upstream end to end: each vendored generation of each upstream file against its curated bundle, judged by
// the recorded exceptions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { type Obj, obj, operations } from "../spec-diff/json.js";
import { compareUpstream } from "./compare.js";
import { decisionTitles, judge, parseExceptions, type Verdict } from "./exceptions.js";
import { findingId, type Finding } from "./findings.js";
import { formatProposal, type ProposalInput, proposeOperation } from "./propose.js";
import { parseSources } from "./sources.js";

export const SOURCES = "spec/upstream/sources.yaml";
export const EXCEPTIONS = "spec/upstream-differences.yaml";
export const DECISIONS = "spec/DECISIONS.md";

/** One vendored file and its API's curated bundle (`generation` names it in reports; `sdk` feeds proposals). */
export type UpstreamInput = ProposalInput;

/** spec/sdk.yaml's top-level key for each API. */
const PLANES: Record<string, string> = { "control-plane": "controlPlane", "vm-agent": "agent" };

/** Every vendored generation, optionally only those named `generation`, each with its API's curated bundle. */
export function repoInputs(root: string, generation?: string): UpstreamInput[] {
  const read = (path: string): Obj => obj(JSON.parse(readFileSync(join(root, path), "utf8")));
  const sdk = obj(parse(readFileSync(join(root, "spec/sdk.yaml"), "utf8")));
  const sources = parseSources(readFileSync(join(root, SOURCES), "utf8"));
  const chosen = sources.filter((s) => generation === undefined || s.generation === generation);
  if (chosen.length === 0) throw new Error(`${SOURCES} has no generation ${String(generation)}`);
  return chosen.map((source) => ({
    api: source.api,
    generation: source.generation,
    upstream: read(`spec/upstream/${source.file}`),
    curated: read(`generated/${source.api}/openapi.json`),
    sdk: obj(sdk[PLANES[source.api] ?? source.api]),
  }));
}

export function upstreamReport(inputs: UpstreamInput[], exceptionsYaml: string, decisionsMarkdown: string): Verdict {
  const findings = inputs.flatMap(({ api, generation, upstream, curated }) =>
    compareUpstream(api, upstream, curated).map((f) => (generation === undefined ? f : { ...f, generation })),
  );
  return judge(findings, parseExceptions(exceptionsYaml), decisionTitles(decisionsMarkdown));
}

/** `vm-agent@generated-2025-12-27`, or the API alone when there is one generation. */
const origin = (f: Finding): string => (f.generation === undefined ? f.api : `${f.api}@${f.generation}`);

/** One line per vendored file: how many differences it has, how many unexplained. */
function perGeneration(verdict: Verdict): string[] {
  const counts = new Map<string, { all: number; unexplained: number }>();
  const count = (f: Finding, unexplained: boolean): void => {
    const c = counts.get(origin(f)) ?? { all: 0, unexplained: 0 };
    c.all++;
    if (unexplained) c.unexplained++;
    counts.set(origin(f), c);
  };
  for (const { finding } of verdict.explained) count(finding, false);
  for (const f of verdict.unexplained) count(f, true);
  return [...counts].sort().map(([at, c]) => `  ${at}: ${c.all} difference(s), ${c.unexplained} unexplained`);
}

/**
 * Operations one vendored generation of an API has and another lacks: never a finding (the curated spec keeps
 * both), but what the SDK must cope with, since a deployed service serves one generation or the other.
 */
export function generationGaps(inputs: UpstreamInput[]): string[] {
  const out: string[] = [];
  for (const a of inputs) {
    for (const b of inputs) {
      if (a === b || a.api !== b.api) continue;
      const theirs = operations(b.upstream);
      for (const [key, op] of operations(a.upstream)) {
        if (!theirs.has(key)) {
          out.push(`${a.api}: ${op.method.toUpperCase()} ${op.path} in ${a.generation}, not in ${b.generation}`);
        }
      }
    }
  }
  return out;
}

export function formatVerdict(verdict: Verdict, verbose: boolean, inputs: UpstreamInput[] = []): string {
  const lines: string[] = [];
  const total = verdict.explained.length + verdict.unexplained.length;
  lines.push(
    `spec:upstream: ${total} difference(s) from HopX's published specs, ${verdict.unexplained.length} unexplained`,
    ...perGeneration(verdict),
  );
  for (const f of verdict.unexplained) lines.push(`  UNEXPLAINED ${origin(f)}  ${findingId(f)}  (${f.detail})`);
  for (const { exception, reason } of verdict.invalid) {
    lines.push(`  INVALID EXCEPTION ${exception.api} / ${exception.decision}: ${exception.id}: ${reason}`);
  }
  if (verbose) {
    for (const { finding, decision } of verdict.explained) {
      lines.push(`  explained by "${decision}": ${origin(finding)}  ${findingId(finding)}  (${finding.detail})`);
    }
  } else if (verdict.explained.length > 0) {
    lines.push(`  ${verdict.explained.length} explained in ${DECISIONS} (listed with --all)`);
  }
  const between = generationGaps(inputs);
  if (between.length > 0) {
    lines.push("", "Between generations (the SDK must work with either; see spec/DECISIONS.md):");
    for (const line of between) lines.push(`  ${line}`);
  }
  const proposals = verdict.unexplained
    .filter((f) => f.kind === "operation")
    .map((f) => {
      const input = inputs.find((i) => i.api === f.api && i.generation === f.generation);
      return input === undefined ? undefined : proposeOperation(input, f);
    })
    .filter((p) => p !== undefined);
  if (proposals.length > 0) {
    lines.push("", "Proposed for each upstream operation without a curated counterpart (edit, then add):");
    for (const proposal of proposals) lines.push("", formatProposal(proposal));
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
