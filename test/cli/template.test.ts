// hopx template build: a JSON or YAML build file mapped onto the Template builder, built against a loopback
// fake of the build API (upload link, build, SSE logs, status, activation): logs streamed, progress shown,
// the result printed; a bad build file is a usage error before any request.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ControlPlane, reply, runCli, startControlPlane } from "../support/cli.js";

let cp: ControlPlane;
let dir: string;
let statusReads = 0;
const builds: Array<Record<string, unknown>> = [];
const env = (): Record<string, string> => ({ HOPX_BASE_URL: cp.url, HOPX_API_KEY: "hopx_test_cli.tplkey" });

beforeAll(async () => {
  cp = await startControlPlane();
  dir = await mkdtemp(join(tmpdir(), "hopx-cli-template-"));
  await mkdir(join(dir, "app"));
  await writeFile(join(dir, "app", "main.py"), "print('hello')\n");
  await writeFile(
    join(dir, "hopx.json"),
    JSON.stringify({
      name: "my-app",
      from: "python:3.12",
      cpu: 2,
      steps: [{ apt: ["curl"] }, { copy: { src: "app", dest: "/app" } }, { env: { PORT: "8000" } }, { run: "make" }],
      start: { cmd: "python /app/main.py", ready: { port: 8000 } },
    }),
  );
  await writeFile(
    join(dir, "other.yaml"),
    "name: yaml-app\nfrom: ubuntu:22.04\nsteps:\n  - run: echo hi\n  - workdir: /srv\n",
  );
});
afterAll(async () => {
  await cp.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  cp.seen.length = 0;
  builds.length = 0;
  statusReads = 0;
  cp.routes.set("POST /v1/templates/files/upload-link", (req, res) => {
    const { files_hash } = JSON.parse(req.body) as { files_hash: string };
    reply(200, { present: true, files_hash })(req, res);
  });
  cp.routes.set("POST /v1/templates/build", (req, res) => {
    builds.push(JSON.parse(req.body) as Record<string, unknown>);
    reply(201, { build_id: 489, template_id: 489, status: "building", logs_url: "/v1/templates/build/489/logs" })(
      req,
      res,
    );
  });
  cp.routes.set("GET /v1/templates/build/489/logs", (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.end(
      'event: log\ndata: {"level":"INFO","message":"Step 1/2: RUN make","timestamp":"2025-10-21T12:10:05Z"}\n\n' +
        'event: done\ndata: {"status":"active"}\n\n',
    );
  });
  cp.routes.set("GET /v1/templates/build/489/status", (req, res) => {
    statusReads++;
    reply(200, {
      build_id: "489",
      status: statusReads >= 2 ? "active" : "building",
      progress: statusReads >= 2 ? 100 : 50,
    })(req, res);
  });
  cp.routes.set("GET /v1/templates/489", reply(200, { id: "489", name: "my-app", status: "active", is_active: true }));
});

describe("hopx template build", () => {
  it("builds from a directory's hopx.json: the builder's request, logs on stderr, the result on stdout", async () => {
    const r = await runCli(["template", "build", dir, "--progress"], { env: env() });
    expect(r.code).toBe(0);
    expect(builds).toHaveLength(1);
    expect(builds[0]).toMatchObject({
      name: "my-app",
      from_image: "python:3.12",
      cpu: 2,
      startCmd: "python /app/main.py",
      readyCmd: { type: "port", port: 8000 },
    });
    const steps = builds[0]!.steps as Array<{ type: string; args: string[] }>;
    expect(steps.map((s) => s.type)).toEqual(["RUN", "COPY", "ENV", "RUN"]);
    expect(steps[2]!.args).toEqual(["PORT", "8000"]);
    expect(r.stderr).toContain("[INFO] Step 1/2: RUN make\n");
    expect(r.stderr).toContain("100%");
    expect(r.stdout).toMatch(/^template_id\s+489\n/);
  }, 60_000);

  it("streams NDJSON (log, progress, result) under -o json, and reads YAML", async () => {
    const r = await runCli(["template", "build", join(dir, "other.yaml"), "--name", "renamed", "-o", "json"], {
      env: env(),
    });
    expect(r.code).toBe(0);
    const events = r.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((e) => e.type)).toContain("log");
    expect(events.at(-1)).toMatchObject({ type: "result", template_id: "489", build_id: "489", status: "active" });
    expect(builds[0]).toMatchObject({ name: "renamed", from_image: "ubuntu:22.04" });
  }, 60_000);

  it.each([
    ['{"from": "python:3.12", "steps": [{"frobnicate": 1}]}', "steps[0].frobnicate: unknown step"],
    ['{"from": "python:3.12", "colour": "red"}', 'unknown key "colour"'],
    ['{"steps": [{"run": "x"}]}', "from must be a non-empty string"],
    ["{not json", "is not valid JSON"],
  ])("rejects %s with exit 2 before any request", async (content, message) => {
    const file = join(dir, "bad.json");
    await writeFile(file, content);
    const r = await runCli(["template", "build", file], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(cp.seen).toEqual([]);
  });

  it("exits 4 for a path that does not exist", async () => {
    const r = await runCli(["template", "build", join(dir, "nope")], { env: env() });
    expect(r.code).toBe(4);
  });
});
