// The client half of the memory tests: loads the built package (dist/index.cjs) in its own process, runs
// one hostile scenario against a server the test runs elsewhere, and prints what it saw and how far its
// resident memory grew above the baseline (peak, sampled every 10 ms). Plain node, no TypeScript loader.
const path = require("node:path");
const sdk = {
  ...require(path.resolve(__dirname, "../../dist/index.cjs")),
  ...require(path.resolve(__dirname, "../../dist/raw.cjs")),
};

const [mode, url] = process.argv.slice(2);
const MiB = 1024 * 1024;
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function scenario() {
  const hopx = () => new sdk.Hopx({ apiKey: "hopx_test_memory.probe", baseURL: url, maxRetries: 0 });
  if (mode === "body") {
    await hopx().controlPlane.sandboxes.get("huge");
    return { outcome: "resolved" };
  }
  if (mode === "sse") {
    const [sandbox] = await hopx().sandboxes.list();
    for await (const _event of sandbox.streamMetrics()) return { outcome: "event" };
    return { outcome: "ended" };
  }
  if (mode === "ws") {
    const socket = await sdk.openSocket(url, {
      headers: { Authorization: "Bearer probe-token-1234" },
      idleTimeout: 10_000,
    });
    let count = 0;
    const started = Date.now();
    for await (const _message of socket) {
      count++;
      if (count % 10 === 0) await sleep(10); // ~16 MiB/s: far slower than a loopback flood
      if (Date.now() - started > 3_000) break;
    }
    socket.close();
    return { outcome: "read", count };
  }
  throw new Error(`unknown mode ${mode}`);
}

scenario()
  .catch((err) => ({ outcome: "rejected", name: err.name, code: err.code, limit: err.limit, message: err.message }))
  .then((result) => {
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    process.stdout.write(JSON.stringify({ ...result, growthMiB: Math.round((peak - baseline) / MiB) }));
    process.exit(0);
  });
