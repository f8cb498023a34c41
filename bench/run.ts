// `npm run bench`: workloads a–g in one bounded run; prints the tables and writes bench/results/latest.json
// and bench/README.md. BENCH_QUICK=1 for a ~1-minute smoke run.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { benchConfig } from "./config.js";
import { measureDeadlines } from "./deadline.js";
import { measureClients } from "./measure-clients.js";
import { measureGenerate } from "./measure-generate.js";
import { buildPackage, bundleSizes, cleanInstall, coldImport, RAW_ENTRY } from "./measure-package.js";
import { ROOT } from "./processes.js";
import { readme, summary, verdicts, type BenchResults } from "./report.js";

/** bench/mock.ts writes the README's "Mock" section; a run of the client benchmarks keeps it. */
function withMockSection(text: string): string {
  const kept = /<!-- mock:start[\s\S]*?<!-- mock:end -->/.exec(readFileSync(join(ROOT, "bench/README.md"), "utf8"));
  return kept ? `${text.trimEnd()}\n\n${kept[0]}\n` : text;
}

// BENCH_RERENDER=1 rewrites the tables and README from results/latest.json without measuring (after an edit
// of notes.ts or report.ts).
if (process.env.BENCH_RERENDER === "1") {
  const saved = JSON.parse(readFileSync(join(ROOT, "bench/results/latest.json"), "utf8")) as BenchResults;
  saved.targets = verdicts(saved);
  writeFileSync(join(ROOT, "bench/results/latest.json"), `${JSON.stringify(saved, null, 2)}\n`);
  writeFileSync(join(ROOT, "bench/README.md"), withMockSection(readme(saved)));
  process.stdout.write(`${summary(saved)}\n`);
  process.exit(0);
}

const config = benchConfig();
const started = performance.now();
const log = (line: string) => process.stderr.write(`\n== ${line}\n`);

const results: BenchResults = {
  machine: {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    node: process.versions.node,
    os: `${platform()} ${release()}`,
    date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
  },
  config,
  durationS: 0,
};

log("build (tsup → bench/.build/dist)");
results.build = await buildPackage();
// a–d measure hopx-client as users run it: the built raw entry, not src through tsx.
if (results.build.ok) process.env.BENCH_HOPX_ENTRY = RAW_ENTRY;
log(`a–d: clients against the loopback server (hopx-client from ${results.build.ok ? "the build" : "src"})`);
results.clients = await measureClients(config);

if (results.build.ok) {
  log("e: cold import");
  results.coldImport = await coldImport(config);
  log("f: bundle sizes");
  results.bundles = await bundleSizes();
  if (config.install) {
    log("f: clean install (npm registry)");
    results.install = await cleanInstall();
  }
}
log("deadlines: 1 000 calls against a silent server");
results.deadlines = await measureDeadlines();

if (config.generate) {
  log("g: npm run generate, cold and cached");
  results.generate = await measureGenerate();
}

results.durationS = (performance.now() - started) / 1000;
results.targets = verdicts(results);
const out = summary(results);
process.stdout.write(`\n${out}\n`);
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
// A quick run never overwrites the full run's files: its ratios are too noisy to publish.
const name = config.quick ? "quick.json" : "latest.json";
writeFileSync(join(ROOT, "bench/results", name), `${JSON.stringify(results, null, 2)}\n`);
if (!config.quick) writeFileSync(join(ROOT, "bench/README.md"), withMockSection(readme(results)));
process.stderr.write(
  `\nwrote bench/results/${name}${config.quick ? "" : " and bench/README.md"} (${results.durationS.toFixed(0)} s)\n`,
);
