// Background executions and OS processes of a sandbox, with the official SDK's names.
import type {
  JupyterSession,
  KillProcessResponse,
  ProcessInfo,
  SystemProcess,
} from "../../../generated/vm-agent/index.js";
import { invalidArgument, NotFoundError } from "../../runtime/errors.js";
import { checkDurationMs } from "../../runtime/guards.js";
import { pollUntil } from "../../runtime/time.js";
import type { RequestOptions } from "../../runtime/operation.js";
import type { AgentContext } from "./context.js";
import { rememberedRoute } from "./remembered-route.js";

/**
 * Processes of a sandbox (`sandbox.processes`): background runs started through the agent, OS processes, Jupyter
 * sessions, and killing them.
 */
export class Processes {
  constructor(private readonly ctx: AgentContext) {}

  /** Background executions and commands started through the agent (`GET /execute/processes`). */
  async listProcesses(options?: RequestOptions): Promise<ProcessInfo[]> {
    return (await this.ctx.resources.processes.list(options)).processes ?? [];
  }

  /** Every OS process of the sandbox (`GET /processes`). */
  async listSystemProcesses(options?: RequestOptions): Promise<SystemProcess[]> {
    return (await this.ctx.resources.processes.listSystem(options)).processes ?? [];
  }

  /**
   * Kills a background process. Agents built from HopX's agent source take `POST /execute/kill` with a body;
   * the hand-edited agent spec has `DELETE /execute/kill?process_id=`; agents that only know the SDKs'
   * `POST /execute/kill/{id}` or the older `POST /processes/{id}/kill` come last. Each form is tried while the
   * route is missing (405, or a 404 without a process error code); the one that answered is remembered for this
   * sandbox, so either agent generation costs at most one extra request, once. A 404 `PROCESS_NOT_FOUND` means
   * the process does not exist.
   */
  async killProcess(processId: string, options?: RequestOptions): Promise<KillProcessResponse> {
    if (typeof processId !== "string" || processId.trim() === "") {
      throw invalidArgument("killProcess: processId must be a non-empty string");
    }
    const processes = this.ctx.resources.processes;
    return rememberedRoute(this.ctx, "killProcess", [
      () => processes.killPost({ processId }, options),
      () => processes.kill({ processId }, options),
      () => processes.killById(processId, options),
      () => processes.killLegacy(processId, options),
    ]);
  }

  /**
   * Jupyter kernel sessions: `GET /jupyter/status` (agents built from HopX's agent source), else
   * `GET /jupyter/sessions` (the hand-edited agent spec), remembered for this sandbox like `killProcess`.
   */
  async getJupyterSessions(options?: RequestOptions): Promise<JupyterSession[]> {
    const processes = this.ctx.resources.processes;
    const answer = await rememberedRoute(this.ctx, "jupyterSessions", [
      () => processes.jupyterStatus(options),
      () => processes.jupyterSessions(options),
    ]);
    return answer.sessions ?? [];
  }
}

export interface WaitOptions {
  /** Milliseconds between checks of the process list (default 1 000). */
  pollIntervalMs?: number;
  /** Milliseconds before giving up with a TimeoutError (default: no limit). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What a background run returns on top of its ids: wait for it, or kill it (as E2B's command handles do). */
export interface BackgroundHandle {
  /** Resolves with the process's record once it is no longer queued or running. */
  wait(options?: WaitOptions): Promise<ProcessInfo>;
  /** Kills the process; one that already ended counts as killed. */
  kill(options?: RequestOptions): Promise<void>;
}

const FINISHED: ReadonlySet<ProcessInfo["status"]> = new Set(["completed", "failed", "killed", "timeout"]);

/** wait() and kill() for the background process `processId`. */
export function backgroundHandle(processes: Processes, processId: string): BackgroundHandle {
  return {
    wait: async (options = {}) =>
      pollUntil(
        async (signal) => {
          const list = await processes.listProcesses(signal ? { signal } : {});
          const info = list.find((p) => p.processId === processId);
          if (!info) throw new NotFoundError(`process ${processId} is not in the agent's process list`);
          return FINISHED.has(info.status) ? info : undefined;
        },
        {
          intervalMs: checkDurationMs("wait: pollIntervalMs", options.pollIntervalMs ?? 1_000),
          timeoutMs: options.timeoutMs ?? Number.POSITIVE_INFINITY,
          signal: options.signal,
          what: `process ${processId} to finish`,
        },
      ),
    kill: async (options) => {
      try {
        await processes.killProcess(processId, options);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
    },
  };
}
