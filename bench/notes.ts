// The analysis behind each target verdict: what would close a miss, or where a met target's next bottleneck
// is. Hand-written from the evidence of the latest full run (tables in README.md), `npx tsx
// bench/micro-transport.ts` (per-call cost of the transport's building blocks) and `node --cpu-prof` of
// bench/child.ts. Rewrite it when the numbers move (BENCH_RERENDER=1 npm run bench re-renders the README).
export const NOTES: Record<string, string> = {
  a:
    "The tables above are from the last full run before issue 18 (2026-11-30); no full run fitted after it: the shared 2-core machine sat at a load average of 5–16 " +
    "while other engineers ran tests, and a full run then takes well over its 10 minutes. What was measured after issue 18 is in the section Paired runs after issue 18, above the targets " +
    "(`bench/paired.ts`, same children and servers). Sequential is within 10% of bare openapi-fetch in most of them, but not in every run at load 6: the spread of one adapter's rounds (1.2–2.8 ms/call) is wider than the gap measured. " +
    "One request path since issue 18: every generated call goes through openapi-fetch with a fetch of its own (the call's state in a closure), one AbortController and timer per call, " +
    "credentials read on every attempt, case conversion by table lookup. The old direct path, the shared deadlines (1/64 late, listener warnings), the per-shape conversion plans, " +
    "the OpPlan and the last-bearer cache are gone. What remains for speed, and what each buys: the transport's Request class (call-send.ts WireRequest, openapi-fetch's documented `Request` option) " +
    "sends `fetch(url, init)` without a `new Request()` per call (undici's Request constructor is one of the largest undici items in bare openapi-fetch's profile: ~30 µs of CPU per call) and lets a retry resend the same init; " +
    "the buffered Response (body.ts) hands openapi-fetch the capped bytes without a second stream (`new Response(bytes)` costs ~30 µs per call on Node 20, constructing the subclass ~3 µs); " +
    "the limiter frees a slot a turn later only at the cap. Sync fast paths (a free limiter slot without a promise, a given origin and sync credentials without an await) were tried " +
    "after issue 18 and measured 419 against 418 µs of client CPU per call at 15,000 calls: below noise, so they were not kept.",
  b:
    "CPU-bound on 2 cores (client and server share them): throughput follows client CPU per call. The limiter does not cap it (default maxConnections 128 > 64 in flight), " +
    "and every client uses Node's global fetch dispatcher (same undici pool and keep-alive; no adapter brings an Agent of its own), so the comparison with bare openapi-fetch is like for like. " +
    "Client CPU per call here includes warm-up: `process.cpuUsage()` counts V8's compiler and GC threads, and with 3,000 calls per child about half of it is tier-up. At 15,000 calls per child " +
    "both drop to ~380–420 µs/call (bare openapi-fetch 382, hopx-client 418 before and after this session's cuts: 1.1×, 3 rounds at load 4). The remaining gap grows with the number in flight, not per call in sequence " +
    "(sequential CPU is within a few % of bare openapi-fetch): what a call keeps alive while it waits (its AbortController and timer, the context, the closure, the held answer) is what " +
    "64 concurrent calls carry through every young-generation GC. Cutting it means fewer objects per call in flight, not fewer instructions.",
  "b.lat":
    "Issue 18's workload: 64 calls in flight against a server that answers GET /v1/sandboxes/{id} after 2 ms (setTimeout, so its CPU is free meanwhile). " +
    "On this machine it is not latency-bound: 64 calls per 2 ms would allow 32,000 calls/s, and every client reaches 700–1,000, so the 2 ms hide behind CPU and b.lat measures the same as b " +
    "(client CPU per call). For the latency to dominate, calls in flight × CPU per call must stay below the latency (~2 in flight per core at 2 ms). " +
    "`BENCH_LAT_MS=20 BENCH_IN_FLIGHT=8 npx tsx bench/paired.ts lat` is such a workload (a ceiling of 400 calls/s, ~0.3 cores); its result is with the paired runs above: hopx-client 1.01× bare openapi-fetch's calls/s, the same CPU per call.",
  c:
    "commands.run and files.read are both at raw fetch (1.03× and 0.97× wall). c measures 1,200 calls per operation since session 16 (was 600: read's 600 calls took 0.4 s, and its per-round ratios spread 0.88–1.30; " +
    "the medians of three runs with 600 calls were 1.15×, 1.20× and 1.13×, against 0.97× in both runs with 1,200).",
  "d.rss":
    'Flat both ways since `redirect: "error"` (Node 20\'s fetch buffers the whole request body under "follow" and "manual", undici #4058; upload-redirect-check.ts shows +270 MiB with "manual"). ' +
    "Next bottleneck: none in the SDK; the floor is undici's own buffering (raw fetch shows the same ~50 MiB).",
  "d.wall":
    "Upload is at raw fetch's level (1.00–1.15× across the last two runs, within this machine's noise). Download is the miss: Files.download wraps the body in a ReadableStream that watches for stalls (so a silent server cannot hang a reader) " +
    "and reports progress — one extra stream stage, i.e. one more promise hop per chunk; bare openapi-fetch is at 1.02×. Arming one watchdog timer per stall instead of one timer and a Promise.race per chunk took it from 1.53× to 1.35×. " +
    "After issue 18 (paired run below, load 6.6): 1.68× raw fetch, bare openapi-fetch 1.39× in the same run. The transport adds no copy on this path: a streamed success answer is handed on as fetch returned it " +
    "(call-answer.ts heldAnswer; no limiter slot, the call's deadline ends when the headers arrive); the extra stage is Files.download's watchdog stream (wrappers/agent/files.ts), which was not changed here. " +
    "To close it: read the source in the wrapper's pull() with a byte-batching reader (BYOB, 1 MiB views) so the stage runs per MiB rather than per 16–64 KiB chunk, or offer `idleTimeout: 0` with no onProgress as a pass-through for callers who want the raw stream.",
  "d.big":
    "Works with flat memory (same as raw fetch); the official SDK refuses files over 2 GiB (it reads them whole with fs.readFile). Next: nothing — upload of a local path streams from disk.",
  e:
    "Next bottleneck: parsing and evaluating dist/index.js (one minified ESM file with every generated resource class and shape table of both APIs). " +
    "Desktop (45 operations) behind a lazy import, or table-driven generated methods (one `call(op, …)` with thin typed stubs), would cut it further.",
  "f.size":
    "Node built-ins and `ws` are loaded through runtimeImport() (a specifier bundlers do not follow), so neither lands in a bundle; what remains is hopx-client itself (~122 kB min: generated resources, shapes, wrappers). " +
    "Next: table-driven generated methods (their bodies are near-identical) would shrink the biggest input; desktop could move behind a lazy import.",
  "f.browser":
    "Builds: local-file code (Files.upload of a path, template sources) reaches node:fs/crypto/path only through runtimeImport(), so a browser bundle never resolves them; those code paths throw a typed error where there is no file system. " +
    "The official SDK's browser build fails (32 errors).",
  "f.install":
    "4 packages (hopx-client, openapi-fetch, openapi-typescript-helpers, ws) and no Prism (optional peer of the mock). Our own SSE parser (runtime/sse-parser.ts) replaced eventsource-parser; " +
    "the wire types ship without doc comments and the mock's specs gzipped. Next: `ws` as an optional peer would save 160 kB and a package.",
  "g.cold":
    "Nine turbo tasks each start tsx and load their tool from scratch (per task in the table above), two at a time on 2 cores. " +
    "To close it: one process per step for both APIs (load redocly, openapi-typescript and ts-morph once), bundle and lint in one redocly pass (bundle.ts lints the bundle again), and precompiled scripts (tsx transpiles each script on every start).",
  "g.cached":
    "A full cache hit (9 of 9) costs npm + turbo startup and the input hashing; nothing left to take out short of bypassing npm (`npx turbo …` directly).",
};

