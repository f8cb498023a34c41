// The analysis behind each target verdict: what would close a miss, or where a met target's next bottleneck
// is. Hand-written from the evidence of the latest full run (tables in README.md), `npx tsx
// bench/micro-transport.ts` (per-call cost of the transport's building blocks) and `node --cpu-prof` of
// bench/child.ts. Rewrite it when the numbers move (BENCH_RERENDER=1 npm run bench re-renders the README).
export const NOTES: Record<string, string> = {
  a:
    "Full run of 2026-12-07 15:07 UTC: hopx-client from the build, every measuring child compiled to JavaScript and run by plain node (earlier runs ran the children under tsx's loader). " +
    "Against bare openapi-fetch, paired by round: 1.06× µs/call (834 vs 803 µs; raw fetch 722), CPU per call 1.08×. Five-round paired runs of the same tree swing by ±5% here, so a 5% effect needs ~11 rounds. " +
    "One request path since issue 18: every generated call goes through openapi-fetch with a fetch of its own (the call's state in a closure), one AbortController and timer per call, credentials read on every attempt. " +
    "A CPU profile of one bench child (1,500 calls after 300, plain node) puts hopx-client's own functions at ~55 µs per call (send ~20, resultOf with JSON.parse ~9, shape conversion ~5), its own AbortSignal at ~12 µs " +
    "(Node 20 makes every AbortSignal transferable; undici then follows it with a listener and a FinalizationRegistry entry) and ~14 µs more GC. What remains for speed and what it buys: WireRequest (call-send.ts, openapi-fetch's " +
    "documented `Request` option) sends `fetch(url, init)` with no `new Request()` of ours and lets a retry resend the same init; the limiter frees a slot a turn later only at the cap. " +
    "The buffered Response is gone (an answer of declared length is handed to openapi-fetch unread). What is left of the gap is the per-call deadline: bench/client-cpu.ts (the network taken out, fetch replaced by one that builds " +
    "undici's Request and answers at once; hopx-client from the build, under tsx) gives on Node 20 openapi-fetch 88, hopx-client 96 and hopx-client with `requestTimeoutMs: Infinity` 59 µs CPU per call; " +
    "on Node 22 41, 48 and 32. Node 20 makes every AbortSignal transferable and undici follows a given signal with a listener, a WeakRef and a FinalizationRegistry entry: ~37 µs of CPU per call there, ~16 on Node 22. " +
    "Issue 18 asks for that controller per call (a shared one fired late and leaked listeners), so it stays.",
  b:
    "CPU-bound on 2 cores (client and server share them): throughput follows client CPU per call. This run, paired by round: 0.94× bare openapi-fetch's calls/s (1,976 vs 2,041; raw fetch 2,385), CPU per call 1.08× (725 vs 688 µs). " +
    "The limiter does not cap it (default maxConnections 128 > 64 in flight), and every client uses Node's global fetch dispatcher, so the comparison is like for like.",
  "b.lat":
    "Issue 18's workload as written: 64 calls in flight against a server that answers after 2 ms. Not latency-bound on this machine: 64 calls per 2 ms would allow 32,000 calls/s and every client reaches ~1,600–2,500, " +
    "so the 2 ms hide behind CPU and b.lat measures client CPU per call like b: paired by round 0.97× bare openapi-fetch (2,006 vs 2,141 calls/s), CPU per call 1.04×. A 5-round paired run before this one read 1.06×. " +
    "The CPU difference is the per-call deadline's AbortSignal on Node 20 (see a). " +
    "b.wan is the same 64 in flight with the server 100 ms away, where the wait sets the pace; there hopx-client is within 0.1% of bare openapi-fetch.",
  c:
    "Missed since the children run under plain node: commands.run 1.10× raw fetch (bare openapi-fetch 1.13×), files.read 1.39× (openapi-fetch 1.28×). Under tsx's loader every call carried the loader's cost " +
    "(raw fetch's read took 567 µs, now 417), which diluted the ratios to 1.08× and 1.04× in the run before. files.read is the shortest round trip here, so a fixed per-call cost weighs most: hopx-client adds ~20 µs " +
    "to openapi-fetch's ~40 µs over raw fetch (a quieter 5-round paired run: read 328 vs openapi-fetch 306 vs raw fetch 268 µs; run 707, 766, 681). Built on openapi-fetch by design, ≤ 1.10× raw fetch here needs less " +
    "per call than openapi-fetch itself spends; hopx-client's own share is the AbortSignal and the result conversion (see a).",
  "d.rss":
    'Flat both ways since `redirect: "error"` (Node 20\'s fetch buffers the whole request body under "follow" and "manual", undici #4058; upload-redirect-check.ts shows +270 MiB with "manual"). ' +
    "Next bottleneck: none in the SDK; the floor is undici's own buffering (raw fetch shows the same ~50 MiB).",
  "d.wall":
    "Upload 0.73× raw fetch (streamed from disk). Download 1.03× raw fetch across processes (632 vs 656 ms; bare openapi-fetch 1.04×): met since the children run under plain node. " +
    "Before, it read 1.45×: under tsx's loader, a child that had loaded the built package ran 8 downloads of 256 MiB with 115 mark-compacts instead of 12 (--trace-gc; incremental marking started ~100 times at the " +
    "allocation limit), so raw fetch itself downloaded ~2× slower there (warm 671 vs 304 ms). Under plain node the same import changes nothing (raw fetch 225 vs 233 ms, 1–2 mark-compacts).",
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
  "b.wan":
    "Added after issue 18: 64 in flight against a server that answers after 100 ms (a real network's tens of ms). Its ceiling, 640 calls/s, is well below what any client's CPU allows here, " +
    "so the wait, not the CPU, sets the pace: hopx-client 595 calls/s, bare openapi-fetch 596, raw fetch 598 (paired 1.00× of bare openapi-fetch). Client CPU per call is still ~1.05× bare openapi-fetch's, and invisible here.",
  "d.same":
    "The download against raw fetch in one process (child.ts downloadBesideFloor: one unmeasured download each, then 4 alternating pairs; median of per-pair ratios, median over rounds). " +
    "This run: 1.08×, with raw fetch against itself 1.06× and bare openapi-fetch 0.95× on the same schedule: the row moves ±6% with 3 rounds, and hopx-client sits inside that band. " +
    "A 4-round paired run with plain-node children read 1.07× (raw fetch 1.02×, openapi-fetch 1.10×). In one long-lived process raw fetch, the transport's method and Files.download were equal (203, 189, 192 ms per 64 MiB); " +
    "Files.download's stall watchdog stage costs 0.8 µs per 64 KiB chunk (~3 ms per 256 MiB).",
  deadline:
    "bench/deadline.ts: 1,000 calls at once with `timeoutMs: 200` and `maxConnections: 8` against a server that never answers (8 in flight, 992 queued); each call paired with a plain setTimeout of the same length armed with it. " +
    "Every call ends with TimeoutError, none early; per call 0.5 ms past its own setTimeout (median), 1.6 ms at p99. Both are ~440 ms late in absolute terms: the 1,000 deadline callbacks sit in one Node timer list, " +
    "and each ends an undici fetch (a queued call whose slot was granted a moment before its deadline has started one), so the loop itself runs late for every timer alike.",
  "a/b.of":
    "Issue 18's goal for the one request path: sequential and 64-way within 10% of bare openapi-fetch in the same run, paired by round (median of per-round ratios hopx-client / openapi-fetch). " +
    "Until this run the verdict divided each client's ratio to raw fetch, which read 1.03× and 0.90× on these same samples. See a and b for the figures.",
};

/** Issue 18's targets read from the latest full run, rendered above the targets. Hand-written: rewrite it with the run. */
export const PAIRED = `## Issue 18's targets on this machine

From the full run above (children compiled and run by plain node; hopx-client from the build), against bare
openapi-fetch paired by round: sequential 1.06× µs/call and 64-way 0.94× calls/s (goal: within 10%); b.wan (64 in
flight, 100 ms) 1.00× and b.lat as written (64 in flight, 2 ms, CPU-bound on 2 cores) 0.97× (goal: within 2%);
download 1.03× raw fetch across processes (goal ≤ 1.05×), 1.08× beside it in one process where raw fetch against
itself reads 1.06×; memory flat both ways; deadlines 0.5 ms median past a plain setTimeout armed with each call.`;
