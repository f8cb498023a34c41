// The stateful mock knows HopX's public templates by the names HopX's docs and examples use, with the
// resources a sandbox created from each gets.
import { afterAll, describe, expect, it } from "vitest";
import { Sandbox } from "hopx-client";
import { startMock, type HopxMock } from "hopx-client/mock";

let mock: HopxMock;
const started = startMock().then((m) => (mock = m));
afterAll(() => mock.stop());

describe("public templates", () => {
  it("lists code-interpreter, python, nodejs and desktop as public, beside the organisation's own", async () => {
    await started;
    const templates = await Sandbox.listTemplates(mock.clientOptions);
    const publicNames = templates.filter((t) => t.isPublic).map((t) => t.name);
    expect(publicNames).toEqual(["code-interpreter", "python", "nodejs", "desktop"]);
    expect(templates.filter((t) => !t.isPublic).map((t) => t.name)).toEqual(["my-python-app"]);
    expect(templates.every((t) => t.status === "active" && t.isActive)).toBe(true);
  });

  it("gives each its features and default resources", async () => {
    await started;
    const desktop = await Sandbox.getTemplate("desktop", mock.clientOptions);
    expect(desktop.features).toContain("desktop");
    const python = await Sandbox.getTemplate("python", mock.clientOptions);
    expect(python).toMatchObject({ id: "74", language: "python", defaultResources: { vcpu: 1, memoryMb: 2048 } });
    expect(python.features).not.toContain("desktop");
    const nodejs = await Sandbox.getTemplate("75", mock.clientOptions);
    expect(nodejs).toMatchObject({ name: "nodejs", language: "javascript" });
  });

  it("creates sandboxes from them by name, with the template's resources", async () => {
    await started;
    for (const template of ["python", "nodejs", "desktop", "code-interpreter"]) {
      const sandbox = await Sandbox.create({ template, ...mock.clientOptions });
      const info = await sandbox.getInfo();
      expect(info.templateName).toBe(template);
      const expected = (await Sandbox.getTemplate(template, mock.clientOptions)).defaultResources;
      expect(info.resources?.vcpu).toBe(expected?.vcpu);
    }
  });
});
