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
    // The official CLI's names (and aliases) first, ours after; the Python CLI's "Hopx CLI" heading.
    const nouns = [
      "sandbox (sb)",
      "run",
      "files (f)",
      "cmd",
      "env",
      "terminal (term, shell)",
      "template (tpl)",
      "config",
      "system",
      "auth",
      "process (ps)",
      "metrics",
      "health",
      "mock",
    ];
    for (const noun of nouns) expect(r.stdout).toContain(`\n  ${noun} `);
    expect(r.stdout.split("\n")[0]).toContain("Hopx CLI");
    expect(r.stdout).toContain("create, list, info, kill, pause, resume, start, stop, timeout, url");
    expect(r.stdout).toContain("read, write, list, info, delete, upload, download");
    expect(r.stdout).toContain("show, get, set, path, profile list, profile create, profile delete, profile use");
    expect(r.stdout).toContain("health, version, metrics, agent-info, processes");
    expect(r.stdout).not.toContain("\n  org");
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
    const nouns = Object.keys(NOUNS).filter((noun) => !NOUNS[noun]!.hidden);
    const results = await Promise.all(nouns.map((noun) => runCli([noun, "--help"])));
    results.forEach((r, i) => {
      expect(r.code, nouns[i]).toBe(0);
      // A command of its own documents its JSON here; a noun with verbs, on each verb's page (below).
      if (!NOUNS[nouns[i]!]!.verbs) expect(r.stdout, nouns[i]).toContain("JSON (-o json): ");
      expect(r.stdout).toContain(`hopx ${nouns[i]}`);
      expect(r.stdout).toContain("Examples:\n  hopx ");
    });
    for (const [noun, spec] of Object.entries(NOUNS))
      for (const [verb, page] of Object.entries(spec.verbs ?? {})) {
        const help = verbHelp(`${noun} ${verb}`, page);
        expect(help).toContain(`Usage: hopx ${noun} ${verb}`);
        expect(help).toMatch(/Examples:\n {2}hopx /);
        // The official form comes first: the noun's own name and the verb's, never an alias.
        if (!spec.verbs![verb]!.account) expect(help).toContain(`Examples:\n  hopx ${noun} ${verb}`);
        if (!spec.verbs![verb]!.account) expect(help, `${noun} ${verb}`).toContain("JSON (-o json): ");
      }
    const verb = await runCli(["files", "upload", "--help"]);
    expect(verb.stdout).toContain("Usage: hopx files upload <local-path | -> [remote-path] [options]");
    expect(verb.stdout).toContain("--progress / --no-progress");
    expect(verb.stdout).toContain("JSON (-o json): {path, size}");
  });

  it("accepts the sb alias and the official CLI's verb names", async () => {
    const sb = await runCli(["sb", "info", "--help"]);
    expect(sb.code).toBe(0);
    expect(sb.stdout).toContain("hopx sandbox info: print one sandbox");
    // Our earlier spellings stay as other names of the official verbs.
    const cat = await runCli(["f", "cat", "--help"]);
    expect(cat.stdout).toContain("hopx files read: print a text file");
    const get = await runCli(["sandbox", "get", "--help"]);
    expect(get.stdout).toContain("hopx sandbox info");
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
    [["sandbox", "info"], "missing argument: hopx sandbox info <sandbox-id>", "hopx sandbox info --help"],
    [["sandbox", "get", "a", "b"], 'unexpected argument "b"', "hopx sandbox info --help"],
    [["files", "read", "/a", "-o", "json", "--bogus"], "Unknown option '--bogus'", "hopx files read --help"],
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
