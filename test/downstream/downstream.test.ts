// The mock as a downstream project gets it: the packed tarball installed in a temp dir with one command
// (`npm i -D <tarball>`), a small app (test/downstream/app) and its own vitest suite, which uses only the
// documented mock API; programs written the way HopX's docs show (test/downstream/app/docs, each naming its
// page); and the mock sections of README.md and CONTRIBUTING.md type-checked against the installed package.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let dir: string;
let app: string;

/** The environment of a user's shell: no HopX variables of ours leak into the fixture. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("HOPX_") || key.startsWith("VITEST")) delete env[key];
  return env;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hopx-downstream-"));
  app = join(dir, "app");
  // npm test builds dist/ before vitest runs; pack what would be published.
  const packed = await run(npm, ["pack", "--pack-destination", dir, "--silent"], { cwd: root });
  const tarball = join(dir, packed.stdout.trim().split("\n").pop()!);
  await cp(join(root, "test/downstream/app"), app, { recursive: true });
  // The one install step of the README, offline from npm's cache where it can be.
  await run(npm, ["install", "--save-dev", tarball, "--prefer-offline", "--no-audit", "--no-fund"], {
    cwd: app,
    env: cleanEnv(),
  });
  // The fixture's runner and compiler are ours (the user's would come from their own install).
  await symlink(join(root, "node_modules/vitest"), join(app, "node_modules/vitest"), "dir");
  await mkdir(join(app, "node_modules/@types"), { recursive: true });
  await symlink(join(root, "node_modules/@types/node"), join(app, "node_modules/@types/node"), "dir");
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a downstream project with the packed tarball", () => {
  it("installs in one step with nothing else for the mock", async () => {
    const manifest = JSON.parse(await readFile(join(app, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.devDependencies)).toEqual(["hopx-client"]);
    const installed = (await readdir(join(app, "node_modules"))).filter((n) => !n.startsWith("."));
    expect(installed).not.toContain("@stoplight");
  });

  it("runs its own suite against the mock: two files in parallel, each with its own state", async () => {
    const report = join(dir, "report.json");
    const sync = join(dir, "sync");
    await mkdir(sync);
    const result = await run(
      process.execPath,
      [join(root, "node_modules/vitest/vitest.mjs"), "run", "--reporter=json", `--outputFile=${report}`],
      { cwd: app, env: { ...cleanEnv(), FIXTURE_SYNC_DIR: sync }, timeout: 120_000 },
    ).catch((err: { stdout?: string; stderr?: string }) => {
      throw new Error(`the fixture's suite failed:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
    });
    expect(result.stderr).not.toMatch(/off-spec/);
    const json = JSON.parse(await readFile(report, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: Array<{
        name: string;
        startTime: number;
        endTime: number;
        assertionResults: Array<{ title: string }>;
      }>;
    };
    expect(json.numFailedTests).toBe(0);
    const titles = json.testResults.flatMap((f) => f.assertionResults.map((a) => a.title));
    expect(titles).toEqual(
      expect.arrayContaining([
        "returns the stdout the test scripted",
        "survives a 429 on create: the SDK waits Retry-After and resends",
        "gets a 404 for a sandbox after it was killed",
        "reads back the note it wrote",
        "keeps working after the sandbox token expired on the mock clock",
        "lists the sandboxes it created, and only this file's",
        "builds a template that new sandboxes can use",
      ]),
    );
    expect(json.numPassedTests).toBe(7);
    // Parallel: each file waited in beforeAll for the other to start (test/downstream/app/test/parallel.ts).
    expect(json.testResults).toHaveLength(2);
    expect((await readdir(sync)).sort()).toEqual(["code", "fleet"]);
  }, 150_000);

  it("runs the same app under node:test through hopx-client/mock/node-test", async () => {
    const result = await run(process.execPath, ["--test", "node-test/notes.test.mjs"], {
      cwd: app,
      env: cleanEnv(),
      timeout: 60_000,
    })
      .then((r) => r.stdout)
      .catch((err: { stdout?: string; stderr?: string }) => {
        throw new Error(`node --test failed:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
      });
    expect(result).toMatch(/# pass 2\b/);
    expect(result).toMatch(/# fail 0\b/);
  }, 90_000);

  it("runs programs written the way HopX's docs show (app/docs), unchanged, against the installed mock", async () => {
    // The installed package's mock, as a user's own test harness would start it.
    const entry = pathToFileURL(join(app, "node_modules/hopx-client/dist/mock/index.js")).href;
    const { startMock } = (await import(entry)) as typeof import("../../src/mock/index.js");
    const mock = await startMock();
    try {
      const programs = (await readdir(join(app, "docs"))).filter((f) => f.endsWith(".mjs")).sort();
      expect(programs).toEqual([
        "desktop.mjs",
        "env-and-files.mjs",
        "failing-code.mjs",
        "preview-url.mjs",
        "rich-output.mjs",
        "templates.mjs",
        "terminal.mjs",
        "wrong-key.mjs",
      ]);
      for (const program of programs) {
        const source = await readFile(join(app, "docs", program), "utf8");
        expect(source.split("\n")[0], program).toMatch(/^\/\/ Follows .*https:\/\/docs\.hopx\.(ai|dev)\//);
        await run(process.execPath, [join("docs", program)], {
          cwd: app,
          env: { ...cleanEnv(), ...mock.env },
          timeout: 60_000,
        }).catch((err: { stdout?: string; stderr?: string }) => {
          throw new Error(`${program} failed on the mock:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
        });
      }
      expect(mock.problems).toEqual([]);
    } finally {
      await mock.stop();
    }
  }, 120_000);

  it("type-checks the mock sections of README.md and CONTRIBUTING.md (strict, the installed package)", async () => {
    /** The ```ts blocks of the section under `heading`, up to the next heading of its level or above. */
    const sectionBlocks = async (file: string, heading: string): Promise<string[]> => {
      const text = await readFile(join(root, file), "utf8");
      const start = text.indexOf(`\n${heading}\n`);
      expect(start, `${file} has no "${heading}"`).toBeGreaterThanOrEqual(0);
      const level = heading.indexOf(" ");
      const rest = text.slice(start + heading.length + 2);
      const end = rest.search(new RegExp(`^#{1,${level}} `, "m"));
      const section = end < 0 ? rest : rest.slice(0, end);
      return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    };
    const users = await sectionBlocks("README.md", "### The mock, for your own tests");
    const maintainers = await sectionBlocks("CONTRIBUTING.md", "## The mock in detail");
    expect(users.length).toBeGreaterThan(0);
    expect(maintainers.length).toBeGreaterThan(0);
    const blocks = [...users, ...maintainers];
    const checks = join(app, "readme");
    await mkdir(checks, { recursive: true });
    await Promise.all(blocks.map((code, i) => writeFile(join(checks, `block-${i}.ts`), `${code}\nexport {};\n`)));
    await writeFile(
      join(checks, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "esnext.disposable", "dom"],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
        },
        include: ["*.ts"],
      }),
    );
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    const errors = await run(process.execPath, [tsc, "-p", checks], { cwd: app }).then(
      () => "",
      (err: { stdout?: string; message?: string }) => err.stdout || err.message || "tsc failed",
    );
    expect(errors).toBe("");
  }, 60_000);
});
