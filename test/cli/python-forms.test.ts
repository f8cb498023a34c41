// One test per line of the Python hopx-cli's forms in official-cli.md (the sandbox id first, positional):
// each form as that CLI's scripts wrote it, through the built bin against the stateful mock, its effect read
// back through the SDK.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bench, startBench } from "../support/official.js";

let b: Bench;
let ID: string;
beforeAll(async () => {
  b = await startBench();
  ID = await b.sandbox();
  await (await b.sdk.sandboxes.connect(ID)).files.write("/workspace/a.txt", "alpha\n");
});
afterAll(async () => {
  await b.close();
});

const agent = () => b.sdk.sandboxes.connect(ID);
const status = (id: string) => b.mock.sandboxes().find((s) => s.id === id)?.status;

describe("sandbox, the id first", () => {
  it("info|kill|pause|resume|health|expiry|token|connect SANDBOX_ID (kill: --force)", async () => {
    const id = await b.sandbox();
    expect(await b.json(`hopx sandbox info ${id} -o json`)).toMatchObject({ sandbox_id: id });
    expect(await b.json(`hopx sandbox pause ${id} -o json`)).toEqual({ sandbox_id: id, status: "paused" });
    expect(await b.json(`hopx sandbox resume ${id} -o json`)).toEqual({ sandbox_id: id, status: "running" });
    expect(await b.json(`hopx sandbox health ${id} -o json`)).toMatchObject({ sandbox_id: id, status: "healthy" });
    expect(await b.json(`hopx sandbox expiry ${id} -o json`)).toMatchObject({ sandbox_id: id, is_expired: false });
    const token = await b.hopx(`hopx sandbox token ${id} -o json`);
    expect(JSON.parse(token.stdout)).toMatchObject({ sandbox_id: id, token: "[not printed]" });
    expect(token.stdout).not.toMatch(/eyJ/);
    const connect = await b.json(`hopx sandbox connect ${id} -o json`);
    expect(connect).toMatchObject({ sandbox_id: id, agent_url: expect.stringContaining(id) });
    expect(await b.json(`hopx sandbox kill ${id} --force -o json`)).toEqual({ sandbox_id: id, status: "killed" });
    expect(status(id)).toBeUndefined();
  });

  it("url SANDBOX_ID [PORT] | --port 8080", async () => {
    // HopX's https://<port>-<id>.<region>.vms.hopx.dev/ form, which the mock gives too.
    expect(await b.hopx(`hopx sandbox url ${ID} 8080`)).toMatchObject({
      code: 0,
      stdout: `https://8080-${ID}.us-east.vms.hopx.dev/\n`,
    });
    expect(await b.json(`hopx sandbox url ${ID} --port 8080 -o json`)).toMatchObject({ sandbox_id: ID, port: 8080 });
    // Without a port, the official SDK's default: 7777.
    expect((await b.hopx(`hopx sandbox url ${ID}`)).stdout).toBe(`https://7777-${ID}.us-east.vms.hopx.dev/\n`);
  });

  it("timeout SANDBOX_ID SECONDS", async () => {
    expect(await b.json(`hopx sandbox timeout ${ID} 1800 -o json`)).toMatchObject({
      sandbox_id: ID,
      timeout_seconds: 1800,
    });
  });
});

describe("files, the id first", () => {
  it("read|list|info|delete SANDBOX_ID PATH (delete: --force)", async () => {
    expect(await b.hopx(`hopx files read ${ID} /workspace/a.txt`)).toMatchObject({ code: 0, stdout: "alpha\n" });
    const listed = await b.json<Array<Record<string, unknown>>>(`hopx files list ${ID} /workspace -o json`);
    expect(listed.map((f) => f.path)).toContain("/workspace/a.txt");
    expect(await b.json(`hopx files info ${ID} /workspace/a.txt -o json`)).toMatchObject({
      name: "a.txt",
      type: "file",
      size: 6,
    });
    expect((await b.hopx(`hopx files info ${ID} /workspace/none.txt`)).code).toBe(4);
    await (await agent()).files.write("/workspace/tmp.txt", "x");
    expect((await b.hopx(`hopx files delete ${ID} /workspace/tmp.txt --force`)).code).toBe(0);
    expect(await (await agent()).files.exists("/workspace/tmp.txt")).toBe(false);
  });

  it("write SANDBOX_ID PATH [TEXT] | --data/-d TEXT", async () => {
    expect((await b.hopx(`hopx files write ${ID} /workspace/p.txt "positional text"`)).code).toBe(0);
    expect(await (await agent()).files.read("/workspace/p.txt")).toBe("positional text");
    expect((await b.hopx(`hopx files write ${ID} /workspace/d.txt --data "data text"`)).code).toBe(0);
    expect(await (await agent()).files.read("/workspace/d.txt")).toBe("data text");
    expect((await b.hopx(`hopx files write ${ID} /workspace/e.txt -d short`)).code).toBe(0);
    expect(await (await agent()).files.read("/workspace/e.txt")).toBe("short");
  });

  it("upload SANDBOX_ID LOCAL REMOTE", async () => {
    await writeFile(join(b.dir, "up.txt"), "uploaded\n");
    expect((await b.hopx(`hopx files upload ${ID} up.txt /workspace/up.txt`)).code).toBe(0);
    expect(await (await agent()).files.read("/workspace/up.txt")).toBe("uploaded\n");
  });

  it("download SANDBOX_ID REMOTE LOCAL", async () => {
    expect((await b.hopx(`hopx files download ${ID} /workspace/a.txt got.txt`)).code).toBe(0);
    expect(await readFile(join(b.dir, "got.txt"), "utf8")).toBe("alpha\n");
  });
});

