// Follows https://docs.hopx.ai/sdk/javascript/terminal: connect, sendInput, then read the output message by
// message; and https://docs.hopx.ai/cli/commands/terminal ("$ " prompt, exit codes).
import assert from "node:assert/strict";
import { Sandbox } from "hopx-client";

const sandbox = await Sandbox.create({ template: "code-interpreter" });
const ws = await sandbox.terminal.connect();
sandbox.terminal.sendInput(ws, 'echo "Hello from terminal!"\n');

// As the docs do: read until ten messages have come. A PTY echoes each key as a message, so they do.
const messages = [];
for await (const message of sandbox.terminal.output(ws)) {
  messages.push(message);
  console.log(JSON.stringify(message));
  if (messages.length === 10) break;
}
assert.deepEqual(messages, ["$ ", "e", "c", "h", "o", " ", '"', "H", "e", "l"]);

const second = await sandbox.terminal.connect();
sandbox.terminal.resize(second, 80, 24);
sandbox.terminal.sendInput(second, "cd /tmp && pwd\n");
sandbox.terminal.sendInput(second, "exit 3\n");
let output = "";
for await (const message of sandbox.terminal.output(second)) output += message;
// The whole exchange: echo, the shell's output, prompts, then the exit.
assert.equal(output, "$ cd /tmp && pwd\r\n/tmp\r\n$ exit 3\r\n");
assert.equal(await second.wait(), 3);
await sandbox.kill();
