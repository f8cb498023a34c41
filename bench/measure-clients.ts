// Workloads a–d: every adapter against the loopback server, interleaved round by round (the adapter order
// rotates each round so none always runs first or last), one fresh process per (workload, adapter, round).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADAPTERS, BASELINE } from "./adapters/index.js";
import type { Target } from "./adapters/types.js";
import type { BenchConfig } from "./config.js";
import { freeBytes, writeRandomFile, writeSparseFile } from "./fixtures.js";
import { runChild, startServerProcess, targetOn, type ChildResult } from "./processes.js";
import { SERVER_LATENCY_MS, type ChildSpec, type ChildWorkload } from "./protocol.js";
import { API_KEY, SANDBOX_ID, TOKEN } from "./server.js";
import { median, pairedRatio } from "./stats.js";

/** One figure measured for every adapter in every round. */
export interface Metric {
  id: string;
  workload: "a" | "b" | "c" | "d";
  label: string;
  unit: string;
  better: "lower" | "higher";
  /** Per adapter, one value per round (undefined where the round failed). */
  samples: Record<string, Array<number | undefined>>;
  errors: Record<string, string>;
  median: Record<string, number>;
  /** Paired per-round ratio against raw fetch. */
  ratio: Record<string, number>;
}

export interface ProbeResult {
  adapter: string;
  ok: boolean;
  ms?: number;
  rssMiB?: number;
  error?: string;
}

export interface ClientResults {
  metrics: Metric[];
  probe: { size: number; skipped?: string; results: ProbeResult[] };
  transferSize: number;
}

interface MetricSpec {
  id: string;
  workload: Metric["workload"];
  label: string;
  unit: string;
  better: Metric["better"];
  /** Which child run produces it, and which field of its result. */
  child: ChildWorkload;
  field: string;
}

const { lat: LATENCY_MS, wan: WAN_LATENCY_MS } = SERVER_LATENCY_MS;

const METRICS: readonly MetricSpec[] = [
  {
    id: "a.us",
    workload: "a",
    label: "a. sequential GET /v1/sandboxes/{id}",
    unit: "µs/call",
    better: "lower",
    child: "seq",
    field: "us",
  },
  {
    id: "a.cpu",
    workload: "a",
    label: "a. client CPU per call",
    unit: "µs CPU/call",
    better: "lower",
    child: "seq",
    field: "cpuUs",
  },
  {
    id: "b.cps",
    workload: "b",
    label: "b. 64 in flight",
    unit: "calls/s",
    better: "higher",
    child: "par",
    field: "cps",
  },
  {
    id: "b.cpu",
    workload: "b",
    label: "b. client CPU per call at 64 in flight",
    unit: "µs CPU/call",
    better: "lower",
    child: "par",
    field: "cpuUs",
  },
  {
    id: "b.lat",
    workload: "b",
    label: `b. 64 in flight, server answers after ${LATENCY_MS} ms`,
    unit: "calls/s",
    better: "higher",
    child: "lat",
    field: "cps",
  },
  {
    id: "b.latCpu",
    workload: "b",
    label: `b. client CPU per call, 64 in flight at ${LATENCY_MS} ms`,
    unit: "µs CPU/call",
    better: "lower",
    child: "lat",
    field: "cpuUs",
  },
  {
    id: "b.wan",
    workload: "b",
    label: `b. 64 in flight, server answers after ${WAN_LATENCY_MS} ms`,
    unit: "calls/s",
    better: "higher",
    child: "wan",
    field: "cps",
  },
  {
    id: "c.run",
    workload: "c",
    label: "c. agent commands.run",
    unit: "µs/call",
    better: "lower",
    child: "agent",
    field: "runUs",
  },
  {
    id: "c.read",
    workload: "c",
    label: "c. agent files.read (small)",
    unit: "µs/call",
    better: "lower",
    child: "agent",
    field: "readUs",
  },
  {
    id: "c.runCpu",
    workload: "c",
    label: "c. client CPU per commands.run",
    unit: "µs CPU/call",
    better: "lower",
    child: "agent",
    field: "runCpuUs",
  },
  {
    id: "c.readCpu",
    workload: "c",
    label: "c. client CPU per files.read",
    unit: "µs CPU/call",
    better: "lower",
    child: "agent",
    field: "readCpuUs",
  },
  { id: "d.up.ms", workload: "d", label: "d. upload wall", unit: "ms", better: "lower", child: "upload", field: "ms" },
  {
    id: "d.up.rss",
    workload: "d",
    label: "d. upload peak RSS above baseline",
    unit: "MiB",
    better: "lower",
    child: "upload",
    field: "rssMiB",
  },
  {
    id: "d.down.ms",
    workload: "d",
    label: "d. download wall",
    unit: "ms",
    better: "lower",
    child: "download",
    field: "ms",
  },
  {
    id: "d.down.same",
    workload: "d",
    label: "d. download wall beside raw fetch, same process (warm)",
    unit: "× raw fetch",
    better: "lower",
    child: "download",
    field: "sameProcessRatio",
  },
  {
    id: "d.down.rss",
    workload: "d",
    label: "d. download peak RSS above baseline",
    unit: "MiB",
    better: "lower",
    child: "download",
    field: "rssMiB",
  },
];

const REMOTE_DATA = "/workspace/bench-data.bin";
const REMOTE_SPARSE = "/workspace/bench-sparse.bin";

