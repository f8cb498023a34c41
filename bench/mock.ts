// The stateful mock's costs, measured on the built package (dist/; run `npm run build` first):
//   start   fresh node process: import hopx-client/mock + startMock() until both ports listen (median of 9)
//   call    per-call latency through fetch with keep-alive: a JSON control-plane read, an agent execute and a
//           file read (median and p95 of 2000 each, after 200 warm-up), plus the same read through the SDK
//   memory  1 000 sandboxes created (each with a 1 kB file): heap and RSS above the started mock, and the time
//           to page through all of them
// Usage: npx tsx bench/mock.ts   Writes bench/results/mock.json and the "Mock" section of bench/README.md.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { quantile } from "./stats.js";

const run = promisify(execFile);
const root = new URL("..", import.meta.url);
const mockEntry = new URL("dist/mock/index.js", root).href;
const sdkEntry = new URL("dist/index.js", root).href;
if (!existsSync(new URL("dist/mock/index.js", root))) {
  console.error("bench/mock.ts measures the built package: run `npm run build` first");
  process.exit(1);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]): number => quantile(xs, 0.95);

async function child(script: string, flags: string[] = []): Promise<Record<string, number>> {
  const { stdout } = await run(process.execPath, [...flags, "--input-type=module", "-e", script], {
    timeout: 300_000,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, number>;
}

const START = `
const t0 = performance.now();
const { startMock } = await import(${JSON.stringify(mockEntry)});
const mock = await startMock();
const ms = performance.now() - t0;
await mock.stop();
console.log(JSON.stringify({ ms, process: performance.now() }));`;

const CALLS = `
const { startMock } = await import(${JSON.stringify(mockEntry)});
const { Hopx } = await import(${JSON.stringify(sdkEntry)});
const mock = await startMock();
const key = { "X-API-Key": mock.apiKey, "content-type": "application/json" };
const created = await (await fetch(mock.controlPlaneUrl + "/v1/sandboxes", {
  method: "POST", headers: key, body: JSON.stringify({ template_name: "code-interpreter" }) })).json();
const agent = { authorization: "Bearer " + created.auth_token, "content-type": "application/json" };
await fetch(created.public_host + "/files/write", { method: "POST", headers: agent,
  body: JSON.stringify({ path: "/workspace/a.txt", content: "x".repeat(1024) }) });
const hopx = new Hopx(mock.clientOptions);
// Calibration: a bare node:http server answering a fixed JSON body, measured the same way in the same process.
const http = await import("node:http");
const bare = http.createServer((req, res) => { req.resume(); req.on("end", () => {
  res.writeHead(200, { "content-type": "application/json" }); res.end(JSON.stringify(created)); }); });
await new Promise((resolve) => bare.listen(0, "127.0.0.1", resolve));
const bareUrl = "http://127.0.0.1:" + bare.address().port;
const kinds = {
  bare: () => fetch(bareUrl, { headers: key }).then((r) => r.json()),
  get: () => fetch(mock.controlPlaneUrl + "/v1/sandboxes/" + created.id, { headers: key }).then((r) => r.json()),
  execute: () => fetch(created.public_host + "/execute", { method: "POST", headers: agent,
    body: JSON.stringify({ code: "print(1 + 1)", language: "python" }) }).then((r) => r.json()),
  read: () => fetch(created.public_host + "/files/read?path=/workspace/a.txt", { headers: agent }).then((r) => r.json()),
  sdkGet: () => hopx.controlPlane.sandboxes.get(created.id),
};
const out = {};
for (const [name, call] of Object.entries(kinds)) {
  for (let i = 0; i < 200; i++) await call();
  const times = [];
  for (let i = 0; i < 2000; i++) { const t = performance.now(); await call(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  out[name + "Median"] = times[1000]; out[name + "P95"] = times[1900];
}
if (mock.problems.length) throw new Error(mock.problems.join("; "));
bare.close();
await mock.stop();
console.log(JSON.stringify(out));`;

const MEMORY = `
const { startMock } = await import(${JSON.stringify(mockEntry)});
const mock = await startMock();
const key = { "X-API-Key": mock.apiKey, "content-type": "application/json" };
gc(); const before = process.memoryUsage();
const t0 = performance.now();
for (let batch = 0; batch < 1000; batch += 20) {
  await Promise.all(Array.from({ length: 20 }, async () => {
    const s = await (await fetch(mock.controlPlaneUrl + "/v1/sandboxes", { method: "POST", headers: key,
      body: JSON.stringify({ template_name: "code-interpreter", timeout_seconds: 3600 }) })).json();
    await fetch(s.public_host + "/files/write", { method: "POST",
      headers: { authorization: "Bearer " + s.auth_token, "content-type": "application/json" },
      body: JSON.stringify({ path: "/workspace/data.txt", content: "x".repeat(1024) }) });
  }));
}
const createMs = performance.now() - t0;
gc(); const after = process.memoryUsage();
const t1 = performance.now(); let cursor; let listed = 0;
do {
  const page = await (await fetch(mock.controlPlaneUrl + "/v1/sandboxes?limit=100" + (cursor ? "&cursor=" + cursor : ""),
    { headers: key })).json();
  listed += page.data.length; cursor = page.has_more ? page.next_cursor : undefined;
} while (cursor);
const listMs = performance.now() - t1;
if (listed !== 1000 || mock.sandboxes().length !== 1000) throw new Error("expected 1000 sandboxes, listed " + listed);
await mock.stop();
console.log(JSON.stringify({ heapMiB: (after.heapUsed - before.heapUsed) / 2 ** 20, rssMiB: (after.rss - before.rss) / 2 ** 20,
  createMs, listMs, baseRssMiB: before.rss / 2 ** 20 }));`;

const starts: Array<Record<string, number>> = [];
for (let i = 0; i < 9; i++) starts.push(await child(START));
const calls = await child(CALLS);
const memory = await child(MEMORY, ["--expose-gc"]);

const result = {
  date: new Date().toISOString(),
  machine: `${cpus()[0]?.model ?? "cpu"} · ${cpus().length} cores · ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.versions.node}`,
  load: loadavg()[0]!.toFixed(1),
  startMs: median(starts.map((s) => s.ms!)),
  startP95Ms: p95(starts.map((s) => s.ms!)),
  processMs: median(starts.map((s) => s.process!)),
  ...calls,
  ...memory,
};
console.log(result);
await writeFile(new URL("bench/results/mock.json", root), `${JSON.stringify(result, null, 2)}\n`);

/** A Markdown table with padded columns (the form Biome's formatter keeps). */
function table(rows: Array<[string, string]>): string {
  const all: Array<[string, string]> = [["measure", "value"], ...rows];
  const w0 = Math.max(...all.map((r) => r[0].length));
  const w1 = Math.max(...all.map((r) => r[1].length));
  const line = (a: string, b: string): string => `| ${a.padEnd(w0)} | ${b.padStart(w1)} |`;
  return [
    line("measure", "value"),
    `| ${"-".repeat(w0)} | ${"-".repeat(w1 - 1)}: |`,
    ...rows.map(([a, b]) => line(a, b)),
  ].join("\n");
}
const f = (n: number | undefined, digits = 2): string => (n === undefined ? "–" : n.toFixed(digits));
const section = `<!-- mock:start (written by bench/mock.ts) -->
## Mock (\`npx tsx bench/mock.ts\`, after \`npm run build\`)

${result.date.slice(0, 16).replace("T", " ")} UTC · ${result.machine} · load average ${result.load} during the run.
The stateful mock of the built package (\`hopx-client/mock\`), each measure in a fresh \`node\` process.

${table([
  [
    `start: \`import\` + \`startMock()\` until both ports listen (median of 9 / worst)`,
    `${f(result.startMs, 1)} ms / ${f(result.startP95Ms, 1)} ms`,
  ],
  [`whole process to that point (node startup included)`, `${f(result.processMs, 0)} ms`],
  [
    `calibration: a bare \`node:http\` server answering the same JSON (median / p95 of 2000)`,
    `${f(calls.bareMedian)} ms / ${f(calls.bareP95)} ms`,
  ],
  [
    `JSON call: \`GET /v1/sandboxes/{id}\` through fetch, keep-alive (median / p95 of 2000)`,
    `${f(calls.getMedian)} ms / ${f(calls.getP95)} ms`,
  ],
  [`agent \`POST /execute\` (median / p95)`, `${f(calls.executeMedian)} ms / ${f(calls.executeP95)} ms`],
  [`agent \`GET /files/read\` of 1 kB (median / p95)`, `${f(calls.readMedian)} ms / ${f(calls.readP95)} ms`],
  [
    `the same GET through the SDK (\`hopx.controlPlane.sandboxes.get\`, median / p95)`,
    `${f(calls.sdkGetMedian)} ms / ${f(calls.sdkGetP95)} ms`,
  ],
  [
    `1 000 sandboxes, each with a 1 kB file: heap / RSS above the started mock`,
    `${f(memory.heapMiB, 1)} MiB / ${f(memory.rssMiB, 1)} MiB`,
  ],
  [
    `creating them (20 in flight, create + write) / paging through all (10 pages of 100)`,
    `${f(memory.createMs, 0)} ms / ${f(memory.listMs, 0)} ms`,
  ],
])}

Every call above went through request validation and response validation against the bundled specs.
<!-- mock:end -->`;
const readmeUrl = new URL("bench/README.md", root);
const readme = await readFile(readmeUrl, "utf8");
const marked = /<!-- mock:start[\s\S]*?<!-- mock:end -->/;
await writeFile(
  readmeUrl,
  marked.test(readme) ? readme.replace(marked, section) : `${readme.trimEnd()}\n\n${section}\n`,
);
