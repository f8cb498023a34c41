// hopx files put/get with 64 MiB through a loopback agent that only hashes what it receives and generates what
// it serves: byte-exact both ways, to a file and to stdout, and a progress bar only where asked for (a TTY,
// or --progress), never in a pipe.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLI,
  cleanEnv,
  type ControlPlane,
  finished,
  runCli,
  sandboxRoutes,
  startCli,
  startControlPlane,
} from "../support/cli.js";
import { chunkOf, type LoopbackAgent, MiB, startLoopbackAgent } from "../support/loopback-agent.js";

const SIZE = 64 * MiB;
const KEY = "hopx_test_cli.fileskey";
let cp: ControlPlane;
let agent: LoopbackAgent;
let dir: string;
let local: string;
let localSha: string;
const env = (): Record<string, string> => ({ HOPX_BASE_URL: cp.url, HOPX_API_KEY: KEY });

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

beforeAll(async () => {
  cp = await startControlPlane();
  agent = await startLoopbackAgent();
  sandboxRoutes(cp, agent.url);
  dir = await mkdtemp(join(tmpdir(), "hopx-cli-files-"));
  local = join(dir, "big.bin");
  const out = createWriteStream(local);
  const hash = createHash("sha256");
  for (let i = 0; i < SIZE / MiB; i++) {
    const chunk = chunkOf(1000 + i, MiB);
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
  localSha = hash.digest("hex");
}, 60_000);
afterAll(async () => {
  await cp.close();
  await agent.close();
  await rm(dir, { recursive: true, force: true });
});

describe("hopx files put", () => {
  it("streams 64 MiB byte-exact, with a progress bar under --progress", async () => {
    const r = await runCli(["files", "put", local, "/workspace/big.bin", "-s", "s1", "--progress", "-o", "json"], {
      env: env(),
    });
    expect(r.code).toBe(0);
    const upload = agent.uploads.at(-1)!;
    expect(upload.size).toBe(SIZE);
    expect(upload.sha256).toBe(localSha);
    expect(upload.fields.path).toBe("/workspace/big.bin");
    expect(JSON.parse(r.stdout)).toEqual({ path: "/workspace/big.bin", size: SIZE });
    expect(r.stderr).toContain("\r");
    expect(r.stderr).toContain("100% 64.0 MiB / 64.0 MiB");
    // Drawn as it goes, not once at the end.
    expect(r.stderr.split("\r").length).toBeGreaterThan(3);
  }, 60_000);

  it("draws no progress bar when stderr is not a terminal", async () => {
    const r = await runCli(["files", "put", local, "/workspace/again.bin", "-s", "s1"], { env: env() });
    expect(r.code).toBe(0);
    expect(agent.uploads.at(-1)!.sha256).toBe(localSha);
    expect(r.stderr).toBe("");
  }, 60_000);

  it("uploads from stdin with `-`", async () => {
    const bytes = Buffer.from(chunkOf(7, 3 * MiB + 5));
    const r = await runCli(["files", "put", "-", "/workspace/piped.bin", "-s", "s1"], { env: env(), input: bytes });
    expect(r.code).toBe(0);
    const upload = agent.uploads.at(-1)!;
    expect(upload.size).toBe(bytes.length);
    expect(upload.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  }, 60_000);

  it("exits 4 for a local file that does not exist, before any request", async () => {
    const before = cp.seen.length;
    const r = await runCli(["files", "put", join(dir, "nope"), "/w/x", "-s", "s1"], { env: env() });
    expect(r.code).toBe(4);
    expect(r.stderr.trim()).toBe(`hopx: no such local file: ${join(dir, "nope")}`);
    expect(cp.seen.length).toBe(before);
  });
});

describe("hopx files get", () => {
  it("streams 64 MiB to a file byte-exact, with progress", async () => {
    const target = join(dir, "down.bin");
    const r = await runCli(["files", "get", `/data/size=${SIZE}`, target, "-s", "s1", "--progress"], { env: env() });
    expect(r.code).toBe(0);
    expect(agent.lastDownload?.size).toBe(SIZE);
    expect(await sha256(target)).toBe(agent.lastDownload!.sha256);
    expect(r.stderr).toContain("100% 64.0 MiB / 64.0 MiB");
  }, 60_000);

  it("streams to stdout byte-exact, with nothing else on stdout or stderr", async () => {
    const child = startCli(["files", "get", `/data/size=${SIZE}`, "-", "-s", "s1"], { env: env(), input: "" });
    const hash = createHash("sha256");
    let size = 0;
    child.stdout!.on("data", (chunk: Buffer) => {
      size += chunk.length;
      hash.update(chunk);
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(size).toBe(SIZE);
    expect(hash.digest("hex")).toBe(agent.lastDownload!.sha256);
    expect(stderr).toBe("");
  }, 60_000);

  it("exits 4 when the remote file does not exist", async () => {
    const r = await finished(
      startCli(["files", "get", "/missing.bin", join(dir, "m"), "-s", "s1"], { env: env(), input: "" }),
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^hopx: FileNotFoundError \(FILE_NOT_FOUND.*HTTP 404\): /);
  });
});

const hasScript = spawnSync("script", ["--version"]).status === 0;

describe.skipIf(!hasScript)("hopx files on a TTY", () => {
  it("draws the progress bar by itself when stderr is a terminal", async () => {
    const command = [process.execPath, CLI, "files", "put", local, "/workspace/tty.bin", "-s", "s1"]
      .map((word) => JSON.stringify(word))
      .join(" ");
    const r = await finished(spawn("script", ["-qefc", command, "/dev/null"], { env: cleanEnv(env()), stdio: "pipe" }));
    expect(r.code).toBe(0);
    expect(agent.uploads.at(-1)!.sha256).toBe(localSha);
    expect(r.stdout).toContain("\r");
    expect(r.stdout).toContain("100% 64.0 MiB / 64.0 MiB");
  }, 60_000);
});
