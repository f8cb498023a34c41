// Help pages, rendered from the command table (spec.ts) alone: printing them loads no SDK code.
import { GLOBAL_FLAGS, NOUNS, type Noun, type Verb } from "./spec.js";

const EXIT_CODES =
  "Exit codes: 0 ok, 1 failure, 2 usage, 3 authentication, 4 not found, 5 timeout, 6 network, " +
  "7 rate limited, 130 interrupted, 141 output pipe closed; `run` and `cmd run` exit with the code's own status.";

const table = (rows: ReadonlyArray<readonly [string, string]>, indent = "  "): string => {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`).join("\n");
};

export function mainHelp(): string {
  const commands = Object.entries(NOUNS).map(([name, noun]): [string, string] => [
    noun.aliases ? `${name} (${noun.aliases.join(", ")})` : name,
    noun.verbs ? `${noun.summary}: ${Object.keys(noun.verbs).join(", ")}` : noun.summary,
  ]);
  return [
    "hopx: HopX cloud sandboxes from the command line (built on the hopx-client SDK)",
    "",
    "Usage: hopx <command> [verb] [arguments] [options]",
    "",
    "Commands:",
    table(commands),
    "",
    "Options (every command):",
    table(GLOBAL_FLAGS),
    "",
    "Examples:",
    '  hopx run "print(1)"',
    "  hopx sandbox list -o json",
    "  hopx files put ./data.csv /workspace/data.csv -s sbx_123",
    "  hopx sandbox --help",
    "",
    EXIT_CODES,
    "",
  ].join("\n");
}

export function nounHelp(name: string, noun: Noun): string {
  if (noun.self) return verbHelp(name, noun.self);
  const verbs = Object.entries(noun.verbs ?? {}).map(([verb, spec]): [string, string] => [
    `${verb} ${spec.args ?? ""}`.trimEnd(),
    spec.summary,
  ]);
  const aliases = noun.aliases ? ` (alias: ${noun.aliases.join(", ")})` : "";
  return [
    `hopx ${name}: ${noun.summary}${aliases}`,
    "",
    `Usage: hopx ${name} <verb> [arguments] [options]`,
    "",
    "Verbs:",
    table(verbs),
    "",
    "Examples:",
    ...Object.values(noun.verbs ?? {})
      .slice(0, 3)
      .map((verb) => `  ${verb.examples[0]}`),
    "",
    `Run \`hopx ${name} <verb> --help\` for a verb's options.`,
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
    "",
    "Global options: -o table|json|plain, --api-key, --base-url, --profile, --request-timeout, --debug, --no-color",
    "",
    "Examples:",
    ...verb.examples.map((example) => `  ${example}`),
    "",
    EXIT_CODES,
    "",
  ].join("\n");
}
