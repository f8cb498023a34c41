// The mock's shell through commands.run, as HopX's docs run commands: redirects, `&&`/`;`/`||`, the working
// directory and `cd`, the sandbox's files and env, `exit N`, and files run by python, node and bash.
import { beforeEach, describe, expect, it } from "vitest";
import { Sandbox } from "hopx-client";
import { setupHopxMock } from "hopx-client/mock/vitest";

setupHopxMock();
let sandbox: Sandbox;
// The mock is reset after each test, so each test gets a fresh sandbox.
beforeEach(async () => {
  sandbox = await Sandbox.create({ template: "code-interpreter", envVars: { NAME: "hopx" } });
});
const sh = (command: string, options: { workingDir?: string; env?: Record<string, string> } = {}) =>
  sandbox.commands.run(command, options);

describe("the shell double", () => {
  it("writes and appends with > and >>, and the files API reads the result", async () => {
    await sh("echo hi > /tmp/t.txt && echo there >> /tmp/t.txt");
    expect(await sandbox.files.read("/tmp/t.txt")).toBe("hi\nthere\n");
    expect((await sh("cat /tmp/t.txt | wc -l")).stdout).toBe("2\n");
    expect(await sh("echo oops >&2; echo fine")).toMatchObject({ stdout: "fine\n", stderr: "oops\n", exitCode: 0 });
  });

  it("runs && ; || with exit statuses, and exit N ends the command with N", async () => {
    const run = await sh("false && echo skipped; cat /nope || echo recovered $?; exit 3; echo never");
    expect(run).toMatchObject({ stdout: "recovered 1\n", exitCode: 3 });
    expect(run.stderr).toBe("cat: /nope: No such file or directory\n");
  });

  it("keeps cd within the command, starting from the call's working directory", async () => {
    const run = await sh("mkdir -p a/b && cd a/b && pwd && touch x && ls", { workingDir: "/workspace/p" });
    expect(run.stdout).toBe("/workspace/p/a/b\nx\n");
    expect((await sh("pwd")).stdout).toBe("/workspace\n");
    expect(await sandbox.files.exists("/workspace/p/a/b/x")).toBe(true);
    expect(await sh("rm a && echo gone", { workingDir: "/workspace/p" })).toMatchObject({
      stderr: "rm: cannot remove 'a': Is a directory\n",
      exitCode: 1,
    });
    expect((await sh("rm -rf a && ls", { workingDir: "/workspace/p" })).stdout).toBe("");
  });

  it("expands $VAR from the sandbox's env and the call's own, and export lasts to the end of the line", async () => {
    await sandbox.env.set("STAGE", "test");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell command line with a ${VAR:-default} expansion.
    const run = await sh("echo \"$NAME/$STAGE/$CALL\" '$NAME' ${MISSING:-default}", { env: { CALL: "own" } });
    expect(run.stdout).toBe("hopx/test/own $NAME default\n");
    expect((await sh("export X=1 && echo $X")).stdout).toBe("1\n");
    expect((await sh("echo [$X]")).stdout).toBe("[]\n");
  });

  it("runs python, node and bash on files written before, through the same doubles", async () => {
    await sandbox.files.write("/workspace/p.py", 'import os\nprint("py", os.environ.get("NAME"))\n');
    await sandbox.files.write("/workspace/p.js", 'console.log("js", process.env.NAME)\n');
    await sandbox.files.write("/workspace/p.sh", 'echo "sh $NAME"\nexit 4\n');
    const run = await sh("python p.py && node p.js && bash p.sh; echo status $?");
    expect(run.stdout).toBe("py hopx\njs hopx\nsh hopx\nstatus 4\n");
    const failing = await sh("python3 -c 'raise SystemExit(\"x\")'");
    expect(failing.exitCode).toBe(1);
    const missing = await sh("python missing.py");
    expect(missing).toMatchObject({ exitCode: 2 });
    expect(missing.stderr).toContain("can't open file '/workspace/missing.py'");
  });
});
