// Help pages, rendered from the command table (spec.ts) alone: printing them loads no SDK code.
import { GLOBAL_FLAGS, NOUNS, type Noun, type Verb } from "./spec.js";

const EXIT_CODES =
  "Exit codes: 0 ok, 1 failure, 2 usage, 3 authentication, 4 not found, 5 timeout, 6 network, " +
  "7 rate limited, 130 interrupted, 141 output pipe closed; `run` and `cmd run` exit with the code's own status.";

const table = (rows: ReadonlyArray<readonly [string, string]>, indent = "  "): string => {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`).join("\n");
};

/** Verb names as listed: the Python CLI's `config profiles …` duplicates of `config profile …` left out. */
const listedVerbs = (noun: Noun): string[] =>
  Object.keys(noun.verbs ?? {}).filter((verb) => !verb.startsWith("profiles "));

export function mainHelp(): string {
  const commands = Object.entries(NOUNS)
    .filter(([, noun]) => !noun.hidden)
    .map(([name, noun]): [string, string] => [
      noun.aliases ? `${name} (${noun.aliases.join(", ")})` : name,
      noun.verbs ? `${noun.summary}: ${listedVerbs(noun).join(", ")}` : noun.summary,
    ]);
  return [
    "Hopx CLI (hopx-client): HopX cloud sandboxes from the command line",
    "",
    "Usage: hopx <command> [verb] [arguments] [options]",
    "",
    "The commands, options and JSON of HopX's official CLI (@hopx-ai/cli 0.2); the Python hopx-cli's forms",
    "(the sandbox id first) work too, and where the two differ the 0.2 form wins.",
    "",
    "Commands:",
    table(commands),
    "",
    "Options (every command):",
    table(GLOBAL_FLAGS),
    "",
    "Examples:",
    "  hopx sandbox create --template python -o json | jq -r .sandbox_id",
    '  hopx run "print(1)"',
    "  hopx files write /workspace/a.txt --content hello -s sbx_123",
    "  hopx sandbox --help",
    "",
    "Account commands (org, members, billing, usage, profile, auth api-keys, init, self-update) call endpoints",
    "outside the public APIs and exit 2.",
    "",
    EXIT_CODES,
    "",
  ].join("\n");
}

export function nounHelp(name: string, noun: Noun): string {
  if (noun.self && !noun.verbs) return verbHelp(name, noun.self);
  const verbs = listedVerbs(noun).map((verb): [string, string] => {
    const spec = noun.verbs![verb]!;
    return [`${verb} ${spec.args ?? ""}`.trimEnd(), spec.summary];
  });
  const aliases = noun.aliases ? ` (alias: ${noun.aliases.join(", ")})` : "";
  const others = Object.entries(noun.verbAliases ?? {}).map(([alias, verb]) => `${alias} = ${verb}`);
  return [
    `hopx ${name}: ${noun.summary}${aliases}`,
    "",
    `Usage: hopx ${name} ${noun.self ? "[verb]" : "<verb>"} [arguments] [options]`,
    ...(noun.self ? ["", `Without a verb: ${noun.self.summary}`] : []),
    "",
    "Verbs:",
    table(verbs),
    ...(others.length > 0 ? ["", `Other names: ${others.join(", ")}`] : []),
    "",
    "Examples:",
    ...[...(noun.self ? [noun.self] : []), ...Object.values(noun.verbs ?? {})]
      .slice(0, 3)
      .map((verb) => `  ${verb.examples[0]}`),
    "",
    `Run \`hopx ${name} <verb> --help\` for a verb's options and JSON.`,
    "",
  ].join("\n");
}

export function verbHelp(command: string, verb: Verb): string {
  const flags = verb.flags ?? [];
  return [
    `hopx ${command}: ${verb.summary}`,
    "",
    `Usage: hopx ${command} ${verb.args ?? ""}${flags.length > 0 ? " [options]" : ""}`.replace(/ +/g, " ").trimEnd(),
    ...(flags.length > 0 ? ["", "Options:", table(flags)] : []),
    ...(verb.note ? ["", verb.note] : []),
    ...(verb.json ? ["", `JSON (-o json): ${verb.json}`] : []),
    "",
    "Global options: -o table|json|plain, --api-key, --profile, --base-url, --request-timeout, --quiet, --verbose, " +
      "--no-color",
    "",
    "Examples:",
    ...verb.examples.map((example) => `  ${example}`),
    "",
    EXIT_CODES,
    "",
  ].join("\n");
}

/** The one line an account command prints (it exits 2). */
export function accountLine(command: string): string {
  return (
    `hopx: "hopx ${command}" is not available: it calls endpoints outside both public HopX APIs (control plane ` +
    "and VM agent)\n"
  );
}
