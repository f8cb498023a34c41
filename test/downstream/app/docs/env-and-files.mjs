// Follows https://docs.hopx.ai/api/vm-agent/execute ("Execute with custom environment":
// `import os; print(os.getenv("MY_VAR"))`), https://docs.hopx.dev/sdk/python/environment (env.set merges) and
// https://docs.hopx.ai/cli/commands/run (`os.environ['API_KEY']`): env and files read and written from code.
import assert from "node:assert/strict";
import { Sandbox } from "hopx-client";

const sandbox = await Sandbox.create({
  template: "python",
  envVars: { API_KEY: "sk-test-123", DEBUG: "true" },
});

const custom = await sandbox.runCode('import os; print(os.getenv("MY_VAR"))', { env: { MY_VAR: "my_value" } });
assert.equal(custom.stdout, "my_value\n");

await sandbox.env.set("NODE_ENV", "production");
const all = await sandbox.runCode(
  "import os; print(os.environ['API_KEY'], os.environ['DEBUG'], os.getenv('NODE_ENV'))",
);
assert.equal(all.stdout, "sk-test-123 true production\n");

await sandbox.runCode("with open('report.txt', 'w') as f:\n    f.write('total: 42')", { workingDir: "/workspace/out" });
assert.equal(await sandbox.files.read("/workspace/out/report.txt"), "total: 42");

await sandbox.files.write("/workspace/input.csv", "a,b\n1,2\n");
const read = await sandbox.runCode("print(open('/workspace/input.csv').read().strip())");
assert.equal(read.stdout, "a,b\n1,2\n");

await sandbox.commands.run("echo hi > /tmp/t.txt");
assert.equal(await sandbox.files.read("/tmp/t.txt"), "hi\n");
const js = await sandbox.runCode(
  [
    "const fs = require('fs');",
    "fs.writeFileSync('/tmp/js.txt', process.env.API_KEY);",
    "console.log(fs.readFileSync('/tmp/t.txt', 'utf8'))",
  ].join("\n"),
  { language: "javascript" },
);
assert.equal(js.stdout, "hi\n\n");
assert.equal(await sandbox.files.read("/tmp/js.txt"), "sk-test-123");
console.log("env and files: ok");
await sandbox.kill();
