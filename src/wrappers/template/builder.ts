// The Template builder (official names): a description of an image, compiled to the build request's
// `from_image`, `steps`, `startCmd` and `readyCmd`. Nothing here touches the network or the file system.
import { checkDurationMs } from "../../runtime/guards.js";
import type { BuildStep, ReadyCheck, RegistryCredentials } from "../../../generated/control-plane/index.js";
import { invalidArgument } from "../../runtime/errors.js";
import { hopxFor } from "../hopx.js";
import { clientOptionsOf } from "../sandbox-options.js";
import { buildTemplate, type BuildOptions, type BuildResult } from "./build.js";

export interface RegistryAuth {
  username: string;
  password: string;
}
export interface GCPRegistryAuth {
  /** The service-account key, as JSON text or parsed. */
  serviceAccountJSON: string | object;
}
export interface AWSRegistryAuth {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  sessionToken?: string;
}
export interface CopyOptions {
  owner?: string;
  permissions?: string;
}

/** A COPY step before its sources are hashed and uploaded. */
export interface PendingCopy {
  kind: "copy";
  sources: string[];
  dest: string;
  options: CopyOptions;
  skipCache: boolean;
}
export type TemplateStep = { kind: "step"; step: BuildStep } | PendingCopy;

const flat = (packages: ReadonlyArray<string | readonly string[]>): string[] =>
  packages.flat().filter((p) => p.length > 0);
/** Single-quotes a word for sh, so package names and paths cannot inject commands. */
const quote = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

export class Template {
  #fromImage: string | undefined;
  #registry: RegistryCredentials | undefined;
  readonly #steps: TemplateStep[] = [];
  #startCmd: string | undefined;
  #readyCheck: ReadyCheck | undefined;
  readonly #metadata: Record<string, string> = {};

  constructor(fromImage?: string) {
    if (fromImage !== undefined) this.#setImage(fromImage);
  }

  fromUbuntuImage(version: string): this {
    return this.#setImage(`ubuntu:${version}`);
  }
  fromPythonImage(version: string): this {
    return this.#setImage(`python:${version}`);
  }
  fromNodeImage(version: string): this {
    return this.#setImage(`node:${version}`);
  }
  fromImage(image: string): this {
    return this.#setImage(image);
  }
  fromPrivateImage(image: string, auth: RegistryAuth): this {
    this.#registry = { type: "basic", username: auth.username, password: auth.password };
    return this.#setImage(image);
  }
  /** GCP Artifact/Container Registry: username `_json_key`, the key JSON as password (as HopX expects). */
  fromGCPPrivateImage(image: string, auth: GCPRegistryAuth): this {
    const password =
      typeof auth.serviceAccountJSON === "string" ? auth.serviceAccountJSON : JSON.stringify(auth.serviceAccountJSON);
    this.#registry = { type: "basic", username: "_json_key", password };
    return this.#setImage(image);
  }
  fromAWSPrivateImage(image: string, auth: AWSRegistryAuth): this {
    this.#registry = { type: "basic", username: auth.accessKeyId, password: auth.secretAccessKey };
    return this.#setImage(image);
  }

