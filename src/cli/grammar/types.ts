// The shape of the command table: what a noun and a verb declare. Parsing (args.ts) and help (help.ts) read
// only this data, so neither loads the SDK.
import type { ParseArgsConfig } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * When the Python CLI's form (the sandbox id as the first positional) applies to a command line that has no
 * `--sandbox`: given the positionals and option values, whether the first positional is the sandbox id.
 */
export type IdFirst = (positionals: readonly string[], values: Values) => boolean;

export interface Verb {
  summary: string;
  /** Positional arguments as shown in usage, e.g. "<sandbox-id> <seconds>". */
  args?: string;
  /** Required and allowed counts of positional arguments (the official 0.2 form; `--sandbox` given). */
  min?: number;
  max?: number;
  options?: Options;
  /** Option help lines, `flag` then text. */
  flags?: Array<[string, string]>;
  /** Examples, the official form first. */
  examples: string[];
  /** The Python CLI's sandbox-id-first form, when this command accepts it. */
  idFirst?: IdFirst;
  /** Most positionals after the id in the Python form (default `max`). */
  idMax?: number;
  /** `-o/--output` is this command's own (a local file), as in `files read -o out.txt`. */
  ownOutput?: boolean;
  /** Options whose value may be several words (`-e A=1 B=2`, commander's variadic options). */
  variadic?: string[];
  /** The `-o json` document, for the help page. */
  json?: string;
  /** A line for the help page: a collision with the Python CLI, a default that differs … */
  note?: string;
  /** Calls endpoints outside both public APIs: one line, exit 2. */
  account?: boolean;
}

export interface Noun {
  summary: string;
  aliases?: string[];
  /** A noun with verbs (`hopx sandbox list`). */
  verbs?: Record<string, Verb>;
  /** The noun as a command of its own (`hopx run`); with verbs too, used when no verb word follows. */
  self?: Verb;
  /** Other names of verbs: the Python CLI's and our earlier spellings. */
  verbAliases?: Record<string, string>;
  /** Not listed in `hopx --help` (our older spellings, account commands). */
  hidden?: boolean;
}
