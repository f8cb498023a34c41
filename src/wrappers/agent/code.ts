// Code execution with the official SDK's names: runCode, runCodeAsync, runCodeBackground, runIpython.
// A program that exits non-zero is a result (success false), never an exception; exceptions are for the
// agent failing to run it (CodeExecutionError), the transport, or arguments rejected before sending.
import type {
  AsyncExecuteResponse,
  BackgroundProcessResponse,
  ExecuteResponse,
  Language,
} from "../../../generated/vm-agent/index.js";
import { checkDurationSeconds, checkEnvMap } from "../../runtime/guards.js";
import { EXECUTION_GRACE_MS } from "../../runtime/time.js";
import { callDeadline, renamed } from "../../runtime/units.js";
import { invalidArgument, type ValidationError } from "../../runtime/errors.js";
import type { RequestOptions } from "../../runtime/operation.js";
import type { AgentContext } from "./context.js";
import { type BackgroundHandle, backgroundHandle, Processes } from "./processes.js";
import { Observability } from "./observability.js";
import { richOutputsOf, type RichOutput } from "./rich-outputs.js";

/** Every language name the agent spec accepts (canonical names and aliases). */
export const LANGUAGES = [
  "python",
  "javascript",
  "bash",
  "go",
  "python3",
  "node",
  "nodejs",
  "js",
  "sh",
  "shell",
] as const satisfies readonly Language[];
// Fails to compile when the spec gains a language this list lacks.
const languagesComplete: [Exclude<Language, (typeof LANGUAGES)[number]>] extends [never] ? true : false = true;
void languagesComplete;

/**
 * A language name: one of {@link LANGUAGES}. Typed open, as `@hopx-ai/sdk` types it `string`, so that its callers'
 * code compiles; any other name is a ValidationError before anything is sent.
 */
export type LanguageName = Language | (string & Record<never, never>);

/** Options of `runCode`: language, timeout, environment and working directory of one execution. */
export interface CodeExecutionOptions {
  /** Default `python`. */
  language?: LanguageName;
  /** Execution timeout in seconds, enforced by the agent (default 120). The HTTP call waits 30 s longer. */
  timeoutSeconds?: number;
  /** @deprecated The official SDK's name; use `timeoutSeconds` (the same seconds). */
  timeout?: number;
  /** Environment for this execution only (request env > global env > agent env). Names are sent verbatim. */
  env?: Record<string, string>;
  /** Working directory (agent default `/workspace`); sent as the wire's `workdir`. */
  workingDir?: string;
  /** Wait until the agent reports healthy before running. */
  preflight?: boolean;
}

/** Options of `runCodeBackground`: those of `runCode`, plus a name for the process list. */
export interface BackgroundExecutionOptions extends CodeExecutionOptions {
  /** Shown in the process list. */
  name?: string;
}

/** Options of `runCodeAsync`: those of `runCode`, plus the webhook the agent posts the result to. */
export interface AsyncExecutionOptions extends CodeExecutionOptions {
  /** http(s) URL the agent POSTs the result to. */
  callbackUrl: string;
  /** Extra headers the agent sends with the webhook. */
  callbackHeaders?: Record<string, string>;
  /** Secret of the `X-HopX-Signature` HMAC-SHA256 on the webhook. */
  callbackSignatureSecret?: string;
}

/** Options of `runIpython`: timeout and environment (the kernel decides language and directory). */
export type IpythonOptions = Omit<CodeExecutionOptions, "language" | "workingDir">;

/** Result of a synchronous execution, with the official SDK's camelCase and snake_case names. */
export interface ExecutionResult extends Omit<ExecuteResponse, "richOutputs"> {
  /** Every rich output (flat fields and legacy array), normalised. */
  richOutputs: RichOutput[];
  /** The same as `exitCode` (the official SDK's snake_case name). */
  exit_code: number;
  /** The same as `executionTime`, in seconds (the official SDK's snake_case name). */
  execution_time: number;
  /** The wire's `json` under the official SDK's name. */
  jsonOutput?: Record<string, unknown>;
  /** How many rich outputs there are. */
  richCount: number;
  /** True when the agent reports the execution unsuccessful (`success` false). */
  failed: boolean;
}

