// `hopx --help`, every command's --help, and usage errors: answered from the command table, exit 0 for help
// and 2 (one line on stderr) for a command line the CLI cannot accept.
import { describe, expect, it } from "vitest";
import { verbHelp } from "../../src/cli/help.js";
import { NOUNS } from "../../src/cli/spec.js";
import { runCli } from "../support/cli.js";

describe("help", () => {
  it("lists every command with its verbs, the global options and the exit codes", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    const nouns = [
      "run",
      "sandbox (sb)",
      "files",
      "cmd",
      "env",
      "process",
      "metrics",
      "terminal",
      "template",
      "health",
    ];
    for (const noun of [...nouns, "mock"]) expect(r.stdout).toContain(`\n  ${noun}`);
    expect(r.stdout).toContain("set-timeout, connect-info, preview-url");
    expect(r.stdout).toContain("-o, --output table|json|plain");
    expect(r.stdout).toContain("7 rate limited");
    expect(r.stderr).toBe("");
  });

  it("prints usage and exits 2 without a command", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: hopx <command>");
  });

  it("has --help with examples for every command and verb", async () => {
    // Every noun through the bin; every verb's page from the same table (one spawn each would cost seconds).
    const nouns = Object.keys(NOUNS);
    const results = await Promise.all(nouns.map((noun) => runCli([noun, "--help"])));
    results.forEach((r, i) => {
      expect(r.code, nouns[i]).toBe(0);
      expect(r.stdout).toContain(`hopx ${nouns[i]}`);
      expect(r.stdout).toContain("Examples:\n  hopx ");
    });
    for (const [noun, spec] of Object.entries(NOUNS))
      for (const [verb, page] of Object.entries(spec.verbs ?? {})) {
        const help = verbHelp(`${noun} ${verb}`, page);
        expect(help).toContain(`Usage: hopx ${noun} ${verb}`);
        expect(help).toMatch(/Examples:\n {2}hopx /);
      }
    const verb = await runCli(["files", "put", "--help"]);
    expect(verb.stdout).toContain("Usage: hopx files put <local-path | -> <remote-path> [options]");
    expect(verb.stdout).toContain("--progress / --no-progress");
  });

  it("accepts the sb alias and the official CLI's verb names", async () => {
    const sb = await runCli(["sb", "info", "--help"]);
    expect(sb.code).toBe(0);
    expect(sb.stdout).toContain("hopx sandbox get: print one sandbox");
    const read = await runCli(["files", "read", "--help"]);
    expect(read.stdout).toContain("hopx files cat");
  });

  it("prints the version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

const KEY = ["--api-key", "hopx_test_usage.key"];

describe("usage errors exit 2 with one line naming the command's help", () => {
  it.each([
    [["sandbox", "frobnicate"], 'unknown command "sandbox frobnicate"', "hopx sandbox --help"],
    [["nope"], 'unknown command "nope"', "hopx --help"],
    [["sandbox", "list", "--bogus"], "Unknown option '--bogus'", "hopx sandbox list --help"],
    [["sandbox", "get"], "missing argument: hopx sandbox get <sandbox-id>", "hopx sandbox get --help"],
    [["sandbox", "get", "a", "b"], 'unexpected argument "b"', "hopx sandbox get --help"],
    [["sandbox", "list", "-o", "yaml"], "--output must be table, json or plain", "hopx"],
    [["sandbox", "list", "--limit", "many", ...KEY], "--limit must be a whole number", "hopx sandbox list --help"],
    [
      ["run", "print(1)", "-l", "cobol", ...KEY],
      "--language must be python, javascript, bash or go",
      "hopx run --help",
    ],
    [["env", "set", "NOVALUE", "-s", "s1", ...KEY], 'expected NAME=VALUE, got "NOVALUE"', "hopx env set --help"],
  ])("hopx %j", async (args, message, help) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
    expect(lines[0]).toContain(help);
  });
});
