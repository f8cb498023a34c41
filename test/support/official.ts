// For the tests that run the official CLIs' invocations as written (official-cli.md): a stateful mock per
// test file, a HOME of its own (~/.hopx/ is written by config and auth), and `hopx(line)` that splits a
// command line the way a shell would (quotes, no expansion) and runs the built bin on it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hopx } from "hopx-client";
import { type HopxMock, startMock } from "hopx-client/mock";
import type { ChildProcess } from "node:child_process";
import { type CliResult, runCli, startCli } from "./cli.js";

export interface Bench {
  mock: HopxMock;
  sdk: Hopx;
  home: string;
  /** A scratch folder, also the working directory of every run. */
  dir: string;
  hopx(line: string, options?: { input?: string; env?: Record<string, string | undefined> }): Promise<CliResult>;
  /** Starts `line` with stdin open (for typing into `hopx terminal`). */
  start(line: string): ChildProcess;
  /** Runs `line` and parses its stdout as one JSON document, failing on a non-zero exit. */
  json<T = Record<string, unknown>>(line: string): Promise<T>;
  /** A new running sandbox's id (created through the SDK, so the CLI's own create is tested on its own). */
  sandbox(): Promise<string>;
  close(): Promise<void>;
}

/** Shell words: whitespace splits, single and double quotes group, backslash escapes in double quotes. */
export function words(line: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      if (current !== undefined) out.push(current);
      current = undefined;
    } else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated quote in ${line}`);
      current = (current ?? "") + line.slice(i + 1, end).replace(c === '"' ? /\\(["\\$`])/g : /$^/, "$1");
      i = end;
    } else {
      current = (current ?? "") + c;
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}

export async function startBench(): Promise<Bench> {
  const mock = await startMock();
  const sdk = new Hopx(mock.clientOptions);
  const home = await mkdtemp(join(tmpdir(), "hopx-official-home-"));
  const dir = await mkdtemp(join(tmpdir(), "hopx-official-dir-"));
  const hopx: Bench["hopx"] = (line, options = {}) => {
    const argv = words(line);
    if (argv[0] !== "hopx") throw new Error(`not a hopx command line: ${line}`);
    return runCli(argv.slice(1), {
      env: { ...mock.env, HOME: home, ...options.env },
      cwd: dir,
      ...(options.input !== undefined ? { input: options.input } : {}),
    });
  };
  return {
    mock,
    sdk,
    home,
    dir,
    hopx,
    start: (line) => startCli(words(line).slice(1), { env: { ...mock.env, HOME: home }, cwd: dir }),
    async json<T>(line: string): Promise<T> {
      const r = await hopx(line);
      if (r.code !== 0) throw new Error(`${line} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
    async sandbox() {
      return (await sdk.sandboxes.create({ template: "python" })).sandboxId;
    },
    async close() {
      await mock.stop();
      await rm(home, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
