// `npm run demo`: the main flow of hopx-client against the embedded stateful mock (no HopX account needed).
// Creates a sandbox, runs code (plain and streamed), round-trips a file, lists sandboxes, kills the sandbox.
// Set HOPX_API_KEY and HOPX_BASE_URL=https://api.hopx.dev with --live to run it against HopX itself.
import { HopxError, Sandbox } from "../src/index.js";
import { startMock, type HopxMock } from "../src/mock/index.js";

const live = process.argv.includes("--live");
let mock: HopxMock | undefined;

async function demo(): Promise<void> {
  if (!live) {
    mock = await startMock();
    console.log(`mock control plane at ${mock.controlPlaneUrl}, agent at ${mock.agentUrl}`);
  }
  const client = mock ? mock.clientOptions : {};

  const sandbox = await Sandbox.create({ template: "code-interpreter", timeoutSeconds: 600, ...client });
  try {
    const info = await sandbox.getInfo();
    const expiry = await sandbox.getExpiryInfo();
    console.log(
      `created sandbox ${sandbox.sandboxId}: status ${info.status}, template ${info.templateName}, ` +
        `agent ${await sandbox.getAgentUrl()}`,
    );
    console.log(
      `expires at ${expiry.expiresAt?.toISOString() ?? "never"}; ` +
        `port 8080 would be served at ${await sandbox.getPreviewUrl(8080)}`,
    );

    const run = await sandbox.runCode("print('hello from HopX')", { language: "python", timeoutSeconds: 30 });
    console.log(`ran python: exit ${run.exitCode}, ${run.executionTime}s, stdout ${JSON.stringify(run.stdout)}`);

    process.stdout.write("streamed:");
    for await (const message of sandbox.runCodeStream("for i in range(3): print(i)", { idleTimeoutMs: 10_000 })) {
      const data = "data" in message && typeof message.data === "string" ? `(${JSON.stringify(message.data)})` : "";
      process.stdout.write(` ${message.type}${data}`);
    }
    process.stdout.write("\n");

    const bytes = new TextEncoder().encode("hello, file\n");
    await sandbox.files.upload(new Blob([bytes]), "/workspace/hello.txt");
    const back = await sandbox.files.downloadBytes("/workspace/hello.txt");
    console.log(`uploaded ${bytes.byteLength} bytes, downloaded ${back.byteLength}`);
    await sandbox.files.write("/workspace/note.txt", "a note");
    console.log(`read back ${JSON.stringify(await sandbox.files.read("/workspace/note.txt"))}`);

    let count = 0;
    for await (const listed of Sandbox.iter({ limit: 10, ...client })) {
      if (++count === 1) console.log(`first listed sandbox: ${listed.sandboxId} (${(await listed.getInfo()).status})`);
    }
    console.log(`listed ${count} sandboxes across all pages`);
  } finally {
    await sandbox.kill();
    console.log(`killed sandbox ${sandbox.sandboxId}`);
  }
}

try {
  await demo();
  console.log("demo finished");
} catch (err) {
  if (err instanceof HopxError)
    console.error(`demo failed: ${err.name} ${err.status ?? ""} ${err.code ?? ""}: ${err.message}`);
  else console.error("demo failed:", err);
  process.exitCode = 1;
} finally {
  await mock?.stop();
}
