// Client-side CPU per call with the network taken out: each client's fetch is replaced by one that builds
// undici's Request from what it is given (as fetch itself does first) and answers at once. Shows what the
// per-call deadline costs (hopx-client with and without `requestTimeoutMs`), which loopback runs blur.
// Run: `npx tsx bench/client-cpu.ts` (hopx-client from src, or the build with BENCH_HOPX_ENTRY); under another
// Node: `/path/to/node --import tsx bench/client-cpu.ts`. Not part of `npm run bench`.
import createClient from "openapi-fetch";
import type { paths as ControlPlanePaths } from "../generated/control-plane/schema.js";
import { median } from "./stats.js";

type Raw = typeof import("../src/raw.js");
const { createControlPlane } = (await import(process.env.BENCH_HOPX_ENTRY ?? "../src/raw.js")) as Raw;

const SANDBOX_ID = "1761048129dsaqav4n";
const body = JSON.stringify({
  id: SANDBOX_ID,
  template_id: "t1",
  status: "running",
  public_host: "https://x.hopx.dev",
  created_at: "2025-10-21T12:00:00Z",
  resources: { vcpu: 2, memory_mb: 2048 },
  metadata: { team: "a" },
});
const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
const answer: typeof fetch = async (input, init) => {
  new Request(input, init);
  return new Response(body, { status: 200, headers });
};
const baseUrl = "http://127.0.0.1:9";
const of = createClient<ControlPlanePaths>({ baseUrl, headers: { "X-API-Key": "hopx_bench_key" }, fetch: answer });
const hopx = createControlPlane({ apiKey: "hopx_bench_key", baseURL: baseUrl, fetch: answer });
const noDeadline = createControlPlane({
  apiKey: "hopx_bench_key",
  baseURL: baseUrl,
  fetch: answer,
  requestTimeoutMs: Number.POSITIVE_INFINITY,
});
const clients: Record<string, () => Promise<unknown>> = {
  "openapi-fetch": async () =>
    (await of.GET("/v1/sandboxes/{sandboxId}", { params: { path: { sandboxId: SANDBOX_ID } } })).data,
  "hopx-client": () => hopx.sandboxes.get(SANDBOX_ID),
  "hopx-client, no deadline": () => noDeadline.sandboxes.get(SANDBOX_ID),
};

const N = 20_000;
for (const call of Object.values(clients)) for (let i = 0; i < 3_000; i++) await call();
const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(clients).map((name) => [name, []]));
for (let round = 0; round < 7; round++)
  for (const [name, call] of Object.entries(clients)) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) await call();
    const c = process.cpuUsage(c0);
    cpu[name]!.push((c.user + c.system) / N);
  }
process.stdout.write(`Node ${process.versions.node}, median of 7 rounds × ${N} calls\n`);
for (const [name, values] of Object.entries(cpu))
  process.stdout.write(`${name.padEnd(26)} ${median(values).toFixed(1).padStart(6)} µs CPU/call\n`);