describe("cmd, env, terminal, the id first", () => {
  it('cmd run SANDBOX_ID "COMMAND" [--timeout S] [--workdir P] [--env K=V] [--background]', async () => {
    const r = await b.hopx(`hopx cmd run ${ID} "echo py" --timeout 20 --workdir /workspace --env K=V`);
    expect(r).toMatchObject({ code: 0, stdout: "py\n" });
    const sent = b.mock.requests.filter((q) => q.operationId === "runCommand").at(-1)!.body;
    expect(sent).toMatchObject({ timeout: 20, workdir: "/workspace", env: { K: "V" } });
    expect(await b.json(`hopx cmd run ${ID} "sleep 30" --background -o json`)).toMatchObject({
      process_id: expect.any(String),
    });
  });

  it("cmd exec SANDBOX_ID COMMAND", async () => {
    expect(await b.hopx(`hopx cmd exec ${ID} "echo exec"`)).toMatchObject({ code: 0, stdout: "exec\n" });
  });

  it("env list SANDBOX_ID, env get SANDBOX_ID NAME, env delete SANDBOX_ID NAME [--force]", async () => {
    await (await agent()).env.update({ ONE: "1", TWO: "2" });
    expect(await b.json(`hopx env list ${ID} -o json`)).toMatchObject({ ONE: "1", TWO: "2" });
    expect(await b.hopx(`hopx env get ${ID} ONE`)).toMatchObject({ code: 0, stdout: "1\n" });
    expect((await b.hopx(`hopx env delete ${ID} ONE --force`)).code).toBe(0);
    expect(await (await agent()).env.getAll()).not.toHaveProperty("ONE");
  });

  it("env set SANDBOX_ID K=V [K=V…] | SANDBOX_ID NAME VALUE | SANDBOX_ID --env K=V", async () => {
    expect((await b.hopx(`hopx env set ${ID} A=1 B=2`)).code).toBe(0);
    expect((await b.hopx(`hopx env set ${ID} NAME value`)).code).toBe(0);
    expect((await b.hopx(`hopx env set ${ID} --env FLAG=on`)).code).toBe(0);
    expect(await (await agent()).env.getAll()).toMatchObject({ A: "1", B: "2", NAME: "value", FLAG: "on" });
  });

  it("env load SANDBOX_ID FILE | --file FILE", async () => {
    await writeFile(join(b.dir, ".env"), '# settings\nexport HOST=db\nPORT="5432"\n\n');
    await writeFile(join(b.dir, "other.env"), "MODE=test\n");
    expect(await b.json(`hopx env load ${ID} .env -o json`)).toEqual({ set: ["HOST", "PORT"] });
    expect((await b.hopx(`hopx env load ${ID} --file other.env`)).code).toBe(0);
    expect(await (await agent()).env.getAll()).toMatchObject({ HOST: "db", PORT: "5432", MODE: "test" });
  });

  it("terminal connect|info|url SANDBOX_ID (connect: --command CMD runs one command)", async () => {
    expect(await b.hopx(`hopx terminal connect ${ID} --command "echo once"`)).toMatchObject({
      code: 0,
      stdout: "once\n",
    });
    const info = await b.json(`hopx terminal info ${ID} -o json`);
    expect(info).toMatchObject({ sandbox_id: ID, websocket_url: expect.stringMatching(/^ws:\/\/.*\/terminal$/) });
    const url = await b.hopx(`hopx terminal url ${ID}`);
    expect(url.stdout.trim()).toBe(info.websocket_url);
  });
});

