import { Sandbox } from "hopx-client";
import { setupHopxMock } from "hopx-client/mock/vitest";
import { beforeAll, expect, it } from "vitest";
import { buildFlaskTemplate, listRunning } from "../src/app.js";
import { meetTheOtherFile } from "./parallel.js";

const mock = setupHopxMock();
beforeAll(() => meetTheOtherFile("fleet", "code"), 40_000);

it("lists the sandboxes it created, and only this file's", async () => {
  const created = await Promise.all([1, 2, 3].map(() => Sandbox.create({ template: "code-interpreter" })));
  expect((await listRunning()).sort()).toEqual(created.map((s) => s.sandboxId).sort());
});

it("builds a template that new sandboxes can use", async () => {
  const id = await buildFlaskTemplate("flask-app");
  const sandbox = await Sandbox.create({ template: "flask-app" });
  expect((await sandbox.getInfo()).templateId).toBe(id);
  expect(mock.requests.map((r) => r.operationId)).toContain("buildTemplate");
});
