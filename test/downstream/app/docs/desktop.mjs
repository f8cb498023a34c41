// Follows https://docs.hopx.ai/api/vm-agent/overview ("Desktop Automation": VNC, mouse and keyboard, screenshots)
// with the desktop examples' `template: "desktop"`; a template without a desktop answers 503
// DESKTOP_NOT_AVAILABLE, as HopX's agent documents.
import assert from "node:assert/strict";
import { DesktopNotAvailableError, Sandbox } from "hopx-client";

const sandbox = await Sandbox.create({ template: "desktop" });
await sandbox.desktop.mouseClick(100, 200);
await sandbox.desktop.keyboardType("Hello, desktop");
const screenshot = await sandbox.desktop.screenshot();
console.log(`screenshot: ${screenshot.byteLength} bytes`);
assert.equal(Buffer.from(screenshot.subarray(1, 4)).toString("ascii"), "PNG");
await sandbox.kill();

const plain = await Sandbox.create({ template: "python" });
await assert.rejects(plain.desktop.screenshot(), (error) => {
  assert.ok(error instanceof DesktopNotAvailableError);
  assert.equal(error.code, "DESKTOP_NOT_AVAILABLE");
  console.log(`python template: ${error.message}`);
  return true;
});
await plain.kill();
