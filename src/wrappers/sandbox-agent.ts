// The part of Sandbox that talks to the sandbox's VM agent (official method names). Kept apart from the
// lifecycle so each file stays about one plane; Sandbox extends this class.
import type {
  AgentInfoResponse,
  FileChangeMessage,
  HealthResponse,
  JupyterSession,
  KillProcessResponse,
  MetricsSnapshot,
  ProcessInfo,
  ExecuteStreamServerMessage,
  SystemProcess,
} from "../../generated/vm-agent/index.js";
import type { RequestOptions } from "../runtime/operation.js";
import type { Stream } from "../runtime/stream.js";
import { Cache } from "./agent/cache.js";
import {
  Code,
  type AsyncExecution,
  type AsyncExecutionOptions,
  type BackgroundExecution,
  type BackgroundExecutionOptions,
  type CodeExecutionOptions,
  type ExecutionResult,
  type IpythonOptions,
} from "./agent/code.js";
import { Commands } from "./agent/commands.js";
import type { AgentContext } from "./agent/context.js";
import { Desktop } from "./agent/desktop.js";
import { EnvVars } from "./agent/env.js";
import { Files } from "./agent/files.js";
import { Observability, type EnsureHealthyOptions } from "./agent/observability.js";
import { Processes } from "./agent/processes.js";
import { runCodeStream, type RunCodeStreamOptions, type WatchFilesOptions } from "./agent/streams.js";
import { Terminal } from "./agent/terminal.js";

/**
 * The agent half of a Sandbox: its modules, built once from the sandbox's agent context in the
 * constructor (so reading `sandbox.files` never throws and never does I/O), and the official SDK's
 * flattened agent methods, which delegate to them.
 */
export class SandboxAgent {
  /** Files of the sandbox: read, write, list, upload, download (streamed), watch. */
  readonly files: Files;
  /** Shell commands: run, run in the background, stream output. */
  readonly commands: Commands;
  /** Environment variables of the sandbox's agent (values of secrets come back masked). */
  readonly env: EnvVars;
  /** The agent's execution cache: stats and clearing. */
  readonly cache: Cache;
  /** The desktop of templates that have one: mouse, keyboard, screenshots, recording, windows, VNC. */
  readonly desktop: Desktop;
  /** Interactive terminals over WebSocket. */
  readonly terminal: Terminal;
  /** Code execution (`runCode` … are its shortcuts on the sandbox). */
  readonly code: Code;
  /** Processes of the sandbox: background runs, OS processes, Jupyter sessions. */
  readonly processes: Processes;
  /** Health, info and metrics of the sandbox's agent. */
  readonly observability: Observability;

  /**
   * @param agentContext this sandbox's agent context (its host is looked up at the first call)
   * @param assertRunning the check `preflight: true` runs before the agent health check
   */
  constructor(
    protected readonly agentContext: AgentContext,
    assertRunning: (options?: RequestOptions) => Promise<void>,
  ) {
    this.observability = new Observability(agentContext);
    const preflight = async (options?: RequestOptions): Promise<unknown> => {
      await assertRunning(options);
      return this.observability.ensureHealthy(options?.signal ? { signal: options.signal } : {});
    };
    this.code = new Code(agentContext, preflight);
    this.files = new Files(agentContext);
    this.commands = new Commands(agentContext);
    this.env = new EnvVars(agentContext);
    this.cache = new Cache(agentContext);
    this.desktop = new Desktop(agentContext);
    this.terminal = new Terminal(agentContext);
    this.processes = new Processes(agentContext);
  }

  /** Runs code and waits for the result; a non-zero exit is a result (`exitCode`), not an error. */
  async runCode(code: string, options?: CodeExecutionOptions, request?: RequestOptions): Promise<ExecutionResult> {
    return this.code.runCode(code, options, request);
  }
  /** Starts code and returns at once; the agent posts the result to `callbackUrl`. */
  async runCodeAsync(code: string, options: AsyncExecutionOptions, request?: RequestOptions): Promise<AsyncExecution> {
    return this.code.runCodeAsync(code, options, request);
  }
  /** Starts code in the background and returns its process id at once; `processes` follows it. */
  async runCodeBackground(
    code: string,
    options?: BackgroundExecutionOptions,
    request?: RequestOptions,
  ): Promise<BackgroundExecution> {
    return this.code.runCodeBackground(code, options, request);
  }
  /** Runs code in the sandbox's IPython kernel (state kept between calls) and waits for the result. */
  async runIpython(code: string, options?: IpythonOptions, request?: RequestOptions): Promise<ExecutionResult> {
    return this.code.runIpython(code, options, request);
  }
  /** Output as it happens (WebSocket `/execute/stream`): stdout, stderr, result, error, complete. */
  runCodeStream(code: string, options?: RunCodeStreamOptions): Stream<ExecuteStreamServerMessage> {
    return runCodeStream(this.agentContext, code, {
      ...options,
      endpoint: options?.endpoint === "ipython" ? "ipython" : "execute",
    });
  }
  /** File changes under `path` as a stream (WebSocket); the same as `files.watch`. */
  watchFiles(path = "/workspace", options?: WatchFilesOptions): Stream<FileChangeMessage> {
    return this.files.watch(path, options);
  }

  /** Background executions and commands started through the agent. */
  async listProcesses(options?: RequestOptions): Promise<ProcessInfo[]> {
    return this.processes.listProcesses(options);
  }
  /** Every OS process of the sandbox. */
  async listSystemProcesses(options?: RequestOptions): Promise<SystemProcess[]> {
    return this.processes.listSystemProcesses(options);
  }
  /** Kills a background process by its process id. */
  async killProcess(processId: string, options?: RequestOptions): Promise<KillProcessResponse> {
    return this.processes.killProcess(processId, options);
  }
  /** Jupyter kernel sessions of the sandbox. */
  async getJupyterSessions(options?: RequestOptions): Promise<JupyterSession[]> {
    return this.processes.getJupyterSessions(options);
  }

  /** The agent's counters (`GET /metrics/snapshot`). */
  async getMetricsSnapshot(options?: RequestOptions): Promise<MetricsSnapshot> {
    return this.observability.getMetricsSnapshot(options);
  }
  /** The same snapshot as `getMetricsSnapshot` (the official SDK's other name). */
  async getAgentMetrics(options?: RequestOptions): Promise<MetricsSnapshot> {
    return this.observability.getAgentMetrics(options);
  }
  /** The agent's health answer. */
  async getHealth(options?: RequestOptions): Promise<HealthResponse> {
    return this.observability.getHealth(options);
  }
  /** The agent's version, features and endpoints. */
  async getAgentInfo(options?: RequestOptions): Promise<AgentInfoResponse> {
    return this.observability.getAgentInfo(options);
  }
  /** True when the agent answers healthy; network errors, timeouts, 5xx and 429 give false rather than an error. */
  async isHealthy(options?: RequestOptions): Promise<boolean> {
    return this.observability.isHealthy(options);
  }
  /** Waits until the agent answers healthy, probing at an interval, or fails with a `TimeoutError`. */
  async ensureHealthy(options?: EnsureHealthyOptions): Promise<HealthResponse> {
    return this.observability.ensureHealthy(options);
  }
}
