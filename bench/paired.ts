// Single workloads, paired: `npx tsx bench/paired.ts [workloads] [rounds] [adapters]`, e.g.
// `npx tsx bench/paired.ts seq,par,lat,download 5 openapi-fetch,hopx,fetch`. Same children and servers as
// `npm run bench` (one fresh process per workload, adapter and round, order rotated), without the package,
// install and generate steps; prints per-round values and the median of the per-round ratios to the first
// adapter. Not part of `npm run bench`: for checking one change in minutes. An adapter written `hopx@DIR` runs
// the child of another checkout (DIR: a copy of the tree before a change), so before and after pair in one run.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Target } from "./adapters/types.js";
import { writeRandomFile } from "./fixtures.js";
import { runChild, startServerProcess, targetOn, type ChildResult } from "./processes.js";
import { RESULT_PREFIX, SERVER_LATENCY_MS, type ChildSpec, type ChildWorkload } from "./protocol.js";
import { API_KEY, SANDBOX_ID, TOKEN } from "./server.js";
import { median, pairedRatio } from "./stats.js";

const workloads = (process.argv[2] ?? "seq,par,lat").split(",") as ChildWorkload[];
const rounds = Number(process.argv[3] ?? 5);
const adapters = (process.argv[4] ?? "openapi-fetch,hopx").split(",");
const MIB = Number(process.env.BENCH_MIB ?? 256);
const FIELDS: Record<string, string[]> = {
  seq: ["us", "cpuUs"],
  par: ["cps", "cpuUs"],
  lat: ["cps", "cpuUs"],
  wan: ["cps", "cpuUs"],
  agent: ["runUs", "readUs", "runCpuUs", "readCpuUs"],
  download: ["ms", "warmMs", "floorMs", "sameProcessRatio", "rssMiB"],
  upload: ["ms", "rssMiB"],
};

/** One measurement: this checkout's child, or (`id@DIR`) the child of the checkout in DIR. */
function measure(spec: ChildSpec): Promise<ChildResult> {
  const [id, root] = spec.adapter.split("@");
  if (!root) return runChild(spec, 180_000);
  return new Promise((resolve) => {
    const args = [
      "--import",
      "tsx",
      "--expose-gc",
      join(root, "bench/child.ts"),
      JSON.stringify({ ...spec, adapter: id }),
    ];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", () => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      resolve(line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult) : { error: "no result" });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "hopx-paired-"));
const data = writeRandomFile(join(dir, "data.bin"), MIB * 1048576);
const remote = "/workspace/bench-data.bin";
const srv = await startServerProcess({ [remote]: data.path });
// The latency workload: `lat` is b.lat (64 in flight, 2 ms); BENCH_LAT_MS and BENCH_IN_FLIGHT try others.
const latMs = Number(process.env.BENCH_LAT_MS ?? SERVER_LATENCY_MS.lat);
const inFlight = Number(process.env.BENCH_IN_FLIGHT ?? 64);
const slow = await startServerProcess({}, latMs);
const wan = await startServerProcess({}, SERVER_LATENCY_MS.wan);
const target: Target = {
  controlPlaneUrl: srv.controlPlaneUrl,
  agentUrl: srv.agentUrl,
  apiKey: API_KEY,
  token: TOKEN,
  sandboxId: SANDBOX_ID,
};
const targets: Partial<Record<ChildWorkload, Target>> = { lat: targetOn(target, slow), wan: targetOn(target, wan) };
const load: number[] = [];
try {
  for (const workload of workloads) {
    const values: Record<string, Record<string, Array<number | undefined>>> = {};
    for (let round = 0; round < rounds; round++) {
      const order = [...adapters.slice(round % adapters.length), ...adapters.slice(0, round % adapters.length)];
      for (const adapter of order) {
        load.push(loadavg()[0]!);
        const spec: ChildSpec = {
          workload,
          adapter,
          target: targets[workload] ?? target,
          calls: workload === "seq" || workload === "wan" ? 1500 : Number(process.env.BENCH_CALLS ?? 3000),
          warmup: 300,
          concurrency: workload === "lat" ? inFlight : 64,
          remotePath: remote,
          localPath: data.path,
          size: data.size,
          crc32: data.crc32,
          beside: true,
        };
        const r = await measure(spec);
        if (r.error) console.log(workload, adapter, round, r.error);
        for (const field of FIELDS[workload] ?? []) {
          values[field] ??= {};
          const byAdapter = values[field];
          byAdapter[adapter] ??= [];
          byAdapter[adapter][round] = typeof r[field] === "number" ? (r[field] as number) : undefined;
        }
      }
    }
    for (const [field, byAdapter] of Object.entries(values)) {
      const base = byAdapter[adapters[0]!]!;
      const line = adapters.map((a) => {
        const xs = byAdapter[a]!.filter((v): v is number => v !== undefined);
        const ratio = pairedRatio(byAdapter[a]!, base).toFixed(3);
        return `${a} median ${median(xs).toFixed(median(xs) < 10 ? 3 : 1)} (×${ratio}) [${xs.map((x) => x.toFixed(x < 10 ? 2 : 0)).join(" ")}]`;
      });
      console.log(`${workload}.${field}: ${line.join(" | ")}`);
    }
  }
  console.log(
    `load average (1 min) during the run: ${median(load).toFixed(1)} median, ${Math.max(...load).toFixed(1)} max`,
  );
} finally {
  srv.stop();
  slow.stop();
  wan.stop();
  rmSync(dir, { recursive: true, force: true });
}
