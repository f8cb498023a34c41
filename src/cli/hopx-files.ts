// The official CLIs' files under ~/.hopx/: config.yaml (`default_profile`, `profiles.<name>.{api_key, base_url,
// default_template, default_timeout, output_format}`) and credentials.yaml (`profiles.<name>.api_key`). They are
// read with a small YAML subset reader and written back in the same layout, atomically (a temporary file renamed
// over the old one), mode 0600 in a 0700 folder, since they may hold a key.
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export type Tree = { [key: string]: Tree | string };

export interface HopxPaths {
  dir: string;
  config: string;
  credentials: string;
}

export function hopxPaths(home: string = homedir()): HopxPaths {
  const dir = join(home, ".hopx");
  return { dir, config: join(dir, "config.yaml"), credentials: join(dir, "credentials.yaml") };
}

const unquote = (value: string): string => {
  const v = value.trim();
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1).replace(/''/g, "'");
  return v.replace(/\s+#.*$/, "");
};

/**
 * The subset of YAML these files use (what PyYAML's and `yaml`'s dump write for nested maps of scalars):
 * indented `key: value` lines, plain or quoted scalars, comments; `null` and `~` are no value. JSON (an older
 * build of the official CLI wrote JSON) works too.
 */
export function readSimpleYaml(text: string): Tree {
  if (text.trimStart().startsWith("{")) {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as Tree) : {};
  }
  const root: Tree = {};
  const stack: Array<{ indent: number; node: Tree }> = [{ indent: -1, node: root }];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line) || line.trim() === "---") continue;
    const match = /^(\s*)("[^"]*"|'[^']*'|[^:#]+?)\s*:(?:\s+(.*))?\s*$/.exec(line);
    if (!match) continue;
    const indent = match[1]!.length;
    const key = unquote(match[2]!);
    while (stack.length > 1 && stack.at(-1)!.indent >= indent) stack.pop();
    const parent = stack.at(-1)!.node;
    const value = match[3]?.trim();
    if (value === undefined || value === "" || value === "{}") {
      const child: Tree = {};
      parent[key] = child;
      stack.push({ indent, node: child });
    } else if (value !== "null" && value !== "~") {
      parent[key] = unquote(value);
    }
  }
  return root;
}

/** A scalar as YAML: plain when it reads back as the same string, else double-quoted (JSON is valid YAML). */
function scalar(value: string): string {
  const plain =
    /^[A-Za-z0-9_./@+-][A-Za-z0-9_./:@+-]*$/.test(value) && !/^(true|false|yes|no|null|on|off|~)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

function dumpYaml(tree: Tree, indent = ""): string {
  return Object.entries(tree)
    .map(([key, value]) =>
      typeof value === "string"
        ? `${indent}${scalar(key)}: ${scalar(value)}\n`
        : Object.keys(value).length === 0
          ? `${indent}${scalar(key)}: {}\n`
          : `${indent}${scalar(key)}:\n${dumpYaml(value, `${indent}  `)}`,
    )
    .join("");
}

/** The file's tree; a missing or unreadable file is an empty one (as the official CLI treats it). */
export function readTree(file: string): Tree {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return {};
  }
  try {
    return readSimpleYaml(text);
  } catch {
    return {};
  }
}

/** Writes the tree atomically: a reader sees the old file or the new one, never half of either. */
export function writeTree(paths: HopxPaths, file: string, tree: Tree): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  // A folder made by an older tool may be wider; it holds a key from now on.
  chmodSync(paths.dir, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w", 0o600);
  try {
    writeSync(fd, dumpYaml(tree));
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(temporary, file);
}

/** `tree.profiles` as a map (created when `create` is set). */
export function profilesOf(tree: Tree, create = false): Tree | undefined {
  const profiles = tree.profiles;
  if (typeof profiles === "object") return profiles;
  if (!create) return undefined;
  const made: Tree = {};
  tree.profiles = made;
  return made;
}

export function hasProfile(tree: Tree, profile: string): boolean {
  return typeof profilesOf(tree)?.[profile] === "object" || typeof tree[profile] === "object";
}

/** One profile's value: `profiles.<name>.<key>`, or the Python CLI's `<name>.<key>` at the top. */
export function profileValue(tree: Tree, profile: string, key: string): string | undefined {
  const fromProfiles = profilesOf(tree)?.[profile];
  const entry = typeof fromProfiles === "object" ? fromProfiles : tree[profile];
  const value = typeof entry === "object" ? entry[key] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** How a key is shown: enough to tell keys apart, never enough to use one (the official CLI's masking). */
export function maskKey(key: string): string {
  return key.length <= 12 ? `***${key.slice(-4)}` : `${key.slice(0, 8)}...${key.slice(-4)}`;
}
