// Turns one run's results into the stdout table, the target verdicts and bench/README.md.
import { ADAPTERS } from "./adapters/index.js";
import type { BenchConfig } from "./config.js";
import type { ClientResults, Metric } from "./measure-clients.js";
import type { DeadlineResult } from "./deadline.js";
import { SERVER_LATENCY_MS } from "./protocol.js";
import type { GenerateResult } from "./measure-generate.js";
import type { BuildResult, BundleResult, ImportResult, InstallResult } from "./measure-package.js";
import { NOTES, PAIRED } from "./notes.js";
import { pairedRatio } from "./stats.js";

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  os: string;
  date: string;
  memoryGiB: number;
}

export interface BenchResults {
  machine: Machine;
  config: BenchConfig;
  durationS: number;
  clients?: ClientResults;
  build?: BuildResult;
  coldImport?: ImportResult;
  bundles?: BundleResult[];
  install?: InstallResult;
  generate?: GenerateResult;
  deadlines?: DeadlineResult;
  targets?: Verdict[];
}

export interface Verdict {
  id: string;
  measure: string;
  target: string;
  measured: string;
  met: boolean | undefined;
  /** How far off (missed) or the margin (met), in words. */
  gap: string;
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n)
    ? "–"
    : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kB = (bytes: number | undefined): string => (bytes === undefined ? "–" : `${fmt(bytes / 1000, 1)} kB`);
const MB = (bytes: number | undefined): string => (bytes === undefined ? "–" : `${fmt(bytes / 1e6, 2)} MB`);
const x = (r: number | undefined): string => (r === undefined || Number.isNaN(r) ? "–" : `${r.toFixed(2)}×`);

function metricCell(m: Metric, adapter: string): string {
  const value = m.median[adapter];
  if (value === undefined || Number.isNaN(value)) return m.errors[adapter] ? "n/a¹" : "–";
  // A ratio row (d.same) is already relative to raw fetch: shown with two decimals and no second ratio.
  if (m.unit.startsWith("×")) return `${value.toFixed(2)}×`;
  return adapter === "fetch" ? fmt(value, 0) : `${fmt(value, 0)} (${x(m.ratio[adapter])})`;
}

export function clientTable(c: ClientResults): string {
  const head = `| measure | unit | ${ADAPTERS.map((a) => a.label).join(" | ")} |`;
  const sep = `|---|---|${ADAPTERS.map(() => "---:").join("|")}|`;
  const rows = c.metrics.map(
    (m) =>
      `| ${m.label.replace("{id}", "{id}")} | ${m.unit} | ${ADAPTERS.map((a) => metricCell(m, a.id)).join(" | ")} |`,
  );
  const errors = c.metrics.flatMap((m) => Object.entries(m.errors).map(([a, e]) => `${m.id} ${a}: ${e}`));
  const unique = [...new Set(errors.map((e) => e.replace(/^\S+ /, "")))];
  const foot = unique.length ? `\n\n¹ failed: ${unique.map((e) => `\`${e}\``).join("; ")}` : "";
  return [head, sep, ...rows].join("\n") + foot;
}

function probeTable(c: ClientResults): string {
  const size = `${(c.probe.size / 1024 ** 3).toFixed(1)} GiB`;
  if (c.probe.skipped) return `Sparse ${size} upload probe: skipped (${c.probe.skipped}).`;
  const rows = c.probe.results.map((r) => {
    const label = ADAPTERS.find((a) => a.id === r.adapter)?.label ?? r.adapter;
    return r.ok
      ? `| ${label} | works, length verified | ${fmt(r.ms)} ms | +${fmt(r.rssMiB)} MiB |`
      : `| ${label} | **fails**: \`${r.error}\` | – | – |`;
  });
  return [
    `Sparse ${size} file, uploaded streamed, length checked by the server:`,
    "",
    "| client | result | wall | peak RSS above baseline |",
    "|---|---|---:|---:|",
    ...rows,
  ].join("\n");
}