/**
 * The paired runs after issue 18 (bench/paired.ts), rendered above the targets: the tables above predate it.
 * Hand-written from that run's output; replace it when a full run after issue 18 exists.
 */
export const PAIRED = `## Paired runs after issue 18 (bench/paired.ts, 2026-12-07)

No full run fitted after issue 18: the 2-core machine was shared with other engineers' test runs (load average
5–8 throughout, against 2 cores), so a full run would have taken well over its budget and its rounds would have
mixed quiet and loaded spells. Instead one \`bench/paired.ts\` run, 5 rounds, order rotated per round, load average
6.6 median / 7.9 max: before = the tree at 1f9f26b (issue 18 merged), after = wt-perf at 14414ef. Medians over
rounds; in brackets the median of the per-round ratios to bare openapi-fetch (to raw fetch for the download).
At this load one adapter's own rounds spread by up to 2× (sequential 1.2–2.8 ms/call), wider than any gap below:
read before/after as "no change that this machine can show", not as a regression or a gain. What ships is
"before" plus one change of "after" (the caller's signal joined to the deadline only when there is one); the
sync fast paths of "after" were dropped for that reason.

| workload | bare openapi-fetch | hopx-client before | hopx-client after | target |
|---|---:|---:|---:|---|
| a. sequential, µs/call | 1,642 | 1,670 (1.08×) | 2,099 (1.28×) | ≤ 1.10× |
| a. client CPU, µs/call | 1,177 | 1,228 (1.04×) | 1,338 (1.11×) | – |
| b. 64 in flight, calls/s | 917 | 890 (1.06×) | 811 (0.88×) | ≥ 0.90× |
| b. client CPU, µs/call | 830 | 880 (1.09×) | 959 (1.14×) | – |
| b.lat 64 in flight at 2 ms, calls/s | 1,059 | 984 (0.76×) | 816 (0.86×) | ≥ 0.98× |
| b.lat client CPU, µs/call | 694 | 775 (1.14×) | 800 (1.14×) | – |
| b.lat20 8 in flight at 20 ms, calls/s (latency-bound; own run, load 4.6) | 340.5 | 342.5 (1.006×) | 344.2 (1.011×) | ≥ 0.98× |
| b.lat20 client CPU, µs/call | 1,005 | 1,027 (0.98×) | 1,008 (1.00×) | – |
| d. download 256 MiB, ms (ratio to raw fetch 1,224) | 1,482 (1.39×) | 1,824 (1.69×) | 2,056 (1.68×) | ≤ 1.05× raw fetch |
| d. download peak RSS above baseline, MiB | 53 | 58 | 50 | flat (≤ 64) |

Steady state of b (15,000 calls per child instead of 3,000, so tier-up no longer dominates; 3 rounds, load 4.1):
bare openapi-fetch 382 µs CPU/call and 2,267 calls/s; hopx-client before 419 µs and 2,201 calls/s (0.96×), after
418 µs and 2,126 calls/s (0.88×): the same CPU per call before and after (1.1× bare openapi-fetch's), calls/s
within this machine's spread (openapi-fetch's own rounds: 2,089–3,224). An earlier 3-round check at load 6 gave
1.17× CPU and 0.81× calls/s. Verdicts on
this machine at this load: sequential within 10% in the earlier quieter runs (1.01× at load 4–5) but not in this
one; 64-way and b.lat (as specified, CPU-bound here) missed; a latency-bound b.lat (8 in flight at 20 ms, where the
server's wait, not client CPU, sets the pace) within 2% (met: 1.01×); download wall missed; download
memory flat (met).

A quieter rerun of what ships (main after the merges, load 1.7 median / 2.1 max, 5 rounds,
\`npx tsx bench/paired.ts seq,par,lat,download 5 openapi-fetch,hopx,fetch\`), medians and in brackets the median
per-round ratio to bare openapi-fetch: sequential 952 against 900 µs/call (0.96×; client CPU 1.03×); 64 in flight
1,664 against 1,904 calls/s (0.88×; CPU 1.12×); b.lat 1,615 against 1,731 calls/s (0.92×; CPU 1.08×); download
1,033 ms against openapi-fetch's 695 and raw fetch's 542 (1.9× raw fetch; peak RSS 52 MiB, flat). Returning the
download body without \`Files.download\`'s stall watchdog (a one-off experiment, not kept) gave 981 ms against raw
fetch's 682 in a 3-round run: the watchdog is part of the gap, not all of it. So at low load: sequential met,
64-way 2% short of its goal, b.lat (CPU-bound here) and the download wall missed.`;
