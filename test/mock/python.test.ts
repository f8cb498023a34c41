// The mock's Python double through the SDK, as HopX's docs use code execution: output, failures with a
// traceback, env and files read and written from code, files run by `exec`, and matplotlib figures.
import { beforeEach, describe, expect, it } from "vitest";
import { Sandbox } from "hopx-client";
import { setupHopxMock } from "hopx-client/mock/vitest";

const mock = setupHopxMock();
let sandbox: Sandbox;
// The mock is reset after each test, so each test gets a fresh sandbox.
beforeEach(async () => {
  sandbox = await Sandbox.create({ template: "python", envVars: { FROM_CREATE: "created" } });
});

describe("the Python double", () => {
  it("prints literals, arithmetic, f-strings and variables assigned earlier", async () => {
    const run = await sandbox.runCode('a = 6\nb = 7\nprint(f"{a} x {b} = {a * b}")\nprint(7 / 2, 6 / 3, 7 // 2)');
    expect(run).toMatchObject({ stdout: "6 x 7 = 42\n3.5 2.0 3\n", stderr: "", exitCode: 0, success: true });
  });

  it("sends print(…, file=sys.stderr) to stderr", async () => {
    const run = await sandbox.runCode('import sys\nprint("to out")\nprint("to err", file=sys.stderr)');
    expect(run).toMatchObject({ stdout: "to out\n", stderr: "to err\n", exitCode: 0 });
  });

  it("ends a raise with exit code 1 and a traceback on stderr, keeping what was printed before", async () => {
    const run = await sandbox.runCode('print("before")\nraise ValueError("bad input")\nprint("after")');
    expect(run).toMatchObject({ stdout: "before\n", exitCode: 1, success: false });
    expect(run.stderr).toBe(
      'Traceback (most recent call last):\n  File "<stdin>", line 2, in <module>\nValueError: bad input\n',
    );
    const undefinedName = await sandbox.runCode("print(total)");
    expect(undefinedName.exitCode).toBe(1);
    expect(undefinedName.stderr).toMatch(/NameError: name 'total' is not defined\n$/);
  });

  it("runs try/except, if/else and for loops over what it knows", async () => {
    const code = [
      "try:",
      '    raise KeyError("k")',
      "except KeyError as e:",
      '    print("caught", e)',
      "for i in range(3):",
      "    if i == 1:",
      '        print("one")',
      "    else:",
      "        print(i)",
    ].join("\n");
    expect(await sandbox.runCode(code)).toMatchObject({ stdout: "caught k\n0\none\n2\n", exitCode: 0 });
  });

  it("leaves out what it cannot follow, without a false NameError", async () => {
    const code = [
      "import numpy as np",
      "values = [x * 2 for x in range(3)]",
      "print(values, np.mean(values))",
      "print(divmod(7, 2), reversed(values))",
      "def helper():",
      "    return undefined_inside_a_function",
      "helper()",
      'print("done")',
    ].join("\n");
    expect(await sandbox.runCode(code)).toMatchObject({ stdout: "done\n", stderr: "", exitCode: 0 });
  });

  it("reads the env of create, env.set and the call itself", async () => {
    await sandbox.env.set("FROM_SET", "set");
    const code = 'import os\nprint(os.environ.get("FROM_CREATE"), os.getenv("FROM_SET"), os.environ["FROM_CALL"])';
    const run = await sandbox.runCode(code, { env: { FROM_CALL: "call" } });
    expect(run.stdout).toBe("created set call\n");
    const missing = await sandbox.runCode('import os\nprint(os.environ.get("NOPE", "fallback"))\nos.environ["NOPE"]');
    expect(missing).toMatchObject({ stdout: "fallback\n", exitCode: 1 });
    expect(missing.stderr).toMatch(/KeyError: 'NOPE'\n$/);
  });

  it("writes files relative to the working directory, and exec() runs a file written before", async () => {
    await sandbox.runCode("open('data.txt', 'w').write('x')", { workingDir: "/workspace/p" });
    expect(await sandbox.files.read("/workspace/p/data.txt")).toBe("x");
    await sandbox.files.write("/workspace/s.py", 'name = "script"\nprint(f"hello from {name}")\n');
    const run = await sandbox.runCode('exec(open("/workspace/s.py").read())\nprint(name.upper())');
    expect(run.stdout).toBe("hello from script\nSCRIPT\n");
    const missing = await sandbox.runCode('open("/workspace/none.txt").read()');
    expect(missing.stderr).toMatch(/FileNotFoundError: \[Errno 2\] No such file or directory/);
  });

  it("returns a PNG rich output for plt.show() and writes the file savefig names", async () => {
    const code = [
      "import matplotlib.pyplot as plt",
      "plt.plot([1, 2, 3], [1, 4, 9])",
      'plt.savefig("chart.png")',
      "plt.show()",
    ].join("\n");
    const run = await sandbox.runCode(code);
    expect(run.exitCode).toBe(0);
    expect(run.richOutputs).toHaveLength(1);
    expect(run.richOutputs[0]!.type).toBe("image/png");
    const png = Buffer.from(String(run.richOutputs[0]!.data["image/png"]), "base64");
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(64); // width in the IHDR chunk
    const saved = await sandbox.files.readBytes("/workspace/chart.png");
    expect(Buffer.from(saved).equals(png)).toBe(true);
    expect((await sandbox.runCode('print("no plot")')).richOutputs).toEqual([]);
    expect(mock.problems).toEqual([]);
  });
});