function deadlineTable(d: DeadlineResult): string {
  const row = (label: string, s: DeadlineResult["sdk"]) =>
    `| ${label} | ${fmt(s.p50, 1)} | ${fmt(s.p99, 1)} | ${fmt(s.max, 1)} |`;
  return [
    `**Deadlines** (\`bench/deadline.ts\`): ${d.calls} calls at once, \`timeoutMs: ${d.timeoutMs}\`, \`maxConnections: ${d.maxConnections}\`, ` +
      `against a server that never answers; each call paired with a plain \`setTimeout(${d.timeoutMs})\` armed at the same ` +
      `moment. ${d.wrong} of ${d.calls} ended otherwise than by TimeoutError on time.`,
    "",
    "| ms past the deadline | p50 | p99 | max |",
    "|---|---:|---:|---:|",
    row("SDK call", d.sdk),
    row("plain setTimeout (the event loop's lateness)", d.reference),
    row("SDK minus its own setTimeout", d.excess),
  ].join("\n");
}

function packageTables(r: BenchResults): string {
  const out: string[] = [];
  if (r.build)
    out.push(
      `Build (tsup → bench/.build/dist): ${r.build.ok ? `ok in ${fmt(r.build.ms / 1000, 1)} s` : `**failed**: \`${r.build.error}\``}.`,
    );
  if (r.coldImport) {
    const i = r.coldImport;
    out.push(
      "",
      `**e. cold import** (fresh \`node\`, median of ${i.rounds}, interleaved)`,
      "",
      "| package | `await import()` | whole process (node startup included) |",
      "|---|---:|---:|",
      `| hopx-client (bench/.build/dist/index.js) | ${fmt(i.importMs.hopx, 1)} ms | ${fmt(i.processMs.hopx)} ms |`,
      `| @hopx-ai/sdk (dist/index.mjs) | ${fmt(i.importMs.official, 1)} ms | ${fmt(i.processMs.official)} ms |`,
      "",
      `Ratio (import time): ${x(i.ratio)}${i.error ? ` — error: \`${i.error}\`` : ""}`,
    );
  }
  if (r.bundles) {
    out.push(
      "",
      "**f. bundle** (esbuild 0.28, entry bundled with its dependencies, minified; gzip -9)",
      "",
      "| package | platform | min | min+gzip (all chunks) | entry chunk min+gzip | largest inputs (min bytes) |",
      "|---|---|---:|---:|---:|---|",
    );
    for (const b of r.bundles) {
      out.push(
        b.ok
          ? `| ${b.package} | ${b.platform} | ${kB(b.minBytes)} | ${kB(b.gzipBytes)} | ${kB(b.entryGzipBytes)} | ${(b.largest ?? []).map(([p, n]) => `${p} ${kB(n)}`).join(", ")} |`
          : `| ${b.package} | ${b.platform} | **build fails** | – | – | \`${b.error}\` |`,
      );
    }
  }
  if (r.install) {
    const i = r.install;
    out.push(
      "",
      "**f. clean install** (`npm pack` of a staging copy, `npm install --omit=dev --ignore-scripts` of the tarball into an empty project)",
      "",
    );
    out.push(
      i.ok
        ? [
            `${i.packages} packages, ${MB(i.bytes)} in node_modules (tarball ${kB(i.tarballBytes)}): ${(i.names ?? []).join(", ")}.`,
            `Largest files in the tarball: ${(i.tarballLargest ?? []).map(([p, n]) => `${p} ${kB(n)}`).join(", ")}.`,
          ].join("\n")
        : `**failed**: \`${i.error}\``,
    );
  }
  if (r.generate) {
    const g = r.generate;
    out.push("", "**g. npm run generate** (in a temp copy of the project; cold = no turbo cache)", "");
    out.push(
      g.ok
        ? [
            `cold ${fmt((g.coldMs ?? 0) / 1000, 1)} s, cached ${fmt((g.cachedMs ?? 0) / 1000, 2)} s (${g.cachedSummary ?? ""}).`,
            `Cold per task (wall, tasks overlap on 2 cores): ${(g.tasks ?? []).map(([t, ms]) => `${t} ${fmt(ms / 1000, 1)} s`).join(", ")}.`,
          ].join("\n")
        : `**failed**: \`${g.error}\``,
    );
  }
  return out.join("\n");
}

const metric = (c: ClientResults | undefined, id: string): Metric | undefined => c?.metrics.find((m) => m.id === id);

