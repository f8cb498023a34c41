// Where the CLI finds its key and base URL. Order: --api-key, HOPX_API_KEY, then the official HopX CLI's
// files: ~/.hopx/credentials.yaml (`profiles.<profile>.api_key`, written by `hopx auth login` when no
// system keyring is available) and ~/.hopx/config.yaml (`profiles.<profile>.api_key` / `base_url`, falling
// back to its `default` profile).
// The keyring itself is not read (that needs a native module). The key is never printed.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface Settings {
  apiKey: string | undefined;
  /** Where the key came from, for the missing-key message and --debug (never the key itself). */
  keySource: "--api-key" | "HOPX_API_KEY" | "credentials.yaml" | "config.yaml" | undefined;
  baseURL: string | undefined;
  profile: string;
}

type Tree = { [key: string]: Tree | string };

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
 * The subset of YAML these files use (what PyYAML's and `yaml`'s dump write for nested maps of strings):
 * indented `key: value` lines, plain or quoted scalars, comments. JSON (older builds wrote JSON) works too.
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
    } else {
      parent[key] = unquote(value);
    }
  }
  return root;
}

function profileValue(file: string, profile: string, key: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const tree = readSimpleYaml(text);
    const profiles = tree.profiles;
    const entry = typeof profiles === "object" ? profiles[profile] : undefined;
    const value = typeof entry === "object" ? entry[key] : undefined;
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** config.yaml falls back to its default profile, as the official CLI's does. */
const configValue = (file: string, profile: string, key: string): string | undefined =>
  profileValue(file, profile, key) ?? (profile === "default" ? undefined : profileValue(file, "default", key));

export function resolveSettings(
  flags: { apiKey?: string | undefined; baseURL?: string | undefined; profile?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): Settings {
  const profile = flags.profile ?? env.HOPX_PROFILE ?? "default";
  const dir = join(home, ".hopx");
  const credentials = join(dir, "credentials.yaml");
  const config = join(dir, "config.yaml");
  let apiKey: string | undefined;
  let keySource: Settings["keySource"];
  if (flags.apiKey) [apiKey, keySource] = [flags.apiKey, "--api-key"];
  else if (env.HOPX_API_KEY) [apiKey, keySource] = [env.HOPX_API_KEY, "HOPX_API_KEY"];
  else {
    const fromCredentials = profileValue(credentials, profile, "api_key");
    const fromConfig = fromCredentials ? undefined : configValue(config, profile, "api_key");
    apiKey = fromCredentials ?? fromConfig;
    keySource = fromCredentials ? "credentials.yaml" : fromConfig ? "config.yaml" : undefined;
  }
  const baseURL = flags.baseURL ?? env.HOPX_BASE_URL ?? configValue(config, profile, "base_url");
  return { apiKey, keySource, baseURL, profile };
}
