// What a command gets: the parsed line, the loaded SDK, output, the Ctrl-C signal, and clients built from the
// resolved settings. The SDK is imported here, when a command runs, never for --help or a usage error.
import type * as Sdk from "hopx-client";
import type { Hopx, Logger, Sandbox } from "hopx-client";
import { type CommandLine, integer, text, type Values } from "./args.js";
import { resolveSettings, type Settings } from "./credentials.js";
import { CliError, EXIT } from "./exit-codes.js";
import { colorEnabled, Output, outputMode, type Writer } from "./output.js";
import { NO_PROGRESS, type Progress, progressBar } from "./progress.js";

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
    this.out = new Output(
      outputMode(text(line.values, "output"), env),
      io.stdout,
      io.stderr,
      {
        out: colorEnabled(io.stdout, noColor, env),
        err: colorEnabled(io.stderr, noColor, env),
      },
      this.scrub,
    );
    this.debug = line.values.debug === true;
  }

  /** The control-plane client; without a key, one clear line and exit 3 (nothing is sent). */
  client(options: { keyless?: boolean } = {}): Hopx {
    if (this.#client) return this.#client;
    const { apiKey, baseURL } = this.settings;
    const requestTimeout = integer(this.values, "request-timeout", this.command);
    if (!apiKey && !options.keyless)
      throw new CliError(
        "no API key: pass --api-key, set HOPX_API_KEY, or log in with the HopX CLI (~/.hopx/credentials.yaml)",
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

  /** The sandbox named by --sandbox (or HOPX_SANDBOX_ID), attached (resumed when paused, token fetched). */
  async sandbox(): Promise<Sandbox> {
    const id = text(this.values, "sandbox") ?? process.env.HOPX_SANDBOX_ID;
    if (!id) throw new CliError(`hopx ${this.command} needs --sandbox ID (or HOPX_SANDBOX_ID)`, EXIT.USAGE);
    return this.client().sandboxes.connect(id, { signal: this.signal });
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