/** A background execution: its process id, with `wait()` and `kill()`. */
export interface BackgroundExecution extends BackgroundProcessResponse, BackgroundHandle {
  /** The same as `processId` (the official SDK's snake_case name). */
  process_id: string;
  /** The same as `executionId` (the official SDK's snake_case name). */
  execution_id?: string;
}

/** An execution started by `runCodeAsync`: its id; the result goes to the callback URL. */
export interface AsyncExecution extends AsyncExecuteResponse {
  /** The same as `executionId` (the official SDK's snake_case name). */
  execution_id: string;
  /** The same as `callbackUrl` (the official SDK's snake_case name). */
  callback_url?: string;
}

const DEFAULT_TIMEOUT_S = { run: 120, background: 300, async: 1800, ipython: 60 } as const;

const invalid = (method: string, message: string): ValidationError => invalidArgument(`${method}: ${message}`);

function checkEnv(method: string, env: unknown): Record<string, string> | undefined {
  return env === undefined ? undefined : checkEnvMap(`${method}: env`, env);
}

interface Checked {
  code: string;
  language?: Language;
  timeout: number;
  env?: Record<string, string>;
  workdir?: string;
}

/** A language the agent accepts, or a ValidationError naming the ones it does. */
export function checkLanguage(method: string, language: LanguageName): Language {
  if (!(LANGUAGES as readonly string[]).includes(language)) {
    throw invalid(method, `language must be one of ${LANGUAGES.join(", ")}; got ${JSON.stringify(language)}`);
  }
  return language as Language;
}

function check(method: string, code: unknown, options: CodeExecutionOptions, defaultTimeout: number): Checked {
  if (typeof code !== "string" || code.trim() === "") throw invalid(method, "code must be a non-empty string");
  const language = options.language === undefined ? undefined : checkLanguage(method, options.language);
  const given = renamed(method, options, "timeoutSeconds", "timeout");
  const timeout = checkDurationSeconds(`${method}: timeoutSeconds`, given ?? defaultTimeout, EXECUTION_GRACE_MS);
  if (
    options.workingDir !== undefined &&
    (typeof options.workingDir !== "string" || options.workingDir.trim() === "")
  ) {
    throw invalid(method, "workingDir must be a non-empty string");
  }
  const env = checkEnv(method, options.env);
  return {
    code,
    ...(language === undefined ? {} : { language }),
    timeout,
    ...(env === undefined ? {} : { env }),
    ...(options.workingDir === undefined ? {} : { workdir: options.workingDir }),
  };
}

/** The HTTP deadline follows the execution timeout unless the caller set one. */
const withDeadline = (options: RequestOptions | undefined, timeoutSeconds: number): RequestOptions =>
  callDeadline("runCode", options, timeoutSeconds * 1000 + EXECUTION_GRACE_MS);

export function toExecutionResult(response: ExecuteResponse): ExecutionResult {
  const { richOutputs: _wireItems, ...flat } = response;
  const richOutputs = richOutputsOf(response);
  return {
    ...flat,
    richOutputs,
    exit_code: response.exitCode,
    execution_time: response.executionTime,
    ...(response.json === undefined ? {} : { jsonOutput: response.json }),
    richCount: richOutputs.length,
    failed: !response.success,
  };
}

/**
 * Code execution on a sandbox's agent (`sandbox.code`; `sandbox.runCode` and the other `run*` methods are its
 * shortcuts). A non-zero exit is a result, not an error.
 *
 * @example
 * ```ts
 * import type { Sandbox } from "hopx-client";
 *
 * declare const sandbox: Sandbox;
 *
 * const result = await sandbox.code.runCode("import sys; print(sys.version)", { timeoutSeconds: 30 });
 * if (result.exitCode !== 0) console.error(result.stderr);
 * ```
 */
export class Code {
  private readonly preflight: (options?: RequestOptions) => Promise<unknown>;

