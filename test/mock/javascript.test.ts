// The mock's JavaScript double through the SDK: console output on both streams, template literals, an
// uncaught throw, process.env and fs over the sandbox's env and files.
import { beforeEach, describe, expect, it } from "vitest";
import { Sandbox } from "hopx-client";
import { setupHopxMock } from "hopx-client/mock/vitest";

setupHopxMock();
let sandbox: Sandbox;
// The mock is reset after each test, so each test gets a fresh sandbox.
beforeEach(async () => {
  sandbox = await Sandbox.create({ template: "nodejs", envVars: { GREETING: "hello" } });
});
const js = (code: string, options: { workingDir?: string; env?: Record<string, string> } = {}) =>
  sandbox.runCode(code, { language: "javascript", ...options });

describe("the JavaScript double", () => {
  it("prints with console.log and console.error, template literals over earlier variables", async () => {
    const run = await js(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript code with a template literal.
      "const a = 20;\nlet b = 22;\nconsole.log(`answer: ${a + b}`);\nconsole.error('warned', [1, 'x']);",
    );
    expect(run).toMatchObject({ stdout: "answer: 42\n", stderr: "warned [ 1, 'x' ]\n", exitCode: 0 });
  });

  it("ends an uncaught throw with exit code 1 and Node's report on stderr", async () => {
    const run = await js('console.log("start")\nthrow new TypeError("not a number")\nconsole.log("never")');
    expect(run).toMatchObject({ stdout: "start\n", exitCode: 1, success: false });
    expect(run.stderr).toMatch(/^\[eval\]:2\nthrow new TypeError\("not a number"\)\n\^\n\nTypeError: not a number\n/);
    const undefinedName = await js("console.log(missing)");
    expect(undefinedName.stderr).toContain("ReferenceError: missing is not defined");
    expect(undefinedName.exitCode).toBe(1);
  });

  it("reads process.env (create, env.set, the call) and writes files with fs, relative to workingDir", async () => {
    await sandbox.env.set("LEVEL", "debug");
    const code = [
      'const fs = require("fs");',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript code with a template literal.
      'fs.writeFileSync("out.txt", `${process.env.GREETING} ${process.env["LEVEL"]} ${process.env.RUN}`);',
      'console.log(fs.readFileSync("out.txt", "utf8"));',
    ].join("\n");
    const run = await js(code, { workingDir: "/workspace/app", env: { RUN: "once" } });
    expect(run.stdout).toBe("hello debug once\n");
    expect(await sandbox.files.read("/workspace/app/out.txt")).toBe("hello debug once");
    const esm = await js('import { readFileSync } from "node:fs";\nconsole.log(readFileSync("/workspace/none"))');
    expect(esm.stderr).toContain("Error: ENOENT: no such file or directory, open '/workspace/none'");
  });

  it("leaves out what it cannot evaluate, and process.exit sets the exit code", async () => {
    const run = await js("function f() { return 1 }\nconsole.log(f())\nconsole.log(typeof f)\nprocess.exit(3)");
    expect(run).toMatchObject({ stdout: "", stderr: "", exitCode: 3 });
  });
});
