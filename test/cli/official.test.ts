// One test per row of the @hopx-ai/cli 0.2.2 table in official-cli.md: the invocation as that CLI's users
// write it, run through the built bin against the stateful mock, its effect checked through the SDK (a file
// written is read back, a sandbox killed is gone) and its output parsed (`-o json` has the API's names).
import { existsSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, waitForOutput } from "../support/cli.js";
import { type Bench, startBench } from "../support/official.js";

let b: Bench;
beforeAll(async () => {
  b = await startBench();
});
afterAll(async () => {
  await b.close();
});

const status = async (id: string): Promise<string | undefined> => b.mock.sandboxes().find((s) => s.id === id)?.status;
const agentOf = (id: string) => b.sdk.sandboxes.connect(id);
const bodiesOf = (operationId: string) =>
  b.mock.requests.filter((r) => r.operationId === operationId).map((r) => r.body as Record<string, unknown>);

describe("sandbox (sb)", () => {
  it("create -t/--template, --timeout, -e/--env key=value...", async () => {
    const made = await b.json("hopx sandbox create --template python --timeout 600 -e A=1 B=2 -o json");
    expect(made).toMatchObject({ sandbox_id: expect.any(String), template_name: "python", status: "running" });
    expect(made).not.toHaveProperty("auth_token");
    expect(bodiesOf("createSandbox").at(-1)).toMatchObject({
      template_name: "python",
      timeout_seconds: 600,
      env_vars: { A: "1", B: "2" },
    });
    const short = await b.json("hopx sb create -t python -o json");
    expect(await status(short.sandbox_id as string)).toBe("running");
  });

  it("list -s/--status, -l/--limit (default 20)", async () => {
    for (let i = 0; i < 21; i++) await b.sandbox();
    const all = await b.json<Array<Record<string, unknown>>>("hopx sandbox list -o json");
    expect(all).toHaveLength(20);
    expect(all[0]).toMatchObject({ sandbox_id: expect.any(String), status: expect.any(String) });
    const paused = await b.sandbox();
    await (await agentOf(paused)).pause();
    const one = await b.json<Array<Record<string, unknown>>>("hopx sandbox list -s paused -l 1 -o json");
    expect(one).toEqual([expect.objectContaining({ sandbox_id: paused, status: "paused" })]);
    const table = await b.hopx("hopx sb list --status running --limit 3");
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+TEMPLATE\s+STATUS/);
    expect(table.stdout.trim().split("\n")).toHaveLength(4);
  });

  it("info <sandbox-id>", async () => {
    const id = await b.sandbox();
    expect(await b.json(`hopx sandbox info ${id} -o json`)).toMatchObject({ sandbox_id: id, id, status: "running" });
  });

  it("kill <sandbox-id> -y/--yes", async () => {
    const [one, two] = [await b.sandbox(), await b.sandbox()];
    expect(await b.json(`hopx sandbox kill ${one} --yes -o json`)).toEqual({ sandbox_id: one, status: "killed" });
    expect((await b.hopx(`hopx sb kill ${two} -y`)).code).toBe(0);
    expect(await status(one)).toBeUndefined();
    expect(await status(two)).toBeUndefined();
  });

  it("pause / resume <sandbox-id>", async () => {
    const id = await b.sandbox();
    expect(await b.json(`hopx sandbox pause ${id} -o json`)).toEqual({ sandbox_id: id, status: "paused" });
    expect(await status(id)).toBe("paused");
    expect(await b.json(`hopx sandbox resume ${id} -o json`)).toEqual({ sandbox_id: id, status: "running" });
    expect(await status(id)).toBe("running");
  });

  it("timeout <sandbox-id> <seconds> (0 disables)", async () => {
    const id = await b.sandbox();
    expect(await b.json(`hopx sandbox timeout ${id} 3600 -o json`)).toMatchObject({
      sandbox_id: id,
      timeout_seconds: 3600,
      expires_at: expect.any(String),
    });
    expect((await b.hopx(`hopx sandbox timeout ${id} 0`)).code).toBe(0);
    expect(bodiesOf("setSandboxTimeout").map((body) => body.timeout_seconds)).toEqual([3600, 0]);
  });
});

