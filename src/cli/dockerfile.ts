// `hopx template build --dockerfile PATH`: the instructions a HopX template has a step for, mapped onto the
// SDK's Template builder (FROM, RUN, ENV, WORKDIR, USER, COPY/ADD of local paths, CMD/ENTRYPOINT as the start
// command). Anything else is refused by name rather than silently dropped.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Template } from "hopx-client";
import { UsageError } from "./args.js";
import type { SdkModule } from "./context.js";
import { CliError, EXIT } from "./exit-codes.js";

const COMMAND = "template build";
/** Instructions with no effect on what a sandbox runs (image metadata). */
const IGNORED = new Set(["LABEL", "EXPOSE", "ARG", "VOLUME", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "MAINTAINER"]);

/** Logical lines: continuations joined, comments and blanks dropped. */
function instructions(text: string): string[] {
  const out: string[] = [];
  let pending = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    out.push(`${pending}${line}`.trim());
    pending = "";
  }
  if (pending.trim() !== "") out.push(pending.trim());
  return out;
}

/** `["a", "b"]` (exec form) becomes `a b`; the shell form stays as written. */
const commandLine = (rest: string): string => {
  if (!rest.startsWith("[")) return rest;
  try {
    const words = JSON.parse(rest) as unknown;
    if (Array.isArray(words) && words.every((w) => typeof w === "string"))
      return words.map((w) => (/\s/.test(w) ? JSON.stringify(w) : w)).join(" ");
  } catch {
    // Not JSON: Docker runs it with a shell too.
  }
  return rest;
};

function envPairs(rest: string): Array<[string, string]> {
  if (!/^\S+=/.test(rest)) {
    const [name, ...value] = rest.split(/\s+/);
    return [[name!, value.join(" ")]];
  }
  return [...rest.matchAll(/(\S+?)=("(?:[^"\\]|\\.)*"|\S*)/g)].map(([, k, v]) => [
    k!,
    v!.startsWith('"') ? (JSON.parse(v!) as string) : v!,
  ]);
}

export async function templateFromDockerfile(
  sdk: SdkModule,
  path: string,
): Promise<{ template: Template; contextPath: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new CliError(`no such Dockerfile: ${path}`, EXIT.NOT_FOUND);
  }
  let template: Template | undefined;
  const need = (instruction: string): Template => {
    if (!template) throw new UsageError(`${path}: ${instruction} before FROM`, COMMAND);
    return template;
  };
  for (const line of instructions(text)) {
    const [word, ...restWords] = line.split(/\s+/);
    const instruction = word!.toUpperCase();
    const rest = line.slice(word!.length).trim();
    switch (instruction) {
      case "FROM":
        template = new sdk.Template(restWords[0]);
        break;
      case "RUN":
        need(instruction).runCmd(commandLine(rest));
        break;
      case "ENV":
        for (const [k, v] of envPairs(rest)) need(instruction).setEnv(k, v);
        break;
      case "WORKDIR":
        need(instruction).setWorkdir(rest);
        break;
      case "USER":
        need(instruction).setUser(rest);
        break;
      case "COPY":
      case "ADD": {
        const words = restWords.filter((w) => !w.startsWith("--"));
        if (words.length < 2) throw new UsageError(`${path}: ${instruction} needs a source and a destination`, COMMAND);
        const dest = words.pop()!;
        need(instruction).copy(words.length === 1 ? words[0]! : words, dest);
        break;
      }
      case "CMD":
      case "ENTRYPOINT":
        need(instruction).setStartCmd(commandLine(rest));
        break;
      default:
        if (!IGNORED.has(instruction))
          throw new UsageError(`${path}: ${instruction} has no HopX template step`, COMMAND);
    }
  }
  if (!template) throw new UsageError(`${path} has no FROM`, COMMAND);
  return { template, contextPath: dirname(resolve(path)) };
}
