// Follows https://docs.hopx.ai/sdk/javascript/terminal: connect, sendInput, then read the output message by
// message; and https://docs.hopx.ai/cli/commands/terminal ("$ " prompt, exit codes).
import assert from "node:assert/strict";
import { Sandbox } from "hopx-client";

const sandbox = await Sandbox.create({ template: "code-interpreter" });
const ws = await sandbox.terminal.connect();
sandbox.terminal.sendInput(ws, 'echo "Hello from terminal!"\n');

const messages = [];
for await (const message of sandbox.terminal.output(ws)) {
  messages.push(message);
  console.log(JSON.stringify(message));
  if (messages.length === 4) break;
}
// A prompt, the echo of the line, the shell's output, a new prompt.
assert.deepEqual(messages, ["$ ", 'echo "Hello from terminal!"\r\n', "Hello from terminal!\r\n", "$ "]);

const second = await sandbox.terminal.connect();
sandbox.terminal.resize(second, 80, 24);
sandbox.terminal.sendInput(second, "cd /tmp && pwd\n");
sandbox.terminal.sendInput(second, "exit 3\n");
let output = "";
for await (const message of sandbox.terminal.output(second)) output += message;
assert.equal(output, "$ cd /tmp && pwd\r\n/tmp\r\n$ exit 3\r\n");
assert.equal(await second.wait(), 3);
await sandbox.kill();
