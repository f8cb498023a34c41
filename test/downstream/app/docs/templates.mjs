// Follows https://docs.hopx.ai/cli/commands/sandbox ("hopx sandbox create --template python"),
// https://docs.hopx.ai/api/control-plane/get-template and https://docs.hopx.ai/sdk/javascript/sandbox
// (Sandbox.create, listTemplates, getTemplate): HopX's public templates by name.
import assert from "node:assert/strict";
import { Sandbox } from "hopx-client";

const templates = await Sandbox.listTemplates();
for (const template of templates) console.log(`${template.name}: ${template.displayName}`);

const template = await Sandbox.getTemplate("code-interpreter");
console.log(`Template: ${template.displayName}`);
console.log("Default Resources:", template.defaultResources);

for (const name of ["python", "nodejs", "desktop"]) {
  const sandbox = await Sandbox.create({ template: name });
  const info = await sandbox.getInfo();
  console.log(`${info.sandboxId} ${info.status} ${info.templateName}`);
  assert.equal(info.templateName, name);
  assert.equal(info.status, "running");
  await sandbox.kill();
}

// What HopX answers: the public templates by the names its docs use, with the docs' resources.
for (const name of ["code-interpreter", "python", "nodejs", "desktop"])
  assert.ok(
    templates.some((t) => t.name === name && t.isPublic === true),
    name,
  );
assert.deepEqual(template.defaultResources, { vcpu: 2, memoryMb: 4096, diskGb: 10 });
assert.deepEqual(template.features, ["python", "javascript", "bash", "desktop", "internet"]);
