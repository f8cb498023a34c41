// The version bump a change set declares, and whether it is enough for what the spec diff demands.
import { type Bump, RANK, maxBump } from "./model.js";

type Version = [number, number, number];

export function parseVersion(text: string): Version {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text.trim());
  if (match === null) throw new Error(`not a semver version: ${JSON.stringify(text)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function formatVersion([major, minor, patch]: Version): string {
  return `${major}.${minor}.${patch}`;
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** What `changeset version` (and `npm version`) make of `version` for a bump. */
export function increment(version: string, bump: Bump): string {
  const [major, minor, patch] = parseVersion(version);
  if (bump === "major") return formatVersion([major + 1, 0, 0]);
  if (bump === "minor") return formatVersion([major, minor + 1, 0]);
  if (bump === "patch") return formatVersion([major, minor, patch + 1]);
  return formatVersion([major, minor, patch]);
}

/**
 * The lowest version that carries changes of level `required` after `base`, judged the way dependents' caret
 * ranges see it: a breaking change must leave `^base` (1.2.3 → 2.0.0, but 0.2.3 → 0.3.0 and 0.0.3 → 0.0.4, as
 * `^0.2.3` already excludes 0.3.0); an addition needs a new minor from 1.0.0 on, and any new version before.
 */
export function minimumVersion(base: string, required: Bump): string {
  const [major, minor] = parseVersion(base);
  if (required === "none") return base;
  if (required === "patch") return increment(base, "patch");
  if (major === 0) return increment(base, required === "major" && minor > 0 ? "minor" : "patch");
  return increment(base, required);
}

/** The highest bump that pending changeset files declare for `pkg` (their front matter: `"pkg": minor`). */
export function changesetBump(files: string[], pkg: string): Bump {
  const levels: Bump[] = [];
  for (const text of files) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (front === null) continue;
    for (const line of front[1]!.split(/\r?\n/)) {
      const entry = /^\s*["']?([^"':]+)["']?\s*:\s*["']?(major|minor|patch)["']?\s*$/.exec(line);
      if (entry !== null && entry[1]!.trim() === pkg) levels.push(entry[2] as Bump);
    }
  }
  return maxBump(levels);
}

export interface BumpCheck {
  ok: boolean;
  required: Bump;
  baseVersion: string;
  /** The lowest version the spec changes allow. */
  minimum: string;
  /** The version the release would get: package.json's, or the base bumped by the pending changesets. */
  declared: string;
  declaredBy: string;
}

export function checkBump(required: Bump, baseVersion: string, headVersion: string, pending: Bump): BumpCheck {
  const fromChangesets = increment(headVersion, pending);
  const declared = compareVersions(fromChangesets, headVersion) > 0 ? fromChangesets : headVersion;
  const declaredBy =
    pending !== "none"
      ? `pending changesets (${pending}) on ${headVersion}`
      : compareVersions(headVersion, baseVersion) > 0
        ? `package.json (${baseVersion} → ${headVersion})`
        : "nothing (no pending changeset, package.json version unchanged)";
  const minimum = minimumVersion(baseVersion, required);
  return {
    ok: RANK[required] === 0 || compareVersions(declared, minimum) >= 0,
    required,
    baseVersion,
    minimum,
    declared,
    declaredBy,
  };
}
