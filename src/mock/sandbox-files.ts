// A sandbox's file system as the agent's file routes, its shell and its code see it: one map of absolute
// paths; every change made here reaches `files/watch` subscribers.
import type { SandboxState } from "./state.js";

/** Directories every sandbox has, whether or not anything was written under them. */
const BASE_DIRS = new Set(["/", "/workspace", "/tmp", "/root", "/home"]);

/** An absolute, normalised path (`..` and `.` resolved), relative paths taken from `cwd`. */
export function resolvePath(path: string, cwd = "/workspace"): string {
  const parts: string[] = [];
  for (const part of (path.startsWith("/") ? path : `${cwd}/${path}`).split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** The direct children of a directory. */
export function childrenOf(sandbox: SandboxState, dir: string): string[] {
  const prefix = dir === "/" ? "/" : `${dir}/`;
  return [...sandbox.files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"));
}

export function isDir(sandbox: SandboxState, path: string): boolean {
  return BASE_DIRS.has(path) || sandbox.files.get(path)?.dir === true;
}

/** Whether there is a file or directory at a path. */
export function exists(sandbox: SandboxState, path: string): boolean {
  return isDir(sandbox, path) || sandbox.files.has(path);
}

/** A file's text, or undefined when there is no such file. */
export function readText(sandbox: SandboxState, path: string): string | undefined {
  const node = sandbox.files.get(path);
  return node && !node.dir ? Buffer.from(node.bytes).toString("utf8") : undefined;
}

function notify(sandbox: SandboxState, path: string, event: "created" | "modified" | "deleted"): void {
  for (const watcher of sandbox.watchers) watcher(path, event);
}

/** Creates a directory and its missing parents. */
export function makeDirs(sandbox: SandboxState, path: string, now: number): void {
  let at = "";
  for (const part of path.split("/").slice(1)) {
    at += `/${part}`;
    if (!sandbox.files.has(at)) {
      sandbox.files.set(at, { dir: true, bytes: new Uint8Array(), modified: now });
      notify(sandbox, at, "created");
    }
  }
}

/** Writes a file (creating its parent directories). */
export function writeFile(sandbox: SandboxState, path: string, bytes: Uint8Array, now: number): void {
  const existed = sandbox.files.has(path);
  let parent = path.slice(0, path.lastIndexOf("/"));
  while (parent && !sandbox.files.has(parent)) {
    sandbox.files.set(parent, { dir: true, bytes: new Uint8Array(), modified: now });
    parent = parent.slice(0, parent.lastIndexOf("/"));
  }
  sandbox.files.set(path, { dir: false, bytes, modified: now });
  notify(sandbox, path, existed ? "modified" : "created");
}

/** Writes or appends text. */
export function writeText(sandbox: SandboxState, path: string, text: string, now: number, append = false): void {
  const before = append ? (readText(sandbox, path) ?? "") : "";
  writeFile(sandbox, path, new Uint8Array(Buffer.from(before + text, "utf8")), now);
}

/** Removes a path and everything under it; false when there was nothing. */
export function removePath(sandbox: SandboxState, path: string): boolean {
  if (!sandbox.files.has(path)) return false;
  for (const p of [...sandbox.files.keys()])
    if (p === path || p.startsWith(`${path}/`)) {
      sandbox.files.delete(p);
      notify(sandbox, p, "deleted");
    }
  return true;
}
