// `npm run demo`: the main flow of hopx-client against the embedded mock (no HopX account needed).
// Creates a sandbox, runs code in it, writes and reads a file, lists sandboxes, deletes the sandbox.
// Set HOPX_API_KEY and HOPX_BASE_URL=https://api.hopx.dev with --live to run it against HopX itself.
import { createAgent, createControlPlane, HopxError } from "../src/index.js";
import { startMock, type HopxMock } from "../src/mock/index.js";

const live = process.argv.includes("--live");
let mock: HopxMock | undefined;

async function demo(): Promise<void> {
  if (!live) {
    mock = await startMock();
    console.log(`mock control plane at ${mock.controlPlaneUrl}, agent at ${mock.agentUrl}`);
  }
  const cp = createControlPlane(mock ? { baseURL: mock.controlPlaneUrl, apiKey: "hopx_live_demo00000000.mock-secret" } : {});

  const sandbox = await cp.sandboxes.create({ templateName: "code-interpreter", timeoutSeconds: 600 });
  console.log(`created sandbox ${sandbox.id}: status ${sandbox.status}, template ${sandbox.templateName}, agent ${sandbox.publicHost}`);
  if (!sandbox.publicHost || !sandbox.authToken) throw new Error("the create response carried no agent host or token");

  const agent = createAgent({ baseURL: sandbox.publicHost, token: sandbox.authToken });
  const run = await agent.code.run({ code: "print('hello from HopX')", language: "python", timeout: 30 });
  console.log(`ran python: exit ${run.exitCode}, ${run.executionTime}s, stdout ${JSON.stringify(run.stdout)}`);

  const written = await agent.files.write({ path: "/workspace/hello.txt", content: "hello, file" });
  console.log(`wrote ${written.path} (${written.size} bytes)${mock ? " (the mock answers its spec example)" : ""}`);
  const read = await agent.files.read({ path: "/workspace/hello.txt" });
  console.log(`read ${read.path}: ${JSON.stringify(read.content)}${mock ? " (the mock answers its spec example)" : ""}`);

  const page = await cp.sandboxes.list({ limit: 10 });
  console.log(`listed ${page.data?.length ?? 0} sandboxes${page.hasMore ? `, more after cursor ${page.nextCursor}` : ""}`);

  const deleted = await cp.sandboxes.delete(sandbox.id);
  console.log(`deleted sandbox ${sandbox.id}: ${deleted.status}`);
}

try {
  await demo();
  console.log("demo finished");
} catch (err) {
  if (err instanceof HopxError) console.error(`demo failed: ${err.name} ${err.status ?? ""} ${err.code ?? ""}: ${err.message}`);
  else console.error("demo failed:", err);
  process.exitCode = 1;
} finally {
  await mock?.stop();
}