describe("run", () => {
  it("<code>: a new sandbox, its output, killed afterwards", async () => {
    const before = bodiesOf("createSandbox").length;
    const r = await b.hopx('hopx run "print(1)"');
    expect(r).toMatchObject({ code: 0, stdout: "1\n" });
    expect(bodiesOf("createSandbox")).toHaveLength(before + 1);
    expect(bodiesOf("createSandbox").at(-1)).toMatchObject({ template_name: "code-interpreter" });
    expect(b.mock.requests.at(-1)).toMatchObject({ operationId: "deleteSandbox" });
  });

  it("a file path, -l, -t, -k/--keep, --timeout, -w/--workdir", async () => {
    await writeFile(join(b.dir, "script.py"), 'print("from a file")\n');
    const r = await b.hopx("hopx run script.py -l python -t python --keep --timeout 60 -w /workspace");
    expect(r).toMatchObject({ code: 0, stdout: "from a file\n" });
    const kept = /sandbox (\S+) kept/.exec(r.stderr)![1]!;
    expect(await status(kept)).toBe("running");
    const frames = b.mock.requests.filter((q) => q.operationId === "streamExecution" && q.sandboxId === kept);
    expect(frames).toHaveLength(1);
    const bash = await b.hopx('hopx run "echo hi" -l bash -k -t python');
    expect(bash).toMatchObject({ code: 0, stdout: "hi\n" });
  });

  it("-s/--sandbox: an existing sandbox, not killed", async () => {
    const id = await b.sandbox();
    const creates = bodiesOf("createSandbox").length;
    const r = await b.hopx(`hopx run "print(2)" -s ${id} -l python --timeout 30`);
    expect(r).toMatchObject({ code: 0, stdout: "2\n" });
    expect(bodiesOf("createSandbox")).toHaveLength(creates);
    expect(await status(id)).toBe("running");
  });
});

describe("files (f)", () => {
  let id: string;
  beforeAll(async () => {
    id = await b.sandbox();
    await (await agentOf(id)).files.write("/workspace/a.txt", "alpha\n");
  });

  it("read <path> -s, -o/--output <file> (the command's own -o)", async () => {
    expect(await b.hopx(`hopx files read /workspace/a.txt -s ${id}`)).toMatchObject({ code: 0, stdout: "alpha\n" });
    const r = await b.hopx(`hopx f read /workspace/a.txt --sandbox ${id} -o out.txt`);
    expect(r.code).toBe(0);
    expect(await readFile(join(b.dir, "out.txt"), "utf8")).toBe("alpha\n");
    expect(existsSync(join(b.dir, "json"))).toBe(false);
  });

  it("write <path> -s, -c/--content, -f/--file", async () => {
    const r = await b.hopx(`hopx files write /workspace/w.txt -s ${id} --content "hello world"`);
    expect(r.code).toBe(0);
    expect(await (await agentOf(id)).files.read("/workspace/w.txt")).toBe("hello world");
    await writeFile(join(b.dir, "local.txt"), "from disk\n");
    expect((await b.hopx(`hopx f write /workspace/f.txt -s ${id} -f local.txt`)).code).toBe(0);
    expect(await (await agentOf(id)).files.read("/workspace/f.txt")).toBe("from disk\n");
    expect(await b.json(`hopx files write /workspace/c.txt -s ${id} -c hi -o json`)).toEqual({
      path: "/workspace/c.txt",
      size: 2,
    });
  });

  it("list [path] -s (default /workspace: the agent refuses the official default, /)", async () => {
    const listed = await b.json<Array<Record<string, unknown>>>(`hopx files list /workspace -s ${id} -o json`);
    expect(listed).toContainEqual(
      expect.objectContaining({ name: "a.txt", path: "/workspace/a.txt", type: "file", size: 6 }),
    );
    const root = await b.hopx(`hopx files list -s ${id}`);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/^NAME\s+TYPE\s+SIZE/);
    expect(root.stdout).toContain("/workspace/a.txt");
  });

  it("delete <path> -s -y/--yes", async () => {
    await (await agentOf(id)).files.write("/workspace/gone.txt", "x");
    expect((await b.hopx(`hopx files delete /workspace/gone.txt -s ${id} --yes`)).code).toBe(0);
    expect(await (await agentOf(id)).files.exists("/workspace/gone.txt")).toBe(false);
  });

  it("upload <local-path> [remote-path] -s (default /workspace/<name>)", async () => {
    await writeFile(join(b.dir, "data.csv"), "a,b\n1,2\n");
    expect(await b.json(`hopx files upload data.csv /workspace/in/data.csv -s ${id} -o json`)).toMatchObject({
      path: "/workspace/in/data.csv",
    });
    expect(await (await agentOf(id)).files.read("/workspace/in/data.csv")).toBe("a,b\n1,2\n");
    expect((await b.hopx(`hopx f upload data.csv -s ${id}`)).code).toBe(0);
    expect(await (await agentOf(id)).files.read("/workspace/data.csv")).toBe("a,b\n1,2\n");
  });

  it("download <remote-path> [local-path] -s (default ./<name>)", async () => {
    expect((await b.hopx(`hopx files download /workspace/a.txt copy.txt -s ${id}`)).code).toBe(0);
    expect(await readFile(join(b.dir, "copy.txt"), "utf8")).toBe("alpha\n");
    expect((await b.hopx(`hopx files download /workspace/a.txt -s ${id}`)).code).toBe(0);
    expect(await readFile(join(b.dir, "a.txt"), "utf8")).toBe("alpha\n");
  });
});