function rotate<T>(xs: readonly T[], by: number): T[] {
  const k = by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

export async function measureClients(config: BenchConfig): Promise<ClientResults> {
  const dir = mkdtempSync(join(tmpdir(), "hopx-bench-"));
  const server = { stop: () => undefined } as { stop(): void };
  try {
    log(`writing a ${config.transferMiB} MiB random file in ${dir}`);
    const data = writeRandomFile(join(dir, "data.bin"), config.transferMiB * 1048576);
    const srv = await startServerProcess({ [REMOTE_DATA]: data.path });
    const slow = await startServerProcess({}, LATENCY_MS);
    const wan = await startServerProcess({}, WAN_LATENCY_MS);
    server.stop = () => {
      srv.stop();
      slow.stop();
      wan.stop();
    };
    const target: Target = {
      controlPlaneUrl: srv.controlPlaneUrl,
      agentUrl: srv.agentUrl,
      apiKey: API_KEY,
      token: TOKEN,
      sandboxId: SANDBOX_ID,
    };
    const targets: Partial<Record<ChildWorkload, Target>> = { lat: targetOn(target, slow), wan: targetOn(target, wan) };
    const runs: Array<Record<ChildWorkload, Record<string, ChildResult>>> = [];

    const requestSpecs: Array<Omit<ChildSpec, "adapter" | "target">> = [
      { workload: "seq", calls: config.seqCalls, warmup: config.warmup },
      { workload: "par", calls: config.parCalls, warmup: config.warmup, concurrency: 64 },
      { workload: "lat", calls: config.latCalls, warmup: config.warmup, concurrency: 64 },
      { workload: "wan", calls: config.wanCalls, warmup: config.warmup, concurrency: 64 },
      { workload: "agent", calls: config.agentCalls, warmup: config.warmup },
    ];
    const transferSpecs: Array<Omit<ChildSpec, "adapter" | "target">> = [
      { workload: "upload", localPath: data.path, remotePath: REMOTE_DATA, size: data.size, crc32: data.crc32 },
      { workload: "download", remotePath: REMOTE_DATA, size: data.size, crc32: data.crc32, beside: true },
    ];

    const rounds = Math.max(config.requestRounds, config.transferRounds);
    for (let round = 0; round < rounds; round++) {
      const results = {} as Record<ChildWorkload, Record<string, ChildResult>>;
      const specs = [
        ...(round < config.requestRounds ? requestSpecs : []),
        ...(round < config.transferRounds ? transferSpecs : []),
      ];
      for (const spec of specs) {
        results[spec.workload] = {};
        for (const adapter of rotate(ADAPTERS, round)) {
          const to = targets[spec.workload] ?? target;
          const result = await runChild({ ...spec, adapter: adapter.id, target: to }, config.childTimeoutMs);
          results[spec.workload][adapter.id] = result;
          log(`round ${round + 1}/${rounds} ${spec.workload} ${adapter.id}: ${JSON.stringify(result)}`);
        }
      }
      runs.push(results);
    }

    const metrics = METRICS.map((m) => aggregate(m, runs));
    const probe = await sparseProbe(config, dir, target);
    return { metrics, probe, transferSize: data.size };
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function aggregate(
  spec: MetricSpec,
  runs: ReadonlyArray<Partial<Record<ChildWorkload, Record<string, ChildResult>>>>,
): Metric {
  const samples: Record<string, Array<number | undefined>> = {};
  const errors: Record<string, string> = {};
  for (const adapter of ADAPTERS) {
    samples[adapter.id] = runs.map((r) => {
      const result = r[spec.child]?.[adapter.id];
      if (!result) return undefined;
      if (result.error) errors[adapter.id] ??= result.error;
      const value = result[spec.field];
      return typeof value === "number" ? value : undefined;
    });
  }
  const med: Record<string, number> = {};
  const ratio: Record<string, number> = {};
  for (const adapter of ADAPTERS) {
    const present = samples[adapter.id]!.filter((v): v is number => v !== undefined);
    med[adapter.id] = median(present);
    ratio[adapter.id] = pairedRatio(samples[adapter.id]!, samples[BASELINE]!);
  }
  const { child: _c, field: _f, ...rest } = spec;
  return { ...rest, samples, errors, median: med, ratio };
}

/** The >2 GiB case: a sparse file (no disk blocks) uploaded streamed; the server checks its length. */
async function sparseProbe(config: BenchConfig, dir: string, target: Target): Promise<ClientResults["probe"]> {
  const size = config.probeBytes;
  if (size === 0) return { size, skipped: "BENCH_QUICK: probe skipped", results: [] };
  const free = freeBytes(dir);
  if (free < 4 * 1024 ** 3)
    return { size, skipped: `only ${(free / 1024 ** 3).toFixed(1)} GiB free in ${dir} (needs 4 GiB)`, results: [] };
  const file = writeSparseFile(join(dir, "sparse.bin"), size);
  try {
    const results: ProbeResult[] = [];
    for (const adapter of ADAPTERS) {
      const r = await runChild(
        {
          workload: "probe",
          adapter: adapter.id,
          target,
          localPath: file.path,
          remotePath: REMOTE_SPARSE,
          size,
          crc32: 0,
        },
        config.probeTimeoutMs,
      );
      log(`probe ${adapter.id}: ${JSON.stringify(r)}`);
      results.push(
        r.error
          ? { adapter: adapter.id, ok: false, error: r.error }
          : { adapter: adapter.id, ok: true, ms: r.ms as number, rssMiB: r.rssMiB as number },
      );
    }
    return { size, results };
  } finally {
    rmSync(file.path, { force: true });
  }
}
