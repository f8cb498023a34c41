// What a run of code or a command sees (its sandbox, working directory and environment) and what it leaves
// (output, exit code, plots).
import type { SandboxState } from "./state.js";

/** What a run printed, how it ended, and the PNGs its plots produced. */
export interface RunOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  images: Uint8Array[];
}

/** Where a run happens: its sandbox, working directory, environment and the mock clock's time. */
export interface RunScope {
  sandbox: SandboxState;
  cwd: string;
  /** The sandbox's env with the call's own laid over it; changes stay in this run. */
  env: Map<string, string>;
  now: number;
}

/** A run's scope: the sandbox's env (create, `env.set`) with the call's `env` over it. */
export function scopeOf(
  sandbox: SandboxState,
  now: number,
  cwd: string | undefined,
  callEnv: Record<string, string> | undefined,
): RunScope {
  const env = new Map(sandbox.env);
  for (const [k, v] of Object.entries(callEnv ?? {})) env.set(k, String(v));
  return { sandbox, cwd: cwd?.startsWith("/") ? cwd : "/workspace", env, now };
}

/** Thrown by a double's `process.exit()` / `sys.exit()`: the run ends with this code. */
export class RunExit {
  constructor(readonly code: number) {}
}

export const emptyOutput = (): RunOutput => ({ stdout: "", stderr: "", exitCode: 0, images: [] });
