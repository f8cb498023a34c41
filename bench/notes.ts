// The analysis behind each target verdict: what would close a miss, or where a met target's next bottleneck
// is. Hand-written from the evidence of the latest full run (tables in README.md), `npx tsx
// bench/micro-transport.ts` (per-call cost of the transport's building blocks) and `node --cpu-prof` of
// bench/child.ts. Rewrite it when the numbers move (BENCH_RERENDER=1 npm run bench re-renders the README).
export const NOTES: Record<string, string> = {
  a:
    "The extra time is client CPU (hopx-client uses 1.2–1.3× raw fetch's CPU per call in every round; wall-clock ratios on this shared machine swing more than that). " +
    "Per call, `send()` in src/runtime/transport.ts clones the Request before the first attempt (`request.clone()`: +25 µs for a GET in micro-transport.ts), " +
    "`init()` builds a deadline signal (`AbortSignal.timeout`: 16 µs; with a caller's signal `AbortSignal.any`: 32 µs), and openapi-fetch builds a `new Request` (8 µs for a GET). " +
    "Together that is about 50 µs of the ~100–250 µs gap. To close it: send the original Request on the first attempt and rebuild one only when a resend actually happens (see c); " +
    "then measure again — the cpu profile puts openapi-fetch (path/query serializers) and the case converters (src/runtime/shape.ts) at 2–3% each after that.",
  b:
    "At 64 in flight the client is CPU-bound on 2 cores, so throughput follows client CPU per call (1.4–1.5× raw fetch here: the same clone + signal + Request work as in a, paid 64 times over, plus the GC it causes). " +
    "Closing a closes most of b; bare openapi-fetch reaches 0.99× in this run, so the remaining gap is ours, not openapi-fetch's.",
  c:
    "commands.run is a POST with a JSON body, and cloning a Request with a body tees its stream: `new Request(POST json).clone()` costs 147 µs against 29 µs for the Request alone (micro-transport.ts), " +
    "plus the GC of the tee — client CPU per commands.run is 1.6× raw fetch, per files.read (GET) 1.3×. The clone is made for every attempt even though runCommand is not retry-safe. " +
    "To close it: in `send()`, use `request` itself for attempt 0; keep the serialized JSON text (give openapi-fetch a bodySerializer that records the string in the call context) " +
    "and build `new Request(request.url, { method, headers, body: text, signal })` only before a resend; for body-less requests rebuild from url/method/headers. " +
    "Skipping the clone for operations that can never be resent (not retry-safe and no 401 renewal configured) is the cheap first step.",
  "d.rss":
    "Download is flat (+54 MiB, like raw fetch). Upload holds the whole file: +269 MiB for 256 MiB. Cause: the transport's `redirect: \"manual\"`. On Node 20.20 (undici 6.24.1) fetch keeps the request body for " +
    "\"manual\" just as for \"follow\" (undici #4058); only `redirect: \"error\"` streams it. Evidence: the same hopx-client `Files.upload` with a fetch that forces `redirect: \"error\"` peaks at +37 MiB instead of +271–274 MiB " +
    "(raw fetch and bare openapi-fetch use \"error\" here: +56 MiB). toolchain-notes.md says \"manual\" is enough; on this Node it is not. " +
    "To close it: `redirect: \"error\"` in createTransport (credentials still never follow a redirect), and map the resulting `TypeError: fetch failed` (cause: redirect) to a typed, non-retryable error.",
  "d.wall":
    "Upload: 1.5–1.8× raw fetch. Part is the memory growth above (page faults for ~270 MiB); part is the chain a local path goes through in Files.upload " +
    "(`Readable.toWeb(createReadStream)` 64 KiB chunks → idle watcher → streamedMultipart → fetch with `duplex: \"half\"`), where raw fetch hands undici a FormData with a file-backed Blob (`fs.openAsBlob`). " +
    "After `redirect: \"error\"`, compare `upload(path)` with `upload(await fs.openAsBlob(path))` (same FormData path as raw fetch) and a 1 MiB highWaterMark; the three single runs made here were too noisy to rank them. " +
    "Download: 1.0–1.6× across rounds (the idle-timeout watcher in Files.download adds a stream stage per chunk); openapi-fetch alone is 1.16×, so most of it is the wrapper's per-chunk stage.",
  "d.big":
    "Works (length verified by the server), but with the whole 2.5 GiB in memory (+2.6 GiB RSS) for the reason in d.rss; raw fetch and openapi-fetch stay at +40–55 MiB. " +
    "The official SDK refuses the file (`fs.readFile` over 2 GiB). `redirect: \"error\"` makes this flat too.",
  e:
    "Next bottleneck: parsing and evaluating dist/index.js, one ESM file holding every generated resource class and shape table of both APIs plus all wrappers. " +
    "Splitting rarely used resources (desktop: 45 operations) behind lazy getters or a subpath would cut it further; openapi-fetch and eventsource-parser are small.",
  "f.size":
    "All chunks: 51.7 kB min+gzip (node); the entry chunk alone 34.2 kB. The overshoot is `ws` (48.5 kB min), which src/runtime/websocket.ts imports lazily for runtimes without a WebSocket global — it is bundled as a separate chunk. " +
    "The largest input is hopx-client itself (~122 kB min: generated resources + shapes). To close it: keep `ws` out of the measured SDK (a `hopx-client/ws` subpath the user opts into, or `external` in bundlers via `package.json` `browser`/`imports` conditions), " +
    "then trim generated code (the per-method bodies are near-identical; a table-driven `call(op, …)` with thin typed stubs would shrink it).",
  "f.browser":
    "esbuild cannot bundle dist/index.js for the browser: Files.openLocalFile imports fs and stream (dynamic import, but bundlers still resolve it), and src/wrappers/template/sources.ts imports crypto, fs, fs/promises, path and stream. " +
    "To close it: move local-file code behind a conditional import (`package.json` `imports`: `\"#local-fs\": { \"node\": \"./dist/local-fs.js\", \"default\": \"./dist/local-fs-unsupported.js\" }`) " +
    "or a `hopx-client/node` subpath, so the browser build never sees node built-ins. The official SDK's browser build fails too (32 errors).",
  "f.install":
    "5 packages (hopx-client, openapi-fetch, openapi-typescript-helpers, eventsource-parser, ws) — at the limit, and Prism stays out (optional peer). Bytes are 2.7× the limit: " +
    "the tarball ships two identical 559 kB declaration files (index.d.ts and index.d.cts), two ~500 kB source maps, generated/vm-agent/openapi.json (500 kB, only the mock needs it) and both ESM and CJS builds. " +
    "To close it: no source maps in the package (or no `sourcesContent`), one declaration file for both formats, and the bundled specs shipped only with the mock (or minified JSON); ws as an optional peer would also free a package slot.",
  "g.cold":
    "Nine turbo tasks each start tsx and load their tool from scratch (per task, wall: openapi-typescript types 9–10 s, ts-morph wrappers 8.5 s, redocly bundle 5–6 s, lint 3–4 s, mock 3 s), and two cores run them two at a time. " +
    "To close it: one process per step for both APIs (load redocly, openapi-typescript and ts-morph once), bundle and lint in one redocly pass (bundle.ts lints the bundle again), " +
    "and precompiled scripts (tsx transpiles each script on every start). Per-API caching can stay by writing both APIs' outputs from one task with per-API inputs hashed.",
  "g.cached":
    "A full cache hit (9 of 9) costs npm + turbo startup and the input hashing; nothing left to take out short of bypassing npm (`npx turbo …` directly).",
};