export function verdicts(r: BenchResults): Verdict[] {
  const c = r.clients;
  const v: Verdict[] = [];
  const ratio = (id: string) => metric(c, id)?.ratio.hopx;
  const value = (id: string) => metric(c, id)?.median.hopx;
  const known = (...xs: Array<number | undefined>) => xs.every((n) => n !== undefined && !Number.isNaN(n));
  /**
   * hopx-client against bare openapi-fetch, paired by round (the median of per-round ratios), as the bracketed
   * ratios pair each client with raw fetch: a slow spell of the shared machine falls on both sides of a pair.
   */
  const againstOpenapiFetch = (id: string): number | undefined => {
    const m = metric(c, id);
    const own = m?.samples.hopx;
    const base = m?.samples["openapi-fetch"];
    return own && base ? pairedRatio(own, base) : undefined;
  };
  const over = (got: number, limit: number) =>
    `${got <= limit ? "margin" : "over by"} ${Math.abs(((got - limit) / limit) * 100).toFixed(0)}%`;

  /** A value that must stay at or under `limit` (`measured`: how it is shown, by default as a ratio). */
  const atMost = (
    id: string,
    measure: string,
    got: number | undefined,
    limit: number,
    target: string,
    measured = x(got),
  ): Verdict => ({
    id,
    measure,
    target,
    measured,
    met: known(got) ? got! <= limit : undefined,
    gap: known(got) ? over(got!, limit) : "not measured",
  });
  /** The larger of two values, when both were measured: a pair of directions judged by its worse side. */
  const worse = (a: number | undefined, b: number | undefined) => (known(a, b) ? Math.max(a!, b!) : undefined);

  v.push(atMost("a", "sequential GET", ratio("a.us"), 1.1, "≤ 1.10× raw fetch"));
  const b = ratio("b.cps");
  // The floor is the higher of 0.85× raw fetch and bare openapi-fetch's ratio in the same run.
  const bOpenapiFetch = metric(c, "b.cps")?.ratio["openapi-fetch"];
  const bFloor = Math.max(0.85, bOpenapiFetch ?? 0);
  v.push({
    id: "b",
    measure: "64 in flight",
    target: `≥ 0.85× raw fetch calls/s and ≥ bare openapi-fetch (${x(bOpenapiFetch)} in this run)`,
    measured: x(b),
    met: known(b) ? b! >= bFloor : undefined,
    gap: known(b)
      ? `${b! >= bFloor ? "margin" : "short by"} ${Math.abs(((b! - bFloor) / bFloor) * 100).toFixed(0)}%`
      : "not measured",
  });
  // A server with latency: the SDK's own work should vanish behind the wait (b.lat 2 ms, b.wan 100 ms).
  const latencyVerdict = (id: string, measure: string): Verdict => {
    const of = (adapter: string): number | undefined => metric(c, id)?.ratio[adapter];
    const rel = againstOpenapiFetch(id);
    return {
      id,
      measure,
      target: "within 2% of bare openapi-fetch's calls/s in the same run",
      measured: known(rel) ? `${x(of("hopx"))} (openapi-fetch ${x(of("openapi-fetch"))}; ${x(rel)} of it)` : "–",
      met: known(rel) ? rel! >= 0.98 : undefined,
      gap: known(rel)
        ? `${rel! >= 0.98 ? "margin" : "short by"} ${Math.abs((rel! - 0.98) * 100).toFixed(0)}%`
        : "not measured",
    };
  };
  v.push(latencyVerdict("b.lat", `64 in flight, ${SERVER_LATENCY_MS.lat} ms server latency`));
  v.push(latencyVerdict("b.wan", `64 in flight, ${SERVER_LATENCY_MS.wan} ms server latency`));
  const cr = ratio("c.run");
  const cf = ratio("c.read");
  v.push(atMost("c", "agent round trip", worse(cr, cf), 1.1, "≤ 1.10× raw fetch", `run ${x(cr)}, read ${x(cf)}`));
  const upR = value("d.up.rss");
  const downR = value("d.down.rss");
  v.push(
    atMost(
      "d.rss",
      "transfer peak RSS",
      worse(upR, downR),
      64,
      "≤ 64 MiB above baseline each way",
      `up +${fmt(upR)} MiB, down +${fmt(downR)} MiB`,
    ),
  );
  const upW = ratio("d.up.ms");
  const downW = ratio("d.down.ms");
  v.push(
    atMost("d.wall", "transfer wall", worse(upW, downW), 1.1, "≤ 1.10× raw fetch", `up ${x(upW)}, down ${x(downW)}`),
  );
  // Issue 18: what the download path costs, with the process's state the same for both (child.ts).
  v.push(atMost("d.same", "download beside raw fetch, one process", value("d.down.same"), 1.05, "≤ 1.05× raw fetch"));
  // Issue 18: the one request path against bare openapi-fetch in the same run.
  const seqRel = againstOpenapiFetch("a.us");
  const parRel = againstOpenapiFetch("b.cps");
  v.push({
    id: "a/b.of",
    measure: "sequential and 64-way against bare openapi-fetch",
    target: "within 10% (µs/call ≤ 1.10×, calls/s ≥ 0.90×)",
    measured: `sequential ${x(seqRel)}, 64-way ${x(parRel)}`,
    met: known(seqRel, parRel) ? seqRel! <= 1.1 && parRel! >= 0.9 : undefined,
    gap: known(seqRel, parRel) ? `${over(seqRel!, 1.1)} / ${over(1 / parRel!, 1 / 0.9)}` : "not measured",
  });
  // Issue 18: a deadline fires when a timer of the same length armed with it fires (timer resolution: 1 ms).
  const dl = r.deadlines;
  v.push({
    id: "deadline",
    measure: "deadline exactness under 1 000 queued calls",
    target: "median ≤ 1 ms past a plain setTimeout armed with it; every call a TimeoutError, none early",
    measured: dl ? `median ${fmt(dl.excess.p50, 1)} ms, p99 ${fmt(dl.excess.p99, 1)} ms, ${dl.wrong} wrong` : "–",
    met: dl ? dl.excess.p50 <= 1 && dl.wrong === 0 : undefined,
    gap: dl ? (dl.excess.p50 <= 1 ? "–" : over(dl.excess.p50, 1)) : "not measured",
  });
  const probe = c?.probe.results.find((p) => p.adapter === "hopx");
  v.push({
    id: "d.big",
    measure: "file over 2 GiB",
    target: "works",
    measured: probe
      ? probe.ok
        ? `works (+${fmt(probe.rssMiB)} MiB RSS)`
        : `fails: ${probe.error}`
      : (c?.probe.skipped ?? "not measured"),
    met: probe ? probe.ok : undefined,
    gap: probe ? (probe.ok ? "–" : "fails") : "not measured",
  });
  const e = r.coldImport?.ratio;
  v.push({
    id: "e",
    measure: "cold import",
    target: "≤ 0.25× the official SDK",
    measured: known(e)
      ? `${x(e)} (${fmt(r.coldImport!.importMs.hopx, 1)} vs ${fmt(r.coldImport!.importMs.official, 1)} ms)`
      : "–",
    met: known(e) ? e! <= 0.25 : undefined,
    gap: known(e) ? over(e!, 0.25) : "not measured",
  });
  const ours = (r.bundles ?? []).filter((b) => b.package === "hopx-client");
  const gz = ours.filter((b) => b.ok).map((b) => b.gzipBytes ?? 0);
  const gzMax = gz.length ? Math.max(...gz) : undefined;
  v.push({
    id: "f.size",
    measure: "bundle min+gzip",
    target: "≤ 40 kB",
    measured:
      ours
        .map((b) => `${b.platform} ${b.ok ? `${kB(b.gzipBytes)} (entry chunk ${kB(b.entryGzipBytes)})` : "fails"}`)
        .join(", ") || "–",
    met: known(gzMax) ? gzMax! <= 40_000 : undefined,
    gap: known(gzMax) ? over(gzMax!, 40_000) : "not measured",
  });
  const browser = ours.find((b) => b.platform === "browser");
  v.push({
    id: "f.browser",
    measure: "browser build",
    target: "succeeds",
    measured: browser ? (browser.ok ? "succeeds" : `fails: ${browser.error}`) : "–",
    met: browser?.ok,
    gap: browser ? (browser.ok ? "–" : "fails") : "not measured",
  });
  const i = r.install;
  // Prism may only be an optional peer of hopx-client/mock: a clean install must not pull it in.
  const prism = (i?.names ?? []).some((n) => n.startsWith("@stoplight/"));
  v.push({
    id: "f.install",
    measure: "clean install",
    target: "≤ 5 packages, ≤ 1.5 MB",
    measured: i?.ok
      ? `${i.packages} packages, ${MB(i.bytes)}${prism ? ", **Prism installed**" : ", no Prism"}`
      : i
        ? `failed: ${i.error}`
        : "not measured",
    met: i?.ok ? i.packages! <= 5 && i.bytes! <= 1.5e6 && !prism : undefined,
    gap: i?.ok
      ? `packages ${i.packages! <= 5 ? "ok" : `+${i.packages! - 5}`}, bytes ${over(i.bytes!, 1.5e6)}`
      : "not measured",
  });
  const g = r.generate;
  v.push({
    id: "g.cold",
    measure: "generate cold",
    target: "≤ 10 s",
    measured: g?.coldMs ? `${fmt(g.coldMs / 1000, 1)} s` : "–",
    met: g?.coldMs ? g.coldMs <= 10_000 : undefined,
    gap: g?.coldMs ? over(g.coldMs, 10_000) : "not measured",
  });
  v.push({
    id: "g.cached",
    measure: "generate cached",
    target: "≤ 2 s",
    measured: g?.cachedMs ? `${fmt(g.cachedMs / 1000, 2)} s` : "–",
    met: g?.cachedMs ? g.cachedMs <= 2_000 : undefined,
    gap: g?.cachedMs ? over(g.cachedMs, 2_000) : "not measured",
  });
  return v;
}

