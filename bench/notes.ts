// The analysis behind each target verdict: what would close a miss, or where a met target's next bottleneck
// is. Hand-written from the evidence of the latest full run (tables in README.md), `npx tsx
// bench/micro-transport.ts` (per-call cost of the transport's building blocks) and `node --cpu-prof` of
// bench/child.ts. Rewrite it when the numbers move (BENCH_RERENDER=1 npm run bench re-renders the README).
export const NOTES: Record<string, string> = {
  a:
    "The tables above are from the last full run before issue 18; no full run was possible after it (the shared 2-core machine sat at a load average of 10–16). " +
    "Paired in-session runs against bare openapi-fetch at the final commit (5 rounds, load average 4–5): sequential µs/call 1.01× openapi-fetch's, " +
    "64-way calls/s 0.85× its, b.lat calls/s 0.84× its (an earlier 3-round run at load 10–16: 0.83×, 1.19×, 0.86×); client CPU at 64 in flight 799 vs 741 µs/call. " +
    "So sequential is within 10%, while 64-way and b.lat are CPU-bound here and miss (10% and 2%): the per-call AbortController and timer " +
    "(undici then adds a listener and raises the signal's max listeners), the capped read into a buffered Response, and an await each for the limiter, the origin and the credentials. " +
    "One request path since issue 18: every generated call goes through openapi-fetch with a fetch of its own (the call's state in a closure), one AbortController and timer per call, " +
    "credentials read (and awaited) on every attempt, case conversion by table lookup. What the old direct path, the shared deadlines (1/64 late, listener warnings), the per-shape conversion plans, " +
    "the OpPlan and the last-bearer cache bought was per-call CPU on this loopback server, not on a network: none of them is left (b.lat measures the difference a server's 2 ms makes). " +
    "What remains for speed, and why: the transport's Request class (call-send.ts WireRequest, openapi-fetch's documented `Request` option) keeps `fetch(url, init)` without a `new Request()` per call and lets a retry resend the same init; " +
    "the buffered Response (body.ts) hands openapi-fetch the capped bytes without a second stream; the limiter frees a slot a turn later only at the cap.",
  b:
    "CPU-bound on 2 cores (client and server share them): throughput follows client CPU per call. The machine is shared with other work while this runs, so one run's median moves by several percent; " +
    "compare hopx-client with bare openapi-fetch in the same run (the target does). b.lat puts 2 ms of server time on every answer: the client's own work then hides behind the wait.",
  "b.lat":
    "Issue 18's workload: 64 calls in flight against a server that answers GET /v1/sandboxes/{id} after 2 ms (setTimeout, so its CPU is free meanwhile). " +
    "What is measured is whether the SDK's per-call work (deadline, limiter, credentials, conversion, typed errors) still shows when the network is not free.",
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
