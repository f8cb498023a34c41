// The built package (dist/, made by `npm run build` before vitest in `npm test`), loaded the way users load
// it: `require()` and `import` in plain node child processes, through the package name from a project that
// installed it, and type-checked by TypeScript apps in CommonJS and ESM mode.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
const probe = join(root, "test/package/probe.cjs");
let app: string;

interface NameReport {
  name: string;
  exported: boolean;
  errName: string;
  instance: boolean;
  head: string;
}
interface Report {
  listed: boolean;
  names: NameReport[];
  unlisted: string[];
  timeout: { name: string; line: string; timeoutError: boolean };
  echo: { name: string; leaked: boolean; code: string };
  badInput: string[];
  badInputRequests: number;
  crashed?: string;
}

beforeAll(async () => {
  if (!existsSync(join(root, "dist/index.cjs")))
    throw new Error("dist/ is missing: `npm test` builds it first (npm run build)");
  // A user's project: hopx-client installed under node_modules (a link to this checkout's package).
  app = await mkdtemp(join(tmpdir(), "hopx-app-"));
  await mkdir(join(app, "node_modules"));
  await symlink(root, join(app, "node_modules/hopx-client"), "dir");
});
afterAll(async () => {
  await rm(app, { recursive: true, force: true });
});

describe.each(["cjs", "esm"] as const)("dist loaded with %s", (mode) => {
  let report: Report;
  beforeAll(async () => {
    const { stdout } = await run(process.execPath, [probe, mode, inject("controlPlaneUrl")], { timeout: 30_000 });
    report = JSON.parse(stdout) as Report;
  });

  it("runs a call against the mock", () => {
    expect(report.crashed).toBeUndefined();
    expect(report.listed).toBe(true);
  });

  it("keeps every error class's name, and instanceof holds", () => {
    expect(report.names.length).toBeGreaterThanOrEqual(21);
    for (const entry of report.names)
      expect(entry).toEqual({
        name: entry.name,
        exported: true,
        errName: entry.name,
        instance: true,
        head: entry.name,
      });
    expect(report.unlisted).toEqual([]);
    expect(report.timeout).toEqual({
      name: "TimeoutError",
      line: "TimeoutError: getSandbox: timed out",
      timeoutError: true,
    });
  });

  it("refuses bad timeout, maxRetries, key, header and env-name input with a ValidationError and 0 requests", () => {
    expect(report.badInput).toEqual(Array(6).fill("ValidationError"));
    expect(report.badInputRequests).toBe(0);
  });

  it("shows an echoed API key in no field, in util.inspect, JSON or the stack", () => {
    expect(report.echo.leaked).toBe(false);
    expect(report.echo.code).toBe("E_[redacted]");
  });
});

describe("installed in a user's project", () => {
  it("require('hopx-client/mock') and import of it start the stateful mock; the SDK lists what it made", async () => {
    const cjs = `const { startMock } = require("hopx-client/mock"); const { Hopx } = require("hopx-client");
      startMock().then(async (m) => {
      const hopx = new Hopx({ apiKey: "hopx_test_x.y", baseURL: m.controlPlaneUrl });
      await hopx.sandboxes.create({ template: "code-interpreter" });
      const s = await hopx.sandboxes.list();
      console.log(s.length === 1 ? "ok" : "empty"); await m.stop(); });`;
    const esm = `import { startMock } from "hopx-client/mock"; import { Hopx } from "hopx-client";
      const m = await startMock();
      const hopx = new Hopx({ apiKey: "hopx_test_x.y", baseURL: m.controlPlaneUrl });
      await hopx.sandboxes.create({ template: "code-interpreter" });
      const s = await hopx.sandboxes.list();
      console.log(s.length === 1 ? "ok" : "empty"); await m.stop();`;
    await writeFile(join(app, "mock.cjs"), cjs);
    await writeFile(join(app, "mock.mjs"), esm);
    for (const file of ["mock.cjs", "mock.mjs"]) {
      const { stdout } = await run(process.execPath, [join(app, file)], { cwd: app, timeout: 30_000 });
      expect(stdout.trim(), file).toBe("ok");
    }
  }, 60_000);

  it.each([
    ["CommonJS", "commonjs"],
    ["ESM", "module"],
  ])(
    "a strict %s TypeScript app compiles against the package",
    async (_label, type) => {
      const dir = join(app, `ts-${type}`);
      await mkdir(join(dir, "node_modules"), { recursive: true });
      await symlink(root, join(dir, "node_modules/hopx-client"), "dir").catch(() => undefined);
      await writeFile(join(dir, "package.json"), JSON.stringify({ name: `app-${type}`, private: true, type }));
      await writeFile(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            module: "node16",
            moduleResolution: "node16",
            target: "es2022",
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ["app.ts"],
        }),
      );
      await writeFile(
        join(dir, "app.ts"),
        `import { Hopx, Sandbox, TimeoutError, LimitExceededError, type ControlPlane } from "hopx-client";
       import { startMock, type HopxMock } from "hopx-client/mock";
       export async function main(): Promise<string> {
         const mock: HopxMock = await startMock();
         const hopx = new Hopx({ baseURL: mock.controlPlaneUrl, maxResponseBytes: 1024 });
         const page: Sandbox[] = await hopx.sandboxes.list();
         const t: ControlPlane.SandboxStatus | undefined = (await page[0]?.getInfo())?.status;
         const e: unknown = new TimeoutError("x");
         return String(t) + (e instanceof LimitExceededError);
       }`,
      );
      const tsc = join(root, "node_modules/typescript/bin/tsc");
      const result = await run(process.execPath, [tsc, "-p", dir], { cwd: dir }).catch((err: { stdout: string }) => ({
        stdout: err.stdout,
        failed: true,
      }));
      expect(result.stdout).toBe("");
    },
    60_000,
  );
});
