// The same app under node:test, through hopx-client/mock/node-test (plain JavaScript, no build step).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Sandbox } from "hopx-client";
import { setupHopxMock } from "hopx-client/mock/node-test";

const mock = setupHopxMock();

test("writes a note and reads it back", async () => {
  const sandbox = await Sandbox.create({ template: "code-interpreter" });
  await sandbox.files.write("/workspace/n.txt", "node:test");
  assert.equal(await sandbox.files.read("/workspace/n.txt"), "node:test");
  assert.equal(mock.sandboxes().length, 1);
});

test("starts each test without the previous test's sandboxes", async () => {
  assert.deepEqual(mock.sandboxes(), []);
  mock.once("runCommand", () => ({ stdout: "scripted\n" }));
  const sandbox = await Sandbox.create({ template: "code-interpreter" });
  assert.equal((await sandbox.commands.run("echo real")).stdout, "scripted\n");
});
