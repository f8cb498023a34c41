// Splits a command line into noun, verb, options and positionals with node:util's parseArgs (built into
// Node >= 18.3: nothing to install, nothing to load at start-up), and turns every parse failure into a
// UsageError (exit 2) that names the command whose --help explains it.
import { parseArgs } from "node:util";
import { GLOBAL_OPTIONS, NOUNS, nounName, type Noun, type Verb } from "./spec.js";

export class UsageError extends Error {
  /** The command whose help would have avoided this ("sandbox list"), if known. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface CommandLine {
  noun?: string;
  verb?: string;
  spec?: Verb;
  positionals: string[];
  values: Values;
}

/** Global options that take a value: the word after them is not the command. */
const VALUE_GLOBALS = new Set(
  Object.entries(GLOBAL_OPTIONS).flatMap(([name, option]) =>
    option.type === "string" ? [`--${name}`, ...(option.short ? [`-${option.short}`] : [])] : [],
  ),
);

/** Indices of the first two words that are neither options nor values of global options. */
function commandWords(argv: readonly string[]): number[] {
  const words: number[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const token = argv[i]!;
    if (token === "--") break;
    if (token.startsWith("-") && token !== "-") {
      if (VALUE_GLOBALS.has(token)) i++;
      continue;
    }
    words.push(i);
  }
  return words;
}

function parse(args: string[], spec: Verb | undefined, command: string | undefined): Omit<CommandLine, "noun"> {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...spec?.options },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as Values };
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0]!.replace(/\. To specify .*$/, "") : String(err);
    throw new UsageError(message, command);
  }
}

function resolveVerb(noun: Noun, nounWord: string, word: string | undefined): [string, Verb] | undefined {
  if (word === undefined) return undefined;
  const name = noun.verbAliases?.[word] ?? word;
  const verb = noun.verbs && Object.hasOwn(noun.verbs, name) ? noun.verbs[name] : undefined;
  if (!verb) throw new UsageError(`unknown command "${nounWord} ${word}"`, nounWord);
  return [name, verb];
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const words = commandWords(argv);
  const nounIndex = words[0];
  if (nounIndex === undefined) return parse([...argv], undefined, undefined);
  const nounWord = argv[nounIndex]!;
  const noun = nounName(nounWord);
  if (!noun) throw new UsageError(`unknown command "${nounWord}"`);
  const nounSpec = NOUNS[noun]!;
  let rest = argv.filter((_, i) => i !== nounIndex);
  if (nounSpec.self) {
    const parsed = parse(rest, nounSpec.self, noun);
    return { noun, spec: nounSpec.self, ...checkCount(parsed, nounSpec.self, noun) };
  }
  const verbIndex = words[1];
  const verb = resolveVerb(nounSpec, nounWord, verbIndex === undefined ? undefined : argv[verbIndex]);
  if (!verb) return { noun, ...parse(rest, undefined, noun) };
  rest = argv.filter((_, i) => i !== nounIndex && i !== verbIndex);
  const [verbName, spec] = verb;
  const command = `${noun} ${verbName}`;
  return { noun, verb: verbName, spec, ...checkCount(parse(rest, spec, command), spec, command) };
}

function checkCount(parsed: Omit<CommandLine, "noun">, spec: Verb, command: string): Omit<CommandLine, "noun"> {
  if (parsed.values.help) return parsed;
  const count = parsed.positionals.length;
  const min = spec.min ?? 0;
  const max = spec.max ?? 0;
  if (count < min) throw new UsageError(`missing argument: hopx ${command} ${spec.args ?? ""}`.trimEnd(), command);
  if (count > max) throw new UsageError(`unexpected argument "${parsed.positionals[max]}"`, command);
  return parsed;
}

/** A whole-number option value (seconds, counts), or a UsageError naming the option. */
export function integer(values: Values, name: string, command: string, min = 1): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || !/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min)
    throw new UsageError(`--${name} must be a whole number >= ${min}, got "${String(raw)}"`, command);
  return value;
}

export function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** `K=V` words as a map; a word without `=` or with an empty name is a UsageError. */
export function pairs(words: readonly string[], command: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of words) {
    const at = word.indexOf("=");
    if (at <= 0) throw new UsageError(`expected NAME=VALUE, got "${word}"`, command);
    out[word.slice(0, at)] = word.slice(at + 1);
  }
  return out;
}