  /** Copies local files or directories (relative to the build's `contextPath`) into the image. */
  copy(src: string | string[], dest: string, options: CopyOptions = {}): this {
    const sources = (Array.isArray(src) ? src : [src]).filter((s) => s.length > 0);
    if (sources.length === 0) throw invalidArgument("copy() needs at least one source");
    if (!dest) throw invalidArgument("copy() needs a destination");
    this.#steps.push({ kind: "copy", sources, dest, options, skipCache: false });
    return this;
  }
  runCmd(cmd: string): this {
    if (!cmd.trim()) throw invalidArgument("runCmd() needs a command");
    return this.#push({ type: "RUN", args: [cmd] });
  }
  setEnv(key: string, value: string): this {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw invalidArgument(`setEnv(): "${key}" is not a valid variable name`);
    return this.#push({ type: "ENV", args: [key, value] });
  }
  setEnvs(vars: Record<string, string>): this {
    for (const [key, value] of Object.entries(vars)) this.setEnv(key, value);
    return this;
  }
  setWorkdir(dir: string): this {
    return this.#push({ type: "WORKDIR", args: [dir] });
  }
  setUser(user: string): this {
    return this.#push({ type: "USER", args: [user] });
  }
  aptInstall(...packages: Array<string | string[]>): this {
    const list = flat(packages);
    if (list.length === 0) throw invalidArgument("aptInstall() needs at least one package");
    return this.runCmd(
      `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${list.map(quote).join(" ")}`,
    );
  }
  pipInstall(...packages: Array<string | string[]>): this {
    const list = flat(packages);
    return this.runCmd(
      list.length === 0
        ? "pip install --no-cache-dir -r requirements.txt"
        : `pip install --no-cache-dir ${list.map(quote).join(" ")}`,
    );
  }
  npmInstall(...packages: Array<string | string[]>): this {
    const list = flat(packages);
    return this.runCmd(list.length === 0 ? "npm install" : `npm install -g ${list.map(quote).join(" ")}`);
  }
  goInstall(packages: string[]): this {
    if (packages.length === 0) throw invalidArgument("goInstall() needs at least one package");
    return this.runCmd(packages.map((p) => `go install ${quote(p)}`).join(" && "));
  }
  cargoInstall(packages: string[]): this {
    if (packages.length === 0) throw invalidArgument("cargoInstall() needs at least one package");
    return this.runCmd(`cargo install ${packages.map(quote).join(" ")}`);
  }
  gitClone(url: string, dest: string): this {
    return this.runCmd(`git clone ${quote(url)} ${quote(dest)}`);
  }
  /** Rebuilds the previous step even when cached. */
  skipCache(): this {
    const last = this.#steps.at(-1);
    if (!last) throw invalidArgument("skipCache() must follow a step");
    if (last.kind === "copy") last.skipCache = true;
    else this.#steps[this.#steps.length - 1] = { kind: "step", step: { ...last.step, skipCache: true } as BuildStep };
    return this;
  }
  addMetadata(key: string, value: string): this {
    this.#metadata[key] = value;
    return this;
  }
  getMetadata(): Record<string, string> {
    return { ...this.#metadata };
  }
  setStartCmd(cmd: string, ready?: ReadyCheck): this {
    this.#startCmd = cmd;
    this.#readyCheck = ready;
    return this;
  }
  getFromImage(): string | undefined {
    return this.#fromImage;
  }
  getRegistryAuth(): RegistryCredentials | undefined {
    return this.#registry ? { ...this.#registry } : undefined;
  }
  getSteps(): TemplateStep[] {
    return this.#steps.map((step) => ({ ...step }));
  }
  getStartCmd(): string | undefined {
    return this.#startCmd;
  }
  getReadyCheck(): ReadyCheck | undefined {
    return this.#readyCheck;
  }

  /** Uploads COPY sources, builds, follows the logs and waits until the template is active. */
  static async build(template: Template, options: BuildOptions): Promise<BuildResult> {
    return buildTemplate(hopxFor(clientOptionsOf(options)), template, options);
  }

  /** The checks HopX applies before building, done here so a bad template fails before any upload. */
  validate(): void {
    if (!this.#fromImage) throw invalidArgument("template has no base image (use fromImage/fromUbuntuImage/…)");
    if (/alpine/i.test(this.#fromImage)) throw invalidArgument("Alpine images are not supported by HopX (glibc only)");
    const doesWork = this.#steps.some((s) => s.kind === "copy" || !["ENV", "WORKDIR", "USER"].includes(s.step.type));
    if (!doesWork) throw invalidArgument("template needs at least one step other than ENV, WORKDIR or USER");
  }

  #setImage(image: string): this {
    if (!image.trim()) throw invalidArgument("base image must not be empty");
    this.#fromImage = image;
    return this;
  }
  #push(step: BuildStep): this {
    this.#steps.push({ kind: "step", step });
    return this;
  }
}

/** Same as `new Template(fromImage)`. */
export function createTemplate(fromImage?: string): Template {
  return new Template(fromImage);
}

// Ready checks for setStartCmd (official helper names). Times are milliseconds (the wire's `timeout`).
const readyTimeout = (timeoutMs: number | undefined): { timeout?: number } =>
  timeoutMs === undefined ? {} : { timeout: checkDurationMs("ready check: timeoutMs", timeoutMs) };
export const waitForPort = (port: number, timeoutMs?: number): ReadyCheck => ({
  type: "port",
  port,
  ...readyTimeout(timeoutMs),
});
export const waitForURL = (url: string, timeoutMs?: number): ReadyCheck => ({
  type: "url",
  url,
  ...readyTimeout(timeoutMs),
});
export const waitForFile = (path: string, timeoutMs?: number): ReadyCheck => ({
  type: "file",
  path,
  ...readyTimeout(timeoutMs),
});
/** Sends both spellings of the process name key (HopX's two SDKs disagree; the spec accepts both). */
export const waitForProcess = (name: string, timeoutMs?: number): ReadyCheck => ({
  type: "process",
  processName: name,
  name,
  ...readyTimeout(timeoutMs),
});
export const waitForCommand = (command: string, timeoutMs?: number): ReadyCheck => ({
  type: "command",
  command,
  ...readyTimeout(timeoutMs),
});
