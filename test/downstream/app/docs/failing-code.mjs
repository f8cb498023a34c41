// Follows https://docs.hopx.ai/api/vm-agent/execute (stdout, stderr, exit_code, success) and
// https://docs.hopx.ai/cli/commands/run ("result = 2 + 2; print(f'Result: {result}')"): code that works and
// code that fails, in Python and JavaScript.
import assert from "node:assert/strict";
import { Sandbox } from "hopx-client";

const sandbox = await Sandbox.create({ template: "code-interpreter" });

const ok = await sandbox.runCode("result = 2 + 2; print(f'Result: {result}')");
console.log(ok.stdout);
assert.equal(ok.stdout, "Result: 4\n");
assert.equal(ok.success, true);

const failed = await sandbox.runCode('print("working...")\nraise Exception("x")');
console.log(`exit ${failed.exitCode}\n${failed.stderr}`);
assert.equal(failed.exitCode, 1);
assert.equal(failed.success, false);
assert.equal(failed.stdout, "working...\n");
assert.match(failed.stderr, /^Traceback \(most recent call last\):\n[\s\S]*\nException: x\n$/);

const warned = await sandbox.runCode('import sys\nprint("careful", file=sys.stderr)');
assert.deepEqual([warned.stdout, warned.stderr, warned.exitCode], ["", "careful\n", 0]);

const js = await sandbox.runCode("console.log('Hello from Node.js!');\nthrow new Error('nope');", {
  language: "javascript",
});
assert.equal(js.stdout, "Hello from Node.js!\n");
assert.equal(js.exitCode, 1);
assert.match(js.stderr, /Error: nope/);
await sandbox.kill();
