// The stateful mock knows HopX's public templates by the names HopX's docs and examples use, with the
// resources a sandbox created from each gets.
import { afterAll, describe, expect, it } from "vitest";
import { APIError, DesktopNotAvailableError, Sandbox } from "hopx-client";
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

  it("refuses to delete a public template with HopX's 403, and keeps it", async () => {
    await started;
    const err = await Sandbox.deleteTemplate("python", mock.clientOptions).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect(err).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect((await Sandbox.getTemplate("python", mock.clientOptions)).isPublic).toBe(true);
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

describe("desktop by template", () => {
  it("answers desktop calls on a desktop sandbox and 503 DESKTOP_NOT_AVAILABLE on one without", async () => {
    await started;
    const desktop = await Sandbox.create({ template: "desktop", ...mock.clientOptions });
    const png = await desktop.desktop.screenshot();
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    await expect(desktop.desktop.mouseClick(10, 20)).resolves.toBeUndefined();

    const python = await Sandbox.create({ template: "python", ...mock.clientOptions });
    const error = await python.desktop.mouseClick(10, 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DesktopNotAvailableError);
    expect(error).toMatchObject({ status: 503, code: "DESKTOP_NOT_AVAILABLE" });
    const raw = await fetch(`${await python.getAgentUrl()}/desktop/screenshot`, {
      headers: { Authorization: `Bearer ${await python.getToken()}` },
    });
    expect(raw.status).toBe(503);
    expect(await raw.json()).toMatchObject({
      code: "DESKTOP_NOT_AVAILABLE",
      details: { missing_dependencies: expect.arrayContaining(["xvfb"]) },
    });
  });
});
