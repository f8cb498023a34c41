// The Template builder (official names): a description of an image, compiled to the build request's
// `from_image`, `steps`, `startCmd` and `readyCmd`. Nothing here touches the network or the file system.
import { checkDurationMs } from "../../runtime/guards.js";
import type { BuildStep, ReadyCheck, RegistryCredentials } from "../../../generated/control-plane/index.js";
import { invalidArgument } from "../../runtime/errors.js";
import { hopxFor } from "../hopx.js";
import { clientOptionsOf } from "../sandbox-options.js";
import { buildTemplate, type BuildOptions, type BuildResult } from "./build.js";

/** Credentials of a private registry (basic auth). */
export interface RegistryAuth {
  /** Registry user name. */
  username: string;
  /** Registry password or access token. */
  password: string;
}
/** Credentials of a private Google Artifact or Container Registry: a service-account key. */
export interface GCPRegistryAuth {
  /** The service-account key, as JSON text or parsed. */
  serviceAccountJSON: string | object;
}
/** Credentials of a private Amazon ECR registry. */
export interface AWSRegistryAuth {
  /** AWS access key id. */
  accessKeyId: string;
  /** AWS secret access key. */
  secretAccessKey: string;
  /** AWS region of the registry. */
  region: string;
  /** AWS session token of temporary credentials. */
  sessionToken?: string;
}
/** Options of {@link Template.copy}: owner and permissions of the copied files. */
export interface CopyOptions {
  /** Owner of the copied files in the image (`user` or `user:group`). */
  owner?: string;
  /** Permissions of the copied files, e.g. `"0644"`. */
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
/** One step of a {@link Template}, in order: a build step as HopX receives it, or a COPY still to be uploaded. */
export type TemplateStep =
  | {
      /** A build step ready to send. */
      kind: "step";
      /** The step as the build request carries it. */
      step: BuildStep;
    }
  | PendingCopy;

const flat = (packages: ReadonlyArray<string | readonly string[]>): string[] =>
  packages.flat().filter((p) => p.length > 0);
/** Single-quotes a word for sh, so package names and paths cannot inject commands. */
const quote = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * A template image described in code, in the official SDK's builder style: a base image, steps (copy, run, env,
 * packages …), a start command and its ready check. `Template.build` uploads the COPY sources, builds it and waits
 * until it is active. Nothing else touches the network or the file system.
 *
 * @example
 * ```ts
 * import { Template, waitForPort } from "hopx-client";
 *
 * const template = new Template()
 *   .fromPythonImage("3.12")
 *   .copy("app", "/app")
 *   .pipInstall("flask")
 *   .setStartCmd("python /app/main.py", waitForPort(8000));
 * const built = await Template.build(template, { name: "my-app", onLog: (line) => console.log(line.message) });
 * console.log(built.templateID);
 * ```
 */
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

  /** Base image `ubuntu:<version>`. */
  fromUbuntuImage(version: string): this {
    return this.#setImage(`ubuntu:${version}`);
  }
  /** Base image `python:<version>`. */
  fromPythonImage(version: string): this {
    return this.#setImage(`python:${version}`);
  }
  /** Base image `node:<version>`. */
  fromNodeImage(version: string): this {
    return this.#setImage(`node:${version}`);
  }
  /** Any public base image (`registry/name:tag`); Alpine is not supported (HopX needs glibc). */
  fromImage(image: string): this {
    return this.#setImage(image);
  }
  /** A base image from a private registry, with basic-auth credentials. */
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
  /** A base image from a private Amazon ECR registry (the access key as user name and secret as password). */
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
  /** A RUN step: a shell command line run while building. */
  runCmd(cmd: string): this {
    if (!cmd.trim()) throw invalidArgument("runCmd() needs a command");
    return this.#push({ type: "RUN", args: [cmd] });
  }
  /** An ENV step: sets one environment variable of the image. */
  setEnv(key: string, value: string): this {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw invalidArgument(`setEnv(): "${key}" is not a valid variable name`);
    return this.#push({ type: "ENV", args: [key, value] });
  }
  /** ENV steps for each variable of `vars`. */
  setEnvs(vars: Record<string, string>): this {
    for (const [key, value] of Object.entries(vars)) this.setEnv(key, value);
    return this;
  }
  /** A WORKDIR step: the directory later steps and the start command run in. */
  setWorkdir(dir: string): this {
    return this.#push({ type: "WORKDIR", args: [dir] });
  }
  /** A USER step: the user later steps and the start command run as. */
  setUser(user: string): this {
    return this.#push({ type: "USER", args: [user] });
  }
  /** Installs Debian/Ubuntu packages with apt-get (names are quoted for the shell). */
  aptInstall(...packages: Array<string | string[]>): this {
    const list = flat(packages);
    if (list.length === 0) throw invalidArgument("aptInstall() needs at least one package");
    return this.runCmd(
      `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${list.map(quote).join(" ")}`,
    );
  }
  /** Installs Python packages with pip; with no names, `requirements.txt`. */
  pipInstall(...packages: Array<string | string[]>): this {
    const list = flat(packages);
    return this.runCmd(
      list.length === 0
        ? "pip install --no-cache-dir -r requirements.txt"
        : `pip install --no-cache-dir ${list.map(quote).join(" ")}`,
    );
  }
  /** Installs npm packages globally; with no names, `npm install` in the working directory. */
  npmInstall(...packages: Array<string | string[]>): this {
    const list = flat(packages);
    return this.runCmd(list.length === 0 ? "npm install" : `npm install -g ${list.map(quote).join(" ")}`);
  }
  /** Installs Go packages with `go install`. */
  goInstall(packages: string[]): this {
    if (packages.length === 0) throw invalidArgument("goInstall() needs at least one package");
    return this.runCmd(packages.map((p) => `go install ${quote(p)}`).join(" && "));
  }
  /** Installs Rust crates with `cargo install`. */
  cargoInstall(packages: string[]): this {
    if (packages.length === 0) throw invalidArgument("cargoInstall() needs at least one package");
    return this.runCmd(`cargo install ${packages.map(quote).join(" ")}`);
  }
  /** Clones a git repository into `dest`. */
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
  /** Sets a metadata entry of the template. */
  addMetadata(key: string, value: string): this {
    this.#metadata[key] = value;
    return this;
  }
  /** A copy of the template's metadata. */
  getMetadata(): Record<string, string> {
    return { ...this.#metadata };
  }
  /** The command a sandbox of this template starts with, and how to tell it is ready ({@link waitForPort} …). */
  setStartCmd(cmd: string, ready?: ReadyCheck): this {
    this.#startCmd = cmd;
    this.#readyCheck = ready;
    return this;
  }
  /** The base image, if one was set. */
  getFromImage(): string | undefined {
    return this.#fromImage;
  }
  /** A copy of the private registry's credentials, if any. Treat them as secrets. */
  getRegistryAuth(): RegistryCredentials | undefined {
    return this.#registry ? { ...this.#registry } : undefined;
  }
  /** A copy of the steps so far, in order. */
  getSteps(): TemplateStep[] {
    return this.#steps.map((step) => ({ ...step }));
  }
  /** The start command, if one was set. */
  getStartCmd(): string | undefined {
    return this.#startCmd;
  }
  /** The ready check of the start command, if one was set. */
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

// Ready checks for setStartCmd (official helper names and parameters). `timeoutMs` bounds the wait, `intervalMs`
// spaces the checks; both milliseconds (the wire's `timeout` and `interval`, as the official helpers send them).
const readyTimeout = (timeoutMs: number | undefined, intervalMs: number | undefined): ReadyTiming => ({
  ...(timeoutMs === undefined ? {} : { timeout: checkDurationMs("ready check: timeoutMs", timeoutMs) }),
  ...(intervalMs === undefined ? {} : { interval: checkDurationMs("ready check: intervalMs", intervalMs) }),
});
type ReadyTiming = { timeout?: number; interval?: number };
/** A ready check: ready once `port` accepts connections (within `timeoutMs`, checked every `intervalMs`). */
export const waitForPort = (port: number, timeoutMs?: number, intervalMs?: number): ReadyCheck => ({
  type: "port",
  port,
  ...readyTimeout(timeoutMs, intervalMs),
});
/** A ready check: ready once `url` answers (within `timeoutMs`, checked every `intervalMs`). */
export const waitForURL = (url: string, timeoutMs?: number, intervalMs?: number): ReadyCheck => ({
  type: "url",
  url,
  ...readyTimeout(timeoutMs, intervalMs),
});
/** A ready check: ready once `path` exists (within `timeoutMs`, checked every `intervalMs`). */
export const waitForFile = (path: string, timeoutMs?: number, intervalMs?: number): ReadyCheck => ({
  type: "file",
  path,
  ...readyTimeout(timeoutMs, intervalMs),
});
/** Sends both spellings of the process name key (HopX's two SDKs disagree; the spec accepts both). */
export const waitForProcess = (name: string, timeoutMs?: number, intervalMs?: number): ReadyCheck => ({
  type: "process",
  processName: name,
  name,
  ...readyTimeout(timeoutMs, intervalMs),
});
/** A ready check: ready once `command` succeeds (within `timeoutMs`, checked every `intervalMs`). */
export const waitForCommand = (command: string, timeoutMs?: number, intervalMs?: number): ReadyCheck => ({
  type: "command",
  command,
  ...readyTimeout(timeoutMs, intervalMs),
});
