// The hopx-mock bin of the built package: flags, the printed URLs and environment, a clear error for bad input.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../dist/mock/cli.js", import.meta.url));

describe("npx hopx-mock", () => {
  it("starts the stateful mock with --seed and --latency, prints URLs and exports, stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [bin, "--seed", "5", "--latency", "1"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: string[] = [];
    for await (const line of createInterface({ input: child.stdout! })) {
      lines.push(line);
      if (line === "Ctrl-C stops.") break;
    }
    const base = /^export HOPX_BASE_URL=(\S+)$/.exec(
      lines.find((l) => l.startsWith("export HOPX_BASE_URL=")) ?? "",
    )?.[1];
    const key = /^export HOPX_API_KEY=(\S+)$/.exec(lines.find((l) => l.startsWith("export HOPX_API_KEY=")) ?? "")?.[1];
    expect(lines[0]).toMatch(/^HopX control plane mock: http:\/\/127\.0\.0\.1:\d+$/);
    const created = await fetch(`${base}/v1/sandboxes`, {
      method: "POST",
      headers: { "X-API-Key": key!, "content-type": "application/json" },
      body: JSON.stringify({ template_name: "code-interpreter" }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // The same seed gives the same ids, run after run.
    expect(id).toBe("1761048129y1hwdvzq");
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses a bad flag value with a one-line reason, the usage and exit code 2", () => {
    const run = spawnSync(process.execPath, [bin, "--port", "http"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe("hopx-mock: --port must be an integer from 0 to 65535, got http");
    expect(run.stderr).toContain("usage: hopx-mock");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
