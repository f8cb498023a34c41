// The analysis behind each target verdict: what would close a miss, or where a met target's next bottleneck
// is. Hand-written from the evidence of the latest full run (tables in README.md), `npx tsx
// bench/micro-transport.ts` (per-call cost of the transport's building blocks) and `node --cpu-prof` of
// bench/child.ts. Rewrite it when the numbers move (BENCH_RERENDER=1 npm run bench re-renders the README).
export const NOTES: Record<string, string> = {
  a:
    "Full run of 2026-12-07 (after issue 18), hopx-client loaded from the build (bench/.build/dist/raw.js), as users run it; earlier runs loaded src/ through tsx. " +
    "Against bare openapi-fetch in the same run: sequential 1.14× µs/call (raw fetch 1.19× vs 1.04×). Five-round paired runs of the same trees swing by ±7% from run to run here " +
    "(src: 0.95× and 1.05×; an unminified build 0.97×, a minified one 1.06×), so a 5% effect is below what this machine resolves in fewer than ~11 rounds. " +
    "One request path since issue 18: every generated call goes through openapi-fetch with a fetch of its own (the call's state in a closure), one AbortController and timer per call, " +
    "credentials read on every attempt. What remains for speed, and what each buys: WireRequest (call-send.ts, openapi-fetch's documented `Request` option) sends `fetch(url, init)` without a " +
    "`new Request()` per call (~30 µs of CPU per call in bare openapi-fetch's profile) and lets a retry resend the same init; the buffered Response (body.ts) hands openapi-fetch the capped bytes without a second stream " +
    "(~30 µs per call on Node 20); the limiter frees a slot a turn later only at the cap. A CPU profile of b (6,300 calls) puts the SDK's own functions at ~7% of client CPU (resultOf, send, shape conversion, call), " +
    "openapi-fetch's at ~4%: closing the rest means doing less per call (the camelCase conversion is most of it), not caching.",
  b:
    "CPU-bound on 2 cores (client and server share them): throughput follows client CPU per call. This run: 0.91× bare openapi-fetch's calls/s (0.75× vs 0.83× raw fetch), CPU per call 1.33× vs 1.19× raw fetch. " +
    "The limiter does not cap it (default maxConnections 128 > 64 in flight), and every client uses Node's global fetch dispatcher, so the comparison is like for like. " +
    "Client CPU per call here includes warm-up (V8's compiler and GC threads count); at 15,000 calls per child both drop to ~380–420 µs/call.",
  "b.lat":
    "Issue 18's workload as written: 64 calls in flight against a server that answers after 2 ms. Not latency-bound on this machine: 64 calls per 2 ms would allow 32,000 calls/s and every client reaches ~1,400–2,100, " +
    "so the 2 ms hide behind CPU and b.lat measures what b measures (0.92× of bare openapi-fetch here, as b's 0.91×). b.wan is the same 64 in flight with the server 100 ms away, where the wait sets the pace.",
  c:
    "commands.run and files.read are both at raw fetch (1.03× and 0.97× wall). c measures 1,200 calls per operation since session 16 (was 600: read's 600 calls took 0.4 s, and its per-round ratios spread 0.88–1.30; " +
    "the medians of three runs with 600 calls were 1.15×, 1.20× and 1.13×, against 0.97× in both runs with 1,200).",
  "d.rss":
    'Flat both ways since `redirect: "error"` (Node 20\'s fetch buffers the whole request body under "follow" and "manual", undici #4058; upload-redirect-check.ts shows +270 MiB with "manual"). ' +
    "Next bottleneck: none in the SDK; the floor is undici's own buffering (raw fetch shows the same ~50 MiB).",
  "d.wall":
    "Upload 0.84× raw fetch. Download 1.45× across processes — but that ratio mostly measures the process, not the download path: in the hopx-client child, raw fetch's own download, run beside it (`floorMs`, child.ts), " +
    "is as slow as hopx-client's (paired run: warm raw fetch 322 ms in its own child, 643 ms in the hopx-client child; hopx-client 699 ms there). Importing the built package into the raw-fetch child without calling it " +
    "made raw fetch's download 1.45× bare openapi-fetch's (8 rounds), importing only `ws` 1.3×, importing Node's built-ins alone ~1.0×; in a plain node script the same import changed nothing (265 vs 264 ms warm). " +
    "With no hopx-client download in the child at all (only its import, its clients and one small call), raw fetch there still took ~1.2× its time in its own child (4 rounds). " +
    "The cause was not found in the time (GC traces: the hopx-client child runs ~8 Mark-Compacts during the download against 1, ~30 ms of the gap). d.same isolates the path.",
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
    "so the wait, not the CPU, sets the pace: hopx-client 590 calls/s, bare openapi-fetch 595, raw fetch 596 (1.00× of bare openapi-fetch). Client CPU per call is still ~1.1× bare openapi-fetch's, and invisible here.",
  "d.same":
    "The download against raw fetch in one process (child.ts downloadBesideFloor: one unmeasured download each, then alternating pairs; median of per-pair ratios, median over rounds). " +
    "This run (3 pairs, so the client went first twice; the first of a pair runs slower): 1.21×. After it, with 4 pairs (each first equally often; raw fetch against itself 1.00×, 0.98–1.12) and Files.download no longer reading ahead: " +
    "hopx-client 1.17× (1.04–1.38 over 5 rounds), bare openapi-fetch 0.99×. In the same runs raw fetch's own download takes 525 ms in the hopx-client child against 250 ms in its own (see d.wall). " +
    "In one long-lived process (src, 10 alternations of 64 MiB) raw fetch, the transport's method and Files.download were equal (203, 189, 192 ms); a pass-through stream stage costs 0.8 µs per 64 KiB chunk (~3 ms per 256 MiB), " +
    "so what costs the remaining ~15% in the bench child is not the stage's own work. Not found in the time.",
  deadline:
    "bench/deadline.ts: 1,000 calls at once with `timeoutMs: 200` and `maxConnections: 8` against a server that never answers (8 in flight, 992 queued); each call paired with a plain setTimeout of the same length armed with it. " +
    "Every call ends with TimeoutError, none early; per call 0.5 ms past its own setTimeout (median), 1.6 ms at p99. Both are ~440 ms late in absolute terms: the 1,000 deadline callbacks sit in one Node timer list, " +
    "and each ends an undici fetch (a queued call whose slot was granted a moment before its deadline has started one), so the loop itself runs late for every timer alike.",
  "a/b.of":
    "Issue 18's goal for the one request path: sequential and 64-way within 10% of bare openapi-fetch in the same run. See a and b for the figures and for how much one run moves here.",
};

/**
 * The paired runs after issue 18 (bench/paired.ts), rendered above the targets: the tables above predate it.
 * Hand-written from that run's output; replace it when a full run after issue 18 exists.
 */
export const PAIRED = `## Issue 18's targets on this machine

The full run above is the first after issue 18 (the one request path). It loads hopx-client from the build, as users
run it; the paired runs of the issue-18 session loaded src/ through tsx and are superseded by it. What it shows for
issue 18, with the notes under Targets for each: b.wan (64 in flight, 100 ms) within 2% of bare openapi-fetch;
deadlines exact to the timer (0.5 ms median past a plain setTimeout armed with each call); 64-way 0.91× and
sequential 1.14× bare openapi-fetch; b.lat (2 ms) CPU-bound here and so the same as b; download 1.45× raw fetch
across processes and 1.21× in one process. Memory flat both ways.`;
