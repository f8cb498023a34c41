// The analysis behind each target verdict: what would close a miss, or where a met target's next bottleneck
// is. Hand-written from the evidence of the latest full run (tables in README.md), `npx tsx
// bench/micro-transport.ts` (per-call cost of the transport's building blocks) and `node --cpu-prof` of
// bench/child.ts. Rewrite it when the numbers move (BENCH_RERENDER=1 npm run bench re-renders the README).
export const NOTES: Record<string, string> = {
  a:
    "Per-call client CPU before and after the issue-10 transport work (median of each run's ratio to raw fetch in the same run; before = 3 full runs of b26e152, after = this run): " +
    "a 1,320 µs (1.25×) → 1,058 µs (1.14×); b 848 µs (1.43×) → 745 µs (1.18×, bare openapi-fetch 1.18×); c run 1,870 µs (1.19×) → 1,620 µs (1.00×); c read 939 µs (1.49×) → 815 µs (1.18×). " +
    "What moved it: the body read into bytes before the connection slot is released (no Response re-wrapped per call), one deadline timer per duration instead of an AbortSignal.timeout per call, " +
    "a direct path for generated calls (path templates compiled once, a plain header record, no Request-shaped object or serializer closures), one plan object per operation, and cheaper case conversion (src/runtime/shape.ts). " +
    "What is left over raw fetch: the JSON result's case conversion and the limiter/deadline bookkeeping, about 80 µs/call; wall time sits at the 1.10× goal, within run-to-run noise (±5%).",
  b:
    "CPU-bound on 2 cores: throughput follows client CPU per call, which is now at bare openapi-fetch's level (1.18× raw both). Throughput 0.84× against openapi-fetch's 0.85× in the same run is within the noise of a single run (±5%); " +
    "earlier full runs of the same code gave 0.85× twice. Next: skip the limiter's bookkeeping while fewer than maxConnections calls are in flight, and convert result shapes lazily.",
  c:
    "commands.run is at raw fetch (0.99× wall, 1.00× CPU). files.read is the miss (1.15×; CPU 1.18×): a GET with a query whose small result still pays the fixed per-call cost (deadline entry, limiter, case conversion) on a call that is cheap for raw fetch. " +
    "Next: the same fixed-cost cuts as b; a files.read-specific path is not worth its code.",
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
    "5 packages (hopx-client, openapi-fetch, openapi-typescript-helpers, eventsource-parser, ws) and no Prism (optional peer of the mock). Bytes: the package is now minified, has no source maps, " +
    "its .d.cts re-exports the .d.ts, and the mock's specs ship minified (3.5 MB → 1.2 MB unpacked). The rest of the overshoot is index.d.ts (560 kB: the wire types of both specs with their doc comments, twice described — schema.ts and models.ts). " +
    "To close it: emit the wire types (`ControlPlaneWire`/`AgentWire`) without doc comments, or move them and the mock to a subpath package; `ws` as an optional peer would save 160 kB and a package.",
  "g.cold":
    "Nine turbo tasks each start tsx and load their tool from scratch (per task in the table above), two at a time on 2 cores. " +
    "To close it: one process per step for both APIs (load redocly, openapi-typescript and ts-morph once), bundle and lint in one redocly pass (bundle.ts lints the bundle again), and precompiled scripts (tsx transpiles each script on every start).",
  "g.cached":
    "A full cache hit (9 of 9) costs npm + turbo startup and the input hashing; nothing left to take out short of bypassing npm (`npx turbo …` directly).",
};