describe("system, run, template, config", () => {
  it("system health | system metrics|agent-info|processes|jupyter|snapshot SANDBOX_ID", async () => {
    expect(await b.json("hopx system health -o json")).toMatchObject({ status: "ok" });
    expect(await b.json(`hopx system metrics ${ID} -o json`)).toHaveProperty("uptime_seconds");
    expect(await b.json(`hopx system agent-info ${ID} -o json`)).toHaveProperty("agent_version");
    expect(await b.json(`hopx system processes ${ID} -o json`)).toEqual(
      expect.arrayContaining([expect.objectContaining({ pid: expect.any(Number) })]),
    );
    expect(Array.isArray(await b.json(`hopx system jupyter ${ID} -o json`))).toBe(true);
    expect(await b.json(`hopx system snapshot ${ID} -o json`)).toHaveProperty("uptime_seconds");
  });

  it('run "CODE" [-l LANG] [-e K=V] [--timeout S] [--sandbox ID] | run -f FILE', async () => {
    expect(await b.hopx('hopx run "print(3)" -l python -e K=V --timeout 20')).toMatchObject({
      code: 0,
      stdout: "3\n",
    });
    const frame = b.mock.requests.filter((q) => q.operationId === "streamExecution").at(-1)!;
    expect(frame).toBeDefined();
    expect(await b.hopx(`hopx run "echo 4" -l bash --sandbox ${ID}`)).toMatchObject({ code: 0, stdout: "4\n" });
    await writeFile(join(b.dir, "job.py"), 'print("job")\n');
    expect(await b.hopx("hopx run -f job.py")).toMatchObject({ code: 0, stdout: "job\n" });
  });

  it("template list|info NAME|build --name N --dockerfile F|delete ID", async () => {
    expect((await b.json<unknown[]>("hopx template list -o json")).length).toBeGreaterThan(0);
    expect(await b.json("hopx template info python -o json")).toMatchObject({ name: "python" });
    await writeFile(join(b.dir, "Dockerfile"), "FROM ubuntu:22.04\nRUN apt-get update\nENV A=1 B=2\nWORKDIR /app\n");
    const built = await b.hopx("hopx template build --name py-built --dockerfile Dockerfile -o json");
    expect(built.code).toBe(0);
    const result = JSON.parse(built.stdout.trim().split("\n").at(-1)!) as { template_id: string };
    expect((await b.hopx(`hopx template delete ${result.template_id}`)).code).toBe(0);
    await expect(b.sdk.templates.get("py-built")).rejects.toMatchObject({ status: 404 });
  });

  it("config show|get KEY|set KEY VALUE|path|profiles list|create|use NAME", async () => {
    expect((await b.hopx("hopx config set output_format json")).code).toBe(0);
    expect((await b.hopx("hopx config get output_format")).stdout).toContain("json");
    // From here on the default profile's output_format (json) is the format.
    expect(JSON.parse((await b.hopx("hopx config show")).stdout)).toMatchObject({ default_profile: "default" });
    expect(JSON.parse((await b.hopx("hopx config path")).stdout)).toMatchObject({
      config_file: join(b.home, ".hopx", "config.yaml"),
    });
    expect((await b.hopx("hopx config profiles create ci")).code).toBe(0);
    expect((await b.hopx("hopx config profiles use ci")).code).toBe(0);
    // The profile's output_format is the default format: ci has none, so a table; default's was json.
    const listed = await b.hopx("hopx config profiles list -o json");
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ name: "ci", default: true }));
    expect(await readFile(join(b.home, ".hopx", "config.yaml"), "utf8")).toContain("default_profile: ci\n");
  });
});

describe("global options of the Python CLI", () => {
  it("--quiet drops notes, --verbose logs requests (redacted), --version names the version", async () => {
    const loud = await b.hopx('hopx run "print(5)" --keep');
    expect(loud.stderr).toMatch(/sandbox \S+ kept/);
    const quiet = await b.hopx('hopx run "print(5)" --keep --quiet');
    expect(quiet).toMatchObject({ code: 0, stdout: "5\n", stderr: "" });
    const verbose = await b.hopx(`hopx sandbox info ${ID} --verbose`);
    expect(verbose.stderr).toContain("[hopx] debug");
    expect(verbose.stderr).not.toContain(b.mock.apiKey);
    expect((await b.hopx("hopx --version")).stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect((await b.hopx("hopx --help")).stdout.split("\n")[0]).toContain("Hopx CLI");
  });
});
