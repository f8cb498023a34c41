// What the runner sends a child process and how the child answers (one prefixed JSON line on stdout).
import type { Target } from "./adapters/types.js";

export type ChildWorkload = "seq" | "par" | "lat" | "wan" | "agent" | "upload" | "download" | "probe";

export interface ChildSpec {
  workload: ChildWorkload;
  adapter: string;
  target: Target;
  /** Calls measured (request workloads) after `warmup` unmeasured ones. */
  calls?: number;
  warmup?: number;
  concurrency?: number;
  /** Transfer workloads: local file, remote path, expected length and CRC-32. */
  localPath?: string;
  remotePath?: string;
  size?: number;
  crc32?: number;
  /** Download: also measure raw fetch in the same process, alternating (child.ts downloadBesideFloor). */
  beside?: boolean;
}

export const RESULT_PREFIX = "@@bench-result ";