describe("cmd, env, terminal", () => {
  let id: string;
  beforeAll(async () => {
    id = await b.sandbox();
  });

  it("cmd run <command> -s (required), --timeout, -w/--workdir, -b/--background", async () => {
    const r = await b.hopx(`hopx cmd run "echo hello" -s ${id} --timeout 30 -w /workspace`);
    expect(r).toMatchObject({ code: 0, stdout: "hello\n" });
    expect(bodiesOf("runCommand").at(-1)).toMatchObject({ timeout: 30, workdir: "/workspace" });
    expect(await b.json(`hopx cmd run "echo json" -s ${id} -o json`)).toMatchObject({
      exit_code: 0,
      stdout: "json\n",
    });
    const job = await b.json(`hopx cmd run "sleep 60" -s ${id} -b -o json`);
    expect(job).toMatchObject({ process_id: expect.any(String) });
    const missing = await b.hopx('hopx cmd run "ls"');
    expect(missing.code).toBe(2);
  });

  it("cmd background <command> -s, --timeout (default 300), -w", async () => {
    const job = await b.json(`hopx cmd background "python -m http.server" -s ${id} -w /workspace -o json`);
    expect(job).toMatchObject({ process_id: expect.any(String) });
    expect(bodiesOf("runCommandBackground").at(-1)).toMatchObject({ timeout: 300, workdir: "/workspace" });
    const listed = await (await agentOf(id)).processes.listProcesses();
    expect(listed.map((p) => p.processId)).toContain(job.process_id);
  });

  it("env set <vars...> -s, env list -s, env get <name> -s, env unset <names...> -s", async () => {
    expect(await b.json(`hopx env set A=1 B=two C=3 -s ${id} -o json`)).toEqual({ set: ["A", "B", "C"] });
    expect(await (await agentOf(id)).env.getAll()).toMatchObject({ A: "1", B: "two", C: "3" });
    expect(await b.json(`hopx env list -s ${id} -o json`)).toMatchObject({ A: "1", B: "two", C: "3" });
    expect(await b.hopx(`hopx env get B -s ${id}`)).toMatchObject({ code: 0, stdout: "two\n" });
    expect((await b.hopx(`hopx env unset A B -s ${id}`)).code).toBe(0);
    const left = await (await agentOf(id)).env.getAll();
    expect(left).not.toHaveProperty("A");
    expect(left).not.toHaveProperty("B");
    expect(left).toMatchObject({ C: "3" });
  });

  it("terminal (term) <sandbox-id>", async () => {
    // Typed a line at a time, as at a keyboard: the mock's shell takes one command per input message.
    for (const line of [`hopx terminal ${id}`, `hopx term ${id}`]) {
      const child = b.start(line);
      const done = finished(child);
      child.stdin!.write("echo from-pty\n");
      await waitForOutput(child, "from-pty\r\n");
      child.stdin!.end("exit\n");
      const r = await done;
      expect(r.code, line).toBe(0);
      expect(r.stdout).toContain("from-pty\r\n");
    }
  });
});

