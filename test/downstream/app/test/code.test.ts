import { Sandbox } from "hopx-client";
import { setupHopxMock } from "hopx-client/mock/vitest";
import { beforeAll, expect, it } from "vitest";
import { runUserCode, saveNote } from "../src/app.js";
import { meetTheOtherFile } from "./parallel.js";

const mock = setupHopxMock();
beforeAll(() => meetTheOtherFile("code", "fleet"), 40_000);

it("returns the stdout the test scripted", async () => {
  mock.on("executeCode", () => ({ stdout: "42\n", exitCode: 0 }));
  expect(await runUserCode("print(6 * 7)")).toBe("42\n");
});

it("survives a 429 on create: the SDK waits Retry-After and resends", async () => {
  mock.fail("createSandbox", { status: 429, retryAfter: 1, times: 1 });
  expect(await runUserCode("print('after the wait')")).toBe("after the wait\n");
  expect(mock.requests.filter((r) => r.operationId === "createSandbox").map((r) => r.status)).toEqual([429, 201]);
});

it("gets a 404 for a sandbox after it was killed", async () => {
  const sandbox = await Sandbox.create({ template: "code-interpreter" });
  await sandbox.kill();
  await expect(sandbox.getInfo()).rejects.toMatchObject({ status: 404 });
});

it("reads back the note it wrote", async () => {
  const sandbox = await Sandbox.create({ template: "code-interpreter" });
  expect(await saveNote(sandbox, "todo.txt", "buy milk")).toBe("buy milk");
  expect(mock.sandboxes()[0]?.files).toContain("/workspace/todo.txt");
});

it("keeps working after the sandbox token expired on the mock clock", async () => {
  const sandbox = await Sandbox.create({ template: "code-interpreter" });
  mock.clock.advance(2 * 60 * 60 * 1000);
  expect(await saveNote(sandbox, "late.txt", "still here")).toBe("still here");
  expect(mock.requests.some((r) => r.operationId === "refreshSandboxToken")).toBe(true);
});
