// `BuildResult.createVM()` of @hopx-ai/sdk: a sandbox from the template just built, described in the official
// `VM` shape, with `delete()` killing it.
import { invalidArgument } from "../../runtime/errors.js";
import type { Hopx } from "../hopx.js";

/** Options of {@link BuildResult.createVM} (the official `CreateVMOptions`). */
export interface CreateVMOptions {
  /** Environment variables of the sandbox. */
  envVars?: Record<string, string>;
  /** Aborts creating the sandbox. */
  signal?: AbortSignal;
  /**
   * @deprecated Ignored, as by `@hopx-ai/sdk`: the control plane takes no name for a sandbox. Kept so that code
   * written for the official SDK compiles.
   */
  alias?: string;
  /** @deprecated Ignored, as by `@hopx-ai/sdk`: a sandbox gets its template's vCPUs. */
  cpu?: number;
  /** @deprecated Ignored, as by `@hopx-ai/sdk`: a sandbox gets its template's memory (MB). */
  memory?: number;
  /** @deprecated Ignored, as by `@hopx-ai/sdk`: a sandbox gets its template's disk (GB). */
  diskGB?: number;
}

/** A sandbox started by {@link BuildResult.createVM} (the official `VM` shape). */
export interface VM {
  /** The sandbox's id. */
  vmID: string;
  /** The template it was created from. */
  templateID: string;
  /** Its status when created (`running`). */
  status: string;
  /** The agent's host name, without scheme (`7777-<id>.<cluster>.vms.hopx.dev`). */
  ip: string;
  /** Base URL of the sandbox's VM agent. */
  agentUrl: string;
  /** When it was created (ISO 8601). */
  startedAt: string;
  /** Kills the sandbox. */
  delete(): Promise<void>;
}

/** Creates a sandbox from `templateId` with the client the template was built with, and describes it as a VM. */
export async function createVM(hopx: Hopx, templateId: string, options: CreateVMOptions = {}): Promise<VM> {
  if (options === null || typeof options !== "object") throw invalidArgument("createVM: options must be an object");
  const sandbox = await hopx.sandboxes.create({
    templateId,
    ...(options.envVars === undefined ? {} : { envVars: options.envVars }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const info = await sandbox.getInfo(options.signal ? { signal: options.signal } : undefined);
  const agentUrl = await sandbox.getAgentUrl();
  return {
    vmID: sandbox.sandboxId,
    templateID: info.templateId === undefined || info.templateId === null ? templateId : String(info.templateId),
    status: info.status,
    ip: new URL(agentUrl).host,
    agentUrl,
    startedAt: info.createdAt ?? "",
    delete: () => sandbox.kill(),
  };
}