  /**
   * @param preflight what `preflight: true` runs before the code; defaults to waiting for `/health`
   *   (a Sandbox passes its own check, which also looks at the sandbox's status and expiry).
   */
  constructor(
    private readonly ctx: AgentContext,
    preflight?: (options?: RequestOptions) => Promise<unknown>,
  ) {
    const observability = new Observability(ctx);
    this.preflight =
      preflight ?? ((options) => observability.ensureHealthy(options?.signal ? { signal: options.signal } : {}));
  }

  /** Runs code and waits for its result (`POST /execute`). */
  async runCode(code: string, options: CodeExecutionOptions = {}, request?: RequestOptions): Promise<ExecutionResult> {
    const body = check("runCode", code, options, DEFAULT_TIMEOUT_S.run);
    if (options.preflight) await this.preflight(request);
    const response = await this.ctx.resources.code.run(
      { language: "python", ...body },
      withDeadline(request, body.timeout),
    );
    return toExecutionResult(response);
  }

  /** Queues long-running code whose result the agent POSTs to `callbackUrl` (`POST /execute/async`). */
  async runCodeAsync(code: string, options: AsyncExecutionOptions, request?: RequestOptions): Promise<AsyncExecution> {
    const body = check("runCodeAsync", code, options, DEFAULT_TIMEOUT_S.async);
    let url: URL;
    try {
      url = new URL(options.callbackUrl);
    } catch {
      throw invalid("runCodeAsync", "callbackUrl must be an absolute URL");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      throw invalid("runCodeAsync", "callbackUrl must be http(s)");
    const callbackHeaders = checkEnv("runCodeAsync", options.callbackHeaders);
    if (options.preflight) await this.preflight(request);
    const response = await this.ctx.resources.code.runAsync(
      {
        language: "python",
        ...body,
        callbackUrl: options.callbackUrl,
        ...(callbackHeaders === undefined ? {} : { callbackHeaders }),
        ...(options.callbackSignatureSecret === undefined
          ? {}
          : { callbackSignatureSecret: options.callbackSignatureSecret }),
      },
      request,
    );
    return {
      ...response,
      execution_id: response.executionId,
      ...(response.callbackUrl === undefined ? {} : { callback_url: response.callbackUrl }),
    };
  }

  /** Starts code in the background and returns its process id at once (`POST /execute/background`). */
  async runCodeBackground(
    code: string,
    options: BackgroundExecutionOptions = {},
    request?: RequestOptions,
  ): Promise<BackgroundExecution> {
    const body = check("runCodeBackground", code, options, DEFAULT_TIMEOUT_S.background);
    if (options.name !== undefined && typeof options.name !== "string")
      throw invalid("runCodeBackground", "name must be a string");
    if (options.preflight) await this.preflight(request);
    const response = await this.ctx.resources.code.runBackground(
      { language: "python", ...body, ...(options.name === undefined ? {} : { name: options.name }) },
      request,
    );
    return {
      ...response,
      process_id: response.processId,
      ...backgroundHandle(new Processes(this.ctx), response.processId),
      ...(response.executionId === undefined ? {} : { execution_id: response.executionId }),
    };
  }

  /** Runs Python in the persistent IPython kernel (`POST /execute/ipython`): variables survive between calls. */
  async runIpython(code: string, options: IpythonOptions = {}, request?: RequestOptions): Promise<ExecutionResult> {
    const { language: _l, workdir: _w, ...body } = check("runIpython", code, options, DEFAULT_TIMEOUT_S.ipython);
    if (options.preflight) await this.preflight(request);
    const response = await this.ctx.resources.code.runIpython(body, withDeadline(request, body.timeout));
    return toExecutionResult(response);
  }

  /**
   * Runs code through the agent's older `POST /execute/rich`. `runCode` returns rich outputs too; this is
   * for agents whose `/execute` does not.
   * @deprecated Use `runCode`.
   */
  async runCodeRich(
    code: string,
    options: CodeExecutionOptions = {},
    request?: RequestOptions,
  ): Promise<ExecutionResult> {
    const body = check("runCodeRich", code, options, DEFAULT_TIMEOUT_S.run);
    if (options.preflight) await this.preflight(request);
    return toExecutionResult(await this.ctx.resources.code.runRich(body, withDeadline(request, body.timeout)));
  }
}
