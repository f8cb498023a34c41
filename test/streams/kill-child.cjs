// Opens every kind of stream a sandbox handle has (terminal, file watch, command stream, metrics SSE) on the
// built package, kills the sandbox, and does nothing else: the process must exit on its own.
const path = require("node:path");
const { Hopx } = require(path.resolve(__dirname, "../../dist/index.cjs"));

(async () => {
  const [controlPlane] = process.argv.slice(2);
  const hopx = new Hopx({ apiKey: "hopx_test_kill.child", baseURL: controlPlane });
  const [sandbox] = await hopx.sandboxes.list();
  const terminal = await sandbox.terminal.connect();
  const watch = sandbox.files.watch("/workspace");
  const command = sandbox.commands.stream("sleep 1000");
  const metrics = sandbox.streamMetrics();
  // Start reading each stream, as an application would, without ever finishing.
  const reads = [terminal, watch, command, metrics].map(async (stream) => {
    let count = 0;
    for await (const _ of stream) count++;
    return count;
  });
  await new Promise((r) => setTimeout(r, 300));
  await sandbox.kill();
  const ended = await Promise.allSettled(reads);
  process.stdout.write(JSON.stringify(ended.map((r) => r.status)));
})().catch((err) => {
  process.stdout.write(JSON.stringify({ crashed: String(err?.stack) }));
  process.exitCode = 1;
});
