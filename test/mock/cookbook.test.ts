// The official cookbook's flows on the stateful mock, through setupHopxMock() as a downstream file uses it
// (no client options: HOPX_BASE_URL / HOPX_API_KEY point at this file's mock): create, run code, files,
// commands, env, processes, desktop, terminal, templates and the metrics stream.
import { describe, expect, it } from "vitest";
import { Sandbox, Template, waitForPort } from "hopx-client";
import { setupHopxMock } from "hopx-client/mock/vitest";

const mock = setupHopxMock();
const create = () => Sandbox.create({ template: "code-interpreter", timeout: 300 });

describe("the cookbook on the stateful mock", () => {
  it("creates, runs code (plain and streamed) and lists", async () => {
    const sandbox = await create();
    const run = await sandbox.runCode("print('hello from HopX')", { language: "python", timeout: 30 });
    expect(run).toMatchObject({ stdout: "hello from HopX\n", exitCode: 0, success: true });
    const streamed: string[] = [];
    for await (const m of sandbox.runCodeStream("print(1)\nprint(2)")) streamed.push(m.type);
    expect(streamed).toEqual(["stdout", "stdout", "result", "complete"]);
    expect((await Sandbox.list()).map((s) => s.sandboxId)).toEqual([sandbox.sandboxId]);
    expect(process.env.HOPX_BASE_URL).toBe(mock.controlPlaneUrl);
  });

  it("files, commands and env", async () => {
    const sandbox = await create();
    await sandbox.files.mkdir("/workspace/data");
    await sandbox.files.write("/workspace/data/a.csv", "x,y\n1,2\n");
    expect(await sandbox.files.exists("/workspace/data/a.csv")).toBe(true);
    expect((await sandbox.commands.run("ls /workspace/data", { timeout: 10 })).stdout).toBe("a.csv\n");
    expect((await sandbox.commands.run("cat /workspace/data/a.csv")).stdout).toBe("x,y\n1,2\n");
    await sandbox.env.set("GREETING", "hello");
    await sandbox.env.update({ LANG: "C" });
    expect(await sandbox.env.getAll()).toEqual({ GREETING: "hello", LANG: "C" });
    await sandbox.env.delete("LANG");
    expect(await sandbox.env.get("LANG")).toBeUndefined();
    await expect(sandbox.files.read("/etc/passwd")).rejects.toMatchObject({ status: 403 });
  });

  it("background processes: listed, waited for, killed", async () => {
    const sandbox = await create();
    const job = await sandbox.runCodeBackground("print('bg')", { language: "python" });
    expect(job.processId).toMatch(/^proc_/);
    const listed = await sandbox.listProcesses();
    expect(listed.map((p) => [p.processId, p.status])).toEqual([[job.processId, "completed"]]);
    await expect(sandbox.killProcess("proc_missing")).rejects.toMatchObject({ status: 404 });
    expect(mock.requests.some((r) => r.operationId === "listProcesses")).toBe(true);
  });

  it("desktop answers its spec examples (a PNG, clicks, typing)", async () => {
    const sandbox = await create();
    const png = await sandbox.desktop.screenshot();
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    await sandbox.desktop.mouseClick(10, 20);
    await sandbox.desktop.keyboardType("hello");
    const bodies = mock.requests.filter((r) => r.operationId === "mouseClick").map((r) => r.body);
    expect(bodies).toEqual([expect.objectContaining({ x: 10, y: 20 })]);
  });

  it("terminal: a prompt, input echoed with the command's output, exit ends the session", async () => {
    const sandbox = await create();
    const terminal = await sandbox.terminal.connect({ cols: 120, rows: 40 });
    terminal.write("echo hello\n");
    terminal.write("exit\n");
    let output = "";
    // Leaving the loop would close the session, so it reads until the shell exits.
    for await (const chunk of sandbox.terminal.iterOutput(terminal)) output += chunk;
    expect(output).toBe("$ echo hello\r\nhello\r\n$ exit\r\n");
    expect(await terminal.wait()).toBe(0);
  });

  it("templates: builds one with its logs, and a sandbox starts from it", async () => {
    const logs: string[] = [];
    const result = await Template.build(
      new Template().fromPythonImage("3.12").pipInstall("flask").setStartCmd("python app.py", waitForPort(8000)),
      { name: "my-flask", pollIntervalMs: 10, onLog: (l) => logs.push(l.message) },
    );
    expect(result.template.status).toBe("active");
    expect(logs.at(-1)).toBe("Build completed");
    const sandbox = await Sandbox.create({ template: "my-flask" });
    expect((await sandbox.getInfo()).templateName).toBe("my-flask");
    const sse = await fetch(`${mock.controlPlaneUrl}/v1/templates/build/${result.buildID}/logs`, {
      headers: { Accept: "text/event-stream", "X-API-Key": mock.apiKey },
    });
    const text = await sse.text();
    expect(text).toContain("event: log");
    expect(text).toContain('event: done\ndata: {"status":"active"}');
  });

  it("metrics stream over SSE ends when the sandbox is killed", async () => {
    const sandbox = await create();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const event of sandbox.streamMetrics()) seen.push(event.totalExecutions ?? 0);
    })();
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(mock.sandboxes()[0]?.openStreams).toBe(1);
    await sandbox.kill();
    await reading.catch(() => undefined);
    expect(mock.sandboxes()).toEqual([]);
  });
});
