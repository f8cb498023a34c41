// Background executions and OS processes of a sandbox, with the official SDK's names.
import type {
  JupyterSession,
  KillProcessResponse,
  ProcessInfo,
  SystemProcess,
} from "../../../generated/vm-agent/index.js";
import { invalidArgument } from "../../runtime/errors.js";
import type { RequestOptions } from "../../runtime/operation.js";
import type { AgentContext } from "./context.js";
import { firstRoute } from "./routes.js";

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
   * Kills a background process. Sends the spec's `DELETE /execute/kill?process_id=`; agents that only know
   * the SDKs' `POST /execute/kill/{id}` or the older `POST /processes/{id}/kill` answer it with 404 or 405,
   * so those forms are tried in turn. A 404 from all means the process does not exist.
   */
  async killProcess(processId: string, options?: RequestOptions): Promise<KillProcessResponse> {
    if (typeof processId !== "string" || processId.trim() === "") {
      throw invalidArgument("killProcess: processId must be a non-empty string");
    }
    const processes = this.ctx.resources.processes;
    return firstRoute([
      () => processes.kill({ processId }, options),
      () => processes.killById(processId, options),
      () => processes.killLegacy(processId, options),
    ]);
  }

  /** Jupyter kernel sessions (`GET /jupyter/sessions`). */
  async getJupyterSessions(options?: RequestOptions): Promise<JupyterSession[]> {
    return (await this.ctx.resources.processes.jupyterSessions(options)).sessions ?? [];
  }
}
