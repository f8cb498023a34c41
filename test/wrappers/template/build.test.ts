// The Template builder and Template.build against a loopback fake of the build API that keeps state:
// uploaded archives, build progress, template activation.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TemplateBuildError, ValidationError } from "hopx-client";
import { Template, waitForPort, waitForProcess } from "hopx-client";
import type { LogEntry } from "hopx-client";

interface FakeState {
  stored: Map<string, Buffer>;
  puts: number;
  buildBodies: Array<Record<string, unknown>>;
  statusReads: number;
  templateReads: number;
  outcome: "active" | "failed";
  sse: boolean;
  putHeaders: Record<string, string | string[] | undefined>[];
}

let server: Server;
let url = "";
const state: FakeState = {
  stored: new Map(),
  puts: 0,
  buildBodies: [],
  statusReads: 0,
  templateReads: 0,
  outcome: "active",
  sse: true,
  putHeaders: [],
};

function send(res: import("node:http").ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? "").split("?")[0]!;
      if (req.method === "POST" && path === "/v1/templates/files/upload-link") {
        const { files_hash } = JSON.parse(body.toString()) as { files_hash: string };
        return send(res, 200, {
          present: state.stored.has(files_hash),
          upload_url: `${url}/upload/${files_hash}?X-Amz-Signature=abc`,
          files_hash,
        });
      }
      if (req.method === "PUT" && path.startsWith("/upload/")) {
        state.puts++;
        state.putHeaders.push(req.headers);
        state.stored.set(path.slice("/upload/".length), body);
        res.writeHead(200);
        return res.end();
      }
      if (req.method === "POST" && path === "/v1/templates/build") {
        state.buildBodies.push(JSON.parse(body.toString()) as Record<string, unknown>);
        return send(res, 201, {
          build_id: 489,
          template_id: 489,
          status: "building",
          logs_url: "/v1/templates/build/489/logs",
        });
      }
      if (path === "/v1/templates/build/489/logs") {
        if (state.sse && req.headers.accept === "text/event-stream") {
          res.writeHead(200, { "content-type": "text/event-stream" });
          const failed = state.outcome === "failed";
          return res.end(
            `event: log\ndata: {"level":"INFO","message":"Step 1/2: RUN pip install flask",` +
              `"timestamp":"2025-10-21T12:10:05Z"}\n\n` +
              (failed ? `event: log\ndata: {"level":"ERROR","message":"E: Unable to locate package foo"}\n\n` : "") +
              `event: done\ndata: {"status":"${state.outcome}"}\n\n`,
          );
        }
        if (req.headers.accept === "text/event-stream")
          return send(res, 404, { error: "no such stream", code: "NOT_FOUND" });
        const offset = Number(new URL(req.url ?? "", url).searchParams.get("offset") ?? 0);
        return send(
          res,
          200,
          offset === 0
            ? { logs: "Step 1/2: RUN pip install flask\n", offset: 1, status: "building", complete: false }
            : { logs: "Build completed\n", offset: 2, status: state.outcome, complete: true },
        );
      }
      if (path === "/v1/templates/build/489/status") {
        state.statusReads++;
        const done = state.statusReads >= 2;
        return send(res, 200, {
          build_id: "489",
          status: done ? state.outcome : "building",
          progress: done ? 100 : 50,
          error_message: done && state.outcome === "failed" ? "step 2 failed" : null,
        });
      }
      if (path === "/v1/templates/489") {
        state.templateReads++;
        // building → active → publishing → active: a single "active" is not the end
        const sequence = ["active", "publishing", "active", "active"];
        const status = sequence[Math.min(state.templateReads - 1, sequence.length - 1)];
        return send(res, 200, { id: "489", name: "my-app", status, is_active: status === "active" });
      }
      send(res, 500, { error: `unexpected ${req.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  state.puts = state.statusReads = state.templateReads = 0;
  state.buildBodies.length = state.putHeaders.length = 0;
  state.outcome = "active";
  state.sse = true;
});

async function context(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "hopx-template-"));
  await mkdir(join(dir, "app"));
  await writeFile(join(dir, "app", "main.py"), "print('hello')\n");
  await writeFile(join(dir, "app", "requirements.txt"), "flask\n");
  return dir;
}

const template = () =>
  new Template()
    .fromPythonImage("3.12")
    .setWorkdir("/app")
    .copy("app", "/app")
    .pipInstall("flask", "gunicorn")
    .setEnv("PORT", "8000")
    .setStartCmd("gunicorn app:app", waitForPort(8000));

describe("Template builder", () => {
  it("compiles to the wire's step shapes", () => {
    const steps = new Template("ubuntu:22.04")
      .aptInstall("curl", ["git"])
      .runCmd("echo hi")
      .skipCache()
      .setUser("app")
      .getSteps();
    expect(steps).toEqual([
      {
        kind: "step",
        step: { type: "RUN", args: ["apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y curl git"] },
      },
      { kind: "step", step: { type: "RUN", args: ["echo hi"], skipCache: true } },
      { kind: "step", step: { type: "USER", args: ["app"] } },
    ]);
    expect(waitForProcess("nginx")).toEqual({ type: "process", processName: "nginx", name: "nginx" });
  });

  it("refuses what HopX would refuse, before any upload", () => {
    expect(() => new Template().runCmd("x").validate()).toThrow(ValidationError);
    expect(() => new Template("alpine:3.19").runCmd("x").validate()).toThrow(/Alpine/);
    expect(() => new Template("ubuntu:22.04").setEnv("A", "b").validate()).toThrow(ValidationError);
    expect(() => new Template("ubuntu:22.04").setEnv("1BAD", "b")).toThrow(ValidationError);
    expect(() => new Template("ubuntu:22.04").aptInstall("x; rm -rf /").getSteps()).not.toThrow();
    expect(
      (new Template("ubuntu:22.04").aptInstall("x; rm -rf /").getSteps()[0] as { step: { args: string[] } }).step
        .args[0],
    ).toContain("'x; rm -rf /'");
  });
});

describe("Template.build", () => {
  it("uploads the sources once, builds, follows SSE logs, waits for active twice", async () => {
    const dir = await context();
    try {
      const logs: LogEntry[] = [];
      const progress: number[] = [];
      const options = {
        name: "my-app",
        apiKey: "hopx_test_build",
        baseURL: url,
        contextPath: dir,
        pollInterval: 5,
        onLog: (l: LogEntry) => logs.push(l),
        onProgress: (p: number) => progress.push(p),
      };
      const result = await Template.build(template(), options);
      expect(result).toMatchObject({ buildID: "489", templateID: "489" });
      expect(result.template.status).toBe("active");
      expect(state.templateReads).toBe(4); // active, publishing, active, active
      expect(state.puts).toBe(1);
      expect(state.putHeaders[0]!["content-type"]).toBe("application/gzip");
      expect(state.putHeaders[0]!["x-api-key"]).toBeUndefined(); // storage gets no HopX credential
      const archive = gunzipSync(state.stored.values().next().value!).toString("latin1");
      expect(archive).toContain("app/main.py");
      expect(archive).toContain("print('hello')");
      const copy = (state.buildBodies[0]!.steps as Array<Record<string, unknown>>).find((s) => s.type === "COPY")!;
      expect(copy).toMatchObject({ type: "COPY", args: ["app", "/app"] });
      expect(state.stored.has(copy.filesHash as string)).toBe(true);
      expect(state.buildBodies[0]).toMatchObject({
        name: "my-app",
        from_image: "python:3.12",
        cpu: 2,
        memory: 2048,
        diskGB: 10,
        startCmd: "gunicorn app:app",
        readyCmd: { type: "port", port: 8000 },
      });
      expect(logs.map((l) => l.message)).toContain("Step 1/2: RUN pip install flask");
      expect(progress.at(-1)).toBe(100);

      state.statusReads = state.templateReads = 0;
      await Template.build(template(), options); // same sources: the server has them, nothing is uploaded
      expect(state.puts).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a failed build throws TemplateBuildError with the last log lines", async () => {
    const dir = await context();
    state.outcome = "failed";
    try {
      const error = await Template.build(template(), {
        name: "my-app",
        apiKey: "hopx_test_build",
        baseURL: url,
        contextPath: dir,
        pollInterval: 5,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemplateBuildError);
      expect((error as TemplateBuildError).message).toContain("step 2 failed");
      expect((error as TemplateBuildError).logs).toContain("E: Unable to locate package foo");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("falls back to JSON log polling where there is no SSE", async () => {
    const dir = await context();
    state.sse = false;
    try {
      const logs: string[] = [];
      await Template.build(template(), {
        name: "my-app",
        apiKey: "hopx_test_build",
        baseURL: url,
        contextPath: dir,
        pollInterval: 5,
        onLog: (l) => logs.push(l.message),
      });
      expect(logs).toContain("Step 1/2: RUN pip install flask");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a COPY source outside the context is refused before anything is sent", async () => {
    const dir = await context();
    try {
      const bad = new Template("ubuntu:22.04").copy("../etc", "/x");
      await expect(
        Template.build(bad, { name: "x", apiKey: "k", baseURL: url, contextPath: dir }),
      ).rejects.toBeInstanceOf(ValidationError);
      expect(state.buildBodies).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
