// Evidence for d: the same hopx-client Files.upload of a local file, through the transport as is (redirect "manual")
// and with a fetch forcing redirect "error". Run: npx tsx bench/upload-redirect-check.ts parent <file of ~256 MiB>
import { agentContext, Files } from "../src/raw.js";
import { startServer, TOKEN } from "./server.js";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
const run = promisify(execFile);
const [mode = "parent", file] = process.argv.slice(2);
if (mode === "parent") {
  const srv = await startServer();
  for (const m of ["manual", "error", "error-blob"]) {
    const r = await run(process.execPath, ["--import", "tsx", "--expose-gc", process.argv[1]!, m, file!, srv.agentUrl]);
    console.log(r.stdout.trim(), r.stderr.trim().slice(-300));
  }
  await srv.close();
} else {
  const url = process.argv[4]!;
  const fetchImpl = mode.startsWith("error")
    ? (((input: RequestInfo, init?: RequestInit) => fetch(input, { ...init, redirect: "error" })) as typeof fetch)
    : undefined;
  const files = new Files(agentContext({ baseURL: url, token: TOKEN, ...(fetchImpl ? { fetch: fetchImpl } : {}) }));
  globalThis.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const t0 = performance.now();
  const { openAsBlob } = await import("node:fs");
  await files.upload(mode === "error-blob" ? await openAsBlob(file!) : file!, "/workspace/x");
  clearInterval(t);
  console.log(
    `redirect ${mode}: ${(performance.now() - t0).toFixed(0)} ms, peak +${((peak - base) / 1048576).toFixed(0)} MiB`,
  );
}