function verdictTable(vs: Verdict[]): string {
  const mark = (m: boolean | undefined) => (m === undefined ? "not measured" : m ? "**met**" : "**missed**");
  return [
    "| target | hopx-client | goal | verdict | gap |",
    "|---|---|---|---|---|",
    ...vs.map((t) => `| ${t.id} ${t.measure} | ${t.measured} | ${t.target} | ${mark(t.met)} | ${t.gap} |`),
  ].join("\n");
}

/** What stdout shows at the end of a run. */
export function summary(r: BenchResults): string {
  const parts: string[] = [];
  if (r.clients) parts.push(clientTable(r.clients), "", probeTable(r.clients));
  parts.push("", packageTables(r), "", verdictTable(r.targets ?? []));
  return parts.join("\n");
}

export function readme(r: BenchResults): string {
  const m = r.machine;
  const notes = (r.targets ?? []).map(
    (t) =>
      `- **${t.id} ${t.measure}** — ${t.met === undefined ? "not measured this run" : t.met ? "met" : "missed"} (${t.measured}; goal ${t.target}). ${NOTES[t.id] ?? ""}`,
  );
  return `# Benchmarks

hopx-client against raw \`fetch\` (the floor), bare \`openapi-fetch\` with the generated \`paths\` types, and the
official \`@hopx-ai/sdk\` ${"0.5.1"}, all against a loopback server of our own. Performance is shown here, never
asserted in tests. This file is rewritten by \`npm run bench\` (the analysis under "Targets" comes from
\`bench/notes.ts\`; update it when the numbers move).

## Rerun

\`\`\`sh
npm run bench                 # full run, ~${r.config.quick ? "7" : Math.ceil(r.durationS / 60)} min on 2 cores; writes bench/results/latest.json and this README
BENCH_QUICK=1 npm run bench   # ~1 min smoke run (1–2 rounds, 32 MiB transfers, no >2 GiB probe, no install/generate)
npx tsx bench/paired.ts seq,par,lat,download 5 openapi-fetch,hopx,fetch   # single workloads, paired
npx tsx bench/paired.ts par,lat 7 openapi-fetch,hopx,hopx@/tmp/before     # before/after (/tmp/before: a copy)
BENCH_LAT_MS=20 BENCH_IN_FLIGHT=8 npx tsx bench/paired.ts lat 7           # a latency workload that is latency-bound here
npx tsx bench/paired.ts wan,download 5 openapi-fetch,hopx,fetch          # b.wan (100 ms server) and d beside raw fetch
BENCH_HOPX_ENTRY=$PWD/bench/.build/dist/raw.js npx tsx bench/paired.ts par 5  # as npm run bench: the build, plain node
npx tsx bench/deadline.ts 1000 200 8                                       # deadline exactness alone
\`\`\`

Needs nothing but the installed devDependencies; the clean-install probe (f) is the one step that talks to the
npm registry. Nothing else leaves 127.0.0.1.

## Latest run

${m.date} · ${m.cpu} · ${m.cores} cores · ${m.memoryGiB} GiB · Node ${m.node} · ${m.os} · ${r.config.quick ? "**BENCH_QUICK** (smoke run: too few rounds for the ratios to count)" : "full run"} · took ${fmt(r.durationS)} s

Medians over ${r.config.requestRounds} rounds (a–c) and ${r.config.transferRounds} rounds (d), one fresh process per (workload, adapter,
round), adapter order rotated every round. In brackets: the median over rounds of the ratio to raw fetch in
the same round (pairing cancels the shared machine's slow spells). a: ${r.config.seqCalls} calls after ${r.config.warmup} warm-up;
b: ${r.config.parCalls} calls, 64 in flight; c: ${r.config.agentCalls} calls each; d: ${r.clients ? fmt(r.clients.transferSize / 1048576) : "–"} MiB of random bytes, CRC-32 checked by the
server (upload) or the client (download). Client CPU is \`process.cpuUsage()\` of the client process (all its
threads, so it can exceed wall time). hopx-client is loaded from the build (\`bench/.build/dist/raw.js\`) when it succeeded, and
every measuring child is then bench/child.ts compiled to JavaScript and run by plain \`node\`, as users run their apps (under
tsx's loader, a child that had loaded the built package ran its downloads with ~10× the mark-compacts, and raw fetch there ~2× slower).
Download wall and RSS are each child's first download; the "beside raw fetch" row then alternates 4 warm downloads
of the client with 4 of raw fetch in the same process (one unmeasured each first) and takes the per-pair ratio.

${r.clients ? clientTable(r.clients) : "(client workloads not run)"}

${r.clients ? probeTable(r.clients) : ""}

${packageTables(r)}

${r.deadlines ? deadlineTable(r.deadlines) : "(deadlines not measured)"}

${PAIRED}

## Targets (issue 5)

${verdictTable(r.targets ?? [])}

${notes.join("\n")}

## How it works

| file | what it holds |
|---|---|
| \`run.ts\` | the runner: workloads in order, results, this README |
| \`config.ts\` | rounds, call counts and sizes of the full and the quick run |
| \`server.ts\`, \`multipart.ts\`, \`serve.ts\` | the loopback server (both planes, one listener each), its streaming multipart reader, its process entry |
| \`adapters/\` | one file per client, all behind the \`Client\` interface in \`adapters/types.ts\` |
| \`child.ts\`, \`protocol.ts\` | one measurement in a fresh process; what the runner and the child exchange |
| \`measure-clients.ts\` | workloads a–d and the >2 GiB probe: rounds, rotation, medians, paired ratios |
| \`measure-package.ts\` | e–f: tsup build into \`bench/.build/dist\`, cold import, esbuild bundles, clean install |
| \`measure-generate.ts\` | g: \`npm run generate\` cold and cached in a temp copy (never rewrites \`generated/\` here) |
| \`report.ts\`, \`notes.ts\`, \`stats.ts\` | tables and verdicts; the analysis per target; medians and ratios |
| \`fixtures.ts\` | the random data file (CRC while writing) and the sparse file |
| \`deadline.ts\` | deadline exactness: SDK calls against a silent server, each paired with a plain setTimeout |
| \`paired.ts\` | not part of the run: chosen workloads a–d, paired per round, for one change or a before/after of two trees |
| \`micro-transport.ts\` | not part of the run: per-call cost of the transport's building blocks (Request clone, signals) |
| \`client-cpu.ts\` | not part of the run: client CPU per call with the network taken out, hopx-client with and without its per-call deadline |
| \`mock.ts\` | not part of the run: the stateful mock's start, per-call latency and memory (its own section below) |
| \`upload-redirect-check.ts\` | not part of the run: Files.upload RSS with the transport's \`redirect: "manual"\` vs \`"error"\` |
`;
}