describe("template (tpl)", () => {
  it("list --custom, --official", async () => {
    const official = await b.json<Array<Record<string, unknown>>>("hopx template list --official -o json");
    expect(official.map((t) => t.name)).toEqual(expect.arrayContaining(["python", "nodejs", "code-interpreter"]));
    expect(official.every((t) => t.category !== "custom")).toBe(true);
    const custom = await b.json<Array<Record<string, unknown>>>("hopx tpl list --custom -o json");
    expect(custom.length).toBeGreaterThan(0);
    expect(custom.every((t) => t.category === "custom")).toBe(true);
    expect(custom[0]).toHaveProperty("display_name");
  });

  it("info <name or id>", async () => {
    const byName = await b.json("hopx template info python -o json");
    expect(byName).toMatchObject({ name: "python", id: expect.any(String) });
    expect(await b.json(`hopx tpl info ${byName.id} -o json`)).toMatchObject({ name: "python" });
  });

  it("build -n/--name, --image, --start-cmd, --cpu, --memory; --dockerfile", async () => {
    const r = await b.hopx('hopx template build --name web --image python:3.12 --start-cmd "python -m http.server"');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^template_id\s+\S+/);
    expect(bodiesOf("buildTemplate").at(-1)).toMatchObject({
      name: "web",
      from_image: "python:3.12",
      startCmd: "python -m http.server",
      cpu: 1,
      memory: 512,
    });
    await writeFile(join(b.dir, "Dockerfile"), 'FROM python:3.12\nRUN pip install flask\nCMD ["python", "app.py"]\n');
    const df = await b.hopx("hopx tpl build -n api --dockerfile Dockerfile --cpu 2000 --memory 1024 -o json");
    expect(df.code).toBe(0);
    expect(JSON.parse(df.stdout.trim().split("\n").at(-1)!)).toMatchObject({ type: "result", name: "api" });
    expect(bodiesOf("buildTemplate").at(-1)).toMatchObject({
      name: "api",
      from_image: "python:3.12",
      startCmd: "python app.py",
      cpu: 2,
      memory: 1024,
    });
    expect((await b.hopx("hopx template build --image python:3.12")).code).toBe(2);
  });

  it("delete <id> -y/--yes", async () => {
    const built = await b.hopx("hopx template build --name doomed --image python:3.12 -o json");
    const result = JSON.parse(built.stdout.trim().split("\n").at(-1)!) as { template_id: string };
    expect(await b.json(`hopx template delete ${result.template_id} --yes -o json`)).toEqual({
      template_id: result.template_id,
      deleted: true,
    });
    await expect(b.sdk.templates.get("doomed")).rejects.toMatchObject({ status: 404 });
  });
});

