// One measurement in a fresh process: one workload, one adapter. A fresh process per (workload, adapter,
// round) means no client inherits another's JIT state, connection pool or heap. Prints one result line.
import { crc32 } from "node:zlib";
import { adapterById, BASELINE } from "./adapters/index.js";
import type { Client, Target } from "./adapters/types.js";
import { RESULT_PREFIX, type ChildSpec } from "./protocol.js";
import { median, pairedRatio } from "./stats.js";

/**
 * Warm downloads of the client and of raw fetch measured in a `beside` run. Even, so each goes first equally often:
 * the first of a pair runs measurably slower (raw fetch against itself: 1.12× with 3 pairs, the client first twice).
 */
const SAME_PROCESS_PAIRS = 4;

type Result = Record<string, number | string | boolean>;

const nowUs = (): number => Number(process.hrtime.bigint()) / 1000;
const cpuUs = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

async function repeat(fn: () => Promise<unknown>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await fn();
}

/** Sequential calls: wall and client CPU per call. */
async function sequential(
  fn: () => Promise<unknown>,
  calls: number,
  warmup: number,
): Promise<{ us: number; cpu: number }> {
  await repeat(fn, warmup);
  const t0 = nowUs();
  const c0 = cpuUs();
  await repeat(fn, calls);
  return { us: (nowUs() - t0) / calls, cpu: (cpuUs() - c0) / calls };
}

/** `concurrency` callers sharing `calls` calls: throughput and client CPU per call. */
async function parallel(
  fn: () => Promise<unknown>,
  calls: number,
  warmup: number,
  concurrency: number,
): Promise<{ cps: number; cpu: number }> {
  const run = async (n: number) => {
    let left = n;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0) await fn();
      }),
    );
  };
  await run(warmup);
  const t0 = nowUs();
  const c0 = cpuUs();
  await run(calls);
  return { cps: calls / ((nowUs() - t0) / 1e6), cpu: (cpuUs() - c0) / calls };
}

/**
 * Peak RSS of a phase above the RSS just before it. Sampled every 5 ms, and cross-checked with the
 * kernel's high-water mark (maxRSS), which catches a peak between samples — used only when it rose
 * during the phase, since startup may have set it earlier.
 */
async function withPeakRss<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; baselineMiB: number; peakAboveMiB: number; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage.rss();
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const t0 = performance.now();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage.rss());
    const maxAfter = process.resourceUsage().maxRSS * 1024;
    if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
    const mib = (n: number) => n / 1048576;
    return { value, baselineMiB: mib(baseline), peakAboveMiB: mib(peak - baseline), ms };
  } finally {
    clearInterval(timer);
  }
}

/** What the server received for `remotePath` (it hashes uploads as they stream in). */
async function serverSaw(target: Target, remotePath: string): Promise<{ size: number; crc32: number }> {
  const response = await fetch(`${target.agentUrl}/__bench/upload?path=${encodeURIComponent(remotePath)}`);
  if (!response.ok) throw new Error(`the server recorded no upload for ${remotePath}`);
  return (await response.json()) as { size: number; crc32: number };
}

/** One verified download: its wall time and peak RSS above the RSS before it. */
async function downloadOnce(
  spec: ChildSpec,
  client: Client,
): Promise<{ ms: number; rssMiB: number; baselineMiB: number }> {
  const { remotePath = "", size = 0 } = spec;
  let got = 0;
  let crc = 0;
  const m = await withPeakRss(() =>
    client.download(remotePath, (chunk) => {
      got += chunk.length;
      crc = crc32(chunk, crc);
    }),
  );
  if (got !== size || crc !== spec.crc32)
    throw new Error(`download mismatch: ${got} bytes, crc ${crc} (expected ${size}, ${spec.crc32})`);
  return { ms: m.ms, rssMiB: m.peakAboveMiB, baselineMiB: m.baselineMiB };
}

/**
 * A fresh process's first download (wall and peak RSS: what the cross-process columns compare), then the
 * download against raw fetch in this same process, alternating, after one unmeasured download of raw fetch.
 * Across processes a ratio also carries what loading the client does to the whole process (under tsx's loader,
 * raw fetch itself downloaded ~2× slower in the hopx-client child: `floorMs` showed it); the same-process ratio
 * isolates what the client's download path costs.
 */
async function downloadBesideFloor(spec: ChildSpec, client: Client): Promise<Result> {
  const cold = await downloadOnce(spec, client);
  // Raw fetch runs the same schedule against itself, so every adapter's figures are taken the same way.
  const floor = spec.adapter === BASELINE ? client : await (await adapterById(BASELINE).load()).connect(spec.target);
  await floor.readFile();
  await downloadOnce(spec, floor);
  const own: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < SAME_PROCESS_PAIRS; i++) {
    // Alternate who goes first, so neither always follows the other's garbage.
    const clientFirst = i % 2 === 0;
    for (const isClient of clientFirst ? [true, false] : [false, true])
      (isClient ? own : base).push((await downloadOnce(spec, isClient ? client : floor)).ms);
  }
  return {
    ...cold,
    warmMs: median(own),
    floorMs: median(base),
    sameProcessRatio: pairedRatio(own, base),
    verified: true,
  };
}

async function transfer(spec: ChildSpec, client: Client): Promise<Result> {
  const { localPath = "", remotePath = "", size = 0 } = spec;
  await client.readFile(); // connection open and code paths loaded before the baseline is taken
  if (spec.workload === "download") {
    if (spec.beside) return downloadBesideFloor(spec, client);
    return { ...(await downloadOnce(spec, client)), verified: true };
  }
  const m = await withPeakRss(() => client.upload(localPath, remotePath));
  const saw = await serverSaw(spec.target, remotePath);
  // The sparse probe checks length only (its CRC is of zeros; the server computes it anyway).
  const verified = saw.size === size && (spec.workload === "probe" || saw.crc32 === spec.crc32);
  if (!verified)
    throw new Error(
      `upload mismatch: server got ${saw.size} bytes, crc ${saw.crc32} (expected ${size}, ${spec.crc32})`,
    );
  return { ms: m.ms, rssMiB: m.peakAboveMiB, baselineMiB: m.baselineMiB, verified };
}

async function main(spec: ChildSpec): Promise<Result> {
  const adapter = await adapterById(spec.adapter).load();
  const client = await adapter.connect(spec.target);
  const calls = spec.calls ?? 1000;
  const warmup = spec.warmup ?? 200;
  switch (spec.workload) {
    case "seq": {
      const r = await sequential(() => client.getSandbox(), calls, warmup);
      return { us: r.us, cpuUs: r.cpu };
    }
    case "par":
    case "lat":
    case "wan": {
      const r = await parallel(() => client.getSandbox(), calls, warmup, spec.concurrency ?? 64);
      return { cps: r.cps, cpuUs: r.cpu };
    }
    case "agent": {
      const run = await sequential(() => client.runCommand(), calls, warmup);
      const read = await sequential(() => client.readFile(), calls, warmup);
      return { runUs: run.us, runCpuUs: run.cpu, readUs: read.us, readCpuUs: read.cpu };
    }
    case "upload":
    case "download":
    case "probe":
      return transfer(spec, client);
  }
}

const spec = JSON.parse(process.argv[2] ?? "{}") as ChildSpec;
main(spec).then(
  (result) => {
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    const message =
      err instanceof Error
        ? `${err.name}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ""}`
        : String(err);
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ error: message.slice(0, 300) })}\n`);
    process.exit(0);
  },
);
