// Every command's happy path against the embedded mock (the one `hopx mock` starts), through the built bin:
// exit 0 and, under -o json, a parseable document of the documented shape (NDJSON for streams). What the
// mock answers is taken from the mock itself (through the SDK) or written first, not assumed.
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hopx } from "hopx-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CLI, cleanEnv, finished, runCli, startCli, waitForOutput } from "../support/cli.js";

const KEY = "hopx_test_cli.mockkey";
const env = (): Record<string, string> => ({ HOPX_BASE_URL: inject("controlPlaneUrl"), HOPX_API_KEY: KEY });
let ID = "";
let S: string[] = [];
/** What the SDK streams for `print(1)` from the same mock: the CLI must print the same. */
let expectedOutput = "";
let dir = "";

beforeAll(async () => {
  const hopx = new Hopx({ apiKey: KEY, baseURL: inject("controlPlaneUrl") });
  const sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
  ID = sandbox.sandboxId;
  S = ["-s", ID];
  for await (const m of sandbox.runCodeStream("print(1)")) if (m.type === "stdout") expectedOutput += m.data;
  dir = await mkdtemp(join(tmpdir(), "hopx-cli-mock-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function json(args: string[]): Promise<unknown> {
  const r = await runCli([...args, "-o", "json"], { env: env() });
  expect(r.stderr, args.join(" ")).toBe("");
  expect(r.code, args.join(" ")).toBe(0);
  return JSON.parse(r.stdout);
}

async function ndjson(args: string[]): Promise<Array<Record<string, unknown>>> {
  const r = await runCli([...args, "-o", "json"], { env: env() });
  expect(r.code, args.join(" ")).toBe(0);
  return r.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("hopx run against the mock", () => {
  it("prints the code's output and exits 0", async () => {
    const r = await runCli(["run", "print(1)"], { env: env() });
    expect(r.code).toBe(0);
    expect(expectedOutput).not.toBe("");
    expect(r.stdout).toBe(expectedOutput);
    expect(r.stderr).toBe("");
  });

  it("gives NDJSON messages under -o json, the result before complete", async () => {
    const messages = await ndjson(["run", "print(1)"]);
    const types = messages.map((m) => m.type);
    expect(types.slice(-2)).toEqual(["result", "complete"]);
    expect(messages.at(-2)).toMatchObject({ type: "result", exit_code: 0 });
    const printed = messages.filter((m) => m.type === "stdout").map((m) => m.data);
    expect(printed.join("")).toBe(expectedOutput);
  });
});

describe("sandbox commands against the mock", () => {
  it("create, list, get: sandbox records without the agent token", async () => {
    const created = (await json(["sandbox", "create", "-t", "code-interpreter", "--timeout", "600"])) as Record<
      string,
      unknown
    >;
    expect(created).toMatchObject({
      sandbox_id: expect.any(String),
      status: "running",
      template_name: "code-interpreter",
    });
    expect(created).not.toHaveProperty("auth_token");
    const list = (await json(["sb", "list"])) as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]).toMatchObject({ sandbox_id: expect.any(String), status: expect.any(String) });
    const one = (await json(["sandbox", "get", ID])) as Record<string, unknown>;
    expect(one).toMatchObject({ sandbox_id: expect.any(String), public_host: expect.any(String) });
    expect(JSON.stringify([created, list, one])).not.toMatch(/auth_?[tT]oken|eyJ/);
  });

  it("pause, resume, stop, start, kill print the id and new status", async () => {
    const other = (await json(["sandbox", "create"])) as { sandbox_id: string };
    for (const [verb, status] of [
      ["pause", "paused"],
      ["resume", "running"],
      ["stop", "stopped"],
      ["start", "running"],
      ["kill", "killed"],
    ] as const)
      expect(await json(["sandbox", verb, other.sandbox_id]), verb).toEqual({ sandbox_id: other.sandbox_id, status });
  });

  it("set-timeout, connect-info, preview-url", async () => {
    expect(await json(["sandbox", "set-timeout", ID, "600"])).toMatchObject({
      sandbox_id: ID,
      timeout_seconds: expect.any(Number),
    });
    const info = (await json(["sandbox", "connect-info", ID])) as Record<string, unknown>;
    expect(Object.keys(info).sort()).toEqual(["agent_url", "expires_at", "preview_url", "sandbox_id", "status"]);
    // HopX's form, on the mock too (the SDK builds it from the sandbox's id and region).
    expect(await json(["sandbox", "preview-url", ID, "8080"])).toMatchObject({
      port: 8080,
      url: `https://8080-${ID}.eu-west.vms.hopx.dev/`,
    });
    const plain = await runCli(["sandbox", "preview-url", ID, "8080"], { env: env() });
    expect(plain.stdout).toBe(`https://8080-${ID}.eu-west.vms.hopx.dev/\n`);
  });

  it("prints a table by default", async () => {
    const r = await runCli(["sandbox", "list"], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^ID\s+TEMPLATE\s+STATUS\s+REGION\s+CREATED\s+EXPIRES$/);
  });
});

describe("agent commands against the mock", () => {
  it("files put, ls, cat, rm, mkdir", async () => {
    const local = join(dir, "data.csv");
    await writeFile(local, "name,age\nalice,30\n");
    expect(await json(["files", "put", local, "/workspace/data.csv", ...S])).toMatchObject({
      path: "/workspace/data.csv",
      size: expect.any(Number),
    });
    const entries = (await json(["files", "ls", "/workspace", ...S])) as Array<Record<string, unknown>>;
    expect(entries[0]).toMatchObject({ name: expect.any(String), path: expect.any(String), type: expect.any(String) });
    // After `files read`/`cat`, -o is the command's own file (the official CLI's); JSON comes from HOPX_CLI_OUTPUT.
    const asJson = await runCli(["files", "cat", "/workspace/data.csv", ...S], {
      env: { ...env(), HOPX_CLI_OUTPUT: "json" },
    });
    expect(JSON.parse(asJson.stdout)).toEqual({ path: "/workspace/data.csv", content: "name,age\nalice,30\n" });
    const cat = await runCli(["files", "read", "/workspace/data.csv", ...S], { env: env() });
    expect(cat.stdout).toBe("name,age\nalice,30\n");
    expect(await json(["files", "mkdir", "/workspace/d", ...S])).toEqual({ path: "/workspace/d", created: true });
    expect(await json(["files", "rm", "/workspace/d", ...S])).toEqual({ path: "/workspace/d", deleted: true });
  });

  it("files watch streams NDJSON changes", async () => {
    const changes = await ndjson(["files", "watch", "/workspace", ...S]);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change).toMatchObject({ type: "change", path: expect.any(String) });
  });

  it("cmd run (foreground and --background)", async () => {
    expect(await json(["cmd", "run", "ls -la", ...S])).toMatchObject({ exit_code: 0, stdout: expect.any(String) });
    expect(await json(["cmd", "run", "sleep 100", "--background", ...S])).toMatchObject({
      process_id: expect.any(String),
    });
  });

  it("env set, list, get, unset", async () => {
    expect(await json(["env", "set", "DEBUG=true", "B=2", ...S])).toEqual({ set: ["DEBUG", "B"] });
    const all = (await json(["env", "list", ...S])) as Record<string, string>;
    expect(all).toMatchObject({ DEBUG: "true" });
    expect(await json(["env", "get", "DEBUG", ...S])).toEqual({ DEBUG: "true" });
    expect(await json(["env", "unset", "B", ...S])).toEqual({ unset: ["B"] });
    const missing = await runCli(["env", "get", "NOPE", ...S], { env: env() });
    expect(missing.code).toBe(4);
    expect(missing.stderr.trim()).toBe("hopx: NOPE is not set");
  });

  it("process list, kill; metrics once and --follow", async () => {
    const job = (await json(["cmd", "run", "sleep 100", "--background", ...S])) as { process_id: string };
    const processes = (await json(["process", "list", ...S])) as Array<Record<string, unknown>>;
    expect(processes[0]).toMatchObject({ process_id: expect.any(String), status: expect.any(String) });
    expect(await json(["ps", "kill", job.process_id, ...S])).toMatchObject({ status: "killed" });
    expect(await json(["metrics", ...S])).toMatchObject({ uptime_seconds: expect.any(Number) });
    const events = await ndjson(["metrics", "--follow", "--count", "2", ...S]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ uptime_seconds: expect.any(Number) });
  });

  it("terminal: piped input, the shell's output and exit status", async () => {
    const r = await runCli(["terminal", "--cols", "120", "--rows", "40", ...S], {
      env: env(),
      input: "echo hello\n",
    });
    expect(r.stdout).toBe("echo hello\r\nhello\r\n");
    expect(r.code).toBe(0);
  });
});

