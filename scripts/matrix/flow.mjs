// The flow every cell of the runtime matrix runs (scripts/matrix/run.ts): create a sandbox, runCode, a
// write and a read, a WebSocket stream, list, kill, each against the mock. Plain JavaScript that every
// runtime loads as it is (Node 18–24, Bun, Deno, Chromium); `sdk` is the package as the cell loaded it
// (`import` or `require()`), so this file never names hopx-client itself.

/** One line for the table: the error's class, code and message. */
function describe(err) {
  if (!(err instanceof Error)) return String(err);
  const code = typeof err.code === "string" ? ` ${err.code}` : "";
  return `${err.name}${code}: ${err.message}`.replace(/\s+/g, " ").slice(0, 300);
}

/**
 * Runs the steps in order and reports each as "pass", "refused" (the typed refusal a browser gets for agent
 * WebSockets; anywhere else it is a failure) or "fail: <error>".
 */
export async function flow(sdk, { baseURL, browser = false }) {
  const steps = {};
  const step = async (name, run) => {
    try {
      steps[name] = (await run()) ?? "pass";
    } catch (err) {
      steps[name] = `fail: ${describe(err)}`;
    }
  };
  const expect = (ok, what) => {
    if (!ok) throw new Error(`unexpected ${what}`);
  };

  const hopx = new sdk.Hopx({ apiKey: "hopx_test_matrix00000000.mock-secret", baseURL, maxRetries: 0 });
  let sandbox;
  await step("create", async () => {
    sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
    expect(typeof sandbox.sandboxId === "string" && sandbox.sandboxId !== "", "sandbox id");
  });
  await step("runCode", async () => {
    const run = await sandbox.runCode("print('hello from the matrix')", { language: "python", timeoutSeconds: 30 });
    expect(typeof run.stdout === "string", `runCode result ${JSON.stringify(run)}`);
  });
  await step("write+read", async () => {
    await sandbox.files.write("/workspace/matrix.txt", "written by the runtime matrix");
    const text = await sandbox.files.read("/workspace/matrix.txt");
    expect(typeof text === "string" && text.length > 0, `file content ${JSON.stringify(text)}`);
  });
  await step("stream", async () => {
    const types = [];
    try {
      for await (const message of sandbox.runCodeStream("for i in range(2): print(i)", { idleTimeoutMs: 10_000 }))
        types.push(message.type);
    } catch (err) {
      const refused =
        browser &&
        err instanceof sdk.HopxError &&
        err.code === sdk.ErrorCode.WEBSOCKET_AUTH_UNSUPPORTED &&
        err.message.includes("browsers cannot authenticate agent WebSockets");
      if (refused) return "refused";
      throw err;
    }
    expect(types.at(-1) === "complete", `stream messages ${JSON.stringify(types)}`);
  });
  await step("list", async () => {
    const page = await hopx.sandboxes.list();
    expect(Array.isArray(page) && page.length > 0 && typeof page[0].sandboxId === "string", "list result");
  });
  await step("kill", async () => {
    await sandbox.kill();
  });
  return steps;
}
