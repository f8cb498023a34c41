// Where the CLI finds its key, base URL and defaults. Key: --api-key, HOPX_API_KEY, then the official HopX
// CLI's files: ~/.hopx/credentials.yaml (`profiles.<profile>.api_key`, written by `hopx auth login`) and
// ~/.hopx/config.yaml (`profiles.<profile>.api_key`, falling back to its `default` profile). The profile:
// --profile, HOPX_PROFILE, config.yaml's `default_profile`, else `default`. The system keyring the official CLI
// prefers is not read (that needs a native module). The key is never printed.
import { homedir } from "node:os";
import { hasProfile, hopxPaths, profileValue, readTree, type Tree } from "./hopx-files.js";

export { readSimpleYaml } from "./hopx-files.js";

export interface Settings {
  apiKey: string | undefined;
  /** Where the key came from, for `auth status` and the missing-key message (never the key itself). */
  keySource: "--api-key" | "HOPX_API_KEY" | "credentials.yaml" | "config.yaml" | undefined;
  baseURL: string | undefined;
  profile: string;
  /** HOPX_DEFAULT_TEMPLATE, else the profile's `default_template`. */
  defaultTemplate?: string;
  /** HOPX_DEFAULT_TIMEOUT (seconds), else the profile's `default_timeout`. */
  defaultTimeout?: string;
  /** The profile's `output_format` (HOPX_CLI_OUTPUT and -o come first). */
  outputFormat?: string;
}

/** A profile config.yaml does not have is read as its default profile, as the official CLI reads it. */
const configValue = (tree: Tree, profile: string, key: string): string | undefined =>
  profileValue(tree, hasProfile(tree, profile) ? profile : "default", key);

export function resolveSettings(
  flags: { apiKey?: string | undefined; baseURL?: string | undefined; profile?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): Settings {
  const paths = hopxPaths(home);
  const config = readTree(paths.config);
  const chosen = typeof config.default_profile === "string" ? config.default_profile : undefined;
  const profile = flags.profile ?? env.HOPX_PROFILE ?? chosen ?? "default";
  let apiKey: string | undefined;
  let keySource: Settings["keySource"];
  if (flags.apiKey) [apiKey, keySource] = [flags.apiKey, "--api-key"];
  else if (env.HOPX_API_KEY) [apiKey, keySource] = [env.HOPX_API_KEY, "HOPX_API_KEY"];
  else {
    const fromCredentials = profileValue(readTree(paths.credentials), profile, "api_key");
    const fromConfig = fromCredentials ? undefined : configValue(config, profile, "api_key");
    apiKey = fromCredentials ?? fromConfig;
    keySource = fromCredentials ? "credentials.yaml" : fromConfig ? "config.yaml" : undefined;
  }
  const baseURL = flags.baseURL ?? env.HOPX_BASE_URL ?? configValue(config, profile, "base_url");
  const defaultTemplate = env.HOPX_DEFAULT_TEMPLATE || configValue(config, profile, "default_template");
  const defaultTimeout = env.HOPX_DEFAULT_TIMEOUT || configValue(config, profile, "default_timeout");
  const outputFormat = configValue(config, profile, "output_format");
  return {
    apiKey,
    keySource,
    baseURL,
    profile,
    ...(defaultTemplate ? { defaultTemplate } : {}),
    ...(defaultTimeout ? { defaultTimeout } : {}),
    ...(outputFormat ? { outputFormat } : {}),
  };
}
