// Reads files as they were at a git ref; "the working tree" is the default head.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const WORKTREE = "working tree";

function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

export function readAt(cwd: string, ref: string, path: string): string | undefined {
  if (ref === WORKTREE) return existsSync(join(cwd, path)) ? readFileSync(join(cwd, path), "utf8") : undefined;
  return git(cwd, ["show", `${ref}:${path}`]);
}

/** Files directly inside `dir` at `ref` (names only). */
export function listAt(cwd: string, ref: string, dir: string): string[] {
  if (ref === WORKTREE) return existsSync(join(cwd, dir)) ? readdirSync(join(cwd, dir)) : [];
  const out = git(cwd, ["ls-tree", "--name-only", `${ref}:${dir}`]);
  return out === undefined ? [] : out.split("\n").filter(Boolean);
}

export function refExists(cwd: string, ref: string): boolean {
  return git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]) !== undefined;
}

/**
 * The base when none is given: the newest release tag reachable from HEAD (`v1.2.3`, or changesets' tag form
 * `hopx-client@1.2.3`), else HEAD~1 (the last commit plus uncommitted work), else HEAD.
 */
export function defaultBase(cwd: string): string {
  const tag = git(cwd, ["describe", "--tags", "--abbrev=0", "--match", "v[0-9]*", "--match", "hopx-client@[0-9]*"]);
  if (tag !== undefined && tag.trim() !== "") return tag.trim();
  return refExists(cwd, "HEAD~1") ? "HEAD~1" : "HEAD";
}
