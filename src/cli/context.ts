// What a command gets: the parsed line, the loaded SDK, output, the Ctrl-C signal, and clients built from the
// resolved settings. The SDK is imported here, when a command runs, never for --help or a usage error.
import type * as Sdk from "hopx-client";
import type { Hopx, Logger, Sandbox } from "hopx-client";
import { type CommandLine, integer, text, type Values } from "./args.js";
import { resolveSettings, type Settings } from "./credentials.js";
import { CliError, EXIT } from "./exit-codes.js";
import { colorEnabled, type Column, Output, outputMode, type Writer } from "./output.js";
import { NO_PROGRESS, type Progress, progressBar } from "./progress.js";
import { wire } from "./wire.js";

export type SdkModule = typeof Sdk;

export interface Streams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

/** Replaces the key wherever it appears: the SDK redacts too, this is the CLI's own guarantee. */
export function scrubber(apiKey: string | undefined): (text: string) => string {
  return (value) => (apiKey && apiKey.length > 0 ? value.split(apiKey).join("[redacted]") : value);
}

function debugLogger(err: Writer, scrub: (text: string) => string): Logger {
  const line =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      err.write(`${scrub(`[hopx] ${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ""}`)}\n`);
    };
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}

export class Context {
  readonly values: Values;
  readonly positionals: string[];
  readonly command: string;
  /** The verb as typed when it was another name (`files get` for `files download`). */
  readonly verbWord: string | undefined;
  readonly settings: Settings;
  readonly out: Output;
  readonly debug: boolean;
  readonly scrub: (text: string) => string;
  #client: Hopx | undefined;

  constructor(
    line: CommandLine,
    readonly sdk: SdkModule,
    readonly io: Streams,
    readonly signal: AbortSignal,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.values = line.values;
    this.positionals = line.positionals;
    this.command = [line.noun, line.verb].filter(Boolean).join(" ");
    this.verbWord = line.verbWord;
    this.settings = resolveSettings(
      {
        apiKey: text(line.values, "api-key"),
        baseURL: text(line.values, "base-url"),
        profile: text(line.values, "profile"),
      },
      env,
    );
    this.scrub = scrubber(this.settings.apiKey);
    const noColor = line.values["no-color"] === true;
    // `files read -o FILE`: that -o is the command's own, so the format comes from the environment or profile.
    const format = line.spec?.ownOutput ? undefined : text(line.values, "output");
    this.out = new Output(
      outputMode(format, env, this.settings.outputFormat),
      io.stdout,
      io.stderr,
      {
        out: colorEnabled(io.stdout, noColor, env),
        err: colorEnabled(io.stderr, noColor, env),
      },
      this.scrub,
      line.values.quiet === true,
    );
    this.debug = line.values.debug === true || line.values.verbose === true;
  }

  /** The control-plane client; without a key, one clear line and exit 3 (nothing is sent). */
  client(options: { keyless?: boolean } = {}): Hopx {
    if (this.#client) return this.#client;
    const { apiKey, baseURL } = this.settings;
    const requestTimeout = integer(this.values, "request-timeout", this.command);
    if (!apiKey && !options.keyless)
      throw new CliError(
        "no API key: pass --api-key, set HOPX_API_KEY, or store one with `hopx auth login --api-key KEY`",
        EXIT.AUTH,
      );
    this.#client = new this.sdk.Hopx({
      ...(apiKey ? { apiKey } : {}),
      ...(baseURL ? { baseURL } : {}),
      ...(requestTimeout !== undefined ? { requestTimeoutMs: requestTimeout * 1000 } : {}),
      ...(this.debug ? { logger: debugLogger(this.io.stderr, this.scrub), logLevel: "debug" as const } : {}),
    });
    return this.#client;
  }

  /** The sandbox id: --sandbox (or the Python CLI's first positional, moved there by the parser), HOPX_SANDBOX_ID. */
  sandboxId(): string {
    const id = text(this.values, "sandbox") ?? process.env.HOPX_SANDBOX_ID;
    if (!id)
      throw new CliError(`hopx ${this.command} needs a sandbox: -s ID, the id first, or HOPX_SANDBOX_ID`, EXIT.USAGE);
    return id;
  }

  /** The sandbox named by --sandbox (or HOPX_SANDBOX_ID), attached (resumed when paused, token fetched). */
  async sandbox(): Promise<Sandbox> {
    return this.client().sandboxes.connect(this.sandboxId(), { signal: this.signal });
  }

  /** The template of a new sandbox: --template, HOPX_DEFAULT_TEMPLATE, the profile's, else code-interpreter. */
  template(): string {
    return text(this.values, "template") ?? this.settings.defaultTemplate ?? "code-interpreter";
  }

  /** Data as the REST API names it (snake_case), as both official CLIs print it. */
  data(value: unknown, columns?: readonly Column[]): void {
    this.out.data(wire(value), columns);
  }

  /** One item of a stream (NDJSON under -o json), with the API's field names. */
  event(value: object, line?: string): void {
    this.out.event(wire(value) as object, line);
  }

  /** A handle on a sandbox for lifecycle calls: read once, never resumed or connected as a side effect. */
  async sandboxRecord(id: string): Promise<Sandbox> {
    const hopx = this.client();
    const model = await hopx.controlPlane.sandboxes.get(id, { signal: this.signal });
    return new this.sdk.Sandbox(hopx, model);
  }

  /** A progress bar when stderr is a TTY (or --progress), never under -o json unless forced. */
  progress(label: string, unit: "bytes" | "percent" = "bytes"): Progress {
    const forced = this.values.progress === true;
    const off = this.values["no-progress"] === true;
    const auto = this.io.stderr.isTTY === true && this.out.mode !== "json";
    return forced || (auto && !off) ? progressBar(this.io.stderr, label, unit) : NO_PROGRESS;
  }
}
