// Deadline exactness (issue 18): how late a call's deadline fires, against a plain setTimeout of the same length
// armed at the same moment in the same process — the event loop's own lateness, i.e. timer resolution under this
// load. `npx tsx bench/deadline.ts [calls] [timeoutMs] [maxConnections]`; `npm run bench` runs it too.
//
// The server accepts every request and never answers, so every call ends by its deadline: 8 in flight (the
// limiter's cap) and the rest queued, as in the 1 000-call warning test (test/runtime/call-path.test.ts). A call's
// deadline counts from the call, queue time included, so a queued call must fail on time too.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TimeoutError } from "../src/index.js";
import { createControlPlane } from "../src/raw.js";
import { median, quantile } from "./stats.js";

export interface DeadlineResult {
  calls: number;
  timeoutMs: number;
  maxConnections: number;
  /** Lateness in ms past the deadline: the SDK's calls and the reference timers. */
  sdk: { p50: number; p99: number; max: number };
  reference: { p50: number; p99: number; max: number };
  /** Per call, its lateness minus that of the reference timer armed with it: what the SDK adds. */
  excess: { p50: number; p99: number; max: number };
  /** Calls that ended with something other than TimeoutError, or before their deadline. */
  wrong: number;
}

const summary = (xs: number[]) => ({ p50: median(xs), p99: quantile(xs, 0.99), max: Math.max(...xs) });

function silentServer(): Promise<Server> {
  const server = createServer(() => undefined); // holds every request open, answers none
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function measureDeadlines(calls = 1000, timeoutMs = 200, maxConnections = 8): Promise<DeadlineResult> {
  const server = await silentServer();
  const { port } = server.address() as AddressInfo;
  const cp = createControlPlane({ apiKey: "hopx_bench_key", baseURL: `http://127.0.0.1:${port}`, maxConnections });
  try {
    // An unmeasured round first: the figures are about timers, not about compiling the call path.
    await Promise.allSettled(Array.from({ length: 50 }, (_, i) => cp.sandboxes.get(`warm-${i}`, { timeoutMs: 20 })));
    const sdk: number[] = [];
    const reference: number[] = [];
    let wrong = 0;
    const pending: Array<Promise<void>> = [];
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      pending.push(
        new Promise<void>((resolve) =>
          setTimeout(() => {
            reference[i] = performance.now() - t0 - timeoutMs;
            resolve();
          }, timeoutMs),
        ),
      );
      pending.push(
        cp.sandboxes.get(`sbx-${i}`, { timeoutMs }).then(
          () => void wrong++,
          (err: unknown) => {
            const late = performance.now() - t0 - timeoutMs;
            // A timer may fire up to 1 ms early by its millisecond rounding; anything earlier is a wrong answer.
            if (!(err instanceof TimeoutError) || late < -1) wrong++;
            sdk[i] = late;
          },
        ),
      );
    }
    await Promise.all(pending);
    const excess = sdk.map((late, i) => late - reference[i]!);
    return {
      calls,
      timeoutMs,
      maxConnections,
      sdk: summary(sdk),
      reference: summary(reference),
      excess: summary(excess),
      wrong,
    };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [calls, timeoutMs, maxConnections] = process.argv.slice(2).map(Number);
  const r = await measureDeadlines(calls || undefined, timeoutMs || undefined, maxConnections || undefined);
  const ms = (s: DeadlineResult["sdk"]) =>
    `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;
  process.stdout.write(
    `${r.calls} calls, timeoutMs ${r.timeoutMs}, maxConnections ${r.maxConnections}: ${r.wrong} wrong\n` +
      `  late past the deadline — SDK: ${ms(r.sdk)}\n` +
      `  same-length setTimeout armed at the same moment: ${ms(r.reference)}\n` +
      `  SDK minus its reference, per call: ${ms(r.excess)}\n`,
  );
}