describe("template and health against the mock", () => {
  it("template list, get, delete; health without a key", async () => {
    const list = (await json(["template", "list"])) as Array<Record<string, unknown>>;
    expect(list[0]).toMatchObject({ name: expect.any(String), id: expect.any(String) });
    const one = (await json(["template", "get", "code-interpreter"])) as { id: string; name: string };
    expect(one).toMatchObject({ name: "code-interpreter", id: expect.any(String) });
    expect(await json(["template", "delete", one.id])).toEqual({ template_id: one.id, deleted: true });
    const health = await runCli(["health", "-o", "json"], { env: { HOPX_BASE_URL: inject("controlPlaneUrl") } });
    expect(health.code).toBe(0);
    expect(JSON.parse(health.stdout)).toMatchObject({ status: "ok" });
  });
});

describe("hopx mock", () => {
  it("prints the lines to export, serves `hopx run`, and stops on Ctrl-C", async () => {
    const mock = startCli(["mock"]);
    const done = finished(mock);
    try {
      const printed = await waitForOutput(mock, "HOPX_API_KEY=");
      const lines = printed.trim().split("\n");
      expect(lines[0]).toMatch(/^export HOPX_BASE_URL=http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[1]).toMatch(/^export HOPX_API_KEY=\S+$/);
      const exported = Object.fromEntries(
        lines.map((line) => line.replace(/^export /, "").split("=") as [string, string]),
      );
      // What the SDK's own stream prints from this mock (the stateful mock `hopx mock` starts runs the code).
      const hopx = new Hopx({ baseURL: exported.HOPX_BASE_URL!, apiKey: exported.HOPX_API_KEY! });
      const sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
      let expected = "";
      for await (const m of sandbox.runCodeStream("print(1)")) if (m.type === "stdout") expected += m.data;
      await sandbox.kill();
      const r = await runCli(["run", "print(1)"], { env: exported });
      expect(expected).toBe("1\n");
      expect(r.stdout).toBe(expected);
      expect(r.code).toBe(0);
      mock.kill("SIGINT");
      expect((await done).code).toBe(0);
    } finally {
      // A failed expectation must not leave the mock running.
      if (mock.exitCode === null) mock.kill("SIGKILL");
    }
  }, 60_000);
});

const hasScript = spawnSync("script", ["--version"]).status === 0;

describe.skipIf(!hasScript)("colour", () => {
  const onTty = (extra: Record<string, string>) =>
    finished(
      spawn(
        "script",
        ["-qefc", `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} sandbox list`, "/dev/null"],
        {
          env: cleanEnv({ ...env(), ...extra }),
          stdio: "pipe",
        },
      ),
    );

  it("bolds table headers on a TTY, never with NO_COLOR, never in a pipe", async () => {
    const tty = await onTty({});
    expect(tty.code).toBe(0);
    expect(tty.stdout).toContain("\u001b[1mID ");
    const noColor = await onTty({ NO_COLOR: "1" });
    expect(noColor.stdout).toContain("ID ");
    expect(noColor.stdout).not.toContain("\u001b[");
    const piped = await runCli(["sandbox", "list"], { env: env() });
    expect(piped.stdout).not.toContain("\u001b[");
  });
});
