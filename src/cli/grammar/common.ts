// Options, help lines and sandbox-id rules shared by several commands.
import type { IdFirst, Options, Verb } from "./types.js";

export const sandboxOption: Options = { sandbox: { type: "string", short: "s" } };
export const sandboxFlag: [string, string] = [
  "-s, --sandbox ID",
  "the sandbox (or give its id first, as the Python CLI did; default HOPX_SANDBOX_ID)",
];
export const envOption: Options = { env: { type: "string", short: "e", multiple: true } };
export const envFlag: [string, string] = ["-e, --env K=V", "environment variable (repeatable)"];
export const yesOptions: Options = { yes: { type: "boolean", short: "y" }, force: { type: "boolean" } };
export const yesFlag: [string, string] = ["-y, --yes / --force", "accepted for scripts: hopx never asks"];
export const progressOptions: Options = { progress: { type: "boolean" }, "no-progress": { type: "boolean" } };
export const progressFlags: Array<[string, string]> = [
  ["--progress / --no-progress", "force the progress bar on or off (default: on when stderr is a TTY)"],
];
export const localProfile: Options = { profile: { type: "string", short: "p" } };

/** A command that takes only the sandbox: `-s ID` or the id as its one argument (the Python CLI's form). */
export const sandboxOnly = (summary: string, example: string, json: string): Verb => ({
  summary,
  args: "<sandbox-id>",
  min: 0,
  max: 0,
  idFirst: idWhenMoreThan(0),
  options: sandboxOption,
  flags: [sandboxFlag],
  examples: [example],
  json,
});

/** The id comes first when there are more positionals than the official form takes. */
export const idWhenMoreThan =
  (max: number): IdFirst =>
  (positionals) =>
    positionals.length > max;

/** A command only the Python CLI has: without `--sandbox`, its first positional is always the id. */
export const idAlways: IdFirst = (positionals) => positionals.length > 0;

export const SANDBOX_JSON =
  "{sandbox_id, id, status, template_name, template_id, region, public_host, created_at, expires_at, " +
  "timeout_seconds, resources, …} (the REST API's sandbox, snake_case; never the agent token)";
