// Per-call cost of the building blocks hopx-client's transport adds around fetch, in isolation (no network):
// evidence for where the a–c overhead goes. Run: npx tsx bench/micro-transport.ts (not part of npm run bench).
const N = 50_000;

function time(label: string, fn: () => unknown): void {
  for (let i = 0; i < 2_000; i++) fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < N; i++) fn();
  process.stdout.write(`${label.padEnd(58)} ${(((performance.now() - t0) * 1000) / N).toFixed(2).padStart(7)} µs\n`);
}

const url = "http://127.0.0.1:1234/commands/run";
const body = JSON.stringify({
  command: "bash",
  args: ["-c", "ls -la /workspace | head -n 5"],
  timeout: 30,
  workdir: "/workspace",
});
const user = new AbortController().signal;

time("AbortSignal.timeout(60000)", () => AbortSignal.timeout(60_000));
time("AbortSignal.any([user, AbortSignal.timeout(60000)])", () => AbortSignal.any([user, AbortSignal.timeout(60_000)]));
time("AbortController + setTimeout/clearTimeout", () => {
  const c = new AbortController();
  clearTimeout(setTimeout(() => c.abort(), 60_000));
  return c.signal;
});
time("new Request(GET)", () => new Request(url));
time("new Request(GET).clone()", () => new Request(url).clone());
time(
  "new Request(POST json body)",
  () => new Request(url, { method: "POST", body, headers: { "Content-Type": "application/json" } }),
);
time("new Request(POST json body).clone()  (tees the body)", () =>
  new Request(url, { method: "POST", body, headers: { "Content-Type": "application/json" } }).clone(),
);
time("new URL(request.url).origin", () => new URL(url).origin);