describe("config, auth (~/.hopx of the official CLI)", () => {
  const KEY = "hopx_live_CONFIGKEY0001.c2VjcmV0LXZhbHVl";
  const configFile = () => join(b.home, ".hopx", "config.yaml");
  const credentialsFile = () => join(b.home, ".hopx", "credentials.yaml");

  it("config set / get <key> [<value>] -p/--profile", async () => {
    expect((await b.hopx("hopx config set default_template python")).code).toBe(0);
    expect(await b.hopx("hopx config get default_template")).toMatchObject({ code: 0, stdout: "python\n" });
    expect((await b.hopx("hopx config set base_url http://127.0.0.1:9 -p staging")).code).toBe(0);
    expect(await b.hopx("hopx config get base_url --profile staging")).toMatchObject({
      stdout: "http://127.0.0.1:9\n",
    });
    expect(await readFile(configFile(), "utf8")).toBe(
      "profiles:\n  default:\n    default_template: python\n  staging:\n    base_url: http://127.0.0.1:9\n",
    );
    expect((await stat(configFile())).mode & 0o777).toBe(0o600);
    expect((await stat(join(b.home, ".hopx"))).mode & 0o777).toBe(0o700);
    expect((await b.hopx("hopx config set colour red")).code).toBe(2);
  });

  it("config show -p/--profile: keys masked", async () => {
    await b.hopx(`hopx config set api_key ${KEY} -p staging`);
    const whole = await b.json("hopx config show -o json");
    expect(whole).toMatchObject({ config_file: configFile(), default_profile: "default" });
    const one = await b.hopx("hopx config show -p staging -o json");
    expect(JSON.parse(one.stdout)).toMatchObject({ profile: "staging", api_key: "hopx_liv...bHVl" });
    expect(one.stdout).not.toContain(KEY);
  });

  it("config profile list / create / delete / use <name>", async () => {
    expect(await b.json("hopx config profile create dev -o json")).toEqual({ profile: "dev", created: true });
    expect(await b.json("hopx config profile use dev -o json")).toEqual({ default_profile: "dev" });
    const listed = await b.json<Array<Record<string, unknown>>>("hopx config profile list -o json");
    expect(listed).toContainEqual({ name: "dev", default: true, api_key: "-", template: "-" });
    expect(await readFile(configFile(), "utf8")).toContain("default_profile: dev\n");
    expect(await b.json("hopx config profile delete dev -o json")).toEqual({ profile: "dev", deleted: true });
    expect(await readFile(configFile(), "utf8")).toContain("default_profile: default\n");
    expect((await b.hopx("hopx config profile delete default")).code).toBe(2);
  });

  it("auth login --api-key -p, status, logout [--all]", async () => {
    const login = await b.hopx(`hopx auth login --api-key ${KEY}`, { env: { HOPX_API_KEY: undefined } });
    expect(login.code).toBe(0);
    expect(login.stdout + login.stderr).not.toContain(KEY);
    expect(await readFile(credentialsFile(), "utf8")).toBe(`profiles:\n  default:\n    api_key: ${KEY}\n`);
    expect((await stat(credentialsFile())).mode & 0o777).toBe(0o600);
    await b.hopx(`hopx auth login --api-key ${KEY} -p other`, { env: { HOPX_API_KEY: undefined } });
    const state = await b.hopx("hopx auth status -o json", { env: { HOPX_API_KEY: undefined } });
    expect(JSON.parse(state.stdout)).toMatchObject({ authenticated: true, source: "credentials.yaml" });
    expect(state.stdout).not.toContain(KEY);
    expect(await b.json("hopx auth logout -o json")).toEqual({ removed: ["default"] });
    expect(await b.json("hopx auth logout --all -o json")).toEqual({ removed: ["other"] });
    expect(await readFile(credentialsFile(), "utf8")).not.toContain(KEY);
  });
});

describe("system", () => {
  it("health / version / metrics", async () => {
    expect(await b.json("hopx system health -o json")).toMatchObject({ healthy: true, status: "ok" });
    expect(await b.json("hopx system version -o json")).toMatchObject({
      cli_version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      api_version: expect.any(String),
      runtime: "node",
    });
    const metrics = await b.hopx("hopx system metrics");
    expect(metrics.code).toBe(0);
    expect(metrics.stderr).toContain("no account-wide metrics");
  });
});

describe("account commands: one line, exit 2", () => {
  it.each([
    "hopx org list",
    "hopx members list",
    "hopx billing",
    "hopx usage --days 7",
    "hopx profile",
    "hopx auth api-keys list",
    "hopx init my-app",
    "hopx self-update",
  ])("%s", async (line) => {
    const before = b.mock.requests.length;
    const r = await b.hopx(line);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("outside both public HopX APIs");
    expect(b.mock.requests.length).toBe(before);
  });
});
