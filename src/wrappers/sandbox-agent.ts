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
import { runCodeStream, streamCommand, watchFiles, type RunCodeStreamOptions, type StreamCommandOptions, type WatchFilesOptions } from "./agent/streams.js";
import { Terminal } from "./agent/terminal.js";

/** `sandbox.commands`: run, runBackground, and `stream` over the agent's `/commands/stream` WebSocket. */
export class SandboxCommands extends Commands {
  constructor(private readonly agent: AgentContext) {
    super(agent);
  }
  async *stream(command: string, options?: StreamCommandOptions): AsyncGenerator<ExecuteStreamServerMessage, void, undefined> {
    yield* streamCommand(this.agent, command, options);
  }
}

/** `sandbox.files`: the file API plus `watch` over the agent's `/files/watch` WebSocket. */
export class SandboxFiles extends Files {
  constructor(private readonly agent: AgentContext) {
    super(agent);
  }
  async *watch(path = "/workspace", options?: WatchFilesOptions): AsyncGenerator<FileChangeMessage, void, undefined> {
    yield* watchFiles(this.agent, path, options);
  }
}

interface AgentParts {
  code: Code;
  commands: SandboxCommands;
  files: SandboxFiles;
  env: EnvVars;
  cache: Cache;
  desktop: Desktop;
  terminal: Terminal;
  processes: Processes;
  observability: Observability;
}

export abstract class SandboxAgent {
  #parts: AgentParts | undefined;

  /** This sandbox's agent context, built from the host the control plane reported. */
  protected abstract agentContext(): AgentContext;
  /** Checks run before `preflight: true` executions (the sandbox is alive, the agent healthy). */
  protected abstract agentPreflight(options?: RequestOptions): Promise<unknown>;

  #agent(): AgentParts {
    if (this.#parts) return this.#parts;
    const ctx = this.agentContext();
    this.#parts = {
      code: new Code(ctx, (options) => this.agentPreflight(options)),
      commands: new SandboxCommands(ctx),
      files: new SandboxFiles(ctx),
      env: new EnvVars(ctx),
      cache: new Cache(ctx),
      desktop: new Desktop(ctx),
      terminal: new Terminal(ctx),
      processes: new Processes(ctx),
      observability: new Observability(ctx),
    };
    return this.#parts;
  }

  get files(): SandboxFiles {
    return this.#agent().files;
  }
  get commands(): SandboxCommands {
    return this.#agent().commands;
  }
  get env(): EnvVars {
    return this.#agent().env;
  }
  get cache(): Cache {
    return this.#agent().cache;
  }
  get desktop(): Desktop {
    return this.#agent().desktop;
  }
  get terminal(): Terminal {
    return this.#agent().terminal;
  }

  /** Runs code and waits for the result; a non-zero exit is a result (`exitCode`), not an error. */
  async runCode(code: string, options?: CodeExecutionOptions, request?: RequestOptions): Promise<ExecutionResult> {
    return this.#agent().code.runCode(code, options, request);
  }
  /** Starts code and returns at once; the agent posts the result to `callbackUrl`. */
  async runCodeAsync(code: string, options: AsyncExecutionOptions, request?: RequestOptions): Promise<AsyncExecution> {
    return this.#agent().code.runCodeAsync(code, options, request);
  }
  async runCodeBackground(code: string, options?: BackgroundExecutionOptions, request?: RequestOptions): Promise<BackgroundExecution> {
    return this.#agent().code.runCodeBackground(code, options, request);
  }
  async runIpython(code: string, options?: IpythonOptions, request?: RequestOptions): Promise<ExecutionResult> {
    return this.#agent().code.runIpython(code, options, request);
  }
  /** Output as it happens (WebSocket `/execute/stream`): stdout, stderr, result, error, complete. */
  async *runCodeStream(code: string, options?: RunCodeStreamOptions): AsyncGenerator<ExecuteStreamServerMessage, void, undefined> {
    yield* runCodeStream(this.agentContext(), code, { ...options, endpoint: options?.endpoint === "ipython" ? "ipython" : "execute" });
  }
  async *watchFiles(path = "/workspace", options?: WatchFilesOptions): AsyncGenerator<FileChangeMessage, void, undefined> {
    yield* this.#agent().files.watch(path, options);
  }

  async listProcesses(options?: RequestOptions): Promise<ProcessInfo[]> {
    return this.#agent().processes.listProcesses(options);
  }
  async listSystemProcesses(options?: RequestOptions): Promise<SystemProcess[]> {
    return this.#agent().processes.listSystemProcesses(options);
  }
  async killProcess(processId: string, options?: RequestOptions): Promise<KillProcessResponse> {
    return this.#agent().processes.killProcess(processId, options);
  }
  async getJupyterSessions(options?: RequestOptions): Promise<JupyterSession[]> {
    return this.#agent().processes.getJupyterSessions(options);
  }

  async getMetricsSnapshot(options?: RequestOptions): Promise<MetricsSnapshot> {
    return this.#agent().observability.getMetricsSnapshot(options);
  }
  async getAgentMetrics(options?: RequestOptions): Promise<MetricsSnapshot> {
    return this.#agent().observability.getAgentMetrics(options);
  }
  async getHealth(options?: RequestOptions): Promise<HealthResponse> {
    return this.#agent().observability.getHealth(options);
  }
  async getAgentInfo(options?: RequestOptions): Promise<AgentInfoResponse> {
    return this.#agent().observability.getAgentInfo(options);
  }
  async isHealthy(options?: RequestOptions): Promise<boolean> {
    return this.#agent().observability.isHealthy(options);
  }
  async ensureHealthy(options?: EnsureHealthyOptions): Promise<HealthResponse> {
    return this.#agent().observability.ensureHealthy(options);
  }
}
