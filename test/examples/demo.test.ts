// The quick start's `npm run demo` (examples/demo.ts) runs the main flow against the embedded mock and exits 0.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("npm run demo", () => {
  it("creates a sandbox, runs code (plain and streamed), round-trips files, lists and kills, then exits 0", () => {
    const run = spawnSync("npm", ["run", "--silent", "demo"], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, HOPX_API_KEY: "", HOPX_BASE_URL: "" },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^mock control plane at http:\/\/127\.0\.0\.1:\d+, agent at http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toContainEqual(expect.stringMatching(/^created sandbox \S+: status running, template /));
    expect(lines).toContainEqual(expect.stringMatching(/^ran python: exit 0, /));
    expect(lines).toContainEqual(expect.stringMatching(/^streamed: (stdout\("\d\\n"\) )+result complete$/));
    expect(lines).toContainEqual(expect.stringMatching(/^uploaded 12 bytes, downloaded \d+/));
    // The stateful mock: what was written is read back, and the output is the code's.
    expect(lines).toContain("uploaded 12 bytes, downloaded 12");
    expect(lines).toContain('read back "a note"');
    expect(lines).toContainEqual(expect.stringMatching(/^ran python: exit 0, .*stdout "hello from HopX\\n"$/));
    expect(lines).toContainEqual(expect.stringMatching(/^listed [1-9]\d* sandboxes across all pages$/));
    expect(lines).toContainEqual(expect.stringMatching(/^killed sandbox \S+$/));
    expect(lines.at(-1)).toBe("demo finished");
  }, 150_000);
});
