// What the `hopx` command line accepts: every noun, verb, option and example, as data (src/cli/grammar/).
// Help and parsing both read this table, and nothing here imports the SDK, so `hopx --help` starts without it.
import { cmdNoun, envNoun, metricsNoun, processNoun, terminalNoun } from "./grammar/agent.js";
import { filesNoun } from "./grammar/files.js";
import { ACCOUNT_NOUNS, accountNoun, authNoun, configNoun, healthNoun, mockNoun, systemNoun } from "./grammar/local.js";
import { runNoun, templateNoun } from "./grammar/run.js";
import { sandboxNoun } from "./grammar/sandbox.js";
import type { Noun, Options } from "./grammar/types.js";

export type { Noun, Options, Values, Verb } from "./grammar/types.js";

/** Options every command accepts: the official CLIs' global options and ours. */
export const GLOBAL_OPTIONS: Options = {
  "api-key": { type: "string" },
  "base-url": { type: "string" },
  profile: { type: "string" },
  "request-timeout": { type: "string" },
  output: { type: "string", short: "o" },
  debug: { type: "boolean" },
  verbose: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
};

export const GLOBAL_FLAGS: Array<[string, string]> = [
  ["-o, --output table|json|plain", "output format (default table, HOPX_CLI_OUTPUT or the profile's)"],
  ["--api-key KEY", "API key (default: HOPX_API_KEY, then ~/.hopx/ of the profile)"],
  ["--profile NAME", "profile of ~/.hopx/ (default: HOPX_PROFILE, then the default profile)"],
  ["--base-url URL", "control-plane URL (default: HOPX_BASE_URL, the profile's, https://api.hopx.dev)"],
  ["--request-timeout SECONDS", "deadline of each API call (default 60)"],
  ["-q, --quiet", "no notes on stderr (Python CLI)"],
  ["--verbose, --debug", "log requests (redacted) and print stacks on errors"],
  ["--no-color", "no colour (also NO_COLOR; colour only on a TTY)"],
  ["-h, --help", "help for any command"],
  ["-v, --version", "print the version (-v is the official 0.2 form; the Python CLI's -v was --verbose)"],
];

export const NOUNS: Record<string, Noun> = {
  sandbox: sandboxNoun,
  run: runNoun,
  files: filesNoun,
  cmd: cmdNoun,
  env: envNoun,
  terminal: terminalNoun,
  template: templateNoun,
  config: configNoun,
  system: systemNoun,
  auth: authNoun,
  process: processNoun,
  metrics: metricsNoun,
  health: healthNoun,
  mock: mockNoun,
  ...Object.fromEntries(ACCOUNT_NOUNS.map((name) => [name, accountNoun(name)])),
};

/** The noun a name or alias stands for. */
export function nounName(word: string): string | undefined {
  if (Object.hasOwn(NOUNS, word)) return word;
  return Object.entries(NOUNS).find(([, noun]) => noun.aliases?.includes(word))?.[0];
}
