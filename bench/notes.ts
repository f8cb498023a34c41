// The analysis behind each target verdict: what would close a miss, or where a met target's next bottleneck
// is. Hand-written from the evidence of the latest full run (tables in README.md), `npx tsx
// bench/micro-transport.ts` (per-call cost of the transport's building blocks) and `node --cpu-prof` of
// bench/child.ts. Rewrite it when the numbers move (BENCH_RERENDER=1 npm run bench re-renders the README).
export const NOTES: Record<string, string> = {
  a:
    "Per-call client CPU in the bench (median of each run's ratio to raw fetch in the same run): b26e152 (3 runs) → b2a0f60 (session 15) → this run: " +
    "a 1.25× → 1.14× → 1.08×; b 1.43× → 1.18× → 1.19× (bare openapi-fetch 1.18× here); c run 1.19× → 1.00× → 1.06×; c read 1.49× → 1.18× → 0.91×. " +
    "Session 16 took out, per call: the AbortController (calls without a signal of their own share one per 1/64 of the deadline, at most 32 calls; runtime/time.ts requestDeadline), " +
    "the limiter's timer (a slot frees at once below maxConnections), the regex and header check of a credential seen before, a copy of the body (the direct path reads text), " +
    "the spread and key scan of the options (generated calls fill their init() object through Transport.with; init() objects cannot gain keys), two microtask hops (`return await`), " +
    "and the table lookups of case conversion (a plan per shape for the last key list). " +
    "Profiles of a tsc build (line-level) put what is left at about 40 µs/call of our own code (transmit, init, conversion) plus ~10 µs of undici's bookkeeping for a request that carries a signal.",
  b:
    "CPU-bound on 2 cores (client and server share them): throughput follows client CPU per call, which is at bare openapi-fetch's level (1.19× and 1.18× raw). " +
    "The five full runs of session 16 gave hopx-client 0.905×, 0.818×, 0.886×, 0.815× and 0.857× (bare openapi-fetch 0.862×, 0.827×, 0.872×, 0.834×, 0.855×): the goal is met here with no margin, " +
    "and one run's median moves by ±5% (per-round ratios spread 0.61–1.22). Next: fewer per-call allocations (the init object, call context and deadline handle) and one promise fewer (directResult folded into transmit).",
  c:
    "commands.run and files.read are both at raw fetch (1.03× and 0.97× wall). c measures 1,200 calls per operation since session 16 (was 600: read's 600 calls took 0.4 s, and its per-round ratios spread 0.88–1.30; " +
    "the medians of three runs with 600 calls were 1.15×, 1.20× and 1.13×, against 0.97× in both runs with 1,200).",
  "d.rss":
    'Flat both ways since `redirect: "error"` (Node 20\'s fetch buffers the whole request body under "follow" and "manual", undici #4058; upload-redirect-check.ts shows +270 MiB with "manual"). ' +
    "Next bottleneck: none in the SDK; the floor is undici's own buffering (raw fetch shows the same ~50 MiB).",
  "d.wall":
    "Upload is at raw fetch's level (1.00–1.15× across the last two runs, within this machine's noise). Download is the miss: Files.download wraps the body in a ReadableStream that watches for stalls (so a silent server cannot hang a reader) " +
    "and reports progress — one extra stream stage, i.e. one more promise hop per chunk; bare openapi-fetch is at 1.02×. Arming one watchdog timer per stall instead of one timer and a Promise.race per chunk took it from 1.53× to 1.35×. " +
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
