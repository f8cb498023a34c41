// Splits a command line into noun, verb, options and positionals with node:util's parseArgs (built into
// Node >= 18.3: nothing to install, nothing to load at start-up), and turns every parse failure into a
// UsageError (exit 2) that names the command whose --help explains it. Both official grammars go through
// here: the 0.2 form (`-s ID`) and the Python CLI's (sandbox id first), decided per verb (grammar/).
import { parseArgs } from "node:util";
import { GLOBAL_OPTIONS, NOUNS, nounName, type Noun, type Values, type Verb } from "./spec.js";

export type { Values } from "./spec.js";

export class UsageError extends Error {
  /** The command whose help would have avoided this ("sandbox list"), if known. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
}

export interface CommandLine {
  noun?: string;
  verb?: string;
  /** The verb as typed, when it was another name of `verb` (`get` for `download`). */
  verbWord?: string;
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

/** Indices of the first three words that are neither options nor values of global options. */
function commandWords(argv: readonly string[]): number[] {
  const words: number[] = [];
  for (let i = 0; i < argv.length && words.length < 3; i++) {
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

/** `-e A=1 B=2` (commander's variadic options) becomes `-e A=1 -e B=2`, which parseArgs reads. */
function expandVariadic(args: string[], spec: Verb | undefined): string[] {
  if (!spec?.variadic) return args;
  const flags = new Set(
    spec.variadic.flatMap((name) => {
      const short = spec.options?.[name]?.short;
      return [`--${name}`, ...(short ? [`-${short}`] : [])];
    }),
  );
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    out.push(token);
    if (!flags.has(token) || i + 1 >= args.length) continue;
    out.push(args[++i]!);
    while (i + 1 < args.length && !args[i + 1]!.startsWith("-") && args[i + 1]!.includes("="))
      out.push(token, args[++i]!);
  }
  return out;
}

function parse(args: string[], spec: Verb | undefined, command: string | undefined): Omit<CommandLine, "noun"> {
  try {
    const { values, positionals } = parseArgs({
      args: expandVariadic(args, spec),
      // A verb's own option of the same name wins (`files read -o FILE`, `config show -p NAME`).
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

interface Resolved {
  name: string;
  verb: Verb;
  /** argv indices the verb took (one word, or two for `config profile list`). */
  used: number[];
  word: string;
}

function resolveVerb(noun: Noun, nounWord: string, argv: readonly string[], words: number[]): Resolved | undefined {
  const [first, second] = words.map((i) => argv[i]!);
  if (first === undefined) return undefined;
  const verbs = noun.verbs ?? {};
  const pair = second === undefined ? undefined : `${first} ${second}`;
  if (pair !== undefined && Object.hasOwn(verbs, pair))
    return { name: pair, verb: verbs[pair]!, used: words, word: pair };
  const name = noun.verbAliases?.[first] ?? first;
  if (Object.hasOwn(verbs, name)) return { name, verb: verbs[name]!, used: [words[0]!], word: first };
  if (noun.self) return undefined;
  throw new UsageError(`unknown command "${nounWord} ${first}"`, nounWord);
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const words = commandWords(argv);
  const nounIndex = words[0];
  if (nounIndex === undefined) return parse([...argv], undefined, undefined);
  const nounWord = argv[nounIndex]!;
  const noun = nounName(nounWord);
  if (!noun) throw new UsageError(`unknown command "${nounWord}"`);
  const nounSpec = NOUNS[noun]!;
  // Account commands are refused whatever follows: their options are not ours to check.
  if (nounSpec.self?.account) return { noun, spec: nounSpec.self, positionals: [], values: {} };
  const resolved = nounSpec.verbs ? resolveVerb(nounSpec, nounWord, argv, words.slice(1)) : undefined;
  if (resolved?.verb.account) return { noun, verb: resolved.name, spec: resolved.verb, positionals: [], values: {} };
  if (!resolved) {
    const rest = argv.filter((_, i) => i !== nounIndex);
    if (!nounSpec.self) return { noun, ...parse(rest, undefined, noun) };
    return { noun, spec: nounSpec.self, ...finish(parse(rest, nounSpec.self, noun), nounSpec.self, noun) };
  }
  const rest = argv.filter((_, i) => i !== nounIndex && !resolved.used.includes(i));
  const command = `${noun} ${resolved.name}`;
  const line = finish(parse(rest, resolved.verb, command), resolved.verb, command);
  return {
    noun,
    verb: resolved.name,
    ...(resolved.word !== resolved.name ? { verbWord: resolved.word } : {}),
    spec: resolved.verb,
    ...line,
  };
}

/** Applies the Python CLI's sandbox-id-first form where the verb accepts it, then checks the counts. */
function finish(parsed: Omit<CommandLine, "noun">, spec: Verb, command: string): Omit<CommandLine, "noun"> {
  if (parsed.values.help) return parsed;
  let max = spec.max ?? 0;
  const { positionals, values } = parsed;
  if (spec.idFirst && values.sandbox === undefined && spec.idFirst(positionals, values)) {
    values.sandbox = positionals.shift();
    max = spec.idMax ?? max;
  }
  const count = positionals.length;
  const min = spec.min ?? 0;
  if (count < min) throw new UsageError(`missing argument: hopx ${command} ${spec.args ?? ""}`.trimEnd(), command);
  if (count > max) throw new UsageError(`unexpected argument "${positionals[max]}"`, command);
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
