// spec:diff end to end: both bundles at two refs, every change classified, and the declared bump checked.
import { type BumpCheck, changesetBump, checkBump } from "./bump.js";
import { diffDocuments } from "./documents.js";
import { WORKTREE, defaultBase, listAt, readAt, refExists } from "./git.js";
import { type Obj, obj } from "./json.js";
import { type Bump, type Change, maxBump } from "./model.js";

export const APIS = ["control-plane", "vm-agent"] as const;
export const PACKAGE = "hopx-client";

export interface SpecDiffResult {
  base: string;
  head: string;
  changes: Record<string, Change[]>;
  required: Bump;
  check: BumpCheck;
}

function json(text: string | undefined, what: string): Obj {
  if (text === undefined) throw new Error(`${what} does not exist`);
  return obj(JSON.parse(text));
}

export function runSpecDiff(cwd: string, base = defaultBase(cwd), head = WORKTREE): SpecDiffResult {
  for (const ref of [base, head]) {
    if (ref !== WORKTREE && !refExists(cwd, ref)) throw new Error(`unknown git ref: ${ref}`);
  }
  const changes: Record<string, Change[]> = {};
  for (const api of APIS) {
    const path = `generated/${api}/openapi.json`;
    // An API whose bundle did not exist at the base is new: every operation in it counts as added.
    const before = readAt(cwd, base, path);
    const oldDoc = before === undefined ? {} : json(before, `${path} at ${base}`);
    changes[api] = diffDocuments(oldDoc, json(readAt(cwd, head, path), `${path} at ${head}`));
  }
  const required = maxBump(Object.values(changes).flatMap((list) => list.map((c) => c.level)));
  const version = (ref: string): string =>
    String(json(readAt(cwd, ref, "package.json"), `package.json at ${ref}`).version);
  const pendingFiles = listAt(cwd, head, ".changeset")
    .filter((name) => name.endsWith(".md") && name !== "README.md")
    .map((name) => readAt(cwd, head, `.changeset/${name}`) ?? "");
  const check = checkBump(required, version(base), version(head), changesetBump(pendingFiles, PACKAGE));
  return { base, head, changes, required, check };
}

export function formatReport(result: SpecDiffResult): string {
  const lines = [`spec:diff ${result.base} → ${result.head}`];
  for (const [api, changes] of Object.entries(result.changes)) {
    lines.push("", `${api}: ${changes.length === 0 ? "no changes" : `${changes.length} change(s)`}`);
    for (const c of changes) {
      const dirs = c.directions.length > 0 ? ` (${c.directions.join(", ")})` : "";
      lines.push(`  ${c.level.padEnd(5)}  ${c.kind}: ${c.where}${c.detail ? ` ${c.detail}` : ""}${dirs}`);
    }
  }
  const { check } = result;
  const least = result.required === "none" ? "" : ` (at least ${check.minimum} after ${check.baseVersion})`;
  lines.push(
    "",
    `demanded: ${result.required}${least}`,
    `declared: ${check.declared} by ${check.declaredBy}`,
    check.ok
      ? "OK: the declared version is enough for these spec changes"
      : `FAIL: ${check.declared} is lower than ${check.minimum}; add a changeset (npx changeset) of at least the ` +
          "demanded level for hopx-client",
  );
  return lines.join("\n");
}
