// Follows @hopx-ai/sdk's `getPreviewUrl(port)` (https://docs.hopx.ai/sdk/javascript/sandbox): the public URL of
// a port is `https://<port>-<sandbox id>.<region>.vms.hopx.dev/`.
import assert from "node:assert/strict";
import { Sandbox } from "hopx-client";

const sandbox = await Sandbox.create({ template: "code-interpreter", region: "us-east" });
const url = await sandbox.getPreviewUrl(8080);
console.log(url);
assert.match(url, /^https:\/\/8080-[a-z0-9]+\.[a-z0-9-]+\.vms\.hopx\.dev\/$/);
assert.equal(url, `https://8080-${sandbox.sandboxId}.us-east.vms.hopx.dev/`);
assert.equal(await sandbox.getPreviewUrl(), `https://7777-${sandbox.sandboxId}.us-east.vms.hopx.dev/`);
await sandbox.kill();
