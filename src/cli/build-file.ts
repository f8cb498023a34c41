// A template build file (JSON, or YAML when the `yaml` package is installed) mapped onto the SDK's
// Template builder, so a file says what a program would write with `new Template()...`:
//
//   { "name": "my-app", "from": "python:3.12", "cpu": 2, "memory": 2048, "diskGB": 10,
//     "steps": [ { "apt": ["curl"] }, { "copy": { "src": "app", "dest": "/app" } }, { "pip": ["flask"] },
//                { "env": { "PORT": "8000" } }, { "workdir": "/app" }, { "run": "make" } ],
//     "start": { "cmd": "python /app/main.py", "ready": { "port": 8000 } } }
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import type { Template } from "hopx-client";
import { UsageError } from "./args.js";
import type { SdkModule } from "./context.js";
import { CliError, EXIT } from "./exit-codes.js";

export const BUILD_FILES = ["hopx.json", "hopx.yaml", "hopx.yml", "template.json", "template.yaml", "template.yml"];
const COMMAND = "template build";

export interface BuildFile {
  template: Template;
  /** Directory COPY sources are relative to: the build file's own. */
  contextPath: string;
  name?: string;
  cpu?: number;
  memory?: number;
  diskGB?: number;
}

type Json = Record<string, unknown>;

const bad = (message: string): UsageError => new UsageError(`build file: ${message}`, COMMAND);

async function locate(target: string): Promise<string> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new CliError(`no such file or directory: ${target}`, EXIT.NOT_FOUND);
  if (info.isFile()) return resolve(target);
  for (const name of BUILD_FILES) {
    const path = join(target, name);
    if ((await stat(path).catch(() => undefined))?.isFile()) return resolve(path);
  }
  throw new CliError(`${target} holds none of ${BUILD_FILES.join(", ")}`, EXIT.NOT_FOUND);
}

async function parseYaml(text: string, path: string): Promise<unknown> {
  let yaml: { parse(text: string): unknown };
  try {
    // Optional: YAML is read only where the `yaml` package is installed (it is 100 kB, the CLI's whole budget).
    const name = "yaml";
    yaml = (await import(name)) as { parse(text: string): unknown };
  } catch {
    throw new CliError(
      `${path}: YAML build files need the \`yaml\` package (npm i yaml); or write it as JSON`,
      EXIT.USAGE,
    );
  }
  return yaml.parse(text);
}

const strings = (value: unknown, what: string): string[] => {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item) => typeof item === "string" && item !== ""))
    throw bad(`${what} takes a string or a list of strings`);
  return list as string[];
};
const string = (value: unknown, what: string): string => {
  if (typeof value !== "string" || value === "") throw bad(`${what} must be a non-empty string`);
  return value;
};
const number = (value: unknown, what: string): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
    throw bad(`${what} must be a positive number`);
  return value;
};
const object = (value: unknown, what: string): Json => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad(`${what} must be an object`);
  return value as Json;
};

