// What the runner sends a child process and how the child answers (one prefixed JSON line on stdout).
import type { Target } from "./adapters/types.js";

export type ChildWorkload = "seq" | "par" | "lat" | "wan" | "agent" | "upload" | "download" | "probe";

/**
 * How long the server of a latency workload waits before each answer. b.lat: what a real network adds, at its
 * smallest (CPU-bound here at 64 in flight). b.wan: a real network's tens of ms; at 64 in flight its ceiling
 * (640 calls/s) sits well below what any client's CPU allows here, so the wait, not the CPU, sets the pace.
 */
export const SERVER_LATENCY_MS = { lat: 2, wan: 100 } as const;

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
