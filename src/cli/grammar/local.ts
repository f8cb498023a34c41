// Commands that read or write only the local ~/.hopx/ files (config, auth), ask the control plane or an agent
// for status (system, health), start the mock, or refuse (the account commands).
import { localProfile, sandboxOnly } from "./common.js";
import type { Noun, Verb } from "./types.js";

const PROFILE_FLAG: [string, string] = [
  "-p, --profile NAME",
  "the profile (default: --profile, HOPX_PROFILE, the default profile)",
];
const KEYS = "api_key, base_url, default_template, default_timeout, output_format";

const named = (summary: string, example: string, json: string): Verb => ({
  summary,
  args: "<name>",
  min: 1,
  max: 1,
  examples: [example],
  json,
});

const profileVerbs = (word: string): Record<string, Verb> => ({
  [`${word} list`]: {
    summary: "list the profiles",
    min: 0,
    max: 0,
    examples: [`hopx config ${word} list`],
    json: "[{name, default, api_key: set|-, template}, …]",
  },
  [`${word} create`]: named("create a profile", `hopx config ${word} create staging`, "{profile, created: true}"),
  [`${word} delete`]: named(
    "delete a profile (not default)",
    `hopx config ${word} delete staging`,
    "{profile, deleted: true}",
  ),
  [`${word} use`]: named("make a profile the default", `hopx config ${word} use staging`, "{default_profile}"),
});

export const configNoun: Noun = {
  summary: "settings and profiles in ~/.hopx/config.yaml (the official CLI's file)",
  verbs: {
    show: {
      summary: "show the configuration, or one profile (keys masked)",
      min: 0,
      max: 0,
      options: localProfile,
      flags: [PROFILE_FLAG],
      examples: ["hopx config show", "hopx config show -p default -o json"],
      json: "{config_file, default_profile, profiles} (-p: {profile, api_key: masked, base_url, …})",
    },
    get: {
      summary: `print one setting (${KEYS}; api_key masked)`,
      args: "<key>",
      min: 1,
      max: 1,
      options: localProfile,
      flags: [PROFILE_FLAG],
      note: "Without -p, the profile named default (as in the official CLI), whichever profile is in use.",
      examples: ["hopx config get base_url", "hopx config get default_template -p staging"],
      json: "{key, value}",
    },
    set: {
      summary: "set one setting of a profile",
      args: "<key> <value>",
      min: 2,
      max: 2,
      options: localProfile,
      flags: [PROFILE_FLAG],
      note: "Without -p, the profile named default (as in the official CLI), whichever profile is in use.",
      examples: ["hopx config set default_template python", "hopx config set base_url http://127.0.0.1:8080 -p dev"],
      json: "{profile, key, value} (api_key masked)",
    },
    path: {
      summary: "print where the configuration file is (Python CLI)",
      min: 0,
      max: 0,
      examples: ["hopx config path"],
      json: "{config_file, credentials_file}",
    },
    ...profileVerbs("profile"),
    ...profileVerbs("profiles"),
  },
};

export const authNoun: Noun = {
  summary: "store, check and remove the API key (~/.hopx/credentials.yaml; no browser)",
  verbs: {
    login: {
      summary: "store an API key for a profile (no browser flow)",
      min: 0,
      max: 0,
      options: { "api-key": { type: "string" }, ...localProfile },
      flags: [["--api-key KEY", "the key to store (else HOPX_API_KEY)"], PROFILE_FLAG],
      note: "The browser login of the official CLI calls endpoints outside the public API: give --api-key.",
      examples: ["hopx auth login --api-key hopx_live_…", "hopx auth login --api-key hopx_live_… -p staging"],
      json: "{profile, api_key: masked, stored: credentials_file}",
    },
    status: {
      summary: "which key would be used, from where (masked)",
      min: 0,
      max: 0,
      options: localProfile,
      flags: [PROFILE_FLAG],
      examples: ["hopx auth status", "hopx auth status -o json"],
      json: "{profile, authenticated, source, api_key: masked, base_url}",
    },
    logout: {
      summary: "remove the stored key of a profile (--all: of every profile)",
      min: 0,
      max: 0,
      options: { ...localProfile, all: { type: "boolean" } },
      flags: [PROFILE_FLAG, ["--all", "every profile"]],
      examples: ["hopx auth logout", "hopx auth logout --all"],
      json: "{removed: [profile, …]}",
    },
    "api-keys": {
      summary: "manage API keys (not available: an account endpoint)",
      examples: ["hopx auth api-keys list"],
      account: true,
    },
  },
};

const agentVerb = (verb: string, summary: string, json: string): Verb =>
  sandboxOnly(summary, `hopx system ${verb} sbx_123`, json);

export const systemNoun: Noun = {
  summary: "health and versions of the API, and a sandbox agent's status",
  verbs: {
    health: {
      summary: "the control plane's health (no key needed)",
      min: 0,
      max: 0,
      examples: ["hopx system health", "hopx system health -o json"],
      json: "{healthy, status, version, api_url}",
    },
    version: {
      summary: "versions of this CLI and the API",
      min: 0,
      max: 0,
      examples: ["hopx system version -o json"],
      json: "{cli_version, api_version, api_url, runtime, runtime_version}",
    },
    metrics: {
      ...agentVerb(
        "metrics",
        "a sandbox agent's metrics (Python CLI; without an id: none, as in 0.2)",
        "the agent's snapshot",
      ),
      examples: ["hopx system metrics", "hopx system metrics sbx_123"],
      note: "The public API has no account-wide metrics: `system metrics` alone says so and exits 0, as 0.2 did.",
    },
    "agent-info": agentVerb(
      "agent-info",
      "the agent's version, features and endpoints (Python CLI)",
      "the agent's GET /info",
    ),
    processes: agentVerb("processes", "every OS process of the sandbox (Python CLI)", "[{pid, name, …}, …]"),
    jupyter: agentVerb("jupyter", "the sandbox's Jupyter kernel sessions (Python CLI)", "[{id, kernel, …}, …]"),
    snapshot: agentVerb("snapshot", "the agent's metrics snapshot (Python CLI)", "the agent's snapshot"),
  },
};

export const healthNoun: Noun = {
  summary: "control-plane health (ours; the same as `system health`)",
  self: {
    summary: "Prints the control plane's health.",
    min: 0,
    max: 0,
    examples: ["hopx health -o json"],
    json: "{status, version, …} (the control plane's GET /health)",
  },
};

export const mockNoun: Noun = {
  summary: "start the embedded mock and print the lines to export (ours)",
  self: {
    summary:
      "Starts the embedded HopX mock on loopback ports and prints `export` lines for HOPX_BASE_URL and a " +
      "dummy HOPX_API_KEY; runs until Ctrl-C.",
    min: 0,
    max: 0,
    examples: ["hopx mock > mock.env &  sleep 3 && . ./mock.env", `hopx run "print(1)"`],
    json: "{control_plane_url, agent_url, api_key} (the mock's own dummy key)",
  },
};

/** The official CLIs' account commands: they call endpoints outside both public APIs. */
export const ACCOUNT_NOUNS = ["org", "members", "billing", "usage", "profile", "init", "self-update"];

export const accountNoun = (name: string): Noun => ({
  summary: "account command (not available)",
  hidden: true,
  self: { summary: "not available", examples: [`hopx ${name}`], account: true },
});