function step(template: Template, raw: unknown, index: number): void {
  const entry = object(raw, `steps[${index}]`);
  const keys = Object.keys(entry);
  if (keys.length !== 1)
    throw bad(`steps[${index}] must have exactly one key (run, copy, env …), got ${keys.join(", ") || "none"}`);
  const kind = keys[0]!;
  const value = entry[kind];
  const at = `steps[${index}].${kind}`;
  switch (kind) {
    case "run":
      for (const cmd of strings(value, at)) template.runCmd(cmd);
      return;
    case "copy": {
      const copy: Json = Array.isArray(value) ? { src: value[0], dest: value[1] } : object(value, at);
      const src = Array.isArray(copy.src) ? strings(copy.src, `${at}.src`) : string(copy.src, `${at}.src`);
      template.copy(src, string(copy.dest, `${at}.dest`), {
        ...(typeof copy.owner === "string" ? { owner: copy.owner } : {}),
        ...(typeof copy.permissions === "string" ? { permissions: copy.permissions } : {}),
      });
      return;
    }
    case "env":
      for (const [k, v] of Object.entries(object(value, at))) template.setEnv(k, String(v));
      return;
    case "workdir":
      template.setWorkdir(string(value, at));
      return;
    case "user":
      template.setUser(string(value, at));
      return;
    case "apt":
      template.aptInstall(strings(value, at));
      return;
    case "pip":
      template.pipInstall(strings(value, at));
      return;
    case "npm":
      template.npmInstall(strings(value, at));
      return;
    case "go":
      template.goInstall(strings(value, at));
      return;
    case "cargo":
      template.cargoInstall(strings(value, at));
      return;
    case "gitClone": {
      const clone = object(value, at);
      template.gitClone(string(clone.url, `${at}.url`), string(clone.dest, `${at}.dest`));
      return;
    }
    case "skipCache":
      template.skipCache();
      return;
    default:
      throw bad(`${at}: unknown step (run, copy, env, workdir, user, apt, pip, npm, go, cargo, gitClone, skipCache)`);
  }
}

function ready(sdk: SdkModule, raw: unknown): ReturnType<SdkModule["waitForPort"]> | undefined {
  if (raw === undefined) return undefined;
  const check = object(raw, "start.ready");
  const timeoutMs = number(check.timeoutMs, "start.ready.timeoutMs");
  if (check.port !== undefined) return sdk.waitForPort(number(check.port, "start.ready.port")!, timeoutMs);
  if (check.url !== undefined) return sdk.waitForURL(string(check.url, "start.ready.url"), timeoutMs);
  if (check.file !== undefined) return sdk.waitForFile(string(check.file, "start.ready.file"), timeoutMs);
  if (check.process !== undefined) return sdk.waitForProcess(string(check.process, "start.ready.process"), timeoutMs);
  if (check.command !== undefined) return sdk.waitForCommand(string(check.command, "start.ready.command"), timeoutMs);
  throw bad("start.ready needs one of port, url, file, process, command");
}

const KNOWN = new Set(["name", "from", "fromImage", "cpu", "memory", "diskGB", "steps", "start", "metadata"]);

export function templateOf(sdk: SdkModule, raw: unknown): Omit<BuildFile, "contextPath"> {
  const file = object(raw, "the file");
  for (const key of Object.keys(file))
    if (!KNOWN.has(key)) throw bad(`unknown key "${key}" (${[...KNOWN].join(", ")})`);
  const template = new sdk.Template(string(file.from ?? file.fromImage, "from"));
  const steps = file.steps ?? [];
  if (!Array.isArray(steps)) throw bad("steps must be a list");
  for (const [i, s] of steps.entries()) step(template, s, i);
  if (file.start !== undefined) {
    const start = object(file.start, "start");
    template.setStartCmd(string(start.cmd, "start.cmd"), ready(sdk, start.ready));
  }
  for (const [k, v] of Object.entries(file.metadata === undefined ? {} : object(file.metadata, "metadata")))
    template.addMetadata(k, String(v));
  const cpu = number(file.cpu, "cpu");
  const memory = number(file.memory, "memory");
  const diskGB = number(file.diskGB, "diskGB");
  return {
    template,
    ...(file.name !== undefined ? { name: string(file.name, "name") } : {}),
    ...(cpu !== undefined ? { cpu } : {}),
    ...(memory !== undefined ? { memory } : {}),
    ...(diskGB !== undefined ? { diskGB } : {}),
  };
}

export async function readBuildFile(sdk: SdkModule, target: string): Promise<BuildFile> {
  const path = await locate(target);
  const text = await readFile(path, "utf8");
  let raw: unknown;
  if (extname(path) === ".json") {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw bad(`${path} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  } else {
    raw = await parseYaml(text, path);
  }
  return { ...templateOf(sdk, raw), contextPath: dirname(path) };
}
