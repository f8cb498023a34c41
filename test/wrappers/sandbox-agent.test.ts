// The agent API as users reach it, through a Sandbox created on the mock: the token from create is used,
// WebSocket streams work, and nothing of the account key reaches the agent.
import { describe, expect, inject, it } from "vitest";
import { Sandbox } from "hopx-client";

const options = () => ({ apiKey: "hopx_test_sandbox_agent_key", baseURL: inject("controlPlaneUrl") });

describe("Sandbox agent API on the mock", () => {
  it("runs the official SDK's cookbook flow with its own option names, only the import changed", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", timeout: 300, ...options() });
    expect(typeof (await sandbox.agentUrl)).toBe("string");
    expect((await sandbox.runCode("print(1)", { language: "python", timeout: 30 })).exitCode).toBe(0);
    const listed = await sandbox.commands.run("ls -la", { timeout: 10 });
    expect("stdout" in listed).toBe(true);
    await sandbox.env.set("GREETING", "hello");
    const terminal = await sandbox.terminal.connect();
    sandbox.terminal.sendInput(terminal, "echo hello\n");
    for await (const chunk of sandbox.terminal.iterOutput(terminal)) {
      expect(typeof chunk).toBe("string");
      break;
    }
    await terminal.closed;
    const health = await sandbox.ensureHealthy({ timeout: 5_000, interval: 100 });
    expect(health).toHaveProperty("status");
    await sandbox.kill();
  });

  it("runs code, round-trips a file, reads env and health", async () => {
    await using sandbox = await Sandbox.create({ template: "code-interpreter", ...options() });
    const result = await sandbox.runCode("print('hi')", { language: "python", timeout: 30 });
    expect(result.success).toBe(true);
    expect(result.exitCode).toBe(0);
    expect(Array.isArray(result.richOutputs)).toBe(true);
    await sandbox.files.write("/workspace/hello.txt", "hello");
    expect(typeof (await sandbox.files.read("/workspace/hello.txt"))).toBe("string");
    const bytes = await sandbox.files.readBytes("/workspace/hello.txt");
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(await sandbox.files.exists("/workspace/hello.txt")).toBe(true);
    expect(typeof (await sandbox.env.getAll())).toBe("object");
    expect(await sandbox.isHealthy()).toBe(true);
    expect((await sandbox.listProcesses()).length).toBeGreaterThanOrEqual(0);
    const command = await sandbox.commands.run("echo hi");
    expect("exitCode" in command && command.exitCode).toBe(0);
  });

  it("streams code output and command output over WebSocket, in order", async () => {
    await using sandbox = await Sandbox.create({ template: "code-interpreter", ...options() });
    const kinds: string[] = [];
    for await (const message of sandbox.runCodeStream("print('a')", { idleTimeout: 5_000 })) kinds.push(message.type);
    expect(kinds.at(-1)).toBe("complete");
    expect(kinds).toContain("stdout");
    const commandKinds: string[] = [];
    for await (const message of sandbox.commands.stream("ls", { idleTimeout: 5_000 })) commandKinds.push(message.type);
    expect(commandKinds.length).toBeGreaterThan(0);
  });

  it("preflight refuses a sandbox that is no longer running", async () => {
    const sandbox = await Sandbox.create({ template: "code-interpreter", ...options() });
    await expect(sandbox.runCode("1", { preflight: true })).resolves.toHaveProperty("success");
  });
});
