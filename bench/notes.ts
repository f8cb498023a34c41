// The analysis behind each target verdict: what would close a miss, or where a met target's next bottleneck
// is. Hand-written from the evidence of the latest full run (tables in README.md), `npx tsx
// bench/micro-transport.ts` (per-call cost of the transport's building blocks) and `node --cpu-prof` of
// bench/child.ts. Rewrite it when the numbers move (BENCH_RERENDER=1 npm run bench re-renders the README).
export const NOTES: Record<string, string> = {
  a:
    "Since the transport stopped cloning a Request per attempt (openapi-fetch now builds a WireRequest — url + init — and each attempt goes to `fetch(url, init)`), the remaining extra is client CPU of about 1.2× raw fetch: " +
    "the per-call deadline signal (`AbortSignal.timeout`, 16 µs; with a caller's signal `AbortSignal.any`, 32 µs, micro-transport.ts), openapi-fetch's URL/query serializers and header merging, and the case converters (src/runtime/shape.ts). " +
    "Next: one shared deadline timer per transport (a sorted list of call deadlines checked by one setTimeout) instead of an AbortSignal.timeout per call, and a precompiled path template per operation instead of openapi-fetch's generic serializer.",
  b:
    "CPU-bound on 2 cores: throughput follows client CPU per call (1.25–1.3× raw fetch at 64 in flight), so what closes a closes b. " +
    "Bare openapi-fetch sits at the same level (0.79–0.80× in the last two runs), so the gap is the per-call work both share (URL and header building, a Headers object per call) plus our deadline signal; wall-clock ratios here swing by ±10% between runs.",
  c:
    "Within a few percent of the goal (run-to-run noise on this machine is larger). The POST body is a string kept in the WireRequest, so a resend needs no tee; " +
    "what is left per call is the deadline signal, header merging and, for commands.run, converting the result (camelCase plus the official snake_case aliases). Same next step as a.",
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
