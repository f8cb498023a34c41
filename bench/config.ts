// How much each workload does: the full run (under 10 minutes on 2 cores) or BENCH_QUICK=1 (about a minute,
// a smoke test of the harness — too few rounds for its ratios to mean much).
export interface BenchConfig {
  quick: boolean;
  requestRounds: number;
  transferRounds: number;
  warmup: number;
  seqCalls: number;
  parCalls: number;
  /** Calls of workload b.lat (64 in flight against a server that answers after 2 ms). */
  latCalls: number;
  /** Calls of workload b.wan (64 in flight against a server that answers after 100 ms). */
  wanCalls: number;
  agentCalls: number;
  transferMiB: number;
  /** Size of the sparse >2 GiB upload probe; 0 skips it. */
  probeBytes: number;
  importRounds: number;
  /** Clean-install probe against the npm registry (the only network use). */
  install: boolean;
  generate: boolean;
  childTimeoutMs: number;
  probeTimeoutMs: number;
}

export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const quick = env.BENCH_QUICK === "1";
  return quick
    ? {
        quick,
        requestRounds: 2,
        transferRounds: 1,
        warmup: 100,
        seqCalls: 300,
        parCalls: 600,
        latCalls: 600,
        wanCalls: 300,
        agentCalls: 200,
        transferMiB: 32,
        probeBytes: 0,
        importRounds: 4,
        install: false,
        generate: false,
        childTimeoutMs: 60_000,
        probeTimeoutMs: 0,
      }
    : {
        quick,
        requestRounds: 11,
        transferRounds: 3,
        warmup: 300,
        seqCalls: 1500,
        parCalls: 3000,
        latCalls: 3000,
        wanCalls: 1500,
        agentCalls: 1200,
        transferMiB: 256,
        probeBytes: 2.5 * 1024 ** 3,
        importRounds: 15,
        install: true,
        generate: true,
        childTimeoutMs: 120_000,
        probeTimeoutMs: 180_000,
      };
}
