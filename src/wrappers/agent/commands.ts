// Shell commands with the official SDK's names. Like both SDKs, a command line runs as `bash -c <line>` so
// pipes, redirects and variables work. A non-zero exit is a result; CommandExecutionError means the agent
// could not run the command at all (or it outlived its timeout).
import type { BackgroundProcessResponse, CommandResponse } from "../../../generated/vm-agent/index.js";
import { invalidArgument, type ValidationError } from "../../runtime/errors.js";
import { checkDurationSeconds, checkEnvMap } from "../../runtime/guards.js";
import { EXECUTION_GRACE_MS } from "../../runtime/time.js";
import { callDeadline, renamed } from "../../runtime/units.js";
import type { RequestOptions } from "../../runtime/operation.js";
import type { ExecuteStreamServerMessage } from "../../../generated/vm-agent/index.js";
import type { Stream } from "../../runtime/stream.js";
import type { AgentContext } from "./context.js";
import { type BackgroundHandle, backgroundHandle, Processes } from "./processes.js";
import { streamCommand, type StreamCommandOptions } from "./streams.js";

/** Options of `commands.run`: timeout, environment, working directory, background. */
export interface CommandOptions {
  /** Seconds the agent lets the command run (default 30; 120 in the background). The HTTP call waits 30 s longer. */
  timeoutSeconds?: number;
  /** @deprecated The official SDK's name; use `timeoutSeconds` (the same seconds). */
  timeout?: number;
  /** Environment for this command only; names and values are sent verbatim. */
  env?: Record<string, string>;
  /** Working directory (agent default `/workspace`); the wire's `workdir`. */
  workingDir?: string;
  /** Start it in the background and return its process id instead of waiting. */
  background?: boolean;
}

/** Options of `commands.runBackground`: those of `run`, plus a name for the process list. */
export interface BackgroundCommandOptions extends Omit<CommandOptions, "background"> {
  /** Shown in the process list. */
  name?: string;
}

/** What a finished command produced, with the official SDK's snake_case aliases. */
export interface CommandResult extends CommandResponse {
  /** Whether the command succeeded: the agent's `success`, or else an exit code of 0. */
  success: boolean;
  /** The same as `exitCode` (the official SDK's snake_case name). */
  exit_code: number;
  /** The same as `executionTime`, in seconds (the official SDK's snake_case name). */
  execution_time: number;
}

/** A command started in the background: its process id, with `wait()` and `kill()`. */
export interface BackgroundCommand extends BackgroundProcessResponse, BackgroundHandle {
  /** The same as `processId` (the official SDK's snake_case name). */
  process_id: string;
}

const DEFAULT_TIMEOUT_S = { run: 30, background: 120 } as const;

const invalid = (method: string, message: string): ValidationError => invalidArgument(`commands.${method}: ${message}`);

interface Checked {
  command: string;
  args: string[];
  timeout: number;
  env?: Record<string, string>;
  workdir?: string;
}

function check(method: string, command: unknown, options: CommandOptions, defaultTimeout: number): Checked {
  if (typeof command !== "string" || command.trim() === "") throw invalid(method, "command must be a non-empty string");
  const given = renamed(`commands.${method}`, options, "timeoutSeconds", "timeout");
  const timeout = checkDurationSeconds(
    `commands.${method}: timeoutSeconds`,
    given ?? defaultTimeout,
    EXECUTION_GRACE_MS,
  );
  if (
    options.workingDir !== undefined &&
    (typeof options.workingDir !== "string" || options.workingDir.trim() === "")
  ) {
    throw invalid(method, "workingDir must be a non-empty string");
  }
  if (options.env !== undefined) checkEnvMap(`commands.${method}: env`, options.env);
  return {
    command: "bash",
    args: ["-c", command],
    timeout,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.workingDir === undefined ? {} : { workdir: options.workingDir }),
  };
}

const withAliases = (r: CommandResponse): CommandResult => ({
  ...r,
  success: r.success ?? r.exitCode === 0,
  exit_code: r.exitCode,
  execution_time: r.executionTime ?? 0,
});

/**
 * Shell commands on a sandbox (`sandbox.commands`): run and wait, run in the background, or stream output.
 *
 * @example
 * ```ts
 * import type { Sandbox } from "hopx-client";
 *
 * declare const sandbox: Sandbox;
 *
 * const listing = await sandbox.commands.run("ls -la /workspace");
 * console.log(listing.exitCode, listing.stdout);
 * const job = await sandbox.commands.runBackground("sleep 5 && echo done");
 * await job.wait();
 * ```
 */
export class Commands {
  constructor(private readonly ctx: AgentContext) {}

  /** Streams a command's output as it happens (WebSocket `/commands/stream`). */
  stream(command: string, options?: StreamCommandOptions): Stream<ExecuteStreamServerMessage> {
    return streamCommand(this.ctx, command, options);
  }

  /** With `background: true`: starts the command line and returns its process id at once. */
  run(
    command: string,
    options: CommandOptions & { background: true },
    request?: RequestOptions,
  ): Promise<BackgroundCommand>;
  /**
   * Runs a shell command line and waits for it (`POST /commands/run`); a non-zero exit is a result
   * (`exitCode`), not an error.
   */
  run(
    command: string,
    options?: CommandOptions & { background?: false },
    request?: RequestOptions,
  ): Promise<CommandResult>;
  /** Runs a shell command line: waits for its result, or with `background: true` returns its process id. */
  run(command: string, options?: CommandOptions, request?: RequestOptions): Promise<CommandResult | BackgroundCommand>;
  async run(
    command: string,
    options: CommandOptions = {},
    request?: RequestOptions,
  ): Promise<CommandResult | BackgroundCommand> {
    if (options.background) return this.runBackground(command, options, request);
    const body = check("run", command, options, DEFAULT_TIMEOUT_S.run);
    // A non-zero exit is answered 500 with the normal result body: the operation declares 500 a result
    // status (spec/sdk.yaml), so the generated method returns it; other failures are CommandExecutionError.
    const response = await this.ctx.resources.commands.run(
      body,
      callDeadline("commands.run", request, body.timeout * 1000 + EXECUTION_GRACE_MS),
    );
    return withAliases(response);
  }

  /** Starts a shell command line in the background (`POST /commands/background`); returns its process id. */
  async runBackground(
    command: string,
    options: BackgroundCommandOptions = {},
    request?: RequestOptions,
  ): Promise<BackgroundCommand> {
    const { background: _ignored, ...rest } = options as CommandOptions & BackgroundCommandOptions;
    const body = check("runBackground", command, rest, DEFAULT_TIMEOUT_S.background);
    if (options.name !== undefined && typeof options.name !== "string")
      throw invalid("runBackground", "name must be a string");
    const response = await this.ctx.resources.commands.runBackground(
      { ...body, ...(options.name === undefined ? {} : { name: options.name }) },
      request,
    );
    return {
      ...response,
      process_id: response.processId,
      ...backgroundHandle(new Processes(this.ctx), response.processId),
    };
  }
}
